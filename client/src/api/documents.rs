//! `/documents` and `/document_links`: the Documents API, where the LOA and the invoice of a
//! porting order are uploaded before the order names them (`documents.loa`,
//! `documents.invoice`).

use std::future::Future;
use std::path::Path;

use uuid::Uuid;

use super::handle;
use crate::models::{
    CreateDocServiceDocumentRequest, Data, DocServiceDocument, DocServiceDocumentLink,
    DocumentDownloadLink, ListDocumentLinksQuery, ListDocumentsQuery, Page, UpdateDocument,
};
use crate::{ApiClient, Binary, Result, endpoint};

/// Documents: upload, list, read, rename, delete and download them, and list their links.
///
/// An uploaded document must be linked to a service (a porting order's `documents.loa`, say)
/// within 30 minutes, or the API deletes it; a linked document cannot be deleted.
///
/// ```no_run
/// use telnyx_porting::prelude::*;
///
/// # async fn run(order: telnyx_porting::models::PortingOrderId) -> telnyx_porting::Result<()> {
/// let client = telnyx_porting::Client::from_env()?;
/// let loa = client.documents().upload_path("loa.pdf").await?;
/// println!("uploaded {:?} ({:?})", loa.data.id, loa.data.filename);
/// let pdf = client.documents().download(loa.data.id.unwrap()).await?;
/// assert!(pdf.starts_with(b"%PDF"));
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent (an upload with both or neither of `file` and `url`, a file over 20 MB, a filename
/// the API refuses), `Api` for an answer outside `2xx`, `Timeout`, `Connection`,
/// `BodyTooLarge`, `Decode` for a `2xx` body that does not decode, `Config`.
pub trait Documents: ApiClient {
    /// Uploads a document (`POST /documents`), as JSON: the file in base64 or a URL the API
    /// fetches it from. The upload is checked first (see
    /// [`CreateDocServiceDocumentRequest`]'s [`Validate`](crate::Validate) impl).
    /// [`upload_path`](Self::upload_path) and [`upload_bytes`](Self::upload_bytes) build the
    /// body for you.
    #[endpoint(POST, "/documents")]
    async fn upload(
        &self,
        #[body] document: &CreateDocServiceDocumentRequest,
    ) -> Result<Data<DocServiceDocument>>;

    /// Lists documents, one page, newest first unless sorted otherwise (`GET /documents`).
    #[endpoint(GET, "/documents", paginate)]
    async fn list(&self, #[query] query: &ListDocumentsQuery) -> Result<Page<DocServiceDocument>>;

    /// Retrieves one document's metadata (`GET /documents/{id}`).
    #[endpoint(GET, "/documents/{id}")]
    async fn retrieve(&self, id: Uuid) -> Result<Data<DocServiceDocument>>;

    /// Changes a document's filename or customer reference (`PATCH /documents/{id}`).
    #[endpoint(PATCH, "/documents/{id}")]
    async fn update(
        &self,
        id: Uuid,
        #[body] changes: &UpdateDocument,
    ) -> Result<Data<DocServiceDocument>>;

    /// Deletes a document that is linked to nothing (`DELETE /documents/{id}`); the answer
    /// is the deleted document.
    #[endpoint(DELETE, "/documents/{id}")]
    async fn delete(&self, id: Uuid) -> Result<Data<DocServiceDocument>>;

    /// Downloads the document's content, byte for byte (`GET /documents/{id}/download`). The
    /// spec allows any content type, so this asks for `*/*`;
    /// [`Binary::content_type`] tells what came.
    #[endpoint(GET, "/documents/{id}/download", accept = "*/*")]
    async fn download(&self, id: Uuid) -> Result<Binary>;

    /// A temporary pre-signed URL that downloads the document without authentication
    /// (`GET /documents/{id}/download_link`).
    #[endpoint(GET, "/documents/{id}/download_link")]
    async fn download_link(&self, id: Uuid) -> Result<Data<DocumentDownloadLink>>;

    /// Lists the links between documents and the resources that use them, one page, newest
    /// first (`GET /document_links`).
    #[endpoint(GET, "/document_links", paginate)]
    async fn list_links(
        &self,
        #[query] query: &ListDocumentLinksQuery,
    ) -> Result<Page<DocServiceDocumentLink>>;

    /// Uploads `bytes` under `filename` (`POST /documents`): base64-encodes them and calls
    /// [`upload`](Self::upload), which checks the size and the filename first.
    fn upload_bytes(
        &self,
        filename: impl Into<String>,
        bytes: impl AsRef<[u8]>,
    ) -> impl Future<Output = Result<Data<DocServiceDocument>>> + Send {
        let document = CreateDocServiceDocumentRequest::from_bytes(filename, bytes);
        async move { self.upload(&document).await }
    }

    /// Uploads the file at `path` under its file name (`POST /documents`). The file is read
    /// when this is called (synchronously, at most 20 MB: see
    /// [`CreateDocServiceDocumentRequest::from_path`]); a file that cannot be read is an
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming `path`, and nothing is sent.
    fn upload_path(
        &self,
        path: impl AsRef<Path>,
    ) -> impl Future<Output = Result<Data<DocServiceDocument>>> + Send {
        let document = CreateDocServiceDocumentRequest::from_path(path);
        async move { self.upload(&document?).await }
    }
}

handle! {
    /// The handle [`Client::documents`](crate::Client::documents) returns; it implements
    /// [`Documents`].
    DocumentsApi: Documents
}
