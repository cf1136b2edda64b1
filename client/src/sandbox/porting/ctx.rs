//! What a route handler works with: the store (locked only while the handler needs it), the
//! id source, the request, its decoded query and the time of the request.

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::clock::now_rfc3339;
use super::ids::IdSource;
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
