//! Types shared by several endpoints: the `data` envelope and typed ids.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The `{"data": …}` envelope every Telnyx response body is wrapped in.
///
/// It dereferences to its content, so `created.len()` and `created.data.len()` are the same
/// thing for a `Data<Vec<PortingOrder>>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Data<T> {
    /// The payload.
    pub data: T,
}

impl<T> Data<T> {
    /// Wraps `data` in the envelope.
    pub fn new(data: T) -> Self {
        Data { data }
    }

    /// The payload, without the envelope.
    pub fn into_inner(self) -> T {
        self.data
    }
}

impl<T> Deref for Data<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> DerefMut for Data<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// Uniquely identifies a porting order (the spec's `id` and `porting_order_id`, a UUID).
///
/// On the wire it is the plain UUID string, such as `"f1486bae-f067-460c-ad43-73a92848f902"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PortingOrderId(Uuid);

impl PortingOrderId {
    /// The id for `uuid`.
    pub const fn from_uuid(uuid: Uuid) -> Self {
        PortingOrderId(uuid)
    }

    /// The UUID inside.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl fmt::Display for PortingOrderId {
    /// The hyphenated lower-case form, as the API writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for PortingOrderId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::from_str(s).map(PortingOrderId)
    }
}

impl From<Uuid> for PortingOrderId {
    fn from(uuid: Uuid) -> Self {
        PortingOrderId(uuid)
    }
}

impl From<PortingOrderId> for Uuid {
    fn from(id: PortingOrderId) -> Self {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "b0ea6d6f-de31-4079-a536-992e0c98b037";

    #[test]
    fn id_is_a_plain_uuid_string() {
        let id: PortingOrderId = serde_json::from_str(&format!("\"{ID}\"")).unwrap();
        assert_eq!(id.to_string(), ID);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{ID}\""));
        assert_eq!(ID.parse::<PortingOrderId>().unwrap(), id);
        assert_eq!(*id.as_uuid(), Uuid::parse_str(ID).unwrap());
        assert_eq!(PortingOrderId::from(*id.as_uuid()), id);
        assert!("not-a-uuid".parse::<PortingOrderId>().is_err());
    }

    #[test]
    fn envelope() {
        let data: Data<Vec<u8>> = serde_json::from_str(r#"{"data":[1,2]}"#).unwrap();
        assert_eq!(data.len(), 2);
        assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"data":[1,2]}"#);
        assert_eq!(data.into_inner(), vec![1, 2]);
    }
}
