//! The handler's answer, and its encoding on the wire.

use std::io::Write as _;

use super::request::is_tchar;

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

    pub(super) fn asks_to_close(&self) -> bool {
        self.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("connection")
                && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
        })
    }
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
pub(super) fn encode_response(
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
