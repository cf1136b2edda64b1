//! `document-links`: which resources use which documents.
//!
//! Written by `scripts/gen-cli-commands.py` from the spec; edit the script, not this file.

#![allow(unused_imports)]

use super::prelude::*;

/// The commands of this group.
pub(crate) const OPS: &[Op] = &[Op {
    operation_id: "ListDocumentLinks",
    method: "GET",
    path: "/document_links",
    group: "document-links",
    verb: "list",
    aliases: &[],
    summary: "List all document links",
    description: "List all documents links ordered by created_at descending.",
    example: "telnyx-porting document-links list --format jsonl",
    ids: &[],
    positional: None,
    query: &[
        QueryFlag {
            flag: "filter.linked-record-type",
            key: "filter[linked_record_type]",
            kind: QueryKind::Str,
            help: "The linked_record_type of the document to filter on.",
            aliases: &[],
            typed: false,
        },
        QueryFlag {
            flag: "filter.linked-resource-id",
            key: "filter[linked_resource_id]",
            kind: QueryKind::Str,
            help: "The linked_resource_id of the document to filter on.",
            aliases: &[],
            typed: false,
        },
    ],
    body: &[],
    takes_body: false,
    shape: Shape::List,
    run: list!(
        call,
        ListDocumentLinksQuery,
        [],
        |c, q| c.documents().list_links(&q),
        c.documents().list_links_all(&q)
    ),
}];
