//! The command-line stage: `telnyx-porting` against `curl`, and bulk creation against the
//! sandbox server.
//!
//! A package cannot depend on another's binary on stable Cargo, so this stage builds it:
//! `cargo build --release -p telnyx-porting-cli` (into the same target directory), then runs
//! the binary as a user would.
//!
//! 1. `telnyx-porting --version` and `curl --version`, `BENCH_CLI_RUNS` runs each, alternating
//!    which goes first; the figure is the ratio of the medians of the wall times.
//! 2. One create (`porting-orders create --phone-number .. --phone-number ..`) against the
//!    benchmark's loopback server, next to `curl` sending the same request (same headers and
//!    body), the same way.
//! 3. Bulk: `porting-orders create --phone-numbers-file` with `BENCH_CLI_BULK_N` numbers
//!    against `telnyx-porting sandbox` (its own process): wall time, and the peak RSS
//!    (`VmHWM`) of the bulk process and of the sandbox, read from /proc while they run.
//!
//! `BENCH_CLI=0` skips the stage; `BENCH_CLI_ONLY=1` runs it alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use telnyx_porting::sandbox::SANDBOX_API_KEY;

use crate::line;

const KEY: &str = "KEYbench0123456789";
const BODY: &str = r#"{"phone_numbers":["+13035550000","+13035550001"]}"#;
/// Every wait on a child process is bounded by this.
const WAIT: Duration = Duration::from_secs(600);

/// Runs the stage against the benchmark server at `base_url`.
pub fn run(base_url: &str) -> Result<(), String> {
    if std::env::var("BENCH_CLI").as_deref() == Ok("0") {
        return Ok(());
    }
    let runs = crate::env_usize("BENCH_CLI_RUNS", 40)?.max(3);
    let bulk_n = crate::env_usize("BENCH_CLI_BULK_N", 10_000)?.max(1);
    let bin = build()?;
    which_curl()?;

    let ours = [bin.display().to_string(), "--version".into()];
    let theirs = ["curl".to_owned(), "--version".into()];
    let (a, b) = alternate(runs, &ours, &theirs)?;
    line("cli_version_median_ms", format!("{a:.2}"));
    line("curl_version_median_ms", format!("{b:.2}"));
    line("cli_version_vs_curl_ratio", format!("{:.2}", a / b));

    let url = format!("{base_url}/porting_orders");
    let ours: Vec<String> = [
        bin.display().to_string().as_str(),
        "porting-orders",
        "create",
        "--api-key",
        KEY,
        "--base-url",
        base_url,
        "--phone-number",
        "+13035550000",
        "--phone-number",
        "+13035550001",
        "--format",
        "json",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let theirs: Vec<String> = [
        "curl",
        "-sS",
        "--fail",
        "-X",
        "POST",
        "-H",
        &format!("Authorization: Bearer {KEY}"),
        "-H",
        "Content-Type: application/json",
        "-H",
        "Accept: application/json",
        "--data-binary",
        BODY,
        &url,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let (a, b) = alternate(runs, &ours, &theirs)?;
    line("cli_create_median_ms", format!("{a:.2}"));
    line("curl_create_median_ms", format!("{b:.2}"));
    line("cli_create_vs_curl_ratio", format!("{:.2}", a / b));

    bulk(&bin, bulk_n)
}

/// Builds the CLI in release mode and returns the binary's path.
fn build() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "telnyx-porting-cli"])
        .current_dir(&root)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p telnyx-porting-cli failed".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release").join("telnyx-porting");
    if !bin.exists() {
        return Err(format!("{} was not built", bin.display()));
    }
    Ok(bin)
}

fn which_curl() -> Result<(), String> {
    match Command::new("curl")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
    {
        Ok(s) if s.success() => Ok(()),
        _ => Err(
            "the CLI stage compares with curl, which is not installed (BENCH_CLI=0 skips it)"
                .into(),
        ),
    }
}

/// Wall time of one run of `argv`, in ms; it must exit 0.
fn time_once(argv: &[String]) -> Result<f64, String> {
    let start = Instant::now();
    let out = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", argv[0]))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if !out.status.success() {
        return Err(format!(
            "{argv:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(ms)
}

/// Medians of `runs` wall times of each command, alternating which runs first.
fn alternate(runs: usize, a: &[String], b: &[String]) -> Result<(f64, f64), String> {
    // One warm-up each (page cache, connection set-up of the server).
    time_once(a)?;
    time_once(b)?;
    let mut ta = Vec::with_capacity(runs);
    let mut tb = Vec::with_capacity(runs);
    for i in 0..runs {
        if i % 2 == 0 {
            ta.push(time_once(a)?);
            tb.push(time_once(b)?);
        } else {
            tb.push(time_once(b)?);
            ta.push(time_once(a)?);
        }
    }
    Ok((crate::median(&mut ta), crate::median(&mut tb)))
}

/// `VmHWM` of a running process, in kB (0 when it cannot be read).
fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn bulk(bin: &Path, n: usize) -> Result<(), String> {
    use std::io::{BufRead, BufReader};

    let dir = std::env::temp_dir().join(format!("telnyx-porting-bench-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("numbers.txt");
    // +1303600xxxx, +1303601xxxx, ...: valid, distinct, none in the sandbox's non-portable
    // 555-0100..555-0199 range.
    let text: String = (0..n)
        .map(|i| format!("+1303{:07}\n", 6_000_000 + i))
        .collect();
    std::fs::write(&file, text).map_err(|e| e.to_string())?;

    let mut sandbox = Command::new(bin)
        .args(["sandbox", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let first = {
        let stdout = sandbox.stdout.take().ok_or("no sandbox stdout")?;
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .map_err(|e| e.to_string())?;
        first
    };
    let result = (|| {
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .ok_or_else(|| format!("unexpected sandbox line {first:?}"))?
            .to_owned();
        let start = Instant::now();
        let mut child = Command::new(bin)
            .args([
                "porting-orders",
                "create",
                "--phone-numbers-file",
                &file.display().to_string(),
                "--api-key",
                SANDBOX_API_KEY,
                "--base-url",
                &url,
                "--format",
                "json",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run the bulk create: {e}"))?;
        let pid = child.id();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        // Read the summary on a thread while this one samples the peak RSS.
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(stdout), &mut text);
            text
        });
        let mut peak = 0;
        let status = loop {
            peak = peak.max(peak_kb(pid));
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if start.elapsed() > WAIT {
                let _ = child.kill();
                return Err("the bulk create did not finish in time".to_owned());
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = start.elapsed();
        let summary = reader.join().map_err(|_| "the reader thread failed")?;
        if !status.success() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            return Err(format!("the bulk create exited with {status}: {err}"));
        }
        let summary: serde_json::Value =
            serde_json::from_str(&summary).map_err(|e| format!("the summary: {e}"))?;
        let ordered: usize = summary["orders"]
            .as_array()
            .map(|orders| {
                orders
                    .iter()
                    .map(|o| o["phone_numbers"].as_array().map_or(0, Vec::len))
                    .sum()
            })
            .unwrap_or(0);
        if ordered != n {
            return Err(format!("the bulk create ordered {ordered} of {n} numbers"));
        }
        line("cli_bulk_numbers", n);
        line(
            "cli_bulk_orders",
            summary["orders"].as_array().map_or(0, Vec::len),
        );
        line("cli_bulk_wall_s", format!("{:.2}", elapsed.as_secs_f64()));
        line(
            "cli_bulk_numbers_per_s",
            format!("{:.0}", n as f64 / elapsed.as_secs_f64()),
        );
        line("cli_bulk_peak_rss_mb", crate::mb(peak));
        line(
            "cli_bulk_sandbox_peak_rss_mb",
            crate::mb(peak_kb(sandbox.id())),
        );
        Ok(())
    })();
    let _ = sandbox.kill();
    let _ = sandbox.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
