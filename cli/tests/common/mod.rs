//! Running the built `telnyx-porting` binary against loopback servers.
#![allow(dead_code)]

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_telnyx-porting");

/// Every wait in these tests is bounded by this.
pub const WAIT: Duration = Duration::from_secs(30);

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout as one JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {self:?}"))
    }
}

/// A command for the binary with a clean environment (no TELNYX_* from the caller).
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("TELNYX_API_KEY")
        .env_remove("TELNYX_BASE_URL")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    cmd
}

/// Runs the binary with `args` and, when given, `stdin` piped in.
pub async fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = command(args);
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().expect("the binary starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes).await.expect("stdin takes the bytes");
        drop(pipe);
    }
    let out = tokio::time::timeout(WAIT, child.wait_with_output())
        .await
        .expect("the binary finishes in time")
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs the binary with `args`.
pub async fn run(args: &[&str]) -> Run {
    run_with(args, None).await
}

/// A porting order as the API returns it, with `id` and these numbers.
pub fn order(id: &str, numbers: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "record_type": "porting_order",
        "status": {"value": "draft", "details": []},
        "phone_numbers": numbers.iter().map(|n| serde_json::json!({"phone_number": n})).collect::<Vec<_>>(),
    })
}

/// One page of a list answer.
pub fn page(items: Vec<serde_json::Value>, number: u64, total_pages: u64) -> serde_json::Value {
    serde_json::json!({
        "data": items,
        "meta": {"page_number": number, "page_size": 2, "total_pages": total_pages, "total_results": total_pages * 2},
    })
}

/// An order id for the tests.
pub const ORDER_ID: &str = "f1486bae-f067-460c-ad43-73a92848f902";
/// A child resource id for the tests.
pub const CHILD_ID: &str = "9a5ae9c4-6e0b-4bd4-8f3b-b0d8c1c6d4a1";

/// `args` plus the server's base URL and the key `KEY123`.
pub fn with_server<'a>(
    server: &'a telnyx_porting::sandbox::MockServer,
    args: &[&'a str],
) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    all.extend([
        "--base-url".into(),
        server.base_url(),
        "--api-key".into(),
        "KEY123".into(),
    ]);
    all
}

/// Runs the binary with `args` against `server`.
pub async fn run_against(server: &telnyx_porting::sandbox::MockServer, args: &[&str]) -> Run {
    let all = with_server(server, args);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    run(&refs).await
}
