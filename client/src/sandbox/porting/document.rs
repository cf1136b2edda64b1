//! Documents of the Documents API (`/documents`) as the sandbox stores them: the metadata
//! and, for an upload of `file`, the bytes (shared, so that a download copies them outside the
//! store's lock). An upload by `url` records the URL; nothing is fetched.

use std::sync::Arc;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use uuid::Uuid;

use super::order::Stamp;
use super::table::record;

/// The default for the most document bytes the sandbox holds at once, over all documents.
pub(crate) const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 100_000_000;

/// A document (`document`).
#[derive(Debug, Clone)]
pub(crate) struct StoredDocument {
    pub(crate) id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) updated_at: Stamp,
    pub(crate) filename: Box<str>,
    pub(crate) customer_reference: Option<Box<str>>,
    /// The bytes of an upload of `file`; empty for an upload by `url`.
    pub(crate) bytes: Arc<[u8]>,
    /// The URL of an upload by `url`, recorded only.
    pub(crate) url: Option<Box<str>>,
    /// The content type a multipart upload declared for the file, when the sandbox knows it:
    /// the document's content type when its filename's extension tells none.
    pub(crate) declared_type: Option<&'static str>,
}

record!(StoredDocument);

impl StoredDocument {
    /// The content type the download is served with: from the filename's extension, else
    /// the one the upload declared, else `application/octet-stream`.
    pub(crate) fn content_type(&self) -> &'static str {
        match (known_extension(&self.filename), self.declared_type) {
            (Some(known), _) | (None, Some(known)) => known,
            (None, None) => OCTET_STREAM,
        }
    }

    /// How many bytes the document holds in the sandbox.
    pub(crate) fn held(&self) -> u64 {
        self.bytes.len() as u64
    }
}

const OCTET_STREAM: &str = "application/octet-stream";

/// The content types the sandbox tells by extension (the Documents API's types: PDF, images,
/// text, CSV, JSON, Word, Excel).
const TYPES: &[(&[&str], &str)] = &[
    (&["pdf"], "application/pdf"),
    (&["png"], "image/png"),
    (&["jpg", "jpeg"], "image/jpeg"),
    (&["gif"], "image/gif"),
    (&["tif", "tiff"], "image/tiff"),
    (&["txt"], "text/plain"),
    (&["csv"], "text/csv"),
    (&["json"], "application/json"),
    (&["doc"], "application/msword"),
    (
        &["docx"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (&["xls"], "application/vnd.ms-excel"),
    (
        &["xlsx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
];

/// The content type `filename`'s extension tells, if the sandbox knows it.
fn known_extension(filename: &str) -> Option<&'static str> {
    let (_, extension) = filename.rsplit_once('.')?;
    TYPES
        .iter()
        .find(|(extensions, _)| extensions.iter().any(|e| e.eq_ignore_ascii_case(extension)))
        .map(|&(_, known)| known)
}

/// The sandbox's own copy of a declared content type (`application/pdf; charset=binary` →
/// `application/pdf`), if it is one it knows.
pub(crate) fn known_content_type(declared: &str) -> Option<&'static str> {
    let essence = declared.split(';').next().unwrap_or_default().trim();
    TYPES
        .iter()
        .map(|&(_, known)| known)
        .find(|known| known.eq_ignore_ascii_case(essence))
}

impl Serialize for StoredDocument {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Size {
            amount: u64,
            unit: &'static str,
        }
        let mut s = serializer.serialize_struct("DocServiceDocument", 10)?;
        s.serialize_field("av_scan_status", "scanned")?;
        s.serialize_field("content_type", self.content_type())?;
        s.serialize_field("created_at", &self.created_at)?;
        // The spec's `customer_reference` is a string, never null: absent when unset.
        match &self.customer_reference {
            Some(reference) => s.serialize_field("customer_reference", reference)?,
            None => s.skip_field("customer_reference")?,
        }
        s.serialize_field("filename", &self.filename)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("record_type", "document")?;
        s.serialize_field(
            "size",
            &Size {
                amount: self.held(),
                unit: "bytes",
            },
        )?;
        s.serialize_field("status", "pending")?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}

/// A link from a document to the porting order that names it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DocumentLink {
    pub(crate) created_at: Stamp,
    pub(crate) document_id: Uuid,
    pub(crate) id: Uuid,
    pub(crate) linked_record_type: &'static str,
    pub(crate) linked_resource_id: Uuid,
    pub(crate) record_type: &'static str,
    pub(crate) updated_at: Stamp,
}

impl DocumentLink {
    /// The link from `document` to `order`, whose id is derived from both (so that it stays the
    /// same from one listing to the next).
    pub(crate) fn new(document: Uuid, order: Uuid, created_at: Stamp, updated_at: Stamp) -> Self {
        let id = document.as_u128() ^ order.as_u128().rotate_left(64);
        DocumentLink {
            created_at,
            document_id: document,
            id: uuid::Builder::from_u128(id)
                .with_version(uuid::Version::Random)
                .into_uuid(),
            linked_record_type: "porting_order",
            linked_resource_id: order,
            record_type: "document_link",
            updated_at,
        }
    }
}
