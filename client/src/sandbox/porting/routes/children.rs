//! Records attached to an order: comments, additional documents, verification codes,
//! activation jobs and action requirements; and what every route of an order's records uses
//! (the order check, the checked body, the typed list).

use serde::Serialize;
use serde_json::Value;
use time::Duration;
use uuid::Uuid;

use super::super::child::{
    AU_ID_VERIFICATION, AU_REQUIREMENT_TYPE, ActionRequirement, ActivationJob, Comment, Document,
    DocumentType, VerificationCode,
};
use super::super::clock::{format_time, parse_time};
use super::super::ctx::Ctx;
use super::super::lifecycle;
use super::super::order::Stamp;
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Filters, Match, Order as Sort, bool_field, uuid_field};
use super::super::store::Store;
use super::super::table::{Record, Table};
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
/// `-created_at`; a field other than `created_at` is read by `key`). Only the page's records
/// are copied, and they are rendered after the store is released.
pub(super) fn list_children<T: Record + Serialize + Clone>(
    ctx: &mut Ctx<'_>,
    id: &str,
    pick: fn(&mut Store) -> &mut Table<T>,
    filters: &[Filter<T>],
    sorts: Option<&[&str]>,
    key: fn(&T, &str) -> Option<Stamp>,
) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let order_key = try_or_answer!(order_id(id));
    if !has_order(ctx, order_key) {
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
    let listed = sort.arrange(table.of_order(&order_key).filter(|c| filters.pass(c)), key);
    let (found, total) = page.cut(listed);
    let found: Vec<T> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

/// The sort key of records sorted by `created_at` only (never read).
pub(super) fn no_key<T>(_: &T, _: &str) -> Option<Stamp> {
    None
}

// --- comments ---

pub(super) fn list_comments(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(ctx, id, |s| &mut s.comments, &[], None, no_key)
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
    let comment = Comment {
        id: ctx.ids.new_uuid(),
        order_id: key,
        created_at: Stamp::parse(&ctx.now),
        body: body["body"].as_str().unwrap_or_default().into(),
    };
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    store.comments.insert(comment.clone());
    let now = ctx.now.clone();
    lifecycle::comment_added(
        store,
        ctx.ids,
        &now,
        key,
        comment.id,
        &serde_json::Value::from(&*comment.body),
        "user",
    );
    ctx.store.unlock();
    data(201, &comment)
}

// --- additional documents ---

/// The most additional documents one request adds (the spec's `maxItems`).
const MAX_DOCUMENTS: usize = 100;

pub(super) fn list_documents(ctx: &mut Ctx<'_>, id: &str) -> Response {
    const FILTERS: &[Filter<Document>] = &[("filter[document_type]", Match::Eq, |d, f| {
        f(d.document_type.as_str())
    })];
    list_children(
        ctx,
        id,
        |s| &mut s.documents,
        FILTERS,
        Some(&["created_at", "-created_at"]),
        no_key,
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
    if items.len() > MAX_DOCUMENTS {
        return errors::invalid_body(
            "/additional_documents",
            "At most 100 additional documents at a time.",
        );
    }
    const DOC: Fields = &[
        ("document_id", Kind::Str),
        ("document_type", Kind::RequiredEnum(DocumentType::NAMES)),
    ];
    for (i, item) in items.iter().enumerate() {
        let at = format!("/additional_documents/{i}");
        patch::check(item, DOC, &at, &mut problems);
        for name in ["document_id", "document_type"] {
            if item.get(name).is_none_or(Value::is_null) {
                problems.push(errors::required_entry(&at, name));
            }
        }
        if let Some(text) = item.get("document_id").and_then(Value::as_str) {
            problems.extend(super::unknown_document(
                ctx,
                &format!("{at}/document_id"),
                text,
            ));
        }
    }
    ctx.store.unlock();
    try_or_answer!(refuse(problems));
    let now = Stamp::parse(&ctx.now);
    let created: Vec<Document> = items
        .iter()
        .filter_map(|item| {
            Some(Document {
                id: ctx.ids.new_uuid(),
                order_id: key,
                created_at: now,
                document_id: item["document_id"].as_str()?.into(),
                document_type: DocumentType::parse(item["document_type"].as_str()?)?,
            })
        })
        .collect();
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    for doc in &created {
        store.documents.insert(doc.clone());
    }
    ctx.store.unlock();
    data(201, &created)
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
    const FILTERS: &[Filter<VerificationCode>] = &[("filter[verified]", Match::Eq, |c, f| {
        bool_field(c.verified, f)
    })];
    list_children(
        ctx,
        id,
        |s| &mut s.verification_codes,
        FILTERS,
        Some(&["created_at", "-created_at"]),
        no_key,
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
    let now = Stamp::parse(&ctx.now);
    let store = ctx.store.get();
    if !store.orders.contains(&key) {
        return order_not_found(id);
    }
    let codes = &mut store.verification_codes;
    for number in numbers {
        match codes.find_in_order_mut(&key, |c| *c.phone_number == *number) {
            Some(code) => code.updated_at = now,
            None => {
                codes.insert(VerificationCode {
                    id: ids.new_uuid(),
                    order_id: key,
                    created_at: now,
                    updated_at: now,
                    phone_number: number.into(),
                    verified: false,
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
    ctx.store.unlock();
    let body = try_or_answer!(json_body(ctx));
    let Some(items) = body.get("verification_codes").and_then(Value::as_array) else {
        return errors::invalid_body(
            "/verification_codes",
            "'verification_codes' must be a list of {code, phone_number}.",
        );
    };
    let now = Stamp::parse(&ctx.now);
    let codes = &mut ctx.store.get().verification_codes;
    let mut problems = Vec::new();
    let mut found_ids = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let number = item.get("phone_number").and_then(Value::as_str);
        let code = item.get("code").and_then(Value::as_str);
        let found = number.and_then(|n| {
            codes
                .find_in_order_mut(&key, |c| *c.phone_number == *n)
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
            code.verified = true;
            code.updated_at = now;
            out.push(code.clone());
        }
    }
    ctx.store.unlock();
    data(200, &out)
}

// --- activation jobs ---

pub(super) fn list_activation_jobs(ctx: &mut Ctx<'_>, id: &str) -> Response {
    list_children(ctx, id, |s| &mut s.activation_jobs, &[], None, no_key)
}

/// A new on-demand activation job of order `order_id`: to run now, in a window of an hour.
pub(crate) fn on_demand_job(ctx: &Ctx<'_>, order_id: Uuid) -> ActivationJob {
    let now = Stamp::parse(&ctx.now);
    let end =
        parse_time(&ctx.now).map_or(now, |t| Stamp::parse(&format_time(t + Duration::hours(1))));
    ActivationJob {
        id: ctx.ids.new_uuid(),
        order_id,
        created_at: now,
        updated_at: now,
        activate_at: now,
        window_end: end,
        scheduled: false,
    }
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
    let found = found.clone();
    ctx.store.unlock();
    data(200, &found)
}

/// `PATCH`: an `activate_at` schedules the job at that time (its window starts and ends
/// there); the time is kept to the millisecond, in UTC.
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
    let now = Stamp::parse(&ctx.now);
    let Some(found) = ctx.store.get().activation_jobs.get_in_mut(&key, &job_key) else {
        return record_not_found(kind, job);
    };
    if let Some(at) = body.get("activate_at").and_then(Value::as_str) {
        let at = Stamp::parse(at);
        found.activate_at = at;
        found.window_end = at;
        found.scheduled = true;
    }
    found.updated_at = now;
    let found = found.clone();
    ctx.store.unlock();
    data(200, &found)
}

// --- action requirements ---

pub(super) fn list_action_requirements(ctx: &mut Ctx<'_>, id: &str) -> Response {
    const FILTERS: &[Filter<ActionRequirement>] = &[
        ("filter[action_type]", Match::Eq, |_, f| {
            f(AU_ID_VERIFICATION)
        }),
        ("filter[status]", Match::Eq, |r, f| f(r.status())),
        ("filter[requirement_type_id]", Match::Eq, |_, f| {
            f(AU_REQUIREMENT_TYPE)
        }),
        ("filter[id]", Match::Eq, |r, f| uuid_field(&r.id, f)),
    ];
    list_children(
        ctx,
        id,
        |s| &mut s.action_requirements,
        FILTERS,
        Some(&["created_at", "-created_at", "updated_at", "-updated_at"]),
        |r, _| Some(r.updated_at),
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
    let now = Stamp::parse(&ctx.now);
    let Some(found) = ctx
        .store
        .get()
        .action_requirements
        .get_in_mut(&key, &req_key)
    else {
        return record_not_found(kind, req);
    };
    found.pending = true;
    found.updated_at = now;
    let found = found.clone();
    ctx.store.unlock();
    data(200, &found)
}

/// The action requirement an Australian order starts with.
pub(crate) fn initial_action_requirement(ctx: &Ctx<'_>, order_id: Uuid) -> ActionRequirement {
    let now = Stamp::parse(&ctx.now);
    ActionRequirement {
        id: ctx.ids.new_uuid(),
        order_id,
        created_at: now,
        updated_at: now,
        pending: false,
    }
}
