//! `porting-orders:action-requirements`: actions an order requires.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "listPortingActionRequirements",
        method: "GET",
        path: "/porting_orders/{porting_order_id}/action_requirements",
        group: "porting-orders:action-requirements",
        verb: "list",
        aliases: &[],
        summary: "List action requirements for a porting order",
        description: "Returns a list of action requirements for a specific porting order.",
        example: "telnyx-porting porting-orders:action-requirements list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "porting-order-id",
            help: "The ID of the porting order.",
        }],
        positional: Some("porting-order-id"),
        query: &[
            QueryFlag {
                flag: "filter.action-type",
                key: "filter[action_type]",
                kind: QueryKind::Str,
                help: "Filter action requirements by action type. One of: au_id_verification.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.id",
                key: "filter[id]",
                kind: QueryKind::Multi,
                help: "Filter action requirements by a list of IDs. Repeat the flag (or comma-join) for several.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.requirement-type-id",
                key: "filter[requirement_type_id]",
                kind: QueryKind::Str,
                help: "Filter action requirements by requirement type ID.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.status",
                key: "filter[status]",
                kind: QueryKind::Str,
                help: "Filter action requirements by status. One of: created, pending, completed, cancelled, failed.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "sort.value",
                key: "sort[value]",
                kind: QueryKind::Str,
                help: "Specifies the sort order for results. One of: created_at, -created_at, updated_at, -updated_at.",
                aliases: &["sort"],
                typed: false,
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListActionRequirementsQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().action_requirements().list(id0, &q), c.porting_orders().action_requirements().list_all(id0, &q)),
    },
    Op {
        operation_id: "initiatePortingActionRequirement",
        method: "POST",
        path: "/porting_orders/{porting_order_id}/action_requirements/{id}/initiate",
        group: "porting-orders:action-requirements",
        verb: "initiate",
        aliases: &[],
        summary: "Initiate an action requirement",
        description: "Initiates a specific action requirement for a porting order.",
        example: "telnyx-porting porting-orders:action-requirements initiate --porting-order-id f1486bae-f067-460c-ad43-73a92848f902 a1b2c3 --params '{}'",
        ids: &[
            Id {
                flag: "porting-order-id",
                help: "The ID of the porting order.",
            },
            Id {
                flag: "id",
                help: "The ID of the action requirement.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[BodyFlag {
            flag: "params",
            path: &["params"],
            kind: BodyKind::Json,
            help: "(a JSON object; or set its fields one by one with the dotted flags)",
            alias: None,
        }],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: String = call.id(1)?, body = call.body()?], |c| c.porting_orders().action_requirements().initiate(id0, &id1, &body)),
    },
];
