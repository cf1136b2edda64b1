//! `port --dry-run`: the portability check's results and the requests a run would send.
//!
//! Only the check is sent. How the API splits the numbers into orders, and each order's
//! allowed FOC windows, exist only once the drafts do, so the requests about an order are
//! shown once, with `{id}` for each draft and the values chosen then in braces.

use serde_json::{Value, json};
use telnyx_porting::job::{DocumentSource, PortabilityReport, PortingJob};

use crate::errors::CliError;
use crate::output::Printer;

const NOTE: &str = "nothing was sent but the portability check. The API splits the numbers \
into orders (by country, carrier, number type) and gives each order its allowed FOC windows \
only once the drafts exist: {id} stands for each draft, and each FOC date is chosen from that \
order's windows then. A rerun sends only the numbers no order of this job holds yet.";

/// The requests of a run, in order (see the module docs).
fn requests(job: &PortingJob, report: &PortabilityReport, submit: bool) -> Vec<Value> {
    let mut out = vec![json!({
        "method": "GET",
        "path": "/porting_orders",
        "query": {"filter[customer_reference]": job.reference()},
        "why": "find the orders an earlier run of this job created",
    })];
    if report.portable().next().is_some() {
        out.push(json!({
            "method": "POST",
            "path": "/porting_orders",
            "body": job.create_request(report),
            "why": "create the drafts; the answer may hold several orders",
        }));
    }
    for (kind, source) in [("LOA", job.loa()), ("invoice", job.invoice())] {
        if source.uploaded_id().is_some() {
            continue;
        }
        out.push(json!({
            "method": "POST",
            "path": "/documents",
            "body": {"filename": source.filename(), "file": describe(source)},
            "why": format!("upload the {kind} once, for the drafts that lack one"),
        }));
    }
    out.push(json!({
        "method": "GET",
        "path": "/porting_orders/{id}/allowed_foc_windows",
        "why": "for each draft: the FOC dates it can ask for",
    }));
    let mut fill = serde_json::to_value(job.fill_request()).unwrap_or_else(|_| json!({}));
    if let Value::Object(body) = &mut fill {
        let id = |source: &DocumentSource, placeholder: &str| match source.uploaded_id() {
            Some(id) => id.to_string(),
            None => placeholder.to_owned(),
        };
        body.insert(
            "documents".into(),
            json!({
                "loa": id(job.loa(), "{the LOA's id}"),
                "invoice": id(job.invoice(), "{the invoice's id}"),
            }),
        );
        body.insert(
            "activation_settings".into(),
            json!({"foc_datetime_requested": format!("{{{}}}", foc_choice(job))}),
        );
    }
    out.push(json!({
        "method": "PATCH",
        "path": "/porting_orders/{id}",
        "body": fill,
        "why": "for each draft: end user, documents, FOC date, webhook URL",
    }));
    out.push(json!({
        "method": "GET",
        "path": "/porting_orders/{id}/requirements",
        "why": "for each draft: what it still lacks",
    }));
    if submit {
        out.push(json!({
            "method": "POST",
            "path": "/porting_orders/{id}/actions/confirm",
            "why": "for each draft with nothing missing",
        }));
    }
    out
}

/// The `file` field of an upload, described rather than encoded.
fn describe(source: &DocumentSource) -> String {
    match source.as_path().and_then(|p| std::fs::metadata(p).ok()) {
        Some(meta) => format!("{{base64 of {} bytes}}", meta.len()),
        None => "{base64 of the file}".to_owned(),
    }
}

fn foc_choice(job: &PortingJob) -> String {
    use telnyx_porting::job::FocDate;
    match job.foc() {
        FocDate::Earliest => "the start of the order's earliest allowed window".to_owned(),
        FocDate::On(date) => format!("the first allowed time on {date}"),
        FocDate::At(at) => format!("{at}, if inside one of the order's windows"),
        _ => "chosen from the order's windows".to_owned(),
    }
}

/// Prints the plan: one JSON document, or for people the portability table and the requests.
pub(super) fn print(
    printer: &mut Printer,
    job: &PortingJob,
    report: &PortabilityReport,
    submit: bool,
) -> Result<(), CliError> {
    let requests = requests(job, report, submit);
    if !printer.is_pretty() {
        let numbers: Vec<Value> = report
            .numbers
            .iter()
            .map(|n| {
                json!({
                    "phone_number": n.phone_number,
                    "portable": n.portable,
                    "fast_portable": n.fast_portable,
                    "not_portable_reason": n.not_portable_reason,
                })
            })
            .collect();
        return printer.one(&json!({
            "dry_run": true,
            "reference": job.reference(),
            "portability": numbers,
            "requests": requests,
            "note": NOTE,
        }));
    }
    let portable = report.portable().count();
    printer.text(&format!(
        "Portability: {portable} of {} numbers portable\n",
        report.numbers.len()
    ))?;
    let rows: Vec<Vec<String>> = report
        .numbers
        .iter()
        .map(|n| {
            vec![
                n.phone_number.clone(),
                if n.portable { "yes" } else { "no" }.to_owned(),
                n.not_portable_reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    printer.table(&["number", "portable", "reason"], &rows)?;
    printer.text(&format!(
        "\nRequests a run would send (job reference {}):\n",
        job.reference()
    ))?;
    for r in &requests {
        let mut line = format!(
            "  {:<6} {}",
            r["method"].as_str().unwrap_or_default(),
            r["path"].as_str().unwrap_or_default()
        );
        if let Some(query) = r["query"].as_object() {
            let pairs: Vec<String> = query
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect();
            line.push('?');
            line.push_str(&pairs.join("&"));
        }
        line.push_str(&format!("  ({})\n", r["why"].as_str().unwrap_or_default()));
        if let Some(body) = r.get("body") {
            line.push_str(&format!("         {body}\n"));
        }
        printer.text(&line)?;
    }
    printer.text(&format!("\nNote: {NOTE}\n"))
}
