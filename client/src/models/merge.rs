//! How the query builders add a value to what a query already holds: [`Merge`].
//!
//! One rule for every setter of every query in [`queries`](super::queries):
//!
//! - a single value (`filter[customer_reference]`, `sort[value]`, a date bound) set again
//!   takes the later value: the key is sent once;
//! - a list (`filter[status]=a,b`) set again gains the new values, in order, without
//!   repeating one it already holds;
//! - a group of filters (`filter`, `filter[phone_numbers]`, ...) set again is merged field by
//!   field by these same rules: what the later one leaves unset keeps its value.
//!
//! So `.filter_customer_reference("x").filter(PortingOrdersFilter::new().country_code("US"))`
//! sends both filters, in either order.

use time::OffsetDateTime;
use uuid::Uuid;

/// Adds `later` to `self` by the rules of this module.
pub(crate) trait Merge {
    /// Adds `later` to `self`.
    fn merge(&mut self, later: Self);
}

impl<T: Merge> Merge for Option<T> {
    fn merge(&mut self, later: Self) {
        match (self.as_mut(), later) {
            (_, None) => {}
            (Some(current), Some(later)) => current.merge(later),
            (None, later) => *self = later,
        }
    }
}

impl<T: PartialEq> Merge for Vec<T> {
    fn merge(&mut self, later: Self) {
        for value in later {
            if !self.contains(&value) {
                self.push(value);
            }
        }
    }
}

/// Implements [`Merge`] as "the later value wins" for types that are one value on the wire.
macro_rules! merge_by_replacing {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl $crate::models::merge::Merge for $ty {
                fn merge(&mut self, later: Self) {
                    *self = later;
                }
            }
        )+
    };
}
pub(crate) use merge_by_replacing;

merge_by_replacing!(String, bool, Uuid, OffsetDateTime);

/// Implements [`Merge`] field by field for a struct of filters. Every field must be listed (the
/// impl destructures the struct without `..`), so a field added later cannot be forgotten.
macro_rules! merge_fields {
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {
        $(
            impl $crate::models::merge::Merge for $ty {
                fn merge(&mut self, later: Self) {
                    let $ty { $($field),+ } = later;
                    $( $crate::models::merge::Merge::merge(&mut self.$field, $field); )+
                }
            }
        )+
    };
}
pub(crate) use merge_fields;

#[cfg(test)]
mod tests {
    use super::Merge;

    #[test]
    fn options_keep_what_the_later_value_leaves_unset() {
        let mut a = Some(String::from("x"));
        a.merge(None);
        assert_eq!(a.as_deref(), Some("x"));
        a.merge(Some("y".into()));
        assert_eq!(a.as_deref(), Some("y"));
        let mut b: Option<String> = None;
        b.merge(Some("z".into()));
        assert_eq!(b.as_deref(), Some("z"));
    }

    #[test]
    fn lists_add_up_without_repeats() {
        let mut a = vec![1u64, 2];
        a.merge(vec![2, 3, 1, 4]);
        assert_eq!(a, [1, 2, 3, 4]);
    }
}
