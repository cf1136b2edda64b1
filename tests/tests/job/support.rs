//! Shared by the job tests: a hook that records each call and aborts the nth, a sandbox, a
//! client through the hook, the job's end user and documents.

use std::sync::{Arc, Mutex, PoisonError};

use telnyx_porting::job::{DocumentSource, EndUser, PortingJob, PortingJobBuilder};
use telnyx_porting::models::{PortingOrder, PortingOrderStatusValue};
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::{Aborted, Client, Hook, HookRequest};

pub const LOA: &[u8] = b"%PDF-1.4\n% letter of authorization\n%%EOF\n";
pub const INVOICE: &[u8] = b"%PDF-1.4\n% invoice\n%%EOF\n";

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One call as the client sent it: operation, method, path and query, body.
#[derive(Debug, Clone)]
pub struct Sent {
    pub name: &'static str,
    pub method: &'static str,
    pub url: String,
    pub body: Option<serde_json::Value>,
}

/// Records every call (first attempts) and aborts the `abort_at`-th one (from 1), if set.
#[derive(Default)]
pub struct Tap {
    pub sent: Mutex<Vec<Sent>>,
    pub abort_at: Option<usize>,
}

impl Hook for Tap {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        if request.attempt() > 1 {
            return Ok(());
        }
        let mut sent = lock(&self.sent);
        let n = sent.len() + 1;
        let url = request.url();
        let path = url.path().trim_start_matches("/v2").to_owned();
        sent.push(Sent {
            name: request.endpoint().name(),
            method: request.method().as_str(),
            url: match url.query() {
                Some(q) => format!("{path}?{q}"),
                None => path,
            },
            body: request.body().and_then(|b| serde_json::from_slice(b).ok()),
        });
        if self.abort_at == Some(n) {
            return Err(Aborted::new(format!("test: call {n} aborted")));
        }
        Ok(())
    }
}

impl Tap {
    pub fn sent(&self) -> Vec<Sent> {
        lock(&self.sent).clone()
    }
}

pub fn client_with(sandbox: &Sandbox, tap: &Arc<Tap>) -> Client {
    Client::builder()
        .api_key("KEY-job-test")
        .base_url(sandbox.base_url())
        .max_retries(0)
        .hook(Arc::clone(tap))
        .build()
        .unwrap_or_else(|e| panic!("cannot build the client: {e}"))
}

pub async fn sandbox() -> Sandbox {
    Sandbox::start()
        .await
        .unwrap_or_else(|e| panic!("cannot start the sandbox: {e}"))
}

pub fn end_user() -> EndUser {
    EndUser::new()
        .entity_name("Porter McPortersen")
        .auth_person_name("Porter McPortersen II")
        .billing_phone_number("+13035550000")
        .account_number("123abc")
        .pin_passcode("1234")
        .street_address("600 Congress Avenue")
        .extended_address("14th Floor")
        .locality("Austin")
        .administrative_area("TX")
        .postal_code("78701")
        .country_code("US")
}

pub fn job(numbers: &[&str]) -> PortingJobBuilder {
    PortingJob::builder()
        .phone_numbers(numbers.iter().copied())
        .end_user(end_user())
        .loa(DocumentSource::bytes("loa.pdf", LOA))
        .invoice(DocumentSource::bytes("invoice.pdf", INVOICE))
        .webhook_url("https://example.com/porting-webhooks")
}

pub fn built(builder: PortingJobBuilder) -> PortingJob {
    builder
        .build()
        .unwrap_or_else(|e| panic!("the job does not build: {e}"))
}

/// Every number of every order the sandbox holds, and how many times each appears.
pub fn numbers_in(orders: &[PortingOrder]) -> Vec<String> {
    let mut all: Vec<String> = orders
        .iter()
        .flat_map(|o| o.porting_phone_numbers().iter())
        .filter_map(|n| n.phone_number.clone())
        .collect();
    all.sort();
    all
}

pub fn status(order: &PortingOrder) -> Option<&PortingOrderStatusValue> {
    order.status_value()
}

pub const US: [&str; 2] = ["+13035550000", "+13035550001"];
pub const GB: &str = "+442071234567";
/// Never portable in the sandbox (555-0100 to 555-0199 are reserved for fiction).
pub const FICTION: &str = "+13035550123";

/// The sandbox's requirement type "Proof of Address", which German orders need besides the
/// LOA and the invoice.
pub const PROOF_OF_ADDRESS: &str = "a428786a-5dc2-41c0-b0fe-c32df4c1b5e2";
