//! `open_enum!`: string enums that survive values this version of the library does not know.

/// Declares an "open" string enum: one variant per known wire value, plus
/// `Unknown(String)`, which keeps any other string verbatim so that decoding and re-encoding
/// a response never loses or changes a value the API adds later.
///
/// ```text
/// open_enum! {
///     /// Docs for the enum.
///     pub enum Name {
///         /// Docs for the variant.
///         Variant => "wire value",
///     }
/// }
/// ```
///
/// Generates the enum (`Debug, Clone, PartialEq, Eq, Hash`, `#[non_exhaustive]`), `as_str`,
/// `is_unknown`, `Display`, `From<&str>`, `From<String>`, `FromStr` (never fails), and
/// `Serialize`/`Deserialize` as a JSON string. Decoding a known value does not allocate.
///
/// Construct unknown values through `From`/`FromStr`, not by writing `Unknown("draft")` by
/// hand: a known value wrapped in `Unknown` compares unequal to its named variant.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[doc = ""]
                #[doc = concat!("On the wire: `\"", $wire, "\"`.")]
                $variant,
            )+
            /// A value this version of the library does not know; kept verbatim.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Whether this is a value this version of the library does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }

            /// The known variant for `s`, if any.
            fn known(s: &str) -> ::core::option::Option<Self> {
                match s {
                    $( $wire => ::core::option::Option::Some($name::$variant), )+
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::known(s).unwrap_or_else(|| $name::Unknown(s.to_owned()))
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                Self::known(&s).unwrap_or($name::Unknown(s))
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(s))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                struct Visitor;

                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;

                    fn expecting(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.write_str(concat!("a string (", stringify!($name), ")"))
                    }

                    fn visit_str<E>(self, v: &str) -> ::core::result::Result<$name, E>
                    where
                        E: ::serde::de::Error,
                    {
                        ::core::result::Result::Ok($name::from(v))
                    }

                    fn visit_string<E>(
                        self,
                        v: ::std::string::String,
                    ) -> ::core::result::Result<$name, E>
                    where
                        E: ::serde::de::Error,
                    {
                        ::core::result::Result::Ok($name::from(v))
                    }
                }

                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    open_enum! {
        /// A test enum.
        pub enum Sample {
            /// Spaces in the wire value.
            ActivateRdy => "Activate RDY",
            /// Hyphens in the wire value.
            InProcess => "in-process",
        }
    }

    #[test]
    fn known_values_round_trip() {
        for (wire, value) in [
            ("Activate RDY", Sample::ActivateRdy),
            ("in-process", Sample::InProcess),
        ] {
            let json = format!("\"{wire}\"");
            let decoded: Sample = serde_json::from_str(&json).unwrap();
            assert_eq!(decoded, value);
            assert!(!decoded.is_unknown());
            assert_eq!(decoded.as_str(), wire);
            assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
            assert_eq!(Sample::from(wire), value);
            assert_eq!(Sample::from(wire.to_owned()), value);
            assert_eq!(wire.parse::<Sample>(), Ok(value));
        }
    }

    #[test]
    fn unknown_values_are_kept_verbatim() {
        let decoded: Sample = serde_json::from_str("\"Activate LATER\"").unwrap();
        assert_eq!(decoded, Sample::Unknown("Activate LATER".into()));
        assert!(decoded.is_unknown());
        assert_eq!(decoded.to_string(), "Activate LATER");
        assert_eq!(
            serde_json::to_string(&decoded).unwrap(),
            "\"Activate LATER\""
        );
        // Case matters: the wire values are compared exactly.
        assert!(Sample::from("activate rdy").is_unknown());
    }

    #[test]
    fn display_honours_width() {
        assert_eq!(format!("[{:<12}]", Sample::InProcess), "[in-process  ]");
    }

    #[test]
    fn non_strings_are_rejected() {
        let err = serde_json::from_str::<Sample>("42").unwrap_err();
        assert!(err.to_string().contains("a string (Sample)"), "{err}");
    }
}
