//! What the macro emits when its input is wrong: the errors, and the method kept whole as a
//! provided method whose body cannot be reached, so that the trait's impls (`impl Api for
//! Client {}`) and callers see no follow-on error (thiserror's "minimize spurious secondary
//! errors").

use proc_macro2::TokenStream;
use quote::quote;

use syn::TraitItemFn;

/// The errors, then the method as written with its helper attributes stripped and the body
/// `unreachable!()`.
pub fn expand(func: &TraitItemFn, errors: &[syn::Error]) -> TokenStream {
    let mut func = func.clone();
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
    }
}
