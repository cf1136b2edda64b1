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
//! percent-encoding happens later, when the URL is built.

use std::fmt::{self, Display, Write as _};

use serde::Serialize;
use serde::ser::{
    self, Impossible, SerializeMap, SerializeSeq, SerializeStruct, SerializeTuple,
    SerializeTupleStruct, Serializer,
};

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
// Structs and maps: each field or entry extends the key prefix by one segment.
// ---------------------------------------------------------------------------------------------

struct NestedSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a mut String,
    /// Length of the prefix before the pending map key, between `serialize_key` and
    /// `serialize_value`.
    pending: Option<usize>,
}

impl<'a> NestedSerializer<'a> {
    fn new(out: &'a mut Vec<(String, String)>, key: &'a mut String) -> Self {
        NestedSerializer {
            out,
            key,
            pending: None,
        }
    }

    /// Serializes `value` under the current key, then restores the prefix to `base`.
    fn value_then_truncate<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        base: usize,
    ) -> Result<(), QueryError> {
        let result = value.serialize(ValueSerializer {
            out: &mut *self.out,
            key: &mut *self.key,
        });
        self.key.truncate(base);
        result
    }
}

impl SerializeStruct for NestedSerializer<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), QueryError> {
        if name.is_empty() {
            return Err(QueryError::new(format!(
                "a struct field name is empty {}",
                at(self.key)
            )));
        }
        let base = self.key.len();
        push_segment(self.key, name);
        self.value_then_truncate(value, base)
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

impl SerializeMap for NestedSerializer<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), QueryError> {
        let base = self.key.len();
        let nested = base > 0;
        if nested {
            self.key.push('[');
        }
        let start = self.key.len();
        let result = key.serialize(ScalarSink {
            buf: &mut *self.key,
            role: Role::MapKey { base },
        });
        match result {
            Ok(true) if self.key.len() > start => {}
            Ok(_) => {
                self.key.truncate(base);
                return Err(QueryError::new(format!(
                    "a map key is empty {}",
                    at(self.key)
                )));
            }
            Err(e) => {
                self.key.truncate(base);
                return Err(e);
            }
        }
        if nested {
            self.key.push(']');
        }
        self.pending = Some(base);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        match self.pending.take() {
            Some(base) => self.value_then_truncate(value, base),
            None => Err(QueryError::new(format!(
                "a map value came without its key {}",
                at(self.key)
            ))),
        }
    }

    fn end(self) -> Result<(), QueryError> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// A value under a key: scalars become one pair, structs and maps nest, sequences comma-join.
// ---------------------------------------------------------------------------------------------

struct ValueSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a mut String,
}

impl ValueSerializer<'_> {
    fn push(self, value: String) -> Result<(), QueryError> {
        self.out.push((self.key.clone(), value));
        Ok(())
    }

    fn push_display(self, value: impl Display) -> Result<(), QueryError> {
        let mut buf = String::new();
        write_display(&mut buf, value)?;
        self.push(buf)
    }

    fn reject(&self, what: &str) -> QueryError {
        QueryError::new(format!(
            "{what} cannot be encoded in a query {}; use a scalar, a sequence of scalars, a \
             struct or a map",
            at(self.key)
        ))
    }
}

impl<'a> Serializer for ValueSerializer<'a> {
    type Ok = ();
    type Error = QueryError;
    type SerializeSeq = SeqJoiner<'a>;
    type SerializeTuple = SeqJoiner<'a>;
    type SerializeTupleStruct = SeqJoiner<'a>;
    type SerializeTupleVariant = Impossible<(), QueryError>;
    type SerializeMap = NestedSerializer<'a>;
    type SerializeStruct = NestedSerializer<'a>;
    type SerializeStructVariant = Impossible<(), QueryError>;

    fn serialize_bool(self, v: bool) -> Result<(), QueryError> {
        self.push(String::from(if v { "true" } else { "false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), QueryError> {
        self.push_display(v)
    }
    fn serialize_char(self, v: char) -> Result<(), QueryError> {
        self.push(String::from(v))
    }
    fn serialize_str(self, v: &str) -> Result<(), QueryError> {
        self.push(String::from(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), QueryError> {
        Err(self.reject("bytes"))
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
        variant: &'static str,
    ) -> Result<(), QueryError> {
        self.push(String::from(variant))
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
        Ok(SeqJoiner::new(self.out, self.key))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
        Ok(SeqJoiner::new(self.out, self.key))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, QueryError> {
        Ok(SeqJoiner::new(self.out, self.key))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(self.reject("a tuple enum variant"))
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
        Err(self.reject("a struct enum variant"))
    }
}

// ---------------------------------------------------------------------------------------------
// Sequences: scalars joined with commas into one value; an empty sequence adds nothing.
// ---------------------------------------------------------------------------------------------

struct SeqJoiner<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a str,
    buf: String,
    /// Elements written so far (`None` and unit elements are skipped).
    count: usize,
}

impl<'a> SeqJoiner<'a> {
    fn new(out: &'a mut Vec<(String, String)>, key: &'a mut String) -> Self {
        SeqJoiner {
            out,
            key,
            buf: String::new(),
            count: 0,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        let before = self.buf.len();
        if self.count > 0 {
            self.buf.push(',');
        }
        let present = value.serialize(ScalarSink {
            buf: &mut self.buf,
            role: Role::Element { key: self.key },
        })?;
        if present {
            self.count += 1;
        } else {
            self.buf.truncate(before);
        }
        Ok(())
    }

    fn finish(self) -> Result<(), QueryError> {
        if self.count > 0 {
            self.out.push((String::from(self.key), self.buf));
        }
        Ok(())
    }
}

impl SerializeSeq for SeqJoiner<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }
    fn end(self) -> Result<(), QueryError> {
        self.finish()
    }
}

impl SerializeTuple for SeqJoiner<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }
    fn end(self) -> Result<(), QueryError> {
        self.finish()
    }
}

impl SerializeTupleStruct for SeqJoiner<'_> {
    type Ok = ();
    type Error = QueryError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), QueryError> {
        self.element(value)
    }
    fn end(self) -> Result<(), QueryError> {
        self.finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Scalars written straight into a buffer: sequence elements and map keys.
// ---------------------------------------------------------------------------------------------

/// Where a [`ScalarSink`] writes, for its rules and its error messages.
enum Role<'a> {
    /// An element of the sequence under `key`; `None` and unit are skipped.
    Element { key: &'a str },
    /// A map key appended to the prefix `buf[..base]`; `None` and unit are errors.
    MapKey { base: usize },
}

/// Serializes a scalar into `buf`; `Ok(false)` means "absent" (`None` or unit).
struct ScalarSink<'a> {
    buf: &'a mut String,
    role: Role<'a>,
}

impl ScalarSink<'_> {
    fn write(self, value: impl Display) -> Result<bool, QueryError> {
        write_display(self.buf, value)?;
        Ok(true)
    }

    fn write_str(self, value: &str) -> Result<bool, QueryError> {
        self.buf.push_str(value);
        Ok(true)
    }

    fn absent(self, what: &str) -> Result<bool, QueryError> {
        match self.role {
            Role::Element { .. } => Ok(false),
            Role::MapKey { .. } => Err(self.reject(what)),
        }
    }

    fn reject(&self, what: &str) -> QueryError {
        match self.role {
            Role::Element { key } => QueryError::new(format!(
                "a sequence in a query may contain only {SCALARS}, found {what} {}",
                at(key)
            )),
            Role::MapKey { base } => QueryError::new(format!(
                "a map key in a query must be one of {SCALARS}, found {what} {}",
                at(self.buf.get(..base).unwrap_or_default())
            )),
        }
    }
}

impl Serializer for ScalarSink<'_> {
    type Ok = bool;
    type Error = QueryError;
    type SerializeSeq = Impossible<bool, QueryError>;
    type SerializeTuple = Impossible<bool, QueryError>;
    type SerializeTupleStruct = Impossible<bool, QueryError>;
    type SerializeTupleVariant = Impossible<bool, QueryError>;
    type SerializeMap = Impossible<bool, QueryError>;
    type SerializeStruct = Impossible<bool, QueryError>;
    type SerializeStructVariant = Impossible<bool, QueryError>;

    fn serialize_bool(self, v: bool) -> Result<bool, QueryError> {
        self.write_str(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_i16(self, v: i16) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_i32(self, v: i32) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_i64(self, v: i64) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_i128(self, v: i128) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_u8(self, v: u8) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_u16(self, v: u16) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_u32(self, v: u32) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_u64(self, v: u64) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_u128(self, v: u128) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_f32(self, v: f32) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_f64(self, v: f64) -> Result<bool, QueryError> {
        self.write(v)
    }
    fn serialize_char(self, v: char) -> Result<bool, QueryError> {
        self.buf.push(v);
        Ok(true)
    }
    fn serialize_str(self, v: &str) -> Result<bool, QueryError> {
        self.write_str(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<bool, QueryError> {
        Err(self.reject("bytes"))
    }
    fn serialize_none(self) -> Result<bool, QueryError> {
        self.absent("`None`")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<bool, QueryError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<bool, QueryError> {
        self.absent("unit")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, QueryError> {
        self.absent("a unit struct")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<bool, QueryError> {
        self.write_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, QueryError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<bool, QueryError> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, QueryError> {
        Err(self.reject("a sequence"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, QueryError> {
        Err(self.reject("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, QueryError> {
        Err(self.reject("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, QueryError> {
        Err(self.reject("a tuple enum variant"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, QueryError> {
        Err(self.reject("a map"))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, QueryError> {
        Err(self.reject("a struct"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, QueryError> {
        Err(self.reject("a struct enum variant"))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::{QueryError, append_pairs};

    fn pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, QueryError> {
        let mut out = Vec::new();
        append_pairs(value, &mut out)?;
        Ok(out)
    }

    fn expect(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (String::from(*k), String::from(*v)))
            .collect()
    }

    #[derive(Serialize, Default)]
    struct ListQuery {
        page: Option<Page>,
        filter: Option<Filter>,
        sort: Option<Sort>,
        include_phone_numbers: Option<bool>,
    }

    #[derive(Serialize, Default)]
    struct Page {
        number: Option<u32>,
        size: Option<u32>,
    }

    #[derive(Serialize, Default)]
    struct Filter {
        customer_reference: Option<String>,
        phone_numbers: Option<PhoneFilter>,
        porting_order_id: Vec<String>,
        misc: Option<Misc>,
    }

    #[derive(Serialize, Default)]
    struct PhoneFilter {
        country_code: Option<String>,
        phone_number: Option<Contains>,
    }

    #[derive(Serialize, Default)]
    struct Contains {
        contains: Option<String>,
    }

    #[derive(Serialize, Default)]
    struct Misc {
        #[serde(rename = "type")]
        kind: Option<Kind>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Full,
        Partial,
    }

    #[derive(Serialize, Default)]
    struct Sort {
        value: Option<String>,
    }

    #[test]
    fn full_list_query() {
        let query = ListQuery {
            page: Some(Page {
                number: Some(2),
                size: Some(25),
            }),
            filter: Some(Filter {
                customer_reference: Some(String::from("ref-1")),
                phone_numbers: Some(PhoneFilter {
                    country_code: Some(String::from("US")),
                    phone_number: Some(Contains {
                        contains: Some(String::from("+1312")),
                    }),
                }),
                porting_order_id: vec![String::from("a"), String::from("b")],
                misc: Some(Misc {
                    kind: Some(Kind::Full),
                }),
            }),
            sort: Some(Sort {
                value: Some(String::from("-created_at")),
            }),
            include_phone_numbers: Some(true),
        };
        assert_eq!(
            pairs(&query),
            Ok(expect(&[
                ("page[number]", "2"),
                ("page[size]", "25"),
                ("filter[customer_reference]", "ref-1"),
                ("filter[phone_numbers][country_code]", "US"),
                ("filter[phone_numbers][phone_number][contains]", "+1312"),
                ("filter[porting_order_id]", "a,b"),
                ("filter[misc][type]", "full"),
                ("sort[value]", "-created_at"),
                ("include_phone_numbers", "true"),
            ]))
        );
    }

    #[test]
    fn none_and_empty_sequences_are_omitted() {
        assert_eq!(pairs(&ListQuery::default()), Ok(Vec::new()));
        let query = ListQuery {
            page: Some(Page {
                number: None,
                size: Some(10),
            }),
            filter: Some(Filter::default()),
            sort: Some(Sort::default()),
            include_phone_numbers: Some(false),
        };
        assert_eq!(
            pairs(&query),
            Ok(expect(&[
                ("page[size]", "10"),
                ("include_phone_numbers", "false")
            ]))
        );
    }

    #[test]
    fn appends_after_existing_pairs() {
        let mut out = expect(&[("existing", "1")]);
        let query = ListQuery {
            include_phone_numbers: Some(true),
            ..ListQuery::default()
        };
        assert_eq!(append_pairs(&query, &mut out), Ok(()));
        assert_eq!(
            out,
            expect(&[("existing", "1"), ("include_phone_numbers", "true")])
        );
    }

    #[derive(Serialize)]
    struct Id(u64);

    #[derive(Serialize)]
    #[allow(dead_code)]
    enum Either {
        Num(i64),
        Text(String),
    }

    #[derive(Serialize)]
    struct Scalars {
        neg: i8,
        big: u128,
        float: f64,
        ch: char,
        id: Id,
        either: Either,
        nums: Vec<i32>,
        mixed: Vec<Option<Kind>>,
        tuple: (u8, &'static str),
        unit: (),
        empty: Vec<u8>,
    }

    #[test]
    fn scalars_newtypes_and_sequences() {
        let value = Scalars {
            neg: -5,
            big: u128::MAX,
            float: 1.5,
            ch: 'x',
            id: Id(42),
            either: Either::Num(-7),
            nums: vec![1, 2, 3],
            mixed: vec![Some(Kind::Full), None, Some(Kind::Partial)],
            tuple: (1, "two"),
            unit: (),
            empty: Vec::new(),
        };
        assert_eq!(
            pairs(&value),
            Ok(expect(&[
                ("neg", "-5"),
                ("big", "340282366920938463463374607431768211455"),
                ("float", "1.5"),
                ("ch", "x"),
                ("id", "42"),
                ("either", "-7"),
                ("nums", "1,2,3"),
                ("mixed", "full,partial"),
                ("tuple", "1,two"),
            ]))
        );
    }

    #[derive(Serialize)]
    struct Range {
        gt: Option<String>,
        lt: Option<String>,
    }

    #[derive(Serialize)]
    struct Activation {
        foc_datetime_requested: Option<Range>,
    }

    #[derive(Serialize)]
    struct Common {
        customer_reference: Option<String>,
        activation_settings: Option<Activation>,
    }

    #[derive(Serialize)]
    struct FlatFilter {
        #[serde(flatten)]
        common: Common,
        status: Option<String>,
    }

    #[derive(Serialize)]
    struct FlatQuery {
        filter: FlatFilter,
        #[serde(flatten)]
        extra: BTreeMap<String, String>,
    }

    #[test]
    fn flatten_works() {
        let mut extra = BTreeMap::new();
        extra.insert(String::from("page[size]"), String::from("5"));
        let value = FlatQuery {
            filter: FlatFilter {
                common: Common {
                    customer_reference: Some(String::from("abc")),
                    activation_settings: Some(Activation {
                        foc_datetime_requested: Some(Range {
                            gt: Some(String::from("2024-01-01")),
                            lt: None,
                        }),
                    }),
                },
                status: Some(String::from("draft")),
            },
            extra,
        };
        assert_eq!(
            pairs(&value),
            Ok(expect(&[
                ("filter[customer_reference]", "abc"),
                (
                    "filter[activation_settings][foc_datetime_requested][gt]",
                    "2024-01-01"
                ),
                ("filter[status]", "draft"),
                ("page[size]", "5"),
            ]))
        );
    }

    #[test]
    fn maps() {
        let mut map = BTreeMap::new();
        map.insert(String::from("b"), String::from("2"));
        map.insert(String::from("a"), String::from("1"));
        assert_eq!(pairs(&map), Ok(expect(&[("a", "1"), ("b", "2")])));

        #[derive(Serialize)]
        struct WithMap {
            filter: BTreeMap<String, String>,
            by_number: BTreeMap<u16, bool>,
            by_kind: BTreeMap<&'static str, Vec<&'static str>>,
        }
        let value = WithMap {
            filter: map,
            by_number: BTreeMap::from([(7, true)]),
            by_kind: BTreeMap::from([("status", vec!["draft", "submitted"])]),
        };
        assert_eq!(
            pairs(&value),
            Ok(expect(&[
                ("filter[a]", "1"),
                ("filter[b]", "2"),
                ("by_number[7]", "true"),
                ("by_kind[status]", "draft,submitted"),
            ]))
        );
    }

    #[test]
    fn top_level_must_be_struct_or_map() {
        let err = pairs(&5_u32).err().map(|e| e.message().to_owned());
        assert_eq!(
            err.as_deref(),
            Some("the top level of a query must be a struct or a map, found an integer")
        );
        assert!(pairs("text").is_err());
        assert!(pairs(&vec![1, 2]).is_err());
        assert_eq!(pairs(&Option::<Page>::None), Ok(Vec::new()));
        assert_eq!(
            pairs(&Some(Sort {
                value: Some(String::from("x"))
            })),
            Ok(expect(&[("value", "x")]))
        );
    }

    #[test]
    fn sequence_of_structs_is_an_error() {
        #[derive(Serialize)]
        struct Bad {
            filter: Vec<Sort>,
        }
        let err = pairs(&Bad {
            filter: vec![Sort { value: None }],
        });
        let message = err
            .err()
            .map(|e| e.message().to_owned())
            .unwrap_or_default();
        assert!(
            message.contains("a sequence in a query may contain only"),
            "{message}"
        );
        assert!(message.contains("found a struct at `filter`"), "{message}");

        #[derive(Serialize)]
        struct Nested {
            ids: Vec<Vec<u8>>,
        }
        assert!(pairs(&Nested { ids: vec![vec![1]] }).is_err());
    }

    #[test]
    fn bytes_are_an_error() {
        struct Raw;
        impl Serialize for Raw {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"abc")
            }
        }
        #[derive(Serialize)]
        struct WithBytes {
            data: Raw,
        }
        let err = pairs(&WithBytes { data: Raw });
        let message = err
            .err()
            .map(|e| e.message().to_owned())
            .unwrap_or_default();
        assert!(
            message.starts_with("bytes cannot be encoded in a query at `data`"),
            "{message}"
        );
        assert!(pairs(&Raw).is_err());
    }

    #[test]
    fn empty_keys_are_errors() {
        let map = BTreeMap::from([(String::new(), String::from("v"))]);
        let message = pairs(&map)
            .err()
            .map(|e| e.message().to_owned())
            .unwrap_or_default();
        assert_eq!(message, "a map key is empty at the top level");

        #[derive(Serialize)]
        struct Outer {
            inner: BTreeMap<String, u8>,
        }
        let value = Outer {
            inner: BTreeMap::from([(String::new(), 1)]),
        };
        let message = pairs(&value)
            .err()
            .map(|e| e.message().to_owned())
            .unwrap_or_default();
        assert_eq!(message, "a map key is empty at `inner`");

        #[derive(Serialize)]
        struct EmptyName {
            #[serde(rename = "")]
            field: u8,
        }
        assert!(pairs(&EmptyName { field: 1 }).is_err());
    }

    #[test]
    fn non_scalar_map_keys_are_errors() {
        let map = BTreeMap::from([(vec![1_u8], 1_u8)]);
        assert!(pairs(&map).is_err());
        let map = BTreeMap::from([(Option::<u8>::None, 1_u8)]);
        assert!(pairs(&map).is_err());
    }

    #[test]
    fn error_traits() {
        use serde::ser::Error as _;
        let err = QueryError::custom("boom");
        assert_eq!(err.to_string(), "boom");
        assert_eq!(err.message(), "boom");
        let _: &dyn std::error::Error = &err;
    }
}
