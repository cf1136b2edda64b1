//! Request and response models, named after the schemas of the Telnyx porting spec.
//!
//! - [`CreatePortingOrder`] is the body of `POST /porting_orders`; it checks itself (see
//!   [`Validate`](crate::Validate)) before it is sent.
//! - [`PortingOrder`] and the types it holds are what the API returns, wrapped in [`Data`].
//!   Every response field is an `Option`, since the API may leave any of them out, and
//!   nothing in a response is validated. For what the API always sends, accessors return the
//!   value itself or a [`MissingField`](crate::MissingField) naming the field:
//!   `order.id()?`, `comment.porting_order_id()?`, `number.phone_number()?`.
//! - String enums are *open*: each has a variant per value the spec lists plus
//!   `Unknown(String)`, which keeps a value added to the API later, so decoding never fails
//!   on one and re-encoding writes it back unchanged.
//!
//! Decoding a response and encoding it again gives back the same JSON: nullable fields are
//! written as `null` when `None`, the others are left out.
//!
//! # Queries add up
//!
//! The query builders (`ListPortingOrdersQuery`, the `…Filter` structs, …) follow one rule:
//! every setter adds to what is already set, none silently drops it.
//!
//! - A single value (`filter[customer_reference]`, `sort[value]`, a date bound) set again
//!   takes the later value: the key is sent once.
//! - A list (`filter[status]=a,b`) set again gains the new values, in order, without
//!   repeating one it already holds.
//! - A group of filters (`.filter(..)`, `.phone_numbers(..)`, …) is merged field by field by
//!   these same rules: what the later group leaves unset keeps its value.
//!
//! ```
//! use telnyx_porting::models::{ListPortingOrdersQuery, PortingOrdersFilter};
//!
//! let query = ListPortingOrdersQuery::new()
//!     .filter_customer_reference("Acct 42")
//!     .filter(PortingOrdersFilter::new().country_code("US"));
//! let filter = query.filter.as_ref().unwrap();
//! // Both filters are sent.
//! assert_eq!(filter.customer_reference.as_deref(), Some("Acct 42"));
//! assert_eq!(filter.phone_numbers.as_ref().unwrap().country_code.as_deref(), Some("US"));
//! ```
//!
//! To take a filter out again, set the public field: `query.filter = None`.

mod accessors;
mod activation_jobs;
mod additional_documents;
mod comments;
mod common;
mod create;
mod documents;
mod events;
mod loa;
mod merge;
mod misc;
mod open_enum;
mod phone_numbers;
mod porting_order;
mod queries;
mod reports;
mod update;
mod verification;

pub use activation_jobs::{
    ActivationJobStatus, ActivationType, ActivationWindow, PortingOrdersActivationJob,
    UpdatePortingOrdersActivationJob,
};
pub use additional_documents::{
    AdditionalDocumentParams, AdditionalDocumentType, CreateAdditionalDocuments,
    PortingAdditionalDocument,
};
pub use comments::{CommentUserType, CreatePortingOrderComment, PortingOrdersComment};
pub use common::{
    Data, DataWithMeta, Page, PaginationMeta, Patch, PortingOrderId, PortingOrderMeta,
    PortingOrderResponse,
};
pub(crate) use create::is_phone_number;
pub use create::{CreatePortingOrder, is_e164};
pub use documents::{
    CreateDocServiceDocumentRequest, DocServiceDocument, DocServiceDocumentLink,
    DocumentAvScanStatus, DocumentDownloadLink, DocumentSize, DocumentStatus, MAX_DOCUMENT_BYTES,
    MAX_FILENAME_CHARS, UpdateDocument,
};
pub use events::{
    DeletedPayload, EventComment, EventMessaging, EventOrderRef, EventPhoneNumberRef,
    MessagingChangedPayload, NewCommentPayload, NotificationMethod, PayloadStatus, PortingEvent,
    PortingEventDeleted, PortingEventMessagingChanged, PortingEventNewComment, PortingEventSplit,
    PortingEventStatusChanged, PortingEventType, PortingEventWithoutWebhook, SplitPayload,
    StatusChangedPayload,
};
pub use loa::{
    CreatePortingLoaConfiguration, LoaAddress, LoaAddressParams, LoaContact, LoaContactParams,
    LoaLogo, LoaLogoParams, LogoContentType, PortingLoaConfiguration,
};
pub use misc::{
    ActionRequirementStatus, AuIdVerificationParams, GetSubRequestByPortingOrder,
    InitiatePortingActionRequirement, PortabilityCheckDetails, PortingActionRequirement,
    PortingOrderRequirementDetail, PortingOrderSharingToken, PortingOrdersAllowedFocWindow,
    PortingUkCarrier, PostPortabilityCheck, RequirementDetailFieldType, RequirementTypeDetail,
    SharePortingOrder, SharingTokenPermission,
};
pub use phone_numbers::{
    AssociatedPhoneNumberAction, CreatePhoneNumberConfigurations,
    CreatePortingAssociatedPhoneNumber, CreatePortingPhoneNumberBlock,
    CreatePortingPhoneNumberExtension, ExtensionRange, ExtensionRangeParams,
    PhoneNumberConfigurationParams, PhoneNumberRange, PhoneNumberRangeParams,
    PortingAssociatedPhoneNumber, PortingPhoneNumberBlock, PortingPhoneNumberConfiguration,
    PortingPhoneNumberExtension,
};
pub use porting_order::{
    AdditionalStep, MessagingPortStatus, PhoneNumberType, PortabilityStatus, PortingOrder,
    PortingOrderActivationSettings, PortingOrderActivationStatus, PortingOrderDocuments,
    PortingOrderEndUser, PortingOrderEndUserAdmin, PortingOrderEndUserLocation,
    PortingOrderMessaging, PortingOrderMisc, PortingOrderPhoneNumberConfiguration,
    PortingOrderRequirement, PortingOrderStatus, PortingOrderStatusValue, PortingOrderType,
    PortingOrderUserFeedback, PortingOrdersExceptionCode, PortingOrdersExceptionType,
    PortingPhoneNumber, RemainingNumbersAction, RequirementFieldType, RequirementsStatus,
};
pub use queries::*;
pub use reports::{
    CreatePortingReport, ExportPortingOrdersCsvFilters, ExportPortingOrdersCsvReport,
    PortingReport, ReportStatus, ReportType,
};
pub use update::{
    UpdatePortingOrder, UpdatePortingOrderActivationSettings, UpdatePortingOrderDocuments,
    UpdatePortingOrderEndUser, UpdatePortingOrderEndUserAdmin, UpdatePortingOrderEndUserLocation,
    UpdatePortingOrderMessaging, UpdatePortingOrderMisc,
    UpdatePortingOrderPhoneNumberConfiguration, UpdatePortingOrderRequirement,
    UpdatePortingOrderUserFeedback,
};
pub use verification::{
    PortingVerificationCode, SendPortingVerificationCodes, VerificationCodeParams,
    VerificationMethod, VerifyPortingVerificationCodes,
};
