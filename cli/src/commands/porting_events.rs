//! `porting:events`: porting events.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "listPortingEvents",
        method: "GET",
        path: "/porting/events",
        group: "porting:events",
        verb: "list",
        aliases: &[],
        summary: "List all porting events",
        description: "Returns a list of all porting events.",
        example: "telnyx-porting porting:events list --format jsonl",
        ids: &[],
        positional: None,
        query: &[
            QueryFlag {
                flag: "filter.created-at.gte",
                key: "filter[created_at][gte]",
                kind: QueryKind::Str,
                help: "Filter by created at greater than or equal to.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.created-at.lte",
                key: "filter[created_at][lte]",
                kind: QueryKind::Str,
                help: "Filter by created at less than or equal to.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.porting-order-id",
                key: "filter[porting_order_id]",
                kind: QueryKind::Str,
                help: "Filter by porting order ID.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.type",
                key: "filter[type]",
                kind: QueryKind::Str,
                help: "Filter by event type. One of: porting_order.deleted, porting_order.loa_updated, porting_order.messaging_changed, porting_order.status_changed, porting_order.sharing_token_expired, porting_order.new_comment, porting_order.split.",
                aliases: &[],
                typed: false,
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(
            call,
            ListPortingEventsQuery,
            [],
            |c, q| c.porting().events().list(&q),
            c.porting().events().list_all(&q)
        ),
    },
    Op {
        operation_id: "showPortingEvent",
        method: "GET",
        path: "/porting/events/{id}",
        group: "porting:events",
        verb: "retrieve",
        aliases: &[],
        summary: "Show a porting event",
        description: "Show a specific porting event.",
        example: "telnyx-porting porting:events retrieve f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Identifies the porting event.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: Uuid = call.id(0)?], |c| c.porting().events().retrieve(id0)),
    },
    Op {
        operation_id: "republishPortingEvent",
        method: "POST",
        path: "/porting/events/{id}/republish",
        group: "porting:events",
        verb: "republish",
        aliases: &[],
        summary: "Republish a porting event",
        description: "Republish a specific porting event.",
        example: "telnyx-porting porting:events republish f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Identifies the porting event.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::Empty,
        run: empty!(call, [id0: Uuid = call.id(0)?], |c| c.porting().events().republish(id0)),
    },
];
