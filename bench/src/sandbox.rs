//! The sandbox stage: does the sandbox stay fast and small however much it holds?
//!
//! Two sandboxes run as child processes (this program run again with `BENCH_SANDBOX_CHILD`),
//! so that their memory is their own: one nearly empty, one filled through HTTP to
//! `BENCH_SANDBOX_ORDERS` orders (100,000, the default cap) of two numbers each. Both are
//! started with `Sandbox::start()` and driven over loopback by a lean raw-TCP HTTP/1.1 client
//! (keep-alive, `BENCH_SANDBOX_CONNECTIONS` connections, 16 by default) in this process.
//!
//! Then, in `BENCH_SANDBOX_ROUNDS` rounds (15), `BENCH_SANDBOX_CREATES` creates (2000) on
//! each sandbox back to back, then `BENCH_SANDBOX_RETRIEVES` retrieves (4000) on each, which
//! one goes first alternating; the ratios full/empty are the medians of the per-round ratios. The full sandbox stays
//! at its cap during the rounds (each create drops the oldest order). Then one list page
//! (`page[size]=20&page[number]=3`, without a filter and with a `filter[customer_reference]`
//! that matches none) is timed `BENCH_SANDBOX_LIST_REPEATS` times (9) on the full sandbox.
//! Memory: the children's `VmRSS` and `VmHWM` from `/proc/self/status`.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use telnyx_porting::sandbox::{SANDBOX_API_KEY, Sandbox};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::{env_usize, line, mb, median, status_kb};

/// Set in the child processes: the child runs a sandbox and answers `rss` on stdin.
pub const CHILD_ENV: &str = "BENCH_SANDBOX_CHILD";
/// The most reads one response may take (a bound, never reached).
const MAX_READS: usize = 1_000_000;

/// When this process is a sandbox child, runs it and gives its result.
pub fn child() -> Option<Result<(), String>> {
    std::env::var_os(CHILD_ENV)?;
    Some(run_child())
}

fn run_child() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("child: cannot start tokio: {e}"))?;
    let sandbox = runtime
        .block_on(Sandbox::start())
        .map_err(|e| format!("child: cannot start the sandbox: {e}"))?;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "url: {}", sandbox.base_url());
    let _ = out.flush();
    for command in std::io::stdin().lock().lines() {
        match command.as_deref().map(str::trim) {
            Ok("rss") => {
                let _ = writeln!(
                    out,
                    "rss_kb: {} hwm_kb: {}",
                    status_kb("VmRSS"),
                    status_kb("VmHWM")
                );
                let _ = out.flush();
            }
            _ => break,
        }
    }
    drop(sandbox);
    Ok(())
}

/// A sandbox in a child process.
struct SandboxProcess {
    process: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    addr: SocketAddr,
}

impl SandboxProcess {
    fn spawn() -> Result<SandboxProcess, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let mut process = Command::new(exe)
            .env(CHILD_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start a sandbox child: {e}"))?;
        let (Some(stdin), Some(stdout)) = (process.stdin.take(), process.stdout.take()) else {
            let _ = process.kill();
            return Err("the sandbox child has no pipes".into());
        };
        let mut stdout = BufReader::new(stdout);
        let mut first = String::new();
        stdout
            .read_line(&mut first)
            .map_err(|e| format!("the sandbox child said nothing: {e}"))?;
        // `url: http://127.0.0.1:PORT/v2`
        let addr = first
            .trim()
            .strip_prefix("url: http://")
            .and_then(|rest| rest.strip_suffix("/v2"))
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| format!("the sandbox child said {first:?}"))?;
        Ok(SandboxProcess {
            process,
            stdin,
            stdout,
            addr,
        })
    }

    /// The child's `(VmRSS, VmHWM)` in kB.
    fn rss(&mut self) -> Result<(u64, u64), String> {
        writeln!(self.stdin, "rss").map_err(|e| format!("sandbox child: {e}"))?;
        self.stdin
            .flush()
            .map_err(|e| format!("sandbox child: {e}"))?;
        let mut answer = String::new();
        self.stdout
            .read_line(&mut answer)
            .map_err(|e| format!("sandbox child: {e}"))?;
        let field = |name: &str| {
            answer
                .split_whitespace()
                .skip_while(|w| *w != name)
                .nth(1)
                .and_then(|v| v.parse().ok())
        };
        field("rss_kb:")
            .zip(field("hwm_kb:"))
            .ok_or_else(|| format!("sandbox child answered {answer:?}"))
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "quit");
        let _ = self.stdin.flush();
        if self.process.wait().is_err() {
            let _ = self.process.kill();
        }
    }
}

/// The stage's settings.
struct Settings {
    orders: usize,
    connections: usize,
    rounds: usize,
    creates: usize,
    retrieves: usize,
    list_repeats: usize,
}

impl Settings {
    fn from_env() -> Result<Settings, String> {
        let settings = Settings {
            orders: env_usize("BENCH_SANDBOX_ORDERS", 100_000)?,
            connections: env_usize("BENCH_SANDBOX_CONNECTIONS", 16)?,
            rounds: env_usize("BENCH_SANDBOX_ROUNDS", 15)?,
            creates: env_usize("BENCH_SANDBOX_CREATES", 2_000)?,
            retrieves: env_usize("BENCH_SANDBOX_RETRIEVES", 4_000)?,
            list_repeats: env_usize("BENCH_SANDBOX_LIST_REPEATS", 9)?,
        };
        if settings.orders < 100
            || settings.connections == 0
            || settings.rounds == 0
            || settings.creates == 0
            || settings.retrieves == 0
            || settings.list_repeats == 0
        {
            return Err(
                "BENCH_SANDBOX_ORDERS must be at least 100, the other BENCH_SANDBOX_* \
                        at least 1"
                    .into(),
            );
        }
        Ok(settings)
    }
}

/// Runs the stage and prints its figures.
pub fn stage(runtime: &tokio::runtime::Runtime) -> Result<(), String> {
    let settings = Settings::from_env()?;
    let started = Instant::now();
    let mut empty = SandboxProcess::spawn()?;
    let mut full = SandboxProcess::spawn()?;
    let (rss_empty_kb, _) = empty.rss()?;
    line("sandbox_orders_held_full", settings.orders);
    line("sandbox_connections", settings.connections);
    line("sandbox_rss_empty_mb", mb(rss_empty_kb));
    line("sandbox_load_average_at_start", crate::load_average());

    runtime.block_on(async {
        // Fill the full one; keep ids from its newer half, which the rounds do not evict.
        let numbers = Numbers::default();
        let keep_from = settings.orders / 2;
        let full_ids = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&full_ids);
        let fill = drive(
            full.addr,
            settings.connections,
            settings.orders,
            201,
            numbers.creates(),
            Some(Arc::new(move |i, body: &[u8]| {
                if i >= keep_from
                    && i % 37 == 0
                    && let Some(id) = order_id(body)
                {
                    kept.lock().unwrap_or_else(|e| e.into_inner()).push(id);
                }
            })),
        )
        .await?;
        line("sandbox_fill_seconds", format!("{:.1}", fill.as_secs_f64()));
        line("sandbox_fill_creates_per_s", crate::rps(settings.orders, fill));
        let (rss_full_kb, _) = full.rss()?;
        line("sandbox_rss_full_mb", mb(rss_full_kb));
        let per_order = (rss_full_kb.saturating_sub(rss_empty_kb) * 1024) / settings.orders as u64;
        line("sandbox_rss_bytes_per_order", per_order);

        // Seed the nearly empty one with 10 orders to retrieve.
        let empty_ids = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&empty_ids);
        drive(
            empty.addr,
            1,
            10,
            201,
            numbers.creates(),
            Some(Arc::new(move |_, body: &[u8]| {
                if let Some(id) = order_id(body) {
                    kept.lock().unwrap_or_else(|e| e.into_inner()).push(id);
                }
            })),
        )
        .await?;
        let empty_ids = Arc::new(empty_ids.lock().unwrap_or_else(|e| e.into_inner()).clone());
        let full_ids = Arc::new(full_ids.lock().unwrap_or_else(|e| e.into_inner()).clone());
        if empty_ids.is_empty() || full_ids.is_empty() {
            return Err("no order ids came back from the creates".to_owned());
        }

        // Each figure is taken on both sandboxes back to back, the first one alternating, so
        // that a change in the machine's load hits both.
        let (mut creates, mut retrieves) = (Rates::default(), Rates::default());
        for round in 0..settings.rounds {
            let order = if round % 2 == 0 { [false, true] } else { [true, false] };
            for is_full in order {
                let addr = if is_full { full.addr } else { empty.addr };
                let c = drive(addr, settings.connections, settings.creates, 201, numbers.creates(), None)
                    .await?;
                creates.push(is_full, settings.creates, c);
            }
            for is_full in order {
                let (addr, ids) = if is_full {
                    (full.addr, &full_ids)
                } else {
                    (empty.addr, &empty_ids)
                };
                let r = drive(
                    addr,
                    settings.connections,
                    settings.retrieves,
                    200,
                    retrieves_of(Arc::clone(ids)),
                    None,
                )
                .await?;
                retrieves.push(is_full, settings.retrieves, r);
            }
        }
        let creates_ratio = creates.report("sandbox_creates");
        let retrieves_ratio = retrieves.report("sandbox_retrieves");

        let page = "/v2/porting_orders?page%5Bsize%5D=20&page%5Bnumber%5D=3";
        let filtered =
            "/v2/porting_orders?filter%5Bcustomer_reference%5D=matches-none&page%5Bsize%5D=20&page%5Bnumber%5D=3";
        let mut worst: f64 = 0.0;
        for (name, target) in [("sandbox_list_page3", page), ("sandbox_list_page3_filter_none", filtered)] {
            let mut times = time_gets(full.addr, target, settings.list_repeats).await?;
            let max = times.iter().copied().fold(0.0, f64::max);
            worst = worst.max(max);
            line(&format!("{name}_ms_median"), format!("{:.2}", median(&mut times)));
            line(&format!("{name}_ms_max"), format!("{max:.2}"));
        }
        let (rss_kb, hwm_kb) = full.rss()?;
        line("sandbox_rss_full_end_mb", mb(rss_kb));
        line("sandbox_peak_rss_full_mb", mb(hwm_kb));
        let met = creates_ratio >= 0.8
            && retrieves_ratio >= 0.8
            && worst <= 50.0
            && hwm_kb <= 300 * 1024;
        line("sandbox_targets_met", met);
        Ok(())
    })?;
    line(
        "sandbox_stage_seconds",
        format!("{:.1}", started.elapsed().as_secs_f64()),
    );
    Ok(())
}

/// Per-round request rates on the two sandboxes.
#[derive(Default)]
struct Rates {
    empty: Vec<f64>,
    full: Vec<f64>,
}

impl Rates {
    fn push(&mut self, full: bool, n: usize, elapsed: Duration) {
        let rate = n as f64 / elapsed.as_secs_f64().max(1e-9);
        if full {
            &mut self.full
        } else {
            &mut self.empty
        }
        .push(rate);
    }

    /// Prints the median rates and the median per-round ratio full/empty; gives the ratio.
    fn report(&mut self, name: &str) -> f64 {
        let mut ratios: Vec<f64> = self
            .full
            .iter()
            .zip(&self.empty)
            .map(|(f, e)| f / e.max(1e-9))
            .collect();
        let ratio = median(&mut ratios);
        line(
            &format!("{name}_per_s_nearly_empty"),
            format!("{:.0}", median(&mut self.empty)),
        );
        line(
            &format!("{name}_per_s_full"),
            format!("{:.0}", median(&mut self.full)),
        );
        line(
            &format!("{name}_full_vs_empty_ratio"),
            format!("{ratio:.2}"),
        );
        ratio
    }
}

/// Makes the bytes of request `i`.
type MakeRequest = Arc<dyn Fn(usize) -> Vec<u8> + Send + Sync>;
/// Sees the body of the answer to request `i`.
type SeeAnswer = Arc<dyn Fn(usize, &[u8]) + Send + Sync>;

/// Distinct NANP numbers, two per create, across the whole stage.
#[derive(Default, Clone)]
struct Numbers {
    next: Arc<std::sync::atomic::AtomicU64>,
}

impl Numbers {
    fn creates(&self) -> MakeRequest {
        let next = Arc::clone(&self.next);
        Arc::new(move |_| {
            let n = next.fetch_add(2, std::sync::atomic::Ordering::Relaxed);
            let (a, b) = (2_000_000_000 + n, 2_000_000_001 + n);
            let body = format!(
                r#"{{"phone_numbers":["+1{a:010}","+1{b:010}"],"customer_reference":"bench"}}"#
            );
            request("POST", "/v2/porting_orders", &body)
        })
    }
}

fn retrieves_of(ids: Arc<Vec<String>>) -> MakeRequest {
    Arc::new(move |i| {
        let id = &ids[i.wrapping_mul(7919) % ids.len()];
        request("GET", &format!("/v2/porting_orders/{id}"), "")
    })
}

fn request(method: &str, target: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {target} HTTP/1.1\r\nhost: sandbox\r\nauthorization: Bearer {SANDBOX_API_KEY}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The order id at the start of a create's or a retrieve's answer.
fn order_id(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let at = text.find(r#","id":""#)? + 7;
    text.get(at..at + 36).map(str::to_owned)
}

/// Sends requests `0..n` over `connections` keep-alive connections (request `i` on connection
/// `i % connections`, in order), checking every answer's status; gives the wall time.
async fn drive(
    addr: SocketAddr,
    connections: usize,
    n: usize,
    status: u16,
    make: MakeRequest,
    see: Option<SeeAnswer>,
) -> Result<Duration, String> {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..connections.min(n) {
        let (make, see) = (Arc::clone(&make), see.clone());
        tasks.spawn(async move {
            let mut stream = TcpStream::connect(addr)
                .await
                .map_err(|e| format!("connect: {e}"))?;
            let _ = stream.set_nodelay(true);
            let mut buf = Vec::with_capacity(16 * 1024);
            for i in (c..n).step_by(connections) {
                stream
                    .write_all(&make(i))
                    .await
                    .map_err(|e| format!("write: {e}"))?;
                let (got, body) = read_response(&mut stream, &mut buf).await?;
                if got != status {
                    return Err(format!(
                        "expected {status}, got {got}: {}",
                        String::from_utf8_lossy(&body)
                    ));
                }
                if let Some(see) = &see {
                    see(i, &body);
                }
            }
            Ok::<(), String>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| format!("a driver task failed: {e}"))??;
    }
    Ok(started.elapsed())
}

/// Times `repeats` sequential `GET target` on one connection, in milliseconds.
async fn time_gets(addr: SocketAddr, target: &str, repeats: usize) -> Result<Vec<f64>, String> {
    let mut stream = TcpStream::connect(addr)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let started = Instant::now();
        stream
            .write_all(&request("GET", target, ""))
            .await
            .map_err(|e| format!("write: {e}"))?;
        let (status, body) = read_response(&mut stream, &mut buf).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if status != 200 || !body.starts_with(br#"{"data":["#) {
            return Err(format!(
                "GET {target}: {status} {}",
                String::from_utf8_lossy(&body)
            ));
        }
    }
    Ok(times)
}

/// Reads one `content-length` framed response; `buf` keeps what follows it.
async fn read_response(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
) -> Result<(u16, Vec<u8>), String> {
    for _ in 0..MAX_READS {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let status: u16 = head
                .get(9..12)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| format!("bad status line in {head:?}"))?;
            let len: usize = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .unwrap_or(0);
            let total = end + 4 + len;
            for _ in 0..MAX_READS {
                if buf.len() >= total {
                    break;
                }
                read_more(stream, buf).await?;
            }
            let body = buf[end + 4..total].to_vec();
            buf.drain(..total);
            return Ok((status, body));
        }
        read_more(stream, buf).await?;
    }
    Err("no response".into())
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<(), String> {
    buf.reserve(16 * 1024);
    match stream.read_buf(buf).await {
        Ok(0) => Err("the sandbox closed the connection".into()),
        Ok(_) => Ok(()),
        Err(e) => Err(format!("read: {e}")),
    }
}
