//! The `#[endpoint]` attribute macro of [`telnyx-porting`](https://docs.rs/telnyx-porting).
//!
//! Use it through the client crate (`telnyx_porting::endpoint`), which documents the contract.
//! The macro works in three steps, each in its own module:
//!
//! - `parse`: the attribute and the method signature into plain structs;
//! - `validate`: those structs into an `Endpoint` model, collecting every error,
//!   each a `syn::Error` on its token;
//! - `expand`: the model into a provided trait method that builds, sends and decodes the
//!   request through `::telnyx_porting::__private`.
//!
//! On any error the macro still emits the method's declaration (without its helper
//! attributes), so one mistake does not cascade into unrelated errors.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use proc_macro::TokenStream;

mod expand;
mod parse;
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
