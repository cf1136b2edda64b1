//! The sub-resources of a porting order, reached from
//! [`PortingOrdersApi`](super::PortingOrdersApi).

use uuid::Uuid;

use super::handle;
use crate::models::{
    CreateAdditionalDocuments, CreatePhoneNumberConfigurations, CreatePortingAssociatedPhoneNumber,
    CreatePortingOrderComment, CreatePortingPhoneNumberBlock, CreatePortingPhoneNumberExtension,
    Data, InitiatePortingActionRequirement, ListActionRequirementsQuery, ListActivationJobsQuery,
    ListAdditionalDocumentsQuery, ListAssociatedPhoneNumbersQuery, ListCommentsQuery,
    ListPhoneNumberBlocksQuery, ListPhoneNumberConfigurationsQuery, ListPhoneNumberExtensionsQuery,
    ListVerificationCodesQuery, Page, PortingActionRequirement, PortingAdditionalDocument,
    PortingAssociatedPhoneNumber, PortingOrderId, PortingOrderResponse, PortingOrderSharingToken,
    PortingOrdersActivationJob, PortingOrdersComment, PortingPhoneNumberBlock,
    PortingPhoneNumberConfiguration, PortingPhoneNumberExtension, PortingVerificationCode,
    SendPortingVerificationCodes, SharePortingOrder, UpdatePortingOrdersActivationJob,
    VerifyPortingVerificationCodes,
};
use crate::{ApiClient, Result, endpoint};

/// Moving an order through its lifecycle: `client.porting_orders().actions()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortingOrderActions: ApiClient {
    /// Submits a draft order (`POST /porting_orders/{id}/actions/confirm`).
    #[endpoint(POST, "/porting_orders/{id}/actions/confirm")]
    async fn confirm(&self, id: PortingOrderId) -> Result<PortingOrderResponse>;

    /// Cancels an order (`POST /porting_orders/{id}/actions/cancel`): a draft is cancelled at
    /// once, a submitted order goes to `cancel-pending`.
    #[endpoint(POST, "/porting_orders/{id}/actions/cancel")]
    async fn cancel(&self, id: PortingOrderId) -> Result<PortingOrderResponse>;

    /// Activates the numbers of a FastPort order now (`POST /porting_orders/{id}/actions/activate`,
    /// US only); answers `202` with the activation job.
    #[endpoint(POST, "/porting_orders/{id}/actions/activate")]
    async fn activate(&self, id: PortingOrderId) -> Result<Data<PortingOrdersActivationJob>>;

    /// Makes a sharing token for the order (`POST /porting_orders/{id}/actions/share`).
    #[endpoint(POST, "/porting_orders/{id}/actions/share")]
    async fn share(
        &self,
        id: PortingOrderId,
        #[body] share: &SharePortingOrder,
    ) -> Result<Data<PortingOrderSharingToken>>;
}

handle! {
    /// `client.porting_orders().actions()`; implements [`PortingOrderActions`].
    PortingOrderActionsApi: PortingOrderActions
}

/// Comments on an order: `client.porting_orders().comments()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait Comments: ApiClient {
    /// One page of the order's comments (`GET /porting_orders/{id}/comments`).
    #[endpoint(GET, "/porting_orders/{id}/comments", paginate)]
    async fn list(
        &self,
        id: PortingOrderId,
        #[query] query: &ListCommentsQuery,
    ) -> Result<Page<PortingOrdersComment>>;

    /// Adds a comment (`POST /porting_orders/{id}/comments`).
    #[endpoint(POST, "/porting_orders/{id}/comments")]
    async fn create(
        &self,
        id: PortingOrderId,
        #[body] comment: &CreatePortingOrderComment,
    ) -> Result<Data<PortingOrdersComment>>;
}

handle! {
    /// `client.porting_orders().comments()`; implements [`Comments`].
    CommentsApi: Comments
}

/// Extra documents of an order: `client.porting_orders().additional_documents()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait AdditionalDocuments: ApiClient {
    /// One page of the order's additional documents
    /// (`GET /porting_orders/{id}/additional_documents`).
    #[endpoint(GET, "/porting_orders/{id}/additional_documents", paginate)]
    async fn list(
        &self,
        id: PortingOrderId,
        #[query] query: &ListAdditionalDocumentsQuery,
    ) -> Result<Page<PortingAdditionalDocument>>;

    /// Attaches documents (`POST /porting_orders/{id}/additional_documents`).
    #[endpoint(POST, "/porting_orders/{id}/additional_documents")]
    async fn create(
        &self,
        id: PortingOrderId,
        #[body] documents: &CreateAdditionalDocuments,
    ) -> Result<Data<Vec<PortingAdditionalDocument>>>;

    /// Detaches one document
    /// (`DELETE /porting_orders/{id}/additional_documents/{additional_document_id}`).
    #[endpoint(
        DELETE,
        "/porting_orders/{id}/additional_documents/{additional_document_id}"
    )]
    async fn delete(&self, id: PortingOrderId, additional_document_id: Uuid) -> Result<()>;
}

handle! {
    /// `client.porting_orders().additional_documents()`; implements [`AdditionalDocuments`].
    AdditionalDocumentsApi: AdditionalDocuments
}

/// Verification codes: `client.porting_orders().verification_codes()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait VerificationCodes: ApiClient {
    /// One page of the order's verification codes
    /// (`GET /porting_orders/{id}/verification_codes`).
    #[endpoint(GET, "/porting_orders/{id}/verification_codes", paginate)]
    async fn list(
        &self,
        id: PortingOrderId,
        #[query] query: &ListVerificationCodesQuery,
    ) -> Result<Page<PortingVerificationCode>>;

    /// Sends codes to the numbers by SMS or call
    /// (`POST /porting_orders/{id}/verification_codes/send`, `204`).
    #[endpoint(POST, "/porting_orders/{id}/verification_codes/send")]
    async fn send(
        &self,
        id: PortingOrderId,
        #[body] send: &SendPortingVerificationCodes,
    ) -> Result<()>;

    /// Checks the codes received (`POST /porting_orders/{id}/verification_codes/verify`).
    #[endpoint(POST, "/porting_orders/{id}/verification_codes/verify")]
    async fn verify(
        &self,
        id: PortingOrderId,
        #[body] codes: &VerifyPortingVerificationCodes,
    ) -> Result<Data<Vec<PortingVerificationCode>>>;
}

handle! {
    /// `client.porting_orders().verification_codes()`; implements [`VerificationCodes`].
    VerificationCodesApi: VerificationCodes
}

/// Activation jobs: `client.porting_orders().activation_jobs()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait ActivationJobs: ApiClient {
    /// One page of the order's activation jobs (`GET /porting_orders/{id}/activation_jobs`).
    #[endpoint(GET, "/porting_orders/{id}/activation_jobs", paginate)]
    async fn list(
        &self,
        id: PortingOrderId,
        #[query] query: &ListActivationJobsQuery,
    ) -> Result<Page<PortingOrdersActivationJob>>;

    /// One activation job
    /// (`GET /porting_orders/{id}/activation_jobs/{activationJobId}`).
    #[endpoint(GET, "/porting_orders/{id}/activation_jobs/{activationJobId}")]
    async fn retrieve(
        &self,
        id: PortingOrderId,
        activation_job_id: Uuid,
    ) -> Result<Data<PortingOrdersActivationJob>>;

    /// Reschedules an activation job
    /// (`PATCH /porting_orders/{id}/activation_jobs/{activationJobId}`).
    #[endpoint(PATCH, "/porting_orders/{id}/activation_jobs/{activationJobId}")]
    async fn update(
        &self,
        id: PortingOrderId,
        activation_job_id: Uuid,
        #[body] changes: &UpdatePortingOrdersActivationJob,
    ) -> Result<Data<PortingOrdersActivationJob>>;
}

handle! {
    /// `client.porting_orders().activation_jobs()`; implements [`ActivationJobs`].
    ActivationJobsApi: ActivationJobs
}

/// Action requirements: `client.porting_orders().action_requirements()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait ActionRequirements: ApiClient {
    /// One page of the order's action requirements
    /// (`GET /porting_orders/{porting_order_id}/action_requirements`).
    #[endpoint(
        GET,
        "/porting_orders/{porting_order_id}/action_requirements",
        paginate
    )]
    async fn list(
        &self,
        porting_order_id: PortingOrderId,
        #[query] query: &ListActionRequirementsQuery,
    ) -> Result<Page<PortingActionRequirement>>;

    /// Starts the action a requirement asks for
    /// (`POST /porting_orders/{porting_order_id}/action_requirements/{id}/initiate`).
    #[endpoint(
        POST,
        "/porting_orders/{porting_order_id}/action_requirements/{id}/initiate"
    )]
    async fn initiate(
        &self,
        porting_order_id: PortingOrderId,
        id: &str,
        #[body] params: &InitiatePortingActionRequirement,
    ) -> Result<Data<PortingActionRequirement>>;
}

handle! {
    /// `client.porting_orders().action_requirements()`; implements [`ActionRequirements`].
    ActionRequirementsApi: ActionRequirements
}

/// Associated numbers of partial ports: `client.porting_orders().associated_phone_numbers()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait AssociatedPhoneNumbers: ApiClient {
    /// One page of the order's associated numbers
    /// (`GET /porting_orders/{porting_order_id}/associated_phone_numbers`).
    #[endpoint(
        GET,
        "/porting_orders/{porting_order_id}/associated_phone_numbers",
        paginate
    )]
    async fn list(
        &self,
        porting_order_id: PortingOrderId,
        #[query] query: &ListAssociatedPhoneNumbersQuery,
    ) -> Result<Page<PortingAssociatedPhoneNumber>>;

    /// Adds a range of associated numbers
    /// (`POST /porting_orders/{porting_order_id}/associated_phone_numbers`).
    #[endpoint(POST, "/porting_orders/{porting_order_id}/associated_phone_numbers")]
    async fn create(
        &self,
        porting_order_id: PortingOrderId,
        #[body] numbers: &CreatePortingAssociatedPhoneNumber,
    ) -> Result<Data<PortingAssociatedPhoneNumber>>;

    /// Removes one; answers with what was removed
    /// (`DELETE /porting_orders/{porting_order_id}/associated_phone_numbers/{id}`).
    #[endpoint(
        DELETE,
        "/porting_orders/{porting_order_id}/associated_phone_numbers/{id}"
    )]
    async fn delete(
        &self,
        porting_order_id: PortingOrderId,
        id: Uuid,
    ) -> Result<Data<PortingAssociatedPhoneNumber>>;
}

handle! {
    /// `client.porting_orders().associated_phone_numbers()`; implements
    /// [`AssociatedPhoneNumbers`].
    AssociatedPhoneNumbersApi: AssociatedPhoneNumbers
}

/// Number blocks: `client.porting_orders().phone_number_blocks()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PhoneNumberBlocks: ApiClient {
    /// One page of the order's number blocks
    /// (`GET /porting_orders/{porting_order_id}/phone_number_blocks`).
    #[endpoint(
        GET,
        "/porting_orders/{porting_order_id}/phone_number_blocks",
        paginate
    )]
    async fn list(
        &self,
        porting_order_id: PortingOrderId,
        #[query] query: &ListPhoneNumberBlocksQuery,
    ) -> Result<Page<PortingPhoneNumberBlock>>;

    /// Adds a block (`POST /porting_orders/{porting_order_id}/phone_number_blocks`).
    #[endpoint(POST, "/porting_orders/{porting_order_id}/phone_number_blocks")]
    async fn create(
        &self,
        porting_order_id: PortingOrderId,
        #[body] block: &CreatePortingPhoneNumberBlock,
    ) -> Result<Data<PortingPhoneNumberBlock>>;

    /// Removes a block; answers with what was removed
    /// (`DELETE /porting_orders/{porting_order_id}/phone_number_blocks/{id}`).
    #[endpoint(DELETE, "/porting_orders/{porting_order_id}/phone_number_blocks/{id}")]
    async fn delete(
        &self,
        porting_order_id: PortingOrderId,
        id: Uuid,
    ) -> Result<Data<PortingPhoneNumberBlock>>;
}

handle! {
    /// `client.porting_orders().phone_number_blocks()`; implements [`PhoneNumberBlocks`].
    PhoneNumberBlocksApi: PhoneNumberBlocks
}

/// Extension ranges: `client.porting_orders().phone_number_extensions()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PhoneNumberExtensions: ApiClient {
    /// One page of the order's extension ranges
    /// (`GET /porting_orders/{porting_order_id}/phone_number_extensions`).
    #[endpoint(
        GET,
        "/porting_orders/{porting_order_id}/phone_number_extensions",
        paginate
    )]
    async fn list(
        &self,
        porting_order_id: PortingOrderId,
        #[query] query: &ListPhoneNumberExtensionsQuery,
    ) -> Result<Page<PortingPhoneNumberExtension>>;

    /// Adds an extension range
    /// (`POST /porting_orders/{porting_order_id}/phone_number_extensions`).
    #[endpoint(POST, "/porting_orders/{porting_order_id}/phone_number_extensions")]
    async fn create(
        &self,
        porting_order_id: PortingOrderId,
        #[body] extension: &CreatePortingPhoneNumberExtension,
    ) -> Result<Data<PortingPhoneNumberExtension>>;

    /// Removes an extension range; answers with what was removed
    /// (`DELETE /porting_orders/{porting_order_id}/phone_number_extensions/{id}`).
    #[endpoint(
        DELETE,
        "/porting_orders/{porting_order_id}/phone_number_extensions/{id}"
    )]
    async fn delete(
        &self,
        porting_order_id: PortingOrderId,
        id: Uuid,
    ) -> Result<Data<PortingPhoneNumberExtension>>;
}

handle! {
    /// `client.porting_orders().phone_number_extensions()`; implements
    /// [`PhoneNumberExtensions`].
    PhoneNumberExtensionsApi: PhoneNumberExtensions
}

/// Bundle configurations of porting numbers:
/// `client.porting_orders().phone_number_configurations()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PhoneNumberConfigurations: ApiClient {
    /// One page of configurations (`GET /porting_orders/phone_number_configurations`).
    #[endpoint(GET, "/porting_orders/phone_number_configurations", paginate)]
    async fn list(
        &self,
        #[query] query: &ListPhoneNumberConfigurationsQuery,
    ) -> Result<Page<PortingPhoneNumberConfiguration>>;

    /// Sets bundles on porting numbers (`POST /porting_orders/phone_number_configurations`).
    #[endpoint(POST, "/porting_orders/phone_number_configurations")]
    async fn create(
        &self,
        #[body] configurations: &CreatePhoneNumberConfigurations,
    ) -> Result<Data<Vec<PortingPhoneNumberConfiguration>>>;
}

handle! {
    /// `client.porting_orders().phone_number_configurations()`; implements
    /// [`PhoneNumberConfigurations`].
    PhoneNumberConfigurationsApi: PhoneNumberConfigurations
}
