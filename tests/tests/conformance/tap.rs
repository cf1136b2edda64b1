//! A recording forwarder on 127.0.0.1 between our client and Prism.
//!
//! Our client's errors carry the status and the `errors[]` body, not the response headers,
//! and Prism reports what broke the spec only in the `sl-violations` header (also on a 2xx
//! answer, for warnings). The tap forwards each request exactly as our client sent it (method,
//! path, query, headers, body), returns Prism's answer unchanged, and records both, so the
//! suite sees every exchange of every operation, including the several requests of an
//! operation that needs setup calls.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The largest request head the tap reads.
const MAX_HEAD: usize = 64 * 1024;
/// The largest request body the tap reads.
const MAX_BODY: usize = 16 * 1024 * 1024;
/// How long one forwarded request may take.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(30);

/// Hop-by-hop and framing headers the tap sets itself.
const NOT_FORWARDED: [&str; 6] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "upgrade",
];

/// One request and the answer to it, as seen on the wire.
#[derive(Clone)]
pub struct Exchange {
    /// `POST`.
    pub method: String,
    /// The path and query, `/porting_orders`.
    pub target: String,
    /// The request body, as sent.
    pub request_body: Vec<u8>,
    /// The answer's status; 0 when the tap could not get one (see `response_body`).
    pub status: u16,
    /// The `sl-violations` header, where Prism lists what broke the spec.
    pub sl_violations: Option<String>,
    /// The answer's body (or, with status 0, why there was none).
    pub response_body: Vec<u8>,
}

impl Exchange {
    /// What Prism reported about this exchange, if anything: the `sl-violations` header
    /// (mock mode, and warnings in proxy mode), and the problem document Prism answers with
    /// itself (`type` under `https://stoplight.io/prism/errors#`, as `prism proxy --errors`
    /// does for a request or an answer that breaks the spec), with its `validation` list.
    pub fn violations(&self) -> Option<String> {
        let mut found = Vec::new();
        if let Some(header) = &self.sl_violations {
            found.push(format!("sl-violations: {header}"));
        }
        if let Ok(problem) = serde_json::from_slice::<serde_json::Value>(&self.response_body) {
            let is_prism = problem
                .get("type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.starts_with("https://stoplight.io/prism/errors#"));
            if is_prism {
                found.push(format!("Prism answered: {problem}"));
            }
        }
        (!found.is_empty()).then(|| found.join("; "))
    }

    /// The request, for a message: `POST /porting_orders {"phone_numbers":…}`.
    pub fn request_line(&self) -> String {
        format!(
            "{} {} {}",
            self.method,
            self.target,
            String::from_utf8_lossy(&self.request_body)
        )
    }

    /// The answer's body as text, cut to `max` characters.
    pub fn response_text(&self, max: usize) -> String {
        let text = String::from_utf8_lossy(&self.response_body);
        match text.char_indices().nth(max) {
            Some((at, _)) => format!("{}…", &text[..at]),
            None => text.into_owned(),
        }
    }
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} -> {} {}; {}",
            self.request_line(),
            self.status,
            self.response_text(600),
            self.violations()
                .as_deref()
                .unwrap_or("no violation reported")
        )
    }
}

/// The forwarder; stops when dropped.
pub struct Tap {
    url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    task: JoinHandle<()>,
}

impl Tap {
    /// Starts a forwarder on a free port of 127.0.0.1 to `upstream` (`http://127.0.0.1:PORT`,
    /// no trailing slash): a request for `/x?y` is sent to `upstream` + `/x?y`.
    pub async fn start(upstream: &str) -> Tap {
        let listener = match TcpListener::bind("127.0.0.1:0").await {
            Ok(listener) => listener,
            Err(e) => panic!("cannot start the tap: {e}"),
        };
        let url = match listener.local_addr() {
            Ok(addr) => format!("http://{addr}"),
            Err(e) => panic!("cannot start the tap: {e}"),
        };
        let http = match reqwest::Client::builder()
            .no_proxy()
            // A fresh connection per request: no race with Prism closing an idle one.
            .pool_max_idle_per_host(0)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(FORWARD_TIMEOUT)
            .build()
        {
            Ok(http) => http,
            Err(e) => panic!("cannot build the tap's HTTP client: {e}"),
        };
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&exchanges);
        let upstream = upstream.to_owned();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (http, upstream, recorded) =
                    (http.clone(), upstream.clone(), Arc::clone(&recorded));
                tokio::spawn(async move { serve(stream, &http, &upstream, &recorded).await });
            }
        });
        Tap {
            url,
            exchanges,
            task,
        }
    }

    /// `http://127.0.0.1:PORT`: the base URL to give our client.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every exchange so far, in the order the answers came back.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Tap {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A request read off the wire.
struct Incoming {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Serves one connection: one request, forwarded, answered with `connection: close`. The
/// exchange is recorded before the answer is written, so it is there once the client has it.
async fn serve(
    mut stream: TcpStream,
    http: &reqwest::Client,
    upstream: &str,
    recorded: &Mutex<Vec<Exchange>>,
) {
    let record = |exchange: &Exchange| {
        recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(exchange.clone());
    };
    let incoming = match read_request(&mut stream).await {
        Ok(Some(incoming)) => incoming,
        // The client opened a connection and closed it without a request.
        Ok(None) => return,
        Err(why) => {
            let exchange = Exchange {
                method: String::new(),
                target: String::new(),
                request_body: Vec::new(),
                status: 0,
                sl_violations: None,
                response_body: format!("the tap could not read the request: {why}").into_bytes(),
            };
            record(&exchange);
            let _ = write_response(&mut stream, 400, &[], &exchange.response_body).await;
            return;
        }
    };
    let (exchange, headers) = forward(http, upstream, &incoming).await;
    let status = if exchange.status == 0 {
        502
    } else {
        exchange.status
    };
    record(&exchange);
    let _ = write_response(&mut stream, status, &headers, &exchange.response_body).await;
}

async fn forward(
    http: &reqwest::Client,
    upstream: &str,
    incoming: &Incoming,
) -> (Exchange, Vec<(String, String)>) {
    let mut exchange = Exchange {
        method: incoming.method.clone(),
        target: incoming.target.clone(),
        request_body: incoming.body.clone(),
        status: 0,
        sl_violations: None,
        response_body: Vec::new(),
    };
    let method = match reqwest::Method::from_bytes(incoming.method.as_bytes()) {
        Ok(method) => method,
        Err(e) => {
            exchange.response_body = format!("bad method: {e}").into_bytes();
            return (exchange, Vec::new());
        }
    };
    let mut request = http.request(method, format!("{upstream}{}", incoming.target));
    for (name, value) in &incoming.headers {
        if !NOT_FORWARDED.contains(&name.to_ascii_lowercase().as_str()) {
            request = request.header(name.as_str(), value.as_str());
        }
    }
    if !incoming.body.is_empty() {
        request = request.body(incoming.body.clone());
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => {
            exchange.response_body =
                format!("the tap could not reach {upstream}: {e}").into_bytes();
            return (exchange, Vec::new());
        }
    };
    exchange.status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| !NOT_FORWARDED.contains(&name.as_str()))
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    exchange.sl_violations = headers
        .iter()
        .find(|(name, _)| name == "sl-violations")
        .map(|(_, value)| value.clone());
    match response.bytes().await {
        Ok(body) => exchange.response_body = body.to_vec(),
        Err(e) => {
            exchange.status = 0;
            exchange.response_body = format!("the tap could not read the answer: {e}").into_bytes();
        }
    }
    (exchange, headers)
}

/// Reads one HTTP/1.1 request with a `content-length` body (what our client sends);
/// `Ok(None)` when the connection closes before a request starts.
async fn read_request(stream: &mut TcpStream) -> Result<Option<Incoming>, String> {
    let mut buf = Vec::with_capacity(4096);
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if buf.len() > MAX_HEAD {
            return Err(format!("request head over {MAX_HEAD} bytes"));
        }
        let mut chunk = [0u8; 4096];
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err("connection closed inside the request head".to_owned())
            };
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| "request head is not UTF-8")?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(_version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("bad request line {request_line:?}"));
    };
    let mut headers = Vec::new();
    let mut length = 0usize;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("bad header line {line:?}"));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-length") {
            length = value
                .parse()
                .map_err(|_| format!("bad content-length {value:?}"))?;
        }
        if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err("chunked request bodies are not supported by the tap".to_owned());
        }
        headers.push((name.to_owned(), value.to_owned()));
    }
    if length > MAX_BODY {
        return Err(format!("request body over {MAX_BODY} bytes"));
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; (length - body.len()).min(64 * 1024)];
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("connection closed inside the request body".to_owned());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Ok(Some(Incoming {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    }))
}

async fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.flush().await?;
    stream.shutdown().await
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown")
}
