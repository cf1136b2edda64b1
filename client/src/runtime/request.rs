//! What `#[endpoint]` expands to: a [`Request`] built synchronously from the arguments, then
//! one shared, non-generic `execute` that sends it and checks the status, then a small
//! generic [`FromResponse`] step that reads the body.
//!
//! Success is any `2xx` status. `Result<T>` decodes the body as JSON into `T`;
//! `Result<()>` ignores the body (a `204`, or any other `2xx` with or without a body);
//! `Result<Binary>` returns the body bytes untouched. Every other status is an
//! [`Error::Api`].

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::future::Future;
use std::task::Poll;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use std::time::{Instant, SystemTime};

use tracing::Instrument;
use tracing::instrument::Instrumented;

use super::client::{Client, ClientInner};
use super::error::{
    ApiError, ApiErrorDetail, BodyTooLarge, DecodeError, Error, Result, TransportError,
};
use super::query;
use super::retry;
use super::validate::Validate;

/// How many characters of a body an error keeps, at most.
const SNIPPET_CHARS: usize = 200;

/// The HTTP methods an endpoint can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method as reqwest knows it.
    fn to_reqwest(self) -> reqwest::Method {
        match self {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Put => reqwest::Method::PUT,
            HttpMethod::Patch => reqwest::Method::PATCH,
            HttpMethod::Delete => reqwest::Method::DELETE,
        }
    }

    /// Whether sending the request twice has the same effect as once, by default:
    /// `GET`, `PUT` and `DELETE` are; `POST` and `PATCH` are not.
    pub fn is_idempotent(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete)
    }

    /// The method's name, as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// What the `#[endpoint(..)]` attribute declared, fixed at compile time.
#[derive(Debug)]
pub struct Endpoint {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template as written, e.g. `/porting_orders/{id}`.
    pub template: &'static str,
    /// The `Accept` header to send instead of `application/json` (`accept = ".."`).
    pub accept: Option<&'static str>,
    /// Whether the endpoint declared itself safe to retry (`idempotent`); `None` when it did not
    /// say, which leaves the decision to the HTTP method.
    pub idempotent: Option<bool>,
}

/// One request under construction. Its methods never fail: the first problem is kept and
/// returned by `execute` before anything is sent.
pub struct Request {
    endpoint: &'static Endpoint,
    /// Borrowed while the path is one literal (an endpoint without parameters): then a call
    /// allocates nothing for it.
    path: Cow<'static, str>,
    query: Vec<(String, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Vec<u8>>,
    error: Option<Error>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.endpoint.method)
            .field("template", &self.endpoint.template)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

impl Request {
    /// Starts a request for `endpoint`.
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Request {
            endpoint,
            path: Cow::Borrowed(""),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            error: None,
        }
    }

    /// Starts a request whose path is made at run time, for the raw escape hatch
    /// (`runtime/raw.rs`), which has checked `path`.
    pub(crate) fn with_path(endpoint: &'static Endpoint, path: String) -> Self {
        Request {
            path: Cow::Owned(path),
            ..Request::new(endpoint)
        }
    }

    /// The same request for another endpoint (the raw escape hatch: its idempotency setting).
    pub(crate) fn for_endpoint(self, endpoint: &'static Endpoint) -> Self {
        Request { endpoint, ..self }
    }

    /// Adds a header whose name is known only at run time (the raw escape hatch).
    pub(crate) fn push_header(&mut self, name: HeaderName, value: HeaderValue) {
        self.headers.push((name, value));
    }

    fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Appends a literal piece of the path template (already checked by the macro).
    pub fn literal(&mut self, piece: &'static str) {
        if self.path.is_empty() {
            self.path = Cow::Borrowed(piece);
        } else {
            self.path_mut().push_str(piece);
        }
    }

    /// The path, made owned (with room for the usual parameters) to be added to.
    fn path_mut(&mut self) -> &mut String {
        if let Cow::Borrowed(so_far) = self.path {
            let mut owned = String::with_capacity(self.endpoint.template.len() + 40);
            owned.push_str(so_far);
            self.path = Cow::Owned(owned);
        }
        self.path.to_mut()
    }

    /// Appends the value of the path parameter `name`, percent-encoded so that it stays one
    /// segment. Empty values, `.` and `..` are rejected.
    pub fn param(&mut self, name: &'static str, value: &dyn fmt::Display) {
        let mut text = String::new();
        // Writing into a String only fails if the Display impl itself reports an error.
        if write!(text, "{value}").is_err() {
            return self.fail(Error::invalid_input(
                name,
                "",
                "could not be formatted as a path parameter",
            ));
        }
        if text.is_empty() {
            return self.fail(Error::invalid_input(
                name,
                text,
                "must not be empty: it fills a path segment",
            ));
        }
        if text == "." || text == ".." {
            return self.fail(Error::invalid_input(
                name,
                text,
                "cannot be `.` or `..`: URLs treat those as relative paths",
            ));
        }
        encode_component(&text, self.path_mut());
    }

    /// Adds the fields of `value` to the query string, nested structs as bracketed keys and
    /// sequences comma-joined (`filter[status]=a,b`).
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Err(e) = query::append_pairs(value, &mut self.query) {
            self.fail(Error::invalid_input(
                name,
                "",
                format!("cannot be encoded as a query string: {}", e.message()),
            ));
        }
    }

    /// Adds a header; a `None` value adds nothing. `name` is lower case and was checked by the
    /// macro.
    pub fn header(&mut self, name: &'static str, value: &dyn HeaderArg) {
        let Some(text) = value.header_text() else {
            return;
        };
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(Error::invalid_input(name, "", "is not a valid header name"));
        };
        match HeaderValue::try_from(text.as_ref()) {
            Ok(value) => self.headers.push((header, value)),
            Err(_) => self.fail(Error::invalid_input(
                format!("header {name}"),
                text.into_owned(),
                "holds characters that cannot go in an HTTP header (such as a line break)",
            )),
        }
    }

    /// Serializes `value` as the JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(body) => self.body = Some(body),
            Err(e) => self.fail(Error::invalid_input(
                name,
                "",
                format!("cannot be encoded as JSON: {e}"),
            )),
        }
    }

    /// Records the outcome of client-side validation of an argument.
    pub fn check(&mut self, outcome: Result<()>) {
        if let Err(e) = outcome {
            self.fail(e);
        }
    }

    /// The endpoint this request is for.
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }
}

/// Percent-encodes `text` into `out`, keeping only RFC 3986 unreserved characters.
fn encode_component(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

/// A value that can fill a `#[header("..")]` argument. `Option<T>` adds the header only when
/// it is `Some`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a `#[header]` value",
    note = "use a string, a number, a bool, a uuid, or an `Option` of one of these"
)]
pub trait HeaderArg {
    /// The header's text, or `None` to leave the header out.
    fn header_text(&self) -> Option<Cow<'_, str>>;
}

impl HeaderArg for str {
    fn header_text(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self))
    }
}

impl HeaderArg for String {
    fn header_text(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self))
    }
}

impl HeaderArg for Cow<'_, str> {
    fn header_text(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self))
    }
}

impl<T: HeaderArg + ?Sized> HeaderArg for &T {
    fn header_text(&self) -> Option<Cow<'_, str>> {
        (**self).header_text()
    }
}

impl<T: HeaderArg> HeaderArg for Option<T> {
    fn header_text(&self) -> Option<Cow<'_, str>> {
        self.as_ref().and_then(HeaderArg::header_text)
    }
}

macro_rules! header_arg_via_display {
    ($($t:ty),*) => {$(
        impl HeaderArg for $t {
            fn header_text(&self) -> Option<Cow<'_, str>> {
                Some(Cow::Owned(self.to_string()))
            }
        }
    )*};
}
header_arg_via_display!(
    bool,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    uuid::Uuid
);

/// Wraps an argument so that [`ViaValidate`] and [`ViaNoValidate`] can tell, at the call site,
/// whether its type implements [`Validate`].
pub struct Check<'a, T: ?Sized>(pub &'a T);

/// Picked by method resolution when the argument implements [`Validate`].
pub trait ViaValidate {
    /// Runs the argument's validation.
    fn telnyx_validate(&self) -> Result<()>;
}

impl<T: Validate + ?Sized> ViaValidate for Check<'_, T> {
    fn telnyx_validate(&self) -> Result<()> {
        self.0.validate()
    }
}

/// The fallback for arguments without [`Validate`]: nothing to check.
pub trait ViaNoValidate {
    /// Accepts the argument as it is.
    fn telnyx_validate(&self) -> Result<()> {
        Ok(())
    }
}

impl<T: ?Sized> ViaNoValidate for &Check<'_, T> {}

/// A success response, before its body is read.
#[derive(Debug)]
pub struct RawResponse {
    /// The HTTP status (always `2xx`).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Bytes,
    /// How many retries the call took before this response.
    pub retries: u32,
}

/// How a success response becomes the value an endpoint returns.
///
/// Implemented for every `serde::de::DeserializeOwned` type (the body is decoded as JSON) and
/// for [`Binary`] (the body as it is). Endpoints returning `Result<()>` skip this trait.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from a response body",
    note = "an endpoint returns `Result<T>` with `T: serde::Deserialize` (JSON), `Result<()>` (no body) or `Result<telnyx_porting::Binary>` (raw bytes)"
)]
pub trait FromResponse: Sized {
    /// Reads the value out of a success response.
    fn from_response(response: RawResponse) -> Result<Self>;
}

impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(response: RawResponse) -> Result<Self> {
        decode_json(response.status, &response.body)
    }
}

/// Decodes JSON quickly, and only on failure decodes again to find the path that failed.
fn decode_json<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    // An empty body reads as `null`, so `()` and `Option<T>` accept a 204.
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => (e.path().to_string(), e.inner().to_string()),
                Ok(_) => (".".to_owned(), first.to_string()),
            };
            Err(Error::Decode(Box::new(DecodeError {
                status,
                path,
                message: if body == b"null" {
                    "the body is empty".to_owned()
                } else {
                    message
                },
                snippet: snippet(body),
            })))
        }
    }
}

/// A response body returned as it is, for endpoints that answer with a file (a PDF, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    bytes: Bytes,
    content_type: Option<String>,
}

impl Binary {
    /// The `Content-Type` the server gave, such as `application/pdf`.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The bytes, without copying.
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// The bytes as a vector.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }
}

impl std::ops::Deref for Binary {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl FromResponse for Binary {
    fn from_response(response: RawResponse) -> Result<Self> {
        let content_type = response
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Binary {
            bytes: response.body,
            content_type,
        })
    }
}

/// Sends `request` and reads the response as `R`. The future borrows only the client.
///
/// The request is checked and prepared (URL, headers, body) here, when the future is made;
/// nothing is sent until it is polled.
pub fn send<R: FromResponse>(
    client: &Client,
    request: Request,
) -> impl Future<Output = Result<R>> + Send {
    Sending::new(execute(client, request), R::from_response)
}

/// Sends `request` and ignores the body of the success response (`Result<()>` endpoints).
pub fn send_empty(client: &Client, request: Request) -> impl Future<Output = Result<()>> + Send {
    Sending::new(execute(client, request), |_| Ok(()))
}

pin_project_lite::pin_project! {
    /// The future of one endpoint call: the whole call as one flat state machine, then one
    /// decoding step. Written out rather than as an `async` block around the call, which
    /// would hold the call's state two or three times over.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    struct Sending<F, T> {
        #[pin]
        call: Option<F>,
        error: Option<Error>,
        finish: fn(RawResponse) -> Result<T>,
    }
}

impl<F, T> Sending<F, T> {
    fn new(call: Result<F>, finish: fn(RawResponse) -> Result<T>) -> Self {
        let (call, error) = match call {
            Ok(call) => (Some(call), None),
            Err(error) => (None, Some(error)),
        };
        Sending {
            call,
            error,
            finish,
        }
    }
}

impl<F: Future<Output = Result<RawResponse>>, T> Future for Sending<F, T> {
    type Output = Result<T>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Result<T>> {
        let mut this = self.project();
        let Some(call) = this.call.as_mut().as_pin_mut() else {
            return Poll::Ready(Err(this.error.take().unwrap_or_else(|| {
                Error::config("the call's future was polled again after it completed")
            })));
        };
        let raw = std::task::ready!(call.poll(cx));
        // Dropped as soon as it is done: the connection goes back to the pool, and polling
        // again gets an error rather than resuming a finished `async` block.
        this.call.set(None);
        Poll::Ready(raw.and_then(*this.finish))
    }
}

/// Prepares `request` and returns the future that sends it, retrying as the rules in
/// [`retry`](super::retry) allow, and ends with the success response or the last error,
/// inside one `telnyx_porting.request` span. Not generic, so every endpoint shares one copy.
fn execute(
    client: &Client,
    request: Request,
) -> Result<Instrumented<impl Future<Output = Result<RawResponse>> + Send + '_>> {
    let call = prepare(client, request)?;
    let span = tracing::info_span!(
        "telnyx_porting.request",
        method = call.endpoint.method.as_str(),
        path = call.endpoint.template,
        status = tracing::field::Empty,
        attempt = tracing::field::Empty,
        retries = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    );
    Ok(run(call, span.clone()).instrument(span))
}

/// Every attempt of one call (send, read the body within the limit) until a success, an
/// error that may not be retried, or the last retry.
///
/// One `async` block on purpose, holding the call as it was captured: each nested
/// `async fn` would be one more copy of its state per call, and an `async fn` would also
/// copy its arguments into its state a second time. What is built before an attempt
/// (reqwest's `Request`) is built in [`Call::start`], so it takes no room across awaits.
#[allow(clippy::manual_async_fn)]
fn run(
    call: Call<'_>,
    span: tracing::Span,
) -> impl Future<Output = Result<RawResponse>> + Send + '_ {
    async move {
        // Read the clock only for a span that a subscriber records.
        let started = (!span.is_disabled()).then(Instant::now);
        let inner = call.inner;
        let mut attempt: u32 = 0;
        let outcome = 'call: loop {
            span.record("attempt", attempt + 1);
            span.record("retries", attempt);
            let failure = 'attempt: {
                let mut response = match call.start().await {
                    Ok(response) => response,
                    Err(e) => {
                        break 'attempt Failure::Transport(if e.is_connect() {
                            TransportFailure::Connect(e)
                        } else if e.is_timeout() {
                            TransportFailure::Timeout(e)
                        } else {
                            TransportFailure::Broken(e)
                        });
                    }
                };
                {
                    let status = response.status();
                    let limit = inner.max_response_bytes;
                    // The whole body, stopping as soon as it goes over the limit.
                    let read: std::result::Result<Bytes, TransportFailure> = 'read: {
                        if response
                            .content_length()
                            .is_some_and(|len| len > limit as u64)
                        {
                            break 'read Err(TransportFailure::TooLarge(status, limit));
                        }
                        // Most bodies arrive in one chunk: that chunk is kept without copying.
                        let first = match response.chunk().await {
                            Ok(Some(chunk)) => chunk,
                            Ok(None) => break 'read Ok(Bytes::new()),
                            Err(e) => break 'read Err(read_failure(e)),
                        };
                        if first.len() > limit {
                            break 'read Err(TransportFailure::TooLarge(status, limit));
                        }
                        let second = match response.chunk().await {
                            Ok(Some(chunk)) => chunk,
                            Ok(None) => break 'read Ok(first),
                            Err(e) => break 'read Err(read_failure(e)),
                        };
                        let mut all = Vec::with_capacity(
                            response
                                .content_length()
                                .map_or(first.len() + second.len(), |len| len as usize),
                        );
                        all.extend_from_slice(&first);
                        let mut next = Some(second);
                        // Each chunk holds at least one byte, so this ends within `limit` rounds.
                        while let Some(chunk) = next {
                            if all.len() + chunk.len() > limit {
                                break 'read Err(TransportFailure::TooLarge(status, limit));
                            }
                            all.extend_from_slice(&chunk);
                            next = match response.chunk().await {
                                Ok(next) => next,
                                Err(e) => break 'read Err(read_failure(e)),
                            };
                        }
                        Ok(Bytes::from(all))
                    };
                    let headers = std::mem::take(response.headers_mut());
                    match read {
                        Ok(body) if status.is_success() => {
                            span.record("status", status.as_u16());
                            break 'call Ok(RawResponse {
                                status,
                                headers,
                                body,
                                retries: attempt,
                            });
                        }
                        Ok(body) => Failure::Status(status, headers, body),
                        Err(failure) => Failure::Transport(failure),
                    }
                }
            };
            // `failure` moves into a plain function, so it takes no room across the wait.
            match call.after(failure, attempt, &span) {
                Ok(delay) => {
                    tracing::debug!(
                        attempt = attempt + 1,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    (inner.retry.sleep)(delay).await;
                    attempt += 1;
                }
                Err(error) => break 'call Err(error),
            }
        };
        if let Some(started) = started {
            span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        }
        outcome
    }
}

/// Everything a call needs before its first attempt: the URL, the headers, the body and the
/// retry plan. Fails on the first problem the request's builder recorded, before sending.
fn prepare(client: &Client, request: Request) -> Result<Call<'_>> {
    let Request {
        endpoint,
        path,
        query,
        headers,
        body,
        error,
    } = request;
    if let Some(error) = error {
        return Err(error);
    }
    let inner = &*client.inner;
    let options = client.options.as_deref();
    let http = match client.own_http.as_deref() {
        None => &inner.http,
        Some(Ok(http)) => http,
        Some(Err(e)) => return Err(Error::config(e.to_string())),
    };
    let extra_query = options.map_or(&[][..], |o| &o.query[..]);

    let url = request_url(inner, endpoint, &path, &query, extra_query);

    // The client's headers, with Content-Type when there is a body, were built once by the
    // builder: copy them only when this call adds or replaces one.
    let body = body.map(Bytes::from);
    let base_headers = if body.is_some() {
        &inner.json_headers
    } else {
        &inner.headers
    };
    let extra_headers = options.map_or(&[][..], |o| &o.headers[..]);
    let all_headers = if endpoint.accept.is_none() && headers.is_empty() && extra_headers.is_empty()
    {
        Cow::Borrowed(base_headers)
    } else {
        let mut all = base_headers.clone();
        if let Some(accept) = endpoint.accept {
            all.insert(ACCEPT, HeaderValue::from_static(accept));
        }
        for (name, value) in headers {
            all.insert(name, value);
        }
        for (name, value) in extra_headers {
            let header = HeaderName::try_from(name.as_str()).map_err(|_| {
                Error::invalid_input(
                    "request option header",
                    name.as_str(),
                    "is not a valid header name",
                )
            })?;
            let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                Error::invalid_input(
                    format!("request option header {name}"),
                    "",
                    "holds characters that cannot go in an HTTP header",
                )
            })?;
            all.insert(header, value);
        }
        if body.is_some() {
            all.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        Cow::Owned(all)
    };

    let plan = Plan {
        timeout: options.and_then(|o| o.timeout).unwrap_or(inner.timeout),
        max_retries: options
            .and_then(|o| o.max_retries)
            .unwrap_or(inner.retry.max_retries),
        idempotent: endpoint
            .idempotent
            .unwrap_or(endpoint.method.is_idempotent()),
        opted_in: options
            .and_then(|o| o.retry_non_idempotent)
            .unwrap_or(inner.retry.retry_non_idempotent),
    };
    Ok(Call {
        inner,
        http,
        endpoint,
        plan,
        url,
        headers: all_headers,
        body,
    })
}

/// The URL of one call: the base URL, parsed once by the builder, with the path and query
/// set. A call whose path is its endpoint's template (no parameters) and that has no query
/// always gets the same URL: that one is made once per client and cloned after.
fn request_url(
    inner: &ClientInner,
    endpoint: &'static Endpoint,
    path: &str,
    query: &[(String, String)],
    extra_query: &[(String, String)],
) -> reqwest::Url {
    let fixed = query.is_empty() && extra_query.is_empty() && path == endpoint.template;
    let key = std::ptr::from_ref(endpoint) as usize;
    if fixed
        && let Ok(cache) = inner.fixed_urls.read()
        && let Some((_, url)) = cache.iter().find(|(k, _)| *k == key)
    {
        return url.clone();
    }
    let mut url = inner.base.clone();
    let base_path = url.path().trim_end_matches('/');
    let mut full_path = String::with_capacity(base_path.len() + path.len());
    full_path.push_str(base_path);
    full_path.push_str(path);
    url.set_path(&full_path);
    if !query.is_empty() || !extra_query.is_empty() {
        let mut text = String::with_capacity(24 * (query.len() + extra_query.len()));
        for (i, (key, value)) in query.iter().chain(extra_query).enumerate() {
            if i > 0 {
                text.push('&');
            }
            encode_component(key, &mut text);
            text.push('=');
            encode_component(value, &mut text);
        }
        url.set_query(Some(&text));
    }
    if fixed && let Ok(mut cache) = inner.fixed_urls.write() {
        // At most one entry per `#[endpoint]` declaration in the program.
        if !cache.iter().any(|(k, _)| *k == key) {
            cache.push((key, url.clone()));
        }
    }
    url
}

/// Everything one call sends, prepared once and re-sent unchanged on every attempt.
struct Call<'a> {
    inner: &'a ClientInner,
    http: &'a reqwest::Client,
    endpoint: &'static Endpoint,
    plan: Plan,
    url: reqwest::Url,
    headers: Cow<'a, HeaderMap>,
    body: Option<Bytes>,
}

impl Call<'_> {
    /// Sends one attempt. The `reqwest::Request` is built directly: `RequestBuilder::headers`
    /// would re-insert every header, one by one, into a fresh map.
    fn start(&self) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + use<> {
        let mut request =
            reqwest::Request::new(self.endpoint.method.to_reqwest(), self.url.clone());
        *request.headers_mut() = self.headers.as_ref().clone();
        *request.timeout_mut() = Some(self.plan.timeout);
        if let Some(body) = &self.body {
            *request.body_mut() = Some(reqwest::Body::from(body.clone()));
        }
        self.http.execute(request)
    }

    /// What follows a failed attempt: `Ok(wait)` to retry after `wait`, or the error to
    /// return.
    fn after(
        &self,
        failure: Failure,
        attempt: u32,
        span: &tracing::Span,
    ) -> std::result::Result<std::time::Duration, Error> {
        let Call { inner, plan, .. } = self;
        let (retry, may_have_been_applied, server_wait) = match &failure {
            Failure::Status(status, headers, _) => {
                span.record("status", status.as_u16());
                let says = retry::should_retry_header(headers);
                let retryable = says.unwrap_or_else(|| retry::retryable_status(*status));
                let safe = plan.idempotent
                    || plan.opted_in
                    || says == Some(true)
                    || *status == StatusCode::TOO_MANY_REQUESTS;
                let wait =
                    retry::server_wait(headers, inner.retry.max_retry_after, SystemTime::now());
                (retryable && safe, retryable && !safe, wait)
            }
            Failure::Transport(TransportFailure::Connect(_)) => (true, false, None),
            Failure::Transport(TransportFailure::Timeout(_) | TransportFailure::Broken(_)) => {
                let safe = plan.idempotent || plan.opted_in;
                (safe, !safe, None)
            }
            Failure::Transport(TransportFailure::TooLarge(..)) => (false, false, None),
        };
        if retry && attempt < plan.max_retries {
            Ok(server_wait.unwrap_or_else(|| {
                retry::backoff(attempt, inner.retry.backoff_base, inner.retry.backoff_max)
            }))
        } else {
            Err(failure_error(
                self.endpoint,
                failure,
                attempt,
                may_have_been_applied,
            ))
        }
    }
}

/// What one call may do, fixed before the first attempt.
struct Plan {
    timeout: std::time::Duration,
    max_retries: u32,
    idempotent: bool,
    opted_in: bool,
}

/// How one attempt ended, short of success.
enum Failure {
    /// A non-2xx answer.
    Status(StatusCode, HeaderMap, Bytes),
    /// No (whole) answer.
    Transport(TransportFailure),
}

enum TransportFailure {
    /// The connection could not be made: the request was never written.
    Connect(reqwest::Error),
    /// The time ran out: the server may have the request.
    Timeout(reqwest::Error),
    /// The connection broke after the request was (perhaps) written.
    Broken(reqwest::Error),
    /// The body went over the limit.
    TooLarge(StatusCode, usize),
}

/// How a failure while reading the body is reported.
fn read_failure(e: reqwest::Error) -> TransportFailure {
    if e.is_timeout() {
        TransportFailure::Timeout(e)
    } else {
        TransportFailure::Broken(e)
    }
}

fn failure_error(
    endpoint: &Endpoint,
    failure: Failure,
    retries: u32,
    may_have_been_applied: bool,
) -> Error {
    match failure {
        Failure::Status(status, headers, body) => {
            let mut error = api_error(status, &headers, &body);
            if let Error::Api(api) = &mut error {
                api.retries = retries;
                api.may_have_been_applied = may_have_been_applied;
            }
            error
        }
        Failure::Transport(failure) => {
            let (what, source, timeout) = match failure {
                TransportFailure::TooLarge(status, limit) => {
                    return Error::BodyTooLarge(Box::new(BodyTooLarge { status, limit }));
                }
                TransportFailure::Connect(e) => ("could not connect", e, false),
                TransportFailure::Timeout(e) => ("the request timed out", e, true),
                TransportFailure::Broken(e) => ("the connection broke off", e, false),
            };
            let detail = Box::new(TransportError {
                message: format!("{} {}: {what}", endpoint.method.as_str(), endpoint.template),
                source: Some(source),
                retries,
                may_have_been_applied,
            });
            if timeout {
                Error::Timeout(detail)
            } else {
                Error::Connection(detail)
            }
        }
    }
}

pub(crate) fn api_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    #[derive(serde::Deserialize)]
    struct Envelope {
        #[serde(default)]
        errors: Vec<ApiErrorDetail>,
    }
    let errors = serde_json::from_slice::<Envelope>(body)
        .map(|e| e.errors)
        .unwrap_or_default();
    let body_snippet = (errors.is_empty() && !body.is_empty()).then(|| snippet(body));
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Error::Api(Box::new(ApiError {
        status,
        errors,
        request_id,
        body_snippet,
        retries: 0,
        may_have_been_applied: false,
    }))
}

/// The first [`SNIPPET_CHARS`] characters of a body, lossily decoded, for error messages.
fn snippet(body: &[u8]) -> String {
    let head = &body[..body.len().min(SNIPPET_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(SNIPPET_CHARS).collect();
    if chars.next().is_some() || head.len() < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_values_stay_one_segment() {
        let mut out = String::new();
        encode_component("a/b?c#d e%f", &mut out);
        assert_eq!(out, "a%2Fb%3Fc%23d%20e%25f");
        let mut out = String::new();
        encode_component("é-._~", &mut out);
        assert_eq!(out, "%C3%A9-._~");
    }

    static GET: Endpoint = Endpoint {
        method: HttpMethod::Get,
        template: "/things/{id}",
        accept: None,
        idempotent: None,
    };

    #[test]
    fn bad_path_values_are_typed_errors() {
        for bad in ["", ".", ".."] {
            let mut req = Request::new(&GET);
            req.literal("/things/");
            req.param("id", &bad);
            match req.error.as_ref() {
                Some(Error::InvalidInput(e)) => {
                    assert_eq!((e.field.as_str(), e.value.as_str()), ("id", bad))
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_bad_request_fails_on_first_poll_and_a_second_poll_does_not_panic() {
        let client = Client::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .build()
            .expect("client");
        let mut req = Request::new(&GET);
        req.literal("/things/");
        req.param("id", &"..");
        let mut call = std::pin::pin!(send::<serde_json::Value>(&client, req));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match call.as_mut().poll(&mut cx) {
            Poll::Ready(Err(Error::InvalidInput(e))) => assert_eq!(e.field, "id"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            call.as_mut().poll(&mut cx),
            Poll::Ready(Err(Error::Config(_)))
        ));
    }

    #[test]
    fn header_values_with_line_breaks_are_rejected() {
        let mut req = Request::new(&GET);
        req.header("x-reason", &"a\r\nb");
        assert!(matches!(req.error, Some(Error::InvalidInput(_))));
        let mut req = Request::new(&GET);
        req.header("x-reason", &None::<&str>);
        assert!(req.error.is_none() && req.headers.is_empty());
    }

    #[test]
    fn decode_errors_name_the_path_and_keep_a_short_snippet() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            data: Vec<Inner>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            count: u32,
        }
        let long = format!(
            r#"{{"data":[{{"count":1}},{{"count":"x"}}],"pad":"{}"}}"#,
            "p".repeat(5000)
        );
        match decode_json::<Outer>(StatusCode::OK, long.as_bytes()) {
            Err(Error::Decode(e)) => {
                assert_eq!(e.path, "data[1].count");
                assert!(e.snippet.chars().count() <= SNIPPET_CHARS + 1);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode_json::<Outer>(StatusCode::OK, b""),
            Err(Error::Decode(_))
        ));
    }

    #[test]
    fn api_errors_accept_string_and_integer_codes() {
        let body = br#"{"errors":[{"code":"10015","title":"Bad Request","detail":"x","source":{"pointer":"/phone_numbers"}},{"code":10009,"description":"y","meta":{"url":"u"}}]}"#;
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        let e = api_error(StatusCode::UNPROCESSABLE_ENTITY, &headers, body);
        assert!(e.is_unprocessable());
        assert_eq!(e.request_id(), Some("req-1"));
        let codes: Vec<_> = e.api_errors().iter().map(|d| d.code.as_deref()).collect();
        assert_eq!(codes, [Some("10015"), Some("10009")]);
        assert_eq!(e.api_errors()[1].detail.as_deref(), Some("y"));
        let html = api_error(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>bad gateway</html>",
        );
        assert_eq!(
            html.as_api().and_then(|a| a.body_snippet.as_deref()),
            Some("<html>bad gateway</html>")
        );
    }
}
