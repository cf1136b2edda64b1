//! Running a parsed command line: the client from the global flags, then the operation, bulk
//! creation, the sandbox server or completions.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::rc::Rc;

use clap::ArgMatches;
use telnyx_porting::sandbox::Sandbox;
use telnyx_porting::{Client, RequestOptions};

use crate::capture::RawBodies;
use crate::cli::{self, Global};
use crate::commands::{self, Call, Op};
use crate::errors::{CliError, exit};
use crate::output::Printer;

/// Runs the command and returns the exit code; errors are printed on stderr.
pub(crate) fn main(matches: ArgMatches) -> i32 {
    let global = match cli::global(&matches) {
        Ok(g) => g,
        Err(e) => {
            let _ = e.print();
            return exit::USAGE;
        }
    };
    let outcome = match matches.subcommand() {
        Some(("completions", m)) => completions(m),
        Some(("sandbox", m)) => crate::sandbox::main(m),
        Some(("port", m)) => crate::port::main(&global, m),
        Some((group, m)) => match m.subcommand() {
            Some((verb, vm)) => match commands::find(group, verb) {
                Some(op) => runtime().and_then(|rt| rt.block_on(operation(&global, op, vm))),
                None => Err(CliError::usage(format!("unknown command {group} {verb}"))),
            },
            None => Err(CliError::usage(format!("{group}: a verb is required"))),
        },
        None => Err(CliError::usage("a command is required; see --help")),
    };
    match outcome {
        Ok(()) => exit::OK,
        Err(e) => {
            let text = e.render();
            if !text.is_empty() {
                let _ = writeln!(std::io::stderr(), "{text}");
            }
            e.exit_code()
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::other(format!("cannot start the async runtime: {e}")))
}

fn completions(m: &ArgMatches) -> Result<(), CliError> {
    let shell = m
        .get_one::<clap_complete::Shell>("shell")
        .copied()
        .ok_or_else(|| CliError::usage("which shell?"))?;
    let mut cmd = cli::command();
    clap_complete::generate(shell, &mut cmd, "telnyx-porting", &mut std::io::stdout());
    Ok(())
}

/// The client the global flags describe (without per-call options).
pub(crate) fn base_client(global: &Global) -> Result<Client, CliError> {
    let Some(key) = global.api_key.as_deref().map(crate::input::unquote) else {
        return Err(CliError::usage(
            "no API key: pass --api-key KEY or set TELNYX_API_KEY (or use --sandbox)",
        ));
    };
    if key.is_empty() {
        return Err(CliError::usage("the API key is empty"));
    }
    let mut builder = Client::builder()
        .api_key(key)
        .user_agent(concat!("telnyx-porting-cli/", env!("CARGO_PKG_VERSION")));
    if let Some(url) = &global.base_url {
        builder = builder.base_url(crate::input::unquote(url));
    }
    Ok(builder.build()?)
}

/// The per-call options of the global flags, plus query parameters.
pub(crate) fn options(global: &Global, query: Vec<(String, String)>) -> RequestOptions {
    let mut options = RequestOptions::new();
    if let Some(timeout) = global.timeout {
        options = options.timeout(timeout);
    }
    if let Some(retries) = global.max_retries {
        options = options.max_retries(retries);
    }
    for (key, value) in query {
        options = options.query(key, value);
    }
    options
}

/// The client a command runs with, and the per-call options of the global flags (`query`
/// added, `--debug`'s hook on) to put on it: the API, or with `--sandbox` a fresh embedded
/// sandbox, returned too so that it lives as long as the command.
pub(crate) async fn command_client(
    global: &Global,
    query: Vec<(String, String)>,
) -> Result<(Client, Option<Sandbox>, RequestOptions), CliError> {
    let sandbox = if global.sandbox {
        Some(crate::sandbox::start_embedded().await?)
    } else {
        None
    };
    let (client, secret) = match &sandbox {
        Some(s) => (
            s.client()?,
            Some(telnyx_porting::sandbox::SANDBOX_API_KEY.to_owned()),
        ),
        None => (base_client(global)?, global.api_key.clone()),
    };
    let mut options = options(global, query);
    if global.debug {
        // Every attempt as the library sends and receives it.
        options = options.hook(crate::debug::DebugHook { secret });
    }
    Ok((client, sandbox, options))
}

async fn operation(global: &Global, op: &'static Op, m: &ArgMatches) -> Result<(), CliError> {
    // Everything from the flags first: a bad flag sends nothing.
    let ids = crate::input::ids(op, m)?;
    let query = crate::input::query(op, m);
    let typed_query = crate::input::typed_query(op, m);
    let page = crate::input::page(m);
    let body = crate::input::body(op, m)?;
    let bulk = crate::bulk::requested(op, m).map(|b| b.with_template(body.clone()));

    let (client, _sandbox, mut options) = command_client(global, query).await?;
    let printer = Rc::new(RefCell::new(Printer::stdout(
        global.format,
        global.transform.as_deref(),
    )));
    // `--format raw`: the bodies as received, from a hook; a bulk run prints its summary.
    let raw = (printer.borrow().is_raw() && bulk.is_none()).then(RawBodies::default);
    if let Some(raw) = &raw {
        options = options.hook(raw.clone());
    }
    let client = client.with_options(options);

    let outcome = match bulk {
        Some(args) => crate::bulk::run(client, args, &printer).await,
        None => {
            let call = Call {
                client,
                ids,
                body,
                page,
                printer: Rc::clone(&printer),
                output: m.try_get_one::<String>("output").ok().flatten().cloned(),
                raw,
                query: typed_query,
            };
            (op.run)(call).await
        }
    };
    // Close what was opened (a JSON array, say) even after an error, so stdout stays valid.
    let finished = printer.borrow_mut().finish();
    let orders = printer.borrow().items_printed();
    if op.operation_id == "CreatePortingOrder"
        && outcome.is_ok()
        && orders > 1
        && std::io::stderr().is_terminal()
    {
        let _ = writeln!(
            std::io::stderr(),
            "note: the API split this request into {orders} orders (by carrier or number type)"
        );
    }
    outcome.and(finished)
}
