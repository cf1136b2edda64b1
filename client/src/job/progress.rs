//! [`Progress`]: what a running job reports to its
//! [`on_progress`](super::PortingJobBuilder::on_progress) callback.

use std::fmt;
use std::sync::Arc;

use super::error::Step;
use crate::models::PortingOrderId;

/// One event of a running job, given to the
/// [`on_progress`](super::PortingJobBuilder::on_progress) callback as it happens: enough to
/// draw a progress bar per step (`total`, then `done` of `total`) or to log.
///
/// For each step that runs: one [`Started`](Progress::Started), then
/// [`Advanced`](Progress::Advanced) events, then one [`Finished`](Progress::Finished). The
/// per-order steps ([`Step::FocWindows`], [`Step::Fill`], [`Step::Requirements`],
/// [`Step::Submit`]) advance once per order, naming it; [`Step::UploadDocuments`] once per
/// upload. The bulk steps advance once: [`Step::Check`] with every number done,
/// [`Step::FindOrders`] with `done` the portable numbers found in orders of earlier runs,
/// [`Step::Create`] with every number sent. A step with nothing to do still starts and
/// finishes (with `total` 0, and no `Advanced`). Its `Display` is a one-line log message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress {
    /// A step begins, with `total` units of work (numbers for [`Step::Check`], documents
    /// for [`Step::UploadDocuments`], orders otherwise; for [`Step::FindOrders`] and
    /// [`Step::Create`], the numbers).
    Started {
        /// The step.
        step: Step,
        /// How many units it will do.
        total: usize,
    },
    /// `done` of `total` units of the step are done; the last one was about `order` when it
    /// was about one.
    Advanced {
        /// The step.
        step: Step,
        /// The order of the unit just done, if any.
        order: Option<PortingOrderId>,
        /// Units done so far (1 to `total`).
        done: usize,
        /// Units in the step.
        total: usize,
    },
    /// A step ended successfully (a failure ends the job with a
    /// [`JobError`](super::JobError) instead).
    Finished {
        /// The step.
        step: Step,
    },
}

impl Progress {
    /// The step the event is about.
    pub fn step(&self) -> Step {
        match self {
            Progress::Started { step, .. }
            | Progress::Advanced { step, .. }
            | Progress::Finished { step } => *step,
        }
    }
}

/// `create: started (3)`, `fill: 2/3 (order …)`, `fill: done`.
impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progress::Started { step, total } => write!(f, "{}: started ({total})", step.name()),
            Progress::Advanced {
                step,
                order,
                done,
                total,
            } => {
                write!(f, "{}: {done}/{total}", step.name())?;
                if let Some(order) = order {
                    write!(f, " (order {order})")?;
                }
                Ok(())
            }
            Progress::Finished { step } => write!(f, "{}: done", step.name()),
        }
    }
}

/// The callback, shared by a job and what it prepares.
pub(crate) type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync + 'static>;

/// Sends events to the callback, if there is one.
#[derive(Clone, Default)]
pub(crate) struct Reporter(pub(crate) Option<ProgressFn>);

impl Reporter {
    pub(crate) fn emit(&self, event: Progress) {
        if let Some(callback) = &self.0 {
            callback(&event);
        }
    }

    pub(crate) fn started(&self, step: Step, total: usize) {
        self.emit(Progress::Started { step, total });
    }

    pub(crate) fn advanced(
        &self,
        step: Step,
        order: Option<PortingOrderId>,
        done: usize,
        total: usize,
    ) {
        self.emit(Progress::Advanced {
            step,
            order,
            done,
            total,
        });
    }

    pub(crate) fn finished(&self, step: Step) {
        self.emit(Progress::Finished { step });
    }
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Some(<callback>)"
        } else {
            "None"
        })
    }
}
