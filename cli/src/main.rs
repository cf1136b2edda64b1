//! `telnyx-porting`: the Telnyx porting API from the shell, bulk porting orders from a file,
//! and the embedded sandbox as a server for any language's tests.
//!
//! Every request goes through the `telnyx-porting` library's endpoint traits and `Client`;
//! this crate parses flags, builds the typed request, and prints the answer.

mod bulk;
mod capture;
mod cli;
mod commands;
mod debug;
mod errors;
mod input;
mod output;
mod port;
mod run;
mod sandbox;

use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = match cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let code = run::main(matches);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
