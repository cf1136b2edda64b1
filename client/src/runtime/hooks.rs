//! [`Hook`]: code that runs around every call, knowing which endpoint it is for (metrics per
//! operation, a correlation header, an audit log, a circuit breaker, the CLI's `--debug`).
//!
//! Called only from [`call`](super::call), in a fixed order per call:
//! `before_attempt` → (send) → `after_response`, again for each retry, then `on_complete`
//! once. Hooks run in the order they were added: the client's
//! ([`ClientBuilder::hook`](crate::ClientBuilder::hook)) first, then the call's
//! ([`RequestOptions::hook`](crate::RequestOptions::hook)).

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};

use super::endpoint::{Endpoint, HttpMethod};
use super::error::Error;

/// Code that runs around every call of a client. Every method has a no-op default, so a hook
/// implements only what it needs. Object-safe: install it as `Arc<dyn Hook>` (or any
/// `impl Hook + 'static`).
///
/// - [`before_attempt`](Hook::before_attempt), before each attempt (the first and every
///   retry): sees the [`Endpoint`], the attempt number, the method, the URL, the headers and
///   the body bytes; may add or change headers; may abort the call with an [`Aborted`],
///   before anything is sent. The `Authorization` header is set *after* the hooks run: no
///   hook ever sees (or replaces) the API key.
/// - [`after_response`](Hook::after_response), after each response whose body was read,
///   success or not: the status, headers, body bytes, attempt and the attempt's elapsed time.
/// - [`on_complete`](Hook::on_complete), once when the call ends: success (the status) or
///   the error, the retries taken, the elapsed time. A call refused before anything is sent
///   (invalid input) reaches no hook; a `2xx` whose body then fails to decode is reported as
///   a success here (the caller gets the decode error).
///
/// With no hook installed, none of this costs anything: no clock is read, no header map is
/// copied.
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use telnyx_porting::{Aborted, Client, Hook, HookOutcome, HookRequest};
///
/// /// Adds a correlation id to every request.
/// struct CorrelationId(String);
///
/// impl Hook for CorrelationId {
///     fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
///         let value = self.0.parse().map_err(|_| Aborted::new("bad correlation id"))?;
///         request.headers_mut().insert("x-correlation-id", value);
///         Ok(())
///     }
/// }
///
/// /// Refuses calls after `limit` failures in a row.
/// struct Breaker { failures: AtomicU32, limit: u32 }
///
/// impl Hook for Breaker {
///     fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
///         if self.failures.load(Ordering::Relaxed) >= self.limit {
///             return Err(Aborted::new(format!("circuit open: {} not sent", request.endpoint().name())));
///         }
///         Ok(())
///     }
///     fn on_complete(&self, outcome: &HookOutcome<'_>) {
///         match outcome.error() {
///             Some(e) if e.status().is_none_or(|s| s.is_server_error()) => {
///                 self.failures.fetch_add(1, Ordering::Relaxed);
///             }
///             _ => self.failures.store(0, Ordering::Relaxed),
///         }
///     }
/// }
///
/// # fn main() -> telnyx_porting::Result<()> {
/// let client = Client::builder()
///     .api_key("KEY")
///     .hook(CorrelationId("run-42".into()))
///     .hook(Breaker { failures: AtomicU32::new(0), limit: 5 })
///     .build()?;
/// # let _ = client;
/// # Ok(()) }
/// ```
pub trait Hook: Send + Sync {
    /// Before each attempt. Return `Err` to end the call with [`Error::Aborted`] before
    /// this attempt is sent.
    ///
    /// # Errors
    ///
    /// The hook's own [`Aborted`], which ends the call.
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        let _ = request;
        Ok(())
    }

    /// After each response whose body was read (any status).
    fn after_response(&self, response: &HookResponse<'_>) {
        let _ = response;
    }

    /// Once, when the call ends.
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let _ = outcome;
    }
}

/// A shared hook is a hook: keep an `Arc` to read what it gathered (counters, a log) and
/// install a clone.
impl<H: Hook + ?Sized> Hook for std::sync::Arc<H> {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        (**self).before_attempt(request)
    }
    fn after_response(&self, response: &HookResponse<'_>) {
        (**self).after_response(response);
    }
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        (**self).on_complete(outcome);
    }
}

impl<H: Hook + ?Sized> Hook for Box<H> {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        (**self).before_attempt(request)
    }
    fn after_response(&self, response: &HookResponse<'_>) {
        (**self).after_response(response);
    }
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        (**self).on_complete(outcome);
    }
}

/// One attempt about to be sent, as [`Hook::before_attempt`] sees it.
pub struct HookRequest<'a> {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) attempt: u32,
    pub(crate) url: &'a Url,
    pub(crate) headers: &'a mut HeaderMap,
    pub(crate) body: Option<&'a [u8]>,
}

impl HookRequest<'_> {
    /// The endpoint called: its name, method, path template and options.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The attempt: 1 for the first, 2 for the first retry, and so on.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP method.
    pub fn method(&self) -> HttpMethod {
        self.endpoint.method
    }

    /// The full URL, query included.
    pub fn url(&self) -> &Url {
        self.url
    }

    /// The headers to be sent (without `Authorization`, which is added after the hooks).
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The headers, to add or change some. An `Authorization` set here is replaced.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }

    /// The body as it will be sent (JSON or form-encoded), if the request has one.
    pub fn body(&self) -> Option<&[u8]> {
        self.body
    }
}

impl fmt::Debug for HookRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookRequest")
            .field("endpoint", &self.endpoint.name)
            .field("attempt", &self.attempt)
            .field("url", &self.url.as_str())
            .field("headers", &self.headers)
            .field("body_len", &self.body.map(<[u8]>::len))
            .finish()
    }
}

/// One response, as [`Hook::after_response`] sees it.
#[derive(Debug)]
pub struct HookResponse<'a> {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) attempt: u32,
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
    pub(crate) elapsed: Duration,
}

impl HookResponse<'_> {
    /// The endpoint called.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The attempt this answers: 1 for the first.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The whole body, as received.
    pub fn body(&self) -> &[u8] {
        self.body
    }

    /// From the start of this attempt to the last byte of its body.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// How a call ended, as [`Hook::on_complete`] sees it.
#[derive(Debug)]
pub struct HookOutcome<'a> {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) result: Result<StatusCode, &'a Error>,
    pub(crate) retries: u32,
    pub(crate) elapsed: Duration,
}

impl<'a> HookOutcome<'a> {
    /// The endpoint called.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    /// The success status, or the error the caller gets.
    pub fn result(&self) -> Result<StatusCode, &'a Error> {
        self.result
    }

    /// `true` when the call ended with a `2xx`.
    pub fn is_success(&self) -> bool {
        self.result.is_ok()
    }

    /// The error, when the call failed.
    pub fn error(&self) -> Option<&'a Error> {
        self.result.err()
    }

    /// The status of the last response: the success, or the refusal of an
    /// [`Error::Api`]; `None` when no response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self.result {
            Ok(status) => Some(status),
            Err(e) => e.status(),
        }
    }

    /// How many retries were taken (0 when the first attempt decided).
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// From the start of the first attempt to the end of the call.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// A hook's refusal to send an attempt; the call fails with [`Error::Aborted`] holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Aborted {
    /// Why, in the hook's words.
    pub reason: String,
    /// The endpoint's name (set by the client).
    pub endpoint: &'static str,
    /// The attempt that was not sent, from 1 (set by the client).
    pub attempt: u32,
}

impl Aborted {
    /// An abort with the hook's reason.
    pub fn new(reason: impl Into<String>) -> Self {
        Aborted {
            reason: reason.into(),
            endpoint: "",
            attempt: 0,
        }
    }
}

impl fmt::Display for Aborted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a hook stopped `{}` before attempt {}: {}",
            self.endpoint, self.attempt, self.reason
        )
    }
}

impl std::error::Error for Aborted {}

/// The hooks of one call, in order. Empty when none is installed: then nothing below runs.
pub(crate) type Hooks = [std::sync::Arc<dyn Hook>];

/// Runs every `before_attempt`; the first refusal wins.
pub(crate) fn before_attempt(
    hooks: &Hooks,
    request: &mut HookRequest<'_>,
) -> Result<(), Box<Aborted>> {
    for hook in hooks {
        if let Err(mut aborted) = hook.before_attempt(request) {
            aborted.endpoint = request.endpoint.name;
            aborted.attempt = request.attempt;
            return Err(Box::new(aborted));
        }
    }
    Ok(())
}

/// Runs every `after_response`.
pub(crate) fn after_response(hooks: &Hooks, response: &HookResponse<'_>) {
    for hook in hooks {
        hook.after_response(response);
    }
}

/// Runs every `on_complete`.
pub(crate) fn on_complete(hooks: &Hooks, outcome: &HookOutcome<'_>) {
    for hook in hooks {
        hook.on_complete(outcome);
    }
}
