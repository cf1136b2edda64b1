//! Everything the sandbox remembers: one capped, indexed [`Table`] of compact typed records
//! per collection (`order.rs`, `event.rs`, `child.rs`, `range.rs`, `account.rs`).

use std::collections::HashMap;

use uuid::Uuid;

use super::account::{LoaConfiguration, Report};
use super::child::{ActionRequirement, ActivationJob, Comment, Document, VerificationCode};
use super::document::{DEFAULT_MAX_DOCUMENT_BYTES, StoredDocument};
use super::event::Event;
use super::order::Order;
use super::range::{AssociatedNumber, NumberBlock, NumberConfiguration, NumberExtension};
use super::table::Table;

/// The default for the most items one collection keeps; older items are dropped beyond it, so
/// that a long run cannot grow the sandbox without bound.
pub(crate) const DEFAULT_MAX_ITEMS: usize = 100_000;

/// Everything the sandbox remembers, each collection in creation order.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) orders: Table<Order>,
    pub(crate) comments: Table<Comment>,
    pub(crate) documents: Table<Document>,
    pub(crate) activation_jobs: Table<ActivationJob>,
    pub(crate) verification_codes: Table<VerificationCode>,
    pub(crate) action_requirements: Table<ActionRequirement>,
    pub(crate) associated_numbers: Table<AssociatedNumber>,
    pub(crate) number_blocks: Table<NumberBlock>,
    pub(crate) number_extensions: Table<NumberExtension>,
    /// `(port_request_id, sub_request_id)` per order id, made on first request.
    pub(crate) sub_requests: HashMap<Uuid, (Uuid, Uuid)>,
    pub(crate) number_configurations: Table<NumberConfiguration>,
    pub(crate) events: Table<Event>,
    pub(crate) reports: Table<Report>,
    pub(crate) loa_configurations: Table<LoaConfiguration>,
    /// The documents of the Documents API (`/documents`).
    pub(crate) files: Table<StoredDocument>,
    /// How many document bytes `files` holds.
    pub(crate) document_bytes: u64,
    /// The most document bytes `files` may hold.
    pub(crate) max_document_bytes: u64,
    /// Events waiting to be handed to the webhook deliverer (those with a `webhook_url`),
    /// drained once the request that made them is answered.
    pub(crate) outbox: Vec<Event>,
}

impl Store {
    /// An empty store whose collections keep at most `max_items` each.
    pub(crate) fn new(max_items: usize) -> Store {
        Store {
            orders: Table::new(max_items),
            comments: Table::new(max_items),
            documents: Table::new(max_items),
            activation_jobs: Table::new(max_items),
            verification_codes: Table::new(max_items),
            action_requirements: Table::new(max_items),
            associated_numbers: Table::new(max_items),
            number_blocks: Table::new(max_items),
            number_extensions: Table::new(max_items),
            sub_requests: HashMap::new(),
            number_configurations: Table::new(max_items),
            events: Table::new(max_items),
            reports: Table::new(max_items),
            loa_configurations: Table::new(max_items),
            files: Table::new(max_items),
            document_bytes: 0,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            outbox: Vec::new(),
        }
    }

    /// An empty store keeping at most `max_items` records per collection and
    /// `max_document_bytes` document bytes.
    pub(crate) fn with_limits(max_items: usize, max_document_bytes: u64) -> Store {
        Store {
            max_document_bytes,
            ..Store::new(max_items)
        }
    }

    /// Records `event`, and queues it for delivery when it has a `webhook_url`.
    pub(crate) fn record_event(&mut self, event: Event) {
        if event.webhook_url.is_some() {
            self.outbox.push(event.clone());
        }
        self.events.insert(event);
    }

    /// Stores a new order; the oldest order, when the cap is reached, goes with everything
    /// attached to it (its events stay, as events outlive deleted orders).
    pub(crate) fn insert_order(&mut self, order: Order) {
        if let Some(evicted) = self.orders.insert(order) {
            self.forget_children(&evicted.id);
        }
    }

    /// Stores a new document, counting its bytes (and forgetting those of a document the
    /// table's cap drops).
    pub(crate) fn insert_document(&mut self, document: StoredDocument) {
        self.document_bytes = self.document_bytes.saturating_add(document.held());
        if let Some(evicted) = self.files.insert(document) {
            self.document_bytes = self.document_bytes.saturating_sub(evicted.held());
        }
    }

    /// Forgets the document `id` and its bytes.
    pub(crate) fn remove_document(&mut self, id: &Uuid) -> Option<StoredDocument> {
        let document = self.files.remove(id)?;
        self.document_bytes = self.document_bytes.saturating_sub(document.held());
        Some(document)
    }

    /// Forgets the order `id` and everything attached to it (not its events).
    pub(crate) fn remove_order(&mut self, id: &Uuid) -> Option<Order> {
        let order = self.orders.remove(id)?;
        self.forget_children(id);
        Some(order)
    }

    fn forget_children(&mut self, id: &Uuid) {
        self.comments.remove_order(id);
        self.documents.remove_order(id);
        self.activation_jobs.remove_order(id);
        self.verification_codes.remove_order(id);
        self.action_requirements.remove_order(id);
        self.associated_numbers.remove_order(id);
        self.number_blocks.remove_order(id);
        self.number_extensions.remove_order(id);
        self.sub_requests.remove(id);
    }
}
