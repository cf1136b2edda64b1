//! Every JSON response example of the porting subset spec decodes into our models and
//! re-encodes to the same JSON.
//!
//! The examples come from `tests/fixtures/subset_examples.json`, which
//! `scripts/extract_spec_examples.py` writes from
//! `../shared/openapi/telnyx-porting.upstream-spec3-subset.yml`. `OPERATIONS` maps each of the
//! spec's 54 operations to the Rust type of its JSON response body (`None` for the 204 and PDF
//! operations); a fixture entry whose operation is missing from the table fails the test.
//!
//! Timestamps are compared as instants: `2023-06-01T10:00:00.00000Z` decodes to the same
//! `OffsetDateTime` as `2023-06-01T10:00:00Z` and is re-encoded in the canonical RFC 3339 form,
//! so a string that differs from the original only in that way counts as unchanged.

use std::collections::BTreeSet;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use telnyx_porting::models::*;
use telnyx_porting::time::OffsetDateTime;
use telnyx_porting::time::format_description::well_known::Rfc3339;

const FIXTURE: &str = include_str!("../fixtures/subset_examples.json");

/// Decodes an example into the response type of its operation and re-encodes it.
type RoundTrip = fn(&Value) -> Result<Value, String>;

fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(example.clone())
        .map_err(|e| format!("does not decode into {}: {e}", std::any::type_name::<T>()))?;
    serde_json::to_value(&decoded).map_err(|e| format!("does not re-encode: {e}"))
}

/// Every operation of the subset spec, with the type of its JSON response (2xx), if any.
const OPERATIONS: &[(&str, Option<RoundTrip>)] = &[
    (
        "PostPortabilityCheck",
        Some(round_trip::<Data<Vec<PortabilityCheckDetails>>>),
    ),
    ("listPortingEvents", Some(round_trip::<Page<PortingEvent>>)),
    ("showPortingEvent", Some(round_trip::<Data<PortingEvent>>)),
    ("republishPortingEvent", None), // 204
    (
        "ListLoaConfigurations",
        Some(round_trip::<Page<PortingLoaConfiguration>>),
    ),
    (
        "CreateLoaConfiguration",
        Some(round_trip::<Data<PortingLoaConfiguration>>),
    ),
    ("PreviewLoaConfigurationParams", None), // application/pdf
    ("DeleteLoaConfiguration", None),        // 204
    (
        "GetLoaConfiguration",
        Some(round_trip::<Data<PortingLoaConfiguration>>),
    ),
    (
        "UpdateLoaConfiguration",
        Some(round_trip::<Data<PortingLoaConfiguration>>),
    ),
    ("PreviewLoaConfiguration", None), // application/pdf
    (
        "ListPortingReports",
        Some(round_trip::<Page<PortingReport>>),
    ),
    (
        "CreatePortingReport",
        Some(round_trip::<Data<PortingReport>>),
    ),
    ("GetPortingReport", Some(round_trip::<Data<PortingReport>>)),
    (
        "listPortingUKCarriers",
        Some(round_trip::<Data<Vec<PortingUkCarrier>>>),
    ),
    ("ListPortingOrders", Some(round_trip::<Page<PortingOrder>>)),
    (
        "CreatePortingOrder",
        Some(round_trip::<Data<Vec<PortingOrder>>>),
    ),
    (
        "ListExceptionTypes",
        Some(round_trip::<Data<Vec<PortingOrdersExceptionType>>>),
    ),
    (
        "ListPhoneNumberConfigurations",
        Some(round_trip::<Page<PortingPhoneNumberConfiguration>>),
    ),
    (
        "CreatePhoneNumberConfigurations",
        Some(round_trip::<Data<Vec<PortingPhoneNumberConfiguration>>>),
    ),
    ("DeletePortingOrder", None), // 204
    ("GetPortingOrder", Some(round_trip::<PortingOrderResponse>)),
    (
        "UpdatePortingOrder",
        Some(round_trip::<PortingOrderResponse>),
    ),
    (
        "ActivatePortingOrder",
        Some(round_trip::<Data<PortingOrdersActivationJob>>),
    ),
    (
        "CancelPortingOrder",
        Some(round_trip::<PortingOrderResponse>),
    ),
    (
        "ConfirmPortingOrder",
        Some(round_trip::<PortingOrderResponse>),
    ),
    (
        "SharePortingOrder",
        Some(round_trip::<Data<PortingOrderSharingToken>>),
    ),
    (
        "ListPortingOrderActivationJobs",
        Some(round_trip::<Page<PortingOrdersActivationJob>>),
    ),
    (
        "GetPortingOrdersActivationJob",
        Some(round_trip::<Data<PortingOrdersActivationJob>>),
    ),
    (
        "UpdatePortingOrdersActivationJob",
        Some(round_trip::<Data<PortingOrdersActivationJob>>),
    ),
    (
        "ListAdditionalDocuments",
        Some(round_trip::<Page<PortingAdditionalDocument>>),
    ),
    (
        "CreateAdditionalDocuments",
        Some(round_trip::<Data<Vec<PortingAdditionalDocument>>>),
    ),
    ("DeleteAdditionalDocument", None), // 204
    (
        "ListAllowedFocWindows",
        Some(round_trip::<Page<PortingOrdersAllowedFocWindow>>),
    ),
    (
        "ListPortingOrderComments",
        Some(round_trip::<Page<PortingOrdersComment>>),
    ),
    (
        "CreatePortingOrderComment",
        Some(round_trip::<Data<PortingOrdersComment>>),
    ),
    ("GetPortingOrderLoaTemplate", None), // application/pdf
    (
        "ListPortingOrderRequirements",
        Some(round_trip::<Page<PortingOrderRequirementDetail>>),
    ),
    (
        "GetPortingOrderSubRequest",
        Some(round_trip::<Data<GetSubRequestByPortingOrder>>),
    ),
    (
        "ListVerificationCodes",
        Some(round_trip::<Page<PortingVerificationCode>>),
    ),
    ("SendPortingVerificationCodes", None), // 204
    (
        "VerifyPortingVerificationCodes",
        Some(round_trip::<Data<Vec<PortingVerificationCode>>>),
    ),
    (
        "listPortingActionRequirements",
        Some(round_trip::<Page<PortingActionRequirement>>),
    ),
    (
        "initiatePortingActionRequirement",
        Some(round_trip::<Data<PortingActionRequirement>>),
    ),
    (
        "listPortingAssociatedPhoneNumbers",
        Some(round_trip::<Page<PortingAssociatedPhoneNumber>>),
    ),
    (
        "createPortingAssociatedPhoneNumber",
        Some(round_trip::<Data<PortingAssociatedPhoneNumber>>),
    ),
    (
        "deletePortingAssociatedPhoneNumber",
        Some(round_trip::<Data<PortingAssociatedPhoneNumber>>),
    ),
    (
        "listPortingPhoneNumberBlocks",
        Some(round_trip::<Page<PortingPhoneNumberBlock>>),
    ),
    (
        "createPortingPhoneNumberBlock",
        Some(round_trip::<Data<PortingPhoneNumberBlock>>),
    ),
    (
        "deletePortingPhoneNumberBlock",
        Some(round_trip::<Data<PortingPhoneNumberBlock>>),
    ),
    (
        "listPortingPhoneNumberExtensions",
        Some(round_trip::<Page<PortingPhoneNumberExtension>>),
    ),
    (
        "createPortingPhoneNumberExtension",
        Some(round_trip::<Data<PortingPhoneNumberExtension>>),
    ),
    (
        "deletePortingPhoneNumberExtension",
        Some(round_trip::<Data<PortingPhoneNumberExtension>>),
    ),
    (
        "ListPortingPhoneNumbers",
        Some(round_trip::<Page<PortingPhoneNumber>>),
    ),
];

fn lookup(operation_id: &str) -> Option<Option<RoundTrip>> {
    OPERATIONS
        .iter()
        .find(|(id, _)| *id == operation_id)
        .map(|(_, decode)| *decode)
}

fn fixture() -> Vec<Value> {
    match serde_json::from_str(FIXTURE) {
        Ok(Value::Array(entries)) => entries,
        other => panic!("the fixture is not a JSON array: {other:?}"),
    }
}

fn field<'a>(entry: &'a Value, name: &str) -> &'a str {
    entry[name].as_str().unwrap_or("?")
}

fn describe(entry: &Value) -> String {
    format!(
        "{} {} {} ({}, {})",
        field(entry, "operationId"),
        field(entry, "status"),
        field(entry, "content_type"),
        field(entry, "schema_ref_or_inline_name"),
        field(entry, "source"),
    )
}

fn timestamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// The first difference between `original` and `reencoded`, if any, as a JSON path and the
/// two values. Strings that parse as the same RFC 3339 instant are equal.
fn difference(path: &str, original: &Value, reencoded: &Value) -> Option<String> {
    match (original, reencoded) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
                let child = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => {
                        if let Some(diff) = difference(&child, x, y) {
                            return Some(diff);
                        }
                    }
                    (Some(x), None) => return Some(format!("{child}: {x} was dropped")),
                    (None, Some(y)) => return Some(format!("{child}: {y} was added")),
                    (None, None) => {}
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| difference(&format!("{path}[{i}]"), x, y)),
        (Value::String(a), Value::String(b))
            if a != b && timestamp(a).is_some() && timestamp(a) == timestamp(b) =>
        {
            None
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{path}: {a} became {b}")),
    }
}

#[test]
fn every_spec_example_decodes_and_round_trips() {
    let entries = fixture();
    assert!(!entries.is_empty(), "the fixture holds no example");
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in &entries {
        let name = describe(entry);
        let decode = match lookup(field(entry, "operationId")) {
            Some(Some(decode)) => decode,
            Some(None) => {
                failures.push(format!(
                    "{name}: the table says this operation has no JSON body"
                ));
                continue;
            }
            None => {
                failures.push(format!("{name}: the operation is not in OPERATIONS"));
                continue;
            }
        };
        let example = &entry["example"];
        match decode(example) {
            Ok(reencoded) => match difference("$", example, &reencoded) {
                None => checked += 1,
                Some(diff) => failures.push(format!("{name}: does not round-trip: {diff}")),
            },
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
    assert_eq!(checked, entries.len());
}

#[test]
fn every_fixture_operation_is_in_the_table() {
    let entries = fixture();
    let missing: BTreeSet<&str> = entries
        .iter()
        .map(|entry| field(entry, "operationId"))
        .filter(|id| lookup(id).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "add these operations to OPERATIONS: {missing:?}"
    );
}

#[test]
fn the_table_lists_each_of_the_54_operations_once() {
    let ids: BTreeSet<&str> = OPERATIONS.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), OPERATIONS.len(), "an operation is listed twice");
    assert_eq!(OPERATIONS.len(), 54);
}

#[test]
fn the_comparison_treats_equal_instants_as_equal_and_nothing_else() {
    let a = serde_json::json!({"t": "2023-06-01T10:00:00.00000Z", "n": [1]});
    let b = serde_json::json!({"t": "2023-06-01T10:00:00Z", "n": [1]});
    assert_eq!(difference("$", &a, &b), None);
    let c = serde_json::json!({"t": "2023-06-01T10:00:01Z", "n": [1]});
    assert!(difference("$", &a, &c).is_some());
    let d = serde_json::json!({"t": "2023-06-01T10:00:00Z"});
    assert!(difference("$", &b, &d).unwrap().contains("dropped"));
    let e = serde_json::json!({"t": "x", "n": [1]});
    assert!(difference("$", &e, &b).is_some());
}
