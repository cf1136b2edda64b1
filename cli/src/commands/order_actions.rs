//! `porting-orders:actions`: activate, cancel, confirm and share an order.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ActivatePortingOrder",
        method: "POST",
        path: "/porting_orders/{id}/actions/activate",
        group: "porting-orders:actions",
        verb: "activate",
        aliases: &[],
        summary: "Activate every number in a porting order asynchronously.",
        description: "Activate each number in a porting order asynchronously. This operation is limited to US FastPort orders only.",
        example: "telnyx-porting porting-orders:actions activate f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?], |c| c.porting_orders().actions().activate(id0)),
    },
    Op {
        operation_id: "CancelPortingOrder",
        method: "POST",
        path: "/porting_orders/{id}/actions/cancel",
        group: "porting-orders:actions",
        verb: "cancel",
        aliases: &[],
        summary: "Cancel a porting order",
        description: "Cancel a porting order",
        example: "telnyx-porting porting-orders:actions cancel f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?], |c| c.porting_orders().actions().cancel(id0)),
    },
    Op {
        operation_id: "ConfirmPortingOrder",
        method: "POST",
        path: "/porting_orders/{id}/actions/confirm",
        group: "porting-orders:actions",
        verb: "confirm",
        aliases: &[],
        summary: "Submit a porting order.",
        description: "Confirm and submit your porting order.",
        example: "telnyx-porting porting-orders:actions confirm f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?], |c| c.porting_orders().actions().confirm(id0)),
    },
    Op {
        operation_id: "SharePortingOrder",
        method: "POST",
        path: "/porting_orders/{id}/actions/share",
        group: "porting-orders:actions",
        verb: "share",
        aliases: &[],
        summary: "Share a porting order",
        description: "Creates a sharing token for a porting order. The token can be used to share the porting order with non-Telnyx users.",
        example: "telnyx-porting porting-orders:actions share f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "expires-in-seconds",
                path: &["expires_in_seconds"],
                kind: BodyKind::Int,
                help: "The number of seconds the token will be valid for.",
                alias: None,
            },
            BodyFlag {
                flag: "permissions",
                path: &["permissions"],
                kind: BodyKind::Str,
                help: "The permissions the token will have. One of: porting_order.document.read, porting_order.document.update.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().actions().share(id0, &body)),
    },
];
