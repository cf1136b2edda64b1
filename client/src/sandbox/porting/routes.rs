//! The route table: one arm per (method, path shape), then one 405 arm per path.

mod children;
mod orders;
mod top;

pub(crate) use children::initial_action_requirement;

use serde_json::Value;

/// The three kinds of number ranges attached to an order, as a pattern.
macro_rules! range_kinds {
    () => {
        "associated_phone_numbers" | "phone_number_blocks" | "phone_number_extensions"
    };
}

use super::state::Ctx;
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// Answers an authenticated request whose path after `/v2` is `segments`.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>, method: &str, path: &str, segments: &[&str]) -> Response {
    let not_allowed = |allowed: &[&str]| errors::method_not_allowed(method, path, allowed);
    match (method, segments) {
        // Porting orders.
        ("GET", ["porting_orders"]) => orders::list(ctx),
        ("POST", ["porting_orders"]) => super::create_porting_orders(ctx),
        (_, ["porting_orders"]) => not_allowed(&["GET", "POST"]),
        ("GET", ["porting_orders", "exception_types"]) => orders::exception_types(),
        (_, ["porting_orders", "exception_types"]) => not_allowed(&["GET"]),
        ("GET", ["porting_orders", "phone_number_configurations"]) => {
            children::list_number_configurations(ctx)
        }
        ("POST", ["porting_orders", "phone_number_configurations"]) => {
            children::create_number_configurations(ctx)
        }
        (_, ["porting_orders", "phone_number_configurations"]) => not_allowed(&["GET", "POST"]),
        ("GET", ["porting_orders", id]) => orders::retrieve(ctx, id),
        ("PATCH", ["porting_orders", id]) => orders::update(ctx, id),
        ("DELETE", ["porting_orders", id]) => orders::delete(ctx, id),
        (_, ["porting_orders", _]) => not_allowed(&["GET", "PATCH", "DELETE"]),
        ("POST", ["porting_orders", id, "actions", action]) => orders::action(ctx, id, action),
        (
            _,
            [
                "porting_orders",
                _,
                "actions",
                "confirm" | "cancel" | "activate" | "share",
            ],
        ) => not_allowed(&["POST"]),

        // Order-level look-ups.
        ("GET", ["porting_orders", id, "allowed_foc_windows"]) => orders::foc_windows(ctx, id),
        ("GET", ["porting_orders", id, "requirements"]) => orders::requirements(ctx, id),
        ("GET", ["porting_orders", id, "sub_request"]) => orders::sub_request(ctx, id),
        ("GET", ["porting_orders", id, "loa_template"]) => orders::loa_template(ctx, id),
        (
            _,
            [
                "porting_orders",
                _,
                "allowed_foc_windows" | "requirements" | "sub_request",
            ],
        )
        | (_, ["porting_orders", _, "loa_template"]) => not_allowed(&["GET"]),

        // Records attached to an order.
        ("GET", ["porting_orders", id, "comments"]) => children::list_comments(ctx, id),
        ("POST", ["porting_orders", id, "comments"]) => children::create_comment(ctx, id),
        ("GET", ["porting_orders", id, "additional_documents"]) => {
            children::list_documents(ctx, id)
        }
        ("POST", ["porting_orders", id, "additional_documents"]) => {
            children::create_documents(ctx, id)
        }
        (_, ["porting_orders", _, "comments" | "additional_documents"]) => {
            not_allowed(&["GET", "POST"])
        }
        ("DELETE", ["porting_orders", id, "additional_documents", doc]) => {
            children::delete_document(ctx, id, doc)
        }
        (_, ["porting_orders", _, "additional_documents", _]) => not_allowed(&["DELETE"]),
        ("GET", ["porting_orders", id, "verification_codes"]) => {
            children::list_verification_codes(ctx, id)
        }
        (_, ["porting_orders", _, "verification_codes"]) => not_allowed(&["GET"]),
        ("POST", ["porting_orders", id, "verification_codes", "send"]) => {
            children::send_verification_codes(ctx, id)
        }
        ("POST", ["porting_orders", id, "verification_codes", "verify"]) => {
            children::verify_verification_codes(ctx, id)
        }
        (_, ["porting_orders", _, "verification_codes", "send" | "verify"]) => {
            not_allowed(&["POST"])
        }
        ("GET", ["porting_orders", id, "activation_jobs"]) => {
            children::list_activation_jobs(ctx, id)
        }
        (_, ["porting_orders", _, "activation_jobs"]) => not_allowed(&["GET"]),
        ("GET", ["porting_orders", id, "activation_jobs", job]) => {
            children::retrieve_activation_job(ctx, id, job)
        }
        ("PATCH", ["porting_orders", id, "activation_jobs", job]) => {
            children::update_activation_job(ctx, id, job)
        }
        (_, ["porting_orders", _, "activation_jobs", _]) => not_allowed(&["GET", "PATCH"]),
        ("GET", ["porting_orders", id, "action_requirements"]) => {
            children::list_action_requirements(ctx, id)
        }
        (_, ["porting_orders", _, "action_requirements"]) => not_allowed(&["GET"]),
        ("POST", ["porting_orders", id, "action_requirements", req, "initiate"]) => {
            children::initiate_action_requirement(ctx, id, req)
        }
        (_, ["porting_orders", _, "action_requirements", _, "initiate"]) => not_allowed(&["POST"]),
        ("GET", ["porting_orders", id, kind @ range_kinds!()]) => {
            children::list_ranges(ctx, id, kind)
        }
        ("POST", ["porting_orders", id, kind @ range_kinds!()]) => {
            children::create_range(ctx, id, kind)
        }
        (_, ["porting_orders", _, range_kinds!()]) => not_allowed(&["GET", "POST"]),
        ("DELETE", ["porting_orders", id, kind @ range_kinds!(), child]) => {
            children::delete_range(ctx, id, kind, child)
        }
        (_, ["porting_orders", _, range_kinds!(), _]) => not_allowed(&["DELETE"]),

        // Everything else under /porting and the top level.
        ("GET", ["porting_phone_numbers"]) => top::list_phone_numbers(ctx),
        (_, ["porting_phone_numbers"]) => not_allowed(&["GET"]),
        ("POST", ["portability_checks"]) => top::portability_checks(ctx),
        (_, ["portability_checks"]) => not_allowed(&["POST"]),
        ("GET", ["porting", "events"]) => top::list_events(ctx),
        (_, ["porting", "events"]) => not_allowed(&["GET"]),
        ("GET", ["porting", "events", id]) => top::retrieve_event(ctx, id),
        (_, ["porting", "events", _]) => not_allowed(&["GET"]),
        ("POST", ["porting", "events", id, "republish"]) => top::republish_event(ctx, id),
        (_, ["porting", "events", _, "republish"]) => not_allowed(&["POST"]),
        ("GET", ["porting", "reports"]) => top::list_reports(ctx),
        ("POST", ["porting", "reports"]) => top::create_report(ctx),
        (_, ["porting", "reports"]) => not_allowed(&["GET", "POST"]),
        ("GET", ["porting", "reports", id]) => top::retrieve_report(ctx, id),
        (_, ["porting", "reports", _]) => not_allowed(&["GET"]),
        ("GET", ["porting", "uk_carriers"]) => top::uk_carriers(),
        (_, ["porting", "uk_carriers"]) => not_allowed(&["GET"]),
        ("GET", ["porting", "loa_configurations"]) => top::list_loa_configurations(ctx),
        ("POST", ["porting", "loa_configurations"]) => top::create_loa_configuration(ctx),
        (_, ["porting", "loa_configurations"]) => not_allowed(&["GET", "POST"]),
        ("POST", ["porting", "loa_configurations", "preview"]) => top::preview_loa_params(ctx),
        (_, ["porting", "loa_configurations", "preview"]) => not_allowed(&["POST"]),
        ("GET", ["porting", "loa_configurations", id]) => top::retrieve_loa_configuration(ctx, id),
        ("PATCH", ["porting", "loa_configurations", id]) => top::update_loa_configuration(ctx, id),
        ("DELETE", ["porting", "loa_configurations", id]) => top::delete_loa_configuration(ctx, id),
        (_, ["porting", "loa_configurations", _]) => not_allowed(&["GET", "PATCH", "DELETE"]),
        ("GET", ["porting", "loa_configurations", id, "preview"]) => {
            top::preview_loa_configuration(ctx, id)
        }
        (_, ["porting", "loa_configurations", _, "preview"]) => not_allowed(&["GET"]),

        _ => errors::not_found(&format!("No route matches {method} {path}.")),
    }
}

/// 404 for a porting order that does not exist.
pub(crate) fn order_not_found(id: &str) -> Response {
    errors::not_found(&format!("Porting order {id} not found."))
}

/// 404 for a record of `kind` that does not exist.
pub(crate) fn record_not_found(kind: &str, id: &str) -> Response {
    errors::not_found(&format!("{kind} {id} not found."))
}

/// The request body as JSON; an empty body reads as `{}`.
pub(crate) fn json_body(ctx: &Ctx<'_>) -> Result<Value, Response> {
    if ctx.request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(&ctx.request.body).map_err(|e| errors::bad_json(&e))
}

/// `{"data": value}` with `status`.
pub(crate) fn data(status: u16, value: Value) -> Response {
    Response::json(status, &serde_json::json!({ "data": value }))
}

/// 422 with `problems`, unless there are none.
pub(crate) fn refuse(problems: Vec<Value>) -> Result<(), Response> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(errors::response(422, problems))
    }
}

/// A minimal, valid one-page PDF showing `text` (ASCII letters, digits and spaces kept).
pub(crate) fn pdf(text: &str) -> Response {
    let text: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .take(80)
        .collect();
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    let mut response = Response::new(200).with_header("content-type", "application/pdf");
    response.body = out.into_bytes();
    response
}
