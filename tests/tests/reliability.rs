//! The fault matrix: retries, timeouts and limits against a real server on 127.0.0.1. Each test
//! asserts the typed outcome and how many requests the server saw. No test sleeps: retry waits
//! are recorded instead of taken, and timeouts are a few hundred milliseconds against a server
//! that never answers.

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use telnyx_porting::models::CreatePortingOrder;
use telnyx_porting::prelude::*;
use telnyx_porting::{
    Client, Error, RequestOptions, Response, Result, endpoint, time::OffsetDateTime,
};
use telnyx_porting_tests::{CREATE_201, MockResponse, MockServer, fast_client, json, waits};

#[derive(Debug, Deserialize, PartialEq)]
pub struct Thing {
    pub id: String,
}

pub trait Things: ApiClient {
    #[endpoint(GET, "/things/{id}")]
    async fn get(&self, id: &str) -> Result<Thing>;

    #[endpoint(GET, "/things/{id}")]
    async fn get_raw(&self, id: &str) -> Result<Response<Thing>>;

    /// A POST the API documents as safe to repeat.
    #[endpoint(POST, "/things/{id}/actions/refresh", idempotent)]
    async fn refresh(&self, id: &str) -> Result<Thing>;
}

impl Things for Client {}

fn thing() -> MockResponse {
    MockResponse::json(200, &json(r#"{"id":"t1"}"#))
}

fn created() -> MockResponse {
    MockResponse::json(201, &json(CREATE_201))
}

fn order() -> CreatePortingOrder {
    CreatePortingOrder::new(["+13035550000"])
}

async fn server() -> MockServer {
    match MockServer::start().await {
        Ok(s) => s,
        Err(e) => panic!("cannot start the mock server: {e}"),
    }
}

fn api_status(err: &Error) -> Option<u16> {
    err.as_api().map(|a| a.status.as_u16())
}

// ---- connection-level faults ----------------------------------------------------------------

#[tokio::test]
async fn connection_refused_is_retried_even_for_create_then_fails() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0");
        match listener.and_then(|l| l.local_addr()) {
            Ok(addr) => addr.port(),
            Err(e) => panic!("{e}"),
        }
    };
    let recorded = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = std::sync::Arc::clone(&recorded);
    let client = Client::builder()
        .api_key("k")
        .base_url(format!("http://127.0.0.1:{port}/v2"))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(8))
        .retry_sleep(move |d| {
            if let Ok(mut w) = record.lock() {
                w.push(d);
            }
            std::future::ready(())
        })
        .build();
    let client = match client {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    // Nothing was written, so even a POST is safe to send again.
    let err = client.porting_orders().create(&order()).await.err();
    assert!(err.as_ref().is_some_and(Error::is_connection), "{err:?}");
    assert_eq!(err.as_ref().map(Error::retries), Some(2));
    assert_eq!(err.as_ref().map(Error::may_have_been_applied), Some(false));
    assert_eq!(waits(&recorded).len(), 2);
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_retried_for_get_only() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    let partial =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\":";
    for _ in 0..3 {
        server.enqueue(MockResponse::raw_then_close(partial));
    }
    let err = client.get("t1").await.err();
    assert!(err.as_ref().is_some_and(Error::is_connection), "{err:?}");
    assert_eq!(server.received(), 3, "GET is retried twice");

    let server = self::server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::raw_then_close(partial));
    let err = client.porting_orders().create(&order()).await.err();
    assert!(err.as_ref().is_some_and(Error::is_connection), "{err:?}");
    assert!(err.as_ref().is_some_and(Error::may_have_been_applied));
    assert_eq!(
        server.received(),
        1,
        "POST is not retried once the server had it"
    );
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_not_retried_for_create() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::close_connection());
    server.enqueue(created());
    let err = client.porting_orders().create(&order()).await.err();
    assert!(err.as_ref().is_some_and(Error::is_connection), "{err:?}");
    assert!(
        err.as_ref()
            .is_some_and(|e| e.to_string().contains("may have been applied")),
        "{err:?}"
    );
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_and_not_retried() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(200).body("application/json", r#"{"id":"t"#));
    let err = client.get("t1").await.err();
    assert!(err.as_ref().is_some_and(Error::is_decode), "{err:?}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn an_html_502_is_retried_then_reported_with_a_snippet() {
    let server = server().await;
    let (client, recorded) = fast_client(&server, |b| b);
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    for _ in 0..3 {
        server.enqueue(MockResponse::new(502).body("text/html", page));
    }
    let err = match client.get("t1").await {
        Err(e) => e,
        Ok(v) => panic!("{v:?}"),
    };
    assert_eq!(api_status(&err), Some(502));
    assert_eq!(err.retries(), 2);
    assert_eq!(
        err.as_api().and_then(|a| a.body_snippet.as_deref()),
        Some(page)
    );
    assert_eq!(server.received(), 3);
    assert_eq!(waits(&recorded).len(), 2);
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_typed_error() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b.max_response_bytes(1024));
    let big = format!(r#"{{"id":"{}"}}"#, "x".repeat(10_000));
    server.enqueue(MockResponse::new(200).body("application/json", big));
    let err = client.get("t1").await.err();
    assert!(
        matches!(err, Some(Error::BodyTooLarge(ref e)) if e.limit == 1024),
        "{err:?}"
    );
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_streamed_body_over_the_limit_stops_reading_at_the_limit() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b.max_response_bytes(1024));
    // Chunked, no length: 32 chunks of 64 bytes, then the server stalls. Reading must stop at
    // the limit (a typed error), not wait for a body that never ends.
    let mut raw = String::from(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    );
    for _ in 0..32 {
        raw.push_str("40\r\n");
        raw.push_str(&"y".repeat(64));
        raw.push_str("\r\n");
    }
    server.enqueue(MockResponse::raw_then_hang(raw));
    let err = client.get("t1").await.err();
    assert!(matches!(err, Some(Error::BodyTooLarge(_))), "{err:?}");
}

#[tokio::test]
async fn slow_headers_time_out() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| {
        b.timeout(Duration::from_millis(300)).max_retries(0)
    });
    server.enqueue(MockResponse::hang());
    let err = client.get("t1").await.err();
    assert!(err.as_ref().is_some_and(Error::is_timeout), "{err:?}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_slow_body_times_out() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| {
        b.timeout(Duration::from_millis(300)).max_retries(0)
    });
    server.enqueue(MockResponse::raw_then_hang(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{\"id\":",
    ));
    let err = client.get("t1").await.err();
    assert!(err.as_ref().is_some_and(Error::is_timeout), "{err:?}");
}

#[tokio::test]
async fn a_timed_out_create_is_not_retried_and_says_so() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b.timeout(Duration::from_millis(300)));
    server.enqueue(MockResponse::hang());
    server.enqueue(created());
    let err = client.porting_orders().create(&order()).await.err();
    assert!(err.as_ref().is_some_and(Error::is_timeout), "{err:?}");
    assert!(err.as_ref().is_some_and(Error::may_have_been_applied));
    assert_eq!(server.received(), 1);
}

// ---- waits ------------------------------------------------------------------------------------

async fn one_429_then_success(retry_headers: &[(&str, &str)]) -> Vec<Duration> {
    let server = server().await;
    let (client, recorded) = fast_client(&server, |b| b);
    let mut limited = MockResponse::json(
        429,
        &json(r#"{"errors":[{"code":"10011","title":"Too many requests"}]}"#),
    );
    for (name, value) in retry_headers {
        limited = limited.header(name, value);
    }
    server.enqueue(limited);
    server.enqueue(created());
    let created = client.porting_orders().create(&order()).await;
    assert!(created.is_ok(), "{created:?}");
    assert_eq!(server.received(), 2, "a 429 is retried even for create");
    waits(&recorded)
}

#[tokio::test]
async fn a_429_waits_for_retry_after_ms() {
    assert_eq!(
        one_429_then_success(&[("retry-after-ms", "1500")]).await,
        [Duration::from_millis(1500)]
    );
}

#[tokio::test]
async fn a_429_waits_for_retry_after_seconds() {
    assert_eq!(
        one_429_then_success(&[("retry-after", "3")]).await,
        [Duration::from_secs(3)]
    );
}

#[tokio::test]
async fn a_429_waits_until_an_http_date() {
    let at = OffsetDateTime::from(SystemTime::now() + Duration::from_secs(30));
    let date = at
        .format(&telnyx_porting::time::format_description::well_known::Rfc2822)
        .unwrap_or_default()
        .replace("+0000", "GMT");
    let got = one_429_then_success(&[("retry-after", &date)]).await;
    assert_eq!(got.len(), 1);
    assert!(
        got[0] > Duration::from_secs(25) && got[0] <= Duration::from_secs(30),
        "{date}: {got:?}"
    );
}

#[tokio::test]
async fn a_429_with_a_garbage_wait_falls_back_to_backoff() {
    for garbage in ["soon", "-5", "0", "99999"] {
        let got = one_429_then_success(&[("retry-after", garbage)]).await;
        // The test client's backoff starts at 1 ms, less up to 25 % jitter.
        assert_eq!(got.len(), 1, "{garbage}");
        assert!(
            got[0] <= Duration::from_millis(1) && got[0] >= Duration::from_micros(750),
            "{garbage}: {got:?}"
        );
    }
}

// ---- the status rules -------------------------------------------------------------------------

#[tokio::test]
async fn three_500s_give_up_after_two_retries_with_the_last_error() {
    let server = server().await;
    let (client, recorded) = fast_client(&server, |b| b);
    for n in 1..=3 {
        server.enqueue(MockResponse::json(
            500,
            &json(&format!(
                r#"{{"errors":[{{"code":"5000{n}","title":"attempt {n}"}}]}}"#
            )),
        ));
    }
    let err = match client.get("t1").await {
        Err(e) => e,
        Ok(v) => panic!("{v:?}"),
    };
    assert_eq!(api_status(&err), Some(500));
    assert_eq!(
        err.api_errors()[0].code.as_deref(),
        Some("50003"),
        "the last error"
    );
    assert_eq!(err.retries(), 2);
    assert!(
        !err.may_have_been_applied(),
        "GET is idempotent: it was retried"
    );
    assert_eq!(server.received(), 3);
    let waited = waits(&recorded);
    assert_eq!(waited.len(), 2);
    assert!(waited[0] <= Duration::from_millis(1) && waited[1] <= Duration::from_millis(2));
    assert!(
        waited[1] >= Duration::from_micros(1500),
        "the backoff doubles: {waited:?}"
    );
}

#[tokio::test]
async fn x_should_retry_false_stops_a_retry() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(500).header("x-should-retry", "false"));
    server.enqueue(thing());
    let err = client.get("t1").await.err();
    assert_eq!(err.as_ref().and_then(api_status), Some(500));
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn x_should_retry_true_retries_even_a_400() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(400).header("x-should-retry", "true"));
    server.enqueue(thing());
    assert_eq!(client.get("t1").await.ok(), Some(Thing { id: "t1".into() }));
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn x_should_retry_true_retries_a_create() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(503).header("x-should-retry", "true"));
    server.enqueue(created());
    assert!(client.porting_orders().create(&order()).await.is_ok());
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_500_on_create_reaches_the_server_exactly_once() {
    let server = server().await;
    let (client, recorded) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(500));
    server.enqueue(created());
    let err = match client.porting_orders().create(&order()).await {
        Err(e) => e,
        Ok(v) => panic!("{v:?}"),
    };
    assert_eq!(api_status(&err), Some(500));
    assert!(err.may_have_been_applied());
    assert!(err.to_string().contains("may have been applied"), "{err}");
    assert_eq!(server.received(), 1);
    assert!(waits(&recorded).is_empty());
}

#[tokio::test]
async fn create_with_429_then_201_succeeds_in_two_requests() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(429));
    server.enqueue(created());
    let created = client.porting_orders().create(&order()).await;
    assert!(created.is_ok_and(|c| c.data.len() == 1));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].body, requests[1].body,
        "the body is re-sent unchanged"
    );
}

#[tokio::test]
async fn opting_in_retries_a_create_after_a_500() {
    // Per call.
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(500));
    server.enqueue(created());
    let opted_in = client.with_options(RequestOptions::new().retry_non_idempotent(true));
    assert!(opted_in.porting_orders().create(&order()).await.is_ok());
    assert_eq!(server.received(), 2);

    // Per client.
    let server = self::server().await;
    let (client, _) = fast_client(&server, |b| b.retry_non_idempotent(true));
    server.enqueue(MockResponse::new(500));
    server.enqueue(created());
    assert!(client.porting_orders().create(&order()).await.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn an_endpoint_declared_idempotent_is_retried_after_a_500() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(500));
    server.enqueue(thing());
    assert!(client.refresh("t1").await.is_ok());
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_get_with_503_then_200_succeeds_after_one_retry() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::new(503));
    server.enqueue(
        thing()
            .header("x-request-id", "req-9")
            .header("x-ratelimit-limit", "100")
            .header("x-ratelimit-remaining", "98")
            .header("x-ratelimit-reset", "30"),
    );
    let response = match client.get_raw("t1").await {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(response.retries, 1);
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-9"));
    let limit = response.rate_limit();
    assert_eq!(
        limit.map(|l| (l.limit, l.remaining, l.reset)),
        Some((Some(100), Some(98), Some(30)))
    );
    assert_eq!(response.into_body(), Thing { id: "t1".into() });
    assert_eq!(server.received(), 2);
}

// ---- per-call options -------------------------------------------------------------------------

#[tokio::test]
async fn per_call_options_override_retries_timeout_headers_and_query() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b.timeout(Duration::from_secs(60)));

    // max_retries(0): a 503 is final.
    server.enqueue(MockResponse::new(503));
    let no_retry = client.with_options(RequestOptions::new().max_retries(0));
    assert_eq!(
        no_retry.get("t1").await.err().as_ref().and_then(api_status),
        Some(503)
    );
    assert_eq!(server.received(), 1);

    // A per-call timeout, far below the client's minute.
    server.enqueue(MockResponse::hang());
    let hurried = client.with_options(
        RequestOptions::new()
            .timeout(Duration::from_millis(300))
            .max_retries(0),
    );
    assert!(
        hurried
            .get("t1")
            .await
            .err()
            .is_some_and(|e| e.is_timeout())
    );

    // Extra headers and query parameters, after the endpoint's own.
    server.enqueue(thing());
    let traced = client.with_options(
        RequestOptions::new()
            .header("X-Trace-Id", "abc")
            .query("debug", "true"),
    );
    assert!(traced.get("t1").await.is_ok());
    let last = server.requests().pop();
    assert_eq!(
        last.as_ref().and_then(|r| r.header("x-trace-id")),
        Some("abc")
    );
    assert_eq!(
        last.as_ref().and_then(|r| r.query.as_deref()),
        Some("debug=true")
    );

    // The original client is untouched.
    server.enqueue(thing());
    assert!(client.get("t1").await.is_ok());
    assert_eq!(server.requests().pop().and_then(|r| r.query), None);
}

#[tokio::test]
async fn a_bad_option_header_fails_before_sending() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    let bad = client.with_options(RequestOptions::new().header("X-Bad", "a\r\nb"));
    let err = bad.get("t1").await.err();
    assert!(err.is_some_and(|e| e.is_invalid_input()));
    assert_eq!(server.received(), 0);
}

#[tokio::test]
async fn clones_and_derived_clients_share_one_connection_pool() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    for _ in 0..4 {
        server.enqueue(thing());
    }
    let clone = client.clone();
    let derived = client.with_options(RequestOptions::new().max_retries(1));
    assert!(client.get("a").await.is_ok());
    assert!(clone.get("b").await.is_ok());
    assert!(derived.get("c").await.is_ok());
    assert!(derived.clone().get("d").await.is_ok());
    let connections: Vec<u64> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(
        connections,
        [1, 1, 1, 1],
        "one keep-alive connection served every call"
    );
}

#[tokio::test]
async fn a_per_call_connect_timeout_gets_its_own_pool() {
    let server = server().await;
    let (client, _) = fast_client(&server, |b| b);
    for _ in 0..4 {
        server.enqueue(thing());
    }
    let patient =
        client.with_options(RequestOptions::new().connect_timeout(Duration::from_secs(1)));
    assert!(client.get("a").await.is_ok());
    assert!(patient.get("b").await.is_ok());
    assert!(patient.clone().get("c").await.is_ok());
    assert!(client.get("d").await.is_ok());
    let connections: Vec<u64> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(
        connections,
        [1, 2, 2, 1],
        "its clones share its pool; the original keeps its own"
    );

    // With the user's own reqwest::Client the connect timeout is theirs to set.
    let custom = Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .http_client(reqwest::Client::new())
        .build();
    let custom = match custom {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let err = custom
        .with_options(RequestOptions::new().connect_timeout(Duration::from_secs(1)))
        .get("e")
        .await
        .err();
    assert!(matches!(err, Some(Error::Config(_))), "{err:?}");
    assert_eq!(server.received(), 4);
}
