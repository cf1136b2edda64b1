//! `porting-orders create --phone-numbers-file FILE`: porting orders for a whole file of
//! numbers.
//!
//! 1. Read the file (one number per line, or a CSV with a `phone_number` column; blank lines
//!    and `#` comments ignored) and validate every line with the library's +E.164 rule.
//!    Any bad line: all are reported by line number and nothing is sent, unless
//!    `--skip-invalid`. Repeats are dropped and reported.
//! 2. Check portability (`portability-checks run`) in batches, a few at a time; numbers that
//!    are not portable are left out, with the API's reason.
//! 3. Create orders in batches of `--batch-size` numbers (the API may split each further,
//!    by carrier or country), a few at a time.
//! 4. Print a summary: orders created (id, numbers), numbers refused and why, batches that
//!    failed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::rc::Rc;

use clap::{Arg, ArgAction, ArgMatches, Command};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use telnyx_porting::Client;
use telnyx_porting::models::{CreatePortingOrder, PostPortabilityCheck, is_e164};
use telnyx_porting::prelude::*;
use tokio::task::JoinSet;

use crate::commands::Op;
use crate::errors::CliError;
use crate::output::Printer;

/// Numbers per order request, by default.
pub(crate) const DEFAULT_BATCH_SIZE: usize = 100;
/// Requests in flight at once, by default.
pub(crate) const DEFAULT_CONCURRENCY: usize = 4;

/// Adds the bulk flags to `porting-orders create`.
pub(crate) fn args(cmd: Command) -> Command {
    cmd.arg(
        Arg::new("phone-numbers-file")
            .long("phone-numbers-file")
            .value_name("FILE")
            .conflicts_with("phone-number")
            .help(
                "Create orders for every number in FILE: one per line, or a CSV with a \
                 phone_number column; blank lines and # comments are ignored. Every line is \
                 validated first (nothing is sent if one is bad, unless --skip-invalid); \
                 repeated numbers are dropped and reported (repeated --phone-number flags stay \
                 an error); numbers that are not portable are left out with the reason",
            )
            .help_heading("Bulk"),
    )
    .arg(
        Arg::new("skip-invalid")
            .long("skip-invalid")
            .action(ArgAction::SetTrue)
            .requires("phone-numbers-file")
            .help("List the bad lines of the file and send the rest")
            .help_heading("Bulk"),
    )
    .arg(
        Arg::new("batch-size")
            .long("batch-size")
            .value_name("N")
            .value_parser(clap::value_parser!(u64).range(1..=1000))
            .requires("phone-numbers-file")
            .help(format!(
                "Numbers per order request (default {DEFAULT_BATCH_SIZE}); the API may split \
                 each request further by carrier or country"
            ))
            .help_heading("Bulk"),
    )
    .arg(
        Arg::new("concurrency")
            .long("concurrency")
            .value_name("N")
            .value_parser(clap::value_parser!(u64).range(1..=32))
            .requires("phone-numbers-file")
            .help(format!(
                "Requests in flight at once (default {DEFAULT_CONCURRENCY})"
            ))
            .help_heading("Bulk"),
    )
    .arg(
        Arg::new("dry-run")
            .long("dry-run")
            .action(ArgAction::SetTrue)
            .requires("phone-numbers-file")
            .help("Validate the file and print the batches that would be sent; send nothing")
            .help_heading("Bulk"),
    )
}

/// The bulk settings, when `--phone-numbers-file` was given.
pub(crate) struct BulkArgs {
    file: String,
    skip_invalid: bool,
    batch_size: usize,
    concurrency: usize,
    dry_run: bool,
    /// The body flags and `--data` (`customer_reference`, ...), applied to every batch.
    template: Option<Value>,
}

/// The bulk settings of `op`'s flags, if any.
pub(crate) fn requested(op: &Op, m: &ArgMatches) -> Option<BulkArgs> {
    if op.operation_id != "CreatePortingOrder" {
        return None;
    }
    let file = m.get_one::<String>("phone-numbers-file")?.clone();
    let get = |name: &str, default: usize| {
        m.get_one::<u64>(name)
            .and_then(|n| usize::try_from(*n).ok())
            .unwrap_or(default)
    };
    Some(BulkArgs {
        file,
        skip_invalid: m.get_flag("skip-invalid"),
        batch_size: get("batch-size", DEFAULT_BATCH_SIZE),
        concurrency: get("concurrency", DEFAULT_CONCURRENCY),
        dry_run: m.get_flag("dry-run"),
        template: None,
    })
}

impl BulkArgs {
    /// Sets the fields every batch's body starts from.
    pub(crate) fn with_template(mut self, template: Option<Value>) -> Self {
        self.template = template;
        self
    }
}

/// A line of the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub line: u64,
    pub value: String,
}

/// What the file holds.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Valid, first occurrences, in file order.
    pub numbers: Vec<Line>,
    /// Lines that are not +E.164 numbers, with the reason.
    pub invalid: Vec<(Line, String)>,
    /// Repeats: the line and the line it repeats.
    pub duplicates: Vec<(Line, u64)>,
}

/// Reads and validates `text` (the file's contents).
pub(crate) fn parse(text: &str) -> Result<Parsed, CliError> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let is_csv = first.is_some_and(|l| {
        l.contains(',') || l.trim_matches('"').eq_ignore_ascii_case("phone_number")
    });
    let mut raw = Vec::new();
    if is_csv {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| CliError::usage(format!("the CSV header: {e}")))?
            .clone();
        let column = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case("phone_number"))
            .ok_or_else(|| {
                CliError::usage(
                    "the CSV has no phone_number column (its first line names the columns)",
                )
            })?;
        for record in reader.records() {
            let record = record.map_err(|e| CliError::usage(format!("the CSV: {e}")))?;
            let line = record.position().map_or(0, |p| p.line());
            let value = record.get(column).unwrap_or("").trim();
            if value.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            raw.push(Line {
                line,
                value: value.to_owned(),
            });
        }
    } else {
        for (i, l) in text.lines().enumerate() {
            let value = l.split('#').next().unwrap_or("").trim();
            if value.is_empty() {
                continue;
            }
            raw.push(Line {
                line: i as u64 + 1,
                value: crate::input::unquote(value).to_owned(),
            });
        }
    }
    let mut parsed = Parsed::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for line in raw {
        if !is_e164(&line.value) {
            parsed.invalid.push((
                line,
                "not a +E.164 number (a + then at most 15 digits, the first not 0, such as +13035550000)".to_owned(),
            ));
            continue;
        }
        match seen.get(&line.value) {
            Some(first) => parsed.duplicates.push((line, *first)),
            None => {
                seen.insert(line.value.clone(), line.line);
                parsed.numbers.push(line);
            }
        }
    }
    Ok(parsed)
}

fn progress(total: u64, message: &'static str) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total), target);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} numbers ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message);
    bar
}

/// Runs bulk creation and prints the summary.
pub(crate) async fn run(
    client: Client,
    args: BulkArgs,
    printer: &Rc<RefCell<Printer>>,
) -> Result<(), CliError> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| CliError::usage(format!("--phone-numbers-file {}: {e}", args.file)))?;
    let parsed = parse(&text)?;
    let file = &args.file;
    let mut stderr_lines = Vec::new();
    for (line, reason) in &parsed.invalid {
        stderr_lines.push(format!("{file}:{}: {:?}: {reason}", line.line, line.value));
    }
    if !parsed.invalid.is_empty() && !args.skip_invalid {
        return Err(CliError::usage(format!(
            "{}\n{} bad line(s) in {file}: fix them, or add --skip-invalid to leave them out",
            stderr_lines.join("\n"),
            parsed.invalid.len()
        )));
    }
    for (line, first) in &parsed.duplicates {
        stderr_lines.push(format!(
            "{file}:{}: {} repeats line {first}: dropped",
            line.line, line.value
        ));
    }
    for l in &stderr_lines {
        eprintln!("{l}");
    }
    if parsed.numbers.is_empty() {
        return Err(CliError::usage(format!("{file} holds no valid number")));
    }
    let template = match args.template.clone() {
        Some(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let invalid: Vec<Value> = parsed
        .invalid
        .iter()
        .map(|(l, reason)| json!({"line": l.line, "value": l.value, "reason": reason}))
        .collect();
    let duplicates: Vec<Value> = parsed
        .duplicates
        .iter()
        .map(|(l, first)| json!({"line": l.line, "phone_number": l.value, "repeats_line": first}))
        .collect();
    let numbers: Vec<String> = parsed.numbers.iter().map(|l| l.value.clone()).collect();
    let line_of: HashMap<&str, u64> = parsed
        .numbers
        .iter()
        .map(|l| (l.value.as_str(), l.line))
        .collect();

    if args.dry_run {
        let batches: Vec<Value> = numbers
            .chunks(args.batch_size)
            .map(|chunk| {
                let mut body = template.clone();
                body.insert("phone_numbers".into(), json!(chunk));
                Value::Object(body)
            })
            .collect();
        let plan = json!({
            "dry_run": true,
            "numbers": numbers.len(),
            "portability_checks": numbers.chunks(args.batch_size).count(),
            "order_requests": batches,
            "invalid": invalid,
            "duplicates": duplicates,
            "note": "nothing was sent; numbers that are not portable would be left out of these batches",
        });
        return printer.borrow_mut().one(&plan);
    }

    // Every batch body, checked by the library before anything is sent.
    for chunk in numbers.chunks(args.batch_size) {
        batch_body(&template, chunk)?;
    }

    // 2. Portability, in batches, a few at a time.
    let bar = progress(numbers.len() as u64, "checking");
    let chunks: Vec<Vec<String>> = numbers
        .chunks(args.batch_size)
        .map(<[String]>::to_vec)
        .collect();
    let checks = bounded(chunks, args.concurrency, {
        let client = client.clone();
        move |chunk: Vec<String>| {
            let client = client.clone();
            async move {
                let check = PostPortabilityCheck::new(chunk.clone());
                let answer = client.portability_checks().run(&check).await;
                (chunk, answer)
            }
        }
    })
    .await;
    let mut portable = Vec::with_capacity(numbers.len());
    let mut refused = Vec::new();
    for (chunk, answer) in checks {
        bar.inc(chunk.len() as u64);
        let answer = answer?;
        let mut verdict: HashMap<String, (bool, Option<String>)> = HashMap::new();
        for detail in answer.data {
            if let Some(n) = detail.phone_number {
                verdict.insert(
                    n,
                    (detail.portable.unwrap_or(false), detail.not_portable_reason),
                );
            }
        }
        for n in chunk {
            match verdict.remove(&n) {
                Some((true, _)) => portable.push(n),
                Some((false, reason)) => refused.push(json!({
                    "phone_number": n,
                    "line": line_of.get(n.as_str()),
                    "reason": reason.unwrap_or_else(|| "not portable".to_owned()),
                })),
                None => refused.push(json!({
                    "phone_number": n,
                    "line": line_of.get(n.as_str()),
                    "reason": "the portability check did not mention this number",
                })),
            }
        }
    }
    bar.finish_and_clear();

    // 3. Orders, in batches, a few at a time.
    let bar = progress(portable.len() as u64, "ordering");
    let chunks: Vec<Vec<String>> = portable
        .chunks(args.batch_size)
        .map(<[String]>::to_vec)
        .collect();
    let template_for_tasks = template.clone();
    let created = bounded(chunks, args.concurrency, {
        let client = client.clone();
        move |chunk: Vec<String>| {
            let client = client.clone();
            let body = batch_body(&template_for_tasks, &chunk);
            async move {
                let answer = match body {
                    Ok(body) => client
                        .porting_orders()
                        .create(&body)
                        .await
                        .map_err(CliError::from),
                    Err(e) => Err(e),
                };
                (chunk, answer)
            }
        }
    })
    .await;
    let mut orders = Vec::new();
    let mut failed = Vec::new();
    let mut first_error: Option<CliError> = None;
    let mut maybe_applied = false;
    for (chunk, answer) in created {
        bar.inc(chunk.len() as u64);
        match answer {
            Ok(answer) => {
                for order in &answer.data {
                    let v = serde_json::to_value(order).map_err(CliError::other)?;
                    let numbers: Vec<Value> = v["phone_numbers"]
                        .as_array()
                        .map(|a| a.iter().map(|p| p["phone_number"].clone()).collect())
                        .unwrap_or_default();
                    orders.push(json!({"id": v["id"], "phone_numbers": numbers}));
                }
            }
            Err(e) => {
                let applied = matches!(&e, CliError::Api(api) if api.may_have_been_applied());
                maybe_applied |= applied;
                failed.push(json!({
                    "phone_numbers": chunk,
                    "error": e.render().trim_start_matches("error: ").to_owned(),
                    "may_have_been_applied": applied,
                }));
                first_error.get_or_insert(e);
            }
        }
    }
    bar.finish_and_clear();

    let ordered: usize = orders
        .iter()
        .map(|o| o["phone_numbers"].as_array().map_or(0, Vec::len))
        .sum();
    let summary = json!({
        "orders": orders,
        "refused": refused,
        "failed": failed,
        "invalid": invalid,
        "duplicates": duplicates,
    });
    printer.borrow_mut().one(&summary)?;

    let left_out = !refused.is_empty() || !failed.is_empty() || !invalid.is_empty();
    if orders.is_empty() {
        if let Some(e) = first_error {
            return Err(e);
        }
        return Err(CliError::Other(format!(
            "no order was created: none of the {} numbers is portable (see the summary)",
            numbers.len()
        )));
    }
    if maybe_applied {
        return Err(CliError::MaybeApplied(format!(
            "{} batch(es) failed in a way that may have created orders anyway: check with \
             `porting-orders list` before sending them again",
            failed.len()
        )));
    }
    if left_out {
        return Err(CliError::Partial(format!(
            "{} order(s) created for {ordered} number(s); {} not portable, {} in failed batches, \
             {} invalid line(s) skipped (see the summary)",
            orders.len(),
            refused.len(),
            failed
                .iter()
                .map(|f| f["phone_numbers"].as_array().map_or(0, Vec::len))
                .sum::<usize>(),
            invalid.len()
        )));
    }
    Ok(())
}

/// The body of one batch: the template with these numbers, validated by the library.
fn batch_body(
    template: &serde_json::Map<String, Value>,
    numbers: &[String],
) -> Result<CreatePortingOrder, CliError> {
    let mut body = template.clone();
    body.insert("phone_numbers".into(), json!(numbers));
    let order: CreatePortingOrder = serde_json::from_value(Value::Object(body))
        .map_err(|e| CliError::usage(format!("the request body: {e}")))?;
    telnyx_porting::Validate::validate(&order)?;
    Ok(order)
}

/// Runs `task` over `items` with at most `limit` in flight; results in input order.
async fn bounded<T, F, Fut, R>(items: Vec<T>, limit: usize, task: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let mut set = JoinSet::new();
    let mut results: Vec<Option<R>> = Vec::with_capacity(items.len());
    let mut items = items.into_iter().enumerate();
    let total = items.len();
    results.resize_with(total, || None);
    // Bounded: each round starts at most one task and finishes at most one.
    for _ in 0..total.saturating_mul(2).saturating_add(1) {
        while set.len() < limit.max(1) {
            let Some((i, item)) = items.next() else { break };
            let fut = task(item);
            set.spawn(async move { (i, fut.await) });
        }
        match set.join_next().await {
            Some(Ok((i, r))) => {
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(r);
                }
            }
            Some(Err(e)) => std::panic::resume_unwind(e.into_panic()),
            None => break,
        }
    }
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_files() {
        let p =
            parse("# numbers\n+13035550000\n\n'+13035550001'  # quoted\n+1303x\n+13035550000\n")
                .unwrap();
        let values: Vec<&str> = p.numbers.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["+13035550000", "+13035550001"]);
        assert_eq!(p.invalid.len(), 1);
        assert_eq!(
            p.invalid[0].0,
            Line {
                line: 5,
                value: "+1303x".into()
            }
        );
        assert_eq!(
            p.duplicates,
            [(
                Line {
                    line: 6,
                    value: "+13035550000".into()
                },
                2
            )]
        );
    }

    #[test]
    fn csv_files() {
        let p = parse("name,phone_number\n# comment\nA,+13035550000\n\nB, +13035550001\nC,nope\n")
            .unwrap();
        let values: Vec<&str> = p.numbers.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["+13035550000", "+13035550001"]);
        assert_eq!(p.invalid[0].0.value, "nope");
        assert_eq!(p.invalid[0].0.line, 6);
        assert!(parse("name,phone\nA,+13035550000\n").is_err());
    }
}
