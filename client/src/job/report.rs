//! What each step returns: [`PortabilityReport`], [`Prepared`] with an [`OrderReport`] per
//! order, and [`SubmitReport`].

use std::fmt;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::models::{PortingOrder, PortingOrderId, PortingOrderStatusValue};

/// The answer of the portability check ([`PortingJob::check`](super::PortingJob::check)):
/// one [`NumberCheck`] per number of the job, in the job's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PortabilityReport {
    /// Each number's result.
    pub numbers: Vec<NumberCheck>,
}

impl PortabilityReport {
    /// The numbers that can be ported (the ones the job sends).
    pub fn portable(&self) -> impl Iterator<Item = &NumberCheck> {
        self.numbers.iter().filter(|n| n.portable)
    }

    /// The numbers that cannot be ported (reported, never sent).
    pub fn not_portable(&self) -> impl Iterator<Item = &NumberCheck> {
        self.numbers.iter().filter(|n| !n.portable)
    }

    /// `true` when every number is portable.
    pub fn all_portable(&self) -> bool {
        self.numbers.iter().all(|n| n.portable)
    }
}

/// One number's portability.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NumberCheck {
    /// The +E.164 number.
    pub phone_number: String,
    /// Whether it can be ported.
    pub portable: bool,
    /// Whether it is FastPort eligible.
    pub fast_portable: bool,
    /// Why it cannot be ported, when it cannot (the API's `not_portable_reason`, or a note
    /// when the check's answer left the number out).
    pub not_portable_reason: Option<String>,
}

/// Where the job stands after [`prepare`](super::PortingJob::prepare): the drafts exist and
/// are filled in; each [`OrderReport`] says what is still missing. Nothing is submitted yet:
/// [`submit`](Prepared::submit) confirms the complete drafts.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Prepared {
    /// The job reference every order of the job carries as its `customer_reference` (see
    /// [the rerun rule](super#reruns)).
    pub reference: String,
    /// The portability check.
    pub portability: PortabilityReport,
    /// Every order of the job, found or created, in creation order.
    pub orders: Vec<OrderReport>,
    /// The documents uploaded by this run, in upload order: the LOA, the invoice, then
    /// requirement documents (none when every draft already had what they are for).
    pub uploaded: Vec<UploadedDocument>,
    /// Portable numbers the job did not send, because an order outside the job already holds
    /// them.
    pub skipped: Vec<SkippedNumber>,
    pub(crate) reporter: super::progress::Reporter,
    /// The job's FOC choice, to choose again when the windows moved before the confirm.
    pub(crate) foc: super::input::FocDate,
}

impl Prepared {
    /// The orders ready to submit: drafts with nothing missing.
    pub fn ready(&self) -> impl Iterator<Item = &OrderReport> {
        self.orders.iter().filter(|o| o.is_ready())
    }

    /// `true` when every draft of the job is ready to submit.
    pub fn all_ready(&self) -> bool {
        self.orders
            .iter()
            .filter(|o| o.is_draft())
            .all(|o| o.is_ready())
    }
}

/// One porting order of the job after [`prepare`](super::PortingJob::prepare).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OrderReport {
    /// The order.
    pub id: PortingOrderId,
    /// Its numbers, +E.164, sorted.
    pub phone_numbers: Vec<String>,
    /// Its status (`draft` until submitted).
    pub status: Option<PortingOrderStatusValue>,
    /// The API's `requirements_met`.
    pub requirements_met: Option<bool>,
    /// The FOC date it asks for now.
    pub foc_datetime_requested: Option<OffsetDateTime>,
    /// What the order still lacks before it can be submitted; empty when it is ready.
    pub missing: Vec<Missing>,
    /// `true` when an earlier run created it (this run found it by the job reference).
    pub reused: bool,
    /// The order as the API last answered it.
    pub order: PortingOrder,
}

impl OrderReport {
    /// `true` while the order is a draft (not submitted yet).
    pub fn is_draft(&self) -> bool {
        matches!(self.status, Some(PortingOrderStatusValue::Draft))
    }

    /// `true` for a draft with nothing missing: [`submit`](Prepared::submit) confirms it.
    pub fn is_ready(&self) -> bool {
        self.is_draft() && self.missing.is_empty()
    }
}

/// Something an order lacks, named by its JSON pointer in the order as the API's errors name
/// it (`/end_user/admin/entity_name`, `/documents/loa`, `/requirements/<type id>`), with what
/// to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Missing {
    /// The JSON pointer of the field.
    pub pointer: String,
    /// What is wrong or expected.
    pub detail: String,
}

impl Missing {
    /// A missing field at `pointer`.
    pub fn new(pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        Missing {
            pointer: pointer.into(),
            detail: detail.into(),
        }
    }
}

/// `pointer: detail`.
impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.detail)
    }
}

/// Which of the order's two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// The letter of authorization (`documents.loa`).
    Loa,
    /// The invoice (`documents.invoice`).
    Invoice,
    /// A document given as a requirement's value
    /// ([`PortingJobBuilder::requirement`](super::PortingJobBuilder::requirement)).
    Requirement,
}

impl DocumentKind {
    /// `loa`, `invoice` or `requirement`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Loa => "loa",
            DocumentKind::Invoice => "invoice",
            DocumentKind::Requirement => "requirement",
        }
    }
}

/// A document the run uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadedDocument {
    /// LOA, invoice or a requirement's document.
    pub kind: DocumentKind,
    /// For [`DocumentKind::Requirement`], the requirement type it is the value of.
    pub requirement_type_id: Option<String>,
    /// Its id in the Documents API.
    pub id: Uuid,
    /// The filename it was uploaded under.
    pub filename: Option<String>,
}

/// A portable number the job did not send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedNumber {
    /// The number.
    pub phone_number: String,
    /// The order (with the job reference, but holding numbers outside the job) that has it.
    pub order: PortingOrderId,
}

/// What [`submit`](Prepared::submit) did: one [`SubmittedOrder`] per order of the job.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SubmitReport {
    /// The job reference.
    pub reference: String,
    /// Each order, in the order of [`Prepared::orders`].
    pub orders: Vec<SubmittedOrder>,
}

impl SubmitReport {
    /// The orders this call confirmed.
    pub fn confirmed(&self) -> impl Iterator<Item = &SubmittedOrder> {
        self.orders
            .iter()
            .filter(|o| o.outcome == SubmitOutcome::Confirmed)
    }

    /// `true` when every order of the job is submitted (now or before).
    pub fn all_submitted(&self) -> bool {
        self.orders.iter().all(|o| {
            matches!(
                o.outcome,
                SubmitOutcome::Confirmed | SubmitOutcome::AlreadySubmitted
            )
        })
    }
}

/// One order after [`submit`](Prepared::submit).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SubmittedOrder {
    /// The order.
    pub id: PortingOrderId,
    /// Its numbers, sorted.
    pub phone_numbers: Vec<String>,
    /// Its status now (`in-process` once confirmed).
    pub status: Option<PortingOrderStatusValue>,
    /// What happened to it.
    pub outcome: SubmitOutcome,
    /// For [`NotReady`](SubmitOutcome::NotReady), what it lacks; for
    /// [`Refused`](SubmitOutcome::Refused), each error the API gave (its pointer, or
    /// `/` when the error named none).
    pub missing: Vec<Missing>,
}

/// What [`submit`](Prepared::submit) did with an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SubmitOutcome {
    /// Confirmed now (`POST …/actions/confirm`).
    Confirmed,
    /// Not a draft any more: submitted by an earlier run (or by hand); not sent again.
    AlreadySubmitted,
    /// Not sent: something is missing (see [`SubmittedOrder::missing`]).
    NotReady,
    /// Sent, and the API refused it with a `422` (see [`SubmittedOrder::missing`]).
    Refused,
}

impl SubmitOutcome {
    /// `confirmed`, `already-submitted`, `not-ready` or `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            SubmitOutcome::Confirmed => "confirmed",
            SubmitOutcome::AlreadySubmitted => "already-submitted",
            SubmitOutcome::NotReady => "not-ready",
            SubmitOutcome::Refused => "refused",
        }
    }
}
