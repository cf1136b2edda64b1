//! `--format raw`: the body of each answer exactly as it arrived, taken by a library hook
//! (`after_response` sees the bytes the library read), so that `raw` prints those bytes and
//! not a re-encoding of what the library decoded.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use telnyx_porting::{Hook, HookOutcome, HookResponse};

/// Gathers the bodies of successful calls, in the order the calls ended. Install a clone with
/// `RequestOptions::hook`; take the bodies with [`take`](RawBodies::take) after each call.
#[derive(Clone, Default)]
pub(crate) struct RawBodies {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The body of the latest attempt of the call in flight (a retried attempt's body is
    /// replaced by the next one's).
    last: Mutex<Option<Vec<u8>>>,
    /// The bodies of the calls that succeeded and have not been taken yet.
    done: Mutex<VecDeque<Vec<u8>>>,
}

impl RawBodies {
    /// The bodies gathered since the last call to `take`, oldest first.
    pub(crate) fn take(&self) -> Vec<Vec<u8>> {
        let mut done = self
            .inner
            .done
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        done.drain(..).collect()
    }
}

impl Hook for RawBodies {
    fn after_response(&self, response: &HookResponse<'_>) {
        let mut last = self
            .inner
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *last = Some(response.body().to_vec());
    }

    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let body = self
            .inner
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let (true, Some(body)) = (outcome.is_success(), body) {
            let mut done = self
                .inner
                .done
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            done.push_back(body);
        }
    }
}
