//! `porting:reports`: porting reports.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListPortingReports",
        method: "GET",
        path: "/porting/reports",
        group: "porting:reports",
        verb: "list",
        aliases: &[],
        summary: "List porting related reports",
        description: "List the reports generated about porting operations.",
        example: "telnyx-porting porting:reports list --format jsonl",
        ids: &[],
        positional: None,
        query: &[
            QueryFlag {
                flag: "filter.report-type",
                key: "filter[report_type]",
                kind: QueryKind::Str,
                help: "Filter reports of a specific type. One of: export_porting_orders_csv.",
                aliases: &[],
                typed: false,
            },
            QueryFlag {
                flag: "filter.status",
                key: "filter[status]",
                kind: QueryKind::Str,
                help: "Filter reports of a specific status. One of: pending, completed.",
                aliases: &[],
                typed: false,
            },
        ],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(
            call,
            ListPortingReportsQuery,
            [],
            |c, q| c.porting().reports().list(&q),
            c.porting().reports().list_all(&q)
        ),
    },
    Op {
        operation_id: "CreatePortingReport",
        method: "POST",
        path: "/porting/reports",
        group: "porting:reports",
        verb: "create",
        aliases: &[],
        summary: "Create a porting related report",
        description: "Generate reports about porting operations.",
        example: "telnyx-porting porting:reports create --report-type export_porting_orders_csv --params '{}'",
        ids: &[],
        positional: None,
        query: &[],
        body: &[
            BodyFlag {
                flag: "params",
                path: &["params"],
                kind: BodyKind::Json,
                help: "(a JSON object; or set its fields one by one with the dotted flags)",
                alias: None,
            },
            BodyFlag {
                flag: "report-type",
                path: &["report_type"],
                kind: BodyKind::Str,
                help: "Identifies the type of report. One of: export_porting_orders_csv.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [body = call.body()?], |c| c
            .porting()
            .reports()
            .create(&body)),
    },
    Op {
        operation_id: "GetPortingReport",
        method: "GET",
        path: "/porting/reports/{id}",
        group: "porting:reports",
        verb: "retrieve",
        aliases: &[],
        summary: "Retrieve a report",
        description: "Retrieve a specific report generated.",
        example: "telnyx-porting porting:reports retrieve f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Identifies a report.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: Uuid = call.id(0)?], |c| c.porting().reports().retrieve(id0)),
    },
];
