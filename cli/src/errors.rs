//! Errors and exit codes. Errors go to stderr only, as a few lines saying what to fix; stdout
//! keeps only data.

use std::fmt;

/// The exit codes, documented in `--help` and the README.
pub(crate) mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// Anything else: an answer that did not decode, output that could not be written.
    pub const OTHER: i32 = 1;
    /// Usage error, or input refused before sending: nothing was sent.
    pub const USAGE: i32 = 2;
    /// The connection failed or timed out, and the request cannot have been applied.
    pub const CONNECTION: i32 = 3;
    /// Authentication refused: 401 or 403.
    pub const AUTH: i32 = 4;
    /// The API refused the request: any other 4xx.
    pub const REFUSED: i32 = 5;
    /// The API failed: a 5xx on a request that cannot have been applied twice.
    pub const SERVER: i32 = 6;
    /// A create or update may have been applied (timeout, broken connection or 5xx after it was
    /// sent): check before sending it again.
    pub const MAYBE_APPLIED: i32 = 7;
    /// Bulk creation or `port` only partly succeeded: some numbers were not ordered, or
    /// (`port --submit`) some orders not submitted (see the summary).
    pub const PARTIAL: i32 = 8;
}

/// The table of `--help` and the README.
pub(crate) const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  other failure (an answer that did not decode, output that could not be written)
  2  usage error or input refused before sending: nothing was sent
  3  connection failure or timeout; the request was not applied
  4  authentication refused (401, 403)
  5  the API refused the request (another 4xx)
  6  server error (5xx)
  7  a create or update may have been applied (timeout or 5xx after sending): check first
  8  bulk create or port partly done: numbers left out, or orders not submitted (see the summary)";

/// Everything the command line can fail with.
#[derive(Debug)]
pub(crate) enum CliError {
    /// A usage error or input refused before sending.
    Usage(String),
    /// From the library.
    Api(telnyx_porting::Error),
    /// Output could not be written.
    Io(std::io::Error),
    /// Anything else.
    Other(String),
    /// Bulk creation was partly done; the summary has been printed.
    Partial(String),
    /// Bulk creation had batches that may have been applied; the summary has been printed.
    MaybeApplied(String),
    /// A step of `port` failed.
    Job(telnyx_porting::job::JobError),
}

impl CliError {
    pub(crate) fn usage(message: impl Into<String>) -> CliError {
        CliError::Usage(message.into())
    }

    pub(crate) fn other(message: impl fmt::Display) -> CliError {
        CliError::Other(message.to_string())
    }

    pub(crate) fn io(e: std::io::Error) -> CliError {
        CliError::Io(e)
    }

    /// The process exit code.
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => exit::USAGE,
            CliError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
            CliError::Io(_) | CliError::Other(_) => exit::OTHER,
            CliError::Partial(_) => exit::PARTIAL,
            CliError::MaybeApplied(_) => exit::MAYBE_APPLIED,
            CliError::Api(e) => api_exit_code(e),
            CliError::Job(e) => api_exit_code(&e.source),
        }
    }

    /// The lines for stderr (none for a closed pipe).
    pub(crate) fn render(&self) -> String {
        match self {
            CliError::Usage(m) => format!("error: {m}\nnothing was sent"),
            CliError::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => String::new(),
            CliError::Io(e) => format!("error: cannot write the output: {e}"),
            CliError::Other(m) => format!("error: {m}"),
            CliError::Partial(m) | CliError::MaybeApplied(m) => format!("error: {m}"),
            CliError::Api(e) => render_api(e),
            CliError::Job(e) => render_job(e),
        }
    }
}

impl From<telnyx_porting::Error> for CliError {
    fn from(e: telnyx_porting::Error) -> Self {
        CliError::Api(e)
    }
}

/// The exit code of a library error.
pub(crate) fn api_exit_code(e: &telnyx_porting::Error) -> i32 {
    use telnyx_porting::Error as E;
    if e.may_have_been_applied() {
        return exit::MAYBE_APPLIED;
    }
    match e {
        E::InvalidInput(_) | E::Config(_) => exit::USAGE,
        E::Timeout(_) | E::Connection(_) => exit::CONNECTION,
        E::Api(api) if matches!(api.status.as_u16(), 401 | 403) => exit::AUTH,
        E::Api(api) if api.status.is_server_error() => exit::SERVER,
        E::Api(_) => exit::REFUSED,
        _ => exit::OTHER,
    }
}

/// Which step failed (and for which order), the library's error under it, and that a rerun
/// continues where this one stopped.
fn render_job(e: &telnyx_porting::job::JobError) -> String {
    let mut lines = vec![match e.order {
        Some(order) => format!("error: {} failed for porting order {order}", e.step),
        None => format!("error: {} failed", e.step),
    }];
    // The API error's own lines, without its "check before retrying" note: a rerun of the
    // job is what checks (it finds what the last call did).
    lines.extend(
        render_api(&e.source)
            .lines()
            .filter(|l| !l.starts_with("note: "))
            .map(|l| format!("  {l}")),
    );
    if e.may_have_been_applied() {
        lines.push("note: the last request may have been applied before it failed".to_owned());
    }
    if !matches!(e.source, telnyx_porting::Error::InvalidInput(_)) {
        lines.push(
            "note: run the same command again to continue: it finds the orders this run made \
             (by the job reference) and creates no second order for a number"
                .to_owned(),
        );
    }
    lines.join("\n")
}

fn render_api(e: &telnyx_porting::Error) -> String {
    use telnyx_porting::Error as E;
    let mut lines = Vec::new();
    match e {
        E::Api(api) => {
            let what = match api.status.as_u16() {
                401 => "authentication refused (check --api-key or TELNYX_API_KEY)",
                403 => "not allowed for this API key",
                s if s >= 500 => "the API failed",
                _ => "the API refused the request",
            };
            lines.push(format!("error: {what}: HTTP {}", api.status));
            for detail in &api.errors {
                let mut line = String::from("  ");
                if let Some(code) = &detail.code {
                    line.push_str(&format!("[{code}] "));
                }
                if let Some(title) = &detail.title {
                    line.push_str(title);
                }
                if let Some(text) = &detail.detail {
                    line.push_str(&format!(": {text}"));
                }
                if let Some(source) = &detail.source {
                    if let Some(pointer) = &source.pointer {
                        line.push_str(&format!(" (at {pointer})"));
                    }
                    if let Some(parameter) = &source.parameter {
                        line.push_str(&format!(" (parameter {parameter})"));
                    }
                }
                lines.push(line);
            }
            if api.errors.is_empty()
                && let Some(snippet) = &api.body_snippet
            {
                lines.push(format!("  body: {snippet}"));
            }
            if let Some(id) = &api.request_id {
                lines.push(format!("  request id: {id} (quote it to Telnyx support)"));
            }
        }
        E::InvalidInput(input) => {
            lines.push(format!(
                "error: {}: {:?} {}",
                input.field, input.value, input.reason
            ));
            lines.push("nothing was sent".to_owned());
        }
        other => lines.push(format!("error: {other}")),
    }
    if e.may_have_been_applied() {
        lines.push(
            "note: the request may have been applied: it was sent and not retried because \
             sending it twice could apply it twice; check (e.g. with `list`) before retrying"
                .to_owned(),
        );
    }
    lines.join("\n")
}
