//! `porting`: UK carriers.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[Op {
    operation_id: "listPortingUKCarriers",
    method: "GET",
    path: "/porting/uk_carriers",
    group: "porting",
    verb: "list-uk-carriers",
    aliases: &[],
    summary: "List available carriers in the UK",
    description: "List available carriers in the UK.",
    example: "telnyx-porting porting list-uk-carriers",
    ids: &[],
    positional: None,
    query: &[],
    body: &[],
    takes_body: false,
    shape: Shape::One,
    run: one!(call, [], |c| c.porting().uk_carriers()),
}];
