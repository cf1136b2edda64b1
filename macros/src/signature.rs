//! Signature checks, one named function per part of the method: its qualifiers, its receiver,
//! its return type.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Signature, TraitItemFn, Type};

use crate::model::Output;

/// Where the method is declared and how: no body, `async`, not `const`, `unsafe`, `extern`,
/// generic or variadic.
pub fn qualifiers(func: &TraitItemFn, errors: &mut Vec<syn::Error>) {
    let sig = &func.sig;
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
}

/// The receiver: plain `&self`, first.
pub fn receiver(sig: &Signature, errors: &mut Vec<syn::Error>) {
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
}

/// The return type: `Result<T>`, with `()` meaning no body.
pub fn output(sig: &Signature, errors: &mut Vec<syn::Error>) -> Option<Output> {
    let name_span: Span = sig.ident.span();
    let usage = "endpoint methods return `Result<T>` (telnyx_porting::Result): `T` decoded from JSON, `()` for no body, or `Binary` for raw bytes";
    let ty = match &sig.output {
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
