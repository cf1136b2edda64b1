//! Helpers shared by the integration tests: a client pointed at a loopback [`MockServer`] and
//! the spec's examples as fixtures.

use telnyx_porting::Client;

/// The README's code blocks, compiled (and, unless marked `no_run`, run) as doctests of this
/// crate, which has the dependencies a user's crate would: `telnyx-porting` (with `sandbox`),
/// `serde` with `derive`, `serde_json` and `tokio`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
pub use telnyx_porting::sandbox::{MockResponse, MockServer, RecordedRequest, Sandbox};

/// The API key the tests use; every test that can leak it checks that it does not.
pub const TEST_KEY: &str = "KEY-test-SECRET-0123456789";

/// The spec's 201 example of `POST /porting_orders`, as JSON text.
pub const CREATE_201: &str = include_str!("../fixtures/create_porting_order_201.json");

/// Starts a mock server on 127.0.0.1 and a client whose base URL is its `/v2`.
pub async fn mock() -> (MockServer, Client) {
    let server = match MockServer::start().await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the mock server: {e}"),
    };
    let client = match Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.base_url())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("cannot build the client: {e}"),
    };
    (server, client)
}

/// The one request the server received; fails the test if it saw another number.
pub fn only_request(server: &MockServer) -> RecordedRequest {
    let mut requests = server.requests();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request: {requests:#?}"
    );
    requests.remove(0)
}

/// Parses JSON text, failing the test on error.
pub fn json(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("bad JSON in a test: {e}"),
    }
}

/// A client for `server` whose retries wait for nothing: every wait it would have slept is
/// recorded in the returned list instead, so a test can check the waits without taking them.
pub fn fast_client(
    server: &MockServer,
    configure: impl FnOnce(telnyx_porting::ClientBuilder) -> telnyx_porting::ClientBuilder,
) -> (
    Client,
    std::sync::Arc<std::sync::Mutex<Vec<std::time::Duration>>>,
) {
    let waits = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = std::sync::Arc::clone(&waits);
    let builder = Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.base_url())
        .retry_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(8),
        )
        .retry_sleep(move |wait| {
            if let Ok(mut waits) = record.lock() {
                waits.push(wait);
            }
            std::future::ready(())
        });
    match configure(builder).build() {
        Ok(client) => (client, waits),
        Err(e) => panic!("cannot build the client: {e}"),
    }
}

/// The waits recorded by a [`fast_client`].
pub fn waits(recorded: &std::sync::Mutex<Vec<std::time::Duration>>) -> Vec<std::time::Duration> {
    recorded.lock().map(|w| w.clone()).unwrap_or_default()
}

/// A uuid from a literal of the tests.
pub fn uuid(text: &str) -> telnyx_porting::uuid::Uuid {
    match text.parse() {
        Ok(id) => id,
        Err(e) => panic!("bad uuid {text}: {e}"),
    }
}

/// An RFC 3339 timestamp from a literal of the tests.
pub fn at(text: &str) -> telnyx_porting::time::OffsetDateTime {
    use telnyx_porting::time::format_description::well_known::Rfc3339;
    match telnyx_porting::time::OffsetDateTime::parse(text, &Rfc3339) {
        Ok(t) => t,
        Err(e) => panic!("bad timestamp {text}: {e}"),
    }
}

/// Scripts `response`, runs `f` with a client pointed at the server, and returns its decoded
/// result and the one request the server received.
pub async fn call<T, F, Fut>(response: MockResponse, f: F) -> (T, RecordedRequest)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = telnyx_porting::Result<T>>,
{
    let (server, client) = mock().await;
    server.enqueue(response);
    let result = f(client).await;
    let request = only_request(&server);
    match result {
        Ok(value) => (value, request),
        Err(e) => panic!("the call failed: {e:?}\nrequest: {request:#?}"),
    }
}

/// Checks the request exactly: method, path, raw query, body bytes, `accept`, a JSON
/// `content-type` only when there is a body, and the bearer key.
#[track_caller]
pub fn check_accept(
    request: &RecordedRequest,
    accept: &str,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    assert_eq!(request.method, method, "method");
    assert_eq!(request.path, path, "path");
    assert_eq!(request.query.as_deref(), query, "query");
    assert_eq!(request.body_str(), Some(body.unwrap_or("")), "body");
    assert_eq!(request.header("accept"), Some(accept), "accept");
    let content_type = body.map(|_| "application/json");
    assert_eq!(request.header("content-type"), content_type, "content-type");
    let bearer = format!("Bearer {TEST_KEY}");
    assert_eq!(
        request.header("authorization"),
        Some(bearer.as_str()),
        "authorization"
    );
}

/// [`check_accept`] with `Accept: application/json`.
#[track_caller]
pub fn check(
    request: &RecordedRequest,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    check_accept(request, "application/json", method, path, query, body);
}
