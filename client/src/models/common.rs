//! Types shared by several endpoints: the `data` envelopes (plain, with `meta`, paginated), the
//! tri-state [`Patch`] of PATCH bodies, and typed ids.

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

/// The `{"data": …, "meta": …}` envelope of responses that carry metadata next to the payload,
/// such as [`PortingOrderResponse`] (retrieve, update, confirm and cancel a porting order).
///
/// It dereferences to its payload, like [`Data`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataWithMeta<T, M> {
    /// The payload.
    pub data: T,
    /// The metadata, when the API sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<M>,
}

impl<T, M> DataWithMeta<T, M> {
    /// The payload, without the envelope.
    pub fn into_inner(self) -> T {
        self.data
    }
}

impl<T, M> Deref for DataWithMeta<T, M> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T, M> DerefMut for DataWithMeta<T, M> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// The `meta` of a single porting order response: where to list all of its phone numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderMeta {
    /// A link to list all the order's phone numbers, such as
    /// `/v2/porting_phone_numbers?filter[porting_order_id]=…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers_url: Option<String>,
}

/// The body of the responses that return one porting order with its [`PortingOrderMeta`]
/// (`GET`/`PATCH /porting_orders/{id}`, `actions/confirm`, `actions/cancel`).
pub type PortingOrderResponse = DataWithMeta<super::PortingOrder, PortingOrderMeta>;

/// One page of a list response: `{"data": [...], "meta": {page_number, …}}`.
///
/// It dereferences to the items of the page; [`Paginated`](crate::Paginated) walks the pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// Where this page stands, when the API sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PaginationMeta>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            data: Vec::new(),
            meta: None,
        }
    }
}

impl<T> Page<T> {
    /// The items of this page, without the envelope.
    pub fn into_items(self) -> Vec<T> {
        self.data
    }
}

impl<T> Deref for Page<T> {
    type Target = Vec<T>;

    fn deref(&self) -> &Vec<T> {
        &self.data
    }
}

impl<T> DerefMut for Page<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.data
    }
}

impl<T> crate::Paginated for Page<T> {
    type Item = T;

    fn page_number(&self) -> Option<u64> {
        // A negative number (the spec only says "integer") counts as not given.
        u64::try_from(self.meta.as_ref()?.page_number?).ok()
    }

    fn total_pages(&self) -> Option<u64> {
        u64::try_from(self.meta.as_ref()?.total_pages?).ok()
    }

    fn into_items(self) -> Vec<T> {
        self.data
    }
}

/// Where a page of a list response stands (the spec's `PaginationMeta`). The numbers are
/// signed because the spec only says `integer`: whatever the server sends decodes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaginationMeta {
    /// The number of this page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i64>,
    /// How many items a page holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// How many pages there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<i64>,
    /// How many items there are on all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<i64>,
}

/// A field of a PATCH body: left out (the server keeps its value), `null` (the server clears
/// it), or a new value.
///
/// Declare the field with `#[serde(default, skip_serializing_if = "Patch::is_absent")]`:
/// [`Absent`](Patch::Absent) is then left out of the JSON, [`Null`](Patch::Null) is written as
/// `null` and [`Value`](Patch::Value) as the value. Decoding gives `Null` for `null` and
/// `Absent` (the default) for a missing key. Encoding an `Absent` that was not skipped is an
/// error rather than a silent `null`, which would clear the field on the server.
///
/// ```
/// use telnyx_porting::models::Patch;
///
/// #[derive(serde::Serialize)]
/// struct Body {
///     #[serde(default, skip_serializing_if = "Patch::is_absent")]
///     a: Patch<String>,
///     #[serde(default, skip_serializing_if = "Patch::is_absent")]
///     b: Patch<String>,
///     #[serde(default, skip_serializing_if = "Patch::is_absent")]
///     c: Patch<String>,
/// }
///
/// let body = Body { a: Patch::set("new"), b: Patch::clear(), c: Patch::Absent };
/// assert_eq!(serde_json::to_string(&body)?, r#"{"a":"new","b":null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Left out of the request: the server keeps the current value.
    #[default]
    Absent,
    /// Sent as `null`: the server clears the value.
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Patch<T> {
    /// A new value for the field.
    pub fn set(value: impl Into<T>) -> Self {
        Patch::Value(value.into())
    }

    /// Clears the field (sends `null`).
    pub const fn clear() -> Self {
        Patch::Null
    }

    /// `Value(v)` for `Some(v)`, `Null` for `None`: sets or clears the field.
    pub fn from_option(value: Option<T>) -> Self {
        match value {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        }
    }

    /// Whether the field is left out (the `skip_serializing_if` of every `Patch` field).
    pub const fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// Whether the field is sent as `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// Whether the field is sent with a value.
    pub const fn is_value(&self) -> bool {
        matches!(self, Patch::Value(_))
    }

    /// The value, if one is set.
    pub const fn as_value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `None` when absent, `Some(None)` when null, `Some(Some(v))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }

    /// A reference to the value inside, keeping the state.
    pub const fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(v),
        }
    }

    /// Maps the value, keeping `Absent` and `Null`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(f(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        match self {
            Patch::Value(v) => v.serialize(serializer),
            Patch::Null => serializer.serialize_none(),
            Patch::Absent => Err(serde::ser::Error::custom(
                "Patch::Absent must be skipped: declare the field with \
                 #[serde(default, skip_serializing_if = \"Patch::is_absent\")]",
            )),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        Option::<T>::deserialize(deserializer).map(Patch::from_option)
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

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        a: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        b: Patch<String>,
    }

    #[test]
    fn patch_is_tri_state_on_the_wire() {
        for (body, json) in [
            (
                Body {
                    a: Patch::Absent,
                    b: Patch::Absent,
                },
                "{}",
            ),
            (
                Body {
                    a: Patch::clear(),
                    b: Patch::Absent,
                },
                r#"{"a":null}"#,
            ),
            (
                Body {
                    a: Patch::set("x"),
                    b: Patch::clear(),
                },
                r#"{"a":"x","b":null}"#,
            ),
        ] {
            assert_eq!(serde_json::to_string(&body).unwrap(), json);
            assert_eq!(serde_json::from_str::<Body>(json).unwrap(), body);
        }
        let unskipped = serde_json::to_string(&Patch::<u8>::Absent).unwrap_err();
        assert!(unskipped.to_string().contains("is_absent"), "{unskipped}");
        assert_eq!(Patch::from_option(Some(1)), Patch::Value(1));
        assert_eq!(Patch::<u8>::from_option(None), Patch::Null);
        assert_eq!(
            Patch::<u8>::set(2u8).map(|v| v * 2).into_option(),
            Some(Some(4))
        );
        assert_eq!(Patch::<u8>::default().into_option(), None);
        assert_eq!(Patch::<u8>::clear().as_value(), None);
        assert!(Patch::from(3u8).is_value() && Patch::<u8>::Null.is_null());
    }

    #[test]
    fn page_and_meta() {
        let json = r#"{"data":[1,2],"meta":{"page_number":2,"page_size":25,"total_pages":3,"total_results":55}}"#;
        let page: Page<u8> = serde_json::from_str(json).unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(crate::Paginated::total_pages(&page), Some(3));
        assert_eq!(crate::Paginated::page_number(&page), Some(2));
        assert_eq!(serde_json::to_string(&page).unwrap(), json);
        let bare: Page<u8> = serde_json::from_str(r#"{"data":[]}"#).unwrap();
        assert_eq!(bare, Page::default());
        assert_eq!(serde_json::to_string(&bare).unwrap(), r#"{"data":[]}"#);
        let with_meta: DataWithMeta<u8, PortingOrderMeta> =
            serde_json::from_str(r#"{"data":7,"meta":{"phone_numbers_url":"/v2/x"}}"#).unwrap();
        assert_eq!(*with_meta, 7);
        assert_eq!(
            with_meta.meta.unwrap().phone_numbers_url.as_deref(),
            Some("/v2/x")
        );
    }
}
