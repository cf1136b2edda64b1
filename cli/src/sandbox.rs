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

    /// The most document bytes held at once, over every upload to /v2/documents; an upload
    /// over it is refused with 422. [default: 100000000 (100 MB)]
    #[arg(long, value_name = "BYTES")]
    pub max_document_bytes: Option<u64>,

    /// A fixed webhook signing key: 64 hex digits (32 bytes, e.g. from `openssl rand -hex 32`),
    /// so that a receiver's configured public key survives restarts. Without it each start
    /// makes a fresh key pair. The public key is printed on the second stdout line and served
    /// at GET /v2/_sandbox/webhook_public_key.
    #[arg(long, value_name = "HEX", value_parser = parse_seed)]
    pub webhook_key_seed: Option<[u8; 32]>,

    /// Deliver webhooks to any host, not only to loopback addresses (for containers on one
    /// network). Redirects are still not followed and no proxy is used.
    #[arg(long)]
    pub deliver_to_any_host: bool,
}

/// 64 hex digits as the 32-byte seed of the sandbox's webhook key pair.
fn parse_seed(text: &str) -> Result<[u8; 32], String> {
    let text = text.trim();
    let wrong = || {
        "the seed must be 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`".to_string()
    };
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(wrong());
    }
    let mut seed = [0u8; 32];
    for (i, byte) in seed.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| wrong())?;
    }
    Ok(seed)
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
    max_document_bytes: Option<u64>,
    webhook_key_seed: Option<[u8; 32]>,
    deliver_to_any_host: bool,
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
    if let Some(max) = settings.max_document_bytes {
        builder = builder.max_document_bytes(max);
    }
    if let Some(seed) = settings.webhook_key_seed {
        builder = builder.webhook_key_seed(seed);
    }
    builder = builder.deliver_to_any_host(settings.deliver_to_any_host);
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
        max_document_bytes: None,
        webhook_key_seed: None,
        deliver_to_any_host: false,
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
        max_document_bytes: args.max_document_bytes,
        webhook_key_seed: args.webhook_key_seed,
        deliver_to_any_host: args.deliver_to_any_host,
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
        // Both lines in one write: a reader that stops after them misses nothing.
        let announce = format!(
            "listening on {}\nwebhook public key: {}\n",
            sandbox.base_url(),
            sandbox.webhook_public_key()
        );
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(announce.as_bytes())
            .map_err(CliError::io)?;
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
