//! Reruns: after a failure at any call of a run, with a requirement added, with a reference
//! another job's order shares, and with an order too large to list all its numbers. Never a
//! second order for a number.

use std::sync::Arc;

use telnyx_porting::Client;
use telnyx_porting::Error;
use telnyx_porting::job::{DocumentKind, DocumentSource, JobError, Step, SubmitOutcome};
use telnyx_porting::models::PortingOrderStatusValue;

use super::support::*;

/// The calls a whole run (prepare, then submit) makes for `numbers`.
async fn calls_of_a_whole_run(numbers: &[&str]) -> Vec<Sent> {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let job = built(job(numbers));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    tap.sent()
}

#[tokio::test]
async fn a_rerun_after_a_failure_at_any_call_continues_without_duplicates() {
    let numbers = [US[0], GB, US[1]];
    let calls = calls_of_a_whole_run(&numbers).await;
    assert!(calls.len() >= 12, "{calls:#?}");
    for n in 1..=calls.len() {
        let sandbox = sandbox().await;
        let failing = Arc::new(Tap {
            abort_at: Some(n),
            ..Tap::default()
        });
        let job = built(job(&numbers));
        let client = client_with(&sandbox, &failing);
        let first = match job.prepare(&client).await {
            Ok(prepared) => prepared.submit(&client).await.map(|_| ()),
            Err(e) => Err(e),
        };
        let e: JobError = match first {
            Ok(()) => panic!(
                "call {n} ({}) was aborted, yet the run succeeded",
                calls[n - 1].name
            ),
            Err(e) => e,
        };
        assert!(matches!(e.source, Error::Aborted(_)), "call {n}: {e}");
        // The error names the step, and the order for per-order steps.
        let per_order = matches!(
            e.step,
            Step::FocWindows | Step::Fill | Step::Requirements | Step::Submit
        );
        assert_eq!(e.order.is_some(), per_order, "call {n}: {e}");
        if let Some(id) = e.order {
            assert!(e.to_string().contains(&id.to_string()), "{e}");
        }
        let after_failure = sandbox.order_count();
        // What the failed run left: orders lacking documents, and the LOAs attached.
        let left = sandbox.orders();
        let lacking = if left.is_empty() {
            1
        } else {
            left.iter()
                .filter(|o| o.documents.clone().unwrap_or_default().loa.is_none())
                .count()
        };
        let attached: Vec<_> = left
            .iter()
            .filter_map(|o| Some((o.id?, o.documents.clone()?.loa?)))
            .collect();

        // The rerun, with a client that no longer fails.
        let tap = Arc::new(Tap::default());
        let client = client_with(&sandbox, &tap);
        let prepared = job
            .prepare(&client)
            .await
            .unwrap_or_else(|e| panic!("call {n}: the rerun's prepare: {e}"));
        if after_failure > 0 {
            assert_eq!(
                sandbox.order_count(),
                after_failure,
                "call {n} ({}): the rerun created orders again",
                calls[n - 1].name
            );
            assert!(!tap.sent().iter().any(|s| s.name == "create"), "call {n}");
            assert!(prepared.orders.iter().all(|o| o.reused), "call {n}");
        }
        let submitted = prepared
            .submit(&client)
            .await
            .unwrap_or_else(|e| panic!("call {n}: the rerun's submit: {e}"));
        assert!(submitted.all_submitted(), "call {n}: {submitted:#?}");
        // Each number in exactly one order, every order submitted.
        let held = sandbox.orders();
        let mut expected: Vec<String> = numbers.iter().map(|s| (*s).to_owned()).collect();
        expected.sort();
        assert_eq!(numbers_in(&held), expected, "call {n}");
        for order in &held {
            assert_eq!(
                status(order),
                Some(&PortingOrderStatusValue::InProcess),
                "call {n}"
            );
            let documents = order.documents.clone().unwrap_or_default();
            assert!(
                documents.loa.is_some() && documents.invoice.is_some(),
                "call {n}"
            );
        }
        // Documents: uploaded again only when an order lacked them; kept where attached.
        let reuploads = tap.sent().iter().filter(|s| s.name == "upload").count();
        assert_eq!(reuploads, if lacking > 0 { 2 } else { 0 }, "call {n}");
        for (id, loa) in &attached {
            let now = held.iter().find(|o| o.id == Some(*id));
            let now = now.and_then(|o| o.documents.clone()).and_then(|d| d.loa);
            assert_eq!(now, Some(*loa), "call {n}: the LOA of {id} changed");
        }
    }
}

#[tokio::test]
async fn a_reference_shared_with_other_numbers_leaves_their_order_alone() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    // An earlier job under the same reference, with a number this job does not have.
    let earlier = built(job(&["+13035550002", US[0]]).customer_reference("Acct 42"));
    earlier
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("earlier: {e}"));
    let before = sandbox.orders();
    let job = built(job(&US).customer_reference("Acct 42"));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert_eq!(prepared.skipped.len(), 1);
    assert_eq!(prepared.skipped[0].phone_number, US[0]);
    // Only the number nobody holds was sent.
    let create = tap
        .sent()
        .into_iter()
        .rfind(|s| s.name == "create")
        .and_then(|s| s.body);
    assert_eq!(
        create,
        Some(serde_json::json!({"phone_numbers": [US[1]], "customer_reference": "Acct 42"}))
    );
    assert_eq!(prepared.orders.len(), 1);
    assert_eq!(prepared.orders[0].phone_numbers, [US[1]]);
    assert_eq!(sandbox.order_count(), before.len() + 1);
}

#[tokio::test]
async fn each_country_gets_its_order_and_a_rerun_adds_what_one_lacked() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    // US, Canada (416), Jamaica (876), the UK and Germany.
    let numbers = [
        "+13035550000",
        "+14165550000",
        "+18765550000",
        "+442071234567",
        "+4930123456",
    ];
    let job_without = built(job(&numbers));
    let prepared = job_without
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    let mut split: Vec<Vec<String>> = prepared
        .orders
        .iter()
        .map(|o| o.phone_numbers.clone())
        .collect();
    split.sort();
    let mut expected: Vec<Vec<String>> = numbers.iter().map(|n| vec![(*n).to_owned()]).collect();
    expected.sort();
    assert_eq!(split, expected, "one order per country");
    let german = |orders: &[telnyx_porting::job::OrderReport]| {
        orders
            .iter()
            .position(|o| o.phone_numbers == ["+4930123456"])
            .unwrap_or_else(|| panic!("no German order"))
    };
    let de = german(&prepared.orders);
    for (i, order) in prepared.orders.iter().enumerate() {
        if i == de {
            let missing: Vec<(&str, bool)> = order
                .missing
                .iter()
                .map(|m| (m.pointer.as_str(), m.detail.contains(PROOF_OF_ADDRESS)))
                .collect();
            assert_eq!(missing, [("/requirements", true)], "{:#?}", order.missing);
        } else {
            assert!(
                order.is_ready(),
                "{:?}: {:#?}",
                order.phone_numbers,
                order.missing
            );
        }
    }
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert_eq!(submitted.confirmed().count(), 4);
    assert_eq!(submitted.orders[de].outcome, SubmitOutcome::NotReady);
    let confirms = tap.sent().iter().filter(|s| s.name == "confirm").count();
    assert_eq!(confirms, 4, "the incomplete order is not sent");

    // The same numbers with the proof of address: the same orders, the German one completed.
    let proof = DocumentSource::bytes("proof-of-address.pdf", b"%PDF-1.4 proof".to_vec());
    let job_with = built(job(&numbers).requirement(PROOF_OF_ADDRESS, proof));
    assert_eq!(job_with.reference(), job_without.reference());
    let before = tap.sent().len();
    let prepared = job_with
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("the rerun's prepare: {e}"));
    assert_eq!(sandbox.order_count(), 5);
    assert!(prepared.orders.iter().all(|o| o.reused));
    let de = german(&prepared.orders);
    assert!(
        prepared.orders[de].is_ready(),
        "{:#?}",
        prepared.orders[de].missing
    );
    // Only the German draft was filled again: one upload, its PATCH naming the document.
    let rerun: Vec<Sent> = tap.sent()[before..].to_vec();
    let uploads: Vec<&Sent> = rerun.iter().filter(|s| s.name == "upload").collect();
    assert_eq!(uploads.len(), 1, "{rerun:#?}");
    assert_eq!(prepared.uploaded.len(), 1);
    assert_eq!(prepared.uploaded[0].kind, DocumentKind::Requirement);
    assert_eq!(
        prepared.uploaded[0].requirement_type_id.as_deref(),
        Some(PROOF_OF_ADDRESS)
    );
    let patches: Vec<&Sent> = rerun.iter().filter(|s| s.name == "update").collect();
    assert_eq!(patches.len(), 1);
    let requirement = patches[0]
        .body
        .as_ref()
        .map(|b| b["requirements"].clone())
        .unwrap_or_default();
    assert_eq!(requirement[0]["requirement_type_id"], PROOF_OF_ADDRESS);
    assert!(
        patches[0]
            .body
            .as_ref()
            .is_some_and(|b| b.get("documents").is_none())
    );
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("the rerun's submit: {e}"));
    let outcomes: Vec<SubmitOutcome> = submitted.orders.iter().map(|o| o.outcome).collect();
    let mut expected = vec![SubmitOutcome::AlreadySubmitted; 5];
    expected[de] = SubmitOutcome::Confirmed;
    assert_eq!(outcomes, expected);
    assert!(submitted.all_submitted());
}

/// A loopback server with scripted answers: an order of an earlier run that lists only two of
/// its three numbers (the API lists the first 50 of a large order). The third is looked up
/// with the phone-number filter, and found: nothing is created, nothing uploaded (the order
/// has its documents), and each request is checked as the server received it.
#[tokio::test]
async fn numbers_a_large_order_does_not_list_are_looked_up_by_number() {
    use telnyx_porting::sandbox::{MockResponse, MockServer};
    use telnyx_porting::time::format_description::well_known::Rfc3339;
    use telnyx_porting::time::{Duration, OffsetDateTime};

    let server = MockServer::start()
        .await
        .unwrap_or_else(|e| panic!("cannot start the mock server: {e}"));
    let client = Client::builder()
        .api_key("KEY-job-test")
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("cannot build the client: {e}"));
    let numbers = ["+13035550000", "+13035550001", "+13035550002"];
    let job = built(job(&numbers));
    let reference = job.reference().to_owned();
    let id = "f1486bae-f067-460c-ad43-73a92848f902";
    let (loa, invoice) = (
        "4b1a6a2e-7c1f-4a52-9a5c-0f5c1d2e3f40",
        "5c2b7b3f-8d20-4b63-8b6d-1a6d2e3f4051",
    );
    let day = (OffsetDateTime::now_utc() + Duration::days(2)).date();
    let start = day
        .with_hms(14, 0, 0)
        .map(|t| t.assume_utc())
        .unwrap_or_else(|e| panic!("{e}"));
    let start_text = start.format(&Rfc3339).unwrap_or_default();
    let end_text = (start + Duration::hours(4))
        .format(&Rfc3339)
        .unwrap_or_default();
    let meta = serde_json::json!({"page_number": 1, "page_size": 250, "total_pages": 1, "total_results": 1});
    let number = |n: &str| serde_json::json!({"phone_number": n, "porting_order_id": id});
    let order = serde_json::json!({
        "id": id,
        "customer_reference": reference,
        "status": {"value": "draft", "details": []},
        "porting_phone_numbers_count": 3,
        "phone_numbers": [number(numbers[0]), number(numbers[1])],
        "documents": {"loa": loa, "invoice": invoice},
        "requirements": [],
    });
    let mut filled = order.clone();
    filled["activation_settings"] = serde_json::json!({"foc_datetime_requested": start_text});
    filled["end_user"] = serde_json::json!({
        "admin": {"entity_name": "Porter McPortersen", "auth_person_name": "Porter McPortersen II",
                  "billing_phone_number": "+13035550000", "account_number": "123abc"},
        "location": {"street_address": "600 Congress Avenue", "locality": "Austin",
                     "administrative_area": "TX", "postal_code": "78701", "country_code": "US"},
    });
    let checks: Vec<serde_json::Value> = numbers
        .iter()
        .map(|n| serde_json::json!({"phone_number": n, "portable": true, "fast_portable": true}))
        .collect();
    server.enqueue(MockResponse::json(
        201,
        &serde_json::json!({"data": checks}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [order], "meta": meta}),
    ));
    // The look-up by number finds the same order, listing the same first numbers.
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [order.clone()], "meta": meta}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [{"started_at": start_text, "ended_at": end_text}], "meta": meta}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": filled, "meta": {}}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [], "meta": meta}),
    ));

    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert_eq!(prepared.orders.len(), 1);
    let found = &prepared.orders[0];
    assert_eq!(found.phone_numbers, numbers);
    assert!(found.reused && found.is_ready(), "{:#?}", found.missing);
    assert!(prepared.uploaded.is_empty());

    let requests = server.requests();
    let seen: Vec<(String, String, Option<String>)> = requests
        .iter()
        .map(|r| (r.method.clone(), r.path.clone(), r.query.clone()))
        .collect();
    let by_ref = format!("filter%5Bcustomer_reference%5D={reference}");
    let get = |path: &str, query: Option<String>| ("GET".to_owned(), path.to_owned(), query);
    assert_eq!(
        seen,
        [
            ("POST".to_owned(), "/v2/portability_checks".to_owned(), None),
            get(
                "/v2/porting_orders",
                Some(format!("page%5Bnumber%5D=1&page%5Bsize%5D=250&{by_ref}"))
            ),
            get(
                "/v2/porting_orders",
                Some(format!(
                    "page%5Bsize%5D=250&{by_ref}\
                     &filter%5Bphone_numbers%5D%5Bphone_number%5D%5Bcontains%5D=%2B13035550002"
                ))
            ),
            get(
                &format!("/v2/porting_orders/{id}/allowed_foc_windows"),
                None
            ),
            ("PATCH".to_owned(), format!("/v2/porting_orders/{id}"), None),
            get(
                &format!("/v2/porting_orders/{id}/requirements"),
                Some("page%5Bnumber%5D=1&page%5Bsize%5D=250".to_owned())
            ),
        ]
    );
    let patch: serde_json::Value = serde_json::from_slice(&requests[4].body).unwrap_or_default();
    assert!(patch.get("documents").is_none(), "kept: {patch}");
    assert_eq!(
        patch["activation_settings"]["foc_datetime_requested"],
        serde_json::Value::from(start_text)
    );
}

/// The look-up by number matches any number containing it: an order that lists all its
/// numbers, none of them this one, does not hold it, so the number is sent. (The create call
/// is aborted by the hook: what it would send is what is checked.)
#[tokio::test]
async fn a_longer_number_found_by_the_look_up_does_not_hold_the_number() {
    use telnyx_porting::sandbox::{MockResponse, MockServer};

    let server = MockServer::start()
        .await
        .unwrap_or_else(|e| panic!("cannot start the mock server: {e}"));
    let tap = Arc::new(Tap {
        abort_at: Some(4),
        ..Tap::default()
    });
    let client = Client::builder()
        .api_key("KEY-job-test")
        .base_url(server.base_url())
        .max_retries(0)
        .hook(Arc::clone(&tap))
        .build()
        .unwrap_or_else(|e| panic!("cannot build the client: {e}"));
    let (a, b) = ("+4930123456", "+4930123457");
    let job = built(job(&[a, b]));
    let meta = serde_json::json!({"page_number": 1, "page_size": 250, "total_pages": 1, "total_results": 1});
    let checks = serde_json::json!({"data": [
        {"phone_number": a, "portable": true}, {"phone_number": b, "portable": true}
    ]});
    // An order of the job listing only b of its two numbers.
    let ours = serde_json::json!({
        "id": "f1486bae-f067-460c-ad43-73a92848f902",
        "status": {"value": "draft"},
        "porting_phone_numbers_count": 2,
        "phone_numbers": [{"phone_number": b}],
    });
    // Another order under the reference, fully listed, holding a longer number.
    let longer = serde_json::json!({
        "id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "status": {"value": "draft"},
        "porting_phone_numbers_count": 1,
        "phone_numbers": [{"phone_number": "+49301234560"}],
    });
    server.enqueue(MockResponse::json(201, &checks));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [ours], "meta": meta}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &serde_json::json!({"data": [longer], "meta": meta}),
    ));

    let e = match job.prepare(&client).await {
        Ok(prepared) => panic!("the create call was aborted, yet: {prepared:#?}"),
        Err(e) => e,
    };
    assert_eq!((e.step, e.order), (Step::Create, None), "{e}");
    let sent = tap.sent();
    assert_eq!(sent.len(), 4, "{sent:#?}");
    assert!(
        sent[2].url.ends_with("contains%5D=%2B4930123456"),
        "{}",
        sent[2].url
    );
    assert_eq!(
        sent[3].body,
        Some(serde_json::json!({"phone_numbers": [a], "customer_reference": job.reference()}))
    );
    assert_eq!(server.received(), 3, "the aborted call was not sent");
}
