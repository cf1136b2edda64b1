//! The Documents API: `/documents` (upload, in [`upload`]; list, retrieve, update, delete,
//! download, download link) and `/document_links`.

mod upload;

use std::cmp::Ordering;

use serde_json::Value;
use uuid::Uuid;

use super::super::ctx::Ctx;
use super::super::document::{DocumentLink, StoredDocument};
use super::super::order::Stamp;
use super::super::patch::Kind;
use super::super::query::Match;
use super::super::requirements;
use super::children::checked_body;
use super::{data, record_id, record_not_found, try_or_answer};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

pub(super) use upload::upload;

const KIND: &str = "Document";

/// The sort keys `GET /documents` takes.
const SORTS: &[&str] = &[
    "filename",
    "created_at",
    "updated_at",
    "-filename",
    "-created_at",
    "-updated_at",
];

/// The string field `name` of a checked body.
fn text(body: &Value, name: &str) -> Option<Box<str>> {
    body.get(name).and_then(Value::as_str).map(Box::from)
}

/// The sort keys of `sort` and `sort[]` (each comma-joined or repeated), checked.
fn sorts(ctx: &Ctx<'_>) -> Result<Vec<String>, Response> {
    let mut keys = Vec::new();
    for parameter in ["sort", "sort[]"] {
        for value in ctx.query.all(parameter) {
            for key in value.split(',').filter(|k| !k.is_empty()) {
                if !SORTS.contains(&key) {
                    return Err(errors::invalid_parameter(
                        parameter,
                        &format!(
                            "{parameter} must be among {}, not {key:?}.",
                            SORTS.join(", ")
                        ),
                    ));
                }
                keys.push(key.to_owned());
            }
        }
    }
    Ok(keys)
}

/// Orders `a` and `b` (each with its place in creation order) by `keys`; documents created
/// in the same millisecond are ordered by creation, so `-created_at` lists the newest first.
fn compare(
    (ia, a): (usize, &StoredDocument),
    (ib, b): (usize, &StoredDocument),
    keys: &[String],
) -> Ordering {
    for key in keys {
        let (descending, field) = match key.strip_prefix('-') {
            Some(field) => (true, field),
            None => (false, key.as_str()),
        };
        let order = match field {
            "filename" => a.filename.cmp(&b.filename),
            "updated_at" => a.updated_at.cmp(&b.updated_at),
            _ => (a.created_at, ia).cmp(&(b.created_at, ib)),
        };
        let order = if descending { order.reverse() } else { order };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// `GET /documents`: with `filter[filename][contains]`, `filter[customer_reference][eq]`,
/// `filter[customer_reference][in]` (comma-joined or repeated, also as `[in][]`),
/// `filter[created_at][gt]`/`[lt]`; in creation order unless `sort` says otherwise.
pub(super) fn list(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let keys = try_or_answer!(sorts(ctx));
    let q = &ctx.query;
    let contains = q.all("filter[filename][contains]");
    let eq = q.all("filter[customer_reference][eq]");
    let within: Vec<&str> = q
        .all("filter[customer_reference][in]")
        .into_iter()
        .chain(q.all("filter[customer_reference][in][]"))
        .flat_map(|v| v.split(','))
        .collect();
    let after = q.all("filter[created_at][gt]");
    let before = q.all("filter[created_at][lt]");
    let passes = |d: &&StoredDocument| {
        let reference = d.customer_reference.as_deref();
        let at = || d.created_at.to_string();
        contains.iter().all(|part| d.filename.contains(part))
            && eq.iter().all(|want| reference == Some(*want))
            && (within.is_empty() || reference.is_some_and(|r| within.contains(&r)))
            && after.iter().all(|w| Match::After.test(&at(), w))
            && before.iter().all(|w| Match::Before.test(&at(), w))
    };
    let documents = &ctx.store.get().files;
    let (found, total) = if keys.is_empty() {
        page.cut(documents.iter().filter(passes))
    } else {
        let mut all: Vec<(usize, &StoredDocument)> =
            documents.iter().filter(passes).enumerate().collect();
        all.sort_by(|a, b| compare(*a, *b, &keys));
        page.cut(all.into_iter().map(|(_, d)| d))
    };
    let found: Vec<StoredDocument> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

fn find(ctx: &mut Ctx<'_>, id: &str) -> Result<StoredDocument, Response> {
    let key = record_id(KIND, id)?;
    let found = ctx.store.get().files.get(&key).cloned();
    ctx.store.unlock();
    found.ok_or_else(|| record_not_found(KIND, id))
}

/// `GET /documents/{id}`.
pub(super) fn retrieve(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let document = try_or_answer!(find(ctx, id));
    data(200, &document)
}

/// `PATCH /documents/{id}`: `filename` and `customer_reference` change; the read-only fields
/// of a `DocServiceDocument` are ignored, as the API ignores them.
pub(super) fn update(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id(KIND, id));
    let body = try_or_answer!(checked_body(
        ctx,
        &[("customer_reference", Kind::Str), ("filename", Kind::Str)],
        &[],
    ));
    let now = Stamp::parse(&ctx.now);
    let Some(document) = ctx.store.get().files.get_mut(&key) else {
        return record_not_found(KIND, id);
    };
    if let Some(filename) = text(&body, "filename") {
        document.filename = filename;
    }
    match body.get("customer_reference") {
        Some(Value::Null) => document.customer_reference = None,
        Some(_) => document.customer_reference = text(&body, "customer_reference"),
        None => {}
    }
    document.updated_at = now;
    let document = document.clone();
    ctx.store.unlock();
    data(200, &document)
}

/// `DELETE /documents/{id}`: refused (422) while a porting order names the document as its
/// `documents.loa` or `documents.invoice`, or as the value of another requirement.
pub(super) fn delete(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let key = try_or_answer!(record_id(KIND, id));
    let store = ctx.store.get();
    if !store.files.contains(&key) {
        return record_not_found(KIND, id);
    }
    let user = store.orders.iter().find_map(|o| {
        requirements::linked(o)
            .find(|(d, _)| *d == key)
            .map(|(_, role)| (o.id, role))
    });
    if let Some((order, role)) = user {
        return errors::unprocessable(&format!(
            "Document {id} is the {role} of porting order {order}; it cannot be deleted while \
             the order names it."
        ));
    }
    let Some(document) = store.remove_document(&key) else {
        return record_not_found(KIND, id);
    };
    ctx.store.unlock();
    data(200, &document)
}

/// `GET /documents/{id}/download`: the bytes as uploaded (none for an upload by `url`), with
/// the content type of the filename's extension.
pub(super) fn download(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let document = try_or_answer!(find(ctx, id));
    let mut response = Response::new(200)
        .with_header("content-type", document.content_type())
        .with_header(
            "content-disposition",
            format!(
                "attachment; filename=\"{}\"",
                document.filename.replace(['"', '\\', '\r', '\n'], "_")
            ),
        );
    response.body = document.bytes.to_vec();
    response
}

/// `GET /documents/{id}/download_link`: for an upload by `url`, that URL; otherwise a URL of
/// this sandbox's download of the document (which, unlike the API's pre-signed link, needs
/// the bearer token like any other request).
pub(super) fn download_link(ctx: &mut Ctx<'_>, id: &str) -> Response {
    let document = try_or_answer!(find(ctx, id));
    let url = match &document.url {
        Some(url) => url.to_string(),
        None => {
            let host = ctx.request.header("host").unwrap_or("127.0.0.1");
            format!("http://{host}/v2/documents/{}/download", document.id)
        }
    };
    data(200, &serde_json::json!({ "url": url }))
}

/// `GET /document_links`: a link for every porting order whose `documents.loa`,
/// `documents.invoice` or other requirement names a stored document, in order creation order; filtered by
/// `filter[linked_record_type]` and `filter[linked_resource_id]`.
pub(super) fn list_links(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let types = ctx.query.all("filter[linked_record_type]");
    let resources = ctx.query.all("filter[linked_resource_id]");
    let store = ctx.store.get();
    let files = &store.files;
    let links = store.orders.iter().flat_map(|o| {
        requirements::linked(o)
            .map(|(d, _)| d)
            .filter(|d| files.contains(d))
            .map(|d| DocumentLink::new(d, o.id, o.created_at, o.updated_at))
    });
    let passes = |l: &DocumentLink| {
        types.iter().all(|t| *t == l.linked_record_type)
            && resources
                .iter()
                .all(|r| Uuid::try_parse(r).ok() == Some(l.linked_resource_id))
    };
    let (found, total) = page.cut(links.filter(passes));
    ctx.store.unlock();
    page.answer(&found, total)
}
