//! Porting events (`/porting/events`): a union discriminated by `event_type`.
//!
//! [`PortingEvent`] decodes each kind the spec lists into its typed struct and keeps any other
//! kind as the raw JSON object ([`PortingEvent::Unknown`]), which re-encodes unchanged.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;
use super::porting_order::{MessagingPortStatus, PortingOrderStatus};

open_enum! {
    /// The kind of a porting event (its `event_type`).
    pub enum PortingEventType {
        /// The porting order was deleted.
        Deleted => "porting_order.deleted",
        /// The LOA of the porting order was updated.
        LoaUpdated => "porting_order.loa_updated",
        /// The messaging status of the porting order changed.
        MessagingChanged => "porting_order.messaging_changed",
        /// The status of the porting order changed.
        StatusChanged => "porting_order.status_changed",
        /// A sharing token of the porting order expired.
        SharingTokenExpired => "porting_order.sharing_token_expired",
        /// A comment was added to the porting order.
        NewComment => "porting_order.new_comment",
        /// The porting order was split.
        Split => "porting_order.split",
    }
}

open_enum! {
    /// A way the event was notified.
    pub enum NotificationMethod {
        /// By email.
        Email => "email",
        /// By webhook.
        Webhook => "webhook",
        /// By a version 1 webhook.
        WebhookV1 => "webhook_v1",
    }
}

open_enum! {
    /// Whether the payload of an event has been generated.
    pub enum PayloadStatus {
        /// Not generated yet.
        Created => "created",
        /// Generated.
        Completed => "completed",
    }
}

/// A porting event (the spec's `PortingEvent`), discriminated by `event_type`.
///
/// `porting_order.loa_updated` and `porting_order.sharing_token_expired` share one schema
/// (`PortingEventWithoutWebhook`, without a payload). An `event_type` the spec does not list, or
/// an event without one, is kept verbatim in [`Unknown`](PortingEvent::Unknown).
///
/// ```
/// use telnyx_porting::models::PortingEvent;
///
/// let json = r#"{"event_type":"porting_order.split","payload":{"from":{"id":"96dfa9e4-c753-4fd3-97cd-42d66f26cf0c"}}}"#;
/// let event: PortingEvent = serde_json::from_str(json)?;
/// assert!(matches!(event, PortingEvent::Split(_)));
/// assert_eq!(event.event_type(), Some("porting_order.split"));
///
/// let later = r#"{"event_type":"porting_order.teleported","payload":{"to":"mars"}}"#;
/// let event: PortingEvent = serde_json::from_str(later)?;
/// assert!(matches!(event, PortingEvent::Unknown(_)));
/// assert_eq!(serde_json::to_string(&event)?, later);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PortingEvent {
    /// `porting_order.deleted`.
    Deleted(PortingEventDeleted),
    /// `porting_order.messaging_changed`.
    MessagingChanged(PortingEventMessagingChanged),
    /// `porting_order.status_changed`.
    StatusChanged(PortingEventStatusChanged),
    /// `porting_order.new_comment`.
    NewComment(PortingEventNewComment),
    /// `porting_order.split`.
    Split(PortingEventSplit),
    /// `porting_order.loa_updated`.
    LoaUpdated(PortingEventWithoutWebhook),
    /// `porting_order.sharing_token_expired`.
    SharingTokenExpired(PortingEventWithoutWebhook),
    /// An event of a kind this version of the library does not know (or without an
    /// `event_type`), kept as the JSON the API sent.
    Unknown(serde_json::Value),
}

impl PortingEvent {
    /// The `event_type` as it appears on the wire, if the event has one.
    pub fn event_type(&self) -> Option<&str> {
        match self {
            PortingEvent::Deleted(e) => e.event_type.as_ref().map(PortingEventType::as_str),
            PortingEvent::MessagingChanged(e) => {
                e.event_type.as_ref().map(PortingEventType::as_str)
            }
            PortingEvent::StatusChanged(e) => e.event_type.as_ref().map(PortingEventType::as_str),
            PortingEvent::NewComment(e) => e.event_type.as_ref().map(PortingEventType::as_str),
            PortingEvent::Split(e) => e.event_type.as_ref().map(PortingEventType::as_str),
            PortingEvent::LoaUpdated(e) | PortingEvent::SharingTokenExpired(e) => {
                e.event_type.as_ref().map(PortingEventType::as_str)
            }
            PortingEvent::Unknown(v) => v.get("event_type").and_then(serde_json::Value::as_str),
        }
    }

    /// Whether this is an event of a kind this version of the library does not know.
    pub fn is_unknown(&self) -> bool {
        matches!(self, PortingEvent::Unknown(_))
    }
}

impl Serialize for PortingEvent {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        match self {
            PortingEvent::Deleted(e) => e.serialize(serializer),
            PortingEvent::MessagingChanged(e) => e.serialize(serializer),
            PortingEvent::StatusChanged(e) => e.serialize(serializer),
            PortingEvent::NewComment(e) => e.serialize(serializer),
            PortingEvent::Split(e) => e.serialize(serializer),
            PortingEvent::LoaUpdated(e) | PortingEvent::SharingTokenExpired(e) => {
                e.serialize(serializer)
            }
            PortingEvent::Unknown(v) => v.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for PortingEvent {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        use serde::de::Error;

        let value = serde_json::Value::deserialize(deserializer)?;
        if !value.is_object() {
            return Err(D::Error::custom("a porting event must be a JSON object"));
        }
        let kind = value
            .get("event_type")
            .and_then(serde_json::Value::as_str)
            .map(PortingEventType::from);
        fn typed<T: serde::de::DeserializeOwned, E: Error>(
            value: serde_json::Value,
        ) -> Result<T, E> {
            serde_json::from_value(value).map_err(E::custom)
        }
        Ok(match kind {
            Some(PortingEventType::Deleted) => PortingEvent::Deleted(typed(value)?),
            Some(PortingEventType::MessagingChanged) => {
                PortingEvent::MessagingChanged(typed(value)?)
            }
            Some(PortingEventType::StatusChanged) => PortingEvent::StatusChanged(typed(value)?),
            Some(PortingEventType::NewComment) => PortingEvent::NewComment(typed(value)?),
            Some(PortingEventType::Split) => PortingEvent::Split(typed(value)?),
            Some(PortingEventType::LoaUpdated) => PortingEvent::LoaUpdated(typed(value)?),
            Some(PortingEventType::SharingTokenExpired) => {
                PortingEvent::SharingTokenExpired(typed(value)?)
            }
            Some(PortingEventType::Unknown(_)) | None => PortingEvent::Unknown(value),
        })
    }
}

/// Declares one event struct: the fields every event has, plus a `payload` of the given type
/// with the given serde attribute.
macro_rules! porting_event {
    (
        $(#[$meta:meta])*
        $name:ident, $payload:ty, $payload_doc:literal, #[$payload_attr:meta]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// Uniquely identifies the event.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<Uuid>,
            /// The kind of event.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub event_type: Option<PortingEventType>,
            /// The porting order the event is about.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub porting_order_id: Option<PortingOrderId>,
            /// Whether the payload has been generated.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub payload_status: Option<PayloadStatus>,
            /// How the event was notified.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub available_notification_methods: Option<Vec<NotificationMethod>>,
            #[doc = $payload_doc]
            #[$payload_attr]
            pub payload: Option<$payload>,
            /// When the event was created.
            #[serde(
                default,
                with = "time::serde::rfc3339::option",
                skip_serializing_if = "Option::is_none"
            )]
            pub created_at: Option<OffsetDateTime>,
            /// When the event was last updated.
            #[serde(
                default,
                with = "time::serde::rfc3339::option",
                skip_serializing_if = "Option::is_none"
            )]
            pub updated_at: Option<OffsetDateTime>,
            /// The type of the resource: `porting_event`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub record_type: Option<String>,
        }
    };
}

porting_event! {
    /// A `porting_order.deleted` event (the spec's `PortingEventDeletedPayload`).
    PortingEventDeleted, DeletedPayload, "The deleted porting order.",
    #[serde(default, skip_serializing_if = "Option::is_none")]
}

porting_event! {
    /// A `porting_order.messaging_changed` event (the spec's
    /// `PortingEventMessagingChangedPayload`).
    PortingEventMessagingChanged, MessagingChangedPayload,
    "The porting order and its new messaging status.",
    #[serde(default, skip_serializing_if = "Option::is_none")]
}

porting_event! {
    /// A `porting_order.status_changed` event (the spec's `PortingEventStatusChangedEvent`).
    PortingEventStatusChanged, StatusChangedPayload, "The porting order and its new status.",
    #[serde(default, skip_serializing_if = "Option::is_none")]
}

porting_event! {
    /// A `porting_order.new_comment` event (the spec's `PortingEventNewCommentEvent`).
    PortingEventNewComment, NewCommentPayload, "The comment and its porting order.",
    #[serde(default, skip_serializing_if = "Option::is_none")]
}

porting_event! {
    /// A `porting_order.split` event (the spec's `PortingEventSplitEvent`).
    PortingEventSplit, SplitPayload, "Which order was split, into which, and the numbers moved.",
    #[serde(default, skip_serializing_if = "Option::is_none")]
}

porting_event! {
    /// A `porting_order.loa_updated` or `porting_order.sharing_token_expired` event (the
    /// spec's `PortingEventWithoutWebhook`), which has no payload.
    PortingEventWithoutWebhook, serde_json::Value,
    "Always `null` per the spec (nullable); anything else the API sends is kept as JSON.",
    #[serde(default)]
}

/// The payload of a `porting_order.deleted` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeletedPayload {
    /// The porting order that was deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PortingOrderId>,
    /// The customer reference of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// When the porting order was deleted.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub deleted_at: Option<OffsetDateTime>,
    /// When the resource was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the resource was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_event`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The payload of a `porting_order.messaging_changed` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessagingChangedPayload {
    /// The porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PortingOrderId>,
    /// The customer reference of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// The support key of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_key: Option<String>,
    /// The messaging portability status of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging: Option<EventMessaging>,
}

/// The messaging portability status in a `porting_order.messaging_changed` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventMessaging {
    /// Whether Telnyx ports messaging capabilities from the losing carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_messaging: Option<bool>,
    /// Whether the porting order is messaging capable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_capable: Option<bool>,
    /// Whether the messaging port has completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_port_completed: Option<bool>,
    /// The status of the messaging port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_port_status: Option<MessagingPortStatus>,
}

/// The payload of a `porting_order.status_changed` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusChangedPayload {
    /// The porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PortingOrderId>,
    /// The customer reference of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// The support key of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_key: Option<String>,
    /// The new status of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PortingOrderStatus>,
    /// When the status changed.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The URL the webhook is sent to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
}

/// The payload of a `porting_order.new_comment` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewCommentPayload {
    /// The porting order the comment was added to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// The support key of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_key: Option<String>,
    /// The comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<EventComment>,
}

/// The comment in a `porting_order.new_comment` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventComment {
    /// Identifies the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The body of the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// When the comment was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub inserted_at: Option<OffsetDateTime>,
    /// The user who wrote the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    /// The type of the user who wrote the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<super::CommentUserType>,
}

/// The payload of a `porting_order.split` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SplitPayload {
    /// The porting order that was split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<EventOrderRef>,
    /// The new porting order the numbers were moved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<EventOrderRef>,
    /// The porting phone numbers moved to the new order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_phone_numbers: Option<Vec<EventPhoneNumberRef>>,
}

/// A porting order named in a `porting_order.split` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventOrderRef {
    /// Identifies the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PortingOrderId>,
}

/// A porting phone number named in a `porting_order.split` event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventPhoneNumberRef {
    /// Identifies the porting phone number that was moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_kind_decodes_to_its_variant_and_round_trips() {
        let cases = [
            (
                r#"{"event_type":"porting_order.deleted","id":"eef3340b-8903-4466-b445-89b697315a3a","payload":{"id":"96dfa9e4-c753-4fd3-97cd-42d66f26cf0c","deleted_at":"2021-03-19T10:07:15.527Z"},"payload_status":"created","porting_order_id":"9471c873-e3eb-4ca1-957d-f9a451334d52","available_notification_methods":["email","webhook"]}"#,
                "Deleted",
            ),
            (
                r#"{"event_type":"porting_order.messaging_changed","payload":{"messaging":{"messaging_port_status":"ported","enable_messaging":true}}}"#,
                "MessagingChanged",
            ),
            (
                r#"{"event_type":"porting_order.status_changed","payload":{"status":{"value":"ported","details":[]},"webhook_url":"https://example.com/webhook"}}"#,
                "StatusChanged",
            ),
            (
                r#"{"event_type":"porting_order.new_comment","payload":{"comment":{"body":"hi","user_type":"admin"}}}"#,
                "NewComment",
            ),
            (
                r#"{"event_type":"porting_order.split","payload":{"porting_phone_numbers":[{"id":"96dfa9e4-c753-4fd3-97cd-42d66f26cf0c"}]}}"#,
                "Split",
            ),
            (
                r#"{"event_type":"porting_order.loa_updated","payload":null,"record_type":"porting_event"}"#,
                "LoaUpdated",
            ),
            (
                r#"{"event_type":"porting_order.sharing_token_expired","payload":null}"#,
                "SharingTokenExpired",
            ),
            (
                r#"{"event_type":"porting_order.new_kind","x":[1]}"#,
                "Unknown",
            ),
            (r#"{"id":"no type"}"#, "Unknown"),
        ];
        for (json, variant) in cases {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let event: PortingEvent = serde_json::from_str(json).unwrap();
            assert!(format!("{event:?}").starts_with(variant), "{event:?}");
            assert_eq!(serde_json::to_value(&event).unwrap(), value, "{json}");
        }
    }

    #[test]
    fn typed_fields_are_typed() {
        let event: PortingEvent = serde_json::from_str(
            r#"{"event_type":"porting_order.status_changed","payload":{"status":{"value":"exception","details":[{"code":"FOC_REJECTED"}]}}}"#,
        )
        .unwrap();
        let PortingEvent::StatusChanged(e) = event else {
            panic!("not a status change")
        };
        let status = e.payload.unwrap().status.unwrap();
        assert_eq!(
            status.value,
            Some(crate::models::PortingOrderStatusValue::Exception)
        );
    }

    #[test]
    fn malformed_known_kinds_and_non_objects_are_errors() {
        assert!(
            serde_json::from_str::<PortingEvent>(
                r#"{"event_type":"porting_order.deleted","id":42}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<PortingEvent>("[]").is_err());
    }
}
