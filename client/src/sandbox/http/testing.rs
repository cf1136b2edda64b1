//! Helpers for tests that talk to a server over a raw socket.

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
