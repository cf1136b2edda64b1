//! Porting phone numbers, portability checks, events, reports, LOA configurations and UK
//! carriers.

use serde_json::{Value, json};

use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Match, apply_filters, paginated, sort_records};
use super::super::state::{Ctx, push_bounded};
use super::children::checked_body;
use super::{data, pdf, record_not_found};
use crate::sandbox::http::Response;

macro_rules! try_or_answer {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(response) => return response,
        }
    };
}

/// `GET /porting_phone_numbers`: every number of every stored order.
pub(super) fn list_phone_numbers(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let mut numbers: Vec<Value> = ctx
        .store
        .orders
        .iter()
        .filter_map(|o| o["phone_numbers"].as_array())
        .flatten()
        .cloned()
        .collect();
    const FILTERS: &[Filter] = &[
        (
            "filter[porting_order_status]",
            "/porting_order_status",
            Match::Eq,
        ),
        ("filter[porting_order_id]", "/porting_order_id", Match::Eq),
    ];
    apply_filters(&ctx.query, &mut numbers, FILTERS);
    paginated(numbers, page)
}

/// `POST /portability_checks`: +E.164 numbers are portable (NANP ones fast-portable).
pub(super) fn portability_checks(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(checked_body(
        ctx,
        &[("phone_numbers", Kind::Strs)],
        &["phone_numbers"]
    ));
    let results: Vec<Value> = body["phone_numbers"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|number| {
            let valid = super::super::is_e164(number);
            json!({
                "fast_portable": valid && number.starts_with("+1"),
                "not_portable_reason": if valid { "" } else { "Invalid phone number" },
                "phone_number": number,
                "portable": valid,
                "record_type": "portability_check_result",
            })
        })
        .collect();
    data(201, Value::Array(results))
}

// --- events ---

pub(super) fn list_events(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let mut events = ctx.store.events.clone();
    const FILTERS: &[Filter] = &[
        ("filter[type]", "/event_type", Match::Eq),
        ("filter[porting_order_id]", "/porting_order_id", Match::Eq),
        ("filter[created_at][gte]", "/created_at", Match::AtOrAfter),
        ("filter[created_at][lte]", "/created_at", Match::AtOrBefore),
    ];
    apply_filters(&ctx.query, &mut events, FILTERS);
    sort_records(&mut events, "-created_at");
    paginated(events, page)
}

pub(super) fn retrieve_event(ctx: &mut Ctx<'_>, id: &str) -> Response {
    match ctx.store.events.iter().find(|e| e["id"] == id) {
        Some(event) => data(200, event.clone()),
        None => record_not_found("Porting event", id),
    }
}

pub(super) fn republish_event(ctx: &mut Ctx<'_>, id: &str) -> Response {
    match ctx.store.events.iter().any(|e| e["id"] == id) {
        true => Response::new(204),
        false => record_not_found("Porting event", id),
    }
}

// --- reports ---

const STATUSES: &[&str] = &[
    "draft",
    "in-process",
    "submitted",
    "exception",
    "foc-date-confirmed",
    "cancel-pending",
    "ported",
    "cancelled",
];

pub(super) fn create_report(ctx: &mut Ctx<'_>) -> Response {
    const REPORT_FILTERS: Fields = &[
        ("created_at__gt", Kind::Time),
        ("created_at__lt", Kind::Time),
        ("customer_reference__in", Kind::Strs),
        ("status__in", Kind::Strs),
    ];
    const FIELDS: Fields = &[
        (
            "report_type",
            Kind::RequiredEnum(&["export_porting_orders_csv"]),
        ),
        (
            "params",
            Kind::Obj(&[("filters", Kind::Obj(REPORT_FILTERS))]),
        ),
    ];
    let body = try_or_answer!(checked_body(ctx, FIELDS, &["report_type", "params"]));
    if let Some(statuses) = body["params"]["filters"]["status__in"].as_array() {
        for (i, status) in statuses.iter().enumerate() {
            if !status.as_str().is_some_and(|s| STATUSES.contains(&s)) {
                return crate::sandbox::errors::invalid_body(
                    &format!("/params/filters/status__in/{i}"),
                    "Unknown porting order status.",
                );
            }
        }
    }
    let report = json!({
        "created_at": ctx.now,
        "document_id": ctx.ids.uuid(),
        "id": ctx.ids.uuid(),
        "params": body["params"],
        "record_type": "porting_report",
        "report_type": body["report_type"],
        "status": "completed",
        "updated_at": ctx.now,
    });
    push_bounded(&mut ctx.store.reports, report.clone());
    data(201, report)
}

pub(super) fn list_reports(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let mut reports = ctx.store.reports.clone();
    const FILTERS: &[Filter] = &[
        ("filter[report_type]", "/report_type", Match::Eq),
        ("filter[status]", "/status", Match::Eq),
    ];
    apply_filters(&ctx.query, &mut reports, FILTERS);
    sort_records(&mut reports, "-created_at");
    paginated(reports, page)
}

pub(super) fn retrieve_report(ctx: &mut Ctx<'_>, id: &str) -> Response {
    match ctx.store.reports.iter().find(|r| r["id"] == id) {
        Some(report) => data(200, report.clone()),
        None => record_not_found("Porting report", id),
    }
}

// --- LOA configurations ---

const ADDRESS: Fields = &[
    ("city", Kind::Str),
    ("country_code", Kind::Str),
    ("extended_address", Kind::Str),
    ("state", Kind::Str),
    ("street_address", Kind::Str),
    ("zip_code", Kind::Str),
];
const LOA: Fields = &[
    ("name", Kind::Str),
    ("company_name", Kind::Str),
    ("address", Kind::Obj(ADDRESS)),
    (
        "contact",
        Kind::Obj(&[("email", Kind::Str), ("phone_number", Kind::Str)]),
    ),
    ("logo", Kind::Obj(&[("document_id", Kind::Str)])),
];
const LOA_REQUIRED: &[&str] = &["name", "logo", "company_name", "address", "contact"];

/// A checked, complete LOA configuration body.
fn loa_body(ctx: &Ctx<'_>) -> Result<Value, Response> {
    let body = checked_body(ctx, LOA, LOA_REQUIRED)?;
    let required: [(&str, &[&str]); 3] = [
        (
            "address",
            &[
                "street_address",
                "city",
                "state",
                "zip_code",
                "country_code",
            ],
        ),
        ("contact", &["email", "phone_number"]),
        ("logo", &["document_id"]),
    ];
    for (object, fields) in required {
        for field in fields {
            if !body[object][field].is_string() {
                return Err(crate::sandbox::errors::response(
                    422,
                    vec![crate::sandbox::errors::required_entry(
                        &format!("/{object}"),
                        field,
                    )],
                ));
            }
        }
    }
    Ok(body)
}

fn loa_record(ctx: &Ctx<'_>, body: &Value, id: String, created_at: &str) -> Value {
    json!({
        "address": body["address"],
        "company_name": body["company_name"],
        "contact": body["contact"],
        "created_at": created_at,
        "id": id,
        "logo": { "content_type": "image/png", "document_id": body["logo"]["document_id"] },
        "name": body["name"],
        "organization_id": super::super::SANDBOX_USER_ID,
        "record_type": "porting_loa_configuration",
        "updated_at": ctx.now,
    })
}

pub(super) fn create_loa_configuration(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(loa_body(ctx));
    let record = loa_record(ctx, &body, ctx.ids.uuid(), &ctx.now);
    push_bounded(&mut ctx.store.loa_configurations, record.clone());
    data(201, record)
}

pub(super) fn list_loa_configurations(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    paginated(ctx.store.loa_configurations.clone(), page)
}

fn loa_index(ctx: &Ctx<'_>, id: &str) -> Result<usize, Response> {
    ctx.store
        .loa_configurations
        .iter()
        .position(|c| c["id"] == id)
        .ok_or_else(|| record_not_found("LOA configuration", id))
}

pub(super) fn retrieve_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let index = try_or_answer!(loa_index(ctx, id));
    data(200, ctx.store.loa_configurations[index].clone())
}

/// `PATCH`: merges like the porting order update (omitted keeps, null clears).
pub(super) fn update_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let index = try_or_answer!(loa_index(ctx, id));
    let body = try_or_answer!(checked_body(ctx, LOA, &[]));
    let now = ctx.now.clone();
    let Some(record) = ctx.store.loa_configurations.get_mut(index) else {
        return record_not_found("LOA configuration", id);
    };
    if let Some(map) = body.as_object() {
        patch::merge(record, map, LOA);
    }
    if let Some(document) = body["logo"]["document_id"].as_str() {
        record["logo"] = json!({ "content_type": "image/png", "document_id": document });
    }
    record["updated_at"] = Value::from(now);
    data(200, record.clone())
}

pub(super) fn delete_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let index = try_or_answer!(loa_index(ctx, id));
    ctx.store.loa_configurations.remove(index);
    Response::new(204)
}

pub(super) fn preview_loa_params(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(loa_body(ctx));
    pdf(&format!(
        "LOA preview {}",
        body["company_name"].as_str().unwrap_or_default()
    ))
}

pub(super) fn preview_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let index = try_or_answer!(loa_index(ctx, id));
    let name = ctx.store.loa_configurations[index]["company_name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    pdf(&format!("LOA preview {name}"))
}

// --- UK carriers ---

pub(super) fn uk_carriers() -> Response {
    let carriers = [
        (
            "96dfa9e4-c753-4fd3-97cd-42d66f26cf0c",
            "Telnyx UK Limited",
            "895",
        ),
        ("2b7a1c9e-0f4d-4a8e-9c3b-5d6e7f8a9b0c", "BT", "001"),
        ("3c8b2d0f-1a5e-4b9f-8d4c-6e7f8a9b0c1d", "Vodafone", "004"),
    ];
    let list: Vec<Value> = carriers
        .iter()
        .map(|(id, name, cupid)| {
            json!({
                "alternative_cupids": [cupid],
                "created_at": "2021-03-19T10:07:15.527Z",
                "cupid": cupid,
                "id": id,
                "name": name,
                "record_type": "porting_uk_carrier",
                "updated_at": "2021-03-19T10:07:15.527Z",
            })
        })
        .collect();
    data(200, Value::Array(list))
}
