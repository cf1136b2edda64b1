//! `telnyx-porting port`: the whole porting job from the shell, a thin layer over the
//! library's [`telnyx_porting::job`].
//!
//! The numbers come from a file (read as `porting-orders create --phone-numbers-file` reads
//! it, `crate::bulk::parse`); the flags become a [`PortingJob`]; then:
//!
//! - `--dry-run`: [`PortingJob::check`] only (the portability check, which changes nothing),
//!   and the requests a run would send ([`plan`]);
//! - otherwise [`PortingJob::prepare`]: drafts created (or found again, on a rerun), documents
//!   uploaded and attached, end user, FOC date and webhook URL set, and what each order still
//!   lacks; with `--submit`, [`Prepared::submit`] confirms the complete drafts.
//!
//! A progress bar (one step at a time) is drawn on stderr when it is a terminal; the result
//! is a table for people (`pretty`, and `auto` on a terminal) or one JSON document.

mod plan;
mod report;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::{ArgMatches, Args, FromArgMatches};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use telnyx_porting::job::{DocumentSource, EndUser, FocDate, PortingJob, Progress};

use crate::cli::Global;
use crate::errors::CliError;
use crate::output::Printer;

/// `telnyx-porting port`'s flags.
#[derive(Args, Debug)]
pub(crate) struct PortArgs {
    /// The numbers to port: one +E.164 number per line, or a CSV with a phone_number column;
    /// blank lines and # comments are ignored, repeats dropped.
    #[arg(long, value_name = "FILE", required_unless_present = "phone_number")]
    pub phone_numbers_file: Option<PathBuf>,

    /// A number to port, instead of a file: repeat the flag for each.
    #[arg(long, value_name = "+E164", conflicts_with = "phone_numbers_file")]
    pub phone_number: Vec<String>,

    /// Leave out the lines of the file that are not +E.164 numbers (listed on stderr) instead
    /// of stopping.
    #[arg(long, requires = "phone_numbers_file")]
    pub skip_invalid: bool,

    /// The letter of authorization, signed by the authorized person: a file (uploaded once
    /// per run, to the orders that lack one), or the id of a document already uploaded
    /// (`documents upload`), attached as it is.
    #[arg(long, value_name = "FILE|ID", help_heading = "Documents")]
    pub loa: PathBuf,

    /// A recent invoice from the losing carrier: a file, or an uploaded document's id.
    #[arg(long, value_name = "FILE|ID", help_heading = "Documents")]
    pub invoice: PathBuf,

    /// The person or company that owns the numbers [end_user.admin.entity_name].
    #[arg(long, value_name = "NAME", help_heading = "End user")]
    pub entity_name: String,

    /// The person authorized to release the numbers, who signed the LOA
    /// [end_user.admin.auth_person_name].
    #[arg(long, value_name = "NAME", help_heading = "End user")]
    pub auth_person_name: String,

    /// The account's billing telephone number [end_user.admin.billing_phone_number].
    #[arg(long, value_name = "NUMBER", help_heading = "End user")]
    pub billing_phone_number: String,

    /// The account number with the losing carrier [end_user.admin.account_number].
    #[arg(long, value_name = "ACCOUNT", help_heading = "End user")]
    pub account_number: String,

    /// The account's PIN or passcode, when it has one [end_user.admin.pin_passcode].
    #[arg(long, value_name = "PIN", help_heading = "End user")]
    pub pin_passcode: Option<String>,

    /// The street address [end_user.location.street_address].
    #[arg(long, value_name = "ADDRESS", help_heading = "End user")]
    pub street_address: String,

    /// Floor, suite and the like [end_user.location.extended_address].
    #[arg(long, value_name = "ADDRESS", help_heading = "End user")]
    pub extended_address: Option<String>,

    /// The city or town [end_user.location.locality].
    #[arg(long, value_name = "CITY", help_heading = "End user")]
    pub locality: String,

    /// The state or province [end_user.location.administrative_area].
    #[arg(long, value_name = "AREA", help_heading = "End user")]
    pub administrative_area: String,

    /// The postal code [end_user.location.postal_code].
    #[arg(long, value_name = "CODE", help_heading = "End user")]
    pub postal_code: String,

    /// The ISO 3166-1 alpha-2 country code, such as US [end_user.location.country_code].
    #[arg(long, value_name = "CC", help_heading = "End user")]
    pub country_code: String,

    /// The FOC date to ask for: `earliest` (the start of each order's earliest allowed
    /// window), a date (2026-12-10: the first allowed time that day, UTC) or an RFC 3339
    /// date-time (2026-12-10T15:00:00Z). Each order's date is chosen from its own allowed
    /// windows; a date outside them is reported as missing, not sent.
    #[arg(
        long,
        value_name = "earliest|DATE",
        default_value = "earliest",
        value_parser = parse_foc
    )]
    pub foc: FocDate,

    /// Where the orders' webhooks go: an absolute http(s) URL.
    #[arg(long, value_name = "URL")]
    pub webhook_url: Option<String>,

    /// The job reference, sent as every order's customer_reference; a rerun finds the
    /// orders by it. Without it, one is derived from the set of numbers.
    #[arg(long, value_name = "REF")]
    pub customer_reference: Option<String>,

    /// A value for one of the orders' requirements beyond the LOA and the invoice, as
    /// TYPE_ID=VALUE (the requirement type ids are in `porting-orders retrieve-requirements`);
    /// VALUE `@FILE` uploads that file and gives its document id. Sent to each order that
    /// lists the type. Repeat the flag for each.
    #[arg(long, value_name = "TYPE_ID=VALUE", value_parser = parse_requirement)]
    pub requirement: Vec<(String, String)>,

    /// Confirm the orders that are complete (POST …/actions/confirm). Without it the
    /// drafts are left for review.
    #[arg(long)]
    pub submit: bool,

    /// Check portability and print the requests a run would send; send nothing else.
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_requirement(text: &str) -> Result<(String, String), String> {
    let text = crate::input::unquote(text);
    match text.split_once('=') {
        Some((id, value)) if !id.trim().is_empty() && !value.is_empty() => {
            Ok((id.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "{text:?}: expected TYPE_ID=VALUE (or TYPE_ID=@FILE for a document)"
        )),
    }
}

fn parse_foc(text: &str) -> Result<FocDate, String> {
    crate::input::unquote(text)
        .parse::<FocDate>()
        .map_err(|e| match e {
            telnyx_porting::Error::InvalidInput(invalid) => invalid.reason,
            other => other.to_string(),
        })
}

/// `telnyx-porting port`.
pub(crate) fn main(global: &Global, m: &ArgMatches) -> Result<(), CliError> {
    let args = PortArgs::from_arg_matches(m).map_err(|e| CliError::usage(e.to_string()))?;
    // Everything from the flags and the files first: a bad input sends nothing.
    let numbers = read_numbers(&args)?;
    let bar = Bar::new();
    let job = job(&args, numbers, &bar)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(run(global, &args, &job, &bar))
}

async fn run(
    global: &Global,
    args: &PortArgs,
    job: &PortingJob,
    bar: &Bar,
) -> Result<(), CliError> {
    let (client, _sandbox, options) = crate::run::command_client(global, Vec::new()).await?;
    let client = client.with_options(options);
    let mut printer = Printer::stdout(global.format, global.transform.as_deref());

    if args.dry_run {
        let report = job.check(&client).await;
        bar.clear();
        let report = report.map_err(CliError::Job)?;
        return plan::print(&mut printer, job, &report, args.submit);
    }

    let done = async {
        let prepared = job.prepare(&client).await?;
        let submitted = if args.submit {
            Some(prepared.submit(&client).await?)
        } else {
            None
        };
        Ok((prepared, submitted))
    }
    .await;
    // Off the terminal before anything is printed, the error included.
    bar.clear();
    let (prepared, submitted) = done.map_err(CliError::Job)?;
    let outcome = report::Outcome::new(&prepared, submitted.as_ref());
    report::print(&mut printer, &outcome)?;
    match outcome.partial() {
        Some(why) => Err(CliError::Partial(why)),
        None => Ok(()),
    }
}

/// The numbers of `--phone-numbers-file`, validated as `porting-orders create` validates
/// them: every bad line reported (and nothing sent unless `--skip-invalid`), repeats dropped.
fn read_numbers(args: &PortArgs) -> Result<Vec<String>, CliError> {
    let Some(path) = &args.phone_numbers_file else {
        // `--phone-number` flags: the library's builder checks each one.
        return Ok(args
            .phone_number
            .iter()
            .map(|n| crate::input::unquote(n).to_owned())
            .collect());
    };
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("--phone-numbers-file {file}: {e}")))?;
    let parsed = crate::bulk::parse(&text)?;
    let mut notes = Vec::new();
    for (line, reason) in &parsed.invalid {
        notes.push(format!("{file}:{}: {:?}: {reason}", line.line, line.value));
    }
    if !parsed.invalid.is_empty() && !args.skip_invalid {
        return Err(CliError::usage(format!(
            "{}\n{} bad line(s) in {file}: fix them, or add --skip-invalid to leave them out",
            notes.join("\n"),
            parsed.invalid.len()
        )));
    }
    for (line, first) in &parsed.duplicates {
        notes.push(format!(
            "{file}:{}: {} repeats line {first}: dropped",
            line.line, line.value
        ));
    }
    for note in &notes {
        eprintln!("{note}");
    }
    if parsed.numbers.is_empty() {
        return Err(CliError::usage(format!("{file} holds no valid number")));
    }
    Ok(parsed.numbers.into_iter().map(|l| l.value).collect())
}

/// The job the flags describe, checked by the library's builder (a refusal names the flag).
fn job(args: &PortArgs, numbers: Vec<String>, bar: &Bar) -> Result<PortingJob, CliError> {
    let unquote = |s: &str| crate::input::unquote(s).to_owned();
    let mut end_user = EndUser::new()
        .entity_name(unquote(&args.entity_name))
        .auth_person_name(unquote(&args.auth_person_name))
        .billing_phone_number(unquote(&args.billing_phone_number))
        .account_number(unquote(&args.account_number))
        .street_address(unquote(&args.street_address))
        .locality(unquote(&args.locality))
        .administrative_area(unquote(&args.administrative_area))
        .postal_code(unquote(&args.postal_code))
        .country_code(unquote(&args.country_code));
    if let Some(pin) = &args.pin_passcode {
        end_user = end_user.pin_passcode(unquote(pin));
    }
    if let Some(extended) = &args.extended_address {
        end_user = end_user.extended_address(unquote(extended));
    }
    let mut builder = PortingJob::builder()
        .phone_numbers(numbers)
        .end_user(end_user)
        .loa(document(&args.loa))
        .invoice(document(&args.invoice))
        .foc(args.foc);
    if let Some(url) = &args.webhook_url {
        builder = builder.webhook_url(unquote(url));
    }
    if let Some(reference) = &args.customer_reference {
        builder = builder.customer_reference(unquote(reference));
    }
    for (id, value) in &args.requirement {
        builder = match value.strip_prefix('@') {
            Some(path) => builder.requirement(id.clone(), DocumentSource::path(path)),
            None => builder.requirement(id.clone(), value.clone()),
        };
    }
    if let Some(bar) = bar.shared() {
        builder = builder.on_progress(move |p| Bar::show(&bar, p));
    }
    builder.build().map_err(|e| match e {
        telnyx_porting::Error::InvalidInput(invalid) => CliError::usage(format!(
            "{}: {:?} {}",
            flag_of(&invalid.field),
            invalid.value,
            invalid.reason
        )),
        other => CliError::from(other),
    })
}

/// `--loa` / `--invoice`: the file, or, when no such file exists and the value is a UUID, the
/// document uploaded under that id.
fn document(value: &std::path::Path) -> DocumentSource {
    let id = value
        .to_str()
        .map(crate::input::unquote)
        .and_then(|v| v.parse::<telnyx_porting::uuid::Uuid>().ok());
    match id {
        Some(id) if !value.exists() => DocumentSource::uploaded(id),
        _ => DocumentSource::path(value),
    }
}

/// The flag that gave a job field: `end_user.entity_name` is `--entity-name`,
/// `webhook_url` is `--webhook-url`; a number of the file stays as the library names it.
fn flag_of(field: &str) -> String {
    if field.starts_with("phone_numbers") {
        return format!("--phone-number ({field})");
    }
    let last = field.rsplit('.').next().unwrap_or(field);
    format!("--{}", last.replace('_', "-"))
}

/// The progress bar on stderr: drawn only when stderr is a terminal, one step at a time.
struct Bar(Option<std::sync::Arc<Mutex<ProgressBar>>>);

impl Bar {
    fn new() -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg:18} [{bar:40}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar(Some(std::sync::Arc::new(Mutex::new(bar))))
    }

    fn shared(&self) -> Option<std::sync::Arc<Mutex<ProgressBar>>> {
        self.0.clone()
    }

    /// One event of the job on the bar.
    fn show(bar: &Mutex<ProgressBar>, event: &Progress) {
        let Ok(bar) = bar.lock() else { return };
        match event {
            Progress::Started { step, total } => {
                bar.set_position(0);
                bar.set_length(*total as u64);
                bar.set_message(step.name());
            }
            Progress::Advanced { done, total, .. } => {
                bar.set_length(*total as u64);
                bar.set_position(*done as u64);
            }
            _ => {}
        }
    }

    /// Takes the bar off the terminal before the result is printed.
    fn clear(&self) {
        if let Some(bar) = &self.0
            && let Ok(bar) = bar.lock()
        {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_fields_name_their_flags() {
        assert_eq!(flag_of("end_user.entity_name"), "--entity-name");
        assert_eq!(flag_of("webhook_url"), "--webhook-url");
        assert_eq!(flag_of("loa"), "--loa");
        assert_eq!(
            flag_of("phone_numbers[2]"),
            "--phone-number (phone_numbers[2])"
        );
    }

    #[test]
    fn the_bar_follows_each_step() {
        use telnyx_porting::job::Step;
        let bar = Mutex::new(ProgressBar::hidden());
        Bar::show(
            &bar,
            &Progress::Started {
                step: Step::Check,
                total: 3,
            },
        );
        Bar::show(
            &bar,
            &Progress::Advanced {
                step: Step::Check,
                order: None,
                done: 2,
                total: 3,
            },
        );
        let b = bar.lock().unwrap();
        assert_eq!((b.position(), b.length()), (2, Some(3)));
        assert_eq!(b.message(), "check");
        drop(b);
        Bar::show(
            &bar,
            &Progress::Started {
                step: Step::Fill,
                total: 5,
            },
        );
        let b = bar.lock().unwrap();
        assert_eq!((b.position(), b.length()), (0, Some(5)));
        assert_eq!(b.message(), "fill");
    }

    #[test]
    fn requirements_are_type_equals_value() {
        assert_eq!(
            parse_requirement("a428=@proof.pdf"),
            Ok(("a428".to_owned(), "@proof.pdf".to_owned()))
        );
        assert_eq!(
            parse_requirement("id=x=y"),
            Ok(("id".to_owned(), "x=y".to_owned()))
        );
        assert!(parse_requirement("no-value").is_err());
        assert!(parse_requirement("=x").is_err());
        assert!(parse_requirement("id=").is_err());
    }

    #[test]
    fn foc_takes_earliest_a_date_or_a_time() {
        assert_eq!(parse_foc("earliest"), Ok(FocDate::Earliest));
        assert!(matches!(parse_foc("2026-12-10"), Ok(FocDate::On(_))));
        assert!(matches!(
            parse_foc("'2026-12-10T15:00:00Z'"),
            Ok(FocDate::At(_))
        ));
        assert!(parse_foc("soon").is_err());
    }
}
