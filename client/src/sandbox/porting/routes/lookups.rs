//! Order-level look-ups: exception types, FOC windows, requirements, the sub request and
//! the LOA template.

use serde_json::{Value, json};

use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::{data, order_id, order_not_found, pdf, record_id, try_or_answer};
use crate::sandbox::http::Response;

/// `GET /porting_orders/exception_types`.
pub(super) fn exception_types() -> Response {
    let types = [
        (
            "ACCOUNT_NUMBER_MISMATCH",
            "Account number does not match that on the CSR",
        ),
        (
            "AUTH_PERSON_MISMATCH",
            "Authorized person does not match that on the CSR",
        ),
        (
            "ENTITY_NAME_MISMATCH",
            "Entity name does not match that on the CSR",
        ),
        (
            "LOCATION_MISMATCH",
            "Location does not match that on the CSR",
        ),
        ("PASSCODE_PIN_INVALID", "The passcode or PIN is invalid"),
        ("OTHER", "Other"),
    ];
    let list: Vec<Value> = types
        .iter()
        .map(|(code, description)| json!({ "code": code, "description": description }))
        .collect();
    data(200, &list)
}

/// `GET /porting_orders/{id}/allowed_foc_windows`: the next three weekdays, 14:00–18:00 UTC.
pub(super) fn foc_windows(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !ctx.store.get().orders.contains(&key) {
        return order_not_found(id);
    }
    ctx.store.unlock();
    let Some(now) = parse_time(&ctx.now) else {
        return data(200, &json!([]));
    };
    let mut windows = Vec::new();
    let mut day = now.date();
    for _ in 0..10 {
        day = day.next_day().unwrap_or(day);
        if matches!(
            day.weekday(),
            time::Weekday::Saturday | time::Weekday::Sunday
        ) {
            continue;
        }
        let start = day.with_hms(14, 0, 0).map(|t| t.assume_utc());
        let end = day.with_hms(18, 0, 0).map(|t| t.assume_utc());
        if let (Ok(start), Ok(end)) = (start, end) {
            windows.push(json!({
                "ended_at": format_time(end),
                "record_type": "porting_order",
                "started_at": format_time(start),
            }));
        }
        if windows.len() == 3 {
            break;
        }
    }
    let count = windows.len();
    Response::json(
        200,
        &json!({
            "data": windows,
            "meta": { "page_number": 1, "page_size": 20, "total_pages": 1, "total_results": count },
        }),
    )
}

/// `GET /porting_orders/{id}/requirements`: the invoice and LOA the order needs, approved
/// once its `documents` name them.
pub(super) fn requirements(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let key = try_or_answer!(order_id(id));
    let Some(order) = ctx.store.get().orders.get(&key) else {
        return order_not_found(id);
    };
    let documents = [order.documents.invoice, order.documents.loa];
    ctx.store.unlock();
    let kinds = [
        (
            "53970723-fbff-4f46-a975-f62be6c1a585",
            "Latest Invoice",
            "A copy of the latest phone bill from the current provider",
            "Most recent phone bill",
        ),
        (
            "59b0762a-b274-4f76-ac32-4d5cf0272e66",
            "Letter of Authorization",
            "A signed letter of authorization for the port",
            "Signed LOA",
        ),
    ];
    let list = kinds
        .iter()
        .zip(documents)
        .map(|((type_id, name, description, example), document)| {
            let value = document.map(|d| d.to_string()).unwrap_or_default();
            json!({
                "field_type": "document",
                "field_value": value,
                "record_type": "porting_requirement",
                "requirement_status": if value.is_empty() { "requirement-info-pending" } else { "approved" },
                "requirement_type": {
                    "acceptance_criteria": { "acceptable_values": [] },
                    "description": description,
                    "example": example,
                    "id": type_id,
                    "name": name,
                    "type": "document",
                },
            })
        });
    super::super::query::paginated(list, page)
}

/// `GET /porting_orders/{id}/sub_request`: stable ids per order.
pub(super) fn sub_request(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let ids = ctx.ids;
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    let (port, sub) = *store
        .sub_requests
        .entry(key)
        .or_insert_with(|| (ids.new_uuid(), ids.new_uuid()));
    ctx.store.unlock();
    data(
        200,
        &json!({ "port_request_id": port, "sub_request_id": sub }),
    )
}

/// `GET /porting_orders/{id}/loa_template`: a PDF.
pub(super) fn loa_template(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    if let Some(config) = ctx.query.get("loa_configuration_id") {
        let known = record_id("LOA configuration", config)
            .is_ok_and(|c| store.loa_configurations.contains(&c));
        if !known {
            return super::record_not_found("LOA configuration", config);
        }
    }
    ctx.store.unlock();
    pdf(&format!("Letter of Authorization {id}"))
}
