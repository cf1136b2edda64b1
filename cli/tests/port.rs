//! `telnyx-porting port`, the built binary against the sandbox: the dry run sends only the
//! portability check, a run leaves filled drafts, a rerun (also after a failed step) creates
//! no second order, and bad input sends nothing.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use common::run;
use serde_json::{Value, json};
use telnyx_porting::models::ListPortingOrdersQuery;
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::{MockServer, SANDBOX_API_KEY, Sandbox};

/// A file under this test run's own temporary directory.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("telnyx-porting-cli-port-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// `port` with a whole end user, the LOA and invoice given, against `base_url`.
fn port_args(
    base_url: &str,
    numbers: &str,
    loa: &str,
    invoice: &str,
    extra: &[&str],
) -> Vec<String> {
    let mut args: Vec<String> = [
        "port",
        "--phone-numbers-file",
        numbers,
        "--loa",
        loa,
        "--invoice",
        invoice,
        "--entity-name",
        "Acme Corp",
        "--auth-person-name",
        "Jane Doe",
        "--billing-phone-number",
        "+13035550000",
        "--account-number",
        "123abc",
        "--street-address",
        "600 Congress Avenue",
        "--locality",
        "Austin",
        "--administrative-area",
        "TX",
        "--postal-code",
        "78701",
        "--country-code",
        "US",
        "--base-url",
        base_url,
        "--api-key",
        SANDBOX_API_KEY,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

async fn port(args: &[String]) -> common::Run {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs).await
}

/// A sandbox that records `METHOD path` of every request.
async fn logged_sandbox() -> (Sandbox, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    let sandbox = Sandbox::builder()
        .on_request(move |r| {
            sink.lock()
                .unwrap()
                .push(format!("{} {}", r.method(), r.path()));
        })
        .start()
        .await
        .unwrap();
    (sandbox, log)
}

/// The numbers of the orders a report printed, sorted.
fn numbers_of(report: &Value) -> Vec<String> {
    let mut all: Vec<String> = report["orders"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["phone_numbers"].as_array().unwrap().iter())
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    all.sort();
    all
}

fn ids_of(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> = report["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_sends_only_the_portability_check() {
    let (sandbox, log) = logged_sandbox().await;
    let numbers = file(
        "dry.txt",
        b"+13035553000\n+13035550150\n# a comment\n+13035553001\n",
    );
    let loa = file("dry-loa.pdf", b"%PDF-1.7 loa");
    let invoice = file("dry-invoice.pdf", b"%PDF-1.7 invoice");
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &invoice,
        &["--dry-run", "--submit", "--format", "json"],
    );
    let out = port(&args).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(*log.lock().unwrap(), ["POST /v2/portability_checks"]);
    assert_eq!(sandbox.order_count(), 0);

    let plan = out.json();
    assert_eq!(plan["dry_run"], true);
    let reference = plan["reference"].as_str().unwrap();
    assert!(reference.starts_with("job-"), "{plan}");
    assert_eq!(
        plan["portability"],
        json!([
            {"phone_number": "+13035553000", "portable": true, "fast_portable": true, "not_portable_reason": null},
            {"phone_number": "+13035550150", "portable": false, "fast_portable": false,
             "not_portable_reason": "sandbox: numbers 555-0100 to 555-0199 are never portable"},
            {"phone_number": "+13035553001", "portable": true, "fast_portable": true, "not_portable_reason": null},
        ]),
        "{plan}"
    );
    let requests = plan["requests"].as_array().unwrap();
    let lines: Vec<String> = requests
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "GET /porting_orders",
            "POST /porting_orders",
            "POST /documents",
            "POST /documents",
            "GET /porting_orders/{id}/allowed_foc_windows",
            "PATCH /porting_orders/{id}",
            "GET /porting_orders/{id}/requirements",
            "POST /porting_orders/{id}/actions/confirm",
        ]
    );
    assert_eq!(
        requests[0]["query"],
        json!({"filter[customer_reference]": reference})
    );
    // Only the portable numbers would be sent, under the job reference.
    assert_eq!(
        requests[1]["body"],
        json!({"phone_numbers": ["+13035553000", "+13035553001"], "customer_reference": reference})
    );
    assert_eq!(requests[2]["body"]["filename"], "dry-loa.pdf");
    assert_eq!(requests[2]["body"]["file"], "{base64 of 12 bytes}");
    let fill = &requests[5]["body"];
    assert_eq!(fill["end_user"]["admin"]["entity_name"], "Acme Corp");
    assert_eq!(fill["end_user"]["location"]["postal_code"], "78701");
    assert!(fill["activation_settings"]["foc_datetime_requested"].is_string());
    let note = plan["note"].as_str().unwrap();
    assert!(note.contains("only once the drafts exist"), "{note}");

    // For people: the portability table, the requests, the note.
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &invoice,
        &["--dry-run", "--format", "pretty"],
    );
    let out = port(&args).await;
    assert_eq!(out.code, 0, "{out:?}");
    let text = &out.stdout;
    assert!(
        text.starts_with("Portability: 2 of 3 numbers portable\n"),
        "{text}"
    );
    assert!(
        text.contains("+13035550150  no        sandbox: numbers 555-0100"),
        "{text}"
    );
    assert!(
        text.contains("  POST   /porting_orders  (create the drafts"),
        "{text}"
    );
    assert!(!text.contains("actions/confirm"), "no --submit: {text}");
    assert!(text.contains("only once the drafts exist"), "{text}");
    assert_eq!(sandbox.order_count(), 0);
    assert_eq!(log.lock().unwrap().len(), 2, "one more portability check");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_leaves_filled_drafts_and_a_rerun_creates_nothing_twice() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client().unwrap();
    // Two US numbers, a UK one, and one the sandbox never ports.
    let numbers = file(
        "run.txt",
        b"+13035554000\n+13035554001\n+442071234567\n+13035550160\n",
    );
    let loa = file("run-loa.pdf", b"%PDF-1.7 loa");
    let invoice = file("run-invoice.pdf", b"%PDF-1.7 invoice");
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &invoice,
        &["--customer-reference", "Q4-move", "--format", "json"],
    );

    let out = port(&args).await;
    // Partly done: one number is not portable.
    assert_eq!(out.code, 8, "{out:?}");
    assert!(out.stderr.contains("1 number(s) not portable"), "{out:?}");
    let first = out.json();
    assert_eq!(first["reference"], "Q4-move");
    assert_eq!(first["submitted"], false);
    assert_eq!(
        first["not_portable"],
        json!([{"phone_number": "+13035550160",
                "reason": "sandbox: numbers 555-0100 to 555-0199 are never portable"}])
    );
    assert_eq!(
        numbers_of(&first),
        ["+13035554000", "+13035554001", "+442071234567"]
    );
    assert_eq!(
        first["uploaded"].as_array().map(Vec::len),
        Some(2),
        "{first}"
    );
    assert_eq!(
        sandbox.order_count(),
        first["orders"].as_array().unwrap().len()
    );
    for order in sandbox.orders() {
        let order = serde_json::to_value(&order).unwrap();
        assert_eq!(order["status"]["value"], "draft", "{order}");
        assert_eq!(order["customer_reference"], "Q4-move");
        assert!(order["documents"]["loa"].is_string(), "{order}");
        assert!(order["documents"]["invoice"].is_string(), "{order}");
        assert_eq!(order["end_user"]["admin"]["entity_name"], "Acme Corp");
        assert_eq!(order["end_user"]["location"]["locality"], "Austin");
        assert!(
            order["activation_settings"]["foc_datetime_requested"].is_string(),
            "{order}"
        );
    }
    let documents = client
        .documents()
        .list_all(&Default::default())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(documents.len(), 2);

    // The same command again: the same orders, found by the reference; nothing uploaded.
    let out = port(&args).await;
    assert_eq!(out.code, 8, "{out:?}");
    let second = out.json();
    assert_eq!(ids_of(&second), ids_of(&first));
    assert!(
        second["orders"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["reused"] == true),
        "{second}"
    );
    assert_eq!(second["uploaded"], json!([]));
    assert_eq!(
        sandbox.order_count(),
        first["orders"].as_array().unwrap().len()
    );
    let listed = client
        .porting_orders()
        .list_all(&ListPortingOrdersQuery::new())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(listed.len(), sandbox.order_count());
    let documents = client
        .documents()
        .list_all(&Default::default())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(documents.len(), 2, "no document uploaded twice");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_result_is_a_table_and_stderr_has_no_bar_off_a_terminal() {
    let sandbox = Sandbox::start().await.unwrap();
    let numbers = file("table.txt", b"+13035555000\n+13035555001\n+13035550170\n");
    let loa = file("table-loa.pdf", b"%PDF-1.7 loa");
    let invoice = file("table-invoice.pdf", b"%PDF-1.7 invoice");
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &invoice,
        &["--format", "pretty"],
    );
    let out = port(&args).await;
    assert_eq!(out.code, 8, "{out:?}");
    let order = sandbox.orders().pop().unwrap();
    let id = order.id.unwrap().to_string();
    let mut lines = out.stdout.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("order "), "{}", out.stdout);
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(columns, ["order", "numbers", "status", "missing"]);
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!("{id}  +13035555000, +13035555001  draft")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "not portable, left out: +13035550170 (sandbox: numbers 555-0100 to 555-0199 are never portable)"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("--submit"), "{}", out.stdout);
    // Off a terminal, stderr says only why the exit code is 8: no progress bar.
    assert_eq!(
        out.stderr,
        "error: the job is partly done: 1 number(s) not portable, left out\n"
    );
}

/// A step that fails (the invoice upload, refused by the sandbox's document cap) names the
/// step and exits with the API's code; the same command, once the cause is fixed, continues
/// with the order the first run created.
#[tokio::test(flavor = "multi_thread")]
async fn a_rerun_after_a_failed_step_continues_without_duplicates() {
    let sandbox = Sandbox::builder()
        .max_document_bytes(2500)
        .start()
        .await
        .unwrap();
    let numbers = file("rerun.txt", b"+13035556000\n+13035556001\n");
    let loa = file("rerun-loa.pdf", &[b'L'; 1000]);
    let big_invoice = file("rerun-big-invoice.pdf", &[b'I'; 5000]);
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &big_invoice,
        &["--format", "json"],
    );
    let out = port(&args).await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(out.stderr.contains("failed"), "{out:?}");
    assert!(out.stderr.contains("422"), "{out:?}");
    assert!(out.stderr.contains("run the same command again"), "{out:?}");
    assert_eq!(
        sandbox.order_count(),
        1,
        "the draft was created before the upload failed"
    );
    let created = sandbox.orders()[0].id.unwrap().to_string();

    let small_invoice = file("rerun-small-invoice.pdf", &[b'i'; 100]);
    let args = port_args(
        &sandbox.base_url(),
        &numbers,
        &loa,
        &small_invoice,
        &["--format", "json"],
    );
    let out = port(&args).await;
    assert_eq!(out.code, 0, "{out:?}");
    let report = out.json();
    assert_eq!(ids_of(&report), [created]);
    assert_eq!(report["orders"][0]["reused"], true);
    assert_eq!(sandbox.order_count(), 1);
    let order = serde_json::to_value(&sandbox.orders()[0]).unwrap();
    assert!(order["documents"]["loa"].is_string(), "{order}");
    assert!(order["documents"]["invoice"].is_string(), "{order}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_sends_nothing() {
    let server = MockServer::start().await.unwrap();
    let base = server.base_url();
    let numbers = file("bad.txt", b"+13035557000\n");
    let bad_numbers = file("bad-lines.txt", b"+13035557000\n3035557001\n");
    let loa = file("bad-loa.pdf", b"%PDF-1.7 loa");
    let missing = std::env::temp_dir()
        .join("telnyx-porting-cli-port-no-such-invoice.pdf")
        .display()
        .to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (port_args(&base, &numbers, &loa, &missing, &[]), "--invoice"),
        (
            port_args(&base, &bad_numbers, &loa, &loa, &[]),
            "bad-lines.txt:2: \"3035557001\"",
        ),
        (
            port_args(&base, &numbers, &loa, &loa, &["--webhook-url", "not a url"]),
            "--webhook-url",
        ),
        (
            port_args(&base, &numbers, &loa, &loa, &["--foc", "next week"]),
            "--foc",
        ),
        (
            port_args(&base, &numbers, &loa, &loa, &["--country-code", "USA"]),
            "--country-code",
        ),
    ];
    for (args, says) in cases {
        let out = port(&args).await;
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains(says), "{says}: {out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
    }
    assert_eq!(server.received(), 0);
}

/// Orders split by country; `--submit` confirms the complete ones (US, CA, GB need only the
/// LOA and invoice in the sandbox) and reports the German one, which also needs a proof of
/// address; the same command with `--requirement` for it confirms that one and leaves the
/// others as they are.
#[tokio::test(flavor = "multi_thread")]
async fn submit_confirms_the_complete_orders_and_a_rerun_the_rest() {
    let sandbox = Sandbox::start().await.unwrap();
    let numbers = file(
        "submit.txt",
        b"+13035559000\n+14165559000\n+442071239000\n+4930123459000\n",
    );
    let loa = file("submit-loa.pdf", b"%PDF-1.7 loa");
    let invoice = file("submit-invoice.pdf", b"%PDF-1.7 invoice");
    let proof = file("submit-proof.pdf", b"%PDF-1.7 proof of address");
    let base = sandbox.base_url();
    let out = port(&port_args(
        &base,
        &numbers,
        &loa,
        &invoice,
        &["--submit", "--format", "json"],
    ))
    .await;
    assert_eq!(out.code, 8, "{out:?}");
    assert!(out.stderr.contains("1 order(s) not submitted"), "{out:?}");
    let first = out.json();
    assert_eq!(first["submitted"], true);
    let orders = first["orders"].as_array().unwrap();
    // One order per country.
    assert_eq!(orders.len(), 4, "{first}");
    assert_eq!(sandbox.order_count(), 4);
    let by_number = |report: &Value, n: &str| -> Value {
        report["orders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["phone_numbers"] == json!([n]))
            .cloned()
            .unwrap_or_else(|| panic!("no order for {n}: {report}"))
    };
    for n in ["+13035559000", "+14165559000", "+442071239000"] {
        let order = by_number(&first, n);
        assert_eq!(order["submit"], "confirmed", "{order}");
        assert_eq!(order["status"], "in-process", "{order}");
        assert_eq!(order["missing"], json!([]));
    }
    let german = by_number(&first, "+4930123459000");
    assert_eq!(german["submit"], "not-ready", "{german}");
    assert_eq!(german["status"], "draft");
    let missing = german["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{german}");
    let detail = missing[0]["detail"].as_str().unwrap();
    assert!(detail.contains("Proof of Address"), "{detail}");
    assert!(detail.contains("--requirement TYPE_ID="), "{detail}");
    let type_id = "a428786a-5dc2-41c0-b0fe-c32df4c1b5e2";
    assert!(detail.contains(type_id), "{detail}");

    let requirement = format!("{type_id}=@{proof}");
    let out = port(&port_args(
        &base,
        &numbers,
        &loa,
        &invoice,
        &[
            "--submit",
            "--requirement",
            &requirement,
            "--format",
            "json",
        ],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let second = out.json();
    assert_eq!(ids_of(&second), ids_of(&first));
    assert_eq!(sandbox.order_count(), 4);
    assert_eq!(by_number(&second, "+4930123459000")["submit"], "confirmed");
    for n in ["+13035559000", "+14165559000", "+442071239000"] {
        assert_eq!(by_number(&second, n)["submit"], "already-submitted");
    }
    for order in sandbox.orders() {
        let order = serde_json::to_value(&order).unwrap();
        assert_eq!(order["status"]["value"], "in-process", "{order}");
    }
}

/// `--phone-number` flags instead of a file; each checked by the library before anything is
/// sent, a bad one named by its flag.
#[tokio::test(flavor = "multi_thread")]
async fn phone_number_flags_stand_in_for_the_file() {
    let (sandbox, log) = logged_sandbox().await;
    let loa = file("flags-loa.pdf", b"%PDF-1.7 loa");
    let invoice = file("flags-invoice.pdf", b"%PDF-1.7 invoice");
    let mut args = port_args(
        &sandbox.base_url(),
        "unused",
        &loa,
        &invoice,
        &["--dry-run"],
    );
    // Drop `--phone-numbers-file unused`.
    args.drain(1..3);
    let mut good = args.clone();
    good.extend(
        [
            "--phone-number",
            "+13035558800",
            "--phone-number",
            "'+13035558801'",
            "--format",
            "json",
        ]
        .map(String::from),
    );
    let out = port(&good).await;
    assert_eq!(out.code, 0, "{out:?}");
    let numbers: Vec<Value> = out.json()["portability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["phone_number"].clone())
        .collect();
    assert_eq!(numbers, [json!("+13035558800"), json!("+13035558801")]);

    let mut bad = args.clone();
    bad.extend(
        [
            "--phone-number",
            "+13035558800",
            "--phone-number",
            "3035558801",
        ]
        .map(String::from),
    );
    let out = port(&bad).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("--phone-number (phone_numbers[1])"),
        "{out:?}"
    );
    // Neither the file nor a number: a usage error from the parser.
    let out = port(&args).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(log.lock().unwrap().len(), 1, "only the good run's check");
}

/// `--loa ID`: a document uploaded beforehand (`documents upload`) is attached as it is; only
/// the invoice, a file, is uploaded by the run.
#[tokio::test(flavor = "multi_thread")]
async fn an_uploaded_document_id_is_attached_as_it_is() {
    let sandbox = Sandbox::start().await.unwrap();
    let base = sandbox.base_url();
    let loa_file = file("by-id-loa.pdf", b"%PDF-1.7 signed loa");
    let uploaded = run(&[
        "documents",
        "upload",
        "--file",
        &loa_file,
        "--format",
        "json",
        "--base-url",
        &base,
        "--api-key",
        SANDBOX_API_KEY,
    ])
    .await;
    assert_eq!(uploaded.code, 0, "{uploaded:?}");
    let loa_id = uploaded.json()["id"].as_str().unwrap().to_owned();
    let numbers = file("by-id.txt", b"+13035558900\n");
    let invoice = file("by-id-invoice.pdf", b"%PDF-1.7 invoice");
    let out = port(&port_args(
        &base,
        &numbers,
        &loa_id,
        &invoice,
        &["--format", "json"],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let report = out.json();
    let uploaded: Vec<&str> = report["uploaded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(uploaded, ["invoice"], "{report}");
    let order = serde_json::to_value(&sandbox.orders()[0]).unwrap();
    assert_eq!(order["documents"]["loa"], loa_id.as_str(), "{order}");

    // The dry run says the same: one upload, the LOA's id as it is.
    let out = port(&port_args(
        &base,
        &numbers,
        &loa_id,
        &invoice,
        &["--dry-run", "--format", "json"],
    ))
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let requests = out.json()["requests"].as_array().unwrap().clone();
    let uploads = requests
        .iter()
        .filter(|r| r["path"] == "/documents")
        .count();
    assert_eq!(uploads, 1);
    let fill = requests.iter().find(|r| r["method"] == "PATCH").unwrap();
    assert_eq!(fill["body"]["documents"]["loa"], loa_id.as_str());
}
