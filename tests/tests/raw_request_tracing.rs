//! Raw requests are traced like declared endpoints, with `(raw request)` for the path (which
//! may hold ids). Alone in its binary: a subscriber set for one thread sees callsites reliably
//! only when no other test touches them at the same time.

use serde_json::{Value, json};
use telnyx_porting::Method;
use telnyx_porting_tests::{MockResponse, TEST_KEY, mock};

/// Span names and fields, one line each, for the tracing test.
#[derive(Clone, Default)]
struct Capture(std::sync::Arc<std::sync::Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if let Ok(mut text) = self.0.lock() {
            text.push_str(span.metadata().name());
            span.record(&mut Fields(&mut text));
            text.push('\n');
        }
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        if let Ok(mut text) = self.0.lock() {
            values.record(&mut Fields(&mut text));
            text.push('\n');
        }
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn raw_requests_are_traced_like_declared_ones_without_their_path() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &json!({})));
    client
        .request(Method::GET, "/things/secret-id-42")
        .send::<Value>()
        .await
        .expect("ok");
    let traced = capture.0.lock().map(|t| t.clone()).unwrap_or_default();
    assert!(
        traced.contains("telnyx_porting.request method=\"GET\" path=\"(raw request)\""),
        "{traced}"
    );
    assert!(traced.contains("status=200"), "{traced}");
    assert!(!traced.contains("secret-id-42"), "{traced}");
    assert!(!traced.contains(TEST_KEY), "{traced}");
}
