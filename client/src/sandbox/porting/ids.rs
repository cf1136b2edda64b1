//! The sandbox's ids: UUIDs and support keys.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

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
