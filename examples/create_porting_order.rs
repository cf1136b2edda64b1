//! Creates a porting order and prints what came back.
//!
//! ```text
//! cargo run --example create_porting_order                      # offline, embedded sandbox
//! cargo run --example create_porting_order -- +13035550000 +442071838750
//! TELNYX_API_KEY=... cargo run --example create_porting_order   # the real API
//! ```
//!
//! Without `TELNYX_API_KEY` it starts the embedded sandbox on 127.0.0.1, which answers like
//! the Telnyx API, so the example needs no account and no network.

use std::process::ExitCode;

use telnyx_porting::models::{CreatePortingOrder, PortingOrder};
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::time::format_description::well_known::Rfc3339;
use telnyx_porting::{API_KEY_ENV, Client, Error};

/// The spec's example numbers (555 numbers are reserved for fiction), plus one UK number so
/// that the sandbox splits the request into two orders, as the real API does.
const DEFAULT_NUMBERS: [&str; 3] = ["+13035550000", "+13035550001", "+442071838750"];

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(api) = e.downcast_ref::<Error>() {
                for detail in api.api_errors() {
                    eprintln!("  - {detail}");
                }
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<String> = if args.is_empty() {
        DEFAULT_NUMBERS.iter().map(|n| n.to_string()).collect()
    } else {
        args
    };

    // Keep the sandbox alive for as long as the client uses it.
    let (client, _sandbox) = if std::env::var_os(API_KEY_ENV).is_some() {
        let client = Client::from_env()?;
        println!("Using the Telnyx API at {}", client.base_url());
        (client, None)
    } else {
        let sandbox = Sandbox::start().await?;
        let client = sandbox.client()?;
        println!(
            "{API_KEY_ENV} is not set: using the embedded sandbox at {}",
            sandbox.base_url()
        );
        (client, Some(sandbox))
    };

    let request = CreatePortingOrder::new(numbers).customer_reference("example-run");
    println!(
        "Creating a porting order for {}",
        request.phone_numbers.join(", ")
    );
    let created = client.porting_orders().create(&request).await?;

    println!("{} porting order(s) created:", created.data.len());
    for order in &created.data {
        print_order(order);
    }
    Ok(())
}

fn print_order(order: &PortingOrder) {
    let id = order
        .id
        .map(|id| id.to_string())
        .unwrap_or_else(|| "(no id)".into());
    let status = order.status_value().map_or("(unknown)", |s| s.as_str());
    println!();
    println!("  order      {id}");
    println!("  status     {status}");
    if let Some(reference) = &order.customer_reference {
        println!("  reference  {reference}");
    }
    if let Some(created_at) = order.created_at.and_then(|t| t.format(&Rfc3339).ok()) {
        println!("  created    {created_at}");
    }
    for number in order.phone_numbers.iter().flatten() {
        println!(
            "  number     {:<16} activation: {:<10} portability: {}",
            number.phone_number.as_deref().unwrap_or("?"),
            number
                .activation_status
                .as_ref()
                .map_or("?", |s| s.as_str()),
            number
                .portability_status
                .as_ref()
                .map_or("?", |s| s.as_str()),
        );
    }
}
