//! The webhook stage: `Verifier::verify` on a fixed ~2 KB `status_changed` delivery (the
//! committed `client/tests/fixtures/webhooks/status_changed_2k.json`, with exception
//! details), against a raw Ed25519 verify loop of the same crypto on the same message, in
//! alternating rounds; the decode alone (`WebhookEvent::parse`); and Node's `crypto.verify`
//! on the same message for reference, when `node` is on the PATH.
//!
//! Environment: `BENCH_WEBHOOK_ROUNDS` (15), `BENCH_WEBHOOK_ITERS` (2000 verifications per side
//! per round).

use std::hint::black_box;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use telnyx_porting::webhooks::{SIGNATURE_HEADER, Signer, TIMESTAMP_HEADER, WebhookEvent};

use crate::{env_usize, line, median};

const BODY: &[u8] = include_bytes!("../../client/tests/fixtures/webhooks/status_changed_2k.json");

pub fn bench() -> Result<(), String> {
    let rounds = env_usize("BENCH_WEBHOOK_ROUNDS", 15)?.max(1);
    let iters = env_usize("BENCH_WEBHOOK_ITERS", 2000)?.max(1);
    let signer = Signer::from_seed([0x2c; 32]).map_err(|e| e.to_string())?;
    let verifier = signer.verifier();
    let signed_at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let headers = signer.headers(BODY, signed_at);

    // The raw loop's inputs, made once: the key, the signature and `timestamp|body`.
    let public_key: [u8; 32] = decode_b64(&signer.public_key_base64())?;
    let signature: [u8; 64] = decode_b64(header(&headers, SIGNATURE_HEADER)?)?;
    let mut message = header(&headers, TIMESTAMP_HEADER)?.as_bytes().to_vec();
    message.push(b'|');
    message.extend_from_slice(BODY);
    let raw = || telnyx_porting::__private::ed25519_verify(&public_key, &message, &signature);
    let ours = || verifier.verify_at(&headers, BODY, signed_at).is_ok();
    if !raw() || !ours() {
        return Err("the benchmark's delivery does not verify".into());
    }

    line("webhook_crypto", telnyx_porting::webhooks::PROVIDER);
    line("webhook_body_bytes", BODY.len());
    line("webhook_verifications_per_side_per_round", iters);
    let (mut ratios, mut cpu_ratios) = (vec![], vec![]);
    let (mut ours_rate, mut raw_rate, mut decode_us, mut raw_us) = (vec![], vec![], vec![], vec![]);
    for round in 0..rounds {
        // Alternate which side goes first, so a change in load hits both.
        let (a, b) = if round % 2 == 0 {
            let a = time(iters, ours)?;
            (a, time(iters, raw)?)
        } else {
            let b = time(iters, raw)?;
            (time(iters, ours)?, b)
        };
        ratios.push(b.wall.as_secs_f64() / a.wall.as_secs_f64());
        if !a.cpu.is_zero() && !b.cpu.is_zero() {
            cpu_ratios.push(b.cpu.as_secs_f64() / a.cpu.as_secs_f64());
        }
        raw_us.push(b.cpu.as_secs_f64() * 1e6 / iters as f64);
        ours_rate.push(iters as f64 / a.wall.as_secs_f64());
        raw_rate.push(iters as f64 / b.wall.as_secs_f64());
        let parse = time(iters, || WebhookEvent::parse(black_box(BODY)).is_ok())?;
        decode_us.push(parse.cpu.as_secs_f64() * 1e6 / iters as f64);
    }
    let figure = |name: &str, digits: usize, values: &mut [f64]| {
        line(name, format!("{:.digits$}", median(values)));
    };
    figure("webhook_verify_per_sec", 0, &mut ours_rate);
    figure("webhook_raw_ed25519_verify_per_sec", 0, &mut raw_rate);
    figure("webhook_verify_vs_raw_ratio", 3, &mut ratios);
    // The same from this thread's CPU time, which preemption by other processes cannot move.
    figure("webhook_verify_vs_raw_cpu_ratio", 3, &mut cpu_ratios);
    figure("webhook_raw_ed25519_cpu_us", 2, &mut raw_us);
    figure("webhook_decode_only_cpu_us", 2, &mut decode_us);
    line(
        "webhook_node_crypto_verify_per_sec",
        node(
            &signer.public_key_base64(),
            header(&headers, SIGNATURE_HEADER)?,
            &message,
            iters,
            rounds,
        ),
    );
    Ok(())
}

/// The wall time and this thread's CPU time of `n` calls of `f`, each of which must succeed.
fn time(n: usize, f: impl Fn() -> bool) -> Result<Timing, String> {
    let (start, cpu) = (Instant::now(), thread_cpu());
    for _ in 0..n {
        if !black_box(f()) {
            return Err("a verification failed".into());
        }
    }
    Ok(Timing {
        wall: start.elapsed(),
        cpu: thread_cpu().saturating_sub(cpu),
    })
}

#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    /// Run time of this thread only: time spent preempted by other processes is left out.
    cpu: Duration,
}

/// This thread's run time so far (`/proc/thread-self/schedstat`); zero where it cannot be read.
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn header<'a>(headers: &'a telnyx_porting::http::HeaderMap, name: &str) -> Result<&'a str, String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("the signer set no {name}"))
}

/// Standard base64 of exactly `N` bytes (the signer's own output).
fn decode_b64<const N: usize>(text: &str) -> Result<[u8; N], String> {
    let bytes = STANDARD.decode(text).map_err(|e| e.to_string())?;
    bytes.try_into().map_err(|_| "wrong length".to_owned())
}

/// Node's verifications per second on the same inputs, or why there is no figure.
fn node(public_key: &str, signature: &str, message: &[u8], iters: usize, rounds: usize) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/webhook_node.mjs");
    let encoded = STANDARD.encode(message);
    let job = format!(
        r#"{{"public_key":"{public_key}","signature":"{signature}","message":"{encoded}","iterations":{iters},"rounds":{rounds}}}"#
    );
    let child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return format!("skipped (cannot run node: {e})"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(job.as_bytes());
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        Ok(out) => format!("failed ({})", String::from_utf8_lossy(&out.stderr).trim()),
        Err(e) => format!("failed ({e})"),
    }
}
