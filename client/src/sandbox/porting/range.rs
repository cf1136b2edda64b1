//! Number ranges attached to a porting order (associated phone numbers, phone number blocks,
//! phone number extensions) and phone number configurations: compact typed records written
//! as the API's JSON by `Serialize`, the keys in alphabetical order as the sandbox always
//! wrote them.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use uuid::Uuid;

use super::order::Stamp;
use super::table::record;

/// `{start_at, end_at}` as the client sent it: phone numbers (`Range<Box<str>>`) or
/// extensions (`Range<i64>`); a bound that was left out or `null` is not written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Range<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end_at: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) start_at: Option<T>,
}

/// The `action` of an associated phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Keep,
    Disconnect,
}

impl Action {
    /// Every value, as the API writes it.
    pub(crate) const NAMES: &[&str] = &["keep", "disconnect"];

    pub(crate) fn parse(text: &str) -> Option<Action> {
        [Action::Keep, Action::Disconnect]
            .into_iter()
            .find(|a| a.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Disconnect => "disconnect",
        }
    }
}

/// An associated phone number range of an order (`porting_associated_phone_number`).
#[derive(Debug, Clone)]
pub(crate) struct AssociatedNumber {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    /// Also its `updated_at`: a range never changes.
    pub(crate) created_at: Stamp,
    pub(crate) action: Action,
    pub(crate) country_code: &'static str,
    pub(crate) range: Range<Box<str>>,
}

record!(AssociatedNumber, order);

impl Serialize for AssociatedNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingAssociatedPhoneNumber", 9)?;
        s.serialize_field("action", self.action.as_str())?;
        s.serialize_field("country_code", self.country_code)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("phone_number_range", &self.range)?;
        s.serialize_field("phone_number_type", "local")?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        s.serialize_field("record_type", "porting_associated_phone_number")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.end()
    }
}

/// A phone number block of an order (`porting_phone_number_block`).
#[derive(Debug, Clone)]
pub(crate) struct NumberBlock {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    /// Also its `updated_at`.
    pub(crate) created_at: Stamp,
    pub(crate) country_code: &'static str,
    pub(crate) range: Range<Box<str>>,
    pub(crate) activation_ranges: Box<[Range<Box<str>>]>,
}

record!(NumberBlock, order);

impl Serialize for NumberBlock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingPhoneNumberBlock", 8)?;
        s.serialize_field("activation_ranges", &self.activation_ranges)?;
        s.serialize_field("country_code", self.country_code)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("phone_number_range", &self.range)?;
        s.serialize_field("phone_number_type", "local")?;
        s.serialize_field("record_type", "porting_phone_number_block")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.end()
    }
}

/// A phone number extension range of an order (`porting_phone_number_extension`).
#[derive(Debug, Clone)]
pub(crate) struct NumberExtension {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    /// Also its `updated_at`.
    pub(crate) created_at: Stamp,
    pub(crate) porting_phone_number_id: Box<str>,
    pub(crate) range: Range<i64>,
    pub(crate) activation_ranges: Box<[Range<i64>]>,
}

record!(NumberExtension, order);

impl Serialize for NumberExtension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingPhoneNumberExtension", 7)?;
        s.serialize_field("activation_ranges", &self.activation_ranges)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("extension_range", &self.range)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("porting_phone_number_id", &self.porting_phone_number_id)?;
        s.serialize_field("record_type", "porting_phone_number_extension")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.end()
    }
}

/// A phone number configuration (`porting_phone_number_configuration`): a porting phone
/// number tied to a user bundle. Not listed under an order.
#[derive(Debug, Clone)]
pub(crate) struct NumberConfiguration {
    pub(crate) id: Uuid,
    /// Also its `updated_at`.
    pub(crate) created_at: Stamp,
    pub(crate) porting_phone_number_id: Box<str>,
    pub(crate) user_bundle_id: Box<str>,
}

record!(NumberConfiguration);

impl Serialize for NumberConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingPhoneNumberConfiguration", 6)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("porting_phone_number_id", &self.porting_phone_number_id)?;
        s.serialize_field("record_type", "porting_phone_number_configuration")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.serialize_field("user_bundle_id", &self.user_bundle_id)?;
        s.end()
    }
}
