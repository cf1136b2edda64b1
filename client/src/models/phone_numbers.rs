//! Phone number blocks, extensions, associated phone numbers and phone number configurations
//! of porting orders.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;
use super::porting_order::PhoneNumberType;

open_enum! {
    /// What happens to an associated phone number in a partial port (GB).
    pub enum AssociatedPhoneNumberAction {
        /// It stays with the current carrier.
        Keep => "keep",
        /// It is disconnected.
        Disconnect => "disconnect",
    }
}

/// A range of phone numbers, each end +E.164 (`+` then 7 to 15 digits), as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumberRange {
    /// The first number of the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<String>,
    /// The last number of the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<String>,
}

/// A range of phone numbers in a request, each end `+` then 7 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumberRangeParams {
    /// The first number of the range.
    pub start_at: String,
    /// The last number of the range.
    pub end_at: String,
}

impl PhoneNumberRangeParams {
    /// The numbers from `start_at` to `end_at`.
    pub fn new(start_at: impl Into<String>, end_at: impl Into<String>) -> Self {
        PhoneNumberRangeParams {
            start_at: start_at.into(),
            end_at: end_at.into(),
        }
    }
}

/// A range of extensions, as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtensionRange {
    /// The first extension of the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_at: Option<i64>,
    /// The last extension of the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_at: Option<i64>,
}

/// A range of extensions in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtensionRangeParams {
    /// The first extension of the range.
    pub start_at: i64,
    /// The last extension of the range.
    pub end_at: i64,
}

impl ExtensionRangeParams {
    /// The extensions from `start_at` to `end_at`.
    pub fn new(start_at: i64, end_at: i64) -> Self {
        ExtensionRangeParams { start_at, end_at }
    }
}

/// A block of phone numbers in a porting order (the spec's `PortingPhoneNumberBlock`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingPhoneNumberBlock {
    /// Uniquely identifies the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The two-letter ISO 3166-1 alpha-2 country code of the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// The type of the numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_type: Option<PhoneNumberType>,
    /// The numbers of the block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_range: Option<PhoneNumberRange>,
    /// The ranges to activate, within the block and not overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_ranges: Option<Vec<PhoneNumberRange>>,
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
    /// The type of the resource: `porting_phone_number_block`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{porting_order_id}/phone_number_blocks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingPhoneNumberBlock {
    /// The numbers of the block.
    pub phone_number_range: PhoneNumberRangeParams,
    /// The ranges to activate, within the block and not overlapping.
    pub activation_ranges: Vec<PhoneNumberRangeParams>,
}

impl CreatePortingPhoneNumberBlock {
    /// A block of `phone_number_range`, activating `activation_ranges`.
    pub fn new(
        phone_number_range: PhoneNumberRangeParams,
        activation_ranges: impl IntoIterator<Item = PhoneNumberRangeParams>,
    ) -> Self {
        CreatePortingPhoneNumberBlock {
            phone_number_range,
            activation_ranges: activation_ranges.into_iter().collect(),
        }
    }
}

/// The extensions of a porting phone number (the spec's `PortingPhoneNumberExtension`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingPhoneNumberExtension {
    /// Uniquely identifies the extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The porting phone number the extensions belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_phone_number_id: Option<Uuid>,
    /// The extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_range: Option<ExtensionRange>,
    /// The ranges to activate, within the extension range and not overlapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_ranges: Option<Vec<ExtensionRange>>,
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
    /// The type of the resource: `porting_phone_number_extension`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{porting_order_id}/phone_number_extensions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingPhoneNumberExtension {
    /// The porting phone number the extensions belong to.
    pub porting_phone_number_id: Uuid,
    /// The extensions.
    pub extension_range: ExtensionRangeParams,
    /// The ranges to activate, within the extension range and not overlapping.
    pub activation_ranges: Vec<ExtensionRangeParams>,
}

impl CreatePortingPhoneNumberExtension {
    /// Extensions `extension_range` of `porting_phone_number_id`, activating
    /// `activation_ranges`.
    pub fn new(
        porting_phone_number_id: Uuid,
        extension_range: ExtensionRangeParams,
        activation_ranges: impl IntoIterator<Item = ExtensionRangeParams>,
    ) -> Self {
        CreatePortingPhoneNumberExtension {
            porting_phone_number_id,
            extension_range,
            activation_ranges: activation_ranges.into_iter().collect(),
        }
    }
}

/// A phone number associated with a partial port in GB, kept or disconnected (the spec's
/// `PortingAssociatedPhoneNumber`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingAssociatedPhoneNumber {
    /// Uniquely identifies the associated phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The porting order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// Whether the numbers are kept or disconnected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<AssociatedPhoneNumberAction>,
    /// The two-letter ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// The type of the numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_type: Option<PhoneNumberType>,
    /// The numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_range: Option<PhoneNumberRange>,
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
    /// The type of the resource: `porting_associated_phone_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{porting_order_id}/associated_phone_numbers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingAssociatedPhoneNumber {
    /// Whether the numbers are kept or disconnected.
    pub action: AssociatedPhoneNumberAction,
    /// The numbers.
    pub phone_number_range: PhoneNumberRangeParams,
}

impl CreatePortingAssociatedPhoneNumber {
    /// Keeps or disconnects (`action`) the numbers of `phone_number_range`.
    pub fn new(
        action: AssociatedPhoneNumberAction,
        phone_number_range: PhoneNumberRangeParams,
    ) -> Self {
        CreatePortingAssociatedPhoneNumber {
            action,
            phone_number_range,
        }
    }
}

/// The user bundle configured on a porting phone number (the spec's
/// `PortingPhoneNumberConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingPhoneNumberConfiguration {
    /// Uniquely identifies the configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The porting phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_phone_number_id: Option<Uuid>,
    /// The user bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_bundle_id: Option<Uuid>,
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
    /// The type of the resource: `porting_phone_number_configuration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/phone_number_configurations`: at most 20
/// porting phone numbers and their user bundles.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePhoneNumberConfigurations {
    /// The configurations to create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_configurations: Option<Vec<PhoneNumberConfigurationParams>>,
}

impl CreatePhoneNumberConfigurations {
    /// An empty list; add configurations with [`configure`](Self::configure).
    pub fn new() -> Self {
        Self::default()
    }

    /// Associates user bundle `user_bundle_id` with porting phone number
    /// `porting_phone_number_id`.
    pub fn configure(mut self, porting_phone_number_id: Uuid, user_bundle_id: Uuid) -> Self {
        self.phone_number_configurations
            .get_or_insert_with(Vec::new)
            .push(PhoneNumberConfigurationParams {
                porting_phone_number_id,
                user_bundle_id,
            });
        self
    }
}

/// A porting phone number and the user bundle to associate with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PhoneNumberConfigurationParams {
    /// The porting phone number to configure.
    pub porting_phone_number_id: Uuid,
    /// The user bundle to associate with it.
    pub user_bundle_id: Uuid,
}

impl PhoneNumberConfigurationParams {
    /// Associates `user_bundle_id` with `porting_phone_number_id`.
    pub fn new(porting_phone_number_id: Uuid, user_bundle_id: Uuid) -> Self {
        PhoneNumberConfigurationParams {
            porting_phone_number_id,
            user_bundle_id,
        }
    }
}
