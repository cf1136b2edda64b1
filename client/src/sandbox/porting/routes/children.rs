//! Records attached to an order: comments, additional documents, verification codes,
//! activation jobs, action requirements, number ranges; and phone number configurations.

use serde_json::{Value, json};
use uuid::Uuid;

use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Filters, Match, Order as Sort, time_at};
use super::super::store::{Child, Store};
use super::super::table::Table;
use super::{
    data, json_body, order_id, order_not_found, record_id, record_not_found, refuse, try_or_answer,
};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// Whether the order `key` exists.
pub(super) fn has_order(ctx: &mut Ctx<'_>, key: Uuid) -> bool {
    ctx.store.get().orders.contains(&key)
}

/// Checks that the order exists and parses the body against `fields`, requiring `required`.
pub(super) fn order_and_body(
    ctx: &mut Ctx<'_>,
    key: Uuid,
    id: &str,
    fields: Fields,
    required: &[&str],
) -> Result<Value, Response> {
    if !has_order(ctx, key) {
        return Err(order_not_found(id));
    }
    ctx.store.unlock();
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

/// One page of the records of order `id` in the table `pick` chooses, with `filters`; in
/// creation order when `sorts` is `None`, otherwise by `sort[value]` (one of `sorts`, default
/// `-created_at`).
pub(super) fn list_children(
    ctx: &mut Ctx<'_>,
    id: &str,
    pick: fn(&mut Store) -> &mut Table<Child>,
    filters: &[Filter],
    sorts: Option<&[&str]>,
) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let sort = match sorts {
        Some(allowed) => {
            Some(try_or_answer!(ctx.query.sort(allowed)).unwrap_or_else(|| "-created_at".into()))
        }
        None => None,
    };
    let sort = sort
        .as_deref()
        .map_or(Sort::Created { descending: false }, Sort::parse);
    let filters = Filters::new(&ctx.query, filters);
    let table = pick(ctx.store.get());
    let listed = sort.arrange(
        table.of_order(&key).filter(|c| filters.pass(&c.value)),
        |c, field| time_at(&c.value, field),
    );
    let (found, total) = page.cut(listed);
    let found: Vec<Value> = found.into_iter().map(|c| c.value.clone()).collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

// --- comments ---

pub(super) fn list_comments(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(ctx, id, |s| &mut s.comments, &[], None)
}

pub(super) fn create_comment(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(order_and_body(
        ctx,
        key,
        id,
        &[("body", Kind::Str)],
        &["body"]
    ));
    let comment_id = ctx.ids.new_uuid();
    let comment = json!({
        "body": body["body"],
        "created_at": ctx.now,
        "id": comment_id,
        "porting_order_id": id,
        "record_type": "porting_comment",
        "user_type": "user",
    });
    ctx.store.get().comments.insert(Child {
        id: comment_id,
        order_id: key,
        value: comment.clone(),
    });
    ctx.store.unlock();
    data(201, &comment)
}

// --- additional documents ---

const DOCUMENT_TYPES: &[&str] = &["loa", "invoice", "csr", "other"];

pub(super) fn list_documents(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(
        ctx,
        id,
        |s| &mut s.documents,
        &[("filter[document_type]", "/document_type", Match::Eq)],
        Some(&["created_at", "-created_at"]),
    )
}

pub(super) fn create_documents(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    ctx.store.unlock();
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
    let created: Vec<Child> = items
        .iter()
        .map(|item| {
            let doc_id = ctx.ids.new_uuid();
            let value = json!({
                "created_at": ctx.now,
                "document_id": item["document_id"],
                "document_type": item["document_type"],
                "id": doc_id,
                "porting_order_id": id,
                "record_type": "porting_additional_document",
                "updated_at": ctx.now,
            });
            Child {
                id: doc_id,
                order_id: key,
                value,
            }
        })
        .collect();
    let values: Vec<Value> = created.iter().map(|c| c.value.clone()).collect();
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    for doc in created {
        store.documents.insert(doc);
    }
    ctx.store.unlock();
    data(201, &values)
}

pub(super) fn delete_document(ctx: &mut Ctx<'_>, id: &str, doc: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let kind = "Additional document";
    let doc_key = try_or_answer!(record_id(kind, doc));
    let documents = &mut ctx.store.get().documents;
    if documents.get_in_mut(&key, &doc_key).is_none() {
        return record_not_found(kind, doc);
    }
    documents.remove(&doc_key);
    Response::new(204)
}

// --- verification codes ---

pub(super) fn list_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(
        ctx,
        id,
        |s| &mut s.verification_codes,
        &[("filter[verified]", "/verified", Match::Eq)],
        Some(&["created_at", "-created_at"]),
    )
}

pub(super) fn send_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    const SEND: Fields = &[
        ("phone_numbers", Kind::Strs),
        ("verification_method", Kind::Enum(&["sms", "call"])),
    ];
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(order_and_body(ctx, key, id, SEND, &["phone_numbers"]));
    let numbers: Vec<&str> = body["phone_numbers"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if numbers.len() > 100 {
        return errors::invalid_body("/phone_numbers", "At most 100 phone numbers at a time.");
    }
    let ids = ctx.ids;
    let now = ctx.now.clone();
    let codes = &mut ctx.store.get().verification_codes;
    for number in numbers {
        match codes.find_in_order_mut(&key, |c| c.value["phone_number"] == number) {
            Some(code) => code.value["updated_at"] = Value::from(now.as_str()),
            None => {
                let code_id = ids.new_uuid();
                let value = json!({
                    "created_at": now,
                    "id": code_id,
                    "phone_number": number,
                    "porting_order_id": id,
                    "updated_at": now,
                    "verified": false,
                });
                codes.insert(Child {
                    id: code_id,
                    order_id: key,
                    value,
                });
            }
        }
    }
    Response::new(204)
}

pub(super) fn verify_verification_codes(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let body = try_or_answer!(json_body(ctx));
    let Some(items) = body.get("verification_codes").and_then(Value::as_array) else {
        return errors::invalid_body(
            "/verification_codes",
            "'verification_codes' must be a list of {code, phone_number}.",
        );
    };
    let now = ctx.now.clone();
    let codes = &mut ctx.store.get().verification_codes;
    let mut problems = Vec::new();
    let mut found_ids = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let number = item.get("phone_number").and_then(Value::as_str);
        let code = item.get("code").and_then(Value::as_str);
        let found = number.and_then(|n| {
            codes
                .find_in_order_mut(&key, |c| c.value["phone_number"] == n)
                .map(|c| c.id)
        });
        match (code, found) {
            (Some(code), Some(found))
                if !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()) =>
            {
                found_ids.push(found)
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
    let mut out = Vec::with_capacity(found_ids.len());
    for found in found_ids {
        if let Some(code) = codes.get_mut(&found) {
            code.value["verified"] = Value::Bool(true);
            code.value["updated_at"] = Value::from(now.as_str());
            out.push(code.value.clone());
        }
    }
    ctx.store.unlock();
    data(200, &out)
}

// --- activation jobs ---

pub(super) fn list_activation_jobs(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(ctx, id, |s| &mut s.activation_jobs, &[], None)
}

pub(super) fn retrieve_activation_job(ctx: &mut Ctx<'_>, id: &str, job: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let kind = "Activation job";
    let job_key = try_or_answer!(record_id(kind, job));
    let Some(found) = ctx.store.get().activation_jobs.get_in_mut(&key, &job_key) else {
        return record_not_found(kind, job);
    };
    let found = found.value.clone();
    ctx.store.unlock();
    data(200, &found)
}

pub(super) fn update_activation_job(ctx: &mut Ctx<'_>, id: &str, job: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(order_and_body(
        ctx,
        key,
        id,
        &[("activate_at", Kind::Time)],
        &[]
    ));
    let kind = "Activation job";
    let job_key = try_or_answer!(record_id(kind, job));
    let now = ctx.now.clone();
    let Some(found) = ctx.store.get().activation_jobs.get_in_mut(&key, &job_key) else {
        return record_not_found(kind, job);
    };
    let found = &mut found.value;
    if let Some(at) = body.get("activate_at").and_then(Value::as_str) {
        found["activate_at"] = Value::from(at);
        found["activation_type"] = Value::from("scheduled");
        let start = parse_time(at).map_or(Value::from(at), |t| Value::from(format_time(t)));
        found["activation_windows"] = json!([{ "end_at": start, "start_at": start }]);
    }
    found["updated_at"] = Value::from(now);
    let found = found.clone();
    ctx.store.unlock();
    data(200, &found)
}

// --- action requirements ---

pub(super) fn list_action_requirements(ctx: &mut Ctx<'_>, id: &str) -> Response {
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
    list_children(
        ctx,
        id,
        |s| &mut s.action_requirements,
        FILTERS,
        Some(&["created_at", "-created_at", "updated_at", "-updated_at"]),
    )
}

pub(super) fn initiate_action_requirement(ctx: &mut Ctx<'_>, id: &str, req: &str) -> Response {
    const PARAMS: Fields = &[("first_name", Kind::Str), ("last_name", Kind::Str)];
    let key = try_or_answer!(order_id(id));
    let body = try_or_answer!(order_and_body(
        ctx,
        key,
        id,
        &[("params", Kind::Obj(PARAMS))],
        &["params"]
    ));
    for name in ["first_name", "last_name"] {
        if !body["params"][name].is_string() {
            return errors::response(422, vec![errors::required_entry("/params", name)]);
        }
    }
    let kind = "Action requirement";
    let req_key = try_or_answer!(record_id(kind, req));
    let now = ctx.now.clone();
    let Some(found) = ctx
        .store
        .get()
        .action_requirements
        .get_in_mut(&key, &req_key)
    else {
        return record_not_found(kind, req);
    };
    let found = &mut found.value;
    found["status"] = Value::from("pending");
    found["action_url"] = Value::from(format!("https://sandbox.invalid/porting/actions/{req}"));
    found["updated_at"] = Value::from(now);
    let found = found.clone();
    ctx.store.unlock();
    data(200, &found)
}

/// The action requirement an Australian order starts with.
pub(crate) fn initial_action_requirement(ctx: &Ctx<'_>, order_id: Uuid) -> Child {
    let id = ctx.ids.new_uuid();
    let value = json!({
        "action_type": "au_id_verification",
        "action_url": null,
        "cancel_reason": null,
        "created_at": ctx.now,
        "id": id,
        "porting_order_id": order_id,
        "record_type": "porting_action_requirement",
        "requirement_type_id": "53970723-fbff-4f46-a975-f62be6c1a585",
        "status": "created",
        "updated_at": ctx.now,
    });
    Child {
        id,
        order_id,
        value,
    }
}
