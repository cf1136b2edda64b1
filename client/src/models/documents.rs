//! The Documents API (`/documents`, `/document_links`): files uploaded once and then linked to
//! porting orders (the LOA, the invoice) by their id.
//!
//! [`CreateDocServiceDocumentRequest`] and [`UpdateDocument`] check themselves before they are
//! sent (see [`Validate`](crate::Validate)); the responses ([`DocServiceDocument`],
//! [`DocServiceDocumentLink`]) are decoded leniently: every field an `Option`, enums open, and
//! the timestamps strings, since the spec's `DocServiceRecord` gives them no `date-time`
//! format (Prism's generated answers hold any string there).

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::open_enum::open_enum;
use crate::{Error, Result, Validate};

/// The largest file the API takes: "Maximum file size is 20 MB", read as 20,000,000 bytes of
/// the decoded file (the stricter reading of an unstated unit, so what passes here is never
/// refused for its size). As base64 in a JSON body that is about 26.7 MB.
pub const MAX_DOCUMENT_BYTES: u64 = 20_000_000;

/// The longest filename the API takes, in characters ("Filename ≤ 512 characters").
pub const MAX_FILENAME_CHARS: usize = 512;

open_enum! {
    /// The antivirus scan status of a document.
    pub enum DocumentAvScanStatus {
        /// Scanned and clean.
        Scanned => "scanned",
        /// Scanned and infected: the document is denied.
        Infected => "infected",
        /// Waiting for the scan.
        PendingScan => "pending_scan",
        /// Not scanned.
        NotScanned => "not_scanned",
    }
}

open_enum! {
    /// Where the review of a document stands.
    pub enum DocumentStatus {
        /// Not reviewed yet.
        Pending => "pending",
        /// Accepted.
        Verified => "verified",
        /// Refused.
        Denied => "denied",
    }
}

/// A document's size (the spec's `DocServiceDocument.size`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentSize {
    /// The number of bytes (an `i64`: the spec gives the integer no minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// The unit: `bytes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An uploaded document (the spec's `DocServiceDocument`, a `DocServiceRecord` plus the
/// document's own fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocServiceDocument {
    /// Identifies the document; what `documents.loa` and `documents.invoice` of a porting
    /// order name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The type of the resource: `document`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// When the document was uploaded, ISO 8601 (a string: the spec gives it no
    /// `date-time` format, so it is kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When the document was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The antivirus scan status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub av_scan_status: Option<DocumentAvScanStatus>,
    /// The content type the API detected, such as `application/pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The customer reference given at upload or update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// The filename; the API may have changed it (spaces removed, an extension appended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The SHA-256 of the content, in hex, to check a download against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The size of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<DocumentSize>,
    /// Where the review of the document stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DocumentStatus>,
}

/// A link between a document and the resource that uses it (the spec's
/// `DocServiceDocumentLink`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocServiceDocumentLink {
    /// Identifies the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The type of the resource: `document_link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// When the link was made, ISO 8601 (kept as sent, like `DocServiceDocument::created_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When the link was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The linked document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<Uuid>,
    /// The record type of the linked resource, such as `porting_order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_record_type: Option<String>,
    /// The id of the linked resource (a string in the spec, not a uuid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_resource_id: Option<String>,
}

/// The answer of `GET /documents/{id}/download_link`, inside `data`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentDownloadLink {
    /// A temporary pre-signed URL that downloads the document without authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The JSON body of `POST /documents` (the spec's `CreateDocServiceDocumentRequest`): the file
/// as base64 (`file`) or a public URL the API fetches (`url`), exactly one of them, plus a
/// filename and a customer reference.
///
/// The JSON body has no content-type field: the API detects the type from the content.
///
/// ```
/// use telnyx_porting::Validate;
/// use telnyx_porting::models::CreateDocServiceDocumentRequest;
///
/// let upload = CreateDocServiceDocumentRequest::from_bytes("loa.pdf", b"%PDF-1.7")
///     .customer_reference("Acct 42");
/// assert_eq!(upload.file.as_deref(), Some("JVBERi0xLjc="));
/// upload.validate()?;
///
/// // Neither a file nor a URL: refused before anything is sent.
/// let empty = CreateDocServiceDocumentRequest::default();
/// assert!(empty.validate().is_err());
/// # Ok::<(), telnyx_porting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateDocServiceDocumentRequest {
    /// A customer reference, to find the document again (`filter[customer_reference]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// The content of the file, standard padded base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The filename of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// A public URL the API fetches the file from, instead of `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl CreateDocServiceDocumentRequest {
    /// An upload of `bytes`, base64-encoded here, under `filename`.
    pub fn from_bytes(filename: impl Into<String>, bytes: impl AsRef<[u8]>) -> Self {
        CreateDocServiceDocumentRequest {
            file: Some(STANDARD.encode(bytes.as_ref())),
            filename: Some(filename.into()),
            ..Self::default()
        }
    }

    /// An upload of the file at `path`, under its file name. The file is read here, at once
    /// and synchronously (at most [`MAX_DOCUMENT_BYTES`]; a larger file is refused from its
    /// metadata, without reading it).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `path` when the file cannot be read or has no file
    /// name, or `file` when it is larger than the API takes.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let read_error = |e: std::io::Error| {
            Error::invalid_input("path", shown.clone(), format!("cannot be read: {e}"))
        };
        let filename = path
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| Error::invalid_input("path", shown.clone(), "has no UTF-8 file name"))?
            .to_owned();
        let len = std::fs::metadata(path).map_err(read_error)?.len();
        if len > MAX_DOCUMENT_BYTES {
            return Err(too_large(len));
        }
        let bytes = std::fs::read(path).map_err(read_error)?;
        Ok(Self::from_bytes(filename, bytes))
    }

    /// An upload of the file the API fetches from `url`, under `filename`.
    pub fn from_url(url: impl Into<String>, filename: impl Into<String>) -> Self {
        CreateDocServiceDocumentRequest {
            url: Some(url.into()),
            filename: Some(filename.into()),
            ..Self::default()
        }
    }

    /// Sets the customer reference.
    pub fn customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.customer_reference = Some(reference.into());
        self
    }

    /// Sets the filename.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }
}

fn too_large(len: u64) -> Error {
    Error::invalid_input(
        "file",
        format!("{len} bytes"),
        format!("is larger than the API takes: at most {MAX_DOCUMENT_BYTES} bytes (20 MB)"),
    )
}

/// The length of what standard padded base64 `encoded` decodes to, or `None` when it is not
/// standard padded base64 (checked without decoding, so a large file costs no copy).
fn decoded_len(encoded: &str) -> Option<u64> {
    let bytes = encoded.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return None;
    }
    let body = &bytes[..bytes.len() - padding];
    if !body
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    {
        return None;
    }
    Some((bytes.len() / 4 * 3 - padding) as u64)
}

/// Checks a filename as the API documents it: 1 to 512 characters, printable (no control
/// characters: a line break or NUL would not survive a `Content-Disposition` header), not
/// only spaces (the API removes spaces, which would leave nothing).
fn validate_filename(filename: &str) -> Result<()> {
    let chars = filename.chars().count();
    if filename.trim().is_empty() {
        return Err(Error::invalid_input(
            "filename",
            filename,
            "must not be empty or only spaces",
        ));
    }
    if chars > MAX_FILENAME_CHARS {
        return Err(Error::invalid_input(
            "filename",
            format!("{}…", filename.chars().take(40).collect::<String>()),
            format!("is {chars} characters long; the API takes at most {MAX_FILENAME_CHARS}"),
        ));
    }
    if let Some(c) = filename.chars().find(|c| c.is_control()) {
        return Err(Error::invalid_input(
            "filename",
            filename.escape_debug().to_string(),
            format!(
                "holds the control character {:?}; the API takes printable characters only",
                c
            ),
        ));
    }
    Ok(())
}

impl Validate for CreateDocServiceDocumentRequest {
    /// Checks the upload: exactly one of `file` and `url`; `file` standard base64 of at most
    /// 20 MB; `url` absolute http(s); `filename`, when given, 1 to 512 printable characters.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `file`, `url` or `filename` (never holding the file's
    /// content, only its size).
    fn validate(&self) -> Result<()> {
        match (&self.file, &self.url) {
            (Some(_), Some(url)) => {
                return Err(Error::invalid_input(
                    "url",
                    url.as_str(),
                    "is given together with file: send exactly one of file and url",
                ));
            }
            (None, None) => {
                return Err(Error::invalid_input(
                    "file",
                    "",
                    "is missing, and so is url: send exactly one of file (base64) and url",
                ));
            }
            (Some(file), None) => match decoded_len(file) {
                None => {
                    return Err(Error::invalid_input(
                        "file",
                        format!("{} characters", file.len()),
                        "is not standard padded base64",
                    ));
                }
                Some(len) if len > MAX_DOCUMENT_BYTES => return Err(too_large(len)),
                Some(0) => {
                    return Err(Error::invalid_input("file", "", "is empty"));
                }
                Some(_) => {}
            },
            (None, Some(url)) => {
                let lower = url.to_ascii_lowercase();
                let rest = lower
                    .strip_prefix("https://")
                    .or_else(|| lower.strip_prefix("http://"));
                if rest.is_none_or(|rest| rest.is_empty() || rest.starts_with('/')) {
                    return Err(Error::invalid_input(
                        "url",
                        url.as_str(),
                        "is not an absolute http(s) URL",
                    ));
                }
            }
        }
        if let Some(filename) = &self.filename {
            validate_filename(filename)?;
        }
        Ok(())
    }
}

/// The body of `PATCH /documents/{id}` (UpdateDocument). The spec's body is the whole
/// `DocServiceDocument`, whose other fields are read-only; these two are what can change.
///
/// ```
/// use telnyx_porting::models::UpdateDocument;
///
/// let changes = UpdateDocument::new().filename("loa-2026.pdf");
/// assert_eq!(serde_json::to_string(&changes)?, r#"{"filename":"loa-2026.pdf"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateDocument {
    /// A new customer reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// A new filename.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

impl UpdateDocument {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a new customer reference.
    pub fn customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.customer_reference = Some(reference.into());
        self
    }

    /// Sets a new filename.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }
}

impl Validate for UpdateDocument {
    /// Checks the new filename, when given: 1 to 512 printable characters.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `filename`.
    fn validate(&self) -> Result<()> {
        match &self.filename {
            Some(filename) => validate_filename(filename),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: Result<()>) -> String {
        match result {
            Err(Error::InvalidInput(e)) => e.field.clone(),
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn decoded_len_matches_the_encoder() {
        for n in 0..20 {
            let encoded = STANDARD.encode(vec![7u8; n]);
            assert_eq!(decoded_len(&encoded), Some(n as u64), "{encoded}");
        }
        assert_eq!(decoded_len("abc"), None);
        assert_eq!(decoded_len("ab-_"), None);
        assert_eq!(decoded_len("a==="), None);
    }

    #[test]
    fn every_violation_names_its_field() {
        let ok = CreateDocServiceDocumentRequest::from_bytes("a.pdf", b"x");
        assert!(ok.validate().is_ok());
        let both = ok.clone().tap_url("https://example.com/a.pdf");
        assert_eq!(field(both.validate()), "url");
        assert_eq!(
            field(CreateDocServiceDocumentRequest::default().validate()),
            "file"
        );
        let bad_url = CreateDocServiceDocumentRequest::from_url("ftp://x/a.pdf", "a.pdf");
        assert_eq!(field(bad_url.validate()), "url");
        let long = ok.clone().filename("a".repeat(513));
        assert_eq!(field(long.validate()), "filename");
        assert!(ok.clone().filename("é".repeat(512)).validate().is_ok());
        assert_eq!(
            field(ok.clone().filename("a\nb.pdf").validate()),
            "filename"
        );
        assert_eq!(field(ok.clone().filename("  ").validate()), "filename");
        let mut not_b64 = ok.clone();
        not_b64.file = Some("!!!!".into());
        assert_eq!(field(not_b64.validate()), "file");
        assert_eq!(
            field(UpdateDocument::new().filename("").validate()),
            "filename"
        );
    }

    impl CreateDocServiceDocumentRequest {
        fn tap_url(mut self, url: &str) -> Self {
            self.url = Some(url.into());
            self
        }
    }
}
