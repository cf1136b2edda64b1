//! Tests of [`Sandbox::builder`](super::Sandbox::builder), the caps, the HTTP framing any
//! client may use, and the non-portable range; over raw TCP on 127.0.0.1.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

use super::super::http::testing::*;
use super::{RequestLog, Sandbox};

const AUTH: &str = "Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n";

fn request(method: &str, target: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {target} HTTP/1.1\r\nHost: sandbox\r\n{AUTH}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn on_request_sees_every_answer_and_local_addr_is_the_bound_one() {
    let seen: Arc<Mutex<Vec<RequestLog>>> = Arc::default();
    let log = Arc::clone(&seen);
    let sandbox = Sandbox::builder()
        .host([127, 0, 0, 1].into())
        .port(0)
        .on_request(move |entry| log.lock().unwrap().push(entry.clone()))
        .start()
        .await
        .unwrap();
    let addr = sandbox.local_addr();
    assert!(addr.ip().is_loopback() && addr.port() != 0);
    assert_eq!(sandbox.base_url(), format!("http://{addr}/v2"));

    let body = r#"{"phone_numbers":["+13035550000"]}"#;
    let r = roundtrip(addr, &request("POST", "/v2/porting_orders?x=1", body)).await;
    assert_eq!(r.status, 201);
    let r = roundtrip(addr, b"GET /v2/porting_orders HTTP/1.1\r\n\r\n").await;
    assert_eq!(r.status, 401);
    let r = roundtrip(addr, &request("PUT", "/v2/porting_orders", "")).await;
    assert_eq!(r.status, 405);

    let seen = seen.lock().unwrap().clone();
    let lines: Vec<(&str, &str, u16)> = seen
        .iter()
        .map(|l| (l.method(), l.path(), l.status()))
        .collect();
    assert_eq!(
        lines,
        [
            ("POST", "/v2/porting_orders", 201),
            ("GET", "/v2/porting_orders", 401),
            ("PUT", "/v2/porting_orders", 405),
        ]
    );
    assert!(
        seen.iter()
            .all(|l| l.elapsed() < std::time::Duration::from_secs(60))
    );
    let debug = format!("{:?}", Sandbox::builder().max_items(3));
    assert!(
        debug.contains("max_items: 3") && debug.contains("on_request: false"),
        "{debug}"
    );
}

#[tokio::test]
async fn max_items_drops_the_oldest_order_with_its_children() {
    let sandbox = Sandbox::builder().max_items(2).start().await.unwrap();
    let addr = sandbox.local_addr();
    let mut stream = connect(addr).await;
    let mut buf = Vec::new();
    let mut ids = Vec::new();
    for i in 0..3 {
        let body = format!(r#"{{"phone_numbers":["+1303555000{i}"]}}"#);
        stream
            .write_all(&request("POST", "/v2/porting_orders", &body))
            .await
            .unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.status, 201);
        let id = r.json()["data"][0]["id"].as_str().unwrap().to_owned();
        if i == 0 {
            let comment = request(
                "POST",
                &format!("/v2/porting_orders/{id}/comments"),
                r#"{"body":"first"}"#,
            );
            stream.write_all(&comment).await.unwrap();
            let r = read_response(&mut stream, &mut buf).await.unwrap();
            assert_eq!(r.status, 201);
        }
        ids.push(id);
    }
    let held: Vec<String> = sandbox
        .orders()
        .iter()
        .map(|o| o.id.unwrap().to_string())
        .collect();
    assert_eq!(held, ids[1..]);
    assert_eq!(sandbox.order_count(), 2);
    for (target, status) in [
        (format!("/v2/porting_orders/{}", ids[0]), 404),
        (format!("/v2/porting_orders/{}/comments", ids[0]), 404),
        (format!("/v2/porting_orders/{}", ids[2]), 200),
    ] {
        stream
            .write_all(&request("GET", &target, ""))
            .await
            .unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.status, status, "{target}");
    }
    stream
        .write_all(&request("GET", "/v2/porting_orders", ""))
        .await
        .unwrap();
    let r = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(r.json()["meta"]["total_results"], 2);
}

#[tokio::test]
async fn max_body_bytes_refuses_larger_bodies_with_413() {
    let sandbox = Sandbox::builder().max_body_bytes(64).start().await.unwrap();
    let addr = sandbox.local_addr();
    let small = r#"{"phone_numbers":["+13035550000"]}"#;
    let r = roundtrip(addr, &request("POST", "/v2/porting_orders", small)).await;
    assert_eq!(r.status, 201);
    let big = format!(
        r#"{{"phone_numbers":["+13035550000"],"customer_reference":"{}"}}"#,
        "x".repeat(64)
    );
    let r = roundtrip(addr, &request("POST", "/v2/porting_orders", &big)).await;
    assert_eq!(r.status, 413);
    assert_eq!(sandbox.order_count(), 1);
}

/// Keep-alive, a chunked body and `Expect: 100-continue`, as other languages' clients send
/// them, all on one connection.
#[tokio::test]
async fn serves_keep_alive_chunked_and_expect_continue() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut stream = connect(sandbox.local_addr()).await;
    let mut buf = Vec::new();

    let body = r#"{"phone_numbers":["+13035550000","+13035550001"]}"#;
    let (a, b) = body.split_at(20);
    let chunked = format!(
        "POST /v2/porting_orders HTTP/1.1\r\nHost: sandbox\r\n{AUTH}\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
         {:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    stream.write_all(chunked.as_bytes()).await.unwrap();
    let r = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["data"][0]["porting_phone_numbers_count"], 2);
    assert_eq!(r.header("connection"), None);

    // The head alone: the sandbox answers 100 Continue before any body byte is sent.
    let head = format!(
        "POST /v2/portability_checks HTTP/1.1\r\nHost: sandbox\r\n{AUTH}\
         Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        r#"{"phone_numbers":["+13035550150"]}"#.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let interim = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(interim.status, 100);
    stream
        .write_all(br#"{"phone_numbers":["+13035550150"]}"#)
        .await
        .unwrap();
    let r = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["data"][0]["portable"], false);

    // Still the same connection.
    stream
        .write_all(&request("GET", "/v2/porting_orders", ""))
        .await
        .unwrap();
    let r = read_response(&mut stream, &mut buf).await.unwrap();
    assert_eq!(r.json()["meta"]["total_results"], 1);
}

#[tokio::test]
async fn numbers_555_0100_to_0199_are_never_portable() {
    let sandbox = Sandbox::start().await.unwrap();
    let numbers = [
        "+13035550100",
        "+12125550199",
        "+13035550099",
        "+13035550200",
        "+13035550000",
        "+13035550002",
        "+445550100123",
        "+1303555010",
        "12125550150",
    ];
    let body = json!({ "phone_numbers": numbers }).to_string();
    let r = roundtrip(
        sandbox.local_addr(),
        &request("POST", "/v2/portability_checks", &body),
    )
    .await;
    assert_eq!(r.status, 201);
    let doc = r.json();
    let results: Vec<(&str, bool, &str)> = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["phone_number"].as_str().unwrap(),
                c["portable"].as_bool().unwrap(),
                c["not_portable_reason"].as_str().unwrap(),
            )
        })
        .collect();
    let never = "sandbox: numbers 555-0100 to 555-0199 are never portable";
    assert_eq!(
        results,
        [
            ("+13035550100", false, never),
            ("+12125550199", false, never),
            ("+13035550099", true, ""),
            ("+13035550200", true, ""),
            ("+13035550000", true, ""),
            ("+13035550002", true, ""),
            ("+445550100123", true, ""),
            ("+1303555010", true, ""),
            ("12125550150", false, "Invalid phone number"),
        ]
    );
    assert_eq!(doc["data"][0]["fast_portable"], false);
    assert_eq!(doc["data"][4]["fast_portable"], true);
}

#[tokio::test]
async fn events_are_typed_and_documents_must_be_uuids() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.local_addr();
    let r = roundtrip(
        addr,
        &request(
            "POST",
            "/v2/porting_orders",
            r#"{"phone_numbers":["+13035550000"]}"#,
        ),
    )
    .await;
    let id = r.json()["data"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/v2/porting_orders/{id}");
    let r = roundtrip(
        addr,
        &request("PATCH", &path, r#"{"documents":{"loa":"not-a-uuid"}}"#),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["source"]["pointer"], "/documents/loa");
    super::tests_stateful::Conn::open(&sandbox)
        .await
        .fill(&id)
        .await;
    let r = roundtrip(
        addr,
        &request("POST", &format!("{path}/actions/confirm"), ""),
    )
    .await;
    assert_eq!(r.status, 200);
    let events = sandbox.events();
    assert_eq!(events.len(), 1);
    let event = serde_json::to_value(&events[0]).unwrap();
    assert_eq!(event["event_type"], "porting_order.status_changed");
    assert_eq!(event["porting_order_id"], Value::from(id.as_str()));
    let orders = sandbox.orders();
    assert_eq!(
        orders[0]
            .status
            .as_ref()
            .and_then(|s| s.value.as_ref())
            .map(|v| v.as_str()),
        Some("in-process")
    );
}
