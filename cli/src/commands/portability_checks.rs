//! `portability-checks`: can these numbers be ported?
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[Op {
    operation_id: "PostPortabilityCheck",
    method: "POST",
    path: "/portability_checks",
    group: "portability-checks",
    verb: "run",
    aliases: &[],
    summary: "Run a portability check",
    description: "Runs a portability check, returning the results immediately.",
    example: "telnyx-porting portability-checks run",
    ids: &[],
    positional: None,
    query: &[],
    body: &[BodyFlag {
        flag: "phone-number",
        path: &["phone_numbers"],
        kind: BodyKind::List,
        help: "The list of +E.164 formatted phone numbers to check for portability. Repeat the flag for each value.",
        alias: Some("phone-numbers"),
    }],
    takes_body: true,
    shape: Shape::One,
    run: one!(call, [body = call.body()?], |c| c
        .portability_checks()
        .run(&body)),
}];
