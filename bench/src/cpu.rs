//! CPU time of the client side of the process, from `/proc/self/task/*/schedstat` (nanosecond
//! run time per thread). The server thread is left out, so the figure is what the client
//! under test (reqwest, hyper, tokio, the runtime, serde) costs, and other processes on the
//! machine inflate it far less than they inflate wall time.

use std::time::Duration;

use crate::server::THREAD_NAME;

/// The run time so far of every live thread of this process except the server's; zero where
/// `/proc` cannot be read. Only differences between two calls mean anything, and only while
/// no client thread exits in between (the tokio workers live as long as the runtime).
pub fn client_cpu() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let mut total: u64 = 0;
    for task in tasks.flatten() {
        let dir = task.path();
        let comm = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
        if comm.trim_end() == THREAD_NAME {
            continue;
        }
        let stat = std::fs::read_to_string(dir.join("schedstat")).unwrap_or_default();
        let ns = stat
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        total = total.saturating_add(ns);
    }
    Duration::from_nanos(total)
}
