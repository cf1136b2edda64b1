//! The porting order as the API returns it (`PortingOrder` and the schemas it holds).
//!
//! Every field is optional: the spec requires none, and the API leaves fields out. Response
//! data is decoded as it is and never validated (the spec's own example holds the placeholder
//! phone number `{e.164 TN}`). Fields the spec marks nullable are written back as `null` when
//! `None`; the others are left out, so that decoding and re-encoding a response gives back the
//! same JSON.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;

open_enum! {
    /// The activation status of a number in a porting order (the spec's
    /// `PortingOrderActivationStatus`). The wire values contain spaces.
    pub enum PortingOrderActivationStatus {
        /// New.
        New => "New",
        /// Pending.
        Pending => "Pending",
        /// In conflict.
        Conflict => "Conflict",
        /// Cancellation pending.
        CancelPending => "Cancel Pending",
        /// Failed.
        Failed => "Failed",
        /// Concurred.
        Concurred => "Concurred",
        /// Ready to activate.
        ActivateRdy => "Activate RDY",
        /// Disconnection pending.
        DisconnectPending => "Disconnect Pending",
        /// Concurrence sent.
        ConcurrenceSent => "Concurrence Sent",
        /// Old.
        Old => "Old",
        /// Sending.
        Sending => "Sending",
        /// Active.
        Active => "Active",
        /// Cancelled.
        Cancelled => "Cancelled",
    }
}

open_enum! {
    /// Whether Telnyx could confirm that a number in the United States or Canada is portable
    /// (the spec's `PortabilityStatus`). International numbers are provisional by default.
    pub enum PortabilityStatus {
        /// Not yet checked.
        Pending => "pending",
        /// Confirmed portable.
        Confirmed => "confirmed",
        /// Provisional (the default for international numbers).
        Provisional => "provisional",
    }
}

open_enum! {
    /// Whether a port moves all numbers of the account or only some (the spec's
    /// `PortingOrderType`). For a full port the other [`PortingOrderMisc`] attributes should be
    /// omitted.
    pub enum PortingOrderType {
        /// Every number of the account is ported.
        Full => "full",
        /// Only some numbers are ported.
        Partial => "partial",
    }
}

open_enum! {
    /// The current status of a porting order (`status.value`, and
    /// `porting_order_status` on each [`PortingPhoneNumber`]).
    pub enum PortingOrderStatusValue {
        /// Being prepared; not yet submitted.
        Draft => "draft",
        /// Being processed.
        InProcess => "in-process",
        /// Submitted to the losing carrier.
        Submitted => "submitted",
        /// Blocked by an exception; see [`PortingOrderStatus::details`].
        Exception => "exception",
        /// The FOC (firm order commitment) date is confirmed.
        FocDateConfirmed => "foc-date-confirmed",
        /// Ported.
        Ported => "ported",
        /// Cancelled.
        Cancelled => "cancelled",
        /// Cancellation requested.
        CancelPending => "cancel-pending",
    }
}

open_enum! {
    /// The type of a phone number.
    pub enum PhoneNumberType {
        /// Landline.
        Landline => "landline",
        /// Local.
        Local => "local",
        /// Mobile.
        Mobile => "mobile",
        /// National.
        National => "national",
        /// Shared cost.
        SharedCost => "shared_cost",
        /// Toll free.
        TollFree => "toll_free",
    }
}

open_enum! {
    /// The status of a requirement (`requirement_status` of a
    /// [`PortingOrderRequirementDetail`](crate::models::PortingOrderRequirementDetail)), and of
    /// the requirements of a number in an international porting order (`requirements_status`).
    pub enum RequirementsStatus {
        /// Requirement information is pending.
        RequirementInfoPending => "requirement-info-pending",
        /// Requirement information is under review.
        RequirementInfoUnderReview => "requirement-info-under-review",
        /// Requirement information has an exception.
        RequirementInfoException => "requirement-info-exception",
        /// Approved.
        Approved => "approved",
    }
}

open_enum! {
    /// What happens to the numbers left with the current carrier in a partial port.
    pub enum RemainingNumbersAction {
        /// Keep them with the current carrier; needs
        /// [`PortingOrderMisc::new_billing_phone_number`].
        Keep => "keep",
        /// Disconnect them.
        Disconnect => "disconnect",
    }
}

open_enum! {
    /// The status of porting the messaging capabilities.
    pub enum MessagingPortStatus {
        /// Messaging is not ported.
        NotApplicable => "not_applicable",
        /// Pending.
        Pending => "pending",
        /// Activating.
        Activating => "activating",
        /// Blocked by an exception.
        Exception => "exception",
        /// Canceled.
        Canceled => "canceled",
        /// Some numbers have been ported.
        PartialPortComplete => "partial_port_complete",
        /// Ported.
        Ported => "ported",
    }
}

open_enum! {
    /// Identifies an exception type (the `code` of [`PortingOrdersExceptionType`]).
    pub enum PortingOrdersExceptionCode {
        /// The account number does not match.
        AccountNumberMismatch => "ACCOUNT_NUMBER_MISMATCH",
        /// The authorized person does not match.
        AuthPersonMismatch => "AUTH_PERSON_MISMATCH",
        /// The billing telephone number does not match.
        BtnAtnMismatch => "BTN_ATN_MISMATCH",
        /// The entity name does not match that on the CSR.
        EntityNameMismatch => "ENTITY_NAME_MISMATCH",
        /// The FOC date expired.
        FocExpired => "FOC_EXPIRED",
        /// The FOC was rejected.
        FocRejected => "FOC_REJECTED",
        /// The location does not match.
        LocationMismatch => "LOCATION_MISMATCH",
        /// The LSR is pending.
        LsrPending => "LSR_PENDING",
        /// The main billing telephone number is being ported.
        MainBtnPorting => "MAIN_BTN_PORTING",
        /// The old service provider does not respond.
        OspIrresponsive => "OSP_IRRESPONSIVE",
        /// Another exception.
        Other => "OTHER",
        /// The passcode or PIN is invalid.
        PasscodePinInvalid => "PASSCODE_PIN_INVALID",
        /// The phone number has a special feature.
        PhoneNumberHasSpecialFeature => "PHONE_NUMBER_HAS_SPECIAL_FEATURE",
        /// The phone number does not match.
        PhoneNumberMismatch => "PHONE_NUMBER_MISMATCH",
        /// The phone number is not portable.
        PhoneNumberNotPortable => "PHONE_NUMBER_NOT_PORTABLE",
        /// The port type is incorrect.
        PortTypeIncorrect => "PORT_TYPE_INCORRECT",
        /// The porting order must be split.
        PortingOrderSplitRequired => "PORTING_ORDER_SPLIT_REQUIRED",
        /// The postal code does not match.
        PostalCodeMismatch => "POSTAL_CODE_MISMATCH",
        /// The rate center is not portable.
        RateCenterNotPortable => "RATE_CENTER_NOT_PORTABLE",
        /// Subscription version conflict.
        SvConflict => "SV_CONFLICT",
        /// Subscription version failure of an unknown kind.
        SvUnknownFailure => "SV_UNKNOWN_FAILURE",
    }
}

open_enum! {
    /// The type of value expected in [`PortingOrderRequirement::field_value`].
    pub enum RequirementFieldType {
        /// A document id.
        Document => "document",
    }
}

open_enum! {
    /// An additional step some porting orders require before they can be submitted.
    pub enum AdditionalStep {
        /// Associated phone numbers must be provided.
        AssociatedPhoneNumbers => "associated_phone_numbers",
        /// Phone number verification codes must be provided.
        PhoneNumberVerificationCodes => "phone_number_verification_codes",
    }
}

/// A porting order: a request to move phone numbers from their current carrier to Telnyx.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrder {
    /// Uniquely identifies this porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PortingOrderId>,
    /// A customer-specified reference number for bookkeeping (nullable).
    #[serde(default)]
    pub customer_reference: Option<String>,
    /// A customer-specified group reference for bookkeeping (nullable).
    #[serde(default)]
    pub customer_group_reference: Option<String>,
    /// When the order was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the order was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The status of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PortingOrderStatus>,
    /// A key to quote to Telnyx support about this order (nullable; absent in draft orders).
    #[serde(default)]
    pub support_key: Option<String>,
    /// A key to quote to Telnyx support about the order's group (nullable; absent in draft
    /// orders).
    #[serde(default)]
    pub parent_support_key: Option<String>,
    /// How many phone numbers the order holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_phone_numbers_count: Option<i64>,
    /// Identifies the old service provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_service_provider_ocn: Option<String>,
    /// The phone numbers in the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<PortingPhoneNumber>>,
    /// The documents submitted for the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<PortingOrderDocuments>,
    /// Full or partial port, and what happens to the remaining numbers (nullable).
    #[serde(default)]
    pub misc: Option<PortingOrderMisc>,
    /// Who requests the port, and where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<PortingOrderEndUser>,
    /// FOC dates and activation status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_settings: Option<PortingOrderActivationSettings>,
    /// What to set on the numbers once ported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_configuration: Option<PortingOrderPhoneNumberConfiguration>,
    /// The type of the phone numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_type: Option<PhoneNumberType>,
    /// A description of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The documentation requirements for porting the numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<PortingOrderRequirement>>,
    /// Whether the required documentation is met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements_met: Option<bool>,
    /// The user's rating of and comment on the port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_feedback: Option<PortingOrderUserFeedback>,
    /// The user (or organization) who requested the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
    /// Where Telnyx sends the order's webhooks (nullable).
    #[serde(default)]
    pub webhook_url: Option<String>,
    /// The type of the resource: `porting_order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// The porting of messaging capabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging: Option<PortingOrderMessaging>,
    /// Steps some orders require before they can be submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_steps: Option<Vec<AdditionalStep>>,
}

impl PortingOrder {
    /// The order's current status (`status.value`), if the API sent one.
    pub fn status_value(&self) -> Option<&PortingOrderStatusValue> {
        self.status.as_ref()?.value.as_ref()
    }

    /// The exceptions holding up the order (`status.details`); empty when there are none.
    pub fn status_details(&self) -> &[PortingOrdersExceptionType] {
        self.status
            .as_ref()
            .and_then(|s| s.details.as_deref())
            .unwrap_or_default()
    }

    /// The phone numbers in the order; empty when the API sent none.
    pub fn porting_phone_numbers(&self) -> &[PortingPhoneNumber] {
        self.phone_numbers.as_deref().unwrap_or_default()
    }
}

/// The status of a porting order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderStatus {
    /// Zero or more details about the status, such as the exceptions blocking the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<PortingOrdersExceptionType>>,
    /// The current status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<PortingOrderStatusValue>,
}

/// A phone number in a porting order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingPhoneNumber {
    /// The current status of the porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_status: Option<PortingOrderStatusValue>,
    /// The type of the phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_type: Option<PhoneNumberType>,
    /// The phone number, normally E.164, kept as the API sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The porting order the number belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// A key to quote to Telnyx support about this order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_key: Option<String>,
    /// The activation status of the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_status: Option<PortingOrderActivationStatus>,
    /// Whether Telnyx could confirm the number is portable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portability_status: Option<PortabilityStatus>,
    /// The status of the requirements in an international porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements_status: Option<RequirementsStatus>,
    /// The type of the resource: `porting_phone_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The documents submitted for a porting order (set directly or via a requirement group).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderDocuments {
    /// The id of the LOA (letter of authorization) uploaded via the Documents endpoint
    /// (nullable).
    #[serde(default)]
    pub loa: Option<Uuid>,
    /// The id of the invoice uploaded via the Documents endpoint (nullable).
    #[serde(default)]
    pub invoice: Option<Uuid>,
}

/// Full or partial port, and what happens to the numbers left behind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderMisc {
    /// Full or partial port (the wire name is `type`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<PortingOrderType>,
    /// Whether the numbers remaining with the current carrier are kept or disconnected
    /// (nullable). `keep` requires [`new_billing_phone_number`](Self::new_billing_phone_number).
    #[serde(default)]
    pub remaining_numbers_action: Option<RemainingNumbersAction>,
    /// The new billing phone number for the remaining numbers, when the current one is being
    /// ported to Telnyx; one of the numbers left on the account with the current carrier
    /// (nullable).
    #[serde(default)]
    pub new_billing_phone_number: Option<String>,
}

/// Who requests the port, and where.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderEndUser {
    /// The account holder's details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<PortingOrderEndUserAdmin>,
    /// The billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<PortingOrderEndUserLocation>,
}

/// The account holder's details with the current carrier. Every field is nullable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderEndUserAdmin {
    /// The person or company name requesting the port.
    #[serde(default)]
    pub entity_name: Option<String>,
    /// The name of the person authorizing the order.
    #[serde(default)]
    pub auth_person_name: Option<String>,
    /// The billing phone number of these numbers.
    #[serde(default)]
    pub billing_phone_number: Option<String>,
    /// The authorized person's account number with the current carrier.
    #[serde(default)]
    pub account_number: Option<String>,
    /// The European tax identification number (European Union only).
    #[serde(default)]
    pub tax_identifier: Option<String>,
    /// The PIN or passcode the current carrier may require for extra verification.
    #[serde(default)]
    pub pin_passcode: Option<String>,
    /// The European business identification number (European Union only).
    #[serde(default)]
    pub business_identifier: Option<String>,
}

/// The billing address. Every field is nullable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderEndUserLocation {
    /// The first line of the address.
    #[serde(default)]
    pub street_address: Option<String>,
    /// The second line of the address.
    #[serde(default)]
    pub extended_address: Option<String>,
    /// The city or municipality.
    #[serde(default)]
    pub locality: Option<String>,
    /// The state, province or similar.
    #[serde(default)]
    pub administrative_area: Option<String>,
    /// The postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// The ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country_code: Option<String>,
}

/// FOC (firm order commitment) dates and activation status of a porting order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderActivationSettings {
    /// The requested FOC date and time (nullable).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub foc_datetime_requested: Option<OffsetDateTime>,
    /// The actual FOC date and time (nullable).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub foc_datetime_actual: Option<OffsetDateTime>,
    /// Whether the order is eligible for FastPort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_port_eligible: Option<bool>,
    /// The activation status (nullable).
    #[serde(default)]
    pub activation_status: Option<PortingOrderActivationStatus>,
}

/// What to set on the numbers once they are ported.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderPhoneNumberConfiguration {
    /// The billing group to set (nullable).
    #[serde(default)]
    pub billing_group_id: Option<String>,
    /// The connection to set (nullable).
    #[serde(default)]
    pub connection_id: Option<String>,
    /// The messaging profile to set (nullable).
    #[serde(default)]
    pub messaging_profile_id: Option<String>,
    /// The emergency address to set (nullable).
    #[serde(default)]
    pub emergency_address_id: Option<String>,
    /// The tags to set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// A documentation requirement for porting the numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderRequirement {
    /// The type of value expected in [`field_value`](Self::field_value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<RequirementFieldType>,
    /// Identifies the document that satisfies the requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_value: Option<String>,
    /// Identifies the requirement type this meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_type_id: Option<String>,
    /// The type of the resource: `porting_requirement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The user's rating of and comment on the port.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderUserFeedback {
    /// The user's rating, once the order is ported or cancelled or its cancellation requested
    /// (nullable).
    #[serde(default)]
    pub user_rating: Option<i64>,
    /// A comment on the rating (nullable).
    #[serde(default)]
    pub user_comment: Option<String>,
}

/// The porting of messaging capabilities.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrderMessaging {
    /// Whether the order can also port messaging capabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_capable: Option<bool>,
    /// Whether Telnyx ports messaging capabilities from the losing carrier; if false they stay
    /// with the current carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_messaging: Option<bool>,
    /// The status of the messaging port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_port_status: Option<MessagingPortStatus>,
    /// Whether the messaging port has completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_port_completed: Option<bool>,
}

/// An exception holding up a porting order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrdersExceptionType {
    /// Identifies the exception type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<PortingOrdersExceptionCode>,
    /// Describes the exception.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Data;

    /// The spec's `201` example for `POST /porting_orders`, verbatim.
    const CREATE_201: &str = r#"{
      "data": [
        {
          "activation_settings": {
            "activation_status": null,
            "fast_port_eligible": true,
            "foc_datetime_actual": null,
            "foc_datetime_requested": null
          },
          "created_at": "2022-03-17T18:01:01Z",
          "customer_reference": null,
          "customer_group_reference": null,
          "description": "FP Telnyx",
          "documents": { "loa": null, "invoice": null },
          "end_user": {
            "admin": {
              "account_number": null,
              "auth_person_name": null,
              "billing_phone_number": null,
              "business_identifier": null,
              "entity_name": null,
              "pin_passcode": null,
              "tax_identifier": null
            },
            "location": {
              "administrative_area": null,
              "country_code": null,
              "extended_address": null,
              "locality": null,
              "postal_code": null,
              "street_address": null
            }
          },
          "id": "b0ea6d6f-de31-4079-a536-992e0c98b037",
          "misc": null,
          "old_service_provider_ocn": "Unreal Communications",
          "parent_support_key": null,
          "phone_number_configuration": {
            "billing_group_id": null,
            "connection_id": null,
            "emergency_address_id": null,
            "messaging_profile_id": null,
            "tags": []
          },
          "phone_number_type": "local",
          "phone_numbers": [
            {
              "activation_status": "Activate RDY",
              "phone_number": "{e.164 TN}",
              "phone_number_type": "local",
              "portability_status": "confirmed",
              "porting_order_id": "b0ea6d6f-de31-4079-a536-992e0c98b037",
              "porting_order_status": "draft",
              "record_type": "porting_phone_number",
              "requirements_status": "requirement-info-pending",
              "support_key": "sr_10b316"
            }
          ],
          "porting_phone_numbers_count": 1,
          "record_type": "porting_order",
          "requirements": [],
          "requirements_met": false,
          "status": { "details": [], "value": "draft" },
          "support_key": null,
          "updated_at": "2022-03-17T18:01:01Z",
          "user_feedback": { "user_comment": null, "user_rating": null },
          "messaging": {
            "messaging_capable": true,
            "enable_messaging": false,
            "messaging_port_status": "not_applicable",
            "messaging_port_completed": false
          },
          "user_id": "40d68ba2-0847-4df2-be9c-b0e0cb673e75",
          "webhook_url": null
        }
      ]
    }"#;

    fn utc(year: i32, month: u8, day: u8, (h, m, s): (u8, u8, u8), nanos: u32) -> OffsetDateTime {
        let month = time::Month::try_from(month).unwrap();
        let date = time::Date::from_calendar_date(year, month, day).unwrap();
        let time = time::Time::from_hms_nano(h, m, s, nanos).unwrap();
        time::PrimitiveDateTime::new(date, time).assume_utc()
    }

    fn decode(json: &str) -> (serde_json::Value, Data<Vec<PortingOrder>>) {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let decoded = serde_json::from_str(json).unwrap();
        (value, decoded)
    }

    #[test]
    fn the_spec_example_decodes_to_typed_values() {
        let (_, created) = decode(CREATE_201);
        assert_eq!(created.len(), 1);
        let po = &created[0];
        assert_eq!(
            po.id,
            Some("b0ea6d6f-de31-4079-a536-992e0c98b037".parse().unwrap())
        );
        assert_eq!(po.status_value(), Some(&PortingOrderStatusValue::Draft));
        assert!(po.status_details().is_empty());
        assert_eq!(po.created_at, Some(utc(2022, 3, 17, (18, 1, 1), 0)));
        assert_eq!(po.phone_number_type, Some(PhoneNumberType::Local));
        assert_eq!(po.misc, None);
        assert_eq!(po.customer_reference, None);
        assert_eq!(po.porting_phone_numbers_count, Some(1));
        assert_eq!(
            po.user_id,
            Some(Uuid::parse_str("40d68ba2-0847-4df2-be9c-b0e0cb673e75").unwrap())
        );
        let settings = po.activation_settings.as_ref().unwrap();
        assert_eq!(settings.fast_port_eligible, Some(true));
        assert_eq!(settings.activation_status, None);
        assert_eq!(
            po.messaging.as_ref().unwrap().messaging_port_status,
            Some(MessagingPortStatus::NotApplicable)
        );

        let numbers = po.porting_phone_numbers();
        assert_eq!(numbers.len(), 1);
        let number = &numbers[0];
        assert_eq!(number.phone_number.as_deref(), Some("{e.164 TN}"));
        assert_eq!(
            number.activation_status,
            Some(PortingOrderActivationStatus::ActivateRdy)
        );
        assert_eq!(
            number.portability_status,
            Some(PortabilityStatus::Confirmed)
        );
        assert_eq!(
            number.requirements_status,
            Some(RequirementsStatus::RequirementInfoPending)
        );
        assert_eq!(
            number.porting_order_status,
            Some(PortingOrderStatusValue::Draft)
        );
        assert_eq!(number.porting_order_id, po.id);
    }

    #[test]
    fn the_spec_example_re_encodes_unchanged() {
        let (value, created) = decode(CREATE_201);
        assert_eq!(serde_json::to_value(&created).unwrap(), value);
    }

    #[test]
    fn unknown_enum_values_and_fractional_timestamps_re_encode_unchanged() {
        let mut value: serde_json::Value = serde_json::from_str(CREATE_201).unwrap();
        let order = &mut value["data"][0];
        order["status"]["value"] = "awaiting-carrier-magic".into();
        order["status"]["details"] = serde_json::json!([
            {"code": "ENTITY_NAME_MISMATCH", "description": "Entity name does not match that on the CSR"},
            {"code": "SOMETHING_NEW"}
        ]);
        order["phone_numbers"][0]["activation_status"] = "Activate LATER".into();
        order["updated_at"] = "2021-03-19T10:07:15.527Z".into();
        order["activation_settings"]["foc_datetime_requested"] = "2021-03-19T10:07:15.527Z".into();
        order["activation_settings"]["activation_status"] = "Cancel Pending".into();
        order["misc"] = serde_json::json!({
            "type": "partial",
            "remaining_numbers_action": "keep",
            "new_billing_phone_number": "+13035551234"
        });
        order["additional_steps"] = serde_json::json!(["associated_phone_numbers", "later_step"]);
        order["user_feedback"]["user_rating"] = 5.into();

        let created: Data<Vec<PortingOrder>> = serde_json::from_value(value.clone()).unwrap();
        let po = &created[0];
        let status = po.status_value().unwrap();
        assert!(status.is_unknown());
        assert_eq!(status.as_str(), "awaiting-carrier-magic");
        assert_eq!(
            po.status_details()[0].code,
            Some(PortingOrdersExceptionCode::EntityNameMismatch)
        );
        assert_eq!(
            po.porting_phone_numbers()[0].activation_status,
            Some(PortingOrderActivationStatus::Unknown(
                "Activate LATER".into()
            ))
        );
        assert_eq!(
            po.updated_at,
            Some(utc(2021, 3, 19, (10, 7, 15), 527_000_000))
        );
        let misc = po.misc.as_ref().unwrap();
        assert_eq!(misc.r#type, Some(PortingOrderType::Partial));
        assert_eq!(
            misc.remaining_numbers_action,
            Some(RemainingNumbersAction::Keep)
        );
        assert_eq!(
            po.additional_steps.as_deref().unwrap()[0],
            AdditionalStep::AssociatedPhoneNumbers
        );
        assert_eq!(po.user_feedback.as_ref().unwrap().user_rating, Some(5));

        assert_eq!(serde_json::to_value(&created).unwrap(), value);
        let text = serde_json::to_string(&created).unwrap();
        assert!(
            text.contains(r#""updated_at":"2021-03-19T10:07:15.527Z""#),
            "{text}"
        );
        assert!(
            text.contains(r#""created_at":"2022-03-17T18:01:01Z""#),
            "{text}"
        );
    }

    #[test]
    fn an_empty_object_decodes_and_nullable_fields_encode_as_null() {
        let po: PortingOrder = serde_json::from_str("{}").unwrap();
        assert_eq!(po, PortingOrder::default());
        assert_eq!(po.status_value(), None);
        assert!(po.porting_phone_numbers().is_empty());
        let value = serde_json::to_value(&po).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = [
            "customer_reference",
            "customer_group_reference",
            "support_key",
            "parent_support_key",
            "misc",
            "webhook_url",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        assert!(value.as_object().unwrap().values().all(|v| v.is_null()));
    }

    #[test]
    fn activation_status_round_trips_wire_values_with_spaces() {
        for (wire, value) in [
            ("Activate RDY", PortingOrderActivationStatus::ActivateRdy),
            (
                "Cancel Pending",
                PortingOrderActivationStatus::CancelPending,
            ),
            (
                "Concurrence Sent",
                PortingOrderActivationStatus::ConcurrenceSent,
            ),
            (
                "Activate LATER",
                PortingOrderActivationStatus::Unknown("Activate LATER".into()),
            ),
        ] {
            let json = serde_json::to_string(wire).unwrap();
            let decoded: PortingOrderActivationStatus = serde_json::from_str(&json).unwrap();
            assert_eq!(decoded, value);
            assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
            assert_eq!(decoded.to_string(), wire);
        }
        assert_eq!(
            "foc-date-confirmed".parse::<PortingOrderStatusValue>(),
            Ok(PortingOrderStatusValue::FocDateConfirmed)
        );
        assert_eq!(
            PortingOrderStatusValue::from("in-process"),
            PortingOrderStatusValue::InProcess
        );
    }

    #[test]
    fn a_wrongly_typed_timestamp_is_an_error() {
        let err = serde_json::from_str::<PortingOrder>(r#"{"created_at":42}"#);
        assert!(err.is_err());
        let err = serde_json::from_str::<PortingOrder>(r#"{"created_at":"yesterday"}"#);
        assert!(err.is_err());
    }
}
