//! `POST /porting_orders` end to end against a real HTTP server on 127.0.0.1.

use telnyx_porting::models::{
    CreatePortingOrder, PortingOrderActivationStatus, PortingOrderStatusValue,
};
use telnyx_porting::prelude::*;
use telnyx_porting::{DEFAULT_USER_AGENT, Error};
use telnyx_porting_tests::{CREATE_201, MockResponse, TEST_KEY, json, mock, only_request};

fn order() -> CreatePortingOrder {
    CreatePortingOrder::new(["+13035550000", "+13035550001", "+13035550002"])
        .customer_reference("Acct 123abc")
        .customer_group_reference("Group-456")
}

#[tokio::test]
async fn create_sends_the_exact_request() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(201, &json(CREATE_201)));

    let created = client.porting_orders().create(&order()).await;
    assert!(created.is_ok(), "{created:?}");

    let request = only_request(&server);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/v2/porting_orders");
    assert_eq!(request.query, None);
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("user-agent"), Some(DEFAULT_USER_AGENT));
    assert_eq!(
        request.body_str(),
        Some(
            r#"{"phone_numbers":["+13035550000","+13035550001","+13035550002"],"customer_reference":"Acct 123abc","customer_group_reference":"Group-456"}"#
        )
    );
}

#[tokio::test]
async fn create_with_only_numbers_sends_only_numbers() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(201, &json(CREATE_201)));
    let only_numbers = CreatePortingOrder::new(["+442071838750"]);
    let created = client.porting_orders().create(&only_numbers).await;
    assert!(created.is_ok(), "{created:?}");
    assert_eq!(
        only_request(&server).body_str(),
        Some(r#"{"phone_numbers":["+442071838750"]}"#)
    );
}

#[tokio::test]
async fn the_spec_example_decodes_to_typed_values_and_re_encodes_unchanged() {
    let (server, client) = mock().await;
    let example = json(CREATE_201);
    server.enqueue(MockResponse::json(201, &example));

    let created = match client.porting_orders().create(&order()).await {
        Ok(created) => created,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(created.data.len(), 1);
    let po = &created.data[0];
    assert_eq!(
        po.id.map(|id| id.to_string()).as_deref(),
        Some("b0ea6d6f-de31-4079-a536-992e0c98b037")
    );
    assert_eq!(po.status_value(), Some(&PortingOrderStatusValue::Draft));
    assert_eq!(po.customer_reference, None);
    assert_eq!(po.misc, None);
    assert_eq!(po.porting_phone_numbers_count, Some(1));
    assert_eq!(
        po.created_at
            .map(|t| (t.year(), u8::from(t.month()), t.day(), t.hour())),
        Some((2022, 3, 17, 18))
    );
    let numbers = po.phone_numbers.as_deref().unwrap_or_default();
    assert_eq!(numbers.len(), 1);
    // The example's placeholder is not E.164: responses are decoded, never validated.
    assert_eq!(numbers[0].phone_number.as_deref(), Some("{e.164 TN}"));
    assert_eq!(
        numbers[0].activation_status,
        Some(PortingOrderActivationStatus::ActivateRdy)
    );

    let re_encoded = serde_json::to_value(&created).ok();
    assert_eq!(re_encoded.as_ref(), Some(&example));
}

#[tokio::test]
async fn an_unknown_status_decodes_and_re_encodes_unchanged() {
    let (server, client) = mock().await;
    let mut body = json(CREATE_201);
    body["data"][0]["status"]["value"] = "awaiting-carrier-magic".into();
    body["data"][0]["phone_numbers"][0]["activation_status"] = "Activate LATER".into();
    server.enqueue(MockResponse::json(201, &body));

    let created = match client.porting_orders().create(&order()).await {
        Ok(created) => created,
        Err(e) => panic!("{e}"),
    };
    let status = created.data[0].status_value();
    assert_eq!(status.map(|s| s.as_str()), Some("awaiting-carrier-magic"));
    assert!(matches!(status, Some(PortingOrderStatusValue::Unknown(_))));
    assert_eq!(serde_json::to_value(&created).ok(), Some(body));
}

#[tokio::test]
async fn unauthorized_is_a_typed_api_error() {
    let (server, client) = mock().await;
    server.enqueue(
        MockResponse::json(
            401,
            &json(
                r#"{"errors":[{"code":"10009","title":"Authentication failed","detail":"Could not understand the provided credentials.","meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]}"#,
            ),
        )
        .header("x-request-id", "req-401"),
    );
    let err = match client.porting_orders().create(&order()).await {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got {v:?}"),
    };
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.request_id(), Some("req-401"));
    assert_eq!(err.api_errors()[0].code.as_deref(), Some("10009"));
    assert_eq!(
        err.api_errors()[0].title.as_deref(),
        Some("Authentication failed")
    );
    assert_leak_free(&err);
}

#[tokio::test]
async fn unprocessable_carries_the_telnyx_errors() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(
        422,
        &json(
            r#"{"errors":[{"code":10015,"title":"Bad Request","detail":"You must provide at least 1 phone number.","source":{"pointer":"/phone_numbers"},"meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10015"}}]}"#,
        ),
    ));
    let err = match client.porting_orders().create(&order()).await {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got {v:?}"),
    };
    assert!(err.is_unprocessable());
    let detail = &err.api_errors()[0];
    assert_eq!(
        detail.code.as_deref(),
        Some("10015"),
        "integer codes become strings"
    );
    assert_eq!(
        detail.source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/phone_numbers")
    );
    assert_eq!(
        detail.meta.as_ref().and_then(|m| m["url"].as_str()),
        Some("https://developers.telnyx.com/docs/overview/errors/10015")
    );
    assert!(
        err.to_string()
            .contains("You must provide at least 1 phone number.")
    );
    assert_leak_free(&err);
}

#[tokio::test]
async fn unprocessable_with_an_empty_body() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::new(422));
    let err = match client.porting_orders().create(&order()).await {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got {v:?}"),
    };
    assert!(err.is_unprocessable());
    assert!(err.api_errors().is_empty());
    assert_eq!(err.as_api().and_then(|a| a.body_snippet.as_deref()), None);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_path_and_short_snippet() {
    let (server, client) = mock().await;
    let long_tail = "x".repeat(10_000);
    server.enqueue(MockResponse::new(201).body(
        "application/json",
        format!(r#"{{"data":[{{"id":"b0ea6d6f-de31-4079-a536-992e0c98b037","created_at":42,"pad":"{long_tail}"}}]}}"#),
    ));
    let err = match client.porting_orders().create(&order()).await {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got {v:?}"),
    };
    match &err {
        Error::Decode(d) => {
            assert_eq!(d.status.as_u16(), 201);
            assert_eq!(d.path, "data[0].created_at");
            assert!(
                d.snippet.len() < 1_000,
                "the snippet is short: {}",
                d.snippet.len()
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }

    server.enqueue(MockResponse::new(201).body("application/json", r#"{"data":[{"id":"#));
    let err = client.porting_orders().create(&order()).await.err();
    assert!(matches!(err, Some(Error::Decode(_))), "{err:?}");
}

#[tokio::test]
async fn invalid_numbers_never_reach_the_server() {
    let (server, client) = mock().await;
    let cases: [(&[&str], &str, &str); 4] = [
        (&[], "phone_numbers", "[]"),
        (
            &["+13035550000", "3035550001"],
            "phone_numbers[1]",
            "3035550001",
        ),
        (&["+03035550000"], "phone_numbers[0]", "+03035550000"),
        (
            &["+13035550000", "+13035550000"],
            "phone_numbers[1]",
            "+13035550000",
        ),
    ];
    for (numbers, field, value) in cases {
        let order = CreatePortingOrder::new(numbers.iter().copied());
        match client.porting_orders().create(&order).await {
            Err(Error::InvalidInput(e)) => {
                assert_eq!((e.field.as_str(), e.value.as_str()), (field, value), "{e}");
            }
            other => panic!("{numbers:?}: expected invalid input, got {other:?}"),
        }
    }
    assert_eq!(server.received(), 0, "nothing was sent");
}

fn assert_leak_free(err: &Error) {
    for shown in [format!("{err}"), format!("{err:?}"), format!("{err:#?}")] {
        assert!(!shown.contains(TEST_KEY), "the key leaked: {shown}");
    }
}
