//! [`HttpMethod`] and [`Endpoint`]: what an `#[endpoint(..)]` attribute declares, fixed at
//! compile time. Hooks see the descriptor of the call they watch.

use std::time::Duration;

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
    pub(crate) fn to_reqwest(self) -> reqwest::Method {
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

/// What an `#[endpoint(..)]` attribute declared, fixed at compile time: the operation's name,
/// its method and path template, and its options. Hooks receive it with every call
/// ([`Hook`](crate::Hook)).
///
/// The generated code builds it through a `const fn` (the struct is `#[non_exhaustive]`);
/// read it through the accessors.
#[derive(Debug)]
#[non_exhaustive]
pub struct Endpoint {
    pub(crate) name: &'static str,
    pub(crate) api: Option<&'static str>,
    pub(crate) method: HttpMethod,
    pub(crate) template: &'static str,
    pub(crate) accept: Option<&'static str>,
    pub(crate) idempotent: Option<bool>,
    pub(crate) timeout: Option<Duration>,
}

impl Endpoint {
    /// The operation's name: the trait method's name (`create`, `list`), or the attribute's
    /// `name = ".."`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The group the attribute's `api = ".."` gave, if any.
    pub fn api(&self) -> Option<&'static str> {
        self.api
    }

    /// The HTTP method.
    pub fn method(&self) -> HttpMethod {
        self.method
    }

    /// The path template as written, e.g. `/porting_orders/{id}` (ids are not filled in).
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The `Accept` header sent instead of `application/json` (`accept = ".."`).
    pub fn accept(&self) -> Option<&'static str> {
        self.accept
    }

    /// Whether the endpoint said it is safe to send twice (`idempotent`); `None` when it did
    /// not say, which leaves the decision to the HTTP method.
    pub fn idempotent(&self) -> Option<bool> {
        self.idempotent
    }

    /// The per-attempt timeout the attribute set (`timeout = "30s"`), which overrides the
    /// client's; a per-call [`RequestOptions::timeout`](crate::RequestOptions::timeout) still
    /// wins over it.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// An endpoint with no options (for the runtime's own tests).
    #[cfg(test)]
    pub(crate) const fn new(
        method: HttpMethod,
        template: &'static str,
        name: &'static str,
    ) -> Self {
        endpoint(method, template, name, None, None, None, None)
    }

    /// Whether a failed attempt may be sent again without the caller's opt-in.
    pub(crate) fn is_idempotent(&self) -> bool {
        self.idempotent.unwrap_or(self.method.is_idempotent())
    }
}

/// What `#[endpoint]` expands to for its descriptor: the attribute, as a `static`. Named
/// only through `__private`.
#[doc(hidden)]
pub const fn endpoint(
    method: HttpMethod,
    template: &'static str,
    name: &'static str,
    api: Option<&'static str>,
    accept: Option<&'static str>,
    idempotent: Option<bool>,
    timeout: Option<Duration>,
) -> Endpoint {
    Endpoint {
        name,
        api,
        method,
        template,
        accept,
        idempotent,
        timeout,
    }
}
