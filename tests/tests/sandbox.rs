//! The embedded sandbox answers like the spec, through the real client.

use serde_json::Value;
use telnyx_porting::models::{CreatePortingOrder, PortingOrderStatusValue};
use telnyx_porting::prelude::*;
use telnyx_porting::{Result, endpoint};
use telnyx_porting_tests::Sandbox;

/// Sends any JSON to the create endpoint, bypassing client-side validation, to see the
/// sandbox's own checks.
pub trait RawCreate: ApiClient {
    #[endpoint(POST, "/porting_orders")]
    async fn create_raw(&self, #[body] body: &Value) -> Result<Value>;
}

impl RawCreate for telnyx_porting::Client {}

async fn sandbox() -> (Sandbox, telnyx_porting::Client) {
    let sandbox = match Sandbox::start().await {
        Ok(s) => s,
        Err(e) => panic!("cannot start the sandbox: {e}"),
    };
    let client = match sandbox.client() {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    (sandbox, client)
}

#[tokio::test]
async fn create_splits_by_country_and_stores_the_orders() {
    let (sandbox, client) = sandbox().await;
    let order = CreatePortingOrder::new(["+13035550000", "+442071838750", "+13035550001"])
        .customer_reference("Acct 123abc");
    let created = match client.porting_orders().create(&order).await {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(created.data.len(), 2, "one order per country");
    let mut numbers: Vec<Vec<String>> = created
        .data
        .iter()
        .map(|o| {
            assert_eq!(o.status_value(), Some(&PortingOrderStatusValue::Draft));
            assert_eq!(o.customer_reference.as_deref(), Some("Acct 123abc"));
            assert!(o.id.is_some() && o.created_at.is_some());
            o.porting_phone_numbers()
                .iter()
                .filter_map(|n| n.phone_number.clone())
                .collect()
        })
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        [
            vec!["+13035550000".to_owned(), "+13035550001".to_owned()],
            vec!["+442071838750".to_owned()]
        ]
    );
    // The sandbox holds what it answered, as the library's typed orders.
    assert_eq!(sandbox.orders(), created.data);
}

#[tokio::test]
async fn bad_bodies_get_a_telnyx_422_naming_the_value() {
    let (sandbox, client) = sandbox().await;
    let body = serde_json::json!({"phone_numbers": ["+13035550000", "303-555-0001"]});
    let err = match client.create_raw(&body).await {
        Err(e) => e,
        Ok(v) => panic!("expected a 422, got {v}"),
    };
    assert!(err.is_unprocessable(), "{err:?}");
    let detail = &err.api_errors()[0];
    assert_eq!(
        detail.source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/phone_numbers/1")
    );
    assert!(
        detail
            .detail
            .as_deref()
            .unwrap_or_default()
            .contains("303-555-0001")
    );

    let err = client.create_raw(&serde_json::json!({})).await.err();
    assert!(err.is_some_and(|e| e.is_unprocessable()));
    assert!(sandbox.orders().is_empty(), "nothing was stored");
}
