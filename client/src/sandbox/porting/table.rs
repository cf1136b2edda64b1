//! [`Table`]: a capped collection in creation order, indexed by id and by porting order.

use std::collections::{HashMap, VecDeque};

use uuid::Uuid;

/// Something a [`Table`] holds.
pub(crate) trait Record {
    /// The record's id (what the API looks it up by).
    fn id(&self) -> Uuid;
    /// The porting order the record belongs to, for records listed under an order.
    fn order_id(&self) -> Option<Uuid> {
        None
    }
}

/// Implements [`Record`] for a struct with an `id: Uuid` field, and with `order` for one whose
/// `order_id: Uuid` field names the porting order it is listed under.
macro_rules! record {
    ($type:ty) => {
        impl $crate::sandbox::porting::table::Record for $type {
            fn id(&self) -> ::uuid::Uuid {
                self.id
            }
        }
    };
    ($type:ty, order) => {
        impl $crate::sandbox::porting::table::Record for $type {
            fn id(&self) -> ::uuid::Uuid {
                self.id
            }
            fn order_id(&self) -> Option<::uuid::Uuid> {
                Some(self.order_id)
            }
        }
    };
}
pub(crate) use record;

/// Records in creation order, at most `cap` of them: inserting beyond the cap drops the
/// oldest in O(1) (a ring buffer). Look-ups by id go through a hash map to the record's
/// sequence number, whose place in the buffer is known in O(1) until a removal from the middle
/// shifts it (then a binary search finds it); the records of one order are found through
/// their own index, in creation order. Removing a record from the middle moves the shorter
/// side of the ring buffer (rare: deletes only).
#[derive(Debug)]
pub(crate) struct Table<T> {
    entries: VecDeque<(u64, T)>,
    next: u64,
    by_id: HashMap<Uuid, u64>,
    by_order: HashMap<Uuid, Vec<u64>>,
    cap: usize,
}

impl<T: Record> Table<T> {
    /// An empty table keeping at most `cap` records (at least one).
    pub(crate) fn new(cap: usize) -> Self {
        Table {
            entries: VecDeque::new(),
            next: 0,
            by_id: HashMap::new(),
            by_order: HashMap::new(),
            cap: cap.max(1),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Appends `item`; gives back the oldest record when the table was full.
    pub(crate) fn insert(&mut self, item: T) -> Option<T> {
        let evicted = if self.entries.len() >= self.cap {
            self.entries.pop_front().map(|(seq, old)| {
                self.unindex(seq, &old);
                old
            })
        } else {
            None
        };
        let seq = self.next;
        self.next += 1;
        self.by_id.insert(item.id(), seq);
        if let Some(order) = item.order_id() {
            self.by_order.entry(order).or_default().push(seq);
        }
        self.entries.push_back((seq, item));
        evicted
    }

    fn unindex(&mut self, seq: u64, item: &T) {
        let id = item.id();
        if self.by_id.get(&id) == Some(&seq) {
            self.by_id.remove(&id);
        }
        if let Some(order) = item.order_id()
            && let Some(seqs) = self.by_order.get_mut(&order)
        {
            if let Some(i) = seqs.iter().position(|s| *s == seq) {
                seqs.remove(i);
            }
            if seqs.is_empty() {
                self.by_order.remove(&order);
            }
        }
    }

    /// Where the record `seq` is: `seq - first` unless a removal shifted it, else a binary
    /// search (sequence numbers only grow along the buffer).
    fn position(&self, seq: u64) -> Option<usize> {
        let first = self.entries.front()?.0;
        let guess = usize::try_from(seq.checked_sub(first)?).ok()?;
        if self.entries.get(guess).is_some_and(|(s, _)| *s == seq) {
            return Some(guess);
        }
        self.entries.binary_search_by_key(&seq, |(s, _)| *s).ok()
    }

    fn position_of(&self, id: &Uuid) -> Option<usize> {
        self.position(*self.by_id.get(id)?)
    }

    pub(crate) fn contains(&self, id: &Uuid) -> bool {
        self.by_id.contains_key(id)
    }

    pub(crate) fn get(&self, id: &Uuid) -> Option<&T> {
        let at = self.position_of(id)?;
        self.entries.get(at).map(|(_, item)| item)
    }

    pub(crate) fn get_mut(&mut self, id: &Uuid) -> Option<&mut T> {
        let at = self.position_of(id)?;
        self.entries.get_mut(at).map(|(_, item)| item)
    }

    /// The record `id`, if it belongs to `order`.
    pub(crate) fn get_in_mut(&mut self, order: &Uuid, id: &Uuid) -> Option<&mut T> {
        self.get_mut(id)
            .filter(|item| item.order_id() == Some(*order))
    }

    /// Removes the record `id`.
    pub(crate) fn remove(&mut self, id: &Uuid) -> Option<T> {
        let at = self.position_of(id)?;
        let (seq, item) = self.entries.remove(at)?;
        self.unindex(seq, &item);
        Some(item)
    }

    /// Removes every record of `order`; gives how many there were.
    pub(crate) fn remove_order(&mut self, order: &Uuid) -> usize {
        let Some(seqs) = self.by_order.remove(order) else {
            return 0;
        };
        for seq in &seqs {
            if let Some(at) = self.position(*seq)
                && let Some((_, item)) = self.entries.remove(at)
            {
                self.by_id.remove(&item.id());
            }
        }
        seqs.len()
    }

    /// Every record, oldest first.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.entries.iter().map(|(_, item)| item)
    }

    /// The records of `order`, oldest first.
    pub(crate) fn of_order(&self, order: &Uuid) -> impl DoubleEndedIterator<Item = &T> {
        self.by_order
            .get(order)
            .into_iter()
            .flatten()
            .filter_map(|seq| self.position(*seq).map(|at| &self.entries[at].1))
    }

    /// The first record of `order` that `pred` accepts.
    pub(crate) fn find_in_order_mut(
        &mut self,
        order: &Uuid,
        mut pred: impl FnMut(&T) -> bool,
    ) -> Option<&mut T> {
        let seq = *self.by_order.get(order)?.iter().find(|seq| {
            self.position(**seq)
                .is_some_and(|at| pred(&self.entries[at].1))
        })?;
        let at = self.position(seq)?;
        self.entries.get_mut(at).map(|(_, item)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Item(u128, Option<u128>);

    impl Record for Item {
        fn id(&self) -> Uuid {
            Uuid::from_u128(self.0)
        }
        fn order_id(&self) -> Option<Uuid> {
            self.1.map(Uuid::from_u128)
        }
    }

    fn ids(table: &Table<Item>) -> Vec<u128> {
        table.iter().map(|i| i.0).collect()
    }

    #[test]
    fn caps_evict_the_oldest_and_indexes_follow() {
        let mut table = Table::new(3);
        for i in 1..=3 {
            assert_eq!(table.insert(Item(i, Some(i % 2))), None);
        }
        assert_eq!(table.insert(Item(4, Some(0))), Some(Item(1, Some(1))));
        assert_eq!(ids(&table), [2, 3, 4]);
        assert!(table.get(&Uuid::from_u128(1)).is_none());
        assert_eq!(table.get(&Uuid::from_u128(3)), Some(&Item(3, Some(1))));
        let odd: Vec<u128> = table.of_order(&Uuid::from_u128(1)).map(|i| i.0).collect();
        assert_eq!(odd, [3]);
        let even: Vec<u128> = table
            .of_order(&Uuid::from_u128(0))
            .rev()
            .map(|i| i.0)
            .collect();
        assert_eq!(even, [4, 2]);
    }

    #[test]
    fn removals_keep_order_and_lookups() {
        let mut table = Table::new(10);
        for i in 1..=6 {
            table.insert(Item(i, Some(i % 2)));
        }
        assert_eq!(table.remove(&Uuid::from_u128(3)), Some(Item(3, Some(1))));
        assert_eq!(table.remove(&Uuid::from_u128(3)), None);
        assert_eq!(ids(&table), [1, 2, 4, 5, 6]);
        assert_eq!(table.get(&Uuid::from_u128(5)).map(|i| i.0), Some(5));
        assert_eq!(table.remove_order(&Uuid::from_u128(0)), 3);
        assert_eq!(ids(&table), [1, 5]);
        assert!(!table.contains(&Uuid::from_u128(2)));
        assert_eq!(table.of_order(&Uuid::from_u128(0)).count(), 0);
        let found = table.find_in_order_mut(&Uuid::from_u128(1), |i| i.0 > 1);
        assert_eq!(found.map(|i| i.0), Some(5));
        assert!(
            table
                .get_in_mut(&Uuid::from_u128(0), &Uuid::from_u128(5))
                .is_none()
        );
        assert_eq!(table.len(), 2);
    }
}
