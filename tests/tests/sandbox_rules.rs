//! The sandbox refuses what the API refuses on a porting order, as a new user meets it through
//! the library: a `webhook_url` that is not an absolute http(s) URL, a FOC date in the past
//! or outside the allowed windows, a billing phone number that is not a number, requirements
//! of unknown types or naming documents never uploaded, other document ids that do not exist;
//! each order has its country's requirements; and confirming an incomplete order is a 422
//! listing each missing field, field by field, until it is complete.

use serde_json::{Value, json};
use telnyx_porting::models::{
    CreatePortingOrder, ListDocumentLinksQuery, ListRequirementsQuery, PortingOrder,
    PortingOrderId, UpdatePortingOrder, UpdatePortingOrderDocuments, UpdatePortingOrderEndUser,
    UpdatePortingOrderEndUserAdmin, UpdatePortingOrderEndUserLocation,
    UpdatePortingOrderRequirement,
};
use telnyx_porting::prelude::*;
use telnyx_porting::time::Duration;
use telnyx_porting::uuid::Uuid;
use telnyx_porting::{ApiClient, Client, endpoint};
use telnyx_porting_tests::{
    INVOICE_REQUIREMENT, LOA_REQUIREMENT, Sandbox, allowed_foc, fill_order, full_end_user,
};

/// The requirement type the sandbox adds for countries such as Germany.
const PROOF_OF_ADDRESS: &str = "a428786a-5dc2-41c0-b0fe-c32df4c1b5e2";
/// A UUID no upload ever had.
const MADE_UP: Uuid = Uuid::from_u128(0x64ff_b720_04c7_455b_92d6_20fc_ca92_e935);

/// Bodies the library's models would not build.
trait Raw: ApiClient {
    #[endpoint(POST, "/porting/loa_configurations")]
    async fn create_loa_configuration_raw(
        &self,
        #[body] body: &Value,
    ) -> telnyx_porting::Result<Value>;
}

impl Raw for Client {}

async fn start() -> (Sandbox, Client) {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = sandbox.client().expect("a client of the sandbox");
    (sandbox, client)
}

async fn draft(client: &Client, number: &str) -> PortingOrderId {
    let created = client
        .porting_orders()
        .create(&CreatePortingOrder::new([number]))
        .await
        .expect("create");
    assert_eq!(created.data.len(), 1, "{created:?}");
    created.data[0].id.expect("an id")
}

async fn order(client: &Client, id: PortingOrderId) -> PortingOrder {
    client
        .porting_orders()
        .retrieve(id)
        .await
        .expect("retrieve")
        .data
}

async fn upload(client: &Client, name: &str) -> Uuid {
    let uploaded = client
        .documents()
        .upload_bytes(name, b"%PDF-1.4 test")
        .await
        .expect("upload");
    uploaded.data.id.expect("an id")
}

/// The `(code, pointer)` of each entry of a 422.
#[track_caller]
fn refusals(result: telnyx_porting::Result<impl std::fmt::Debug>) -> Vec<(String, String)> {
    let err = match result {
        Ok(answer) => panic!("accepted: {answer:?}"),
        Err(e) => e,
    };
    assert!(err.is_unprocessable(), "{err:?}");
    err.api_errors()
        .iter()
        .map(|e| {
            let pointer = e.source.as_ref().and_then(|s| s.pointer.clone());
            (
                e.code.clone().unwrap_or_default(),
                pointer.unwrap_or_default(),
            )
        })
        .collect()
}

#[track_caller]
fn pointers(result: telnyx_porting::Result<impl std::fmt::Debug>) -> Vec<String> {
    refusals(result).into_iter().map(|(_, p)| p).collect()
}

#[tokio::test]
async fn a_webhook_url_must_be_an_absolute_http_url() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+13035550000").await;
    for bad in [
        "example.com/hooks",
        "/porting-webhooks",
        "ftp://example.com/hooks",
        "https://",
        "https://exa mple.com/hooks",
    ] {
        let changes = UpdatePortingOrder::new()
            .webhook_url(bad)
            .customer_reference("not kept either");
        let result = client.porting_orders().update(id, &changes).await;
        assert_eq!(
            refusals(result),
            [("10003".to_owned(), "/webhook_url".to_owned())],
            "{bad}"
        );
    }
    let unchanged = order(&client, id).await;
    assert_eq!(unchanged.webhook_url, None);
    assert_eq!(unchanged.customer_reference, None);
    let changes = UpdatePortingOrder::new().webhook_url("https://example.com/porting-webhooks");
    let updated = client
        .porting_orders()
        .update(id, &changes)
        .await
        .expect("a good URL");
    assert_eq!(
        updated.data.webhook_url.as_deref(),
        Some("https://example.com/porting-webhooks")
    );
}

#[tokio::test]
async fn a_foc_date_must_be_ahead_and_within_an_allowed_window() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+13035550000").await;
    let windows = client
        .porting_orders()
        .allowed_foc_windows(id)
        .await
        .expect("windows")
        .data;
    assert_eq!(windows.len(), 3, "{windows:?}");
    let first = windows[0].started_at.expect("a start");
    let last_end = windows[2].ended_at.expect("an end");
    for refused in [
        first - Duration::days(30),    // in the past
        last_end + Duration::hours(1), // after the last window
        first - Duration::hours(1),    // before the first one
    ] {
        let changes = UpdatePortingOrder::new().foc_datetime_requested(refused);
        let result = client.porting_orders().update(id, &changes).await;
        assert_eq!(
            pointers(result),
            ["/activation_settings/foc_datetime_requested"],
            "{refused}"
        );
    }
    let chosen = allowed_foc(&client, id).await.expect("a window");
    let changes = UpdatePortingOrder::new().foc_datetime_requested(chosen);
    let updated = client
        .porting_orders()
        .update(id, &changes)
        .await
        .expect("in a window");
    let settings = updated
        .data
        .activation_settings
        .expect("activation settings");
    assert_eq!(settings.foc_datetime_requested, Some(chosen));
}

#[tokio::test]
async fn a_billing_phone_number_must_be_a_number() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+13035550000").await;
    for bad in ["call the office", "303-555-1234", "+1 303 555 1234", ""] {
        let changes = UpdatePortingOrder::new().end_user(
            UpdatePortingOrderEndUser::new().admin(
                UpdatePortingOrderEndUserAdmin::new()
                    .billing_phone_number(bad)
                    .entity_name("Not kept"),
            ),
        );
        let result = client.porting_orders().update(id, &changes).await;
        assert_eq!(
            refusals(result),
            [(
                "10002".to_owned(),
                "/end_user/admin/billing_phone_number".to_owned()
            )],
            "{bad:?}"
        );
    }
    assert!(
        order(&client, id)
            .await
            .end_user
            .is_none_or(|e| e.admin.is_none_or(|a| a.entity_name.is_none()))
    );
    for good in ["+13035551234", "13035551234"] {
        let changes = UpdatePortingOrder::new().end_user(
            UpdatePortingOrderEndUser::new()
                .admin(UpdatePortingOrderEndUserAdmin::new().billing_phone_number(good)),
        );
        client
            .porting_orders()
            .update(id, &changes)
            .await
            .expect(good);
    }
}

/// The requirement type ids of an order, and whether each is filled.
async fn requirement_states(client: &Client, id: PortingOrderId) -> Vec<(String, bool)> {
    let listed = client
        .porting_orders()
        .requirements(id, &ListRequirementsQuery::new())
        .await
        .expect("requirements");
    let detail: Vec<(String, bool)> = listed
        .data
        .iter()
        .map(|r| {
            let kind = r.requirement_type.as_ref().and_then(|t| t.id.clone());
            let filled = r.field_value.as_deref().is_some_and(|v| !v.is_empty());
            let status = serde_json::to_value(&r.requirement_status).expect("encodes");
            assert_eq!(
                status,
                if filled {
                    "approved"
                } else {
                    "requirement-info-pending"
                }
            );
            (kind.unwrap_or_default(), filled)
        })
        .collect();
    // The order's own `requirements` list the same, in the same order.
    let on_order: Vec<(String, bool)> = order(client, id)
        .await
        .requirements
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                r.requirement_type_id.clone().unwrap_or_default(),
                r.field_value.as_deref().is_some_and(|v| !v.is_empty()),
            )
        })
        .collect();
    assert_eq!(detail, on_order);
    detail
}

#[tokio::test]
async fn each_country_has_its_requirements_and_requirements_met_follows_them() {
    let (_sandbox, client) = start().await;
    let us = draft(&client, "+13035550000").await;
    let de = draft(&client, "+4930901820").await;
    let pending = |ids: &[&str]| {
        ids.iter()
            .map(|i| (i.to_string(), false))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        requirement_states(&client, us).await,
        pending(&[INVOICE_REQUIREMENT, LOA_REQUIREMENT])
    );
    assert_eq!(
        requirement_states(&client, de).await,
        pending(&[INVOICE_REQUIREMENT, LOA_REQUIREMENT, PROOF_OF_ADDRESS])
    );
    assert_eq!(order(&client, de).await.requirements_met, Some(false));

    // A requirement of another country, an unknown type, a document never uploaded, and a
    // value that is not a document id: each refused where it is, nothing kept.
    let loa = upload(&client, "loa.pdf").await;
    let proof = upload(&client, "proof.pdf").await;
    let refused = UpdatePortingOrder::new().requirements([
        UpdatePortingOrderRequirement::new(LOA_REQUIREMENT, loa.to_string()),
        UpdatePortingOrderRequirement::new("00000000-0000-4000-8000-00000000abcd", loa.to_string()),
        UpdatePortingOrderRequirement::new(PROOF_OF_ADDRESS, MADE_UP.to_string()),
        UpdatePortingOrderRequirement::new(INVOICE_REQUIREMENT, "the bill"),
    ]);
    assert_eq!(
        pointers(client.porting_orders().update(de, &refused).await),
        [
            "/requirements/1/requirement_type_id",
            "/requirements/2/field_value",
            "/requirements/3/field_value"
        ]
    );
    let proof_on_us = UpdatePortingOrder::new().requirements([UpdatePortingOrderRequirement::new(
        PROOF_OF_ADDRESS,
        proof.to_string(),
    )]);
    assert_eq!(
        pointers(client.porting_orders().update(us, &proof_on_us).await),
        ["/requirements/0/requirement_type_id"]
    );
    assert_eq!(
        requirement_states(&client, de).await,
        pending(&[INVOICE_REQUIREMENT, LOA_REQUIREMENT, PROOF_OF_ADDRESS])
    );

    // Filled one by one: the LOA requirement is documents.loa, and the other way round.
    let by_requirement = UpdatePortingOrder::new().requirements([
        UpdatePortingOrderRequirement::new(LOA_REQUIREMENT, loa.to_string()),
        UpdatePortingOrderRequirement::new(PROOF_OF_ADDRESS, proof.to_string()),
    ]);
    let updated = client
        .porting_orders()
        .update(de, &by_requirement)
        .await
        .expect("requirements");
    let documents = updated.data.documents.expect("documents");
    assert_eq!(documents.loa, Some(loa));
    assert_eq!(updated.data.requirements_met, Some(false));
    let invoice = upload(&client, "bill.pdf").await;
    let by_documents =
        UpdatePortingOrder::new().documents(UpdatePortingOrderDocuments::new().invoice(invoice));
    let updated = client
        .porting_orders()
        .update(de, &by_documents)
        .await
        .expect("documents");
    assert_eq!(updated.data.requirements_met, Some(true));
    let filled = |ids: &[&str]| {
        ids.iter()
            .map(|i| (i.to_string(), true))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        requirement_states(&client, de).await,
        filled(&[INVOICE_REQUIREMENT, LOA_REQUIREMENT, PROOF_OF_ADDRESS])
    );
    let values: Vec<Option<String>> = order(&client, de)
        .await
        .requirements
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.field_value)
        .collect();
    assert_eq!(values, [invoice, loa, proof].map(|d| Some(d.to_string())));

    // A document a requirement names is linked to the order: listed, and not deletable.
    let links = client
        .documents()
        .list_links(&ListDocumentLinksQuery::new())
        .await
        .expect("links");
    assert_eq!(links.data.len(), 3, "{links:?}");
    let deleted = client.documents().delete(proof).await;
    assert!(deleted.is_err_and(|e| e.is_unprocessable()));

    // Clearing the LOA unmeets the requirements again.
    let cleared =
        UpdatePortingOrder::new().documents(UpdatePortingOrderDocuments::new().clear_loa());
    let updated = client
        .porting_orders()
        .update(de, &cleared)
        .await
        .expect("cleared");
    assert_eq!(updated.data.requirements_met, Some(false));
}

#[tokio::test]
async fn a_requirement_and_documents_must_agree_in_one_request() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+13035550000").await;
    let (one, other) = (
        upload(&client, "a.pdf").await,
        upload(&client, "b.pdf").await,
    );
    let changes = UpdatePortingOrder::new()
        .documents(UpdatePortingOrderDocuments::new().loa(one))
        .requirements([UpdatePortingOrderRequirement::new(
            LOA_REQUIREMENT,
            other.to_string(),
        )]);
    assert_eq!(
        pointers(client.porting_orders().update(id, &changes).await),
        ["/requirements/0"]
    );
}

#[tokio::test]
async fn other_document_ids_must_name_uploaded_documents() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+13035550000").await;
    let extra = telnyx_porting::models::CreateAdditionalDocuments::new()
        .document(MADE_UP, telnyx_porting::models::AdditionalDocumentType::Csr);
    let result = client
        .porting_orders()
        .additional_documents()
        .create(id, &extra)
        .await;
    assert_eq!(pointers(result), ["/additional_documents/0/document_id"]);

    let configuration = json!({
        "name": "Sandbox", "company_name": "Telnyx",
        "address": {"street_address": "311 W Superior St", "city": "Chicago", "state": "IL",
                    "zip_code": "60654", "country_code": "US"},
        "contact": {"email": "porting@example.com", "phone_number": "+13035551234"},
        "logo": {"document_id": MADE_UP},
    });
    let result = client.create_loa_configuration_raw(&configuration).await;
    assert_eq!(pointers(result), ["/logo/document_id"]);
    let logo = upload(&client, "logo.png").await;
    let mut configuration = configuration;
    configuration["logo"]["document_id"] = json!(logo);
    client
        .create_loa_configuration_raw(&configuration)
        .await
        .expect("a logo that was uploaded");
}

/// What confirming `id` now lacks, by pointer (empty when it is confirmed).
async fn missing(client: &Client, id: PortingOrderId) -> Vec<String> {
    match client.porting_orders().actions().confirm(id).await {
        Ok(_) => Vec::new(),
        Err(e) => {
            assert!(e.is_unprocessable(), "{e:?}");
            assert!(
                e.api_errors()
                    .iter()
                    .all(|d| d.code.as_deref() == Some("10004")),
                "{e:?}"
            );
            pointers(Err::<(), _>(e))
        }
    }
}

#[tokio::test]
async fn confirm_lists_each_missing_field_until_the_order_is_complete() {
    let (_sandbox, client) = start().await;
    let id = draft(&client, "+4930901820").await;
    let mut expected: Vec<&str> = vec![
        "/end_user/admin/entity_name",
        "/end_user/admin/auth_person_name",
        "/end_user/admin/billing_phone_number",
        "/end_user/admin/account_number",
        "/end_user/location/street_address",
        "/end_user/location/locality",
        "/end_user/location/administrative_area",
        "/end_user/location/postal_code",
        "/end_user/location/country_code",
        "/documents/loa",
        "/documents/invoice",
        "/activation_settings/foc_datetime_requested",
        "/requirements",
    ];
    assert_eq!(missing(&client, id).await, expected);
    let status = |o: PortingOrder| o.status.and_then(|s| s.value).map(|v| v.to_string());
    assert_eq!(status(order(&client, id).await).as_deref(), Some("draft"));

    // Field by field: each change takes its pointer off the list.
    let admin = UpdatePortingOrderEndUserAdmin::new;
    let location = UpdatePortingOrderEndUserLocation::new;
    let steps: Vec<(UpdatePortingOrderEndUser, &str)> = vec![
        (
            UpdatePortingOrderEndUser::new().admin(admin().entity_name("Porter GmbH")),
            "/end_user/admin/entity_name",
        ),
        (
            UpdatePortingOrderEndUser::new().admin(admin().auth_person_name("Petra Porter")),
            "/end_user/admin/auth_person_name",
        ),
        (
            UpdatePortingOrderEndUser::new().admin(admin().billing_phone_number("+4930901820")),
            "/end_user/admin/billing_phone_number",
        ),
        (
            UpdatePortingOrderEndUser::new().admin(admin().account_number("KD-1234")),
            "/end_user/admin/account_number",
        ),
        (
            UpdatePortingOrderEndUser::new()
                .location(location().street_address("Unter den Linden 1")),
            "/end_user/location/street_address",
        ),
        (
            UpdatePortingOrderEndUser::new().location(location().locality("Berlin")),
            "/end_user/location/locality",
        ),
        (
            UpdatePortingOrderEndUser::new().location(location().administrative_area("BE")),
            "/end_user/location/administrative_area",
        ),
        (
            UpdatePortingOrderEndUser::new().location(location().postal_code("10117")),
            "/end_user/location/postal_code",
        ),
        (
            UpdatePortingOrderEndUser::new().location(location().country_code("DE")),
            "/end_user/location/country_code",
        ),
    ];
    for (end_user, pointer) in steps {
        let changes = UpdatePortingOrder::new().end_user(end_user);
        client
            .porting_orders()
            .update(id, &changes)
            .await
            .expect(pointer);
        expected.retain(|p| *p != pointer);
        assert_eq!(missing(&client, id).await, expected, "after {pointer}");
    }
    // An empty value is as good as none.
    let blank = UpdatePortingOrder::new()
        .end_user(UpdatePortingOrderEndUser::new().location(location().postal_code("  ")));
    client
        .porting_orders()
        .update(id, &blank)
        .await
        .expect("blank");
    assert!(
        missing(&client, id)
            .await
            .contains(&"/end_user/location/postal_code".to_owned())
    );
    let postal = UpdatePortingOrder::new()
        .end_user(UpdatePortingOrderEndUser::new().location(location().postal_code("10117")));
    client
        .porting_orders()
        .update(id, &postal)
        .await
        .expect("postal code");

    for (name, pointer) in [
        ("loa.pdf", "/documents/loa"),
        ("bill.pdf", "/documents/invoice"),
    ] {
        let document = upload(&client, name).await;
        let documents = if pointer.ends_with("loa") {
            UpdatePortingOrderDocuments::new().loa(document)
        } else {
            UpdatePortingOrderDocuments::new().invoice(document)
        };
        let changes = UpdatePortingOrder::new().documents(documents);
        client
            .porting_orders()
            .update(id, &changes)
            .await
            .expect(pointer);
        expected.retain(|p| *p != pointer);
        assert_eq!(missing(&client, id).await, expected, "after {pointer}");
    }
    let foc = allowed_foc(&client, id).await.expect("a window");
    let changes = UpdatePortingOrder::new().foc_datetime_requested(foc);
    client
        .porting_orders()
        .update(id, &changes)
        .await
        .expect("foc");
    expected.retain(|p| !p.starts_with("/activation_settings"));
    assert_eq!(missing(&client, id).await, ["/requirements"]);

    let proof = upload(&client, "proof.pdf").await;
    let changes = UpdatePortingOrder::new().requirements([UpdatePortingOrderRequirement::new(
        PROOF_OF_ADDRESS,
        proof.to_string(),
    )]);
    client
        .porting_orders()
        .update(id, &changes)
        .await
        .expect("proof");
    assert_eq!(missing(&client, id).await, Vec::<String>::new());
    assert_eq!(
        status(order(&client, id).await).as_deref(),
        Some("in-process")
    );
}

#[tokio::test]
async fn fill_order_makes_any_country_confirmable() {
    let (_sandbox, client) = start().await;
    for number in [
        "+13035550000",
        "+442071838750",
        "+4930901820",
        "+5511987654321",
        "+61424000000",
    ] {
        let id = draft(&client, number).await;
        let filled = fill_order(&client, id).await.expect("filled");
        assert_eq!(filled.requirements_met, Some(true), "{number}");
        let confirmed = client.porting_orders().actions().confirm(id).await;
        assert!(confirmed.is_ok(), "{number}: {confirmed:?}");
    }
    // The end user the helper sets is the one confirm needs, and nothing else is sent.
    let id = draft(&client, "+13035550001").await;
    let changes = UpdatePortingOrder::new().end_user(full_end_user());
    client
        .porting_orders()
        .update(id, &changes)
        .await
        .expect("end user");
    assert_eq!(
        missing(&client, id).await,
        [
            "/documents/loa",
            "/documents/invoice",
            "/activation_settings/foc_datetime_requested"
        ]
    );
}
