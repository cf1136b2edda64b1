//! Phone number verification codes of a porting order
//! (`/porting_orders/{id}/verification_codes`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;

open_enum! {
    /// How verification codes are sent.
    pub enum VerificationMethod {
        /// By text message.
        Sms => "sms",
        /// By phone call.
        Call => "call",
    }
}

/// The verification code of a phone number in a porting order (the spec's
/// `PortingVerificationCode`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingVerificationCode {
    /// Uniquely identifies the verification code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The phone number, +E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// Whether the code has been verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
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
    /// The type of the resource: `porting_verification_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{id}/verification_codes/send`: at most 100
/// numbers and how to send their codes.
///
/// ```
/// use telnyx_porting::models::{SendPortingVerificationCodes, VerificationMethod};
///
/// let body = SendPortingVerificationCodes::new(["+61424000001"], VerificationMethod::Sms);
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"phone_numbers":["+61424000001"],"verification_method":"sms"}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SendPortingVerificationCodes {
    /// The phone numbers to send codes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<String>>,
    /// How to send the codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<VerificationMethod>,
}

impl SendPortingVerificationCodes {
    /// Sends codes to `phone_numbers` by `method`.
    pub fn new<I, S>(phone_numbers: I, method: VerificationMethod) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SendPortingVerificationCodes {
            phone_numbers: Some(phone_numbers.into_iter().map(Into::into).collect()),
            verification_method: Some(method),
        }
    }
}

/// The request body of `POST /porting_orders/{id}/verification_codes/verify`: at most 100
/// numbers with the codes they received.
///
/// ```
/// use telnyx_porting::models::VerifyPortingVerificationCodes;
///
/// let body = VerifyPortingVerificationCodes::new().code("+61424000001", "12345");
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"verification_codes":[{"code":"12345","phone_number":"+61424000001"}]}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerifyPortingVerificationCodes {
    /// The numbers and their codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_codes: Option<Vec<VerificationCodeParams>>,
}

impl VerifyPortingVerificationCodes {
    /// An empty list; add codes with [`code`](Self::code).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the code `code` received by `phone_number`.
    pub fn code(mut self, phone_number: impl Into<String>, code: impl Into<String>) -> Self {
        self.verification_codes
            .get_or_insert_with(Vec::new)
            .push(VerificationCodeParams::new(phone_number, code));
        self
    }
}

/// A phone number and the verification code it received.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationCodeParams {
    /// The code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

impl VerificationCodeParams {
    /// The code `code` received by `phone_number`.
    pub fn new(phone_number: impl Into<String>, code: impl Into<String>) -> Self {
        VerificationCodeParams {
            code: Some(code.into()),
            phone_number: Some(phone_number.into()),
        }
    }
}
