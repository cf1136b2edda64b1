//! Helpers shared by the integration tests: a client pointed at a loopback [`MockServer`] and
//! the spec's examples as fixtures.

use telnyx_porting::Client;

/// The README's code blocks, compiled (and, unless marked `no_run`, run) as doctests of this
/// crate, which has the dependencies a user's crate would: `telnyx-porting` (with `sandbox`),
/// `serde` with `derive`, `serde_json` and `tokio`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
pub use telnyx_porting::sandbox::{MockResponse, MockServer, RecordedRequest, Sandbox};

/// The API key the tests use; every test that can leak it checks that it does not.
pub const TEST_KEY: &str = "KEY-test-SECRET-0123456789";

/// The spec's 201 example of `POST /porting_orders`, as JSON text.
pub const CREATE_201: &str = include_str!("../fixtures/create_porting_order_201.json");

/// Starts a mock server on 127.0.0.1 and a client whose base URL is its `/v2`.
pub async fn mock() -> (MockServer, Client) {
    let server = match MockServer::start().await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the mock server: {e}"),
    };
    let client = match Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.base_url())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("cannot build the client: {e}"),
    };
    (server, client)
}

/// The one request the server received; fails the test if it saw another number.
pub fn only_request(server: &MockServer) -> RecordedRequest {
    let mut requests = server.requests();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request: {requests:#?}"
    );
    requests.remove(0)
}

/// Parses JSON text, failing the test on error.
pub fn json(text: &str) -> serde_json::Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("bad JSON in a test: {e}"),
    }
}

/// A client for `server` whose retries wait for nothing: every wait it would have slept is
/// recorded in the returned list instead, so a test can check the waits without taking them.
pub fn fast_client(
    server: &MockServer,
    configure: impl FnOnce(telnyx_porting::ClientBuilder) -> telnyx_porting::ClientBuilder,
) -> (
    Client,
    std::sync::Arc<std::sync::Mutex<Vec<std::time::Duration>>>,
) {
    let waits = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = std::sync::Arc::clone(&waits);
    let builder = Client::builder()
        .api_key(TEST_KEY)
        .base_url(server.base_url())
        .retry_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(8),
        )
        .retry_sleep(move |wait| {
            if let Ok(mut waits) = record.lock() {
                waits.push(wait);
            }
            std::future::ready(())
        });
    match configure(builder).build() {
        Ok(client) => (client, waits),
        Err(e) => panic!("cannot build the client: {e}"),
    }
}

/// The waits recorded by a [`fast_client`].
pub fn waits(recorded: &std::sync::Mutex<Vec<std::time::Duration>>) -> Vec<std::time::Duration> {
    recorded.lock().map(|w| w.clone()).unwrap_or_default()
}

/// A uuid from a literal of the tests.
pub fn uuid(text: &str) -> telnyx_porting::uuid::Uuid {
    match text.parse() {
        Ok(id) => id,
        Err(e) => panic!("bad uuid {text}: {e}"),
    }
}

/// An RFC 3339 timestamp from a literal of the tests.
pub fn at(text: &str) -> telnyx_porting::time::OffsetDateTime {
    use telnyx_porting::time::format_description::well_known::Rfc3339;
    match telnyx_porting::time::OffsetDateTime::parse(text, &Rfc3339) {
        Ok(t) => t,
        Err(e) => panic!("bad timestamp {text}: {e}"),
    }
}

/// Scripts `response`, runs `f` with a client pointed at the server, and returns its decoded
/// result and the one request the server received.
pub async fn call<T, F, Fut>(response: MockResponse, f: F) -> (T, RecordedRequest)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = telnyx_porting::Result<T>>,
{
    let (server, client) = mock().await;
    server.enqueue(response);
    let result = f(client).await;
    let request = only_request(&server);
    match result {
        Ok(value) => (value, request),
        Err(e) => panic!("the call failed: {e:?}\nrequest: {request:#?}"),
    }
}

/// Checks the request exactly: method, path, raw query, body bytes, `accept`, a JSON
/// `content-type` only when there is a body, and the bearer key.
#[track_caller]
pub fn check_accept(
    request: &RecordedRequest,
    accept: &str,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    assert_eq!(request.method, method, "method");
    assert_eq!(request.path, path, "path");
    assert_eq!(request.query.as_deref(), query, "query");
    assert_eq!(request.body_str(), Some(body.unwrap_or("")), "body");
    assert_eq!(request.header("accept"), Some(accept), "accept");
    let content_type = body.map(|_| "application/json");
    assert_eq!(request.header("content-type"), content_type, "content-type");
    let bearer = format!("Bearer {TEST_KEY}");
    assert_eq!(
        request.header("authorization"),
        Some(bearer.as_str()),
        "authorization"
    );
}

/// [`check_accept`] with `Accept: application/json`.
#[track_caller]
pub fn check(
    request: &RecordedRequest,
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Option<&str>,
) {
    check_accept(request, "application/json", method, path, query, body);
}

/// The requirement type of the LOA, which an order's `documents.loa` fills.
pub const LOA_REQUIREMENT: &str = "59b0762a-b274-4f76-ac32-4d5cf0272e66";
/// The requirement type of the invoice, which an order's `documents.invoice` fills.
pub const INVOICE_REQUIREMENT: &str = "53970723-fbff-4f46-a975-f62be6c1a585";

/// An end user with every field the API needs before an order is confirmed.
pub fn full_end_user() -> telnyx_porting::models::UpdatePortingOrderEndUser {
    use telnyx_porting::models::{
        UpdatePortingOrderEndUser, UpdatePortingOrderEndUserAdmin,
        UpdatePortingOrderEndUserLocation,
    };
    UpdatePortingOrderEndUser::new()
        .admin(
            UpdatePortingOrderEndUserAdmin::new()
                .entity_name("Porter McPortersen")
                .auth_person_name("Porter McPortersen II")
                .billing_phone_number("+13035551234")
                .account_number("123abc"),
        )
        .location(
            UpdatePortingOrderEndUserLocation::new()
                .street_address("600 Congress Avenue")
                .locality("Austin")
                .administrative_area("TX")
                .postal_code("78701")
                .country_code("US"),
        )
}

/// A FOC date the order `id` may request: the start of its last allowed window (which is
/// still allowed if the day turns before the PATCH is sent).
pub async fn allowed_foc(
    client: &Client,
    id: telnyx_porting::models::PortingOrderId,
) -> telnyx_porting::Result<telnyx_porting::time::OffsetDateTime> {
    use telnyx_porting::prelude::*;
    let windows = client.porting_orders().allowed_foc_windows(id).await?;
    match windows.data.last().and_then(|w| w.started_at) {
        Some(start) => Ok(start),
        None => panic!("order {id} has no allowed FOC window: {windows:?}"),
    }
}

/// Fills in the draft `id` as a user does before confirming it: uploads an LOA and an invoice
/// and attaches them, sets the whole end user and a FOC date from the order's allowed windows,
/// and fills each other requirement of its country with an uploaded document. Gives the order
/// as the PATCH returned it.
pub async fn fill_order(
    client: &Client,
    id: telnyx_porting::models::PortingOrderId,
) -> telnyx_porting::Result<telnyx_porting::models::PortingOrder> {
    use telnyx_porting::models::{
        ListRequirementsQuery, UpdatePortingOrder, UpdatePortingOrderDocuments,
        UpdatePortingOrderRequirement,
    };
    use telnyx_porting::prelude::*;
    let upload = |name: &'static str| async move {
        let document = client
            .documents()
            .upload_bytes(name, b"%PDF-1.4\n%sandbox\n")
            .await?;
        match document.data.id {
            Some(id) => Ok::<_, telnyx_porting::Error>(id),
            None => panic!("the upload of {name} has no id"),
        }
    };
    let loa = upload("loa.pdf").await?;
    let invoice = upload("invoice.pdf").await?;
    let foc = allowed_foc(client, id).await?;
    let needed = client
        .porting_orders()
        .requirements(id, &ListRequirementsQuery::new())
        .await?;
    let mut others = Vec::new();
    for requirement in &needed.data {
        let Some(kind) = requirement
            .requirement_type
            .as_ref()
            .and_then(|t| t.id.clone())
        else {
            continue;
        };
        if kind != LOA_REQUIREMENT && kind != INVOICE_REQUIREMENT {
            let document = upload("requirement.pdf").await?;
            others.push(UpdatePortingOrderRequirement::new(
                kind,
                document.to_string(),
            ));
        }
    }
    let mut changes = UpdatePortingOrder::new()
        .documents(UpdatePortingOrderDocuments::new().loa(loa).invoice(invoice))
        .end_user(full_end_user())
        .foc_datetime_requested(foc);
    if !others.is_empty() {
        changes = changes.requirements(others);
    }
    Ok(client.porting_orders().update(id, &changes).await?.data)
}

/// Creates a draft for `numbers` in the sandbox behind `client` and fills in every order the
/// answer holds ([`fill_order`]); gives their ids.
pub async fn filled_orders(
    client: &Client,
    numbers: &[&str],
) -> telnyx_porting::Result<Vec<telnyx_porting::models::PortingOrderId>> {
    use telnyx_porting::models::CreatePortingOrder;
    use telnyx_porting::prelude::*;
    let created = client
        .porting_orders()
        .create(&CreatePortingOrder::new(numbers.iter().copied()))
        .await?;
    let mut ids = Vec::new();
    for order in &created.data {
        let Some(id) = order.id else {
            panic!("a created order has no id: {order:?}");
        };
        fill_order(client, id).await?;
        ids.push(id);
    }
    Ok(ids)
}
