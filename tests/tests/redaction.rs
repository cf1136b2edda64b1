//! The API key never shows: not in tracing output (spans and events, every level), not in the
//! Debug or Display of the client, its builder, per-call options, responses or any error.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use telnyx_porting::models::CreatePortingOrder;
use telnyx_porting::prelude::*;
use telnyx_porting::{Client, RequestOptions};
use telnyx_porting_tests::{CREATE_201, MockResponse, TEST_KEY, fast_client, json, mock};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A subscriber that writes every span and event, with all their fields, into one string.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Capture {
    fn push(&self, f: impl FnOnce(&mut String)) {
        if let Ok(mut text) = self.text.lock() {
            f(&mut text);
            text.push('\n');
        }
    }

    fn text(&self) -> String {
        self.text.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.push(|t| {
            let _ = write!(
                t,
                "span {} {}",
                span.metadata().level(),
                span.metadata().name()
            );
            span.record(&mut Fields(t));
        });
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        self.push(|t| {
            t.push_str("record");
            values.record(&mut Fields(t));
        });
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.push(|t| {
            let _ = write!(t, "event {}", event.metadata().level());
            event.record(&mut Fields(t));
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn the_key_appears_nowhere() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let mut shown = String::new();

    // Successful call, a retried call and failures of several kinds, all traced.
    let (server, _) = mock().await;
    let (client, _) = fast_client(&server, |b| b.timeout(Duration::from_millis(300)));
    server.enqueue(MockResponse::new(429).header("retry-after-ms", "5"));
    server.enqueue(MockResponse::json(201, &json(CREATE_201)));
    let order = CreatePortingOrder::new(["+13035550000"]);
    let created = client.porting_orders().create(&order).await;
    let _ = write!(shown, "{created:?}");

    let mut errors = Vec::new();
    server.enqueue(MockResponse::json(
        401,
        &json(r#"{"errors":[{"code":"10009","title":"Authentication failed"}]}"#),
    ));
    errors.push(client.porting_orders().create(&order).await.err());
    server.enqueue(MockResponse::new(500));
    errors.push(client.porting_orders().create(&order).await.err());
    server.enqueue(MockResponse::hang());
    errors.push(client.porting_orders().create(&order).await.err());
    server.enqueue(MockResponse::new(201).body("application/json", "{\"data\":"));
    errors.push(client.porting_orders().create(&order).await.err());
    errors.push(
        client
            .porting_orders()
            .create(&CreatePortingOrder::new(["nope"]))
            .await
            .err(),
    );
    errors.push(
        Client::builder()
            .api_key(format!("{TEST_KEY}\n"))
            .build()
            .err(),
    );
    errors.push(
        Client::builder()
            .api_key(TEST_KEY)
            .base_url("::not a url::")
            .build()
            .err(),
    );
    assert_eq!(errors.iter().filter(|e| e.is_some()).count(), errors.len());
    for error in errors.iter().flatten() {
        let _ = write!(shown, "{error} | {error:?} | {error:#?} | ");
        let mut source = std::error::Error::source(error);
        for _ in 0..8 {
            let Some(s) = source else { break };
            let _ = write!(shown, "{s} | {s:?} | ");
            source = s.source();
        }
    }

    let builder = Client::builder().api_key(TEST_KEY);
    let _ = write!(shown, "{builder:?} {client:?} {client:#?}");
    let options = RequestOptions::new().header("Authorization", format!("Bearer {TEST_KEY}"));
    let derived = client.with_options(options.clone());
    let _ = write!(shown, "{options:?} {derived:?}");

    let traced = capture.text();
    assert!(traced.contains("telnyx_porting.request"), "{traced}");
    assert!(
        traced.contains("method=\"POST\"") && traced.contains("path=\"/porting_orders\""),
        "{traced}"
    );
    assert!(
        traced.contains("status=429") && traced.contains("status=201"),
        "{traced}"
    );
    assert!(traced.contains("retrying"), "{traced}");
    // The span records which attempt answered, after how many retries, and how long it took.
    assert!(
        traced.contains("attempt=2") && traced.contains("retries=1"),
        "{traced}"
    );
    assert!(traced.contains("elapsed_ms="), "{traced}");
    assert!(
        !traced.contains(TEST_KEY),
        "the key is in the tracing output:\n{traced}"
    );
    assert!(
        !traced.contains("+13035550000"),
        "bodies are not traced:\n{traced}"
    );
    assert!(
        !shown.contains(TEST_KEY),
        "the key is in a Debug or Display form:\n{shown}"
    );
    assert!(shown.contains("redacted"), "{shown}");
}
