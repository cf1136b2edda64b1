//! The model the macro validates its input into, and expands from. Types only: the checks
//! live in [`crate::validate`] and [`crate::signature`].

use std::time::Duration;

use syn::{Ident, LitStr, Type};

use crate::template::Piece;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// Every method, in the order the messages list them.
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];

    /// The method as written in the attribute (and sent on the wire).
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The variant of the runtime's `HttpMethod`.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }

    /// The method named `name`, exactly as written.
    pub fn from_name(name: &str) -> Option<Self> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Whether requests with this method can carry a body.
    pub fn allows_body(self) -> bool {
        !matches!(self, Method::Get | Method::Delete)
    }
}

/// What one parameter fills.
pub enum ArgKind {
    /// A path placeholder.
    Path,
    /// The JSON body.
    Body,
    /// The form body (`application/x-www-form-urlencoded`).
    Form,
    /// Query parameters from a struct or map.
    Query,
    /// One query parameter, by its key.
    NamedQuery(LitStr),
    /// A header, by its lower-case name.
    Header(String),
    /// A helper attribute written wrong (already reported): checked no further.
    Invalid,
}

/// One parameter of the endpoint.
pub struct Arg {
    /// The parameter's name.
    pub ident: Ident,
    /// What it fills.
    pub kind: ArgKind,
    /// The parameter's type as written.
    pub ty: Type,
}

/// How the response body is read.
pub enum Output {
    /// `Result<()>`: the body is ignored.
    Unit,
    /// `Result<T>`: the body becomes a `T` through `FromResponse`.
    Value(Box<Type>),
}

/// The options after the path, checked.
#[derive(Default)]
pub struct Options {
    /// `accept = ".."`.
    pub accept: Option<LitStr>,
    /// `idempotent` or `idempotent = bool`.
    pub idempotent: Option<bool>,
    /// `name = ".."`: the operation's name, instead of the method's.
    pub name: Option<LitStr>,
    /// `api = ".."`: a group name.
    pub api: Option<LitStr>,
    /// `timeout = "30s"`.
    pub timeout: Option<Duration>,
    /// `paginate` (the method name + `_all`) or `paginate = "name"`.
    pub paginate: Option<Paginate>,
}

/// What `paginate` asked for.
pub enum Paginate {
    /// The method's name plus `_all`.
    Default,
    /// The name given.
    Named(LitStr),
}

/// A valid endpoint, ready to expand.
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// The path literal as written.
    pub path: LitStr,
    /// The path split into pieces.
    pub pieces: Vec<Piece>,
    /// The options.
    pub options: Options,
    /// The parameters, in order.
    pub args: Vec<Arg>,
    /// How to read the response.
    pub output: Output,
    /// The return type as written (`Result<T>`), kept so the user's own import stays used.
    pub return_type: Type,
}
