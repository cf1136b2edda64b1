//! `porting-orders:verification-codes`: codes proving ownership of the numbers.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListVerificationCodes",
        method: "GET",
        path: "/porting_orders/{id}/verification_codes",
        group: "porting-orders:verification-codes",
        verb: "list",
        aliases: &[],
        summary: "List verification codes",
        description: "Returns a list of verification codes for a porting order.",
        example: "telnyx-porting porting-orders:verification-codes list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[
            QueryFlag {
                flag: "filter.verified",
                key: "filter[verified]",
                kind: QueryKind::Str,
                help: "Filter verification codes that have been verified or not.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "sort.value",
                key: "sort[value]",
                kind: QueryKind::Str,
                help: "Specifies the sort order for results. One of: created_at, -created_at.",
                aliases: &["sort"],
                typed: false,
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListVerificationCodesQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().verification_codes().list(id0, &q), c.porting_orders().verification_codes().list_all(id0, &q)),
    },
    Op {
        operation_id: "SendPortingVerificationCodes",
        method: "POST",
        path: "/porting_orders/{id}/verification_codes/send",
        group: "porting-orders:verification-codes",
        verb: "send",
        aliases: &[],
        summary: "Send the verification codes",
        description: "Send the verification code for all porting phone numbers.",
        example: "telnyx-porting porting-orders:verification-codes send f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "phone-number",
                path: &["phone_numbers"],
                kind: BodyKind::List,
                help: "Repeat the flag for each value.",
                alias: Some("phone-numbers"),
            },
            BodyFlag {
                flag: "verification-method",
                path: &["verification_method"],
                kind: BodyKind::Str,
                help: "One of: sms, call.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::Empty,
        run: empty!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().verification_codes().send(id0, &body)),
    },
    Op {
        operation_id: "VerifyPortingVerificationCodes",
        method: "POST",
        path: "/porting_orders/{id}/verification_codes/verify",
        group: "porting-orders:verification-codes",
        verb: "verify",
        aliases: &[],
        summary: "Verify the verification code for a list of phone numbers",
        description: "Verifies the verification code for a list of phone numbers.",
        example: "telnyx-porting porting-orders:verification-codes verify f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "verification-code",
                path: &["verification_codes"],
                kind: BodyKind::ObjectList,
                help: "One JSON object per occurrence; repeat the flag for each.",
                alias: Some("verification-codes"),
            },
            BodyFlag {
                flag: "verification-code.code",
                path: &["verification_codes", "code"],
                kind: BodyKind::ItemField,
                help: "Sets code of the current --verification-code element.",
                alias: None,
            },
            BodyFlag {
                flag: "verification-code.phone-number",
                path: &["verification_codes", "phone_number"],
                kind: BodyKind::ItemField,
                help: "Sets phone_number of the current --verification-code element.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().verification_codes().verify(id0, &body)),
    },
];
