//! The whole porting job in one builder: from "move these numbers" to submitted orders.
//!
//! Porting numbers is a dozen calls in a careful order; [`PortingJob`] makes them:
//!
//! 1. **check** ([`Step::Check`]): `POST /portability_checks`. Numbers that cannot be ported
//!    are reported ([`PortabilityReport::not_portable`]) and never sent.
//! 2. **find orders** ([`Step::FindOrders`]): the orders an earlier run of the same job left
//!    (see [Reruns](#reruns)).
//! 3. **create** ([`Step::Create`]): `POST /porting_orders` for the portable numbers no
//!    order holds yet. The API may answer with several drafts (it splits by country, number
//!    type, carrier, FastPort); each is filled and submitted on its own.
//! 4. **upload documents** ([`Step::UploadDocuments`]): the LOA and the invoice (and any
//!    document-valued requirement), uploaded once per run, only when a draft still lacks them.
//! 5. **FOC windows** ([`Step::FocWindows`]): each draft's allowed FOC windows, to pick the
//!    requested date from ([`FocDate`]).
//! 6. **fill** ([`Step::Fill`]): one `PATCH` per draft: end user (admin and location),
//!    documents, FOC date, webhook URL, requirement values. The windows are worked out from
//!    the current day, so they can move between steps 5 and 6: a `PATCH` refused at the FOC
//!    date's pointer reads that order's windows again and is sent once more; so does a
//!    confirm refused at that pointer alone (step 8), after sending the new date.
//! 7. **requirements** ([`Step::Requirements`]): each draft's requirements, and per order
//!    what is still missing ([`OrderReport::missing`], by JSON pointer).
//! 8. **submit** ([`Step::Submit`]): `POST …/actions/confirm` for each draft with nothing
//!    missing.
//!
//! [`PortingJob::check`] runs step 1 alone (a dry run that sends nothing but the check),
//! [`PortingJob::prepare`] steps 1 to 7 and leaves the drafts for review, and
//! [`Prepared::submit`] step 8. Each returns typed results; a failure is a [`JobError`]
//! naming the step and, when it was about one, the order. Progress goes to the callback of
//! [`PortingJobBuilder::on_progress`] as [`Progress`] events, for a progress bar or a log.
//!
//! ```no_run
//! use telnyx_porting::job::{DocumentSource, EndUser, FocDate, PortingJob};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = telnyx_porting::Client::from_env()?;
//! let job = PortingJob::builder()
//!     .phone_numbers(["+13035550000", "+13035550001", "+442071234567"])
//!     .end_user(
//!         EndUser::new()
//!             .entity_name("Acme Corp")
//!             .auth_person_name("Jane Doe")
//!             .billing_phone_number("+13035550000")
//!             .account_number("123abc")
//!             .street_address("600 Congress Avenue")
//!             .locality("Austin")
//!             .administrative_area("TX")
//!             .postal_code("78701")
//!             .country_code("US"),
//!     )
//!     .loa(DocumentSource::path("loa.pdf"))
//!     .invoice(DocumentSource::path("invoice.pdf"))
//!     .foc(FocDate::Earliest)
//!     .webhook_url("https://example.com/porting-webhooks")
//!     .on_progress(|p| eprintln!("{p}"))
//!     .build()?;
//!
//! let prepared = job.prepare(&client).await?;
//! for order in &prepared.orders {
//!     println!("{} {:?}: {} missing", order.id, order.phone_numbers, order.missing.len());
//!     for missing in &order.missing {
//!         println!("  {missing}");
//!     }
//! }
//! let submitted = prepared.submit(&client).await?;
//! for order in &submitted.orders {
//!     println!("{} {}", order.id, order.outcome.as_str());
//! }
//! # Ok(()) }
//! ```
//!
//! # Reruns
//!
//! A run that stopped half-way (a timeout, a refusal, a crash) is continued by running the
//! same job again; a rerun never creates a second order for a number. The rule:
//!
//! - **The job reference.** Every order the job creates carries the job reference as its
//!   `customer_reference`: the one given to [`PortingJobBuilder::customer_reference`], or,
//!   when none is, `job-` and 16 hex digits derived from the sorted set of the job's numbers
//!   (the same numbers make the same reference, in any order: [`PortingJob::reference`]).
//! - **Finding orders.** Each run first lists the orders with that reference
//!   (`GET /porting_orders?filter[customer_reference]=…`, every page). Cancelled orders are
//!   ignored. An order whose numbers are all numbers of the job is the job's own: it is
//!   reused (filled again while it is a draft, reported as submitted once it is not). An
//!   order that also holds other numbers (a reference reused across jobs) is left alone, and
//!   the job's numbers on it are reported in [`Prepared::skipped`]. When the API lists only
//!   the first numbers of a large order, each number still unaccounted for is looked up with
//!   the phone-number filter (`filter[phone_numbers][phone_number][contains]`).
//! - **Creating.** Only the portable numbers that no order found holds are sent to
//!   `POST /porting_orders`.
//! - **Documents.** A draft whose `documents.loa` (or `documents.invoice`) is already set
//!   keeps it. Otherwise the LOA (or invoice) is uploaded once per run and attached to every
//!   draft that lacks it; a document uploaded by a run that stopped before attaching it is
//!   not reused (the API deletes unlinked uploads after 30 minutes), the next run uploads
//!   anew. A document-valued requirement is uploaded once per run when some draft lists
//!   its requirement type, and sent again with each fill. A
//!   [`DocumentSource::uploaded`] document is never uploaded.
//! - **Filling** is sent again to every draft on every run (a PATCH sets the same values
//!   twice harmlessly); orders that are no longer drafts are not changed.
//! - **Submitting** confirms drafts only, so a rerun after a partial submit confirms the rest.
//!
//! Numbers held by an order made outside the job (with another reference) are not looked
//! for: the job sends them, and it is for the API to refuse a number already in an active
//! order (such a refusal ends the create step with a [`JobError`]; the sandbox does not
//! check this). Give such orders the job's reference, or leave their numbers out.
//!
//! A number the portability check calls not portable on a rerun (because an earlier run's
//! order already holds it, say) is still found in that order: the look-up uses every number
//! of the job, not only the portable ones.

mod builder;
mod error;
mod input;
mod missing;
mod progress;
mod report;
mod run;
mod submit;

pub use builder::{PortingJob, PortingJobBuilder, RequirementValue};
pub use error::{JobError, Step};
pub use input::{DocumentSource, EndUser, FocDate};
pub use progress::Progress;
pub use report::{
    DocumentKind, Missing, NumberCheck, OrderReport, PortabilityReport, Prepared, SkippedNumber,
    SubmitOutcome, SubmitReport, SubmittedOrder, UploadedDocument,
};

#[cfg(test)]
mod tests;
