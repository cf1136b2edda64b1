//! The Documents API (`client.documents()`): one test per operation of the documents subset
//! spec (8), each checking the exact request the loopback `MockServer` received and the typed
//! values decoded from its answer; every upload validation failure (nothing sent); a 1 MB
//! binary round trip through upload and download, byte-identical.

use base64::Engine as _;
use telnyx_porting::models::*;
use telnyx_porting::prelude::*;
use telnyx_porting::{Error, Validate};
use telnyx_porting_tests::{MockResponse, at, call, check, check_accept, json, mock, uuid};

const DOC: &str = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";
const ORDER: &str = "132091b4-442b-4a2a-b87f-61e707e46d54";
const LINK: &str = "f24151b6-3389-41d3-8747-7dd8c681e5e2";

const DOCUMENT: &str = r#"{
    "id": "6a09cdc3-8948-47f0-aa62-74ac943d6c58",
    "record_type": "document",
    "created_at": "2018-02-02T22:25:27.521Z",
    "updated_at": "2018-02-02T22:25:27.521Z",
    "av_scan_status": "scanned",
    "content_type": "application/pdf",
    "customer_reference": "MY REF 001",
    "filename": "test-document.pdf",
    "sha256": "08a96c641c3a74e44eb59afb61a24f2cb9f4d7188748e76ba4bb5edfa3cb7d1c",
    "size": {"amount": 123456, "unit": "bytes"},
    "status": "pending"
}"#;

const LINK_JSON: &str = r#"{
    "id": "f24151b6-3389-41d3-8747-7dd8c681e5e2",
    "record_type": "document_link",
    "created_at": "2018-02-02T22:25:27.521Z",
    "updated_at": "2018-02-02T22:25:27.521Z",
    "document_id": "6a09cdc3-8948-47f0-aa62-74ac943d6c58",
    "linked_record_type": "porting_order",
    "linked_resource_id": "132091b4-442b-4a2a-b87f-61e707e46d54"
}"#;

fn data(item: &str) -> MockResponse {
    MockResponse::json(200, &json(&format!(r#"{{"data":{item}}}"#)))
}

fn page(items: &str, number: u64, total_pages: u64) -> MockResponse {
    MockResponse::json(
        200,
        &json(&format!(
            r#"{{"data":[{items}],"meta":{{"page_number":{number},"page_size":1,"total_pages":{total_pages},"total_results":{total_pages}}}}}"#
        )),
    )
}

#[track_caller]
fn assert_document(doc: &DocServiceDocument) {
    assert_eq!(doc.id, Some(uuid(DOC)));
    assert_eq!(doc.record_type.as_deref(), Some("document"));
    assert_eq!(doc.created_at.as_deref(), Some("2018-02-02T22:25:27.521Z"));
    assert_eq!(doc.av_scan_status, Some(DocumentAvScanStatus::Scanned));
    assert_eq!(doc.status, Some(DocumentStatus::Pending));
    assert_eq!(doc.filename.as_deref(), Some("test-document.pdf"));
    assert_eq!(doc.customer_reference.as_deref(), Some("MY REF 001"));
    assert_eq!(doc.content_type.as_deref(), Some("application/pdf"));
    let size = doc.size.as_ref().expect("size");
    assert_eq!(
        (size.amount, size.unit.as_deref()),
        (Some(123456), Some("bytes"))
    );
}

// ---------------------------------------------------------------------------------------------
// One test per operation.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_document() {
    let (created, request) = call(data(DOCUMENT), |c| async move {
        let body = CreateDocServiceDocumentRequest::from_bytes(
            "test-document.pdf",
            b"example of encoded content",
        )
        .customer_reference("MY REF 001");
        c.documents().upload(&body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/documents",
        None,
        Some(
            r#"{"customer_reference":"MY REF 001","file":"ZXhhbXBsZSBvZiBlbmNvZGVkIGNvbnRlbnQ=","filename":"test-document.pdf"}"#,
        ),
    );
    assert_document(&created.data);

    // By URL: the API fetches the file.
    let (_, request) = call(data(DOCUMENT), |c| async move {
        let body = CreateDocServiceDocumentRequest::from_url(
            "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf",
            "dummy.pdf",
        );
        c.documents().upload(&body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/documents",
        None,
        Some(
            r#"{"filename":"dummy.pdf","url":"https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf"}"#,
        ),
    );
}

#[tokio::test]
async fn list_documents() {
    let (docs, request) = call(page(DOCUMENT, 2, 3), |c| async move {
        let query = ListDocumentsQuery::new()
            .page(2, 1)
            .filter_filename_contains("invoice")
            .filter_customer_reference("MY REF 001")
            .filter_customer_reference_in(["REF001", "REF002"])
            .filter_created_at(
                DatetimeRangeExclusive::new()
                    .gt(at("2021-01-01T00:00:00Z"))
                    .lt(at("2021-04-09T22:25:27.521Z")),
            )
            .sort([DocumentsSort::FilenameDesc, DocumentsSort::CreatedAt]);
        c.documents().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/documents",
        Some(
            "page%5Bnumber%5D=2&page%5Bsize%5D=1\
             &filter%5Bfilename%5D%5Bcontains%5D=invoice\
             &filter%5Bcustomer_reference%5D%5Beq%5D=MY%20REF%20001\
             &filter%5Bcustomer_reference%5D%5Bin%5D=REF001%2CREF002\
             &filter%5Bcreated_at%5D%5Bgt%5D=2021-01-01T00%3A00%3A00Z\
             &filter%5Bcreated_at%5D%5Blt%5D=2021-04-09T22%3A25%3A27.521Z\
             &sort=-filename%2Ccreated_at",
        ),
        None,
    );
    assert_eq!(docs.len(), 1);
    assert_document(&docs[0]);
    let meta = docs.meta.as_ref().expect("meta");
    assert_eq!((meta.page_number, meta.total_pages), (Some(2), Some(3)));

    // An unknown sort value goes out as given.
    let (_, request) = call(page(DOCUMENT, 1, 1), |c| async move {
        let query = ListDocumentsQuery::new().sort(["size"]);
        c.documents().list(&query).await
    })
    .await;
    check(&request, "GET", "/v2/documents", Some("sort=size"), None);
}

#[tokio::test]
async fn list_documents_all_walks_every_page() {
    let (server, client) = mock().await;
    server.enqueue(page(DOCUMENT, 1, 2));
    server.enqueue(page(DOCUMENT, 2, 2));
    let query = ListDocumentsQuery::new().page_size(1);
    let all = client
        .documents()
        .list_all(&query)
        .collect_all()
        .await
        .expect("all pages");
    assert_eq!(all.len(), 2);
    let queries: Vec<_> = server.requests().into_iter().map(|r| r.query).collect();
    assert_eq!(
        queries,
        [
            Some("page%5Bnumber%5D=1&page%5Bsize%5D=1".to_owned()),
            Some("page%5Bnumber%5D=2&page%5Bsize%5D=1".to_owned()),
        ]
    );
}

#[tokio::test]
async fn retrieve_document() {
    let (doc, request) = call(data(DOCUMENT), |c| async move {
        c.documents().retrieve(uuid(DOC)).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/documents/6a09cdc3-8948-47f0-aa62-74ac943d6c58",
        None,
        None,
    );
    assert_document(&doc.data);
}

#[tokio::test]
async fn update_document() {
    let (doc, request) = call(data(DOCUMENT), |c| async move {
        let changes = UpdateDocument::new()
            .filename("test-document.pdf")
            .customer_reference("MY REF 001");
        c.documents().update(uuid(DOC), &changes).await
    })
    .await;
    check(
        &request,
        "PATCH",
        "/v2/documents/6a09cdc3-8948-47f0-aa62-74ac943d6c58",
        None,
        Some(r#"{"customer_reference":"MY REF 001","filename":"test-document.pdf"}"#),
    );
    assert_document(&doc.data);
}

#[tokio::test]
async fn delete_document() {
    let (doc, request) = call(data(DOCUMENT), |c| async move {
        c.documents().delete(uuid(DOC)).await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/documents/6a09cdc3-8948-47f0-aa62-74ac943d6c58",
        None,
        None,
    );
    assert_document(&doc.data);
}

#[tokio::test]
async fn download_document() {
    let pdf = b"%PDF-1.4\n%%EOF\n";
    let (binary, request) = call(
        MockResponse::new(200).body("application/pdf", pdf.to_vec()),
        |c| async move { c.documents().download(uuid(DOC)).await },
    )
    .await;
    check_accept(
        &request,
        "*/*",
        "GET",
        "/v2/documents/6a09cdc3-8948-47f0-aa62-74ac943d6c58/download",
        None,
        None,
    );
    assert_eq!(&binary[..], pdf);
    assert_eq!(binary.content_type(), Some("application/pdf"));
}

#[tokio::test]
async fn get_document_download_link() {
    let url = "https://s3.amazonaws.com/bucket/path/to/document?X-Amz-Algorithm=AWS4-HMAC-SHA256";
    let (link, request) = call(data(&format!(r#"{{"url":"{url}"}}"#)), |c| async move {
        c.documents().download_link(uuid(DOC)).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/documents/6a09cdc3-8948-47f0-aa62-74ac943d6c58/download_link",
        None,
        None,
    );
    assert_eq!(link.data.url.as_deref(), Some(url));
}

#[tokio::test]
async fn list_document_links() {
    let (links, request) = call(page(LINK_JSON, 1, 1), |c| async move {
        let query = ListDocumentLinksQuery::new().page(1, 1).filter(
            DocumentLinksFilter::new()
                .linked_record_type("porting_order")
                .linked_resource_id(uuid(ORDER)),
        );
        c.documents().list_links(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/document_links",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=1\
             &filter%5Blinked_record_type%5D=porting_order\
             &filter%5Blinked_resource_id%5D=132091b4-442b-4a2a-b87f-61e707e46d54",
        ),
        None,
    );
    let link = &links[0];
    assert_eq!(link.id, Some(uuid(LINK)));
    assert_eq!(link.document_id, Some(uuid(DOC)));
    assert_eq!(link.linked_record_type.as_deref(), Some("porting_order"));
    assert_eq!(link.linked_resource_id.as_deref(), Some(ORDER));
    assert_eq!(link.created_at.as_deref(), Some("2018-02-02T22:25:27.521Z"));

    // `list_links_all` walks the pages.
    let (server, client) = mock().await;
    server.enqueue(page(LINK_JSON, 1, 1));
    let all = client
        .documents()
        .list_links_all(&ListDocumentLinksQuery::new())
        .collect_all()
        .await
        .expect("all links");
    assert_eq!(all.len(), 1);
    assert_eq!(server.received(), 1);
}

/// Unknown enum values and fields the spec does not list decode, and re-encode unchanged.
#[tokio::test]
async fn a_document_with_new_values_decodes_and_reencodes() {
    let text = r#"{"av_scan_status":"quarantined","status":"under_review","id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58"}"#;
    let (doc, _) = call(data(text), |c| async move {
        c.documents().retrieve(uuid(DOC)).await
    })
    .await;
    assert_eq!(
        doc.data.av_scan_status,
        Some(DocumentAvScanStatus::from("quarantined"))
    );
    assert!(doc.data.status.as_ref().is_some_and(|s| s.is_unknown()));
    assert_eq!(
        serde_json::to_value(&doc.data).expect("encodes"),
        json(
            r#"{"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","av_scan_status":"quarantined","status":"under_review"}"#
        )
    );
}

// ---------------------------------------------------------------------------------------------
// The convenience uploads and the 1 MB round trip.
// ---------------------------------------------------------------------------------------------

/// 1 MiB of every byte value, so any re-encoding (text, line endings) would show.
fn megabyte() -> Vec<u8> {
    (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

#[tokio::test]
async fn a_megabyte_round_trips_byte_identical_through_upload_and_download() {
    let bytes = megabyte();
    let (server, client) = mock().await;
    server.enqueue(data(DOCUMENT));
    let uploaded = client
        .documents()
        .upload_bytes("blob.bin", &bytes)
        .await
        .expect("upload");
    let id = uploaded.data.id.expect("id");

    // What went up decodes to the bytes; the mock answers the download with what it received.
    let sent = server.requests().remove(0);
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("JSON body");
    assert_eq!(body["filename"], "blob.bin");
    let file = body["file"].as_str().expect("file");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(file)
        .expect("standard base64");
    assert_eq!(decoded, bytes);

    server.enqueue(MockResponse::new(200).body("application/octet-stream", decoded));
    let downloaded = client.documents().download(id).await.expect("download");
    assert_eq!(downloaded.len(), bytes.len());
    assert!(
        downloaded[..] == bytes[..],
        "the download differs from the upload"
    );
    assert_eq!(downloaded.content_type(), Some("application/octet-stream"));
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn upload_path_reads_the_file_and_names_it() {
    let dir = std::env::temp_dir().join(format!("telnyx-porting-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("loa.pdf");
    std::fs::write(&path, b"%PDF-1.7").expect("write");
    let (_, request) = call(data(DOCUMENT), |c| {
        let path = path.clone();
        async move { c.documents().upload_path(&path).await }
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/documents",
        None,
        Some(r#"{"file":"JVBERi0xLjc=","filename":"loa.pdf"}"#),
    );

    // A path that cannot be read sends nothing and names `path`.
    let (server, client) = mock().await;
    let missing = dir.join("missing.pdf");
    match client.documents().upload_path(&missing).await {
        Err(Error::InvalidInput(e)) => assert_eq!(e.field, "path"),
        other => panic!("expected InvalidInput on path, got {other:?}"),
    }
    assert_eq!(server.received(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Every validation failure: an `InvalidInput` naming the field, and nothing sent.
// ---------------------------------------------------------------------------------------------

async fn refused(body: CreateDocServiceDocumentRequest) -> (String, String) {
    let (server, client) = mock().await;
    let result = client.documents().upload(&body).await;
    assert_eq!(server.received(), 0, "a refused upload reached the server");
    match result {
        Err(Error::InvalidInput(e)) => (e.field.clone(), e.reason.clone()),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn neither_file_nor_url_is_refused() {
    let (field, reason) =
        refused(CreateDocServiceDocumentRequest::default().filename("a.pdf")).await;
    assert_eq!(field, "file");
    assert!(reason.contains("exactly one of file"), "{reason}");
}

#[tokio::test]
async fn both_file_and_url_are_refused() {
    let mut body = CreateDocServiceDocumentRequest::from_bytes("a.pdf", b"x");
    body.url = Some("https://example.com/a.pdf".into());
    let (field, reason) = refused(body).await;
    assert_eq!(field, "url");
    assert!(reason.contains("exactly one of file and url"), "{reason}");
}

#[tokio::test]
async fn a_file_over_20_mb_is_refused_and_20_mb_is_not() {
    // 20,000,001 bytes, as base64 built without allocating the file itself.
    let over = MAX_DOCUMENT_BYTES + 1;
    let mut file = "A".repeat((over as usize).div_ceil(3) * 4);
    let padding = (3 - over % 3) % 3;
    file.replace_range(
        file.len() - padding as usize..,
        &"=".repeat(padding as usize),
    );
    let mut body = CreateDocServiceDocumentRequest::from_bytes("big.pdf", b"");
    body.file = Some(file);
    let (field, reason) = refused(body).await;
    assert_eq!(field, "file");
    assert!(reason.contains("20000000 bytes"), "{reason}");

    let exact = CreateDocServiceDocumentRequest::from_bytes(
        "big.pdf",
        vec![0u8; MAX_DOCUMENT_BYTES as usize],
    );
    assert!(exact.validate().is_ok());
}

#[tokio::test]
async fn a_file_that_is_not_base64_or_is_empty_is_refused() {
    let mut body = CreateDocServiceDocumentRequest::from_bytes("a.pdf", b"x");
    body.file = Some("not base64!".into());
    assert_eq!(refused(body).await.0, "file");
    let empty = CreateDocServiceDocumentRequest::from_bytes("a.pdf", b"");
    assert_eq!(refused(empty).await.0, "file");
}

#[tokio::test]
async fn a_url_that_is_not_absolute_http_is_refused() {
    for url in [
        "ftp://example.com/a.pdf",
        "example.com/a.pdf",
        "https://",
        "https:///a.pdf",
    ] {
        let (field, _) = refused(CreateDocServiceDocumentRequest::from_url(url, "a.pdf")).await;
        assert_eq!(field, "url", "{url}");
    }
}

#[tokio::test]
async fn filenames_the_api_refuses_are_refused() {
    let long = "a".repeat(MAX_FILENAME_CHARS + 1);
    for name in [
        "",
        "   ",
        "a\nb.pdf",
        "a\u{0}.pdf",
        "tab\t.pdf",
        long.as_str(),
    ] {
        let body = CreateDocServiceDocumentRequest::from_bytes(name, b"x");
        let (field, _) = refused(body).await;
        assert_eq!(field, "filename", "{name:?}");
    }
    // 512 characters (not bytes), spaces and non-ASCII are fine.
    let ok = "é".repeat(MAX_FILENAME_CHARS);
    assert!(
        CreateDocServiceDocumentRequest::from_bytes(ok, b"x")
            .validate()
            .is_ok()
    );
    assert!(
        CreateDocServiceDocumentRequest::from_bytes("Bill – März 2026.pdf", b"x")
            .validate()
            .is_ok()
    );
}

#[tokio::test]
async fn update_refuses_a_bad_filename_before_sending() {
    let (server, client) = mock().await;
    let result = client
        .documents()
        .update(uuid(DOC), &UpdateDocument::new().filename("a\r\nb"))
        .await;
    assert_eq!(server.received(), 0);
    match result {
        Err(Error::InvalidInput(e)) => assert_eq!(e.field, "filename"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}
