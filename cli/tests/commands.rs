//! The binary against a scripted loopback server: the exact request each command sends.

mod common;

use common::{CHILD_ID, ORDER_ID, order, page, run, run_against, run_with, with_server};
use serde_json::json;
use telnyx_porting::sandbox::{MockResponse, MockServer};

#[tokio::test(flavor = "multi_thread")]
async fn the_reference_sample_sends_exactly_its_body() {
    let server = MockServer::start().await.unwrap();
    let created =
        json!({"data": [order(ORDER_ID, &["+13035550000", "+13035550001", "+13035550002"])]});
    server.enqueue(MockResponse::json(201, &created));
    let base = server.base_url();
    // As printed in the API reference, with `telnyx` replaced; the key after the command.
    let out = run(&[
        "porting-orders",
        "create",
        "--api-key",
        "My API Key",
        "--phone-number",
        "'+13035550000'",
        "--phone-number",
        "'+13035550001'",
        "--phone-number",
        "'+13035550002'",
        "--base-url",
        &base,
        "--format",
        "json",
    ])
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/v2/porting_orders");
    assert_eq!(r.query, None);
    assert_eq!(r.header("authorization"), Some("Bearer My API Key"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        r#"{"phone_numbers":["+13035550000","+13035550001","+13035550002"]}"#
    );
    // The created orders, as one JSON array.
    let printed = out.json();
    assert_eq!(printed[0]["id"], ORDER_ID);
    assert_eq!(printed.as_array().map(Vec::len), Some(1));
    assert!(out.stderr.is_empty(), "{out:?}");
}

/// (args, answer status, answer body, method, path, query, body).
type Case<'a> = (
    Vec<&'a str>,
    u16,
    serde_json::Value,
    &'a str,
    String,
    Option<&'a str>,
    &'a str,
);

/// One command from every group.
#[tokio::test(flavor = "multi_thread")]
async fn a_command_from_every_group_sends_its_request() {
    let one = json!({"data": {"id": CHILD_ID}});
    let list = page(vec![json!({"id": CHILD_ID})], 1, 1);
    let cases: Vec<Case> = vec![
        (
            vec!["porting-orders", "retrieve", ORDER_ID],
            200,
            json!({"data": order(ORDER_ID, &[]), "meta": {}}),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}"),
            None,
            "",
        ),
        (
            vec![
                "porting-orders",
                "retrieve",
                ORDER_ID,
                "--include-phone-numbers",
                "false",
            ],
            200,
            json!({"data": order(ORDER_ID, &[]), "meta": {}}),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}"),
            Some("include_phone_numbers=false"),
            "",
        ),
        (
            vec!["porting-orders:actions", "confirm", ORDER_ID],
            200,
            json!({"data": order(ORDER_ID, &[]), "meta": {}}),
            "POST",
            format!("/v2/porting_orders/{ORDER_ID}/actions/confirm"),
            None,
            "",
        ),
        (
            vec![
                "porting-orders:action-requirements",
                "list",
                ORDER_ID,
                "--filter.status",
                "created",
            ],
            200,
            list.clone(),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}/action_requirements"),
            Some("page%5Bnumber%5D=1&filter%5Bstatus%5D=created"),
            "",
        ),
        (
            vec![
                "porting-orders:activation-jobs",
                "retrieve",
                ORDER_ID,
                "--activation-job-id",
                CHILD_ID,
            ],
            200,
            one.clone(),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}/activation_jobs/{CHILD_ID}"),
            None,
            "",
        ),
        (
            vec![
                "porting-orders:additional-documents",
                "delete",
                ORDER_ID,
                "--additional-document-id",
                CHILD_ID,
            ],
            204,
            json!(null),
            "DELETE",
            format!("/v2/porting_orders/{ORDER_ID}/additional_documents/{CHILD_ID}"),
            None,
            "",
        ),
        (
            vec![
                "porting-orders:associated-phone-numbers",
                "list",
                ORDER_ID,
                "--page-size",
                "2",
            ],
            200,
            list.clone(),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}/associated_phone_numbers"),
            Some("page%5Bnumber%5D=1&page%5Bsize%5D=2"),
            "",
        ),
        (
            vec![
                "porting-orders:comments",
                "create",
                ORDER_ID,
                "--body",
                "Please hurry",
            ],
            201,
            one.clone(),
            "POST",
            format!("/v2/porting_orders/{ORDER_ID}/comments"),
            None,
            r#"{"body":"Please hurry"}"#,
        ),
        (
            vec![
                "porting-orders:phone-number-blocks",
                "delete",
                "--porting-order-id",
                ORDER_ID,
                "--id",
                CHILD_ID,
            ],
            200,
            one.clone(),
            "DELETE",
            format!("/v2/porting_orders/{ORDER_ID}/phone_number_blocks/{CHILD_ID}"),
            None,
            "",
        ),
        (
            vec![
                "porting-orders:phone-number-configurations",
                "list",
                "--max-items",
                "1",
            ],
            200,
            list.clone(),
            "GET",
            "/v2/porting_orders/phone_number_configurations".to_owned(),
            Some("page%5Bnumber%5D=1"),
            "",
        ),
        (
            vec!["porting-orders:phone-number-extensions", "list", ORDER_ID],
            200,
            list.clone(),
            "GET",
            format!("/v2/porting_orders/{ORDER_ID}/phone_number_extensions"),
            Some("page%5Bnumber%5D=1"),
            "",
        ),
        (
            vec![
                "porting-orders:verification-codes",
                "send",
                ORDER_ID,
                "--phone-number",
                "+13035550000",
                "--verification-method",
                "sms",
            ],
            204,
            json!(null),
            "POST",
            format!("/v2/porting_orders/{ORDER_ID}/verification_codes/send"),
            None,
            r#"{"phone_numbers":["+13035550000"],"verification_method":"sms"}"#,
        ),
        (
            vec!["porting", "list-uk-carriers"],
            200,
            json!({"data": []}),
            "GET",
            "/v2/porting/uk_carriers".to_owned(),
            None,
            "",
        ),
        (
            vec!["porting:events", "republish", CHILD_ID],
            204,
            json!(null),
            "POST",
            format!("/v2/porting/events/{CHILD_ID}/republish"),
            None,
            "",
        ),
        (
            vec!["porting:reports", "list", "--filter.status", "completed"],
            200,
            list.clone(),
            "GET",
            "/v2/porting/reports".to_owned(),
            Some("page%5Bnumber%5D=1&filter%5Bstatus%5D=completed"),
            "",
        ),
        (
            vec!["porting:loa-configurations", "retrieve", CHILD_ID],
            200,
            one.clone(),
            "GET",
            format!("/v2/porting/loa_configurations/{CHILD_ID}"),
            None,
            "",
        ),
        (
            vec![
                "porting-phone-numbers",
                "list",
                "--filter.porting-order-status",
                "draft",
            ],
            200,
            list.clone(),
            "GET",
            "/v2/porting_phone_numbers".to_owned(),
            Some("page%5Bnumber%5D=1&filter%5Bporting_order_status%5D=draft"),
            "",
        ),
        (
            vec![
                "portability-checks",
                "run",
                "--phone-number",
                "+13035550000",
            ],
            201,
            json!({"data": [{"phone_number": "+13035550000", "portable": true}]}),
            "POST",
            "/v2/portability_checks".to_owned(),
            None,
            r#"{"phone_numbers":["+13035550000"]}"#,
        ),
    ];
    let mut groups = std::collections::BTreeSet::new();
    for (args, status, answer, method, path, query, body) in cases {
        let server = MockServer::start().await.unwrap();
        let response = if answer.is_null() {
            MockResponse::new(status)
        } else {
            MockResponse::json(status, &answer)
        };
        server.enqueue(response);
        let out = run_against(&server, &args).await;
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{args:?}");
        let r = &requests[0];
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            (method, path.as_str()),
            "{args:?}"
        );
        assert_eq!(r.query.as_deref(), query, "{args:?}");
        assert_eq!(String::from_utf8_lossy(&r.body), body, "{args:?}");
        assert_eq!(r.header("authorization"), Some("Bearer KEY123"));
        groups.insert(args[0]);
    }
    assert_eq!(groups.len(), 17, "every group is covered");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_positional_is_a_usage_error_and_nothing_is_sent() {
    let server = MockServer::start().await.unwrap();
    let out = run_against(&server, &["porting-orders", "retrieve", ORDER_ID, CHILD_ID]).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("unexpected argument"), "{out:?}");
    assert_eq!(server.received(), 0);
    // A bad id is refused before sending, naming the flag.
    let out = run_against(&server, &["porting-orders", "retrieve", "not-a-uuid"]).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--id \"not-a-uuid\""), "{out:?}");
    assert_eq!(server.received(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn data_comes_from_a_file_or_stdin_and_flags_override_it() {
    let dir = std::env::temp_dir().join(format!("telnyx-porting-cli-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("order.json");
    std::fs::write(
        &file,
        r#"{"phone_numbers":["+13035550000"],"customer_reference":"from-file"}"#,
    )
    .unwrap();
    let server = MockServer::start().await.unwrap();
    let created = json!({"data": [order(ORDER_ID, &["+13035550000"])]});
    server.enqueue(MockResponse::json(201, &created));
    server.enqueue(MockResponse::json(201, &created));
    let at_file = format!("@{}", file.display());
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "create",
            "--data",
            &at_file,
            "--customer-reference",
            "from-flag",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let all = with_server(&server, &["porting-orders", "create", "--data", "-"]);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = run_with(&refs, Some(br#"{"phone_numbers":["+13035550001"]}"#)).await;
    assert_eq!(out.code, 0, "{out:?}");
    let requests = server.requests();
    assert_eq!(
        String::from_utf8_lossy(&requests[0].body),
        r#"{"phone_numbers":["+13035550000"],"customer_reference":"from-flag"}"#
    );
    assert_eq!(
        String::from_utf8_lossy(&requests[1].body),
        r#"{"phone_numbers":["+13035550001"]}"#
    );
    // Piped stdin without --data is an error with a hint, not silently ignored.
    let all = with_server(
        &server,
        &["porting-orders", "create", "--phone-number", "+13035550002"],
    );
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = run_with(&refs, Some(b"{}")).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--data -"), "{out:?}");
    assert_eq!(server.received(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_walk_every_page_as_one_json_array_or_jsonl() {
    let server = MockServer::start().await.unwrap();
    let first = page(
        vec![
            order("00000000-0000-0000-0000-000000000001", &[]),
            order("00000000-0000-0000-0000-000000000002", &[]),
        ],
        1,
        2,
    );
    let second = page(
        vec![order("00000000-0000-0000-0000-000000000003", &[])],
        2,
        2,
    );
    server.enqueue(MockResponse::json(200, &first));
    server.enqueue(MockResponse::json(200, &second));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "list",
            "--page-size",
            "2",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let items = out.json();
    assert_eq!(items.as_array().map(Vec::len), Some(3), "{out:?}");
    assert_eq!(items[2]["id"], "00000000-0000-0000-0000-000000000003");
    let requests = server.requests();
    assert_eq!(
        requests[0].query.as_deref(),
        Some("page%5Bnumber%5D=1&page%5Bsize%5D=2")
    );
    assert_eq!(
        requests[1].query.as_deref(),
        Some("page%5Bnumber%5D=2&page%5Bsize%5D=2")
    );

    server.enqueue(MockResponse::json(200, &first));
    server.enqueue(MockResponse::json(200, &second));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "list",
            "--format",
            "jsonl",
            "--transform",
            "id",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "\"00000000-0000-0000-0000-000000000001\"\n\"00000000-0000-0000-0000-000000000002\"\n\"00000000-0000-0000-0000-000000000003\"\n"
    );

    // --page-number: that page only.
    server.enqueue(MockResponse::json(200, &second));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "list",
            "--page-number",
            "2",
            "--format",
            "jsonl",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout.lines().count(), 1);
    assert_eq!(server.received(), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_flag_runs_one_command_against_a_fresh_sandbox() {
    let out = run(&[
        "porting-orders",
        "create",
        "--sandbox",
        "--phone-number",
        "+13035550000",
        "--format",
        "jsonl",
    ])
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let order: serde_json::Value =
        serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(order["phone_numbers"][0]["phone_number"], "+13035550000");
    assert_eq!(order["status"]["value"], "draft");
    let out = run(&[
        "portability-checks",
        "run",
        "--sandbox",
        "--phone-number",
        "+13035550000",
        "--format",
        "json",
    ])
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.json()[0]["portable"], true);
    // The sandbox refuses what the API refuses, with Telnyx's error shape.
    let out = run(&[
        "porting-orders",
        "update",
        "--sandbox",
        ORDER_ID,
        "--misc.type",
        "full",
    ])
    .await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(out.stderr.contains("HTTP 404"), "{out:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn object_flags_take_json_or_the_docs_yaml_flow_maps_and_dotted_fields() {
    let server = MockServer::start().await.unwrap();
    let answer = json!({"data": order(ORDER_ID, &[]), "meta": {}});
    server.enqueue(MockResponse::json(200, &answer));
    let out = run_against(
        &server,
        &[
            "porting-orders",
            "update",
            ORDER_ID,
            "--end-user",
            "{admin: {entity_name: Acme Co, pin_passcode: '1234'}}",
            "--end-user.location.postal-code",
            "'78701'",
            "--misc.type",
            "full",
            "--end-user.admin.tax-identifier",
            "null",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let r = &server.requests()[0];
    assert_eq!(r.method, "PATCH");
    let sent: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        sent,
        json!({
            "end_user": {"admin": {"entity_name": "Acme Co", "pin_passcode": "1234", "tax_identifier": null}, "location": {"postal_code": "78701"}},
            "misc": {"type": "full"},
        })
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn arrays_of_objects_take_one_object_per_flag_or_the_official_dotted_fields() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(201, &json!({"data": []})));
    let doc_a = "0d8a7f5e-7b0c-4c5d-9f1a-000000000001";
    let doc_b = "0d8a7f5e-7b0c-4c5d-9f1a-000000000002";
    let doc_c = "0d8a7f5e-7b0c-4c5d-9f1a-000000000003";
    let first = format!("{{document_id: {doc_a}, document_type: loa}}");
    let out = run_against(
        &server,
        &[
            "porting-orders:additional-documents",
            "create",
            ORDER_ID,
            "--additional-document",
            &first,
            "--additional-document.document-id",
            doc_b,
            "--additional-document.document-type",
            "invoice",
            "--additional-document.document-id",
            doc_c,
            "--additional-document.document-type",
            "other",
        ],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let sent: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"additional_documents": [
            {"document_id": doc_a, "document_type": "loa"},
            {"document_id": doc_b, "document_type": "invoice"},
            {"document_id": doc_c, "document_type": "other"},
        ]})
    );
    // A JSON array for one occurrence is refused, before sending.
    let out = run_against(
        &server,
        &[
            "porting-orders:additional-documents",
            "create",
            ORDER_ID,
            "--additional-document",
            "[{}]",
        ],
    )
    .await;
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(server.received(), 1);
}
