//! The command table: one entry ([`Op`]) per operation of the porting and documents APIs, one
//! module per command group, each entry a thin layer over one library call.
//!
//! The group modules are written by `scripts/gen-cli-commands.py` from the spec (summary,
//! description, path ids, query filters, body fields) and the script's own table (group, verb,
//! library call). This module turns an entry into a `clap` command ([`command`]) and runs it:
//! flags become a JSON body that is decoded into the library's typed request (so the library
//! validates it), query flags become query parameters of the call, and the answer goes to the
//! `Printer` (`crate::output`).

use std::future::Future;
use std::pin::Pin;

use clap::{Arg, ArgAction, Command};

use crate::errors::CliError;

mod call;
pub(crate) use call::{Call, PageSelection};

/// Every group's commands, in the order `--help` lists the groups.
pub(crate) const GROUPS: &[(&str, &str, &[Op])] = &[
    (
        "porting-orders",
        "Porting orders: create, retrieve, update, list, delete",
        porting_orders::OPS,
    ),
    (
        "porting-orders:actions",
        "Activate, cancel, confirm or share a porting order",
        order_actions::OPS,
    ),
    (
        "porting-orders:action-requirements",
        "Actions a porting order requires",
        order_action_requirements::OPS,
    ),
    (
        "porting-orders:activation-jobs",
        "FastPort activation jobs of a porting order",
        order_activation_jobs::OPS,
    ),
    (
        "porting-orders:additional-documents",
        "Documents attached to a porting order",
        order_documents::OPS,
    ),
    (
        "porting-orders:associated-phone-numbers",
        "Numbers associated with a partial port",
        order_associated_phone_numbers::OPS,
    ),
    (
        "porting-orders:comments",
        "Comments on a porting order",
        order_comments::OPS,
    ),
    (
        "porting-orders:phone-number-blocks",
        "Blocks of numbers of a porting order",
        order_phone_number_blocks::OPS,
    ),
    (
        "porting-orders:phone-number-configurations",
        "Configurations of porting phone numbers",
        order_phone_number_configurations::OPS,
    ),
    (
        "porting-orders:phone-number-extensions",
        "Extension ranges of a porting order",
        order_phone_number_extensions::OPS,
    ),
    (
        "porting-orders:verification-codes",
        "Verification codes proving ownership of the numbers",
        order_verification_codes::OPS,
    ),
    ("porting", "UK carriers", porting::OPS),
    ("porting:events", "Porting events", porting_events::OPS),
    ("porting:reports", "Porting reports", porting_reports::OPS),
    (
        "porting:loa-configurations",
        "LOA configurations and their previews",
        porting_loa_configurations::OPS,
    ),
    (
        "porting-phone-numbers",
        "Phone numbers across porting orders",
        porting_phone_numbers::OPS,
    ),
    (
        "portability-checks",
        "Can these numbers be ported?",
        portability_checks::OPS,
    ),
    (
        "documents",
        "Documents: upload the LOA and the invoice, list, download, delete",
        documents::OPS,
    ),
    (
        "document-links",
        "Which resources use which documents",
        document_links::OPS,
    ),
];

/// One operation as a command.
pub(crate) struct Op {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// The HTTP method, for `--help`.
    pub method: &'static str,
    /// The path template, for `--help`.
    pub path: &'static str,
    /// The command group, such as `porting-orders:comments`.
    pub group: &'static str,
    /// The verb, such as `create`.
    pub verb: &'static str,
    /// Other names of the verb (the official CLI's `preview-0`, say).
    pub aliases: &'static [&'static str],
    /// The spec's summary.
    pub summary: &'static str,
    /// The spec's description.
    pub description: &'static str,
    /// One example command line.
    pub example: &'static str,
    /// The path ids, in path order.
    pub ids: &'static [Id],
    /// The id flag the first positional argument fills.
    pub positional: Option<&'static str>,
    /// Query parameters other than the page.
    pub query: &'static [QueryFlag],
    /// Body fields.
    pub body: &'static [BodyFlag],
    /// Whether the operation takes a JSON body (and so `--data`).
    pub takes_body: bool,
    /// What comes back.
    pub shape: Shape,
    /// Sends the request through the library.
    pub run: fn(Call) -> RunFuture,
}

/// A path id flag.
pub(crate) struct Id {
    pub flag: &'static str,
    pub help: &'static str,
}

/// A query parameter flag.
pub(crate) struct QueryFlag {
    pub flag: &'static str,
    /// The query key as sent, such as `filter[misc][type]`.
    pub key: &'static str,
    pub kind: QueryKind,
    pub help: &'static str,
    /// Hidden other spellings.
    pub aliases: &'static [&'static str],
    /// Parsed into the library's typed query of the call (`Call::query_arg`) instead of sent
    /// as a raw query pair.
    pub typed: bool,
}

/// How a query flag's values are sent.
#[derive(Clone, Copy)]
pub(crate) enum QueryKind {
    /// One value.
    Str,
    /// `true` or `false` (the bare flag means `true`).
    Bool,
    /// Repeatable; the values go out comma-joined.
    Multi,
}

/// A body field flag.
pub(crate) struct BodyFlag {
    pub flag: &'static str,
    /// Where the value goes in the JSON body.
    pub path: &'static [&'static str],
    pub kind: BodyKind,
    pub help: &'static str,
    /// A hidden other spelling (the plural of a repeated flag).
    pub alias: Option<&'static str>,
}

/// How a body flag's value becomes JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Str,
    NullableStr,
    Int,
    NullableInt,
    #[allow(dead_code)] // No spec field of this type today; the generator can emit it.
    Number,
    Bool,
    /// A JSON value (an object, usually).
    Json,
    /// Repeatable; each occurrence one string of an array.
    List,
    /// Repeatable; each occurrence one number of an array.
    #[allow(dead_code)] // No spec field of this type today; the generator can emit it.
    NumberList,
    /// Repeatable; each occurrence one JSON object of an array.
    ObjectList,
    /// One field of the current element of an `ObjectList` (`path` is `[array, field]`); a new
    /// element starts when the current one already has the field.
    ItemField,
    /// A path to a file to upload: the library reads and base64-encodes it into the field,
    /// and the file's name goes to `filename` unless the body has one.
    FilePath,
    /// Base64 sent as is, or `@PATH`: a file read as for [`BodyKind::FilePath`].
    Base64OrPath,
}

/// What an operation answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A JSON document.
    One,
    /// Pages of items.
    List,
    /// `204 No Content`.
    Empty,
    /// A PDF.
    Binary,
}

/// The future an [`Op`] runs.
pub(crate) type RunFuture = Pin<Box<dyn Future<Output = Result<(), CliError>>>>;

/// An operation that answers JSON.
macro_rules! one {
    ($call:ident, [$($v:ident $(: $t:ty)? = $init:expr),*], |$c:ident| $e:expr) => {
        |$call: Call| -> super::RunFuture {
            Box::pin(async move {
                $(let $v $(: $t)? = $init;)*
                let $c = $call.client.clone();
                let response = $e.await?;
                $call.respond(&response)
            })
        }
    };
}

/// An operation that answers `204 No Content`.
macro_rules! empty {
    ($call:ident, [$($v:ident $(: $t:ty)? = $init:expr),*], |$c:ident| $e:expr) => {
        |$call: Call| -> super::RunFuture {
            Box::pin(async move {
                $(let $v $(: $t)? = $init;)*
                let $c = $call.client.clone();
                $e.await?;
                Ok(())
            })
        }
    };
}

/// An operation that answers a PDF.
macro_rules! binary {
    ($call:ident, [$($v:ident $(: $t:ty)? = $init:expr),*], |$c:ident| $e:expr) => {
        |$call: Call| -> super::RunFuture {
            Box::pin(async move {
                $(let $v $(: $t)? = $init;)*
                crate::output::check_binary_target($call.output.as_deref())?;
                let $c = $call.client.clone();
                let response = $e.await?;
                $call.binary(response)
            })
        }
    };
}

/// A paginated list: `$e` fetches the one page `--page-number` names, `$all` is the library's
/// walker over every page (`list_all`).
macro_rules! list {
    ($call:ident, $q:ty, [$($v:ident $(: $t:ty)? = $init:expr),*], |$c:ident, $qv:ident| $e:expr, $all:expr) => {
        |$call: Call| -> super::RunFuture {
            Box::pin(async move {
                $(let $v $(: $t)? = $init;)*
                let $qv = $call.page_query(<$q>::new(), |q, size| q.page_size(size));
                let $c = $call.client.clone();
                if $call.page.number.is_some() {
                    let page = $e.await?;
                    $call.page(page)
                } else {
                    let pages = $all;
                    $call.walk(pages).await
                }
            })
        }
    };
}

/// What the generated group modules use.
mod prelude {
    pub(crate) use super::{BodyFlag, BodyKind, Call, Id, Op, QueryFlag, QueryKind, Shape};
    pub(crate) use telnyx_porting::models::*;
    pub(crate) use telnyx_porting::prelude::*;
    pub(crate) use telnyx_porting::uuid::Uuid;
}

// The groups (after the macros, which they use).
mod document_links;
mod documents;
mod order_action_requirements;
mod order_actions;
mod order_activation_jobs;
mod order_associated_phone_numbers;
mod order_comments;
mod order_documents;
mod order_phone_number_blocks;
mod order_phone_number_configurations;
mod order_phone_number_extensions;
mod order_verification_codes;
mod portability_checks;
mod porting;
mod porting_events;
mod porting_loa_configurations;
mod porting_orders;
mod porting_phone_numbers;
mod porting_reports;

/// Every operation, group by group.
pub(crate) fn all() -> impl Iterator<Item = &'static Op> {
    GROUPS.iter().flat_map(|(_, _, ops)| ops.iter())
}

/// The operation `group verb` names (the verb or one of its aliases).
pub(crate) fn find(group: &str, verb: &str) -> Option<&'static Op> {
    all().find(|op| op.group == group && (op.verb == verb || op.aliases.contains(&verb)))
}

/// The `clap` commands of every group.
pub(crate) fn groups() -> Vec<Command> {
    GROUPS
        .iter()
        .map(|(name, about, ops)| {
            Command::new(*name)
                .about(*about)
                .subcommand_required(true)
                .arg_required_else_help(true)
                .subcommands(ops.iter().map(command))
        })
        .collect()
}

/// The `clap` command of one operation: its ids, query and body flags, `--data`, paging and
/// `--output`, with the spec's description and an example in `--help`.
pub(crate) fn command(op: &'static Op) -> Command {
    let mut long = format!(
        "{}\n\n{}\n\n{} {}",
        op.summary, op.description, op.method, op.path
    );
    if op.positional.is_some() {
        let flag = op.positional.unwrap_or("id");
        long.push_str(&format!("\n\nThe first argument, when given, is --{flag}."));
    }
    let mut cmd = Command::new(op.verb)
        .about(op.summary)
        .long_about(long)
        .after_help(format!("Example:\n  {}", op.example))
        .visible_aliases(op.aliases.iter().copied());
    if let Some(flag) = op.positional {
        cmd = cmd.arg(
            Arg::new("positional-id")
                .value_name("ID")
                .help(format!("Same as --{flag}"))
                .num_args(1),
        );
    }
    for id in op.ids {
        cmd = cmd.arg(
            Arg::new(id.flag)
                .long(id.flag)
                .value_name("ID")
                .help(id.help)
                .help_heading("Path"),
        );
    }
    for q in op.query {
        let mut arg = Arg::new(q.flag)
            .long(q.flag)
            .help(format!("{} [query: {}]", q.help, q.key))
            .help_heading("Query")
            .aliases(q.aliases.iter().copied());
        if q.key.starts_with("sort") {
            // Descending orders start with `-`: `--sort -created_at`.
            arg = arg.allow_hyphen_values(true);
        }
        arg = match q.kind {
            QueryKind::Str => arg.value_name("VALUE"),
            QueryKind::Multi => arg.value_name("VALUE").action(ArgAction::Append),
            QueryKind::Bool => arg
                .value_name("BOOL")
                .num_args(0..=1)
                .default_missing_value("true")
                .value_parser(["true", "false"]),
        };
        cmd = cmd.arg(arg);
    }
    if op.shape == Shape::List {
        cmd = cmd
            .arg(
                Arg::new("page-size")
                    .long("page-size")
                    .alias("page.size")
                    .value_name("N")
                    .value_parser(clap::value_parser!(u64))
                    .help("Items per page, 1 to 250 [query: page[size]]")
                    .help_heading("Paging"),
            )
            .arg(
                Arg::new("page-number")
                    .long("page-number")
                    .alias("page.number")
                    .value_name("N")
                    .value_parser(clap::value_parser!(u64))
                    .help("Fetch this page only, from 1 [query: page[number]]; without it every page is walked")
                    .help_heading("Paging"),
            )
            .arg(
                Arg::new("max-items")
                    .long("max-items")
                    .value_name("N")
                    .value_parser(clap::value_parser!(u64))
                    .help("Stop after N items")
                    .help_heading("Paging"),
            );
    }
    for b in op.body {
        let mut arg = Arg::new(b.flag)
            .long(b.flag)
            .help(format!("{} [body: {}]", b.help, b.path.join(".")))
            .help_heading("Body");
        if let Some(alias) = b.alias {
            arg = arg.alias(alias);
        }
        arg = match b.kind {
            BodyKind::List | BodyKind::NumberList | BodyKind::ObjectList | BodyKind::ItemField => {
                arg.value_name(value_name(b.kind)).action(ArgAction::Append)
            }
            BodyKind::Bool => arg
                .value_name("BOOL")
                .num_args(0..=1)
                .default_missing_value("true"),
            kind => arg.value_name(value_name(kind)),
        };
        cmd = cmd.arg(arg);
    }
    if op.takes_body {
        cmd = cmd.arg(
            Arg::new("data")
                .long("data")
                .value_name("JSON|@FILE|-")
                .help(
                    "The whole JSON body: inline, @FILE, or - for stdin; flags override its fields",
                )
                .help_heading("Body"),
        );
    }
    if op.shape == Shape::Binary {
        cmd = cmd.arg(
            Arg::new("output")
                .long("output")
                .short('o')
                .value_name("FILE")
                .help("Where to write the answer's bytes (- or nothing: stdout, never onto a terminal)"),
        );
    }
    if op.operation_id == "CreatePortingOrder" {
        cmd = crate::bulk::args(cmd);
    }
    cmd
}

fn value_name(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Int | BodyKind::NullableInt | BodyKind::Number | BodyKind::NumberList => "NUMBER",
        BodyKind::Json | BodyKind::ObjectList => "JSON",
        BodyKind::FilePath => "PATH",
        BodyKind::Base64OrPath => "BASE64|@PATH",
        _ => "VALUE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits an example the way a POSIX shell would (single quotes only, as the examples use).
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut any = false;
        for c in line.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    any = true;
                }
                ' ' if !quoted => {
                    if any || !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    any = false;
                }
                c => cur.push(c),
            }
        }
        if any || !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    #[test]
    fn every_command_has_its_description_and_a_working_example() {
        let mut seen = std::collections::BTreeSet::new();
        for op in all() {
            assert!(
                seen.insert((op.operation_id, op.verb)),
                "{} {} twice",
                op.operation_id,
                op.verb
            );
            let help = command(op).render_long_help().to_string();
            assert!(help.contains(op.summary), "{}", op.operation_id);
            assert!(help.contains("Example:"), "{}", op.operation_id);
            let args = words(op.example);
            let parsed = crate::cli::command().try_get_matches_from(&args);
            assert!(
                parsed.is_ok(),
                "{}: {:?}: {:?}",
                op.operation_id,
                args,
                parsed.err()
            );
            assert_eq!(
                find(op.group, op.verb).map(|o| o.operation_id),
                Some(op.operation_id)
            );
        }
        // 54 porting operations and 8 documents operations; `CreateDocument` is two commands.
        assert_eq!(seen.len(), 63);
    }
}
