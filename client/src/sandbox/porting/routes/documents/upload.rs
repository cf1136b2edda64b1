//! `POST /documents`: an upload, as JSON or as `multipart/form-data`, checked and stored.
//!
//! The body's `Content-Type` decides how it is read, not the path: the Node SDK's
//! `documents.upload` posts JSON to the literal `/documents?content-type=multipart` (and its
//! `uploadJson` to `/documents`), both read as JSON like any body that is not multipart;
//! `curl -F "file=@loa.pdf" -F customer_reference=x` sends `multipart/form-data`, read with
//! the hand-written parser of [`crate::sandbox::http::multipart`]. Other `multipart/*` types
//! are refused with 415.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::super::super::ctx::Ctx;
use super::super::super::document::{StoredDocument, known_content_type};
use super::super::super::order::Stamp;
use super::super::super::patch::Kind;
use super::super::children::checked_body;
use super::super::{data, try_or_answer};
use super::text;
use crate::models::MAX_DOCUMENT_BYTES;
use crate::sandbox::errors;
use crate::sandbox::http::Response;
use crate::sandbox::http::multipart::{self, Part};

/// What an upload carries, however it was sent.
struct Upload {
    /// The file's bytes (copied once out of the request); empty for an upload by `url`.
    bytes: Arc<[u8]>,
    url: Option<Box<str>>,
    filename: Option<Box<str>>,
    customer_reference: Option<Box<str>>,
    /// The content type the client declared for the file (a multipart part's), when it is
    /// one the sandbox knows.
    declared_type: Option<&'static str>,
}

/// `POST /documents`: JSON with `file` (standard base64) or `url` (recorded, never fetched),
/// or `multipart/form-data` with a `file` part; either way at most 20 MB decoded, within the
/// sandbox's total document cap.
pub(in super::super) fn upload(ctx: &mut Ctx<'_>) -> Response {
    let content_type = ctx.request.header("content-type").unwrap_or("");
    let upload = match multipart::parameters(content_type) {
        Some((essence, parameters)) if essence == "multipart/form-data" => {
            try_or_answer!(from_form(&ctx.request.body, &parameters))
        }
        Some((essence, _)) if essence.starts_with("multipart/") => {
            return unsupported(&essence);
        }
        _ => try_or_answer!(from_json(ctx)),
    };
    store(ctx, upload)
}

/// 415 for a media type the upload cannot take.
fn unsupported(essence: &str) -> Response {
    let detail =
        format!("POST /documents takes application/json or multipart/form-data, not {essence}.");
    errors::response(
        415,
        vec![errors::entry(
            "10015",
            "Unsupported Media Type",
            &detail,
            None,
        )],
    )
}

/// The upload a JSON body describes: exactly one of `file` and `url`.
fn from_json(ctx: &Ctx<'_>) -> Result<Upload, Response> {
    let body = checked_body(
        ctx,
        &[
            ("customer_reference", Kind::Str),
            ("file", Kind::Str),
            ("filename", Kind::Str),
            ("url", Kind::Str),
        ],
        &[],
    )?;
    let file = body.get("file").and_then(Value::as_str);
    let url = body.get("url").and_then(Value::as_str);
    let (bytes, url) = match (file, url) {
        (None, None) => {
            return Err(errors::invalid_body(
                "/file",
                "Either 'file' or 'url' is required.",
            ));
        }
        (Some(_), Some(_)) => {
            return Err(errors::invalid_body(
                "/url",
                "Give either 'file' or 'url', not both.",
            ));
        }
        (Some(file), None) => match STANDARD.decode(file) {
            Ok(bytes) => (Arc::from(bytes), None),
            Err(_) => {
                return Err(errors::invalid_body(
                    "/file",
                    "'file' must be standard padded base64.",
                ));
            }
        },
        (None, Some(url)) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(errors::invalid_body(
                    "/url",
                    "'url' must be an http or https URL.",
                ));
            }
            (Arc::from([]), Some(Box::<str>::from(url)))
        }
    };
    Ok(Upload {
        bytes,
        url,
        filename: text(&body, "filename"),
        customer_reference: text(&body, "customer_reference"),
        declared_type: None,
    })
}

/// 400 for a multipart body that cannot be read.
fn malformed(detail: &dyn std::fmt::Display) -> Response {
    let detail = format!("The multipart/form-data body is malformed: {detail}.");
    errors::response(
        400,
        vec![errors::entry("10015", "Bad Request", &detail, None)],
    )
}

/// The upload a `multipart/form-data` body describes: the fields of
/// `CreateMultiPartDocServiceDocumentRequest`, a `file` part (required; its filename and
/// content type as sent) and an optional `customer_reference` part, each at most once.
fn from_form(body: &[u8], parameters: &[(String, String)]) -> Result<Upload, Response> {
    let boundary = multipart::boundary(parameters).map_err(|e| malformed(&e))?;
    let parts = multipart::parse(boundary, body).map_err(|e| malformed(&e))?;
    let mut problems = Vec::new();
    let mut file: Option<&Part<'_>> = None;
    let mut reference: Option<&Part<'_>> = None;
    for part in &parts {
        let pointer = format!("/{}", part.name);
        let slot = match part.name.as_str() {
            "file" => &mut file,
            "customer_reference" => &mut reference,
            name => {
                problems.push(errors::body_entry(
                    &pointer,
                    &format!(
                        "Unknown field '{name}': a multipart upload takes 'file' and \
                         'customer_reference'."
                    ),
                ));
                continue;
            }
        };
        if slot.is_some() {
            problems.push(errors::body_entry(
                &pointer,
                &format!("The '{}' part is given more than once.", part.name),
            ));
        }
        *slot = Some(part);
    }
    // A form's file input with no file chosen sends an empty part with an empty filename.
    let file = file.filter(|f| !(f.data.is_empty() && f.filename.as_deref() == Some("")));
    if file.is_none() {
        problems.push(errors::required_entry("", "file"));
    }
    let customer_reference = match reference.map(|r| std::str::from_utf8(r.data)) {
        None => None,
        Some(Ok(reference)) => Some(Box::from(reference)),
        Some(Err(_)) => {
            problems.push(errors::body_entry(
                "/customer_reference",
                "The 'customer_reference' part must be UTF-8 text.",
            ));
            None
        }
    };
    let Some(file) = file.filter(|_| problems.is_empty()) else {
        return Err(errors::response(422, problems));
    };
    Ok(Upload {
        bytes: Arc::from(file.data),
        url: None,
        filename: file.filename.as_deref().and_then(base_name).map(Box::from),
        customer_reference,
        declared_type: file.content_type.as_deref().and_then(known_content_type),
    })
}

/// The last path component of a filename some clients send whole (`C:\fakepath\loa.pdf`), or
/// `None` when nothing is left.
fn base_name(filename: &str) -> Option<&str> {
    Some(filename.rsplit(['/', '\\']).next().unwrap_or(filename)).filter(|n| !n.is_empty())
}

/// Stores `upload` if it fits: at most 20 MB, and within the sandbox's total document cap.
fn store(ctx: &mut Ctx<'_>, upload: Upload) -> Response {
    let size = upload.bytes.len() as u64;
    if size > MAX_DOCUMENT_BYTES {
        return errors::invalid_body(
            "/file",
            &format!("The file is {size} bytes; a document is at most {MAX_DOCUMENT_BYTES} bytes."),
        );
    }
    let filename = upload
        .filename
        .or_else(|| {
            upload
                .url
                .as_deref()
                .and_then(|u| u.rsplit('/').next())
                .filter(|n| !n.is_empty())
                .map(Box::from)
        })
        .unwrap_or_else(|| Box::from("document"));
    let now = Stamp::parse(&ctx.now);
    let document = StoredDocument {
        id: ctx.ids.new_uuid(),
        created_at: now,
        updated_at: now,
        filename,
        customer_reference: upload.customer_reference,
        bytes: upload.bytes,
        url: upload.url,
        declared_type: upload.declared_type,
    };
    let store = ctx.store.get();
    let held = store.document_bytes;
    if held.saturating_add(size) > store.max_document_bytes {
        let max = store.max_document_bytes;
        return errors::invalid_body(
            "/file",
            &format!(
                "The sandbox holds at most {max} document bytes (max_document_bytes) and holds \
                 {held}; this {size}-byte file does not fit. Delete documents first."
            ),
        );
    }
    store.insert_document(document.clone());
    ctx.store.unlock();
    data(200, &document)
}

#[cfg(test)]
mod tests {
    use super::base_name;

    #[test]
    fn base_names() {
        assert_eq!(base_name("loa.pdf"), Some("loa.pdf"));
        assert_eq!(base_name("C:\\fakepath\\loa.pdf"), Some("loa.pdf"));
        assert_eq!(base_name("../../etc/passwd"), Some("passwd"));
        assert_eq!(base_name("dir/"), None);
        assert_eq!(base_name(""), None);
    }
}
