//! Sequences: scalars joined with commas into one value; an empty sequence adds nothing.
use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeTuple, SerializeTupleStruct};

use super::QueryError;
use super::scalar::{Role, ScalarSink};

pub(super) struct SeqJoiner<'a> {
    out: &'a mut Vec<(String, String)>,
    key: &'a str,
    buf: String,
    /// Elements written so far (`None` and unit elements are skipped).
    count: usize,
}

impl<'a> SeqJoiner<'a> {
    pub(super) fn new(out: &'a mut Vec<(String, String)>, key: &'a mut String) -> Self {
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
