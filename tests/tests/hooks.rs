//! Hooks against a loopback server: per-operation counters, a correlation-id header, an
//! audit log line per call without the key, a breaker that aborts calls after N failures,
//! one `after_response` per attempt with its body, and the order in which a client's and a
//! call's hooks run. Every request the server received is checked.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;
use telnyx_porting::models::CreatePortingOrder;
use telnyx_porting::prelude::*;
use telnyx_porting::{
    Aborted, Client, ClientBuilder, Error, Hook, HookOutcome, HookRequest, HookResponse,
    RequestOptions,
};
use telnyx_porting_tests::{CREATE_201, MockResponse, MockServer, TEST_KEY, json, mock};

fn client(server: &MockServer, hooks: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    let builder = Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.base_url())
        .retry_sleep(|_| std::future::ready(()));
    match hooks(builder).build() {
        Ok(client) => client,
        Err(e) => panic!("cannot build the client: {e}"),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Calls per operation name, successes and failures apart.
#[derive(Default)]
struct Counters(Mutex<BTreeMap<&'static str, (u32, u32)>>);

impl Hook for Counters {
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let mut counts = lock(&self.0);
        let entry = counts.entry(outcome.endpoint().name()).or_default();
        if outcome.is_success() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
}

#[tokio::test]
async fn counters_per_operation() {
    let (server, _) = mock().await;
    let counters = Arc::new(Counters::default());
    let client = client(&server, |b| b.hook(Arc::clone(&counters)).max_retries(0));
    let order = CreatePortingOrder::new(["+13035550000"]);
    server.enqueue(MockResponse::json(201, &json(CREATE_201)));
    server.enqueue(MockResponse::json(
        422,
        &json!({"errors": [{"code": "10015"}]}),
    ));
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    assert!(client.porting_orders().create(&order).await.is_ok());
    assert!(client.porting_orders().create(&order).await.is_err());
    let query = telnyx_porting::models::ListPortingOrdersQuery::new();
    assert!(client.porting_orders().list(&query).await.is_ok());
    let counts = lock(&counters.0).clone();
    assert_eq!(
        counts,
        BTreeMap::from([("create", (1, 1)), ("list", (1, 0))])
    );
    assert_eq!(server.received(), 3);
}

/// Adds `X-Correlation-Id` and checks that it never sees the key.
struct Correlation {
    id: &'static str,
    saw_authorization: AtomicU32,
}

impl Hook for Correlation {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        if request.headers().contains_key("authorization") {
            self.saw_authorization.fetch_add(1, Ordering::Relaxed);
        }
        let value = self
            .id
            .parse()
            .map_err(|_| Aborted::new("not a header value"))?;
        request.headers_mut().insert("x-correlation-id", value);
        // A hook cannot replace the key either.
        request.headers_mut().insert(
            "authorization",
            "Bearer stolen".parse().map_err(|_| Aborted::new("x"))?,
        );
        Ok(())
    }
}

#[tokio::test]
async fn a_correlation_header_on_every_attempt_and_the_key_added_after_the_hooks() {
    let (server, _) = mock().await;
    let hook = Arc::new(Correlation {
        id: "corr-7",
        saw_authorization: AtomicU32::new(0),
    });
    let client = client(&server, |b| b.hook(Arc::clone(&hook)));
    server.enqueue(MockResponse::json(503, &json!({"errors": []})));
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    let query = telnyx_porting::models::ListPortingOrdersQuery::new();
    assert!(client.porting_orders().list(&query).await.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header("x-correlation-id"), Some("corr-7"));
        assert_eq!(
            request.header_all("authorization"),
            [format!("Bearer {TEST_KEY}").as_str()]
        );
    }
    assert_eq!(hook.saw_authorization.load(Ordering::Relaxed), 0);
}

/// One line per call, as an audit log would write it.
#[derive(Default)]
struct Audit(Mutex<Vec<String>>, Mutex<Vec<String>>);

impl Hook for Audit {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        // Everything a `--debug` printer shows, Debug included.
        lock(&self.1).push(format!(
            "{:?} {:?} {} {:?}",
            request,
            request.headers(),
            request.url(),
            request.body().map(String::from_utf8_lossy)
        ));
        Ok(())
    }

    fn after_response(&self, response: &HookResponse<'_>) {
        lock(&self.1).push(format!("{response:?}"));
    }

    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let e = outcome.endpoint();
        let status = outcome.status().map_or(0, |s| s.as_u16());
        lock(&self.0).push(format!(
            "{} {} {} -> {status} after {} retries",
            e.name(),
            e.method().as_str(),
            e.template(),
            outcome.retries()
        ));
        if let Some(error) = outcome.error() {
            lock(&self.1).push(format!("{error} {error:?}"));
        }
    }
}

#[tokio::test]
async fn an_audit_line_per_call_and_no_hook_ever_sees_the_key() {
    let (server, _) = mock().await;
    let audit = Arc::new(Audit::default());
    let client = client(&server, |b| b.hook(Arc::clone(&audit)).max_retries(0));
    let order = CreatePortingOrder::new(["+13035550000"]);
    server.enqueue(MockResponse::json(201, &json(CREATE_201)));
    server.enqueue(MockResponse::json(
        401,
        &json!({"errors": [{"code": "10009"}]}),
    ));
    assert!(client.porting_orders().create(&order).await.is_ok());
    assert!(client.porting_orders().create(&order).await.is_err());
    let lines = lock(&audit.0).clone();
    assert_eq!(
        lines,
        [
            "create POST /porting_orders -> 201 after 0 retries",
            "create POST /porting_orders -> 401 after 0 retries",
        ]
    );
    let seen = lock(&audit.1).join("\n");
    assert!(
        seen.contains("+13035550000"),
        "the hook sees the body: {seen}"
    );
    assert!(!seen.contains(TEST_KEY), "a hook saw the key: {seen}");
    assert!(
        !seen.to_ascii_lowercase().contains("authorization"),
        "{seen}"
    );
}

/// Opens after `limit` failed calls in a row; an open breaker aborts before sending.
struct Breaker {
    failures: AtomicU32,
    limit: u32,
}

impl Hook for Breaker {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        if self.failures.load(Ordering::Relaxed) >= self.limit {
            return Err(Aborted::new(format!(
                "circuit open after {} failures",
                self.limit
            )));
        }
        let _ = request;
        Ok(())
    }

    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        match outcome.error() {
            Some(e) if e.is_aborted() => {}
            Some(_) => {
                self.failures.fetch_add(1, Ordering::Relaxed);
            }
            None => self.failures.store(0, Ordering::Relaxed),
        }
    }
}

#[tokio::test]
async fn a_breaker_aborts_calls_after_n_failures_and_nothing_more_is_sent() {
    let (server, _) = mock().await;
    let breaker = Arc::new(Breaker {
        failures: AtomicU32::new(0),
        limit: 2,
    });
    let client = client(&server, |b| b.hook(Arc::clone(&breaker)).max_retries(0));
    for _ in 0..2 {
        server.enqueue(MockResponse::json(500, &json!({"errors": []})));
    }
    let query = telnyx_porting::models::ListPortingOrdersQuery::new();
    for _ in 0..2 {
        assert!(matches!(
            client.porting_orders().list(&query).await,
            Err(Error::Api(_))
        ));
    }
    for _ in 0..3 {
        match client.porting_orders().list(&query).await {
            Err(Error::Aborted(a)) => {
                assert_eq!((a.endpoint, a.attempt), ("list", 1));
                assert_eq!(a.reason, "circuit open after 2 failures");
            }
            other => panic!("expected an abort: {other:?}"),
        }
    }
    assert_eq!(server.received(), 2);
}

/// What each hook saw, in order, by hook name.
#[derive(Default)]
struct Trace(Mutex<Vec<String>>);

struct Named(&'static str, Arc<Trace>);

impl Hook for Named {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        lock(&self.1.0).push(format!("{} before #{}", self.0, request.attempt()));
        Ok(())
    }
    fn after_response(&self, response: &HookResponse<'_>) {
        lock(&self.1.0).push(format!(
            "{} after #{} {} {}",
            self.0,
            response.attempt(),
            response.status().as_u16(),
            String::from_utf8_lossy(response.body())
        ));
    }
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        lock(&self.1.0).push(format!(
            "{} done {:?} retries={}",
            self.0,
            outcome.status().map(|s| s.as_u16()),
            outcome.retries()
        ));
    }
}

#[tokio::test]
async fn each_attempt_is_seen_and_a_calls_hooks_run_after_the_clients() {
    let (server, _) = mock().await;
    let trace = Arc::new(Trace::default());
    let client = client(&server, |b| {
        b.hook(Named("a", Arc::clone(&trace)))
            .hook(Named("b", Arc::clone(&trace)))
    });
    let derived =
        client.with_options(RequestOptions::new().hook(Named("call", Arc::clone(&trace))));
    server.enqueue(MockResponse::json(503, &json!({"errors": []})));
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    let query = telnyx_porting::models::ListPortingOrdersQuery::new();
    assert!(derived.porting_orders().list(&query).await.is_ok());
    let seen = std::mem::take(&mut *lock(&trace.0));
    let body503 = r#"{"errors":[]}"#;
    let body200 = r#"{"data":[],"meta":{}}"#;
    let mut expected = Vec::new();
    for (attempt, status, body) in [(1, 503, body503), (2, 200, body200)] {
        for name in ["a", "b", "call"] {
            expected.push(format!("{name} before #{attempt}"));
        }
        for name in ["a", "b", "call"] {
            expected.push(format!("{name} after #{attempt} {status} {body}"));
        }
    }
    for name in ["a", "b", "call"] {
        expected.push(format!("{name} done Some(200) retries=1"));
    }
    assert_eq!(seen, expected);
    // The original client still runs only its own hooks.
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    assert!(client.porting_orders().list(&query).await.is_ok());
    let names: Vec<String> = lock(&trace.0)
        .iter()
        .map(|l| l.split(' ').next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(names, ["a", "b", "a", "b", "a", "b"]);
    // A client derived from a derived one runs all three, in order.
    lock(&trace.0).clear();
    let twice = derived.with_options(RequestOptions::new().hook(Named("more", Arc::clone(&trace))));
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    assert!(twice.porting_orders().list(&query).await.is_ok());
    let names: Vec<String> = lock(&trace.0)
        .iter()
        .filter(|l| l.contains("before"))
        .map(|l| l.split(' ').next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(names, ["a", "b", "call", "more"]);
    assert_eq!(server.received(), 4);
}

/// The elapsed time of each attempt and of the call.
#[derive(Default)]
struct Clock(Mutex<(Vec<std::time::Duration>, Option<std::time::Duration>)>);

impl Hook for Clock {
    fn after_response(&self, response: &HookResponse<'_>) {
        lock(&self.0).0.push(response.elapsed());
    }
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        lock(&self.0).1 = Some(outcome.elapsed());
    }
}

#[tokio::test]
async fn each_attempt_has_its_own_elapsed_time_within_the_calls() {
    let (server, _) = mock().await;
    let clock = Arc::new(Clock::default());
    let client = client(&server, |b| b.hook(Arc::clone(&clock)));
    for _ in 0..2 {
        server.enqueue(MockResponse::json(503, &json!({"errors": []})));
    }
    server.enqueue(MockResponse::json(200, &json!({"data": [], "meta": {}})));
    let query = telnyx_porting::models::ListPortingOrdersQuery::new();
    assert!(client.porting_orders().list(&query).await.is_ok());
    let (attempts, total) = lock(&clock.0).clone();
    assert_eq!(attempts.len(), 3);
    let total = total.unwrap_or_default();
    let sum: std::time::Duration = attempts.iter().sum();
    assert!(sum <= total, "{attempts:?} add up to more than {total:?}");
}

#[tokio::test]
async fn a_call_refused_for_bad_input_reaches_no_hook_and_sends_nothing() {
    let (server, _) = mock().await;
    let trace = Arc::new(Trace::default());
    let client = client(&server, |b| b.hook(Named("a", Arc::clone(&trace))));
    let order = CreatePortingOrder::new(Vec::<String>::new());
    assert!(matches!(
        client.porting_orders().create(&order).await,
        Err(Error::InvalidInput(_))
    ));
    assert!(lock(&trace.0).is_empty());
    assert_eq!(server.received(), 0);
}
