//! A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers `POST /v2/porting_orders`
//! with the spec's 201 example body, as fast as it can.
//!
//! It runs on its own OS thread with a current-thread tokio runtime, so that the clients under
//! test and the server do not share a scheduler. It reads requests framed by `Content-Length`
//! (no chunked bodies: both clients send a sized JSON body), answers each with one
//! precomputed buffer and keeps the connection open until the client closes it.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// The spec's 201 example, served verbatim.
pub const CREATE_201_BODY: &str =
    include_str!("../../tests/fixtures/create_porting_order_201.json");

/// The name of the server thread (left out of the client CPU figures).
pub const THREAD_NAME: &str = "bench-server";
/// The longest request head the server accepts.
const MAX_HEAD: usize = 16 * 1024;
/// The largest request body the server accepts.
const MAX_BODY: usize = 1024 * 1024;
/// Requests served on one connection before the server closes it (a bound, never reached in
/// a run).
const MAX_REQUESTS_PER_CONNECTION: u64 = 100_000_000;
/// Connections accepted over the server's life (a bound, never reached in a run).
const MAX_CONNECTIONS: u64 = 1_000_000;

/// What the server shares with the benchmark.
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests answered with 201.
    pub created: AtomicU64,
    /// Requests answered with 404 or 400.
    pub refused: AtomicU64,
    /// When set, the next request's raw bytes (head and body) are stored in `captured`.
    capture_next: AtomicBool,
    captured: Mutex<Option<Vec<u8>>>,
}

impl Stats {
    /// Asks the server to keep a copy of the next request it reads.
    pub fn capture_next(&self) {
        if let Ok(mut slot) = self.captured.lock() {
            *slot = None;
        }
        self.capture_next.store(true, Ordering::SeqCst);
    }

    /// The request captured since [`capture_next`](Self::capture_next), if any.
    pub fn take_captured(&self) -> Option<Vec<u8>> {
        self.captured.lock().ok().and_then(|mut slot| slot.take())
    }

    fn maybe_capture(&self, raw: &[u8]) {
        if self.capture_next.swap(false, Ordering::SeqCst)
            && let Ok(mut slot) = self.captured.lock()
        {
            *slot = Some(raw.to_vec());
        }
    }
}

/// A running server; dropping it stops the accept loop.
pub struct Server {
    /// `http://127.0.0.1:PORT/v2`
    pub base_url: String,
    /// Counters and request capture.
    pub stats: Arc<Stats>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1 on a free port and starts serving on a new thread.
    pub fn start() -> io::Result<Server> {
        let std_listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        std_listener.set_nonblocking(true)?;
        let addr: SocketAddr = std_listener.local_addr()?;
        let stats = Arc::new(Stats::default());
        let (stop_tx, stop_rx) = oneshot::channel();
        let thread_stats = Arc::clone(&stats);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || {
                runtime.block_on(async move {
                    match TcpListener::from_std(std_listener) {
                        Ok(listener) => accept_loop(listener, thread_stats, stop_rx).await,
                        Err(e) => eprintln!("bench server: cannot register the listener: {e}"),
                    }
                });
            })?;
        Ok(Server {
            base_url: format!("http://{addr}/v2"),
            stats,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn accept_loop(listener: TcpListener, stats: Arc<Stats>, mut stop: oneshot::Receiver<()>) {
    let responses = Arc::new(Responses::new());
    for _ in 0..MAX_CONNECTIONS {
        tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let stats = Arc::clone(&stats);
                    let responses = Arc::clone(&responses);
                    tokio::spawn(async move {
                        // A broken connection ends only itself.
                        let _ = serve(stream, &stats, &responses).await;
                    });
                }
                Err(e) => eprintln!("bench server: accept failed: {e}"),
            },
        }
    }
}

/// The three answers, each one buffer written with one call.
struct Responses {
    created: Vec<u8>,
    not_found: Vec<u8>,
    bad_request: Vec<u8>,
}

impl Responses {
    fn new() -> Self {
        let created = format!(
            "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-request-id: bench\r\n\r\n{}",
            CREATE_201_BODY.len(),
            CREATE_201_BODY
        );
        let not_found = r#"{"errors":[{"code":"10005","title":"Resource not found"}]}"#;
        let not_found = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{not_found}",
            not_found.len()
        );
        Responses {
            created: created.into_bytes(),
            not_found: not_found.into_bytes(),
            bad_request:
                b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n"
                    .to_vec(),
        }
    }
}

/// What the head of one request says.
struct Head {
    /// Bytes up to and including the blank line.
    len: usize,
    content_length: usize,
    is_create: bool,
    close: bool,
}

async fn serve(mut stream: TcpStream, stats: &Stats, responses: &Responses) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(8 * 1024);
    let mut chunk = vec![0u8; 16 * 1024];
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        // Read until the head is complete; each read adds at least one byte, so this ends
        // within MAX_HEAD reads.
        let head = loop {
            if let Some(head) = parse_head(&buf) {
                break head;
            }
            if buf.len() > MAX_HEAD {
                stream.write_all(&responses.bad_request).await?;
                return Ok(());
            }
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(()); // the client closed the connection
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let Some(head) = head else {
            stream.write_all(&responses.bad_request).await?;
            return Ok(());
        };
        if head.content_length > MAX_BODY {
            stream.write_all(&responses.bad_request).await?;
            return Ok(());
        }
        let total = head.len + head.content_length;
        while buf.len() < total {
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        stats.maybe_capture(&buf[..total]);
        let answer = if head.is_create {
            stats.created.fetch_add(1, Ordering::Relaxed);
            &responses.created
        } else {
            stats.refused.fetch_add(1, Ordering::Relaxed);
            &responses.not_found
        };
        stream.write_all(answer).await?;
        buf.drain(..total);
        if head.close {
            return Ok(());
        }
    }
    Ok(())
}

/// `None` while the head is incomplete; `Some(None)` for a head that cannot be served.
fn parse_head(buf: &[u8]) -> Option<Option<Head>> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = &buf[..end];
    let mut lines = head.split(|&b| b == b'\n').map(trim_cr);
    let Some(request_line) = lines.next() else {
        return Some(None);
    };
    let mut parts = request_line.split(|&b| b == b' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Some(None);
    };
    if !version.starts_with(b"HTTP/1.") {
        return Some(None);
    }
    let mut content_length = 0usize;
    let mut close = version == b"HTTP/1.0";
    for line in lines {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Some(None);
        };
        let (name, value) = (&line[..colon], trim(&line[colon + 1..]));
        if name.eq_ignore_ascii_case(b"content-length") {
            let parsed = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<usize>().ok());
            match parsed {
                Some(n) => content_length = n,
                None => return Some(None),
            }
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            return Some(None); // chunked bodies are not needed here
        } else if name.eq_ignore_ascii_case(b"connection") {
            close = value.eq_ignore_ascii_case(b"close");
        }
    }
    Some(Some(Head {
        len: end + 4,
        content_length,
        is_create: method == b"POST" && target == b"/v2/porting_orders",
        close,
    }))
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn trim(value: &[u8]) -> &[u8] {
    let start = value
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &value[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_framed_by_content_length() {
        let raw =
            b"POST /v2/porting_orders HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n{\"a\":1}";
        let head = parse_head(raw).flatten();
        assert!(head.as_ref().is_some_and(|h| h.is_create
            && h.content_length == 12
            && !h.close
            && h.len == raw.len() - 7));
        assert!(parse_head(b"POST /v2/porting_orders HTTP/1.1\r\nHost").is_none());
        let other = parse_head(b"GET /v2/other HTTP/1.1\r\nconnection: close\r\n\r\n").flatten();
        assert!(other.is_some_and(|h| !h.is_create && h.close && h.content_length == 0));
        let bad = parse_head(b"POST / HTTP/1.1\r\ncontent-length: x\r\n\r\n");
        assert!(matches!(bad, Some(None)));
    }
}
