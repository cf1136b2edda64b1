//! Validation: the parsed input into an [`Endpoint`] model. Every problem becomes a
//! `syn::Error` on the token at fault, and all of them are collected.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, FnArg, GenericArgument, Ident, Lit, LitStr, Pat, PathArguments, ReturnType, Type};

use crate::parse::{self, Input, METHODS, Marker, OPTIONS};
use crate::template::{self, Piece};

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
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    /// Whether requests with this method can carry a body.
    fn allows_body(self) -> bool {
        !matches!(self, Method::Get | Method::Delete)
    }
}

/// What one parameter fills.
pub enum ArgKind {
    /// A path placeholder.
    Path,
    /// The JSON body.
    Body,
    /// Query parameters.
    Query,
    /// A header, by its lower-case name.
    Header(String),
}

/// One parameter of the endpoint.
pub struct Arg {
    /// The parameter's name.
    pub ident: Ident,
    /// What it fills.
    pub kind: ArgKind,
}

/// How the response body is read.
pub enum Output {
    /// `Result<()>`: the body is ignored.
    Unit,
    /// `Result<T>`: the body becomes a `T` through `FromResponse`.
    Value(Box<Type>),
}

/// A valid endpoint, ready to expand.
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// The path literal as written.
    pub path: LitStr,
    /// The path split into pieces.
    pub pieces: Vec<Piece>,
    /// The `accept` option.
    pub accept: Option<LitStr>,
    /// The `idempotent` option.
    pub idempotent: Option<bool>,
    /// The parameters, in order.
    pub args: Vec<Arg>,
    /// How to read the response.
    pub output: Output,
    /// The return type as written (`Result<T>`), kept so the user's own import stays used.
    pub return_type: Type,
}

/// Checks everything; returns the model only when there was no error at all.
pub fn validate(input: &Input, errors: &mut Vec<syn::Error>) -> Option<Endpoint> {
    let before = errors.len();
    let func = &input.func;
    let sig = &func.sig;

    // Where the method is declared and how.
    if let Some(body) = &func.default {
        errors.push(syn::Error::new(
            body.span(),
            "`#[endpoint]` goes on a trait method declared without a body, such as `async fn get(&self, id: &str) -> Result<T>;`: remove the body, the macro writes it",
        ));
    }
    if sig.asyncness.is_none() {
        errors.push(syn::Error::new(
            sig.fn_token.span(),
            format!(
                "endpoint methods must be `async`: write `async fn {}(..)`",
                sig.ident
            ),
        ));
    }
    if let Some(c) = &sig.constness {
        errors.push(syn::Error::new(
            c.span(),
            "endpoint methods cannot be `const`: remove it",
        ));
    }
    if !matches!(sig.safety, syn::Safety::Default) {
        errors.push(syn::Error::new_spanned(
            &sig.safety,
            "endpoint methods cannot be marked `unsafe` or `safe`: remove it",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "endpoint methods cannot declare an ABI: remove it",
        ));
    }
    if !sig.generics.params.is_empty() {
        errors.push(syn::Error::new_spanned(
            &sig.generics,
            "endpoint methods cannot be generic: use concrete types such as `&str` or `&MyQuery` (an `impl Display` argument works for path parameters)",
        ));
    }
    if let Some(w) = &sig.generics.where_clause {
        errors.push(syn::Error::new_spanned(
            w,
            "endpoint methods cannot have a `where` clause: use concrete types",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new_spanned(
            v,
            "endpoint methods cannot be variadic",
        ));
    }

    // The receiver.
    match sig.inputs.first() {
        Some(FnArg::Receiver(r)) => {
            let message = match &r.kind {
                syn::ReceiverKind::Reference(_, None, None) => None,
                syn::ReceiverKind::Reference(_, _, Some(_)) => Some(
                    "endpoint methods take `&self`, not `&mut self`: sending a request never needs a mutable client",
                ),
                syn::ReceiverKind::Value => Some(
                    "endpoint methods take `&self`, not `self`: the client is shared, not consumed",
                ),
                _ => Some("endpoint methods take plain `&self`"),
            };
            if let Some(message) = message {
                errors.push(syn::Error::new_spanned(r, message));
            }
        }
        _ => errors.push(syn::Error::new(
            sig.ident.span(),
            format!(
                "endpoint methods take `&self` first: write `async fn {}(&self, ..)`",
                sig.ident
            ),
        )),
    }

    // The attribute.
    let method = match &input.attr.method {
        Some(ident) => {
            let name = ident.to_string();
            match Method::from_name(&name) {
                Some(m) => Some(m),
                None => {
                    let hint = if Method::from_name(&name.to_uppercase()).is_some() {
                        format!("write the method in capitals: `{}`", name.to_uppercase())
                    } else {
                        format!("expected one of {}", parse::list(&METHODS))
                    };
                    errors.push(syn::Error::new(
                        ident.span(),
                        format!("unknown HTTP method `{name}`: {hint}"),
                    ));
                    None
                }
            }
        }
        None => None,
    };
    let pieces = match &input.attr.path {
        Some(path) => match template::parse(&path.value()) {
            Ok(pieces) => Some(pieces),
            Err(messages) => {
                errors.extend(
                    messages
                        .into_iter()
                        .map(|m| syn::Error::new(path.span(), m)),
                );
                None
            }
        },
        None => None,
    };
    let (accept, idempotent) = options(&input.attr.options, errors);

    // The parameters.
    let mut args = Vec::new();
    let mut body_seen = false;
    let typed = sig.inputs.iter().filter_map(|i| match i {
        FnArg::Typed(t) => Some(t),
        FnArg::Receiver(_) => None,
    });
    for (arg, markers) in typed.zip(&input.markers) {
        let ident = match &*arg.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => p.ident.clone(),
            other => {
                errors.push(syn::Error::new_spanned(
                    other,
                    "endpoint parameters must be plain names such as `id: &str`, not patterns",
                ));
                continue;
            }
        };
        if markers.len() > 1 {
            errors.push(syn::Error::new_spanned(
                markers[1].attr(),
                format!(
                    "`{ident}` is already marked `{}`: a parameter fills one place",
                    markers[0].describe()
                ),
            ));
        }
        let kind = match markers.first() {
            None => ArgKind::Path,
            Some(Marker::Body(attr)) => {
                if let Some(m) = method.filter(|m| !m.allows_body()) {
                    let name = METHODS[m as usize];
                    errors.push(syn::Error::new_spanned(
                        attr,
                        format!("a {name} request has no body: use `#[query]`, or a method such as POST or PATCH"),
                    ));
                }
                if body_seen {
                    errors.push(syn::Error::new_spanned(
                        attr,
                        "only one parameter can be the `#[body]`: put the fields in one struct",
                    ));
                }
                body_seen = true;
                ArgKind::Body
            }
            Some(Marker::Query(_)) => ArgKind::Query,
            Some(Marker::Header(_, name)) => {
                let text = name.value();
                if text.is_empty() || !text.bytes().all(is_token_byte) {
                    errors.push(syn::Error::new(
                        name.span(),
                        format!("{text:?} is not a valid header name: use letters, digits and `-`, such as \"X-Request-Reason\""),
                    ));
                }
                ArgKind::Header(text.to_ascii_lowercase())
            }
        };
        args.push(Arg { ident, kind });
    }

    // Placeholders and path parameters, both ways.
    if let (Some(pieces), Some(path)) = (&pieces, &input.attr.path) {
        for piece in pieces {
            let Piece::Placeholder(name) = piece else {
                continue;
            };
            match find_arg(&args, name) {
                Some(arg) if matches!(arg.kind, ArgKind::Path) => {}
                Some(arg) => errors.push(syn::Error::new(
                    path.span(),
                    format!(
                        "placeholder `{{{name}}}` would be filled by `{}`, but that parameter is marked {}: remove the marker, or rename the parameter",
                        arg.ident,
                        marker_name(&arg.kind)
                    ),
                )),
                None => errors.push(syn::Error::new(
                    path.span(),
                    format!(
                        "placeholder `{{{name}}}` has no parameter: add `{}: &str` (any `Display` type) to the method",
                        template::snake_case(name)
                    ),
                )),
            }
        }
        for arg in args.iter().filter(|a| matches!(a.kind, ArgKind::Path)) {
            let used = pieces
                .iter()
                .any(|p| matches!(p, Piece::Placeholder(n) if binds(n, &arg.ident)));
            if !used {
                errors.push(syn::Error::new(
                    arg.ident.span(),
                    format!(
                        "`{0}` is not in the path: add `{{{0}}}` to the path, or mark it `#[query]`, `#[body]` or `#[header(\"Name\")]`",
                        arg.ident
                    ),
                ));
            }
        }
    }

    let output = output(&sig.output, sig.ident.span(), errors);

    if errors.len() > before {
        return None;
    }
    Some(Endpoint {
        method: method?,
        path: input.attr.path.clone()?,
        pieces: pieces?,
        accept,
        idempotent,
        args,
        output: output?,
        return_type: match &sig.output {
            ReturnType::Type(_, ty) => (**ty).clone(),
            ReturnType::Default => return None,
        },
    })
}

fn marker_name(kind: &ArgKind) -> &'static str {
    match kind {
        ArgKind::Path => "as a path parameter",
        ArgKind::Body => "`#[body]`",
        ArgKind::Query => "`#[query]`",
        ArgKind::Header(_) => "`#[header]`",
    }
}

/// A placeholder binds to the parameter of the same name, or of its snake-case spelling
/// (`{activationJobId}` → `activation_job_id`).
fn binds(placeholder: &str, ident: &Ident) -> bool {
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    name == placeholder || name == template::snake_case(placeholder)
}

/// The parameter a placeholder binds to, if any.
pub fn find_arg<'a>(args: &'a [Arg], placeholder: &str) -> Option<&'a Arg> {
    args.iter().find(|a| binds(placeholder, &a.ident))
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn options(
    options: &[parse::OptionArg],
    errors: &mut Vec<syn::Error>,
) -> (Option<LitStr>, Option<bool>) {
    let mut accept = None;
    let mut idempotent = None;
    let mut seen: Vec<String> = Vec::new();
    for option in options {
        let key = option.key.to_string();
        if seen.contains(&key) {
            errors.push(syn::Error::new(
                option.key.span(),
                format!("option `{key}` is given twice: keep one"),
            ));
            continue;
        }
        seen.push(key.clone());
        match key.as_str() {
            "accept" => match &option.value {
                Some(Expr::Lit(l)) if matches!(&l.lit, Lit::Str(s) if is_header_value(&s.value())) => {
                    if let Lit::Str(s) = &l.lit {
                        accept = Some(s.clone());
                    }
                }
                _ => errors.push(syn::Error::new(
                    option
                        .value
                        .as_ref()
                        .map_or(option.key.span(), Spanned::span),
                    "`accept` takes a media type: write `accept = \"application/pdf\"`",
                )),
            },
            "idempotent" => match &option.value {
                None => idempotent = Some(true),
                Some(Expr::Lit(l)) if matches!(l.lit, Lit::Bool(_)) => {
                    if let Lit::Bool(b) = &l.lit {
                        idempotent = Some(b.value);
                    }
                }
                Some(other) => errors.push(syn::Error::new_spanned(
                    other,
                    "`idempotent` is a flag: write `idempotent`, or `idempotent = false`",
                )),
            },
            _ => errors.push(syn::Error::new(
                option.key.span(),
                format!(
                    "unknown option `{key}`: expected one of {}",
                    parse::list(&OPTIONS)
                ),
            )),
        }
    }
    (accept, idempotent)
}

fn is_header_value(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

fn output(ret: &ReturnType, name_span: Span, errors: &mut Vec<syn::Error>) -> Option<Output> {
    let usage = "endpoint methods return `Result<T>` (telnyx_porting::Result): `T` decoded from JSON, `()` for no body, or `Binary` for raw bytes";
    let ty = match ret {
        ReturnType::Default => {
            errors.push(syn::Error::new(
                name_span,
                format!("missing return type: {usage}"),
            ));
            return None;
        }
        ReturnType::Type(_, ty) => ty,
    };
    let inner = match &**ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().and_then(|last| {
            if last.ident != "Result" {
                return None;
            }
            match &last.arguments {
                PathArguments::AngleBracketed(a) => {
                    let mut types = a.args.iter();
                    match (types.next(), types.next()) {
                        (Some(GenericArgument::Type(t)), None) => Some(Ok(t.clone())),
                        (Some(GenericArgument::Type(_)), Some(extra)) => Some(Err(extra.span())),
                        _ => None,
                    }
                }
                _ => None,
            }
        }),
        _ => None,
    };
    match inner {
        Some(Ok(t)) => Some(match &t {
            Type::Tuple(tuple) if tuple.elems.is_empty() => Output::Unit,
            _ => Output::Value(Box::new(t)),
        }),
        Some(Err(span)) => {
            errors.push(syn::Error::new(
                span,
                "drop the error type: write `Result<T>`; endpoints fail with `telnyx_porting::Error`",
            ));
            None
        }
        None => {
            errors.push(syn::Error::new_spanned(ty, usage));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::TraitItemFn;

    fn check(attr: proc_macro2::TokenStream, func: TraitItemFn) -> Vec<String> {
        let mut errors = Vec::new();
        let input = crate::parse::parse(attr, func, &mut errors);
        let model = validate(&input, &mut errors);
        assert_eq!(model.is_some(), errors.is_empty());
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn accepts_a_full_endpoint() {
        let errors = check(
            quote!(
                PATCH,
                "/a/{porting_order_id}/b/{activationJobId}",
                idempotent
            ),
            syn::parse_quote! {
                async fn f(&self, porting_order_id: &str, activation_job_id: u32, #[body] b: &B,
                    #[query] q: &Q, #[query] q2: &Q, #[header("X-Y")] h: Option<&str>) -> Result<()>;
            },
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn checks_placeholders_both_ways() {
        let errors = check(
            quote!(GET, "/a/{id}"),
            syn::parse_quote! { async fn f(&self, other: &str) -> Result<X>; },
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("`{id}` has no parameter"));
        assert!(errors[1].contains("`other` is not in the path"));
        let errors = check(
            quote!(GET, "/a/{id}"),
            syn::parse_quote! { async fn f(&self, #[query] id: &Q) -> Result<X>; },
        );
        assert!(errors[0].contains("marked `#[query]`"), "{errors:?}");
    }

    #[test]
    fn checks_bodies_methods_and_options() {
        let errors = check(
            quote!(GET, "/a", retries = 3),
            syn::parse_quote! { async fn f(&self, #[body] a: &A, #[body] b: &B) -> Result<X>; },
        );
        let all = errors.join("\n");
        assert!(all.contains("a GET request has no body"), "{all}");
        assert!(
            all.contains("only one parameter can be the `#[body]`"),
            "{all}"
        );
        assert!(
            all.contains("unknown option `retries`: expected one of `accept`, `idempotent`"),
            "{all}"
        );
        let errors = check(
            quote!(FETCH, "/a"),
            syn::parse_quote! { async fn f(&self) -> Result<X>; },
        );
        assert!(errors[0].contains("expected one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`"));
        let errors = check(
            quote!(get, "/a"),
            syn::parse_quote! { async fn f(&self) -> Result<X>; },
        );
        assert!(errors[0].contains("write the method in capitals: `GET`"));
    }

    #[test]
    fn checks_the_signature() {
        let errors = check(
            quote!(GET, "/a"),
            syn::parse_quote! { fn f<T>(self, (a, b): (u8, u8)) -> Option<T> where T: Sized; },
        );
        let all = errors.join("\n");
        for expected in [
            "must be `async`",
            "cannot be generic",
            "`where` clause",
            "not `self`",
            "not patterns",
            "return `Result<T>`",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        let errors = check(
            quote!(GET, "/a"),
            syn::parse_quote! { async fn f(&mut self) -> Result<X, E>; },
        );
        let all = errors.join("\n");
        assert!(
            all.contains("not `&mut self`") && all.contains("drop the error type"),
            "{all}"
        );
        let errors = check(
            quote!(GET, "/a"),
            syn::parse_quote! { async fn f() -> Result<X>; },
        );
        assert!(errors[0].contains("take `&self` first"));
    }

    #[test]
    fn checks_header_names() {
        let errors = check(
            quote!(GET, "/a"),
            syn::parse_quote! { async fn f(&self, #[header("X Bad")] h: &str, #[header("")] g: &str) -> Result<()>; },
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("\"X Bad\" is not a valid header name"));
    }
}
