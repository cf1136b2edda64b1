//! The result of `port`: per order its numbers, status and what is missing, as a table for
//! people or one JSON document, and whether the job was only partly done (exit code 8).

use serde_json::{Value, json};
use telnyx_porting::job::{
    Missing, OrderReport, Prepared, SubmitOutcome, SubmitReport, SubmittedOrder,
};

use crate::errors::CliError;
use crate::output::Printer;

/// What a run did, ready to print.
pub(super) struct Outcome<'a> {
    prepared: &'a Prepared,
    submitted: Option<&'a SubmitReport>,
}

impl<'a> Outcome<'a> {
    pub(super) fn new(prepared: &'a Prepared, submitted: Option<&'a SubmitReport>) -> Self {
        Outcome {
            prepared,
            submitted,
        }
    }

    /// After `--submit`, what happened to `order`.
    fn submitted(&self, order: &OrderReport) -> Option<&'a SubmittedOrder> {
        self.submitted?.orders.iter().find(|s| s.id == order.id)
    }

    /// Why the job is only partly done, if it is: numbers left out, or (with `--submit`)
    /// orders not submitted.
    pub(super) fn partial(&self) -> Option<String> {
        let mut why = Vec::new();
        let not_portable = self.prepared.portability.not_portable().count();
        if not_portable > 0 {
            why.push(format!("{not_portable} number(s) not portable, left out"));
        }
        if !self.prepared.skipped.is_empty() {
            why.push(format!(
                "{} number(s) held by an order outside this job, left out",
                self.prepared.skipped.len()
            ));
        }
        if let Some(report) = self.submitted
            && !report.all_submitted()
        {
            let left = report
                .orders
                .iter()
                .filter(|o| matches!(o.outcome, SubmitOutcome::NotReady | SubmitOutcome::Refused))
                .count();
            why.push(format!(
                "{left} order(s) not submitted: fill in what is missing and run again"
            ));
        }
        (!why.is_empty()).then(|| format!("the job is partly done: {}", why.join("; ")))
    }

    fn order_json(&self, order: &OrderReport) -> Value {
        let submitted = self.submitted(order);
        let status = submitted
            .and_then(|s| s.status.as_ref())
            .or(order.status.as_ref());
        let missing = submitted.map_or(&order.missing, |s| &s.missing);
        let mut value = json!({
            "id": order.id,
            "phone_numbers": order.phone_numbers,
            "status": status,
            "requirements_met": order.requirements_met,
            "foc_datetime_requested": order.foc_datetime_requested.and_then(|at| {
                at.format(&telnyx_porting::time::format_description::well_known::Rfc3339).ok()
            }),
            "missing": missing.iter().map(missing_json).collect::<Vec<_>>(),
            "reused": order.reused,
        });
        if let (Some(s), Value::Object(map)) = (submitted, &mut value) {
            map.insert("submit".into(), json!(s.outcome.as_str()));
        }
        value
    }

    fn json(&self) -> Value {
        let p = self.prepared;
        json!({
            "reference": p.reference,
            "submitted": self.submitted.is_some(),
            "orders": p.orders.iter().map(|o| self.order_json(o)).collect::<Vec<_>>(),
            "not_portable": p.portability.not_portable().map(|n| json!({
                "phone_number": n.phone_number,
                "reason": n.not_portable_reason,
            })).collect::<Vec<_>>(),
            "skipped": p.skipped.iter().map(|s| json!({
                "phone_number": s.phone_number,
                "order": s.order,
            })).collect::<Vec<_>>(),
            "uploaded": p.uploaded.iter().map(|d| json!({
                "kind": d.kind.as_str(),
                "id": d.id,
                "filename": d.filename,
            })).collect::<Vec<_>>(),
        })
    }
}

/// A missing field; a requirement says which flag gives it.
fn missing_json(m: &Missing) -> Value {
    let mut detail = m.detail.clone();
    if m.pointer.starts_with("/requirements") && !detail.contains("--requirement") {
        detail
            .push_str(": give it with --requirement TYPE_ID=VALUE (TYPE_ID=@FILE for a document)");
    }
    json!({"pointer": m.pointer, "detail": detail})
}

/// `+13035550000, +13035550001 (+298 more)`.
fn numbers_cell(numbers: &[String]) -> String {
    match numbers {
        [] => "-".to_owned(),
        [a] => a.clone(),
        [a, b] => format!("{a}, {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} (+{} more)", rest.len()),
    }
}

/// Prints the outcome: a table for people, or one JSON document.
pub(super) fn print(printer: &mut Printer, outcome: &Outcome) -> Result<(), CliError> {
    let value = outcome.json();
    if !printer.is_pretty() {
        return printer.one(&value);
    }
    let orders = value["orders"].as_array().cloned().unwrap_or_default();
    let submit = outcome.submitted.is_some();
    let rows: Vec<Vec<String>> = orders
        .iter()
        .map(|o| {
            let numbers: Vec<String> = o["phone_numbers"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|n| n.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let missing: Vec<&str> = o["missing"]
                .as_array()
                .map(|a| a.iter().filter_map(|m| m["pointer"].as_str()).collect())
                .unwrap_or_default();
            let mut status = o["status"].as_str().unwrap_or("?").to_owned();
            if let Some(s) = o["submit"].as_str() {
                status = format!("{status} ({s})");
            } else if o["reused"] == true {
                status.push_str(" (found again)");
            }
            vec![
                o["id"].as_str().unwrap_or_default().to_owned(),
                numbers_cell(&numbers),
                status,
                if missing.is_empty() {
                    "-".to_owned()
                } else {
                    missing.join(", ")
                },
            ]
        })
        .collect();
    printer.table(&["order", "numbers", "status", "missing"], &rows)?;
    let mut notes = Vec::new();
    for n in value["not_portable"].as_array().into_iter().flatten() {
        notes.push(format!(
            "not portable, left out: {} ({})",
            n["phone_number"].as_str().unwrap_or_default(),
            n["reason"].as_str().unwrap_or("no reason given")
        ));
    }
    for s in value["skipped"].as_array().into_iter().flatten() {
        notes.push(format!(
            "left out: {} is on order {}, which holds numbers outside this job",
            s["phone_number"].as_str().unwrap_or_default(),
            s["order"].as_str().unwrap_or_default()
        ));
    }
    for o in &orders {
        for m in o["missing"].as_array().into_iter().flatten() {
            notes.push(format!(
                "{}: {}: {}",
                o["id"].as_str().unwrap_or_default(),
                m["pointer"].as_str().unwrap_or_default(),
                m["detail"].as_str().unwrap_or_default()
            ));
        }
    }
    let ready = outcome.prepared.ready().count();
    if !submit {
        notes.push(format!(
            "drafts left for review ({ready} of {} ready): run the same command with --submit \
             to confirm the complete ones (job reference {})",
            orders.len(),
            outcome.prepared.reference
        ));
    }
    if !notes.is_empty() {
        printer.text(&format!("\n{}\n", notes.join("\n")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_number_lists_are_shortened() {
        let n = |k: usize| {
            (0..k)
                .map(|i| format!("+1303555{i:04}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers_cell(&n(0)), "-");
        assert_eq!(numbers_cell(&n(1)), "+13035550000");
        assert_eq!(numbers_cell(&n(2)), "+13035550000, +13035550001");
        assert_eq!(
            numbers_cell(&n(300)),
            "+13035550000, +13035550001 (+298 more)"
        );
    }
}
