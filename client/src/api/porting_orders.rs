//! `/porting_orders`: requests to move phone numbers from their carrier to Telnyx.

use super::handle;
use super::order_resources::{
    ActionRequirementsApi, ActivationJobsApi, AdditionalDocumentsApi, AssociatedPhoneNumbersApi,
    CommentsApi, PhoneNumberBlocksApi, PhoneNumberConfigurationsApi, PhoneNumberExtensionsApi,
    PortingOrderActionsApi, VerificationCodesApi,
};
use crate::models::{
    CreatePortingOrder, Data, GetSubRequestByPortingOrder, ListPortingOrdersQuery,
    ListRequirementsQuery, LoaTemplateQuery, Page, PortingOrder, PortingOrderId,
    PortingOrderRequirementDetail, PortingOrderResponse, PortingOrdersAllowedFocWindow,
    PortingOrdersExceptionType, RetrievePortingOrderQuery, UpdatePortingOrder,
};
use crate::{ApiClient, Binary, Result, endpoint};

/// Porting orders: create, read, change, list and delete them, plus the order-level look-ups.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortingOrders: ApiClient {
    /// Creates a porting order for the given numbers (`POST /porting_orders`).
    ///
    /// The API may split one request into several orders (by carrier or number type, say), so
    /// the answer is a list: `created.data` holds every order created, each in `draft` status.
    ///
    /// The order is checked before anything is sent (see [`CreatePortingOrder`]'s
    /// [`Validate`](crate::Validate) impl): at least one number, every number +E.164, no
    /// duplicates. A violation is an [`Error::InvalidInput`](crate::Error::InvalidInput)
    /// naming the index and the value. The API answers `422` for what it refuses itself.
    #[endpoint(POST, "/porting_orders")]
    async fn create(&self, #[body] order: &CreatePortingOrder) -> Result<Data<Vec<PortingOrder>>>;

    /// Retrieves one porting order (`GET /porting_orders/{id}`), with its first 50 phone
    /// numbers. [`retrieve_with`](Self::retrieve_with) takes a query.
    #[endpoint(GET, "/porting_orders/{id}")]
    async fn retrieve(&self, id: PortingOrderId) -> Result<PortingOrderResponse>;

    /// [`retrieve`](Self::retrieve) with a query, which can leave out the phone numbers
    /// (`GET /porting_orders/{id}?include_phone_numbers=false`).
    #[endpoint(GET, "/porting_orders/{id}")]
    async fn retrieve_with(
        &self,
        id: PortingOrderId,
        #[query] query: &RetrievePortingOrderQuery,
    ) -> Result<PortingOrderResponse>;

    /// Edits a porting order (`PATCH /porting_orders/{id}`): fields left
    /// [`Absent`](crate::models::Patch::Absent) keep their value; `Null` clears them.
    #[endpoint(PATCH, "/porting_orders/{id}")]
    async fn update(
        &self,
        id: PortingOrderId,
        #[body] changes: &UpdatePortingOrder,
    ) -> Result<PortingOrderResponse>;

    /// Lists porting orders, one page (`GET /porting_orders`); see [`crate::paginate`] for all.
    #[endpoint(GET, "/porting_orders", paginate)]
    async fn list(&self, #[query] query: &ListPortingOrdersQuery) -> Result<Page<PortingOrder>>;

    /// Deletes a porting order (`DELETE /porting_orders/{id}`); only drafts can be deleted.
    #[endpoint(DELETE, "/porting_orders/{id}")]
    async fn delete(&self, id: PortingOrderId) -> Result<()>;

    /// The FOC date windows the order can ask for
    /// (`GET /porting_orders/{id}/allowed_foc_windows`).
    #[endpoint(GET, "/porting_orders/{id}/allowed_foc_windows")]
    async fn allowed_foc_windows(
        &self,
        id: PortingOrderId,
    ) -> Result<Page<PortingOrdersAllowedFocWindow>>;

    /// Every exception type an order's status can carry (`GET /porting_orders/exception_types`).
    #[endpoint(GET, "/porting_orders/exception_types")]
    async fn exception_types(&self) -> Result<Data<Vec<PortingOrdersExceptionType>>>;

    /// The order's letter of authorization, as a PDF (`GET /porting_orders/{id}/loa_template`),
    /// filled from the default LOA configuration. [`loa_template_with`](Self::loa_template_with)
    /// takes a query.
    #[endpoint(GET, "/porting_orders/{id}/loa_template", accept = "application/pdf")]
    async fn loa_template(&self, id: PortingOrderId) -> Result<Binary>;

    /// [`loa_template`](Self::loa_template) with a query, which can name the LOA
    /// configuration to fill it from (`?loa_configuration_id=..`).
    #[endpoint(GET, "/porting_orders/{id}/loa_template", accept = "application/pdf")]
    async fn loa_template_with(
        &self,
        id: PortingOrderId,
        #[query] query: &LoaTemplateQuery,
    ) -> Result<Binary>;

    /// The documentation requirements of the order, one page
    /// (`GET /porting_orders/{id}/requirements`).
    #[endpoint(GET, "/porting_orders/{id}/requirements", paginate)]
    async fn requirements(
        &self,
        id: PortingOrderId,
        #[query] query: &ListRequirementsQuery,
    ) -> Result<Page<PortingOrderRequirementDetail>>;

    /// The sub-request the order belongs to (`GET /porting_orders/{id}/sub_request`).
    #[endpoint(GET, "/porting_orders/{id}/sub_request")]
    async fn sub_request(&self, id: PortingOrderId) -> Result<Data<GetSubRequestByPortingOrder>>;
}

handle! {
    /// The handle [`Client::porting_orders`](crate::Client::porting_orders) returns; it
    /// implements [`PortingOrders`] and leads to the sub-resources.
    PortingOrdersApi: PortingOrders
}

impl<'a> PortingOrdersApi<'a> {
    /// Confirm, cancel, activate and share orders.
    pub fn actions(&self) -> PortingOrderActionsApi<'a> {
        PortingOrderActionsApi::new(self.client)
    }

    /// Comments on an order.
    pub fn comments(&self) -> CommentsApi<'a> {
        CommentsApi::new(self.client)
    }

    /// Documents attached to an order beyond the LOA and invoice.
    pub fn additional_documents(&self) -> AdditionalDocumentsApi<'a> {
        AdditionalDocumentsApi::new(self.client)
    }

    /// Verification codes proving ownership of the numbers.
    pub fn verification_codes(&self) -> VerificationCodesApi<'a> {
        VerificationCodesApi::new(self.client)
    }

    /// Activation jobs (FastPort).
    pub fn activation_jobs(&self) -> ActivationJobsApi<'a> {
        ActivationJobsApi::new(self.client)
    }

    /// Actions an order requires (identity verification, say).
    pub fn action_requirements(&self) -> ActionRequirementsApi<'a> {
        ActionRequirementsApi::new(self.client)
    }

    /// Numbers associated with a partial port (GB).
    pub fn associated_phone_numbers(&self) -> AssociatedPhoneNumbersApi<'a> {
        AssociatedPhoneNumbersApi::new(self.client)
    }

    /// Blocks of numbers.
    pub fn phone_number_blocks(&self) -> PhoneNumberBlocksApi<'a> {
        PhoneNumberBlocksApi::new(self.client)
    }

    /// Extension ranges.
    pub fn phone_number_extensions(&self) -> PhoneNumberExtensionsApi<'a> {
        PhoneNumberExtensionsApi::new(self.client)
    }

    /// Bundle configurations of porting phone numbers.
    pub fn phone_number_configurations(&self) -> PhoneNumberConfigurationsApi<'a> {
        PhoneNumberConfigurationsApi::new(self.client)
    }
}
