//! Additional documents of a porting order (`/porting_orders/{id}/additional_documents`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;

open_enum! {
    /// The type of an additional document.
    pub enum AdditionalDocumentType {
        /// A letter of authorization.
        Loa => "loa",
        /// An invoice.
        Invoice => "invoice",
        /// A customer service record.
        Csr => "csr",
        /// Any other document.
        Other => "other",
    }
}

/// A document attached to a porting order (the spec's `PortingAdditionalDocument`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingAdditionalDocument {
    /// Uniquely identifies the additional document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The uploaded document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<Uuid>,
    /// The type of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<AdditionalDocumentType>,
    /// The file name of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The content type of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The porting order the document is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// When the resource was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the resource was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_additional_document`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{id}/additional_documents`: at most 100
/// documents to attach.
///
/// ```
/// use telnyx_porting::models::{AdditionalDocumentType, CreateAdditionalDocuments};
///
/// let doc = "22771a52-c43a-4539-80db-9dd9ec36e237".parse()?;
/// let body = CreateAdditionalDocuments::new().document(doc, AdditionalDocumentType::Loa);
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"additional_documents":[{"document_id":"22771a52-c43a-4539-80db-9dd9ec36e237","document_type":"loa"}]}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateAdditionalDocuments {
    /// The documents to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_documents: Option<Vec<AdditionalDocumentParams>>,
}

impl CreateAdditionalDocuments {
    /// An empty list; add documents with [`document`](Self::document).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the uploaded document `document_id` as a document of type `document_type`.
    pub fn document(mut self, document_id: Uuid, document_type: AdditionalDocumentType) -> Self {
        self.additional_documents
            .get_or_insert_with(Vec::new)
            .push(AdditionalDocumentParams::new(document_id, document_type));
        self
    }
}

/// One document to attach to a porting order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdditionalDocumentParams {
    /// The uploaded document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<Uuid>,
    /// The type of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<AdditionalDocumentType>,
}

impl AdditionalDocumentParams {
    /// The uploaded document `document_id`, of type `document_type`.
    pub fn new(document_id: Uuid, document_type: AdditionalDocumentType) -> Self {
        AdditionalDocumentParams {
            document_id: Some(document_id),
            document_type: Some(document_type),
        }
    }
}
