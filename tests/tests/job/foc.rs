//! The FOC windows move with the day: when the PATCH is refused at the FOC date's pointer, the
//! job reads the windows again, chooses once more and sends the PATCH once more.

use telnyx_porting::Client;
use telnyx_porting::sandbox::{MockResponse, MockServer};
use telnyx_porting::time::format_description::well_known::Rfc3339;
use telnyx_porting::time::{Duration, OffsetDateTime};

use super::support::*;

/// A window of four hours from 14:00 UTC, `days` ahead, as the API's JSON gives it.
fn window(days: i64) -> (String, serde_json::Value) {
    let start = (OffsetDateTime::now_utc() + Duration::days(days))
        .date()
        .with_hms(14, 0, 0)
        .map(|t| t.assume_utc())
        .unwrap_or_else(|e| panic!("{e}"));
    let text = |t: OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    let json = serde_json::json!({"started_at": text(start), "ended_at": text(start + Duration::hours(4))});
    (text(start), json)
}

#[tokio::test]
async fn a_foc_date_refused_because_the_windows_moved_is_chosen_again_once() {
    let server = MockServer::start()
        .await
        .unwrap_or_else(|e| panic!("cannot start the mock server: {e}"));
    let client = Client::builder()
        .api_key("KEY-job-test")
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("cannot build the client: {e}"));
    let numbers = ["+13035550000", "+13035550001"];
    let job = built(job(&numbers));
    let id = "0c3e9a1f-5b7d-4e2a-9f60-3d8b1c2a4e51";
    let meta = serde_json::json!({"page_number": 1, "page_size": 250, "total_pages": 1, "total_results": 1});
    let order = serde_json::json!({
        "id": id,
        "customer_reference": job.reference(),
        "status": {"value": "draft", "details": []},
        "porting_phone_numbers_count": 2,
        "phone_numbers": numbers.iter().map(|n| serde_json::json!({"phone_number": n})).collect::<Vec<_>>(),
        "documents": {"loa": "4b1a6a2e-7c1f-4a52-9a5c-0f5c1d2e3f40",
                      "invoice": "5c2b7b3f-8d20-4b63-8b6d-1a6d2e3f4051"},
        "requirements": [],
    });
    let (first, first_window) = window(2);
    let (second, second_window) = window(3);
    let checks: Vec<serde_json::Value> = numbers
        .iter()
        .map(|n| serde_json::json!({"phone_number": n, "portable": true, "fast_portable": true}))
        .collect();
    let mut filled = order.clone();
    filled["activation_settings"] = serde_json::json!({"foc_datetime_requested": second});
    filled["end_user"] = serde_json::json!({
        "admin": {"entity_name": "Porter McPortersen", "auth_person_name": "Porter McPortersen II",
                  "billing_phone_number": "+13035550000", "account_number": "123abc"},
        "location": {"street_address": "600 Congress Avenue", "locality": "Austin",
                     "administrative_area": "TX", "postal_code": "78701", "country_code": "US"},
    });
    let refusal = serde_json::json!({"errors": [{
        "code": "10015", "title": "Invalid value",
        "detail": "The requested FOC date is outside the allowed windows.",
        "source": {"pointer": "/activation_settings/foc_datetime_requested"}}]});
    for answer in [
        MockResponse::json(201, &serde_json::json!({"data": checks})),
        MockResponse::json(200, &serde_json::json!({"data": [order], "meta": meta})),
        MockResponse::json(200, &serde_json::json!({"data": [first_window]})),
        MockResponse::json(422, &refusal),
        MockResponse::json(200, &serde_json::json!({"data": [second_window]})),
        MockResponse::json(200, &serde_json::json!({"data": filled})),
        MockResponse::json(200, &serde_json::json!({"data": [], "meta": meta})),
    ] {
        server.enqueue(answer);
    }

    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));

    let requests = server.requests();
    let seen: Vec<(&str, String)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.clone()))
        .collect();
    let order_path = format!("/v2/porting_orders/{id}");
    let windows_path = format!("{order_path}/allowed_foc_windows");
    assert_eq!(
        seen,
        [
            ("POST", "/v2/portability_checks".to_owned()),
            ("GET", "/v2/porting_orders".to_owned()),
            ("GET", windows_path.clone()),
            ("PATCH", order_path.clone()),
            ("GET", windows_path),
            ("PATCH", order_path.clone()),
            ("GET", format!("{order_path}/requirements")),
        ]
    );
    let foc = |i: usize| {
        let body: serde_json::Value = serde_json::from_slice(&requests[i].body).unwrap_or_default();
        body["activation_settings"]["foc_datetime_requested"].clone()
    };
    assert_eq!(foc(3), serde_json::Value::from(first));
    assert_eq!(foc(5), serde_json::Value::from(second.clone()));
    let report = &prepared.orders[0];
    assert!(report.missing.is_empty(), "{:#?}", report.missing);
}
