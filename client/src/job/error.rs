//! [`Step`] and [`JobError`]: which step of a job failed, for which order, and why.

use std::fmt;

use crate::Error;
use crate::models::PortingOrderId;

/// The steps of a [`PortingJob`](super::PortingJob), in the order they run.
///
/// [`check`](super::PortingJob::check) runs [`Check`](Step::Check);
/// [`prepare`](super::PortingJob::prepare) runs every step up to
/// [`Requirements`](Step::Requirements); [`submit`](super::Prepared::submit) runs
/// [`Submit`](Step::Submit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Step {
    /// 1. `POST /portability_checks`: which numbers can be ported.
    Check,
    /// 2. `GET /porting_orders?filter[customer_reference]=…`: the orders an earlier run of
    ///    the same job created (see [the rerun rule](super#reruns)).
    FindOrders,
    /// 3. `POST /porting_orders`: drafts for the portable numbers no earlier run sent.
    Create,
    /// 4. `POST /documents`: the LOA and the invoice, uploaded once per run when an order
    ///    still needs them.
    UploadDocuments,
    /// 5. `GET /porting_orders/{id}/allowed_foc_windows`: the FOC dates each order can ask for.
    FocWindows,
    /// 6. `PATCH /porting_orders/{id}`: end user, documents, FOC date, webhook URL, reference
    ///    and requirement values.
    Fill,
    /// 7. `GET /porting_orders/{id}/requirements`: what each order still needs.
    Requirements,
    /// 8. `POST /porting_orders/{id}/actions/confirm`: the complete drafts are submitted.
    Submit,
}

impl Step {
    /// Every step, in the order they run.
    pub const ALL: [Step; 8] = [
        Step::Check,
        Step::FindOrders,
        Step::Create,
        Step::UploadDocuments,
        Step::FocWindows,
        Step::Fill,
        Step::Requirements,
        Step::Submit,
    ];

    /// A short lower-case name: `check`, `find-orders`, `create`, `upload-documents`,
    /// `foc-windows`, `fill`, `requirements`, `submit`.
    pub fn name(self) -> &'static str {
        match self {
            Step::Check => "check",
            Step::FindOrders => "find-orders",
            Step::Create => "create",
            Step::UploadDocuments => "upload-documents",
            Step::FocWindows => "foc-windows",
            Step::Fill => "fill",
            Step::Requirements => "requirements",
            Step::Submit => "submit",
        }
    }

    /// What the step does, for people: `portability check`, `finding earlier orders`, ….
    pub fn description(self) -> &'static str {
        match self {
            Step::Check => "portability check",
            Step::FindOrders => "finding the orders of earlier runs",
            Step::Create => "creating draft orders",
            Step::UploadDocuments => "uploading the LOA and invoice",
            Step::FocWindows => "reading the allowed FOC windows",
            Step::Fill => "filling in the orders",
            Step::Requirements => "reading the requirements",
            Step::Submit => "submitting the orders",
        }
    }
}

/// The step's [`description`](Step::description).
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A step of a job failed: which step, for which porting order (when the step works on one),
/// and the [`Error`] of the call that failed.
///
/// What the steps before it did stays done: run the job again to continue (see
/// [the rerun rule](super#reruns)); no order is created twice.
///
/// ```
/// use telnyx_porting::job::{JobError, Step};
/// use telnyx_porting::Error;
///
/// let e = JobError::new(Step::Fill, None, Error::invalid_input("webhook_url", "x", "is not a URL"));
/// assert_eq!(e.step, Step::Fill);
/// assert!(e.to_string().starts_with("filling in the orders failed: "));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct JobError {
    /// The step that failed.
    pub step: Step,
    /// The porting order the failing call was about, when it was about one.
    pub order: Option<PortingOrderId>,
    /// What went wrong: the library's error for the failing call.
    pub source: Error,
}

impl JobError {
    /// A failure of `step`, about `order` when given.
    pub fn new(step: Step, order: Option<PortingOrderId>, source: Error) -> Self {
        JobError {
            step,
            order,
            source,
        }
    }

    /// `true` when the failing call may have reached the server and been applied (a timeout
    /// or a broken connection after a `POST`): see [`Error::may_have_been_applied`]. A rerun
    /// is still safe: it finds what the call did.
    pub fn may_have_been_applied(&self) -> bool {
        self.source.may_have_been_applied()
    }
}

/// `"{step} failed for porting order {id}: {error}"` (without the order part when the step
/// was not about one).
impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.order {
            Some(id) => write!(
                f,
                "{} failed for porting order {id}: {}",
                self.step, self.source
            ),
            None => write!(f, "{} failed: {}", self.step, self.source),
        }
    }
}

impl std::error::Error for JobError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
