//! [`SandboxBuilder`]: where the sandbox listens, its limits, and its request log.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use super::Sandbox;
use super::store::DEFAULT_MAX_ITEMS;
use crate::sandbox::http::{DEFAULT_MAX_BODY_BYTES, Request};

/// What [`SandboxBuilder::on_request`] is called with.
pub(crate) type OnRequest = Arc<dyn Fn(&RequestLog) + Send + Sync>;

/// Settings for a [`Sandbox`], from [`Sandbox::builder`]; [`start`](SandboxBuilder::start)
/// starts it. Every setting has a default, so `Sandbox::builder().start()` is
/// [`Sandbox::start`].
///
/// ```
/// use telnyx_porting::sandbox::Sandbox;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let sandbox = Sandbox::builder()
///     .host([127, 0, 0, 1].into())
///     .port(0)
///     .max_items(10_000)
///     .max_body_bytes(1 << 20)
///     .start()
///     .await?;
/// assert_eq!(sandbox.base_url(), format!("http://{}/v2", sandbox.local_addr()));
/// # Ok(()) }
/// ```
#[must_use = "a builder does nothing until `start` is called"]
pub struct SandboxBuilder {
    pub(super) host: IpAddr,
    pub(super) port: u16,
    pub(super) max_items: usize,
    pub(super) max_body_bytes: usize,
    pub(super) on_request: Option<OnRequest>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            max_items: DEFAULT_MAX_ITEMS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            on_request: None,
        }
    }
}

impl SandboxBuilder {
    /// The address to listen on; `127.0.0.1` by default. The sandbox has no real security (it
    /// accepts any token): only listen on another interface on a network you trust.
    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    /// The port to listen on; 0 (the default) takes a free one, which
    /// [`Sandbox::local_addr`] then tells.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The most records each collection keeps (orders, comments, events, ...; at least 1);
    /// 100,000 by default. Beyond it the oldest record goes (an order with everything attached
    /// to it).
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = max_items.max(1);
        self
    }

    /// The largest request body accepted, after removing any chunked framing; 16 MiB by
    /// default. A larger body is answered with 413 before it is read.
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// Calls `log` once for every request the sandbox answers (after answering it is decided,
    /// before the answer is written), with its method, path, status and how long the sandbox
    /// took. Requests refused before they reach the sandbox (a malformed request, a body over
    /// the limit) are not logged. `log` runs on the server's task: keep it short.
    ///
    /// ```
    /// # use telnyx_porting::sandbox::Sandbox;
    /// let builder = Sandbox::builder().on_request(|log| {
    ///     eprintln!("{} {} {} {} ms", log.method(), log.path(), log.status(), log.elapsed().as_millis());
    /// });
    /// ```
    pub fn on_request(mut self, log: impl Fn(&RequestLog) + Send + Sync + 'static) -> Self {
        self.on_request = Some(Arc::new(log));
        self
    }

    /// Binds the address and starts serving. Must be called within a tokio runtime.
    pub async fn start(self) -> std::io::Result<Sandbox> {
        Sandbox::from_builder(self).await
    }
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("max_items", &self.max_items)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("on_request", &self.on_request.is_some())
            .finish()
    }
}

/// One request the sandbox answered, as [`SandboxBuilder::on_request`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLog {
    method: String,
    path: String,
    status: u16,
    elapsed: Duration,
}

impl RequestLog {
    pub(super) fn new(request: &Request, status: u16, elapsed: Duration) -> Self {
        RequestLog {
            method: request.method().to_owned(),
            path: request.path().to_owned(),
            status,
            elapsed,
        }
    }

    /// The method, such as `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path, without the query, as sent (not percent-decoded): `/v2/porting_orders`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// How long the sandbox took to answer (from the request being read to the answer being
    /// ready to write).
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}
