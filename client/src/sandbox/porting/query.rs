//! Query strings: percent-decoding, `page[number]`/`page[size]`, sorting, filters and the
//! list envelope `{"data": [...], "meta": {...}}`.

use serde::Serialize;
use uuid::Uuid;

use super::clock::parse_time;
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// The most `key=value` pairs read from one query string.
const MAX_PAIRS: usize = 256;
/// The default and largest `page[size]`.
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 20;
pub(crate) const MAX_PAGE_SIZE: u64 = 250;

/// A decoded query string: keys and values percent-decoded (`+` as a space), in order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Query {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|pair| !pair.is_empty())
            .take(MAX_PAIRS)
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect();
        Query { pairs }
    }

    /// The last value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key` or `key[]`, comma-separated values split.
    pub(crate) fn all(&self, key: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key || k.strip_suffix("[]") == Some(key))
            .flat_map(|(_, v)| v.split(','))
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// A boolean parameter (`true`/`false`), `default` when absent; 422 otherwise.
    pub(crate) fn bool(&self, key: &str, default: bool) -> Result<bool, Response> {
        match self.get(key) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(errors::invalid_parameter(
                key,
                &format!("{key} must be true or false, not {other:?}."),
            )),
        }
    }

    /// `page[number]` (≥ 1, default 1) and `page[size]` (1..=250, default 20).
    pub(crate) fn page(&self) -> Result<Page, Response> {
        let number = self.bounded("page[number]", 1, u64::from(u32::MAX), 1)?;
        let size = self.bounded("page[size]", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)?;
        Ok(Page { number, size })
    }

    fn bounded(&self, key: &str, min: u64, max: u64, default: u64) -> Result<u64, Response> {
        let Some(text) = self.get(key) else {
            return Ok(default);
        };
        match text.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(errors::invalid_parameter(
                key,
                &format!("{key} must be an integer from {min} to {max}, not {text:?}."),
            )),
        }
    }

    /// `sort[value]`, checked against `allowed`; `None` when absent.
    pub(crate) fn sort(&self, allowed: &[&str]) -> Result<Option<String>, Response> {
        match self.get("sort[value]") {
            None => Ok(None),
            Some(value) if allowed.contains(&value) => Ok(Some(value.to_owned())),
            Some(value) => Err(errors::invalid_parameter(
                "sort[value]",
                &format!(
                    "sort[value] must be one of {}, not {value:?}.",
                    allowed.join(", ")
                ),
            )),
        }
    }
}

/// Percent-decodes `text`, reading `+` as a space; invalid escapes stay as they are.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A requested page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    pub(crate) number: u64,
    pub(crate) size: u64,
}

impl Page {
    /// The items of this page among those `items` yields, in order, and how many it yields:
    /// only the page's items are kept.
    pub(crate) fn cut<T>(self, items: impl Iterator<Item = T>) -> (Vec<T>, u64) {
        let skip = (self.number - 1).saturating_mul(self.size);
        let end = skip.saturating_add(self.size);
        let mut data = Vec::with_capacity(usize::try_from(self.size.min(64)).unwrap_or(64));
        let mut total = 0u64;
        for item in items {
            if (skip..end).contains(&total) {
                data.push(item);
            }
            total += 1;
        }
        (data, total)
    }

    /// 200 with `data` (this page's items, of `total`) and the page `meta`.
    pub(crate) fn answer<T: Serialize>(self, data: &[T], total: u64) -> Response {
        #[derive(Serialize)]
        struct Meta {
            page_number: u64,
            page_size: u64,
            total_pages: u64,
            total_results: u64,
        }
        #[derive(Serialize)]
        struct Listed<'a, T> {
            data: &'a [T],
            meta: Meta,
        }
        let listed = Listed {
            data,
            meta: Meta {
                page_number: self.number,
                page_size: self.size,
                total_pages: total.div_ceil(self.size),
                total_results: total,
            },
        };
        match serde_json::to_vec(&listed) {
            Ok(body) => Response::json_bytes(200, body),
            Err(e) => errors::internal(&e),
        }
    }
}

/// 200 with one page of `items` (all of them, in order) and the page `meta`.
pub(crate) fn paginated<T: Serialize>(items: impl Iterator<Item = T>, page: Page) -> Response {
    let (data, total) = page.cut(items);
    page.answer(&data, total)
}

/// How to order a list: by creation (`created_at`, the order records are kept in), or by a
/// timestamp field; either way ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order<'s> {
    Created { descending: bool },
    Field { field: &'s str, descending: bool },
}

impl<'s> Order<'s> {
    /// `created_at`, `-created_at`, or another field (a dotted path) with an optional `-`.
    pub(crate) fn parse(sort: &'s str) -> Order<'s> {
        let (descending, field) = match sort.strip_prefix('-') {
            Some(field) => (true, field),
            None => (false, sort),
        };
        if field == "created_at" {
            Order::Created { descending }
        } else {
            Order::Field { field, descending }
        }
    }

    /// Lists `items` (given in creation order) in this order; `key` reads the field of a
    /// [`Order::Field`] order. Missing values sort last; ties keep creation order.
    pub(crate) fn arrange<'a, T, K>(
        self,
        items: impl DoubleEndedIterator<Item = &'a T> + 'a,
        key: impl Fn(&T, &str) -> Option<K>,
    ) -> Box<dyn Iterator<Item = &'a T> + 'a>
    where
        T: 'a,
        K: Ord + 'a,
    {
        match self {
            Order::Created { descending: false } => Box::new(items),
            Order::Created { descending: true } => Box::new(items.rev()),
            Order::Field { field, descending } => {
                let mut keyed: Vec<(Option<K>, &'a T)> =
                    items.map(|item| (key(item, field), item)).collect();
                keyed.sort_by(|(a, _), (b, _)| match (a, b) {
                    (Some(x), Some(y)) if descending => y.cmp(x),
                    (Some(x), Some(y)) => x.cmp(y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                });
                Box::new(keyed.into_iter().map(|(_, item)| item))
            }
        }
    }
}

/// How a filter compares.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Match {
    /// The string (or boolean, as `true`/`false`) equals the parameter.
    Eq,
    /// The string contains the parameter.
    Contains,
    /// The timestamp is after / before the parameter.
    After,
    Before,
    /// The timestamp is at or after / at or before the parameter.
    AtOrAfter,
    AtOrBefore,
}

impl Match {
    /// Whether `text` (a field's value) passes for the parameter value `wanted`.
    pub(crate) fn test(self, text: &str, wanted: &str) -> bool {
        let times = || parse_time(text).zip(parse_time(wanted));
        match self {
            Match::Eq => text == wanted,
            Match::Contains => text.contains(wanted),
            Match::After => times().is_some_and(|(a, b)| a > b),
            Match::Before => times().is_some_and(|(a, b)| a < b),
            Match::AtOrAfter => times().is_some_and(|(a, b)| a >= b),
            Match::AtOrBefore => times().is_some_and(|(a, b)| a <= b),
        }
    }
}

/// Gives each text of one field of a record to the callback until it accepts one.
pub(crate) type Field<T> = fn(&T, &mut dyn FnMut(&str) -> bool) -> bool;

/// One filter of a list of typed records: the query key, the comparison, and the field.
pub(crate) type Filter<T> = (&'static str, Match, Field<T>);

/// The filters of a list that `query` sets, with their wanted values: what
/// [`Filters::pass`] tests records against, comparing their compact fields.
pub(crate) struct Filters<'q, T> {
    active: Vec<(Match, Field<T>, Vec<&'q str>)>,
}

impl<'q, T> Filters<'q, T> {
    pub(crate) fn new(query: &'q Query, filters: &[Filter<T>]) -> Filters<'q, T> {
        let active = filters
            .iter()
            .filter_map(|(key, how, field)| {
                let wanted = query.all(key);
                (!wanted.is_empty()).then_some((*how, *field, wanted))
            })
            .collect();
        Filters { active }
    }

    /// Whether `item` passes every filter the query sets.
    pub(crate) fn pass(&self, item: &T) -> bool {
        self.active.iter().all(|(how, field, wanted)| {
            field(item, &mut |text| wanted.iter().any(|w| how.test(text, w)))
        })
    }
}

/// Gives `id`, as the API writes it (lower-case, hyphenated), to the callback of a [`Field`].
pub(crate) fn uuid_field(id: &Uuid, f: &mut dyn FnMut(&str) -> bool) -> bool {
    let mut buffer = Uuid::encode_buffer();
    f(id.hyphenated().encode_lower(&mut buffer))
}

/// Gives a boolean, as `true` or `false`, to the callback of a [`Field`].
pub(crate) fn bool_field(value: bool, f: &mut dyn FnMut(&str) -> bool) -> bool {
    f(if value { "true" } else { "false" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bracketed_keys() {
        let q = Query::parse(Some(
            "page%5Bnumber%5D=2&filter[x]=a+b%2Cc&bad=%zz&page[size]=5",
        ));
        assert_eq!(q.get("page[number]"), Some("2"));
        assert_eq!(q.get("filter[x]"), Some("a b,c"));
        assert_eq!(q.all("filter[x]"), ["a b", "c"]);
        assert_eq!(q.get("bad"), Some("%zz"));
        let page = q.page().ok().unwrap();
        assert_eq!((page.number, page.size), (2, 5));
        assert_eq!(decode("%E2%82%AC%"), "€%");
    }

    #[test]
    fn page_bounds() {
        for bad in [
            "page[size]=0",
            "page[size]=251",
            "page[number]=0",
            "page[number]=x",
        ] {
            assert!(Query::parse(Some(bad)).page().is_err(), "{bad}");
        }
        let page = Query::parse(None).page().ok().unwrap();
        assert_eq!((page.number, page.size), (1, 20));
    }
}
