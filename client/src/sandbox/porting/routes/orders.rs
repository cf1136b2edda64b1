//! Porting orders: retrieve, list, update, delete, the actions, and the order-level look-ups.

use serde::Serialize;
use serde_json::{Value, json};
use time::Duration;
use uuid::Uuid;

use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::super::event::{Event, EventKind};
use super::super::lifecycle;
use super::super::order::Stamp;
use super::super::order::{Order, Requirement, Status};
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Match, Order as Sort};
use super::super::requirements::{self, RequirementType, Slot};
use super::super::rules;
use super::{Params, data, json_body, order_id, order_not_found, refuse, try_or_answer};
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
        Kind::Obj(&[("invoice", Kind::Uuid), ("loa", Kind::Uuid)]),
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

/// Gives each text of one field of an order to the callback until it accepts one.
type Field = fn(&Order, &mut dyn FnMut(&str) -> bool) -> bool;

/// The filters of `GET /porting_orders`: the query key, the comparison, and the field.
const FILTERS: &[(&str, Match, Field)] = &[
    ("filter[customer_reference]", Match::Eq, |o, f| {
        o.customer_reference.as_deref().is_some_and(f)
    }),
    ("filter[customer_group_reference]", Match::Eq, |o, f| {
        o.customer_group_reference.as_deref().is_some_and(f)
    }),
    // The sandbox never sets a parent support key.
    ("filter[parent_support_key]", Match::Eq, |_, _| false),
    (
        "filter[phone_numbers][phone_number][contains]",
        Match::Contains,
        |o, f| o.phone_numbers.iter().any(|n| f(&n.phone_number)),
    ),
    ("filter[misc][type]", Match::Eq, |o, f| {
        o.misc.as_ref().is_some_and(|m| f(&m.kind))
    }),
    ("filter[end_user][admin][entity_name]", Match::Eq, |o, f| {
        o.end_user
            .get()
            .and_then(|e| e.admin.entity_name.as_deref())
            .is_some_and(f)
    }),
    (
        "filter[end_user][admin][auth_person_name]",
        Match::Eq,
        |o, f| {
            o.end_user
                .get()
                .and_then(|e| e.admin.auth_person_name.as_deref())
                .is_some_and(f)
        },
    ),
    (
        "filter[activation_settings][fast_port_eligible]",
        Match::Eq,
        |o, f| {
            f(if o.activation_settings.fast_port_eligible {
                "true"
            } else {
                "false"
            })
        },
    ),
    (
        "filter[activation_settings][foc_datetime_requested][gt]",
        Match::After,
        |o, f| {
            o.activation_settings
                .foc_datetime_requested
                .as_deref()
                .is_some_and(f)
        },
    ),
    (
        "filter[activation_settings][foc_datetime_requested][lt]",
        Match::Before,
        |o, f| {
            o.activation_settings
                .foc_datetime_requested
                .as_deref()
                .is_some_and(f)
        },
    ),
];

/// `{"data": order, "meta": {"phone_numbers_url": ...}}`.
fn order_document(order: &Order, include_numbers: bool) -> Response {
    #[derive(Serialize)]
    struct Meta {
        phone_numbers_url: String,
    }
    #[derive(Serialize)]
    struct Document<'a> {
        data: super::super::order::OrderView<'a>,
        meta: Meta,
    }
    let document = Document {
        data: order.view(include_numbers),
        meta: Meta {
            phone_numbers_url: format!(
                "/v2/porting_phone_numbers?filter[porting_order_id]={}",
                order.id
            ),
        },
    };
    match serde_json::to_vec(&document) {
        Ok(body) => Response::json_bytes(200, body),
        Err(e) => errors::internal(&e),
    }
}

/// `GET /porting_orders/{id}`.
pub(super) fn retrieve(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let include = try_or_answer!(ctx.query.bool("include_phone_numbers", true));
    let key = try_or_answer!(order_id(id));
    let Some(order) = ctx.store.get().orders.get(&key).cloned() else {
        return order_not_found(id);
    };
    ctx.store.unlock();
    order_document(&order, include)
}

/// `GET /porting_orders`: filters, `sort[value]` (default `-created_at`), pages.
pub(super) fn list(ctx: &mut Ctx<'_>, _: Params<'_>) -> Response {
    let include = try_or_answer!(ctx.query.bool("include_phone_numbers", true));
    let sort = try_or_answer!(ctx.query.sort(&[
        "created_at",
        "-created_at",
        "activation_settings.foc_datetime_requested",
        "-activation_settings.foc_datetime_requested",
    ]));
    let page = try_or_answer!(ctx.query.page());
    let active: Vec<(Match, Field, Vec<&str>)> = FILTERS
        .iter()
        .filter_map(|(key, how, field)| {
            let wanted = ctx.query.all(key);
            (!wanted.is_empty()).then_some((*how, *field, wanted))
        })
        .collect();
    let passes = |order: &&Order| {
        active.iter().all(|(how, field, wanted)| {
            field(order, &mut |text| wanted.iter().any(|w| how.test(text, w)))
        })
    };
    let store = ctx.store.get();
    let listed = Sort::parse(sort.as_deref().unwrap_or("-created_at")).arrange(
        store.orders.iter().filter(passes),
        |order, _| {
            order
                .activation_settings
                .foc_datetime_requested
                .as_deref()
                .and_then(parse_time)
        },
    );
    let (found, total) = page.cut(listed);
    let found: Vec<Order> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    let views: Vec<_> = found.iter().map(|o| o.view(include)).collect();
    page.answer(&views, total)
}

/// `PATCH /porting_orders/{id}`: omitted fields keep their value, null clears; every value
/// is checked as the API checks it (see [`rules`]) before anything changes.
pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let Some(types) = ctx.store.get().orders.get(&key).map(requirements::of) else {
        return order_not_found(id);
    };
    let body = try_or_answer!(json_body(ctx));
    let mut problems = Vec::new();
    let mut filled = None;
    let mut rest = body;
    if let Some(map) = rest.as_object_mut()
        && let Some(value) = map.remove("requirements")
    {
        filled = check_requirements(ctx, &value, types, &mut problems);
    }
    patch::check(&rest, UPDATE, "", &mut problems);
    check_documents_exist(ctx, &rest, &mut problems);
    check_values(&rest, &ctx.now, &mut problems);
    if let Some(filled) = &filled {
        check_conflicts(&rest, filled, &mut problems);
    }
    try_or_answer!(refuse(problems));
    let now = ctx.now.clone();
    let Some(order) = ctx.store.get().orders.get_mut(&key) else {
        return order_not_found(id);
    };
    // The body is merged into the order's JSON, which is then read back.
    let mut value = match serde_json::to_value(&*order) {
        Ok(value) => value,
        Err(e) => return errors::internal(&e),
    };
    if let Some(mut map) = rest.as_object().cloned() {
        map.remove("requirement_group_id");
        patch::merge(&mut value, &map, UPDATE);
    }
    value["updated_at"] = Value::from(now.as_str());
    let mut updated: Order = match serde_json::from_value(value) {
        Ok(updated) => updated,
        Err(e) => return errors::internal(&e),
    };
    updated.requirements = order.requirements.clone();
    for (kind, document) in filled.unwrap_or_default() {
        match kind.slot {
            Slot::Loa => updated.documents.loa = Some(document),
            Slot::Invoice => updated.documents.invoice = Some(document),
            Slot::Other => {
                updated
                    .requirements
                    .retain(|r| r.requirement_type_id != kind.id);
                updated.requirements.push(Requirement {
                    field_value: document.to_string().into(),
                    requirement_type_id: kind.id,
                });
            }
        }
    }
    let messaging_changed = updated.messaging != order.messaging;
    let in_exception = order.status() == Status::Exception;
    *order = updated.clone();
    let store = ctx.store.get();
    if messaging_changed {
        lifecycle::messaging_changed(store, ctx.ids, &updated);
    }
    // Fixing what the exception was about sends the order back to the carrier.
    if in_exception
        && let Some(order) =
            lifecycle::set_status(store, ctx.ids, &now, key, Status::Submitted, Vec::new())
    {
        updated = order;
    }
    ctx.store.unlock();
    order_document(&updated, true)
}

/// `documents.loa` and `documents.invoice` must name documents uploaded to `/documents`
/// (a value that is not a UUID is already a problem of its own).
fn check_documents_exist(ctx: &mut Ctx<'_>, body: &Value, problems: &mut Vec<Value>) {
    for name in ["loa", "invoice"] {
        let Some(text) = body
            .get("documents")
            .and_then(|d| d.get(name))
            .and_then(Value::as_str)
        else {
            continue;
        };
        if let Ok(id) = Uuid::try_parse(text)
            && !ctx.store.get().files.contains(&id)
        {
            problems.push(rules::unknown_document_entry(
                &format!("/documents/{name}"),
                text,
            ));
        }
    }
}

/// The values whose shape is right but that the API refuses: a `webhook_url` that is not an
/// absolute http(s) URL, a requested FOC date in the past or outside the allowed windows, a
/// billing phone number that is not a number.
fn check_values(body: &Value, now: &str, problems: &mut Vec<Value>) {
    let text = |pointer: &str| body.pointer(pointer).and_then(Value::as_str);
    if let Some(url) = text("/webhook_url")
        && let Some(problem) = rules::webhook_url_problem(url)
    {
        problems.push(rules::webhook_url_entry(&problem));
    }
    let foc = "/activation_settings/foc_datetime_requested";
    if let Some(requested) = text(foc)
        && parse_time(requested).is_some()
        && let Some(problem) = rules::foc_problem(requested, rules::time(now))
    {
        problems.push(errors::body_entry(foc, &problem));
    }
    for pointer in [
        "/end_user/admin/billing_phone_number",
        "/misc/new_billing_phone_number",
    ] {
        if let Some(number) = text(pointer)
            && !rules::is_phone_number(number)
        {
            problems.push(rules::phone_number_entry(pointer, number));
        }
    }
}

/// A requirement for the LOA or the invoice and `documents` in the same body must agree.
fn check_conflicts(
    body: &Value,
    filled: &[(&'static RequirementType, Uuid)],
    problems: &mut Vec<Value>,
) {
    for (i, (kind, document)) in filled.iter().enumerate() {
        let name = match kind.slot {
            Slot::Loa => "loa",
            Slot::Invoice => "invoice",
            Slot::Other => continue,
        };
        let Some(other) = body.get("documents").and_then(|d| d.get(name)) else {
            continue;
        };
        if other.as_str().and_then(|t| Uuid::try_parse(t).ok()) != Some(*document) {
            problems.push(errors::body_entry(
                &format!("/requirements/{i}"),
                &format!(
                    "Requirement {} is documents.{name}, which this request sets to another \
                     value; send one of them.",
                    kind.id
                ),
            ));
        }
    }
}

/// `requirements: [{field_value, requirement_type_id}]`: each a requirement type of the
/// order's country, named once, its value an uploaded document.
fn check_requirements(
    ctx: &mut Ctx<'_>,
    value: &Value,
    types: &'static [&'static RequirementType],
    problems: &mut Vec<Value>,
) -> Option<Vec<(&'static RequirementType, Uuid)>> {
    let Some(items) = value.as_array() else {
        problems.push(errors::body_entry(
            "/requirements",
            "'requirements' must be a list of {requirement_type_id, field_value}.",
        ));
        return None;
    };
    let mut out: Vec<(&'static RequirementType, Uuid)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("/requirements/{i}");
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        let (Some(field_value), Some(type_id)) =
            (field("field_value"), field("requirement_type_id"))
        else {
            problems.push(errors::body_entry(
                &at,
                "Each requirement needs string 'field_value' and 'requirement_type_id'.",
            ));
            continue;
        };
        let Some(kind) = requirements::find(types, type_id) else {
            let known: Vec<&str> = types.iter().map(|t| t.id).collect();
            problems.push(errors::entry(
                "10015",
                "Bad Request",
                &format!(
                    "Unknown requirement type {}: this order's requirement types are {} \
                     (GET /porting_orders/{{id}}/requirements).",
                    errors::show(&Value::from(type_id)),
                    known.join(", ")
                ),
                Some(&format!("{at}/requirement_type_id")),
            ));
            continue;
        };
        if out.iter().any(|(k, _)| k.id == kind.id) {
            problems.push(errors::body_entry(
                &format!("{at}/requirement_type_id"),
                &format!("Requirement type {type_id} is named more than once."),
            ));
            continue;
        }
        match Uuid::try_parse(field_value) {
            Ok(document) if ctx.store.get().files.contains(&document) => {
                out.push((kind, document));
            }
            Ok(_) => problems.push(rules::unknown_document_entry(
                &format!("{at}/field_value"),
                field_value,
            )),
            Err(_) => problems.push(errors::body_entry(
                &format!("{at}/field_value"),
                &format!(
                    "'field_value' of requirement '{}' must be the id of a document uploaded \
                     to /documents, not {}.",
                    kind.name,
                    errors::show(&Value::from(field_value))
                ),
            )),
        }
    }
    Some(out)
}

/// `DELETE /porting_orders/{id}`: only drafts.
pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let store = ctx.store.get();
    let Some(order) = store.orders.get(&key) else {
        return order_not_found(id);
    };
    let status = order.status();
    if status != Status::Draft {
        return errors::unprocessable(&format!(
            "Only draft porting orders can be deleted; {id} is {status}."
        ));
    }
    if let Some(order) = store.remove_order(&key) {
        store.record_event(Event {
            id: ctx.ids.new_uuid(),
            order_id: key,
            created_at: Stamp::parse(&ctx.now),
            webhook_url: order.webhook_url,
            kind: EventKind::Deleted {
                order_created_at: order.created_at,
                customer_reference: order.customer_reference,
            },
        });
    }
    Response::new(204)
}

/// The actions of `POST /porting_orders/{id}/actions/{action}`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Action {
    Confirm,
    Cancel,
    Activate,
    Share,
}

/// `POST /porting_orders/{id}/actions/{action}`.
pub(super) fn action(ctx: &mut Ctx<'_>, id: &str, action: Action) -> Response {
    let key = try_or_answer!(order_id(id));
    let Some(order) = ctx.store.get().orders.get(&key) else {
        return order_not_found(id);
    };
    let status = order.status();
    match action {
        Action::Confirm => match status {
            Status::Draft => {
                let problems = rules::confirm_problems(order, rules::time(&ctx.now));
                if !problems.is_empty() {
                    return errors::response(422, problems);
                }
                set_status(ctx, key, Status::InProcess)
            }
            _ => errors::unprocessable(&format!(
                "Only draft porting orders can be confirmed; {id} is {status}."
            )),
        },
        Action::Cancel => match status {
            Status::Draft => set_status(ctx, key, Status::Cancelled),
            Status::InProcess
            | Status::Submitted
            | Status::Exception
            | Status::FocDateConfirmed => set_status(ctx, key, Status::CancelPending),
            _ => errors::unprocessable(&format!(
                "Porting order {id} is {status} and cannot be cancelled."
            )),
        },
        Action::Activate => match status {
            Status::Cancelled | Status::CancelPending | Status::Ported => errors::unprocessable(
                &format!("Porting order {id} is {status} and cannot be activated."),
            ),
            _ => activate(ctx, key),
        },
        Action::Share => share(ctx, id),
    }
}

/// Moves an order to `status`, records a `porting_order.status_changed` event, and answers
/// with the order.
fn set_status(ctx: &mut Ctx<'_>, key: Uuid, status: Status) -> Response {
    let now = ctx.now.clone();
    let Some(order) =
        lifecycle::set_status(ctx.store.get(), ctx.ids, &now, key, status, Vec::new())
    else {
        return errors::not_found("The porting order went away.");
    };
    ctx.store.unlock();
    order_document(&order, true)
}

/// 202 with a new on-demand activation job.
fn activate(ctx: &mut Ctx<'_>, key: Uuid) -> Response {
    let job = super::children::on_demand_job(ctx, key);
    ctx.store.get().activation_jobs.insert(job.clone());
    ctx.store.unlock();
    data(202, &job)
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
        &json!({
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
