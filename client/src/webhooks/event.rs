//! [`WebhookEvent`]: one delivery, in either of the shapes Telnyx documents.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
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
#[derive(Clone)]
pub struct WebhookEvent {
    body: Box<str>,
    /// The whole body as JSON, parsed on first use: most receivers never ask.
    json: OnceLock<Value>,
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
    ///
    /// # Errors
    ///
    /// [`WebhookError::NotAnEvent`] with the JSON path and the problem.
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
        // One typed pass over the text; when it fails, the slower pass over a `Value` says
        // exactly why (and accepts what the typed pass is stricter about, such as duplicate
        // keys).
        match fast::parse(text) {
            Some(event) => Ok(event),
            None => slow_parse(text),
        }
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
        self.json
            .get_or_init(|| serde_json::from_str(&self.body).unwrap_or(Value::Null))
    }

    /// The body exactly as it was decoded (and, after [`verify`](super::Verifier::verify),
    /// as it was signed): store this to re-check a delivery later with
    /// [`verify_at`](super::Verifier::verify_at).
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// Decodes through a `serde_json::Value`, naming the JSON path of any problem.
fn slow_parse(text: &str) -> Result<WebhookEvent, WebhookError> {
    let json: Value = serde_json::from_str(text)
        .map_err(|e| not_an_event("", format!("it is not JSON ({e})")))?;
    let Value::Object(root) = &json else {
        return Err(not_an_event("", "it is not a JSON object"));
    };
    // Nested when the envelope is under `data`; flat when the fields are at the top.
    let (envelope, prefix, nested) = match root.get("data") {
        Some(Value::Object(data)) if root.get("event_type").is_none_or(Value::is_null) => {
            (data, "data.", true)
        }
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
            OffsetDateTime::parse(&raw, &time::format_description::well_known::Rfc3339).map_err(
                |e| {
                    not_an_event(
                        format!("{prefix}occurred_at"),
                        format!("not an RFC 3339 date-time ({e})"),
                    )
                },
            )?,
        ),
    };
    let (attempt, delivered_to) = match root.get("meta") {
        Some(Value::Object(meta)) => (attempt(meta)?, string_field(meta, "meta.", "delivered_to")?),
        None | Some(Value::Null) => (None, None),
        Some(_) => return Err(not_an_event("meta", "it must be an object")),
    };
    let payload = payload(&event_type, envelope.get("payload"), prefix)?;
    Ok(WebhookEvent {
        body: text.into(),
        json: OnceLock::from(json),
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

/// Two events are equal when their bodies are (everything else is read from the body).
impl PartialEq for WebhookEvent {
    fn eq(&self, other: &Self) -> bool {
        self.body == other.body
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
        let raw =
            RawValue::from_string(self.body.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// Reads an event as [`WebhookEvent::parse`] does. Works with `serde_json` only (it keeps the
/// JSON text).
impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
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
            // Fast path first; the path is tracked only to explain a failure.
            Some(value) => T::deserialize(value)
                .or_else(|_| serde_path_to_error::deserialize(value))
                .map_err(|e| {
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

/// The typed pass: the envelope read straight from the text, each payload decoded from its
/// own slice of it, no `Value` built. `None` on anything unexpected, for `slow_parse` to
/// explain.
mod fast {
    use super::*;

    #[derive(Deserialize)]
    struct Envelope<'a> {
        #[serde(default)]
        event_type: Option<String>,
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        occurred_at: Option<String>,
        #[serde(default)]
        record_type: Option<String>,
        #[serde(default, borrow)]
        payload: Option<&'a RawValue>,
        #[serde(default, borrow)]
        data: Option<&'a RawValue>,
        #[serde(default, borrow)]
        meta: Option<&'a RawValue>,
    }

    #[derive(Deserialize)]
    struct Meta<'a> {
        #[serde(default, borrow)]
        attempt: Option<&'a RawValue>,
        #[serde(default)]
        delivered_to: Option<String>,
    }

    fn is_object(raw: &RawValue) -> bool {
        raw.get().starts_with('{')
    }

    pub(super) fn parse(text: &str) -> Option<WebhookEvent> {
        let root: Envelope<'_> = serde_json::from_str(text).ok()?;
        // `meta` is at the top in both shapes.
        let meta_raw = root.meta;
        let (envelope, nested) = match root.data {
            Some(data) if root.event_type.is_none() && is_object(data) => {
                (serde_json::from_str::<Envelope<'_>>(data.get()).ok()?, true)
            }
            _ => (root, false),
        };
        let event_type = envelope.event_type?;
        let occurred_at = match &envelope.occurred_at {
            None => None,
            Some(raw) => Some(
                OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339).ok()?,
            ),
        };
        let (attempt, delivered_to) = match meta_raw {
            None => (None, None),
            Some(raw) if is_object(raw) => {
                let meta: Meta<'_> = serde_json::from_str(raw.get()).ok()?;
                let attempt = match meta.attempt {
                    None => None,
                    Some(raw) => {
                        let value: Value = serde_json::from_str(raw.get()).ok()?;
                        let mut map = Map::new();
                        map.insert("attempt".into(), value);
                        super::attempt(&map).ok()?
                    }
                };
                (attempt, meta.delivered_to)
            }
            Some(_) => return None,
        };
        let payload = payload(&event_type, envelope.payload)?;
        Some(WebhookEvent {
            body: text.into(),
            json: OnceLock::new(),
            id: envelope.id,
            event_type,
            occurred_at,
            record_type: envelope.record_type,
            attempt,
            delivered_to,
            nested,
            payload,
        })
    }

    fn payload(event_type: &str, raw: Option<&RawValue>) -> Option<WebhookPayload> {
        fn typed<T: serde::de::DeserializeOwned + Default>(raw: Option<&RawValue>) -> Option<T> {
            match raw {
                None => Some(T::default()),
                Some(raw) if is_object(raw) => serde_json::from_str(raw.get()).ok(),
                Some(_) => None,
            }
        }
        let json = || match raw {
            None => Some(Value::Null),
            Some(raw) => serde_json::from_str(raw.get()).ok(),
        };
        Some(match PortingEventType::from(event_type) {
            PortingEventType::StatusChanged => WebhookPayload::StatusChanged(typed(raw)?),
            PortingEventType::NewComment => WebhookPayload::NewComment(typed(raw)?),
            PortingEventType::Split => WebhookPayload::Split(typed(raw)?),
            PortingEventType::MessagingChanged => WebhookPayload::MessagingChanged(typed(raw)?),
            PortingEventType::Deleted => WebhookPayload::Deleted(typed(raw)?),
            PortingEventType::LoaUpdated => WebhookPayload::LoaUpdated(json()?),
            PortingEventType::SharingTokenExpired => WebhookPayload::SharingTokenExpired(json()?),
            _ => WebhookPayload::Other(json()?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed pass, when it accepts a body, must read it exactly as the `Value` pass does.
    #[test]
    fn the_fast_pass_agrees_with_the_slow_one() {
        let seeds = [
            include_str!("../../tests/fixtures/webhooks/status_changed_2k.json"),
            r#"{"id":"4da7b0e3","event_type":"porting_order.deleted","occurred_at":"2023-01-01T00:00:00+02:00","payload":{"id":"74cc03c8-ab01-4887-bc31-9563e482d1e3","deleted_at":"2023-01-01T00:00:00Z"},"meta":{"attempt":"2"}}"#,
            r#"{"data":{"event_type":"porting_order.new_comment","id":"x","payload":{"comment":{"body":"\u00e9\n","user_id":null}},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"u"}}"#,
            r#"{"data":{"event_type":"call.initiated","payload":[1,{"a":null}]},"meta":null}"#,
            r#"{"event_type":"porting_order.loa_updated","data":{"event_type":"ignored"}}"#,
            r#"{"event_type":null,"data":{"event_type":"porting_order.split","payload":null}}"#,
        ];
        let mut state = 0x1234_5678_9abc_def0_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut agreed = 0;
        for round in 0..2_000 {
            let mut body = seeds[round % seeds.len()].as_bytes().to_vec();
            if round >= seeds.len() {
                for _ in 0..=next() % 3 {
                    let at = (next() as usize) % (body.len() + 1);
                    let pieces: [&[u8]; 8] =
                        [b"null", b"1", b"\"2\"", b"{}", b"[]", b",", b"-1", b"\"x\""];
                    match next() % 3 {
                        0 if at < body.len() => {
                            body.remove(at);
                        }
                        1 => body
                            .splice(at..at, pieces[(next() % 8) as usize].iter().copied())
                            .for_each(drop),
                        _ => body.insert(at, b"{}[]:,\"0a"[(next() % 9) as usize]),
                    }
                }
            }
            let Ok(text) = std::str::from_utf8(&body) else {
                continue;
            };
            if let Some(fast) = fast::parse(text) {
                let slow =
                    slow_parse(text).unwrap_or_else(|e| panic!("{text}: fast accepted, slow: {e}"));
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{text}");
                assert_eq!(
                    (fast.nested, &fast.record_type, fast.json()),
                    (slow.nested, &slow.record_type, slow.json()),
                    "{text}"
                );
                agreed += 1;
            }
        }
        assert!(agreed > 100, "{agreed}");
    }
}
