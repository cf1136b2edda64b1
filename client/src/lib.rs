//! A typed, declarative client for the Telnyx number-porting API: moving phone numbers from
//! another carrier to Telnyx.
//!
//! ```no_run
//! use telnyx_porting::prelude::*;
//! use telnyx_porting::models::CreatePortingOrder;
//!
//! # async fn run() -> telnyx_porting::Result<()> {
//! // TELNYX_API_KEY (and optionally TELNYX_BASE_URL) from the environment.
//! let client = telnyx_porting::Client::from_env()?;
//! let order = CreatePortingOrder::new(["+13035550000", "+13035550001"])
//!     .customer_reference("Acct 123abc");
//! // One request may become several orders: `data` is a list.
//! let created = client.porting_orders().create(&order).await?;
//! for order in &created.data {
//!     println!("created {:?}", order.id);
//! }
//! # Ok(()) }
//! ```
//!
//! # Layout
//!
//! - [`Client`] holds the key, base URL, timeouts and one connection pool; clone it freely.
//! - [`api`] declares the endpoints as traits (`PortingOrders`, …) with [`endpoint`];
//!   [`prelude`] brings them into scope.
//! - [`models`] holds the request and response types, named after the spec's schemas.
//! - [`Error`] is the one error type; see its variants and helpers.
//! - [`webhooks`] verifies Telnyx's signed deliveries and decodes their events.
//! - `sandbox` (feature `sandbox`) is a local server that answers like the API, for offline
//!   runs and tests.
//!
//! # Retries
//!
//! A failed attempt is retried up to twice by default ([`ClientBuilder::max_retries`],
//! [`RequestOptions::max_retries`]): connection failures, `408`, `409`, `429` and every `5xx`;
//! a response header `x-should-retry: true|false` overrides the status. The wait is the
//! server's `retry-after-ms`, else `Retry-After` (seconds or an HTTP date) when it is above
//! zero and at most 60 s ([`ClientBuilder::max_retry_after`]); otherwise
//! `min(0.5 s × 2^n, 8 s)` less up to 25 % jitter ([`ClientBuilder::retry_backoff`]), `n`
//! being the retries already taken. The body is built once and re-sent unchanged.
//!
//! `GET`, `PUT` and `DELETE` are idempotent; `POST` and `PATCH` are not, unless the endpoint
//! says `idempotent` in its attribute. A request that is not idempotent is retried only when
//! the server cannot have acted on it: the connection failed before the request was written,
//! the answer was `429`, or the server said `x-should-retry: true`. After a timeout, a
//! connection broken after sending, or a `5xx`, it is not retried (a porting order created
//! twice is two porting orders) unless you opt in ([`ClientBuilder::retry_non_idempotent`],
//! [`RequestOptions::retry_non_idempotent`]), and the error says so:
//! [`Error::may_have_been_applied`].
//!
//! # Tracing
//!
//! Each call is one `tracing` span, `telnyx_porting.request`, with the method, the path
//! *template* (`/porting_orders/{id}`: ids are the customer's business, so filled paths are
//! not recorded), the status, the attempt, the retries and the elapsed milliseconds; each
//! retry is a `debug` event with its wait. Bodies and headers are never traced, and the API
//! key appears in no span, event, `Debug` or `Display` output.
//!
//! # Declaring your own endpoints
//!
//! For endpoints this crate does not cover, write a trait of your own. See [`endpoint`] for
//! the whole contract.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use telnyx_porting::{endpoint, ApiClient, Result};
//!
//! #[derive(Deserialize)]
//! pub struct Envelope { pub data: serde_json::Value }
//!
//! #[derive(Serialize)]
//! pub struct Page { pub number: u32, pub size: u32 }
//!
//! #[derive(Serialize)]
//! pub struct ListQuery { pub page: Page }
//!
//! pub trait Widgets: ApiClient {
//!     /// Fetches one widget.
//!     #[endpoint(GET, "/widgets/{id}")]
//!     async fn get(&self, id: &str) -> Result<Envelope>;
//!
//!     /// `GET /widgets?page%5Bnumber%5D=2&page%5Bsize%5D=20`
//!     #[endpoint(GET, "/widgets")]
//!     async fn list(&self, #[query] query: &ListQuery) -> Result<Envelope>;
//!
//!     #[endpoint(DELETE, "/widgets/{id}")]
//!     async fn delete(&self, id: &str, #[header("X-Reason")] reason: Option<&str>) -> Result<()>;
//! }
//!
//! impl Widgets for telnyx_porting::Client {}
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// Lets `#[endpoint]` name `::telnyx_porting::__private` inside this crate too.
extern crate self as telnyx_porting;

pub mod api;
pub mod models;
mod runtime;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod webhooks;

/// The stream trait [`Pages`] implements, re-exported so callers need no other crate.
pub use futures_core::Stream;
/// The HTTP types crate of [`webhooks::Verifier::verify`]'s `HeaderMap` (shared by hyper, axum
/// and reqwest), re-exported so versions always match.
pub use http;
pub use reqwest::StatusCode;
pub use runtime::client::{
    API_KEY_ENV, ApiClient, BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
};
pub use runtime::error::{
    ApiError, ApiErrorDetail, ApiErrorSource, BodyTooLarge, ConfigError, DecodeError, Error,
    InvalidInput, Result, TransportError,
};
pub use runtime::options::RequestOptions;
pub use runtime::paginate::{DEFAULT_MAX_PAGES, PageQuery, Pages, Paginated, paginate};
pub use runtime::query::QueryError;
pub use runtime::request::{Binary, FromResponse, HeaderArg, RawResponse};
pub use runtime::response::{RateLimit, Response};
pub use runtime::retry::{
    DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER,
    SleepFn,
};
pub use runtime::validate::Validate;
/// The date-time crate of the models' timestamps, re-exported so versions always match.
pub use time;
/// The UUID crate of the models' ids, re-exported so versions always match.
pub use uuid;

/// Declares a trait method as an HTTP endpoint.
///
/// ```text
/// #[endpoint(METHOD, "/path/{param}", option, ...)]
/// async fn name(&self, param: impl Display, #[body] b: &B, #[query] q: &Q,
///               #[header("Name")] h: &str) -> Result<T>;
/// ```
///
/// The method becomes a provided method of the trait returning
/// `impl Future<Output = Result<T>> + Send` (so calls can go to `tokio::spawn`); the future may
/// borrow the arguments. Doc comments and other attributes stay on the method. The trait
/// must extend [`ApiClient`], and the method needs no body.
///
/// - **Method**: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
/// - **Path**: a string literal starting with `/`, appended to the client's base URL (which
///   has its own path, `/v2`). Each `{name}` is filled by the parameter of that name (or its
///   snake-case spelling: `{activationJobId}` takes `activation_job_id`), of any `Display`
///   type, percent-encoded so that a `/`, `?` or `#` in the value stays inside its segment.
///   An empty value (or `.`/`..`) is an [`Error::InvalidInput`] and nothing is sent.
/// - **`#[body]`** (at most one; not on `GET` or `DELETE`): serialized as JSON with
///   `Content-Type: application/json`.
/// - **`#[query]`** (any number, merged in order): a `Serialize` struct; nested structs become
///   bracketed keys (`page[number]=2`, `filter[phone_numbers][country_code]=US`), `None` is
///   left out, sequences are comma-joined (`filter[status]=draft,ported`) as the official
///   Telnyx SDKs send them. Keys and values are percent-encoded (`[` as `%5B`).
/// - **`#[header("Name")]`**: a header from a string, number, bool or uuid; an `Option` that is
///   `None` leaves the header out. See [`HeaderArg`].
/// - **Validation**: every `#[body]` and `#[query]` argument whose type implements
///   [`Validate`] is checked before anything is sent.
/// - **Options**: `accept = "application/pdf"` replaces the `Accept: application/json`
///   header; `idempotent` (or `idempotent = false`) records whether the endpoint is safe to
///   send twice.
/// - **Response**: any `2xx` status is a success. `Result<T>` decodes the body as JSON into
///   `T` (a failure is an [`Error::Decode`] naming the JSON path); `Result<()>` ignores the
///   body, so a `204` and any empty `2xx` are fine; `Result<Binary>` returns the body as it is.
///   Every other status is an [`Error::Api`] carrying the Telnyx `errors[]`.
///
/// Misuse is a compile error on the offending token saying what to write instead.
pub use telnyx_porting_macros::endpoint;

/// The API traits, so that `client.porting_orders().create(..)` and the rest resolve.
pub mod prelude {
    pub use crate::ApiClient;
    pub use crate::api::{
        ActionRequirements, ActivationJobs, AdditionalDocuments, AssociatedPhoneNumbers, Comments,
        LoaConfigurations, PhoneNumberBlocks, PhoneNumberConfigurations, PhoneNumberExtensions,
        PortabilityChecks, Porting, PortingEvents, PortingOrderActions, PortingOrders,
        PortingPhoneNumbers, PortingReports, VerificationCodes,
    };
}

/// Items the code generated by `#[endpoint]` names. Not part of the public API: anything here
/// may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::client::ApiClient;
    pub use crate::runtime::error::Result;
    pub use crate::runtime::request::{
        Check, Endpoint, HttpMethod, Request, ViaNoValidate, ViaValidate, send, send_empty,
    };
    pub use ::core::future::Future;
    pub use ::core::marker::Send;

    /// Splits `data` into a timestamp, a signature and a body, and feeds them to the webhook
    /// verifier and decoder; for the fuzz target and the randomized test. It must never
    /// panic, whatever the bytes. Returns whether the delivery was accepted.
    pub fn fuzz_webhook(data: &[u8]) -> bool {
        use crate::webhooks::{SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier, WebhookEvent};
        let mut parts = data.splitn(3, |&b| b == b'\n');
        let (timestamp, signature, body) = (parts.next(), parts.next(), parts.next());
        let mut headers = http::HeaderMap::new();
        for (name, value) in [(TIMESTAMP_HEADER, timestamp), (SIGNATURE_HEADER, signature)] {
            if let Some(Ok(value)) = value.map(http::HeaderValue::from_bytes) {
                headers.append(name, value);
            }
        }
        let body = body.unwrap_or(data);
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        // The bytes as they came, against a fixed key: refused, but never a panic.
        let verifier = Verifier::from_key_bytes([0x3b; 32]);
        let _ = verifier
            .verify_at(&headers, body, now)
            .map_err(|e| e.to_string());
        // The body signed for real, so that it reaches the decoder behind the signature.
        let Ok(signer) = crate::webhooks::Signer::from_seed([0x5a; 32]) else {
            return false;
        };
        let verified = signer
            .verifier()
            .verify_at(&signer.headers(body, now), body, now);
        let _ = format!("{verified:?}");
        if let Err(e) = &verified {
            let _ = e.to_string();
        }
        if let Ok(event) = WebhookEvent::parse(body) {
            let _ = format!("{event:?}");
            let _ = serde_json::to_vec(&event);
        }
        verified.is_ok()
    }

    /// Ed25519 verification by the crypto library of this build, called directly: the
    /// baseline of the webhook benchmark.
    pub fn ed25519_verify(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        crate::webhooks::raw_ed25519_verify(public_key, message, signature)
    }

    /// Feeds `body` to every decoder a response body meets: the create endpoint's success
    /// type, the same wrapped in [`Response`](crate::Response), and the error-body parser. For
    /// the fuzz target and the randomized decode test; it must never panic, whatever the
    /// bytes. Returns how many of the decoders accepted the input.
    pub fn fuzz_decode(body: &[u8]) -> usize {
        use crate::FromResponse;
        use crate::models::{Data, PortingOrder};
        use reqwest::header::HeaderMap;
        let raw = |status: u16| crate::RawResponse {
            status: reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::OK),
            headers: HeaderMap::new(),
            body: bytes::Bytes::copy_from_slice(body),
            retries: 0,
        };
        let mut accepted = 0;
        let created = <Data<Vec<PortingOrder>>>::from_response(raw(201));
        accepted += usize::from(created.is_ok());
        // Display and Debug walk every field; they must not panic either.
        let _ = format!("{created:?}");
        if let Err(e) = &created {
            let _ = e.to_string();
        }
        if let Ok(created) = &created {
            let _ = serde_json::to_vec(created);
        }
        let wrapped = <crate::Response<Data<Vec<PortingOrder>>>>::from_response(raw(200));
        accepted += usize::from(wrapped.is_ok());
        for status in [401, 422, 500] {
            let status = reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::OK);
            let error = crate::runtime::request::api_error(status, &HeaderMap::new(), body);
            let _ = format!("{error} {error:?}");
            accepted += usize::from(!error.api_errors().is_empty());
        }
        accepted
    }
}
