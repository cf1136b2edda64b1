//! `porting-orders:associated-phone-numbers`: numbers associated with a partial port.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "listPortingAssociatedPhoneNumbers",
        method: "GET",
        path: "/porting_orders/{porting_order_id}/associated_phone_numbers",
        group: "porting-orders:associated-phone-numbers",
        verb: "list",
        aliases: &[],
        summary: "List all associated phone numbers",
        description: "Returns a list of all associated phone numbers for a porting order. Associated phone numbers are used for partial porting in GB to specify which phone numbers should be kept or disconnected.",
        example: "telnyx-porting porting-orders:associated-phone-numbers list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone numbers.",
        }],
        positional: Some("porting-order-id"),
        query: &[
            QueryFlag {
                flag: "filter.action",
                key: "filter[action]",
                kind: QueryKind::Str,
                help: "Filter results by action type. One of: keep, disconnect.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.phone-number",
                key: "filter[phone_number]",
                kind: QueryKind::Str,
                help: "Filter results by a phone number.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "sort.value",
                key: "sort[value]",
                kind: QueryKind::Str,
                help: "Specifies the sort order for results. One of: -created_at, created_at.",
                aliases: &["sort"],
                typed: false,
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListAssociatedPhoneNumbersQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().associated_phone_numbers().list(id0, &q), c.porting_orders().associated_phone_numbers().list_all(id0, &q)),
    },
    Op {
        operation_id: "createPortingAssociatedPhoneNumber",
        method: "POST",
        path: "/porting_orders/{porting_order_id}/associated_phone_numbers",
        group: "porting-orders:associated-phone-numbers",
        verb: "create",
        aliases: &[],
        summary: "Create an associated phone number",
        description: "Creates a new associated phone number for a porting order. This is used for partial porting in GB to specify which phone numbers should be kept or disconnected.",
        example: "telnyx-porting porting-orders:associated-phone-numbers create f1486bae-f067-460c-ad43-73a92848f902 --phone-number-range '{}' --action keep",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone number.",
        }],
        positional: Some("porting-order-id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "action",
                path: &["action"],
                kind: BodyKind::Str,
                help: "Specifies the action to take with this phone number during partial porting. One of: keep, disconnect.",
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
                help: "Specifies the end of the phone number range for this associated phone number.",
                alias: None,
            },
            BodyFlag {
                flag: "phone-number-range.start-at",
                path: &["phone_number_range", "start_at"],
                kind: BodyKind::Str,
                help: "Specifies the start of the phone number range for this associated phone number.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().associated_phone_numbers().create(id0, &body)),
    },
    Op {
        operation_id: "deletePortingAssociatedPhoneNumber",
        method: "DELETE",
        path: "/porting_orders/{porting_order_id}/associated_phone_numbers/{id}",
        group: "porting-orders:associated-phone-numbers",
        verb: "delete",
        aliases: &[],
        summary: "Delete an associated phone number",
        description: "Deletes an associated phone number from a porting order.",
        example: "telnyx-porting porting-orders:associated-phone-numbers delete --porting-order-id f1486bae-f067-460c-ad43-73a92848f902 f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "porting-order-id",
                help: "Identifies the Porting Order associated with the phone number.",
            },
            Id {
                flag: "id",
                help: "Identifies the associated phone number to be deleted.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?], |c| c.porting_orders().associated_phone_numbers().delete(id0, id1)),
    },
];
