//! Tests of the stateful routes, over raw TCP.

use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::super::http::testing::*;
use super::Sandbox;

/// One connection to a sandbox, sending authenticated requests.
pub(super) struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub(super) async fn open(sandbox: &Sandbox) -> Conn {
        Conn {
            stream: connect(sandbox.server.addr()).await,
            buf: Vec::new(),
        }
    }

    pub(super) async fn send(
        &mut self,
        method: &str,
        target: &str,
        body: Option<&Value>,
    ) -> RawResponse {
        let body = body.map(Value::to_string).unwrap_or_default();
        let request = format!(
            "{method} {target} HTTP/1.1\r\nHost: sandbox\r\n\
             Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.stream.write_all(request.as_bytes()).await.unwrap();
        read_response(&mut self.stream, &mut self.buf)
            .await
            .unwrap()
    }

    /// Sends and checks the status, returning the JSON body (null for an empty body).
    pub(super) async fn ok(
        &mut self,
        method: &str,
        target: &str,
        body: Option<Value>,
        status: u16,
    ) -> Value {
        let r = self.send(method, target, body.as_ref()).await;
        let text = String::from_utf8_lossy(&r.body).into_owned();
        assert_eq!(r.status, status, "{method} {target}: {text}");
        if r.body.is_empty() {
            Value::Null
        } else {
            r.json()
        }
    }

    /// Uploads a small PDF named `filename`; gives its document id.
    pub(super) async fn upload(&mut self, filename: &str) -> String {
        let upload = json!({ "file": "JVBERi0xLjc=", "filename": filename });
        let doc = self.ok("POST", "/v2/documents", Some(upload), 200).await;
        doc["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Fills in the draft `id` as a user would before confirming it: the LOA and invoice
    /// uploaded and attached, the end user, and a FOC date from the allowed windows.
    pub(super) async fn fill(&mut self, id: &str) {
        let loa = self.upload("loa.pdf").await;
        let invoice = self.upload("invoice.pdf").await;
        let foc = self.allowed_foc(id).await;
        let patch = json!({
            "documents": { "loa": loa, "invoice": invoice },
            "end_user": FULL_END_USER.clone(),
            "activation_settings": { "foc_datetime_requested": foc },
        });
        self.ok(
            "PATCH",
            &format!("/v2/porting_orders/{id}"),
            Some(patch),
            200,
        )
        .await;
    }

    /// A FOC date the order `id` may request: the start of its last allowed window (still
    /// allowed if the day turns before it is sent).
    pub(super) async fn allowed_foc(&mut self, id: &str) -> String {
        let windows = self
            .ok(
                "GET",
                &format!("/v2/porting_orders/{id}/allowed_foc_windows"),
                None,
                200,
            )
            .await;
        let windows = windows["data"].as_array().unwrap();
        windows.last().unwrap()["started_at"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub(super) async fn create(&mut self, numbers: &[&str], reference: &str) -> String {
        let body = json!({ "phone_numbers": numbers, "customer_reference": reference });
        let doc = self.ok("POST", "/v2/porting_orders", Some(body), 201).await;
        doc["data"][0]["id"].as_str().unwrap().to_owned()
    }
}

/// Every end-user field confirm needs.
static FULL_END_USER: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
    json!({
        "admin": {
            "entity_name": "Porter McPortersen", "auth_person_name": "Porter McPortersen II",
            "billing_phone_number": "+13035551234", "account_number": "123abc",
        },
        "location": {
            "street_address": "600 Congress Avenue", "locality": "Austin",
            "administrative_area": "TX", "postal_code": "78701", "country_code": "US",
        },
    })
});

#[tokio::test]
async fn lifecycle() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+13035550000"], "Acct 1").await;
    let path = format!("/v2/porting_orders/{id}");

    // The LOA must be an uploaded document.
    let upload = json!({ "file": "JVBERi0xLjc=", "filename": "loa.pdf" });
    let loa = c.ok("POST", "/v2/documents", Some(upload), 200).await;
    let loa = loa["data"]["id"].as_str().unwrap().to_owned();
    let made_up = json!({ "documents": { "loa": "64ffb720-04c7-455b-92d6-20fcca92e935" } });
    let refused = c.ok("PATCH", &path, Some(made_up), 422).await;
    assert_eq!(refused["errors"][0]["source"]["pointer"], "/documents/loa");

    let patch = json!({
        "end_user": { "admin": { "entity_name": "Porter McPortersen", "pin_passcode": "1234" },
                      "location": { "locality": "Austin" } },
        "documents": { "loa": loa },
    });
    let doc = c.ok("PATCH", &path, Some(patch), 200).await;
    assert_eq!(doc["data"]["documents"]["loa"], loa.as_str());
    assert_eq!(
        doc["data"]["end_user"]["admin"]["entity_name"],
        "Porter McPortersen"
    );
    assert_eq!(
        doc["data"]["end_user"]["admin"]["tax_identifier"],
        Value::Null
    );
    assert_eq!(doc["data"]["end_user"]["location"]["locality"], "Austin");
    assert_eq!(doc["data"]["documents"]["invoice"], Value::Null);
    assert_eq!(
        doc["meta"]["phone_numbers_url"],
        format!("/v2/porting_phone_numbers?filter[porting_order_id]={id}")
    );

    // Confirming the order as it is lists everything it still lacks.
    let doc = c
        .ok("POST", &format!("{path}/actions/confirm"), None, 422)
        .await;
    let pointers: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"]["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "/end_user/admin/auth_person_name",
            "/end_user/admin/billing_phone_number",
            "/end_user/admin/account_number",
            "/end_user/location/street_address",
            "/end_user/location/administrative_area",
            "/end_user/location/postal_code",
            "/end_user/location/country_code",
            "/documents/invoice",
            "/activation_settings/foc_datetime_requested",
        ]
    );
    assert!(
        doc["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["code"] == "10004")
    );
    assert_eq!(
        c.ok("GET", &path, None, 200).await["data"]["status"]["value"],
        "draft"
    );

    c.fill(&id).await;
    let doc = c
        .ok("POST", &format!("{path}/actions/confirm"), None, 200)
        .await;
    assert_eq!(doc["data"]["status"]["value"], "in-process");
    assert_eq!(doc["data"]["requirements_met"], true);
    assert_eq!(
        doc["data"]["phone_numbers"][0]["porting_order_status"],
        "in-process"
    );
    assert!(doc["data"]["support_key"].is_string());
    // Confirming twice is refused.
    let doc = c
        .ok("POST", &format!("{path}/actions/confirm"), None, 422)
        .await;
    assert_eq!(doc["errors"][0]["code"], "10015");

    let comment = json!({ "body": "Please, let me know when the port completes" });
    let doc = c
        .ok("POST", &format!("{path}/comments"), Some(comment), 201)
        .await;
    assert_eq!(doc["data"]["porting_order_id"], id.as_str());
    assert_eq!(doc["data"]["record_type"], "porting_comment");
    let doc = c.ok("GET", &format!("{path}/comments"), None, 200).await;
    assert_eq!(doc["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        doc["data"][0]["body"],
        "Please, let me know when the port completes"
    );
    assert_eq!(doc["meta"]["total_results"], 1);

    let doc = c
        .ok("POST", &format!("{path}/actions/cancel"), None, 200)
        .await;
    assert_eq!(doc["data"]["status"]["value"], "cancel-pending");
    c.ok("POST", &format!("{path}/actions/cancel"), None, 422)
        .await;

    let doc = c.ok("DELETE", &path, None, 422).await;
    assert!(
        doc["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("draft")
    );
    let doc = c.ok("GET", &path, None, 200).await;
    assert_eq!(doc["data"]["status"]["value"], "cancel-pending");

    // Two status changes were recorded as events (beside the comment's).
    let doc = c
        .ok(
            "GET",
            &format!("/v2/porting/events?filter%5Bporting_order_id%5D={id}"),
            None,
            200,
        )
        .await;
    let kinds: Vec<&Value> = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == "porting_order.status_changed")
        .map(|e| &e["payload"]["status"]["value"])
        .collect();
    assert_eq!(kinds, [&json!("cancel-pending"), &json!("in-process")]);
    let event = doc["data"][0]["id"].as_str().unwrap().to_owned();
    c.ok(
        "POST",
        &format!("/v2/porting/events/{event}/republish"),
        None,
        204,
    )
    .await;

    // A draft is deleted, and is gone afterwards with everything attached.
    let draft = c.create(&["+13035550001"], "Acct 2").await;
    let draft_path = format!("/v2/porting_orders/{draft}");
    c.ok(
        "POST",
        &format!("{draft_path}/comments"),
        Some(json!({"body": "x"})),
        201,
    )
    .await;
    c.ok("DELETE", &draft_path, None, 204).await;
    c.ok("GET", &draft_path, None, 404).await;
    c.ok("GET", &format!("{draft_path}/comments"), None, 404)
        .await;
    assert_eq!(sandbox.orders().len(), 1);

    // Cancelling a draft cancels it outright.
    let other = c.create(&["+13035550002"], "Acct 3").await;
    let doc = c
        .ok(
            "POST",
            &format!("/v2/porting_orders/{other}/actions/cancel"),
            None,
            200,
        )
        .await;
    assert_eq!(doc["data"]["status"]["value"], "cancelled");
}

#[tokio::test]
async fn orders_paginate_filter_and_sort() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            c.create(&[&format!("+1303555000{i}")], &format!("ref-{}", i % 2))
                .await,
        );
    }
    let page = |n: u32| {
        format!(
            "/v2/porting_orders?page%5Bnumber%5D={n}&page%5Bsize%5D=2&sort%5Bvalue%5D=created_at"
        )
    };
    let mut seen = Vec::new();
    for n in 1..=3 {
        let doc = c.ok("GET", &page(n), None, 200).await;
        assert_eq!(
            doc["meta"],
            json!({"page_number": n, "page_size": 2, "total_pages": 3, "total_results": 5})
        );
        for order in doc["data"].as_array().unwrap() {
            seen.push(order["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(seen, ids);
    let doc = c.ok("GET", &page(4), None, 200).await;
    assert_eq!(doc["data"], json!([]));
    assert_eq!(doc["meta"]["total_pages"], 3);

    // Default: newest first, 20 a page.
    let doc = c.ok("GET", "/v2/porting_orders", None, 200).await;
    assert_eq!(doc["data"][0]["id"], ids[4].as_str());
    assert_eq!(doc["meta"]["page_size"], 20);

    let doc = c
        .ok(
            "GET",
            "/v2/porting_orders?filter%5Bcustomer_reference%5D=ref-1",
            None,
            200,
        )
        .await;
    assert_eq!(doc["meta"]["total_results"], 2);
    let doc = c
        .ok("GET", "/v2/porting_orders?filter[phone_numbers][phone_number][contains]=5550003&include_phone_numbers=false", None, 200)
        .await;
    assert_eq!(doc["meta"]["total_results"], 1);
    assert_eq!(doc["data"][0]["id"], ids[3].as_str());
    assert!(doc["data"][0].get("phone_numbers").is_none());

    let doc = c
        .ok("GET", "/v2/porting_phone_numbers?page[size]=2", None, 200)
        .await;
    assert_eq!(doc["meta"]["total_results"], 5);
    assert_eq!(doc["data"][0]["record_type"], "porting_phone_number");
}

#[tokio::test]
async fn error_shapes() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let missing = "/v2/porting_orders/00000000-0000-4000-8000-000000000000";
    for (method, target) in [
        ("GET", missing.to_owned()),
        ("PATCH", missing.to_owned()),
        ("DELETE", missing.to_owned()),
        ("POST", format!("{missing}/actions/confirm")),
        ("GET", format!("{missing}/comments")),
        ("GET", format!("{missing}/loa_template")),
        ("GET", "/v2/porting/reports/nope".to_owned()),
    ] {
        let doc = c.ok(method, &target, Some(json!({})), 404).await;
        assert_eq!(doc["errors"][0]["code"], "10005", "{method} {target}");
        assert_eq!(doc["errors"][0]["title"], "Resource not found");
        assert!(doc["errors"][0]["detail"].is_string());
    }

    for (target, parameter) in [
        ("/v2/porting_orders?page%5Bsize%5D=251", "page[size]"),
        ("/v2/porting_orders?page[size]=0", "page[size]"),
        ("/v2/porting_orders?page[number]=0", "page[number]"),
        ("/v2/porting_orders?sort[value]=name", "sort[value]"),
        (
            "/v2/porting_orders?include_phone_numbers=maybe",
            "include_phone_numbers",
        ),
    ] {
        let doc = c.ok("GET", target, None, 422).await;
        assert_eq!(
            doc["errors"][0]["source"],
            json!({ "parameter": parameter }),
            "{target}"
        );
    }

    let id = c.create(&["+13035550000"], "r").await;
    let path = format!("/v2/porting_orders/{id}");
    let bad = json!({"customer_reference": 5, "end_user": {"admin": {"nope": "x"}},
                     "messaging": {"enable_messaging": "yes"}, "misc": {"type": "half"}});
    let doc = c.ok("PATCH", &path, Some(bad), 422).await;
    let mut pointers: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"]["pointer"].as_str().unwrap())
        .collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        [
            "/customer_reference",
            "/end_user/admin/nope",
            "/messaging/enable_messaging",
            "/misc/type"
        ]
    );
    let doc = c
        .ok("POST", &format!("{path}/comments"), Some(json!({})), 422)
        .await;
    assert_eq!(doc["errors"][0]["source"]["pointer"], "/body");

    let r = c.send("PUT", &path, None).await;
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, PATCH, DELETE"));
}

#[tokio::test]
async fn patch_null_clears_and_omitted_keeps() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+13035550000"], "keep me").await;
    let path = format!("/v2/porting_orders/{id}");
    let foc = c.allowed_foc(&id).await;
    let first = json!({
        "webhook_url": "https://example.com/hook",
        "end_user": {"admin": {"entity_name": "A", "account_number": "1"}},
        "misc": {"type": "full", "remaining_numbers_action": "keep"},
        "phone_number_configuration": {"tags": ["a", "b"]},
        "activation_settings": {"foc_datetime_requested": foc},
        "messaging": {"enable_messaging": true},
        "user_feedback": {"user_rating": 5},
    });
    c.ok("PATCH", &path, Some(first), 200).await;
    let second = json!({
        "webhook_url": null,
        "end_user": {"admin": {"entity_name": null}},
        "misc": null,
        "phone_number_configuration": {"tags": null},
    });
    let doc = c.ok("PATCH", &path, Some(second), 200).await;
    let order = &doc["data"];
    assert_eq!(order["customer_reference"], "keep me");
    assert_eq!(order["webhook_url"], Value::Null);
    assert_eq!(order["end_user"]["admin"]["entity_name"], Value::Null);
    assert_eq!(order["end_user"]["admin"]["account_number"], "1");
    assert_eq!(order["misc"], Value::Null);
    assert_eq!(order["phone_number_configuration"]["tags"], json!([]));
    assert_eq!(
        order["activation_settings"]["foc_datetime_requested"],
        foc.as_str()
    );
    assert_eq!(order["activation_settings"]["fast_port_eligible"], true);
    assert_eq!(order["messaging"]["enable_messaging"], true);
    assert_eq!(order["messaging"]["messaging_capable"], true);
    assert_eq!(
        order["user_feedback"],
        json!({"user_comment": null, "user_rating": 5})
    );
    // A GET sees the same state.
    let again = c.ok("GET", &path, None, 200).await;
    assert_eq!(&again["data"], order);
}

#[tokio::test]
async fn sub_resources() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+13035550000"], "r").await;
    let path = format!("/v2/porting_orders/{id}");

    // The documents must have been uploaded.
    let made_up = json!({"additional_documents": [
        {"document_id": "22771a52-c43a-4539-80db-9dd9ec36e237", "document_type": "loa"}]});
    let doc = c
        .ok(
            "POST",
            &format!("{path}/additional_documents"),
            Some(made_up),
            422,
        )
        .await;
    assert_eq!(
        doc["errors"][0]["source"]["pointer"],
        "/additional_documents/0/document_id"
    );
    let (loa, invoice) = (c.upload("loa.pdf").await, c.upload("bill.pdf").await);
    let docs = json!({"additional_documents": [
        {"document_id": loa, "document_type": "loa"},
        {"document_id": invoice, "document_type": "invoice"}]});
    let doc = c
        .ok(
            "POST",
            &format!("{path}/additional_documents"),
            Some(docs),
            201,
        )
        .await;
    let doc_id = doc["data"][0]["id"].as_str().unwrap().to_owned();
    let doc = c
        .ok(
            "GET",
            &format!("{path}/additional_documents?filter%5Bdocument_type%5D=loa"),
            None,
            200,
        )
        .await;
    assert_eq!(doc["meta"]["total_results"], 1);
    c.ok(
        "DELETE",
        &format!("{path}/additional_documents/{doc_id}"),
        None,
        204,
    )
    .await;
    c.ok(
        "DELETE",
        &format!("{path}/additional_documents/{doc_id}"),
        None,
        404,
    )
    .await;

    let job = c
        .ok("POST", &format!("{path}/actions/activate"), None, 202)
        .await;
    let job_id = job["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(job["data"]["record_type"], "porting_activation_job");
    let doc = c
        .ok(
            "PATCH",
            &format!("{path}/activation_jobs/{job_id}"),
            Some(json!({"activate_at": "2030-01-01T00:00:00Z"})),
            200,
        )
        .await;
    assert_eq!(doc["data"]["activate_at"], "2030-01-01T00:00:00Z");
    let doc = c
        .ok("GET", &format!("{path}/activation_jobs"), None, 200)
        .await;
    assert_eq!(doc["data"][0]["activate_at"], "2030-01-01T00:00:00Z");

    let doc = c
        .ok(
            "POST",
            &format!("{path}/actions/share"),
            Some(json!({"expires_in_seconds": 60})),
            201,
        )
        .await;
    assert_eq!(doc["data"]["record_type"], "porting_order_sharing_token");

    c.ok(
        "POST",
        &format!("{path}/verification_codes/send"),
        Some(json!({"phone_numbers": ["+61424000001"], "verification_method": "sms"})),
        204,
    )
    .await;
    let doc = c
        .ok(
            "POST",
            &format!("{path}/verification_codes/verify"),
            Some(
                json!({"verification_codes": [{"code": "12345", "phone_number": "+61424000001"}]}),
            ),
            200,
        )
        .await;
    assert_eq!(doc["data"][0]["verified"], true);

    let ext = json!({"porting_phone_number_id": "f24151b6-3389-41d3-8747-7dd8c681e5e2",
        "extension_range": {"start_at": 1, "end_at": 10},
        "activation_ranges": [{"start_at": 1, "end_at": 10}]});
    let doc = c
        .ok(
            "POST",
            &format!("/v2/porting_orders/{id}/phone_number_extensions"),
            Some(ext),
            201,
        )
        .await;
    let ext_id = doc["data"]["id"].as_str().unwrap().to_owned();
    let doc = c
        .ok(
            "DELETE",
            &format!("/v2/porting_orders/{id}/phone_number_extensions/{ext_id}"),
            None,
            200,
        )
        .await;
    assert_eq!(doc["data"]["id"], ext_id.as_str());

    let r = c.send("GET", &format!("{path}/loa_template"), None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(r.body.starts_with(b"%PDF-1.4") && r.body.ends_with(b"%%EOF\n"));

    for sub in [
        "allowed_foc_windows",
        "requirements",
        "sub_request",
        "associated_phone_numbers",
        "phone_number_blocks",
        "action_requirements",
    ] {
        c.ok("GET", &format!("{path}/{sub}"), None, 200).await;
    }
    c.ok("GET", "/v2/porting_orders/exception_types", None, 200)
        .await;
    c.ok("GET", "/v2/porting/uk_carriers", None, 200).await;
}
