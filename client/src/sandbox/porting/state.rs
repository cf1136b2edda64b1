//! The sandbox's in-memory store, its id source and the per-request context.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::query::Query;
use crate::sandbox::http::Request;

/// The most items one collection keeps; older items are dropped beyond it, so that a long
/// run cannot grow the sandbox without bound.
pub(crate) const MAX_ITEMS: usize = 100_000;

/// A record that belongs to a porting order.
#[derive(Debug, Clone)]
pub(crate) struct Child {
    pub(crate) order_id: String,
    pub(crate) value: Value,
}

/// Everything the sandbox remembers. Records are kept as the JSON the API answers with, in
/// creation order.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(crate) orders: Vec<Value>,
    pub(crate) comments: Vec<Child>,
    pub(crate) documents: Vec<Child>,
    pub(crate) activation_jobs: Vec<Child>,
    pub(crate) verification_codes: Vec<Child>,
    pub(crate) action_requirements: Vec<Child>,
    pub(crate) associated_numbers: Vec<Child>,
    pub(crate) number_blocks: Vec<Child>,
    pub(crate) number_extensions: Vec<Child>,
    /// `(port_request_id, sub_request_id)` per order id, made on first request.
    pub(crate) sub_requests: HashMap<String, (String, String)>,
    pub(crate) number_configurations: Vec<Value>,
    pub(crate) events: Vec<Value>,
    pub(crate) reports: Vec<Value>,
    pub(crate) loa_configurations: Vec<Value>,
}

impl Store {
    /// The index of the order `id`.
    pub(crate) fn order_index(&self, id: &str) -> Option<usize> {
        self.orders.iter().position(|o| o["id"] == id)
    }

    /// Forgets the order `id` and everything attached to it.
    pub(crate) fn remove_order(&mut self, index: usize) -> Option<Value> {
        if index >= self.orders.len() {
            return None;
        }
        let order = self.orders.remove(index);
        let id = order["id"].as_str().unwrap_or_default().to_owned();
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
            children.retain(|c| c.order_id != id);
        }
        self.sub_requests.remove(&id);
        Some(order)
    }
}

/// Appends `item`, dropping the oldest items beyond [`MAX_ITEMS`].
pub(crate) fn push_bounded<T>(items: &mut Vec<T>, item: T) {
    if items.len() >= MAX_ITEMS {
        let excess = items.len() + 1 - MAX_ITEMS;
        items.drain(..excess);
    }
    items.push(item);
}

/// The children of `order_id`, in creation order.
pub(crate) fn children_of(children: &[Child], order_id: &str) -> Vec<Value> {
    children
        .iter()
        .filter(|c| c.order_id == order_id)
        .map(|c| c.value.clone())
        .collect()
}

/// What a route handler gets: the locked store, the id source, the request, its decoded
/// query and the time of the request.
pub(crate) struct Ctx<'a> {
    pub(crate) store: &'a mut Store,
    pub(crate) ids: &'a IdSource,
    pub(crate) request: &'a Request,
    pub(crate) query: Query,
    pub(crate) now: String,
}

/// Now, in UTC, to the millisecond: `2024-05-01T12:00:00.123Z`.
pub(crate) fn now_rfc3339() -> String {
    format_time(OffsetDateTime::now_utc())
}

/// `time` in UTC, to the millisecond.
pub(crate) fn format_time(time: OffsetDateTime) -> String {
    let time = time.to_offset(time::UtcOffset::UTC);
    let time = time
        .replace_nanosecond(time.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(time);
    time.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// Parses an RFC 3339 timestamp.
pub(crate) fn parse_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// Ids that are unpredictable enough for a sandbox: a randomly keyed hasher over a counter.
pub(crate) struct IdSource {
    keys: RandomState,
    counter: AtomicU64,
}

impl IdSource {
    pub(crate) fn new() -> Self {
        IdSource {
            keys: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    pub(crate) fn next_u64(&self) -> u64 {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        self.keys.hash_one(n)
    }

    /// A fresh version-4 UUID, hyphenated.
    pub(crate) fn uuid(&self) -> String {
        let high = u128::from(self.next_u64()) << 64;
        let bytes = (high | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
            .to_string()
    }

    /// `sr_` and six hex digits, like the API's support keys.
    pub(crate) fn support_key(&self) -> String {
        format!("sr_{:06x}", self.next_u64() & 0xff_ffff)
    }
}
