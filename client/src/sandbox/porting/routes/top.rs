//! Porting phone numbers, portability checks, events, reports, LOA configurations and UK
//! carriers.

use serde_json::{Value, json};
use uuid::Uuid;

use super::super::account::{EXPORT_CSV, LoaConfiguration, Report, ReportFilters};
use super::super::ctx::Ctx;
use super::super::event::Event;
use super::super::order::Number;
use super::super::order::Stamp;
use super::super::patch::{Fields, Kind};
use super::super::query::{Filter, Filters, Match};
use super::children::checked_body;
use super::{data, pdf, record_id, record_not_found, try_or_answer};
use crate::sandbox::http::Response;

/// `GET /porting_phone_numbers`: every number of every stored order, in creation order; with
/// `filter[porting_order_id]` naming one order, only that order's, found by its id.
pub(super) fn list_phone_numbers(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let statuses = ctx.query.all("filter[porting_order_status]");
    let orders = ctx.query.all("filter[porting_order_id]");
    let passes = |n: &&Number| {
        (statuses.is_empty() || statuses.contains(&n.porting_order_status.as_str()))
            && (orders.is_empty() || orders.iter().any(|o| n.porting_order_id.to_string() == *o))
    };
    let store = ctx.store.get();
    let (found, total) = match orders.as_slice() {
        [one] => {
            let order = Uuid::try_parse(one)
                .ok()
                .and_then(|id| store.orders.get(&id));
            page.cut(
                order
                    .into_iter()
                    .flat_map(|o| &o.phone_numbers)
                    .filter(passes),
            )
        }
        _ => page.cut(
            store
                .orders
                .iter()
                .flat_map(|o| &o.phone_numbers)
                .filter(passes),
        ),
    };
    let found: Vec<Number> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

/// The reason a number of the range reserved for fiction is not portable.
pub(crate) const FICTIONAL_REASON: &str =
    "sandbox: numbers 555-0100 to 555-0199 are never portable";

/// Whether `number` (+E.164) is a NANP number in 555-0100..555-0199, the range reserved for
/// fiction: `+1NPA5550100` to `+1NPA5550199`.
fn is_fictional(number: &str) -> bool {
    let bytes = number.as_bytes();
    bytes.len() == 12
        && bytes.starts_with(b"+1")
        && bytes[5..10] == *b"55501"
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// `POST /portability_checks`: valid +E.164 numbers are portable (NANP ones fast-portable),
/// except the NANP numbers 555-0100 to 555-0199, which never are.
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
            let valid = super::is_e164(number);
            let fictional = valid && is_fictional(number);
            let reason = match (valid, fictional) {
                (false, _) => "Invalid phone number",
                (true, true) => FICTIONAL_REASON,
                (true, false) => "",
            };
            json!({
                "fast_portable": valid && !fictional && number.starts_with("+1"),
                "not_portable_reason": reason,
                "phone_number": number,
                "portable": valid && !fictional,
                "record_type": "portability_check_result",
            })
        })
        .collect();
    data(201, &results)
}

// --- events ---

/// `GET /porting/events`: newest first; with `filter[porting_order_id]` naming one order,
/// only that order's events, found through the order index.
pub(super) fn list_events(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let types = ctx.query.all("filter[type]");
    // A value that is not a UUID names no order.
    let orders: Vec<Option<Uuid>> = ctx
        .query
        .all("filter[porting_order_id]")
        .iter()
        .map(|o| Uuid::try_parse(o).ok())
        .collect();
    let after = ctx.query.all("filter[created_at][gte]");
    let before = ctx.query.all("filter[created_at][lte]");
    let passes = |e: &&Event| {
        let at = || e.created_at.to_string();
        (types.is_empty() || types.contains(&e.kind.event_type()))
            && (orders.is_empty() || orders.contains(&Some(e.order_id)))
            && (after.is_empty() || after.iter().any(|w| Match::AtOrAfter.test(&at(), w)))
            && (before.is_empty() || before.iter().any(|w| Match::AtOrBefore.test(&at(), w)))
    };
    let events = &ctx.store.get().events;
    let (found, total) = match orders.as_slice() {
        [Some(order)] => page.cut(events.of_order(order).rev().filter(passes)),
        _ => page.cut(events.iter().rev().filter(passes)),
    };
    let found: Vec<Event> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

pub(super) fn retrieve_event(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id("Porting event", id));
    let Some(event) = ctx.store.get().events.get(&key).cloned() else {
        return record_not_found("Porting event", id);
    };
    ctx.store.unlock();
    data(200, &event)
}

pub(super) fn republish_event(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id("Porting event", id));
    let store = ctx.store.get();
    match store.events.get(&key).cloned() {
        // Delivered again (when it has a webhook_url), with the same id.
        Some(event) => {
            if event.webhook_url.is_some() {
                store.outbox.push(event);
            }
            Response::new(204)
        }
        None => record_not_found("Porting event", id),
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
    if body["params"]["filters"].is_null() {
        return crate::sandbox::errors::response(
            422,
            vec![crate::sandbox::errors::required_entry("/params", "filters")],
        );
    }
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
    let report = Report {
        id: ctx.ids.new_uuid(),
        created_at: Stamp::parse(&ctx.now),
        document_id: ctx.ids.new_uuid(),
        filters: ReportFilters::from_body(&body["params"]["filters"]),
    };
    ctx.store.get().reports.insert(report.clone());
    ctx.store.unlock();
    data(201, &report)
}

pub(super) fn list_reports(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    const FILTERS: &[Filter<Report>] = &[
        ("filter[report_type]", Match::Eq, |_, f| f(EXPORT_CSV)),
        ("filter[status]", Match::Eq, |_, f| f("completed")),
    ];
    let filters = Filters::new(&ctx.query, FILTERS);
    let reports = &ctx.store.get().reports;
    let (found, total) = page.cut(reports.iter().rev().filter(|r| filters.pass(r)));
    let found: Vec<Report> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

pub(super) fn retrieve_report(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id("Porting report", id));
    let Some(report) = ctx.store.get().reports.get(&key).cloned() else {
        return record_not_found("Porting report", id);
    };
    ctx.store.unlock();
    data(200, &report)
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

/// `logo.document_id`, when the body has one, must name an uploaded document.
fn check_logo(ctx: &mut Ctx<'_>, body: &Value) -> Result<(), Response> {
    let Some(text) = body.pointer("/logo/document_id").and_then(Value::as_str) else {
        return Ok(());
    };
    let problem = super::unknown_document(ctx, "/logo/document_id", text);
    ctx.store.unlock();
    super::refuse(problem.into_iter().collect())
}

pub(super) fn create_loa_configuration(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(loa_body(ctx));
    try_or_answer!(check_logo(ctx, &body));
    let record = LoaConfiguration::new(ctx.ids.new_uuid(), Stamp::parse(&ctx.now), &body);
    ctx.store.get().loa_configurations.insert(record.clone());
    ctx.store.unlock();
    data(201, &record)
}

pub(super) fn list_loa_configurations(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let configurations = &ctx.store.get().loa_configurations;
    let (found, total) = page.cut(configurations.iter());
    let found: Vec<LoaConfiguration> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

const LOA_KIND: &str = "LOA configuration";

/// The stored LOA configuration `id`.
fn loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Result<LoaConfiguration, Response> {
    let key = record_id(LOA_KIND, id)?;
    let found = ctx.store.get().loa_configurations.get(&key).cloned();
    ctx.store.unlock();
    found.ok_or_else(|| record_not_found(LOA_KIND, id))
}

pub(super) fn retrieve_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let record = try_or_answer!(loa_configuration(ctx, id));
    data(200, &record)
}

/// `PATCH`: merges like the porting order update (omitted keeps, null clears).
pub(super) fn update_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    try_or_answer!(loa_configuration(ctx, id));
    let body = try_or_answer!(checked_body(ctx, LOA, &[]));
    try_or_answer!(check_logo(ctx, &body));
    let key = try_or_answer!(record_id(LOA_KIND, id));
    let now = Stamp::parse(&ctx.now);
    let Some(record) = ctx.store.get().loa_configurations.get_mut(&key) else {
        return record_not_found(LOA_KIND, id);
    };
    if let Some(map) = body.as_object() {
        record.merge(map, now);
    }
    let record = record.clone();
    ctx.store.unlock();
    data(200, &record)
}

pub(super) fn delete_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id(LOA_KIND, id));
    match ctx.store.get().loa_configurations.remove(&key) {
        Some(_) => Response::new(204),
        None => record_not_found(LOA_KIND, id),
    }
}

pub(super) fn preview_loa_params(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(loa_body(ctx));
    try_or_answer!(check_logo(ctx, &body));
    pdf(&format!(
        "LOA preview {}",
        body["company_name"].as_str().unwrap_or_default()
    ))
}

pub(super) fn preview_loa_configuration(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let record = try_or_answer!(loa_configuration(ctx, id));
    let name = record.company_name.as_deref().unwrap_or_default();
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
    data(200, &list)
}
