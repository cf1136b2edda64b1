//! Records of the account rather than of one order: porting reports and LOA configurations,
//! compact typed records written as the API's JSON by `Serialize` (the keys in alphabetical
//! order, as the sandbox always wrote them). A field a client left out, or cleared with
//! `null`, is not written.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::order::{SANDBOX_USER_ID, Stamp, Status};
use super::table::record;

/// A porting report (`porting_report`), `completed` as soon as it is made.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) id: Uuid,
    /// Also its `updated_at`: a report never changes.
    pub(crate) created_at: Stamp,
    pub(crate) document_id: Uuid,
    pub(crate) filters: ReportFilters,
}

record!(Report);

/// The only `report_type`.
pub(crate) const EXPORT_CSV: &str = "export_porting_orders_csv";

/// `params.filters` of a report, as the client sent them (the times as written).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ReportFilters {
    #[serde(rename = "created_at__gt", skip_serializing_if = "Option::is_none")]
    pub(crate) created_after: Option<Box<str>>,
    #[serde(rename = "created_at__lt", skip_serializing_if = "Option::is_none")]
    pub(crate) created_before: Option<Box<str>>,
    #[serde(
        rename = "customer_reference__in",
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) customer_references: Option<Box<[Box<str>]>>,
    #[serde(rename = "status__in", skip_serializing_if = "Option::is_none")]
    pub(crate) statuses: Option<Box<[Status]>>,
}

impl ReportFilters {
    /// The filters of a checked `params.filters` object (statuses already known).
    pub(crate) fn from_body(filters: &Value) -> ReportFilters {
        let strings = |name: &str| {
            filters[name].as_array().map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(Box::from)
                    .collect()
            })
        };
        ReportFilters {
            created_after: text(&filters["created_at__gt"]),
            created_before: text(&filters["created_at__lt"]),
            customer_references: strings("customer_reference__in"),
            statuses: filters["status__in"].as_array().map(|items| {
                items
                    .iter()
                    .filter_map(|s| Status::ALL.into_iter().find(|k| s == k.as_str()))
                    .collect()
            }),
        }
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Params<'a> {
            filters: &'a ReportFilters,
        }
        let mut s = serializer.serialize_struct("PortingReport", 8)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("document_id", &self.document_id)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field(
            "params",
            &Params {
                filters: &self.filters,
            },
        )?;
        s.serialize_field("record_type", "porting_report")?;
        s.serialize_field("report_type", EXPORT_CSV)?;
        s.serialize_field("status", "completed")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.end()
    }
}

/// An LOA configuration (`porting_loa_configuration`).
#[derive(Debug, Clone)]
pub(crate) struct LoaConfiguration {
    pub(crate) id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) updated_at: Stamp,
    pub(crate) name: Option<Box<str>>,
    pub(crate) company_name: Option<Box<str>>,
    pub(crate) address: LoaAddress,
    pub(crate) contact: LoaContact,
    pub(crate) logo_document_id: Option<Box<str>>,
}

record!(LoaConfiguration);

/// The `address` of an LOA configuration.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LoaAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) city: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country_code: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) extended_address: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) state: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) street_address: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) zip_code: Option<Box<str>>,
}

/// The `contact` of an LOA configuration.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct LoaContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) phone_number: Option<Box<str>>,
}

/// A string field of a checked body (`None` for null).
fn text(value: &Value) -> Option<Box<str>> {
    value.as_str().map(Box::from)
}

/// Sets `slot` from `key` of `body` when the body has it (`null` clears).
fn merge_text(slot: &mut Option<Box<str>>, body: &Map<String, Value>, key: &str) {
    if let Some(value) = body.get(key) {
        *slot = text(value);
    }
}

impl LoaConfiguration {
    /// A new configuration from a checked, complete body.
    pub(crate) fn new(id: Uuid, now: Stamp, body: &Value) -> LoaConfiguration {
        let mut record = LoaConfiguration {
            id,
            created_at: now,
            updated_at: now,
            name: None,
            company_name: None,
            address: LoaAddress::default(),
            contact: LoaContact::default(),
            logo_document_id: None,
        };
        if let Some(body) = body.as_object() {
            record.merge(body, now);
        }
        record
    }

    /// Merges a checked PATCH body like the porting order update: a field left out keeps its
    /// value, `null` clears it (a whole group for `address`, `contact` or `logo`).
    pub(crate) fn merge(&mut self, body: &Map<String, Value>, now: Stamp) {
        merge_text(&mut self.name, body, "name");
        merge_text(&mut self.company_name, body, "company_name");
        match body.get("address") {
            Some(Value::Object(address)) => {
                let a = &mut self.address;
                merge_text(&mut a.city, address, "city");
                merge_text(&mut a.country_code, address, "country_code");
                merge_text(&mut a.extended_address, address, "extended_address");
                merge_text(&mut a.state, address, "state");
                merge_text(&mut a.street_address, address, "street_address");
                merge_text(&mut a.zip_code, address, "zip_code");
            }
            Some(_) => self.address = LoaAddress::default(),
            None => {}
        }
        match body.get("contact") {
            Some(Value::Object(contact)) => {
                merge_text(&mut self.contact.email, contact, "email");
                merge_text(&mut self.contact.phone_number, contact, "phone_number");
            }
            Some(_) => self.contact = LoaContact::default(),
            None => {}
        }
        match body.get("logo") {
            Some(Value::Object(logo)) => {
                merge_text(&mut self.logo_document_id, logo, "document_id")
            }
            Some(_) => self.logo_document_id = None,
            None => {}
        }
        self.updated_at = now;
    }
}

impl Serialize for LoaConfiguration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Logo<'a> {
            content_type: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            document_id: Option<&'a str>,
        }
        let logo = Logo {
            content_type: "image/png",
            document_id: self.logo_document_id.as_deref(),
        };
        let mut s = serializer.serialize_struct("PortingLOAConfiguration", 11)?;
        s.serialize_field("address", &self.address)?;
        if let Some(company) = &self.company_name {
            s.serialize_field("company_name", company)?;
        }
        s.serialize_field("contact", &self.contact)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("logo", &logo)?;
        if let Some(name) = &self.name {
            s.serialize_field("name", name)?;
        }
        s.serialize_field("organization_id", SANDBOX_USER_ID)?;
        s.serialize_field("record_type", "porting_loa_configuration")?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}
