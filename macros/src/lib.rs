//! The `#[endpoint]` attribute macro of [`telnyx-porting`](https://docs.rs/telnyx-porting).
//!
//! Use it through the client crate (`telnyx_porting::endpoint`), which documents the contract.
//! The macro works in three steps, each in its own module:
//!
//! - `parse`: the attribute and the method signature into plain structs (one `match` on the
//!   helper attribute's name);
//! - `validate` (with `signature` for the qualifiers, receiver and return type, and
//!   `template` for the path): those structs into the `model`, collecting every error, each a
//!   `syn::Error` on its token. Each section is checked even when another failed: a path
//!   that parses is enough to check its placeholders, so one compile shows every mistake;
//! - `expand`: the model into a provided trait method that builds, sends and decodes the
//!   request through `::telnyx_porting::__private` (and, with `paginate`, the method that
//!   walks its pages).
//!
//! # On failure
//!
//! `fallback` emits the errors and the method as written (helper attributes stripped) as a
//! *provided* method whose body is `unreachable!()`, with `where Self: Sized` for a
//! by-value `self`. The trait stays whole, so `impl Api for Client {}` and the callers get no
//! follow-on error: the macro's own errors are the only ones. With `paginate`, the walker
//! is emitted the same way whenever its name, its one `#[query]` type and its page type can
//! be read, so that its callers get no second error either.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

mod expand;
mod fallback;
mod model;
mod parse;
mod signature;
mod template;
mod validate;

/// Turns a trait method declaration into a provided method that calls an HTTP endpoint.
///
/// ```ignore
/// #[endpoint(POST, "/porting_orders")]
/// async fn create(&self, #[body] order: &CreatePortingOrder) -> Result<Data<Vec<PortingOrder>>>;
/// ```
///
/// See `telnyx_porting::endpoint` for the whole contract.
#[proc_macro_attribute]
pub fn endpoint(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(attr.into(), item.into()).into()
}
