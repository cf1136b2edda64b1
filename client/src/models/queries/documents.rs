//! The queries of `GET /documents` (ListDocuments) and `GET /document_links`
//! (ListDocumentLinks).

use serde::Serialize;
use uuid::Uuid;

use super::{DatetimeRangeExclusive, PageParams};
use crate::models::merge::{Merge, merge_fields};
use crate::models::open_enum::open_enum;
// `Error` is named only by the docs `list_query!` writes.
#[allow(unused_imports)]
use crate::Error;
use crate::{Result, Validate};

open_enum! {
    /// The sort orders of `GET /documents` (`sort`; a leading `-` is descending). When none
    /// is given, the API sorts by `created_at`, newest first.
    pub enum DocumentsSort {
        /// By filename, A to Z.
        Filename => "filename",
        /// By filename, Z to A.
        FilenameDesc => "-filename",
        /// Oldest first.
        CreatedAt => "created_at",
        /// Newest first (the API's default).
        CreatedAtDesc => "-created_at",
        /// Least recently changed first.
        UpdatedAt => "updated_at",
        /// Most recently changed first.
        UpdatedAtDesc => "-updated_at",
    }
}

/// The query of `GET /documents` (ListDocuments): a page of documents, filtered and sorted.
///
/// ```
/// use telnyx_porting::models::{DocumentsSort, ListDocumentsQuery};
///
/// let query = ListDocumentsQuery::new()
///     .filter_filename_contains("invoice")
///     .filter_customer_reference_in(["REF001", "REF002"])
///     .sort([DocumentsSort::FilenameDesc])
///     .page(1, 50);
/// # let _ = query;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListDocumentsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which documents (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<DocumentsFilter>,
    /// In which orders, first to last (`sort`, comma-joined; the spec's `sort[]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort: Vec<DocumentsSort>,
}

list_query!(ListDocumentsQuery, filter: DocumentsFilter);

impl ListDocumentsQuery {
    /// Adds sort orders (`sort`), after those set so far.
    pub fn sort<I>(mut self, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<DocumentsSort>,
    {
        self.sort
            .merge(values.into_iter().map(Into::into).collect());
        self
    }

    /// Documents whose filename contains `part` (`filter[filename][contains]`).
    pub fn filter_filename_contains(self, part: impl Into<String>) -> Self {
        self.filter(DocumentsFilter::new().filename(DocumentsFilenameFilter::new().contains(part)))
    }

    /// Documents with this customer reference (`filter[customer_reference][eq]`).
    pub fn filter_customer_reference(self, reference: impl Into<String>) -> Self {
        self.filter(
            DocumentsFilter::new()
                .customer_reference(DocumentsCustomerReferenceFilter::new().eq(reference)),
        )
    }

    /// Documents with any of these customer references (`filter[customer_reference][in]`,
    /// comma-joined; the spec's `filter[customer_reference][in][]`).
    pub fn filter_customer_reference_in<I>(self, references: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.filter(
            DocumentsFilter::new()
                .customer_reference(DocumentsCustomerReferenceFilter::new().r#in(references)),
        )
    }

    /// Documents created within `range` (`filter[created_at][gt]`, `[lt]`).
    pub fn filter_created_at(self, range: DatetimeRangeExclusive) -> Self {
        self.filter(DocumentsFilter::new().created_at(range))
    }
}

/// The filters of `GET /documents` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DocumentsFilter {
    /// On the filename (`filter[filename][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<DocumentsFilenameFilter>,
    /// On the customer reference (`filter[customer_reference][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<DocumentsCustomerReferenceFilter>,
    /// On the upload time (`filter[created_at][gt]`, `[lt]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DatetimeRangeExclusive>,
}

setters!(DocumentsFilter;
    opt filename: DocumentsFilenameFilter,
        customer_reference: DocumentsCustomerReferenceFilter,
        created_at: DatetimeRangeExclusive);

/// The filename filter of `GET /documents` (`filter[filename][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DocumentsFilenameFilter {
    /// Filenames containing this (`[contains]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
}

setters!(DocumentsFilenameFilter; opt contains: String);

/// The customer-reference filter of `GET /documents` (`filter[customer_reference][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DocumentsCustomerReferenceFilter {
    /// Exactly this reference (`[eq]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eq: Option<String>,
    /// Any of these references (`[in]`, comma-joined).
    #[serde(rename = "in", skip_serializing_if = "Vec::is_empty")]
    pub r#in: Vec<String>,
}

setters!(DocumentsCustomerReferenceFilter; opt eq: String; vec r#in: String);

/// The query of `GET /document_links` (ListDocumentLinks): a page of links between documents
/// and the resources that use them.
///
/// ```
/// use telnyx_porting::models::{DocumentLinksFilter, ListDocumentLinksQuery};
///
/// let order: telnyx_porting::uuid::Uuid = "6a09cdc3-8948-47f0-aa62-74ac943d6c58".parse()?;
/// let query = ListDocumentLinksQuery::new().filter(
///     DocumentLinksFilter::new().linked_record_type("porting_order").linked_resource_id(order),
/// );
/// # let _ = query;
/// # Ok::<(), telnyx_porting::uuid::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListDocumentLinksQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which links (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<DocumentLinksFilter>,
}

list_query!(ListDocumentLinksQuery, filter: DocumentLinksFilter);

/// The filters of `GET /document_links` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DocumentLinksFilter {
    /// Links to resources of this record type, such as `porting_order`
    /// (`filter[linked_record_type]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_record_type: Option<String>,
    /// Links to this resource (`filter[linked_resource_id]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_resource_id: Option<Uuid>,
}

setters!(DocumentLinksFilter; opt linked_record_type: String, linked_resource_id: Uuid);

new_filter!(
    DocumentsFilter,
    DocumentsFilenameFilter,
    DocumentsCustomerReferenceFilter,
    DocumentLinksFilter,
);

merge_fields! {
    DocumentsFilter { filename, customer_reference, created_at }
    DocumentsFilenameFilter { contains }
    DocumentsCustomerReferenceFilter { eq, r#in }
    DocumentLinksFilter { linked_record_type, linked_resource_id }
}
