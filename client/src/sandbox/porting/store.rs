//! Everything the sandbox remembers: one capped, indexed [`Table`] per collection.

use std::collections::HashMap;

use serde_json::Value;
use uuid::Uuid;

use super::event::Event;
use super::order::Order;
use super::table::{Record, Table};

/// The default for the most items one collection keeps; older items are dropped beyond it, so
/// that a long run cannot grow the sandbox without bound.
pub(crate) const DEFAULT_MAX_ITEMS: usize = 100_000;

/// A record that belongs to a porting order (a comment, a document, an activation job...),
/// kept as the JSON the API answers with.
#[derive(Debug, Clone)]
pub(crate) struct Child {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    pub(crate) value: Value,
}

impl Record for Child {
    fn id(&self) -> Uuid {
        self.id
    }
    fn order_id(&self) -> Option<Uuid> {
        Some(self.order_id)
    }
}

/// A top-level record (a report, an LOA configuration, a phone number configuration), kept
/// as the JSON the API answers with.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) id: Uuid,
    pub(crate) value: Value,
}

impl Record for Item {
    fn id(&self) -> Uuid {
        self.id
    }
}

/// Everything the sandbox remembers, each collection in creation order.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) orders: Table<Order>,
    pub(crate) comments: Table<Child>,
    pub(crate) documents: Table<Child>,
    pub(crate) activation_jobs: Table<Child>,
    pub(crate) verification_codes: Table<Child>,
    pub(crate) action_requirements: Table<Child>,
    pub(crate) associated_numbers: Table<Child>,
    pub(crate) number_blocks: Table<Child>,
    pub(crate) number_extensions: Table<Child>,
    /// `(port_request_id, sub_request_id)` per order id, made on first request.
    pub(crate) sub_requests: HashMap<Uuid, (Uuid, Uuid)>,
    pub(crate) number_configurations: Table<Item>,
    pub(crate) events: Table<Event>,
    pub(crate) reports: Table<Item>,
    pub(crate) loa_configurations: Table<Item>,
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
        for children in [
            &mut self.comments,
            &mut self.documents,
            &mut self.activation_jobs,
            &mut self.verification_codes,
            &mut self.action_requirements,
            &mut self.associated_numbers,
            &mut self.number_blocks,
            &mut self.number_extensions,
        ] {
            children.remove_order(id);
        }
        self.sub_requests.remove(id);
    }
}
