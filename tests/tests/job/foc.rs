//! The FOC windows move with the day. When a PATCH or a confirm is refused at the FOC date's
//! pointer, the job reads the windows again, chooses once more and sends the new date once.

use serde_json::{Value, json};
use telnyx_porting::Client;
use telnyx_porting::job::{PortingJob, SubmitOutcome};
use telnyx_porting::sandbox::{MockResponse, MockServer};
use telnyx_porting::time::format_description::well_known::Rfc3339;
use telnyx_porting::time::{Duration, OffsetDateTime};

use super::support::*;

const ID: &str = "0c3e9a1f-5b7d-4e2a-9f60-3d8b1c2a4e51";
const NUMBERS: [&str; 2] = ["+13035550000", "+13035550001"];

/// A window of four hours from 14:00 UTC, `days` ahead: its start as text, and its JSON.
fn window(days: i64) -> (String, Value) {
    let start = (OffsetDateTime::now_utc() + Duration::days(days))
        .date()
        .with_hms(14, 0, 0)
        .map(|t| t.assume_utc())
        .unwrap_or_else(|e| panic!("{e}"));
    let text = |t: OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    let json = json!({"started_at": text(start), "ended_at": text(start + Duration::hours(4))});
    (text(start), json)
}

/// A loopback server, a client of it, the job, and the job's draft (documents attached, as
/// an earlier run left it) filled in with the FOC date `foc`.
async fn fixture() -> (MockServer, Client, PortingJob, Value) {
    let server = MockServer::start()
        .await
        .unwrap_or_else(|e| panic!("cannot start the mock server: {e}"));
    let client = Client::builder()
        .api_key("KEY-job-test")
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("cannot build the client: {e}"));
    let job = built(job(&NUMBERS));
    let order = json!({
        "id": ID,
        "customer_reference": job.reference(),
        "status": {"value": "draft", "details": []},
        "porting_phone_numbers_count": 2,
        "phone_numbers": NUMBERS.iter().map(|n| json!({"phone_number": n})).collect::<Vec<_>>(),
        "documents": {"loa": "4b1a6a2e-7c1f-4a52-9a5c-0f5c1d2e3f40",
                      "invoice": "5c2b7b3f-8d20-4b63-8b6d-1a6d2e3f4051"},
        "requirements": [],
    });
    (server, client, job, order)
}

/// `order` with the job's end user and the FOC date `foc`.
fn filled(order: &Value, foc: &str) -> Value {
    let mut filled = order.clone();
    filled["activation_settings"] = json!({"foc_datetime_requested": foc});
    filled["end_user"] = json!({
        "admin": {"entity_name": "Porter McPortersen", "auth_person_name": "Porter McPortersen II",
                  "billing_phone_number": "+13035550000", "account_number": "123abc"},
        "location": {"street_address": "600 Congress Avenue", "locality": "Austin",
                     "administrative_area": "TX", "postal_code": "78701", "country_code": "US"},
    });
    filled
}

/// The 422 the API gives for a FOC date outside the allowed windows.
fn refusal() -> Value {
    json!({"errors": [{
        "code": "10015", "title": "Invalid value",
        "detail": "The requested FOC date is outside the allowed windows.",
        "source": {"pointer": "/activation_settings/foc_datetime_requested"}}]})
}

/// The answers of a prepare up to the windows: the check, then the earlier run's draft.
fn up_to_windows(server: &MockServer, order: &Value) {
    let meta = json!({"page_number": 1, "page_size": 250, "total_pages": 1, "total_results": 1});
    let checks: Vec<Value> = NUMBERS
        .iter()
        .map(|n| json!({"phone_number": n, "portable": true, "fast_portable": true}))
        .collect();
    server.enqueue(MockResponse::json(201, &json!({"data": checks})));
    server.enqueue(MockResponse::json(
        200,
        &json!({"data": [order], "meta": meta}),
    ));
}

/// An empty requirements page.
fn no_requirements() -> MockResponse {
    let meta = json!({"page_number": 1, "page_size": 250, "total_pages": 1, "total_results": 0});
    MockResponse::json(200, &json!({"data": [], "meta": meta}))
}

/// The method and path of each request the server received.
fn seen(server: &MockServer) -> Vec<(String, String)> {
    server
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect()
}

/// The FOC date a request's body asks for.
fn foc_of(body: &[u8]) -> Value {
    let body: Value = serde_json::from_slice(body).unwrap_or_default();
    body["activation_settings"]["foc_datetime_requested"].clone()
}

fn call(method: &str, path: &str) -> (String, String) {
    (method.to_owned(), path.to_owned())
}

#[tokio::test]
async fn a_patch_refused_because_the_windows_moved_chooses_the_date_again_once() {
    let (server, client, job, order) = fixture().await;
    let (first, first_window) = window(2);
    let (second, second_window) = window(3);
    up_to_windows(&server, &order);
    for answer in [
        MockResponse::json(200, &json!({"data": [first_window]})),
        MockResponse::json(422, &refusal()),
        MockResponse::json(200, &json!({"data": [second_window]})),
        MockResponse::json(200, &json!({"data": filled(&order, &second)})),
        no_requirements(),
    ] {
        server.enqueue(answer);
    }

    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));

    let path = format!("/v2/porting_orders/{ID}");
    let windows = format!("{path}/allowed_foc_windows");
    assert_eq!(
        seen(&server),
        [
            call("POST", "/v2/portability_checks"),
            call("GET", "/v2/porting_orders"),
            call("GET", &windows),
            call("PATCH", &path),
            call("GET", &windows),
            call("PATCH", &path),
            call("GET", &format!("{path}/requirements")),
        ]
    );
    let requests = server.requests();
    assert_eq!(foc_of(&requests[3].body), Value::from(first));
    assert_eq!(foc_of(&requests[5].body), Value::from(second));
    let report = &prepared.orders[0];
    assert!(report.missing.is_empty(), "{:#?}", report.missing);
}

#[tokio::test]
async fn a_confirm_refused_because_the_windows_moved_sends_a_new_date_and_confirms_again() {
    let (server, client, job, order) = fixture().await;
    let (first, first_window) = window(2);
    let (second, second_window) = window(3);
    up_to_windows(&server, &order);
    let confirmed = {
        let mut o = filled(&order, &second);
        o["status"] = json!({"value": "in-process", "details": []});
        o
    };
    for answer in [
        MockResponse::json(200, &json!({"data": [first_window]})),
        MockResponse::json(200, &json!({"data": filled(&order, &first)})),
        no_requirements(),
        // submit: the day turned, the first window is gone.
        MockResponse::json(422, &refusal()),
        MockResponse::json(200, &json!({"data": [second_window]})),
        MockResponse::json(200, &json!({"data": filled(&order, &second)})),
        MockResponse::json(200, &json!({"data": confirmed, "meta": {}})),
    ] {
        server.enqueue(answer);
    }

    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));

    assert_eq!(submitted.orders.len(), 1);
    assert_eq!(submitted.orders[0].outcome, SubmitOutcome::Confirmed);
    let path = format!("/v2/porting_orders/{ID}");
    let windows = format!("{path}/allowed_foc_windows");
    let confirm = format!("{path}/actions/confirm");
    let calls = seen(&server);
    assert_eq!(
        calls[5..],
        [
            call("POST", &confirm),
            call("GET", &windows),
            call("PATCH", &path),
            call("POST", &confirm),
        ]
    );
    let requests = server.requests();
    let patch: Value = serde_json::from_slice(&requests[7].body).unwrap_or_default();
    assert_eq!(
        patch,
        json!({"activation_settings": {"foc_datetime_requested": second}}),
        "only the new date is sent"
    );
}
