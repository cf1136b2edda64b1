//! The sandbox's own controls, from Rust: its webhook key and deliveries, and the lifecycle
//! moves the real API leaves to the carrier (the same as the `/v2/_sandbox/...` routes).

use std::fmt;
use std::time::Duration;

use uuid::Uuid;

use super::clock::now_rfc3339;
use super::delivery::Delivery;
use super::lifecycle::{self, Refusal, Target};
use super::order::Order;
use super::{Sandbox, SandboxState};
use crate::models::PortingOrder;

/// A lifecycle move the sandbox refused ([`Sandbox::advance`], [`Sandbox::split`]): the
/// order does not exist (404), or the move is not one a real order can make (422).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleError {
    status: u16,
    message: String,
}

impl LifecycleError {
    /// The HTTP status the same request to `/v2/_sandbox/...` gets: 404 or 422.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What was wrong, and what to do instead.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LifecycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LifecycleError {}

impl From<Refusal> for LifecycleError {
    fn from(refusal: Refusal) -> Self {
        LifecycleError {
            status: refusal.status,
            message: refusal.message,
        }
    }
}

impl Sandbox {
    /// The public key the sandbox signs webhook deliveries with, in standard base64 (as the
    /// portal shows an account's): give it to
    /// [`Verifier::from_base64`](crate::webhooks::Verifier::from_base64). Also served at
    /// `GET /v2/_sandbox/webhook_public_key`.
    pub fn webhook_public_key(&self) -> &str {
        self.state.webhooks.public_key()
    }

    /// Every webhook delivery attempt recorded so far (and every delivery skipped), oldest
    /// first.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.state.webhooks.deliveries()
    }

    /// Waits until at least `n` deliveries have been recorded since the sandbox started (or
    /// `timeout` has passed), then gives [`deliveries`](Self::deliveries): fewer than `n` if
    /// the time ran out. For tests, instead of sleeping.
    pub async fn wait_for_deliveries(&self, n: usize, timeout: Duration) -> Vec<Delivery> {
        self.state.webhooks.wait_for(n, timeout).await
    }

    /// Moves a confirmed order along its real path, `in-process → submitted →
    /// foc-date-confirmed → ported`, to `status` (`"submitted"`, `"foc-date-confirmed"` or
    /// `"ported"`), through every status in between, each with its
    /// `porting_order.status_changed` event (and webhook). The same as
    /// `POST /v2/_sandbox/porting_orders/{id}/advance` with `{"status": ...}`.
    ///
    /// Refused (422) for a draft (confirm it first), an order that is ported or cancelled, a
    /// move backwards, or any other status. An order in `exception` advances from
    /// `submitted`.
    ///
    /// # Errors
    ///
    /// A [`LifecycleError`]: 404 for an unknown order, 422 for a move the lifecycle does not
    /// allow (as above) or an unknown status.
    pub fn advance(
        &self,
        order_id: impl fmt::Display,
        status: &str,
    ) -> Result<PortingOrder, LifecycleError> {
        let target = Target::parse(status, None, None)?;
        if let Target::Exception(_) = target {
            return Err(LifecycleError {
                status: 422,
                message: "Use Sandbox::advance_to_exception to give the exception's code.".into(),
            });
        }
        self.change(order_id, |state, now, key| {
            lifecycle::advance(&mut state.store(), &state.ids, now, key, target)
        })
    }

    /// Moves an order that is in process, submitted or FOC-date-confirmed into `exception`,
    /// with `{"code", "description"}` in its `status.details`. Any later successful
    /// `PATCH /porting_orders/{id}` returns it to `submitted`.
    ///
    /// # Errors
    ///
    /// A [`LifecycleError`]: 404 for an unknown order, 422 for an order in another status or
    /// an empty code.
    pub fn advance_to_exception(
        &self,
        order_id: impl fmt::Display,
        code: &str,
        description: &str,
    ) -> Result<PortingOrder, LifecycleError> {
        let target = Target::parse("exception", Some(code), Some(description))?;
        self.change(order_id, |state, now, key| {
            lifecycle::advance(&mut state.store(), &state.ids, now, key, target)
        })
    }

    /// Moves `phone_numbers` (some, not all, of the order's) into a new order with the same
    /// status and settings, firing one `porting_order.split` event per number moved; gives
    /// the new order. The same as `POST /v2/_sandbox/porting_orders/{id}/split`.
    ///
    /// # Errors
    ///
    /// A [`LifecycleError`]: 404 for an unknown order, 422 for an order that is ported or
    /// cancelled, a number not on the order, or a split that would move every number.
    pub fn split(
        &self,
        order_id: impl fmt::Display,
        phone_numbers: &[&str],
    ) -> Result<PortingOrder, LifecycleError> {
        self.change(order_id, |state, now, key| {
            lifecycle::split(&mut state.store(), &state.ids, now, key, phone_numbers)
        })
    }

    fn change(
        &self,
        order_id: impl fmt::Display,
        change: impl FnOnce(&SandboxState, &str, Uuid) -> Result<Order, Refusal>,
    ) -> Result<PortingOrder, LifecycleError> {
        let id = order_id.to_string();
        let key = Uuid::try_parse(&id).map_err(|_| LifecycleError {
            status: 404,
            message: format!("Porting order {id} not found."),
        })?;
        let changed = change(&self.state, &now_rfc3339(), key);
        self.state.flush_outbox();
        let order = changed?;
        serde_json::to_value(&order)
            .and_then(serde_json::from_value)
            .map_err(|e| LifecycleError {
                status: 500,
                message: format!("the sandbox could not render the order: {e}"),
            })
    }
}
