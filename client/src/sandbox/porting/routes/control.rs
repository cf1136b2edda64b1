//! The sandbox's own routes, under `/v2/_sandbox` (not part of the Telnyx API, so not in the
//! specification's table): the webhook public key, and the lifecycle moves the real API
//! leaves to the carrier.

use serde_json::{Value, json};

use super::super::ctx::Ctx;
use super::super::lifecycle::{self, Refusal, Target};
use super::{Route, data, json_body, order_id, route, try_or_answer};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// The `/_sandbox` routes, matched before [`ROUTES`](super::ROUTES).
pub(crate) const SANDBOX_ROUTES: &[Route] = &[
    route("GET", "/_sandbox/webhook_public_key", |c, _| {
        data(200, &json!({ "public_key": c.webhook_public_key }))
    }),
    route("POST", "/_sandbox/porting_orders/{id}/advance", |c, p| {
        advance(c, p.id())
    }),
    route("POST", "/_sandbox/porting_orders/{id}/split", |c, p| {
        split(c, p.id())
    }),
];

/// An answer for a refused move.
fn refused(refusal: Refusal) -> Response {
    match (refusal.status, refusal.pointer) {
        (404, _) => errors::not_found(&refusal.message),
        (_, Some(pointer)) => {
            errors::response(422, vec![errors::body_entry(pointer, &refusal.message)])
        }
        _ => errors::unprocessable(&refusal.message),
    }
}

/// The string at `key` of `body`, or a 422 naming it.
fn text<'b>(body: &'b Value, key: &'static str) -> Result<Option<&'b str>, Response> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(errors::response(
            422,
            vec![errors::body_entry(
                &format!("/{key}"),
                &format!("'{key}' must be a string."),
            )],
        )),
    }
}

/// `POST /_sandbox/porting_orders/{id}/advance` with `{"status", "exception_code"?,
/// "description"?}`.
fn advance(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(json_body(ctx));
    let Some(status) = try_or_answer!(text(&body, "status")) else {
        return errors::response(
            422,
            vec![errors::body_entry(
                "/status",
                "'status' is required: submitted, foc-date-confirmed, ported or exception.",
            )],
        );
    };
    let code = try_or_answer!(text(&body, "exception_code"));
    let description = try_or_answer!(text(&body, "description"));
    let target = match Target::parse(status, code, description) {
        Ok(target) => target,
        Err(refusal) => return refused(refusal),
    };
    let now = ctx.now.clone();
    let moved = lifecycle::advance(ctx.store.get(), ctx.ids, &now, key, target);
    ctx.store.unlock();
    match moved {
        Ok(order) => data(200, &order),
        Err(refusal) => refused(refusal),
    }
}

/// `POST /_sandbox/porting_orders/{id}/split` with `{"phone_numbers": [...]}`: 201 with the
/// new order.
fn split(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(json_body(ctx));
    let numbers: Option<Vec<&str>> = body
        .get("phone_numbers")
        .and_then(Value::as_array)
        .and_then(|items| items.iter().map(Value::as_str).collect());
    let Some(numbers) = numbers else {
        return errors::response(
            422,
            vec![errors::body_entry(
                "/phone_numbers",
                "'phone_numbers' must be a list of the order's phone numbers to move.",
            )],
        );
    };
    let now = ctx.now.clone();
    let moved = lifecycle::split(ctx.store.get(), ctx.ids, &now, key, &numbers);
    ctx.store.unlock();
    match moved {
        Ok(order) => data(201, &order),
        Err(refusal) => refused(refusal),
    }
}
