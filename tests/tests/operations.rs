//! One test per operation of the porting subset spec (54): each scripts a response on a
//! loopback `MockServer` (the spec's example when it has one, a small body in the shape of the
//! schema otherwise, a 204 or a PDF), calls the Rust method with concrete arguments, and checks
//! the exact request (method, path with the ids, raw query string, body bytes, `accept`, and
//! `content-type` only when there is a body) and the typed values decoded from the response.
//!
//! `OPERATIONS` maps every operationId to the name of its test; the last tests check that it
//! lists each of the spec's 54 operations once, that every operation of the examples fixture is
//! in it, and that each named test exists in this file exactly once.

use std::collections::BTreeSet;

use serde_json::Value;
use telnyx_porting::Binary;
use telnyx_porting::models::*;
use telnyx_porting::prelude::*;
use telnyx_porting_tests::{
    MockResponse, RecordedRequest, at, call, check, check_accept, json, uuid,
};

const FIXTURE: &str = include_str!("../fixtures/subset_examples.json");

/// The porting order of the spec's examples.
const ORDER: &str = "eef10fb8-f3df-4c67-97c5-e18179723222";
/// A second id, for children of an order (documents, jobs, blocks, ...).
const CHILD: &str = "f24151b6-3389-41d3-8747-7dd8c681e5e2";
/// A third id, for bodies that reference other resources.
const OTHER: &str = "40bc547a-7f96-4cd5-926a-da4842671e88";

/// A small PDF, as the PDF operations answer.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

fn order() -> PortingOrderId {
    PortingOrderId::from(uuid(ORDER))
}

fn fixture() -> Vec<Value> {
    match serde_json::from_str(FIXTURE) {
        Ok(Value::Array(entries)) => entries,
        other => panic!("the fixture is not a JSON array: {other:?}"),
    }
}

/// The spec's example response of `operation_id`, with its status.
fn spec_example(operation_id: &str) -> (u16, Value) {
    let entries = fixture();
    let Some(entry) = entries
        .iter()
        .find(|e| e["operationId"].as_str() == Some(operation_id))
    else {
        panic!("the fixture has no example for {operation_id}");
    };
    let status = entry["status"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status in the fixture for {operation_id}"));
    (status, entry["example"].clone())
}

/// Answers with the spec's example of `operation_id`.
fn spec(operation_id: &str) -> MockResponse {
    let (status, example) = spec_example(operation_id);
    MockResponse::json(status, &example)
}

/// Answers `status` with the JSON `body`.
fn respond(status: u16, body: &str) -> MockResponse {
    MockResponse::json(status, &json(body))
}

fn no_content() -> MockResponse {
    MockResponse::new(204)
}

fn pdf() -> MockResponse {
    MockResponse::new(200).body("application/pdf", PDF)
}

#[track_caller]
fn check_pdf(
    request: &RecordedRequest,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    check_accept(request, "application/pdf", method, path, query, body);
}

#[track_caller]
fn assert_pdf(binary: &Binary) {
    assert_eq!(&binary[..], PDF);
    assert_eq!(binary.content_type(), Some("application/pdf"));
}

fn loa_configuration() -> CreatePortingLoaConfiguration {
    CreatePortingLoaConfiguration::new(
        "My LOA Configuration",
        uuid(OTHER),
        "Telnyx",
        LoaAddressParams::new("600 Congress Avenue", "Austin", "TX", "78701", "US")
            .extended_address("14th Floor"),
        "testing@telnyx.com",
        "+12003270001",
    )
}

const LOA_CONFIGURATION_BODY: &str = r#"{"name":"My LOA Configuration","logo":{"document_id":"40bc547a-7f96-4cd5-926a-da4842671e88"},"company_name":"Telnyx","address":{"street_address":"600 Congress Avenue","extended_address":"14th Floor","city":"Austin","state":"TX","zip_code":"78701","country_code":"US"},"contact":{"email":"testing@telnyx.com","phone_number":"+12003270001"}}"#;

const LOA_CONFIGURATION: &str = r#"{
    "id": "f24151b6-3389-41d3-8747-7dd8c681e5e2",
    "name": "My LOA Configuration",
    "company_name": "Telnyx",
    "address": {"street_address": "600 Congress Avenue", "extended_address": "14th Floor",
                "city": "Austin", "state": "TX", "zip_code": "78701", "country_code": "US"},
    "contact": {"email": "testing@telnyx.com", "phone_number": "+12003270001"},
    "logo": {"document_id": "40bc547a-7f96-4cd5-926a-da4842671e88", "content_type": "image/png"},
    "organization_id": "f1486bae-f067-460c-ad43-73a92848f902",
    "created_at": "2021-03-19T10:07:15.527000Z",
    "updated_at": "2021-03-19T10:07:15.527000Z",
    "record_type": "porting_loa_configuration"
}"#;

fn data(item: &str) -> String {
    format!(r#"{{"data":{item}}}"#)
}

fn page(items: &str, number: u64, size: u64, total_pages: u64, total_results: u64) -> String {
    format!(
        r#"{{"data":[{items}],"meta":{{"page_number":{number},"page_size":{size},"total_pages":{total_pages},"total_results":{total_results}}}}}"#
    )
}

#[track_caller]
fn assert_loa_configuration(config: &PortingLoaConfiguration) {
    assert_eq!(config.id, Some(uuid(CHILD)));
    assert_eq!(config.name.as_deref(), Some("My LOA Configuration"));
    assert_eq!(config.company_name.as_deref(), Some("Telnyx"));
    assert_eq!(config.created_at, Some(at("2021-03-19T10:07:15.527Z")));
}

// ---------------------------------------------------------------------------------------------
// /portability_checks, /porting_phone_numbers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn post_portability_check() {
    let response = data(
        r#"[{"phone_number":"+13125550123","portable":true,"fast_portable":true,"not_portable_reason":"","record_type":"portability_check_result"},
            {"phone_number":"+13125550124","portable":false,"fast_portable":false,"not_portable_reason":"No coverage","record_type":"portability_check_result"}]"#,
    );
    let (checks, request) = call(respond(201, &response), |c| async move {
        let body = PostPortabilityCheck::new(["+13125550123", "+13125550124"]);
        c.portability_checks().run(&body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/portability_checks",
        None,
        Some(r#"{"phone_numbers":["+13125550123","+13125550124"]}"#),
    );
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0].phone_number.as_deref(), Some("+13125550123"));
    assert_eq!(checks[0].portable, Some(true));
    assert_eq!(checks[1].portable, Some(false));
    assert_eq!(
        checks[1].not_portable_reason.as_deref(),
        Some("No coverage")
    );
}

#[tokio::test]
async fn list_porting_phone_numbers() {
    let response = page(
        r#"{"activation_status":"Active","phone_number":"+13035550987","phone_number_type":"local","portability_status":"confirmed","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","porting_order_status":"in-process","record_type":"porting_phone_number","requirements_status":"approved","support_key":"sr_a12345"}"#,
        2,
        10,
        2,
        11,
    );
    let (numbers, request) = call(respond(200, &response), |c| async move {
        let query = ListPortingPhoneNumbersQuery::new().page(2, 10).filter(
            PortingPhoneNumbersFilter::new()
                .porting_order_status(PortingOrderStatusValue::InProcess),
        );
        c.porting_phone_numbers().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_phone_numbers",
        Some("page%5Bnumber%5D=2&page%5Bsize%5D=10&filter%5Bporting_order_status%5D=in-process"),
        None,
    );
    assert_eq!(numbers.len(), 1);
    let number = &numbers[0];
    assert_eq!(number.phone_number.as_deref(), Some("+13035550987"));
    assert_eq!(number.porting_order_id, Some(order()));
    assert_eq!(
        number.porting_order_status,
        Some(PortingOrderStatusValue::InProcess)
    );
    assert_eq!(
        number.portability_status,
        Some(PortabilityStatus::Confirmed)
    );
    assert_eq!(
        number.requirements_status,
        Some(RequirementsStatus::Approved)
    );
    let meta = numbers.meta.as_ref().expect("meta");
    assert_eq!((meta.page_number, meta.total_results), (Some(2), Some(11)));
}

// ---------------------------------------------------------------------------------------------
// /porting/events
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_porting_events() {
    let response = page(
        r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","event_type":"porting_order.status_changed","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","payload_status":"completed","available_notification_methods":["email","webhook"],"payload":{"id":"eef10fb8-f3df-4c67-97c5-e18179723222","customer_reference":"Test1234","support_key":"sr_123abc","status":{"value":"in-process","details":[]}},"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_event"},
           {"id":"40bc547a-7f96-4cd5-926a-da4842671e88","event_type":"porting_order.something_new","payload":{"x":1},"record_type":"porting_event"}"#,
        2,
        10,
        2,
        12,
    );
    let (events, request) = call(respond(200, &response), |c| async move {
        let query = ListPortingEventsQuery::new().page(2, 10).filter(
            PortingEventsFilter::new()
                .event_type(PortingEventType::StatusChanged)
                .porting_order_id(order()),
        );
        c.porting().events().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/events",
        Some(
            "page%5Bnumber%5D=2&page%5Bsize%5D=10&filter%5Btype%5D=porting_order.status_changed\
             &filter%5Bporting_order_id%5D=eef10fb8-f3df-4c67-97c5-e18179723222",
        ),
        None,
    );
    assert_eq!(events.len(), 2);
    match &events[0] {
        PortingEvent::StatusChanged(event) => {
            assert_eq!(event.id, Some(uuid(CHILD)));
            assert_eq!(event.porting_order_id, Some(order()));
            assert_eq!(event.payload_status, Some(PayloadStatus::Completed));
            let payload = event.payload.as_ref().expect("payload");
            assert_eq!(payload.customer_reference.as_deref(), Some("Test1234"));
            let status = payload.status.as_ref().and_then(|s| s.value.as_ref());
            assert_eq!(status, Some(&PortingOrderStatusValue::InProcess));
        }
        other => panic!("expected a status_changed event, got {other:?}"),
    }
    assert!(events[1].is_unknown());
    assert_eq!(events[1].event_type(), Some("porting_order.something_new"));
}

#[tokio::test]
async fn show_porting_event() {
    let response = data(
        r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","event_type":"porting_order.deleted","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","payload_status":"created","payload":{"id":"eef10fb8-f3df-4c67-97c5-e18179723222","customer_reference":"Test1234","deleted_at":"2021-03-19T10:07:15.527Z"},"record_type":"porting_event"}"#,
    );
    let (event, request) = call(respond(200, &response), |c| async move {
        c.porting().events().retrieve(uuid(CHILD)).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/events/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    match &event.data {
        PortingEvent::Deleted(event) => {
            assert_eq!(event.id, Some(uuid(CHILD)));
            let payload = event.payload.as_ref().expect("payload");
            assert_eq!(payload.id, Some(order()));
            assert_eq!(payload.deleted_at, Some(at("2021-03-19T10:07:15.527Z")));
        }
        other => panic!("expected a deleted event, got {other:?}"),
    }
}

#[tokio::test]
async fn republish_porting_event() {
    let ((), request) = call(no_content(), |c| async move {
        c.porting().events().republish(uuid(CHILD)).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting/events/f24151b6-3389-41d3-8747-7dd8c681e5e2/republish",
        None,
        None,
    );
}

// ---------------------------------------------------------------------------------------------
// /porting/loa_configurations
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_loa_configurations() {
    let response = page(LOA_CONFIGURATION, 3, 5, 3, 11);
    let (configs, request) = call(respond(200, &response), |c| async move {
        let query = ListLoaConfigurationsQuery::new().page(3, 5);
        c.porting().loa_configurations().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/loa_configurations",
        Some("page%5Bnumber%5D=3&page%5Bsize%5D=5"),
        None,
    );
    assert_eq!(configs.len(), 1);
    assert_loa_configuration(&configs[0]);
}

#[tokio::test]
async fn create_loa_configuration() {
    let (config, request) = call(respond(201, &data(LOA_CONFIGURATION)), |c| async move {
        c.porting()
            .loa_configurations()
            .create(&loa_configuration())
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting/loa_configurations",
        None,
        Some(LOA_CONFIGURATION_BODY),
    );
    assert_loa_configuration(&config);
}

#[tokio::test]
async fn preview_loa_configuration_params() {
    let (binary, request) = call(pdf(), |c| async move {
        c.porting()
            .loa_configurations()
            .preview(&loa_configuration())
            .await
    })
    .await;
    check_pdf(
        &request,
        "POST",
        "/v2/porting/loa_configurations/preview",
        None,
        Some(LOA_CONFIGURATION_BODY),
    );
    assert_pdf(&binary);
}

#[tokio::test]
async fn delete_loa_configuration() {
    let ((), request) = call(no_content(), |c| async move {
        c.porting().loa_configurations().delete(uuid(CHILD)).await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting/loa_configurations/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
}

#[tokio::test]
async fn get_loa_configuration() {
    let (config, request) = call(respond(200, &data(LOA_CONFIGURATION)), |c| async move {
        c.porting().loa_configurations().retrieve(uuid(CHILD)).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/loa_configurations/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_loa_configuration(&config);
    let address = config.address.as_ref().expect("address");
    assert_eq!(address.extended_address.as_deref(), Some("14th Floor"));
}

#[tokio::test]
async fn update_loa_configuration() {
    let (config, request) = call(respond(200, &data(LOA_CONFIGURATION)), |c| async move {
        c.porting()
            .loa_configurations()
            .update(uuid(CHILD), &loa_configuration())
            .await
    })
    .await;
    check(
        &request,
        "PATCH",
        "/v2/porting/loa_configurations/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        Some(LOA_CONFIGURATION_BODY),
    );
    assert_loa_configuration(&config);
}

#[tokio::test]
async fn preview_loa_configuration() {
    let (binary, request) = call(pdf(), |c| async move {
        c.porting()
            .loa_configurations()
            .preview_saved(uuid(CHILD))
            .await
    })
    .await;
    check_pdf(
        &request,
        "GET",
        "/v2/porting/loa_configurations/f24151b6-3389-41d3-8747-7dd8c681e5e2/preview",
        None,
        None,
    );
    assert_pdf(&binary);
}

// ---------------------------------------------------------------------------------------------
// /porting/reports, /porting/uk_carriers
// ---------------------------------------------------------------------------------------------

const REPORT: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","report_type":"export_porting_orders_csv","status":"completed","params":{"filters":{"status__in":["ported"]}},"document_id":"40bc547a-7f96-4cd5-926a-da4842671e88","created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_report"}"#;

#[tokio::test]
async fn list_porting_reports() {
    let response = page(REPORT, 1, 20, 1, 1);
    let (reports, request) = call(respond(200, &response), |c| async move {
        let query = ListPortingReportsQuery::new().page(1, 20).filter(
            PortingReportsFilter::new()
                .report_type(ReportType::ExportPortingOrdersCsv)
                .status(ReportStatus::Completed),
        );
        c.porting().reports().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/reports",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20\
             &filter%5Breport_type%5D=export_porting_orders_csv&filter%5Bstatus%5D=completed",
        ),
        None,
    );
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].id, Some(uuid(CHILD)));
    assert_eq!(reports[0].status, Some(ReportStatus::Completed));
    assert_eq!(reports[0].document_id, Some(uuid(OTHER)));
}

#[tokio::test]
async fn create_porting_report() {
    let response = data(
        r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","report_type":"export_porting_orders_csv","status":"pending","params":{"filters":{"created_at__gt":"2021-01-01T00:00:00Z","customer_reference__in":["Acct 123abc"],"status__in":["ported","cancelled"]}},"document_id":null,"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_report"}"#,
    );
    let (report, request) = call(respond(201, &response), |c| async move {
        let body = CreatePortingReport::export_porting_orders_csv(
            ExportPortingOrdersCsvFilters::new()
                .created_after(at("2021-01-01T00:00:00Z"))
                .customer_references(["Acct 123abc"])
                .statuses([
                    PortingOrderStatusValue::Ported,
                    PortingOrderStatusValue::Cancelled,
                ]),
        );
        c.porting().reports().create(&body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting/reports",
        None,
        Some(
            r#"{"report_type":"export_porting_orders_csv","params":{"filters":{"created_at__gt":"2021-01-01T00:00:00Z","customer_reference__in":["Acct 123abc"],"status__in":["ported","cancelled"]}}}"#,
        ),
    );
    assert_eq!(report.id, Some(uuid(CHILD)));
    assert_eq!(report.status, Some(ReportStatus::Pending));
    assert_eq!(report.document_id, None);
    let filters = &report.params.as_ref().expect("params").filters;
    assert_eq!(filters.created_at_gt, Some(at("2021-01-01T00:00:00Z")));
}

#[tokio::test]
async fn get_porting_report() {
    let (report, request) = call(respond(200, &data(REPORT)), |c| async move {
        c.porting().reports().retrieve(uuid(CHILD)).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting/reports/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_eq!(report.id, Some(uuid(CHILD)));
    assert_eq!(report.report_type, Some(ReportType::ExportPortingOrdersCsv));
    assert_eq!(report.status, Some(ReportStatus::Completed));
}

#[tokio::test]
async fn list_porting_uk_carriers() {
    let response = data(
        r#"[{"id":"96dfa9e4-c753-4fd3-97cd-42d66f26cf0c","name":"Telnyx UK Limited","cupid":"895","alternative_cupids":["896"],"created_at":"2021-03-19T10:07:15.527000Z","updated_at":"2021-03-19T10:07:15.527000Z","record_type":"porting_uk_carrier"}]"#,
    );
    let (carriers, request) = call(respond(200, &response), |c| async move {
        c.porting().uk_carriers().await
    })
    .await;
    check(&request, "GET", "/v2/porting/uk_carriers", None, None);
    assert_eq!(carriers.len(), 1);
    assert_eq!(
        carriers[0].id,
        Some(uuid("96dfa9e4-c753-4fd3-97cd-42d66f26cf0c"))
    );
    assert_eq!(carriers[0].name.as_deref(), Some("Telnyx UK Limited"));
    assert_eq!(carriers[0].cupid.as_deref(), Some("895"));
    assert_eq!(carriers[0].alternative_cupids, Some(vec!["896".to_owned()]));
}

// ---------------------------------------------------------------------------------------------
// /porting_orders
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn list_porting_orders() {
    // ListPortingOrders has no example of its own: its items are the spec's PortingOrder
    // examples (CreatePortingOrder's), in a page.
    let (_, created) = spec_example("CreatePortingOrder");
    let body = serde_json::json!({
        "data": created["data"],
        "meta": {"page_number": 2, "page_size": 10, "total_pages": 2, "total_results": 11},
    });
    let (orders, request) = call(MockResponse::json(200, &body), |c| async move {
        let query = ListPortingOrdersQuery::new()
            .page(2, 10)
            .include_phone_numbers(false)
            .filter(
                PortingOrdersFilter::new()
                    .customer_reference("abc")
                    .country_code("US"),
            )
            .sort(PortingOrdersSort::CreatedAtDesc);
        c.porting_orders().list(&query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders",
        Some(
            "page%5Bnumber%5D=2&page%5Bsize%5D=10&include_phone_numbers=false\
             &filter%5Bcustomer_reference%5D=abc&filter%5Bphone_numbers%5D%5Bcountry_code%5D=US\
             &sort%5Bvalue%5D=-created_at",
        ),
        None,
    );
    assert_eq!(orders.len(), 1);
    assert_eq!(
        orders[0].id,
        Some("b0ea6d6f-de31-4079-a536-992e0c98b037".parse().expect("id"))
    );
    assert_eq!(
        orders[0].status_value(),
        Some(&PortingOrderStatusValue::Draft)
    );
    let meta = orders.meta.as_ref().expect("meta");
    assert_eq!((meta.page_number, meta.total_pages), (Some(2), Some(2)));
}

#[tokio::test]
async fn create_porting_order() {
    let (created, request) = call(spec("CreatePortingOrder"), |c| async move {
        let body = CreatePortingOrder::new(["+13035550000", "+13035550001"])
            .customer_reference("Acct 123abc");
        c.porting_orders().create(&body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders",
        None,
        Some(
            r#"{"phone_numbers":["+13035550000","+13035550001"],"customer_reference":"Acct 123abc"}"#,
        ),
    );
    assert_eq!(created.len(), 1);
    assert_eq!(
        created[0].id,
        Some("b0ea6d6f-de31-4079-a536-992e0c98b037".parse().expect("id"))
    );
    assert_eq!(
        created[0].status_value(),
        Some(&PortingOrderStatusValue::Draft)
    );
}

#[tokio::test]
async fn list_exception_types() {
    let response = data(
        r#"[{"code":"ENTITY_NAME_MISMATCH","description":"Entity name does not match that on the CSR"},{"code":"SOMETHING_NEW","description":"A code added later"}]"#,
    );
    let (types, request) = call(respond(200, &response), |c| async move {
        c.porting_orders().exception_types().await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/exception_types",
        None,
        None,
    );
    assert_eq!(types.len(), 2);
    assert_eq!(
        types[0].code,
        Some(PortingOrdersExceptionCode::EntityNameMismatch)
    );
    assert_eq!(
        types[0].description.as_deref(),
        Some("Entity name does not match that on the CSR")
    );
    assert_eq!(
        types[1].code,
        Some(PortingOrdersExceptionCode::from("SOMETHING_NEW"))
    );
}

const PHONE_NUMBER_CONFIGURATION: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","porting_phone_number_id":"40bc547a-7f96-4cd5-926a-da4842671e88","user_bundle_id":"daa4308e-742f-4867-97f2-3073db13319a","created_at":"2021-03-19T10:07:15.527000Z","updated_at":"2021-03-19T10:07:15.527000Z","record_type":"porting_phone_number_configuration"}"#;

#[tokio::test]
async fn list_phone_number_configurations() {
    let response = page(PHONE_NUMBER_CONFIGURATION, 1, 20, 1, 1);
    let (configurations, request) = call(respond(200, &response), |c| async move {
        let query = ListPhoneNumberConfigurationsQuery::new()
            .page(1, 20)
            .filter(
                PhoneNumberConfigurationsFilter::new()
                    .porting_order_status([
                        PortingOrderStatusValue::InProcess,
                        PortingOrderStatusValue::Submitted,
                    ])
                    .user_bundle_id([uuid(CHILD), uuid(OTHER)]),
            )
            .sort(CreatedAtSort::CreatedAt);
        c.porting_orders()
            .phone_number_configurations()
            .list(&query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/phone_number_configurations",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20\
             &filter%5Bporting_order%5D%5Bstatus%5D=in-process%2Csubmitted\
             &filter%5Buser_bundle_id%5D=f24151b6-3389-41d3-8747-7dd8c681e5e2%2C40bc547a-7f96-4cd5-926a-da4842671e88\
             &sort%5Bvalue%5D=created_at",
        ),
        None,
    );
    assert_eq!(configurations.len(), 1);
    assert_eq!(configurations[0].id, Some(uuid(CHILD)));
    assert_eq!(
        configurations[0].user_bundle_id,
        Some(uuid("daa4308e-742f-4867-97f2-3073db13319a"))
    );
}

#[tokio::test]
async fn create_phone_number_configurations() {
    let response = format!(r#"{{"data":[{PHONE_NUMBER_CONFIGURATION}]}}"#);
    let (configurations, request) = call(respond(201, &response), |c| async move {
        let body = CreatePhoneNumberConfigurations::new()
            .configure(uuid(OTHER), uuid("daa4308e-742f-4867-97f2-3073db13319a"));
        c.porting_orders()
            .phone_number_configurations()
            .create(&body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/phone_number_configurations",
        None,
        Some(
            r#"{"phone_number_configurations":[{"porting_phone_number_id":"40bc547a-7f96-4cd5-926a-da4842671e88","user_bundle_id":"daa4308e-742f-4867-97f2-3073db13319a"}]}"#,
        ),
    );
    assert_eq!(configurations.len(), 1);
    assert_eq!(configurations[0].porting_phone_number_id, Some(uuid(OTHER)));
}

#[tokio::test]
async fn delete_porting_order() {
    let ((), request) = call(no_content(), |c| async move {
        c.porting_orders().delete(order()).await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222",
        None,
        None,
    );
}

#[tokio::test]
async fn get_porting_order() {
    // GetPortingOrder has no example of its own; UpdatePortingOrder's is the same schema
    // (PortingOrder with its meta).
    let (status, example) = spec_example("UpdatePortingOrder");
    let (response, request) = call(MockResponse::json(status, &example), |c| async move {
        let query = RetrievePortingOrderQuery::new().include_phone_numbers(false);
        c.porting_orders().retrieve_with(order(), &query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222",
        Some("include_phone_numbers=false"),
        None,
    );
    // Without a query: `retrieve(id)` sends none.
    let (plain, request) = call(MockResponse::json(status, &example), |c| async move {
        c.porting_orders().retrieve(order()).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222",
        None,
        None,
    );
    assert_eq!(plain.id, Some(order()));
    assert_eq!(response.id, Some(order()));
    assert_eq!(response.customer_reference.as_deref(), Some("Test1234"));
    assert_eq!(
        response.status_value(),
        Some(&PortingOrderStatusValue::Draft)
    );
    let meta = response.meta.as_ref().expect("meta");
    assert_eq!(
        meta.phone_numbers_url.as_deref(),
        Some(
            "/v2/porting_phone_numbers?filter[porting_order_id]=eef10fb8-f3df-4c67-97c5-e18179723222"
        )
    );
}

#[tokio::test]
async fn update_porting_order() {
    let (response, request) = call(spec("UpdatePortingOrder"), |c| async move {
        let body = UpdatePortingOrder::new()
            .customer_reference("Test1234")
            .foc_datetime_requested(at("2022-04-08T15:00:00Z"))
            .end_user(
                UpdatePortingOrderEndUser::new().admin(
                    UpdatePortingOrderEndUserAdmin::new()
                        .entity_name("Porter McPortersen")
                        .clear_pin_passcode(),
                ),
            )
            .clear_misc()
            .webhook_url("https://example.com/porting_webhooks");
        c.porting_orders().update(order(), &body).await
    })
    .await;
    check(
        &request,
        "PATCH",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222",
        None,
        Some(
            r#"{"customer_reference":"Test1234","activation_settings":{"foc_datetime_requested":"2022-04-08T15:00:00Z"},"end_user":{"admin":{"entity_name":"Porter McPortersen","pin_passcode":null}},"misc":null,"webhook_url":"https://example.com/porting_webhooks"}"#,
        ),
    );
    assert_eq!(response.id, Some(order()));
    assert_eq!(response.customer_reference.as_deref(), Some("Test1234"));
    assert_eq!(
        response.status_value(),
        Some(&PortingOrderStatusValue::Draft)
    );
}

const ACTIVATION_JOB: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","status":"created","activation_type":"scheduled","activate_at":"2021-03-19T10:07:15.527Z","activation_windows":[{"start_at":"2021-03-19T10:00:00Z","end_at":"2021-03-19T12:00:00Z"}],"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_activation_job"}"#;

#[track_caller]
fn assert_activation_job(job: &PortingOrdersActivationJob) {
    assert_eq!(job.id, Some(uuid(CHILD)));
    assert_eq!(job.status, Some(ActivationJobStatus::Created));
    assert_eq!(job.activation_type, Some(ActivationType::Scheduled));
    assert_eq!(job.activate_at, Some(at("2021-03-19T10:07:15.527Z")));
}

#[tokio::test]
async fn activate_porting_order() {
    let (job, request) = call(respond(202, &data(ACTIVATION_JOB)), |c| async move {
        c.porting_orders().actions().activate(order()).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/actions/activate",
        None,
        None,
    );
    assert_activation_job(&job);
}

#[tokio::test]
async fn cancel_porting_order() {
    let (response, request) = call(spec("CancelPortingOrder"), |c| async move {
        c.porting_orders().actions().cancel(order()).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/actions/cancel",
        None,
        None,
    );
    assert_eq!(response.id, Some(order()));
    assert_eq!(
        response.status_value(),
        Some(&PortingOrderStatusValue::CancelPending)
    );
}

#[tokio::test]
async fn confirm_porting_order() {
    let (response, request) = call(spec("ConfirmPortingOrder"), |c| async move {
        c.porting_orders().actions().confirm(order()).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/actions/confirm",
        None,
        None,
    );
    assert_eq!(response.id, Some(order()));
    assert_eq!(
        response.status_value(),
        Some(&PortingOrderStatusValue::InProcess)
    );
}

#[tokio::test]
async fn share_porting_order() {
    let (token, request) = call(spec("SharePortingOrder"), |c| async move {
        let body = SharePortingOrder::new()
            .expires_in_seconds(3600)
            .permissions(SharingTokenPermission::DocumentRead);
        c.porting_orders().actions().share(order(), &body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/actions/share",
        None,
        Some(r#"{"expires_in_seconds":3600,"permissions":"porting_order.document.read"}"#),
    );
    assert_eq!(token.id, Some(uuid("03a35311-ad92-46b3-95d7-8ad6dccf2d7c")));
    assert_eq!(token.expires_in_seconds, Some(3600));
    assert_eq!(
        token.permissions,
        Some(vec![
            SharingTokenPermission::DocumentRead,
            SharingTokenPermission::DocumentUpdate
        ])
    );
    assert!(token.token.as_deref().is_some_and(|t| t.starts_with("eyJ")));
}

#[tokio::test]
async fn list_porting_order_activation_jobs() {
    let response = page(ACTIVATION_JOB, 2, 1, 3, 3);
    let (jobs, request) = call(respond(200, &response), |c| async move {
        let query = ListActivationJobsQuery::new().page(2, 1);
        c.porting_orders()
            .activation_jobs()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/activation_jobs",
        Some("page%5Bnumber%5D=2&page%5Bsize%5D=1"),
        None,
    );
    assert_eq!(jobs.len(), 1);
    assert_activation_job(&jobs[0]);
}

#[tokio::test]
async fn get_porting_orders_activation_job() {
    let (job, request) = call(respond(200, &data(ACTIVATION_JOB)), |c| async move {
        c.porting_orders()
            .activation_jobs()
            .retrieve(order(), uuid(CHILD))
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/activation_jobs/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_activation_job(&job);
}

#[tokio::test]
async fn update_porting_orders_activation_job() {
    let (job, request) = call(respond(200, &data(ACTIVATION_JOB)), |c| async move {
        let body = UpdatePortingOrdersActivationJob::new(at("2021-03-19T10:07:15.527Z"));
        c.porting_orders()
            .activation_jobs()
            .update(order(), uuid(CHILD), &body)
            .await
    })
    .await;
    check(
        &request,
        "PATCH",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/activation_jobs/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        Some(r#"{"activate_at":"2021-03-19T10:07:15.527Z"}"#),
    );
    assert_activation_job(&job);
}

#[tokio::test]
async fn list_additional_documents() {
    let (documents, request) = call(spec("ListAdditionalDocuments"), |c| async move {
        let query = ListAdditionalDocumentsQuery::new()
            .page(1, 25)
            .filter(
                AdditionalDocumentsFilter::new()
                    .document_type([AdditionalDocumentType::Loa, AdditionalDocumentType::Invoice]),
            )
            .sort(CreatedAtSort::CreatedAtDesc);
        c.porting_orders()
            .additional_documents()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/additional_documents",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=25&filter%5Bdocument_type%5D=loa%2Cinvoice\
             &sort%5Bvalue%5D=-created_at",
        ),
        None,
    );
    assert_eq!(documents.len(), 1);
    assert_eq!(
        documents[0].id,
        Some(uuid("2acd1061-33cb-49b8-8014-beb6dc3fedbf"))
    );
    assert_eq!(documents[0].document_id, Some(uuid(OTHER)));
    assert_eq!(
        documents[0].document_type,
        Some(AdditionalDocumentType::Loa)
    );
    let meta = documents.meta.as_ref().expect("meta");
    assert_eq!((meta.page_number, meta.total_results), (Some(1), Some(1)));
}

#[tokio::test]
async fn create_additional_documents() {
    let (documents, request) = call(spec("CreateAdditionalDocuments"), |c| async move {
        let body = CreateAdditionalDocuments::new()
            .document(uuid(OTHER), AdditionalDocumentType::Loa)
            .document(uuid(CHILD), AdditionalDocumentType::Invoice);
        c.porting_orders()
            .additional_documents()
            .create(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/additional_documents",
        None,
        Some(
            r#"{"additional_documents":[{"document_id":"40bc547a-7f96-4cd5-926a-da4842671e88","document_type":"loa"},{"document_id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","document_type":"invoice"}]}"#,
        ),
    );
    assert_eq!(documents.len(), 1);
    assert_eq!(
        documents[0].id,
        Some(uuid("2acd1061-33cb-49b8-8014-beb6dc3fedbf"))
    );
    assert_eq!(
        documents[0].document_type,
        Some(AdditionalDocumentType::Loa)
    );
}

#[tokio::test]
async fn delete_additional_document() {
    let ((), request) = call(no_content(), |c| async move {
        c.porting_orders()
            .additional_documents()
            .delete(order(), uuid(CHILD))
            .await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/additional_documents/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
}

#[tokio::test]
async fn list_allowed_foc_windows() {
    let response = page(
        r#"{"started_at":"2021-03-19T10:07:15.527Z","ended_at":"2021-03-20T10:07:15.527Z","record_type":"porting_order"}"#,
        1,
        20,
        1,
        1,
    );
    let (windows, request) = call(respond(200, &response), |c| async move {
        c.porting_orders().allowed_foc_windows(order()).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/allowed_foc_windows",
        None,
        None,
    );
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0].started_at, Some(at("2021-03-19T10:07:15.527Z")));
    assert_eq!(windows[0].ended_at, Some(at("2021-03-20T10:07:15.527Z")));
}

const COMMENT: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","body":"Please expedite","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","user_type":"user","created_at":"2021-03-19T10:07:15.527Z","record_type":"porting_comment"}"#;

#[tokio::test]
async fn list_porting_order_comments() {
    let response = page(COMMENT, 3, 10, 3, 21);
    let (comments, request) = call(respond(200, &response), |c| async move {
        let query = ListCommentsQuery::new().page(3, 10);
        c.porting_orders().comments().list(order(), &query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/comments",
        Some("page%5Bnumber%5D=3&page%5Bsize%5D=10"),
        None,
    );
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].id, Some(uuid(CHILD)));
    assert_eq!(comments[0].body.as_deref(), Some("Please expedite"));
    assert_eq!(comments[0].user_type, Some(CommentUserType::User));
}

#[tokio::test]
async fn create_porting_order_comment() {
    let (comment, request) = call(respond(201, &data(COMMENT)), |c| async move {
        let body = CreatePortingOrderComment::new("Please expedite");
        c.porting_orders().comments().create(order(), &body).await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/comments",
        None,
        Some(r#"{"body":"Please expedite"}"#),
    );
    assert_eq!(comment.id, Some(uuid(CHILD)));
    assert_eq!(comment.porting_order_id, Some(order()));
}

#[tokio::test]
async fn get_porting_order_loa_template() {
    let (binary, request) = call(pdf(), |c| async move {
        let query = LoaTemplateQuery::new().loa_configuration_id(uuid(CHILD));
        c.porting_orders().loa_template_with(order(), &query).await
    })
    .await;
    check_pdf(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/loa_template",
        Some("loa_configuration_id=f24151b6-3389-41d3-8747-7dd8c681e5e2"),
        None,
    );
    assert_pdf(&binary);
    // Without a query: `loa_template(id)` sends none.
    let (binary, request) = call(pdf(), |c| async move {
        c.porting_orders().loa_template(order()).await
    })
    .await;
    check_pdf(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/loa_template",
        None,
        None,
    );
    assert_pdf(&binary);
}

#[tokio::test]
async fn list_porting_order_requirements() {
    let response = page(
        r#"{"field_type":"document","field_value":"9787fb5f-cbe5-4de4-b765-3303774ee9fe","requirement_status":"approved","requirement_type":{"id":"53970723-fbff-4f46-a975-f62be6c1a585","name":"Latest Invoice","type":"document"},"record_type":"porting_requirement"}"#,
        1,
        20,
        1,
        1,
    );
    let (requirements, request) = call(respond(200, &response), |c| async move {
        let query = ListRequirementsQuery::new().page(1, 20);
        c.porting_orders().requirements(order(), &query).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/requirements",
        Some("page%5Bnumber%5D=1&page%5Bsize%5D=20"),
        None,
    );
    assert_eq!(requirements.len(), 1);
    let requirement = &requirements[0];
    assert_eq!(
        requirement.field_type,
        Some(RequirementDetailFieldType::Document)
    );
    assert_eq!(
        requirement.field_value.as_deref(),
        Some("9787fb5f-cbe5-4de4-b765-3303774ee9fe")
    );
    assert_eq!(
        requirement.requirement_status,
        Some(RequirementsStatus::Approved)
    );
    assert!(requirement.requirement_type.is_some());
}

#[tokio::test]
async fn get_porting_order_sub_request() {
    let response = data(
        r#"{"port_request_id":"59b0762a-b274-4f76-ac32-4d5cf0272e66","sub_request_id":"9787fb5f-cbe5-4de4-b765-3303774ee9fe"}"#,
    );
    let (sub_request, request) = call(respond(200, &response), |c| async move {
        c.porting_orders().sub_request(order()).await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/sub_request",
        None,
        None,
    );
    assert_eq!(
        sub_request.port_request_id.as_deref(),
        Some("59b0762a-b274-4f76-ac32-4d5cf0272e66")
    );
    assert_eq!(
        sub_request.sub_request_id.as_deref(),
        Some("9787fb5f-cbe5-4de4-b765-3303774ee9fe")
    );
}

// ---------------------------------------------------------------------------------------------
// /porting_orders/{id}/verification_codes
// ---------------------------------------------------------------------------------------------

#[track_caller]
fn assert_verification_codes(codes: &[PortingVerificationCode]) {
    assert_eq!(codes.len(), 2);
    assert_eq!(
        codes[0].id,
        Some(uuid("52090326-6533-4421-bcf4-bd0117cf3954"))
    );
    assert_eq!(codes[0].phone_number.as_deref(), Some("+61424000001"));
    assert_eq!(codes[0].verified, Some(true));
    assert_eq!(codes[1].phone_number.as_deref(), Some("+61424000002"));
    assert_eq!(codes[1].verified, Some(false));
}

#[tokio::test]
async fn list_verification_codes() {
    let (codes, request) = call(spec("ListVerificationCodes"), |c| async move {
        let query = ListVerificationCodesQuery::new()
            .page(1, 2)
            .filter_verified(true)
            .sort(CreatedAtSort::CreatedAt);
        c.porting_orders()
            .verification_codes()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/verification_codes",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=2&filter%5Bverified%5D=true&sort%5Bvalue%5D=created_at",
        ),
        None,
    );
    assert_verification_codes(&codes);
    let meta = codes.meta.as_ref().expect("meta");
    assert_eq!((meta.page_size, meta.total_results), (Some(2), Some(2)));
}

#[tokio::test]
async fn send_porting_verification_codes() {
    let ((), request) = call(no_content(), |c| async move {
        let body = SendPortingVerificationCodes::new(
            ["+61424000001", "+61424000002"],
            VerificationMethod::Sms,
        );
        c.porting_orders()
            .verification_codes()
            .send(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/verification_codes/send",
        None,
        Some(r#"{"phone_numbers":["+61424000001","+61424000002"],"verification_method":"sms"}"#),
    );
}

#[tokio::test]
async fn verify_porting_verification_codes() {
    let (codes, request) = call(spec("VerifyPortingVerificationCodes"), |c| async move {
        let body = VerifyPortingVerificationCodes::new()
            .code("+61424000001", "12345")
            .code("+61424000002", "54321");
        c.porting_orders()
            .verification_codes()
            .verify(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/verification_codes/verify",
        None,
        Some(
            r#"{"verification_codes":[{"code":"12345","phone_number":"+61424000001"},{"code":"54321","phone_number":"+61424000002"}]}"#,
        ),
    );
    assert_verification_codes(&codes);
}

// ---------------------------------------------------------------------------------------------
// /porting_orders/{porting_order_id}/action_requirements
// ---------------------------------------------------------------------------------------------

const ACTION_REQUIREMENT: &str = r#"{"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","action_type":"au_id_verification","action_url":"https://example.com/action","cancel_reason":null,"requirement_type_id":"53970723-fbff-4f46-a975-f62be6c1a585","status":"pending","created_at":"2018-02-02T22:25:27.521Z","updated_at":"2018-02-02T22:25:27.521Z","record_type":"porting_action_requirement"}"#;

#[tokio::test]
async fn list_porting_action_requirements() {
    let response = page(ACTION_REQUIREMENT, 1, 20, 1, 1);
    let (requirements, request) = call(respond(200, &response), |c| async move {
        let query = ListActionRequirementsQuery::new()
            .page(1, 20)
            .filter(
                ActionRequirementsFilter::new()
                    .id([uuid(CHILD), uuid(OTHER)])
                    .status(ActionRequirementStatus::Pending),
            )
            .sort(ActionRequirementsSort::UpdatedAtDesc);
        c.porting_orders()
            .action_requirements()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/action_requirements",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20\
             &filter%5Bid%5D=f24151b6-3389-41d3-8747-7dd8c681e5e2%2C40bc547a-7f96-4cd5-926a-da4842671e88\
             &filter%5Bstatus%5D=pending&sort%5Bvalue%5D=-updated_at",
        ),
        None,
    );
    assert_eq!(requirements.len(), 1);
    assert_eq!(
        requirements[0].id.as_deref(),
        Some("6a09cdc3-8948-47f0-aa62-74ac943d6c58")
    );
    assert_eq!(
        requirements[0].status,
        Some(ActionRequirementStatus::Pending)
    );
    assert_eq!(requirements[0].cancel_reason, None);
}

#[tokio::test]
async fn initiate_porting_action_requirement() {
    let (requirement, request) = call(respond(200, &data(ACTION_REQUIREMENT)), |c| async move {
        let body =
            InitiatePortingActionRequirement::new(AuIdVerificationParams::new("John", "Doe"));
        c.porting_orders()
            .action_requirements()
            .initiate(order(), "6a09cdc3-8948-47f0-aa62-74ac943d6c58", &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/action_requirements/6a09cdc3-8948-47f0-aa62-74ac943d6c58/initiate",
        None,
        Some(r#"{"params":{"first_name":"John","last_name":"Doe"}}"#),
    );
    assert_eq!(
        requirement.id.as_deref(),
        Some("6a09cdc3-8948-47f0-aa62-74ac943d6c58")
    );
    assert_eq!(
        requirement.action_url.as_deref(),
        Some("https://example.com/action")
    );
    assert_eq!(requirement.status, Some(ActionRequirementStatus::Pending));
}

// ---------------------------------------------------------------------------------------------
// /porting_orders/{porting_order_id}/associated_phone_numbers
// ---------------------------------------------------------------------------------------------

const ASSOCIATED: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","porting_order_id":"eef10fb8-f3df-4c67-97c5-e18179723222","action":"keep","country_code":"GB","phone_number_type":"local","phone_number_range":{"start_at":"+441234567890","end_at":"+441234567899"},"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_associated_phone_number"}"#;

#[track_caller]
fn assert_associated(number: &PortingAssociatedPhoneNumber) {
    assert_eq!(number.id, Some(uuid(CHILD)));
    assert_eq!(number.porting_order_id, Some(order()));
    assert_eq!(number.action, Some(AssociatedPhoneNumberAction::Keep));
    assert_eq!(number.phone_number_type, Some(PhoneNumberType::Local));
    let range = number.phone_number_range.as_ref().expect("range");
    assert_eq!(range.start_at.as_deref(), Some("+441234567890"));
    assert_eq!(range.end_at.as_deref(), Some("+441234567899"));
}

#[tokio::test]
async fn list_porting_associated_phone_numbers() {
    let response = page(ASSOCIATED, 1, 20, 1, 1);
    let (numbers, request) = call(respond(200, &response), |c| async move {
        let query = ListAssociatedPhoneNumbersQuery::new()
            .page(1, 20)
            .filter(
                AssociatedPhoneNumbersFilter::new()
                    .phone_number("+441234567890")
                    .action(AssociatedPhoneNumberAction::Keep),
            )
            .sort(CreatedAtSort::CreatedAtDesc);
        c.porting_orders()
            .associated_phone_numbers()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/associated_phone_numbers",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20&filter%5Bphone_number%5D=%2B441234567890\
             &filter%5Baction%5D=keep&sort%5Bvalue%5D=-created_at",
        ),
        None,
    );
    assert_eq!(numbers.len(), 1);
    assert_associated(&numbers[0]);
}

#[tokio::test]
async fn create_porting_associated_phone_number() {
    let (number, request) = call(respond(201, &data(ASSOCIATED)), |c| async move {
        let body = CreatePortingAssociatedPhoneNumber::new(
            AssociatedPhoneNumberAction::Keep,
            PhoneNumberRangeParams::new("+441234567890", "+441234567899"),
        );
        c.porting_orders()
            .associated_phone_numbers()
            .create(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/associated_phone_numbers",
        None,
        Some(
            r#"{"action":"keep","phone_number_range":{"start_at":"+441234567890","end_at":"+441234567899"}}"#,
        ),
    );
    assert_associated(&number);
}

#[tokio::test]
async fn delete_porting_associated_phone_number() {
    let (number, request) = call(respond(200, &data(ASSOCIATED)), |c| async move {
        c.porting_orders()
            .associated_phone_numbers()
            .delete(order(), uuid(CHILD))
            .await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/associated_phone_numbers/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_associated(&number);
}

// ---------------------------------------------------------------------------------------------
// /porting_orders/{porting_order_id}/phone_number_blocks
// ---------------------------------------------------------------------------------------------

const BLOCK: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","country_code":"DE","phone_number_type":"local","phone_number_range":{"start_at":"+4930244999900","end_at":"+4930244999910"},"activation_ranges":[{"start_at":"+4930244999901","end_at":"+4930244999910"}],"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_phone_number_block"}"#;

#[track_caller]
fn assert_block(block: &PortingPhoneNumberBlock) {
    assert_eq!(block.id, Some(uuid(CHILD)));
    assert_eq!(block.country_code.as_deref(), Some("DE"));
    let range = block.phone_number_range.as_ref().expect("range");
    assert_eq!(range.start_at.as_deref(), Some("+4930244999900"));
    let activation = block.activation_ranges.as_deref().unwrap_or_default();
    assert_eq!(activation.len(), 1);
    assert_eq!(activation[0].end_at.as_deref(), Some("+4930244999910"));
}

#[tokio::test]
async fn list_porting_phone_number_blocks() {
    let response = page(BLOCK, 1, 20, 1, 1);
    let (blocks, request) = call(respond(200, &response), |c| async move {
        let query = ListPhoneNumberBlocksQuery::new()
            .page(1, 20)
            .filter(
                PhoneNumberBlocksFilter::new()
                    .status([
                        PortingOrderStatusValue::InProcess,
                        PortingOrderStatusValue::Submitted,
                    ])
                    .phone_number(["+4930244999900", "+4930244999901"]),
            )
            .sort(CreatedAtSort::CreatedAt);
        c.porting_orders()
            .phone_number_blocks()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_blocks",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20&filter%5Bstatus%5D=in-process%2Csubmitted\
             &filter%5Bphone_number%5D=%2B4930244999900%2C%2B4930244999901\
             &sort%5Bvalue%5D=created_at",
        ),
        None,
    );
    assert_eq!(blocks.len(), 1);
    assert_block(&blocks[0]);
}

#[tokio::test]
async fn create_porting_phone_number_block() {
    let (block, request) = call(respond(201, &data(BLOCK)), |c| async move {
        let body = CreatePortingPhoneNumberBlock::new(
            PhoneNumberRangeParams::new("+4930244999900", "+4930244999910"),
            [PhoneNumberRangeParams::new(
                "+4930244999901",
                "+4930244999910",
            )],
        );
        c.porting_orders()
            .phone_number_blocks()
            .create(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_blocks",
        None,
        Some(
            r#"{"phone_number_range":{"start_at":"+4930244999900","end_at":"+4930244999910"},"activation_ranges":[{"start_at":"+4930244999901","end_at":"+4930244999910"}]}"#,
        ),
    );
    assert_block(&block);
}

#[tokio::test]
async fn delete_porting_phone_number_block() {
    let (block, request) = call(respond(200, &data(BLOCK)), |c| async move {
        c.porting_orders()
            .phone_number_blocks()
            .delete(order(), uuid(CHILD))
            .await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_blocks/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_block(&block);
}

// ---------------------------------------------------------------------------------------------
// /porting_orders/{porting_order_id}/phone_number_extensions
// ---------------------------------------------------------------------------------------------

const EXTENSION: &str = r#"{"id":"f24151b6-3389-41d3-8747-7dd8c681e5e2","porting_phone_number_id":"40bc547a-7f96-4cd5-926a-da4842671e88","extension_range":{"start_at":1,"end_at":10},"activation_ranges":[{"start_at":1,"end_at":5}],"created_at":"2021-03-19T10:07:15.527Z","updated_at":"2021-03-19T10:07:15.527Z","record_type":"porting_phone_number_extension"}"#;

#[track_caller]
fn assert_extension(extension: &PortingPhoneNumberExtension) {
    assert_eq!(extension.id, Some(uuid(CHILD)));
    assert_eq!(extension.porting_phone_number_id, Some(uuid(OTHER)));
    let range = extension.extension_range.as_ref().expect("range");
    assert_eq!((range.start_at, range.end_at), (Some(1), Some(10)));
    let activation = extension.activation_ranges.as_deref().unwrap_or_default();
    assert_eq!(activation.len(), 1);
    assert_eq!(activation[0].end_at, Some(5));
}

#[tokio::test]
async fn list_porting_phone_number_extensions() {
    let response = page(EXTENSION, 1, 20, 1, 1);
    let (extensions, request) = call(respond(200, &response), |c| async move {
        let query = ListPhoneNumberExtensionsQuery::new()
            .page(1, 20)
            .filter(PhoneNumberExtensionsFilter::new().porting_phone_number_id(uuid(OTHER)))
            .sort(CreatedAtSort::CreatedAtDesc);
        c.porting_orders()
            .phone_number_extensions()
            .list(order(), &query)
            .await
    })
    .await;
    check(
        &request,
        "GET",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_extensions",
        Some(
            "page%5Bnumber%5D=1&page%5Bsize%5D=20\
             &filter%5Bporting_phone_number_id%5D=40bc547a-7f96-4cd5-926a-da4842671e88\
             &sort%5Bvalue%5D=-created_at",
        ),
        None,
    );
    assert_eq!(extensions.len(), 1);
    assert_extension(&extensions[0]);
}

#[tokio::test]
async fn create_porting_phone_number_extension() {
    let (extension, request) = call(respond(201, &data(EXTENSION)), |c| async move {
        let body = CreatePortingPhoneNumberExtension::new(
            uuid(OTHER),
            ExtensionRangeParams::new(1, 10),
            [ExtensionRangeParams::new(1, 5)],
        );
        c.porting_orders()
            .phone_number_extensions()
            .create(order(), &body)
            .await
    })
    .await;
    check(
        &request,
        "POST",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_extensions",
        None,
        Some(
            r#"{"porting_phone_number_id":"40bc547a-7f96-4cd5-926a-da4842671e88","extension_range":{"start_at":1,"end_at":10},"activation_ranges":[{"start_at":1,"end_at":5}]}"#,
        ),
    );
    assert_extension(&extension);
}

#[tokio::test]
async fn delete_porting_phone_number_extension() {
    let (extension, request) = call(respond(200, &data(EXTENSION)), |c| async move {
        c.porting_orders()
            .phone_number_extensions()
            .delete(order(), uuid(CHILD))
            .await
    })
    .await;
    check(
        &request,
        "DELETE",
        "/v2/porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222/phone_number_extensions/f24151b6-3389-41d3-8747-7dd8c681e5e2",
        None,
        None,
    );
    assert_extension(&extension);
}

// ---------------------------------------------------------------------------------------------
// Every operation has its test.
// ---------------------------------------------------------------------------------------------

/// Every operation of the subset spec, and the test above that covers it.
const OPERATIONS: &[(&str, &str)] = &[
    ("PostPortabilityCheck", "post_portability_check"),
    ("listPortingEvents", "list_porting_events"),
    ("showPortingEvent", "show_porting_event"),
    ("republishPortingEvent", "republish_porting_event"),
    ("ListLoaConfigurations", "list_loa_configurations"),
    ("CreateLoaConfiguration", "create_loa_configuration"),
    (
        "PreviewLoaConfigurationParams",
        "preview_loa_configuration_params",
    ),
    ("DeleteLoaConfiguration", "delete_loa_configuration"),
    ("GetLoaConfiguration", "get_loa_configuration"),
    ("UpdateLoaConfiguration", "update_loa_configuration"),
    ("PreviewLoaConfiguration", "preview_loa_configuration"),
    ("ListPortingReports", "list_porting_reports"),
    ("CreatePortingReport", "create_porting_report"),
    ("GetPortingReport", "get_porting_report"),
    ("listPortingUKCarriers", "list_porting_uk_carriers"),
    ("ListPortingOrders", "list_porting_orders"),
    ("CreatePortingOrder", "create_porting_order"),
    ("ListExceptionTypes", "list_exception_types"),
    (
        "ListPhoneNumberConfigurations",
        "list_phone_number_configurations",
    ),
    (
        "CreatePhoneNumberConfigurations",
        "create_phone_number_configurations",
    ),
    ("DeletePortingOrder", "delete_porting_order"),
    ("GetPortingOrder", "get_porting_order"),
    ("UpdatePortingOrder", "update_porting_order"),
    ("ActivatePortingOrder", "activate_porting_order"),
    ("CancelPortingOrder", "cancel_porting_order"),
    ("ConfirmPortingOrder", "confirm_porting_order"),
    ("SharePortingOrder", "share_porting_order"),
    (
        "ListPortingOrderActivationJobs",
        "list_porting_order_activation_jobs",
    ),
    (
        "GetPortingOrdersActivationJob",
        "get_porting_orders_activation_job",
    ),
    (
        "UpdatePortingOrdersActivationJob",
        "update_porting_orders_activation_job",
    ),
    ("ListAdditionalDocuments", "list_additional_documents"),
    ("CreateAdditionalDocuments", "create_additional_documents"),
    ("DeleteAdditionalDocument", "delete_additional_document"),
    ("ListAllowedFocWindows", "list_allowed_foc_windows"),
    ("ListPortingOrderComments", "list_porting_order_comments"),
    ("CreatePortingOrderComment", "create_porting_order_comment"),
    (
        "GetPortingOrderLoaTemplate",
        "get_porting_order_loa_template",
    ),
    (
        "ListPortingOrderRequirements",
        "list_porting_order_requirements",
    ),
    ("GetPortingOrderSubRequest", "get_porting_order_sub_request"),
    ("ListVerificationCodes", "list_verification_codes"),
    (
        "SendPortingVerificationCodes",
        "send_porting_verification_codes",
    ),
    (
        "VerifyPortingVerificationCodes",
        "verify_porting_verification_codes",
    ),
    (
        "listPortingActionRequirements",
        "list_porting_action_requirements",
    ),
    (
        "initiatePortingActionRequirement",
        "initiate_porting_action_requirement",
    ),
    (
        "listPortingAssociatedPhoneNumbers",
        "list_porting_associated_phone_numbers",
    ),
    (
        "createPortingAssociatedPhoneNumber",
        "create_porting_associated_phone_number",
    ),
    (
        "deletePortingAssociatedPhoneNumber",
        "delete_porting_associated_phone_number",
    ),
    (
        "listPortingPhoneNumberBlocks",
        "list_porting_phone_number_blocks",
    ),
    (
        "createPortingPhoneNumberBlock",
        "create_porting_phone_number_block",
    ),
    (
        "deletePortingPhoneNumberBlock",
        "delete_porting_phone_number_block",
    ),
    (
        "listPortingPhoneNumberExtensions",
        "list_porting_phone_number_extensions",
    ),
    (
        "createPortingPhoneNumberExtension",
        "create_porting_phone_number_extension",
    ),
    (
        "deletePortingPhoneNumberExtension",
        "delete_porting_phone_number_extension",
    ),
    ("ListPortingPhoneNumbers", "list_porting_phone_numbers"),
];

/// The 54 operationIds of `../shared/openapi/telnyx-porting.upstream-spec3-subset.yml`.
const SPEC_OPERATION_IDS: [&str; 54] = [
    "PostPortabilityCheck",
    "listPortingEvents",
    "showPortingEvent",
    "republishPortingEvent",
    "ListLoaConfigurations",
    "CreateLoaConfiguration",
    "PreviewLoaConfigurationParams",
    "DeleteLoaConfiguration",
    "GetLoaConfiguration",
    "UpdateLoaConfiguration",
    "PreviewLoaConfiguration",
    "ListPortingReports",
    "CreatePortingReport",
    "GetPortingReport",
    "listPortingUKCarriers",
    "ListPortingOrders",
    "CreatePortingOrder",
    "ListExceptionTypes",
    "ListPhoneNumberConfigurations",
    "CreatePhoneNumberConfigurations",
    "DeletePortingOrder",
    "GetPortingOrder",
    "UpdatePortingOrder",
    "ActivatePortingOrder",
    "CancelPortingOrder",
    "ConfirmPortingOrder",
    "SharePortingOrder",
    "ListPortingOrderActivationJobs",
    "GetPortingOrdersActivationJob",
    "UpdatePortingOrdersActivationJob",
    "ListAdditionalDocuments",
    "CreateAdditionalDocuments",
    "DeleteAdditionalDocument",
    "ListAllowedFocWindows",
    "ListPortingOrderComments",
    "CreatePortingOrderComment",
    "GetPortingOrderLoaTemplate",
    "ListPortingOrderRequirements",
    "GetPortingOrderSubRequest",
    "ListVerificationCodes",
    "SendPortingVerificationCodes",
    "VerifyPortingVerificationCodes",
    "listPortingActionRequirements",
    "initiatePortingActionRequirement",
    "listPortingAssociatedPhoneNumbers",
    "createPortingAssociatedPhoneNumber",
    "deletePortingAssociatedPhoneNumber",
    "listPortingPhoneNumberBlocks",
    "createPortingPhoneNumberBlock",
    "deletePortingPhoneNumberBlock",
    "listPortingPhoneNumberExtensions",
    "createPortingPhoneNumberExtension",
    "deletePortingPhoneNumberExtension",
    "ListPortingPhoneNumbers",
];

/// This file, to check that every test named in `OPERATIONS` exists once.
const THIS_FILE: &str = include_str!("operations.rs");

#[test]
fn every_spec_operation_has_exactly_one_test() {
    let covered: BTreeSet<&str> = OPERATIONS.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        covered.len(),
        OPERATIONS.len(),
        "an operation is listed twice"
    );
    let tests: BTreeSet<&str> = OPERATIONS.iter().map(|(_, test)| *test).collect();
    assert_eq!(
        tests.len(),
        OPERATIONS.len(),
        "a test covers two operations"
    );
    let spec: BTreeSet<&str> = SPEC_OPERATION_IDS.into_iter().collect();
    assert_eq!(spec.len(), 54);
    assert_eq!(
        covered, spec,
        "OPERATIONS differs from the spec's operations"
    );

    // Each named test is an async test function of this file, defined once, and there are
    // exactly as many async tests as operations.
    for (id, test) in OPERATIONS {
        let definition = format!("#[tokio::test]\nasync fn {test}() {{");
        assert_eq!(
            THIS_FILE.matches(&definition).count(),
            1,
            "the test of {id}, `{test}`, is not defined exactly once"
        );
    }
    assert_eq!(
        THIS_FILE.matches("#[tokio::test]\n").count(),
        OPERATIONS.len()
    );
}

#[test]
fn every_fixture_operation_is_covered() {
    let covered: BTreeSet<&str> = OPERATIONS.iter().map(|(id, _)| *id).collect();
    let entries = fixture();
    assert!(!entries.is_empty());
    for entry in &entries {
        let id = entry["operationId"].as_str().unwrap_or("?");
        assert!(covered.contains(id), "{id} (in the fixture) has no test");
    }
}

#[test]
fn the_spec_file_lists_the_same_operations() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/openapi/telnyx-porting.upstream-spec3-subset.yml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!(
            "cannot read the spec {} ({e}): the tests expect the shared folder beside the \
             repository",
            path.display()
        ),
    };
    let in_spec: BTreeSet<&str> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("operationId:"))
        .map(str::trim)
        .collect();
    let hard_coded: BTreeSet<&str> = SPEC_OPERATION_IDS.into_iter().collect();
    assert_eq!(in_spec, hard_coded);
}
