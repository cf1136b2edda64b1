//! `/porting_phone_numbers` and `/portability_checks`.

use super::handle;
use crate::models::{
    Data, ListPortingPhoneNumbersQuery, Page, PortabilityCheckDetails, PortingPhoneNumber,
    PostPortabilityCheck,
};
use crate::{ApiClient, Result, endpoint};

/// Phone numbers across porting orders: `client.porting_phone_numbers()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortingPhoneNumbers: ApiClient {
    /// One page of porting phone numbers (`GET /porting_phone_numbers`).
    #[endpoint(GET, "/porting_phone_numbers", paginate)]
    async fn list(
        &self,
        #[query] query: &ListPortingPhoneNumbersQuery,
    ) -> Result<Page<PortingPhoneNumber>>;
}

handle! {
    /// The handle [`Client::porting_phone_numbers`](crate::Client::porting_phone_numbers)
    /// returns; it implements [`PortingPhoneNumbers`].
    PortingPhoneNumbersApi: PortingPhoneNumbers
}

/// Whether numbers can be ported: `client.portability_checks()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortabilityChecks: ApiClient {
    /// Checks the numbers (`POST /portability_checks`).
    #[endpoint(POST, "/portability_checks")]
    async fn run(
        &self,
        #[body] check: &PostPortabilityCheck,
    ) -> Result<Data<Vec<PortabilityCheckDetails>>>;
}

handle! {
    /// The handle [`Client::portability_checks`](crate::Client::portability_checks) returns;
    /// it implements [`PortabilityChecks`].
    PortabilityChecksApi: PortabilityChecks
}
