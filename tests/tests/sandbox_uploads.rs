//! Uploads to the sandbox the way other tools send them, end to end: the official Node SDK's
//! `documents.upload` (JSON to `/documents?content-type=multipart`) and `uploadJson`
//! (scripts/node-sdk-documents.mjs), and a real `curl -F "file=@…" -F customer_reference=…`
//! (multipart/form-data, big enough for curl to send `Expect: 100-continue`). Each stored
//! document is then read back through the library and compared byte for byte.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use telnyx_porting::models::ListDocumentsQuery;
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::SANDBOX_API_KEY;
use telnyx_porting_tests::Sandbox;

const WAIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Bytes that look like nothing in particular: every byte value, CRs and LFs, dashes.
fn file_bytes(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\r\n--\r\n".to_vec();
    bytes.extend((0..len as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    bytes
}

/// A file of `bytes` in a directory of this test's own, removed when dropped.
struct TempFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TempFile {
    fn new(tag: &str, name: &str, bytes: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!(
            "telnyx-porting-{tag}-{}-{}",
            std::process::id(),
            next_suffix()
        ));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("the file is written");
        TempFile { dir, path }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A per-process-unique suffix (tests of this file run in parallel).
fn next_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Runs `command` to its end within [`WAIT`]; its stdout, after checking it succeeded.
async fn run(mut command: tokio::process::Command, what: &str) -> String {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let out = tokio::time::timeout(WAIT, command.output())
        .await
        .unwrap_or_else(|_| panic!("{what} finishes in time"))
        .unwrap_or_else(|e| panic!("{what} runs: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what}: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

async fn download(client: &telnyx_porting::Client, id: &str) -> Vec<u8> {
    let id = id.parse().expect("a uuid");
    let binary = client.documents().download(id).await.expect("download");
    binary.to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_node_sdk_uploads_both_ways() {
    assert!(
        root().join("node_modules/telnyx/package.json").exists(),
        "the Node SDK is not installed: run `npm ci --no-audit --no-fund` at the repository root \
         (scripts/test.sh does)"
    );
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = sandbox.client().expect("a client");
    let bytes = file_bytes(200_000);
    let file = TempFile::new("node", "loa.pdf", &bytes);
    let base_url = format!("http://{}/v2", sandbox.local_addr());

    let mut node = tokio::process::Command::new("node");
    node.arg(root().join("scripts/node-sdk-documents.mjs"))
        .arg(&base_url)
        .arg(&file.path)
        .current_dir(root());
    let stdout = run(node, "node scripts/node-sdk-documents.mjs").await;
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("node-sdk-documents: ok "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let ids: Vec<&str> = line.split(' ').collect();
    assert_eq!(ids.len(), 2, "{line}");

    let listed = client
        .documents()
        .list(&ListDocumentsQuery::default())
        .await
        .expect("list");
    let references: Vec<Option<&str>> = listed
        .data
        .iter()
        .map(|d| d.customer_reference.as_deref())
        .collect();
    assert_eq!(references, [Some("node-upload"), Some("node-upload-json")]);
    for id in ids {
        assert!(download(&client, id).await == bytes, "{id} differs");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn curl_dash_f_uploads_a_file_as_multipart() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = sandbox.client().expect("a client");
    // Over 1 MiB: curl asks `Expect: 100-continue` first.
    let bytes = file_bytes(1_500_000);
    let file = TempFile::new("curl", "loa.pdf", &bytes);
    let url = format!("http://{}/v2/documents", sandbox.local_addr());

    let mut curl = tokio::process::Command::new("curl");
    curl.args(["--silent", "--show-error", "--max-time", "30"])
        .arg("-H")
        .arg(format!("Authorization: Bearer {SANDBOX_API_KEY}"))
        .arg("-F")
        .arg(format!("file=@{}", file.path.display()))
        .arg("-F")
        .arg("customer_reference=curl-form")
        .arg("--write-out")
        .arg("\n%{http_code}")
        .arg(&url);
    let stdout = run(curl, "curl -F").await;
    let (body, status) = stdout.rsplit_once('\n').expect("the status line");
    assert_eq!(status, "200", "{body}");
    let doc: serde_json::Value = serde_json::from_str(body).expect("JSON");
    let doc = &doc["data"];
    assert_eq!(doc["filename"], "loa.pdf");
    assert_eq!(doc["customer_reference"], "curl-form");
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["size"]["amount"], bytes.len());
    let id = doc["id"].as_str().expect("an id");
    assert!(download(&client, id).await == bytes, "the download differs");

    // `;type=` sets the part's content type, which names a file without an extension.
    let blob = TempFile::new("curl", "scan", b"\x89PNG\r\n\x1a\n");
    let mut curl = tokio::process::Command::new("curl");
    curl.args(["--silent", "--show-error", "--max-time", "30"])
        .arg("-H")
        .arg(format!("Authorization: Bearer {SANDBOX_API_KEY}"))
        .arg("-F")
        .arg(format!("file=@{};type=image/png", blob.path.display()))
        .arg(&url);
    let doc: serde_json::Value =
        serde_json::from_str(&run(curl, "curl -F ;type=").await).expect("JSON");
    assert_eq!(doc["data"]["filename"], "scan");
    assert_eq!(doc["data"]["content_type"], "image/png");

    // A field the multipart upload does not take: 422 at its name, nothing stored.
    let mut curl = tokio::process::Command::new("curl");
    curl.args(["--silent", "--show-error", "--max-time", "30"])
        .arg("-H")
        .arg(format!("Authorization: Bearer {SANDBOX_API_KEY}"))
        .arg("-F")
        .arg(format!("file=@{}", blob.path.display()))
        .args(["-F", "url=https://example.com/x.pdf"])
        .arg("--write-out")
        .arg("\n%{http_code}")
        .arg(&url);
    let stdout = run(curl, "curl -F url=").await;
    let (body, status) = stdout.rsplit_once('\n').expect("the status line");
    assert_eq!(status, "422", "{body}");
    let refusal: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(refusal["errors"][0]["source"]["pointer"], "/url");
    let listed = client
        .documents()
        .list(&ListDocumentsQuery::default())
        .await
        .expect("list");
    assert_eq!(listed.data.len(), 2);
}
