//! `porting-orders create --phone-numbers-file`: validation first (line numbers, nothing sent),
//! `--skip-invalid`, duplicates, `--dry-run`, portability checks, batches, the summary and its
//! exit code.

mod common;

use std::path::PathBuf;

use common::{order, run};
use serde_json::{Value, json};
use telnyx_porting::sandbox::{MockResponse, MockServer, SANDBOX_API_KEY, Sandbox};

fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("telnyx-porting-cli-bulk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

async fn bulk(base_url: &str, key: &str, path: &std::path::Path, extra: &[&str]) -> common::Run {
    let path = path.display().to_string();
    let mut args = vec![
        "porting-orders",
        "create",
        "--phone-numbers-file",
        &path,
        "--base-url",
        base_url,
        "--api-key",
        key,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    run(&args).await
}

fn checked(numbers: &[(&str, bool)]) -> MockResponse {
    let data: Vec<Value> = numbers
        .iter()
        .map(|(n, portable)| {
            json!({
                "phone_number": n,
                "portable": portable,
                "not_portable_reason": if *portable { Value::Null } else { json!("carrier says no") },
                "record_type": "portability_check_result",
            })
        })
        .collect();
    MockResponse::json(201, &json!({ "data": data }))
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_lines_are_all_named_and_nothing_is_sent() {
    let server = MockServer::start().await.unwrap();
    let path = file(
        "bad.txt",
        "+13035550000\n3035550001\n# a comment\n\n+1303555000x\n",
    );
    let out = bulk(&server.base_url(), "K", &path, &[]).await;
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains(":2: \"3035550001\""), "{out:?}");
    assert!(out.stderr.contains(":5: \"+1303555000x\""), "{out:?}");
    assert!(out.stderr.contains("--skip-invalid"), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert_eq!(server.received(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn skip_invalid_drops_duplicates_checks_and_orders_in_batches() {
    let server = MockServer::start().await.unwrap();
    let path = file(
        "mixed.txt",
        "+13035550000\n+13035550001\nnope\n+13035550000\n+13035550002\n+13035550003\n",
    );
    // Concurrency 1 so the scripted answers meet the requests in order.
    server.enqueue(checked(&[("+13035550000", true), ("+13035550001", true)]));
    server.enqueue(checked(&[("+13035550002", false), ("+13035550003", true)]));
    let a = "00000000-0000-0000-0000-00000000000a";
    let b = "00000000-0000-0000-0000-00000000000b";
    server.enqueue(MockResponse::json(
        201,
        &json!({"data": [order(a, &["+13035550000", "+13035550001"])]}),
    ));
    server.enqueue(MockResponse::json(
        201,
        &json!({"data": [order(b, &["+13035550003"])]}),
    ));
    let out = bulk(
        &server.base_url(),
        "K",
        &path,
        &[
            "--skip-invalid",
            "--batch-size",
            "2",
            "--concurrency",
            "1",
            "--customer-reference",
            "batch-1",
        ],
    )
    .await;
    // Some numbers were left out (an invalid line, one not portable): partial success.
    assert_eq!(out.code, 8, "{out:?}");
    assert!(out.stderr.contains(":3: \"nope\""), "{out:?}");
    assert!(
        out.stderr
            .contains(":4: +13035550000 repeats line 1: dropped"),
        "{out:?}"
    );
    let bodies: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.path.clone(),
                String::from_utf8_lossy(&r.body).into_owned(),
            )
        })
        .collect();
    assert_eq!(
        bodies,
        [
            ("/v2/portability_checks".into(), r#"{"phone_numbers":["+13035550000","+13035550001"]}"#.into()),
            ("/v2/portability_checks".into(), r#"{"phone_numbers":["+13035550002","+13035550003"]}"#.into()),
            ("/v2/porting_orders".into(), r#"{"phone_numbers":["+13035550000","+13035550001"],"customer_reference":"batch-1"}"#.into()),
            ("/v2/porting_orders".into(), r#"{"phone_numbers":["+13035550003"],"customer_reference":"batch-1"}"#.into()),
        ]
    );
    let summary = out.json();
    assert_eq!(
        summary["orders"][0],
        json!({"id": a, "phone_numbers": ["+13035550000", "+13035550001"]})
    );
    assert_eq!(summary["orders"][1]["id"], b);
    assert_eq!(
        summary["refused"],
        json!([{"phone_number": "+13035550002", "line": 5, "reason": "carrier says no"}])
    );
    assert_eq!(summary["invalid"][0]["line"], 3);
    assert_eq!(summary["duplicates"][0]["repeats_line"], 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_sends_nothing_and_prints_the_batches() {
    let server = MockServer::start().await.unwrap();
    let path = file(
        "dry.csv",
        "name,phone_number\nA,+13035550000\nB,+13035550001\nC,+13035550002\n",
    );
    let out = bulk(
        &server.base_url(),
        "K",
        &path,
        &["--dry-run", "--batch-size", "2"],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(server.received(), 0);
    let plan = out.json();
    assert_eq!(plan["numbers"], 3);
    assert_eq!(
        plan["order_requests"],
        json!([{"phone_numbers": ["+13035550000", "+13035550001"]}, {"phone_numbers": ["+13035550002"]}])
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_against_the_sandbox_orders_every_number() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut text = String::from("customer,phone_number\n");
    for i in 0..25 {
        text.push_str(&format!("c{i},+1303555{:04}\n", 2000 + i));
    }
    let path = file("all.csv", &text);
    let out = bulk(
        &sandbox.base_url(),
        SANDBOX_API_KEY,
        &path,
        &["--batch-size", "10"],
    )
    .await;
    assert_eq!(out.code, 0, "{out:?}");
    let summary = out.json();
    let ordered: usize = summary["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["phone_numbers"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(ordered, 25, "{summary}");
    assert_eq!(
        sandbox.orders().len(),
        summary["orders"].as_array().unwrap().len()
    );
    assert_eq!(summary["refused"], json!([]));
}

/// The sandbox calls 555-0100..555-0199 not portable: left out, with the reason.
#[tokio::test(flavor = "multi_thread")]
async fn numbers_the_sandbox_calls_not_portable_are_left_out_with_the_reason() {
    let sandbox = Sandbox::start().await.unwrap();
    let path = file("range.txt", "+13035550000\n+13035550150\n+13035550001\n");
    let out = bulk(&sandbox.base_url(), SANDBOX_API_KEY, &path, &[]).await;
    assert_eq!(out.code, 8, "{out:?}");
    let summary = out.json();
    assert_eq!(
        summary["refused"],
        json!([{
            "phone_number": "+13035550150",
            "line": 2,
            "reason": "sandbox: numbers 555-0100 to 555-0199 are never portable",
        }])
    );
    let ordered: Vec<&Value> = summary["orders"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["phone_numbers"].as_array().unwrap())
        .collect();
    assert_eq!(ordered, [&json!("+13035550000"), &json!("+13035550001")]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_auth_failure_creates_nothing_and_exits_4() {
    let server = MockServer::start().await.unwrap();
    server.enqueue(MockResponse::json(
        401,
        &json!({"errors": [{"code": "10009", "title": "Authentication failed"}]}),
    ));
    let path = file("auth.txt", "+13035550000\n");
    let out = bulk(&server.base_url(), "wrong", &path, &[]).await;
    assert_eq!(out.code, 4, "{out:?}");
    assert_eq!(server.received(), 1, "stops after the failed check");
}
