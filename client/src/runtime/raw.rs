//! The raw-request escape hatch: [`Client::request`] calls an endpoint nobody declared, through
//! the same runtime path `#[endpoint]` expands to (base URL, auth, default headers, per-call
//! options, retries, timeouts, the body limit, error mapping and tracing).

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;

use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;

use super::call;
use super::client::Client;
use super::decode::FromResponse;
use super::endpoint::{Endpoint, HttpMethod, endpoint};
use super::error::{Error, Result};
use super::request::Request;

/// What raw requests record as their path template in traces and error messages: their
/// paths may hold ids, which are the customer's business (as they are not recorded for
/// declared endpoints either).
pub const RAW_TEMPLATE: &str = "(raw request)";

/// One `Endpoint` per method and idempotency setting (`None`: as the method says).
macro_rules! raw_endpoints {
    ($($method:ident),+) => {
        [$(
            endpoint(HttpMethod::$method, RAW_TEMPLATE, "raw", None, None, None, None),
            endpoint(HttpMethod::$method, RAW_TEMPLATE, "raw", None, None, Some(true), None),
            endpoint(HttpMethod::$method, RAW_TEMPLATE, "raw", None, None, Some(false), None),
        )+]
    };
}

static RAW_ENDPOINTS: [Endpoint; 15] = raw_endpoints!(Get, Post, Put, Patch, Delete);

fn raw_endpoint(method: HttpMethod, idempotent: Option<bool>) -> &'static Endpoint {
    let row = match method {
        HttpMethod::Get => 0,
        HttpMethod::Post => 1,
        HttpMethod::Put => 2,
        HttpMethod::Patch => 3,
        HttpMethod::Delete => 4,
    };
    let column = match idempotent {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    };
    &RAW_ENDPOINTS[row * 3 + column]
}

impl Client {
    /// Starts a request to an endpoint this crate does not declare (or not yet), sent the way
    /// declared endpoints are: to the client's base URL, with its API key and default
    /// headers, the per-call [`RequestOptions`](crate::RequestOptions) of
    /// [`with_options`](Client::with_options), its retry rules, timeouts and body limit, and
    /// the same [`Error`] for every failure.
    ///
    /// `path` is appended to the base URL (which ends in `/v2`), like the path of
    /// `#[endpoint]`; it is sent as given, so percent-encode any value you put in a segment.
    /// Add the query with [`query`](RawRequest::query), not in `path`.
    ///
    /// ```no_run
    /// use telnyx_porting::{Method, Response};
    /// use serde_json::{json, Value};
    ///
    /// # async fn run(client: telnyx_porting::Client) -> telnyx_porting::Result<()> {
    /// // GET /v2/porting_orders?page[size]=5, decoded as JSON.
    /// let page: Value = client
    ///     .request(Method::GET, "/porting_orders")
    ///     .query(&json!({ "page": { "size": 5 } }))
    ///     .send()
    ///     .await?;
    ///
    /// // A POST with a JSON body, keeping the status and headers.
    /// let created: Response<Value> = client
    ///     .request(Method::POST, "/some/new_endpoint")
    ///     .json(&json!({ "name": "x" }))
    ///     .header("X-Reason", "trying it out")
    ///     .send()
    ///     .await?;
    /// println!("{} {:?}", created.status, created.request_id());
    ///
    /// // A 204.
    /// client.request(Method::DELETE, "/some/new_endpoint/1").send_empty().await?;
    /// # let _ = page;
    /// # Ok(()) }
    /// ```
    ///
    /// Nothing is checked or sent until `send` (or `send_empty`); a problem found on the way
    /// (a path that does not start with `/`, a header that cannot be sent, a body that cannot
    /// be encoded) is returned by the call, as [`Error::InvalidInput`], before anything is
    /// sent.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RawRequest<'_> {
        RawRequest::new(self, method, path.into())
    }
}

/// A request to an undeclared endpoint, made by [`Client::request`]; send it with
/// [`send`](Self::send) or [`send_empty`](Self::send_empty).
#[must_use = "a request does nothing until it is sent with `send` or `send_empty`"]
pub struct RawRequest<'a> {
    client: &'a Client,
    method: HttpMethod,
    idempotent: Option<bool>,
    request: Request,
}

impl fmt::Debug for RawRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest")
            .field("method", &self.method)
            .field("idempotent", &self.idempotent)
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl<'a> RawRequest<'a> {
    fn new(client: &'a Client, method: Method, path: String) -> Self {
        let (http_method, problem) = match method {
            Method::GET => (HttpMethod::Get, None),
            Method::POST => (HttpMethod::Post, None),
            Method::PUT => (HttpMethod::Put, None),
            Method::PATCH => (HttpMethod::Patch, None),
            Method::DELETE => (HttpMethod::Delete, None),
            other => (
                HttpMethod::Get,
                Some(Error::invalid_input(
                    "method",
                    other.as_str(),
                    "is not supported: use GET, POST, PUT, PATCH or DELETE",
                )),
            ),
        };
        let problem = problem.or_else(|| path_problem(&path));
        let mut request = Request::with_path(raw_endpoint(http_method, None), path);
        if let Some(problem) = problem {
            request.check(Err(problem));
        }
        RawRequest {
            client,
            method: http_method,
            idempotent: None,
            request,
        }
    }

    /// Adds the fields of `query` to the query string, encoded as `#[query]` arguments are:
    /// nested structs and maps as bracketed keys (`page[size]=5`), `None` left out,
    /// sequences comma-joined. It must serialize as a struct or a map (a `serde_json::json!`
    /// object, a `BTreeMap`, a `#[derive(Serialize)]` struct). Several calls add up, in order.
    pub fn query<T: Serialize + ?Sized>(mut self, query: &T) -> Self {
        self.request.query("query", query);
        self
    }

    /// Adds one `key=value` pair to the query string (after those added before).
    pub fn query_pair(self, key: &str, value: &str) -> Self {
        self.query(&BTreeMap::from([(key, value)]))
    }

    /// Sends `body` as JSON (`Content-Type: application/json`); a second call replaces the
    /// first. Unlike an `#[endpoint]`, this does not run [`Validate`](crate::Validate): call
    /// `body.validate()?` first if the type has it.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.request.json("body", body);
        self
    }

    /// Adds a header, or replaces the client's default of that name (`Accept`, say, to ask
    /// for `application/pdf`). Headers of [`RequestOptions`](crate::RequestOptions) still
    /// come after, and win; `Authorization` is the client's.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        let (name, value) = (name.as_ref(), value.as_ref());
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(value)) => self.request.push_header(name, value),
            (Err(_), _) => self.request.check(Err(Error::invalid_input(
                "header name",
                name,
                "is not a valid header name",
            ))),
            (Ok(_), Err(_)) => self.request.check(Err(Error::invalid_input(
                format!("header {name}"),
                "",
                "holds characters that cannot go in an HTTP header (such as a line break)",
            ))),
        }
        self
    }

    /// Whether the request is safe to send twice, which decides what may be retried (as
    /// `idempotent` does in `#[endpoint(..)]`). By default `GET`, `PUT` and `DELETE` are and
    /// `POST` and `PATCH` are not.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = Some(yes);
        self
    }

    /// Sends the request and reads the success response as `T`: JSON into any
    /// `Deserialize` type, [`Binary`](crate::Binary) for the bytes as they came,
    /// [`Response<T>`](crate::Response) to keep the status and headers too.
    ///
    /// # Errors
    ///
    /// The errors of a declared endpoint: [`Error::InvalidInput`] for a problem found
    /// before sending (nothing was sent), [`Error::Api`] for a status outside `2xx`,
    /// [`Error::Timeout`], [`Error::Connection`], [`Error::BodyTooLarge`],
    /// [`Error::Decode`] when a `2xx` body does not decode into `T`, and [`Error::Config`]
    /// for a client that cannot send.
    pub fn send<T: FromResponse>(self) -> impl Future<Output = Result<T>> + Send {
        let (client, request) = self.finish();
        call::send::<T>(client, request)
    }

    /// Sends the request and ignores the body of the success response: for a `204`, or any
    /// `2xx` whose body does not matter.
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send), without [`Error::Decode`].
    pub fn send_empty(self) -> impl Future<Output = Result<()>> + Send {
        let (client, request) = self.finish();
        call::send_empty(client, request)
    }

    /// The client and the request, for the endpoint that the idempotency setting picks.
    fn finish(self) -> (&'a Client, Request) {
        let RawRequest {
            client,
            method,
            idempotent,
            request,
        } = self;
        (
            client,
            request.for_endpoint(raw_endpoint(method, idempotent)),
        )
    }
}

/// Why `path` cannot be appended to the base URL, if it cannot.
fn path_problem(path: &str) -> Option<Error> {
    let refuse = |reason: &str| Some(Error::invalid_input("path", path, reason));
    if !path.starts_with('/') {
        return refuse("must start with `/`: it is appended to the base URL");
    }
    if path.contains(['?', '#']) {
        return refuse("cannot hold `?` or `#`: add the query with `.query(..)`");
    }
    if path
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return refuse("cannot hold `.` or `..` segments: they would leave the base URL's path");
    }
    None
}
