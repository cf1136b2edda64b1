//! The sandbox's Documents API driven through `client.documents()`: a 1 MB file round-trips
//! byte-identical through upload and download; a document an order names cannot be deleted;
//! the sandbox's `max_document_bytes` cap.

use telnyx_porting::models::{
    CreatePortingOrder, ListDocumentLinksQuery, UpdatePortingOrder, UpdatePortingOrderDocuments,
};
use telnyx_porting::prelude::*;
use telnyx_porting_tests::Sandbox;

fn megabyte() -> Vec<u8> {
    (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

async fn start(sandbox: std::io::Result<Sandbox>) -> (Sandbox, telnyx_porting::Client) {
    let sandbox = sandbox.expect("the sandbox starts");
    let client = sandbox.client().expect("a client of the sandbox");
    (sandbox, client)
}

#[tokio::test]
async fn a_megabyte_round_trips_byte_identical_through_the_sandbox() {
    let (_sandbox, client) = start(Sandbox::start().await).await;
    let bytes = megabyte();
    let uploaded = client
        .documents()
        .upload_bytes("blob.bin", &bytes)
        .await
        .expect("upload");
    let id = uploaded.data.id.expect("id");
    let size = uploaded.data.size.as_ref().and_then(|s| s.amount);
    assert_eq!(size, Some(1024 * 1024));
    assert_eq!(uploaded.data.filename.as_deref(), Some("blob.bin"));

    let downloaded = client.documents().download(id).await.expect("download");
    assert_eq!(downloaded.content_type(), Some("application/octet-stream"));
    assert_eq!(downloaded.len(), bytes.len());
    assert!(downloaded[..] == bytes[..], "the download differs");

    let retrieved = client.documents().retrieve(id).await.expect("retrieve");
    assert_eq!(retrieved.data, uploaded.data);
}

#[tokio::test]
async fn a_document_an_order_names_cannot_be_deleted() {
    let (_sandbox, client) = start(Sandbox::start().await).await;
    let loa = client
        .documents()
        .upload_bytes("loa.pdf", b"%PDF-1.7 signed")
        .await
        .expect("upload")
        .data
        .id
        .expect("id");
    let created = client
        .porting_orders()
        .create(&CreatePortingOrder::new(["+13035550000"]))
        .await
        .expect("create");
    let order = created.data[0].id.expect("order id");
    let changes = UpdatePortingOrder::new().documents(UpdatePortingOrderDocuments::new().loa(loa));
    client
        .porting_orders()
        .update(order, &changes)
        .await
        .expect("update");

    let err = client
        .documents()
        .delete(loa)
        .await
        .expect_err("a linked document stays");
    assert!(err.is_unprocessable(), "{err:?}");
    let detail = err.api_errors()[0].detail.clone().unwrap_or_default();
    assert!(detail.contains("LOA"), "{detail}");
    client.documents().retrieve(loa).await.expect("still there");

    let links = client
        .documents()
        .list_links(&ListDocumentLinksQuery::default())
        .await
        .expect("links");
    assert_eq!(links.data.len(), 1);
    assert_eq!(links.data[0].document_id, Some(loa));
    assert_eq!(
        links.data[0].linked_resource_id.as_deref(),
        Some(order.to_string().as_str())
    );
}

#[tokio::test]
async fn uploads_beyond_max_document_bytes_are_refused() {
    let (_sandbox, client) = start(
        Sandbox::builder()
            .max_document_bytes(1024 * 1024 + 10)
            .start()
            .await,
    )
    .await;
    let first = client
        .documents()
        .upload_bytes("a.bin", megabyte())
        .await
        .expect("the first fits");
    let err = client
        .documents()
        .upload_bytes("b.bin", [0u8; 11])
        .await
        .expect_err("over the cap");
    assert!(err.is_unprocessable(), "{err:?}");
    let detail = err.api_errors()[0].detail.clone().unwrap_or_default();
    assert!(detail.contains("max_document_bytes"), "{detail}");
    client
        .documents()
        .delete(first.data.id.expect("id"))
        .await
        .expect("delete");
    client
        .documents()
        .upload_bytes("b.bin", [0u8; 11])
        .await
        .expect("room again");
}

#[tokio::test]
async fn the_default_body_cap_admits_a_20_mb_upload() {
    let (_sandbox, client) = start(Sandbox::start().await).await;
    let bytes = vec![0x5a_u8; 20_000_000];
    let uploaded = client
        .documents()
        .upload_bytes("scan.tiff", &bytes)
        .await
        .expect("a 20 MB file (about 27 MB of base64 JSON) is admitted");
    let id = uploaded.data.id.expect("id");
    let downloaded = client.documents().download(id).await.expect("download");
    assert_eq!(downloaded.content_type(), Some("image/tiff"));
    assert!(downloaded[..] == bytes[..], "the download differs");
}

#[tokio::test]
async fn an_order_cannot_name_a_document_never_uploaded() {
    let (_sandbox, client) = start(Sandbox::start().await).await;
    let created = client
        .porting_orders()
        .create(&CreatePortingOrder::new(["+13035550000"]))
        .await
        .expect("create");
    let order = created.data[0].id.expect("order id");
    let made_up = telnyx_porting::uuid::Uuid::from_u128(0x64ff_b720_04c7_455b_92d6_20fc_ca92_e935);
    let changes =
        UpdatePortingOrder::new().documents(UpdatePortingOrderDocuments::new().invoice(made_up));
    let err = client
        .porting_orders()
        .update(order, &changes)
        .await
        .expect_err("an unknown document");
    assert!(err.is_unprocessable(), "{err:?}");
    let pointer = err.api_errors()[0]
        .source
        .as_ref()
        .and_then(|s| s.pointer.clone());
    assert_eq!(pointer.as_deref(), Some("/documents/invoice"));
}
