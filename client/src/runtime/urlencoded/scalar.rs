//! Scalars written straight into a buffer: sequence elements and map keys.
use std::fmt::Display;

use serde::Serialize;
use serde::ser::{Impossible, Serializer};

use super::{QueryError, SCALARS, at, write_display};

/// Where a [`ScalarSink`] writes, for its rules and its error messages.
pub(super) enum Role<'a> {
    /// An element of the sequence under `key`; `None` and unit are skipped.
    Element { key: &'a str },
    /// A map key appended to the prefix `buf[..base]`; `None` and unit are errors.
    MapKey { base: usize },
}

/// Serializes a scalar into `buf`; `Ok(false)` means "absent" (`None` or unit).
pub(super) struct ScalarSink<'a> {
    pub(super) buf: &'a mut String,
    pub(super) role: Role<'a>,
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
