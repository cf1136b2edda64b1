//! The one error type of the library.
//!
//! Every fallible call returns [`Result<T>`](crate::Result), whose error is [`Error`]. Match on
//! its variants to tell an API refusal from bad input, a timeout, a connection failure or a
//! response that did not decode. No variant ever holds the API key.

use std::fmt;

use reqwest::StatusCode;
use serde::{Deserialize, Deserializer, Serialize};

pub use super::hooks::Aborted;

/// `Result<T, telnyx_porting::Error>`: what every endpoint returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling the API.
///
/// The variants are boxed so that `Result<T>` stays small on the happy path.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status outside `2xx`. Its `Display` holds the status, each
    /// `errors[]` entry and, at the end, `(request id …)` when the API sent one: print the
    /// error alone, not with [`request_id`](Error::request_id) again.
    Api(Box<ApiError>),
    /// Client-side validation rejected a value before anything was sent.
    InvalidInput(Box<InvalidInput>),
    /// The request, or reading its response, took longer than the configured timeout.
    Timeout(Box<TransportError>),
    /// The connection could not be made, or broke before a whole response arrived.
    Connection(Box<TransportError>),
    /// A `2xx` response arrived whose body does not decode into the expected type.
    Decode(Box<DecodeError>),
    /// The response body was larger than the client's limit; reading stopped at the limit.
    BodyTooLarge(Box<BodyTooLarge>),
    /// The client was configured with a value it cannot use (a malformed base URL, say).
    Config(Box<ConfigError>),
    /// A response lacked a field the API always sends, found when it was asked for through
    /// an accessor such as `order.id()` (decoding itself never requires a field).
    MissingField(Box<MissingField>),
    /// A [`Hook`](crate::Hook) stopped the call before an attempt was sent.
    Aborted(Box<Aborted>),
}

impl Error {
    /// The HTTP status of the response that caused this error, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyTooLarge(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error, when the API answered with a non-success status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The Telnyx `errors[]` list of an API error; empty for every other kind of error.
    pub fn api_errors(&self) -> &[ApiErrorDetail] {
        self.as_api().map_or(&[], |e| &e.errors)
    }

    /// The `x-request-id` of the response, when the API sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.as_api().and_then(|e| e.request_id.as_deref())
    }

    /// `true` for a `401 Unauthorized`: the API key is missing, wrong or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED) && self.as_api().is_some()
    }

    /// `true` for a `403 Forbidden`.
    pub fn is_forbidden(&self) -> bool {
        self.as_api()
            .is_some_and(|e| e.status == StatusCode::FORBIDDEN)
    }

    /// `true` for a `404 Not Found`.
    pub fn is_not_found(&self) -> bool {
        self.as_api()
            .is_some_and(|e| e.status == StatusCode::NOT_FOUND)
    }

    /// `true` for a `422 Unprocessable Entity`: the API refused the content of the request.
    pub fn is_unprocessable(&self) -> bool {
        self.as_api()
            .is_some_and(|e| e.status == StatusCode::UNPROCESSABLE_ENTITY)
    }

    /// `true` for a `429 Too Many Requests`.
    pub fn is_rate_limited(&self) -> bool {
        self.as_api()
            .is_some_and(|e| e.status == StatusCode::TOO_MANY_REQUESTS)
    }

    /// `true` for a `5xx` answer.
    pub fn is_server_error(&self) -> bool {
        self.as_api().is_some_and(|e| e.status.is_server_error())
    }

    /// `true` when client-side validation rejected the input (nothing was sent).
    pub fn is_invalid_input(&self) -> bool {
        matches!(self, Error::InvalidInput(_))
    }

    /// `true` when a timeout ended the call.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// `true` when the connection failed.
    pub fn is_connection(&self) -> bool {
        matches!(self, Error::Connection(_))
    }

    /// `true` when a [`Hook`](crate::Hook) stopped the call.
    pub fn is_aborted(&self) -> bool {
        matches!(self, Error::Aborted(_))
    }

    /// `true` when a success response did not decode.
    pub fn is_decode(&self) -> bool {
        matches!(self, Error::Decode(_))
    }

    /// `true` when the call failed in a way that leaves open whether the server acted on
    /// the request (a timeout, a connection broken after sending, a `5xx`), and it was not
    /// retried because the request is not idempotent. Check before sending it again: a
    /// porting order may already have been created.
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Api(e) => e.may_have_been_applied,
            Error::Timeout(e) | Error::Connection(e) => e.may_have_been_applied,
            _ => false,
        }
    }

    /// How many retries were taken before this error (0 when the first attempt failed for
    /// good, or nothing was sent).
    pub fn retries(&self) -> u32 {
        match self {
            Error::Api(e) => e.retries,
            Error::Timeout(e) | Error::Connection(e) => e.retries,
            _ => 0,
        }
    }

    /// Builds an [`Error::InvalidInput`]: `field` names the offending input (for example
    /// `phone_numbers[2]`), `value` is what was given and `reason` says what is expected.
    pub fn invalid_input(
        field: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidInput(Box::new(InvalidInput {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }))
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config(Box::new(ConfigError {
            message: message.into(),
        }))
    }

    /// A [`Error::Timeout`] (when `timeout`) or an [`Error::Connection`].
    pub(crate) fn transport(
        timeout: bool,
        message: String,
        source: reqwest::Error,
        retries: u32,
        may_have_been_applied: bool,
    ) -> Self {
        let detail = Box::new(TransportError {
            message,
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

    pub(crate) fn body_too_large(status: StatusCode, limit: usize) -> Self {
        Error::BodyTooLarge(Box::new(BodyTooLarge { status, limit }))
    }

    pub(crate) fn decode(
        status: StatusCode,
        path: String,
        message: String,
        snippet: String,
    ) -> Self {
        Error::Decode(Box::new(DecodeError {
            status,
            path,
            message,
            snippet,
        }))
    }

    pub(crate) fn api(error: ApiError) -> Self {
        Error::Api(Box::new(error))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::InvalidInput(e) => e.fmt(f),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Connection(e) => write!(f, "connection failed: {e}"),
            Error::Decode(e) => e.fmt(f),
            Error::BodyTooLarge(e) => e.fmt(f),
            Error::Config(e) => e.fmt(f),
            Error::MissingField(e) => e.fmt(f),
            Error::Aborted(e) => e.fmt(f),
        }?;
        if self.may_have_been_applied() {
            f.write_str(
                "; the request may have been applied: it was not retried because it is not idempotent",
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Connection(e) => e
                .source
                .as_ref()
                .map(|s| s as &(dyn std::error::Error + 'static)),
            _ => None,
        }
    }
}

/// A non-success answer from the API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The parsed Telnyx `errors[]` list; empty when the body held none.
    pub errors: Vec<ApiErrorDetail>,
    /// The `x-request-id` response header, when present. `Display` already ends with it, as
    /// `(request id …)`.
    pub request_id: Option<String>,
    /// The start of the body when it was not a Telnyx error document (an HTML error page, say);
    /// at most a few hundred characters.
    pub body_snippet: Option<String>,
    /// How many retries were taken before this answer.
    pub retries: u32,
    /// Whether the server may have acted on a request that was not retried because it is
    /// not idempotent (a `5xx` to a `POST`, say).
    pub may_have_been_applied: bool,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        for (i, e) in self.errors.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            e.fmt(f)?;
        }
        if let (true, Some(snippet)) = (self.errors.is_empty(), &self.body_snippet) {
            write!(f, ": {snippet:?}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// One entry of a Telnyx `errors[]` list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiErrorDetail {
    /// The Telnyx error code, such as `"10015"`. The API sends it as a string or as an
    /// integer; both become a string here.
    #[serde(
        default,
        deserialize_with = "code_as_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<String>,
    /// A short summary, such as `"Bad Request"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What went wrong, in a sentence (`description` in some Telnyx schemas).
    #[serde(
        default,
        alias = "description",
        skip_serializing_if = "Option::is_none"
    )]
    pub detail: Option<String>,
    /// Which part of the request the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ApiErrorSource>,
    /// Free-form extra data, usually `{"url": "<documentation link>"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
}

impl fmt::Display for ApiErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut part = |f: &mut fmt::Formatter<'_>, s: &str| {
            let r = if first {
                f.write_str(s)
            } else {
                write!(f, " {s}")
            };
            first = false;
            r
        };
        if let Some(code) = &self.code {
            part(f, &format!("[{code}]"))?;
        }
        if let Some(title) = &self.title {
            part(f, title)?;
        }
        if let Some(detail) = &self.detail {
            part(f, &format!("- {detail}"))?;
        }
        if let Some(pointer) = self.source.as_ref().and_then(|s| s.pointer.as_deref()) {
            part(f, &format!("(at {pointer})"))?;
        }
        Ok(())
    }
}

/// Where in the request an [`ApiErrorDetail`] points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiErrorSource {
    /// A JSON pointer into the request body, such as `/phone_numbers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The name of the query parameter at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

fn code_as_string<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Text(String),
        Int(i64),
        Float(f64),
    }
    Ok(Option::<Code>::deserialize(d)?.map(|c| match c {
        Code::Text(s) => s,
        Code::Int(i) => i.to_string(),
        Code::Float(x) => x.to_string(),
    }))
}

/// Input rejected before sending: which field, what value, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidInput {
    /// The offending input, such as `phone_numbers[2]` or the path parameter `id`.
    pub field: String,
    /// The value given.
    pub value: String,
    /// What was expected instead.
    pub reason: String,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {}: {:?} {}",
            self.field, self.value, self.reason
        )
    }
}

/// A failure below HTTP: the connection or the clock.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// What happened, in words.
    pub message: String,
    /// The underlying error, when there is one.
    pub source: Option<reqwest::Error>,
    /// How many retries were taken before this failure.
    pub retries: u32,
    /// Whether the server may have received and acted on the request (the failure came after
    /// it was sent) although it was not retried because it is not idempotent.
    pub may_have_been_applied: bool,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A success response whose body did not decode.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The JSON path where decoding failed, such as `data[0].created_at` (`.` for the root).
    pub path: String,
    /// What the decoder said.
    pub message: String,
    /// The start of the body (at most a few hundred characters), for diagnosis.
    pub snippet: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the {} response at `{}`: {} (body starts {:?})",
            self.status, self.path, self.message, self.snippet
        )
    }
}

/// A response body over the client's size limit.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BodyTooLarge {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The limit, in bytes.
    pub limit: usize,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} response body is larger than the limit of {} bytes",
            self.status, self.limit
        )
    }
}

/// A client configuration the library cannot use.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ConfigError {
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid client configuration: {}", self.message)
    }
}

/// A field the API always sends was absent from a response: what the models' accessors
/// (`order.id()`, `comment.porting_order_id()`, ...) return instead of an `Option`. Converts
/// into [`Error::MissingField`], so `?` works in a function returning
/// [`Result`](crate::Result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct MissingField {
    /// The model, named after the spec's schema, such as `PortingOrder`.
    pub model: &'static str,
    /// The field, as on the wire, such as `id`.
    pub field: &'static str,
}

impl MissingField {
    /// The field `field` of `model` is missing.
    pub const fn new(model: &'static str, field: &'static str) -> Self {
        MissingField { model, field }
    }
}

impl fmt::Display for MissingField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response's {} has no `{}`, which the API always sends",
            self.model, self.field
        )
    }
}

impl std::error::Error for MissingField {}

impl From<MissingField> for Error {
    fn from(missing: MissingField) -> Self {
        Error::MissingField(Box::new(missing))
    }
}
