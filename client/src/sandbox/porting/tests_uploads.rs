//! Tests of `POST /documents` as SDKs and curl send it: `multipart/form-data` (as
//! `curl -F "file=@loa.pdf" -F customer_reference=x` frames it), the Node SDK's JSON to
//! `/documents?content-type=multipart`, malformed bodies and the size caps; over raw TCP on
//! 127.0.0.1, so every byte of the request is the test's.

use serde_json::json;

use super::super::http::testing::*;
use super::Sandbox;
use crate::models::MAX_DOCUMENT_BYTES;

/// The boundary curl 8 makes up (24 dashes and 16 hex digits).
const BOUNDARY: &str = "------------------------a1b2c3d4e5f60718";

/// A request with `content_type` and `body`, framed by `Content-Length`.
fn request(target: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {target} HTTP/1.1\r\nHost: sandbox\r\n\
         Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n\
         User-Agent: curl/8.5.0\r\nAccept: */*\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// A form part: `(name, Some((filename, content type)) for a file, bytes)`.
type FormPart<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [u8]);

/// A `multipart/form-data` body as curl frames it.
fn form(parts: &[FormPart<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, data) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some((filename, content_type)) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; \
                     filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn form_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

async fn post_form(sandbox: &Sandbox, body: &[u8]) -> RawResponse {
    let request = request("/v2/documents", &form_type(), body);
    roundtrip(sandbox.local_addr(), &request).await
}

async fn get(sandbox: &Sandbox, target: &str) -> RawResponse {
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: sandbox\r\n\
         Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n\r\n"
    );
    roundtrip(sandbox.local_addr(), request.as_bytes()).await
}

/// Every byte value, and the boundary's own prefix inside the file.
fn pdf_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\r\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(5000));
    bytes.extend_from_slice(format!("\r\n--{}\r\n", &BOUNDARY[..20]).as_bytes());
    bytes.extend_from_slice(b"%%EOF\r\n");
    bytes
}

/// The pointers and the status of an error answer, after checking it has Telnyx's shape.
fn refusal(r: &RawResponse) -> (u16, Vec<String>) {
    let body = r.json();
    let errors = body["errors"].as_array().expect("an errors list");
    assert!(!errors.is_empty(), "{body}");
    for e in errors {
        for key in ["code", "title", "detail"] {
            assert!(e[key].is_string(), "{key} in {e}");
        }
    }
    let pointers = errors
        .iter()
        .map(|e| e["source"]["pointer"].as_str().unwrap_or("").to_owned())
        .collect();
    (r.status, pointers)
}

#[tokio::test]
async fn a_curl_multipart_upload_is_stored_byte_for_byte() {
    let sandbox = Sandbox::start().await.unwrap();
    let bytes = pdf_bytes();
    let body = form(&[
        ("file", Some(("loa.pdf", "application/pdf")), &bytes),
        ("customer_reference", None, b"port-42"),
    ]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let doc = r.json()["data"].clone();
    assert_eq!(doc["filename"], "loa.pdf");
    assert_eq!(doc["customer_reference"], "port-42");
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["size"], json!({"amount": bytes.len(), "unit": "bytes"}));
    assert_eq!(doc["record_type"], "document");
    let id = doc["id"].as_str().unwrap();

    let r = get(&sandbox, &format!("/v2/documents/{id}/download")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert_eq!(r.body, bytes);
    let r = get(&sandbox, &format!("/v2/documents/{id}")).await;
    assert_eq!(r.json()["data"], doc);
}

#[tokio::test]
async fn a_multipart_file_keeps_its_declared_type_and_a_plain_name() {
    let sandbox = Sandbox::start().await.unwrap();
    // No extension: the part's Content-Type tells the type.
    let body = form(&[("file", Some(("scan", "image/PNG")), b"\x89PNG")]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let doc = r.json()["data"].clone();
    assert_eq!(doc["filename"], "scan");
    assert_eq!(doc["content_type"], "image/png");
    assert_eq!(doc.get("customer_reference"), None);

    // A whole path (as some browsers send it) keeps only its last component; an unknown
    // declared type is octet-stream.
    let body = form(&[(
        "file",
        Some(("C:\\fakepath\\bill", "application/x-custom")),
        b"1",
    )]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 200);
    let doc = r.json()["data"].clone();
    assert_eq!(doc["filename"], "bill");
    assert_eq!(doc["content_type"], "application/octet-stream");

    // A file part without a filename (`-F file=<loa.pdf`) is named like a JSON upload without one.
    let body = form(&[("file", None, b"text")]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["filename"], "document");
}

#[tokio::test]
async fn the_node_sdks_upload_path_takes_json() {
    let sandbox = Sandbox::start().await.unwrap();
    for target in ["/v2/documents?content-type=multipart", "/v2/documents"] {
        let body =
            json!({"file": "JVBERi0xLjc=", "filename": "loa.pdf", "customer_reference": target});
        let request = request(target, "application/json", body.to_string().as_bytes());
        let r = roundtrip(sandbox.local_addr(), &request).await;
        assert_eq!(
            r.status,
            200,
            "{target}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let doc = r.json()["data"].clone();
        assert_eq!(doc["customer_reference"], target);
        let r = get(
            &sandbox,
            &format!("/v2/documents/{}/download", doc["id"].as_str().unwrap()),
        )
        .await;
        assert_eq!(r.body, b"%PDF-1.7");
    }
}

#[tokio::test]
async fn multipart_fields_are_checked_each_one_reported() {
    let sandbox = Sandbox::start().await.unwrap();
    let cases: [(Vec<u8>, Vec<&str>); 5] = [
        (form(&[("customer_reference", None, b"x")]), vec!["/file"]),
        (
            form(&[
                ("file", Some(("a.pdf", "application/pdf")), b"1"),
                ("file", Some(("b.pdf", "application/pdf")), b"2"),
                ("filename", None, b"c.pdf"),
            ]),
            vec!["/file", "/filename"],
        ),
        (
            form(&[
                ("file", Some(("a.pdf", "application/pdf")), b"1"),
                ("customer_reference", None, b"\xff\xfe"),
            ]),
            vec!["/customer_reference"],
        ),
        // A file input with no file chosen, as browsers send it.
        (
            form(&[("file", Some(("", "application/octet-stream")), b"")]),
            vec!["/file"],
        ),
        (form(&[]), vec!["/file"]),
    ];
    for (body, pointers) in cases {
        let r = post_form(&sandbox, &body).await;
        assert_eq!(
            refusal(&r),
            (422, pointers.iter().map(|p| p.to_string()).collect()),
            "{}",
            String::from_utf8_lossy(&body)
        );
    }
    let r = get(&sandbox, "/v2/documents").await;
    assert_eq!(r.json()["meta"]["total_results"], 0);
}

#[tokio::test]
async fn malformed_multipart_bodies_are_400s_in_telnyxs_shape() {
    let sandbox = Sandbox::start().await.unwrap();
    let good = form(&[("file", Some(("a.pdf", "application/pdf")), b"1")]);
    let cases: Vec<(String, Vec<u8>)> = vec![
        // No boundary, or one RFC 2046 does not allow.
        ("multipart/form-data".into(), good.clone()),
        ("multipart/form-data; boundary=".into(), good.clone()),
        (
            format!("multipart/form-data; boundary={}", "x".repeat(71)),
            good.clone(),
        ),
        // Another boundary than the body's.
        ("multipart/form-data; boundary=other".into(), good.clone()),
        // Cut short, before the closing delimiter.
        (form_type(), good[..good.len() - 8].to_vec()),
        // A part without Content-Disposition.
        (
            form_type(),
            format!("--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n1\r\n--{BOUNDARY}--")
                .into_bytes(),
        ),
        // Not a form at all.
        (form_type(), b"{\"file\": \"AAAA\"}".to_vec()),
        (form_type(), Vec::new()),
    ];
    for (content_type, body) in cases {
        let r = roundtrip(
            sandbox.local_addr(),
            &request("/v2/documents", &content_type, &body),
        )
        .await;
        assert_eq!(refusal(&r).0, 400, "{content_type}: {:?}", r.json());
        let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
        assert!(
            detail.starts_with("The multipart/form-data body is malformed: "),
            "{detail}"
        );
    }
    // Other multipart types are not uploads.
    let r = roundtrip(
        sandbox.local_addr(),
        &request(
            "/v2/documents",
            &format!("multipart/mixed; boundary={BOUNDARY}"),
            &good,
        ),
    )
    .await;
    assert_eq!(refusal(&r).0, 415);
    // The server still answers on a new connection, and nothing was stored.
    let r = get(&sandbox, "/v2/documents").await;
    assert_eq!(r.json()["meta"]["total_results"], 0);
}

#[tokio::test]
async fn a_multipart_file_over_20_mb_is_a_422_that_says_so() {
    let sandbox = Sandbox::start().await.unwrap();
    let too_big = vec![b'%'; usize::try_from(MAX_DOCUMENT_BYTES).unwrap() + 1];
    let body = form(&[("file", Some(("big.pdf", "application/pdf")), &too_big)]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(refusal(&r), (422, vec!["/file".to_owned()]));
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("at most 20000000 bytes"), "{detail}");
    let r = get(&sandbox, "/v2/documents").await;
    assert_eq!(r.json()["meta"]["total_results"], 0);
}

#[tokio::test]
async fn multipart_uploads_count_against_the_total_document_cap() {
    let sandbox = Sandbox::builder()
        .max_document_bytes(10)
        .start()
        .await
        .unwrap();
    let body = form(&[("file", Some(("a.pdf", "application/pdf")), b"123456")]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 200);
    let body = form(&[("file", Some(("b.pdf", "application/pdf")), b"12345")]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(refusal(&r), (422, vec!["/file".to_owned()]));
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.contains("at most 10 document bytes") && detail.contains("holds 6"),
        "{detail}"
    );
    // What fits still goes in.
    let body = form(&[("file", Some(("c.pdf", "application/pdf")), b"1234")]);
    assert_eq!(post_form(&sandbox, &body).await.status, 200);
}

#[tokio::test]
async fn a_multipart_body_over_the_body_cap_is_refused_before_it_is_read() {
    let sandbox = Sandbox::builder()
        .max_body_bytes(1024)
        .start()
        .await
        .unwrap();
    let body = form(&[("file", Some(("a.pdf", "application/pdf")), &[b'x'; 2048])]);
    let r = post_form(&sandbox, &body).await;
    assert_eq!(r.status, 413);
    let small = form(&[("file", Some(("a.pdf", "application/pdf")), &[b'x'; 512])]);
    assert_eq!(post_form(&sandbox, &small).await.status, 200);
}

#[test]
fn the_form_helper_frames_like_curl() {
    let body = form(&[("customer_reference", None, b"x")]);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"customer_reference\"\r\n\
             \r\nx\r\n--{BOUNDARY}--\r\n"
        )
    );
}

#[tokio::test]
async fn a_chunked_multipart_upload_with_expect_continue_is_read_whole() {
    let sandbox = Sandbox::start().await.unwrap();
    let bytes = pdf_bytes();
    let body = form(&[("file", Some(("loa.pdf", "application/pdf")), &bytes)]);
    let mut request = format!(
        "POST /v2/documents HTTP/1.1\r\nHost: sandbox\r\n\
         Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n\
         Content-Type: {}\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n",
        form_type()
    )
    .into_bytes();
    // Chunks of 1000 bytes, so that chunk boundaries fall inside the boundary lines too.
    for chunk in body.chunks(1000) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let r = roundtrip(sandbox.local_addr(), &request).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let id = r.json()["data"]["id"].as_str().unwrap().to_owned();
    let r = get(&sandbox, &format!("/v2/documents/{id}/download")).await;
    assert_eq!(r.body, bytes);
}
