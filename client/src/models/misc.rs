//! The smaller resources: portability checks, UK carriers, sub-requests, FOC windows,
//! requirement details, sharing tokens and action requirements.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;
use super::porting_order::RequirementsStatus;

/// The result of a portability check for one number (the spec's `PortabilityCheckDetails`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortabilityCheckDetails {
    /// The +E.164 phone number the result is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Whether the number is portable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portable: Option<bool>,
    /// Whether the number is FastPort eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_portable: Option<bool>,
    /// Why the number is not portable; empty when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_portable_reason: Option<String>,
    /// The type of the resource: `portability_check_result`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /portability_checks`.
///
/// ```
/// use telnyx_porting::models::PostPortabilityCheck;
///
/// let check = PostPortabilityCheck::new(["+13035550000"]);
/// assert_eq!(serde_json::to_string(&check)?, r#"{"phone_numbers":["+13035550000"]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostPortabilityCheck {
    /// The +E.164 phone numbers to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<String>>,
}

impl PostPortabilityCheck {
    /// Checks `phone_numbers`, each +E.164.
    pub fn new<I, S>(phone_numbers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PostPortabilityCheck {
            phone_numbers: Some(phone_numbers.into_iter().map(Into::into).collect()),
        }
    }
}

/// A carrier in the UK (the spec's `PortingUKCarrier`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingUkCarrier {
    /// Identifies the carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The name of the carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The CUPID of the carrier: a 3-digit code that identifies it in the UK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cupid: Option<String>,
    /// Other CUPIDs of the carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_cupids: Option<Vec<String>>,
    /// When the resource was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the resource was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_uk_carrier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The V1 sub-request and port request of a porting order (the spec's
/// `GetSubRequestByPortingOrder`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetSubRequestByPortingOrder {
    /// The port request of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_request_id: Option<String>,
    /// The sub-request of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_request_id: Option<String>,
}

/// A range of allowed FOC dates of a porting order (the spec's
/// `PortingOrdersAllowedFocWindow`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrdersAllowedFocWindow {
    /// The start of the window.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_at: Option<OffsetDateTime>,
    /// The end of the window.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_at: Option<OffsetDateTime>,
    /// The type of the resource (`porting_order` per the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

open_enum! {
    /// The type of value a requirement expects (the `field_type` of
    /// [`PortingOrderRequirementDetail`]).
    pub enum RequirementDetailFieldType {
        /// A document id.
        Document => "document",
        /// A text value.
        Textual => "textual",
    }
}

/// A requirement of a porting order, by country and number type (the spec's
/// `PortingOrderRequirementDetail`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderRequirementDetail {
    /// The type of value expected in [`field_value`](Self::field_value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<RequirementDetailFieldType>,
    /// The document or text that satisfies the requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_value: Option<String>,
    /// The status of the requirement, such as `approved` (the same values as a number's
    /// [`requirements_status`](crate::models::PortingPhoneNumber::requirements_status)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_status: Option<RequirementsStatus>,
    /// The requirement type this requirement meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_type: Option<RequirementTypeDetail>,
    /// The type of the resource: `porting_requirement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// A requirement type, as described in a [`PortingOrderRequirementDetail`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RequirementTypeDetail {
    /// Identifies the requirement type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name of the requirement type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description of the requirement type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An example of what meets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The type of the requirement type, such as `document` (the same values as
    /// [`PortingOrderRequirementDetail::field_type`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<RequirementDetailFieldType>,
    /// The acceptance criteria, a free-form object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_criteria: Option<serde_json::Map<String, serde_json::Value>>,
}

open_enum! {
    /// A permission of a porting order sharing token.
    pub enum SharingTokenPermission {
        /// Read the order's documents.
        DocumentRead => "porting_order.document.read",
        /// Update the order's documents.
        DocumentUpdate => "porting_order.document.update",
    }
}

/// A token that shares a porting order with people outside Telnyx (the spec's
/// `PortingOrderSharingToken`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderSharingToken {
    /// Uniquely identifies the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The porting order shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// The signed JWT that gives access to the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// What the token allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<SharingTokenPermission>>,
    /// How many seconds the token is valid for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<i64>,
    /// When the token expires.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<OffsetDateTime>,
    /// When the token was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_order_sharing_token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{id}/actions/share`.
///
/// ```
/// use telnyx_porting::models::{SharePortingOrder, SharingTokenPermission};
///
/// let share = SharePortingOrder::new()
///     .expires_in_seconds(3600)
///     .permissions(SharingTokenPermission::DocumentRead);
/// assert_eq!(
///     serde_json::to_string(&share)?,
///     r#"{"expires_in_seconds":3600,"permissions":"porting_order.document.read"}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SharePortingOrder {
    /// How many seconds the token is valid for, 1 to 172800 (two days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<i64>,
    /// What the token allows (one permission; the spec's request takes a single string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<SharingTokenPermission>,
}

impl SharePortingOrder {
    /// A token with the server's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how many seconds the token is valid for (1 to 172800).
    pub fn expires_in_seconds(mut self, seconds: i64) -> Self {
        self.expires_in_seconds = Some(seconds);
        self
    }

    /// Sets what the token allows.
    pub fn permissions(mut self, permission: SharingTokenPermission) -> Self {
        self.permissions = Some(permission);
        self
    }
}

open_enum! {
    /// The status of an action requirement.
    pub enum ActionRequirementStatus {
        /// Created.
        Created => "created",
        /// Pending.
        Pending => "pending",
        /// Completed.
        Completed => "completed",
        /// Cancelled; see [`PortingActionRequirement::cancel_reason`].
        Cancelled => "cancelled",
        /// Failed.
        Failed => "failed",
    }
}

/// An action a porting order requires, such as an ID verification (the spec's
/// `PortingActionRequirement`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingActionRequirement {
    /// Identifies the action requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The porting order (a string in the spec, not declared a UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<String>,
    /// The type of action required, such as `au_id_verification`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_type: Option<String>,
    /// A URL for the action (nullable).
    #[serde(default)]
    pub action_url: Option<String>,
    /// Why the requirement was cancelled (nullable).
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// The requirement type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_type_id: Option<String>,
    /// The status of the requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionRequirementStatus>,
    /// When the resource was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the resource was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_action_requirement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of
/// `POST /porting_orders/{porting_order_id}/action_requirements/{id}/initiate`.
///
/// ```
/// use telnyx_porting::models::{AuIdVerificationParams, InitiatePortingActionRequirement};
///
/// let body = InitiatePortingActionRequirement::new(AuIdVerificationParams::new("John", "Doe"));
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"params":{"first_name":"John","last_name":"Doe"}}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InitiatePortingActionRequirement {
    /// The parameters of the action (the spec's `oneOf` has one member).
    pub params: AuIdVerificationParams,
}

impl InitiatePortingActionRequirement {
    /// Initiates the action with `params`.
    pub fn new(params: AuIdVerificationParams) -> Self {
        InitiatePortingActionRequirement { params }
    }
}

/// Who performs an Australian ID verification (the spec's `AUIdVerificationParams`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuIdVerificationParams {
    /// The first name of the person.
    pub first_name: String,
    /// The last name of the person.
    pub last_name: String,
}

impl AuIdVerificationParams {
    /// The person `first_name` `last_name`.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        AuIdVerificationParams {
            first_name: first_name.into(),
            last_name: last_name.into(),
        }
    }
}
