//! The sandbox's webhook deliveries: each event of an order with a `webhook_url` is POSTed
//! there in the nested shape, signed as Telnyx signs, on a task of its own (never holding up
//! the API's answer), retried with backoff, and recorded as a [`Delivery`].

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::HeaderMap;
use tokio::runtime::Handle;
use tokio::sync::watch;
use uuid::Uuid;

use super::event::Event;
use crate::webhooks::{Signer, WebhookEvent};

/// How long a receiver has to answer one attempt, as with Telnyx.
pub(crate) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);

/// One attempt at delivering an event (or the record that it was not sent), from
/// [`Sandbox::deliveries`](super::Sandbox::deliveries).
#[derive(Debug, Clone)]
pub struct Delivery {
    url: String,
    attempt: u32,
    outcome: DeliveryOutcome,
    event: WebhookEvent,
    body: Bytes,
    headers: HeaderMap,
}

/// What came of a [`Delivery`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryOutcome {
    /// The receiver answered with this status (2xx is a success; anything else is retried).
    Answered {
        /// The HTTP status of the answer.
        status: u16,
    },
    /// No answer: the connection failed, or no answer came within 2 seconds. Retried.
    Failed {
        /// What went wrong.
        error: String,
    },
    /// Nothing was sent: the URL is not a loopback one (and
    /// [`deliver_to_any_host`](super::SandboxBuilder::deliver_to_any_host) is off), or not an
    /// http(s) URL. Not retried.
    Skipped {
        /// Why nothing was sent.
        reason: String,
    },
}

impl Delivery {
    /// The order's `webhook_url`, as stored (also the body's `meta.delivered_to`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The body's `meta.attempt`: 1 for the first attempt at an event, counting up through
    /// retries and republishes (a skipped delivery shows the number it would have had).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// What came of it.
    pub fn outcome(&self) -> &DeliveryOutcome {
        &self.outcome
    }

    /// The receiver's status, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self.outcome {
            DeliveryOutcome::Answered { status } => Some(status),
            _ => None,
        }
    }

    /// Whether the receiver answered 2xx.
    pub fn is_success(&self) -> bool {
        self.status().is_some_and(|s| (200..300).contains(&s))
    }

    /// The event delivered, decoded from [`body`](Self::body).
    pub fn event(&self) -> &WebhookEvent {
        &self.event
    }

    /// The body sent (or that would have been sent), byte for byte.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The headers sent with it: `telnyx-signature-ed25519`, `telnyx-timestamp`,
    /// `content-type` and `user-agent`.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

/// The builder's delivery settings.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The wait before the first retry; doubled before each later one.
    pub(crate) backoff: Duration,
    /// Attempts per delivery (and per republish), at least 1.
    pub(crate) max_attempts: u32,
    /// Deliver to hosts other than loopback ones.
    pub(crate) any_host: bool,
    /// The most deliveries remembered.
    pub(crate) max_items: usize,
}

/// Sends and records deliveries; shared by the sandbox and its delivery tasks.
pub(crate) struct Deliverer {
    signer: Signer,
    public_key: String,
    settings: Settings,
    /// Made on first delivery: most sandboxes never deliver.
    client: OnceLock<Result<reqwest::Client, String>>,
    log: Mutex<Log>,
    /// How many deliveries were ever recorded.
    count: watch::Sender<usize>,
    /// Set when the sandbox is dropped: pending attempts stop.
    stop: watch::Sender<bool>,
    runtime: Option<Handle>,
}

#[derive(Default)]
struct Log {
    recorded: VecDeque<Delivery>,
    /// The last `meta.attempt` per event id.
    attempts: HashMap<Uuid, u32>,
}

impl Deliverer {
    pub(crate) fn new(signer: Signer, settings: Settings) -> Deliverer {
        Deliverer {
            public_key: signer.public_key_base64(),
            signer,
            settings,
            client: OnceLock::new(),
            log: Mutex::new(Log::default()),
            count: watch::Sender::new(0),
            stop: watch::Sender::new(false),
            runtime: Handle::try_current().ok(),
        }
    }

    /// The public key deliveries are signed with, in standard base64.
    pub(crate) fn public_key(&self) -> &str {
        &self.public_key
    }

    /// Starts delivering `event` to its `webhook_url`, if it has one.
    pub(crate) fn deliver(self: &Arc<Self>, event: &Event) {
        let Some(url) = event.webhook_url.as_deref() else {
            return;
        };
        let Ok(data) = serde_json::to_string(&event.webhook_data()) else {
            return;
        };
        let job = Job {
            id: event.id,
            url: url.to_owned(),
            data,
        };
        match destination(url, self.settings.any_host) {
            Err(reason) => {
                let attempt = self.log().attempts.get(&job.id).copied().unwrap_or(0) + 1;
                let (body, headers) = job.signed(&self.signer, attempt);
                self.record(
                    &job,
                    attempt,
                    DeliveryOutcome::Skipped { reason },
                    body,
                    headers,
                );
            }
            Ok(target) => {
                let Some(runtime) = &self.runtime else {
                    return;
                };
                runtime.spawn(Arc::clone(self).run(job, target));
            }
        }
    }

    /// Every attempt of one delivery, until a 2xx answer, the last attempt, or the sandbox
    /// going away.
    async fn run(self: Arc<Self>, job: Job, target: reqwest::Url) {
        let mut stop = self.stop.subscribe();
        let mut backoff = self.settings.backoff;
        for round in 0..self.settings.max_attempts {
            if round > 0 {
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = stop.wait_for(|stopped| *stopped) => return,
                }
                backoff = backoff.saturating_mul(2);
            }
            let attempt = self.next_attempt(job.id);
            let (body, headers) = job.signed(&self.signer, attempt);
            let outcome = tokio::select! {
                outcome = self.send(&target, &body, &headers) => outcome,
                _ = stop.wait_for(|stopped| *stopped) => return,
            };
            let answered = matches!(outcome, DeliveryOutcome::Answered { status } if (200..300).contains(&status));
            self.record(&job, attempt, outcome, body, headers);
            if answered {
                return;
            }
        }
    }

    async fn send(
        &self,
        target: &reqwest::Url,
        body: &Bytes,
        headers: &HeaderMap,
    ) -> DeliveryOutcome {
        let client = match self.client.get_or_init(delivery_client) {
            Ok(client) => client,
            Err(error) => {
                return DeliveryOutcome::Failed {
                    error: error.clone(),
                };
            }
        };
        let sent = client
            .post(target.clone())
            .headers(headers.clone())
            .body(body.clone())
            .send()
            .await;
        match sent {
            Ok(response) => {
                let status = response.status().as_u16();
                // Read the answer so the connection can be used again; its content is ignored.
                let _ = response.bytes().await;
                DeliveryOutcome::Answered { status }
            }
            Err(e) if e.is_timeout() => DeliveryOutcome::Failed {
                error: format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()),
            },
            Err(e) => DeliveryOutcome::Failed {
                error: error_chain(&e),
            },
        }
    }

    fn next_attempt(&self, id: Uuid) -> u32 {
        let max_items = self.settings.max_items;
        let mut log = self.log();
        if log.attempts.len() >= max_items && !log.attempts.contains_key(&id) {
            log.attempts.clear();
        }
        let attempt = log.attempts.entry(id).or_insert(0);
        *attempt = attempt.saturating_add(1);
        *attempt
    }

    fn record(
        &self,
        job: &Job,
        attempt: u32,
        outcome: DeliveryOutcome,
        body: Bytes,
        headers: HeaderMap,
    ) {
        let Ok(event) = WebhookEvent::parse(&body) else {
            tracing::error!("the sandbox made a webhook body it cannot decode");
            return;
        };
        let delivery = Delivery {
            url: job.url.clone(),
            attempt,
            outcome,
            event,
            body,
            headers,
        };
        {
            let mut log = self.log();
            if log.recorded.len() >= self.settings.max_items {
                log.recorded.pop_front();
            }
            log.recorded.push_back(delivery);
        }
        self.count.send_modify(|count| *count += 1);
    }

    /// The deliveries recorded so far, oldest first.
    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        self.log().recorded.iter().cloned().collect()
    }

    /// Waits until `n` deliveries have been recorded in all, or `timeout` has passed.
    pub(crate) async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Delivery> {
        let mut count = self.count.subscribe();
        let _ = tokio::time::timeout(timeout, count.wait_for(|c| *c >= n)).await;
        self.deliveries()
    }

    /// Stops every pending attempt.
    pub(crate) fn stop(&self) {
        self.stop.send_replace(true);
    }

    fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Deliverer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deliverer")
            .field("public_key", &self.public_key)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// One event on its way to one URL.
struct Job {
    id: Uuid,
    url: String,
    /// The `data` object, rendered once.
    data: String,
}

impl Job {
    /// The body of attempt `attempt` and its signed headers.
    fn signed(&self, signer: &Signer, attempt: u32) -> (Bytes, HeaderMap) {
        let url = serde_json::to_string(&self.url).unwrap_or_else(|_| "null".into());
        let body = format!(
            r#"{{"data":{},"meta":{{"attempt":{attempt},"delivered_to":{url}}}}}"#,
            self.data
        );
        let headers = signer.headers(body.as_bytes(), SystemTime::now());
        (Bytes::from(body), headers)
    }
}

/// Where to send a delivery for `url`: loopback hosts only (a literal 127.0.0.0/8 or `[::1]`
/// address, or `localhost`, sent to 127.0.0.1 without a DNS lookup) unless `any_host`.
fn destination(url: &str, any_host: bool) -> Result<reqwest::Url, String> {
    let mut parsed =
        reqwest::Url::parse(url).map_err(|e| format!("{url:?} is not an absolute URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("{url:?} is not an http or https URL"));
    }
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if literal.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()) {
        return Ok(parsed);
    }
    if host.eq_ignore_ascii_case("localhost") {
        parsed
            .set_host(Some("127.0.0.1"))
            .map_err(|e| format!("{url:?}: {e}"))?;
        return Ok(parsed);
    }
    if any_host {
        return Ok(parsed);
    }
    Err(format!(
        "{host} is not a loopback host: the sandbox delivers only to 127.0.0.0/8, [::1] and \
         localhost unless deliver_to_any_host is set"
    ))
}

/// The delivery client: no redirects followed, no proxy, 2 s per attempt.
fn delivery_client() -> Result<reqwest::Client, String> {
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(ATTEMPT_TIMEOUT)
        .connect_timeout(ATTEMPT_TIMEOUT);
    crate::runtime::tls::configure(builder)
        .map_err(|e| format!("could not set up TLS: {e}"))?
        .build()
        .map_err(|e| format!("could not set up HTTP: {e}"))
}

/// An error with its sources, as one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{CreatePortingOrder, UpdatePortingOrder};
    use crate::prelude::*;
    use crate::sandbox::{MockResponse, MockServer, Sandbox};

    /// A delivery end to end, in this crate's own test run too (so the ring-only build sends
    /// one through its TLS set-up).
    #[tokio::test]
    async fn a_status_change_is_delivered_signed() {
        let receiver = MockServer::start().await.unwrap();
        receiver.enqueue(MockResponse::new(200));
        let sandbox = Sandbox::builder()
            .webhook_key_seed([1; 32])
            .start()
            .await
            .unwrap();
        let client = sandbox.client().unwrap();
        let orders = client.porting_orders();
        let created = orders
            .create(&CreatePortingOrder::new(["+13035550000"]))
            .await
            .unwrap();
        let id = created.data[0].id.unwrap();
        let url = format!(
            "http://localhost:{}/hook",
            receiver.url().rsplit(':').next().unwrap()
        );
        orders
            .update(id, &UpdatePortingOrder::new().webhook_url(&url))
            .await
            .unwrap();
        super::super::tests_stateful::Conn::open(&sandbox)
            .await
            .fill(&id.to_string())
            .await;
        orders.actions().confirm(id).await.unwrap();
        let deliveries = sandbox
            .wait_for_deliveries(1, Duration::from_secs(20))
            .await;
        assert_eq!(deliveries.len(), 1, "{deliveries:?}");
        assert_eq!(deliveries[0].status(), Some(200));
        assert_eq!(deliveries[0].url(), url);
        let request = &receiver.requests()[0];
        assert_eq!(request.path, "/hook");
        let verifier = Signer::from_seed([1; 32]).unwrap().verifier();
        let event = verifier
            .verify(deliveries[0].headers(), &request.body)
            .unwrap();
        assert_eq!(event.event_type(), "porting_order.status_changed");
        assert_eq!(event.attempt(), Some(1));
        assert_eq!(event.delivered_to(), Some(url.as_str()));
    }

    #[test]
    fn only_loopback_hosts_unless_any_host() {
        for url in [
            "http://127.0.0.1:9/hook",
            "http://127.1.2.3/hook",
            "https://[::1]:8443/hook",
        ] {
            assert_eq!(destination(url, false).unwrap().as_str(), url);
        }
        let local = destination("http://LOCALHOST:8080/a?b=c", false).unwrap();
        assert_eq!(local.as_str(), "http://127.0.0.1:8080/a?b=c");
        for url in [
            "https://example.com/hook",
            "http://10.0.0.1/hook",
            "http://[::2]/hook",
            "http://localhost.example.com/",
            "http://127.0.0.1.nip.io/",
        ] {
            let reason = destination(url, false).unwrap_err();
            assert!(reason.contains("not a loopback host"), "{url}: {reason}");
            assert!(destination(url, true).is_ok(), "{url}");
        }
        for url in ["ftp://127.0.0.1/", "/relative", "mailto:a@127.0.0.1"] {
            assert!(destination(url, true).is_err(), "{url}");
        }
    }
}
