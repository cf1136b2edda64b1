//! A value under a key: scalars become one pair, structs and maps nest, sequences comma-join.
use std::fmt::Display;

use serde::Serialize;
use serde::ser::{Impossible, Serializer};

use super::nested::NestedSerializer;
use super::seq::SeqJoiner;
use super::{QueryError, at, write_display};

pub(super) struct ValueSerializer<'a> {
    pub(super) out: &'a mut Vec<(String, String)>,
    pub(super) key: &'a mut String,
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
