//! Steps 1 to 7: [`PortingJob::check`] and [`PortingJob::prepare`].

use std::collections::{BTreeMap, HashMap, HashSet};

use time::OffsetDateTime;
use uuid::Uuid;

use super::builder::{PortingJob, RequirementValue};
use super::error::{JobError, Step};
use super::input::DocumentSource;
use super::missing::{choose_foc, missing_of, refuses_foc};
use super::report::{
    DocumentKind, Missing, NumberCheck, OrderReport, PortabilityReport, Prepared, SkippedNumber,
    UploadedDocument,
};
use crate::Client;
use crate::models::{
    ListPortingOrdersQuery, ListRequirementsQuery, PortingOrder, PortingOrderId,
    PortingOrderStatusValue, PortingOrdersFilter, PostPortabilityCheck, UpdatePortingOrder,
    UpdatePortingOrderDocuments, UpdatePortingOrderRequirement,
};
use crate::prelude::*;

/// The largest page the list endpoints give.
const PAGE_SIZE: u64 = 250;

impl PortingJob {
    /// Step 1 alone, a dry run: checks the numbers' portability
    /// (`POST /portability_checks`) and changes nothing.
    ///
    /// # Errors
    ///
    /// A [`JobError`] at [`Step::Check`] when the call fails.
    pub async fn check(&self, client: &Client) -> Result<PortabilityReport, JobError> {
        let report = &self.reporter;
        report.started(Step::Check, self.numbers.len());
        let checked = check_numbers(client, &self.numbers).await?;
        report.advanced(Step::Check, None, self.numbers.len(), self.numbers.len());
        report.finished(Step::Check);
        Ok(checked)
    }

    /// Steps 1 to 7: checks the numbers, finds the orders of earlier runs, creates drafts for
    /// the rest, uploads the documents, fills every draft in and reads what each still
    /// lacks. Nothing is submitted: review [`Prepared::orders`], then
    /// [`submit`](Prepared::submit).
    ///
    /// When no number is portable, only the check and the look-up of earlier orders are sent,
    /// and [`Prepared::orders`] is empty (unless earlier runs left orders).
    ///
    /// # Errors
    ///
    /// A [`JobError`] naming the step and, when the call was about one, the order. What the
    /// steps before it did stays done; running the job again continues from there (see
    /// [the rerun rule](super#reruns)).
    pub async fn prepare(&self, client: &Client) -> Result<Prepared, JobError> {
        let portability = self.check(client).await?;
        let portable: Vec<&str> = portability
            .portable()
            .map(|n| n.phone_number.as_str())
            .collect();

        let found = self.find_orders(client, &portable).await?;
        let mut orders = found.orders;
        let created = self.create(client, &portable, &found.held).await?;
        orders.extend(created);

        let uploaded = self.upload_documents(client, &orders).await?;
        let mut windows = self.foc_windows(client, &orders).await?;
        self.fill(client, &mut orders, &uploaded, &mut windows)
            .await?;
        let reports = self.requirements(client, orders, &windows).await?;

        Ok(Prepared {
            reference: self.reference.clone(),
            portability,
            orders: reports,
            uploaded: uploaded.list,
            skipped: found.skipped,
            reporter: self.reporter.clone(),
            foc: self.foc,
        })
    }

    /// Step 2: the orders with the job reference.
    async fn find_orders(&self, client: &Client, portable: &[&str]) -> Result<Found, JobError> {
        let report = &self.reporter;
        report.started(Step::FindOrders, portable.len());
        let fail = |e| JobError::new(Step::FindOrders, None, e);
        let query = ListPortingOrdersQuery::new()
            .page_size(PAGE_SIZE)
            .filter_customer_reference(self.reference.clone());
        let listed = client
            .porting_orders()
            .list_all(&query)
            .collect_all()
            .await
            .map_err(fail)?;

        let job_numbers: HashSet<&str> = self.numbers.iter().map(String::as_str).collect();
        let mut found = Found::default();
        let mut truncated = false;
        for order in listed {
            if is_cancelled(&order) {
                continue;
            }
            let id = order.id().map_err(|e| fail(e.into()))?;
            let numbers = numbers_of(&order);
            let count = order.porting_phone_numbers_count.unwrap_or(0);
            truncated |= usize::try_from(count).is_ok_and(|c| c > numbers.len());
            let ours = numbers.iter().all(|n| job_numbers.contains(n.as_str()));
            for number in &numbers {
                if job_numbers.contains(number.as_str()) {
                    found.held.insert(number.clone(), id);
                    if !ours {
                        found.skipped.push(SkippedNumber {
                            phone_number: number.clone(),
                            order: id,
                        });
                    }
                }
            }
            if ours {
                found.orders.push(JobOrder {
                    id,
                    numbers,
                    order,
                    reused: true,
                });
            }
        }
        // Large orders list only their first numbers: look the others up one by one.
        if truncated {
            for number in portable {
                if found.held.contains_key(*number) {
                    continue;
                }
                let query = ListPortingOrdersQuery::new()
                    .page_size(PAGE_SIZE)
                    .filter_customer_reference(self.reference.clone())
                    .filter(PortingOrdersFilter::new().phone_number_contains(*number));
                let page = client.porting_orders().list(&query).await.map_err(fail)?;
                // `contains` also matches longer numbers: an order that lists all its numbers
                // holds this one only if it lists it; one that lists only some may hold it,
                // and is taken to (never a second order for a number).
                let holds = |o: &PortingOrder| {
                    let listed = numbers_of(o);
                    listed.iter().any(|n| n == number)
                        || o.porting_phone_numbers_count
                            .and_then(|c| usize::try_from(c).ok())
                            .is_some_and(|c| c > listed.len())
                };
                if let Some(holder) = page.iter().find(|o| !is_cancelled(o) && holds(o)) {
                    let id = holder.id().map_err(|e| fail(e.into()))?;
                    found.held.insert((*number).to_owned(), id);
                    match found.orders.iter_mut().find(|o| o.id == id) {
                        Some(order) => order.numbers.push((*number).to_owned()),
                        None => found.skipped.push(SkippedNumber {
                            phone_number: (*number).to_owned(),
                            order: id,
                        }),
                    }
                }
            }
        }
        for order in &mut found.orders {
            order.numbers.sort_unstable();
            order.numbers.dedup();
        }
        // The API lists newest first: oldest first here, as created.
        found.orders.sort_by_key(|o| (o.order.created_at, o.id));
        let held = portable
            .iter()
            .filter(|n| found.held.contains_key(**n))
            .count();
        if !portable.is_empty() {
            report.advanced(Step::FindOrders, None, held, portable.len());
        }
        report.finished(Step::FindOrders);
        Ok(found)
    }

    /// Step 3: drafts for the portable numbers no order holds.
    async fn create(
        &self,
        client: &Client,
        portable: &[&str],
        held: &HashMap<String, PortingOrderId>,
    ) -> Result<Vec<JobOrder>, JobError> {
        let report = &self.reporter;
        let to_send: Vec<&str> = portable
            .iter()
            .copied()
            .filter(|n| !held.contains_key(*n))
            .collect();
        report.started(Step::Create, to_send.len());
        if to_send.is_empty() {
            report.finished(Step::Create);
            return Ok(Vec::new());
        }
        let fail = |e| JobError::new(Step::Create, None, e);
        let request = crate::models::CreatePortingOrder::new(to_send.iter().copied())
            .customer_reference(self.reference.clone());
        let created = client
            .porting_orders()
            .create(&request)
            .await
            .map_err(fail)?;
        let mut orders = Vec::with_capacity(created.data.len());
        for order in created.data {
            let id = order.id().map_err(|e| fail(e.into()))?;
            let mut numbers = numbers_of(&order);
            numbers.sort_unstable();
            orders.push(JobOrder {
                id,
                numbers,
                order,
                reused: false,
            });
        }
        report.advanced(Step::Create, None, to_send.len(), to_send.len());
        report.finished(Step::Create);
        Ok(orders)
    }

    /// Step 4: the documents some draft still lacks, each uploaded once.
    async fn upload_documents(
        &self,
        client: &Client,
        orders: &[JobOrder],
    ) -> Result<Uploads, JobError> {
        let report = &self.reporter;
        let drafts: Vec<&JobOrder> = orders.iter().filter(|o| is_draft(&o.order)).collect();
        let docs = |o: &&JobOrder| o.order.documents.clone().unwrap_or_default();
        let need_loa = drafts.iter().any(|o| docs(o).loa.is_none());
        let need_invoice = drafts.iter().any(|o| docs(o).invoice.is_none());
        let wanted = self.wanted_requirement_documents(&drafts);

        let mut todo: Vec<(Slot, &DocumentSource)> = Vec::new();
        if need_loa {
            todo.push((Slot::Kind(DocumentKind::Loa), &self.loa));
        }
        if need_invoice {
            todo.push((Slot::Kind(DocumentKind::Invoice), &self.invoice));
        }
        for i in wanted {
            if let RequirementValue::Document(source) = &self.requirements[i].1 {
                todo.push((Slot::Requirement(i), source));
            }
        }
        let uploads_needed = todo
            .iter()
            .filter(|(_, s)| s.uploaded_id().is_none())
            .count();
        report.started(Step::UploadDocuments, uploads_needed);
        let mut uploads = Uploads::default();
        let mut done = 0;
        for (slot, source) in todo {
            let id = match source.uploaded_id() {
                Some(id) => id,
                None => {
                    let fail = |e| JobError::new(Step::UploadDocuments, None, e);
                    let Some(request) = source.upload_request().map_err(fail)? else {
                        continue;
                    };
                    let answer = client.documents().upload(&request).await.map_err(fail)?;
                    let id = answer.data.id.ok_or_else(|| {
                        fail(crate::MissingField::new("DocServiceDocument", "id").into())
                    })?;
                    done += 1;
                    report.advanced(Step::UploadDocuments, None, done, uploads_needed);
                    let (kind, requirement_type_id) = match slot {
                        Slot::Kind(kind) => (kind, None),
                        Slot::Requirement(i) => (
                            DocumentKind::Requirement,
                            Some(self.requirements[i].0.clone()),
                        ),
                    };
                    uploads.list.push(UploadedDocument {
                        kind,
                        requirement_type_id,
                        id,
                        filename: source.filename().map(str::to_owned),
                    });
                    id
                }
            };
            match slot {
                Slot::Kind(DocumentKind::Loa) => uploads.loa = Some(id),
                Slot::Kind(DocumentKind::Invoice) => uploads.invoice = Some(id),
                Slot::Kind(DocumentKind::Requirement) => {}
                Slot::Requirement(i) => {
                    uploads.requirements.insert(i, id);
                }
            }
        }
        report.finished(Step::UploadDocuments);
        Ok(uploads)
    }

    /// The indexes of the document-valued requirements some draft lists.
    fn wanted_requirement_documents(&self, drafts: &[&JobOrder]) -> Vec<usize> {
        (0..self.requirements.len())
            .filter(|&i| {
                let (type_id, value) = &self.requirements[i];
                matches!(value, RequirementValue::Document(_))
                    && drafts.iter().any(|o| lists_requirement(&o.order, type_id))
            })
            .collect()
    }

    /// Step 5: each draft's allowed FOC windows, and the date chosen from them.
    async fn foc_windows(
        &self,
        client: &Client,
        orders: &[JobOrder],
    ) -> Result<HashMap<PortingOrderId, Result<OffsetDateTime, Missing>>, JobError> {
        let report = &self.reporter;
        let drafts: Vec<&JobOrder> = orders.iter().filter(|o| is_draft(&o.order)).collect();
        report.started(Step::FocWindows, drafts.len());
        let mut chosen = HashMap::with_capacity(drafts.len());
        let now = OffsetDateTime::now_utc();
        for (i, order) in drafts.iter().enumerate() {
            let windows = client
                .porting_orders()
                .allowed_foc_windows(order.id)
                .await
                .map_err(|e| JobError::new(Step::FocWindows, Some(order.id), e))?;
            chosen.insert(order.id, choose_foc(self.foc, &windows.data, now));
            report.advanced(Step::FocWindows, Some(order.id), i + 1, drafts.len());
        }
        report.finished(Step::FocWindows);
        Ok(chosen)
    }

    /// Step 6: one PATCH per draft.
    async fn fill(
        &self,
        client: &Client,
        orders: &mut [JobOrder],
        uploads: &Uploads,
        windows: &mut HashMap<PortingOrderId, Result<OffsetDateTime, Missing>>,
    ) -> Result<(), JobError> {
        let report = &self.reporter;
        let total = orders.iter().filter(|o| is_draft(&o.order)).count();
        report.started(Step::Fill, total);
        let mut done = 0;
        for order in orders.iter_mut().filter(|o| is_draft(&o.order)) {
            let update = self.update_for(order, uploads, windows.get(&order.id));
            let answer = match client.porting_orders().update(order.id, &update).await {
                Ok(answer) => answer,
                // The windows moved between reading them and the PATCH (they are computed
                // from the current day): read them again and choose once more, once.
                Err(e) if refuses_foc(&e) => {
                    let fresh = client
                        .porting_orders()
                        .allowed_foc_windows(order.id)
                        .await
                        .map_err(|e| JobError::new(Step::FocWindows, Some(order.id), e))?;
                    let when = choose_foc(self.foc, &fresh.data, OffsetDateTime::now_utc());
                    windows.insert(order.id, when);
                    let update = self.update_for(order, uploads, windows.get(&order.id));
                    client
                        .porting_orders()
                        .update(order.id, &update)
                        .await
                        .map_err(|e| JobError::new(Step::Fill, Some(order.id), e))?
                }
                Err(e) => return Err(JobError::new(Step::Fill, Some(order.id), e)),
            };
            order.order = answer.data;
            done += 1;
            report.advanced(Step::Fill, Some(order.id), done, total);
        }
        report.finished(Step::Fill);
        Ok(())
    }

    /// The PATCH of one draft.
    fn update_for(
        &self,
        order: &JobOrder,
        uploads: &Uploads,
        foc: Option<&Result<OffsetDateTime, Missing>>,
    ) -> UpdatePortingOrder {
        let mut update = self.fill_request();
        let current = order.order.documents.clone().unwrap_or_default();
        let mut documents = UpdatePortingOrderDocuments::new();
        let mut any_document = false;
        if current.loa.is_none()
            && let Some(id) = uploads.loa
        {
            documents = documents.loa(id);
            any_document = true;
        }
        if current.invoice.is_none()
            && let Some(id) = uploads.invoice
        {
            documents = documents.invoice(id);
            any_document = true;
        }
        if any_document {
            update = update.documents(documents);
        }
        if let Some(Ok(when)) = foc {
            update = update.foc_datetime_requested(*when);
        }
        let values: Vec<UpdatePortingOrderRequirement> = self
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, (type_id, _))| lists_requirement(&order.order, type_id))
            .filter_map(|(i, (type_id, value))| {
                let value = match value {
                    RequirementValue::Text(text) => text.trim().to_owned(),
                    RequirementValue::Document(_) => uploads.requirements.get(&i)?.to_string(),
                };
                Some(UpdatePortingOrderRequirement::new(type_id.as_str(), value))
            })
            .collect();
        if !values.is_empty() {
            update = update.requirements(values);
        }
        update
    }

    /// Step 7: each draft's requirements, and what it lacks.
    async fn requirements(
        &self,
        client: &Client,
        orders: Vec<JobOrder>,
        windows: &HashMap<PortingOrderId, Result<OffsetDateTime, Missing>>,
    ) -> Result<Vec<OrderReport>, JobError> {
        let report = &self.reporter;
        let total = orders.iter().filter(|o| is_draft(&o.order)).count();
        report.started(Step::Requirements, total);
        let mut reports = Vec::with_capacity(orders.len());
        let mut done = 0;
        for order in orders {
            let mut missing = Vec::new();
            if is_draft(&order.order) {
                let query = ListRequirementsQuery::new().page_size(PAGE_SIZE);
                let details = client
                    .porting_orders()
                    .requirements_all(order.id, &query)
                    .collect_all()
                    .await
                    .map_err(|e| JobError::new(Step::Requirements, Some(order.id), e))?;
                let foc = windows.get(&order.id).and_then(|w| w.as_ref().err());
                missing = missing_of(&order.order, &details, foc);
                done += 1;
                report.advanced(Step::Requirements, Some(order.id), done, total);
            }
            reports.push(OrderReport {
                id: order.id,
                phone_numbers: order.numbers,
                status: order.order.status_value().cloned(),
                requirements_met: order.order.requirements_met,
                foc_datetime_requested: order
                    .order
                    .activation_settings
                    .as_ref()
                    .and_then(|a| a.foc_datetime_requested),
                missing,
                reused: order.reused,
                order: order.order,
            });
        }
        report.finished(Step::Requirements);
        Ok(reports)
    }
}

/// Step 1's call: one result per number, in the job's order.
async fn check_numbers(client: &Client, numbers: &[String]) -> Result<PortabilityReport, JobError> {
    let answer = client
        .portability_checks()
        .run(&PostPortabilityCheck::new(numbers.iter().cloned()))
        .await
        .map_err(|e| JobError::new(Step::Check, None, e))?;
    let by_number: BTreeMap<&str, _> = answer
        .data
        .iter()
        .filter_map(|r| Some((r.phone_number.as_deref()?, r)))
        .collect();
    let numbers = numbers
        .iter()
        .map(|number| match by_number.get(number.as_str()) {
            Some(result) => {
                let portable = result.portable.unwrap_or(false);
                NumberCheck {
                    phone_number: number.clone(),
                    portable,
                    fast_portable: result.fast_portable.unwrap_or(false),
                    not_portable_reason: if portable {
                        None
                    } else {
                        Some(
                            result
                                .not_portable_reason
                                .clone()
                                .filter(|r| !r.is_empty())
                                .unwrap_or_else(|| "not portable (no reason given)".to_owned()),
                        )
                    },
                }
            }
            None => NumberCheck {
                phone_number: number.clone(),
                portable: false,
                fast_portable: false,
                not_portable_reason: Some(
                    "the portability check's answer left this number out".to_owned(),
                ),
            },
        })
        .collect();
    Ok(PortabilityReport { numbers })
}

/// An order of the job while it is being prepared.
struct JobOrder {
    id: PortingOrderId,
    numbers: Vec<String>,
    order: PortingOrder,
    reused: bool,
}

/// What step 2 found.
#[derive(Default)]
struct Found {
    orders: Vec<JobOrder>,
    /// Each number of the job some order holds, and that order.
    held: HashMap<String, PortingOrderId>,
    skipped: Vec<SkippedNumber>,
}

/// What step 4 uploaded (or was given as uploaded).
#[derive(Default)]
struct Uploads {
    loa: Option<Uuid>,
    invoice: Option<Uuid>,
    /// By index into the job's requirements.
    requirements: HashMap<usize, Uuid>,
    list: Vec<UploadedDocument>,
}

/// Where an upload goes.
#[derive(Clone, Copy)]
enum Slot {
    Kind(DocumentKind),
    Requirement(usize),
}

fn numbers_of(order: &PortingOrder) -> Vec<String> {
    order
        .porting_phone_numbers()
        .iter()
        .filter_map(|n| n.phone_number.clone())
        .collect()
}

fn is_draft(order: &PortingOrder) -> bool {
    matches!(order.status_value(), Some(PortingOrderStatusValue::Draft))
}

fn is_cancelled(order: &PortingOrder) -> bool {
    matches!(
        order.status_value(),
        Some(PortingOrderStatusValue::Cancelled)
    )
}

fn lists_requirement(order: &PortingOrder, type_id: &str) -> bool {
    order
        .requirements
        .iter()
        .flatten()
        .any(|r| r.requirement_type_id.as_deref() == Some(type_id))
}
