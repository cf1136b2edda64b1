//! The sandbox delivers signed webhooks to a receiver on 127.0.0.1: every lifecycle step,
//! verified by the library and by Node's crypto (an independent Ed25519); retries with
//! `meta.attempt` counting; republish; non-loopback URLs stored but never delivered to.

use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};
use telnyx_porting::http::{HeaderMap, HeaderName, HeaderValue};
use telnyx_porting::models::{
    CreatePortingOrder, CreatePortingOrderComment, PortingOrderId, UpdatePortingOrder,
    UpdatePortingOrderMessaging,
};
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::{Delivery, DeliveryOutcome, MockResponse, MockServer, Sandbox};
use telnyx_porting::uuid;
use telnyx_porting::webhooks::{Verifier, WebhookPayload};
use telnyx_porting::{Client, Result, endpoint};

/// The bound on every wait for deliveries (they normally arrive in milliseconds).
const WAIT: Duration = Duration::from_secs(20);

/// The sandbox's own routes, outside the Telnyx API.
pub trait SandboxControl: ApiClient {
    #[endpoint(GET, "/_sandbox/webhook_public_key")]
    async fn webhook_public_key(&self) -> Result<Value>;

    #[endpoint(POST, "/_sandbox/porting_orders/{id}/advance")]
    async fn advance(&self, id: PortingOrderId, #[body] body: &Value) -> Result<Value>;

    #[endpoint(POST, "/_sandbox/porting_orders/{id}/split")]
    async fn split(&self, id: PortingOrderId, #[body] body: &Value) -> Result<Value>;
}

impl SandboxControl for Client {}

fn ok<T, E: std::fmt::Display>(result: std::result::Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("{e}"),
    }
}

/// A draft order of `numbers` whose `webhook_url` is `url`, filled in so that it can be
/// confirmed.
async fn order_with_hook(client: &Client, numbers: &[&str], url: &str) -> PortingOrderId {
    let created = ok(client
        .porting_orders()
        .create(&CreatePortingOrder::new(numbers.iter().copied()))
        .await);
    let id = created.data[0].id.expect("an id");
    let updated = ok(client
        .porting_orders()
        .update(id, &UpdatePortingOrder::new().webhook_url(url))
        .await);
    assert_eq!(updated.data.webhook_url.as_deref(), Some(url));
    ok(telnyx_porting_tests::fill_order(client, id).await);
    id
}

fn headers_of(pairs: &[(String, String)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        headers.append(
            ok(HeaderName::try_from(name.as_str())),
            ok(HeaderValue::try_from(value.as_str())),
        );
    }
    headers
}

fn status_of(delivery: &Delivery) -> String {
    match delivery.event().payload() {
        WebhookPayload::StatusChanged(changed) => {
            let value = changed.status.as_ref().and_then(|s| s.value.as_ref());
            serde_json::to_value(value)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
        }
        _ => None,
    }
    .unwrap_or_else(|| format!("not a status change: {}", delivery.event().event_type()))
}

/// Verifies every (timestamp, signature, body) with Node's built-in crypto; panics unless
/// all verify.
fn node_verifies(public_key: &str, signed: &[(String, String, Vec<u8>)]) {
    let cases: Vec<Value> = signed
        .iter()
        .map(|(timestamp, signature, body)| {
            json!({
                "timestamp": timestamp,
                "signature": signature,
                "body": body.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            })
        })
        .collect();
    let input = json!({ "public_key": public_key, "cases": cases }).to_string();
    let path = std::env::temp_dir().join(format!("sandbox-webhooks-{}.json", std::process::id()));
    ok(std::fs::write(&path, input));
    let script = r#"
        import { createPublicKey, verify } from "node:crypto";
        import { readFileSync } from "node:fs";
        const input = JSON.parse(readFileSync(process.argv[1], "utf8"));
        const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"),
                                    Buffer.from(input.public_key, "base64")]);
        const key = createPublicKey({ key: spki, format: "der", type: "spki" });
        let good = 0;
        for (const c of input.cases) {
            const message = Buffer.concat([Buffer.from(c.timestamp + "|"), Buffer.from(c.body, "hex")]);
            if (verify(null, message, key, Buffer.from(c.signature, "base64"))) good++;
        }
        console.log(`${good}/${input.cases.length}`);
    "#;
    let output = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .arg(&path)
        .output();
    let _ = std::fs::remove_file(&path);
    let output = match output {
        Ok(output) => output,
        Err(e) => panic!("these tests need Node (as the conformance suite does): {e}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.trim(), format!("{0}/{0}", signed.len()));
}

#[tokio::test]
async fn every_lifecycle_step_arrives_signed() {
    let receiver = ok(MockServer::start().await);
    let url = format!("{}/hooks/porting", receiver.url());
    for _ in 0..6 {
        receiver.enqueue(MockResponse::new(200));
    }
    let sandbox = ok(Sandbox::builder().webhook_key_seed([9; 32]).start().await);
    let client = ok(sandbox.client());
    let id = order_with_hook(&client, &["+13035550000"], &url).await;

    ok(client.porting_orders().actions().confirm(id).await);
    let moved = ok(client.advance(id, &json!({"status": "submitted"})).await);
    assert_eq!(moved["data"]["status"]["value"], "submitted");
    let order = ok(sandbox.advance_to_exception(id, "LOA_ILLEGIBLE", "The LOA is illegible"));
    let status = order.status.expect("a status");
    assert_eq!(status.details.map(|d| d.len()), Some(1));
    // Any successful edit of an order in exception sends it back to submitted.
    let fixed = ok(client
        .porting_orders()
        .update(id, &UpdatePortingOrder::new().customer_reference("fixed"))
        .await);
    let value = fixed.data.status.and_then(|s| s.value);
    assert_eq!(serde_json::to_value(value).ok(), Some(json!("submitted")));
    // A target further along steps through each status in between.
    ok(sandbox.advance(id, "ported"));

    let deliveries = sandbox.wait_for_deliveries(6, WAIT).await;
    assert_eq!(deliveries.len(), 6, "{deliveries:#?}");
    let mut statuses: Vec<String> = deliveries.iter().map(status_of).collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [
            "exception",
            "foc-date-confirmed",
            "in-process",
            "ported",
            "submitted",
            "submitted"
        ]
    );
    let verifier = ok(Verifier::from_base64(sandbox.webhook_public_key()));
    let mut ids: Vec<String> = Vec::new();
    for delivery in &deliveries {
        assert!(delivery.is_success(), "{delivery:?}");
        assert_eq!(delivery.attempt(), 1);
        assert_eq!(delivery.url(), url);
        let event = ok(verifier.verify(delivery.headers(), delivery.body()));
        assert_eq!(event.event_type(), "porting_order.status_changed");
        assert_eq!(event.attempt(), Some(1));
        assert_eq!(event.delivered_to(), Some(url.as_str()));
        ids.extend(event.id().map(str::to_owned));
        if status_of(delivery) == "exception" {
            let doc: Value = ok(serde_json::from_slice(delivery.body()));
            assert_eq!(
                doc["data"]["payload"]["status"]["details"],
                json!([{"code": "LOA_ILLEGIBLE", "description": "The LOA is illegible"}])
            );
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "each event has its own id");

    // What the receiver got is what was recorded, with Telnyx's headers.
    let received = receiver.requests();
    assert_eq!(received.len(), 6);
    let mut signed = Vec::new();
    for request in &received {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/hooks/porting");
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("user-agent"), Some("telnyx-webhooks"));
        let headers = headers_of(&request.headers);
        let event = ok(verifier.verify(&headers, &request.body));
        assert!(
            deliveries
                .iter()
                .any(|d| d.body() == request.body.as_slice())
        );
        let doc = request.json().expect("a JSON body");
        assert_eq!(doc["data"]["record_type"], "event");
        assert_eq!(doc["data"]["payload"]["id"], json!(id.to_string()));
        assert_eq!(doc["meta"], json!({"attempt": 1, "delivered_to": url}));
        assert!(event.occurred_at().is_some());
        signed.push((
            request
                .header("telnyx-timestamp")
                .unwrap_or_default()
                .to_owned(),
            request
                .header("telnyx-signature-ed25519")
                .unwrap_or_default()
                .to_owned(),
            request.body.clone(),
        ));
    }
    node_verifies(sandbox.webhook_public_key(), &signed);

    // The key is the seed's, served over HTTP too.
    let served = ok(client.webhook_public_key().await);
    assert_eq!(served["data"]["public_key"], sandbox.webhook_public_key());
    let again = ok(Sandbox::builder().webhook_key_seed([9; 32]).start().await);
    assert_eq!(again.webhook_public_key(), sandbox.webhook_public_key());
    let fresh = ok(Sandbox::start().await);
    assert_ne!(fresh.webhook_public_key(), sandbox.webhook_public_key());
}

#[tokio::test]
async fn a_failed_attempt_is_retried_and_republish_keeps_the_id() {
    let receiver = ok(MockServer::start().await);
    receiver.enqueue(MockResponse::new(500));
    receiver.enqueue(MockResponse::new(204));
    let url = format!("{}/hook", receiver.url());
    let sandbox = ok(Sandbox::builder()
        .webhook_backoff(Duration::from_millis(5))
        .start()
        .await);
    let client = ok(sandbox.client());
    let id = order_with_hook(&client, &["+13035550001"], &url).await;
    ok(client.porting_orders().actions().confirm(id).await);

    let deliveries = sandbox.wait_for_deliveries(2, WAIT).await;
    let seen: Vec<(u32, Option<u16>)> = deliveries
        .iter()
        .map(|d| (d.attempt(), d.status()))
        .collect();
    assert_eq!(seen, [(1, Some(500)), (2, Some(204))]);
    let event_id = deliveries[0].event().id().map(str::to_owned);
    assert_eq!(deliveries[1].event().id().map(str::to_owned), event_id);
    let attempts: Vec<Value> = receiver
        .requests()
        .iter()
        .map(|r| {
            r.json()
                .map(|d| d["meta"]["attempt"].clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(attempts, [json!(1), json!(2)]);

    // Republish delivers the same event again, the attempt counting on.
    receiver.enqueue(MockResponse::new(200));
    let event_id = ok(uuid_of(event_id.as_deref()));
    ok(client.porting().events().republish(event_id).await);
    let deliveries = sandbox.wait_for_deliveries(3, WAIT).await;
    assert_eq!(deliveries.len(), 3);
    let last = &deliveries[2];
    assert_eq!((last.attempt(), last.status()), (3, Some(200)));
    assert_eq!(last.event().id(), Some(event_id.to_string().as_str()));
    assert_eq!(receiver.received(), 3);
}

fn uuid_of(id: Option<&str>) -> std::result::Result<uuid::Uuid, String> {
    let id = id.ok_or("no event id")?;
    uuid::Uuid::parse_str(id).map_err(|e| e.to_string())
}

#[tokio::test]
async fn redirects_are_not_followed_and_attempts_are_bounded() {
    let receiver = ok(MockServer::start().await);
    let elsewhere = format!("{}/elsewhere", receiver.url());
    for _ in 0..2 {
        receiver.enqueue(MockResponse::new(307).header("location", &elsewhere));
    }
    let sandbox = ok(Sandbox::builder()
        .webhook_backoff(Duration::from_millis(1))
        .webhook_max_attempts(2)
        .start()
        .await);
    let client = ok(sandbox.client());
    let id = order_with_hook(
        &client,
        &["+13035550002"],
        &format!("{}/hook", receiver.url()),
    )
    .await;
    ok(client.porting_orders().actions().confirm(id).await);
    let deliveries = sandbox.wait_for_deliveries(2, WAIT).await;
    let seen: Vec<(u32, Option<u16>)> = deliveries
        .iter()
        .map(|d| (d.attempt(), d.status()))
        .collect();
    assert_eq!(seen, [(1, Some(307)), (2, Some(307))]);
    let paths: Vec<String> = receiver.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/hook", "/hook"], "the redirect was not followed");
}

#[tokio::test]
async fn non_loopback_urls_are_stored_but_never_delivered_to() {
    let sandbox = ok(Sandbox::start().await);
    let client = ok(sandbox.client());
    let url = "https://hooks.example.com/telnyx";
    let id = order_with_hook(&client, &["+13035550003"], url).await;
    ok(client.porting_orders().actions().confirm(id).await);
    let deliveries = sandbox.wait_for_deliveries(1, WAIT).await;
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(delivery.url(), url);
    match delivery.outcome() {
        DeliveryOutcome::Skipped { reason } => {
            assert!(
                reason.contains("hooks.example.com is not a loopback host"),
                "{reason}"
            )
        }
        other => panic!("expected a skipped delivery, got {other:?}"),
    }
    assert_eq!(delivery.status(), None);
    assert_eq!(sandbox.orders()[0].webhook_url.as_deref(), Some(url));
}

#[tokio::test]
async fn split_moves_numbers_and_fires_one_event_per_number() {
    let receiver = ok(MockServer::start().await);
    for _ in 0..3 {
        receiver.enqueue(MockResponse::new(200));
    }
    let sandbox = ok(Sandbox::start().await);
    let client = ok(sandbox.client());
    let numbers = ["+13035550004", "+13035550005", "+13035550006"];
    let id = order_with_hook(&client, &numbers, &format!("{}/hook", receiver.url())).await;
    ok(client.porting_orders().actions().confirm(id).await);
    let body = json!({"phone_numbers": ["+13035550005", "+13035550006"]});
    let moved = ok(client.split(id, &body).await);
    let new_id = moved["data"]["id"].as_str().unwrap_or_default().to_owned();
    assert_ne!(new_id, id.to_string());
    assert_eq!(moved["data"]["status"]["value"], "in-process");
    assert_eq!(
        moved["data"]["phone_numbers"].as_array().map(Vec::len),
        Some(2)
    );
    let orders = sandbox.orders();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0].phone_numbers.as_ref().map(Vec::len), Some(1));

    let deliveries = sandbox.wait_for_deliveries(3, WAIT).await;
    let mut kinds: Vec<&str> = deliveries.iter().map(|d| d.event().event_type()).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "porting_order.split",
            "porting_order.split",
            "porting_order.status_changed"
        ]
    );
    for delivery in deliveries
        .iter()
        .filter(|d| d.event().event_type() == "porting_order.split")
    {
        let WebhookPayload::Split(split) = delivery.event().payload() else {
            panic!("not a split payload: {delivery:?}");
        };
        let to = split
            .to
            .as_ref()
            .and_then(|t| t.id.as_ref())
            .map(ToString::to_string);
        assert_eq!(to.as_deref(), Some(new_id.as_str()));
        let from = split
            .from
            .as_ref()
            .and_then(|f| f.id.as_ref())
            .map(ToString::to_string);
        assert_eq!(from, Some(id.to_string()));
    }
}

#[tokio::test]
async fn illegal_moves_are_refused_with_422() {
    let sandbox = ok(Sandbox::start().await);
    let client = ok(sandbox.client());
    let created = ok(client
        .porting_orders()
        .create(&CreatePortingOrder::new(["+13035550007", "+13035550008"]))
        .await);
    let id = created.data[0].id.expect("an id");
    let refused = |result: Result<Value>| match result {
        Err(e) => e.status().map(|s| s.as_u16()),
        Ok(doc) => panic!("accepted: {doc}"),
    };
    // A draft must be confirmed first.
    let draft = client.advance(id, &json!({"status": "submitted"})).await;
    assert_eq!(refused(draft), Some(422));
    ok(telnyx_porting_tests::fill_order(&client, id).await);
    ok(client.porting_orders().actions().confirm(id).await);
    for body in [
        json!({"status": "draft"}),
        json!({"status": "in-process"}),
        json!({"status": "cancelled"}),
        json!({"status": "nonsense"}),
        json!({"status": "exception"}),
        json!({}),
        json!({"status": 7}),
    ] {
        let result = client.advance(id, &body).await;
        assert_eq!(refused(result), Some(422), "{body}");
    }
    let split_all = json!({"phone_numbers": ["+13035550007", "+13035550008"]});
    assert_eq!(refused(client.split(id, &split_all).await), Some(422));
    let split_foreign = json!({"phone_numbers": ["+13035559999"]});
    assert_eq!(refused(client.split(id, &split_foreign).await), Some(422));

    ok(sandbox.advance(id, "foc-date-confirmed"));
    let back = sandbox.advance(id, "submitted").unwrap_err();
    assert_eq!(back.status(), 422);
    assert!(back.message().contains("cannot go back"), "{back}");
    ok(sandbox.advance(id, "ported"));
    let out = client
        .advance(id, &json!({"status": "exception", "exception_code": "X"}))
        .await;
    assert_eq!(refused(out), Some(422));
    let missing = sandbox.advance(uuid::Uuid::nil(), "ported").unwrap_err();
    assert_eq!(missing.status(), 404);
    assert!(
        sandbox.deliveries().is_empty(),
        "no webhook_url, no deliveries"
    );
}

#[tokio::test]
async fn comments_messaging_changes_and_deletions_are_delivered() {
    let receiver = ok(MockServer::start().await);
    for _ in 0..3 {
        receiver.enqueue(MockResponse::new(200));
    }
    let sandbox = ok(Sandbox::start().await);
    let client = ok(sandbox.client());
    let url = format!("{}/hook", receiver.url());
    let id = order_with_hook(&client, &["+13035550009"], &url).await;
    let orders = client.porting_orders();
    ok(orders
        .comments()
        .create(id, &CreatePortingOrderComment::new("Is the LOA signed?"))
        .await);
    let messaging = UpdatePortingOrderMessaging::new().enable_messaging(true);
    ok(orders
        .update(id, &UpdatePortingOrder::new().messaging(messaging))
        .await);
    ok(orders.delete(id).await);

    let deliveries = sandbox.wait_for_deliveries(3, WAIT).await;
    assert_eq!(deliveries.len(), 3, "{deliveries:#?}");
    let verifier = ok(Verifier::from_base64(sandbox.webhook_public_key()));
    let mut seen = Vec::new();
    for delivery in &deliveries {
        assert!(delivery.is_success(), "{delivery:?}");
        let event = ok(verifier.verify(delivery.headers(), delivery.body()));
        match event.payload() {
            WebhookPayload::NewComment(new) => {
                let body = new.comment.as_ref().and_then(|c| c.body.as_deref());
                assert_eq!(body, Some("Is the LOA signed?"));
                assert_eq!(new.porting_order_id, Some(id));
                seen.push("new_comment");
            }
            WebhookPayload::MessagingChanged(changed) => {
                let enabled = changed.messaging.as_ref().and_then(|m| m.enable_messaging);
                assert_eq!(enabled, Some(true));
                assert_eq!(changed.id, Some(id));
                seen.push("messaging_changed");
            }
            WebhookPayload::Deleted(deleted) => {
                assert_eq!(deleted.id, Some(id));
                assert!(deleted.deleted_at.is_some());
                seen.push("deleted");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    seen.sort_unstable();
    assert_eq!(seen, ["deleted", "messaging_changed", "new_comment"]);
}

#[tokio::test]
async fn a_receiver_that_does_not_answer_within_2_s_is_a_failed_attempt() {
    let receiver = ok(MockServer::start().await);
    receiver.enqueue(MockResponse::hang());
    let sandbox = ok(Sandbox::builder().webhook_max_attempts(1).start().await);
    let client = ok(sandbox.client());
    let id = order_with_hook(
        &client,
        &["+13035550010"],
        &format!("{}/hook", receiver.url()),
    )
    .await;
    // The API answers while the receiver hangs: delivery never holds it up.
    let confirmed = ok(client.porting_orders().actions().confirm(id).await);
    assert!(confirmed.data.support_key.is_some());
    let deliveries = sandbox.wait_for_deliveries(1, WAIT).await;
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        deliveries[0].outcome(),
        &DeliveryOutcome::Failed {
            error: "no answer within 2 s".into()
        }
    );
    assert_eq!(receiver.received(), 1);
}
