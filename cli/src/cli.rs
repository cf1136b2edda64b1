//! The command tree: global flags (accepted before or after the command), the 63 operation
//! commands from [`crate::commands`], and `sandbox` and `completions`.

use std::time::Duration;

use clap::{Args, Command, FromArgMatches, Subcommand};

use crate::errors::EXIT_CODES_HELP;
use crate::output::Format;

/// The flags every command takes.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Global options")]
pub(crate) struct Global {
    /// Your Telnyx API key (sent as `Authorization: Bearer KEY`).
    #[arg(
        long,
        env = "TELNYX_API_KEY",
        global = true,
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,

    /// The API's base URL.
    #[arg(
        long,
        env = "TELNYX_BASE_URL",
        global = true,
        hide_env_values = true,
        value_name = "URL"
    )]
    pub base_url: Option<String>,

    /// Per-attempt timeout, such as 30s, 1500ms or 2m (a bare number is seconds).
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// How many times a failed attempt may be retried (the library's default is 2).
    #[arg(long, global = true, value_name = "N")]
    pub max_retries: Option<u32>,

    /// Output format: auto is pretty on a terminal and json when piped.
    #[arg(long, global = true, value_enum, default_value_t = Format::Auto, value_name = "FORMAT")]
    pub format: Format,

    /// Print only this part of each item, a GJSON-style path: `id`, `phone_numbers.0.phone_number`,
    /// `phone_numbers.#` (a length), `phone_numbers.#.phone_number` (over a list).
    #[arg(long, global = true, value_name = "PATH")]
    pub transform: Option<String>,

    /// Print each request and response on stderr (method, URL, status, headers, bodies), the
    /// API key redacted.
    #[arg(long, global = true)]
    pub debug: bool,

    /// Run this one command against a fresh embedded sandbox instead of the API. Only
    /// self-contained commands make sense (`port`, `porting-orders create`, `portability-checks
    /// run`, `documents upload`):
    /// the sandbox starts empty and is gone when the command ends.
    #[arg(long, global = true)]
    pub sandbox: bool,
}

/// Commands that are not API operations.
#[derive(Subcommand, Debug)]
pub(crate) enum Extra {
    /// Serve the embedded sandbox (the Telnyx porting API, offline) until SIGINT or SIGTERM.
    ///
    /// The first line on stdout, once it accepts connections, is `listening on
    /// http://HOST:PORT/v2`: give that to any SDK as its base URL, with the sandbox's API
    /// key (`KEYSANDBOX_not_a_real_key`, also printed on stderr at start). The second line
    /// is `webhook public key: <base64>`, the key that verifies the webhooks it sends
    /// (`--webhook-key-seed` fixes it across restarts). Each request is logged on stderr:
    /// method, path, status, milliseconds.
    ///
    /// Webhooks: every event of an order with a `webhook_url` is POSTed there, signed as
    /// Telnyx signs them, with retries; only to loopback hosts unless --deliver-to-any-host.
    /// `POST /v2/_sandbox/porting_orders/{id}/advance` with `{"status": "ported"}` (or
    /// `submitted`, `foc-date-confirmed`, `exception` with `exception_code`) moves a confirmed
    /// order along; `POST /v2/_sandbox/porting_orders/{id}/split` splits it.
    ///
    /// It refuses what the API refuses, in Telnyx's error shape: a request without a bearer
    /// token (401), a body the API would not take (422, one entry per problem, with a JSON
    /// pointer: +E.164 numbers, repeats, enums, timestamps, required and unknown fields), a
    /// bad query (`page[size]` over 250, an unknown `sort[value]`), a lifecycle step the order
    /// is not ready for (422), an order naming documents never uploaded or a FOC date outside
    /// its allowed windows (422), a confirm of an order lacking its end user, LOA, invoice,
    /// FOC date or its country's other requirements (422, one entry per missing field),
    /// unknown paths (404) and methods (405). The README lists each order rule and its source.
    ///
    /// Not portable, to rehearse refusals: `portability-checks run` reports every valid number
    /// portable except the NANP numbers whose last seven digits are 555-0100 to 555-0199
    /// (`+1NPA5550100`..`+1NPA5550199`, the range reserved for fiction): those are
    /// `portable: false` with the reason "sandbox: numbers 555-0100 to 555-0199 are never
    /// portable", and a bulk create leaves them out.
    ///
    /// Where it is knowingly more lenient than the API: any non-empty token is accepted; ids
    /// named in a body (requirement groups, billing groups, connections, bundles) are not
    /// checked to exist, document ids excepted; orders never move on by themselves (an order
    /// stays `in-process` until cancelled or moved on with the `/v2/_sandbox` controls above);
    /// any digits verify a verification code; reports complete at once; numbers are split
    /// into orders by country only (from the E.164 calling code, within +1 by area code), not
    /// also by number type, carrier and FastPort eligibility as the API splits them.
    ///
    /// Limits: each collection keeps at most --max-items-per-collection records (the oldest
    /// goes first); request bodies over --max-body-bytes get 413. State lives in memory only
    /// and is gone when the server stops.
    #[command(
        after_help = "Example:\n  telnyx-porting sandbox --port 4010\n  telnyx-porting sandbox --port 0 --max-items-per-collection 1000"
    )]
    Sandbox(crate::sandbox::SandboxArgs),

    /// Port numbers: the whole job, from a file of numbers to drafts ready for review (or,
    /// with --submit, submitted orders).
    ///
    /// Checks portability (numbers that cannot be ported are reported and left out), creates
    /// the drafts (the API may split the numbers into several orders), uploads the LOA and the
    /// invoice once and attaches them to every draft, sets the end user, the FOC date (from
    /// each order's allowed windows), the webhook URL and the job reference, reads each
    /// order's requirements and reports what is still missing; --submit confirms the complete
    /// orders. A progress bar shows on stderr when it is a terminal; the result is a table
    /// (order, numbers, status, missing), or JSON with --format json.
    ///
    /// Reruns are safe: every order carries the job reference (--customer-reference, or one
    /// derived from the set of numbers) and a rerun finds them, sends only the numbers no
    /// order of the job holds, keeps documents already attached and never creates a second
    /// order for a number. So after a failure, or after filling in what was missing, run the
    /// same command again.
    ///
    /// --dry-run sends only the portability check and prints the requests a run would send;
    /// how the API splits the numbers and each order's FOC windows are known only once the
    /// drafts exist.
    #[command(
        after_help = "Example:\n  telnyx-porting port --phone-numbers-file numbers.txt --loa loa.pdf --invoice bill.pdf \\\n    --entity-name 'Acme Corp' --auth-person-name 'Jane Doe' --billing-phone-number +13035550000 \\\n    --account-number 123abc --street-address '600 Congress Avenue' --locality Austin \\\n    --administrative-area TX --postal-code 78701 --country-code US --submit"
    )]
    Port(Box<crate::port::PortArgs>),

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  telnyx-porting completions bash > ~/.local/share/bash-completion/completions/telnyx-porting"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const ABOUT: &str = "Port phone numbers into Telnyx from the shell: every porting operation, bulk orders from a file, and an offline sandbox server.";

const AFTER_HELP: &str = "\
Commands are `GROUP VERB`, named as in the official Telnyx CLI (copied commands work):
  telnyx-porting porting-orders create --phone-number +13035550000 --phone-number +13035550001
  telnyx-porting porting-orders retrieve ORDER_ID
  telnyx-porting porting-orders:comments list ORDER_ID --format jsonl

Flags: path ids are flags (--id, --porting-order-id) and the first argument is --id; body
fields and query parameters are flags named after the spec's fields, nested levels joined
with dots (--end-user.admin.entity-name, --filter.customer-reference); a repeated body field
takes one value per flag (--phone-number A --phone-number B). Scalar values lose one pair of
surrounding single quotes, so the API reference's samples (--phone-number \"'+13035550000'\")
work as printed. --data JSON|@FILE|- gives the whole body; flags override its fields.";

/// The whole command tree.
pub(crate) fn command() -> Command {
    let root = Command::new("telnyx-porting")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .after_help(format!("{AFTER_HELP}\n\n{EXIT_CODES_HELP}"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .propagate_version(false)
        .subcommands(crate::commands::groups());
    let root = Global::augment_args(root);
    // `augment_subcommands` sets the enum's doc comment as the root's about; put ours back.
    Extra::augment_subcommands(root)
        .about(ABOUT)
        .long_about(None::<&str>)
}

/// The global flags from parsed matches.
pub(crate) fn global(m: &clap::ArgMatches) -> Result<Global, clap::Error> {
    Global::from_arg_matches(m)
}

/// `30s`, `1500ms`, `2m`, `1h`, or a bare number of seconds.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = crate::input::unquote(text.trim());
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{text:?}: expected a duration such as 30s, 1500ms or 2m"))?;
    let seconds = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!(
                "{text:?}: unknown unit {other:?} (use ms, s, m or h)"
            ));
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{text:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(5)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("3d").is_err());
    }

    #[test]
    fn the_tree_is_consistent() {
        command().debug_assert();
        assert_eq!(crate::commands::all().count(), 63);
    }
}
