//! The documentation requirements of a porting order, by the country of its numbers.
//!
//! Every order needs a Letter of Authorization and the latest invoice; some countries need a
//! document more (the table below, the sandbox's own: the API's requirements "vary based on
//! the country and phone number type", and Telnyx publishes no list). The LOA and invoice
//! requirements are the order's `documents.loa` and `documents.invoice`: setting one sets the
//! other. The order's `requirements` lists every requirement of its country from the start
//! (as the docs describe), `field_value` empty until it is filled, and `requirements_met` is
//! true once all of them are.

use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde_json::{Value, json};
use uuid::Uuid;

use super::order::Order;

/// A requirement type: what a requirement asks for. All of the sandbox's are documents
/// (`field_value` names a document uploaded to `/documents`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RequirementType {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) example: &'static str,
    /// The order's document this requirement is, if it is one.
    pub(crate) slot: Slot,
}

/// Where the value of a requirement lives on the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `documents.loa`.
    Loa,
    /// `documents.invoice`.
    Invoice,
    /// The order's other requirement values.
    Other,
}

/// The invoice (id, name, description and example from the specification's
/// `PortingOrderRequirementDetail` example).
pub(crate) const INVOICE: RequirementType = RequirementType {
    id: "53970723-fbff-4f46-a975-f62be6c1a585",
    name: "Latest Invoice",
    description: "A copy of the latest phone bill from the current provider",
    example: "Most recent phone bill",
    slot: Slot::Invoice,
};

/// The LOA (id from the specification's `requirement_type_id` example).
pub(crate) const LOA: RequirementType = RequirementType {
    id: "59b0762a-b274-4f76-ac32-4d5cf0272e66",
    name: "Letter of Authorization",
    description: "A signed letter of authorization for the port",
    example: "Signed LOA",
    slot: Slot::Loa,
};

/// A proof of the end user's address (id from the docs' requirements sample).
pub(crate) const PROOF_OF_ADDRESS: RequirementType = RequirementType {
    id: "a428786a-5dc2-41c0-b0fe-c32df4c1b5e2",
    name: "Proof of Address",
    description: "A utility bill or bank statement, less than 3 months old, showing the end \
                  user's address",
    example: "Electricity bill",
    slot: Slot::Other,
};

/// A proof of the end user's identity or registration (the sandbox's own id).
pub(crate) const PROOF_OF_IDENTITY: RequirementType = RequirementType {
    id: "c0a4a3a2-7d1e-4b5f-9a8e-5a1d0e2b7c61",
    name: "Proof of Identity",
    description: "A national identity document of the end user, or the company's registration",
    example: "Company registration certificate",
    slot: Slot::Other,
};

const BASIC: &[&RequirementType] = &[&INVOICE, &LOA];
const WITH_ADDRESS: &[&RequirementType] = &[&INVOICE, &LOA, &PROOF_OF_ADDRESS];
const WITH_IDENTITY: &[&RequirementType] = &[&INVOICE, &LOA, &PROOF_OF_IDENTITY];

/// Every requirement type the sandbox knows.
const ALL_TYPES: &[&RequirementType] = &[&INVOICE, &LOA, &PROOF_OF_ADDRESS, &PROOF_OF_IDENTITY];

/// Countries whose orders also need a proof of address.
const ADDRESS_COUNTRIES: &[&str] = &[
    "AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "LU", "NL", "NO", "PL", "PT",
    "SE",
];
/// Countries whose orders also need a proof of identity.
const IDENTITY_COUNTRIES: &[&str] = &["AR", "BR", "CL", "CO", "MX", "PE"];

/// The requirement types of orders for numbers of `country` (ISO 3166-1 alpha-2).
pub(crate) fn for_country(country: Option<&str>) -> &'static [&'static RequirementType] {
    match country {
        Some(c) if ADDRESS_COUNTRIES.contains(&c) => WITH_ADDRESS,
        Some(c) if IDENTITY_COUNTRIES.contains(&c) => WITH_IDENTITY,
        _ => BASIC,
    }
}

/// The ISO country of an order: that of its first number (an order holds numbers of one
/// country).
pub(crate) fn country(order: &Order) -> Option<&'static str> {
    let number = order.phone_numbers.first()?;
    country_of(&number.phone_number)
}

/// The ISO country of a +E.164 number.
fn country_of(number: &str) -> Option<&'static str> {
    super::country::country_of(number).map(|c| c.iso)
}

/// The requirement types of `order`.
pub(crate) fn of(order: &Order) -> &'static [&'static RequirementType] {
    for_country(country(order))
}

/// The requirement type `id` among `types`.
pub(crate) fn find(
    types: &[&'static RequirementType],
    id: &str,
) -> Option<&'static RequirementType> {
    types.iter().copied().find(|t| t.id == id)
}

/// The value of requirement `kind` on `order`, if it is filled.
pub(crate) fn value(order: &Order, kind: &RequirementType) -> Option<String> {
    match kind.slot {
        Slot::Loa => order.documents.loa.map(|d| d.to_string()),
        Slot::Invoice => order.documents.invoice.map(|d| d.to_string()),
        Slot::Other => order
            .requirements
            .iter()
            .find(|r| r.requirement_type_id == kind.id)
            .map(|r| r.field_value.to_string()),
    }
}

/// Whether every requirement of `order` is filled.
pub(crate) fn met(order: &Order) -> bool {
    of(order).iter().all(|kind| value(order, kind).is_some())
}

/// The documents `order` names, each with its role: `documents.loa`, `documents.invoice`, and
/// the values of its other requirements (a document named so is linked to the order).
pub(crate) fn linked(order: &Order) -> impl Iterator<Item = (Uuid, &'static str)> + '_ {
    let loa = order.documents.loa.map(|d| (d, "LOA"));
    let invoice = order.documents.invoice.map(|d| (d, "invoice"));
    let others = order.requirements.iter().filter_map(|r| {
        let kind = ALL_TYPES.iter().find(|t| t.id == r.requirement_type_id)?;
        Some((Uuid::try_parse(&r.field_value).ok()?, kind.name))
    });
    loa.into_iter().chain(invoice).chain(others)
}

/// `order.requirements` as the API shows it: one `PortingOrderRequirement` per requirement of
/// the order's country, `field_value` empty until filled.
pub(crate) struct View<'a>(pub(crate) &'a Order);

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Entry<'a>(&'a RequirementType, Option<String>);
        impl Serialize for Entry<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut s = serializer.serialize_struct("PortingOrderRequirement", 4)?;
                s.serialize_field("field_type", "document")?;
                s.serialize_field("field_value", self.1.as_deref().unwrap_or(""))?;
                s.serialize_field("record_type", "porting_requirement")?;
                s.serialize_field("requirement_type_id", self.0.id)?;
                s.end()
            }
        }
        let types = of(self.0);
        let mut seq = serializer.serialize_seq(Some(types.len()))?;
        for kind in types {
            seq.serialize_element(&Entry(kind, value(self.0, kind)))?;
        }
        seq.end()
    }
}

/// `GET /porting_orders/{id}/requirements`: every requirement of the order, with its type,
/// `approved` once filled (the sandbox reviews nothing).
pub(crate) fn details(order: &Order) -> Vec<Value> {
    of(order)
        .iter()
        .map(|kind| {
            let value = value(order, kind);
            let status = if value.is_some() {
                "approved"
            } else {
                "requirement-info-pending"
            };
            json!({
                "field_type": "document",
                "field_value": value.unwrap_or_default(),
                "record_type": "porting_requirement",
                "requirement_status": status,
                "requirement_type": {
                    "acceptance_criteria": { "acceptable_values": [] },
                    "description": kind.description,
                    "example": kind.example,
                    "id": kind.id,
                    "name": kind.name,
                    "type": "document",
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_have_their_requirements() {
        assert_eq!(for_country(Some("US")), BASIC);
        assert_eq!(for_country(Some("GB")), BASIC);
        assert_eq!(for_country(None), BASIC);
        assert_eq!(for_country(Some("DE")), WITH_ADDRESS);
        assert_eq!(for_country(Some("BR")), WITH_IDENTITY);
        for kind in ALL_TYPES {
            assert!(Uuid::try_parse(kind.id).is_ok(), "{}", kind.id);
        }
    }
}
