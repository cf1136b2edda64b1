//! Number ranges attached to an order (associated phone numbers, phone number blocks,
//! phone number extensions), and phone number configurations.

use serde_json::{Value, json};

use super::super::ctx::Ctx;
use super::super::patch::{self, Fields, Kind};
use super::super::query::{Filter, Filters, Match, Order as Sort, time_at};
use super::super::store::{Child, Item, Store};
use super::super::table::Table;
use super::children::{has_order, list_children, order_and_body};
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
    fn table(self, store: &mut Store) -> &mut Table<Child> {
        match self {
            Range::Associated => &mut store.associated_numbers,
            Range::Blocks => &mut store.number_blocks,
            Range::Extensions => &mut store.number_extensions,
        }
    }

    fn record_name(self) -> &'static str {
        match self {
            Range::Associated => "Associated phone number",
            Range::Blocks => "Phone number block",
            Range::Extensions => "Phone number extension",
        }
    }
}

pub(super) fn list_ranges(ctx: &mut Ctx<'_>, id: &str, kind: Range) -> Response {
    let filters: &[Filter] = match kind {
        Range::Associated => &[
            ("filter[action]", "/action", Match::Eq),
            (
                "filter[phone_number]",
                "/phone_number_range/start_at",
                Match::Eq,
            ),
        ],
        Range::Blocks => &[(
            "filter[phone_number]",
            "/phone_number_range/start_at",
            Match::Eq,
        )],
        Range::Extensions => &[(
            "filter[porting_phone_number_id]",
            "/porting_phone_number_id",
            Match::Eq,
        )],
    };
    let pick: fn(&mut Store) -> &mut Table<Child> = match kind {
        Range::Associated => |s| &mut s.associated_numbers,
        Range::Blocks => |s| &mut s.number_blocks,
        Range::Extensions => |s| &mut s.number_extensions,
    };
    list_children(ctx, id, pick, filters, Some(&["created_at", "-created_at"]))
}

const RANGE: Fields = &[("start_at", Kind::Str), ("end_at", Kind::Str)];

/// A two-letter country code for a +E.164 number (a sandbox guess from the prefix).
fn country_of(number: &str) -> &'static str {
    let prefixes = [
        ("+1", "US"),
        ("+44", "GB"),
        ("+49", "DE"),
        ("+61", "AU"),
        ("+33", "FR"),
        ("+34", "ES"),
    ];
    prefixes
        .iter()
        .find(|(p, _)| number.starts_with(p))
        .map_or("US", |(_, c)| c)
}

pub(super) fn create_range(ctx: &mut Ctx<'_>, id: &str, kind: Range) -> Response {
    let key = try_or_answer!(order_id(id));
    let new_id = ctx.ids.new_uuid();
    let record = match kind {
        Range::Associated => {
            const FIELDS: Fields = &[
                ("action", Kind::RequiredEnum(&["keep", "disconnect"])),
                ("phone_number_range", Kind::Obj(RANGE)),
            ];
            let body = try_or_answer!(order_and_body(
                ctx,
                key,
                id,
                FIELDS,
                &["action", "phone_number_range"]
            ));
            let start = body["phone_number_range"]["start_at"]
                .as_str()
                .unwrap_or_default();
            json!({
                "action": body["action"],
                "country_code": country_of(start),
                "created_at": ctx.now,
                "id": new_id,
                "phone_number_range": body["phone_number_range"],
                "phone_number_type": "local",
                "porting_order_id": id,
                "record_type": "porting_associated_phone_number",
                "updated_at": ctx.now,
            })
        }
        Range::Blocks => {
            const FIELDS: Fields = &[
                ("phone_number_range", Kind::Obj(RANGE)),
                ("activation_ranges", Kind::Strs),
            ];
            // `activation_ranges` is a list of ranges: checked by hand below.
            let mut body = try_or_answer!(json_body(ctx));
            let activation = body
                .as_object_mut()
                .and_then(|m| m.remove("activation_ranges"));
            if !has_order(ctx, key) {
                return order_not_found(id);
            }
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation, &mut problems);
            if body.get("phone_number_range").is_none() {
                problems.push(errors::required_entry("", "phone_number_range"));
            }
            try_or_answer!(refuse(problems));
            let start = body["phone_number_range"]["start_at"]
                .as_str()
                .unwrap_or_default();
            json!({
                "activation_ranges": activation,
                "country_code": country_of(start),
                "created_at": ctx.now,
                "id": new_id,
                "phone_number_range": body["phone_number_range"],
                "phone_number_type": "local",
                "record_type": "porting_phone_number_block",
                "updated_at": ctx.now,
            })
        }
        Range::Extensions => {
            const INT_RANGE: Fields = &[("start_at", Kind::Int), ("end_at", Kind::Int)];
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
            let mut problems = Vec::new();
            patch::check(&body, FIELDS, "", &mut problems);
            let activation = check_ranges(activation, &mut problems);
            for name in ["porting_phone_number_id", "extension_range"] {
                if body.get(name).is_none_or(Value::is_null) {
                    problems.push(errors::required_entry("", name));
                }
            }
            try_or_answer!(refuse(problems));
            json!({
                "activation_ranges": activation,
                "created_at": ctx.now,
                "extension_range": body["extension_range"],
                "id": new_id,
                "porting_phone_number_id": body["porting_phone_number_id"],
                "record_type": "porting_phone_number_extension",
                "updated_at": ctx.now,
            })
        }
    };
    kind.table(ctx.store.get()).insert(Child {
        id: new_id,
        order_id: key,
        value: record.clone(),
    });
    ctx.store.unlock();
    data(201, &record)
}

/// `activation_ranges`: a required list of `{start_at, end_at}` objects.
fn check_ranges(value: Option<Value>, problems: &mut Vec<Value>) -> Value {
    match value {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let ok = item
                    .as_object()
                    .is_some_and(|m| m.contains_key("start_at") && m.contains_key("end_at"));
                if !ok {
                    problems.push(errors::body_entry(
                        &format!("/activation_ranges/{i}"),
                        "Each activation range needs 'start_at' and 'end_at'.",
                    ));
                }
            }
            Value::Array(items)
        }
        _ => {
            problems.push(errors::body_entry(
                "/activation_ranges",
                "The 'activation_ranges' parameter is required (a list).",
            ));
            Value::Null
        }
    }
}

pub(super) fn delete_range(ctx: &mut Ctx<'_>, id: &str, kind: Range, child: &str) -> Response {
    let key = try_or_answer!(order_id(id));
    if !has_order(ctx, key) {
        return order_not_found(id);
    }
    let child_key = try_or_answer!(record_id(kind.record_name(), child));
    let table = kind.table(ctx.store.get());
    if table.get_in_mut(&key, &child_key).is_none() {
        return record_not_found(kind.record_name(), child);
    }
    let Some(removed) = table.remove(&child_key) else {
        return record_not_found(kind.record_name(), child);
    };
    ctx.store.unlock();
    data(200, &removed.value)
}

// --- phone number configurations (not under one order) ---

pub(super) fn list_number_configurations(ctx: &mut Ctx<'_>) -> Response {
    let page = try_or_answer!(ctx.query.page());
    let sort = try_or_answer!(ctx.query.sort(&["created_at", "-created_at"]));
    const FILTERS: &[Filter] = &[
        (
            "filter[porting_phone_number]",
            "/porting_phone_number_id",
            Match::Eq,
        ),
        ("filter[user_bundle_id]", "/user_bundle_id", Match::Eq),
    ];
    let filters = Filters::new(&ctx.query, FILTERS);
    let store = ctx.store.get();
    let listed = Sort::parse(sort.as_deref().unwrap_or("-created_at")).arrange(
        store
            .number_configurations
            .iter()
            .filter(|i| filters.pass(&i.value)),
        |i, field| time_at(&i.value, field),
    );
    let (found, total) = page.cut(listed);
    let found: Vec<Value> = found.into_iter().map(|i| i.value.clone()).collect();
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
    let created: Vec<Item> = items
        .iter()
        .map(|item| {
            let id = ctx.ids.new_uuid();
            let value = json!({
                "created_at": ctx.now,
                "id": id,
                "porting_phone_number_id": item["porting_phone_number_id"],
                "record_type": "porting_phone_number_configuration",
                "updated_at": ctx.now,
                "user_bundle_id": item["user_bundle_id"],
            });
            Item { id, value }
        })
        .collect();
    let values: Vec<Value> = created.iter().map(|item| item.value.clone()).collect();
    let store = ctx.store.get();
    for item in created {
        store.number_configurations.insert(item);
    }
    ctx.store.unlock();
    data(201, &values)
}
