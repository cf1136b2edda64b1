//! Request and response models, named after the schemas of the Telnyx porting spec.
//!
//! - [`CreatePortingOrder`] is the body of `POST /porting_orders`; it checks itself (see
//!   [`Validate`](crate::Validate)) before it is sent.
//! - [`PortingOrder`] and the types it holds are what the API returns, wrapped in [`Data`].
//!   Every response field is an `Option`, since the API may leave any of them out, and
//!   nothing in a response is validated.
//! - String enums are *open*: each has a variant per value the spec lists plus
//!   `Unknown(String)`, which keeps a value added to the API later, so decoding never fails
//!   on one and re-encoding writes it back unchanged.
//!
//! Decoding a response and encoding it again gives back the same JSON: nullable fields are
//! written as `null` when `None`, the others are left out.

mod common;
mod create;
mod open_enum;
mod porting_order;

pub use common::{Data, PortingOrderId};
pub use create::{CreatePortingOrder, is_e164};
pub use porting_order::{
    AdditionalStep, MessagingPortStatus, PhoneNumberType, PortabilityStatus, PortingOrder,
    PortingOrderActivationSettings, PortingOrderActivationStatus, PortingOrderDocuments,
    PortingOrderEndUser, PortingOrderEndUserAdmin, PortingOrderEndUserLocation,
    PortingOrderMessaging, PortingOrderMisc, PortingOrderPhoneNumberConfiguration,
    PortingOrderRequirement, PortingOrderStatus, PortingOrderStatusValue, PortingOrderType,
    PortingOrderUserFeedback, PortingOrdersExceptionCode, PortingOrdersExceptionType,
    PortingPhoneNumber, RemainingNumbersAction, RequirementFieldType, RequirementsStatus,
};
