//! What `#[endpoint]` expands to first: a [`Request`] built synchronously from the
//! arguments (path, query, headers, body), and the call-site dispatch that validates the
//! arguments whose types implement [`Validate`]. Sending it is [`call`](super::call)'s job.

use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;

use super::endpoint::Endpoint;
use super::error::{Error, Result};
use super::urlencoded::{self, encode_component};
use super::validate::Validate;

/// One request under construction. Its methods never fail: the first problem is kept and
/// returned by `execute` before anything is sent.
pub struct Request {
    endpoint: &'static Endpoint,
    /// Borrowed while the path is one literal (an endpoint without parameters): then a call
    /// allocates nothing for it.
    path: Cow<'static, str>,
    query: Vec<(String, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Body>,
    error: Option<Error>,
}

/// A request body, encoded once and re-sent unchanged on every attempt.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) bytes: Vec<u8>,
    /// `#[form]` (`application/x-www-form-urlencoded`) rather than `#[body]` (JSON).
    pub(crate) form: bool,
}

/// What `prepare` takes out of a request.
pub(crate) struct Parts {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) path: Cow<'static, str>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<Body>,
    pub(crate) error: Option<Error>,
}

/// A copy without the recorded error (a walker's per-page request: the error of the shared
/// part is taken out before the first page).
impl Clone for Request {
    fn clone(&self) -> Self {
        Request {
            endpoint: self.endpoint,
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            error: None,
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.endpoint.method)
            .field("template", &self.endpoint.template)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_len", &self.body.as_ref().map(|b| b.bytes.len()))
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
        if let Err(e) = urlencoded::append_pairs(value, &mut self.query) {
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

    /// Adds one query parameter, `key=value`, from a serializable value: a scalar, an
    /// `Option` (`None` leaves the key out) or a sequence (comma-joined).
    pub fn query_value<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Err(e) = urlencoded::append_value(key, value, &mut self.query) {
            self.fail(Error::invalid_input(
                key,
                "",
                format!("cannot be encoded as a query parameter: {}", e.message()),
            ));
        }
    }

    /// Adds one query parameter, `key=value`, from a `Display` value.
    pub fn query_display(&mut self, key: &'static str, value: &dyn Display) {
        let mut text = String::new();
        if write!(text, "{value}").is_err() {
            return self.fail(Error::invalid_input(
                key,
                "",
                "could not be formatted as a query parameter",
            ));
        }
        self.query.push((key.to_owned(), text));
    }

    /// Where the next query parameter goes: a walker adds its page query there, page by page.
    pub fn query_mark(&self) -> usize {
        self.query.len()
    }

    /// Serializes `value` as the JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(bytes) => self.body = Some(Body { bytes, form: false }),
            Err(e) => self.fail(Error::invalid_input(
                name,
                "",
                format!("cannot be encoded as JSON: {e}"),
            )),
        }
    }

    /// Encodes `value` as an `application/x-www-form-urlencoded` body, with the query's rules
    /// (nested structs as `a[b]`, sequences comma-joined, `None` left out).
    pub fn form<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let mut pairs = Vec::new();
        match urlencoded::append_pairs(value, &mut pairs) {
            Ok(()) => {
                self.body = Some(Body {
                    bytes: urlencoded::form_encode(&pairs),
                    form: true,
                });
            }
            Err(e) => self.fail(Error::invalid_input(
                name,
                "",
                format!("cannot be encoded as a form: {}", e.message()),
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

    /// Takes out the error recorded so far, if any.
    pub(crate) fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// Puts the page query's pairs at `mark`, among the other query parameters as the
    /// arguments were declared.
    pub(crate) fn with_page_query(mut self, mark: usize, fill: impl FnOnce(&mut Request)) -> Self {
        let tail = self.query.split_off(mark.min(self.query.len()));
        fill(&mut self);
        self.query.extend(tail);
        self
    }

    pub(crate) fn into_parts(self) -> Parts {
        Parts {
            endpoint: self.endpoint,
            path: self.path,
            query: self.query,
            headers: self.headers,
            body: self.body,
            error: self.error,
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

/// Wraps a `#[query("key")]` argument so that [`ViaSerialize`] and [`ViaDisplay`] can tell,
/// at the call site, how to write it: through `Serialize` when it can (options, sequences,
/// enums), else through `Display`.
pub struct QueryArg<'a, T: ?Sized>(pub &'a T);

/// Picked by method resolution when the argument implements `Serialize`.
pub trait ViaSerialize {
    /// Adds the argument under `key`.
    fn telnyx_query(&self, request: &mut Request, key: &'static str);
}

impl<T: Serialize + ?Sized> ViaSerialize for QueryArg<'_, T> {
    fn telnyx_query(&self, request: &mut Request, key: &'static str) {
        request.query_value(key, self.0);
    }
}

/// The fallback for `Display` arguments that are not `Serialize`.
pub trait ViaDisplay {
    /// Adds the argument under `key`.
    fn telnyx_query(&self, request: &mut Request, key: &'static str);
}

impl<T: Display + ?Sized> ViaDisplay for &QueryArg<'_, T> {
    fn telnyx_query(&self, request: &mut Request, key: &'static str) {
        request.query_display(key, &self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::endpoint::HttpMethod;

    #[test]
    fn path_values_stay_one_segment() {
        let mut out = String::new();
        encode_component("a/b?c#d e%f", &mut out);
        assert_eq!(out, "a%2Fb%3Fc%23d%20e%25f");
        let mut out = String::new();
        encode_component("é-._~", &mut out);
        assert_eq!(out, "%C3%A9-._~");
    }

    static GET: Endpoint = Endpoint::new(HttpMethod::Get, "/things/{id}", "get");

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

    /// `Display` but not `Serialize`: the named query falls back to `Display`.
    struct Shown;
    impl Display for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("sh own")
        }
    }

    #[test]
    // The borrow picks `ViaSerialize` or, one autoref later, `ViaDisplay`: it is the point.
    #[allow(clippy::needless_borrow)]
    fn named_queries_and_forms_encode_like_the_struct_form() {
        let mut req = Request::new(&GET);
        (&QueryArg(&Some(20u32))).telnyx_query(&mut req, "page[size]");
        (&QueryArg(&None::<u32>)).telnyx_query(&mut req, "page[number]");
        (&QueryArg(&vec!["a", "b"])).telnyx_query(&mut req, "filter[status]");
        (&QueryArg(&std::net::Ipv4Addr::LOCALHOST)).telnyx_query(&mut req, "ip");
        (&QueryArg(&Shown)).telnyx_query(&mut req, "shown");
        assert_eq!(
            req.query,
            [
                ("page[size]".to_owned(), "20".to_owned()),
                ("filter[status]".to_owned(), "a,b".to_owned()),
                ("ip".to_owned(), "127.0.0.1".to_owned()),
                ("shown".to_owned(), "sh own".to_owned()),
            ]
        );
        #[derive(serde::Serialize)]
        struct Login<'a> {
            user: &'a str,
            scopes: &'a [&'a str],
            extra: Option<u8>,
        }
        req.form(
            "login",
            &Login {
                user: "a b&c",
                scopes: &["x", "y"],
                extra: None,
            },
        );
        let body = req
            .body
            .as_ref()
            .map(|b| (String::from_utf8_lossy(&b.bytes).into_owned(), b.form));
        assert_eq!(body, Some(("user=a+b%26c&scopes=x%2Cy".to_owned(), true)));
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
}
