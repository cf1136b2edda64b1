//! Validation: the parsed input into an [`Endpoint`] model. Every problem becomes a
//! `syn::Error` on the token at fault, and all of them are collected: each section (the
//! signature, the attribute, the parameters, the path) is checked even when another failed,
//! so one compile shows every mistake.

use std::time::Duration;

use syn::spanned::Spanned;
use syn::{Expr, FnArg, Ident, Lit, LitStr, Pat, ReturnType};

use crate::model::{Arg, ArgKind, Endpoint, Method, Options, Output, Paginate};
use crate::parse::{self, AttrArgs, Input, Marker, OPTIONS};
use crate::signature;
use crate::template::{self, Piece};

/// Checks everything; returns the model only when there was no error at all.
pub fn validate(input: &Input, errors: &mut Vec<syn::Error>) -> Option<Endpoint> {
    let before = errors.len();
    let sig = &input.func.sig;

    signature::qualifiers(&input.func, errors);
    signature::receiver(sig, errors);
    let method = method(&input.attr, errors);
    // A path that parses is enough to check the placeholders, whatever else is wrong with it.
    let template_errors_before = errors.len();
    let pieces = input.attr.path.as_ref().map(|path| {
        let parsed = template::parse(&path.value());
        errors.extend(
            parsed
                .errors
                .into_iter()
                .map(|m| syn::Error::new(path.span(), m)),
        );
        parsed.pieces
    });
    let template_ok = errors.len() == template_errors_before;
    let options = options(&input.attr.options, errors);
    let args = params(input, method, errors);
    if let (Some(pieces), Some(path)) = (&pieces, &input.attr.path) {
        placeholders(path, pieces, &args, template_ok, errors);
    }
    let output = signature::output(sig, errors);
    if let Some(paginate) = input.attr.options.iter().find(|o| o.key == "paginate") {
        pagination(&paginate.key, &args, output.as_ref(), errors);
    }

    if errors.len() > before {
        return None;
    }
    Some(Endpoint {
        method: method?,
        path: input.attr.path.clone()?,
        pieces: pieces?,
        options,
        args,
        output: output?,
        return_type: match &sig.output {
            ReturnType::Type(_, ty) => (**ty).clone(),
            ReturnType::Default => return None,
        },
    })
}

/// The HTTP method of the attribute.
fn method(attr: &AttrArgs, errors: &mut Vec<syn::Error>) -> Option<Method> {
    let ident = attr.method.as_ref()?;
    let name = ident.to_string();
    if let Some(m) = Method::from_name(&name) {
        return Some(m);
    }
    let hint = if Method::from_name(&name.to_uppercase()).is_some() {
        format!("write the method in capitals: `{}`", name.to_uppercase())
    } else {
        format!(
            "expected one of {}",
            parse::list(&Method::ALL.map(Method::name))
        )
    };
    errors.push(syn::Error::new(
        ident.span(),
        format!("unknown HTTP method `{name}`: {hint}"),
    ));
    None
}

/// The parameters and their markers: what each fills, one body kind at most, valid header
/// names and query keys.
fn params(input: &Input, method: Option<Method>, errors: &mut Vec<syn::Error>) -> Vec<Arg> {
    let mut args: Vec<Arg> = Vec::new();
    let mut body_seen: Option<&'static str> = None;
    let typed = input.func.sig.inputs.iter().filter_map(|i| match i {
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
            Some(marker @ (Marker::Body(attr) | Marker::Form(attr))) => {
                let this = marker.describe();
                if let Some(m) = method.filter(|m| !m.allows_body()) {
                    let name = m.name();
                    let instead = if matches!(marker, Marker::Form(_)) {
                        "`#[query]` for the fields (or a named `#[query(\"key\")]`)"
                    } else {
                        "`#[query]`"
                    };
                    errors.push(syn::Error::new_spanned(
                        attr,
                        format!("a {name} request has no body: use {instead}, or a method such as POST or PATCH"),
                    ));
                }
                match body_seen {
                    Some(seen) if seen == this => errors.push(syn::Error::new_spanned(
                        attr,
                        format!("only one parameter can be the `{this}`: put the fields in one struct"),
                    )),
                    Some(seen) => errors.push(syn::Error::new_spanned(
                        attr,
                        format!("an endpoint has one body: this one is already `{seen}`, so write either `#[body]` (JSON) or `#[form]` (form-encoded), not both"),
                    )),
                    None => body_seen = Some(this),
                }
                if matches!(marker, Marker::Form(_)) {
                    ArgKind::Form
                } else {
                    ArgKind::Body
                }
            }
            Some(Marker::Query(_)) => ArgKind::Query,
            Some(Marker::NamedQuery(_, key)) => {
                query_key(key, &args, errors);
                ArgKind::NamedQuery(key.clone())
            }
            Some(Marker::Invalid(_)) => ArgKind::Invalid,
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
        args.push(Arg {
            ident,
            kind,
            ty: (*arg.ty).clone(),
        });
    }
    args
}

/// A `#[query("key")]` key: not empty, only characters a query key is made of, not given twice.
fn query_key(key: &LitStr, earlier: &[Arg], errors: &mut Vec<syn::Error>) {
    let text = key.value();
    if text.is_empty() {
        errors.push(syn::Error::new(
            key.span(),
            "the query key is empty: write the key the API expects, as in `#[query(\"page[size]\")]`",
        ));
        return;
    }
    if let Some(bad) = text.chars().find(|c| !is_query_key_char(*c)) {
        errors.push(syn::Error::new(
            key.span(),
            format!("{text:?} cannot be a query key: {bad:?} is not allowed; use letters, digits, `_`, `-`, `.` and brackets, as in \"filter[status]\""),
        ));
        return;
    }
    let twice = earlier
        .iter()
        .any(|a| matches!(&a.kind, ArgKind::NamedQuery(k) if k.value() == text));
    if twice {
        errors.push(syn::Error::new(
            key.span(),
            format!("the query key {text:?} is given twice: keep one parameter for it (a `Vec` is sent comma-joined)"),
        ));
    }
}

fn is_query_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '~' | '[' | ']')
}

/// Placeholders and path parameters, both ways. When the template has errors, a parameter
/// whose name appears in it is taken to be meant by a malformed placeholder (already
/// reported), not reported again.
fn placeholders(
    path: &LitStr,
    pieces: &[Piece],
    args: &[Arg],
    template_ok: bool,
    errors: &mut Vec<syn::Error>,
) {
    let text = path.value();
    for piece in pieces {
        let Piece::Placeholder(name) = piece else {
            continue;
        };
        match find_arg(args, name) {
            Some(arg) if matches!(arg.kind, ArgKind::Path | ArgKind::Invalid) => {}
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
        let meant = !template_ok && text.contains(&arg.ident.to_string());
        if !used && !meant {
            errors.push(syn::Error::new(
                arg.ident.span(),
                format!(
                    "`{0}` is not in the path: add `{{{0}}}` to the path, or mark it `#[query]`, `#[query(\"key\")]`, `#[body]`, `#[form]` or `#[header(\"Name\")]`",
                    arg.ident
                ),
            ));
        }
    }
}

/// `paginate` needs exactly one struct `#[query]` (the page query) and a body to read.
fn pagination(key: &Ident, args: &[Arg], output: Option<&Output>, errors: &mut Vec<syn::Error>) {
    let queries = args
        .iter()
        .filter(|a| matches!(a.kind, ArgKind::Query))
        .count();
    if queries != 1 {
        errors.push(syn::Error::new(
            key.span(),
            format!(
                "`paginate` walks the pages of one `#[query]` argument whose type implements `telnyx_porting::PageQuery`, but this method has {queries}: {}",
                if queries == 0 {
                    "add `#[query] query: &MyListQuery`"
                } else {
                    "keep one struct `#[query]`, and pass the other values as named `#[query(\"key\")]` parameters"
                }
            ),
        ));
    }
    if matches!(output, Some(Output::Unit)) {
        errors.push(syn::Error::new(
            key.span(),
            "`paginate` needs a page to read: return `Result<P>` where `P` implements `telnyx_porting::Paginated`",
        ));
    }
}

fn marker_name(kind: &ArgKind) -> &'static str {
    match kind {
        ArgKind::Path => "as a path parameter",
        ArgKind::Body => "`#[body]`",
        ArgKind::Form => "`#[form]`",
        ArgKind::Query | ArgKind::NamedQuery(_) => "`#[query]`",
        ArgKind::Header(_) => "`#[header]`",
        ArgKind::Invalid => "with a helper attribute",
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

/// The options after the path, each checked on its own.
fn options(options: &[parse::OptionArg], errors: &mut Vec<syn::Error>) -> Options {
    let mut out = Options::default();
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
        let at = option
            .value
            .as_ref()
            .map_or(option.key.span(), Spanned::span);
        let string = || match &option.value {
            Some(Expr::Lit(l)) => match &l.lit {
                Lit::Str(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        };
        match key.as_str() {
            "accept" => match string().filter(|s| is_header_value(&s.value())) {
                Some(s) => out.accept = Some(s),
                None => errors.push(syn::Error::new(
                    at,
                    "`accept` takes a media type: write `accept = \"application/pdf\"`",
                )),
            },
            "idempotent" => match &option.value {
                None => out.idempotent = Some(true),
                Some(Expr::Lit(l)) if matches!(l.lit, Lit::Bool(_)) => {
                    if let Lit::Bool(b) = &l.lit {
                        out.idempotent = Some(b.value);
                    }
                }
                Some(other) => errors.push(syn::Error::new_spanned(
                    other,
                    "`idempotent` is a flag: write `idempotent`, or `idempotent = false`",
                )),
            },
            "name" | "api" => match string().filter(|s| !s.value().trim().is_empty()) {
                Some(s) if key == "name" => out.name = Some(s),
                Some(s) => out.api = Some(s),
                None => errors.push(syn::Error::new(
                    at,
                    if key == "name" {
                        "`name` takes the operation's name: write `name = \"list_widgets\"`"
                    } else {
                        "`api` takes a group name: write `api = \"widgets\"`"
                    },
                )),
            },
            "timeout" => match string().and_then(|s| duration(&s.value())) {
                Some(d) => out.timeout = Some(d),
                None => errors.push(syn::Error::new(
                    at,
                    "`timeout` takes a duration above zero in milliseconds, seconds or minutes: write `timeout = \"500ms\"`, `\"30s\"` or `\"2m\"`",
                )),
            },
            "paginate" => match &option.value {
                None => out.paginate = Some(Paginate::Default),
                Some(_) => match string().filter(|s| syn::parse_str::<Ident>(&s.value()).is_ok()) {
                    Some(s) => out.paginate = Some(Paginate::Named(s)),
                    None => errors.push(syn::Error::new(
                        at,
                        "`paginate` is a flag (the walking method is this one's name plus `_all`), or names that method: write `paginate` or `paginate = \"all_widgets\"`",
                    )),
                },
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
    out
}

/// `"500ms"`, `"30s"`, `"2m"`: a whole number above zero and a unit.
fn duration(text: &str) -> Option<Duration> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let millis = match unit {
        "ms" => Some(number),
        "s" => number.checked_mul(1_000),
        "m" => number.checked_mul(60_000),
        _ => None,
    }?;
    (millis > 0).then(|| Duration::from_millis(millis))
}

fn is_header_value(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
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

    #[test]
    fn reads_durations_in_three_units() {
        assert_eq!(duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(duration("2m"), Some(Duration::from_secs(120)));
        for bad in [
            "0s",
            "0ms",
            "30",
            "1h",
            "s",
            "",
            "1.5s",
            "-1s",
            " 1s",
            "99999999999999999999m",
        ] {
            assert_eq!(duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn checks_named_queries_forms_and_paginate() {
        let errors = check(
            quote!(POST, "/a/{id}", paginate, timeout = "1h", name = ""),
            syn::parse_quote! {
                async fn f(&self, #[query("id")] id: &str, #[query("k k")] a: u8, #[query("x")] b: u8,
                    #[query("x")] c: u8, #[form] d: &D, #[body] e: &E) -> Result<()>;
            },
        );
        let all = errors.join("\n");
        for expected in [
            "placeholder `{id}` would be filled by `id`, but that parameter is marked `#[query]`",
            "\"k k\" cannot be a query key",
            "the query key \"x\" is given twice",
            "this one is already `#[form]`",
            "`paginate` walks the pages of one `#[query]` argument",
            "`paginate` needs a page to read",
            "`timeout` takes a duration",
            "`name` takes the operation's name",
        ] {
            assert!(all.contains(expected), "{expected}: {all}");
        }
        assert_eq!(errors.len(), 8, "{all}");
    }

    #[test]
    fn reports_the_placeholders_of_a_path_with_other_mistakes() {
        let errors = check(
            quote!(get, "balance/{account}"),
            syn::parse_quote! { async fn balance(&self, acct: &str) -> Result<()>; },
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors[2].contains("`{account}` has no parameter"),
            "{errors:?}"
        );
        assert!(
            errors[3].contains("`acct` is not in the path"),
            "{errors:?}"
        );
    }
}
