//! `porting-orders:phone-number-blocks`: blocks of numbers.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "listPortingPhoneNumberBlocks",
        method: "GET",
        path: "/porting_orders/{porting_order_id}/phone_number_blocks",
        group: "porting-orders:phone-number-blocks",
        verb: "list",
        aliases: &[],
        summary: "List all phone number blocks",
        description: "Returns a list of all phone number blocks of a porting order.",
        example: "telnyx-porting porting-orders:phone-number-blocks list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone number blocks.",
        }],
        positional: Some("porting-order-id"),
        query: &[
            QueryFlag {
                flag: "filter.activation-status",
                key: "filter[activation_status]",
                kind: QueryKind::Str,
                help: "Activation status. One of: New, Pending, Conflict, Cancel Pending, Failed, Concurred, Activate RDY, Disconnect Pending, Concurrence Sent, Old, Sending, Active, Cancelled.",
                aliases: &[],
            },
            QueryFlag {
                flag: "filter.phone-number",
                key: "filter[phone_number]",
                kind: QueryKind::Multi,
                help: "Filter results by a list of phone numbers. Repeat the flag (or comma-join) for several.",
                aliases: &[],
            },
            QueryFlag {
                flag: "filter.portability-status",
                key: "filter[portability_status]",
                kind: QueryKind::Str,
                help: "Specifies whether Telnyx is able to confirm portability this number in the United States & Canada. One of: pending, confirmed, provisional.",
                aliases: &[],
            },
            QueryFlag {
                flag: "filter.porting-order-id",
                key: "filter[porting_order_id]",
                kind: QueryKind::Multi,
                help: "Filter results by a list of porting order ids. Repeat the flag (or comma-join) for several.",
                aliases: &[],
            },
            QueryFlag {
                flag: "filter.status",
                key: "filter[status]",
                kind: QueryKind::Multi,
                help: "Filter porting orders by status(es). Repeat the flag (or comma-join) for several.",
                aliases: &[],
            },
            QueryFlag {
                flag: "filter.support-key",
                key: "filter[support_key]",
                kind: QueryKind::Multi,
                help: "Filter results by support key(s). Repeat the flag (or comma-join) for several.",
                aliases: &[],
            },
            QueryFlag {
                flag: "sort.value",
                key: "sort[value]",
                kind: QueryKind::Str,
                help: "Specifies the sort order for results. One of: -created_at, created_at.",
                aliases: &["sort"],
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListPhoneNumberBlocksQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().phone_number_blocks().list(id0, &q), c.porting_orders().phone_number_blocks().list_all(id0, &q)),
    },
    Op {
        operation_id: "createPortingPhoneNumberBlock",
        method: "POST",
        path: "/porting_orders/{porting_order_id}/phone_number_blocks",
        group: "porting-orders:phone-number-blocks",
        verb: "create",
        aliases: &[],
        summary: "Create a phone number block",
        description: "Creates a new phone number block.",
        example: "telnyx-porting porting-orders:phone-number-blocks create f1486bae-f067-460c-ad43-73a92848f902 --phone-number-range '{}' --activation-range VALUE",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone number block.",
        }],
        positional: Some("porting-order-id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "activation-range",
                path: &["activation_ranges"],
                kind: BodyKind::ObjectList,
                help: "Specifies the activation ranges for this porting phone number block. One JSON object per occurrence; repeat the flag for each.",
                alias: Some("activation-ranges"),
            },
            BodyFlag {
                flag: "activation-range.end-at",
                path: &["activation_ranges", "end_at"],
                kind: BodyKind::ItemField,
                help: "Specifies the end of the activation range. Sets end_at of the current --activation-range element.",
                alias: None,
            },
            BodyFlag {
                flag: "activation-range.start-at",
                path: &["activation_ranges", "start_at"],
                kind: BodyKind::ItemField,
                help: "Specifies the start of the activation range. Sets start_at of the current --activation-range element.",
                alias: None,
            },
            BodyFlag {
                flag: "phone-number-range",
                path: &["phone_number_range"],
                kind: BodyKind::Json,
                help: "(a JSON object; or set its fields one by one with the dotted flags)",
                alias: None,
            },
            BodyFlag {
                flag: "phone-number-range.end-at",
                path: &["phone_number_range", "end_at"],
                kind: BodyKind::Str,
                help: "Specifies the end of the phone number range for this porting phone number block.",
                alias: None,
            },
            BodyFlag {
                flag: "phone-number-range.start-at",
                path: &["phone_number_range", "start_at"],
                kind: BodyKind::Str,
                help: "Specifies the start of the phone number range for this porting phone number block.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().phone_number_blocks().create(id0, &body)),
    },
    Op {
        operation_id: "deletePortingPhoneNumberBlock",
        method: "DELETE",
        path: "/porting_orders/{porting_order_id}/phone_number_blocks/{id}",
        group: "porting-orders:phone-number-blocks",
        verb: "delete",
        aliases: &[],
        summary: "Delete a phone number block",
        description: "Deletes a phone number block.",
        example: "telnyx-porting porting-orders:phone-number-blocks delete --porting-order-id f1486bae-f067-460c-ad43-73a92848f902 f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "porting-order-id",
                help: "Identifies the Porting Order associated with the phone number block.",
            },
            Id {
                flag: "id",
                help: "Identifies the phone number block to be deleted.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?], |c| c.porting_orders().phone_number_blocks().delete(id0, id1)),
    },
];
