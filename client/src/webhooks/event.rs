//! [`WebhookEvent`]: one delivery, in either of the shapes Telnyx documents.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::error::WebhookError;
use crate::models::{
    DeletedPayload, MessagingChangedPayload, NewCommentPayload, PortingEventType, SplitPayload,
    StatusChangedPayload,
};

/// One webhook delivery, decoded.
///
/// Telnyx documents two shapes and both are read: the nested one,
/// `{"data": {"event_type", "id", "occurred_at", "payload", "record_type"}, "meta": {"attempt",
/// "delivered_to"}}`, and the flat one with `id`, `event_type`, `occurred_at` and `payload` at
/// the top. Only `event_type` is required; the accessors give `None` for what a delivery
/// leaves out.
///
/// The payload of each porting kind is typed ([`WebhookPayload`]), with the same models as
/// `GET /porting/events`. Every other kind (Telnyx sends many non-porting events to the same
/// URL) is kept as JSON, and so is every field the models do not know: [`json`](Self::json)
/// has the whole body, and serializing a `WebhookEvent` writes the body back byte for byte
/// (less surrounding whitespace).
///
/// ```
/// use telnyx_porting::webhooks::{WebhookEvent, WebhookPayload};
///
/// let body = br#"{"data":{"event_type":"porting_order.status_changed",
///   "id":"8179f546-d479-42be-822b-8c78e1e89a59","occurred_at":"2023-01-11T16:08:31.804886Z",
///   "payload":{"id":"f6e10519-4664-4119-bb03-bbe73cf26ed3","status":{"details":[],"value":"in-process"}},
///   "record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/hooks"}}"#;
/// let event = WebhookEvent::parse(body)?;
/// assert_eq!(event.event_type(), "porting_order.status_changed");
/// assert_eq!(event.attempt(), Some(1));
/// match event.payload() {
///     WebhookPayload::StatusChanged(changed) => {
///         let status = changed.status.as_ref().and_then(|s| s.value.as_ref());
///         println!("order {:?} is now {status:?}", changed.id);
///     }
///     other => println!("not a status change: {}", event.event_type()),
/// }
/// # Ok::<(), telnyx_porting::webhooks::WebhookError>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct WebhookEvent {
    body: Box<str>,
    json: Value,
    id: Option<String>,
    event_type: String,
    occurred_at: Option<OffsetDateTime>,
    record_type: Option<String>,
    attempt: Option<u32>,
    delivered_to: Option<String>,
    nested: bool,
    payload: WebhookPayload,
}

/// The payload of a delivery, typed for every porting kind.
///
/// Match with a wildcard arm: kinds may be added.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookPayload {
    /// `porting_order.status_changed`: the order's new status (with `details` for an
    /// `exception`).
    StatusChanged(StatusChangedPayload),
    /// `porting_order.new_comment`: a comment on the order, from the porting team or a user.
    NewComment(NewCommentPayload),
    /// `porting_order.split`: numbers moved from one order into a new one (one event per
    /// number moved).
    Split(SplitPayload),
    /// `porting_order.messaging_changed`: the order's messaging port status changed.
    MessagingChanged(MessagingChangedPayload),
    /// `porting_order.deleted`: a draft was deleted (by a user, or after 30 days unsubmitted).
    Deleted(DeletedPayload),
    /// `porting_order.loa_updated`: the order's LOA changed. The spec gives no payload
    /// schema; the payload is kept as JSON (`null` when absent).
    LoaUpdated(Value),
    /// `porting_order.sharing_token_expired`: a sharing token of the order expired. The spec
    /// gives no payload schema; the payload is kept as JSON (`null` when absent).
    SharingTokenExpired(Value),
    /// Any other kind (a non-porting event, or a porting kind newer than this library): the
    /// payload as JSON (`null` when absent). [`WebhookEvent::event_type`] says which.
    Other(Value),
}

impl WebhookEvent {
    /// Decodes a delivery **without verifying it**: for events fetched from
    /// `GET /porting/events` or replayed from your own storage. A delivery from the network
    /// goes through [`Verifier::verify`](super::Verifier::verify).
    ///
    /// An error if the body is empty, not UTF-8 JSON, not an object, without an `event_type`,
    /// or if a field this library types does not decode (the error names its JSON path).
    pub fn parse(body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        let text = std::str::from_utf8(body).map_err(|e| {
            not_an_event(
                "",
                format!(
                    "it is not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        if text.trim_matches(is_json_whitespace).is_empty() {
            return Err(not_an_event("", "it is empty"));
        }
        let json: Value = serde_json::from_str(text)
            .map_err(|e| not_an_event("", format!("it is not JSON ({e})")))?;
        let Value::Object(root) = &json else {
            return Err(not_an_event("", "it is not a JSON object"));
        };
        // Nested when the envelope is under `data`; flat when the fields are at the top.
        let (envelope, prefix, nested) = match root.get("data") {
            Some(Value::Object(data)) if !root.contains_key("event_type") => (data, "data.", true),
            _ => (root, "", false),
        };
        let event_type = match envelope.get("event_type") {
            Some(Value::String(kind)) => kind.clone(),
            Some(_) => {
                return Err(not_an_event(
                    format!("{prefix}event_type"),
                    "it must be a string",
                ));
            }
            None => {
                return Err(not_an_event("", format!("it has no `{prefix}event_type`")));
            }
        };
        let id = string_field(envelope, prefix, "id")?;
        let record_type = string_field(envelope, prefix, "record_type")?;
        let occurred_at = match string_field(envelope, prefix, "occurred_at")? {
            None => None,
            Some(raw) => Some(
                OffsetDateTime::parse(&raw, &time::format_description::well_known::Rfc3339)
                    .map_err(|e| {
                        not_an_event(
                            format!("{prefix}occurred_at"),
                            format!("not an RFC 3339 date-time ({e})"),
                        )
                    })?,
            ),
        };
        let (attempt, delivered_to) = match root.get("meta") {
            Some(Value::Object(meta)) => {
                (attempt(meta)?, string_field(meta, "meta.", "delivered_to")?)
            }
            None | Some(Value::Null) => (None, None),
            Some(_) => return Err(not_an_event("meta", "it must be an object")),
        };
        let payload = payload(&event_type, envelope.get("payload"), prefix)?;
        Ok(WebhookEvent {
            body: text.into(),
            json,
            id,
            event_type,
            occurred_at,
            record_type,
            attempt,
            delivered_to,
            nested,
            payload,
        })
    }

    /// The event's id (`data.id`): the same on every retry and republish of one event, so it
    /// is the key to deduplicate on. Every Telnyx delivery has one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The `event_type`, as sent (`porting_order.status_changed`, or any other kind).
    pub fn event_type(&self) -> &str {
        &self.event_type
    }

    /// The `event_type` as a [`PortingEventType`]: a porting kind, or `Unknown` with the
    /// string.
    pub fn porting_event_type(&self) -> PortingEventType {
        PortingEventType::from(self.event_type.as_str())
    }

    /// When the event happened (`occurred_at`), in any offset Telnyx used.
    pub fn occurred_at(&self) -> Option<OffsetDateTime> {
        self.occurred_at
    }

    /// The `record_type` of the envelope: `event` in the nested shape.
    pub fn record_type(&self) -> Option<&str> {
        self.record_type.as_deref()
    }

    /// Which delivery attempt this is (`meta.attempt`, from 1; a string of digits is read
    /// too). `None` in the flat shape, which has no `meta`.
    pub fn attempt(&self) -> Option<u32> {
        self.attempt
    }

    /// The URL this attempt was sent to (`meta.delivered_to`).
    pub fn delivered_to(&self) -> Option<&str> {
        self.delivered_to.as_deref()
    }

    /// Whether the delivery came in the nested shape (`{"data": .., "meta": ..}`) rather than
    /// the flat one.
    pub fn is_nested(&self) -> bool {
        self.nested
    }

    /// The payload, typed for each porting kind.
    pub fn payload(&self) -> &WebhookPayload {
        &self.payload
    }

    /// The payload, by value.
    pub fn into_payload(self) -> WebhookPayload {
        self.payload
    }

    /// The whole body as JSON, unknown fields included.
    pub fn json(&self) -> &Value {
        &self.json
    }

    /// The body exactly as it was decoded (and, after [`verify`](super::Verifier::verify),
    /// as it was signed): store this to re-check a delivery later with
    /// [`verify_at`](super::Verifier::verify_at).
    pub fn body(&self) -> &str {
        &self.body
    }
}

impl fmt::Debug for WebhookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookEvent")
            .field("id", &self.id)
            .field("event_type", &self.event_type)
            .field("occurred_at", &self.occurred_at)
            .field("attempt", &self.attempt)
            .field("delivered_to", &self.delivered_to)
            .field("payload", &self.payload)
            .finish_non_exhaustive()
    }
}

/// Writes the body as it came (its JSON text, less surrounding whitespace).
impl Serialize for WebhookEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.body.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// Reads an event as [`WebhookEvent::parse`] does. Works with `serde_json` only (it keeps the
/// JSON text).
impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        WebhookEvent::parse(raw.get().as_bytes()).map_err(serde::de::Error::custom)
    }
}

fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn not_an_event(path: impl Into<String>, problem: impl Into<String>) -> WebhookError {
    WebhookError::NotAnEvent {
        path: path.into(),
        problem: problem.into(),
    }
}

/// An optional string field; `null` counts as absent.
fn string_field(
    object: &Map<String, Value>,
    prefix: &str,
    name: &str,
) -> Result<Option<String>, WebhookError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(not_an_event(
            format!("{prefix}{name}"),
            "it must be a string",
        )),
    }
}

/// `meta.attempt`: an integer, or (as in a Telnyx SDK fixture) a string of digits.
fn attempt(meta: &Map<String, Value>) -> Result<Option<u32>, WebhookError> {
    let bad = || not_an_event("meta.attempt", "it must be a positive integer");
    match meta.get("attempt") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(bad),
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().map(Some).map_err(|_| bad())
        }
        Some(_) => Err(bad()),
    }
}

fn payload(
    event_type: &str,
    payload: Option<&Value>,
    prefix: &str,
) -> Result<WebhookPayload, WebhookError> {
    fn typed<T: serde::de::DeserializeOwned + Default>(
        payload: Option<&Value>,
        prefix: &str,
    ) -> Result<T, WebhookError> {
        match payload {
            None | Some(Value::Null) => Ok(T::default()),
            // serde would read an array as a struct, field by field.
            Some(value) if !value.is_object() => Err(not_an_event(
                format!("{prefix}payload"),
                "it must be an object",
            )),
            Some(value) => serde_path_to_error::deserialize(value).map_err(|e| {
                let path = e.path().to_string();
                let path = if path == "." {
                    format!("{prefix}payload")
                } else {
                    format!("{prefix}payload.{path}")
                };
                not_an_event(path, e.into_inner().to_string())
            }),
        }
    }
    let json = || payload.cloned().unwrap_or(Value::Null);
    Ok(match PortingEventType::from(event_type) {
        PortingEventType::StatusChanged => WebhookPayload::StatusChanged(typed(payload, prefix)?),
        PortingEventType::NewComment => WebhookPayload::NewComment(typed(payload, prefix)?),
        PortingEventType::Split => WebhookPayload::Split(typed(payload, prefix)?),
        PortingEventType::MessagingChanged => {
            WebhookPayload::MessagingChanged(typed(payload, prefix)?)
        }
        PortingEventType::Deleted => WebhookPayload::Deleted(typed(payload, prefix)?),
        PortingEventType::LoaUpdated => WebhookPayload::LoaUpdated(json()),
        PortingEventType::SharingTokenExpired => WebhookPayload::SharingTokenExpired(json()),
        _ => WebhookPayload::Other(json()),
    })
}
