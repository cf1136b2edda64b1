//! Step 8, [`Prepared::submit`]: the complete drafts are confirmed.

use time::OffsetDateTime;

use super::error::{JobError, Step};
use super::missing::{at_foc, choose_foc, refuses_foc};
use super::progress::Reporter;
use super::report::{Missing, Prepared, SubmitOutcome, SubmitReport, SubmittedOrder};
use crate::models::{
    DataWithMeta, PortingOrder, PortingOrderId, PortingOrderMeta, UpdatePortingOrder,
};
use crate::prelude::*;
use crate::{Client, Error};

impl Prepared {
    /// Step 8: confirms (`POST /porting_orders/{id}/actions/confirm`) every draft with
    /// nothing missing. Drafts that lack something are not sent
    /// ([`SubmitOutcome::NotReady`]); orders that are no longer drafts are not sent again
    /// ([`SubmitOutcome::AlreadySubmitted`]); a draft the API refuses with a `422` is
    /// [`SubmitOutcome::Refused`], with the API's errors as its
    /// [`missing`](SubmittedOrder::missing), and the others are still sent.
    ///
    /// `Prepared` is what [`prepare`](super::PortingJob::prepare) saw: it is not updated by this
    /// call. To continue after a failure, or to submit later, prepare the job again (it finds
    /// the same orders) and submit what that gives.
    ///
    /// # Errors
    ///
    /// A [`JobError`] at [`Step::Submit`] naming the order, for any other failure; the
    /// orders confirmed before it stay confirmed, and a rerun of the job confirms the rest.
    pub async fn submit(&self, client: &Client) -> Result<SubmitReport, JobError> {
        let report: &Reporter = &self.reporter;
        let total = self.ready().count();
        report.started(Step::Submit, total);
        let mut orders = Vec::with_capacity(self.orders.len());
        let mut done = 0;
        for order in &self.orders {
            let mut submitted = SubmittedOrder {
                id: order.id,
                phone_numbers: order.phone_numbers.clone(),
                status: order.status.clone(),
                outcome: SubmitOutcome::AlreadySubmitted,
                missing: Vec::new(),
            };
            if !order.is_draft() {
                orders.push(submitted);
                continue;
            }
            if !order.is_ready() {
                submitted.outcome = SubmitOutcome::NotReady;
                submitted.missing = order.missing.clone();
                orders.push(submitted);
                continue;
            }
            match self.confirm(client, order.id).await {
                Ok(confirmed) => {
                    submitted.status = confirmed.data.status_value().cloned();
                    submitted.outcome = SubmitOutcome::Confirmed;
                }
                Err(Error::Api(refusal)) if refusal.status.as_u16() == 422 => {
                    submitted.outcome = SubmitOutcome::Refused;
                    submitted.missing = refusal
                        .errors
                        .iter()
                        .map(|detail| {
                            let pointer = detail
                                .source
                                .as_ref()
                                .and_then(|s| s.pointer.clone())
                                .unwrap_or_else(|| "/".to_owned());
                            Missing::new(pointer, detail.to_string())
                        })
                        .collect();
                }
                Err(e) => return Err(JobError::new(Step::Submit, Some(order.id), e)),
            }
            done += 1;
            report.advanced(Step::Submit, Some(order.id), done, total);
            orders.push(submitted);
        }
        report.finished(Step::Submit);
        Ok(SubmitReport {
            reference: self.reference.clone(),
            orders,
        })
    }

    /// Confirms one draft. The allowed FOC windows are worked out from the current day, so a
    /// date chosen in [`prepare`](super::PortingJob::prepare) can fall out of them before the
    /// confirm (at midnight UTC): a confirm refused at the FOC date's pointer alone reads the
    /// order's windows again, sends the new date, and confirms once more.
    async fn confirm(
        &self,
        client: &Client,
        id: PortingOrderId,
    ) -> crate::Result<DataWithMeta<PortingOrder, PortingOrderMeta>> {
        let refusal = match client.porting_orders().actions().confirm(id).await {
            Err(e) if refuses_foc(&e) && e.api_errors().iter().all(at_foc) => e,
            answer => return answer,
        };
        let windows = client.porting_orders().allowed_foc_windows(id).await?;
        let Ok(when) = choose_foc(self.foc, &windows.data, OffsetDateTime::now_utc()) else {
            return Err(refusal);
        };
        let update = UpdatePortingOrder::new().foc_datetime_requested(when);
        client.porting_orders().update(id, &update).await?;
        client.porting_orders().actions().confirm(id).await
    }
}
