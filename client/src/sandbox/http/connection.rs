//! The accept loop, and one connection's loop: read a request, answer it, again.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{AbortHandle, JoinSet};

use super::body::read_body;
use super::request::{Head, parse_head};
use super::response::{Fault, Response, encode_response, reason};
use super::{
    DEFAULT_MAX_BODY_BYTES, KEEP_BUFFER_CAPACITY, MAX_HEADER_BYTES, MAX_LINGER_BYTES,
    MAX_REQUESTS_PER_CONNECTION, READ_CHUNK, ReadError, Request, consume, find,
};

/// What answers every request.
pub(crate) type Handler = Arc<dyn Fn(Request) -> Response + Send + Sync>;

/// A running server. Dropping it stops the accept loop and every connection.
pub(crate) struct HttpServer {
    addr: SocketAddr,
    accept: AbortHandle,
}

impl HttpServer {
    /// Binds `127.0.0.1` on a free port and starts serving with `handler`, with the default
    /// body limit. Must be called within a tokio runtime.
    pub(crate) async fn start(handler: Handler) -> std::io::Result<HttpServer> {
        let addr = SocketAddr::from((std::net::Ipv4Addr::LOCALHOST, 0));
        Self::bind(addr, DEFAULT_MAX_BODY_BYTES, handler).await
    }

    /// Binds `addr` (port 0: a free port) and starts serving with `handler`, refusing bodies
    /// over `max_body_bytes` with 413. Must be called within a tokio runtime.
    pub(crate) async fn bind(
        addr: SocketAddr,
        max_body_bytes: usize,
        handler: Handler,
    ) -> std::io::Result<HttpServer> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept_loop(listener, max_body_bytes, handler));
        Ok(HttpServer {
            addr,
            accept: task.abort_handle(),
        })
    }

    /// The bound address.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr())
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        // Dropping the accept task drops its JoinSet, which aborts every connection task.
        self.accept.abort();
    }
}

impl std::fmt::Debug for HttpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpServer")
            .field("addr", &self.addr)
            .finish()
    }
}

/// Accepts connections until aborted; one task per connection, owned by a `JoinSet` so that
/// they all end with this task.
async fn accept_loop(listener: TcpListener, max_body_bytes: usize, handler: Handler) {
    let mut connections = JoinSet::new();
    let mut count: u64 = 0;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    count += 1;
                    let handler = Arc::clone(&handler);
                    connections.spawn(serve_connection(stream, handler, count, max_body_bytes));
                }
                // Per-connection failures (reset before accept, out of descriptors): let
                // other tasks run, then go on.
                Err(_) => tokio::task::yield_now().await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serves one connection: requests in order until the client closes, asks to close, or sends
/// something unacceptable.
async fn serve_connection(
    mut stream: TcpStream,
    handler: Handler,
    connection: u64,
    max_body_bytes: usize,
) {
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut out: Vec<u8> = Vec::with_capacity(1024);
    for served in 1..=MAX_REQUESTS_PER_CONNECTION {
        let head = match read_head(&mut stream, &mut buf, max_body_bytes).await {
            Ok(Some(head)) => head,
            Ok(None) | Err(ReadError::Closed) => return,
            Err(ReadError::Reject(status)) => return reject(stream, &mut out, status).await,
        };
        let Head {
            mut request,
            framing,
            keep_alive,
            http10,
            expect_continue,
        } = head;
        match read_body(
            &mut stream,
            &mut buf,
            framing,
            expect_continue,
            max_body_bytes,
        )
        .await
        {
            Ok(body) => request.body = body,
            Err(ReadError::Closed) => return,
            Err(ReadError::Reject(status)) => return reject(stream, &mut out, status).await,
        }
        if buf.capacity() > KEEP_BUFFER_CAPACITY {
            buf.shrink_to(READ_CHUNK.max(buf.len()));
        }

        let head_only = request.method() == "HEAD";
        request.connection = connection;
        let mut response = handler(request);
        if let Some(fault) = response.fault.take() {
            return misbehave(stream, fault).await;
        }
        let keep_alive =
            keep_alive && served < MAX_REQUESTS_PER_CONNECTION && !response.asks_to_close();
        out.clear();
        encode_response(&mut out, &response, keep_alive, http10, head_only);
        if stream.write_all(&out).await.is_err() {
            return;
        }
        if !keep_alive {
            let _ = stream.shutdown().await;
            return;
        }
    }
}

/// Plays a [`Fault`] on the connection, then lets it go.
async fn misbehave(mut stream: TcpStream, fault: Fault) {
    let hang = match fault {
        Fault::Close => false,
        Fault::Hang => true,
        Fault::RawThenClose(bytes) => {
            let _ = stream.write_all(&bytes).await;
            false
        }
        Fault::RawThenHang(bytes) => {
            if stream.write_all(&bytes).await.is_err() {
                return;
            }
            true
        }
    };
    if hang {
        // Wait for the client to give up and close; whatever it sends is dropped. Each read
        // either gets bytes or ends the loop, and the total is capped.
        let mut sink = [0u8; 1024];
        for _ in 0..MAX_REQUESTS_PER_CONNECTION {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    let _ = stream.shutdown().await;
}

/// Answers `status` with a short text body, then closes, reading and dropping a bounded
/// amount of whatever the client still sends so that it sees the answer.
async fn reject(mut stream: TcpStream, out: &mut Vec<u8>, status: u16) {
    let mut response = Response::new(status).with_header("content-type", "text/plain");
    response.body = reason(status).as_bytes().to_vec();
    out.clear();
    encode_response(out, &response, false, false, false);
    if stream.write_all(out).await.is_err() {
        return;
    }
    if stream.shutdown().await.is_err() {
        return;
    }
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < MAX_LINGER_BYTES {
        match stream.read(&mut sink).await {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// Reads more bytes into `buf`. `Ok(0)` is end of stream.
pub(super) async fn read_more(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
) -> Result<usize, ReadError> {
    if buf.capacity() - buf.len() < 1024 {
        buf.reserve(READ_CHUNK);
    }
    stream.read_buf(buf).await.map_err(|_| ReadError::Closed)
}

/// Reads and parses the next header block and removes it from `buf`. `Ok(None)` when the
/// client closed cleanly between requests.
async fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    max_body_bytes: usize,
) -> Result<Option<Head>, ReadError> {
    let mut scanned = 0;
    let mut skipped = 0;
    // Each pass either finds the end of the block or reads at least one byte, and both the
    // block and the empty lines before it are capped, so this ends.
    loop {
        // Empty lines before a request line are ignored (RFC 9112, section 2.2).
        let blank = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if blank > 0 {
            skipped += blank;
            if skipped > MAX_HEADER_BYTES {
                return Err(ReadError::Reject(400));
            }
            buf.drain(..blank);
            scanned = 0;
        }
        if let Some(end) = find(buf, b"\r\n\r\n", scanned) {
            if end + 4 > MAX_HEADER_BYTES {
                return Err(ReadError::Reject(431));
            }
            let head =
                parse_head(buf[..end].to_vec(), max_body_bytes).map_err(ReadError::Reject)?;
            consume(buf, end + 4);
            return Ok(Some(head));
        }
        if buf.len() >= MAX_HEADER_BYTES {
            return Err(ReadError::Reject(431));
        }
        scanned = buf.len().saturating_sub(3);
        if read_more(stream, buf).await? == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(ReadError::Closed)
            };
        }
    }
}
