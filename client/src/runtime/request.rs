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

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::{ApiError, ApiErrorDetail, DecodeError, Error, Result, TransportError};
use super::query;
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
    path: String,
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
            path: String::with_capacity(endpoint.template.len() + 40),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            error: None,
        }
    }

    fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
    }

    /// Appends a literal piece of the path template (already checked by the macro).
    pub fn literal(&mut self, piece: &'static str) {
        self.path.push_str(piece);
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
        encode_component(&text, &mut self.path);
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
                message: if body.is_empty() {
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
// Written out rather than `async fn` so that the signature itself promises `Send`.
#[allow(clippy::manual_async_fn)]
pub fn send<R: FromResponse>(
    client: &Client,
    request: Request,
) -> impl Future<Output = Result<R>> + Send + '_ {
    async move { R::from_response(execute(client, request).await?) }
}

/// Sends `request` and ignores the body of the success response (`Result<()>` endpoints).
#[allow(clippy::manual_async_fn)]
pub fn send_empty(
    client: &Client,
    request: Request,
) -> impl Future<Output = Result<()>> + Send + '_ {
    async move { execute(client, request).await.map(drop) }
}

/// Sends a request and returns the success response, or the error. Not generic, so every
/// endpoint shares one copy of this code.
pub async fn execute(client: &Client, request: Request) -> Result<RawResponse> {
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
    let inner = &client.inner;
    let mut url = String::with_capacity(inner.base_url.len() + path.len() + 16 * query.len());
    url.push_str(&inner.base_url);
    url.push_str(&path);
    for (i, (key, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        encode_component(key, &mut url);
        url.push('=');
        encode_component(value, &mut url);
    }

    let mut all_headers = inner.headers.clone();
    if let Some(accept) = endpoint.accept {
        all_headers.insert(ACCEPT, HeaderValue::from_static(accept));
    }
    for (name, value) in headers {
        all_headers.insert(name, value);
    }
    let mut builder = inner
        .http
        .request(endpoint.method.to_reqwest(), url)
        .timeout(inner.timeout);
    if let Some(body) = body {
        all_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        builder = builder.body(body);
    }
    let response = builder
        .headers(all_headers)
        .send()
        .await
        .map_err(|e| transport_error(endpoint, e))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|e| transport_error(endpoint, e))?;
    if !status.is_success() {
        return Err(api_error(status, &headers, &body));
    }
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

fn transport_error(endpoint: &Endpoint, error: reqwest::Error) -> Error {
    let what = if error.is_timeout() {
        "the request timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_body() || error.is_decode() {
        "the response broke off"
    } else {
        "the request failed"
    };
    let detail = TransportError {
        message: format!("{} {}: {what}", endpoint.method.as_str(), endpoint.template),
        source: Some(error),
    };
    if detail
        .source
        .as_ref()
        .is_some_and(reqwest::Error::is_timeout)
    {
        Error::Timeout(Box::new(detail))
    } else {
        Error::Connection(Box::new(detail))
    }
}

fn api_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
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
