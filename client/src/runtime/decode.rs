//! Reading a response: [`RawResponse`] and [`FromResponse`] (JSON through serde, or
//! [`Binary`] as it is), and the error of a non-success answer.
//!
//! Success is any `2xx` status. `Result<T>` decodes the body as JSON into `T`;
//! `Result<()>` ignores the body (a `204`, or any other `2xx` with or without a body);
//! `Result<Binary>` returns the body bytes untouched. Every other status is an
//! [`Error::Api`].

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use super::error::{ApiError, ApiErrorDetail, Error, Result};

/// How many characters of a body an error keeps, at most.
const SNIPPET_CHARS: usize = 200;

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
    ///
    /// # Errors
    ///
    /// For JSON types, an [`Error::Decode`] naming the JSON path that did not fit (an empty
    /// body reads as `null`); [`Binary`] never fails.
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
            let message = if body == b"null" {
                "the body is empty".to_owned()
            } else {
                message
            };
            Err(Error::decode(status, path, message, snippet(body)))
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
    Error::api(ApiError {
        status,
        errors,
        request_id,
        body_snippet,
        retries: 0,
        may_have_been_applied: false,
    })
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
    use reqwest::header::HeaderValue;

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
