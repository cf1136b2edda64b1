//! [`PortingJobBuilder`] → [`PortingJob`]: the input, checked once before any call.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use super::input::{DocumentSource, EndUser, FocDate};
use super::progress::{Progress, Reporter};
use super::report::PortabilityReport;
use crate::models::{CreatePortingOrder, UpdatePortingOrder, is_e164};
use crate::{Error, Result};

/// A porting job: the numbers to move and everything their orders need. Made by
/// [`PortingJob::builder`]; run with [`check`](PortingJob::check),
/// [`prepare`](PortingJob::prepare) and then [`Prepared::submit`](super::Prepared::submit).
///
/// A job holds no connection and no state of its own: it can be run (again) with any
/// [`Client`](crate::Client), and cloned.
#[derive(Clone)]
pub struct PortingJob {
    pub(crate) numbers: Vec<String>,
    pub(crate) end_user: EndUser,
    pub(crate) loa: DocumentSource,
    pub(crate) invoice: DocumentSource,
    pub(crate) foc: FocDate,
    pub(crate) webhook_url: Option<String>,
    pub(crate) reference: String,
    pub(crate) requirements: Vec<(String, RequirementValue)>,
    pub(crate) reporter: Reporter,
}

/// The value of an order requirement (`requirements[].field_value`), given with
/// [`PortingJobBuilder::requirement`]: text, or a document uploaded by the job (once per run,
/// like the LOA).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequirementValue {
    /// A text value.
    Text(String),
    /// A document: its id becomes the value.
    Document(DocumentSource),
}

impl From<&str> for RequirementValue {
    fn from(value: &str) -> Self {
        RequirementValue::Text(value.to_owned())
    }
}

impl From<String> for RequirementValue {
    fn from(value: String) -> Self {
        RequirementValue::Text(value)
    }
}

impl From<DocumentSource> for RequirementValue {
    fn from(value: DocumentSource) -> Self {
        RequirementValue::Document(value)
    }
}

/// Builds a [`PortingJob`]; [`build`](Self::build) checks everything before any call is
/// made.
///
/// Required: [`phone_numbers`](Self::phone_numbers), [`end_user`](Self::end_user),
/// [`loa`](Self::loa) and [`invoice`](Self::invoice). The FOC date defaults to
/// [`FocDate::Earliest`].
#[derive(Default)]
#[must_use]
pub struct PortingJobBuilder {
    numbers: Vec<String>,
    end_user: Option<EndUser>,
    loa: Option<DocumentSource>,
    invoice: Option<DocumentSource>,
    foc: FocDate,
    webhook_url: Option<String>,
    customer_reference: Option<String>,
    requirements: Vec<(String, RequirementValue)>,
    reporter: Reporter,
}

impl PortingJob {
    /// A builder with nothing set.
    pub fn builder() -> PortingJobBuilder {
        PortingJobBuilder::default()
    }

    /// The numbers of the job, +E.164, in the order given.
    pub fn phone_numbers(&self) -> &[String] {
        &self.numbers
    }

    /// The job reference: the `customer_reference` of every order of the job, by which a rerun
    /// finds them (see [the rerun rule](super#reruns)).
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The end user.
    pub fn end_user(&self) -> &EndUser {
        &self.end_user
    }

    /// The requested FOC date.
    pub fn foc(&self) -> FocDate {
        self.foc
    }

    /// The LOA.
    pub fn loa(&self) -> &DocumentSource {
        &self.loa
    }

    /// The invoice.
    pub fn invoice(&self) -> &DocumentSource {
        &self.invoice
    }

    /// The webhook URL, when given.
    pub fn webhook_url(&self) -> Option<&str> {
        self.webhook_url.as_deref()
    }

    /// The `POST /porting_orders` body a first run sends for `report`'s portable numbers (a
    /// rerun sends only those no order holds yet). For a dry run: what would be sent.
    pub fn create_request(&self, report: &PortabilityReport) -> CreatePortingOrder {
        CreatePortingOrder::new(report.portable().map(|n| n.phone_number.clone()))
            .customer_reference(self.reference.clone())
    }

    /// The part of each draft's `PATCH /porting_orders/{id}` that is the same for every
    /// order: the end user and the webhook URL. Each order's PATCH adds the document ids,
    /// the FOC date chosen from its windows and its requirement values. For a dry run.
    pub fn fill_request(&self) -> UpdatePortingOrder {
        let mut update = UpdatePortingOrder::new().end_user(self.end_user.to_update());
        if let Some(url) = &self.webhook_url {
            update = update.webhook_url(url.clone());
        }
        update
    }
}

/// The numbers, the reference, the FOC choice, the webhook URL; documents by path or
/// filename; the end user without its PIN.
impl fmt::Debug for PortingJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortingJob")
            .field("numbers", &self.numbers)
            .field("reference", &self.reference)
            .field("end_user", &self.end_user)
            .field("loa", &self.loa)
            .field("invoice", &self.invoice)
            .field("foc", &self.foc)
            .field("webhook_url", &self.webhook_url)
            .field("requirements", &self.requirements)
            .field("on_progress", &self.reporter)
            .finish()
    }
}

impl PortingJobBuilder {
    /// Adds numbers to port, each +E.164 (`+13035550000`). Call it again to add more.
    pub fn phone_numbers<I, S>(mut self, numbers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.numbers.extend(numbers.into_iter().map(Into::into));
        self
    }

    /// Sets the end user (required).
    pub fn end_user(mut self, end_user: EndUser) -> Self {
        self.end_user = Some(end_user);
        self
    }

    /// Sets the letter of authorization (required), signed by the authorized person.
    pub fn loa(mut self, loa: DocumentSource) -> Self {
        self.loa = Some(loa);
        self
    }

    /// Sets the invoice (required): a recent bill from the losing carrier.
    pub fn invoice(mut self, invoice: DocumentSource) -> Self {
        self.invoice = Some(invoice);
        self
    }

    /// Sets the requested FOC date ([`FocDate::Earliest`] when not set).
    pub fn foc(mut self, foc: FocDate) -> Self {
        self.foc = foc;
        self
    }

    /// Sets the URL the orders' webhooks go to: an absolute `http` or `https` URL.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// Sets the job reference, sent as every order's `customer_reference` and used to find
    /// the orders again on a rerun. When not set, one is derived from the numbers.
    pub fn customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.customer_reference = Some(reference.into());
        self
    }

    /// Gives a value for the requirement type `requirement_type_id` (see
    /// `GET /porting_orders/{id}/requirements`): text, or a [`DocumentSource`]. It is sent to
    /// each draft that lists this requirement type, and to no other.
    pub fn requirement(
        mut self,
        requirement_type_id: impl Into<String>,
        value: impl Into<RequirementValue>,
    ) -> Self {
        self.requirements
            .push((requirement_type_id.into(), value.into()));
        self
    }

    /// Calls `callback` with each [`Progress`] event, on the task running the job, as it
    /// happens. Keep it quick: the job waits for it.
    pub fn on_progress(mut self, callback: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.reporter = Reporter(Some(Arc::new(callback)));
        self
    }

    /// Checks the input and makes the job. Nothing is sent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for the first problem, naming the field: `phone_numbers`
    /// (none given), `phone_numbers[i]` (not +E.164, or given twice), `end_user` (not set) or
    /// `end_user.<field>`, `loa` / `invoice` (not set, not a file, empty),
    /// `webhook_url` (not an absolute http(s) URL), `customer_reference` (empty),
    /// `requirements[i]` (an empty type id or value, or a bad document).
    pub fn build(self) -> Result<PortingJob> {
        if self.numbers.is_empty() {
            return Err(Error::invalid_input(
                "phone_numbers",
                "[]",
                "must hold at least one phone number",
            ));
        }
        let mut seen = HashSet::with_capacity(self.numbers.len());
        let mut numbers = Vec::with_capacity(self.numbers.len());
        for (i, number) in self.numbers.iter().enumerate() {
            let number = number.trim();
            if !is_e164(number) {
                return Err(Error::invalid_input(
                    format!("phone_numbers[{i}]"),
                    number,
                    "is not a +E.164 number: write '+', then 1 to 15 digits, the first not 0 \
                     (e.g. +13035550000)",
                ));
            }
            if !seen.insert(number) {
                return Err(Error::invalid_input(
                    format!("phone_numbers[{i}]"),
                    number,
                    "is given twice: list each number once",
                ));
            }
            numbers.push(number.to_owned());
        }
        let end_user = self.end_user.ok_or_else(|| {
            Error::invalid_input("end_user", "", "is required: set it with .end_user(..)")
        })?;
        end_user.validate()?;
        let loa = self
            .loa
            .ok_or_else(|| Error::invalid_input("loa", "", "is required: set it with .loa(..)"))?;
        loa.validate("loa")?;
        let invoice = self.invoice.ok_or_else(|| {
            Error::invalid_input("invoice", "", "is required: set it with .invoice(..)")
        })?;
        invoice.validate("invoice")?;
        let webhook_url = match self.webhook_url {
            Some(url) => Some(check_webhook_url(url.trim())?),
            None => None,
        };
        for (i, (type_id, value)) in self.requirements.iter().enumerate() {
            let field = format!("requirements[{i}]");
            if type_id.trim().is_empty() {
                return Err(Error::invalid_input(
                    field,
                    type_id.as_str(),
                    "has an empty requirement type id",
                ));
            }
            match value {
                RequirementValue::Text(text) if text.trim().is_empty() => {
                    return Err(Error::invalid_input(field, "", "has an empty value"));
                }
                RequirementValue::Text(_) => {}
                RequirementValue::Document(document) => document.validate(&field)?,
            }
        }
        let reference = match self.customer_reference {
            Some(reference) if reference.trim().is_empty() => {
                return Err(Error::invalid_input(
                    "customer_reference",
                    reference,
                    "is empty: leave it unset to have one derived from the numbers",
                ));
            }
            Some(reference) => reference.trim().to_owned(),
            None => derived_reference(&numbers),
        };
        Ok(PortingJob {
            numbers,
            end_user,
            loa,
            invoice,
            foc: self.foc,
            webhook_url,
            reference,
            requirements: self.requirements,
            reporter: self.reporter,
        })
    }
}

impl fmt::Debug for PortingJobBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortingJobBuilder")
            .field("numbers", &self.numbers)
            .field("end_user", &self.end_user)
            .field("loa", &self.loa)
            .field("invoice", &self.invoice)
            .field("foc", &self.foc)
            .field("webhook_url", &self.webhook_url)
            .field("customer_reference", &self.customer_reference)
            .field("on_progress", &self.reporter)
            .finish()
    }
}

/// An absolute `http(s)` URL with a host.
fn check_webhook_url(url: &str) -> Result<String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        Error::invalid_input(
            "webhook_url",
            url,
            format!("is not an absolute URL ({e}): write e.g. https://example.com/webhooks"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::invalid_input(
            "webhook_url",
            url,
            "is not an http(s) URL with a host: write e.g. https://example.com/webhooks",
        ));
    }
    Ok(url.to_owned())
}

/// `job-` and the 64-bit FNV-1a hash of the sorted numbers joined by `,`, in hex: stable
/// across runs, platforms and releases (unlike `std`'s hashers).
fn derived_reference(numbers: &[String]) -> String {
    let mut sorted: Vec<&str> = numbers.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, number) in sorted.iter().enumerate() {
        if i > 0 {
            hash = fnv_byte(hash, b',');
        }
        for &b in number.as_bytes() {
            hash = fnv_byte(hash, b);
        }
    }
    format!("job-{hash:016x}")
}

fn fnv_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}
