//! What the binary prints: formats, lists that fail halfway, PDFs, `--debug`, `--version`,
//! completions, and the exit code and stderr of each kind of failure.

mod common;

use common::{CHILD_ID, ORDER_ID, order, page, run, run_against};
use serde_json::json;
use telnyx_porting::sandbox::{MockResponse, MockServer};

#[tokio::test(flavor = "multi_thread")]
async fn a_list_failing_halfway_leaves_a_closed_array_and_the_error_on_stderr() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(
        200,
        &page(vec![order(ORDER_ID, &[])], 1, 2),
    ));
    server.enqueue(
        MockResponse::json(
            500,
            &json!({"errors": [{"code": "10007", "title": "Unexpected error"}]}),
        )
        .header("x-request-id", "req-42"),
    );
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "list",
            "--format",
            "json",
            "--max-retries",
            "0",
        ],
    )
    .await;
    assert_eq!(out.code, 6, "{out:?}");
    assert_eq!(out.json().as_array().map(Vec::len), Some(1));
    assert!(out.stderr.contains("HTTP 500"), "{out:?}");
    assert!(out.stderr.contains("[10007] Unexpected error"), "{out:?}");
    assert!(out.stderr.contains("req-42"), "{out:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_failure_has_its_exit_code() {
    let refusal = |code: &str| json!({"errors": [{"code": code, "title": "Refused", "detail": "no", "source": {"pointer": "/phone_numbers/0"}}]});
    // 401 → 4.
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(401, &refusal("10009")));
    let out = run_against(&server, &["porting-orders", "retrieve", ORDER_ID]).await;
    assert_eq!(out.code, 4, "{out:?}");
    assert!(out.stderr.contains("authentication refused"), "{out:?}");
    assert!(out.stdout.is_empty(), "errors never go to stdout: {out:?}");
    // 422 → 5, each errors[] entry with its pointer.
    server.enqueue(MockResponse::json(422, &refusal("10015")));
    let out = run_against(
        &server,
        &["porting-orders", "create", "--phone-number", "+13035550000"],
    )
    .await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(
        out.stderr
            .contains("[10015] Refused: no (at /phone_numbers/0)"),
        "{out:?}"
    );
    // 500 on a GET → 6.
    server.enqueue(MockResponse::json(500, &refusal("10007")));
    let out = run_against(
        &server,
        &["porting-orders", "retrieve", ORDER_ID, "--max-retries", "0"],
    )
    .await;
    assert_eq!(out.code, 6, "{out:?}");
    // 500 on a create → 7: it may have been applied.
    server.enqueue(MockResponse::json(500, &refusal("10007")));
    let out = run_against(
        &server,
        &["porting-orders", "create", "--phone-number", "+13035550000"],
    )
    .await;
    assert_eq!(out.code, 7, "{out:?}");
    assert!(out.stderr.contains("may have been applied"), "{out:?}");
    // Invalid input → 2, nothing sent.
    let before = server.received();
    let out = run_against(
        &server,
        &["porting-orders", "create", "--phone-number", "3035550000"],
    )
    .await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("3035550000"),
        "names the value: {out:?}"
    );
    assert_eq!(server.received(), before);
    // No key → 2.
    let out = run(&[
        "porting-orders",
        "retrieve",
        ORDER_ID,
        "--base-url",
        &server.base_url(),
    ])
    .await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("TELNYX_API_KEY"), "{out:?}");
    assert_eq!(server.received(), before);
    // Connection refused → 3.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/v2");
    let out = run(&[
        "porting-orders",
        "retrieve",
        ORDER_ID,
        "--base-url",
        &url,
        "--api-key",
        "K",
        "--max-retries",
        "0",
    ])
    .await;
    assert_eq!(out.code, 3, "{out:?}");
    // Timeout → 3 on a GET, per attempt through --timeout.
    server.enqueue(MockResponse::hang());
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "retrieve",
            ORDER_ID,
            "--timeout",
            "200ms",
            "--max-retries",
            "0",
        ],
    )
    .await;
    assert_eq!(out.code, 3, "{out:?}");
    assert!(out.stderr.contains("timed out"), "{out:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn formats_yaml_pretty_and_raw() {
    let server = MockServer::start().await.unwrap();
    let answer =
        json!({"data": order(ORDER_ID, &["+13035550000"]), "meta": {"phone_numbers_url": "/x"}});
    for _ in 0..3 {
        server.enqueue(MockResponse::json(200, &answer));
    }
    let out = run_against(
        &server,
        &["porting-orders", "retrieve", ORDER_ID, "--format", "yaml"],
    )
    .await;
    assert!(out.stdout.contains(&format!("id: {ORDER_ID}")), "{out:?}");
    let out = run_against(
        &server,
        &["porting-orders", "retrieve", ORDER_ID, "--format", "raw"],
    )
    .await;
    let raw: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        raw["meta"]["phone_numbers_url"], "/x",
        "raw keeps the envelope"
    );
    let out = run_against(
        &server,
        &["porting-orders", "retrieve", ORDER_ID, "--format", "pretty"],
    )
    .await;
    assert!(out.stdout.contains(&format!("id: {ORDER_ID}")), "{out:?}");
    assert!(!out.stdout.contains('\u{1b}'), "no colour off a terminal");
}

#[tokio::test(flavor = "multi_thread")]
async fn pdfs_go_to_the_output_file() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::new(200).body("application/pdf", b"%PDF-1.4 fake".to_vec()));
    let dir = std::env::temp_dir().join(format!("telnyx-porting-cli-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("loa.pdf");
    let path = file.display().to_string();
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "retrieve-loa-template",
            ORDER_ID,
            "--output",
            &path,
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(std::fs::read(&file).unwrap(), b"%PDF-1.4 fake");
    assert_eq!(
        server.requests()[0].header("accept"),
        Some("application/pdf")
    );
    assert_eq!(server.requests()[0].query, None);
    // The LOA configuration goes through the library's typed query: a bad id sends nothing.
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "retrieve-loa-template",
            ORDER_ID,
            "--loa-configuration-id",
            "not-a-uuid",
            "--output",
            &path,
        ],
    )
    .await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("--loa-configuration-id \"not-a-uuid\""),
        "{out:?}"
    );
    assert_eq!(server.received(), 1, "nothing more was sent");
    server.enqueue(MockResponse::new(200).body("application/pdf", b"%PDF-1.4 fake".to_vec()));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "retrieve-loa-template",
            ORDER_ID,
            "--loa-configuration-id",
            CHILD_ID,
            "--output",
            &path,
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        server.requests()[1].query.as_deref(),
        Some(format!("loa_configuration_id={CHILD_ID}").as_str())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn debug_output_never_holds_the_key() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(
        201,
        &json!({"data": [order(ORDER_ID, &["+13035550000"])]}),
    ));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "create",
            "--phone-number",
            "+13035550000",
            "--debug",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("POST"), "{out:?}");
    assert!(
        !out.stderr.contains("KEY123") && !out.stdout.contains("KEY123"),
        "{out:?}"
    );
}

/// `--debug` is a library hook : each attempt's request and response.
#[tokio::test(flavor = "multi_thread")]
async fn debug_prints_each_attempt_with_the_key_redacted() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(
        201,
        &json!({"data": [order(ORDER_ID, &["+13035550000"])]}),
    ));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "create",
            "--phone-number",
            "+13035550000",
            "--debug",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr
            .contains(&format!("> POST {}/porting_orders", server.base_url())),
        "{out:?}"
    );
    assert!(
        out.stderr.contains("> authorization: Bearer <REDACTED>"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains(r#"{"phone_numbers":["+13035550000"]}"#),
        "{out:?}"
    );
    assert!(out.stderr.contains("< 201"), "{out:?}");
    assert!(
        !out.stderr.contains("KEY123") && !out.stdout.contains("KEY123"),
        "{out:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn version_completions_and_help() {
    let out = run(&["--version"]).await;
    assert_eq!(
        out.stdout.trim(),
        format!("telnyx-porting {}", env!("CARGO_PKG_VERSION"))
    );
    let out = run(&["completions", "bash"]).await;
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("telnyx-porting") && out.stdout.contains("porting-orders"),
        "{out:?}"
    );
    let out = run(&["porting-orders:actions", "confirm", "--help"]).await;
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Confirm"), "{out:?}");
    assert!(out.stdout.contains("Example:"), "{out:?}");
    let out = run(&["--help"]).await;
    assert!(out.stdout.contains("Exit codes:"), "{out:?}");
    // The tool's own description leads, not that of the `sandbox`/`completions` group.
    assert!(
        out.stdout
            .starts_with("Port phone numbers into Telnyx from the shell"),
        "{out:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_prints_each_page_body_and_still_walks_every_page() {
    let server = MockServer::start().await.unwrap();
    let first = page(vec![order(ORDER_ID, &[])], 1, 2);
    let second = page(vec![order(CHILD_ID, &[])], 2, 2);
    server.enqueue(MockResponse::json(200, &first));
    server.enqueue(MockResponse::json(200, &second));
    let out = run_against(&server, &["porting-orders", "list", "--format", "raw"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let pages: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), 2, "{out:?}");
    assert_eq!(pages[0]["meta"]["page_number"], 1);
    assert_eq!(pages[1]["data"][0]["id"], CHILD_ID);
}

/// `raw` prints the body exactly as it arrived (spacing and key order kept), and only the
/// answer of the attempt that succeeded, not that of a retried 503.
#[tokio::test(flavor = "multi_thread")]
async fn raw_prints_the_bytes_as_received() {
    let server = MockServer::start().await.unwrap();
    let body =
        format!("{{ \"data\" : {{\"status\": {{\"value\":\"draft\"}}, \"id\":\"{ORDER_ID}\"}} }}");
    server.enqueue(MockResponse::json(
        503,
        &json!({"errors": [{"code": "10011", "title": "Service unavailable"}]}),
    ));
    server.enqueue(MockResponse::new(200).body("application/json", body.clone()));
    let out = run_against(
        &server,
        &["porting-orders", "retrieve", ORDER_ID, "--format", "raw"],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(server.received(), 2, "the 503 was retried");
    assert_eq!(out.stdout, format!("{body}\n"));
}
