//! [`SandboxBuilder`]: where the sandbox listens, its limits, and its request log.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use super::Sandbox;
use super::delivery::Settings;
use super::document::DEFAULT_MAX_DOCUMENT_BYTES;
use super::store::DEFAULT_MAX_ITEMS;
use crate::models::MAX_DOCUMENT_BYTES;
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
    pub(super) max_body_bytes: Option<usize>,
    pub(super) max_document_bytes: u64,
    pub(super) on_request: Option<OnRequest>,
    pub(super) webhook_key_seed: Option<[u8; 32]>,
    pub(super) webhook_backoff: Duration,
    pub(super) webhook_max_attempts: u32,
    pub(super) deliver_to_any_host: bool,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            max_items: DEFAULT_MAX_ITEMS,
            max_body_bytes: None,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            on_request: None,
            webhook_key_seed: None,
            webhook_backoff: Duration::from_secs(1),
            webhook_max_attempts: 3,
            deliver_to_any_host: false,
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

    /// The largest request body accepted, after removing any chunked framing. A larger body
    /// is answered with 413 before it is read. By default it follows from the largest document
    /// an upload may carry (20 MB, or [`max_document_bytes`](Self::max_document_bytes) when
    /// that is less) as base64 JSON, and is at least 16 MiB: about 25.5 MiB with the defaults.
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = Some(max_body_bytes);
        self
    }

    /// The most document bytes the sandbox holds at once, over every document uploaded to
    /// `/documents` (100 MB by default). An upload that would go over it is refused with 422,
    /// saying so; deleting documents makes room. Also bounds the default
    /// [`max_body_bytes`](Self::max_body_bytes).
    pub fn max_document_bytes(mut self, max_document_bytes: u64) -> Self {
        self.max_document_bytes = max_document_bytes;
        self
    }

    /// The request-body cap in force: the one set, or the one that admits the largest
    /// document upload as base64 JSON.
    pub(super) fn body_cap(&self) -> usize {
        self.max_body_bytes.unwrap_or_else(|| {
            let largest = self.max_document_bytes.min(MAX_DOCUMENT_BYTES);
            let base64 = largest.div_ceil(3).saturating_mul(4);
            // Room for the rest of the JSON (filename, customer reference...).
            let json = usize::try_from(base64)
                .unwrap_or(usize::MAX)
                .saturating_add(64 * 1024);
            json.max(DEFAULT_MAX_BODY_BYTES)
        })
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

    /// Signs webhook deliveries with the Ed25519 key pair of this 32-byte seed, so that the
    /// public key (and a receiver configured with it) stays the same across runs. By default
    /// each sandbox makes a fresh key pair. [`Sandbox::webhook_public_key`] gives the public
    /// half.
    pub fn webhook_key_seed(mut self, seed: [u8; 32]) -> Self {
        self.webhook_key_seed = Some(seed);
        self
    }

    /// The wait before the first retry of a failed webhook delivery (1 s by default), doubled
    /// before each later retry.
    pub fn webhook_backoff(mut self, backoff: Duration) -> Self {
        self.webhook_backoff = backoff;
        self
    }

    /// How many attempts one webhook delivery gets (3 by default, at least 1): a non-2xx
    /// answer, or none within 2 s, is retried until then. A republish gets as many again.
    pub fn webhook_max_attempts(mut self, attempts: u32) -> Self {
        self.webhook_max_attempts = attempts.max(1);
        self
    }

    /// Delivers webhooks to any host (off by default: only to loopback hosts, and deliveries
    /// to others are recorded as [skipped](crate::sandbox::DeliveryOutcome::Skipped)). For
    /// containers on one network; redirects are still not followed, and no proxy is used.
    pub fn deliver_to_any_host(mut self, yes: bool) -> Self {
        self.deliver_to_any_host = yes;
        self
    }

    pub(super) fn delivery_settings(&self) -> Settings {
        Settings {
            backoff: self.webhook_backoff,
            max_attempts: self.webhook_max_attempts,
            any_host: self.deliver_to_any_host,
            max_items: self.max_items,
        }
    }

    /// Binds the address and starts serving. Must be called within a tokio runtime.
    ///
    /// # Errors
    ///
    /// The I/O error when the address cannot be bound (the port is taken, or the host is not
    /// an address of this machine).
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
            .field("max_body_bytes", &self.body_cap())
            .field("max_document_bytes", &self.max_document_bytes)
            .field("on_request", &self.on_request.is_some())
            .field("webhook_key_seed", &self.webhook_key_seed.map(|_| "<set>"))
            .field("webhook_backoff", &self.webhook_backoff)
            .field("webhook_max_attempts", &self.webhook_max_attempts)
            .field("deliver_to_any_host", &self.deliver_to_any_host)
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
