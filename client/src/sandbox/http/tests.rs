//! Tests of the HTTP server, over raw TCP on 127.0.0.1.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::body::parse_chunk_size;
use super::request::split_target;
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
        DEFAULT_MAX_BODY_BYTES + 1
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
