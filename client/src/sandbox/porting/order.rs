//! The sandbox's porting order: a compact typed record, rendered as the API's JSON only on the
//! way out.
//!
//! What never changes (`description`, `record_type`, `user_id`, the nulls the sandbox never
//! sets...) is not stored but written by [`OrderView`]'s `Serialize`; what a PATCH may set is
//! stored, the rarely set groups (`end_user`, `phone_number_configuration`, `user_feedback`,
//! `misc`) boxed and absent until set. An order of two numbers takes about 400 bytes.
//!
//! `Deserialize` reads back what `Serialize` wrote (the keys that are not stored are
//! ignored): a PATCH renders the order, merges the body into it, and reads it back.

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::clock::{format_time, parse_time};
use super::ids::IdSource;
use super::requirements;
use super::table::Record;

/// The `user_id` of every order the sandbox creates.
pub(crate) const SANDBOX_USER_ID: &str = "40d68ba2-0847-4df2-be9c-b0e0cb673e75";

/// A porting order as the sandbox stores it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Order {
    pub(crate) activation_settings: ActivationSettings,
    pub(crate) created_at: Stamp,
    pub(crate) customer_reference: Option<Box<str>>,
    pub(crate) customer_group_reference: Option<Box<str>>,
    pub(crate) documents: Documents,
    pub(crate) end_user: Lazy<EndUser>,
    pub(crate) id: Uuid,
    pub(crate) misc: Option<Box<Misc>>,
    pub(crate) phone_number_configuration: Lazy<NumberConfiguration>,
    pub(crate) phone_numbers: Vec<Number>,
    /// The values of the order's requirements other than the LOA and the invoice (which are
    /// `documents`); `requirements` and `requirements_met` are written from them and the
    /// order's country (see [`super::requirements`]), and not read back.
    #[serde(skip_deserializing)]
    pub(crate) requirements: Vec<Requirement>,
    pub(crate) status: StatusField,
    pub(crate) support_key: Option<Box<str>>,
    pub(crate) updated_at: Stamp,
    pub(crate) user_feedback: Lazy<UserFeedback>,
    pub(crate) messaging: Messaging,
    pub(crate) webhook_url: Option<Box<str>>,
}

impl Record for Order {
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Order {
    /// A fresh draft order holding `numbers`.
    pub(crate) fn draft(
        ids: &IdSource,
        now: &str,
        nanp: bool,
        numbers: &[&str],
        customer_reference: Option<&str>,
        customer_group_reference: Option<&str>,
    ) -> Order {
        let id = ids.new_uuid();
        let now = Stamp::parse(now);
        Order {
            activation_settings: ActivationSettings {
                fast_port_eligible: nanp,
                foc_datetime_requested: None,
            },
            created_at: now,
            customer_reference: customer_reference.map(Box::from),
            customer_group_reference: customer_group_reference.map(Box::from),
            documents: Documents::default(),
            end_user: Lazy::default(),
            id,
            misc: None,
            phone_number_configuration: Lazy::default(),
            phone_numbers: numbers
                .iter()
                .map(|number| Number {
                    phone_number: (*number).into(),
                    porting_order_id: id,
                    porting_order_status: Status::Draft,
                    support_key: ids.support_key().into(),
                })
                .collect(),
            requirements: Vec::new(),
            status: StatusField {
                value: Status::Draft,
                details: None,
            },
            support_key: None,
            updated_at: now,
            user_feedback: Lazy::default(),
            messaging: Messaging {
                messaging_capable: nanp,
                enable_messaging: false,
            },
            webhook_url: None,
        }
    }

    pub(crate) fn status(&self) -> Status {
        self.status.value
    }

    /// Moves the order and its numbers to `status` (with no `details`).
    pub(crate) fn set_status(&mut self, status: Status) {
        self.status.value = status;
        self.status.details = None;
        for number in &mut self.phone_numbers {
            number.porting_order_status = status;
        }
    }

    /// The order as the API shows it, with or without `phone_numbers`.
    pub(crate) fn view(&self, numbers: bool) -> OrderView<'_> {
        OrderView {
            order: self,
            numbers,
        }
    }
}

impl Serialize for Order {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view(true).serialize(serializer)
    }
}

/// An order as the API shows it: every key of the specification's example, in its order.
pub(crate) struct OrderView<'a> {
    order: &'a Order,
    numbers: bool,
}

impl Serialize for OrderView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let o = self.order;
        let mut s = serializer.serialize_struct("PortingOrder", 26)?;
        s.serialize_field("activation_settings", &o.activation_settings)?;
        s.serialize_field("created_at", &o.created_at)?;
        s.serialize_field("customer_reference", &o.customer_reference)?;
        s.serialize_field("customer_group_reference", &o.customer_group_reference)?;
        s.serialize_field("description", "FP Telnyx")?;
        s.serialize_field("documents", &o.documents)?;
        s.serialize_field("end_user", &o.end_user)?;
        s.serialize_field("id", &o.id)?;
        s.serialize_field("misc", &o.misc)?;
        s.serialize_field("old_service_provider_ocn", "Unreal Communications")?;
        s.serialize_field("parent_support_key", &None::<&str>)?;
        s.serialize_field("phone_number_configuration", &o.phone_number_configuration)?;
        s.serialize_field("phone_number_type", "local")?;
        if self.numbers {
            s.serialize_field("phone_numbers", &o.phone_numbers)?;
        } else {
            s.skip_field("phone_numbers")?;
        }
        s.serialize_field("porting_phone_numbers_count", &o.phone_numbers.len())?;
        s.serialize_field("record_type", "porting_order")?;
        s.serialize_field("requirements", &requirements::View(o))?;
        s.serialize_field("requirements_met", &requirements::met(o))?;
        s.serialize_field("status", &o.status)?;
        s.serialize_field("support_key", &o.support_key)?;
        s.serialize_field("updated_at", &o.updated_at)?;
        s.serialize_field("user_feedback", &o.user_feedback)?;
        s.serialize_field("messaging", &o.messaging)?;
        s.serialize_field("user_id", SANDBOX_USER_ID)?;
        s.serialize_field("webhook_url", &o.webhook_url)?;
        s.end()
    }
}

/// A time the sandbox set, in Unix milliseconds; written as RFC 3339 to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Stamp(i64);

impl Stamp {
    /// `text` as a stamp (the Unix epoch when it is not RFC 3339, which the sandbox's own
    /// times always are).
    pub(crate) fn parse(text: &str) -> Stamp {
        let nanos = parse_time(text).map_or(0, OffsetDateTime::unix_timestamp_nanos);
        Stamp(i64::try_from(nanos / 1_000_000).unwrap_or(0))
    }

    fn time(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_time(self.time()))
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_time(self.time()))
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Stamp::parse(&text))
    }
}

/// A group of fields that is all nulls (its `Default`) until a PATCH sets one: boxed, and
/// absent while it is the default.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lazy<T>(Option<Box<T>>);

impl<T> Lazy<T> {
    pub(crate) fn get(&self) -> Option<&T> {
        self.0.as_deref()
    }
}

impl<T: Serialize + Default> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(value) => value.serialize(serializer),
            None => T::default().serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de> + Default + PartialEq> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = T::deserialize(deserializer)?;
        Ok(Lazy((value != T::default()).then(|| Box::new(value))))
    }
}

/// The status of an order (`status.value`, and `porting_order_status` of its numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Draft,
    InProcess,
    Submitted,
    Exception,
    FocDateConfirmed,
    CancelPending,
    Ported,
    Cancelled,
}

impl Status {
    pub(crate) const ALL: [Status; 8] = [
        Status::Draft,
        Status::InProcess,
        Status::Submitted,
        Status::Exception,
        Status::FocDateConfirmed,
        Status::CancelPending,
        Status::Ported,
        Status::Cancelled,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InProcess => "in-process",
            Status::Submitted => "submitted",
            Status::Exception => "exception",
            Status::FocDateConfirmed => "foc-date-confirmed",
            Status::CancelPending => "cancel-pending",
            Status::Ported => "ported",
            Status::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown status {text:?}")))
    }
}

/// `{"details": [...], "value": ...}`: `details` says why an order is in `exception`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StatusField {
    pub(crate) value: Status,
    /// Boxed, as only an order in `exception` has any.
    #[serde(default, deserialize_with = "details")]
    pub(crate) details: Details,
}

/// `status.details`, one pointer wide so that every order stays small.
#[allow(
    clippy::box_collection,
    reason = "a Vec would add 16 bytes to every order"
)]
pub(crate) type Details = Option<Box<Vec<StatusDetail>>>;

/// `details`, with an empty list as `None`.
fn details<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Details, D::Error> {
    let details: Option<Vec<StatusDetail>> = Deserialize::deserialize(deserializer)?;
    Ok(details.filter(|d| !d.is_empty()).map(Box::new))
}

/// One `status.details` entry: `{"code", "description"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StatusDetail {
    pub(crate) code: Box<str>,
    pub(crate) description: Box<str>,
}

impl Serialize for StatusField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingOrderStatus", 2)?;
        s.serialize_field(
            "details",
            self.details.as_deref().map_or(&[][..], Vec::as_slice),
        )?;
        s.serialize_field("value", &self.value)?;
        s.end()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ActivationSettings {
    pub(crate) fast_port_eligible: bool,
    pub(crate) foc_datetime_requested: Option<Box<str>>,
}

impl Serialize for ActivationSettings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingOrderActivationSettings", 4)?;
        s.serialize_field("activation_status", &None::<&str>)?;
        s.serialize_field("fast_port_eligible", &self.fast_port_eligible)?;
        s.serialize_field("foc_datetime_actual", &None::<&str>)?;
        s.serialize_field("foc_datetime_requested", &self.foc_datetime_requested)?;
        s.end()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Documents {
    pub(crate) loa: Option<Uuid>,
    pub(crate) invoice: Option<Uuid>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct EndUser {
    pub(crate) admin: EndUserAdmin,
    pub(crate) location: EndUserLocation,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct EndUserAdmin {
    pub(crate) account_number: Option<Box<str>>,
    pub(crate) auth_person_name: Option<Box<str>>,
    pub(crate) billing_phone_number: Option<Box<str>>,
    pub(crate) business_identifier: Option<Box<str>>,
    pub(crate) entity_name: Option<Box<str>>,
    pub(crate) pin_passcode: Option<Box<str>>,
    pub(crate) tax_identifier: Option<Box<str>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct EndUserLocation {
    pub(crate) administrative_area: Option<Box<str>>,
    pub(crate) country_code: Option<Box<str>>,
    pub(crate) extended_address: Option<Box<str>>,
    pub(crate) locality: Option<Box<str>>,
    pub(crate) postal_code: Option<Box<str>>,
    pub(crate) street_address: Option<Box<str>>,
}

/// `misc`: written with its keys in alphabetical order, as the sandbox always has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Misc {
    pub(crate) new_billing_phone_number: Option<Box<str>>,
    pub(crate) remaining_numbers_action: Option<Box<str>>,
    #[serde(rename = "type", default)]
    pub(crate) kind: Box<str>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct NumberConfiguration {
    pub(crate) billing_group_id: Option<Box<str>>,
    pub(crate) connection_id: Option<Box<str>>,
    pub(crate) emergency_address_id: Option<Box<str>>,
    pub(crate) messaging_profile_id: Option<Box<str>>,
    pub(crate) tags: Vec<Box<str>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct UserFeedback {
    pub(crate) user_comment: Option<Box<str>>,
    pub(crate) user_rating: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(crate) struct Messaging {
    pub(crate) messaging_capable: bool,
    pub(crate) enable_messaging: bool,
}

impl Serialize for Messaging {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingOrderMessaging", 4)?;
        s.serialize_field("messaging_capable", &self.messaging_capable)?;
        s.serialize_field("enable_messaging", &self.enable_messaging)?;
        s.serialize_field("messaging_port_status", "not_applicable")?;
        s.serialize_field("messaging_port_completed", &false)?;
        s.end()
    }
}

/// A phone number of an order (`PortingPhoneNumber`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Number {
    pub(crate) phone_number: Box<str>,
    pub(crate) porting_order_id: Uuid,
    pub(crate) porting_order_status: Status,
    pub(crate) support_key: Box<str>,
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingPhoneNumber", 9)?;
        s.serialize_field("activation_status", "New")?;
        s.serialize_field("phone_number", &self.phone_number)?;
        s.serialize_field("phone_number_type", "local")?;
        s.serialize_field("portability_status", "pending")?;
        s.serialize_field("porting_order_id", &self.porting_order_id)?;
        s.serialize_field("porting_order_status", &self.porting_order_status)?;
        s.serialize_field("record_type", "porting_phone_number")?;
        s.serialize_field("requirements_status", "requirement-info-pending")?;
        s.serialize_field("support_key", &self.support_key)?;
        s.end()
    }
}

/// The value of one of the order's requirements (other than the LOA and the invoice): a
/// document id.
#[derive(Debug, Clone)]
pub(crate) struct Requirement {
    pub(crate) field_value: Box<str>,
    pub(crate) requirement_type_id: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_reads_back_what_it_writes() {
        let ids = IdSource::new();
        let mut order = Order::draft(
            &ids,
            "2024-05-01T12:00:00.123Z",
            true,
            &["+13035550000", "+13035550001"],
            Some("ref"),
            None,
        );
        order.set_status(Status::InProcess);
        let value = serde_json::to_value(&order).unwrap();
        assert_eq!(value["created_at"], "2024-05-01T12:00:00.123Z");
        assert_eq!(value["porting_phone_numbers_count"], 2);
        assert_eq!(
            value["phone_numbers"][1]["porting_order_status"],
            "in-process"
        );
        assert_eq!(
            value["end_user"]["admin"]["entity_name"],
            serde_json::Value::Null
        );
        let back: Order = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), value);
        assert!(back.end_user.get().is_none());
        let hidden = serde_json::to_value(order.view(false)).unwrap();
        assert!(hidden.get("phone_numbers").is_none());
        assert_eq!(hidden["porting_phone_numbers_count"], 2);
    }

    #[test]
    fn an_order_is_small() {
        assert!(size_of::<Order>() <= 256, "{}", size_of::<Order>());
        assert!(size_of::<Number>() <= 64, "{}", size_of::<Number>());
    }
}
