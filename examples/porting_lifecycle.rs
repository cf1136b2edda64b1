//! Walks a porting order through its lifecycle: create it, fill in the end user, the
//! documents and the FOC date, confirm it, comment on it, and cancel it, printing the order after each step.
//!
//! ```text
//! cargo run --example porting_lifecycle                          # offline, embedded sandbox
//! TELNYX_API_KEY=... cargo run --example porting_lifecycle       # the real API
//! ```
//!
//! Without `TELNYX_API_KEY` it starts the embedded sandbox on 127.0.0.1, which answers like
//! the Telnyx API, so the example needs no account and no network.
//!
//! Against the real API the LOA, invoice and customer service record must be documents you
//! uploaded (`POST /documents`): give their ids in `TELNYX_LOA_DOCUMENT_ID`,
//! `TELNYX_INVOICE_DOCUMENT_ID` and `TELNYX_CSR_DOCUMENT_ID`. When one is not set, the example
//! uploads a one-line stand-in PDF for it first (the sandbox, like the API, wants the documents
//! an order names to exist). The API, and the sandbox, confirm only an order whose end user,
//! documents, FOC date and requirements are complete; the last step cancels the order it
//! created.

use std::process::ExitCode;

use telnyx_porting::models::{
    AdditionalDocumentType, CreateAdditionalDocuments, CreatePortingOrder,
    CreatePortingOrderComment, ListAdditionalDocumentsQuery, ListCommentsQuery,
    ListRequirementsQuery, PortingOrder, PortingOrderId, RetrievePortingOrderQuery,
    UpdatePortingOrder, UpdatePortingOrderDocuments, UpdatePortingOrderEndUser,
    UpdatePortingOrderEndUserAdmin, UpdatePortingOrderEndUserLocation,
};
use telnyx_porting::prelude::*;
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::time::format_description::well_known::Rfc3339;
use telnyx_porting::uuid::Uuid;
use telnyx_porting::{API_KEY_ENV, Client, Error};

/// Two of the spec's example numbers (555 numbers are reserved for fiction), both in the US,
/// so the API makes one order of them.
const NUMBERS: [&str; 2] = ["+13035550000", "+13035550001"];

/// What is uploaded for a document whose `TELNYX_*_DOCUMENT_ID` variable is unset.
const STAND_IN_PDF: &[u8] = b"%PDF-1.4\n% stand-in document uploaded by porting_lifecycle\n%%EOF\n";

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
    let orders = client.porting_orders();

    // 1. Create. One request may be split into several orders; this one makes one.
    step(1, "create a porting order");
    let request = CreatePortingOrder::new(NUMBERS).customer_reference("lifecycle-example");
    let created = orders.create(&request).await?;
    let order = created
        .data
        .first()
        .ok_or("the API created no porting order")?;
    let id: PortingOrderId = order.id()?;
    if created.data.len() > 1 {
        println!(
            "  ({} orders were created; following the first)",
            created.data.len()
        );
    }
    print_order(order);

    // 2. The end user: who owns the numbers, and where. Fields left out keep their value.
    step(2, "update the end user");
    let end_user = UpdatePortingOrder::new().end_user(
        UpdatePortingOrderEndUser::new()
            .admin(
                UpdatePortingOrderEndUserAdmin::new()
                    .entity_name("Porter McPortersen")
                    .auth_person_name("Porter McPortersen II")
                    .billing_phone_number("+13035550000")
                    .account_number("123abc")
                    .pin_passcode("1234"),
            )
            .location(
                UpdatePortingOrderEndUserLocation::new()
                    .street_address("600 Congress Avenue")
                    .extended_address("14th Floor")
                    .locality("Austin")
                    .administrative_area("TX")
                    .postal_code("78701")
                    .country_code("US"),
            ),
    );
    let updated = orders.update(id, &end_user).await?;
    print_order(&updated.data);

    // 3. The documents: the LOA and the invoice on the order itself, and a customer service
    //    record as an additional document.
    step(3, "update the documents");
    let documents = UpdatePortingOrder::new().documents(
        UpdatePortingOrderDocuments::new()
            .loa(document_id(&client, "TELNYX_LOA_DOCUMENT_ID", "loa.pdf").await?)
            .invoice(document_id(&client, "TELNYX_INVOICE_DOCUMENT_ID", "invoice.pdf").await?),
    );
    let updated = orders.update(id, &documents).await?;
    print_order(&updated.data);

    let attach = CreateAdditionalDocuments::new().document(
        document_id(&client, "TELNYX_CSR_DOCUMENT_ID", "csr.pdf").await?,
        AdditionalDocumentType::Csr,
    );
    orders.additional_documents().create(id, &attach).await?;
    let attached = orders
        .additional_documents()
        .list(id, &ListAdditionalDocumentsQuery::new())
        .await?;
    for doc in attached.iter() {
        println!(
            "  attached   {} ({})",
            show(doc.document_id),
            doc.document_type.as_ref().map_or("?", |t| t.as_str())
        );
    }
    let requirements = orders
        .requirements(id, &ListRequirementsQuery::new())
        .await?;
    for requirement in requirements.iter() {
        println!(
            "  requires   {:<24} {}",
            requirement
                .requirement_type
                .as_ref()
                .and_then(|t| t.name.as_deref())
                .unwrap_or("?"),
            requirement
                .requirement_status
                .as_ref()
                .map_or("?", |s| s.as_str())
        );
    }

    // The requested FOC date (when the numbers move) must fall in one of the order's allowed
    // windows; this asks for the start of the first.
    let windows = orders.allowed_foc_windows(id).await?;
    let foc = windows
        .data
        .iter()
        .find_map(|w| w.started_at)
        .ok_or("the order has no allowed FOC window")?;
    let updated = orders
        .update(id, &UpdatePortingOrder::new().foc_datetime_requested(foc))
        .await?;
    let shown = foc.format(&Rfc3339).unwrap_or_else(|_| foc.to_string());
    println!("  FOC date   {shown} requested (the start of the first allowed window)");
    println!(
        "  requirements met: {}",
        show(updated.data.requirements_met)
    );

    // 4. Confirm: the draft is submitted. The API (and the sandbox) refuse an order that
    //    lacks any of the above, listing what is missing.
    step(4, "confirm");
    let confirmed = orders.actions().confirm(id).await?;
    print_order(&confirmed.data);

    // 5. Comments: add one, then list them all (every page, with `list_all`).
    step(5, "add and list comments");
    let comment = CreatePortingOrderComment::new("Please port these before the end of the month.");
    orders.comments().create(id, &comment).await?;
    let comments = orders
        .comments()
        .list_all(id, &ListCommentsQuery::new())
        .collect_all()
        .await?;
    println!("  {} comment(s)", comments.len());
    for comment in &comments {
        println!(
            "  comment    [{}] {}",
            comment.user_type.as_ref().map_or("?", |t| t.as_str()),
            comment.body.as_deref().unwrap_or("")
        );
    }
    let current = orders
        .retrieve_with(
            id,
            &RetrievePortingOrderQuery::new().include_phone_numbers(false),
        )
        .await?;
    println!("  status     {}", status(&current.data));

    // 6. Cancel: a submitted order goes to cancel-pending (a draft would be cancelled at once).
    step(6, "cancel");
    let cancelled = orders.actions().cancel(id).await?;
    print_order(&cancelled.data);

    println!();
    println!(
        "Done: porting order {id} walked from draft to {}.",
        status(&cancelled.data)
    );
    Ok(())
}

/// The document id in `var`, or else that of a stand-in PDF uploaded now as `filename`.
async fn document_id(
    client: &Client,
    var: &str,
    filename: &str,
) -> Result<Uuid, Box<dyn std::error::Error>> {
    if let Ok(value) = std::env::var(var) {
        return value
            .parse()
            .map_err(|e| format!("{var}: {value:?} is not a UUID: {e}").into());
    }
    let uploaded = client
        .documents()
        .upload_bytes(filename, STAND_IN_PDF)
        .await?;
    let id = uploaded
        .data
        .id
        .ok_or("the upload answered without an id")?;
    println!("  uploaded   {filename} as document {id}");
    Ok(id)
}

fn step(number: u32, what: &str) {
    println!();
    println!("{number}. {what}");
}

fn status(order: &PortingOrder) -> &str {
    order.status_value().map_or("(unknown)", |s| s.as_str())
}

fn show(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn print_order(order: &PortingOrder) {
    println!("  order      {}", show(order.id));
    println!("  status     {}", status(order));
    if let Some(admin) = order.end_user.as_ref().and_then(|u| u.admin.as_ref())
        && admin.entity_name.is_some()
    {
        println!(
            "  end user   {} (authorized: {}, account: {})",
            admin.entity_name.as_deref().unwrap_or("-"),
            admin.auth_person_name.as_deref().unwrap_or("-"),
            admin.account_number.as_deref().unwrap_or("-"),
        );
    }
    if let Some(location) = order.end_user.as_ref().and_then(|u| u.location.as_ref()) {
        let parts = [
            &location.street_address,
            &location.extended_address,
            &location.locality,
            &location.administrative_area,
            &location.postal_code,
            &location.country_code,
        ];
        let address: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
        if !address.is_empty() {
            println!("  location   {}", address.join(", "));
        }
    }
    if let Some(documents) = &order.documents {
        println!(
            "  documents  loa: {}, invoice: {}",
            show(documents.loa),
            show(documents.invoice)
        );
    }
    for number in order.phone_numbers.iter().flatten() {
        println!(
            "  number     {:<16} {}",
            number.phone_number.as_deref().unwrap_or("?"),
            number
                .porting_order_status
                .as_ref()
                .map_or("?", |s| s.as_str()),
        );
    }
}
