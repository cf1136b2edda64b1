//! `porting-phone-numbers`: numbers across porting orders.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[Op {
    operation_id: "ListPortingPhoneNumbers",
    method: "GET",
    path: "/porting_phone_numbers",
    group: "porting-phone-numbers",
    verb: "list",
    aliases: &[],
    summary: "List all porting phone numbers",
    description: "Returns a list of your porting phone numbers.",
    example: "telnyx-porting porting-phone-numbers list --format jsonl",
    ids: &[],
    positional: None,
    query: &[QueryFlag {
        flag: "filter.porting-order-status",
        key: "filter[porting_order_status]",
        kind: QueryKind::Str,
        help: "Filter results by porting order status. One of: draft, in-process, submitted, exception, foc-date-confirmed, cancel-pending, ported, cancelled.",
        aliases: &[],
        typed: false,
    }],
    body: &[],
    takes_body: false,
    shape: Shape::List,
    run: list!(
        call,
        ListPortingPhoneNumbersQuery,
        [],
        |c, q| c.porting_phone_numbers().list(&q),
        c.porting_phone_numbers().list_all(&q)
    ),
}];
