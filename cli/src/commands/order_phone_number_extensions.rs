//! `porting-orders:phone-number-extensions`: extension ranges.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "listPortingPhoneNumberExtensions",
        method: "GET",
        path: "/porting_orders/{porting_order_id}/phone_number_extensions",
        group: "porting-orders:phone-number-extensions",
        verb: "list",
        aliases: &[],
        summary: "List all phone number extensions",
        description: "Returns a list of all phone number extensions of a porting order.",
        example: "telnyx-porting porting-orders:phone-number-extensions list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone number extensions.",
        }],
        positional: Some("porting-order-id"),
        query: &[
            QueryFlag {
                flag: "filter.porting-phone-number-id",
                key: "filter[porting_phone_number_id]",
                kind: QueryKind::Str,
                help: "Filter results by porting phone number id.",
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
        run: list!(call, ListPhoneNumberExtensionsQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().phone_number_extensions().list(id0, &q), c.porting_orders().phone_number_extensions().list_all(id0, &q)),
    },
    Op {
        operation_id: "createPortingPhoneNumberExtension",
        method: "POST",
        path: "/porting_orders/{porting_order_id}/phone_number_extensions",
        group: "porting-orders:phone-number-extensions",
        verb: "create",
        aliases: &[],
        summary: "Create a phone number extension",
        description: "Creates a new phone number extension.",
        example: "telnyx-porting porting-orders:phone-number-extensions create f1486bae-f067-460c-ad43-73a92848f902 --porting-phone-number-id f24151b6-3389-41d3-8747-7dd8c681e5e2 --extension-range '{}' --activation-range VALUE",
        ids: &[Id {
            flag: "porting-order-id",
            help: "Identifies the Porting Order associated with the phone number extension.",
        }],
        positional: Some("porting-order-id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "activation-range",
                path: &["activation_ranges"],
                kind: BodyKind::ObjectList,
                help: "Specifies the activation ranges for this porting phone number extension. One JSON object per occurrence; repeat the flag for each.",
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
                flag: "extension-range",
                path: &["extension_range"],
                kind: BodyKind::Json,
                help: "(a JSON object; or set its fields one by one with the dotted flags)",
                alias: None,
            },
            BodyFlag {
                flag: "extension-range.end-at",
                path: &["extension_range", "end_at"],
                kind: BodyKind::Int,
                help: "Specifies the end of the extension range for this porting phone number extension.",
                alias: None,
            },
            BodyFlag {
                flag: "extension-range.start-at",
                path: &["extension_range", "start_at"],
                kind: BodyKind::Int,
                help: "Specifies the start of the extension range for this porting phone number extension.",
                alias: None,
            },
            BodyFlag {
                flag: "porting-phone-number-id",
                path: &["porting_phone_number_id"],
                kind: BodyKind::Str,
                help: "Identifies the porting phone number associated with this porting phone number extension.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().phone_number_extensions().create(id0, &body)),
    },
    Op {
        operation_id: "deletePortingPhoneNumberExtension",
        method: "DELETE",
        path: "/porting_orders/{porting_order_id}/phone_number_extensions/{id}",
        group: "porting-orders:phone-number-extensions",
        verb: "delete",
        aliases: &[],
        summary: "Delete a phone number extension",
        description: "Deletes a phone number extension.",
        example: "telnyx-porting porting-orders:phone-number-extensions delete --porting-order-id f1486bae-f067-460c-ad43-73a92848f902 f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "porting-order-id",
                help: "Identifies the Porting Order associated with the phone number extension.",
            },
            Id {
                flag: "id",
                help: "Identifies the phone number extension to be deleted.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?], |c| c.porting_orders().phone_number_extensions().delete(id0, id1)),
    },
];
