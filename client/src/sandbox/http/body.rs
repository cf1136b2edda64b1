//! Reading a request body: `Content-Length` or chunked framing (RFC 9112, sections 6 and 7).

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::connection::read_more;
use super::request::{Framing, trim_ows};
use super::{MAX_CHUNK_LINE, MAX_HEADER_BYTES, READ_CHUNK, ReadError, consume, find};

/// Reads the body the framing announces and removes it from `buf`.
pub(super) async fn read_body(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    framing: Framing,
    expect_continue: bool,
    max_body_bytes: usize,
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
        Framing::Chunked => read_chunked(stream, buf, max_body_bytes).await,
    }
}

/// Decodes a chunked body (RFC 9112, section 7.1); extensions and trailers are dropped.
async fn read_chunked(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    max_body_bytes: usize,
) -> Result<Vec<u8>, ReadError> {
    // The most wire bytes (framing included) a chunked body may take.
    let max_wire_bytes = max_body_bytes
        .saturating_mul(2)
        .saturating_add(MAX_HEADER_BYTES);
    let mut body = Vec::new();
    let mut pos = 0;
    let mut wire = 0usize;
    // Each pass consumes one chunk or reads at least one byte; the wire bytes are capped.
    loop {
        if wire + (buf.len() - pos) > max_wire_bytes {
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

        if body.len().saturating_add(size) > max_body_bytes {
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
pub(super) fn parse_chunk_size(line: &[u8]) -> Option<usize> {
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
