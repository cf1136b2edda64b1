//! Expansion: a valid [`Endpoint`] into a provided trait method. Generated code names runtime
//! items only through `::telnyx_porting::__private`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{FnArg, Ident, TraitItemFn};

use crate::template::Piece;
use crate::validate::{ArgKind, Endpoint, Method, Output, find_arg};

/// The macro's entry point: parse, validate, expand; on any error, the declaration plus the
/// errors.
pub fn endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = match syn::parse2::<TraitItemFn>(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let error = syn::Error::new(
                Span::call_site(),
                "`#[endpoint]` goes on a method declared in a trait, such as `async fn get(&self, id: &str) -> Result<T>;`",
            )
            .to_compile_error();
            return quote!(#error #item);
        }
    };
    let mut errors = Vec::new();
    let input = crate::parse::parse(attr, func, &mut errors);
    let model = crate::validate::validate(&input, &mut errors);
    match model {
        Some(model) if errors.is_empty() => render(&input.func, &model),
        _ => {
            let mut func = input.func.clone();
            // Patterns are not allowed in a method without a body; `_` keeps rustc quiet.
            for arg in &mut func.sig.inputs {
                if let FnArg::Typed(t) = arg
                    && !matches!(*t.pat, syn::Pat::Ident(_) | syn::Pat::Wild(_))
                {
                    *t.pat = syn::Pat::Wild(syn::PatWild {
                        attrs: Vec::new(),
                        underscore_token: Default::default(),
                    });
                }
            }
            let errors = errors.iter().map(syn::Error::to_compile_error);
            // The declaration as written, so the trait stays whole and the only errors are
            // the ones above.
            quote!(#(#errors)* #[allow(async_fn_in_trait)] #func)
        }
    }
}

fn render(func: &TraitItemFn, endpoint: &Endpoint) -> TokenStream {
    let rt = quote!(::telnyx_porting::__private);
    let attrs = &func.attrs;
    let sig = &func.sig;
    let name = &sig.ident;
    let inputs = sig.inputs.iter().map(|input| match input {
        FnArg::Typed(t) => {
            let (pat, ty) = (&t.pat, &t.ty);
            let attrs = &t.attrs;
            quote!(#(#attrs)* #pat: #ty)
        }
        FnArg::Receiver(r) => quote!(#r),
    });

    let request = Ident::new("__telnyx_request", Span::mixed_site());
    let endpoint_static = Ident::new("__TELNYX_ENDPOINT", Span::mixed_site());

    let method = Ident::new(
        match endpoint.method {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        },
        Span::call_site(),
    );
    let template = &endpoint.path;
    let accept = match &endpoint.accept {
        Some(a) => quote!(::core::option::Option::Some(#a)),
        None => quote!(::core::option::Option::None),
    };
    let idempotent = match endpoint.idempotent {
        Some(b) => quote!(::core::option::Option::Some(#b)),
        None => quote!(::core::option::Option::None),
    };

    let path = endpoint.pieces.iter().map(|piece| match piece {
        Piece::Literal(text) => quote!(#request.literal(#text);),
        Piece::Placeholder(placeholder) => {
            let arg =
                find_arg(&endpoint.args, placeholder).filter(|a| matches!(a.kind, ArgKind::Path));
            match arg {
                Some(arg) => {
                    let ident = &arg.ident;
                    quote!(#request.param(#placeholder, &#ident);)
                }
                // Validation guarantees a binding; stay total all the same.
                None => quote!(),
            }
        }
    });

    let rest = endpoint.args.iter().map(|arg| {
        let ident = &arg.ident;
        let label = ident.to_string();
        let check = quote_spanned!(ident.span()=>
            #request.check((&#rt::Check(&#ident)).telnyx_validate());
        );
        match &arg.kind {
            ArgKind::Path => quote!(),
            ArgKind::Body => quote!(#check #request.json(#label, &#ident);),
            ArgKind::Query => quote!(#check #request.query(#label, &#ident);),
            ArgKind::Header(header) => quote!(#request.header(#header, &#ident);),
        }
    });

    let return_type = &endpoint.return_type;
    let send = match &endpoint.output {
        Output::Unit => quote!(#rt::send_empty),
        Output::Value(ty) => quote!(#rt::send::<#ty>),
    };
    let client = quote_spanned!(name.span()=>
        <Self as #rt::ApiClient>::api_client(self)
    );

    quote! {
        #(#attrs)*
        fn #name(#(#inputs),*)
            -> impl #rt::Future<Output = #return_type> + #rt::Send
        {
            #[allow(unused_imports)]
            use #rt::{ViaNoValidate as _, ViaValidate as _};
            static #endpoint_static: #rt::Endpoint = #rt::Endpoint {
                method: #rt::HttpMethod::#method,
                template: #template,
                accept: #accept,
                idempotent: #idempotent,
            };
            let mut #request = #rt::Request::new(&#endpoint_static);
            #(#path)*
            #(#rest)*
            #send(#client, #request)
        }
    }
}
