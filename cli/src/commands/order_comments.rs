//! `porting-orders:comments`: comments on an order.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListPortingOrderComments",
        method: "GET",
        path: "/porting_orders/{id}/comments",
        group: "porting-orders:comments",
        verb: "list",
        aliases: &[],
        summary: "List all comments of a porting order",
        description: "Returns a list of all comments of a porting order.",
        example: "telnyx-porting porting-orders:comments list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListCommentsQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().comments().list(id0, &q), c.porting_orders().comments().list_all(id0, &q)),
    },
    Op {
        operation_id: "CreatePortingOrderComment",
        method: "POST",
        path: "/porting_orders/{id}/comments",
        group: "porting-orders:comments",
        verb: "create",
        aliases: &[],
        summary: "Create a comment for a porting order",
        description: "Creates a new comment for a porting order.",
        example: "telnyx-porting porting-orders:comments create f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[BodyFlag {
            flag: "body",
            path: &["body"],
            kind: BodyKind::Str,
            help: "",
            alias: None,
        }],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().comments().create(id0, &body)),
    },
];
