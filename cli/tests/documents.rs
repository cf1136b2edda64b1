//! The `documents` and `document-links` commands: the exact requests they send (against a
//! scripted loopback server), and the whole round trip through the sandbox, bytes included.

mod common;

use std::path::PathBuf;
use std::process::Stdio;

use common::{CHILD_ID, ORDER_ID, WAIT, command, page, run, run_against};
use serde_json::{Value, json};
use telnyx_porting::sandbox::{MockResponse, MockServer, SANDBOX_API_KEY, Sandbox};

/// A file under this test run's own temporary directory.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("telnyx-porting-cli-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// What the API answers for one document.
fn document(id: &str, filename: &str) -> Value {
    json!({"data": {"id": id, "record_type": "document", "filename": filename, "status": "pending"}})
}

/// `args` against the sandbox, with its key.
fn at_sandbox<'a>(sandbox: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--base-url", sandbox, "--api-key", SANDBOX_API_KEY]);
    all
}

/// Runs the binary and returns (exit code, stdout bytes, stderr).
async fn run_bytes(args: &[&str]) -> (i32, Vec<u8>, String) {
    let child = command(args).stdout(Stdio::piped()).spawn().unwrap();
    let out = tokio::time::timeout(WAIT, child.wait_with_output())
        .await
        .expect("the binary finishes in time")
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn upload_file_sends_the_file_in_base64_under_its_name() {
    let server = MockServer::start().await.unwrap();
    let path = file("loa.pdf", b"%PDF-1.7\n");
    let shown = path.display().to_string();
    let at_path = format!("@{shown}");
    // The path convenience; the official tool's `--document.file @PATH`; a filename given wins.
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec![
                "documents",
                "upload",
                "--file",
                &shown,
                "--document.customer-reference",
                "Acct 42",
            ],
            r#"{"customer_reference":"Acct 42","file":"JVBERi0xLjcK","filename":"loa.pdf"}"#,
        ),
        (
            vec!["documents", "upload-json", "--document.file", &at_path],
            r#"{"file":"JVBERi0xLjcK","filename":"loa.pdf"}"#,
        ),
        (
            vec![
                "documents",
                "upload",
                "--file",
                &shown,
                "--document.filename",
                "signed.pdf",
            ],
            r#"{"file":"JVBERi0xLjcK","filename":"signed.pdf"}"#,
        ),
        (
            vec![
                "documents",
                "upload-json",
                "--document.url",
                "https://example.com/bill.pdf",
                "--filename",
                "bill.pdf",
            ],
            r#"{"filename":"bill.pdf","url":"https://example.com/bill.pdf"}"#,
        ),
        (
            // The official tool's whole-body flag, a YAML flow map; a dotted flag on top.
            vec![
                "documents",
                "upload-json",
                "--document",
                "{filename: bill.pdf, url: 'https://example.com/bill.pdf'}",
                "--document.customer-reference",
                "Acct 9",
            ],
            r#"{"customer_reference":"Acct 9","filename":"bill.pdf","url":"https://example.com/bill.pdf"}"#,
        ),
    ];
    for (args, body) in &cases {
        server.enqueue(MockResponse::json(200, &document(CHILD_ID, "loa.pdf")));
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let out = run_against(&server, &args).await;
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        assert_eq!(out.json()["id"], CHILD_ID, "{out:?}");
        let requests = server.requests();
        let r = requests.last().unwrap();
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("POST", "/v2/documents")
        );
        assert_eq!(r.query, None);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.body_str(), Some(*body), "{args:?}");
    }
    assert_eq!(server.received(), cases.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_upload_is_refused_before_sending() {
    let server = MockServer::start().await.unwrap();
    let loa = file("refused.pdf", b"%PDF-1.7\n").display().to_string();
    // 20 MB and one byte, sparse: refused from its size, without being read.
    let big = file("big.pdf", b"");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(20_000_001)
        .unwrap();
    let big = big.display().to_string();
    let missing = std::env::temp_dir().join("telnyx-porting-cli-docs-no-such-file.pdf");
    let missing = missing.display().to_string();
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["documents", "upload", "--file", &missing],
            "cannot be read",
        ),
        (vec!["documents", "upload", "--file", &big], "20 MB"),
        (
            vec![
                "documents",
                "upload",
                "--file",
                &loa,
                "--document.file",
                "JVBERi0xLjcK",
            ],
            "--file and --document.file both set file",
        ),
        (
            vec![
                "documents",
                "upload",
                "--file",
                &loa,
                "--document.url",
                "https://example.com/x.pdf",
            ],
            "exactly one of file and url",
        ),
        (
            vec!["documents", "upload-json"],
            "exactly one of file (base64) and url",
        ),
    ];
    for (args, says) in cases {
        let out = run_against(&server, &args).await;
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains(says), "{args:?}: {out:?}");
        assert!(out.stderr.contains("nothing was sent"), "{out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
    }
    assert_eq!(server.received(), 0);
}

/// (args, method, path, query, body) of the commands other than upload.
type Case<'a> = (Vec<&'a str>, &'a str, String, Option<&'a str>, &'a str);

#[tokio::test(flavor = "multi_thread")]
async fn each_document_command_sends_its_request() {
    let one = document(CHILD_ID, "loa.pdf");
    let links = page(vec![json!({"id": CHILD_ID, "document_id": CHILD_ID})], 1, 1);
    let docs = page(vec![one["data"].clone()], 1, 1);
    let cases: Vec<(Case, MockResponse)> = vec![
        (
            (
                vec!["documents", "retrieve", CHILD_ID],
                "GET",
                format!("/v2/documents/{CHILD_ID}"),
                None,
                "",
            ),
            MockResponse::json(200, &one),
        ),
        (
            // The official tool's flag for this one path id is --document-id.
            (
                vec![
                    "documents",
                    "update",
                    "--document-id",
                    CHILD_ID,
                    "--filename",
                    "loa-2026.pdf",
                ],
                "PATCH",
                format!("/v2/documents/{CHILD_ID}"),
                None,
                r#"{"filename":"loa-2026.pdf"}"#,
            ),
            MockResponse::json(200, &one),
        ),
        (
            (
                vec![
                    "documents",
                    "update",
                    CHILD_ID,
                    "--customer-reference",
                    "Acct 7",
                ],
                "PATCH",
                format!("/v2/documents/{CHILD_ID}"),
                None,
                r#"{"customer_reference":"Acct 7"}"#,
            ),
            MockResponse::json(200, &one),
        ),
        (
            (
                vec!["documents", "delete", CHILD_ID],
                "DELETE",
                format!("/v2/documents/{CHILD_ID}"),
                None,
                "",
            ),
            MockResponse::json(200, &one),
        ),
        (
            (
                vec!["documents", "generate-download-link", "--id", CHILD_ID],
                "GET",
                format!("/v2/documents/{CHILD_ID}/download_link"),
                None,
                "",
            ),
            MockResponse::json(200, &json!({"data": {"url": "https://example.com/signed"}})),
        ),
        (
            (
                vec![
                    "documents",
                    "list",
                    "--filter.filename.contains",
                    "loa",
                    "--filter.customer-reference.in",
                    "A",
                    "--filter.customer-reference.in",
                    "B",
                    "--sort",
                    "-created_at",
                    "--page-number",
                    "2",
                    "--page-size",
                    "5",
                ],
                "GET",
                "/v2/documents".to_owned(),
                Some(
                    "page%5Bnumber%5D=2&page%5Bsize%5D=5&filter%5Bcustomer_reference%5D%5Bin%5D=A%2CB&filter%5Bfilename%5D%5Bcontains%5D=loa&sort=-created_at",
                ),
                "",
            ),
            MockResponse::json(200, &docs),
        ),
        (
            (
                vec![
                    "document-links",
                    "list",
                    "--filter.linked-record-type",
                    "porting_order",
                    "--filter.linked-resource-id",
                    ORDER_ID,
                ],
                "GET",
                "/v2/document_links".to_owned(),
                Some(
                    "page%5Bnumber%5D=1&filter%5Blinked_record_type%5D=porting_order&filter%5Blinked_resource_id%5D=f1486bae-f067-460c-ad43-73a92848f902",
                ),
                "",
            ),
            MockResponse::json(200, &links),
        ),
    ];
    for ((args, method, path, query, body), answer) in cases {
        let server = MockServer::start().await.unwrap();
        server.enqueue(answer);
        let mut all = args.clone();
        all.extend(["--format", "json"]);
        let out = run_against(&server, &all).await;
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{args:?}");
        let r = &requests[0];
        assert_eq!(r.method, method, "{args:?}");
        assert_eq!(r.path, path, "{args:?}");
        assert_eq!(r.query.as_deref(), query, "{args:?}");
        assert_eq!(r.body_str().unwrap_or_default(), body, "{args:?}");
        assert_eq!(r.header("authorization"), Some("Bearer KEY123"));
        // Every answer prints as JSON: one object, or one array for a list.
        let printed = out.json();
        assert!(printed.is_object() || printed.is_array(), "{out:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn download_writes_the_bytes_to_output_or_to_piped_stdout() {
    let server = MockServer::start().await.unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    for _ in 0..2 {
        server.enqueue(MockResponse::new(200).body("application/pdf", bytes.clone()));
    }
    let target = file("downloaded.pdf", b"").display().to_string();
    let out = run_against(
        &server,
        &["documents", "download", CHILD_ID, "--output", &target],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(std::fs::read(&target).unwrap(), bytes);

    let base = server.base_url();
    let (code, stdout, stderr) = run_bytes(&[
        "documents",
        "download",
        "--id",
        CHILD_ID,
        "--base-url",
        &base,
        "--api-key",
        "KEY123",
    ])
    .await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, bytes);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, format!("/v2/documents/{CHILD_ID}/download"));
        assert_eq!(r.header("accept"), Some("*/*"));
    }
}

/// An operator's whole round trip through the sandbox: a 1 MB file up and down byte for byte,
/// found by its filename, linked to an order, and a linked document refused deletion.
#[tokio::test(flavor = "multi_thread")]
async fn a_document_round_trips_through_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let base = sandbox.base_url();
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let path = file("round-trip-loa.pdf", &pdf).display().to_string();

    let out = run(&at_sandbox(
        &base,
        &["documents", "upload", "--file", &path, "--format", "json"],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let uploaded = out.json();
    assert_eq!(uploaded["filename"], "round-trip-loa.pdf");
    assert_eq!(uploaded["size"]["amount"], pdf.len());
    let id = uploaded["id"].as_str().unwrap().to_owned();

    // Byte for byte, to a file and to a pipe.
    let target = file("round-trip-back.pdf", b"").display().to_string();
    let out = run(&at_sandbox(
        &base,
        &["documents", "download", &id, "-o", &target],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(std::fs::read(&target).unwrap() == pdf, "the file differs");
    let (code, stdout, stderr) =
        run_bytes(&at_sandbox(&base, &["documents", "download", &id])).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout == pdf, "stdout differs ({} bytes)", stdout.len());

    // Found by filename; renamed; a download link.
    let out = run(&at_sandbox(
        &base,
        &[
            "documents",
            "list",
            "--filter.filename.contains",
            "round-trip",
            "--format",
            "json",
        ],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let listed = out.json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    assert_eq!(listed[0]["id"], id.as_str());
    let out = run(&at_sandbox(
        &base,
        &[
            "documents",
            "update",
            &id,
            "--filename",
            "loa-signed.pdf",
            "--format",
            "json",
        ],
    ))
    .await;
    assert_eq!(out.json()["filename"], "loa-signed.pdf", "{out:?}");
    let out = run(&at_sandbox(
        &base,
        &[
            "documents",
            "generate-download-link",
            &id,
            "--format",
            "json",
        ],
    ))
    .await;
    assert!(
        out.json()["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http")),
        "{out:?}"
    );

    // Linked as an order's LOA: listed as a link, and no longer deletable.
    let out = run(&at_sandbox(
        &base,
        &[
            "porting-orders",
            "create",
            "--phone-number",
            "+13035550000",
            "--format",
            "json",
        ],
    ))
    .await;
    let order = out.json()[0]["id"].as_str().unwrap().to_owned();
    let out = run(&at_sandbox(
        &base,
        &[
            "porting-orders",
            "update",
            &order,
            "--documents.loa",
            &id,
            "--format",
            "json",
        ],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let out = run(&at_sandbox(
        &base,
        &[
            "document-links",
            "list",
            "--filter.linked-resource-id",
            &order,
            "--format",
            "json",
        ],
    ))
    .await;
    let links = out.json();
    assert_eq!(links.as_array().map(Vec::len), Some(1), "{links}");
    assert_eq!(links[0]["document_id"], id.as_str());
    assert_eq!(links[0]["linked_record_type"], "porting_order");
    let out = run(&at_sandbox(&base, &["documents", "delete", &id])).await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(out.stderr.contains("422"), "{out:?}");
    let out = run(&at_sandbox(
        &base,
        &["documents", "retrieve", &id, "--format", "json"],
    ))
    .await;
    assert_eq!(out.json()["id"], id.as_str(), "still there: {out:?}");

    // An unlinked one goes.
    let other = file("other.pdf", b"%PDF-1.7\nother").display().to_string();
    let out = run(&at_sandbox(
        &base,
        &["documents", "upload", "--file", &other, "--format", "json"],
    ))
    .await;
    let other_id = out.json()["id"].as_str().unwrap().to_owned();
    let out = run(&at_sandbox(
        &base,
        &["documents", "delete", &other_id, "--format", "json"],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.json()["id"], other_id.as_str());
    let out = run(&at_sandbox(&base, &["documents", "retrieve", &other_id])).await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(out.stderr.contains("404"), "{out:?}");
}
