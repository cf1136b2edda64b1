//! Everything the sandbox remembers: one capped, indexed [`Table`] of compact typed records
//! per collection (`order.rs`, `event.rs`, `child.rs`, `range.rs`, `account.rs`).

use std::collections::HashMap;

use uuid::Uuid;

use super::account::{LoaConfiguration, Report};
use super::child::{ActionRequirement, ActivationJob, Comment, Document, VerificationCode};
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
        }
    }

    /// Stores a new order; the oldest order, when the cap is reached, goes with everything
    /// attached to it (its events stay, as events outlive deleted orders).
    pub(crate) fn insert_order(&mut self, order: Order) {
        if let Some(evicted) = self.orders.insert(order) {
            self.forget_children(&evicted.id);
        }
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
