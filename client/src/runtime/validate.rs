//! Client-side validation of what a user sends.

use super::error::Result;

/// A request body or query that can check itself before it is sent.
///
/// `#[endpoint]` calls [`Validate::validate`] on every `#[body]`, `#[form]` and `#[query]` argument whose
/// type implements this trait, before anything goes on the wire; types that do not implement
/// it are sent as they are. Return [`Error::invalid_input`](crate::Error::invalid_input) to
/// reject a value.
pub trait Validate {
    /// Checks the value; an error stops the call before anything is sent.
    ///
    /// # Errors
    ///
    /// An [`Error::InvalidInput`](crate::Error::InvalidInput) naming the field at fault, by
    /// convention; the call returns whatever error this returns.
    fn validate(&self) -> Result<()>;
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self) -> Result<()> {
        (**self).validate()
    }
}
