//! Porting orders: retrieve, list, delete and the actions (the update is in `update.rs`).

use serde::Serialize;
use serde_json::{Value, json};
use time::Duration;
use uuid::Uuid;

use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::super::event::{Event, EventKind};
use super::super::lifecycle;
use super::super::order::Stamp;
use super::super::order::{Order, Status};
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Match, Order as Sort};
use super::super::rules;
use super::{Params, data, json_body, order_id, order_not_found, refuse, try_or_answer};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

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
pub(super) fn order_document(order: &Order, include_numbers: bool) -> Response {
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
