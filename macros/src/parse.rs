//! Parsing: the attribute's arguments and the method's parameter markers into plain structs.
//! Only syntax is checked here; meaning is checked in [`crate::validate`].

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, FnArg, Ident, Lit, LitStr, Meta, Token, TraitItemFn};

use crate::model::Method;

/// The valid `key = value` options after the path.
pub const OPTIONS: [&str; 6] = ["accept", "idempotent", "name", "api", "timeout", "paginate"];

/// `#[endpoint(METHOD, "/path", key = value, flag)]`, as written.
#[derive(Default)]
pub struct AttrArgs {
    /// The method identifier, e.g. `POST`.
    pub method: Option<Ident>,
    /// The path literal.
    pub path: Option<LitStr>,
    /// Options after the path.
    pub options: Vec<OptionArg>,
}

/// One `key = value` or bare `key` option.
pub struct OptionArg {
    /// The key.
    pub key: Ident,
    /// The value, absent for a bare flag.
    pub value: Option<Expr>,
}

/// A helper attribute on a parameter.
pub enum Marker {
    /// `#[body]`
    Body(Attribute),
    /// `#[form]`
    Form(Attribute),
    /// `#[query]`
    Query(Attribute),
    /// `#[query("key")]`
    NamedQuery(Attribute, LitStr),
    /// `#[header("Name")]`
    Header(Attribute, LitStr),
    /// A helper attribute written wrong (already reported): the parameter is left alone, so
    /// that it causes no second error.
    Invalid(Attribute),
}

impl Marker {
    /// The attribute as written, for error spans.
    pub fn attr(&self) -> &Attribute {
        match self {
            Marker::Body(a)
            | Marker::Form(a)
            | Marker::Query(a)
            | Marker::NamedQuery(a, _)
            | Marker::Header(a, _)
            | Marker::Invalid(a) => a,
        }
    }

    /// How the marker is written, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Marker::Body(_) => "#[body]",
            Marker::Form(_) => "#[form]",
            Marker::Query(_) | Marker::NamedQuery(..) => "#[query]",
            Marker::Header(..) => "#[header]",
            Marker::Invalid(_) => "with a helper attribute",
        }
    }
}

/// Everything the macro was given, parsed.
pub struct Input {
    /// The attribute's arguments.
    pub attr: AttrArgs,
    /// The method, without helper attributes and without any repeated `#[endpoint]`: this is
    /// what is emitted when validation fails.
    pub func: TraitItemFn,
    /// The markers of each typed parameter, in order (the receiver excluded).
    pub markers: Vec<Vec<Marker>>,
}

/// Parses the attribute and strips the helper attributes off the method.
pub fn parse(attr: TokenStream, mut func: TraitItemFn, errors: &mut Vec<syn::Error>) -> Input {
    let attr = parse_attr(attr, errors);

    func.attrs.retain(|a| {
        let repeated = a
            .path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "endpoint");
        if repeated {
            errors.push(syn::Error::new_spanned(
                a,
                "`#[endpoint]` is written twice on this method: keep one",
            ));
        }
        !repeated
    });

    let mut markers = Vec::new();
    for input in &mut func.sig.inputs {
        let FnArg::Typed(arg) = input else { continue };
        let mut found = Vec::new();
        arg.attrs.retain(|a| match parse_marker(a, errors) {
            Some(marker) => {
                found.push(marker);
                false
            }
            None => true,
        });
        markers.push(found);
    }
    Input {
        attr,
        func,
        markers,
    }
}

/// The helper attributes, by name: the one place that knows them.
#[derive(Clone, Copy)]
enum MarkerName {
    Body,
    Form,
    Query,
    Header,
}

fn marker_name(a: &Attribute) -> Option<MarkerName> {
    let ident = a.path().get_ident()?;
    Some(match ident.to_string().as_str() {
        "body" => MarkerName::Body,
        "form" => MarkerName::Form,
        "query" => MarkerName::Query,
        "header" => MarkerName::Header,
        _ => return None,
    })
}

fn parse_marker(a: &Attribute, errors: &mut Vec<syn::Error>) -> Option<Marker> {
    let name = marker_name(a)?;
    Some(parse_known_marker(a, name, errors).unwrap_or_else(|| Marker::Invalid(a.clone())))
}

fn parse_known_marker(
    a: &Attribute,
    name: MarkerName,
    errors: &mut Vec<syn::Error>,
) -> Option<Marker> {
    let string_arg = |usage: &str, errors: &mut Vec<syn::Error>| match &a.meta {
        Meta::List(list) => match list.parse_args::<LitStr>() {
            Ok(name) => Some(name),
            Err(_) => {
                errors.push(syn::Error::new_spanned(&list.tokens, usage));
                None
            }
        },
        _ => {
            errors.push(syn::Error::new_spanned(a, usage));
            None
        }
    };
    match name {
        MarkerName::Body | MarkerName::Form => {
            let (written, marker): (&str, fn(Attribute) -> Marker) = match name {
                MarkerName::Body => ("body", Marker::Body),
                _ => ("form", Marker::Form),
            };
            if matches!(a.meta, Meta::Path(_)) {
                Some(marker(a.clone()))
            } else {
                errors.push(syn::Error::new_spanned(
                    a,
                    format!("`#[{written}]` takes no arguments: write `#[{written}]`"),
                ));
                None
            }
        }
        MarkerName::Query => match &a.meta {
            Meta::Path(_) => Some(Marker::Query(a.clone())),
            _ => string_arg(
                "`#[query]` takes a struct of parameters, or the key of one value: write `#[query]` or `#[query(\"page[size]\")]`",
                errors,
            )
            .map(|key| Marker::NamedQuery(a.clone(), key)),
        },
        MarkerName::Header => string_arg(
            "`#[header]` needs the header's name: write `#[header(\"X-Header-Name\")]`",
            errors,
        )
        .map(|name| Marker::Header(a.clone(), name)),
    }
}

fn parse_attr(tokens: TokenStream, errors: &mut Vec<syn::Error>) -> AttrArgs {
    let usage = "write `#[endpoint(GET, \"/path/{id}\")]`: an HTTP method, then the path";
    let mut out = AttrArgs::default();
    let parsed = match Punctuated::<Expr, Token![,]>::parse_terminated.parse2(tokens) {
        Ok(p) => p,
        Err(e) => {
            errors.push(syn::Error::new(e.span(), format!("{e}; {usage}")));
            return out;
        }
    };
    if parsed.is_empty() {
        errors.push(syn::Error::new(
            Span::call_site(),
            format!("missing HTTP method and path: {usage}"),
        ));
        return out;
    }
    let mut items = parsed.into_iter().peekable();

    // 1. The method.
    match items.peek() {
        Some(Expr::Path(p)) if p.path.get_ident().is_some() => {
            out.method = p.path.get_ident().cloned();
            items.next();
        }
        Some(Expr::Lit(l)) if matches!(l.lit, Lit::Str(_)) => {
            errors.push(syn::Error::new_spanned(
                l,
                format!("missing HTTP method before the path: {usage}"),
            ));
        }
        Some(other) => {
            errors.push(syn::Error::new_spanned(
                other,
                format!(
                    "expected an HTTP method, one of {}: {usage}",
                    Method::ALL.map(Method::name).join(", ")
                ),
            ));
            items.next();
        }
        None => {}
    }

    // 2. The path.
    match items.peek() {
        Some(Expr::Lit(l)) if matches!(l.lit, Lit::Str(_)) => {
            if let Lit::Str(s) = &l.lit {
                out.path = Some(s.clone());
            }
            items.next();
        }
        Some(Expr::Assign(_)) | None => {
            let span = out
                .method
                .as_ref()
                .map_or_else(Span::call_site, Ident::span);
            errors.push(syn::Error::new(
                span,
                format!("missing path after the HTTP method: {usage}"),
            ));
        }
        Some(other) => {
            errors.push(syn::Error::new_spanned(
                other,
                "the path must be a string literal, such as \"/porting_orders/{id}\"",
            ));
            items.next();
        }
    }

    // 3. Options.
    for item in items {
        match item {
            Expr::Assign(assign) => match &*assign.left {
                Expr::Path(p) if p.path.get_ident().is_some() => {
                    if let Some(key) = p.path.get_ident() {
                        out.options.push(OptionArg {
                            key: key.clone(),
                            value: Some(*assign.right),
                        });
                    }
                }
                other => errors.push(syn::Error::new_spanned(
                    other,
                    format!("expected an option name, one of {}", list(&OPTIONS)),
                )),
            },
            Expr::Path(p) if p.path.get_ident().is_some() => {
                if let Some(key) = p.path.get_ident() {
                    out.options.push(OptionArg {
                        key: key.clone(),
                        value: None,
                    });
                }
            }
            other => errors.push(syn::Error::new_spanned(
                other,
                format!(
                    "expected an option such as `timeout = \"30s\"` or `idempotent`; the options are {}",
                    list(&OPTIONS)
                ),
            )),
        }
    }
    out
}

/// "`a`, `b`, `c`"
pub fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn attr(tokens: TokenStream) -> (AttrArgs, Vec<String>) {
        let mut errors = Vec::new();
        let args = parse_attr(tokens, &mut errors);
        (args, errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn parses_method_path_and_options() {
        let (a, e) = attr(quote!(
            GET,
            "/porting_orders/{id}",
            accept = "application/pdf",
            idempotent
        ));
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a.method.map(|m| m.to_string()).as_deref(), Some("GET"));
        assert_eq!(
            a.path.map(|p| p.value()).as_deref(),
            Some("/porting_orders/{id}")
        );
        let keys: Vec<String> = a.options.iter().map(|o| o.key.to_string()).collect();
        assert_eq!(keys, ["accept", "idempotent"]);
        assert!(a.options[1].value.is_none());
    }

    #[test]
    fn reports_missing_and_misplaced_pieces() {
        assert!(attr(quote!()).1[0].contains("missing HTTP method and path"));
        assert!(attr(quote!(GET)).1[0].contains("missing path"));
        assert!(attr(quote!("/x")).1[0].contains("missing HTTP method"));
        assert!(attr(quote!(GET, x)).1[0].contains("string literal"));
        assert!(attr(quote!(GET, concat!("/a"))).1[0].contains("string literal"));
        assert!(attr(quote!(GET, "/x", 5)).1[0].contains("expected an option"));
        assert!(attr(quote!(GET "/x")).1[0].contains("write `#[endpoint(GET"));
    }

    #[test]
    fn strips_markers_and_reports_bad_ones() {
        let func: TraitItemFn = syn::parse_quote! {
            async fn f(&self, #[body] a: &A, #[header("X-Y")] b: &str, #[header] c: &str, #[query(x)] d: &Q,
                #[query("page[size]")] e: u32, #[form] f: &F, #[form(x)] g: &F) -> Result<()>;
        };
        let mut errors = Vec::new();
        let input = parse(quote!(POST, "/f"), func, &mut errors);
        assert_eq!(
            input.markers.iter().map(Vec::len).collect::<Vec<_>>(),
            [1, 1, 1, 1, 1, 1, 1]
        );
        assert_eq!(errors.len(), 3);
        let f = &input.func;
        let emitted = quote!(#f).to_string();
        assert!(
            !emitted.contains("body") && !emitted.contains("header") && !emitted.contains("form"),
            "{emitted}"
        );
    }
}
