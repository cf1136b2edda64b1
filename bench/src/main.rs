//! `cargo run --release -p telnyx-porting-bench`: does the `#[endpoint]` client cost anything
//! next to a hand-written reqwest loop? Prints one `name: value` line per figure.
//!
//! In one process: a minimal HTTP/1.1 keep-alive server on 127.0.0.1 (its own thread), then
//!
//! 1. a check that both clients send byte-identical requests (head lines sorted, and body);
//! 2. memory: peak RSS (`VmHWM`) of a fresh process (this program, run again per side) after
//!    `BENCH_MEMORY_N` creates at concurrency 64, for each side;
//! 3. throughput: `BENCH_N` creates per side, sequentially and at concurrency 16 and 64, for
//!    (a) `client.porting_orders().create(..)` and (b) a hand-written reqwest loop, in short
//!    rounds of `BENCH_ROUND` creates per side (at least 16 per in-flight slot) that alternate
//!    which side goes first, so that a change in the machine's load hits both sides; the
//!    ratio is the median of the per-round ratios a/b;
//! 4. decode: a generated 250-order list page into `Data<Vec<PortingOrder>>` and into
//!    `serde_json::Value`;
//! 5. the sandbox: creates, retrieves and list pages against a nearly empty and a full
//!    sandbox, each in a child process, and their memory (see `sandbox.rs`;
//!    `BENCH_SANDBOX_ONLY=1` runs this stage alone).
//! 6. webhooks: `Verifier::verify` against a raw Ed25519 loop of the same crypto, the decode
//!    alone, and Node's `crypto.verify` for reference (`webhooks.rs`).
//! 7. the command line (`cli.rs`): `telnyx-porting` next to `curl`, and bulk creation
//!    (`BENCH_CLI_ONLY=1` runs this stage alone).
//!
//! Environment: `BENCH_N` (60000), `BENCH_ROUND` (500), `BENCH_MEMORY_N` (10000),
//! `BENCH_DECODE_ROUNDS` (9), `BENCH_DECODE_ITERS` (40), `BENCH_CLIENT_THREADS` (1), and
//! `BENCH_PROFILE=ours:1` (or `hand:64`, ...) to run one side alone under a profiler, and
//! `BENCH_CONTROL=hand` (or `ours`) for an A/A control: both sides run that same code, each
//! with its own client, so the ratios show the harness's own bias and noise.
//! See BENCHMARKS.md for the method and the figures.

mod cli;
mod cpu;
mod hooks;
mod page;
mod sandbox;
mod server;
mod webhooks;

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};
use telnyx_porting::models::{CreatePortingOrder, Data, PortingOrder};
use telnyx_porting::prelude::*;

use crate::server::Server;

type Created = Data<Vec<PortingOrder>>;

const API_KEY: &str = "KEYbench0123456789";
/// The timeout both sides put on each request (the client's default).
const TIMEOUT: Duration = telnyx_porting::DEFAULT_TIMEOUT;
const CONNECT_TIMEOUT: Duration = telnyx_porting::DEFAULT_CONNECT_TIMEOUT;
/// The scenarios: how many requests are in flight at once.
const CONCURRENCY: [(&str, usize); 3] = [("seq", 1), ("c16", 16), ("c64", 64)];

struct Config {
    n: usize,
    round: usize,
    memory_n: usize,
    decode_rounds: usize,
    decode_iters: usize,
    client_threads: usize,
    /// `BENCH_CONTROL`: run this side's code on both sides (an A/A control).
    control: Option<Side>,
}

impl Config {
    fn from_env() -> Result<Config, String> {
        let config = Config {
            n: env_usize("BENCH_N", 60_000)?,
            round: env_usize("BENCH_ROUND", 500)?,
            memory_n: env_usize("BENCH_MEMORY_N", 10_000)?,
            decode_rounds: env_usize("BENCH_DECODE_ROUNDS", 9)?,
            decode_iters: env_usize("BENCH_DECODE_ITERS", 40)?,
            client_threads: env_usize("BENCH_CLIENT_THREADS", 1)?,
            control: match std::env::var("BENCH_CONTROL").as_deref() {
                Err(_) | Ok("") => None,
                Ok("ours") => Some(Side::Ours),
                Ok("hand") => Some(Side::Hand),
                Ok(other) => {
                    return Err(format!("BENCH_CONTROL={other:?}: use `ours` or `hand`"));
                }
            },
        };
        if config.n < 64 || config.round < 64 || config.memory_n < 64 {
            return Err("BENCH_N, BENCH_ROUND and BENCH_MEMORY_N must be at least 64".into());
        }
        if config.decode_rounds == 0 || config.decode_iters == 0 || config.client_threads == 0 {
            return Err(concat!(
                "BENCH_DECODE_ROUNDS, BENCH_DECODE_ITERS and BENCH_CLIENT_THREADS ",
                "must be at least 1"
            )
            .into());
        }
        Ok(config)
    }
}

fn env_usize(name: &str, default: usize) -> Result<usize, String> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a whole number")),
        _ => Ok(default),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    if let Some(result) = sandbox::child() {
        return result;
    }
    let config = Config::from_env()?;
    let server = Server::start().map_err(|e| format!("cannot start the server: {e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.client_threads)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))?;

    if let Ok(side) = std::env::var(MEMORY_CHILD_ENV) {
        return runtime.block_on(memory_child(&server, &side, config.memory_n));
    }
    if std::env::var_os("BENCH_SANDBOX_ONLY").is_some() {
        return sandbox::stage(&runtime);
    }
    if std::env::var_os("BENCH_CLI_ONLY").is_some() {
        return cli::run(&server.base_url);
    }
    if let Ok(spec) = std::env::var("BENCH_PROFILE") {
        return runtime.block_on(profile_one(&server, &spec, config.n));
    }
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    line("cores", cores);
    line("client_threads", config.client_threads);
    line("server_threads", 1);
    line("creates_per_side_per_scenario", config.n);
    line("creates_per_side_per_round", config.round);
    line("load_average_at_start", load_average());
    if let Some(side) = config.control {
        // An A/A control run: every `*_ratio` below compares this code with itself.
        line("control_both_sides_run", format!("{side:?}").to_lowercase());
    }
    memory(&config)?;
    runtime.block_on(async {
        let sides = Sides::new(&server.base_url, config.control)?;
        check_identical_requests(&sides, &server).await?;
        throughput(&sides, &config).await?;
        hooks::cost(&server.base_url, &sides.order, &config).await
    })?;
    decode(&config)?;
    sandbox::stage(&runtime)?;
    webhooks::bench()?;
    cli::run(&server.base_url)?;

    line("peak_rss_end_of_run_mb", mb(status_kb("VmHWM")));
    line("load_average_at_end", load_average());
    let refused = server
        .stats
        .refused
        .load(std::sync::atomic::Ordering::Relaxed);
    if refused > 0 {
        return Err(format!("the server refused {refused} requests"));
    }
    Ok(())
}

/// Prints one figure.
fn line(name: &str, value: impl std::fmt::Display) {
    println!("{name}: {value}");
}

/// The 1-minute load average: other work on the machine, which moves wall-clock figures.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A field of /proc/self/status in kB (`VmHWM`, `VmRSS`), or 0 when it cannot be read.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

/// The two clients under test, sending the same order.
#[derive(Clone)]
struct Sides {
    ours: telnyx_porting::Client,
    hand: HandWritten,
    /// For an A/A control: the other side runs this code, with a client of its own.
    control: Option<Control>,
    order: Arc<CreatePortingOrder>,
}

#[derive(Clone)]
enum Control {
    Ours(telnyx_porting::Client),
    Hand(Box<HandWritten>),
}

fn our_client(base_url: &str) -> Result<telnyx_porting::Client, String> {
    telnyx_porting::Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .http_client(http_client()?)
        .build()
        .map_err(|e| format!("cannot build the client: {e}"))
}

impl Sides {
    fn new(base_url: &str, control: Option<Side>) -> Result<Sides, String> {
        let order = CreatePortingOrder::new(["+13035550000", "+13035550001"])
            .customer_reference("Acct 123abc");
        Ok(Sides {
            ours: our_client(base_url)?,
            hand: HandWritten::new(base_url)?,
            control: match control {
                None => None,
                Some(Side::Ours) => Some(Control::Ours(our_client(base_url)?)),
                Some(Side::Hand) => Some(Control::Hand(Box::new(HandWritten::new(base_url)?))),
            },
            order: Arc::new(order),
        })
    }
}

/// The reqwest client both sides use, built the same way (the settings the library's own
/// builder uses, plus `no_proxy` so a proxy variable cannot route the traffic off the host).
fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .no_proxy()
        .build()
        .map_err(|e| format!("cannot build the reqwest client: {e}"))
}

/// What a careful engineer would write by hand with reqwest: the URL parsed once, the header
/// values built once, the body serialized per call, the whole body read and decoded.
#[derive(Clone)]
struct HandWritten {
    http: reqwest::Client,
    url: reqwest::Url,
    auth: HeaderValue,
    accept: HeaderValue,
    user_agent: HeaderValue,
    content_type: HeaderValue,
}

impl HandWritten {
    fn new(base_url: &str) -> Result<HandWritten, String> {
        let url = reqwest::Url::parse(&format!("{base_url}/porting_orders"))
            .map_err(|e| format!("bad URL: {e}"))?;
        let mut auth = HeaderValue::try_from(format!("Bearer {API_KEY}"))
            .map_err(|e| format!("bad key: {e}"))?;
        auth.set_sensitive(true);
        Ok(HandWritten {
            http: http_client()?,
            url,
            auth,
            accept: HeaderValue::from_static("application/json"),
            user_agent: HeaderValue::from_static(telnyx_porting::DEFAULT_USER_AGENT),
            content_type: HeaderValue::from_static("application/json"),
        })
    }

    async fn create(&self, order: &CreatePortingOrder) -> Result<Created, String> {
        let body = serde_json::to_vec(order).map_err(|e| format!("encode: {e}"))?;
        let response = self
            .http
            .post(self.url.clone())
            .timeout(TIMEOUT)
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, self.accept.clone())
            .header(USER_AGENT, self.user_agent.clone())
            .header(CONTENT_TYPE, self.content_type.clone())
            .body(body)
            .send()
            .await
            .map_err(|e| format!("send: {e}"))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| format!("read: {e}"))?;
        if !status.is_success() {
            return Err(format!("status {status}"));
        }
        serde_json::from_slice(&bytes).map_err(|e| format!("decode: {e}"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Ours,
    Hand,
}

/// One create through `side`; returns how many orders came back.
async fn create_once(sides: &Sides, side: Side) -> Result<usize, String> {
    let created = match (side, &sides.control) {
        (Side::Ours, None | Some(Control::Ours(_))) => sides
            .ours
            .porting_orders()
            .create(&sides.order)
            .await
            .map_err(|e| e.to_string())?,
        (Side::Hand, None | Some(Control::Hand(_))) => sides.hand.create(&sides.order).await?,
        // A/A control: the other side runs the same code as this one.
        (Side::Ours, Some(Control::Hand(hand))) => hand.create(&sides.order).await?,
        (Side::Hand, Some(Control::Ours(client))) => client
            .porting_orders()
            .create(&sides.order)
            .await
            .map_err(|e| e.to_string())?,
    };
    Ok(black_box(created).len())
}

/// The wall time of a run, and the CPU time the client side (every thread but the server's)
/// spent in it.
#[derive(Clone, Copy, Debug, Default)]
struct Timing {
    wall: Duration,
    client_cpu: Duration,
}

/// `n` creates through `side`, `concurrency` at a time (one task each, `n / concurrency`
/// creates per task).
async fn run_side(
    sides: &Sides,
    side: Side,
    n: usize,
    concurrency: usize,
) -> Result<Timing, String> {
    let cpu_start = cpu::client_cpu();
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for t in 0..concurrency {
        let share = n / concurrency + usize::from(t < n % concurrency);
        let sides = sides.clone();
        tasks.push(tokio::spawn(async move {
            let mut orders = 0;
            for _ in 0..share {
                orders += create_once(&sides, side).await?;
            }
            Ok::<usize, String>(orders)
        }));
    }
    let mut orders = 0;
    for task in tasks {
        orders += task.await.map_err(|e| format!("a task failed: {e}"))??;
    }
    let wall = start.elapsed();
    let client_cpu = cpu::client_cpu().saturating_sub(cpu_start);
    if orders != n {
        return Err(format!("{side:?}: {n} creates returned {orders} orders"));
    }
    Ok(Timing { wall, client_cpu })
}

/// Both sides must put the same bytes on the wire (header order aside).
async fn check_identical_requests(sides: &Sides, server: &Server) -> Result<(), String> {
    let mut captured = Vec::new();
    for side in [Side::Ours, Side::Hand] {
        server.stats.capture_next();
        create_once(sides, side).await?;
        let raw = server
            .stats
            .take_captured()
            .ok_or("the server captured no request")?;
        captured.push(normalize(&raw));
    }
    if captured.first() != captured.get(1) {
        return Err(format!(
            "the two sides send different requests:\n--- ours\n{}\n--- hand-written\n{}",
            captured.first().map_or("", String::as_str),
            captured.get(1).map_or("", String::as_str)
        ));
    }
    line("identical_requests", "yes");
    // What a spawned task holds per create in flight: the size of the future each side's
    // create returns (not polled; measured only).
    line(
        "future_bytes_ours",
        std::mem::size_of_val(&sides.ours.porting_orders().create(&sides.order)),
    );
    line(
        "future_bytes_hand",
        std::mem::size_of_val(&sides.hand.create(&sides.order)),
    );
    Ok(())
}

/// The request line, the header lines sorted (names lower-cased), and the body.
fn normalize(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or("").to_owned();
    let mut headers: Vec<String> = lines
        .map(|l| match l.split_once(':') {
            Some((name, value)) => format!("{}:{}", name.to_ascii_lowercase(), value),
            None => l.to_owned(),
        })
        .collect();
    headers.sort();
    format!("{request_line}\n{}\n\n{body}", headers.join("\n"))
}

/// `BENCH_PROFILE=ours:64` (or `hand:1`, ...): only that side at that concurrency, `BENCH_N`
/// creates after a warm-up, for a profiler (`perf record`, `valgrind --tool=callgrind`).
async fn profile_one(server: &Server, spec: &str, n: usize) -> Result<(), String> {
    let (side, concurrency) = spec.split_once(':').unwrap_or((spec, "1"));
    let side = match side {
        "ours" => Side::Ours,
        "hand" => Side::Hand,
        other => {
            return Err(format!(
                "BENCH_PROFILE: unknown side {other:?} (ours or hand)"
            ));
        }
    };
    let concurrency: usize = concurrency
        .parse()
        .ok()
        .filter(|&c| c >= 1)
        .ok_or_else(|| format!("BENCH_PROFILE: bad concurrency in {spec:?}"))?;
    let sides = Sides::new(&server.base_url, None)?;
    run_side(&sides, side, 256, concurrency).await?;
    let timing = run_side(&sides, side, n, concurrency).await?;
    line("profile_side", format!("{side:?}"));
    line("profile_rps", rps(n, timing.wall));
    line(
        "profile_client_cpu_us",
        format!("{:.1}", timing.client_cpu.as_secs_f64() * 1e6 / n as f64),
    );
    Ok(())
}

/// Set in the child processes of the memory figure: `ours` or `hand`.
const MEMORY_CHILD_ENV: &str = "BENCH_MEMORY_CHILD";

/// Peak RSS of a fresh process (server and client) after `BENCH_MEMORY_N` creates at
/// concurrency 64, for each side: this program runs itself once per side, so neither side's
/// figure holds the other's heap, nor the decode benchmark's.
fn memory(config: &Config) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    line("memory_creates", config.memory_n);
    for side in ["ours", "hand"] {
        let output = std::process::Command::new(&exe)
            .env(MEMORY_CHILD_ENV, side)
            .env("BENCH_MEMORY_N", config.memory_n.to_string())
            .env("BENCH_CLIENT_THREADS", config.client_threads.to_string())
            .output()
            .map_err(|e| format!("cannot run the memory child: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "the memory child ({side}) failed: {}{}",
                stdout,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let field = |name: &str| {
            stdout
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
                .map(str::to_owned)
                .ok_or_else(|| format!("the memory child ({side}) printed no {name}"))
        };
        line(&format!("rss_before_{side}_mb"), field("rss_before_mb")?);
        line(&format!("peak_rss_{side}_c64_mb"), field("peak_rss_mb")?);
    }
    Ok(())
}

/// The child side of [`memory`].
async fn memory_child(server: &Server, side: &str, n: usize) -> Result<(), String> {
    let side = match side {
        "ours" => Side::Ours,
        "hand" => Side::Hand,
        other => return Err(format!("{MEMORY_CHILD_ENV}: unknown side {other:?}")),
    };
    let sides = Sides::new(&server.base_url, None)?;
    line("rss_before_mb", mb(status_kb("VmRSS")));
    run_side(&sides, side, n, 64).await?;
    line("peak_rss_mb", mb(status_kb("VmHWM")));
    Ok(())
}

fn rps(n: usize, elapsed: Duration) -> String {
    format!("{:.0}", n as f64 / elapsed.as_secs_f64().max(1e-9))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

async fn throughput(sides: &Sides, config: &Config) -> Result<(), String> {
    // Warm both pools to 64 connections and both code paths.
    for side in [Side::Ours, Side::Hand] {
        run_side(sides, side, 1024, 64).await?;
    }
    for (name, concurrency) in CONCURRENCY {
        // Each round gives every in-flight slot at least 16 creates, so that the ramp at the
        // start and end of a round stays small next to the steady state.
        let per_round = config.round.max(16 * concurrency);
        let rounds = (config.n / per_round).max(1);
        let mut wall = [Duration::ZERO; 2];
        let mut cpu = [Duration::ZERO; 2];
        let mut ratios = Vec::with_capacity(rounds);
        let mut cpu_ratios = Vec::with_capacity(rounds);
        for round in 0..rounds {
            let order = if round % 2 == 0 {
                [Side::Ours, Side::Hand]
            } else {
                [Side::Hand, Side::Ours]
            };
            let mut this = [Timing::default(); 2];
            for side in order {
                let i = usize::from(side == Side::Hand);
                this[i] = run_side(sides, side, per_round, concurrency).await?;
                wall[i] += this[i].wall;
                cpu[i] += this[i].client_cpu;
            }
            let [ours, hand] = this;
            // a/b in requests per second is b/a in time.
            ratios.push(hand.wall.as_secs_f64() / ours.wall.as_secs_f64().max(1e-9));
            cpu_ratios
                .push(hand.client_cpu.as_secs_f64() / ours.client_cpu.as_secs_f64().max(1e-9));
        }
        let total = (rounds * per_round) as f64;
        let rate = |d: Duration| format!("{:.0}", total / d.as_secs_f64().max(1e-9));
        let micros = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e6 / total);
        line(&format!("{name}_rounds"), rounds);
        line(&format!("{name}_ours_rps"), rate(wall[0]));
        line(&format!("{name}_hand_rps"), rate(wall[1]));
        line(
            &format!("{name}_ratio"),
            format!("{:.3}", median(&mut ratios)),
        );
        line(
            &format!("{name}_ratio_p25"),
            format!("{:.3}", quantile(&ratios, 0.25)),
        );
        line(
            &format!("{name}_ratio_p75"),
            format!("{:.3}", quantile(&ratios, 0.75)),
        );
        line(&format!("{name}_ours_cpu_us"), micros(cpu[0]));
        line(&format!("{name}_hand_cpu_us"), micros(cpu[1]));
        // hand / ours: like the throughput ratio, 1.0 is parity and below 1.0 means ours
        // spends more CPU per create.
        line(
            &format!("{name}_cpu_ratio"),
            format!("{:.3}", median(&mut cpu_ratios)),
        );
    }
    Ok(())
}

/// The `q` quantile of values already sorted (by [`median`]), nearest rank.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn decode(config: &Config) -> Result<(), String> {
    let page = page::list_page(250);
    let typed: Created =
        serde_json::from_slice(&page).map_err(|e| format!("the page does not decode: {e}"))?;
    if typed.len() != 250 {
        return Err(format!("the page holds {} orders", typed.len()));
    }
    drop(typed);
    line("decode_page_bytes", page.len());

    let iters = config.decode_iters;
    let (mut typed_us, mut value_us) = (Vec::new(), Vec::new());
    for round in 0..config.decode_rounds {
        for typed_first in [round % 2 == 0, round % 2 == 1] {
            let start = Instant::now();
            if typed_first {
                for _ in 0..iters {
                    let v: Created = serde_json::from_slice(black_box(&page))
                        .map_err(|e| format!("typed decode: {e}"))?;
                    black_box(v);
                }
                typed_us.push(start.elapsed().as_secs_f64() * 1e6 / iters as f64);
            } else {
                for _ in 0..iters {
                    let v: serde_json::Value = serde_json::from_slice(black_box(&page))
                        .map_err(|e| format!("value decode: {e}"))?;
                    black_box(v);
                }
                value_us.push(start.elapsed().as_secs_f64() * 1e6 / iters as f64);
            }
        }
    }
    let (typed, value) = (median(&mut typed_us), median(&mut value_us));
    line("decode_typed_us", format!("{typed:.0}"));
    line("decode_value_us", format!("{value:.0}"));
    line(
        "decode_ratio_typed_over_value",
        format!("{:.3}", typed / value),
    );
    Ok(())
}
