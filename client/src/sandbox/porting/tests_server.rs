//! Sandbox server tests: authentication, routing and the order endpoints over real HTTP.

use serde_json::json;
use tokio::io::AsyncWriteExt;

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::super::http::testing::*;
use super::order::SANDBOX_USER_ID;
use super::routes::is_e164;
use super::*;

const AUTH: &str = "Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n";

fn post(body: &str, auth: &str) -> Vec<u8> {
    format!(
        "POST /v2/porting_orders HTTP/1.1\r\nHost: sandbox\r\n{auth}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn is_v4_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4 && s.len() == 36)
}

#[tokio::test]
async fn creates_one_order_per_country() {
    let sandbox = Sandbox::start().await.unwrap();
    let body = r#"{"phone_numbers":["+13035550000","+442071838750","+13035550001"],
                   "customer_reference":"Acct 123abc"}"#;
    let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(is_v4_uuid(r.header("x-request-id").unwrap()));
    let doc = r.json();
    let data = doc["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);

    let us = &data[0];
    let id = us["id"].as_str().unwrap();
    assert!(is_v4_uuid(id), "{id}");
    assert_eq!(us["porting_phone_numbers_count"], 2);
    assert_eq!(us["status"], json!({"value": "draft", "details": []}));
    assert_eq!(us["customer_reference"], "Acct 123abc");
    assert_eq!(us["customer_group_reference"], Value::Null);
    assert_eq!(us["user_id"], SANDBOX_USER_ID);
    assert_eq!(us["record_type"], "porting_order");
    let numbers = us["phone_numbers"].as_array().unwrap();
    assert_eq!(numbers[0]["phone_number"], "+13035550000");
    assert_eq!(numbers[1]["phone_number"], "+13035550001");
    for n in numbers {
        assert_eq!(n["porting_order_id"], id);
        assert_eq!(n["activation_status"], "New");
        assert_eq!(n["portability_status"], "pending");
        assert_eq!(n["porting_order_status"], "draft");
        assert_eq!(n["requirements_status"], "requirement-info-pending");
        let key = n["support_key"].as_str().unwrap();
        assert!(key.starts_with("sr_") && key.len() == 9, "{key}");
    }
    let created = us["created_at"].as_str().unwrap();
    assert!(created.ends_with('Z'), "{created}");
    assert!(OffsetDateTime::parse(created, &Rfc3339).is_ok());
    assert_eq!(us["updated_at"], us["created_at"]);

    let uk = &data[1];
    assert_ne!(uk["id"], us["id"]);
    assert_eq!(uk["porting_phone_numbers_count"], 1);
    assert_eq!(uk["phone_numbers"][0]["phone_number"], "+442071838750");
    assert_eq!(uk["phone_numbers"][0]["porting_order_id"], uk["id"]);

    let orders = serde_json::to_value(sandbox.orders()).unwrap();
    assert_eq!(
        &orders,
        doc["data"].as_array().map(|_| &doc["data"]).unwrap()
    );
}

#[tokio::test]
async fn the_two_number_example_splits_in_two() {
    let sandbox = Sandbox::start().await.unwrap();
    let body = r#"{"phone_numbers":["+13035550000","+442071838750"]}"#;
    let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
    assert_eq!(r.status, 201);
    let doc = r.json();
    let data = doc["data"].as_array().unwrap();
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["phone_numbers"][0]["phone_number"], "+13035550000");
    assert_eq!(data[1]["phone_numbers"][0]["phone_number"], "+442071838750");
    assert_eq!(sandbox.orders().len(), 2);
}

#[tokio::test]
async fn numbers_split_by_calling_code_and_nanp_area_code() {
    let sandbox = Sandbox::start().await.unwrap();
    let body = r#"{"phone_numbers":["+442071838750","+4930244999900","+14165550000",
                   "+13035550000","+18765550000","+13035550001"]}"#;
    let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let doc = r.json();
    let orders: Vec<Vec<&str>> = doc["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let numbers = o["phone_numbers"].as_array().unwrap();
            numbers
                .iter()
                .map(|n| n["phone_number"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        orders,
        [
            vec!["+442071838750"],
            vec!["+4930244999900"],
            vec!["+14165550000"],
            vec!["+13035550000", "+13035550001"],
            vec!["+18765550000"],
        ]
    );
    assert_eq!(sandbox.orders().len(), 5);
}

/// Every key of the specification's 201 example, with the same nulls.
#[tokio::test]
async fn orders_have_every_key_of_the_spec_example() {
    let example = json!({
        "activation_settings": {"activation_status": null, "fast_port_eligible": true,
            "foc_datetime_actual": null, "foc_datetime_requested": null},
        "created_at": "2022-03-17T18:01:01Z", "customer_reference": null,
        "customer_group_reference": null, "description": "FP Telnyx",
        "documents": {"loa": null, "invoice": null},
        "end_user": {
            "admin": {"account_number": null, "auth_person_name": null,
                "billing_phone_number": null, "business_identifier": null,
                "entity_name": null, "pin_passcode": null, "tax_identifier": null},
            "location": {"administrative_area": null, "country_code": null,
                "extended_address": null, "locality": null, "postal_code": null,
                "street_address": null}},
        "id": "b0ea6d6f-de31-4079-a536-992e0c98b037", "misc": null,
        "old_service_provider_ocn": "Unreal Communications", "parent_support_key": null,
        "phone_number_configuration": {"billing_group_id": null, "connection_id": null,
            "emergency_address_id": null, "messaging_profile_id": null, "tags": []},
        "phone_number_type": "local",
        "phone_numbers": [{"activation_status": "Activate RDY", "phone_number": "{e.164 TN}",
            "phone_number_type": "local", "portability_status": "confirmed",
            "porting_order_id": "b0ea6d6f-de31-4079-a536-992e0c98b037",
            "porting_order_status": "draft", "record_type": "porting_phone_number",
            "requirements_status": "requirement-info-pending", "support_key": "sr_10b316"}],
        "porting_phone_numbers_count": 1, "record_type": "porting_order",
        "requirements": [], "requirements_met": false,
        "status": {"details": [], "value": "draft"}, "support_key": null,
        "updated_at": "2022-03-17T18:01:01Z",
        "user_feedback": {"user_comment": null, "user_rating": null},
        "messaging": {"messaging_capable": true, "enable_messaging": false,
            "messaging_port_status": "not_applicable", "messaging_port_completed": false},
        "user_id": "40d68ba2-0847-4df2-be9c-b0e0cb673e75", "webhook_url": null
    });
    /// Same keys everywhere, nulls where the example has them (arrays: first item).
    fn same_shape(example: &Value, actual: &Value, at: &str) {
        match (example, actual) {
            (Value::Object(e), Value::Object(a)) => {
                let mut ek: Vec<_> = e.keys().collect();
                let mut ak: Vec<_> = a.keys().collect();
                ek.sort();
                ak.sort();
                assert_eq!(ek, ak, "keys at {at}");
                for (k, v) in e {
                    same_shape(v, &a[k], &format!("{at}/{k}"));
                }
            }
            (Value::Array(e), Value::Array(a)) => {
                if let (Some(e), Some(a)) = (e.first(), a.first()) {
                    same_shape(e, a, &format!("{at}/0"));
                }
            }
            (Value::Null, a) => assert!(a.is_null(), "{at} should be null"),
            (e, a) => assert_eq!(
                std::mem::discriminant(e),
                std::mem::discriminant(a),
                "type at {at}"
            ),
        }
    }
    let sandbox = Sandbox::start().await.unwrap();
    let r = roundtrip(
        sandbox.server.addr(),
        &post(r#"{"phone_numbers":["+13035550000"]}"#, AUTH),
    )
    .await;
    assert_eq!(r.status, 201);
    same_shape(&example, &r.json()["data"][0], "");
}

#[tokio::test]
async fn bad_numbers_get_422_with_pointers() {
    let sandbox = Sandbox::start().await.unwrap();
    let body = r#"{"phone_numbers":["+13035550000","13035550001","+13035550000",7,
                   "+0123","+1234567890123456"],
                   "customer_reference":5,"customer_group_reference":null}"#;
    let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
    assert_eq!(r.status, 422);
    let errors = r.json()["errors"].as_array().unwrap().clone();
    let pointers: Vec<&str> = errors
        .iter()
        .map(|e| e["source"]["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "/phone_numbers/1",
            "/phone_numbers/2",
            "/phone_numbers/3",
            "/phone_numbers/4",
            "/phone_numbers/5",
            "/customer_reference",
            "/customer_group_reference",
        ]
    );
    for e in &errors {
        assert_eq!(e["code"], "10015");
        assert_eq!(e["title"], "Bad Request");
        assert_eq!(
            e["meta"]["url"],
            "https://developers.telnyx.com/docs/overview/errors/10015"
        );
    }
    let detail = errors[0]["detail"].as_str().unwrap();
    assert!(detail.contains("\"13035550001\""), "{detail}");
    assert!(detail.contains("+E.164"), "{detail}");
    let detail = errors[1]["detail"].as_str().unwrap();
    assert!(detail.contains("more than once"), "{detail}");
    assert!(sandbox.orders().is_empty());

    // Just one bad number: one entry.
    let body = r#"{"phone_numbers":["+13035550000","+1303555000a"]}"#;
    let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
    assert_eq!(r.status, 422);
    let doc = r.json();
    assert_eq!(doc["errors"].as_array().unwrap().len(), 1);
    assert_eq!(doc["errors"][0]["source"]["pointer"], "/phone_numbers/1");
}

#[tokio::test]
async fn body_shape_errors() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.server.addr();
    let cases = [
        ("not json", 400, None),
        ("", 400, None),
        ("[1]", 422, Some("")),
        ("{}", 422, Some("/phone_numbers")),
        (r#"{"phone_numbers":[]}"#, 422, Some("/phone_numbers")),
        (
            r#"{"phone_numbers":"+13035550000"}"#,
            422,
            Some("/phone_numbers"),
        ),
    ];
    for (body, status, pointer) in cases {
        let r = roundtrip(addr, &post(body, AUTH)).await;
        assert_eq!(r.status, status, "{body}");
        let doc = r.json();
        let e = &doc["errors"][0];
        assert_eq!(e["code"], "10015");
        assert_eq!(e["source"]["pointer"].as_str(), pointer, "{body}");
    }
    let r = roundtrip(addr, &post(r#"{"phone_numbers":[]}"#, AUTH)).await;
    assert_eq!(
        r.json()["errors"][0]["detail"],
        "You must provide at least 1 phone number."
    );
}

#[tokio::test]
async fn requires_a_bearer_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.server.addr();
    let expected = json!({"errors":[{"code":"10009","title":"Authentication failed",
        "detail":"Could not understand the provided credentials.",
        "meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]});
    let body = r#"{"phone_numbers":["+13035550000"]}"#;
    for auth in [
        "",
        "Authorization: Bearer\r\n",
        "Authorization: Bearer   \r\n",
        "Authorization: Basic abc\r\n",
    ] {
        let r = roundtrip(addr, &post(body, auth)).await;
        assert_eq!(r.status, 401, "{auth:?}");
        assert_eq!(r.json(), expected);
    }
    let r = roundtrip(addr, b"GET /elsewhere HTTP/1.1\r\n\r\n").await;
    assert_eq!(r.status, 401);
    let r = roundtrip(addr, &post(body, "authorization: bearer x\r\n")).await;
    assert_eq!(r.status, 201);
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut stream = connect(sandbox.server.addr()).await;
    let mut buf = Vec::new();
    let cases = [
        ("PUT /v2/porting_orders", 405),
        ("DELETE /v2/porting_orders/", 405),
        ("GET /v2/nothing", 404),
        ("GET /v2", 404),
        ("GET /v2porting_orders", 404),
        ("GET /porting_orders", 404),
        ("POST /v2//porting_orders", 404),
        ("GET /v2/a/b/c/d/e/f/g/h/i/j", 404),
    ];
    for (line, status) in cases {
        let request = format!("{line} HTTP/1.1\r\n{AUTH}\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let r = read_response(&mut stream, &mut buf).await.unwrap();
        assert_eq!(r.status, status, "{line}");
        let doc = r.json();
        assert!(doc["errors"][0]["detail"].is_string(), "{line}");
        if status == 405 {
            assert_eq!(r.header("allow"), Some("GET, POST"));
        }
    }
}

#[tokio::test]
async fn client_points_at_the_sandbox() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client().unwrap();
    assert_eq!(client.base_url(), sandbox.base_url());
    assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
    assert!(format!("{sandbox:?}").contains("orders: 0"));
}

#[test]
fn e164() {
    for ok in ["+1", "+13035550000", "+442071838750", "+123456789012345"] {
        assert!(is_e164(ok), "{ok}");
    }
    for bad in [
        "",
        "+",
        "1303",
        "+0123",
        "+1234567890123456",
        "+1 303",
        "+１",
    ] {
        assert!(!is_e164(bad), "{bad}");
    }
}

#[test]
fn ids_are_distinct_v4_uuids() {
    let ids = IdSource::new();
    let a = ids.uuid();
    let b = ids.uuid();
    assert_ne!(a, b);
    assert!(is_v4_uuid(&a) && is_v4_uuid(&b), "{a} {b}");
    let c = IdSource::new().uuid();
    assert_ne!(a, c);
}
