//! `WebhookEvent`: both delivery shapes Telnyx documents, typed porting payloads, other kinds
//! and unknown fields kept, and bodies that are not events refused with their JSON path.

use serde_json::{Value, json};
use telnyx_porting::models::{PortingEventType, PortingOrderStatusValue};
use telnyx_porting::webhooks::{WebhookError, WebhookEvent, WebhookPayload};

const BIG: &str = include_str!("fixtures/webhooks/status_changed_2k.json");

fn parse(body: &str) -> WebhookEvent {
    WebhookEvent::parse(body.as_bytes()).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn not_an_event(body: &str) -> (String, String) {
    match WebhookEvent::parse(body.as_bytes()) {
        Err(WebhookError::NotAnEvent { path, problem }) => (path, problem),
        other => panic!("{body}: {other:?}"),
    }
}

#[test]
fn the_nested_shape_reads_envelope_and_meta() {
    let event = parse(BIG);
    assert!(event.is_nested());
    assert_eq!(event.id(), Some("72322cb3-b6c6-46a4-a571-21a759c02da0"));
    assert_eq!(event.event_type(), "porting_order.status_changed");
    assert_eq!(event.porting_event_type(), PortingEventType::StatusChanged);
    assert_eq!(event.record_type(), Some("event"));
    assert_eq!(event.attempt(), Some(1));
    assert_eq!(
        event.delivered_to(),
        Some("https://example.com/porting_webhooks")
    );
    let occurred = event.occurred_at().unwrap();
    assert_eq!(occurred.unix_timestamp(), 1_611_085_897);
    assert_eq!(occurred.microsecond(), 844_234);
    let WebhookPayload::StatusChanged(changed) = event.payload() else {
        panic!("{event:?}")
    };
    let status = changed.status.as_ref().unwrap();
    assert_eq!(status.value, Some(PortingOrderStatusValue::Exception));
    let details = status.details.as_ref().unwrap();
    assert_eq!(details.len(), 9);
    // LOA_ILLEGIBLE is not in the spec's enum: it decodes and re-encodes as sent.
    let last = serde_json::to_value(details.last().unwrap()).unwrap();
    assert_eq!(last["code"], "LOA_ILLEGIBLE");
    assert_eq!(changed.updated_at.unwrap().unix_timestamp(), 1_616_183_497);
}

#[test]
fn the_flat_shape_reads_the_same_fields_from_the_top() {
    let body = r#"{"id": "4da7b0e3-1a3c-4111-8335-dc436f6a0a00", "event_type": "porting_order.deleted",
 "occurred_at": "2023-01-01T00:00:00Z", "urls": ["https://example.com/webhook"],
 "organization_id": "dbdbc891-dc82-4c39-b9a1-e51e830c4352", "format": "v2",
 "payload": {"id": "74cc03c8-ab01-4887-bc31-9563e482d1e3", "customer_reference": "my_ref_123", "deleted_at": "2023-01-01T00:00:00Z"}}"#;
    let event = parse(body);
    assert!(!event.is_nested());
    assert_eq!(event.id(), Some("4da7b0e3-1a3c-4111-8335-dc436f6a0a00"));
    assert_eq!(event.attempt(), None);
    assert_eq!(event.delivered_to(), None);
    assert_eq!(event.record_type(), None);
    let WebhookPayload::Deleted(deleted) = event.payload() else {
        panic!("{event:?}")
    };
    assert_eq!(deleted.customer_reference.as_deref(), Some("my_ref_123"));
    assert_eq!(deleted.deleted_at.unwrap().unix_timestamp(), 1_672_531_200);
    // Fields the models do not know stay in the JSON.
    assert_eq!(
        event.json()["organization_id"],
        "dbdbc891-dc82-4c39-b9a1-e51e830c4352"
    );
}

#[test]
fn every_porting_kind_has_its_payload_variant() {
    let cases = [
        (
            "porting_order.status_changed",
            json!({"status": {"value": "ported", "details": []}}),
            "StatusChanged",
        ),
        (
            "porting_order.new_comment",
            json!({"comment": {"body": "hi", "user_id": null, "user_type": "admin"}}),
            "NewComment",
        ),
        (
            "porting_order.split",
            json!({"from": {"id": "a6efe074-0a3a-4522-8512-d0e004cf6c7d"}, "to": {"id": "ef245340-da3d-4212-8769-1fa7672a675f"},
                   "porting_phone_numbers": [{"id": "96dfa9e4-c753-4fd3-97cd-42d66f26cf0c"}]}),
            "Split",
        ),
        (
            "porting_order.messaging_changed",
            json!({"messaging": {"messaging_port_status": "ported"}}),
            "MessagingChanged",
        ),
        (
            "porting_order.deleted",
            json!({"id": "74cc03c8-ab01-4887-bc31-9563e482d1e3"}),
            "Deleted",
        ),
        ("porting_order.loa_updated", json!({"x": 1}), "LoaUpdated"),
        (
            "porting_order.sharing_token_expired",
            Value::Null,
            "SharingTokenExpired",
        ),
        ("porting_order.teleported", json!({"to": "mars"}), "Other"),
        ("number_order.complete", json!({"id": 7}), "Other"),
    ];
    for (kind, payload, variant) in cases {
        let body = json!({"data": {"event_type": kind, "id": "x", "payload": payload}, "meta": {"attempt": 3}});
        let event = parse(&body.to_string());
        assert!(
            format!("{:?}", event.payload()).starts_with(variant),
            "{kind}: {:?}",
            event.payload()
        );
        assert_eq!(event.event_type(), kind);
        if let WebhookPayload::Other(json)
        | WebhookPayload::LoaUpdated(json)
        | WebhookPayload::SharingTokenExpired(json) = event.payload()
        {
            assert_eq!(*json, payload, "{kind}");
        }
    }
}

#[test]
fn a_missing_payload_is_an_empty_one() {
    let event = parse(r#"{"data":{"event_type":"porting_order.status_changed"}}"#);
    let WebhookPayload::StatusChanged(changed) = event.into_payload() else {
        panic!()
    };
    assert_eq!(changed, Default::default());
    let event = parse(r#"{"event_type":"call.hangup","payload":null}"#);
    assert_eq!(*event.payload(), WebhookPayload::Other(Value::Null));
}

#[test]
fn events_re_encode_exactly_as_received() {
    let bodies = [
        BIG.trim_end(),
        r#"{"data":{"z_last":1,"event_type":"porting_order.split","payload":{"from":{"id":"a6efe074-0a3a-4522-8512-d0e004cf6c7d","brand_new":[1,2.50,"x"]}},"a_first":{}},"meta":{"attempt":"1"}}"#,
        r#"{ "event_type" : "fax.delivered", "payload" : { "pages" : 3 } , "zzz": null }"#,
    ];
    for body in bodies {
        let event = parse(body);
        assert_eq!(serde_json::to_string(&event).unwrap(), body);
        assert_eq!(event.body(), body);
        // And back, inside a larger document (serde_json keeps the raw text).
        let stored = serde_json::to_string(&[&event, &event]).unwrap();
        assert_eq!(stored, format!("[{body},{body}]"));
        let back: Vec<WebhookEvent> = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, [event.clone(), event]);
    }
    // The string attempt of a Telnyx SDK fixture reads as a number.
    assert_eq!(parse(bodies[1]).attempt(), Some(1));
}

#[test]
fn bodies_that_are_not_events_are_refused_with_a_path() {
    let root = String::new();
    for (body, path, problem_contains) in [
        ("", &root, "empty"),
        ("  \r\n", &root, "empty"),
        ("null", &root, "not a JSON object"),
        ("[]", &root, "not a JSON object"),
        ("\"porting_order.split\"", &root, "not a JSON object"),
        ("{", &root, "not JSON"),
        ("{\"event_type\":\"x\"} trailing", &root, "not JSON"),
        ("{}", &root, "no `event_type`"),
        (r#"{"data":{}}"#, &root, "no `data.event_type`"),
        (r#"{"data":"x","id":"y"}"#, &root, "no `event_type`"),
        (
            r#"{"event_type":7}"#,
            &"event_type".to_owned(),
            "must be a string",
        ),
        (
            r#"{"data":{"event_type":null}}"#,
            &"data.event_type".to_owned(),
            "must be a string",
        ),
        (
            r#"{"data":{"event_type":"a","id":5}}"#,
            &"data.id".to_owned(),
            "must be a string",
        ),
        (
            r#"{"data":{"event_type":"a","occurred_at":"yesterday"}}"#,
            &"data.occurred_at".to_owned(),
            "RFC 3339",
        ),
        (
            r#"{"event_type":"a","meta":[]}"#,
            &"meta".to_owned(),
            "object",
        ),
        (
            r#"{"event_type":"a","meta":{"attempt":-1}}"#,
            &"meta.attempt".to_owned(),
            "positive integer",
        ),
        (
            r#"{"event_type":"a","meta":{"attempt":"1 "}}"#,
            &"meta.attempt".to_owned(),
            "positive integer",
        ),
        (
            r#"{"event_type":"a","meta":{"attempt":99999999999}}"#,
            &"meta.attempt".to_owned(),
            "positive integer",
        ),
        (
            r#"{"event_type":"a","meta":{"delivered_to":1}}"#,
            &"meta.delivered_to".to_owned(),
            "must be a string",
        ),
        (
            r#"{"data":{"event_type":"porting_order.status_changed","payload":{"status":{"value":5}}}}"#,
            &"data.payload.status.value".to_owned(),
            "",
        ),
        (
            r#"{"data":{"event_type":"porting_order.new_comment","payload":[]}}"#,
            &"data.payload".to_owned(),
            "must be an object",
        ),
        (
            r#"{"event_type":"porting_order.split","payload":{"from":{"id":"not-a-uuid"}}}"#,
            &"payload.from.id".to_owned(),
            "",
        ),
    ] {
        let (got_path, problem) = not_an_event(body);
        assert_eq!(&got_path, path, "{body}");
        assert!(problem.contains(problem_contains), "{body}: {problem}");
        let message = WebhookEvent::parse(body.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a Telnyx event"), "{message}");
    }
    let (path, problem) = match WebhookEvent::parse(b"{\"event_type\":\"\xff\"}") {
        Err(WebhookError::NotAnEvent { path, problem }) => (path, problem),
        other => panic!("{other:?}"),
    };
    assert_eq!(path, "");
    assert!(problem.contains("UTF-8"), "{problem}");
}
