//! Per-call options: [`RequestOptions`], applied through
//! [`Client::with_options`](crate::Client::with_options). A leaf: it knows nothing of the
//! client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::hooks::Hook;

/// Settings for some calls only: a timeout, a retry budget, extra headers or query
/// parameters, a hook. Nothing in the endpoint traits changes: derive a client with
/// [`Client::with_options`](crate::Client::with_options) and call through it.
///
/// ```
/// use std::time::Duration;
/// use telnyx_porting::{Client, RequestOptions};
///
/// # fn main() -> telnyx_porting::Result<()> {
/// let client = Client::new("KEY")?;
/// // Same pool and credentials, different rules for the calls made through `patient`.
/// let patient = client.with_options(
///     RequestOptions::new()
///         .timeout(Duration::from_secs(120))
///         .max_retries(5)
///         .header("X-Trace-Id", "abc-123"),
/// );
/// # let _ = patient;
/// # Ok(()) }
/// ```
///
/// A header whose name or value cannot be sent makes each call through the derived client fail
/// with [`Error::InvalidInput`](crate::Error::InvalidInput) before anything is sent.
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) retry_non_idempotent: Option<bool>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    /// The hooks added here, in order.
    pub(crate) hooks: Vec<Arc<dyn Hook>>,
}

/// Equal when every setting is, hooks compared by identity.
impl PartialEq for RequestOptions {
    fn eq(&self, other: &Self) -> bool {
        self.timeout == other.timeout
            && self.connect_timeout == other.connect_timeout
            && self.max_retries == other.max_retries
            && self.retry_non_idempotent == other.retry_non_idempotent
            && self.headers == other.headers
            && self.query == other.query
            && self.hooks.len() == other.hooks.len()
            && self
                .hooks
                .iter()
                .zip(&other.hooks)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl RequestOptions {
    /// No overrides: everything as the client says.
    pub fn new() -> Self {
        Self::default()
    }

    /// The per-attempt timeout, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The connect timeout, instead of the client's. Connections are made with their
    /// timeout, so a client derived with this option gets a connection pool of its own (shared
    /// by its clones); without it, derived clients share the original pool. Not available with
    /// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client): calls then fail with
    /// [`Error::Config`](crate::Error::Config).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt may be retried, instead of the client's number.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Also retry `POST` and `PATCH` requests after a timeout, a broken connection or a
    /// `5xx`, when the server may already have acted on them. Only for calls you know are
    /// safe to repeat: a porting order created twice is two porting orders.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = Some(yes);
        self
    }

    /// A header to add to (or replace in) every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A query parameter to add to every request, after the endpoint's own.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// A [`Hook`] for the calls made through the derived client, run after the client's own
    /// hooks (and after hooks added earlier). Call it again for more.
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// `self`, then `later` on top: later settings win, headers, query parameters and hooks
    /// add up.
    pub(crate) fn merged(&self, later: RequestOptions) -> RequestOptions {
        let mut out = self.clone();
        out.timeout = later.timeout.or(out.timeout);
        out.connect_timeout = later.connect_timeout.or(out.connect_timeout);
        out.max_retries = later.max_retries.or(out.max_retries);
        out.retry_non_idempotent = later.retry_non_idempotent.or(out.retry_non_idempotent);
        out.headers.extend(later.headers);
        out.query.extend(later.query);
        out.hooks.extend(later.hooks);
        out
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials: names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("headers", &names)
            .field("query", &self.query)
            .field("hooks", &self.hooks.len())
            .finish()
    }
}
