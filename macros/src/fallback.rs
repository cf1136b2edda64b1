//! What the macro emits when its input is wrong: the errors, and the method kept whole as a
//! provided method whose body cannot be reached, so that the trait's impls (`impl Api for
//! Client {}`) and callers see no follow-on error (thiserror's "minimize spurious secondary
//! errors").

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{FnArg, Ident, Lit, Type};

use crate::model::Output;
use crate::parse::{Input, Marker};

/// The errors, then the method as written with its helper attributes stripped and the body
/// `unreachable!()`; with `paginate`, its walker too, when the types it needs are there.
pub fn expand(input: &Input, errors: &[syn::Error]) -> TokenStream {
    let walker = walker(input);
    let mut func = input.func.clone();
    let sig = &mut func.sig;
    // Qualifiers a trait method cannot have: each was reported, none should add an error.
    sig.constness = None;
    sig.variadic = None;
    if matches!(sig.safety, syn::Safety::Safe(_)) {
        sig.safety = syn::Safety::Default;
    }
    // A provided method taking `self` by value needs `Self: Sized`.
    let by_value = matches!(
        sig.receiver().map(|r| &r.kind),
        Some(syn::ReceiverKind::Value)
    );
    if by_value {
        sig.generics
            .make_where_clause()
            .predicates
            .push(syn::parse_quote!(Self: ::core::marker::Sized));
    }
    func.default = Some(syn::parse_quote!({ ::core::unreachable!() }));
    func.semi_token = None;
    let errors = errors.iter().map(syn::Error::to_compile_error);
    quote! {
        #(#errors)*
        #[allow(async_fn_in_trait, unreachable_code, unused_variables, clippy::unused_async)]
        #func
        #walker
    }
}

/// The `paginate` walker, body `unreachable!()`, so that its callers see no follow-on error:
/// only when the walker's name, its one `#[query]` type and the page type can be read.
fn walker(input: &Input) -> Option<TokenStream> {
    let option = input.attr.options.iter().find(|o| o.key == "paginate")?;
    let sig = &input.func.sig;
    let name = match &option.value {
        None => format_ident!("{}_all", sig.ident),
        Some(syn::Expr::Lit(l)) => match &l.lit {
            Lit::Str(s) => syn::parse_str::<Ident>(&s.value()).ok()?,
            _ => return None,
        },
        Some(_) => return None,
    };
    let typed: Vec<&syn::PatType> = sig
        .inputs
        .iter()
        .filter_map(|i| match i {
            FnArg::Typed(t) => Some(t),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let mut queries = typed
        .iter()
        .zip(&input.markers)
        .filter(|(_, m)| matches!(m.first(), Some(Marker::Query(_))));
    let (query, _) = queries.next()?;
    if queries.next().is_some() || !matches!(sig.inputs.first(), Some(FnArg::Receiver(_))) {
        return None;
    }
    let query_ty = match &*query.ty {
        Type::Reference(r) => &*r.elem,
        other => other,
    };
    let Some(Output::Value(page)) = crate::signature::output(sig, &mut Vec::new()) else {
        return None;
    };
    let inputs = &sig.inputs;
    Some(quote! {
        #[allow(unreachable_code, unused_variables)]
        fn #name(#inputs) -> ::telnyx_porting::__private::Pages<'static, #query_ty, #page> {
            ::core::unreachable!()
        }
    })
}
