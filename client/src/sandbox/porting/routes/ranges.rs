//! Number ranges attached to an order (associated phone numbers, phone number blocks,
//! phone number extensions), and phone number configurations.

use serde::Serialize;
use serde_json::Value;

use super::super::country::country_of;
use super::super::ctx::Ctx;
use super::super::order::Stamp;
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Filters, Match, Order as Sort};
use super::super::range::{
    Action, AssociatedNumber, NumberBlock, NumberConfiguration, NumberExtension, Range as Bounds,
};
use super::super::store::Store;
use super::super::table::{Record, Table};
use super::children::{has_order, list_children, no_key, order_and_body};
use super::{
    data, json_body, order_id, order_not_found, record_id, record_not_found, refuse, try_or_answer,
};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

// --- number ranges: associated phone numbers, phone number blocks, extensions ---

/// The three kinds of number ranges attached to an order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Range {
    Associated,
    Blocks,
    Extensions,
}

impl Range {
    fn record_name(self) -> &'static str {
        match self {
            Range::Associated => "Associated phone number",
            Range::Blocks => "Phone number block",
            Range::Extensions => "Phone number extension",
        }
    }
}

const SORTS: Option<&[&str]> = Some(&["created_at", "-created_at"]);

pub(super) fn list_ranges(ctx: &mut Ctx<'_>, id: &str, kind: Range) -> Response {
    match kind {
        Range::Associated => {
            const FILTERS: &[Filter<AssociatedNumber>] = &[
                ("filter[action]", Match::Eq, |a, f| f(a.action.as_str())),
                ("filter[phone_number]", Match::Eq, |a, f| {
                    a.range.start_at.as_deref().is_some_and(f)
                }),
            ];
            list_children(
                ctx,
                id,
                |s| &mut s.associated_numbers,
                FILTERS,
                SORTS,
                no_key,
            )
        }
        Range::Blocks => {
            const FILTERS: &[Filter<NumberBlock>] =
                &[("filter[phone_number]", Match::Eq, |b, f| {
                    b.range.start_at.as_deref().is_some_and(f)
                })];
            list_children(ctx, id, |s| &mut s.number_blocks, FILTERS, SORTS, no_key)
        }
        Range::Extensions => {
            const FILTERS: &[Filter<NumberExtension>] =
                &[("filter[porting_phone_number_id]", Match::Eq, |e, f| {
                    f(&e.porting_phone_number_id)
                })];
            list_children(
                ctx,
                id,
                |s| &mut s.number_extensions,
                FILTERS,
                SORTS,
                no_key,
            )
        }
    }
}

const RANGE: Fields = &[("start_at", Kind::Str), ("end_at", Kind::Str)];
const INT_RANGE: Fields = &[("start_at", Kind::Int), ("end_at", Kind::Int)];

/// The ISO country code of a range that starts at `number`, from its E.164 calling code (and
/// NANP area code); `"US"` when the number belongs to no country.
fn range_country(number: &str) -> &'static str {
    country_of(number).map_or("US", |c| c.iso)
}

/// The bounds of a checked `{start_at, end_at}` of phone numbers.
fn number_bounds(value: &Value) -> Bounds<Box<str>> {
    Bounds {
        end_at: value["end_at"].as_str().map(Box::from),
        start_at: value["start_at"].as_str().map(Box::from),
    }
}

/// The bounds of a checked `{start_at, end_at}` of extensions.
fn extension_bounds(value: &Value) -> Bounds<i64> {
    Bounds {
        end_at: value["end_at"].as_i64(),
        start_at: value["start_at"].as_i64(),
    }
}

/// Refuses a range object (at `at`) without both `start_at` and `end_at`.
fn require_bounds(value: &Value, at: &str, problems: &mut Vec<Value>) {
    if value.is_object() {
        for name in ["start_at", "end_at"] {
            if value.get(name).is_none_or(Value::is_null) {
                problems.push(errors::required_entry(at, name));
            }
        }
    }
}

/// Stores `record` in the table `pick` chooses if order `key` still exists; 201 with it.
fn store_range<T: Record + Serialize + Clone>(
    ctx: &mut Ctx<'_>,
    id: &str,
    pick: fn(&mut Store) -> &mut Table<T>,
    record: T,
) -> Response {
    let store = ctx.store.get();
    if record
        .order_id()
        .is_some_and(|key| !store.orders.contains(&key))
    {
        return order_not_found(id);
    }
    pick(store).insert(record.clone());
    ctx.store.unlock();
    data(201, &record)
}

pub(super) fn create_range(ctx: &mut Ctx<'_>, id: &str, kind: Range) -> Response {
    let key = try_or_answer!(order_id(id));
    let new_id = ctx.ids.new_uuid();
    let now = Stamp::parse(&ctx.now);
    match kind {
        Range::Associated => {
            const FIELDS: Fields = &[
                ("action", Kind::RequiredEnum(Action::NAMES)),
                ("phone_number_range", Kind::Obj(RANGE)),
            ];
            let body = try_or_answer!(order_and_body(
                ctx,
                key,
                id,
                FIELDS,
                &["action", "phone_number_range"]
            ));
            let range = number_bounds(&body["phone_number_range"]);
            let record = AssociatedNumber {
                id: new_id,
                order_id: key,
                created_at: now,
                action: body["action"]
                    .as_str()
                    .and_then(Action::parse)
                    .unwrap_or(Action::Keep),
                country_code: range_country(range.start_at.as_deref().unwrap_or_default()),
                range,
            };
            store_range(ctx, id, |s| &mut s.associated_numbers, record)
        }
        Range::Blocks => {
            const FIELDS: Fields = &[("phone_number_range", Kind::Obj(RANGE))];
            // `activation_ranges` is a list of ranges: checked by `check_ranges`.
            let mut body = try_or_answer!(json_body(ctx));
            let activation = body
                .as_object_mut()
                .and_then(|m| m.remove("activation_ranges"));
            if !has_order(ctx, key) {
                return order_not_found(id);
            }
            ctx.store.unlock();
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation.as_ref(), RANGE, &mut problems);
            match body.get("phone_number_range") {
                None | Some(Value::Null) => {
                    problems.push(errors::required_entry("", "phone_number_range"));
                }
                Some(range) => require_bounds(range, "/phone_number_range", &mut problems),
            }
            try_or_answer!(refuse(problems));
            let range = number_bounds(&body["phone_number_range"]);
            let record = NumberBlock {
                id: new_id,
                order_id: key,
                created_at: now,
                country_code: range_country(range.start_at.as_deref().unwrap_or_default()),
                range,
                activation_ranges: activation.iter().map(number_bounds).collect(),
            };
            store_range(ctx, id, |s| &mut s.number_blocks, record)
        }
        Range::Extensions => {
            const FIELDS: Fields = &[
                ("porting_phone_number_id", Kind::Str),
                ("extension_range", Kind::Obj(INT_RANGE)),
            ];
            let mut body = try_or_answer!(json_body(ctx));
            let activation = body
                .as_object_mut()
                .and_then(|m| m.remove("activation_ranges"));
            if !has_order(ctx, key) {
                return order_not_found(id);
            }
            ctx.store.unlock();
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation.as_ref(), INT_RANGE, &mut problems);
            for name in ["porting_phone_number_id", "extension_range"] {
                if body.get(name).is_none_or(Value::is_null) {
                    problems.push(errors::required_entry("", name));
                }
            }
            require_bounds(&body["extension_range"], "/extension_range", &mut problems);
            try_or_answer!(refuse(problems));
            let record = NumberExtension {
                id: new_id,
                order_id: key,
                created_at: now,
                porting_phone_number_id: body["porting_phone_number_id"]
                    .as_str()
                    .unwrap_or_default()
                    .into(),
                range: extension_bounds(&body["extension_range"]),
                activation_ranges: activation.iter().map(extension_bounds).collect(),
            };
            store_range(ctx, id, |s| &mut s.number_extensions, record)
        }
    }
}

/// `activation_ranges`: a required list of `{start_at, end_at}` objects of `fields` (both
/// required); the checked items.
fn check_ranges<'v>(
    value: Option<&'v Value>,
    fields: Fields,
    problems: &mut Vec<Value>,
) -> &'v [Value] {
    match value {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("/activation_ranges/{i}");
                patch::check(item, fields, &at, problems);
                require_bounds(item, &at, problems);
            }
            items
        }
        _ => {
            problems.push(errors::body_entry(
                "/activation_ranges",
                "The 'activation_ranges' parameter is required (a list).",
            ));
            &[]
        }
    }
}

/// Removes the record `child` of order `id` from the table `pick` chooses; 200 with it.
fn delete_in<T: Record + Serialize>(
    ctx: &mut Ctx<'_>,
    id: &str,
    kind: Range,
    child: &str,
    pick: fn(&mut Store) -> &mut Table<T>,
) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let child_key = try_or_answer!(record_id(kind.record_name(), child));
    let table = pick(ctx.store.get());
    if table.get_in_mut(&key, &child_key).is_none() {
        return record_not_found(kind.record_name(), child);
    }
    let Some(removed) = table.remove(&child_key) else {
        return record_not_found(kind.record_name(), child);
    };
    ctx.store.unlock();
    data(200, &removed)
}

pub(super) fn delete_range(ctx: &mut Ctx<'_>, id: &str, kind: Range, child: &str) -> Response {
    match kind {
        Range::Associated => delete_in(ctx, id, kind, child, |s| &mut s.associated_numbers),
        Range::Blocks => delete_in(ctx, id, kind, child, |s| &mut s.number_blocks),
        Range::Extensions => delete_in(ctx, id, kind, child, |s| &mut s.number_extensions),
    }
}

// --- phone number configurations (not under one order) ---

/// The most phone number configurations one request makes (the spec's `maxItems`).
const MAX_CONFIGURATIONS: usize = 20;

pub(super) fn list_number_configurations(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    const FILTERS: &[Filter<NumberConfiguration>] = &[
        ("filter[porting_phone_number]", Match::Eq, |c, f| {
            f(&c.porting_phone_number_id)
        }),
        ("filter[user_bundle_id]", Match::Eq, |c, f| {
            f(&c.user_bundle_id)
        }),
    ];
    let filters = Filters::new(&ctx.query, FILTERS);
    let store = ctx.store.get();
    let listed = Sort::parse(sort.as_deref().unwrap_or("-created_at")).arrange(
        store
            .number_configurations
            .iter()
            .filter(|c| filters.pass(c)),
        no_key,
    );
    let (found, total) = page.cut(listed);
    let found: Vec<NumberConfiguration> = found.into_iter().cloned().collect();
    ctx.store.unlock();
    page.answer(&found, total)
}

pub(super) fn create_number_configurations(ctx: &mut Ctx<'_>) -> Response {
    let body = try_or_answer!(json_body(ctx));
    let Some(items) = body
        .get("phone_number_configurations")
        .and_then(Value::as_array)
    else {
        return errors::invalid_body(
            "/phone_number_configurations",
            "'phone_number_configurations' must be a list.",
        );
    };
    if items.len() > MAX_CONFIGURATIONS {
        return errors::invalid_body(
            "/phone_number_configurations",
            "At most 20 phone number configurations at a time.",
        );
    }
    const ITEM: Fields = &[
        ("porting_phone_number_id", Kind::Str),
        ("user_bundle_id", Kind::Str),
    ];
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("/phone_number_configurations/{i}");
        patch::check(item, ITEM, &at, &mut problems);
        for name in ["porting_phone_number_id", "user_bundle_id"] {
            if !item[name].is_string() {
                problems.push(errors::required_entry(&at, name));
            }
        }
    }
    try_or_answer!(refuse(problems));
    let now = Stamp::parse(&ctx.now);
    let text = |item: &Value, name: &str| Box::from(item[name].as_str().unwrap_or_default());
    let created: Vec<NumberConfiguration> = items
        .iter()
        .map(|item| NumberConfiguration {
            id: ctx.ids.new_uuid(),
            created_at: now,
            porting_phone_number_id: text(item, "porting_phone_number_id"),
            user_bundle_id: text(item, "user_bundle_id"),
        })
        .collect();
    let store = ctx.store.get();
    for item in &created {
        store.number_configurations.insert(item.clone());
    }
    ctx.store.unlock();
    data(201, &created)
}
