//! LOA (letter of authorization) configurations (`/porting/loa_configurations`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::open_enum::open_enum;

open_enum! {
    /// The content type of an LOA logo.
    pub enum LogoContentType {
        /// A PNG image.
        ImagePng => "image/png",
    }
}

/// A configuration from which LOA documents are generated (the spec's
/// `PortingLOAConfiguration`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingLoaConfiguration {
    /// Uniquely identifies the LOA configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The name of the configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// The address of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<LoaAddress>,
    /// The contact details of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<LoaContact>,
    /// The logo used in the LOA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<LoaLogo>,
    /// The organization that owns the configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// When the configuration was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the configuration was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_loa_configuration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The address of the company in an LOA configuration, as the API returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaAddress {
    /// The street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// The extended address (floor, suite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_address: Option<String>,
    /// The locality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The administrative area, two capital letters (`TX`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The postal code (`78701` or `78701-1234`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// The country code, two capital letters (`US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

/// The contact of the company in an LOA configuration, as the API returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaContact {
    /// The contact's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The contact's phone number, +E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

/// The logo of an LOA configuration, as the API returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaLogo {
    /// The document that holds the logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<Uuid>,
    /// The content type of the logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<LogoContentType>,
}

/// The request body of `POST /porting/loa_configurations`, `POST …/preview` and
/// `PATCH /porting/loa_configurations/{id}` (the spec's `CreatePortingLOAConfiguration`
/// request body; the PATCH takes the whole configuration, every field required).
///
/// ```
/// use telnyx_porting::models::{CreatePortingLoaConfiguration, LoaAddressParams};
///
/// let logo = "f1486bae-f067-460c-ad43-73a92848f902".parse()?;
/// let address = LoaAddressParams::new("600 Congress Avenue", "Austin", "TX", "78701", "US")
///     .extended_address("14th Floor");
/// let config = CreatePortingLoaConfiguration::new(
///     "My LOA Configuration", logo, "Telnyx", address, "testing@telnyx.com", "+12003270001",
/// );
/// let json = serde_json::to_value(&config)?;
/// assert_eq!(json["logo"]["document_id"], "f1486bae-f067-460c-ad43-73a92848f902");
/// assert_eq!(json["address"]["extended_address"], "14th Floor");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingLoaConfiguration {
    /// The name of the configuration.
    pub name: String,
    /// The logo, an uploaded document.
    pub logo: LoaLogoParams,
    /// The name of the company.
    pub company_name: String,
    /// The address of the company.
    pub address: LoaAddressParams,
    /// The contact details of the company.
    pub contact: LoaContactParams,
}

impl CreatePortingLoaConfiguration {
    /// A configuration with every required field.
    pub fn new(
        name: impl Into<String>,
        logo_document_id: Uuid,
        company_name: impl Into<String>,
        address: LoaAddressParams,
        email: impl Into<String>,
        phone_number: impl Into<String>,
    ) -> Self {
        CreatePortingLoaConfiguration {
            name: name.into(),
            logo: LoaLogoParams {
                document_id: logo_document_id,
            },
            company_name: company_name.into(),
            address,
            contact: LoaContactParams {
                email: email.into(),
                phone_number: phone_number.into(),
            },
        }
    }
}

/// The logo of an LOA configuration in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaLogoParams {
    /// The uploaded document that holds the logo.
    pub document_id: Uuid,
}

impl LoaLogoParams {
    /// The logo in document `document_id`.
    pub fn new(document_id: Uuid) -> Self {
        LoaLogoParams { document_id }
    }
}

/// The contact of the company in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaContactParams {
    /// The contact's email address.
    pub email: String,
    /// The contact's phone number, `+` then 11 to 15 digits.
    pub phone_number: String,
}

impl LoaContactParams {
    /// A contact with this email address and phone number.
    pub fn new(email: impl Into<String>, phone_number: impl Into<String>) -> Self {
        LoaContactParams {
            email: email.into(),
            phone_number: phone_number.into(),
        }
    }
}

/// The address of the company in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoaAddressParams {
    /// The street address.
    pub street_address: String,
    /// The extended address (floor, suite), optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_address: Option<String>,
    /// The locality.
    pub city: String,
    /// The administrative area, two capital letters (`TX`).
    pub state: String,
    /// The postal code (`78701` or `78701-1234`).
    pub zip_code: String,
    /// The country code, two capital letters (`US`).
    pub country_code: String,
}

impl LoaAddressParams {
    /// An address with every required field.
    pub fn new(
        street_address: impl Into<String>,
        city: impl Into<String>,
        state: impl Into<String>,
        zip_code: impl Into<String>,
        country_code: impl Into<String>,
    ) -> Self {
        LoaAddressParams {
            street_address: street_address.into(),
            extended_address: None,
            city: city.into(),
            state: state.into(),
            zip_code: zip_code.into(),
            country_code: country_code.into(),
        }
    }

    /// Sets the extended address (floor, suite).
    pub fn extended_address(mut self, extended_address: impl Into<String>) -> Self {
        self.extended_address = Some(extended_address.into());
        self
    }
}
