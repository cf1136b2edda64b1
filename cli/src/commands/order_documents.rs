//! `porting-orders:additional-documents`: documents attached to an order.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[
    Op {
        operation_id: "ListAdditionalDocuments",
        method: "GET",
        path: "/porting_orders/{id}/additional_documents",
        group: "porting-orders:additional-documents",
        verb: "list",
        aliases: &[],
        summary: "List additional documents",
        description: "Returns a list of additional documents for a porting order.",
        example: "telnyx-porting porting-orders:additional-documents list f1486bae-f067-460c-ad43-73a92848f902 --format jsonl",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[
            QueryFlag {
                flag: "filter.document-type",
                key: "filter[document_type]",
                kind: QueryKind::Multi,
                help: "Filter additional documents by a list of document types. Repeat the flag (or comma-join) for several.",
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
        run: list!(call, ListAdditionalDocumentsQuery, [id0: PortingOrderId = call.id(0)?], |c, q| c.porting_orders().additional_documents().list(id0, &q), c.porting_orders().additional_documents().list_all(id0, &q)),
    },
    Op {
        operation_id: "CreateAdditionalDocuments",
        method: "POST",
        path: "/porting_orders/{id}/additional_documents",
        group: "porting-orders:additional-documents",
        verb: "create",
        aliases: &[],
        summary: "Create a list of additional documents",
        description: "Creates a list of additional documents for a porting order.",
        example: "telnyx-porting porting-orders:additional-documents create f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[Id {
            flag: "id",
            help: "Porting Order id.",
        }],
        positional: Some("id"),
        query: &[],
        body: &[
            BodyFlag {
                flag: "additional-document",
                path: &["additional_documents"],
                kind: BodyKind::ObjectList,
                help: "One JSON object per occurrence; repeat the flag for each.",
                alias: Some("additional-documents"),
            },
            BodyFlag {
                flag: "additional-document.document-id",
                path: &["additional_documents", "document_id"],
                kind: BodyKind::ItemField,
                help: "The document identification. Sets document_id of the current --additional-document element.",
                alias: None,
            },
            BodyFlag {
                flag: "additional-document.document-type",
                path: &["additional_documents", "document_type"],
                kind: BodyKind::ItemField,
                help: "The type of document being created. One of: loa, invoice, csr, other. Sets document_type of the current --additional-document element.",
                alias: None,
            },
        ],
        takes_body: true,
        shape: Shape::One,
        run: one!(call, [id0: PortingOrderId = call.id(0)?, body = call.body()?], |c| c.porting_orders().additional_documents().create(id0, &body)),
    },
    Op {
        operation_id: "DeleteAdditionalDocument",
        method: "DELETE",
        path: "/porting_orders/{id}/additional_documents/{additional_document_id}",
        group: "porting-orders:additional-documents",
        verb: "delete",
        aliases: &[],
        summary: "Delete an additional document",
        description: "Deletes an additional document for a porting order.",
        example: "telnyx-porting porting-orders:additional-documents delete f1486bae-f067-460c-ad43-73a92848f902 --additional-document-id f1486bae-f067-460c-ad43-73a92848f902",
        ids: &[
            Id {
                flag: "id",
                help: "Porting Order id.",
            },
            Id {
                flag: "additional-document-id",
                help: "Additional document identification.",
            },
        ],
        positional: Some("id"),
        query: &[],
        body: &[],
        takes_body: false,
        shape: Shape::Empty,
        run: empty!(call, [id0: PortingOrderId = call.id(0)?, id1: Uuid = call.id(1)?], |c| c.porting_orders().additional_documents().delete(id0, id1)),
    },
];
