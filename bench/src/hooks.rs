//! The cost of one no-op [`Hook`]: the same create through two clients that differ only in
//! one installed hook whose methods do nothing, in alternating rounds, sequentially and at
//! concurrency 64. `hook_noop_<scenario>_ratio` is hooked / plain in requests per second
//! (1.0 is parity, below 1.0 is what the hook costs). The no-hook path is the one the main
//! throughput figures measure against the hand-written side.

use std::sync::Arc;
use std::time::{Duration, Instant};

use telnyx_porting::models::CreatePortingOrder;
use telnyx_porting::prelude::*;
use telnyx_porting::{Client, Hook};

use crate::{API_KEY, Config, cpu, http_client, line, median};

/// Installed, does nothing: what the machinery around a hook costs.
struct NoOp;

impl Hook for NoOp {}

fn client(base_url: &str, hook: bool) -> Result<Client, String> {
    let builder = Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .http_client(http_client()?);
    let builder = if hook { builder.hook(NoOp) } else { builder };
    builder
        .build()
        .map_err(|e| format!("cannot build the client: {e}"))
}

/// `n` creates through `client`, `concurrency` at a time; wall and client CPU time.
async fn run(
    client: &Client,
    order: &Arc<CreatePortingOrder>,
    n: usize,
    concurrency: usize,
) -> Result<(Duration, Duration), String> {
    let cpu_start = cpu::client_cpu();
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for t in 0..concurrency {
        let share = n / concurrency + usize::from(t < n % concurrency);
        let (client, order) = (client.clone(), Arc::clone(order));
        tasks.push(tokio::spawn(async move {
            for _ in 0..share {
                let created = client
                    .porting_orders()
                    .create(&order)
                    .await
                    .map_err(|e| e.to_string())?;
                std::hint::black_box(created);
            }
            Ok::<(), String>(())
        }));
    }
    for task in tasks {
        task.await.map_err(|e| format!("a task failed: {e}"))??;
    }
    Ok((start.elapsed(), cpu::client_cpu().saturating_sub(cpu_start)))
}

/// Prints `hook_noop_{seq,c64}_ratio` and `_cpu_ratio` (hooked / plain; 1.0 is parity).
pub async fn cost(
    base_url: &str,
    order: &Arc<CreatePortingOrder>,
    config: &Config,
) -> Result<(), String> {
    let plain = client(base_url, false)?;
    let hooked = client(base_url, true)?;
    for c in [&plain, &hooked] {
        run(c, order, 1024, 64).await?;
    }
    // A quarter of the main figure's creates per side: enough rounds for a median.
    let n = (config.n / 4).max(64);
    for (name, concurrency) in [("seq", 1), ("c64", 64)] {
        let per_round = config.round.max(16 * concurrency);
        let rounds = (n / per_round).max(1);
        let (mut ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
        for round in 0..rounds {
            let hooked_first = round % 2 == 1;
            let mut times = [(Duration::ZERO, Duration::ZERO); 2];
            for hook in [hooked_first, !hooked_first] {
                let c = if hook { &hooked } else { &plain };
                times[usize::from(hook)] = run(c, order, per_round, concurrency).await?;
            }
            let [(plain_wall, plain_cpu), (hooked_wall, hooked_cpu)] = times;
            ratios.push(plain_wall.as_secs_f64() / hooked_wall.as_secs_f64().max(1e-9));
            cpu_ratios.push(plain_cpu.as_secs_f64() / hooked_cpu.as_secs_f64().max(1e-9));
        }
        line(&format!("hook_noop_{name}_rounds"), rounds);
        line(
            &format!("hook_noop_{name}_ratio"),
            format!("{:.3}", median(&mut ratios)),
        );
        line(
            &format!("hook_noop_{name}_cpu_ratio"),
            format!("{:.3}", median(&mut cpu_ratios)),
        );
    }
    Ok(())
}
