//! Query-string encoding: a serde [`Serializer`] that turns a `Serialize` value into the
//! `key=value` pairs the Telnyx API expects.
//!
//! The layout matches the official Telnyx SDKs (`arrayFormat: "comma"`,
//! `nestedFormat: "brackets"`):
//!
//! * nested structs and maps become bracketed keys: `page[number]=2`,
//!   `filter[phone_numbers][country_code]=US`;
//! * `None` and unit are omitted entirely, and so is an empty sequence;
//! * a sequence of scalars is comma-joined into one value: `filter[porting_order_id]=a,b`;
//! * booleans are `true`/`false`, numbers use their `Display`, chars and strings are used as
//!   is, unit enum variants become their (serde-renamed) name, and newtype structs, newtype
//!   variants and `Some` are transparent.
//!
//! The top level must be a struct or a map. Keys and values are produced unencoded;
//! percent-encoding happens later, when the URL (or a form body) is built.
//!
//! Shared by `#[query]`, `#[query("key")]` and `#[form]`. One serializer role per file:
//! the top level here, `nested` (structs and maps), `value` (a value under a key), `seq`
//! (comma-joined sequences), `scalar` (sequence elements and map keys).

mod nested;
mod scalar;
mod seq;
#[cfg(test)]
mod tests;
mod value;

use std::fmt::{self, Display, Write as _};

use serde::Serialize;
use serde::ser::{self, Impossible, Serializer};

use self::nested::NestedSerializer;
use self::value::ValueSerializer;

/// Why a value could not become a query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub(crate) message: String,
}

impl QueryError {
    fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
        }
    }

    /// What went wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

impl ser::Error for QueryError {
    fn custom<T: Display>(msg: T) -> Self {
        QueryError::new(msg.to_string())
    }
}

/// Appends the pairs of `value` to `out`, keys and values unencoded (percent-encoding happens
/// later). Pairs come out in field order.
///
/// `value` must serialize as a struct or a map (or as `None`/unit, which add nothing). On
/// error, `out` may already hold some of the pairs of `value`.
pub(crate) fn append_pairs<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<(String, String)>,
) -> Result<(), QueryError> {
    let mut key = String::new();
    value.serialize(TopSerializer { out, key: &mut key })
}

/// Appends `value` under `key` (a `#[query("key")]` argument): a scalar is one pair, `None`
/// none, a sequence one comma-joined pair, a struct or map bracketed pairs below `key`.
pub(crate) fn append_value<T: Serialize + ?Sized>(
    key: &str,
    value: &T,
    out: &mut Vec<(String, String)>,
) -> Result<(), QueryError> {
    let mut key = key.to_owned();
    value.serialize(ValueSerializer { out, key: &mut key })
}

/// Percent-encodes `text` into `out`, keeping only RFC 3986 unreserved characters.
pub(crate) fn encode_component(text: &str, out: &mut String) {
    encode_into(text, out, false);
}

/// `key=value&..` as an `application/x-www-form-urlencoded` body: percent-encoded as in a
/// query string, spaces as `+`.
pub(crate) fn form_encode(pairs: &[(String, String)]) -> Vec<u8> {
    let mut text = String::with_capacity(24 * pairs.len());
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            text.push('&');
        }
        encode_into(key, &mut text, true);
        text.push('=');
        encode_into(value, &mut text, true);
    }
    text.into_bytes()
}

fn encode_into(text: &str, out: &mut String, plus_for_space: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else if b == b' ' && plus_for_space {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// What the scalars the allowed sequences and map keys may contain, for error messages.
const SCALARS: &str =
    "strings, numbers, booleans, chars, unit enum variants, or newtypes and options of those";

/// Formats the location of a value for error messages.
fn at(key: &str) -> String {
    if key.is_empty() {
        String::from("at the top level")
    } else {
        format!("at `{key}`")
    }
}

/// Appends `name` to the key prefix: `name` at the top level, `[name]` below it.
fn push_segment(key: &mut String, name: &str) {
    if key.is_empty() {
        key.push_str(name);
    } else {
        key.push('[');
        key.push_str(name);
        key.push(']');
    }
}

/// Writes a `Display` value into a buffer without an intermediate allocation.
fn write_display(buf: &mut String, value: impl Display) -> Result<(), QueryError> {
    write!(buf, "{value}").map_err(|_| QueryError::new("a value could not be formatted"))
}

// ---------------------------------------------------------------------------------------------
// Top level: only structs and maps (and the empty values `None`/unit) are accepted.
// ---------------------------------------------------------------------------------------------

struct TopSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a mut String,
}

impl TopSerializer<'_> {
    fn reject(what: &str) -> QueryError {
        QueryError::new(format!(
            "the top level of a query must be a struct or a map, found {what}"
        ))
    }
}

impl<'a> Serializer for TopSerializer<'a> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = Impossible<(), QueryError>;
    type SerializeTuple = Impossible<(), QueryError>;
    type SerializeTupleStruct = Impossible<(), QueryError>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = NestedSerializer<'a>;
    type SerializeStruct = NestedSerializer<'a>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    fn serialize_bool(self, _: bool) -> Result<(), QueryError> {
        Err(Self::reject("a boolean"))
    }
    fn serialize_i8(self, _: i8) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_i16(self, _: i16) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_i32(self, _: i32) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_i64(self, _: i64) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_i128(self, _: i128) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_u8(self, _: u8) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_u16(self, _: u16) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_u32(self, _: u32) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_u64(self, _: u64) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_u128(self, _: u128) -> Result<(), QueryError> {
        Err(Self::reject("an integer"))
    }
    fn serialize_f32(self, _: f32) -> Result<(), QueryError> {
        Err(Self::reject("a float"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), QueryError> {
        Err(Self::reject("a float"))
    }
    fn serialize_char(self, _: char) -> Result<(), QueryError> {
        Err(Self::reject("a char"))
    }
    fn serialize_str(self, _: &str) -> Result<(), QueryError> {
        Err(Self::reject("a string"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), QueryError> {
        Err(Self::reject("bytes"))
    }
    fn serialize_none(self) -> Result<(), QueryError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), QueryError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), QueryError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), QueryError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), QueryError> {
        Err(Self::reject("a unit enum variant"))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, QueryError> {
        Err(Self::reject("a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
        Err(Self::reject("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, QueryError> {
        Err(Self::reject("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(Self::reject("a tuple enum variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, QueryError> {
        Ok(NestedSerializer::new(self.out, self.key))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, QueryError> {
        Ok(NestedSerializer::new(self.out, self.key))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, QueryError> {
        Err(Self::reject("a struct enum variant"))
    }
}

// ---------------------------------------------------------------------------------------------
