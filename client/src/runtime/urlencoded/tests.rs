//! The encoder against the layouts the Telnyx SDKs send.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{QueryError, append_pairs};

fn pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, QueryError> {
    let mut out = Vec::new();
    append_pairs(value, &mut out)?;
    Ok(out)
}

fn expect(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (String::from(*k), String::from(*v)))
        .collect()
}

#[derive(Serialize, Default)]
struct ListQuery {
    page: Option<Page>,
    filter: Option<Filter>,
    sort: Option<Sort>,
    include_phone_numbers: Option<bool>,
}

#[derive(Serialize, Default)]
struct Page {
    number: Option<u32>,
    size: Option<u32>,
}

#[derive(Serialize, Default)]
struct Filter {
    customer_reference: Option<String>,
    phone_numbers: Option<PhoneFilter>,
    porting_order_id: Vec<String>,
    misc: Option<Misc>,
}

#[derive(Serialize, Default)]
struct PhoneFilter {
    country_code: Option<String>,
    phone_number: Option<Contains>,
}

#[derive(Serialize, Default)]
struct Contains {
    contains: Option<String>,
}

#[derive(Serialize, Default)]
struct Misc {
    #[serde(rename = "type")]
    kind: Option<Kind>,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Full,
    Partial,
}

#[derive(Serialize, Default)]
struct Sort {
    value: Option<String>,
}

#[test]
fn full_list_query() {
    let query = ListQuery {
        page: Some(Page {
            number: Some(2),
            size: Some(25),
        }),
        filter: Some(Filter {
            customer_reference: Some(String::from("ref-1")),
            phone_numbers: Some(PhoneFilter {
                country_code: Some(String::from("US")),
                phone_number: Some(Contains {
                    contains: Some(String::from("+1312")),
                }),
            }),
            porting_order_id: vec![String::from("a"), String::from("b")],
            misc: Some(Misc {
                kind: Some(Kind::Full),
            }),
        }),
        sort: Some(Sort {
            value: Some(String::from("-created_at")),
        }),
        include_phone_numbers: Some(true),
    };
    assert_eq!(
        pairs(&query),
        Ok(expect(&[
            ("page[number]", "2"),
            ("page[size]", "25"),
            ("filter[customer_reference]", "ref-1"),
            ("filter[phone_numbers][country_code]", "US"),
            ("filter[phone_numbers][phone_number][contains]", "+1312"),
            ("filter[porting_order_id]", "a,b"),
            ("filter[misc][type]", "full"),
            ("sort[value]", "-created_at"),
            ("include_phone_numbers", "true"),
        ]))
    );
}

#[test]
fn none_and_empty_sequences_are_omitted() {
    assert_eq!(pairs(&ListQuery::default()), Ok(Vec::new()));
    let query = ListQuery {
        page: Some(Page {
            number: None,
            size: Some(10),
        }),
        filter: Some(Filter::default()),
        sort: Some(Sort::default()),
        include_phone_numbers: Some(false),
    };
    assert_eq!(
        pairs(&query),
        Ok(expect(&[
            ("page[size]", "10"),
            ("include_phone_numbers", "false")
        ]))
    );
}

#[test]
fn appends_after_existing_pairs() {
    let mut out = expect(&[("existing", "1")]);
    let query = ListQuery {
        include_phone_numbers: Some(true),
        ..ListQuery::default()
    };
    assert_eq!(append_pairs(&query, &mut out), Ok(()));
    assert_eq!(
        out,
        expect(&[("existing", "1"), ("include_phone_numbers", "true")])
    );
}

#[derive(Serialize)]
struct Id(u64);

#[derive(Serialize)]
#[allow(dead_code)]
enum Either {
    Num(i64),
    Text(String),
}

#[derive(Serialize)]
struct Scalars {
    neg: i8,
    big: u128,
    float: f64,
    ch: char,
    id: Id,
    either: Either,
    nums: Vec<i32>,
    mixed: Vec<Option<Kind>>,
    tuple: (u8, &'static str),
    unit: (),
    empty: Vec<u8>,
}

#[test]
fn scalars_newtypes_and_sequences() {
    let value = Scalars {
        neg: -5,
        big: u128::MAX,
        float: 1.5,
        ch: 'x',
        id: Id(42),
        either: Either::Num(-7),
        nums: vec![1, 2, 3],
        mixed: vec![Some(Kind::Full), None, Some(Kind::Partial)],
        tuple: (1, "two"),
        unit: (),
        empty: Vec::new(),
    };
    assert_eq!(
        pairs(&value),
        Ok(expect(&[
            ("neg", "-5"),
            ("big", "340282366920938463463374607431768211455"),
            ("float", "1.5"),
            ("ch", "x"),
            ("id", "42"),
            ("either", "-7"),
            ("nums", "1,2,3"),
            ("mixed", "full,partial"),
            ("tuple", "1,two"),
        ]))
    );
}

#[derive(Serialize)]
struct Range {
    gt: Option<String>,
    lt: Option<String>,
}

#[derive(Serialize)]
struct Activation {
    foc_datetime_requested: Option<Range>,
}

#[derive(Serialize)]
struct Common {
    customer_reference: Option<String>,
    activation_settings: Option<Activation>,
}

#[derive(Serialize)]
struct FlatFilter {
    #[serde(flatten)]
    common: Common,
    status: Option<String>,
}

#[derive(Serialize)]
struct FlatQuery {
    filter: FlatFilter,
    #[serde(flatten)]
    extra: BTreeMap<String, String>,
}

#[test]
fn flatten_works() {
    let mut extra = BTreeMap::new();
    extra.insert(String::from("page[size]"), String::from("5"));
    let value = FlatQuery {
        filter: FlatFilter {
            common: Common {
                customer_reference: Some(String::from("abc")),
                activation_settings: Some(Activation {
                    foc_datetime_requested: Some(Range {
                        gt: Some(String::from("2024-01-01")),
                        lt: None,
                    }),
                }),
            },
            status: Some(String::from("draft")),
        },
        extra,
    };
    assert_eq!(
        pairs(&value),
        Ok(expect(&[
            ("filter[customer_reference]", "abc"),
            (
                "filter[activation_settings][foc_datetime_requested][gt]",
                "2024-01-01"
            ),
            ("filter[status]", "draft"),
            ("page[size]", "5"),
        ]))
    );
}

#[test]
fn maps() {
    let mut map = BTreeMap::new();
    map.insert(String::from("b"), String::from("2"));
    map.insert(String::from("a"), String::from("1"));
    assert_eq!(pairs(&map), Ok(expect(&[("a", "1"), ("b", "2")])));

    #[derive(Serialize)]
    struct WithMap {
        filter: BTreeMap<String, String>,
        by_number: BTreeMap<u16, bool>,
        by_kind: BTreeMap<&'static str, Vec<&'static str>>,
    }
    let value = WithMap {
        filter: map,
        by_number: BTreeMap::from([(7, true)]),
        by_kind: BTreeMap::from([("status", vec!["draft", "submitted"])]),
    };
    assert_eq!(
        pairs(&value),
        Ok(expect(&[
            ("filter[a]", "1"),
            ("filter[b]", "2"),
            ("by_number[7]", "true"),
            ("by_kind[status]", "draft,submitted"),
        ]))
    );
}

#[test]
fn top_level_must_be_struct_or_map() {
    let err = pairs(&5_u32).err().map(|e| e.message().to_owned());
    assert_eq!(
        err.as_deref(),
        Some("the top level of a query must be a struct or a map, found an integer")
    );
    assert!(pairs("text").is_err());
    assert!(pairs(&vec![1, 2]).is_err());
    assert_eq!(pairs(&Option::<Page>::None), Ok(Vec::new()));
    assert_eq!(
        pairs(&Some(Sort {
            value: Some(String::from("x"))
        })),
        Ok(expect(&[("value", "x")]))
    );
}

#[test]
fn sequence_of_structs_is_an_error() {
    #[derive(Serialize)]
    struct Bad {
        filter: Vec<Sort>,
    }
    let err = pairs(&Bad {
        filter: vec![Sort { value: None }],
    });
    let message = err
        .err()
        .map(|e| e.message().to_owned())
        .unwrap_or_default();
    assert!(
        message.contains("a sequence in a query may contain only"),
        "{message}"
    );
    assert!(message.contains("found a struct at `filter`"), "{message}");

    #[derive(Serialize)]
    struct Nested {
        ids: Vec<Vec<u8>>,
    }
    assert!(pairs(&Nested { ids: vec![vec![1]] }).is_err());
}

#[test]
fn bytes_are_an_error() {
    struct Raw;
    impl Serialize for Raw {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"abc")
        }
    }
    #[derive(Serialize)]
    struct WithBytes {
        data: Raw,
    }
    let err = pairs(&WithBytes { data: Raw });
    let message = err
        .err()
        .map(|e| e.message().to_owned())
        .unwrap_or_default();
    assert!(
        message.starts_with("bytes cannot be encoded in a query at `data`"),
        "{message}"
    );
    assert!(pairs(&Raw).is_err());
}

#[test]
fn empty_keys_are_errors() {
    let map = BTreeMap::from([(String::new(), String::from("v"))]);
    let message = pairs(&map)
        .err()
        .map(|e| e.message().to_owned())
        .unwrap_or_default();
    assert_eq!(message, "a map key is empty at the top level");

    #[derive(Serialize)]
    struct Outer {
        inner: BTreeMap<String, u8>,
    }
    let value = Outer {
        inner: BTreeMap::from([(String::new(), 1)]),
    };
    let message = pairs(&value)
        .err()
        .map(|e| e.message().to_owned())
        .unwrap_or_default();
    assert_eq!(message, "a map key is empty at `inner`");

    #[derive(Serialize)]
    struct EmptyName {
        #[serde(rename = "")]
        field: u8,
    }
    assert!(pairs(&EmptyName { field: 1 }).is_err());
}

#[test]
fn non_scalar_map_keys_are_errors() {
    let map = BTreeMap::from([(vec![1_u8], 1_u8)]);
    assert!(pairs(&map).is_err());
    let map = BTreeMap::from([(Option::<u8>::None, 1_u8)]);
    assert!(pairs(&map).is_err());
}

#[test]
fn error_traits() {
    use serde::ser::Error as _;
    let err = QueryError::custom("boom");
    assert_eq!(err.to_string(), "boom");
    assert_eq!(err.message(), "boom");
    let _: &dyn std::error::Error = &err;
}
