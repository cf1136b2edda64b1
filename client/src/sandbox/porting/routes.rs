//! The route table: one row per operation (method, path pattern, handler). Dispatch, the 405
//! answers (with `allow`) and the coverage check against the specification's operations are
//! all derived from [`ROUTES`].

mod children;
mod control;
mod create;
mod documents;
mod lookups;
mod orders;
mod ranges;
mod top;
mod update;

/// `+` then 1 to 15 digits, the first not 0: the rule the client checks before sending.
pub(crate) use crate::models::is_e164;

use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::ctx::Ctx;
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// The most `{parameters}` a path pattern has.
const MAX_PARAMS: usize = 2;
/// The most segments a path pattern has.
const MAX_SEGMENTS: usize = 8;

/// The path parameters of a matched route, in the order the pattern names them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a>([&'a str; MAX_PARAMS]);

impl<'a> Params<'a> {
    /// The first parameter (the order's or record's `{id}`).
    pub(crate) fn id(&self) -> &'a str {
        self.0[0]
    }

    /// The second parameter (the child record's id).
    pub(crate) fn child(&self) -> &'a str {
        self.0[1]
    }
}

type Handle = fn(&mut Ctx<'_>, Params<'_>) -> Response;

/// One operation: `method` on paths matching `path` (under `/v2`; `{name}` matches one
/// non-empty segment) is answered by `handle`.
pub(crate) struct Route {
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    handle: Handle,
}

const fn route(method: &'static str, path: &'static str, handle: Handle) -> Route {
    Route {
        method,
        path,
        handle,
    }
}

/// Every operation the sandbox serves. A path is answered by the first pattern that matches
/// it, so literal segments come before a `{parameter}` in the same place; the methods listed
/// for that pattern make the `allow` header of a 405.
pub(crate) const ROUTES: &[Route] = &[
    // Porting orders.
    route("GET", "/porting_orders", orders::list),
    route("POST", "/porting_orders", create::create),
    route("GET", "/porting_orders/exception_types", |_, _| {
        lookups::exception_types()
    }),
    route(
        "GET",
        "/porting_orders/phone_number_configurations",
        |c, _| ranges::list_number_configurations(c),
    ),
    route(
        "POST",
        "/porting_orders/phone_number_configurations",
        |c, _| ranges::create_number_configurations(c),
    ),
    route("GET", "/porting_orders/{id}", |c, p| {
        orders::retrieve(c, p.id())
    }),
    route("PATCH", "/porting_orders/{id}", |c, p| {
        update::update(c, p.id())
    }),
    route("DELETE", "/porting_orders/{id}", |c, p| {
        orders::delete(c, p.id())
    }),
    route("POST", "/porting_orders/{id}/actions/confirm", |c, p| {
        orders::action(c, p.id(), orders::Action::Confirm)
    }),
    route("POST", "/porting_orders/{id}/actions/cancel", |c, p| {
        orders::action(c, p.id(), orders::Action::Cancel)
    }),
    route("POST", "/porting_orders/{id}/actions/activate", |c, p| {
        orders::action(c, p.id(), orders::Action::Activate)
    }),
    route("POST", "/porting_orders/{id}/actions/share", |c, p| {
        orders::action(c, p.id(), orders::Action::Share)
    }),
    // Order-level look-ups.
    route("GET", "/porting_orders/{id}/allowed_foc_windows", |c, p| {
        lookups::foc_windows(c, p.id())
    }),
    route("GET", "/porting_orders/{id}/requirements", |c, p| {
        lookups::requirements(c, p.id())
    }),
    route("GET", "/porting_orders/{id}/sub_request", |c, p| {
        lookups::sub_request(c, p.id())
    }),
    route("GET", "/porting_orders/{id}/loa_template", |c, p| {
        lookups::loa_template(c, p.id())
    }),
    // Records attached to an order.
    route("GET", "/porting_orders/{id}/comments", |c, p| {
        children::list_comments(c, p.id())
    }),
    route("POST", "/porting_orders/{id}/comments", |c, p| {
        children::create_comment(c, p.id())
    }),
    route(
        "GET",
        "/porting_orders/{id}/additional_documents",
        |c, p| children::list_documents(c, p.id()),
    ),
    route(
        "POST",
        "/porting_orders/{id}/additional_documents",
        |c, p| children::create_documents(c, p.id()),
    ),
    route(
        "DELETE",
        "/porting_orders/{id}/additional_documents/{additional_document_id}",
        |c, p| children::delete_document(c, p.id(), p.child()),
    ),
    route("GET", "/porting_orders/{id}/verification_codes", |c, p| {
        children::list_verification_codes(c, p.id())
    }),
    route(
        "POST",
        "/porting_orders/{id}/verification_codes/send",
        |c, p| children::send_verification_codes(c, p.id()),
    ),
    route(
        "POST",
        "/porting_orders/{id}/verification_codes/verify",
        |c, p| children::verify_verification_codes(c, p.id()),
    ),
    route("GET", "/porting_orders/{id}/activation_jobs", |c, p| {
        children::list_activation_jobs(c, p.id())
    }),
    route(
        "GET",
        "/porting_orders/{id}/activation_jobs/{activationJobId}",
        |c, p| children::retrieve_activation_job(c, p.id(), p.child()),
    ),
    route(
        "PATCH",
        "/porting_orders/{id}/activation_jobs/{activationJobId}",
        |c, p| children::update_activation_job(c, p.id(), p.child()),
    ),
    route("GET", "/porting_orders/{id}/action_requirements", |c, p| {
        children::list_action_requirements(c, p.id())
    }),
    route(
        "POST",
        "/porting_orders/{id}/action_requirements/{id}/initiate",
        |c, p| children::initiate_action_requirement(c, p.id(), p.child()),
    ),
    route(
        "GET",
        "/porting_orders/{id}/associated_phone_numbers",
        |c, p| ranges::list_ranges(c, p.id(), ranges::Range::Associated),
    ),
    route(
        "POST",
        "/porting_orders/{id}/associated_phone_numbers",
        |c, p| ranges::create_range(c, p.id(), ranges::Range::Associated),
    ),
    route(
        "DELETE",
        "/porting_orders/{id}/associated_phone_numbers/{id}",
        |c, p| ranges::delete_range(c, p.id(), ranges::Range::Associated, p.child()),
    ),
    route("GET", "/porting_orders/{id}/phone_number_blocks", |c, p| {
        ranges::list_ranges(c, p.id(), ranges::Range::Blocks)
    }),
    route(
        "POST",
        "/porting_orders/{id}/phone_number_blocks",
        |c, p| ranges::create_range(c, p.id(), ranges::Range::Blocks),
    ),
    route(
        "DELETE",
        "/porting_orders/{id}/phone_number_blocks/{id}",
        |c, p| ranges::delete_range(c, p.id(), ranges::Range::Blocks, p.child()),
    ),
    route(
        "GET",
        "/porting_orders/{id}/phone_number_extensions",
        |c, p| ranges::list_ranges(c, p.id(), ranges::Range::Extensions),
    ),
    route(
        "POST",
        "/porting_orders/{id}/phone_number_extensions",
        |c, p| ranges::create_range(c, p.id(), ranges::Range::Extensions),
    ),
    route(
        "DELETE",
        "/porting_orders/{id}/phone_number_extensions/{id}",
        |c, p| ranges::delete_range(c, p.id(), ranges::Range::Extensions, p.child()),
    ),
    // Everything else under /porting and the top level.
    route("GET", "/porting_phone_numbers", |c, _| {
        top::list_phone_numbers(c)
    }),
    route("POST", "/portability_checks", |c, _| {
        top::portability_checks(c)
    }),
    route("GET", "/porting/events", |c, _| top::list_events(c)),
    route("GET", "/porting/events/{id}", |c, p| {
        top::retrieve_event(c, p.id())
    }),
    route("POST", "/porting/events/{id}/republish", |c, p| {
        top::republish_event(c, p.id())
    }),
    route("GET", "/porting/reports", |c, _| top::list_reports(c)),
    route("POST", "/porting/reports", |c, _| top::create_report(c)),
    route("GET", "/porting/reports/{id}", |c, p| {
        top::retrieve_report(c, p.id())
    }),
    route("GET", "/porting/uk_carriers", |_, _| top::uk_carriers()),
    route("GET", "/porting/loa_configurations", |c, _| {
        top::list_loa_configurations(c)
    }),
    route("POST", "/porting/loa_configurations", |c, _| {
        top::create_loa_configuration(c)
    }),
    route("POST", "/porting/loa_configurations/preview", |c, _| {
        top::preview_loa_params(c)
    }),
    route("GET", "/porting/loa_configurations/{id}", |c, p| {
        top::retrieve_loa_configuration(c, p.id())
    }),
    route("PATCH", "/porting/loa_configurations/{id}", |c, p| {
        top::update_loa_configuration(c, p.id())
    }),
    route("DELETE", "/porting/loa_configurations/{id}", |c, p| {
        top::delete_loa_configuration(c, p.id())
    }),
    route("GET", "/porting/loa_configurations/{id}/preview", |c, p| {
        top::preview_loa_configuration(c, p.id())
    }),
    // The Documents API.
    route("GET", "/documents", |c, _| documents::list(c)),
    route("POST", "/documents", |c, _| documents::upload(c)),
    route("GET", "/documents/{id}", |c, p| {
        documents::retrieve(c, p.id())
    }),
    route("PATCH", "/documents/{id}", |c, p| {
        documents::update(c, p.id())
    }),
    route("DELETE", "/documents/{id}", |c, p| {
        documents::delete(c, p.id())
    }),
    route("GET", "/documents/{id}/download", |c, p| {
        documents::download(c, p.id())
    }),
    route("GET", "/documents/{id}/download_link", |c, p| {
        documents::download_link(c, p.id())
    }),
    route("GET", "/document_links", |c, _| documents::list_links(c)),
];

/// Matches `segments` (a path after `/v2`, split on `/`) against `pattern`.
fn matches<'p>(pattern: &str, segments: &[&'p str]) -> Option<Params<'p>> {
    let mut params = [""; MAX_PARAMS];
    let mut count = 0;
    let mut parts = pattern.trim_start_matches('/').split('/');
    for segment in segments {
        let part = parts.next()?;
        if part.starts_with('{') {
            *params.get_mut(count)? = segment;
            count += 1;
        } else if part != *segment {
            return None;
        }
    }
    parts.next().is_none().then_some(Params(params))
}

/// Answers an authenticated request for `method` on `path` (the whole path, `/v2` included).
pub(crate) fn dispatch(ctx: &mut Ctx<'_>, method: &str, path: &str) -> Response {
    let not_found = || errors::not_found(&format!("No route matches {method} {path}."));
    let Some(rest) = path.strip_prefix("/v2") else {
        return not_found();
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return not_found();
    }
    let trimmed = rest.strip_prefix('/').unwrap_or(rest);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let mut segments = [""; MAX_SEGMENTS];
    let mut count = 0;
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            let Some(slot) = segments.get_mut(count) else {
                return not_found();
            };
            *slot = segment;
            count += 1;
        }
    }
    let segments = &segments[..count];
    if segments.is_empty() || segments.iter().any(|s| s.is_empty()) {
        return not_found();
    }
    let all = || control::SANDBOX_ROUTES.iter().chain(ROUTES);
    let Some((pattern, params)) =
        all().find_map(|r| matches(r.path, segments).map(|p| (r.path, p)))
    else {
        return not_found();
    };
    let same_path = || all().filter(move |r| r.path == pattern);
    match same_path().find(|r| r.method == method) {
        Some(route) => (route.handle)(ctx, params),
        None => {
            let allowed: Vec<&str> = same_path().map(|r| r.method).collect();
            errors::method_not_allowed(method, path, &allowed)
        }
    }
}

/// The order id of a path, or 404 when it cannot name an order.
pub(crate) fn order_id(id: &str) -> Result<Uuid, Response> {
    Uuid::try_parse(id).map_err(|_| order_not_found(id))
}

/// The id of a record of `kind`, or 404 when it cannot name one.
pub(crate) fn record_id(kind: &str, id: &str) -> Result<Uuid, Response> {
    Uuid::try_parse(id).map_err(|_| record_not_found(kind, id))
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
pub(crate) fn data<T: Serialize>(status: u16, value: &T) -> Response {
    #[derive(Serialize)]
    struct Data<'a, T> {
        data: &'a T,
    }
    match serde_json::to_vec(&Data { data: value }) {
        Ok(body) => Response::json_bytes(status, body),
        Err(e) => errors::internal(&e),
    }
}

/// The entry for `text` at `pointer` when it names no document uploaded to `/documents`
/// (the store is locked by the check).
pub(crate) fn unknown_document(ctx: &mut Ctx<'_>, pointer: &str, text: &str) -> Option<Value> {
    let known = Uuid::try_parse(text).is_ok_and(|id| ctx.store.get().files.contains(&id));
    (!known).then(|| super::rules::unknown_document_entry(pointer, text))
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

/// Unwraps a `Result<T, Response>`, or answers with its error.
macro_rules! try_or_answer {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(response) => return response,
        }
    };
}
pub(crate) use try_or_answer;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_paths() {
        let p = matches(
            "/porting_orders/{id}/comments",
            &["porting_orders", "x", "comments"],
        );
        assert_eq!(p.map(|p| p.id()), Some("x"));
        assert!(matches("/porting_orders/{id}", &["porting_orders"]).is_none());
        assert!(matches("/porting_orders", &["porting_orders", "x"]).is_none());
        let p = matches(
            "/porting_orders/{id}/activation_jobs/{job}",
            &["porting_orders", "a", "activation_jobs", "b"],
        );
        assert_eq!(p.map(|p| (p.id(), p.child())), Some(("a", "b")));
    }

    /// Every operation of the specification has exactly one route, and every route is an
    /// operation of the specification (the conformance suite drives the same list).
    #[test]
    fn routes_cover_the_specification() {
        let normalize = |path: &str| {
            path.split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut operations = spec_operations("telnyx-porting.upstream-spec3-subset.yml");
        assert_eq!(operations.len(), 54, "{operations:#?}");
        let documents = spec_operations("telnyx-documents.upstream-spec3-subset.yml");
        assert_eq!(documents.len(), 8, "{documents:#?}");
        operations.extend(documents);
        let mut operations: Vec<String> = operations
            .iter()
            .map(|o| {
                let (method, path) = o.split_once(' ').unwrap_or_default();
                format!("{method} {}", normalize(path))
            })
            .collect();
        operations.sort();
        let mut routes: Vec<String> = ROUTES
            .iter()
            .map(|r| format!("{} {}", r.method, normalize(r.path)))
            .collect();
        routes.sort();
        assert_eq!(routes, operations);
    }

    /// `METHOD /path` for every operation of the specification `file`.
    fn spec_operations(file: &str) -> Vec<String> {
        let spec = format!("{}/../../shared/openapi/{file}", env!("CARGO_MANIFEST_DIR"));
        let Ok(text) = std::fs::read_to_string(&spec) else {
            panic!("cannot read {spec}");
        };
        let mut in_paths = false;
        let mut path = String::new();
        let mut operations = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ') {
                in_paths = line == "paths:";
                continue;
            }
            if !in_paths {
                continue;
            }
            if let Some(p) = line.strip_prefix("  /") {
                path = format!("/{}", p.trim_end_matches(':'));
            } else if let Some(m) = line.strip_prefix("    ")
                && !m.starts_with(' ')
                && let Some(m) = m.strip_suffix(':')
                && ["get", "post", "patch", "delete", "put"].contains(&m)
            {
                operations.push(format!("{} {path}", m.to_uppercase()));
            }
        }
        operations
    }
}
