//! `telnyx_porting::job` against the sandbox: the whole job with its exact requests, orders
//! split by country, non-portable numbers reported and never sent, the FOC date from the
//! allowed windows, progress events, a refusal at confirm; and, in `job/rerun.rs`, reruns
//! after a failure injected at every call of a run (a hook that aborts the nth call): never a
//! second order for a number, and the rerun ends with every order filled and submitted.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use telnyx_porting::job::{DocumentSource, FocDate, Progress, Step, SubmitOutcome};
use telnyx_porting::models::PortingOrderStatusValue;
use telnyx_porting::prelude::*;

#[path = "job/foc.rs"]
mod foc;
#[path = "job/rerun.rs"]
mod rerun;
#[path = "job/support.rs"]
mod support;

use support::*;

#[tokio::test]
async fn the_whole_job_from_numbers_to_submitted_orders() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let job = built(job(&[US[0], US[1], FICTION]));

    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert_eq!(prepared.reference, job.reference());
    let not_portable: Vec<&str> = prepared
        .portability
        .not_portable()
        .map(|n| n.phone_number.as_str())
        .collect();
    assert_eq!(not_portable, [FICTION]);
    assert!(
        prepared.portability.numbers[2]
            .not_portable_reason
            .as_deref()
            .is_some_and(|r| r.contains("555-0100")),
        "{:?}",
        prepared.portability
    );
    assert_eq!(prepared.orders.len(), 1, "{:#?}", prepared.orders);
    let order = &prepared.orders[0];
    assert_eq!(order.phone_numbers, US);
    assert!(!order.reused);
    assert!(order.is_ready(), "missing: {:#?}", order.missing);
    assert_eq!(prepared.uploaded.len(), 2);
    assert!(prepared.skipped.is_empty());

    // The requests, in order, exactly as sent.
    let sent = tap.sent();
    let shape: Vec<(&str, &str)> = sent.iter().map(|s| (s.method, s.name)).collect();
    assert_eq!(
        shape,
        [
            ("POST", "run"),
            ("GET", "list"),
            ("POST", "create"),
            ("POST", "upload"),
            ("POST", "upload"),
            ("GET", "allowed_foc_windows"),
            ("PATCH", "update"),
            ("GET", "requirements"),
        ]
    );
    assert_eq!(
        sent[0].body,
        Some(serde_json::json!({"phone_numbers": [US[0], US[1], FICTION]}))
    );
    let reference = job.reference().to_owned();
    assert_eq!(
        sent[1].url,
        format!(
            "/porting_orders?page%5Bnumber%5D=1&page%5Bsize%5D=250&filter%5Bcustomer_reference%5D={reference}"
        )
    );
    assert_eq!(
        sent[2].body,
        Some(serde_json::json!({"phone_numbers": US, "customer_reference": reference}))
    );
    let loa_id = prepared.uploaded[0].id.to_string();
    let invoice_id = prepared.uploaded[1].id.to_string();
    assert_eq!(
        sent[3].body.as_ref().map(|b| b["filename"].clone()),
        Some("loa.pdf".into())
    );
    let id = order.id;
    assert_eq!(
        sent[5].url,
        format!("/porting_orders/{id}/allowed_foc_windows")
    );
    let foc = order
        .foc_datetime_requested
        .unwrap_or_else(|| panic!("no FOC date: {order:#?}"));
    let foc_text = foc
        .format(&telnyx_porting::time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    assert_eq!(
        sent[6].body,
        Some(serde_json::json!({
            "activation_settings": {"foc_datetime_requested": foc_text},
            "documents": {"loa": loa_id, "invoice": invoice_id},
            "end_user": {
                "admin": {
                    "entity_name": "Porter McPortersen",
                    "auth_person_name": "Porter McPortersen II",
                    "billing_phone_number": "+13035550000",
                    "account_number": "123abc",
                    "pin_passcode": "1234"
                },
                "location": {
                    "country_code": "US",
                    "street_address": "600 Congress Avenue",
                    "extended_address": "14th Floor",
                    "locality": "Austin",
                    "administrative_area": "TX",
                    "postal_code": "78701"
                }
            },
            "webhook_url": "https://example.com/porting-webhooks"
        }))
    );
    assert_eq!(
        sent[7].url,
        format!("/porting_orders/{id}/requirements?page%5Bnumber%5D=1&page%5Bsize%5D=250")
    );
    // The earliest allowed window's start: the sandbox's windows open at 14:00 UTC.
    assert_eq!((foc.hour(), foc.minute()), (14, 0), "{foc}");

    // The order holds what was sent; the fictional number was never sent.
    let held = sandbox.orders();
    assert_eq!(numbers_in(&held), US);
    let documents = held[0].documents.clone().unwrap_or_default();
    assert_eq!(documents.loa, Some(prepared.uploaded[0].id));
    assert_eq!(documents.invoice, Some(prepared.uploaded[1].id));
    // The documents are the bytes given.
    let loa = client
        .documents()
        .download(prepared.uploaded[0].id)
        .await
        .unwrap_or_else(|e| panic!("download: {e}"));
    assert_eq!(&loa[..], LOA);

    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert_eq!(submitted.orders.len(), 1);
    assert_eq!(submitted.orders[0].outcome, SubmitOutcome::Confirmed);
    assert!(submitted.all_submitted());
    let last = tap.sent().pop().map(|s| (s.method, s.url));
    assert_eq!(
        last,
        Some(("POST", format!("/porting_orders/{id}/actions/confirm")))
    );
    assert_eq!(
        status(&sandbox.orders()[0]),
        Some(&PortingOrderStatusValue::InProcess)
    );
}

#[tokio::test]
async fn numbers_of_several_countries_make_several_orders_each_filled() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let job = built(job(&[US[0], GB, US[1]]));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    // One order per country: the two US numbers together, the UK number apart.
    let mut split: Vec<Vec<String>> = prepared
        .orders
        .iter()
        .map(|o| o.phone_numbers.clone())
        .collect();
    split.sort();
    assert_eq!(split, [vec![US[0], US[1]], vec![GB]]);
    assert_eq!(prepared.orders.len(), sandbox.order_count());
    let mut ours: Vec<String> = prepared
        .orders
        .iter()
        .flat_map(|o| o.phone_numbers.clone())
        .collect();
    ours.sort();
    assert_eq!(
        ours,
        [US[0], US[1], GB].map(String::from).to_vec().tap_sort()
    );
    for order in &prepared.orders {
        assert!(order.is_ready(), "{}: {:#?}", order.id, order.missing);
    }
    // One upload of each document, attached to every order.
    let uploads = tap.sent().iter().filter(|s| s.name == "upload").count();
    assert_eq!(uploads, 2);
    let loas: BTreeSet<_> = sandbox
        .orders()
        .iter()
        .map(|o| o.documents.clone().unwrap_or_default().loa)
        .collect();
    assert_eq!(loas, BTreeSet::from([Some(prepared.uploaded[0].id)]));
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert_eq!(submitted.confirmed().count(), prepared.orders.len());
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

#[tokio::test]
async fn non_portable_numbers_are_reported_and_never_sent() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let job = built(job(&[FICTION, "+13035550150"]));
    let checked = job
        .check(&client)
        .await
        .unwrap_or_else(|e| panic!("check: {e}"));
    assert_eq!(checked.portable().count(), 0);
    assert_eq!(checked.not_portable().count(), 2);
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert!(prepared.orders.is_empty());
    assert!(prepared.uploaded.is_empty());
    let names: Vec<&str> = tap.sent().iter().map(|s| s.name).collect();
    assert_eq!(names, ["run", "run", "list"], "only checks and the look-up");
    assert_eq!(sandbox.order_count(), 0);
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert!(submitted.orders.is_empty());
}

#[tokio::test]
async fn a_foc_date_outside_the_windows_is_missing_and_the_order_is_not_submitted() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let past =
        telnyx_porting::time::OffsetDateTime::now_utc() - telnyx_porting::time::Duration::days(3);
    let job = built(job(&US).foc(FocDate::At(past)));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    let order = &prepared.orders[0];
    let pointers: Vec<&str> = order.missing.iter().map(|m| m.pointer.as_str()).collect();
    assert_eq!(pointers, ["/activation_settings/foc_datetime_requested"]);
    assert!(
        order.missing[0]
            .detail
            .contains("outside the allowed FOC windows")
    );
    // The date was not sent.
    let patch = tap
        .sent()
        .into_iter()
        .find(|s| s.name == "update")
        .and_then(|s| s.body)
        .unwrap_or_default();
    assert!(patch.get("activation_settings").is_none(), "{patch}");
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert_eq!(submitted.orders[0].outcome, SubmitOutcome::NotReady);
    assert!(!tap.sent().iter().any(|s| s.name == "confirm"));
    assert_eq!(
        status(&sandbox.orders()[0]),
        Some(&PortingOrderStatusValue::Draft)
    );
}

#[tokio::test]
async fn progress_reports_each_step_in_order() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let events = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let record = Arc::clone(&events);
    let job = built(job(&[US[0], GB]).on_progress(move |p| lock(&record).push(p.clone())));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    let events = lock(&events).clone();
    let started: Vec<Step> = events
        .iter()
        .filter_map(|p| match p {
            Progress::Started { step, .. } => Some(*step),
            _ => None,
        })
        .collect();
    assert_eq!(started, Step::ALL);
    let finished = events
        .iter()
        .filter(|p| matches!(p, Progress::Finished { .. }))
        .count();
    assert_eq!(finished, Step::ALL.len());
    // Per-order steps advance once per order, to done == total, naming the order.
    let orders = prepared.orders.len();
    for step in [
        Step::FocWindows,
        Step::Fill,
        Step::Requirements,
        Step::Submit,
    ] {
        let advanced: Vec<(usize, usize)> = events
            .iter()
            .filter_map(|p| match p {
                Progress::Advanced {
                    step: s,
                    order: Some(_),
                    done,
                    total,
                } if *s == step => Some((*done, *total)),
                _ => None,
            })
            .collect();
        let expected: Vec<(usize, usize)> = (1..=orders).map(|i| (i, orders)).collect();
        assert_eq!(advanced, expected, "{step:?}");
    }
    assert_eq!(
        events[0],
        Progress::Started {
            step: Step::Check,
            total: 2
        }
    );
    assert_eq!(events[0].to_string(), "check: started (2)");
}

#[tokio::test]
async fn a_refusal_at_confirm_is_reported_per_order_with_the_apis_pointers() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let job = built(job(&[US[0], GB]));
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert!(prepared.all_ready());
    // Someone clears the UK order's invoice between prepare and submit.
    let uk = prepared
        .orders
        .iter()
        .find(|o| o.phone_numbers == [GB])
        .map(|o| o.id)
        .unwrap_or_else(|| panic!("no UK order"));
    let clear = telnyx_porting::models::UpdatePortingOrder::new()
        .documents(telnyx_porting::models::UpdatePortingOrderDocuments::new().clear_invoice());
    client
        .porting_orders()
        .update(uk, &clear)
        .await
        .unwrap_or_else(|e| panic!("clear: {e}"));
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    for order in &submitted.orders {
        if order.id == uk {
            assert_eq!(order.outcome, SubmitOutcome::Refused);
            let pointers: Vec<&str> = order.missing.iter().map(|m| m.pointer.as_str()).collect();
            assert_eq!(pointers, ["/documents/invoice"], "{:#?}", order.missing);
        } else {
            assert_eq!(order.outcome, SubmitOutcome::Confirmed);
        }
    }
    assert!(!submitted.all_submitted());
}

/// Documents uploaded beforehand: the LOA given by id is attached, not uploaded again, and a
/// requirement's text value (here a document id) is sent as it is.
#[tokio::test]
async fn documents_already_uploaded_and_text_requirement_values_are_used_as_given() {
    let sandbox = sandbox().await;
    let tap = Arc::new(Tap::default());
    let client = client_with(&sandbox, &tap);
    let upload = |name: &'static str| {
        let client = client.clone();
        async move {
            client
                .documents()
                .upload_bytes(name, b"%PDF-1.4 uploaded before".to_vec())
                .await
                .unwrap_or_else(|e| panic!("upload {name}: {e}"))
                .data
                .id
                .unwrap_or_else(|| panic!("no id for {name}"))
        }
    };
    let loa = upload("signed-loa.pdf").await;
    let proof = upload("proof.pdf").await;
    let before = tap.sent().len();
    let job = built(
        job(&["+4930123456"])
            .loa(DocumentSource::uploaded(loa))
            .requirement(PROOF_OF_ADDRESS, proof.to_string()),
    );
    let prepared = job
        .prepare(&client)
        .await
        .unwrap_or_else(|e| panic!("prepare: {e}"));
    assert!(prepared.all_ready(), "{:#?}", prepared.orders);
    let sent = tap.sent()[before..].to_vec();
    let uploads: Vec<&Sent> = sent.iter().filter(|s| s.name == "upload").collect();
    assert_eq!(uploads.len(), 1, "only the invoice: {sent:#?}");
    assert_eq!(
        uploads[0].body.as_ref().map(|b| b["filename"].clone()),
        Some("invoice.pdf".into())
    );
    let patch = sent
        .iter()
        .find(|s| s.name == "update")
        .and_then(|s| s.body.clone())
        .unwrap_or_default();
    assert_eq!(patch["documents"]["loa"], loa.to_string());
    assert_eq!(
        patch["requirements"],
        serde_json::json!([{"field_value": proof.to_string(), "requirement_type_id": PROOF_OF_ADDRESS}])
    );
    let submitted = prepared
        .submit(&client)
        .await
        .unwrap_or_else(|e| panic!("submit: {e}"));
    assert!(submitted.all_submitted(), "{submitted:#?}");
}
