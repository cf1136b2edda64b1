//! `porting-orders:phone-number-configurations`: configurations of porting numbers.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListPhoneNumberConfigurations",
        method: "GET",
        path: "/porting_orders/phone_number_configurations",
        group: "porting-orders:phone-number-configurations",
        verb: "list",
        aliases: &[],
        summary: "List all phone number configurations",
        description: "Returns a list of phone number configurations paginated.",
        example: "telnyx-porting porting-orders:phone-number-configurations list --format jsonl",
        ids: &[],
        positional: None,
        query: &[
            QueryFlag {
                flag: "filter.porting-order.status",
                key: "filter[porting_order][status]",
                kind: QueryKind::Multi,
                help: "Filter results by specific porting order statuses. Repeat the flag (or comma-join) for several.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.porting-phone-number",
                key: "filter[porting_phone_number]",
                kind: QueryKind::Multi,
                help: "Filter results by a list of porting phone number IDs. Repeat the flag (or comma-join) for several.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.user-bundle-id",
                key: "filter[user_bundle_id]",
                kind: QueryKind::Multi,
                help: "Filter results by a list of user bundle IDs. Repeat the flag (or comma-join) for several.",
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
        run: list!(
            call,
            ListPhoneNumberConfigurationsQuery,
            [],
            |c, q| c.porting_orders().phone_number_configurations().list(&q),
            c.porting_orders()
                .phone_number_configurations()
                .list_all(&q)
        ),
    },
    Op {
        operation_id: "CreatePhoneNumberConfigurations",
        method: "POST",
        path: "/porting_orders/phone_number_configurations",
        group: "porting-orders:phone-number-configurations",
        verb: "create",
        aliases: &[],
        summary: "Create a list of phone number configurations",
        description: "Creates a list of phone number configurations.",
        example: "telnyx-porting porting-orders:phone-number-configurations create",
        ids: &[],
        positional: None,
        query: &[],
        body: &[
            BodyFlag {
                flag: "phone-number-configuration",
                path: &["phone_number_configurations"],
                kind: BodyKind::ObjectList,
                help: "One JSON object per occurrence; repeat the flag for each.",
                alias: Some("phone-number-configurations"),
            },
            BodyFlag {
                flag: "phone-number-configuration.porting-phone-number-id",
                path: &["phone_number_configurations", "porting_phone_number_id"],
                kind: BodyKind::ItemField,
                help: "Identifies the porting phone number to be configured. Sets porting_phone_number_id of the current --phone-number-configuration element.",
                alias: None,
            },
            BodyFlag {
                flag: "phone-number-configuration.user-bundle-id",
                path: &["phone_number_configurations", "user_bundle_id"],
                kind: BodyKind::ItemField,
                help: "Identifies the user bundle to be associated with the porting phone number. Sets user_bundle_id of the current --phone-number-configuration element.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [body = call.body()?], |c| c
            .porting_orders()
            .phone_number_configurations()
            .create(&body)),
    },
];
