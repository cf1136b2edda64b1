//! Expansion: a valid [`Endpoint`] into a provided trait method (and, with `paginate`, the
//! method that walks its pages). Generated code names runtime items only through
//! `::telnyx_porting::__private`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{FnArg, Ident, TraitItemFn, Type};

use crate::model::{Arg, ArgKind, Endpoint, Output, Paginate};
use crate::template::Piece;
use crate::validate::find_arg;

/// The macro's entry point: parse, validate, expand; on any error, the errors and the method
/// kept whole (see [`crate::fallback`]).
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
        _ => crate::fallback::expand(&input, &errors),
    }
}

fn render(func: &TraitItemFn, endpoint: &Endpoint) -> TokenStream {
    let rt = quote!(::telnyx_porting::__private);
    let attrs = &func.attrs;
    let sig = &func.sig;
    let name = &sig.ident;
    let inputs: Vec<TokenStream> = sig
        .inputs
        .iter()
        .map(|input| match input {
            FnArg::Typed(t) => {
                let (pat, ty) = (&t.pat, &t.ty);
                let attrs = &t.attrs;
                quote!(#(#attrs)* #pat: #ty)
            }
            FnArg::Receiver(r) => quote!(#r),
        })
        .collect();

    let request = Ident::new("__telnyx_request", Span::mixed_site());
    let endpoint_static = Ident::new("__TELNYX_ENDPOINT", Span::mixed_site());
    let descriptor = descriptor(endpoint, &name.to_string());

    let path = path(endpoint, &request);
    let rest = endpoint
        .args
        .iter()
        .map(|arg| fill(arg, &request, &rt, true));

    let return_type = &endpoint.return_type;
    let send = match &endpoint.output {
        Output::Unit => quote!(#rt::send_empty),
        Output::Value(ty) => quote!(#rt::send::<#ty>),
    };
    let client = quote_spanned!(name.span()=>
        <Self as #rt::ApiClient>::api_client(self)
    );

    let pages = match (&endpoint.options.paginate, &endpoint.output) {
        (Some(paginate), Output::Value(page)) => {
            let walker = match paginate {
                Paginate::Default => format_ident!("{}_all", name),
                Paginate::Named(lit) => Ident::new(&lit.value(), lit.span()),
            };
            render_pages(
                func,
                endpoint,
                PagesParts {
                    walker,
                    inputs: &inputs,
                    page,
                    descriptor: &descriptor,
                    path: &path,
                    request: &request,
                    endpoint_static: &endpoint_static,
                    client: &client,
                },
            )
        }
        _ => quote!(),
    };

    quote! {
        #(#attrs)*
        fn #name(#(#inputs),*)
            -> impl #rt::Future<Output = #return_type> + #rt::Send
        {
            #[allow(unused_imports)]
            use #rt::{ViaNoValidate as _, ViaValidate as _, ViaDisplay as _, ViaSerialize as _};
            static #endpoint_static: #rt::Endpoint = #descriptor;
            let mut #request = #rt::Request::new(&#endpoint_static);
            #(#path)*
            #(#rest)*
            #send(#client, #request)
        }

        #pages
    }
}

/// The `Endpoint` descriptor, built through the runtime's `const fn`.
fn descriptor(endpoint: &Endpoint, method_name: &str) -> TokenStream {
    let rt = quote!(::telnyx_porting::__private);
    let method = Ident::new(endpoint.method.variant(), Span::call_site());
    let template = &endpoint.path;
    let options = &endpoint.options;
    let some = |value: Option<TokenStream>| match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    };
    let name = match &options.name {
        Some(lit) => quote!(#lit),
        None => quote!(#method_name),
    };
    let api = some(options.api.as_ref().map(|a| quote!(#a)));
    let accept = some(options.accept.as_ref().map(|a| quote!(#a)));
    let idempotent = some(options.idempotent.map(|b| quote!(#b)));
    let timeout = some(options.timeout.map(|t| {
        let millis = u64::try_from(t.as_millis()).unwrap_or(u64::MAX);
        quote!(#rt::Duration::from_millis(#millis))
    }));
    quote!(#rt::endpoint(
        #rt::HttpMethod::#method, #template, #name, #api, #accept, #idempotent, #timeout
    ))
}

/// The statements that fill the path.
fn path(endpoint: &Endpoint, request: &Ident) -> Vec<TokenStream> {
    endpoint
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => quote!(#request.literal(#text);),
            Piece::Placeholder(placeholder) => {
                let arg = find_arg(&endpoint.args, placeholder)
                    .filter(|a| matches!(a.kind, ArgKind::Path));
                match arg {
                    Some(arg) => {
                        let ident = &arg.ident;
                        quote!(#request.param(#placeholder, &#ident);)
                    }
                    // Validation guarantees a binding; stay total all the same.
                    None => quote!(),
                }
            }
        })
        .collect()
}

/// The statement that puts one (non-path) argument into the request. `with_query` is false
/// for the page query of a walker, which is added page by page.
fn fill(arg: &Arg, request: &Ident, rt: &TokenStream, with_query: bool) -> TokenStream {
    let ident = &arg.ident;
    let label = ident.to_string();
    let check = quote_spanned!(ident.span()=>
        #request.check((&#rt::Check(&#ident)).telnyx_validate());
    );
    match &arg.kind {
        ArgKind::Path | ArgKind::Invalid => quote!(),
        ArgKind::Body => quote!(#check #request.json(#label, &#ident);),
        ArgKind::Form => quote!(#check #request.form(#label, &#ident);),
        ArgKind::Query if with_query => quote!(#check #request.query(#label, &#ident);),
        ArgKind::Query => quote!(),
        ArgKind::NamedQuery(key) => quote_spanned!(ident.span()=>
            (&#rt::QueryArg(&#ident)).telnyx_query(&mut #request, #key);
        ),
        ArgKind::Header(header) => quote!(#request.header(#header, &#ident);),
    }
}

struct PagesParts<'a> {
    walker: Ident,
    inputs: &'a [TokenStream],
    page: &'a Type,
    descriptor: &'a TokenStream,
    path: &'a [TokenStream],
    request: &'a Ident,
    endpoint_static: &'a Ident,
    client: &'a TokenStream,
}

/// The walker: the same arguments, every page as one stream. The request is built once
/// without the page query; each page adds its query where it stands among the arguments.
fn render_pages(func: &TraitItemFn, endpoint: &Endpoint, parts: PagesParts<'_>) -> TokenStream {
    let rt = quote!(::telnyx_porting::__private);
    let PagesParts {
        walker,
        inputs,
        page,
        descriptor,
        path,
        request,
        endpoint_static,
        client,
    } = parts;
    let Some(position) = endpoint
        .args
        .iter()
        .position(|a| matches!(a.kind, ArgKind::Query))
    else {
        return quote!();
    };
    let query = &endpoint.args[position];
    let (before, after) = endpoint.args.split_at(position);
    let before = before.iter().map(|a| fill(a, request, &rt, false));
    let after = after[1..].iter().map(|a| fill(a, request, &rt, false));
    let (query_ty, owned) = match &query.ty {
        Type::Reference(r) => {
            let ident = &query.ident;
            (&*r.elem, quote!(::core::clone::Clone::clone(#ident)))
        }
        other => {
            let ident = &query.ident;
            (other, quote!(#ident))
        }
    };
    let query_ident = &query.ident;
    let label = query_ident.to_string();
    let mark = Ident::new("__telnyx_mark", Span::mixed_site());
    let page_query = Ident::new("__telnyx_page_query", Span::mixed_site());
    let docs = func.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let name = &func.sig.ident;
    let summary = format!(
        " Every item of every page of [`{name}`](Self::{name}), fetched lazily as the stream is read: `while let Some(item) = pages.try_next().await? {{ .. }}`, or `.collect_all()`."
    );
    quote! {
        #[doc = #summary]
        #[doc = ""]
        #(#docs)*
        fn #walker(#(#inputs),*) -> #rt::Pages<'static, #query_ty, #page> {
            #[allow(unused_imports)]
            use #rt::{ViaNoValidate as _, ViaValidate as _, ViaDisplay as _, ViaSerialize as _};
            static #endpoint_static: #rt::Endpoint = #descriptor;
            let mut #request = #rt::Request::new(&#endpoint_static);
            #(#path)*
            #(#before)*
            let #mark = #request.query_mark();
            #(#after)*
            let #page_query: #query_ty = #owned;
            #rt::pages(#client, #request, #mark, #page_query, |#request, #query_ident| {
                #request.check((&#rt::Check(#query_ident)).telnyx_validate());
                #request.query(#label, #query_ident);
            })
        }
    }
}
