//! Tests of the typed records attached to orders and to the account: each renders the bytes
//! the sandbox wrote when it kept them as JSON values (the `json!` literals below are the ones
//! the handlers used to build), and the bodies that typing made stricter are refused.

use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::Sandbox;
use super::account::{LoaConfiguration, Report, ReportFilters};
use super::child::{
    ActionRequirement, ActivationJob, Comment, Document, DocumentType, VerificationCode,
};
use super::order::{Stamp, Status};
use super::range::{
    Action, AssociatedNumber, NumberBlock, NumberConfiguration, NumberExtension, Range,
};
use super::tests_stateful::Conn;

const NOW: &str = "2024-05-01T12:00:00.123Z";
const LATER: &str = "2024-05-01T13:00:00.123Z";
const ORDER: Uuid = Uuid::from_u128(0x11);
const ID: Uuid = Uuid::from_u128(0x22);

/// The typed record and the JSON value write the same bytes.
fn same_bytes(typed: &impl Serialize, old: &Value) {
    let typed = serde_json::to_string(typed).unwrap();
    assert_eq!(typed, serde_json::to_string(old).unwrap());
}

fn now() -> Stamp {
    Stamp::parse(NOW)
}

fn text(value: &str) -> Option<Box<str>> {
    Some(value.into())
}

#[test]
fn children_write_the_bytes_they_wrote_as_json() {
    let comment = Comment {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        body: "Please, let me know".into(),
    };
    same_bytes(
        &comment,
        &json!({"body": "Please, let me know", "created_at": NOW, "id": ID,
            "porting_order_id": ORDER.to_string(), "record_type": "porting_comment",
            "user_type": "user"}),
    );
    let document = Document {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        document_id: "22771a52-c43a-4539-80db-9dd9ec36e237".into(),
        document_type: DocumentType::Invoice,
    };
    same_bytes(
        &document,
        &json!({"created_at": NOW, "document_id": "22771a52-c43a-4539-80db-9dd9ec36e237",
            "document_type": "invoice", "id": ID, "porting_order_id": ORDER.to_string(),
            "record_type": "porting_additional_document", "updated_at": NOW}),
    );
    let code = VerificationCode {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        updated_at: Stamp::parse(LATER),
        phone_number: "+61424000001".into(),
        verified: true,
    };
    same_bytes(
        &code,
        &json!({"created_at": NOW, "id": ID, "phone_number": "+61424000001",
            "porting_order_id": ORDER.to_string(), "updated_at": LATER, "verified": true}),
    );
    let mut job = ActivationJob {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        updated_at: now(),
        activate_at: now(),
        window_end: Stamp::parse(LATER),
        scheduled: false,
    };
    same_bytes(
        &job,
        &json!({"activate_at": NOW, "activation_type": "on-demand",
            "activation_windows": [{"end_at": LATER, "start_at": NOW}], "created_at": NOW,
            "id": ID, "record_type": "porting_activation_job", "status": "created",
            "updated_at": NOW}),
    );
    let at = Stamp::parse("2030-01-01T00:00:00Z");
    (job.activate_at, job.window_end, job.scheduled) = (at, at, true);
    job.updated_at = Stamp::parse(LATER);
    same_bytes(
        &job,
        &json!({"activate_at": "2030-01-01T00:00:00Z", "activation_type": "scheduled",
            "activation_windows": [{"end_at": "2030-01-01T00:00:00Z",
                "start_at": "2030-01-01T00:00:00Z"}],
            "created_at": NOW, "id": ID, "record_type": "porting_activation_job",
            "status": "created", "updated_at": LATER}),
    );
    let mut requirement = ActionRequirement {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        updated_at: now(),
        pending: false,
    };
    let old = json!({"action_type": "au_id_verification", "action_url": null,
        "cancel_reason": null, "created_at": NOW, "id": ID, "porting_order_id": ORDER,
        "record_type": "porting_action_requirement",
        "requirement_type_id": "53970723-fbff-4f46-a975-f62be6c1a585", "status": "created",
        "updated_at": NOW});
    same_bytes(&requirement, &old);
    requirement.pending = true;
    let mut pending = old;
    pending["status"] = "pending".into();
    pending["action_url"] = format!("https://sandbox.invalid/porting/actions/{ID}").into();
    same_bytes(&requirement, &pending);
}

#[test]
fn ranges_and_account_records_write_the_bytes_they_wrote_as_json() {
    let range = Range {
        end_at: text("+13035551009"),
        start_at: text("+13035551000"),
    };
    let range_json = json!({"end_at": "+13035551009", "start_at": "+13035551000"});
    let associated = AssociatedNumber {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        action: Action::Disconnect,
        country_code: "US",
        range: range.clone(),
    };
    same_bytes(
        &associated,
        &json!({"action": "disconnect", "country_code": "US", "created_at": NOW, "id": ID,
            "phone_number_range": range_json, "phone_number_type": "local",
            "porting_order_id": ORDER.to_string(),
            "record_type": "porting_associated_phone_number", "updated_at": NOW}),
    );
    let block = NumberBlock {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        country_code: "US",
        range: range.clone(),
        activation_ranges: vec![range].into(),
    };
    same_bytes(
        &block,
        &json!({"activation_ranges": [range_json], "country_code": "US", "created_at": NOW,
            "id": ID, "phone_number_range": range_json, "phone_number_type": "local",
            "record_type": "porting_phone_number_block", "updated_at": NOW}),
    );
    let extension = NumberExtension {
        id: ID,
        order_id: ORDER,
        created_at: now(),
        porting_phone_number_id: "f24151b6-3389-41d3-8747-7dd8c681e5e2".into(),
        range: Range {
            end_at: Some(10),
            start_at: Some(1),
        },
        activation_ranges: vec![Range {
            end_at: Some(5),
            start_at: Some(1),
        }]
        .into(),
    };
    same_bytes(
        &extension,
        &json!({"activation_ranges": [{"end_at": 5, "start_at": 1}], "created_at": NOW,
            "extension_range": {"end_at": 10, "start_at": 1}, "id": ID,
            "porting_phone_number_id": "f24151b6-3389-41d3-8747-7dd8c681e5e2",
            "record_type": "porting_phone_number_extension", "updated_at": NOW}),
    );
    let configuration = NumberConfiguration {
        id: ID,
        created_at: now(),
        porting_phone_number_id: "a".into(),
        user_bundle_id: "b".into(),
    };
    same_bytes(
        &configuration,
        &json!({"created_at": NOW, "id": ID, "porting_phone_number_id": "a",
            "record_type": "porting_phone_number_configuration", "updated_at": NOW,
            "user_bundle_id": "b"}),
    );
    let params = json!({"filters": {"created_at__gt": "2024-01-01T00:00:00+02:00",
        "customer_reference__in": ["r1", "r2"], "status__in": ["draft", "in-process"]}});
    let report = Report {
        id: ID,
        created_at: now(),
        document_id: ORDER,
        filters: ReportFilters::from_body(&params["filters"]),
    };
    assert_eq!(
        report.filters.statuses.as_deref(),
        Some(&[Status::Draft, Status::InProcess][..])
    );
    same_bytes(
        &report,
        &json!({"created_at": NOW, "document_id": ORDER, "id": ID, "params": params,
            "record_type": "porting_report", "report_type": "export_porting_orders_csv",
            "status": "completed", "updated_at": NOW}),
    );
    let body = json!({"name": "My LOA", "company_name": "Telnyx",
        "address": {"street_address": "600 Congress Avenue", "city": "Austin", "state": "TX",
            "zip_code": "78701", "country_code": "US"},
        "contact": {"email": "a@example.com", "phone_number": "+12003270001"},
        "logo": {"document_id": "f1486bae-f067-460c-ad43-73a92848f902"}});
    let mut loa = LoaConfiguration::new(ID, now(), &body);
    let old = json!({"address": body["address"], "company_name": "Telnyx",
        "contact": body["contact"], "created_at": NOW, "id": ID,
        "logo": {"content_type": "image/png", "document_id": body["logo"]["document_id"]},
        "name": "My LOA", "organization_id": "40d68ba2-0847-4df2-be9c-b0e0cb673e75",
        "record_type": "porting_loa_configuration", "updated_at": NOW});
    same_bytes(&loa, &old);
    let patch = json!({"address": {"extended_address": "14th Floor", "city": "Dallas"},
        "contact": null});
    loa.merge(patch.as_object().unwrap(), Stamp::parse(LATER));
    let mut merged = old;
    merged["address"]["extended_address"] = "14th Floor".into();
    merged["address"]["city"] = "Dallas".into();
    merged["contact"] = json!({});
    merged["updated_at"] = LATER.into();
    same_bytes(&loa, &merged);
    assert_eq!(loa.created_at, now());
}

#[tokio::test]
async fn bodies_typing_needs_are_checked_as_the_spec_says() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+13035550000"], "r").await;
    let path = format!("/v2/porting_orders/{id}");

    // Activation ranges of a block are {start_at, end_at} strings, both required.
    let block = json!({"phone_number_range": {"start_at": "+13035552000", "end_at": "+13035552099"},
        "activation_ranges": [{"start_at": 1, "end_at": "+13035552009"},
            {"start_at": "+13035552000"}, {"start_at": "+1", "end_at": "+2", "x": 0}]});
    let doc = c
        .ok(
            "POST",
            &format!("{path}/phone_number_blocks"),
            Some(block),
            422,
        )
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
            "/activation_ranges/0/start_at",
            "/activation_ranges/1/end_at",
            "/activation_ranges/2/x"
        ]
    );
    // An extension range needs both bounds.
    let extension = json!({"porting_phone_number_id": "f24151b6-3389-41d3-8747-7dd8c681e5e2",
        "extension_range": {"start_at": 1}, "activation_ranges": []});
    let doc = c
        .ok(
            "POST",
            &format!("{path}/phone_number_extensions"),
            Some(extension),
            422,
        )
        .await;
    assert_eq!(
        doc["errors"][0]["source"]["pointer"],
        "/extension_range/end_at"
    );
    // A report's params need their filters.
    let report = json!({"report_type": "export_porting_orders_csv", "params": {}});
    let doc = c.ok("POST", "/v2/porting/reports", Some(report), 422).await;
    assert_eq!(doc["errors"][0]["source"]["pointer"], "/params/filters");
    // At most 20 phone number configurations at a time.
    let one = json!({"porting_phone_number_id": "a", "user_bundle_id": "b"});
    let many = json!({"phone_number_configurations": vec![one; 21]});
    c.ok(
        "POST",
        "/v2/porting_orders/phone_number_configurations",
        Some(many),
        422,
    )
    .await;

    // What was refused was not stored; what is accepted lists back as it was answered.
    let block = json!({"phone_number_range": {"start_at": "+13035552000", "end_at": "+13035552099"},
        "activation_ranges": [{"start_at": "+13035552000", "end_at": "+13035552009"}]});
    let created = c
        .ok(
            "POST",
            &format!("{path}/phone_number_blocks"),
            Some(block),
            201,
        )
        .await;
    let listed = c
        .ok(
            "GET",
            &format!("{path}/phone_number_blocks?filter%5Bphone_number%5D=%2B13035552000"),
            None,
            200,
        )
        .await;
    assert_eq!(listed["data"], json!([created["data"]]));
    let listed = c
        .ok(
            "GET",
            &format!("{path}/phone_number_blocks?filter%5Bphone_number%5D=%2B1303555"),
            None,
            200,
        )
        .await;
    assert_eq!(listed["meta"]["total_results"], 0);
    let doc = c.ok("GET", "/v2/porting/reports", None, 200).await;
    assert_eq!(doc["meta"]["total_results"], 0);
}

#[tokio::test]
async fn action_requirements_filter_and_sort_on_typed_fields() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+61424000001"], "au").await;
    let path = format!("/v2/porting_orders/{id}/action_requirements");
    let doc = c.ok("GET", &path, None, 200).await;
    let requirement = doc["data"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(doc["data"][0]["status"], "created");
    let params = json!({"params": {"first_name": "John", "last_name": "Doe"}});
    let doc = c
        .ok(
            "POST",
            &format!("{path}/{requirement}/initiate"),
            Some(params),
            200,
        )
        .await;
    assert_eq!(doc["data"]["status"], "pending");
    assert_eq!(
        doc["data"]["action_url"],
        format!("https://sandbox.invalid/porting/actions/{requirement}").as_str()
    );
    for (query, total) in [
        ("filter%5Bstatus%5D=pending", 1),
        ("filter%5Bstatus%5D=created", 0),
        (&format!("filter%5Bid%5D={requirement}"), 1),
        ("filter%5Baction_type%5D=au_id_verification", 1),
        ("filter%5Brequirement_type_id%5D=nope", 0),
        ("sort%5Bvalue%5D=-updated_at", 1),
    ] {
        let doc = c.ok("GET", &format!("{path}?{query}"), None, 200).await;
        assert_eq!(doc["meta"]["total_results"], total, "{query}");
    }
    let codes = format!("/v2/porting_orders/{id}/verification_codes");
    let send = json!({"phone_numbers": ["+61424000001"]});
    c.ok("POST", &format!("{codes}/send"), Some(send), 204)
        .await;
    let doc = c
        .ok(
            "GET",
            &format!("{codes}?filter%5Bverified%5D=false"),
            None,
            200,
        )
        .await;
    assert_eq!(doc["meta"]["total_results"], 1);
    let doc = c
        .ok(
            "GET",
            &format!("{codes}?filter%5Bverified%5D=true"),
            None,
            200,
        )
        .await;
    assert_eq!(doc["meta"]["total_results"], 0);
}

#[tokio::test]
async fn number_ranges_take_the_country_of_their_first_number() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut c = Conn::open(&sandbox).await;
    let id = c.create(&["+13035550000"], "r").await;
    let path = format!("/v2/porting_orders/{id}");
    for (start, end, country) in [
        ("+14165550000", "+14165550099", "CA"),
        ("+18765550000", "+18765550099", "JM"),
        ("+13035552000", "+13035552099", "US"),
        ("+442071838700", "+442071838799", "GB"),
        ("+4930244999900", "+4930244999910", "DE"),
    ] {
        let range = json!({"start_at": start, "end_at": end});
        let associated = json!({"action": "keep", "phone_number_range": range});
        let doc = c
            .ok(
                "POST",
                &format!("{path}/associated_phone_numbers"),
                Some(associated),
                201,
            )
            .await;
        assert_eq!(doc["data"]["country_code"], country, "{start}");
        let block = json!({"phone_number_range": range, "activation_ranges": [range]});
        let doc = c
            .ok(
                "POST",
                &format!("{path}/phone_number_blocks"),
                Some(block),
                201,
            )
            .await;
        assert_eq!(doc["data"]["country_code"], country, "{start}");
    }
}
