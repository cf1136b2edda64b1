//! `telnyx-porting sandbox`: the embedded sandbox (the same state machine as
//! `telnyx_porting::sandbox::Sandbox`) served until SIGINT or SIGTERM, and `--sandbox`, the
//! same for one command.

use std::io::Write;
use std::net::IpAddr;

use clap::{ArgMatches, Args, FromArgMatches};
use telnyx_porting::sandbox::{SANDBOX_API_KEY, Sandbox};

use crate::errors::CliError;

/// `telnyx-porting sandbox` flags.
#[derive(Args, Debug, Clone)]
pub(crate) struct SandboxArgs {
    /// The address to listen on. Anything but a loopback address is refused without
    /// --allow-remote: the sandbox has no real authentication.
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_host)]
    pub host: IpAddr,

    /// The port (0: any free port; the first stdout line says which).
    #[arg(long, default_value_t = 4010)]
    pub port: u16,

    /// Allow a --host that other machines can reach.
    #[arg(long)]
    pub allow_remote: bool,

    /// The most records the sandbox keeps per collection (orders, comments, events, ...; at
    /// least 1). Beyond it the oldest goes, an order with everything attached to it.
    /// [default: 100000]
    #[arg(long, value_name = "N", alias = "max-items", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_items_per_collection: Option<usize>,

    /// The largest request body accepted, in bytes; a larger one is answered 413.
    /// [default: 16777216 (16 MiB)]
    #[arg(long, value_name = "BYTES")]
    pub max_body_bytes: Option<usize>,
}

fn parse_host(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::from([127, 0, 0, 1]));
    }
    text.parse()
        .map_err(|_| format!("{text:?} is not an IP address (such as 127.0.0.1 or ::1)"))
}

/// The sandbox's settings, as `Sandbox::builder()` takes them.
struct Settings {
    host: IpAddr,
    port: u16,
    max_items: Option<usize>,
    max_body_bytes: Option<usize>,
    log_requests: bool,
}

/// The one place the CLI starts a sandbox: `Sandbox::builder()` with the settings.
async fn start(settings: &Settings) -> std::io::Result<Sandbox> {
    let mut builder = Sandbox::builder().host(settings.host).port(settings.port);
    if let Some(max) = settings.max_items {
        builder = builder.max_items(max);
    }
    if let Some(max) = settings.max_body_bytes {
        builder = builder.max_body_bytes(max);
    }
    if settings.log_requests {
        builder = builder
            .on_request(|log| log_request(log.method(), log.path(), log.status(), log.elapsed()));
    }
    builder.start().await
}

/// One stderr line per request: method, path, status, milliseconds.
pub(crate) fn log_request(method: &str, path: &str, status: u16, elapsed: std::time::Duration) {
    let _ = writeln!(
        std::io::stderr(),
        "{method} {path} {status} {:.1}ms",
        elapsed.as_secs_f64() * 1000.0
    );
}

/// A sandbox for `--sandbox`: loopback, any port, no request log.
pub(crate) async fn start_embedded() -> Result<Sandbox, CliError> {
    let settings = Settings {
        host: IpAddr::from([127, 0, 0, 1]),
        port: 0,
        max_items: None,
        max_body_bytes: None,
        log_requests: false,
    };
    start(&settings)
        .await
        .map_err(|e| CliError::other(format!("cannot start the sandbox: {e}")))
}

/// `telnyx-porting sandbox`.
pub(crate) fn main(m: &ArgMatches) -> Result<(), CliError> {
    let args = SandboxArgs::from_arg_matches(m).map_err(|e| CliError::usage(e.to_string()))?;
    if !args.host.is_loopback() && !args.allow_remote {
        return Err(CliError::usage(format!(
            "--host {} can be reached from other machines, and the sandbox has no real \
             authentication: add --allow-remote if that is what you want",
            args.host
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(serve(args))
}

async fn serve(args: SandboxArgs) -> Result<(), CliError> {
    let settings = Settings {
        host: args.host,
        port: args.port,
        max_items: args.max_items_per_collection,
        max_body_bytes: args.max_body_bytes,
        log_requests: true,
    };
    // Listen for signals before announcing, so that a signal right after the first line is
    // never missed.
    let stop = stop_signal()?;
    let sandbox = start(&settings).await.map_err(|e| {
        CliError::other(format!(
            "cannot listen on {}:{}: {e}",
            settings.host, settings.port
        ))
    })?;
    {
        let mut stdout = std::io::stdout();
        writeln!(stdout, "listening on {}", sandbox.base_url()).map_err(CliError::io)?;
        stdout.flush().map_err(CliError::io)?;
    }
    let _ = writeln!(
        std::io::stderr(),
        "api key: {SANDBOX_API_KEY} (stop with Ctrl-C or SIGTERM)"
    );
    stop.await;
    drop(sandbox);
    Ok(())
}

/// Resolves on the first SIGINT or SIGTERM.
fn stop_signal() -> Result<impl std::future::Future<Output = ()>, CliError> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())
            .map_err(|e| CliError::other(format!("cannot watch SIGTERM: {e}")))?;
        let mut int = signal(SignalKind::interrupt())
            .map_err(|e| CliError::other(format!("cannot watch SIGINT: {e}")))?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
