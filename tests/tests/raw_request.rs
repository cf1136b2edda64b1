//! The raw-request escape hatch, `client.request(method, path)`: exact requests against a
//! loopback `MockServer`, and the runtime rules it shares with declared endpoints (auth,
//! retries, error mapping, per-call options).

use serde_json::{Value, json};
use telnyx_porting::models::{CreatePortingOrder, Data, PortingOrder};
use telnyx_porting::prelude::*;
use telnyx_porting::{Binary, Error, Method, RequestOptions, Response};
use telnyx_porting_tests::{
    CREATE_201, MockResponse, RecordedRequest, TEST_KEY, fast_client, mock, only_request,
};

/// A request as the server saw it, without the connection it came on.
fn wire(request: &RecordedRequest) -> RecordedRequest {
    RecordedRequest {
        connection: 0,
        ..request.clone()
    }
}

fn created() -> MockResponse {
    MockResponse::new(201).body("application/json", CREATE_201)
}

#[tokio::test]
async fn a_raw_post_sends_exactly_what_the_declared_endpoint_sends() {
    let (server, client) = mock().await;
    server.enqueue(created());
    server.enqueue(created());
    let order = CreatePortingOrder::new(["+13035550000", "+13035550001"]).customer_reference("x");

    let declared = client
        .porting_orders()
        .create(&order)
        .await
        .expect("declared");
    let raw: Data<Vec<PortingOrder>> = client
        .request(Method::POST, "/porting_orders")
        .json(&order)
        .send()
        .await
        .expect("raw");

    assert_eq!(raw, declared);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(wire(&requests[0]), wire(&requests[1]));
    let sent = &requests[1];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/v2/porting_orders")
    );
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(
        sent.body_str(),
        Some(r#"{"phone_numbers":["+13035550000","+13035550001"],"customer_reference":"x"}"#)
    );
}

#[tokio::test]
async fn a_raw_get_sends_its_query_and_headers_and_no_body() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &json!({ "data": [] })));
    let body: Value = client
        .request(Method::GET, "/porting_orders")
        .query(&json!({ "page": { "size": 5 }, "filter": { "status": ["draft", "ported"] } }))
        .query_pair("note", "a b&c")
        .header("X-Reason", "audit")
        .send()
        .await
        .expect("raw get");
    assert_eq!(body, json!({ "data": [] }));
    let sent = only_request(&server);
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("GET", "/v2/porting_orders")
    );
    // Keys in the order given (serde_json objects sort theirs), encoded as `#[query]` is.
    assert_eq!(
        sent.query.as_deref(),
        Some("filter%5Bstatus%5D=draft%2Cported&page%5Bsize%5D=5&note=a%20b%26c")
    );
    assert_eq!(sent.header("x-reason"), Some("audit"));
    assert_eq!(sent.header("accept"), Some("application/json"));
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    assert_eq!(sent.header("content-type"), None);
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn raw_responses_can_be_bytes_a_response_or_nothing() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::new(200).body("application/pdf", b"%PDF-1.4".to_vec()));
    server.enqueue(MockResponse::json(200, &json!({ "ok": true })).header("x-request-id", "req-7"));
    server.enqueue(MockResponse::new(204));

    let pdf: Binary = client
        .request(Method::GET, "/porting_orders/abc/loa_template")
        .header("Accept", "application/pdf")
        .send()
        .await
        .expect("pdf");
    assert_eq!(
        (&pdf[..], pdf.content_type()),
        (&b"%PDF-1.4"[..], Some("application/pdf"))
    );

    let response: Response<Value> = client
        .request(Method::PATCH, "/things/1")
        .json(&json!({ "name": "n" }))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-7"));
    assert_eq!(response.body, json!({ "ok": true }));

    client
        .request(Method::DELETE, "/things/1")
        .send_empty()
        .await
        .expect("204");

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    // The `Accept` given replaced the client's default; it is sent once.
    assert_eq!(requests[0].header_all("accept"), ["application/pdf"]);
    assert_eq!(
        (requests[1].method.as_str(), requests[1].body_str()),
        ("PATCH", Some(r#"{"name":"n"}"#))
    );
    assert_eq!(
        (requests[2].method.as_str(), requests[2].path.as_str()),
        ("DELETE", "/v2/things/1")
    );
}

#[tokio::test]
async fn raw_errors_are_the_crate_errors() {
    let (server, client) = mock().await;
    server.enqueue(
        MockResponse::json(
            422,
            &json!({ "errors": [{ "code": "10015", "title": "Bad Request", "detail": "no" }] }),
        )
        .header("x-request-id", "req-9"),
    );
    let err = client
        .request(Method::POST, "/porting_orders")
        .json(&json!({}))
        .send::<Value>()
        .await
        .expect_err("422");
    assert!(err.is_unprocessable(), "{err:?}");
    assert_eq!(err.request_id(), Some("req-9"));
    assert_eq!(err.api_errors()[0].code.as_deref(), Some("10015"));
    assert!(!err.to_string().contains(TEST_KEY));

    server.enqueue(MockResponse::json(200, &json!({ "data": 1 })));
    let err = client
        .request(Method::GET, "/x")
        .send::<Data<String>>()
        .await
        .expect_err("does not decode");
    match err {
        Error::Decode(e) => assert_eq!(e.path, "data"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn raw_requests_follow_the_retry_rules_and_the_per_call_options() {
    let (server, _) = mock().await;
    let (client, _waits) = fast_client(&server, |b| b);

    // GET is idempotent: a 503 is retried.
    server.enqueue(MockResponse::new(503));
    server.enqueue(MockResponse::json(200, &json!({})));
    client
        .request(Method::GET, "/x")
        .send::<Value>()
        .await
        .expect("retried");
    assert_eq!(server.received(), 2);

    // POST is not: a 503 is the answer, and it may have been applied.
    server.enqueue(MockResponse::new(503));
    let err = client
        .request(Method::POST, "/x")
        .send::<Value>()
        .await
        .expect_err("not retried");
    assert!(
        err.may_have_been_applied() && err.is_server_error(),
        "{err:?}"
    );
    assert_eq!(server.received(), 3);

    // ... unless the request says it is idempotent.
    server.enqueue(MockResponse::new(503));
    server.enqueue(MockResponse::json(200, &json!({})));
    client
        .request(Method::POST, "/x")
        .idempotent(true)
        .send::<Value>()
        .await
        .expect("retried");
    assert_eq!(server.received(), 5);

    // Per-call options apply: no retries, an extra header and query parameter.
    server.enqueue(MockResponse::new(503));
    let err = client
        .with_options(
            RequestOptions::new()
                .max_retries(0)
                .header("X-Trace", "t1")
                .query("o", "1"),
        )
        .request(Method::GET, "/x")
        .query_pair("q", "2")
        .send::<Value>()
        .await
        .expect_err("no retries");
    assert_eq!(err.retries(), 0);
    let requests = server.requests();
    assert_eq!(requests.len(), 6);
    assert_eq!(requests[5].header("x-trace"), Some("t1"));
    assert_eq!(requests[5].query.as_deref(), Some("q=2&o=1"));
}

#[tokio::test]
async fn bad_raw_requests_fail_before_sending() {
    let (server, client) = mock().await;
    let cases = [
        (client.request(Method::GET, "porting_orders"), "path"),
        (
            client.request(Method::GET, "/porting_orders?page=2"),
            "path",
        ),
        (client.request(Method::GET, "/a/../../b"), "path"),
        (client.request(Method::HEAD, "/a"), "method"),
        (
            client.request(Method::GET, "/a").header("X-Bad", "a\r\nb"),
            "header X-Bad",
        ),
        (
            client.request(Method::GET, "/a").header("bad name", "v"),
            "header name",
        ),
        (client.request(Method::GET, "/a").query(&[1, 2]), "query"),
    ];
    for (request, field) in cases {
        match request.send::<Value>().await {
            Err(Error::InvalidInput(e)) => assert_eq!(e.field, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(server.received(), 0);
}

#[tokio::test]
async fn raw_futures_are_send_and_outlive_their_builder() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &json!({ "n": 1 })));
    let task = tokio::spawn(async move {
        let path = format!("/things/{}", 42);
        client.request(Method::GET, path).send::<Value>().await
    });
    assert_eq!(task.await.expect("join").expect("ok"), json!({ "n": 1 }));
    assert_eq!(only_request(&server).path, "/v2/things/42");
}
