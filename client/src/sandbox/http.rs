//! A minimal HTTP/1.1 server on tokio, shared by the [`MockServer`](super::MockServer) and the
//! [`Sandbox`](super::Sandbox).
//!
//! It binds `127.0.0.1:0`, serves each connection in its own task with keep-alive, reads
//! `Content-Length` and `chunked` bodies, and hands every request to a synchronous handler.
//! Dropping the [`HttpServer`] stops the accept loop and every connection task.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Range;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{AbortHandle, JoinSet};

/// The largest header block (request line, header fields and the blank line) accepted.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;
/// The largest request body accepted, after removing any chunked framing.
pub(crate) const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// After this many requests on one connection the server answers with `connection: close`.
const MAX_REQUESTS_PER_CONNECTION: u64 = 1_000_000;
/// The longest chunk-size line (size and extensions) accepted in a chunked body.
const MAX_CHUNK_LINE: usize = 4096;
/// The most wire bytes (framing included) a chunked body may take.
const MAX_CHUNKED_WIRE_BYTES: usize = 2 * MAX_BODY_BYTES;
/// How much room one read gets.
const READ_CHUNK: usize = 16 * 1024;
/// A connection buffer larger than this is shrunk back after the request that grew it.
const KEEP_BUFFER_CAPACITY: usize = 256 * 1024;
/// How much of an unwanted request body is read and dropped before closing after an error,
/// so that the client sees the error answer rather than a reset.
const MAX_LINGER_BYTES: usize = 1024 * 1024;

/// A request as the handler sees it.
///
/// The request line and header fields live in one string (header names lowercased in place);
/// the accessors hand out slices of it, so parsing a request costs a few allocations whatever
/// the number of headers.
pub(crate) struct Request {
    head: String,
    method: Range<usize>,
    target: Range<usize>,
    headers: Vec<(Range<usize>, Range<usize>)>,
    /// The body, with any chunked framing removed.
    pub(crate) body: Vec<u8>,
    /// Which connection of this server the request came on, counting from 1.
    pub(crate) connection: u64,
}

impl Request {
    fn slice(&self, range: &Range<usize>) -> &str {
        self.head.get(range.clone()).unwrap_or("")
    }

    /// The method, such as `POST`.
    pub(crate) fn method(&self) -> &str {
        self.slice(&self.method)
    }

    /// The path of the request target, without the query (`/v2/porting_orders`). An
    /// absolute-form target (`http://host/path`) gives its path.
    pub(crate) fn path(&self) -> &str {
        split_target(self.slice(&self.target)).0
    }

    /// The raw, undecoded query of the request target, without the `?`.
    pub(crate) fn query(&self) -> Option<&str> {
        split_target(self.slice(&self.target)).1
    }

    /// Every header field in order, names lowercased.
    pub(crate) fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers
            .iter()
            .map(|(name, value)| (self.slice(name), self.slice(value)))
    }

    /// The first value of the header `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method())
            .field("target", &self.slice(&self.target))
            .field("headers", &self.headers().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Splits a request target into its path and raw query.
fn split_target(target: &str) -> (&str, Option<&str>) {
    let mut rest = target;
    for scheme in ["http://", "https://"] {
        if let Some(prefix) = target.get(..scheme.len())
            && prefix.eq_ignore_ascii_case(scheme)
        {
            let after = &target[scheme.len()..];
            let authority_end = after.find(['/', '?']).unwrap_or(after.len());
            rest = &after[authority_end..];
            break;
        }
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    (if path.is_empty() { "/" } else { path }, query)
}

/// An answer from the handler. The server adds `content-length` (and `connection` when it
/// closes); any `content-length`, `transfer-encoding` or `connection` set here is ignored,
/// except that `connection: close` makes the server close after answering.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Misbehave instead of answering (for fault-injection tests).
    pub(crate) fault: Option<Fault>,
}

/// Ways to misbehave instead of answering properly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Answer nothing; keep the connection open until the client closes it.
    Hang,
    /// Close the connection without answering.
    Close,
    /// Write these bytes as they are (a partial or malformed answer), then close.
    RawThenClose(Vec<u8>),
    /// Write these bytes as they are, then answer nothing more until the client closes.
    RawThenHang(Vec<u8>),
}

impl Response {
    /// An answer with no headers and an empty body.
    pub(crate) fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            fault: None,
        }
    }

    /// An `application/json` answer.
    pub(crate) fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::json_bytes(status, body.to_string().into_bytes())
    }

    /// An `application/json` answer whose body is already encoded.
    pub(crate) fn json_bytes(status: u16, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body,
            fault: None,
        }
    }

    /// Adds a header field.
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    fn asks_to_close(&self) -> bool {
        self.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("connection")
                && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
        })
    }
}

/// What answers every request.
pub(crate) type Handler = Arc<dyn Fn(Request) -> Response + Send + Sync>;

/// A running server. Dropping it stops the accept loop and every connection.
pub(crate) struct HttpServer {
    addr: SocketAddr,
    accept: AbortHandle,
}

impl HttpServer {
    /// Binds `127.0.0.1` on a free port and starts serving with `handler`. Must be called
    /// within a tokio runtime.
    pub(crate) async fn start(handler: Handler) -> std::io::Result<HttpServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept_loop(listener, handler));
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
async fn accept_loop(listener: TcpListener, handler: Handler) {
    let mut connections = JoinSet::new();
    let mut count: u64 = 0;
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    count += 1;
                    connections.spawn(serve_connection(stream, Arc::clone(&handler), count));
                }
                // Per-connection failures (reset before accept, out of descriptors): let
                // other tasks run, then go on.
                Err(_) => tokio::task::yield_now().await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Why reading a request stopped.
#[derive(Debug, PartialEq, Eq)]
enum ReadError {
    /// The peer closed or the socket failed: nothing can be answered.
    Closed,
    /// The request is unacceptable: answer this status, then close.
    Reject(u16),
}

/// How the body of a request is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Length(usize),
    Chunked,
}

/// A parsed header block.
struct Head {
    request: Request,
    framing: Framing,
    keep_alive: bool,
    http10: bool,
    expect_continue: bool,
}

/// Serves one connection: requests in order until the client closes, asks to close, or sends
/// something unacceptable.
async fn serve_connection(mut stream: TcpStream, handler: Handler, connection: u64) {
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut out: Vec<u8> = Vec::with_capacity(1024);
    for served in 1..=MAX_REQUESTS_PER_CONNECTION {
        let head = match read_head(&mut stream, &mut buf).await {
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
        match read_body(&mut stream, &mut buf, framing, expect_continue).await {
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
async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<usize, ReadError> {
    if buf.capacity() - buf.len() < 1024 {
        buf.reserve(READ_CHUNK);
    }
    stream.read_buf(buf).await.map_err(|_| ReadError::Closed)
}

/// Reads and parses the next header block and removes it from `buf`. `Ok(None)` when the
/// client closed cleanly between requests.
async fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Option<Head>, ReadError> {
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
            let head = parse_head(buf[..end].to_vec()).map_err(ReadError::Reject)?;
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

/// Reads the body the framing announces and removes it from `buf`.
async fn read_body(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    framing: Framing,
    expect_continue: bool,
) -> Result<Vec<u8>, ReadError> {
    let needs_body = match framing {
        Framing::Length(n) => n > buf.len(),
        Framing::Chunked => true,
    };
    if expect_continue && needs_body && buf.is_empty() {
        stream
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
            .await
            .map_err(|_| ReadError::Closed)?;
    }
    match framing {
        Framing::Length(0) => Ok(Vec::new()),
        Framing::Length(len) => {
            if buf.len() < len {
                buf.reserve(len - buf.len());
            }
            // Each pass reads at least one byte and `len` is capped.
            while buf.len() < len {
                if read_more(stream, buf).await? == 0 {
                    return Err(ReadError::Closed);
                }
            }
            let body = buf[..len].to_vec();
            consume(buf, len);
            Ok(body)
        }
        Framing::Chunked => read_chunked(stream, buf).await,
    }
}

/// Decodes a chunked body (RFC 9112, section 7.1); extensions and trailers are dropped.
async fn read_chunked(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut pos = 0;
    let mut wire = 0usize;
    // Each pass consumes one chunk or reads at least one byte; the wire bytes are capped.
    loop {
        if wire + (buf.len() - pos) > MAX_CHUNKED_WIRE_BYTES + MAX_HEADER_BYTES {
            return Err(ReadError::Reject(413));
        }
        let Some(line_len) = find(&buf[pos..], b"\r\n", 0) else {
            if buf.len() - pos > MAX_CHUNK_LINE {
                return Err(ReadError::Reject(400));
            }
            if read_more(stream, buf).await? == 0 {
                return Err(ReadError::Closed);
            }
            continue;
        };
        if line_len > MAX_CHUNK_LINE {
            return Err(ReadError::Reject(400));
        }
        let size = parse_chunk_size(&buf[pos..pos + line_len]).ok_or(ReadError::Reject(400))?;
        let data = pos + line_len + 2;

        if size == 0 {
            // The trailer section: header fields ended by an empty line. Ignored.
            let end = if buf[data..].starts_with(b"\r\n") {
                Some(data + 2)
            } else {
                find(&buf[data..], b"\r\n\r\n", 0).map(|i| data + i + 4)
            };
            if let Some(end) = end {
                consume(buf, end);
                return Ok(body);
            }
            if buf.len() - data > MAX_HEADER_BYTES {
                return Err(ReadError::Reject(431));
            }
            if read_more(stream, buf).await? == 0 {
                return Err(ReadError::Closed);
            }
            continue;
        }

        if body.len().saturating_add(size) > MAX_BODY_BYTES {
            return Err(ReadError::Reject(413));
        }
        let end = data + size + 2;
        if buf.len() < end {
            buf.reserve(end - buf.len());
            if read_more(stream, buf).await? == 0 {
                return Err(ReadError::Closed);
            }
            continue;
        }
        if &buf[end - 2..end] != b"\r\n" {
            return Err(ReadError::Reject(400));
        }
        body.extend_from_slice(&buf[data..end - 2]);
        wire += end - pos;
        pos = end;
        if pos >= READ_CHUNK {
            consume(buf, pos);
            pos = 0;
        }
    }
}

/// `1a`, `1A;name=value`, `10 ;ext`: the hex size before any extension.
fn parse_chunk_size(line: &[u8]) -> Option<usize> {
    let digits = match line.iter().position(|&b| b == b';') {
        Some(i) => &line[..i],
        None => line,
    };
    let digits = trim_ows(digits);
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    digits.iter().try_fold(0usize, |acc, &b| {
        let d = (b as char).to_digit(16)?;
        acc.checked_mul(16)?.checked_add(d as usize)
    })
}

/// Drops the first `n` bytes of `buf`.
fn consume(buf: &mut Vec<u8>, n: usize) {
    if n >= buf.len() {
        buf.clear();
    } else {
        buf.drain(..n);
    }
}

/// The index of the first `needle` in `hay` at or after `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn trim_ows(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// A `tchar` of RFC 9110, section 5.6.2.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Parses the header block (without its final empty line) into a [`Head`], or gives the
/// status to reject it with.
fn parse_head(mut raw: Vec<u8>) -> Result<Head, u16> {
    let line_end = find(&raw, b"\r\n", 0).unwrap_or(raw.len());
    let (method, target, http10) = parse_request_line(&raw[..line_end])?;

    let mut headers = Vec::with_capacity(16);
    let mut pos = line_end + 2;
    // Each pass moves past one line.
    while pos < raw.len() {
        let end = find(&raw, b"\r\n", pos).unwrap_or(raw.len());
        let line = &raw[pos..end];
        let colon = line.iter().position(|&b| b == b':').ok_or(400u16)?;
        // Also rejects obsolete line folding and whitespace before the colon.
        if colon == 0 || !line[..colon].iter().all(|&b| is_tchar(b)) {
            return Err(400);
        }
        let value = &line[colon + 1..];
        if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return Err(400);
        }
        let lead = value.len() - value.trim_ascii_start().len();
        let trimmed = trim_ows(value);
        let value_start = pos + colon + 1 + lead.min(value.len());
        headers.push((pos..pos + colon, value_start..value_start + trimmed.len()));
        pos = end + 2;
    }
    for (name, _) in &headers {
        raw[name.clone()].make_ascii_lowercase();
    }
    let head = match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => {
            // obs-text in a value: keep the offsets, lose the bytes.
            let mut bytes = e.into_bytes();
            for b in &mut bytes {
                if *b >= 0x80 {
                    *b = b'?';
                }
            }
            String::from_utf8(bytes).map_err(|_| 400u16)?
        }
    };
    let request = Request {
        head,
        method,
        target,
        headers,
        body: Vec::new(),
        connection: 0,
    };

    let mut content_length: Option<usize> = None;
    let mut codings = 0usize;
    let mut chunked_last = false;
    let mut close = false;
    let mut keep_alive_token = false;
    let mut expect_continue = false;
    for (name, value) in request.headers() {
        match name {
            "content-length" => {
                for part in value.split(',') {
                    let part = part.trim();
                    if part.is_empty()
                        || part.len() > 19
                        || !part.bytes().all(|b| b.is_ascii_digit())
                    {
                        return Err(400);
                    }
                    let n: u64 = part.parse().map_err(|_| 400u16)?;
                    let n = usize::try_from(n).map_err(|_| 413u16)?;
                    if content_length.is_some_and(|c| c != n) {
                        return Err(400);
                    }
                    content_length = Some(n);
                }
            }
            "transfer-encoding" => {
                for coding in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    codings += 1;
                    chunked_last = coding.eq_ignore_ascii_case("chunked");
                }
            }
            "connection" => {
                for token in value.split(',').map(str::trim) {
                    close |= token.eq_ignore_ascii_case("close");
                    keep_alive_token |= token.eq_ignore_ascii_case("keep-alive");
                }
            }
            "expect" => expect_continue |= value.eq_ignore_ascii_case("100-continue"),
            _ => {}
        }
    }
    let framing = match (codings, content_length) {
        (0, None) => Framing::Length(0),
        (0, Some(n)) if n > MAX_BODY_BYTES => return Err(413),
        (0, Some(n)) => Framing::Length(n),
        // Both framings at once is a smuggling attempt (RFC 9112, section 6.3).
        (_, Some(_)) => return Err(400),
        (1, None) if chunked_last => Framing::Chunked,
        // gzip, chunked and the like: the body cannot be decoded here.
        (_, None) if chunked_last => return Err(501),
        (_, None) => return Err(400),
    };
    let keep_alive = !close && (!http10 || keep_alive_token);
    Ok(Head {
        request,
        framing,
        keep_alive,
        http10,
        expect_continue: expect_continue && !http10,
    })
}

/// `METHOD SP target SP HTTP/1.x`: the method and target ranges, and whether it is HTTP/1.0.
fn parse_request_line(line: &[u8]) -> Result<(Range<usize>, Range<usize>, bool), u16> {
    let sp1 = line.iter().position(|&b| b == b' ').ok_or(400u16)?;
    let rest = &line[sp1 + 1..];
    let sp2 = sp1 + 1 + rest.iter().position(|&b| b == b' ').ok_or(400u16)?;
    let method = &line[..sp1];
    let target = &line[sp1 + 1..sp2];
    let version = &line[sp2 + 1..];
    if method.is_empty() || !method.iter().all(|&b| is_tchar(b)) {
        return Err(400);
    }
    if target.is_empty() || !target.iter().all(|&b| (0x21..0x7f).contains(&b)) {
        return Err(400);
    }
    let http10 = match version {
        b"HTTP/1.1" => false,
        b"HTTP/1.0" => true,
        [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            return Err(505);
        }
        _ => return Err(400),
    };
    Ok((0..sp1, sp1 + 1..sp2, http10))
}

/// Whether `name: value` can be written as a header field as is.
fn is_valid_field(name: &str, value: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(is_tchar)
        && value
            .bytes()
            .all(|b| (b >= 0x20 && b != 0x7f) || b == b'\t')
}

/// Writes the whole response into `out`.
fn encode_response(
    out: &mut Vec<u8>,
    response: &Response,
    keep_alive: bool,
    http10: bool,
    head_only: bool,
) {
    let status = if (100..=999).contains(&response.status) {
        response.status
    } else {
        500
    };
    let bodiless = status < 200 || status == 204 || status == 304;
    let header_bytes: usize = response
        .headers
        .iter()
        .map(|(n, v)| n.len() + v.len() + 4)
        .sum();
    out.reserve(96 + header_bytes + response.body.len());
    // Writing into a Vec cannot fail.
    let _ = write!(out, "HTTP/1.1 {status} {}\r\n", reason(status));
    if !bodiless {
        let _ = write!(out, "content-length: {}\r\n", response.body.len());
    }
    if !keep_alive {
        out.extend_from_slice(b"connection: close\r\n");
    } else if http10 {
        out.extend_from_slice(b"connection: keep-alive\r\n");
    }
    for (name, value) in &response.headers {
        let managed = ["content-length", "transfer-encoding", "connection"]
            .iter()
            .any(|m| name.eq_ignore_ascii_case(m));
        if managed || !is_valid_field(name, value) {
            continue;
        }
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if !bodiless && !head_only {
        out.extend_from_slice(&response.body);
    }
}

/// The reason phrase of `status`; empty when unknown (which HTTP allows).
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        423 => "Locked",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Helpers for tests that talk to a server over a raw socket.
#[cfg(test)]
pub(crate) mod testing {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// A response read off the wire.
    #[derive(Debug)]
    pub(crate) struct RawResponse {
        pub(crate) status: u16,
        pub(crate) headers: Vec<(String, String)>,
        pub(crate) body: Vec<u8>,
    }

    impl RawResponse {
        pub(crate) fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }

        pub(crate) fn json(&self) -> serde_json::Value {
            serde_json::from_slice(&self.body).expect("a JSON body")
        }
    }

    pub(crate) async fn connect(addr: std::net::SocketAddr) -> TcpStream {
        TcpStream::connect(addr).await.expect("connect")
    }

    /// Reads one response (with a `content-length` body) off `stream`; `buf` keeps what
    /// follows it. `None` on end of stream before any byte.
    pub(crate) async fn read_response(
        stream: &mut TcpStream,
        buf: &mut Vec<u8>,
    ) -> Option<RawResponse> {
        read(stream, buf, false).await
    }

    /// Like [`read_response`], for the answer to a `HEAD` request (no body follows).
    pub(crate) async fn read_response_to_head(
        stream: &mut TcpStream,
        buf: &mut Vec<u8>,
    ) -> Option<RawResponse> {
        read(stream, buf, true).await
    }

    async fn read(
        stream: &mut TcpStream,
        buf: &mut Vec<u8>,
        head_request: bool,
    ) -> Option<RawResponse> {
        for _ in 0..100_000 {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8(buf[..end].to_vec()).expect("UTF-8 head");
                let mut lines = head.split("\r\n");
                let status_line = lines.next().expect("status line");
                let status: u16 = status_line[9..12].parse().expect("status code");
                let headers: Vec<(String, String)> = lines
                    .map(|l| {
                        let (n, v) = l.split_once(':').expect("header line");
                        (n.to_ascii_lowercase(), v.trim().to_owned())
                    })
                    .collect();
                let len: usize = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .map_or(0, |(_, v)| v.parse().expect("content-length"));
                let len = if status == 100 || head_request {
                    0
                } else {
                    len
                };
                while buf.len() < end + 4 + len {
                    let mut chunk = [0u8; 8192];
                    let n = stream.read(&mut chunk).await.expect("read body");
                    assert!(n > 0, "eof inside a body");
                    buf.extend_from_slice(&chunk[..n]);
                }
                let body = buf[end + 4..end + 4 + len].to_vec();
                buf.drain(..end + 4 + len);
                return Some(RawResponse {
                    status,
                    headers,
                    body,
                });
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await.expect("read");
            if n == 0 {
                assert!(buf.is_empty(), "eof inside a response head");
                return None;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        panic!("no response");
    }

    /// Sends `request` on a fresh connection and reads one response.
    pub(crate) async fn roundtrip(addr: std::net::SocketAddr, request: &[u8]) -> RawResponse {
        let mut stream = connect(addr).await;
        stream.write_all(request).await.expect("write");
        read_response(&mut stream, &mut Vec::new())
            .await
            .expect("a response")
    }

    /// Whether the server closed `stream` (reads end of stream, possibly after a reset).
    pub(crate) async fn is_closed(stream: &mut TcpStream) -> bool {
        let mut chunk = [0u8; 1024];
        let read = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut chunk));
        matches!(read.await, Ok(Ok(0)) | Ok(Err(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    /// Echoes `METHOD path?query` in a header and the body back.
    async fn echo_server() -> HttpServer {
        HttpServer::start(Arc::new(|req: Request| {
            let line = format!("{} {} {:?}", req.method(), req.path(), req.query());
            let names: Vec<&str> = req.headers().map(|(n, _)| n).collect();
            let names = names.join(",");
            Response::new(200)
                .with_header("x-echo", line)
                .with_header("x-names", names)
                .with_header("content-type", "application/octet-stream")
                .with_header("content-length", "999")
                .with_header("bad\r\nheader", "x")
                .with_header("x-bad-value", "a\r\nb")
                .with_body(req.body)
        }))
        .await
        .expect("start")
    }

    impl Response {
        fn with_body(mut self, body: Vec<u8>) -> Self {
            self.body = body;
            self
        }
    }

    #[tokio::test]
    async fn keep_alive_serves_two_requests_on_one_connection() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        let mut buf = Vec::new();

        stream
            .write_all(b"GET /v2/a?x=1%20 HTTP/1.1\r\nHost: h\r\nX-One: 1\r\n\r\n")
            .await
            .unwrap();
        let first = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(first.status, 200);
        assert_eq!(first.header("x-echo"), Some("GET /v2/a Some(\"x=1%20\")"));
        assert_eq!(first.header("x-names"), Some("host,x-one"));
        assert_eq!(first.header("content-length"), Some("0"));
        assert_eq!(first.header("connection"), None);
        assert!(first.header("x-bad-value").is_none());
        assert_eq!(first.headers.len(), 4, "{:?}", first.headers);

        stream
            .write_all(b"POST /b HTTP/1.1\r\nhost: h\r\nContent-Length: 5\r\n\r\nhello")
            .await
            .unwrap();
        let second = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(second.header("x-echo"), Some("POST /b None"));
        assert_eq!(second.body, b"hello");
        assert_eq!(second.header("content-length"), Some("5"));
    }

    #[tokio::test]
    async fn pipelined_requests_are_answered_in_order() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        stream
            .write_all(
                b"\r\nPOST /1 HTTP/1.1\r\ncontent-length: 1\r\n\r\nAGET /2 HTTP/1.1\r\n\r\n\
                  PUT /3 HTTP/1.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\nCC",
            )
            .await
            .unwrap();
        let mut buf = Vec::new();
        let a = read_response(&mut stream, &mut buf).await.unwrap();
        let b = read_response(&mut stream, &mut buf).await.unwrap();
        let c = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(
            (a.body.as_slice(), b.body.as_slice()),
            (&b"A"[..], &b""[..])
        );
        assert_eq!(b.header("x-echo"), Some("GET /2 None"));
        assert_eq!(c.body, b"CC");
        assert_eq!(c.header("connection"), Some("close"));
        assert!(read_response(&mut stream, &mut buf).await.is_none());
    }

    #[tokio::test]
    async fn chunked_body_is_decoded_across_writes() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        let parts: [&[u8]; 5] = [
            b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhe",
            b"llo\r\n7;ext=1\r\n, world\r",
            b"\n0\r\n",
            b"X-Trailer: t\r\n",
            b"\r\n",
        ];
        for part in parts {
            stream.write_all(part).await.unwrap();
            tokio::task::yield_now().await;
        }
        let mut buf = Vec::new();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"hello, world");

        // The connection is still usable, and an empty chunked body works.
        stream
            .write_all(b"POST /d HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            .await
            .unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.header("x-echo"), Some("POST /d None"));
        assert!(r.body.is_empty());
    }

    #[tokio::test]
    async fn large_content_length_body() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        let body = vec![b'z'; 3 * 1024 * 1024 + 17];
        let head = format!(
            "PUT /big HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        // The server reads the whole body before answering, so writing first cannot block.
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body).await.unwrap();
        let r = read_response(&mut stream, &mut Vec::new()).await.unwrap();
        assert_eq!(r.body, body);
    }

    #[tokio::test]
    async fn malformed_requests_get_400_and_close() {
        let server = echo_server().await;
        let cases: [&[u8]; 9] = [
            b"GET /\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"G(T / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            b"GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        ];
        for case in cases {
            let mut stream = connect(server.addr()).await;
            stream.write_all(case).await.unwrap();
            let mut buf = Vec::new();
            let r = read_response(&mut stream, &mut buf).await.unwrap();
            assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(case));
            assert_eq!(r.header("connection"), Some("close"));
            assert!(is_closed(&mut stream).await);
        }
        // A bad chunk size.
        let r = roundtrip(
            server.addr(),
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        )
        .await;
        assert_eq!(r.status, 400);
        let r = roundtrip(server.addr(), b"GET / HTTP/2.0\r\n\r\n").await;
        assert_eq!(r.status, 505);
        let r = roundtrip(
            server.addr(),
            b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        )
        .await;
        assert_eq!(r.status, 501);
    }

    #[tokio::test]
    async fn limits_answer_431_and_413() {
        let server = echo_server().await;
        let mut big_head = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
        big_head.extend(std::iter::repeat_n(b'a', MAX_HEADER_BYTES));
        big_head.extend_from_slice(b"\r\n\r\n");
        let mut stream = connect(server.addr()).await;
        let (mut rd, mut wr) = stream.split();
        let (_, r) = tokio::join!(wr.write_all(&big_head), async {
            read_response_half(&mut rd).await
        });
        assert_eq!(r, 431);

        let head = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY_BYTES + 1
        );
        let mut stream = connect(server.addr()).await;
        stream.write_all(head.as_bytes()).await.unwrap();
        let r = read_response(&mut stream, &mut Vec::new()).await.unwrap();
        assert_eq!(r.status, 413);
        assert!(is_closed(&mut stream).await);

        // A chunked body that grows past the limit.
        let mut stream = connect(server.addr()).await;
        let (mut rd, mut wr) = stream.split();
        let write = async {
            wr.write_all(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .await
                .unwrap();
            let chunk = vec![b'x'; 1024 * 1024];
            for _ in 0..17 {
                if wr.write_all(b"100000\r\n").await.is_err()
                    || wr.write_all(&chunk).await.is_err()
                    || wr.write_all(b"\r\n").await.is_err()
                {
                    break;
                }
            }
        };
        let (_, r) = tokio::join!(write, read_response_half(&mut rd));
        assert_eq!(r, 413);
    }

    /// The status of the first response read from a read half.
    async fn read_response_half(rd: &mut tokio::net::tcp::ReadHalf<'_>) -> u16 {
        let mut buf = Vec::new();
        for _ in 0..10_000 {
            let mut chunk = [0u8; 1024];
            let n = rd.read(&mut chunk).await.unwrap_or(0);
            buf.extend_from_slice(&chunk[..n]);
            if buf.len() >= 12 || n == 0 {
                break;
            }
        }
        String::from_utf8_lossy(&buf[9..12]).parse().unwrap()
    }

    #[tokio::test]
    async fn http10_closes_unless_keep_alive() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        stream.write_all(b"GET / HTTP/1.0\r\n\r\n").await.unwrap();
        let r = read_response(&mut stream, &mut Vec::new()).await.unwrap();
        assert_eq!(r.header("connection"), Some("close"));
        assert!(is_closed(&mut stream).await);

        let mut stream = connect(server.addr()).await;
        let mut buf = Vec::new();
        for _ in 0..2 {
            stream
                .write_all(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                .await
                .unwrap();
            let r = read_response(&mut stream, &mut buf).await.unwrap();
            assert_eq!(r.header("connection"), Some("keep-alive"));
        }
    }

    #[tokio::test]
    async fn head_has_no_body_and_expect_continue_is_honoured() {
        let server = echo_server().await;
        let mut stream = connect(server.addr()).await;
        let mut buf = Vec::new();
        stream
            .write_all(b"HEAD /h HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            .await
            .unwrap();
        let r = read_response_to_head(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.header("content-length"), Some("3"));
        assert!(r.body.is_empty());
        // Nothing but the next answer follows.
        stream
            .write_all(b"GET /next HTTP/1.1\r\n\r\n")
            .await
            .unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.header("x-echo"), Some("GET /next None"));

        let mut stream = connect(server.addr()).await;
        let mut buf = Vec::new();
        stream
            .write_all(b"POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
            .await
            .unwrap();
        let interim = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(interim.status, 100);
        stream.write_all(b"ok").await.unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"ok"[..]));
    }

    #[tokio::test]
    async fn dropping_the_server_closes_connections() {
        let server = echo_server().await;
        let addr = server.addr();
        let mut stream = connect(addr).await;
        stream.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
        assert!(read_response(&mut stream, &mut Vec::new()).await.is_some());
        drop(server);
        assert!(is_closed(&mut stream).await);
    }

    #[test]
    fn targets_split_into_path_and_query() {
        assert_eq!(split_target("/a/b?x=1&y"), ("/a/b", Some("x=1&y")));
        assert_eq!(split_target("/a"), ("/a", None));
        assert_eq!(split_target("/a?"), ("/a", Some("")));
        assert_eq!(split_target("http://h:1/p?q"), ("/p", Some("q")));
        assert_eq!(split_target("HTTP://h:1?q"), ("/", Some("q")));
        assert_eq!(split_target("*"), ("*", None));
    }

    #[test]
    fn chunk_sizes() {
        assert_eq!(parse_chunk_size(b"1a"), Some(26));
        assert_eq!(parse_chunk_size(b"1A ;x=y"), Some(26));
        assert_eq!(parse_chunk_size(b"0"), Some(0));
        assert_eq!(parse_chunk_size(b""), None);
        assert_eq!(parse_chunk_size(b"-1"), None);
        assert_eq!(parse_chunk_size(b"fffffffffffffffff"), None);
    }
}
