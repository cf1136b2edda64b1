//! A webhook receiver: an axum handler that takes the headers and the raw body, verifies the
//! delivery's Ed25519 signature, answers at once, and prints each event.
//!
//! ```text
//! cargo run --example webhook_receiver                   # offline: the sandbox delivers to it
//! TELNYX_PUBLIC_KEY=... cargo run --example webhook_receiver   # serve Telnyx's deliveries
//! ```
//!
//! Offline (no `TELNYX_PUBLIC_KEY`), it listens on a free port of 127.0.0.1, starts the
//! embedded sandbox, creates and confirms an order whose `webhook_url` points at itself,
//! advances it to `ported` (a sandbox control: the real API waits for the carrier), and prints
//! every verified event: `in-process`, `submitted`, `foc-date-confirmed`, `ported`.
//!
//! With `TELNYX_PUBLIC_KEY` (your account's key, as the portal shows it) it serves on
//! `WEBHOOK_ADDR` (default `127.0.0.1:8080`) until stopped; put it behind your HTTPS endpoint
//! and give that URL as the order's `webhook_url`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use telnyx_porting::Client;
use telnyx_porting::models::{
    CreatePortingOrder, PortingOrderId, UpdatePortingOrder, UpdatePortingOrderDocuments,
    UpdatePortingOrderEndUser, UpdatePortingOrderEndUserAdmin, UpdatePortingOrderEndUserLocation,
};
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::webhooks::{PUBLIC_KEY_ENV, Verifier, WebhookEvent, WebhookPayload};
use tokio::sync::mpsc;

/// What the handler shares: the verifier, and where verified events go to be worked on.
struct Receiver {
    verifier: Verifier,
    events: mpsc::UnboundedSender<WebhookEvent>,
}

/// `POST /webhooks/telnyx`: verify the raw bytes, queue the event, answer 200 at once (Telnyx
/// wants a 2xx within 2 s); refuse what does not verify with 400.
async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    match receiver.verifier.verify(&headers, &body) {
        Ok(event) => {
            // The work happens elsewhere; a closed queue only means we are shutting down.
            let _ = receiver.events.send(event);
            StatusCode::OK
        }
        Err(e) => {
            eprintln!("refused a delivery: {e}");
            StatusCode::BAD_REQUEST
        }
    }
}

/// One line per event.
fn describe(event: &WebhookEvent) -> String {
    let what = match event.payload() {
        WebhookPayload::StatusChanged(changed) => {
            let status = changed.status.as_ref().and_then(|s| s.value.as_ref());
            format!(
                "order {} is now {}",
                show(changed.id.as_ref()),
                status.map_or("?", |s| s.as_str())
            )
        }
        WebhookPayload::NewComment(comment) => format!(
            "comment on order {}: {}",
            show(comment.porting_order_id.as_ref()),
            show(comment.comment.as_ref().and_then(|c| c.body.as_ref()))
        ),
        WebhookPayload::Split(split) => format!(
            "numbers moved to order {}",
            show(split.to.as_ref().and_then(|t| t.id.as_ref()))
        ),
        WebhookPayload::Deleted(deleted) => format!("order {} deleted", show(deleted.id.as_ref())),
        _ => "(not a kind this receiver handles)".to_owned(),
    };
    format!(
        "{} (event {}, attempt {}): {what}",
        event.event_type(),
        event.id().unwrap_or("?"),
        event.attempt().unwrap_or(1),
    )
}

/// A field for printing, or `?`.
fn show(value: Option<&impl std::fmt::Display>) -> String {
    value.map_or_else(|| "?".to_owned(), ToString::to_string)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os(PUBLIC_KEY_ENV).is_some() {
        let addr: SocketAddr = std::env::var("WEBHOOK_ADDR")
            .unwrap_or_else(|_| "127.0.0.1:8080".to_owned())
            .parse()?;
        let (events, mut queue) = mpsc::unbounded_channel();
        let listener = tokio::net::TcpListener::bind(addr).await?;
        println!(
            "receiving on http://{}/webhooks/telnyx",
            listener.local_addr()?
        );
        let app = router(Verifier::from_env()?, events);
        tokio::spawn(async move {
            while let Some(event) = queue.recv().await {
                println!("{}", describe(&event));
            }
        });
        axum::serve(listener, app).await?;
        return Ok(());
    }

    // Offline: the sandbox signs with its own key and delivers to us.
    let sandbox = Sandbox::start().await?;
    let verifier = Verifier::from_base64(sandbox.webhook_public_key())?;
    let (events, mut queue) = mpsc::unbounded_channel();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/telnyx", listener.local_addr()?);
    let app = router(verifier, events);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("sandbox at {}, receiving on {url}", sandbox.base_url());
    println!("webhook public key: {}", sandbox.webhook_public_key());

    let client = sandbox.client()?;
    let created = client
        .porting_orders()
        .create(&CreatePortingOrder::new(["+13035550000"]))
        .await?;
    let id = created.data[0].id.ok_or("the order has no id")?;
    client
        .porting_orders()
        .update(id, &UpdatePortingOrder::new().webhook_url(&url))
        .await?;
    fill_in(&client, id).await?;
    client.porting_orders().actions().confirm(id).await?;
    sandbox.advance(id, "ported")?;

    // in-process, submitted, foc-date-confirmed, ported; each within a bound.
    for _ in 0..4 {
        match tokio::time::timeout(Duration::from_secs(10), queue.recv()).await {
            Ok(Some(event)) => println!("{}", describe(&event)),
            _ => return Err("a delivery did not arrive within 10 s".into()),
        }
    }
    Ok(())
}

/// What the sandbox, like the API, needs before it confirms an order: the LOA and the
/// invoice (uploaded stand-ins), the end user, and a FOC date in an allowed window.
async fn fill_in(client: &Client, id: PortingOrderId) -> Result<(), Box<dyn std::error::Error>> {
    let documents = client.documents();
    let loa = documents
        .upload_bytes("loa.pdf", b"%PDF-1.4 stand-in")
        .await?;
    let invoice = documents
        .upload_bytes("invoice.pdf", b"%PDF-1.4 stand-in")
        .await?;
    let windows = client.porting_orders().allowed_foc_windows(id).await?;
    let foc = windows
        .data
        .iter()
        .find_map(|w| w.started_at)
        .ok_or("no allowed FOC window")?;
    let changes = UpdatePortingOrder::new()
        .documents(
            UpdatePortingOrderDocuments::new()
                .loa(loa.data.id.ok_or("no document id")?)
                .invoice(invoice.data.id.ok_or("no document id")?),
        )
        .end_user(
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
                ),
        )
        .foc_datetime_requested(foc);
    client.porting_orders().update(id, &changes).await?;
    Ok(())
}

fn router(verifier: Verifier, events: mpsc::UnboundedSender<WebhookEvent>) -> Router {
    Router::new()
        .route("/webhooks/telnyx", post(receive))
        .with_state(Arc::new(Receiver { verifier, events }))
}
