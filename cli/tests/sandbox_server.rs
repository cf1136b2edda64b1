//! `telnyx-porting sandbox`: it starts, says where, serves curl (with `Expect: 100-continue`)
//! and the official Node SDK, logs each request, refuses a non-loopback host, and exits 0 on
//! SIGTERM.

mod common;

use std::process::Stdio;

use common::{WAIT, command, run};
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStderr};

struct Server {
    child: Child,
    url: String,
    /// The base64 public key of the second stdout line.
    webhook_public_key: String,
    stderr: Lines<BufReader<ChildStderr>>,
}

async fn start(args: &[&str]) -> Server {
    let mut all = vec!["sandbox"];
    all.extend_from_slice(args);
    let mut child = command(&all).spawn().expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(WAIT, lines.next_line())
        .await
        .expect("the listening line comes in time")
        .expect("stdout reads")
        .expect("a first line");
    let url = first
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line {first:?}"))
        .to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/v2"),
        "{first:?}"
    );
    let second = tokio::time::timeout(WAIT, lines.next_line())
        .await
        .expect("the key line comes in time")
        .expect("stdout reads")
        .expect("a second line");
    let webhook_public_key = second
        .strip_prefix("webhook public key: ")
        .unwrap_or_else(|| panic!("second line {second:?}"))
        .to_owned();
    Server {
        child,
        url,
        webhook_public_key,
        stderr: BufReader::new(stderr).lines(),
    }
}

impl Server {
    /// SIGTERM, then the exit code.
    async fn stop(mut self) -> i32 {
        let pid = self.child.id().expect("still running").to_string();
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let status = tokio::time::timeout(WAIT, self.child.wait())
            .await
            .expect("the server stops in time")
            .expect("wait works");
        status.code().unwrap_or(-1)
    }

    /// The next stderr line that is a request log line (not the start-up note).
    async fn next_log_line(&mut self) -> String {
        for _ in 0..10 {
            let line = tokio::time::timeout(WAIT, self.stderr.next_line())
                .await
                .expect("a stderr line comes in time")
                .expect("stderr reads")
                .expect("a line");
            if !line.starts_with("api key:") {
                return line;
            }
        }
        panic!("no request line on stderr");
    }
}

/// curl adds `Expect: 100-continue` by itself only past 1 MB; here it is asked for on a 2 KB
/// body, and told to wait 30 s for the `100 Continue` while giving up after 10 s overall, so it
/// succeeds only if the server answers `100 Continue` at once.
async fn curl_expect_continue(url: &str) -> (String, String) {
    let numbers: Vec<String> = (0..140)
        .map(|i| format!("\"+1303555{:04}\"", 1000 + i))
        .collect();
    let body = format!("{{\"phone_numbers\":[{}]}}", numbers.join(","));
    assert!(body.len() >= 2048, "{}", body.len());
    let out = tokio::time::timeout(
        WAIT,
        tokio::process::Command::new("curl")
            .args([
                "-sS",
                "--max-time",
                "10",
                "--expect100-timeout",
                "30",
                "-H",
                "Expect: 100-continue",
                "-H",
                "Authorization: Bearer KEYSANDBOX_not_a_real_key",
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                &body,
                "-w",
                "\n%{http_code}",
                &format!("{url}/porting_orders"),
            ])
            .stdin(Stdio::null())
            .output(),
    )
    .await
    .expect("curl finishes in time")
    .expect("curl runs (is it installed?)");
    assert!(
        out.status.success(),
        "curl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, status) = text.rsplit_once('\n').expect("a status line");
    (status.to_owned(), body.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn serves_curl_with_expect_continue_and_stops_on_sigterm() {
    let server = start(&["--port", "0"]).await;
    let (status, body) = curl_expect_continue(&server.url).await;
    assert_eq!(status, "201", "{body}");
    let created: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        created["data"][0]["phone_numbers"].as_array().map(Vec::len),
        Some(140)
    );
    assert_eq!(server.stop().await, 0);
}

/// One stderr line per request: method, path, status, milliseconds.
#[tokio::test(flavor = "multi_thread")]
async fn logs_one_line_per_request() {
    let mut server = start(&["--port", "0"]).await;
    let (status, _) = curl_expect_continue(&server.url).await;
    assert_eq!(status, "201");
    let line = server.next_log_line().await;
    let parts: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        parts[..3],
        ["POST", "/v2/porting_orders", "201"],
        "{line:?}"
    );
    assert!(parts[3].ends_with("ms"), "{line:?}");
    assert_eq!(server.stop().await, 0);
}

/// `--port N` listens on port N.
#[tokio::test(flavor = "multi_thread")]
async fn listens_on_the_port_asked_for() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let server = start(&["--port", &port.to_string()]).await;
    assert_eq!(server.url, format!("http://127.0.0.1:{port}/v2"));
    assert_eq!(server.stop().await, 0);
}

/// `--max-items-per-collection` caps each collection (the oldest order goes) and
/// `--max-body-bytes` refuses larger bodies with 413.
#[tokio::test(flavor = "multi_thread")]
async fn the_caps_are_set_on_the_command_line() {
    let server = start(&[
        "--port",
        "0",
        "--max-items-per-collection",
        "2",
        "--max-body-bytes",
        "1000",
    ])
    .await;
    let key = "KEYSANDBOX_not_a_real_key";
    let mut ids = Vec::new();
    for number in ["+13035550000", "+13035550001", "+13035550002"] {
        let out = run(&[
            "porting-orders",
            "create",
            "--phone-number",
            number,
            "--base-url",
            &server.url,
            "--api-key",
            key,
            "--format",
            "json",
            "--transform",
            "id",
        ])
        .await;
        assert_eq!(out.code, 0, "{out:?}");
        ids.push(out.json()[0].as_str().expect("an id").to_owned());
    }
    let out = run(&[
        "porting-orders",
        "list",
        "--base-url",
        &server.url,
        "--api-key",
        key,
        "--format",
        "json",
        "--transform",
        "id",
    ])
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let mut listed: Vec<String> = serde_json::from_value(out.json()).unwrap();
    listed.sort();
    let mut newest = ids[1..].to_vec();
    newest.sort();
    assert_eq!(listed, newest, "the oldest order went");
    // The 2 KB body is over the 1,000-byte cap.
    let (status, _) = curl_expect_continue(&server.url).await;
    assert_eq!(status, "413");
    assert_eq!(server.stop().await, 0);
}

#[test]
fn help_says_what_is_not_portable_and_what_is_lenient() {
    let out = std::process::Command::new(common::BIN)
        .args(["sandbox", "--help"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "555-0100 to 555-0199",
        "+1NPA5550100",
        "more lenient than the API",
        "--max-items-per-collection <N>",
        "--max-body-bytes <BYTES>",
        "--allow-remote",
    ] {
        assert!(help.contains(needle), "{needle:?} missing from:\n{help}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_non_loopback_host_needs_allow_remote() {
    let out = run(&["sandbox", "--host", "0.0.0.0", "--port", "0"]).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--allow-remote"), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
}

/// The official Node SDK (npm `telnyx`, installed by `npm ci` from package-lock.json, as
/// scripts/test.sh does) drives the server: scripts/node-sdk-smoke.mjs.
#[tokio::test(flavor = "multi_thread")]
async fn the_official_node_sdk_drives_the_server() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    assert!(
        root.join("node_modules/telnyx/package.json").exists(),
        "the Node SDK is not installed: run `npm ci --no-audit --no-fund` at the repository root \
         (scripts/test.sh does)"
    );
    let out = tokio::time::timeout(
        WAIT * 2,
        tokio::process::Command::new("node")
            .arg(root.join("scripts/node-sdk-smoke.mjs"))
            .arg(common::BIN)
            .current_dir(&root)
            .stdin(Stdio::null())
            .output(),
    )
    .await
    .expect("the smoke test finishes in time")
    .expect("node runs (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("node-sdk-smoke: ok"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The official Telnyx Python SDK (PyPI `telnyx`, pinned in scripts/python-sdk-requirements.txt,
/// installed into .venv-sdk/ by scripts/test.sh) drives the server: scripts/python-sdk-smoke.py.
#[tokio::test(flavor = "multi_thread")]
async fn the_official_python_sdk_drives_the_server() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = root.join(".venv-sdk/bin/python");
    assert!(
        python.exists(),
        "the Python SDK is not installed: run `bash scripts/test.sh` (it creates .venv-sdk/ with \
         `python3 -m venv .venv-sdk && .venv-sdk/bin/pip install -r \
         scripts/python-sdk-requirements.txt`)"
    );
    let out = tokio::time::timeout(
        WAIT * 2,
        tokio::process::Command::new(&python)
            .arg(root.join("scripts/python-sdk-smoke.py"))
            .arg(common::BIN)
            .current_dir(&root)
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the smoke test finishes in time")
    .expect("the venv's python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("python-sdk-smoke: ok"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The second stdout line is the webhook public key; `--webhook-key-seed` fixes it (the same
/// key as the library's `Signer` of that seed), and the server serves the same key.
#[tokio::test(flavor = "multi_thread")]
async fn prints_the_webhook_public_key_and_a_seed_fixes_it() {
    let seed = [7u8; 32];
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    let expected = telnyx_porting::webhooks::Signer::from_seed(seed)
        .expect("a key pair from the seed")
        .public_key_base64();
    let server = start(&["--port", "0", "--webhook-key-seed", &hex]).await;
    assert_eq!(server.webhook_public_key, expected);
    let served = run(&[
        "--base-url",
        &server.url,
        "--api-key",
        "k",
        "--format",
        "json",
        "porting-orders",
        "list",
        "--page-number",
        "1",
    ])
    .await;
    assert_eq!(served.code, 0, "{served:?}");
    let client = telnyx_porting::Client::builder()
        .api_key("k")
        .base_url(&server.url)
        .build()
        .expect("a client");
    let key: serde_json::Value = client
        .request(telnyx_porting::Method::GET, "/_sandbox/webhook_public_key")
        .send()
        .await
        .expect("the key is served");
    assert_eq!(key["data"]["public_key"], expected.as_str());
    assert_eq!(server.stop().await, 0);

    // Without a seed, each start has a key of its own; a malformed seed is a usage error.
    let fresh = start(&["--port", "0"]).await;
    assert_ne!(fresh.webhook_public_key, expected);
    assert_eq!(fresh.stop().await, 0);
    let bad = run(&["sandbox", "--port", "0", "--webhook-key-seed", "abc"]).await;
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("64 hex digits"), "{bad:?}");
}

/// `--max-document-bytes` caps the document bytes the server holds: an upload over it is a 422.
#[tokio::test(flavor = "multi_thread")]
async fn the_document_cap_is_set_on_the_command_line() {
    use telnyx_porting::prelude::*;
    let server = start(&["--port", "0", "--max-document-bytes", "10"]).await;
    let client = telnyx_porting::Client::builder()
        .api_key("KEYSANDBOX_not_a_real_key")
        .base_url(&server.url)
        .build()
        .expect("a client");
    client
        .documents()
        .upload_bytes("small.pdf", [1u8; 10])
        .await
        .expect("10 bytes fit under the cap");
    let refused = client
        .documents()
        .upload_bytes("big.pdf", [1u8; 11])
        .await
        .expect_err("past the cap");
    assert!(refused.is_unprocessable(), "{refused}");
    assert!(
        refused.to_string().contains("max_document_bytes"),
        "{refused}"
    );
    assert_eq!(server.stop().await, 0);
}
