//! Activation jobs of a porting order (`/porting_orders/{id}/activation_jobs`, and the answer
//! of `actions/activate`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::open_enum::open_enum;

open_enum! {
    /// The type of an activation job.
    pub enum ActivationType {
        /// Runs at [`PortingOrdersActivationJob::activate_at`].
        Scheduled => "scheduled",
        /// Runs on demand.
        OnDemand => "on-demand",
    }
}

open_enum! {
    /// The status of an activation job.
    pub enum ActivationJobStatus {
        /// Created.
        Created => "created",
        /// Running.
        InProcess => "in-process",
        /// Completed.
        Completed => "completed",
        /// Failed.
        Failed => "failed",
    }
}

/// A job that activates the numbers of a porting order (the spec's
/// `PortingOrdersActivationJob`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrdersActivationJob {
    /// Uniquely identifies the activation job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The status of the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActivationJobStatus>,
    /// Scheduled or on demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_type: Option<ActivationType>,
    /// When the job should run; within one of the
    /// [`activation_windows`](Self::activation_windows).
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub activate_at: Option<OffsetDateTime>,
    /// The windows in which the job may run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activation_windows: Option<Vec<ActivationWindow>>,
    /// When the job was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the job was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_activation_job`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// A window in which an activation job may run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivationWindow {
    /// When the window starts.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_at: Option<OffsetDateTime>,
    /// When the window ends.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_at: Option<OffsetDateTime>,
}

/// The request body of `PATCH /porting_orders/{id}/activation_jobs/{activationJobId}`: a new
/// activation time, which should fall within one of the job's activation windows.
///
/// `activate_at` is not nullable in the spec, so a field left `None` is simply left out.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdatePortingOrdersActivationJob {
    /// The desired activation time.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub activate_at: Option<OffsetDateTime>,
}

impl UpdatePortingOrdersActivationJob {
    /// Moves the activation to `activate_at`.
    pub fn new(activate_at: OffsetDateTime) -> Self {
        UpdatePortingOrdersActivationJob {
            activate_at: Some(activate_at),
        }
    }
}
