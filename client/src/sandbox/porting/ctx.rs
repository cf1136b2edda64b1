//! What a route handler works with: the store (locked only while the handler needs it), the
//! id source, the request, its decoded query and the time of the request; and the sandbox's
//! clock and ids.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::query::Query;
use super::store::Store;
use crate::sandbox::http::Request;

/// What a route handler gets for one request.
pub(crate) struct Ctx<'a> {
    /// The store; locked on first use, released by [`Locked::unlock`] before an answer is
    /// rendered, so that no request waits on another's rendering.
    pub(crate) store: Locked<'a>,
    pub(crate) ids: &'a IdSource,
    pub(crate) request: &'a Request,
    pub(crate) query: Query,
    /// The time of the request, as the API writes times.
    pub(crate) now: String,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(store: &'a Mutex<Store>, ids: &'a IdSource, request: &'a Request) -> Self {
        Ctx {
            store: Locked::new(store),
            ids,
            request,
            query: Query::parse(request.query()),
            now: now_rfc3339(),
        }
    }
}

/// The store's mutex, locked lazily: [`get`](Locked::get) locks it if needed, and
/// [`unlock`](Locked::unlock) lets other requests in.
pub(crate) struct Locked<'a> {
    mutex: &'a Mutex<Store>,
    guard: Option<MutexGuard<'a, Store>>,
}

impl<'a> Locked<'a> {
    pub(crate) fn new(mutex: &'a Mutex<Store>) -> Self {
        Locked { mutex, guard: None }
    }

    /// The store, locking it first if this request does not hold it.
    pub(crate) fn get(&mut self) -> &mut Store {
        let mutex = self.mutex;
        self.guard
            .get_or_insert_with(|| mutex.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Releases the store (a later [`get`](Locked::get) locks it again).
    pub(crate) fn unlock(&mut self) {
        self.guard = None;
    }
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

    /// A fresh version-4 UUID.
    pub(crate) fn new_uuid(&self) -> uuid::Uuid {
        let high = u128::from(self.next_u64()) << 64;
        let bytes = (high | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A fresh version-4 UUID, hyphenated.
    pub(crate) fn uuid(&self) -> String {
        self.new_uuid().hyphenated().to_string()
    }

    /// `sr_` and six hex digits, like the API's support keys.
    pub(crate) fn support_key(&self) -> String {
        format!("sr_{:06x}", self.next_u64() & 0xff_ffff)
    }
}
