//! Order-level look-ups: exception types, FOC windows, requirements, the sub request and
//! the LOA template.

use serde_json::{Value, json};

use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::super::requirements;
use super::super::rules;
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

/// `GET /porting_orders/{id}/allowed_foc_windows`: the next three weekdays, 14:00–18:00 UTC
/// (the windows a requested FOC date must fall in: [`rules::foc_windows`]).
pub(super) fn foc_windows(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !ctx.store.get().orders.contains(&key) {
        return order_not_found(id);
    }
    ctx.store.unlock();
    let Some(now) = parse_time(&ctx.now) else {
        return data(200, &json!([]));
    };
    let windows: Vec<Value> = rules::foc_windows(now)
        .into_iter()
        .map(|(start, end)| {
            json!({
                "ended_at": format_time(end),
                "record_type": "porting_order",
                "started_at": format_time(start),
            })
        })
        .collect();
    let count = windows.len();
    Response::json(
        200,
        &json!({
            "data": windows,
            "meta": { "page_number": 1, "page_size": 20, "total_pages": 1, "total_results": count },
        }),
    )
}

/// `GET /porting_orders/{id}/requirements`: every requirement of the order's country, with
/// its type, `approved` once filled.
pub(super) fn requirements(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let key = try_or_answer!(order_id(id));
    let Some(order) = ctx.store.get().orders.get(&key) else {
        return order_not_found(id);
    };
    let list = requirements::details(order);
    ctx.store.unlock();
    super::super::query::paginated(list.into_iter(), page)
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
