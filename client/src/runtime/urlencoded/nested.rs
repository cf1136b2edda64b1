//! Structs and maps: each field or entry extends the key prefix by one segment.
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct};

use super::scalar::{Role, ScalarSink};
use super::value::ValueSerializer;
use super::{QueryError, at, push_segment};

pub(super) struct NestedSerializer<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a mut String,
    /// Length of the prefix before the pending map key, between `serialize_key` and
    /// `serialize_value`.
    pending: Option<usize>,
}

impl<'a> NestedSerializer<'a> {
    pub(super) fn new(out: &'a mut Vec<(String, String)>, key: &'a mut String) -> Self {
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
