//! Porting orders: retrieve, list, update, delete, the actions, and the order-level look-ups.

use serde_json::{Value, json};
use time::Duration;

use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Match, apply_filters, paginated, sort_records};
use super::super::state::{Child, Ctx, format_time, parse_time, push_bounded};
use super::{data, json_body, order_not_found, pdf, refuse};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

const ADMIN: Fields = &[
    ("account_number", Kind::Str),
    ("auth_person_name", Kind::Str),
    ("billing_phone_number", Kind::Str),
    ("business_identifier", Kind::Str),
    ("entity_name", Kind::Str),
    ("pin_passcode", Kind::Str),
    ("tax_identifier", Kind::Str),
];
const LOCATION: Fields = &[
    ("administrative_area", Kind::Str),
    ("country_code", Kind::Str),
    ("extended_address", Kind::Str),
    ("locality", Kind::Str),
    ("postal_code", Kind::Str),
    ("street_address", Kind::Str),
];
const MISC: Fields = &[
    ("new_billing_phone_number", Kind::Str),
    (
        "remaining_numbers_action",
        Kind::Enum(&["keep", "disconnect"]),
    ),
    ("type", Kind::RequiredEnum(&["full", "partial"])),
];

/// The fields `PATCH /porting_orders/{id}` merges into the order (`requirements` and
/// `requirement_group_id` are handled apart).
const UPDATE: Fields = &[
    ("customer_reference", Kind::Str),
    ("customer_group_reference", Kind::Str),
    ("webhook_url", Kind::Str),
    (
        "end_user",
        Kind::Obj(&[
            ("admin", Kind::Obj(ADMIN)),
            ("location", Kind::Obj(LOCATION)),
        ]),
    ),
    (
        "documents",
        Kind::Obj(&[("invoice", Kind::Str), ("loa", Kind::Str)]),
    ),
    ("misc", Kind::NullObj(MISC)),
    (
        "activation_settings",
        Kind::Obj(&[("foc_datetime_requested", Kind::Time)]),
    ),
    (
        "phone_number_configuration",
        Kind::Obj(&[
            ("billing_group_id", Kind::Str),
            ("connection_id", Kind::Str),
            ("emergency_address_id", Kind::Str),
            ("messaging_profile_id", Kind::Str),
            ("tags", Kind::Strs),
        ]),
    ),
    ("messaging", Kind::Obj(&[("enable_messaging", Kind::Bool)])),
    (
        "user_feedback",
        Kind::Obj(&[("user_comment", Kind::Str), ("user_rating", Kind::Int)]),
    ),
    ("requirement_group_id", Kind::Str),
];

/// The filters of `GET /porting_orders`.
const FILTERS: &[Filter] = &[
    (
        "filter[customer_reference]",
        "/customer_reference",
        Match::Eq,
    ),
    (
        "filter[customer_group_reference]",
        "/customer_group_reference",
        Match::Eq,
    ),
    (
        "filter[parent_support_key]",
        "/parent_support_key",
        Match::Eq,
    ),
    (
        "filter[phone_numbers][phone_number][contains]",
        "/phone_numbers/*/phone_number",
        Match::Contains,
    ),
    ("filter[misc][type]", "/misc/type", Match::Eq),
    (
        "filter[end_user][admin][entity_name]",
        "/end_user/admin/entity_name",
        Match::Eq,
    ),
    (
        "filter[end_user][admin][auth_person_name]",
        "/end_user/admin/auth_person_name",
        Match::Eq,
    ),
    (
        "filter[activation_settings][fast_port_eligible]",
        "/activation_settings/fast_port_eligible",
        Match::Eq,
    ),
    (
        "filter[activation_settings][foc_datetime_requested][gt]",
        "/activation_settings/foc_datetime_requested",
        Match::After,
    ),
    (
        "filter[activation_settings][foc_datetime_requested][lt]",
        "/activation_settings/foc_datetime_requested",
        Match::Before,
    ),
];

/// `{"data": order, "meta": {"phone_numbers_url": ...}}`, without `phone_numbers` unless
/// `include_numbers`.
fn order_document(order: &Value, include_numbers: bool) -> Value {
    let id = order["id"].as_str().unwrap_or_default();
    json!({
        "data": shown(order, include_numbers),
        "meta": {
            "phone_numbers_url": format!("/v2/porting_phone_numbers?filter[porting_order_id]={id}"),
        },
    })
}

fn shown(order: &Value, include_numbers: bool) -> Value {
    let mut order = order.clone();
    if !include_numbers && let Some(map) = order.as_object_mut() {
        map.remove("phone_numbers");
    }
    order
}

/// `GET /porting_orders/{id}`.
pub(super) fn retrieve(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let include = match ctx.query.bool("include_phone_numbers", true) {
        Ok(include) => include,
        Err(response) => return response,
    };
    match ctx.store.order_index(id) {
        Some(i) => Response::json(200, &order_document(&ctx.store.orders[i], include)),
        None => order_not_found(id),
    }
}

/// `GET /porting_orders`: filters, `sort[value]` (default `-created_at`), pages.
pub(super) fn list(ctx: &mut Ctx<'_>) -> Response {
    let checked = (|| {
        let include = ctx.query.bool("include_phone_numbers", true)?;
        let sort = ctx.query.sort(&[
            "created_at",
            "-created_at",
            "activation_settings.foc_datetime_requested",
            "-activation_settings.foc_datetime_requested",
        ])?;
        Ok::<_, Response>((include, sort, ctx.query.page()?))
    })();
    let (include, sort, page) = match checked {
        Ok(checked) => checked,
        Err(response) => return response,
    };
    let mut orders = ctx.store.orders.clone();
    apply_filters(&ctx.query, &mut orders, FILTERS);
    sort_records(&mut orders, sort.as_deref().unwrap_or("-created_at"));
    let orders = orders.iter().map(|o| shown(o, include)).collect();
    paginated(orders, page)
}

/// `PATCH /porting_orders/{id}`: omitted fields keep their value, null clears.
pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let Some(index) = ctx.store.order_index(id) else {
        return order_not_found(id);
    };
    let body = match json_body(ctx) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut problems = Vec::new();
    let mut requirements = None;
    let mut rest = body.clone();
    if let Some(map) = rest.as_object_mut()
        && let Some(value) = map.remove("requirements")
    {
        requirements = check_requirements(&value, &mut problems);
    }
    patch::check(&rest, UPDATE, "", &mut problems);
    if let Err(response) = refuse(problems) {
        return response;
    }
    let Some(order) = ctx.store.orders.get_mut(index) else {
        return order_not_found(id);
    };
    if let Some(mut map) = rest.as_object().cloned() {
        map.remove("requirement_group_id");
        patch::merge(order, &map, UPDATE);
    }
    if let Some(requirements) = requirements {
        order["requirements"] = Value::Array(requirements);
    }
    order["updated_at"] = Value::from(ctx.now.clone());
    Response::json(200, &order_document(order, true))
}

/// `requirements: [{field_value, requirement_type_id}]`, as the order stores them.
fn check_requirements(value: &Value, problems: &mut Vec<Value>) -> Option<Vec<Value>> {
    let bad = |pointer: &str, detail: &str| errors::body_entry(pointer, detail);
    let Some(items) = value.as_array() else {
        problems.push(bad("/requirements", "'requirements' must be a list."));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        match (field("field_value"), field("requirement_type_id")) {
            (Some(value), Some(type_id)) => out.push(json!({
                "field_type": "document",
                "field_value": value,
                "record_type": "porting_requirement",
                "requirement_type_id": type_id,
            })),
            _ => problems.push(bad(
                &format!("/requirements/{i}"),
                "Each requirement needs string 'field_value' and 'requirement_type_id'.",
            )),
        }
    }
    Some(out)
}

/// `DELETE /porting_orders/{id}`: only drafts.
pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let Some(index) = ctx.store.order_index(id) else {
        return order_not_found(id);
    };
    let status = status_of(&ctx.store.orders[index]);
    if status != "draft" {
        return errors::unprocessable(&format!(
            "Only draft porting orders can be deleted; {id} is {status}."
        ));
    }
    if let Some(order) = ctx.store.remove_order(index) {
        let event = json!({
            "available_notification_methods": ["email", "webhook"],
            "event_type": "porting_order.deleted",
            "id": ctx.ids.uuid(),
            "payload": {
                "created_at": order["created_at"],
                "customer_reference": order["customer_reference"].as_str().unwrap_or_default(),
                "deleted_at": ctx.now,
                "id": id,
                "record_type": "porting_event",
                "updated_at": ctx.now,
            },
            "payload_status": "created",
            "porting_order_id": id,
        });
        push_bounded(&mut ctx.store.events, with_times(event, &ctx.now));
    }
    Response::new(204)
}

fn with_times(mut event: Value, now: &str) -> Value {
    if let Some(map) = event.as_object_mut() {
        map.entry("created_at").or_insert_with(|| Value::from(now));
        if map.get("event_type").and_then(Value::as_str) != Some("porting_order.deleted") {
            map.insert("record_type".to_owned(), Value::from("porting_event"));
            map.insert("updated_at".to_owned(), Value::from(now));
        }
    }
    event
}

fn status_of(order: &Value) -> String {
    order["status"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `POST /porting_orders/{id}/actions/{action}`.
pub(super) fn action(ctx: &mut Ctx<'_>, id: &str, action: &str) -> Response {
    let Some(index) = ctx.store.order_index(id) else {
        return match action {
            "confirm" | "cancel" | "activate" | "share" => order_not_found(id),
            _ => errors::not_found(&format!("No action {action}.")),
        };
    };
    let status = status_of(&ctx.store.orders[index]);
    match action {
        "confirm" => match status.as_str() {
            "draft" => set_status(ctx, index, "in-process"),
            _ => errors::unprocessable(&format!(
                "Only draft porting orders can be confirmed; {id} is {status}."
            )),
        },
        "cancel" => match status.as_str() {
            "draft" => set_status(ctx, index, "cancelled"),
            "in-process" | "submitted" | "exception" | "foc-date-confirmed" => {
                set_status(ctx, index, "cancel-pending")
            }
            _ => errors::unprocessable(&format!(
                "Porting order {id} is {status} and cannot be cancelled."
            )),
        },
        "activate" => match status.as_str() {
            "cancelled" | "cancel-pending" | "ported" => errors::unprocessable(&format!(
                "Porting order {id} is {status} and cannot be activated."
            )),
            _ => activate(ctx, id),
        },
        "share" => share(ctx, id),
        _ => errors::not_found(&format!("No action {action}.")),
    }
}

/// Moves an order to `status`, records a `porting_order.status_changed` event, and answers
/// with the order.
fn set_status(ctx: &mut Ctx<'_>, index: usize, status: &str) -> Response {
    let Some(order) = ctx.store.orders.get_mut(index) else {
        return errors::not_found("The porting order went away.");
    };
    order["status"] = json!({ "details": [], "value": status });
    order["updated_at"] = Value::from(ctx.now.clone());
    if status == "in-process" && order["support_key"].is_null() {
        order["support_key"] = Value::from(ctx.ids.support_key());
    }
    if let Some(numbers) = order["phone_numbers"].as_array_mut() {
        for number in numbers {
            number["porting_order_status"] = Value::from(status);
        }
    }
    let mut payload = json!({
        "id": order["id"],
        "status": order["status"],
        "updated_at": ctx.now,
    });
    for key in ["customer_reference", "support_key", "webhook_url"] {
        if let Some(value) = order[key].as_str() {
            payload[key] = Value::from(value);
        }
    }
    let event = json!({
        "available_notification_methods": ["email", "webhook"],
        "event_type": "porting_order.status_changed",
        "id": ctx.ids.uuid(),
        "payload": payload,
        "payload_status": "created",
        "porting_order_id": order["id"],
    });
    let document = order_document(order, true);
    push_bounded(&mut ctx.store.events, with_times(event, &ctx.now));
    Response::json(200, &document)
}

/// 202 with a new on-demand activation job.
fn activate(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let end = parse_time(&ctx.now)
        .map_or_else(|| ctx.now.clone(), |t| format_time(t + Duration::hours(1)));
    let job = json!({
        "activate_at": ctx.now,
        "activation_type": "on-demand",
        "activation_windows": [{ "end_at": end, "start_at": ctx.now }],
        "created_at": ctx.now,
        "id": ctx.ids.uuid(),
        "record_type": "porting_activation_job",
        "status": "created",
        "updated_at": ctx.now,
    });
    push_bounded(
        &mut ctx.store.activation_jobs,
        Child {
            order_id: id.to_owned(),
            value: job.clone(),
        },
    );
    data(202, job)
}

/// 201 with a sharing token.
fn share(ctx: &mut Ctx<'_>, id: &str) -> Response {
    const SHARE: Fields = &[
        ("expires_in_seconds", Kind::Int),
        (
            "permissions",
            Kind::Enum(&[
                "porting_order.document.read",
                "porting_order.document.update",
            ]),
        ),
    ];
    let body = match json_body(ctx) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut problems = Vec::new();
    patch::check(&body, SHARE, "", &mut problems);
    let seconds = body
        .get("expires_in_seconds")
        .and_then(Value::as_i64)
        .unwrap_or(3600);
    if !(1..=172_800).contains(&seconds) {
        problems.push(errors::body_entry(
            "/expires_in_seconds",
            "'expires_in_seconds' must be from 1 to 172800.",
        ));
    }
    if let Err(response) = refuse(problems) {
        return response;
    }
    let permission = body
        .get("permissions")
        .and_then(Value::as_str)
        .unwrap_or("porting_order.document.read");
    let expires = parse_time(&ctx.now).map_or_else(
        || ctx.now.clone(),
        |t| format_time(t + Duration::seconds(seconds)),
    );
    data(
        201,
        json!({
            "created_at": ctx.now,
            "expires_at": expires,
            "expires_in_seconds": seconds,
            "id": ctx.ids.uuid(),
            "permissions": [permission],
            "porting_order_id": id,
            "record_type": "porting_order_sharing_token",
            "token": format!("sandbox.{:016x}{:016x}", ctx.ids.next_u64(), ctx.ids.next_u64()),
        }),
    )
}

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
    data(200, Value::Array(list))
}

/// `GET /porting_orders/{id}/allowed_foc_windows`: the next three weekdays, 14:00–18:00 UTC.
pub(super) fn foc_windows(ctx: &mut Ctx<'_>, id: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let Some(now) = parse_time(&ctx.now) else {
        return data(200, json!([]));
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
    let page = match ctx.query.page() {
        Ok(page) => page,
        Err(response) => return response,
    };
    let Some(index) = ctx.store.order_index(id) else {
        return order_not_found(id);
    };
    let order = &ctx.store.orders[index];
    let kinds = [
        (
            "invoice",
            "53970723-fbff-4f46-a975-f62be6c1a585",
            "Latest Invoice",
            "A copy of the latest phone bill from the current provider",
            "Most recent phone bill",
        ),
        (
            "loa",
            "59b0762a-b274-4f76-ac32-4d5cf0272e66",
            "Letter of Authorization",
            "A signed letter of authorization for the port",
            "Signed LOA",
        ),
    ];
    let list = kinds
        .iter()
        .map(|(doc, type_id, name, description, example)| {
            let value = order["documents"][*doc].as_str().unwrap_or_default();
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
        })
        .collect();
    paginated(list, page)
}

/// `GET /porting_orders/{id}/sub_request`: stable ids per order.
pub(super) fn sub_request(ctx: &mut Ctx<'_>, id: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let ids = ctx.ids;
    let (port, sub) = ctx
        .store
        .sub_requests
        .entry(id.to_owned())
        .or_insert_with(|| (ids.uuid(), ids.uuid()))
        .clone();
    data(
        200,
        json!({ "port_request_id": port, "sub_request_id": sub }),
    )
}

/// `GET /porting_orders/{id}/loa_template`: a PDF.
pub(super) fn loa_template(ctx: &mut Ctx<'_>, id: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    if let Some(config) = ctx.query.get("loa_configuration_id")
        && !ctx
            .store
            .loa_configurations
            .iter()
            .any(|c| c["id"] == config)
    {
        return super::record_not_found("LOA configuration", config);
    }
    pdf(&format!("Letter of Authorization {id}"))
}
