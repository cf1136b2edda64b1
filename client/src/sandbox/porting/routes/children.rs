//! Records attached to an order: comments, additional documents, verification codes,
//! activation jobs, action requirements, number ranges, and phone number configurations.

use serde_json::{Value, json};

use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Match, apply_filters, paginated, sort_records};
use super::super::state::{Child, Ctx, children_of, parse_time, push_bounded};
use super::{data, json_body, order_not_found, record_not_found, refuse};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// Checks that the order exists and reads the page parameters.
fn order_and_page(ctx: &Ctx<'_>, id: &str) -> Result<super::super::query::Page, Response> {
    let page = ctx.query.page()?;
    match ctx.store.order_index(id) {
        Some(_) => Ok(page),
        None => Err(order_not_found(id)),
    }
}

/// Checks that the order exists and parses the body against `fields`, requiring `required`.
fn order_and_body(
    ctx: &Ctx<'_>,
    id: &str,
    fields: Fields,
    required: &[&str],
) -> Result<Value, Response> {
    if ctx.store.order_index(id).is_none() {
        return Err(order_not_found(id));
    }
    checked_body(ctx, fields, required)
}

/// The JSON body checked against `fields`, with every name of `required` present.
pub(super) fn checked_body(
    ctx: &Ctx<'_>,
    fields: Fields,
    required: &[&str],
) -> Result<Value, Response> {
    let body = json_body(ctx)?;
    let mut problems = Vec::new();
    patch::check(&body, fields, "", &mut problems);
    for name in required {
        if body.get(name).is_none_or(Value::is_null) {
            problems.push(errors::required_entry("", name));
        }
    }
    refuse(problems)?;
    Ok(body)
}

macro_rules! try_or_answer {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(response) => return response,
        }
    };
}

// --- comments ---

pub(super) fn list_comments(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    paginated(children_of(&ctx.store.comments, id), page)
}

pub(super) fn create_comment(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let body = try_or_answer!(order_and_body(ctx, id, &[("body", Kind::Str)], &["body"]));
    let comment = json!({
        "body": body["body"],
        "created_at": ctx.now,
        "id": ctx.ids.uuid(),
        "porting_order_id": id,
        "record_type": "porting_comment",
        "user_type": "user",
    });
    push_bounded(
        &mut ctx.store.comments,
        Child {
            order_id: id.to_owned(),
            value: comment.clone(),
        },
    );
    data(201, comment)
}

// --- additional documents ---

const DOCUMENT_TYPES: &[&str] = &["loa", "invoice", "csr", "other"];

pub(super) fn list_documents(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    let mut docs = children_of(&ctx.store.documents, id);
    apply_filters(
        &ctx.query,
        &mut docs,
        &[("filter[document_type]", "/document_type", Match::Eq)],
    );
    sort_records(&mut docs, sort.as_deref().unwrap_or("-created_at"));
    paginated(docs, page)
}

pub(super) fn create_documents(ctx: &mut Ctx<'_>, id: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let body = try_or_answer!(json_body(ctx));
    let mut problems = Vec::new();
    let Some(items) = body.get("additional_documents").and_then(Value::as_array) else {
        return errors::invalid_body(
            "/additional_documents",
            "'additional_documents' must be a list of {document_id, document_type}.",
        );
    };
    const DOC: Fields = &[
        ("document_id", Kind::Str),
        ("document_type", Kind::RequiredEnum(DOCUMENT_TYPES)),
    ];
    for (i, item) in items.iter().enumerate() {
        let at = format!("/additional_documents/{i}");
        patch::check(item, DOC, &at, &mut problems);
        for name in ["document_id", "document_type"] {
            if item.get(name).is_none_or(Value::is_null) {
                problems.push(errors::required_entry(&at, name));
            }
        }
    }
    try_or_answer!(refuse(problems));
    let created: Vec<Value> = items
        .iter()
        .map(|item| {
            json!({
                "created_at": ctx.now,
                "document_id": item["document_id"],
                "document_type": item["document_type"],
                "id": ctx.ids.uuid(),
                "porting_order_id": id,
                "record_type": "porting_additional_document",
                "updated_at": ctx.now,
            })
        })
        .collect();
    for doc in &created {
        push_bounded(
            &mut ctx.store.documents,
            Child {
                order_id: id.to_owned(),
                value: doc.clone(),
            },
        );
    }
    data(201, Value::Array(created))
}

pub(super) fn delete_document(ctx: &mut Ctx<'_>, id: &str, doc: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let before = ctx.store.documents.len();
    ctx.store
        .documents
        .retain(|c| !(c.order_id == id && c.value["id"] == doc));
    if ctx.store.documents.len() == before {
        return record_not_found("Additional document", doc);
    }
    Response::new(204)
}

// --- verification codes ---

pub(super) fn list_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    let mut codes = children_of(&ctx.store.verification_codes, id);
    apply_filters(
        &ctx.query,
        &mut codes,
        &[("filter[verified]", "/verified", Match::Eq)],
    );
    sort_records(&mut codes, sort.as_deref().unwrap_or("-created_at"));
    paginated(codes, page)
}

pub(super) fn send_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    const SEND: Fields = &[
        ("phone_numbers", Kind::Strs),
        ("verification_method", Kind::Enum(&["sms", "call"])),
    ];
    let body = try_or_answer!(order_and_body(ctx, id, SEND, &["phone_numbers"]));
    let numbers: Vec<&str> = body["phone_numbers"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if numbers.len() > 100 {
        return errors::invalid_body("/phone_numbers", "At most 100 phone numbers at a time.");
    }
    for number in numbers {
        let existing = ctx
            .store
            .verification_codes
            .iter_mut()
            .find(|c| c.order_id == id && c.value["phone_number"] == number);
        match existing {
            Some(code) => code.value["updated_at"] = Value::from(ctx.now.clone()),
            None => {
                let code = json!({
                    "created_at": ctx.now,
                    "id": ctx.ids.uuid(),
                    "phone_number": number,
                    "porting_order_id": id,
                    "updated_at": ctx.now,
                    "verified": false,
                });
                push_bounded(
                    &mut ctx.store.verification_codes,
                    Child {
                        order_id: id.to_owned(),
                        value: code,
                    },
                );
            }
        }
    }
    Response::new(204)
}

pub(super) fn verify_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let body = try_or_answer!(json_body(ctx));
    let Some(items) = body.get("verification_codes").and_then(Value::as_array) else {
        return errors::invalid_body(
            "/verification_codes",
            "'verification_codes' must be a list of {code, phone_number}.",
        );
    };
    let mut problems = Vec::new();
    let mut indexes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let number = item.get("phone_number").and_then(Value::as_str);
        let code = item.get("code").and_then(Value::as_str);
        let found = number.and_then(|n| {
            ctx.store
                .verification_codes
                .iter()
                .position(|c| c.order_id == id && c.value["phone_number"] == n)
        });
        match (code, found) {
            (Some(code), Some(index))
                if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) =>
            {
                indexes.push(index)
            }
            (Some(_), Some(_)) => problems.push(errors::body_entry(
                &format!("/verification_codes/{i}/code"),
                "The code must be digits.",
            )),
            _ => problems.push(errors::body_entry(
                &format!("/verification_codes/{i}/phone_number"),
                "No verification code was sent to this phone number.",
            )),
        }
    }
    try_or_answer!(refuse(problems));
    let mut out = Vec::with_capacity(indexes.len());
    for index in indexes {
        if let Some(code) = ctx.store.verification_codes.get_mut(index) {
            code.value["verified"] = Value::Bool(true);
            code.value["updated_at"] = Value::from(ctx.now.clone());
            out.push(code.value.clone());
        }
    }
    data(200, Value::Array(out))
}

// --- activation jobs ---

pub(super) fn list_activation_jobs(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    paginated(children_of(&ctx.store.activation_jobs, id), page)
}

fn find_child<'s>(children: &'s mut [Child], order: &str, id: &str) -> Option<&'s mut Value> {
    children
        .iter_mut()
        .find(|c| c.order_id == order && c.value["id"] == id)
        .map(|c| &mut c.value)
}

pub(super) fn retrieve_activation_job(ctx: &mut Ctx<'_>, id: &str, job: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    match find_child(&mut ctx.store.activation_jobs, id, job) {
        Some(found) => data(200, found.clone()),
        None => record_not_found("Activation job", job),
    }
}

pub(super) fn update_activation_job(ctx: &mut Ctx<'_>, id: &str, job: &str) -> Response {
    let body = try_or_answer!(order_and_body(ctx, id, &[("activate_at", Kind::Time)], &[]));
    let now = ctx.now.clone();
    let Some(found) = find_child(&mut ctx.store.activation_jobs, id, job) else {
        return record_not_found("Activation job", job);
    };
    if let Some(at) = body.get("activate_at").and_then(Value::as_str) {
        found["activate_at"] = Value::from(at);
        found["activation_type"] = Value::from("scheduled");
        let start = parse_time(at).map_or(Value::from(at), |t| {
            Value::from(super::super::state::format_time(t))
        });
        found["activation_windows"] = json!([{ "end_at": start, "start_at": start }]);
    }
    found["updated_at"] = Value::from(now);
    data(200, found.clone())
}

// --- action requirements ---

pub(super) fn list_action_requirements(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    let sort =
        try_or_answer!(
            ctx.query
                .sort(&["created_at", "-created_at", "updated_at", "-updated_at"])
        );
    let mut list = children_of(&ctx.store.action_requirements, id);
    const FILTERS: &[Filter] = &[
        ("filter[action_type]", "/action_type", Match::Eq),
        ("filter[status]", "/status", Match::Eq),
        (
            "filter[requirement_type_id]",
            "/requirement_type_id",
            Match::Eq,
        ),
        ("filter[id]", "/id", Match::Eq),
    ];
    apply_filters(&ctx.query, &mut list, FILTERS);
    sort_records(&mut list, sort.as_deref().unwrap_or("-created_at"));
    paginated(list, page)
}

pub(super) fn initiate_action_requirement(ctx: &mut Ctx<'_>, id: &str, req: &str) -> Response {
    const PARAMS: Fields = &[("first_name", Kind::Str), ("last_name", Kind::Str)];
    let body = try_or_answer!(order_and_body(
        ctx,
        id,
        &[("params", Kind::Obj(PARAMS))],
        &["params"]
    ));
    for name in ["first_name", "last_name"] {
        if !body["params"][name].is_string() {
            return errors::response(422, vec![errors::required_entry("/params", name)]);
        }
    }
    let now = ctx.now.clone();
    let Some(found) = find_child(&mut ctx.store.action_requirements, id, req) else {
        return record_not_found("Action requirement", req);
    };
    found["status"] = Value::from("pending");
    found["action_url"] = Value::from(format!("https://sandbox.invalid/porting/actions/{req}"));
    found["updated_at"] = Value::from(now);
    data(200, found.clone())
}

/// The action requirement an Australian order starts with.
pub(crate) fn initial_action_requirement(ctx: &Ctx<'_>, order_id: &str) -> Value {
    json!({
        "action_type": "au_id_verification",
        "action_url": null,
        "cancel_reason": null,
        "created_at": ctx.now,
        "id": ctx.ids.uuid(),
        "porting_order_id": order_id,
        "record_type": "porting_action_requirement",
        "requirement_type_id": "53970723-fbff-4f46-a975-f62be6c1a585",
        "status": "created",
        "updated_at": ctx.now,
    })
}

// --- number ranges: associated phone numbers, phone number blocks, extensions ---

fn ranges<'s>(ctx: &'s mut Ctx<'_>, kind: &str) -> &'s mut Vec<Child> {
    match kind {
        "associated_phone_numbers" => &mut ctx.store.associated_numbers,
        "phone_number_blocks" => &mut ctx.store.number_blocks,
        _ => &mut ctx.store.number_extensions,
    }
}

fn record_name(kind: &str) -> &'static str {
    match kind {
        "associated_phone_numbers" => "Associated phone number",
        "phone_number_blocks" => "Phone number block",
        _ => "Phone number extension",
    }
}

pub(super) fn list_ranges(ctx: &mut Ctx<'_>, id: &str, kind: &str) -> Response {
    let page = try_or_answer!(order_and_page(ctx, id));
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    let filters: &[Filter] = match kind {
        "associated_phone_numbers" => &[
            ("filter[action]", "/action", Match::Eq),
            (
                "filter[phone_number]",
                "/phone_number_range/start_at",
                Match::Eq,
            ),
        ],
        "phone_number_blocks" => &[(
            "filter[phone_number]",
            "/phone_number_range/start_at",
            Match::Eq,
        )],
        _ => &[(
            "filter[porting_phone_number_id]",
            "/porting_phone_number_id",
            Match::Eq,
        )],
    };
    let query = ctx.query.clone();
    let mut list = children_of(ranges(ctx, kind), id);
    apply_filters(&query, &mut list, filters);
    sort_records(&mut list, sort.as_deref().unwrap_or("-created_at"));
    paginated(list, page)
}

const RANGE: Fields = &[("start_at", Kind::Str), ("end_at", Kind::Str)];

/// A two-letter country code for a +E.164 number (a sandbox guess from the prefix).
fn country_of(number: &str) -> &'static str {
    let prefixes = [
        ("+1", "US"),
        ("+44", "GB"),
        ("+49", "DE"),
        ("+61", "AU"),
        ("+33", "FR"),
        ("+34", "ES"),
    ];
    prefixes
        .iter()
        .find(|(p, _)| number.starts_with(p))
        .map_or("US", |(_, c)| c)
}

pub(super) fn create_range(ctx: &mut Ctx<'_>, id: &str, kind: &str) -> Response {
    let record = match kind {
        "associated_phone_numbers" => {
            const FIELDS: Fields = &[
                ("action", Kind::RequiredEnum(&["keep", "disconnect"])),
                ("phone_number_range", Kind::Obj(RANGE)),
            ];
            let body = try_or_answer!(order_and_body(
                ctx,
                id,
                FIELDS,
                &["action", "phone_number_range"]
            ));
            let start = body["phone_number_range"]["start_at"]
                .as_str()
                .unwrap_or_default();
            json!({
                "action": body["action"],
                "country_code": country_of(start),
                "created_at": ctx.now,
                "id": ctx.ids.uuid(),
                "phone_number_range": body["phone_number_range"],
                "phone_number_type": "local",
                "porting_order_id": id,
                "record_type": "porting_associated_phone_number",
                "updated_at": ctx.now,
            })
        }
        "phone_number_blocks" => {
            const FIELDS: Fields = &[
                ("phone_number_range", Kind::Obj(RANGE)),
                ("activation_ranges", Kind::Strs),
            ];
            // `activation_ranges` is a list of ranges: checked by hand below.
            let mut body = try_or_answer!(json_body(ctx));
            let activation = body
                .as_object_mut()
                .and_then(|m| m.remove("activation_ranges"));
            if ctx.store.order_index(id).is_none() {
                return order_not_found(id);
            }
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation, &mut problems);
            if body.get("phone_number_range").is_none() {
                problems.push(errors::required_entry("", "phone_number_range"));
            }
            try_or_answer!(refuse(problems));
            let start = body["phone_number_range"]["start_at"]
                .as_str()
                .unwrap_or_default();
            json!({
                "activation_ranges": activation,
                "country_code": country_of(start),
                "created_at": ctx.now,
                "id": ctx.ids.uuid(),
                "phone_number_range": body["phone_number_range"],
                "phone_number_type": "local",
                "record_type": "porting_phone_number_block",
                "updated_at": ctx.now,
            })
        }
        _ => {
            const INT_RANGE: Fields = &[("start_at", Kind::Int), ("end_at", Kind::Int)];
            const FIELDS: Fields = &[
                ("porting_phone_number_id", Kind::Str),
                ("extension_range", Kind::Obj(INT_RANGE)),
            ];
            let mut body = try_or_answer!(json_body(ctx));
            let activation = body
                .as_object_mut()
                .and_then(|m| m.remove("activation_ranges"));
            if ctx.store.order_index(id).is_none() {
                return order_not_found(id);
            }
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation, &mut problems);
            for name in ["porting_phone_number_id", "extension_range"] {
                if body.get(name).is_none_or(Value::is_null) {
                    problems.push(errors::required_entry("", name));
                }
            }
            try_or_answer!(refuse(problems));
            json!({
                "activation_ranges": activation,
                "created_at": ctx.now,
                "extension_range": body["extension_range"],
                "id": ctx.ids.uuid(),
                "porting_phone_number_id": body["porting_phone_number_id"],
                "record_type": "porting_phone_number_extension",
                "updated_at": ctx.now,
            })
        }
    };
    push_bounded(
        ranges(ctx, kind),
        Child {
            order_id: id.to_owned(),
            value: record.clone(),
        },
    );
    data(201, record)
}

/// `activation_ranges`: a required list of `{start_at, end_at}` objects.
fn check_ranges(value: Option<Value>, problems: &mut Vec<Value>) -> Value {
    match value {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let ok = item
                    .as_object()
                    .is_some_and(|m| m.contains_key("start_at") && m.contains_key("end_at"));
                if !ok {
                    problems.push(errors::body_entry(
                        &format!("/activation_ranges/{i}"),
                        "Each activation range needs 'start_at' and 'end_at'.",
                    ));
                }
            }
            Value::Array(items)
        }
        _ => {
            problems.push(errors::body_entry(
                "/activation_ranges",
                "The 'activation_ranges' parameter is required (a list).",
            ));
            Value::Null
        }
    }
}

pub(super) fn delete_range(ctx: &mut Ctx<'_>, id: &str, kind: &str, child: &str) -> Response {
    if ctx.store.order_index(id).is_none() {
        return order_not_found(id);
    }
    let list = ranges(ctx, kind);
    match list
        .iter()
        .position(|c| c.order_id == id && c.value["id"] == child)
    {
        Some(index) => data(200, list.remove(index).value),
        None => record_not_found(record_name(kind), child),
    }
}

// --- phone number configurations (not under one order) ---

pub(super) fn list_number_configurations(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    let mut list = ctx.store.number_configurations.clone();
    const FILTERS: &[Filter] = &[
        (
            "filter[porting_phone_number]",
            "/porting_phone_number_id",
            Match::Eq,
        ),
        ("filter[user_bundle_id]", "/user_bundle_id", Match::Eq),
    ];
    apply_filters(&ctx.query, &mut list, FILTERS);
    sort_records(&mut list, sort.as_deref().unwrap_or("-created_at"));
    paginated(list, page)
}

pub(super) fn create_number_configurations(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(json_body(ctx));
    let Some(items) = body
        .get("phone_number_configurations")
        .and_then(Value::as_array)
    else {
        return errors::invalid_body(
            "/phone_number_configurations",
            "'phone_number_configurations' must be a list.",
        );
    };
    const ITEM: Fields = &[
        ("porting_phone_number_id", Kind::Str),
        ("user_bundle_id", Kind::Str),
    ];
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("/phone_number_configurations/{i}");
        patch::check(item, ITEM, &at, &mut problems);
        for name in ["porting_phone_number_id", "user_bundle_id"] {
            if !item[name].is_string() {
                problems.push(errors::required_entry(&at, name));
            }
        }
    }
    try_or_answer!(refuse(problems));
    let created: Vec<Value> = items
        .iter()
        .map(|item| {
            json!({
                "created_at": ctx.now,
                "id": ctx.ids.uuid(),
                "porting_phone_number_id": item["porting_phone_number_id"],
                "record_type": "porting_phone_number_configuration",
                "updated_at": ctx.now,
                "user_bundle_id": item["user_bundle_id"],
            })
        })
        .collect();
    for item in &created {
        push_bounded(&mut ctx.store.number_configurations, item.clone());
    }
    data(201, Value::Array(created))
}
