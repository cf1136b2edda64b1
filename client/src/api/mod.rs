//! The Telnyx porting API, declared as `#[endpoint]` traits, one per resource, grouped the
//! way the official Telnyx SDKs group them:
//!
//! - `client.porting_orders()`: [`PortingOrders`], and from it `.actions()`, `.comments()`,
//!   `.additional_documents()`, `.verification_codes()`, `.activation_jobs()`,
//!   `.action_requirements()`, `.associated_phone_numbers()`, `.phone_number_blocks()`,
//!   `.phone_number_extensions()`, `.phone_number_configurations()`;
//! - `client.porting()`: [`Porting`] (`uk_carriers`), and `.events()`, `.reports()`,
//!   `.loa_configurations()`;
//! - `client.porting_phone_numbers()`: [`PortingPhoneNumbers`];
//! - `client.portability_checks()`: [`PortabilityChecks`];
//! - `client.documents()`: [`Documents`] (`/documents`, `/document_links`), where the LOA and
//!   the invoice are uploaded.
//!
//! # Errors
//!
//! Every method returns [`Result<T>`](crate::Result); its [`Error`](crate::Error) says what
//! went wrong:
//!
//! - [`Error::InvalidInput`](crate::Error::InvalidInput): a value was refused before anything
//!   was sent: a request body that fails its checks (see [`Validate`](crate::Validate): a
//!   number that is not +E.164, say), a `page[size]` outside `1..=250`, an empty path
//!   parameter, a header value with a line break. The server saw nothing.
//! - [`Error::Api`](crate::Error::Api): the API answered with a status outside `2xx`: `401`
//!   (a wrong or revoked key), `404` (no such order, or one of another account), `422` (the
//!   API refused the content, such as confirming an order that lacks its documents), `429`
//!   and `5xx` once the retries are spent. It carries the status, the Telnyx `errors[]` and
//!   the request id (which its `Display` already shows).
//! - [`Error::Timeout`](crate::Error::Timeout) and
//!   [`Error::Connection`](crate::Error::Connection): no whole answer arrived, after the
//!   retries the rules allow; for a `POST` or `PATCH`,
//!   [`may_have_been_applied`](crate::Error::may_have_been_applied) says whether the server
//!   may have acted anyway.
//! - [`Error::BodyTooLarge`](crate::Error::BodyTooLarge): the answer went over the client's
//!   body limit.
//! - [`Error::Decode`](crate::Error::Decode): a `2xx` body did not decode into the method's
//!   return type (the error names the JSON path).
//! - [`Error::Config`](crate::Error::Config): the client cannot send at all (a per-call
//!   connect timeout on a custom `reqwest::Client`, say).
//!
//! Each handle is a borrowed view of the [`Client`]: free to make, `Copy`. Bring the traits
//! into scope with `use telnyx_porting::prelude::*;`. When a method takes a parent and a child
//! id, the parent comes first, as in the path. This module knows nothing of HTTP libraries.

mod documents;
mod order_resources;
mod porting;
mod porting_orders;
mod top_level;

pub use documents::{Documents, DocumentsApi};
pub use order_resources::{
    ActionRequirements, ActionRequirementsApi, ActivationJobs, ActivationJobsApi,
    AdditionalDocuments, AdditionalDocumentsApi, AssociatedPhoneNumbers, AssociatedPhoneNumbersApi,
    Comments, CommentsApi, PhoneNumberBlocks, PhoneNumberBlocksApi, PhoneNumberConfigurations,
    PhoneNumberConfigurationsApi, PhoneNumberExtensions, PhoneNumberExtensionsApi,
    PortingOrderActions, PortingOrderActionsApi, VerificationCodes, VerificationCodesApi,
};
pub use porting::{
    LoaConfigurations, LoaConfigurationsApi, Porting, PortingApi, PortingEvents, PortingEventsApi,
    PortingReports, PortingReportsApi,
};
pub use porting_orders::{PortingOrders, PortingOrdersApi};
pub use top_level::{
    PortabilityChecks, PortabilityChecksApi, PortingPhoneNumbers, PortingPhoneNumbersApi,
};

use crate::Client;

/// Declares a handle: a `Copy` view of the client that implements one resource trait.
macro_rules! handle {
    ($(#[$meta:meta])* $name:ident: $trait_:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name<'a> {
            client: &'a crate::Client,
        }

        impl<'a> $name<'a> {
            /// A handle on `client`.
            pub fn new(client: &'a crate::Client) -> Self {
                $name { client }
            }
        }

        impl crate::ApiClient for $name<'_> {
            fn api_client(&self) -> &crate::Client {
                self.client
            }
        }

        impl $trait_ for $name<'_> {}
    };
}
pub(crate) use handle;

impl Client {
    /// Porting orders (`/porting_orders`) and their sub-resources.
    ///
    /// ```no_run
    /// use telnyx_porting::prelude::*;
    /// use telnyx_porting::models::CreatePortingOrder;
    ///
    /// # async fn run() -> telnyx_porting::Result<()> {
    /// let client = telnyx_porting::Client::from_env()?;
    /// let order = CreatePortingOrder::new(["+13035550000", "+13035550001"]);
    /// let created = client.porting_orders().create(&order).await?;
    /// for order in &created.data {
    ///     println!("{:?} {:?}", order.id, order.status_value());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn porting_orders(&self) -> PortingOrdersApi<'_> {
        PortingOrdersApi::new(self)
    }

    /// The `/porting` resources: events, reports, LOA configurations and UK carriers.
    pub fn porting(&self) -> PortingApi<'_> {
        PortingApi::new(self)
    }

    /// Phone numbers across porting orders (`/porting_phone_numbers`).
    pub fn porting_phone_numbers(&self) -> PortingPhoneNumbersApi<'_> {
        PortingPhoneNumbersApi::new(self)
    }

    /// Portability checks (`/portability_checks`).
    pub fn portability_checks(&self) -> PortabilityChecksApi<'_> {
        PortabilityChecksApi::new(self)
    }

    /// Documents (`/documents`, `/document_links`): upload the LOA and the invoice, then name
    /// them in the order's `documents`.
    pub fn documents(&self) -> DocumentsApi<'_> {
        DocumentsApi::new(self)
    }
}
