//! When to send a request again, and how long to wait first.
//!
//! - Retried: connection failures, `408`, `409`, `429` and every `5xx`. A response header
//!   `x-should-retry: true|false` overrides the status rule.
//! - A request that is not idempotent (`POST`, `PATCH`, unless its endpoint says
//!   `idempotent`) is retried only when the server cannot have acted on it: the connection
//!   failed before the request was written, the answer was `429`, or the server said
//!   `x-should-retry: true`. After a timeout, a connection broken after sending, or a `5xx`,
//!   it is retried only when the caller opted in.
//! - The wait is the server's (`retry-after-ms`, else `Retry-After` in seconds or as an HTTP
//!   date) when that is above zero and at most the cap (60 s by default); otherwise
//!   `min(base × 2^n, max)` (0.5 s and 8 s by default) less up to 25 % jitter, where `n` is
//!   the number of retries already taken.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::future::Future;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The default first backoff delay.
pub const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(500);
/// The default longest backoff delay.
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(8);
/// The default longest server-requested wait that is honoured.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// How the client waits between attempts: `tokio::time::sleep` unless replaced with
/// [`ClientBuilder::retry_sleep`](crate::ClientBuilder::retry_sleep).
pub type SleepFn = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// The client-wide retry settings.
#[derive(Clone)]
pub(crate) struct RetryConfig {
    pub(crate) max_retries: u32,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) backoff_base: Duration,
    pub(crate) backoff_max: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) sleep: SleepFn,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_retries: DEFAULT_MAX_RETRIES,
            retry_non_idempotent: false,
            backoff_base: DEFAULT_BACKOFF_BASE,
            backoff_max: DEFAULT_BACKOFF_MAX,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            sleep: Arc::new(|d| Box::pin(tokio::time::sleep(d))),
        }
    }
}

impl fmt::Debug for RetryConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryConfig")
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("backoff_base", &self.backoff_base)
            .field("backoff_max", &self.backoff_max)
            .field("max_retry_after", &self.max_retry_after)
            .finish_non_exhaustive()
    }
}

/// What one call may do, fixed before the first attempt.
pub(crate) struct Plan {
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) idempotent: bool,
    pub(crate) opted_in: bool,
}

/// How one attempt ended, short of success.
pub(crate) enum Failure {
    /// A non-2xx answer.
    Status(StatusCode, HeaderMap, Bytes),
    /// No (whole) answer.
    Transport(TransportFailure),
}

pub(crate) enum TransportFailure {
    /// The connection could not be made: the request was never written.
    Connect(reqwest::Error),
    /// The time ran out: the server may have the request.
    Timeout(reqwest::Error),
    /// The connection broke after the request was (perhaps) written.
    Broken(reqwest::Error),
    /// The body went over the limit.
    TooLarge(StatusCode, usize),
}

/// How a failure while reading the body is reported.
pub(crate) fn read_failure(e: reqwest::Error) -> TransportFailure {
    if e.is_timeout() {
        TransportFailure::Timeout(e)
    } else {
        TransportFailure::Broken(e)
    }
}

/// What follows a failed attempt.
#[derive(Debug, PartialEq)]
pub(crate) enum Decision {
    /// Send it again after this wait.
    Retry(Duration),
    /// Give up; `may_have_been_applied` says whether the server may have acted on a request
    /// that was not retried because it is not idempotent.
    Stop { may_have_been_applied: bool },
}

/// The retry rules as one pure function: the failure, the retries already taken, the call's
/// plan and the client's settings in; the decision out. The loop only sends and sleeps.
pub(crate) fn decide(
    failure: &Failure,
    attempt: u32,
    plan: &Plan,
    config: &RetryConfig,
    now: SystemTime,
) -> Decision {
    let (retry, may_have_been_applied, server_wait) = match failure {
        Failure::Status(status, headers, _) => {
            let says = should_retry_header(headers);
            let retryable = says.unwrap_or_else(|| retryable_status(*status));
            let safe = plan.idempotent
                || plan.opted_in
                || says == Some(true)
                || *status == StatusCode::TOO_MANY_REQUESTS;
            let wait = server_wait(headers, config.max_retry_after, now);
            (retryable && safe, retryable && !safe, wait)
        }
        Failure::Transport(TransportFailure::Connect(_)) => (true, false, None),
        Failure::Transport(TransportFailure::Timeout(_) | TransportFailure::Broken(_)) => {
            let safe = plan.idempotent || plan.opted_in;
            (safe, !safe, None)
        }
        Failure::Transport(TransportFailure::TooLarge(..)) => (false, false, None),
    };
    if retry && attempt < plan.max_retries {
        Decision::Retry(
            server_wait
                .unwrap_or_else(|| backoff(attempt, config.backoff_base, config.backoff_max)),
        )
    } else {
        Decision::Stop {
            may_have_been_applied,
        }
    }
}

/// `x-should-retry`, when the server sent a clear `true` or `false`.
pub(crate) fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    let value = headers.get("x-should-retry")?.to_str().ok()?.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The status rule: `408`, `409`, `429` and `5xx` are worth another try.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// The wait the server asked for, when it is above zero and at most `cap`.
pub(crate) fn server_wait(headers: &HeaderMap, cap: Duration, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let wait = if let Some(ms) = text("retry-after-ms") {
        seconds(ms.parse::<f64>().ok()? / 1000.0)?
    } else {
        let value = text("retry-after")?;
        match value.parse::<f64>() {
            Ok(secs) => seconds(secs)?,
            Err(_) => http_date(value)?.duration_since(now).ok()?,
        }
    };
    (!wait.is_zero() && wait <= cap).then_some(wait)
}

fn seconds(secs: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(secs).ok()
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(value: &str) -> Option<SystemTime> {
    let parsed =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    Some(SystemTime::from(parsed))
}

/// `min(base × 2^retries, max)` less up to 25 % jitter.
pub(crate) fn backoff(retries_taken: u32, base: Duration, max: Duration) -> Duration {
    let factor = 2u32.saturating_pow(retries_taken.min(30));
    let delay = base.saturating_mul(factor).min(max);
    let jitter = 1.0 - 0.25 * random_unit();
    delay.mul_f64(jitter)
}

/// A number in `[0, 1)`, good enough for jitter.
fn random_unit() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let bits = RandomState::new().hash_one(n);
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(v) = HeaderValue::from_str(value) {
                map.insert(*name, v);
            }
        }
        map
    }

    const CAP: Duration = Duration::from_secs(60);

    #[test]
    fn server_waits_follow_the_table() {
        let now = SystemTime::now();
        let wait = |pairs: &[(&'static str, &str)]| server_wait(&headers(pairs), CAP, now);
        assert_eq!(
            wait(&[("retry-after-ms", "1500")]),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            wait(&[("retry-after-ms", "250.5")]),
            Some(Duration::from_micros(250_500))
        );
        assert_eq!(
            wait(&[("retry-after", "20")]),
            Some(Duration::from_secs(20))
        );
        assert_eq!(
            wait(&[("retry-after", "60")]),
            Some(Duration::from_secs(60))
        );
        assert_eq!(wait(&[("retry-after", "61")]), None, "over the cap");
        assert_eq!(wait(&[("retry-after", "0")]), None);
        assert_eq!(wait(&[("retry-after", "-10")]), None);
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[("retry-after", "")]), None);
        assert_eq!(
            wait(&[("retry-after-ms", "100"), ("retry-after", "30")]),
            Some(Duration::from_millis(100)),
            "retry-after-ms wins"
        );
        let in_20s = time::OffsetDateTime::from(now + Duration::from_secs(20))
            .format(&time::format_description::well_known::Rfc2822)
            .unwrap_or_default()
            .replace("+0000", "GMT");
        let got = wait(&[("retry-after", &in_20s)]);
        assert!(
            got.is_some_and(|d| d > Duration::from_secs(18) && d <= Duration::from_secs(20)),
            "{in_20s}: {got:?}"
        );
        assert_eq!(
            wait(&[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")]),
            None,
            "past"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_max_less_jitter() {
        let base = Duration::from_millis(500);
        let max = Duration::from_secs(8);
        for (n, full) in [
            (0, 500),
            (1, 1000),
            (2, 2000),
            (3, 4000),
            (4, 8000),
            (5, 8000),
            (40, 8000),
        ] {
            let got = backoff(n, base, max);
            let full = Duration::from_millis(full);
            assert!(got <= full && got >= full.mul_f64(0.75), "{n}: {got:?}");
        }
    }

    #[test]
    fn should_retry_header_is_strict() {
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "true")])),
            Some(true)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "FALSE")])),
            Some(false)
        );
        assert_eq!(
            should_retry_header(&headers(&[("x-should-retry", "maybe")])),
            None
        );
        assert_eq!(should_retry_header(&HeaderMap::new()), None);
    }

    fn plan(idempotent: bool, opted_in: bool) -> Plan {
        Plan {
            timeout: Duration::from_secs(1),
            max_retries: 2,
            idempotent,
            opted_in,
        }
    }

    fn status(code: u16, pairs: &[(&'static str, &str)]) -> Failure {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
        Failure::Status(status, headers(pairs), Bytes::new())
    }

    /// Retry or stop, and whether a stop says "may have been applied".
    fn outcome(failure: &Failure, attempt: u32, plan: &Plan) -> (bool, bool) {
        let config = RetryConfig {
            backoff_base: Duration::from_millis(1),
            backoff_max: Duration::from_millis(1),
            ..RetryConfig::default()
        };
        match decide(failure, attempt, plan, &config, SystemTime::now()) {
            Decision::Retry(_) => (true, false),
            Decision::Stop {
                may_have_been_applied,
            } => (false, may_have_been_applied),
        }
    }

    #[test]
    fn the_decision_table_idempotency_status_and_opt_in() {
        // (status, idempotent, opted in) -> (retry, may have been applied)
        let table = [
            (503, true, false, (true, false)),
            (503, false, false, (false, true)),
            (503, false, true, (true, false)),
            (429, false, false, (true, false)),
            (409, true, false, (true, false)),
            (408, false, false, (false, true)),
            (422, true, true, (false, false)),
            (404, false, false, (false, false)),
        ];
        for (code, idempotent, opted_in, expected) in table {
            let got = outcome(&status(code, &[]), 0, &plan(idempotent, opted_in));
            assert_eq!(
                got, expected,
                "{code} idempotent={idempotent} opted_in={opted_in}"
            );
        }
        // The server's word wins over the status and over idempotency.
        let says_yes = status(500, &[("x-should-retry", "true")]);
        assert_eq!(outcome(&says_yes, 0, &plan(false, false)), (true, false));
        let says_no = status(503, &[("x-should-retry", "false")]);
        assert_eq!(outcome(&says_no, 0, &plan(true, false)), (false, false));
        let says_yes_on_400 = status(400, &[("x-should-retry", "true")]);
        assert_eq!(
            outcome(&says_yes_on_400, 0, &plan(false, false)),
            (true, false)
        );
        // Out of retries: a stop, and a retryable one is not "may have been applied".
        assert_eq!(
            outcome(&status(503, &[]), 2, &plan(true, false)),
            (false, false)
        );
        // The server's wait is used when it is within the cap.
        let config = RetryConfig::default();
        let wait = decide(
            &status(429, &[("retry-after-ms", "1500")]),
            0,
            &plan(false, false),
            &config,
            SystemTime::now(),
        );
        assert_eq!(wait, Decision::Retry(Duration::from_millis(1500)));
    }
}
