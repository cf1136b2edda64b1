//! The body of `PATCH /porting_orders/{id}` (the spec's `UpdatePortingOrder`).
//!
//! A PATCH changes only what it names: a field left out keeps its value on the server, and a
//! field sent as `null` is cleared. Fields the spec marks nullable are [`Patch`]es, which say
//! which of the three is meant; the others are `Option`s, left out when `None`. Every struct
//! starts empty (`new()` / `Default`) and has a setter per field (and a `clear_…` for each
//! nullable one).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::Patch;
use super::porting_order::{PortingOrderType, RemainingNumbersAction};

/// Setters for `Option` fields: `field(value)` sets `Some(value)`.
macro_rules! option_setters {
    ($($field:ident: $ty:ty),+ $(,)?) => {
        $(
            #[doc = concat!("Sets `", stringify!($field), "`.")]
            pub fn $field(mut self, value: impl Into<$ty>) -> Self {
                self.$field = Some(value.into());
                self
            }
        )+
    };
}

/// Setters for `Patch` fields: `field(value)` sets a value, `clear_field()` sends `null`.
macro_rules! patch_setters {
    ($($field:ident, $clear:ident: $ty:ty),+ $(,)?) => {
        $(
            #[doc = concat!("Sets `", stringify!($field), "`.")]
            pub fn $field(mut self, value: impl Into<$ty>) -> Self {
                self.$field = Patch::Value(value.into());
                self
            }

            #[doc = concat!("Clears `", stringify!($field), "` (sends `null`).")]
            pub fn $clear(mut self) -> Self {
                self.$field = Patch::Null;
                self
            }
        )+
    };
}

/// The request body of `PATCH /porting_orders/{id}`: the attributes to change.
///
/// ```
/// use telnyx_porting::models::{
///     UpdatePortingOrder, UpdatePortingOrderEndUser, UpdatePortingOrderEndUserAdmin,
/// };
///
/// let update = UpdatePortingOrder::new()
///     .customer_reference("Acct 123abc")
///     .end_user(
///         UpdatePortingOrderEndUser::new().admin(
///             UpdatePortingOrderEndUserAdmin::new()
///                 .entity_name("Porter McPortersen")
///                 .clear_pin_passcode(),
///         ),
///     )
///     .clear_misc();
/// assert_eq!(
///     serde_json::to_string(&update)?,
///     r#"{"customer_reference":"Acct 123abc","end_user":{"admin":{"entity_name":"Porter McPortersen","pin_passcode":null}},"misc":null}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrder {
    /// A customer-specified reference number for bookkeeping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// A customer-specified group reference for bookkeeping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_group_reference: Option<String>,
    /// The requested FOC date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_settings: Option<UpdatePortingOrderActivationSettings>,
    /// The LOA and invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<UpdatePortingOrderDocuments>,
    /// Who requests the port, and where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<UpdatePortingOrderEndUser>,
    /// Whether messaging capabilities are ported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging: Option<UpdatePortingOrderMessaging>,
    /// Full or partial port (nullable: [`Patch::Null`] clears it).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub misc: Patch<UpdatePortingOrderMisc>,
    /// What to set on the numbers once ported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_configuration: Option<UpdatePortingOrderPhoneNumberConfiguration>,
    /// A requirement group whose current values are copied into the order's documents and
    /// requirements (later changes to the group do not apply; conflicting documents or
    /// requirements in the same request are an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement_group_id: Option<Uuid>,
    /// Values for the order's requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<UpdatePortingOrderRequirement>>,
    /// The user's rating of and comment on the port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_feedback: Option<UpdatePortingOrderUserFeedback>,
    /// Where Telnyx sends the order's webhooks (a URI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
}

impl UpdatePortingOrder {
    /// An update that changes nothing; add changes with the setters.
    pub fn new() -> Self {
        Self::default()
    }

    option_setters! {
        customer_reference: String,
        customer_group_reference: String,
        activation_settings: UpdatePortingOrderActivationSettings,
        documents: UpdatePortingOrderDocuments,
        end_user: UpdatePortingOrderEndUser,
        messaging: UpdatePortingOrderMessaging,
        phone_number_configuration: UpdatePortingOrderPhoneNumberConfiguration,
        requirement_group_id: Uuid,
        user_feedback: UpdatePortingOrderUserFeedback,
        webhook_url: String,
    }

    patch_setters! {
        misc, clear_misc: UpdatePortingOrderMisc,
    }

    /// Sets the requested FOC date (`activation_settings.foc_datetime_requested`).
    pub fn foc_datetime_requested(self, when: OffsetDateTime) -> Self {
        self.activation_settings(UpdatePortingOrderActivationSettings {
            foc_datetime_requested: Some(when),
        })
    }

    /// Sets the values of the order's requirements.
    pub fn requirements(
        mut self,
        requirements: impl IntoIterator<Item = UpdatePortingOrderRequirement>,
    ) -> Self {
        self.requirements = Some(requirements.into_iter().collect());
        self
    }
}

/// The activation settings of an [`UpdatePortingOrder`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderActivationSettings {
    /// The requested FOC date and time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub foc_datetime_requested: Option<OffsetDateTime>,
}

impl UpdatePortingOrderActivationSettings {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    option_setters! { foc_datetime_requested: OffsetDateTime }
}

/// The documents of an [`UpdatePortingOrder`] (the spec's `PortingOrderDocuments`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderDocuments {
    /// The LOA, a document uploaded via the Documents endpoint (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub loa: Patch<Uuid>,
    /// The invoice, a document uploaded via the Documents endpoint (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub invoice: Patch<Uuid>,
}

impl UpdatePortingOrderDocuments {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    patch_setters! { loa, clear_loa: Uuid, invoice, clear_invoice: Uuid }
}

/// The end user of an [`UpdatePortingOrder`] (the spec's `PortingOrderEndUser`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderEndUser {
    /// The account holder's details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<UpdatePortingOrderEndUserAdmin>,
    /// Where the numbers are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<UpdatePortingOrderEndUserLocation>,
}

impl UpdatePortingOrderEndUser {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    option_setters! {
        admin: UpdatePortingOrderEndUserAdmin,
        location: UpdatePortingOrderEndUserLocation,
    }
}

/// The account holder in an [`UpdatePortingOrder`] (the spec's `PortingOrderEndUserAdmin`;
/// every field nullable).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderEndUserAdmin {
    /// The name of the person or company that owns the numbers.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub entity_name: Patch<String>,
    /// The name of the person authorized to release the numbers.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub auth_person_name: Patch<String>,
    /// The billing telephone number of the account.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub billing_phone_number: Patch<String>,
    /// The account number with the current carrier.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub account_number: Patch<String>,
    /// The tax identifier of the account holder.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub tax_identifier: Patch<String>,
    /// The PIN or passcode of the account.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub pin_passcode: Patch<String>,
    /// The business identifier of the account holder.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub business_identifier: Patch<String>,
}

impl UpdatePortingOrderEndUserAdmin {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    patch_setters! {
        entity_name, clear_entity_name: String,
        auth_person_name, clear_auth_person_name: String,
        billing_phone_number, clear_billing_phone_number: String,
        account_number, clear_account_number: String,
        tax_identifier, clear_tax_identifier: String,
        pin_passcode, clear_pin_passcode: String,
        business_identifier, clear_business_identifier: String,
    }
}

/// Where the numbers are, in an [`UpdatePortingOrder`] (the spec's
/// `PortingOrderEndUserLocation`; every field nullable).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderEndUserLocation {
    /// The ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub country_code: Patch<String>,
    /// The street address.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub street_address: Patch<String>,
    /// The extended address (floor, suite).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub extended_address: Patch<String>,
    /// The locality.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub locality: Patch<String>,
    /// The administrative area (state, province).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub administrative_area: Patch<String>,
    /// The postal code.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub postal_code: Patch<String>,
}

impl UpdatePortingOrderEndUserLocation {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    patch_setters! {
        country_code, clear_country_code: String,
        street_address, clear_street_address: String,
        extended_address, clear_extended_address: String,
        locality, clear_locality: String,
        administrative_area, clear_administrative_area: String,
        postal_code, clear_postal_code: String,
    }
}

/// The messaging settings of an [`UpdatePortingOrder`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderMessaging {
    /// Whether Telnyx ports messaging capabilities from the losing carrier; if false they stay
    /// with the current carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_messaging: Option<bool>,
}

impl UpdatePortingOrderMessaging {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    option_setters! { enable_messaging: bool }
}

/// Full or partial port in an [`UpdatePortingOrder`] (the spec's `PortingOrderMisc`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderMisc {
    /// Full or partial port (the wire name is `type`). For `full`, leave the others out.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<PortingOrderType>,
    /// Whether the numbers left with the current carrier are kept or disconnected (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub remaining_numbers_action: Patch<RemainingNumbersAction>,
    /// The new billing phone number of the remaining numbers (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub new_billing_phone_number: Patch<String>,
}

impl UpdatePortingOrderMisc {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// A full port.
    pub fn full() -> Self {
        Self::new().port_type(PortingOrderType::Full)
    }

    /// A partial port: the remaining numbers are kept (with `new_billing_phone_number`) or
    /// disconnected.
    pub fn partial(action: RemainingNumbersAction) -> Self {
        Self::new()
            .port_type(PortingOrderType::Partial)
            .remaining_numbers_action(action)
    }

    /// Sets the port type (`type`).
    pub fn port_type(mut self, port_type: PortingOrderType) -> Self {
        self.r#type = Some(port_type);
        self
    }

    patch_setters! {
        remaining_numbers_action, clear_remaining_numbers_action: RemainingNumbersAction,
        new_billing_phone_number, clear_new_billing_phone_number: String,
    }
}

/// What to set on the numbers once ported, in an [`UpdatePortingOrder`] (the spec's
/// `PortingOrderPhoneNumberConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderPhoneNumberConfiguration {
    /// The billing group (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub billing_group_id: Patch<String>,
    /// The connection (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub connection_id: Patch<String>,
    /// The emergency address (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub emergency_address_id: Patch<String>,
    /// The messaging profile (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub messaging_profile_id: Patch<String>,
    /// Tags to set on the numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl UpdatePortingOrderPhoneNumberConfiguration {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    patch_setters! {
        billing_group_id, clear_billing_group_id: String,
        connection_id, clear_connection_id: String,
        emergency_address_id, clear_emergency_address_id: String,
        messaging_profile_id, clear_messaging_profile_id: String,
    }

    /// Sets the tags.
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }
}

/// The user's feedback in an [`UpdatePortingOrder`] (the spec's `PortingOrderUserFeedback`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderUserFeedback {
    /// A comment on the rating (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub user_comment: Patch<String>,
    /// The rating (nullable).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub user_rating: Patch<i64>,
}

impl UpdatePortingOrderUserFeedback {
    /// Changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    patch_setters! {
        user_comment, clear_user_comment: String,
        user_rating, clear_user_rating: i64,
    }
}

/// A value for a requirement of the porting order (the spec's `UpdatePortingOrderRequirement`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrderRequirement {
    /// The document id or text value that satisfies the requirement.
    pub field_value: String,
    /// The requirement type that `field_value` fulfils.
    pub requirement_type_id: String,
}

impl UpdatePortingOrderRequirement {
    /// Fulfils `requirement_type_id` with `field_value`.
    pub fn new(requirement_type_id: impl Into<String>, field_value: impl Into<String>) -> Self {
        UpdatePortingOrderRequirement {
            field_value: field_value.into(),
            requirement_type_id: requirement_type_id.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_update_is_an_empty_object() {
        assert_eq!(
            serde_json::to_string(&UpdatePortingOrder::new()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn absent_null_and_values_in_nested_objects() {
        let update = UpdatePortingOrder::new()
            .documents(UpdatePortingOrderDocuments::new().clear_invoice())
            .misc(
                UpdatePortingOrderMisc::partial(RemainingNumbersAction::Keep)
                    .new_billing_phone_number("+13035551234"),
            )
            .phone_number_configuration(
                UpdatePortingOrderPhoneNumberConfiguration::new()
                    .clear_connection_id()
                    .tags(["a"]),
            )
            .user_feedback(UpdatePortingOrderUserFeedback::new().user_rating(5))
            .requirements([UpdatePortingOrderRequirement::new("rt", "value")]);
        let json = serde_json::to_value(&update).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "documents": {"invoice": null},
                "misc": {"type": "partial", "remaining_numbers_action": "keep",
                         "new_billing_phone_number": "+13035551234"},
                "phone_number_configuration": {"connection_id": null, "tags": ["a"]},
                "user_feedback": {"user_rating": 5},
                "requirements": [{"field_value": "value", "requirement_type_id": "rt"}]
            })
        );
        let back: UpdatePortingOrder = serde_json::from_value(json).unwrap();
        assert_eq!(back, update);
        let cleared = UpdatePortingOrder::new().clear_misc();
        assert_eq!(serde_json::to_string(&cleared).unwrap(), r#"{"misc":null}"#);
    }
}
