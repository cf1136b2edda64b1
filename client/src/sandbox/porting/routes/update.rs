//! `PATCH /porting_orders/{id}`: the body checked as the API checks it (its shape, then the
//! values [`rules`] and the order's requirements refuse), then merged into the order.

use serde_json::Value;
use uuid::Uuid;

use super::super::clock::parse_time;
use super::super::ctx::Ctx;
use super::super::lifecycle;
use super::super::order::{Order, Requirement, Status};
use super::super::patch::{self, Fields, Kind};
use super::super::requirements::{self, RequirementType, Slot};
use super::super::rules;
use super::orders::order_document;
use super::{json_body, order_id, order_not_found, refuse, try_or_answer};
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
