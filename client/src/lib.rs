//! A typed, declarative client for the Telnyx number-porting API: moving phone numbers from
//! another carrier to Telnyx.
//!
//! A whole program: create a porting order, fill it in, submit it, list every order, and
//! tell an API refusal from other failures.
//!
//! ```no_run
//! use telnyx_porting::models::{
//!     CreatePortingOrder, ListPortingOrdersQuery, UpdatePortingOrder, UpdatePortingOrderEndUser,
//!     UpdatePortingOrderEndUserAdmin,
//! };
//! use telnyx_porting::prelude::*;
//! use telnyx_porting::Error;
//!
//! #[tokio::main]
//! async fn main() -> telnyx_porting::Result<()> {
//!     // TELNYX_API_KEY (and TELNYX_BASE_URL, when set) from the environment.
//!     let client = telnyx_porting::Client::from_env()?;
//!     let orders = client.porting_orders();
//!
//!     // Create. One request may become several orders (split by country, carrier, ...).
//!     let request = CreatePortingOrder::new(["+13035550000", "+13035550001"])
//!         .customer_reference("Acct 42");
//!     let created = orders.create(&request).await?;
//!
//!     for order in &created.data {
//!         // The API always sends an id; `id()` says which field was missing if it did not.
//!         let id = order.id()?;
//!
//!         // Update: only the fields set here change.
//!         let changes = UpdatePortingOrder::new().end_user(
//!             UpdatePortingOrderEndUser::new().admin(
//!                 UpdatePortingOrderEndUserAdmin::new()
//!                     .entity_name("Acme Corp")
//!                     .auth_person_name("Jane Doe")
//!                     .billing_phone_number("+13035550000"),
//!             ),
//!         );
//!         orders.update(id, &changes).await?;
//!
//!         // Confirm (submit), matching on what can go wrong.
//!         match orders.actions().confirm(id).await {
//!             Ok(confirmed) => println!("{id}: {:?}", confirmed.status_value()),
//!             // The API refused. Its Display holds the status, every `errors[]` entry
//!             // and the request id: no need to print `request_id()` as well.
//!             Err(Error::Api(refusal)) if refusal.status.as_u16() == 422 => {
//!                 eprintln!("{id} not submitted: {refusal}");
//!                 for detail in &refusal.errors {
//!                     if let Some(field) = detail.source.as_ref().and_then(|s| s.pointer.as_deref()) {
//!                         eprintln!("  to fix: {field}");
//!                     }
//!                 }
//!             }
//!             // Refused before sending (a bad value in what we built); nothing was sent.
//!             Err(Error::InvalidInput(bad)) => eprintln!("{id}: {bad}"),
//!             // A timeout after a POST may still have reached the server: check first.
//!             Err(e) if e.may_have_been_applied() => eprintln!("{id}: unknown outcome: {e}"),
//!             Err(e) => return Err(e),
//!         }
//!     }
//!
//!     // List all: every page, fetched lazily as the stream is read.
//!     let query = ListPortingOrdersQuery::new()
//!         .page_size(250)
//!         .filter_customer_reference("Acct 42");
//!     let mut all = client.porting_orders().list_all(&query);
//!     let mut count = 0;
//!     while let Some(order) = all.try_next().await? {
//!         count += 1;
//!         println!("{:?} is {:?}", order.id, order.status_value());
//!     }
//!     println!("{count} orders for Acct 42");
//!     Ok(())
//! }
//! ```
//!
//! Offline, the `sandbox` feature's `Sandbox` runs the same program against a local server
//! that answers like the API: `let sandbox = Sandbox::start().await?;` and
//! `sandbox.client()?` instead of `from_env()`. For an endpoint this crate does not declare,
//! [`Client::request`] sends a raw request through the same machinery; or declare it with
//! [`endpoint`] in your own crate (below).
//!
//! # Layout
//!
//! - [`Client`] holds the key, base URL, timeouts and one connection pool; clone it freely.
//! - [`api`] declares the endpoints as traits (`PortingOrders`, …) with [`endpoint`];
//!   [`prelude`] brings them into scope.
//! - [`models`] holds the request and response types, named after the spec's schemas.
//! - [`Error`] is the one error type; see its variants and helpers. An API error's `Display`
//!   already ends with `(request id …)` when the API sent one.
//! - Response models keep every field an `Option` (decoding never fails on a missing one);
//!   accessors such as `order.id()` return what the API always sends, or a [`MissingField`].
//! - [`Client::request`] is the escape hatch for endpoints not declared here.
//! - [`job`] is the whole port in one builder: [`job::PortingJob`] checks the numbers,
//!   creates and fills the drafts (documents, end user, FOC date), reports what each order
//!   still lacks and submits the complete ones; a rerun continues a run that stopped.
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
pub mod job;
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
/// The HTTP method of a [raw request](Client::request), re-exported from `reqwest`.
pub use reqwest::Method;
pub use reqwest::StatusCode;
pub use runtime::client::{
    API_KEY_ENV, ApiClient, BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
};
pub use runtime::decode::{Binary, FromResponse, RawResponse};
pub use runtime::endpoint::{Endpoint, HttpMethod};
pub use runtime::error::{
    ApiError, ApiErrorDetail, ApiErrorSource, BodyTooLarge, ConfigError, DecodeError, Error,
    InvalidInput, MissingField, Result, TransportError,
};
pub use runtime::hooks::{Aborted, Hook, HookOutcome, HookRequest, HookResponse};
pub use runtime::options::RequestOptions;
pub use runtime::paginate::{DEFAULT_MAX_PAGES, PageQuery, Pages, Paginated, paginate};
pub use runtime::raw::{RAW_TEMPLATE, RawRequest};
pub use runtime::request::HeaderArg;
pub use runtime::response::{RateLimit, Response};
pub use runtime::retry::{
    DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_MAX, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER,
    SleepFn,
};
pub use runtime::urlencoded::QueryError;
pub use runtime::validate::Validate;
/// The date-time crate of the models' timestamps, re-exported so versions always match.
pub use time;
/// The UUID crate of the models' ids, re-exported so versions always match.
///
/// It parses, prints, compares and (de)serializes ids (`"…".parse::<Uuid>()`,
/// [`PortingOrderId::from`](crate::models::PortingOrderId)), but **cannot make new ones**:
/// this library builds `uuid` without its `v4` feature, so `Uuid::new_v4()` is not there.
/// The API assigns every id itself, so the library never needs to; and `v4` would pull in
/// `getrandom` 0.4, a second major version beside the 0.2 that `ring` (the `rustls-ring`
/// TLS feature) depends on. To make ids
/// in your own code (in tests, say), depend on `uuid` with `features = ["v4"]` yourself: Cargo
/// unifies the features, and the types stay the same.
pub use uuid;

/// Declares a trait method as an HTTP endpoint.
///
/// ```text
/// #[endpoint(METHOD, "/path/{param}", option, ...)]
/// async fn name(&self, param: impl Display, #[body] b: &B, #[query] q: &Q,
///               #[query("key")] v: Option<u32>, #[header("Name")] h: &str) -> Result<T>;
/// ```
///
/// The method becomes a provided method of the trait returning
/// `impl Future<Output = Result<T>> + Send` (so calls can go to `tokio::spawn`); the future may
/// borrow the arguments. Doc comments and other attributes stay on the method. The trait
/// must extend [`ApiClient`], and the method needs no body. The crate declaring it needs
/// `serde` (with `derive`) for its own types.
///
/// - **Method**: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
/// - **Path**: a string literal starting with `/`, appended to the client's base URL (which
///   has its own path, `/v2`). Each `{name}` is filled by the parameter of that name (or its
///   snake-case spelling: `{activationJobId}` takes `activation_job_id`), of any `Display`
///   type, percent-encoded so that a `/`, `?` or `#` in the value stays inside its segment.
///   An empty value (or `.`/`..`) is an [`Error::InvalidInput`] and nothing is sent.
/// - **`#[body]`** (not on `GET` or `DELETE`): serialized as JSON with
///   `Content-Type: application/json`.
/// - **`#[form]`** (not on `GET` or `DELETE`): a `Serialize` struct sent as
///   `application/x-www-form-urlencoded`, with the query's rules (nested structs as `a[b]`,
///   sequences comma-joined, `None` left out). An endpoint has one body: `#[body]` or
///   `#[form]`, once. Either is encoded once and re-sent byte for byte on a retry.
/// - **`#[query]`** (any number): a `Serialize` struct; nested structs become bracketed keys
///   (`page[number]=2`, `filter[phone_numbers][country_code]=US`), `None` is left out,
///   sequences are comma-joined (`filter[status]=draft,ported`) as the official Telnyx SDKs
///   send them. Keys and values are percent-encoded (`[` as `%5B`).
/// - **`#[query("key")]`**: one parameter under `key` (letters, digits, `_`, `-`, `.`, `~` and
///   brackets): a number, bool, string, enum or any `Serialize` scalar, else any `Display`
///   type; an `Option` that is `None` leaves the key out; a slice or `Vec` is comma-joined.
///   All query arguments, of both forms, merge in declaration order.
/// - **`#[header("Name")]`**: a header from a string, number, bool or uuid; an `Option` that is
///   `None` leaves the header out. See [`HeaderArg`].
/// - **Validation**: every `#[body]`, `#[form]` and `#[query]` argument whose type implements
///   [`Validate`] is checked before anything is sent.
/// - **Options**:
///   - `accept = "application/pdf"` replaces the `Accept: application/json` header;
///   - `idempotent` (or `idempotent = false`) records whether the endpoint is safe to send
///     twice;
///   - `name = "open_session"`: the operation's name in its [`Endpoint`] (what a [`Hook`]
///     sees), the method's name by default; `api = "sessions"`: a group name, none by
///     default;
///   - `timeout = "30s"` (also `"500ms"`, `"2m"`): the per-attempt timeout of this endpoint,
///     instead of the client's; a per-call [`RequestOptions::timeout`] still wins;
///   - `paginate`: also generates `<name>_all(&self, same arguments) -> Pages<'static, Q, P>`,
///     every item of every page, fetched lazily (see [`Pages`]). The one struct
///     `#[query]` (type `Q`) must implement [`PageQuery`] (and be `'static`), the return type
///     `P` [`Paginated`]. `paginate = "every_widget"` names the walker otherwise.
/// - **Response**: any `2xx` status is a success. `Result<T>` decodes the body as JSON into
///   `T` (a failure is an [`Error::Decode`] naming the JSON path); `Result<()>` ignores the
///   body, so a `204` and any empty `2xx` are fine; `Result<Binary>` returns the body as it is.
///   Every other status is an [`Error::Api`] carrying the Telnyx `errors[]`.
///
/// Misuse is a compile error on the offending token saying what to write instead; every
/// mistake shows in one compile, and the method stays declared, so the trait's impls and
/// callers get no second error.
///
/// ```
/// use serde::Serialize;
/// use telnyx_porting::{endpoint, ApiClient, Binary, Result};
///
/// #[derive(Serialize)]
/// pub struct Login { pub user: String, pub password: String }
///
/// pub trait Reports: ApiClient {
///     /// `GET /reports/{id}/pdf?dpi=300`, with up to two minutes per attempt.
///     #[endpoint(GET, "/reports/{id}/pdf", accept = "application/pdf", timeout = "2m")]
///     async fn render(&self, id: &str, #[query("dpi")] dpi: Option<u32>) -> Result<Binary>;
///
///     /// `POST /sessions` with `user=..&password=..`.
///     #[endpoint(POST, "/sessions", name = "open_session")]
///     async fn login(&self, #[form] login: &Login) -> Result<()>;
/// }
///
/// impl Reports for telnyx_porting::Client {}
/// ```
pub use telnyx_porting_macros::endpoint;

/// The API traits, so that `client.porting_orders().create(..)` and the rest resolve.
pub mod prelude {
    pub use crate::ApiClient;
    pub use crate::api::{
        ActionRequirements, ActivationJobs, AdditionalDocuments, AssociatedPhoneNumbers, Comments,
        Documents, LoaConfigurations, PhoneNumberBlocks, PhoneNumberConfigurations,
        PhoneNumberExtensions, PortabilityChecks, Porting, PortingEvents, PortingOrderActions,
        PortingOrders, PortingPhoneNumbers, PortingReports, VerificationCodes,
    };
}

/// Items the code generated by `#[endpoint]` names. Not part of the public API: anything here
/// may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::call::{send, send_empty};
    pub use crate::runtime::client::ApiClient;
    pub use crate::runtime::endpoint::{Endpoint, HttpMethod, endpoint};
    pub use crate::runtime::error::Result;
    pub use crate::runtime::paginate::{Pages, pages};
    pub use crate::runtime::request::{
        Check, QueryArg, Request, ViaDisplay, ViaNoValidate, ViaSerialize, ViaValidate,
    };
    pub use ::core::future::Future;
    pub use ::core::marker::Send;
    pub use ::core::time::Duration;

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
            let error = crate::runtime::decode::api_error(status, &HeaderMap::new(), body);
            let _ = format!("{error} {error:?}");
            accepted += usize::from(!error.api_errors().is_empty());
        }
        accepted
    }
}
