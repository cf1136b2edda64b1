//! Body shapes for PATCH (and create) requests, with merge semantics: a field left out keeps
//! its value, an explicit `null` clears it, a nested object merges into the stored one.

use serde_json::{Map, Value};

use super::clock::parse_time;
use crate::sandbox::errors;

/// What one field of a body may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// A string, or null.
    Str,
    /// An RFC 3339 timestamp string, or null.
    Time,
    /// A UUID string, or null.
    Uuid,
    /// One of these strings, or null.
    Enum(&'static [&'static str]),
    /// One of these strings; null is refused.
    RequiredEnum(&'static [&'static str]),
    /// A boolean; null is refused.
    Bool,
    /// An integer, or null.
    Int,
    /// A list of strings; null clears it to `[]`.
    Strs,
    /// An object of these fields; null resets every field (to null, `[]` or `false`).
    Obj(Fields),
    /// An object of these fields, or null.
    NullObj(Fields),
}

/// The fields of an object, by name.
pub(crate) type Fields = &'static [(&'static str, Kind)];

/// Checks `body` (a JSON object) against `fields`, collecting one `errors[]` entry per
/// problem, with JSON pointers under `at`. Unknown fields are refused.
pub(crate) fn check(body: &Value, fields: Fields, at: &str, problems: &mut Vec<Value>) {
    let Some(object) = body.as_object() else {
        let shown = errors::show(body);
        problems.push(bad(at, format!("Expected a JSON object, not {shown}.")));
        return;
    };
    for (key, value) in object {
        let pointer = format!("{at}/{key}");
        match fields.iter().find(|(name, _)| name == key) {
            Some((_, kind)) => check_value(value, *kind, &pointer, problems),
            None => problems.push(bad(&pointer, format!("Unknown field '{key}'."))),
        }
    }
}

fn check_value(value: &Value, kind: Kind, pointer: &str, problems: &mut Vec<Value>) {
    let shown = errors::show(value);
    let problem = match (kind, value) {
        (Kind::Bool | Kind::RequiredEnum(_), Value::Null) => Some("must not be null".to_owned()),
        (_, Value::Null) => None,
        (Kind::Str, Value::String(_)) => None,
        (Kind::Time, Value::String(s)) if parse_time(s).is_some() => None,
        (Kind::Time, _) => Some(format!("must be an ISO 8601 date-time, not {shown}")),
        (Kind::Uuid, Value::String(s)) if uuid::Uuid::try_parse(s).is_ok() => None,
        (Kind::Uuid, _) => Some(format!("must be a UUID, not {shown}")),
        (Kind::Enum(allowed) | Kind::RequiredEnum(allowed), Value::String(s))
            if allowed.contains(&s.as_str()) =>
        {
            None
        }
        (Kind::Enum(allowed) | Kind::RequiredEnum(allowed), _) => Some(format!(
            "must be one of {}, not {shown}",
            allowed.join(", ")
        )),
        (Kind::Bool, Value::Bool(_)) => None,
        (Kind::Int, Value::Number(n)) if n.is_i64() => None,
        (Kind::Int, _) => Some(format!("must be an integer, not {shown}")),
        (Kind::Strs, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_string() {
                    let shown = errors::show(item);
                    problems.push(bad(
                        &format!("{pointer}/{i}"),
                        format!("Each item must be a string, not {shown}."),
                    ));
                }
            }
            None
        }
        (Kind::Obj(fields) | Kind::NullObj(fields), Value::Object(_)) => {
            check(value, fields, pointer, problems);
            None
        }
        (Kind::Str, _) => Some(format!("must be a string, not {shown}")),
        (Kind::Bool, _) => Some(format!("must be a boolean, not {shown}")),
        (Kind::Strs, _) => Some(format!("must be a list of strings, not {shown}")),
        (Kind::Obj(_) | Kind::NullObj(_), _) => Some(format!("must be an object, not {shown}")),
    };
    if let Some(problem) = problem {
        let name = pointer.rsplit('/').next().unwrap_or(pointer);
        problems.push(bad(pointer, format!("'{name}' {problem}.")));
    }
}

fn bad(pointer: &str, detail: String) -> Value {
    errors::body_entry(pointer, &detail)
}

/// Merges a checked `patch` into `stored` following `fields`.
pub(crate) fn merge(stored: &mut Value, patch: &Map<String, Value>, fields: Fields) {
    if !stored.is_object() {
        *stored = blank(fields);
    }
    let Some(target) = stored.as_object_mut() else {
        return;
    };
    for (key, value) in patch {
        let Some((_, kind)) = fields.iter().find(|(name, _)| name == key) else {
            continue;
        };
        let slot = target.entry(key.clone()).or_insert(Value::Null);
        match (kind, value) {
            (Kind::Obj(fields), Value::Null) => *slot = blank(fields),
            (Kind::Strs, Value::Null) => *slot = Value::Array(Vec::new()),
            (Kind::Obj(fields) | Kind::NullObj(fields), Value::Object(inner)) => {
                merge(slot, inner, fields);
            }
            _ => *slot = value.clone(),
        }
    }
}

/// An object with every field of `fields` empty.
pub(crate) fn blank(fields: Fields) -> Value {
    let map = fields
        .iter()
        .map(|(name, kind)| {
            let value = match kind {
                Kind::Strs => Value::Array(Vec::new()),
                Kind::Bool => Value::Bool(false),
                Kind::RequiredEnum(allowed) => {
                    allowed.first().map_or(Value::Null, |v| Value::from(*v))
                }
                Kind::Obj(inner) => blank(inner),
                _ => Value::Null,
            };
            ((*name).to_owned(), value)
        })
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const INNER: Fields = &[("a", Kind::Str), ("b", Kind::Str)];
    const FIELDS: Fields = &[
        ("name", Kind::Str),
        ("flag", Kind::Bool),
        ("inner", Kind::Obj(INNER)),
        ("maybe", Kind::NullObj(INNER)),
        ("tags", Kind::Strs),
    ];

    #[test]
    fn merge_keeps_clears_and_nests() {
        let mut stored = json!({"name": "x", "flag": true, "inner": {"a": "1", "b": "2"},
                                "maybe": null, "tags": ["t"]});
        let patch = json!({"name": null, "inner": {"b": "3"}, "maybe": {"a": "4"}, "tags": null});
        let mut problems = Vec::new();
        check(&patch, FIELDS, "", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        merge(&mut stored, patch.as_object().unwrap(), FIELDS);
        assert_eq!(
            stored,
            json!({"name": null, "flag": true, "inner": {"a": "1", "b": "3"},
                   "maybe": {"a": "4", "b": null}, "tags": []})
        );
        merge(
            &mut stored,
            json!({"inner": null}).as_object().unwrap(),
            FIELDS,
        );
        assert_eq!(stored["inner"], json!({"a": null, "b": null}));
    }

    #[test]
    fn check_points_at_each_problem() {
        let patch = json!({"name": 1, "flag": null, "inner": {"c": "x"}, "tags": [1], "zz": 0});
        let mut problems = Vec::new();
        check(&patch, FIELDS, "", &mut problems);
        let mut pointers: Vec<&str> = problems
            .iter()
            .map(|p| p["source"]["pointer"].as_str().unwrap())
            .collect();
        pointers.sort_unstable();
        assert_eq!(pointers, ["/flag", "/inner/c", "/name", "/tags/0", "/zz"]);
    }
}
