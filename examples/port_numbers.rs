//! The whole porting job with `telnyx_porting::job`: from a list of numbers to submitted
//! orders, and (in the sandbox) on to `ported`.
//!
//! ```text
//! cargo run --example port_numbers                               # offline, embedded sandbox
//! cargo run --example port_numbers -- +13035550000 +442071234567 # your own numbers
//! TELNYX_API_KEY=... TELNYX_LOA_PATH=loa.pdf TELNYX_INVOICE_PATH=bill.pdf \
//!     cargo run --example port_numbers -- +1... [--submit]        # the real API
//! ```
//!
//! Without `TELNYX_API_KEY` it starts the embedded sandbox on 127.0.0.1, which answers like
//! the Telnyx API, so the example needs no account and no network: it checks the numbers,
//! creates the drafts (one per country), uploads a stand-in LOA and invoice once, fills in
//! the end user and the earliest allowed FOC date, submits every complete order and then
//! moves each to `ported` with the sandbox's lifecycle control (the real API waits for the
//! losing carrier).
//!
//! Against the real API the LOA and the invoice are the files named by `TELNYX_LOA_PATH`
//! and `TELNYX_INVOICE_PATH`, the end user below must be the one on the losing carrier's
//! records, and nothing is submitted without `--submit`: the drafts are left for review.
//! Running it again continues where it stopped, without creating orders twice.

use std::process::ExitCode;

use telnyx_porting::job::{
    DocumentSource, EndUser, FocDate, PortingJob, Prepared, Progress, SubmitReport,
};
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::time::format_description::well_known::Rfc3339;
use telnyx_porting::{API_KEY_ENV, Client};

/// Numbers used when none are given: two US numbers (one order), a UK number (an order of
/// its own) and one the sandbox never ports (555-0100 to 555-0199 are reserved for fiction).
const NUMBERS: [&str; 4] = [
    "+13035550000",
    "+13035550001",
    "+442071234567",
    "+13035550123",
];

/// What the sandbox is given as the LOA and the invoice.
const STAND_IN_PDF: &[u8] = b"%PDF-1.4\n% stand-in document uploaded by port_numbers\n%%EOF\n";

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
    let mut submit = false;
    let mut numbers = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--submit" => submit = true,
            _ => numbers.push(arg),
        }
    }
    if numbers.is_empty() {
        numbers = NUMBERS.map(String::from).to_vec();
    }

    // Keep the sandbox alive for as long as the client uses it.
    let (client, sandbox, loa, invoice) = if std::env::var_os(API_KEY_ENV).is_some() {
        let client = Client::from_env()?;
        println!("Using the Telnyx API at {}", client.base_url());
        let path = |var: &str| {
            std::env::var(var)
                .map(DocumentSource::path)
                .map_err(|_| format!("{var} is not set: name the file to upload"))
        };
        let (loa, invoice) = (path("TELNYX_LOA_PATH")?, path("TELNYX_INVOICE_PATH")?);
        (client, None, loa, invoice)
    } else {
        let sandbox = Sandbox::start().await?;
        println!(
            "{API_KEY_ENV} is not set: using the embedded sandbox at {}",
            sandbox.base_url()
        );
        submit = true;
        (
            sandbox.client()?,
            Some(sandbox),
            DocumentSource::bytes("loa.pdf", STAND_IN_PDF),
            DocumentSource::bytes("invoice.pdf", STAND_IN_PDF),
        )
    };

    let job = PortingJob::builder()
        .phone_numbers(numbers)
        .end_user(
            EndUser::new()
                .entity_name("Porter McPortersen")
                .auth_person_name("Porter McPortersen II")
                .billing_phone_number("+13035550000")
                .account_number("123abc")
                .pin_passcode("1234")
                .street_address("600 Congress Avenue")
                .extended_address("14th Floor")
                .locality("Austin")
                .administrative_area("TX")
                .postal_code("78701")
                .country_code("US"),
        )
        .loa(loa)
        .invoice(invoice)
        .foc(FocDate::Earliest)
        // A service would log every event; here, one line per step as it starts.
        .on_progress(|p| {
            if let Progress::Started { step, total } = p {
                println!("  - {step} ({total})");
            }
        })
        .build()?;
    println!("Job reference {}", job.reference());

    println!();
    println!("Preparing (check, drafts, documents, end user, FOC date, requirements):");
    let prepared = job.prepare(&client).await?;
    print_prepared(&prepared);

    if !submit {
        println!();
        println!("Drafts left for review; run again with --submit to submit the complete ones.");
        return Ok(());
    }
    println!();
    println!("Submitting:");
    let submitted = prepared.submit(&client).await?;
    print_submitted(&submitted);

    if let Some(sandbox) = &sandbox {
        println!();
        println!("The sandbox moves each submitted order on, as the carrier would:");
        for order in submitted.confirmed() {
            let ported = sandbox.advance(order.id, "ported")?;
            println!(
                "  {}  {}",
                order.id,
                ported.status_value().map_or("?", |s| s.as_str())
            );
        }
    }
    Ok(())
}

fn print_prepared(prepared: &Prepared) {
    for number in prepared.portability.not_portable() {
        println!(
            "  not portable  {:<16} {}",
            number.phone_number,
            number.not_portable_reason.as_deref().unwrap_or("")
        );
    }
    for skipped in &prepared.skipped {
        println!(
            "  skipped       {:<16} held by order {}",
            skipped.phone_number, skipped.order
        );
    }
    for document in &prepared.uploaded {
        println!(
            "  uploaded      {:<16} {} ({})",
            document.kind.as_str(),
            document.id,
            document.filename.as_deref().unwrap_or("-")
        );
    }
    for order in &prepared.orders {
        println!(
            "  order {}  {:<10} {}{}",
            order.id,
            order.status.as_ref().map_or("?", |s| s.as_str()),
            order.phone_numbers.join(" "),
            if order.reused {
                "  (from an earlier run)"
            } else {
                ""
            }
        );
        if let Some(foc) = order.foc_datetime_requested {
            let foc = foc.format(&Rfc3339).unwrap_or_else(|_| foc.to_string());
            println!("        FOC requested {foc}");
        }
        for missing in &order.missing {
            println!("        missing {missing}");
        }
    }
}

fn print_submitted(submitted: &SubmitReport) {
    for order in &submitted.orders {
        println!(
            "  order {}  {:<18} {}",
            order.id,
            order.outcome.as_str(),
            order.status.as_ref().map_or("?", |s| s.as_str())
        );
        for missing in &order.missing {
            println!("        {missing}");
        }
    }
}
