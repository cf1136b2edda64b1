//! A minimal HTTP/1.1 server on tokio, shared by the [`MockServer`](super::MockServer) and the
//! [`Sandbox`](super::Sandbox).
//!
//! It binds the address it is given (`127.0.0.1:0` unless told otherwise), serves each
//! connection in its own task with keep-alive, reads `Content-Length` and `chunked` bodies
//! (answering `Expect: 100-continue` with `100 Continue` at once), and hands every request to
//! a synchronous handler. Dropping the [`HttpServer`] stops the accept loop and every
//! connection task.
//!
//! One concern per file: [`connection`] (the accept loop and one connection's request loop),
//! [`request`] (parsing the request line and header fields, and the body framing they
//! announce), [`body`] (reading a `Content-Length` or chunked body), [`multipart`] (reading a
//! `multipart/form-data` body, for the handlers that take one), [`response`] (the handler's
//! answer and its encoding).

mod body;
mod connection;
pub(crate) mod multipart;
mod request;
mod response;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub(crate) use connection::{Handler, HttpServer};
pub(crate) use request::Request;
pub(crate) use response::{Fault, Response};

/// The largest header block (request line, header fields and the blank line) accepted.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;
/// The default for the largest request body accepted, after removing any chunked framing.
pub(crate) const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// After this many requests on one connection the server answers with `connection: close`.
const MAX_REQUESTS_PER_CONNECTION: u64 = 1_000_000;
/// The longest chunk-size line (size and extensions) accepted in a chunked body.
const MAX_CHUNK_LINE: usize = 4096;
/// How much room one read gets.
const READ_CHUNK: usize = 16 * 1024;
/// A connection buffer larger than this is shrunk back after the request that grew it.
const KEEP_BUFFER_CAPACITY: usize = 256 * 1024;
/// How much of an unwanted request body is read and dropped before closing after an error,
/// so that the client sees the error answer rather than a reset.
const MAX_LINGER_BYTES: usize = 1024 * 1024;

/// Why reading a request stopped.
#[derive(Debug, PartialEq, Eq)]
enum ReadError {
    /// The peer closed or the socket failed: nothing can be answered.
    Closed,
    /// The request is unacceptable: answer this status, then close.
    Reject(u16),
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
