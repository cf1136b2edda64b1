//! [`MockServer`]: a scripted, recording HTTP server for tests.

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::errors;
use super::http::{Fault, Handler, HttpServer, Request, Response};

/// A local HTTP server that answers with scripted responses and records every request.
///
/// Responses queued with [`enqueue`](MockServer::enqueue) are served in order, one per
/// request, whatever the method or path. When the queue is empty the server answers 404 with a
/// Telnyx-style error body saying that no response was scripted. Every request is recorded
/// before it is answered, so once a client call has returned, [`requests`](MockServer::requests)
/// holds it.
///
/// The server listens on `127.0.0.1` only and stops when the value is dropped.
///
/// ```
/// use telnyx_porting::sandbox::{MockResponse, MockServer};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let server = MockServer::start().await?;
/// server.enqueue(MockResponse::json(201, &serde_json::json!({ "data": [] })));
/// assert!(server.base_url().ends_with("/v2"));
/// assert_eq!(server.received(), 0);
/// # Ok(()) }
/// ```
pub struct MockServer {
    server: HttpServer,
    state: Arc<Mutex<MockState>>,
}

#[derive(Default)]
struct MockState {
    queue: VecDeque<MockResponse>,
    requests: Vec<RecordedRequest>,
}

fn lock(state: &Mutex<MockState>) -> MutexGuard<'_, MockState> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl MockServer {
    /// Starts a server on a free port of `127.0.0.1`. Must be called within a tokio runtime.
    ///
    /// # Errors
    ///
    /// The I/O error when no port of `127.0.0.1` can be bound.
    pub async fn start() -> std::io::Result<MockServer> {
        let state = Arc::new(Mutex::new(MockState::default()));
        let shared = Arc::clone(&state);
        let handler: Handler = Arc::new(move |request: Request| {
            let recorded = RecordedRequest::from_request(request);
            let mut state = lock(&shared);
            let scripted = state.queue.pop_front();
            let detail = format!(
                "The mock server has no response scripted for request #{} ({} {}); \
                 queue one with MockServer::enqueue.",
                state.requests.len() + 1,
                recorded.method,
                recorded.path,
            );
            state.requests.push(recorded);
            drop(state);
            match scripted {
                Some(response) => response.into_response(),
                None => errors::not_found(&detail),
            }
        });
        let server = HttpServer::start(handler).await?;
        Ok(MockServer { server, state })
    }

    /// The server's root, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The API's base URL on this server, `http://127.0.0.1:PORT/v2`: what to give
    /// [`ClientBuilder::base_url`](crate::ClientBuilder::base_url).
    pub fn base_url(&self) -> String {
        format!("{}/v2", self.server.url())
    }

    /// Queues `response`; queued responses are served in FIFO order, one per request.
    pub fn enqueue(&self, response: MockResponse) {
        lock(&self.state).queue.push_back(response);
    }

    /// Every request received so far, in the order they arrived.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }

    /// How many requests have been received so far.
    pub fn received(&self) -> usize {
        lock(&self.state).requests.len()
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.state);
        f.debug_struct("MockServer")
            .field("url", &self.server.url())
            .field("queued", &state.queue.len())
            .field("received", &state.requests.len())
            .finish()
    }
}

/// A scripted answer for a [`MockServer`].
///
/// The server adds `content-length` itself (and ignores any `content-length`,
/// `transfer-encoding` or `connection` set here, except that `connection: close` makes it
/// close the connection after answering). Header fields that could not be sent as they are
/// (a name that is not a token, a value with a line break) are left out.
#[derive(Clone, Debug)]
pub struct MockResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    fault: Option<Fault>,
}

impl MockResponse {
    /// A response with `status`, no headers and an empty body. A status outside `100..=999`
    /// is sent as 500.
    pub fn new(status: u16) -> Self {
        MockResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            fault: None,
        }
    }

    /// Answers nothing and keeps the connection open until the client gives up (a server
    /// that is slow to send headers).
    pub fn hang() -> Self {
        MockResponse {
            fault: Some(Fault::Hang),
            ..Self::new(0)
        }
    }

    /// Closes the connection without answering (a connection reset after the request was
    /// sent).
    pub fn close_connection() -> Self {
        MockResponse {
            fault: Some(Fault::Close),
            ..Self::new(0)
        }
    }

    /// Writes `bytes` as they are instead of a proper answer (say, a status line and headers
    /// promising more body than follows), then closes the connection.
    pub fn raw_then_close(bytes: impl Into<Vec<u8>>) -> Self {
        MockResponse {
            fault: Some(Fault::RawThenClose(bytes.into())),
            ..Self::new(0)
        }
    }

    /// Writes `bytes` as they are, then sends nothing more until the client gives up (a
    /// server that is slow to send the body).
    pub fn raw_then_hang(bytes: impl Into<Vec<u8>>) -> Self {
        MockResponse {
            fault: Some(Fault::RawThenHang(bytes.into())),
            ..Self::new(0)
        }
    }

    /// A response with `status` and `body` as `application/json`.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status).body("application/json", body.to_string())
    }

    /// Sets the body and its `content-type`, replacing any earlier ones.
    pub fn body(mut self, content_type: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
        self.headers
            .push(("content-type".to_owned(), content_type.to_owned()));
        self.body = bytes.into();
        self
    }

    /// Adds a header field (repeated names are all sent).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn into_response(self) -> Response {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body,
            fault: self.fault,
        }
    }
}

/// A request a [`MockServer`] received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, such as `POST`.
    pub method: String,
    /// The path, without the query, as sent (not percent-decoded): `/v2/porting_orders`.
    pub path: String,
    /// The raw, undecoded query without the `?`, when the target had one.
    pub query: Option<String>,
    /// Every header field in order, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body, with any chunked framing removed.
    pub body: Vec<u8>,
    /// Which connection the request came on, counting from 1: requests that share a number
    /// shared a keep-alive connection.
    pub connection: u64,
}

impl RecordedRequest {
    fn from_request(request: Request) -> Self {
        RecordedRequest {
            method: request.method().to_owned(),
            path: request.path().to_owned(),
            query: request.query().map(str::to_owned),
            headers: request
                .headers()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
            connection: request.connection,
            body: request.body,
        }
    }

    /// The first value of the header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the header `name` (case-insensitive), in order.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body parsed as JSON; `None` when it is not JSON (or empty).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text; `None` when it is not UTF-8.
    pub fn body_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tokio::io::AsyncWriteExt;

    use super::super::http::testing::*;
    use super::*;

    #[tokio::test]
    async fn serves_fifo_records_and_404s_when_empty() {
        let server = MockServer::start().await.unwrap();
        assert!(server.url().starts_with("http://127.0.0.1:"));
        assert_eq!(server.base_url(), format!("{}/v2", server.url()));
        server.enqueue(MockResponse::json(201, &json!({"data": [1]})).header("x-a", "1"));
        server.enqueue(
            MockResponse::new(202)
                .body("text/plain", "first")
                .body("text/csv", "a,b")
                .header("x-a", "2")
                .header("X-A", "3"),
        );

        let addr = server.server.addr();
        let mut stream = connect(addr).await;
        let mut buf = Vec::new();
        stream
            .write_all(
                b"POST /v2/porting_orders?page%5Bsize%5D=2&x HTTP/1.1\r\nHost: h\r\n\
                  Content-Type: application/json\r\nX-Multi: a\r\nx-multi: b\r\n\
                  Content-Length: 17\r\n\r\n{\"phone\":\"+1303\"}",
            )
            .await
            .unwrap();
        let first = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(first.status, 201);
        assert_eq!(first.header("content-type"), Some("application/json"));
        assert_eq!(first.header("x-a"), Some("1"));
        assert_eq!(first.json(), json!({"data": [1]}));

        stream
            .write_all(
                b"DELETE /v2/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n",
            )
            .await
            .unwrap();
        let second = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(second.status, 202);
        assert_eq!(second.body, b"a,b");
        assert_eq!(second.header("content-type"), Some("text/csv"));
        let xa: Vec<&str> = second
            .headers
            .iter()
            .filter(|(n, _)| n == "x-a")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(xa, ["2", "3"]);

        stream
            .write_all(b"GET /v2/nothing HTTP/1.1\r\n\r\n")
            .await
            .unwrap();
        let third = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(third.status, 404);
        let body = third.json();
        let detail = body["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.contains("no response scripted"), "{detail}");
        assert!(detail.contains("GET /v2/nothing"), "{detail}");
        assert_eq!(body["errors"][0]["code"], "10005");

        assert_eq!(server.received(), 3);
        let requests = server.requests();
        let r = &requests[0];
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/v2/porting_orders");
        assert_eq!(r.query.as_deref(), Some("page%5Bsize%5D=2&x"));
        assert_eq!(r.header("CONTENT-TYPE"), Some("application/json"));
        assert_eq!(r.header("x-multi"), Some("a"));
        assert_eq!(r.header_all("X-Multi"), ["a", "b"]);
        assert_eq!(r.header("missing"), None);
        assert_eq!(r.headers[0], ("host".to_owned(), "h".to_owned()));
        assert_eq!(r.json(), Some(json!({"phone": "+1303"})));
        assert_eq!(r.body_str(), Some("{\"phone\":\"+1303\"}"));
        assert_eq!(requests[1].method, "DELETE");
        assert_eq!(requests[1].body, b"hi");
        assert_eq!(requests[1].json(), None);
        assert_eq!(requests[2].query, None);
        assert!(requests[2].body.is_empty());
        assert!(format!("{server:?}").contains("received: 3"));
    }

    #[tokio::test]
    async fn connection_close_in_a_scripted_response_closes() {
        let server = MockServer::start().await.unwrap();
        server.enqueue(MockResponse::new(204).header("Connection", "close"));
        let mut stream = connect(server.server.addr()).await;
        stream.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
        let mut buf = Vec::new();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.status, 204);
        assert_eq!(r.header("content-length"), None);
        assert_eq!(r.header("connection"), Some("close"));
        assert!(is_closed(&mut stream).await);
    }

    #[test]
    fn body_str_rejects_invalid_utf8() {
        let r = RecordedRequest {
            method: "POST".into(),
            path: "/".into(),
            query: None,
            headers: Vec::new(),
            body: vec![0xff],
            connection: 1,
        };
        assert_eq!(r.body_str(), None);
        assert!(r.header_all("x").is_empty());
    }
}
