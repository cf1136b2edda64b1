//! Tests of the Documents API the sandbox serves (`/documents`, `/document_links`), over raw
//! TCP on 127.0.0.1.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::super::http::testing::*;
use super::Sandbox;

fn request(method: &str, target: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {target} HTTP/1.1\r\nHost: sandbox\r\n\
         Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn call(sandbox: &Sandbox, method: &str, target: &str, body: &Value) -> RawResponse {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    roundtrip(sandbox.local_addr(), &request(method, target, &body)).await
}

async fn upload(sandbox: &Sandbox, filename: &str, bytes: &[u8], reference: &str) -> Value {
    let body = json!({
        "file": STANDARD.encode(bytes),
        "filename": filename,
        "customer_reference": reference,
    });
    let r = call(sandbox, "POST", "/v2/documents", &body).await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()["data"].clone()
}

fn ids(listed: &Value) -> Vec<String> {
    listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["filename"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn upload_retrieve_download_update_delete() {
    let sandbox = Sandbox::start().await.unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let doc = upload(&sandbox, "loa.pdf", &bytes, "ref-1").await;
    assert_eq!(doc["record_type"], "document");
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["size"], json!({"amount": 3000, "unit": "bytes"}));
    let id = doc["id"].as_str().unwrap();

    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.json()["data"], doc);

    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}/download"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert_eq!(r.body, bytes);

    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}/download_link"),
        &Value::Null,
    )
    .await;
    assert_eq!(
        r.json()["data"]["url"],
        format!("http://sandbox/v2/documents/{id}/download")
    );

    let patch = json!({"filename": "blob", "customer_reference": null});
    let r = call(&sandbox, "PATCH", &format!("/v2/documents/{id}"), &patch).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["filename"], "blob");
    assert_eq!(r.json()["data"]["customer_reference"], Value::Null);
    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}/download"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));

    let r = call(
        &sandbox,
        "DELETE",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["errors"][0]["code"], "10005");
}

#[tokio::test]
async fn uploads_are_checked() {
    let sandbox = Sandbox::start().await.unwrap();
    let cases = [
        (json!({"filename": "x.pdf"}), "/file"),
        (
            json!({"file": "AAAA", "url": "https://example.com/x.pdf"}),
            "/url",
        ),
        (json!({"file": "not base64!"}), "/file"),
        (json!({"url": "ftp://example.com/x.pdf"}), "/url"),
        (json!({"file": 7}), "/file"),
    ];
    for (body, pointer) in cases {
        let r = call(&sandbox, "POST", "/v2/documents", &body).await;
        assert_eq!(r.status, 422, "{body}");
        assert_eq!(
            r.json()["errors"][0]["source"]["pointer"],
            pointer,
            "{body}"
        );
    }
    let r = call(&sandbox, "GET", "/v2/documents", &Value::Null).await;
    assert_eq!(r.json()["meta"]["total_results"], 0);

    // A URL is recorded, not fetched; its link is the URL.
    let body = json!({"url": "https://example.com/files/bill.pdf"});
    let r = call(&sandbox, "POST", "/v2/documents", &body).await;
    assert_eq!(r.status, 200);
    let doc = r.json()["data"].clone();
    assert_eq!(doc["filename"], "bill.pdf");
    let id = doc["id"].as_str().unwrap();
    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}/download_link"),
        &Value::Null,
    )
    .await;
    assert_eq!(
        r.json()["data"]["url"],
        "https://example.com/files/bill.pdf"
    );
}

#[tokio::test]
async fn lists_filter_sort_and_page() {
    let sandbox = Sandbox::start().await.unwrap();
    upload(&sandbox, "b-invoice.pdf", b"1", "R1").await;
    upload(&sandbox, "a-loa.pdf", b"2", "R2").await;
    upload(&sandbox, "c-invoice.png", b"3", "R3").await;

    let list = |q: &str| {
        let target = format!("/v2/documents{q}");
        let sandbox = &sandbox;
        async move { call(sandbox, "GET", &target, &Value::Null).await }
    };
    let r = list("").await;
    assert_eq!(
        ids(&r.json()),
        ["b-invoice.pdf", "a-loa.pdf", "c-invoice.png"]
    );
    let r = list("?sort=filename").await;
    assert_eq!(
        ids(&r.json()),
        ["a-loa.pdf", "b-invoice.pdf", "c-invoice.png"]
    );
    let r = list("?sort[]=-filename").await;
    assert_eq!(
        ids(&r.json()),
        ["c-invoice.png", "b-invoice.pdf", "a-loa.pdf"]
    );
    let r = list("?filter[filename][contains]=invoice&sort=-created_at").await;
    assert_eq!(ids(&r.json()), ["c-invoice.png", "b-invoice.pdf"]);
    let r = list("?filter[customer_reference][eq]=R2").await;
    assert_eq!(ids(&r.json()), ["a-loa.pdf"]);
    let r = list("?filter[customer_reference][in]=R1,R3").await;
    assert_eq!(ids(&r.json()), ["b-invoice.pdf", "c-invoice.png"]);
    let r = list("?filter[created_at][lt]=2000-01-01T00:00:00Z").await;
    assert_eq!(r.json()["meta"]["total_results"], 0);
    let r = list("?page[size]=2&page[number]=2").await;
    let listed = r.json();
    assert_eq!(ids(&listed), ["c-invoice.png"]);
    assert_eq!(
        listed["meta"],
        json!({"page_number": 2, "page_size": 2, "total_pages": 2, "total_results": 3})
    );
    let r = list("?sort=size").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["source"]["parameter"], "sort");
}

#[tokio::test]
async fn a_document_an_order_names_is_linked_and_cannot_be_deleted() {
    let sandbox = Sandbox::start().await.unwrap();
    let doc = upload(&sandbox, "loa.pdf", b"%PDF-1.7", "").await;
    let id = doc["id"].as_str().unwrap();
    let body = json!({"phone_numbers": ["+13035550000"]});
    let r = call(&sandbox, "POST", "/v2/porting_orders", &body).await;
    let order = r.json()["data"][0]["id"].as_str().unwrap().to_owned();
    let patch = json!({"documents": {"loa": id}});
    let r = call(
        &sandbox,
        "PATCH",
        &format!("/v2/porting_orders/{order}"),
        &patch,
    )
    .await;
    assert_eq!(r.status, 200);

    let r = call(
        &sandbox,
        "DELETE",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 422);
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains(&order), "{detail}");
    let r = call(
        &sandbox,
        "GET",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 200);

    let target = format!("/v2/document_links?filter[linked_resource_id]={order}");
    let r = call(&sandbox, "GET", &target, &Value::Null).await;
    let links = r.json();
    assert_eq!(links["meta"]["total_results"], 1);
    assert_eq!(links["data"][0]["document_id"], id);
    assert_eq!(links["data"][0]["linked_record_type"], "porting_order");
    assert_eq!(links["data"][0]["record_type"], "document_link");
    let r = call(
        &sandbox,
        "GET",
        "/v2/document_links?filter[linked_record_type]=x",
        &Value::Null,
    )
    .await;
    assert_eq!(r.json()["meta"]["total_results"], 0);

    // Once the order names another document, the first can go.
    let other = upload(&sandbox, "loa2.pdf", b"%PDF-1.7", "").await;
    let patch = json!({"documents": {"loa": other["id"]}});
    let r = call(
        &sandbox,
        "PATCH",
        &format!("/v2/porting_orders/{order}"),
        &patch,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = call(
        &sandbox,
        "DELETE",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn max_document_bytes_caps_what_is_held() {
    let sandbox = Sandbox::builder()
        .max_document_bytes(10)
        .start()
        .await
        .unwrap();
    let first = upload(&sandbox, "a", b"123456", "").await;
    let body = json!({"file": STANDARD.encode(b"12345"), "filename": "b"});
    let r = call(&sandbox, "POST", "/v2/documents", &body).await;
    assert_eq!(r.status, 422);
    let detail = r.json()["errors"][0]["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("max_document_bytes"), "{detail}");
    // Deleting makes room.
    let id = first["id"].as_str().unwrap();
    let r = call(
        &sandbox,
        "DELETE",
        &format!("/v2/documents/{id}"),
        &Value::Null,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = call(&sandbox, "POST", "/v2/documents", &body).await;
    assert_eq!(r.status, 200);
}

#[test]
fn the_default_body_cap_admits_a_20_mb_upload() {
    let cap = Sandbox::builder().body_cap();
    let json = 20_000_000usize.div_ceil(3) * 4 + 200;
    assert!(cap >= json, "{cap}");
    assert_eq!(Sandbox::builder().max_body_bytes(64).body_cap(), 64);
    // A small document ceiling keeps the old 16 MiB floor.
    assert_eq!(
        Sandbox::builder().max_document_bytes(10).body_cap(),
        16 * 1024 * 1024
    );
}
