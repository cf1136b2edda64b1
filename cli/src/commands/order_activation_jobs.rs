//! `porting-orders:activation-jobs`: FastPort activation jobs.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListPortingOrderActivationJobs",
        method: "GET",
        path: "/porting_orders/{id}/activation_jobs",
        group: "porting-orders:activation-jobs",
        verb: "list",
        aliases: &[],
        summary: "List all porting activation jobs",
        description: "Returns a list of your porting activation jobs.",
        example: "telnyx-porting porting-orders:activation-jobs list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::List,
        run: list!(call, ListActivationJobsQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().activation_jobs().list(id0, &q), c.porting_orders().activation_jobs().list_all(id0, &q)),
    },
    Op {
        operation_id: "GetPortingOrdersActivationJob",
        method: "GET",
        path: "/porting_orders/{id}/activation_jobs/{activationJobId}",
        group: "porting-orders:activation-jobs",
        verb: "retrieve",
        aliases: &[],
        summary: "Retrieve a porting activation job",
        description: "Returns a porting activation job.",
        example: "telnyx-porting porting-orders:activation-jobs retrieve f1486bae-f067-460c-ad43-73a92848f902 --activation-job-id f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "id",
                help: "Porting Order id.",
            },
            Id {
                flag: "activation-job-id",
                help: "Activation Job Identifier.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?], |c| c.porting_orders().activation_jobs().retrieve(id0, id1)),
    },
    Op {
        operation_id: "UpdatePortingOrdersActivationJob",
        method: "PATCH",
        path: "/porting_orders/{id}/activation_jobs/{activationJobId}",
        group: "porting-orders:activation-jobs",
        verb: "update",
        aliases: &[],
        summary: "Update a porting activation job",
        description: "Updates the activation time of a porting activation job.",
        example: "telnyx-porting porting-orders:activation-jobs update f1486bae-f067-460c-ad43-73a92848f902 --activation-job-id f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "id",
                help: "Porting Order id.",
            },
            Id {
                flag: "activation-job-id",
                help: "Activation Job Identifier.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[BodyFlag {
            flag: "activate-at",
            path: &["activate_at"],
            kind: BodyKind::Str,
            help: "The desired activation time.",
            alias: None,
        }],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?, body = call.body()?], |c| c.porting_orders().activation_jobs().update(id0, id1, &body)),
    },
];
