//! [`Response<T>`]: the decoded body together with what came around it.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::decode::{FromResponse, RawResponse};
use super::error::Result;

/// A decoded body with the response's status, headers and the number of retries it took.
///
/// Declare an endpoint as returning `Result<Response<T>>` instead of `Result<T>` to get it:
///
/// ```
/// use telnyx_porting::{endpoint, ApiClient, Response, Result};
///
/// pub trait Health: ApiClient {
///     #[endpoint(GET, "/health")]
///     async fn ping(&self) -> Result<Response<serde_json::Value>>;
/// }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status (a `2xx`).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// How many retries the call took before this response (0 when the first attempt
    /// succeeded).
    pub retries: u32,
    /// The decoded body.
    pub body: T,
}

/// The `x-ratelimit-*` headers of a response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `x-ratelimit-limit`: requests allowed in the window.
    pub limit: Option<u64>,
    /// `x-ratelimit-remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `x-ratelimit-reset`: seconds until the window resets.
    pub reset: Option<u64>,
}

impl<T> Response<T> {
    /// The `x-request-id` header, to quote to Telnyx support.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
    }

    /// The rate-limit headers; `None` when the response had none of them.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        let number = |name: &str| {
            self.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let limit = RateLimit {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: number("x-ratelimit-reset"),
        };
        (limit != RateLimit::default()).then_some(limit)
    }

    /// The body, without the rest.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T: FromResponse> FromResponse for Response<T> {
    fn from_response(response: RawResponse) -> Result<Self> {
        let status = response.status;
        let headers = response.headers.clone();
        let retries = response.retries;
        Ok(Response {
            status,
            headers,
            retries,
            body: T::from_response(response)?,
        })
    }
}
