//! The [`Client`], its [`ClientBuilder`], and the [`ApiClient`] supertrait of endpoint traits.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT,
};

use super::error::{Error, Result};
use super::hooks::Hook;
use super::options::RequestOptions;
use super::retry::{RetryConfig, SleepFn};

/// The base URL of the Telnyx API.
pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";
/// How long one request may take, from sending to the last byte of the response, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long opening a connection may take by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest response body read by default: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// The environment variable [`Client::from_env`] reads the API key from.
pub const API_KEY_ENV: &str = "TELNYX_API_KEY";
/// The environment variable that, when set, overrides the base URL in [`Client::from_env`].
pub const BASE_URL_ENV: &str = "TELNYX_BASE_URL";

/// The default `User-Agent`: this crate's name and version.
pub const DEFAULT_USER_AGENT: &str = concat!("telnyx-porting-rust/", env!("CARGO_PKG_VERSION"));

/// A handle on the Telnyx API: credentials, base URL, timeouts and a connection pool.
///
/// Cloning is cheap (one reference count) and every clone shares the same connection pool, so
/// build one `Client` and pass clones around. It is `Send + Sync`.
///
/// ```
/// use std::time::Duration;
/// use telnyx_porting::Client;
///
/// # fn main() -> telnyx_porting::Result<()> {
/// let client = Client::builder()
///     .api_key("KEY0123456789")
///     .timeout(Duration::from_secs(30))
///     .build()?;
/// assert_eq!(client.base_url(), "https://api.telnyx.com/v2");
/// // The key never shows in Debug output.
/// assert!(!format!("{client:?}").contains("KEY0123456789"));
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientInner>,
    /// Per-call overrides, set by [`Client::with_options`].
    pub(crate) options: Option<Arc<RequestOptions>>,
    /// A pool of its own, for a derived client whose options set another connect timeout
    /// (or the error that prevented making one).
    pub(crate) own_http: Option<Arc<Result<reqwest::Client>>>,
}

pub(crate) struct ClientInner {
    pub(crate) http: reqwest::Client,
    /// Whether `http` is the user's (set with [`ClientBuilder::http_client`]).
    pub(crate) custom_http: bool,
    /// The base URL without a trailing slash, e.g. `https://api.telnyx.com/v2`.
    pub(crate) base_url: String,
    /// `base_url`, parsed once: a request's URL is this with its path (and query) set.
    pub(crate) base: reqwest::Url,
    /// The URL of each endpoint whose path has no parameters, by the address of its
    /// `Endpoint` static, made on first use and cloned after (see `request_url`).
    pub(crate) fixed_urls: RwLock<Vec<(usize, reqwest::Url)>>,
    /// Authorization (marked sensitive), Accept, User-Agent and the user's extra headers.
    pub(crate) headers: HeaderMap,
    /// `headers` plus `Content-Type: application/json`, for requests with a body.
    pub(crate) json_headers: HeaderMap,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryConfig,
    pub(crate) max_response_bytes: usize,
    /// The hooks every call runs, in order: the builder's, then those of
    /// [`RequestOptions::hook`] for a derived client.
    pub(crate) hooks: Box<[Arc<dyn Hook>]>,
}

impl ClientInner {
    /// The same settings and pool, running `hooks`.
    fn with_hooks(&self, hooks: Box<[Arc<dyn Hook>]>) -> ClientInner {
        ClientInner {
            http: self.http.clone(),
            custom_http: self.custom_http,
            base_url: self.base_url.clone(),
            base: self.base.clone(),
            fixed_urls: RwLock::new(Vec::new()),
            headers: self.headers.clone(),
            json_headers: self.json_headers.clone(),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry.clone(),
            max_response_bytes: self.max_response_bytes,
            hooks,
        }
    }
}

impl Client {
    /// A client for the real API with the given key and every other setting at its default.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the key is empty or holds characters that cannot go in an HTTP
    /// header (the message never holds the key).
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: the key from `TELNYX_API_KEY` (required) and
    /// the base URL from `TELNYX_BASE_URL` when that is set and not empty.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `TELNYX_API_KEY` is missing or empty, or when the key or the
    /// base URL cannot be used (see [`ClientBuilder::build`]).
    pub fn from_env() -> Result<Self> {
        Self::builder().from_env()?.build()
    }

    /// A builder with every setting at its default.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL every endpoint path is appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// A client that shares this one's connection pool and credentials but applies `options`
    /// to every call made through it (on top of any options this client already has). Cheap:
    /// two reference counts. The exceptions: a new connect timeout (see
    /// [`RequestOptions::connect_timeout`]), and hooks ([`RequestOptions::hook`]), for which
    /// the client's settings (not its pool) are copied once, so that calls without hooks carry
    /// nothing for them.
    pub fn with_options(&self, options: RequestOptions) -> Client {
        let own_connect_timeout = options.connect_timeout;
        // The call's hooks run after the ones this client already runs. A call reads its
        // hooks from the client's shared state, so that a call without hooks carries nothing
        // for them: a derived client with hooks of its own gets a copy of that state.
        let inner = if options.hooks.is_empty() {
            Arc::clone(&self.inner)
        } else {
            let hooks = self.inner.hooks.iter().chain(&options.hooks).cloned();
            Arc::new(self.inner.with_hooks(hooks.collect()))
        };
        let merged = match &self.options {
            Some(current) => current.merged(options),
            None => options,
        };
        let own_http = match own_connect_timeout {
            None => self.own_http.clone(),
            Some(_) if self.inner.custom_http => Some(Arc::new(Err(Error::config(
                "a per-call connect timeout needs the client's own HTTP client; \
                 set it on the reqwest::Client given to ClientBuilder::http_client",
            )))),
            Some(timeout) => Some(Arc::new(http_client(timeout))),
        };
        Client {
            inner,
            options: Some(Arc::new(merged)),
            own_http,
        }
    }

    /// The per-call options of this client, if it was made by [`with_options`](Self::with_options).
    pub fn options(&self) -> Option<&RequestOptions> {
        self.options.as_deref()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &"<redacted>")
            .field("timeout", &self.inner.timeout)
            .field("connect_timeout", &self.inner.connect_timeout)
            .field("retry", &self.inner.retry)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("hooks", &self.inner.hooks.len())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]. Every mistake surfaces as an [`Error::Config`] from
/// [`build`](ClientBuilder::build), never as a panic.
#[derive(Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    retry: RetryConfig,
    max_response_bytes: Option<usize>,
    hooks: Vec<Arc<dyn Hook>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("extra_headers", &header_names)
            .field("custom_http_client", &self.http.is_some())
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

impl ClientBuilder {
    /// The API key, sent as `Authorization: Bearer <key>`. Required.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// The base URL, `https://api.telnyx.com/v2` by default. It may have a path; endpoint paths
    /// are appended to it (`/porting_orders` becomes `<base>/porting_orders`).
    pub fn base_url(mut self, base_url: impl AsRef<str>) -> Self {
        self.base_url = Some(base_url.as_ref().to_owned());
        self
    }

    /// The time one request may take, from sending to the last byte of the response
    /// (60 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time opening a connection may take (5 s by default). Ignored with
    /// [`http_client`](Self::http_client): configure that client instead.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (by default `telnyx-porting-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request. Call it again for more headers.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests through this `reqwest::Client` (its pool, proxy and TLS settings) instead
    /// of one the builder makes. The API key, headers and timeout are still applied per request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How many times a failed attempt is retried (2 by default; 0 turns retries off). See
    /// the crate docs, "Retries", for what is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// Also retry `POST` and `PATCH` requests after a timeout, a broken connection or a `5xx`,
    /// when the server may already have acted on them (off by default). A porting order
    /// created twice is two porting orders: prefer [`RequestOptions::retry_non_idempotent`]
    /// on the calls you know are safe.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry.retry_non_idempotent = yes;
        self
    }

    /// The backoff between retries: `min(base × 2^n, max)` less up to 25 % jitter, `n` being
    /// the retries already taken (0.5 s and 8 s by default).
    pub fn retry_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.retry.backoff_base = base;
        self.retry.backoff_max = max;
        self
    }

    /// The longest server-requested wait (`retry-after-ms`, `Retry-After`) that is honoured
    /// (60 s by default); a longer one falls back to the backoff.
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.retry.max_retry_after = cap;
        self
    }

    /// How the client waits between attempts (`tokio::time::sleep` by default). Tests use it
    /// to record the waits instead of sleeping.
    pub fn retry_sleep<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let sleep: SleepFn = Arc::new(move |d| Box::pin(sleep(d)));
        self.retry.sleep = sleep;
        self
    }

    /// The largest response body read, in bytes (32 MiB by default). A larger body is an
    /// [`Error::BodyTooLarge`]; reading stops at the limit, so memory stays bounded.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// A [`Hook`] run around every call of the client (and of the clients derived from it
    /// with [`Client::with_options`]). Call it again for more: they run in the order added,
    /// before the hooks of a call's [`RequestOptions::hook`].
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Reads `TELNYX_API_KEY` (an error when missing or empty) and `TELNYX_BASE_URL` (used
    /// when set and not empty).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `TELNYX_API_KEY` is missing or empty.
    pub fn from_env(mut self) -> Result<Self> {
        match std::env::var(API_KEY_ENV) {
            Ok(key) if !key.trim().is_empty() => self.api_key = Some(key),
            _ => {
                return Err(Error::config(format!(
                    "{API_KEY_ENV} is not set: export your Telnyx API key or use Client::new(key)"
                )));
            }
        }
        if let Ok(url) = std::env::var(BASE_URL_ENV)
            && !url.trim().is_empty()
        {
            self.base_url = Some(url);
        }
        Ok(self)
    }

    /// Checks the settings and makes the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when there is no API key (or it cannot go in a header), the base URL
    /// is malformed (not http(s), no host, a query, a fragment or credentials in it), the user
    /// agent or a default header cannot be sent, or the HTTP client cannot be set up.
    pub fn build(self) -> Result<Client> {
        let api_key = match self.api_key {
            Some(key) if !key.is_empty() => key,
            _ => {
                return Err(Error::config(
                    "no API key: call .api_key(..) or use Client::from_env()",
                ));
            }
        };
        let base_url = normalize_base_url(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;

        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::try_from(format!("Bearer {api_key}")).map_err(|_| {
            Error::config("the API key holds characters that cannot go in an HTTP header")
        })?;
        auth.set_sensitive(true);
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let user_agent = match &self.user_agent {
            Some(ua) => HeaderValue::try_from(ua.as_str()).map_err(|_| {
                Error::config("the user agent holds characters that cannot go in an HTTP header")
            })?,
            None => HeaderValue::from_static(DEFAULT_USER_AGENT),
        };
        headers.insert(USER_AGENT, user_agent);
        for (name, value) in &self.headers {
            let header = HeaderName::try_from(name.as_str())
                .map_err(|_| Error::config(format!("{name:?} is not a valid header name")))?;
            let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                Error::config(format!(
                    "the value of header {name:?} holds characters that cannot go in an HTTP header"
                ))
            })?;
            headers.insert(header, value);
        }

        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let custom_http = self.http.is_some();
        let http = match self.http {
            Some(http) => http,
            None => http_client(connect_timeout)?,
        };
        let base = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::config(format!("malformed base URL {base_url:?}: {e}")))?;
        let mut json_headers = headers.clone();
        json_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        Ok(Client {
            inner: Arc::new(ClientInner {
                http,
                custom_http,
                base_url,
                base,
                fixed_urls: RwLock::new(Vec::new()),
                headers,
                json_headers,
                timeout,
                connect_timeout,
                retry: self.retry,
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                hooks: self.hooks.into(),
            }),
            options: None,
            own_http: None,
        })
    }
}

/// The HTTP client the builder makes when the user brings none.
pub(crate) fn http_client(connect_timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| Error::config(format!("could not set up HTTP: {e}")))
}

fn normalize_base_url(raw: &str) -> Result<String> {
    let bad = |why: &str| Err(Error::config(format!("malformed base URL {raw:?}: {why}")));
    let url = match reqwest::Url::parse(raw.trim()) {
        Ok(url) => url,
        Err(e) => return bad(&e.to_string()),
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return bad("the scheme must be http or https");
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return bad("it needs a host, as in https://api.telnyx.com/v2");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return bad("it must not have a query or a fragment");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return bad("it must not hold credentials; use .api_key(..)");
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// The supertrait of every endpoint trait: how a type reaches its [`Client`].
///
/// `#[endpoint]` methods call [`api_client`](ApiClient::api_client) to send their request,
/// so a trait holding them must extend `ApiClient`:
///
/// ```
/// use telnyx_porting::{endpoint, ApiClient, Result};
///
/// pub trait Health: ApiClient {
///     /// Sends `GET <base>/health`, expecting an empty success.
///     #[endpoint(GET, "/health")]
///     async fn ping(&self) -> Result<()>;
/// }
///
/// impl Health for telnyx_porting::Client {}
/// ```
#[diagnostic::on_unimplemented(
    message = "a trait with `#[endpoint]` methods must extend `telnyx_porting::ApiClient`",
    label = "this endpoint needs `Self: ApiClient`",
    note = "declare the trait as `pub trait MyApi: telnyx_porting::ApiClient {{ .. }}`, then `impl MyApi for telnyx_porting::Client {{}}`"
)]
pub trait ApiClient: Send + Sync {
    /// The client that sends this type's requests.
    fn api_client(&self) -> &Client;
}

impl ApiClient for Client {
    fn api_client(&self) -> &Client {
        self
    }
}

impl<T: ApiClient + ?Sized> ApiClient for &T {
    fn api_client(&self) -> &Client {
        (**self).api_client()
    }
}

impl<T: ApiClient + ?Sized> ApiClient for Arc<T> {
    fn api_client(&self) -> &Client {
        (**self).api_client()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalized() {
        assert_eq!(
            normalize_base_url("https://api.telnyx.com/v2/").ok(),
            Some("https://api.telnyx.com/v2".to_owned())
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080").ok(),
            Some("http://127.0.0.1:8080".to_owned())
        );
        for bad in [
            "",
            "api.telnyx.com/v2",
            "ftp://x/v2",
            "https://x/v2?a=b",
            "https://u:p@x/v2",
            "mailto:a@b",
        ] {
            assert!(
                matches!(normalize_base_url(bad), Err(Error::Config(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn builder_mistakes_are_typed_errors_without_the_key() {
        let e = Client::builder().build().err();
        assert!(matches!(e, Some(Error::Config(_))));
        let e = Client::builder().api_key("SECRET\nKEY").build().err();
        assert!(matches!(&e, Some(Error::Config(_))));
        let shown = format!(
            "{e:?} {}",
            e.as_ref().map(|e| e.to_string()).unwrap_or_default()
        );
        assert!(!shown.contains("SECRET"), "{shown}");
        let e = Client::builder()
            .api_key("k")
            .default_header("X-Bad", "a\r\nb")
            .build()
            .err();
        assert!(matches!(e, Some(Error::Config(_))));
        let e = Client::builder()
            .api_key("k")
            .default_header("bad header", "v")
            .build()
            .err();
        assert!(matches!(e, Some(Error::Config(_))));
    }

    #[test]
    fn debug_never_shows_the_key() {
        let builder = Client::builder().api_key("SECRET-KEY-123");
        assert!(!format!("{builder:?}").contains("SECRET-KEY-123"));
        let client = builder.build().ok();
        let shown = format!("{client:?}");
        assert!(shown.contains("redacted") && !shown.contains("SECRET-KEY-123"));
        let auth = client
            .as_ref()
            .and_then(|c| c.inner.headers.get(AUTHORIZATION));
        assert!(auth.is_some_and(|v| v.is_sensitive()));
        assert!(!format!("{auth:?}").contains("SECRET"));
    }

    #[test]
    fn client_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Client>();
        let a = Client::new("k").ok();
        let b = a.clone();
        assert!(matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(&a.inner, &b.inner)));
    }
}
