//! Porting events: a compact typed record per status change or deletion, written as the
//! API's JSON by `Serialize` (the keys in alphabetical order, as the sandbox always wrote
//! them).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use uuid::Uuid;

use super::order::{Stamp, Status};
use super::table::Record;

/// A porting event: found by its id, listed per order through the table's order index.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    /// When it happened (also the payload's `updated_at`, and `deleted_at` for a deletion).
    pub(crate) created_at: Stamp,
    pub(crate) kind: EventKind,
}

impl Record for Event {
    fn id(&self) -> Uuid {
        self.id
    }
    fn order_id(&self) -> Option<Uuid> {
        Some(self.order_id)
    }
}

/// What happened, with what the payload shows of the order.
#[derive(Debug, Clone)]
pub(crate) enum EventKind {
    /// `porting_order.status_changed`.
    StatusChanged {
        status: Status,
        customer_reference: Option<Box<str>>,
        support_key: Option<Box<str>>,
        webhook_url: Option<Box<str>>,
    },
    /// `porting_order.deleted`.
    Deleted {
        order_created_at: Stamp,
        customer_reference: Option<Box<str>>,
    },
}

impl EventKind {
    pub(crate) fn event_type(&self) -> &'static str {
        match self {
            EventKind::StatusChanged { .. } => "porting_order.status_changed",
            EventKind::Deleted { .. } => "porting_order.deleted",
        }
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status_changed = matches!(self.kind, EventKind::StatusChanged { .. });
        let mut s = serializer.serialize_struct("PortingEvent", 10)?;
        s.serialize_field("available_notification_methods", &["email", "webhook"])?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("event_type", self.kind.event_type())?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("payload", &Payload(self))?;
        s.serialize_field("payload_status", "created")?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        if status_changed {
            s.serialize_field("record_type", "porting_event")?;
            s.serialize_field("updated_at", &self.created_at)?;
        }
        s.end()
    }
}

/// The `payload` of an [`Event`].
struct Payload<'a>(&'a Event);

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let event = self.0;
        match &event.kind {
            EventKind::StatusChanged {
                status,
                customer_reference,
                support_key,
                webhook_url,
            } => {
                let mut s = serializer.serialize_struct("StatusChangedPayload", 6)?;
                if let Some(reference) = customer_reference {
                    s.serialize_field("customer_reference", reference)?;
                }
                s.serialize_field("id", &event.order_id)?;
                s.serialize_field("status", &StatusPayload(*status))?;
                if let Some(key) = support_key {
                    s.serialize_field("support_key", key)?;
                }
                s.serialize_field("updated_at", &event.created_at)?;
                if let Some(url) = webhook_url {
                    s.serialize_field("webhook_url", url)?;
                }
                s.end()
            }
            EventKind::Deleted {
                order_created_at,
                customer_reference,
            } => {
                let mut s = serializer.serialize_struct("DeletedPayload", 6)?;
                s.serialize_field("created_at", order_created_at)?;
                s.serialize_field(
                    "customer_reference",
                    customer_reference.as_deref().unwrap_or_default(),
                )?;
                s.serialize_field("deleted_at", &event.created_at)?;
                s.serialize_field("id", &event.order_id)?;
                s.serialize_field("record_type", "porting_event")?;
                s.serialize_field("updated_at", &event.created_at)?;
                s.end()
            }
        }
    }
}

/// `{"details": [], "value": ...}`.
struct StatusPayload(Status);

impl Serialize for StatusPayload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingOrderStatus", 2)?;
        s.serialize_field("details", &[(); 0])?;
        s.serialize_field("value", &self.0)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn events_render_as_the_api_shows_them() {
        let order = Uuid::from_u128(7);
        let at = Stamp::parse("2024-05-01T12:00:00.123Z");
        let changed = Event {
            id: Uuid::from_u128(1),
            order_id: order,
            created_at: at,
            kind: EventKind::StatusChanged {
                status: Status::InProcess,
                customer_reference: Some("ref".into()),
                support_key: None,
                webhook_url: Some("https://example.com/hook".into()),
            },
        };
        let text = serde_json::to_string(&changed).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            json!({
                "available_notification_methods": ["email", "webhook"],
                "created_at": "2024-05-01T12:00:00.123Z",
                "event_type": "porting_order.status_changed",
                "id": "00000000-0000-0000-0000-000000000001",
                "payload": {
                    "customer_reference": "ref",
                    "id": "00000000-0000-0000-0000-000000000007",
                    "status": {"details": [], "value": "in-process"},
                    "updated_at": "2024-05-01T12:00:00.123Z",
                    "webhook_url": "https://example.com/hook",
                },
                "payload_status": "created",
                "porting_order_id": "00000000-0000-0000-0000-000000000007",
                "record_type": "porting_event",
                "updated_at": "2024-05-01T12:00:00.123Z",
            })
        );
        assert!(
            text.starts_with(
                r#"{"available_notification_methods":["email","webhook"],"created_at""#
            )
        );
        let deleted = Event {
            kind: EventKind::Deleted {
                order_created_at: Stamp::parse("2024-04-01T00:00:00Z"),
                customer_reference: None,
            },
            ..changed
        };
        let value = serde_json::to_value(&deleted).unwrap();
        assert_eq!(value["payload"]["customer_reference"], "");
        assert_eq!(value["payload"]["deleted_at"], "2024-05-01T12:00:00.123Z");
        assert_eq!(value["payload"]["created_at"], "2024-04-01T00:00:00Z");
        assert!(value.get("record_type").is_none());
    }
}
