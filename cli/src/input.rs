//! From flags to a request: path ids, query parameters, and the JSON body (`--data` plus the
//! body flags). Nothing here sends anything; every problem is a usage error (exit 2).
//!
//! Scalar values lose exactly one pair of surrounding single quotes, so the API reference's
//! samples (`--phone-number "'+13035550000'"`, YAML quoting in the official tool) work
//! verbatim; everything else is validated by the library's typed request.

use std::io::Read;

use clap::ArgMatches;
use serde_json::{Map, Value};

use telnyx_porting::models::CreateDocServiceDocumentRequest;

use crate::commands::{BodyFlag, BodyKind, Op, PageSelection, QueryKind};
use crate::errors::CliError;

/// `value` without one pair of matching surrounding single quotes: `'78701'` is `78701`,
/// `''x''` is `'x'`, `'x` stays `'x`.
pub(crate) fn unquote(value: &str) -> &str {
    if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
        &value[1..value.len() - 1]
    } else {
        value
    }
}

/// The path ids, in path order, from their flags or the positional argument.
pub(crate) fn ids(op: &Op, m: &ArgMatches) -> Result<Vec<(&'static str, String)>, CliError> {
    let positional = m.try_get_one::<String>("positional-id").ok().flatten();
    let mut out = Vec::new();
    for id in op.ids {
        let flag = m.get_one::<String>(id.flag);
        let value = match (flag, positional) {
            (Some(v), Some(p)) if op.positional == Some(id.flag) => {
                return Err(CliError::usage(format!(
                    "--{} given twice: as {v:?} and as the argument {p:?}",
                    id.flag
                )));
            }
            (Some(v), _) => v.clone(),
            (None, Some(p)) if op.positional == Some(id.flag) => p.clone(),
            _ => {
                return Err(CliError::usage(format!(
                    "--{} is required (or give it as the first argument)",
                    id.flag
                )));
            }
        };
        out.push((id.flag, unquote(&value).to_owned()));
    }
    Ok(out)
}

/// The query flags as `(key, value)` pairs, in table order.
pub(crate) fn query(op: &Op, m: &ArgMatches) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for q in op.query.iter().filter(|q| !q.typed) {
        let Some(values) = m.get_many::<String>(q.flag) else {
            continue;
        };
        let values: Vec<&str> = values.map(|v| unquote(v)).collect();
        match q.kind {
            QueryKind::Str | QueryKind::Bool => {
                if let Some(v) = values.last() {
                    out.push((q.key.to_owned(), (*v).to_owned()));
                }
            }
            QueryKind::Multi => out.push((q.key.to_owned(), values.join(","))),
        }
    }
    out
}

/// The query flags the call takes through its typed query: (flag, key, value), the last
/// value of each.
pub(crate) fn typed_query(op: &Op, m: &ArgMatches) -> Vec<(&'static str, &'static str, String)> {
    op.query
        .iter()
        .filter(|q| q.typed)
        .filter_map(|q| {
            let value = m.get_many::<String>(q.flag)?.next_back()?;
            Some((q.flag, q.key, unquote(value).to_owned()))
        })
        .collect()
}

/// `--page-size`, `--page-number`, `--max-items`.
pub(crate) fn page(m: &ArgMatches) -> PageSelection {
    let get = |name: &str| m.try_get_one::<u64>(name).ok().flatten().copied();
    PageSelection {
        size: get("page-size"),
        number: get("page-number"),
        max_items: get("max-items"),
    }
}

/// The JSON body: `--data` (inline JSON, `@FILE` or `-` for stdin), then each body flag on top.
/// `None` when the operation takes no body.
pub(crate) fn body(op: &Op, m: &ArgMatches) -> Result<Option<Value>, CliError> {
    if !op.takes_body {
        return Ok(None);
    }
    let data = m.get_one::<String>("data");
    let mut body = match data {
        Some(source) => read_data(source)?,
        None => {
            if stdin_has_data() {
                return Err(CliError::usage(
                    "standard input is piped, but this command reads it only with --data -: \
                     add `--data -` to send it as the request body, or `< /dev/null` to ignore it",
                ));
            }
            Value::Object(Map::new())
        }
    };
    let flags_given = op.body.iter().any(|b| m.contains_id(b.flag));
    // Two flags for one field (`--file` and `--document.file`): say so rather than pick one.
    for (i, a) in op.body.iter().enumerate() {
        let twin = op.body[i + 1..]
            .iter()
            .find(|b| b.path == a.path && m.contains_id(a.flag) && m.contains_id(b.flag));
        if let Some(b) = twin {
            return Err(CliError::usage(format!(
                "--{} and --{} both set {}: give one of them",
                a.flag,
                b.flag,
                a.path.join(".")
            )));
        }
    }
    if flags_given && !body.is_object() {
        return Err(CliError::usage(
            "--data is not a JSON object, so body flags cannot be merged into it",
        ));
    }
    for b in op.body {
        if b.kind == BodyKind::ObjectList {
            if let Some(items) = object_list(op, b.flag, b.path, m)? {
                set_path(&mut body, b.path, items, b.flag)?;
            }
            continue;
        }
        if b.kind == BodyKind::ItemField {
            continue;
        }
        if matches!(b.kind, BodyKind::FilePath | BodyKind::Base64OrPath) {
            if let Some(value) = m.get_many::<String>(b.flag).and_then(|mut v| v.next_back()) {
                upload_file(&mut body, b, unquote(value))?;
            }
            continue;
        }
        let Some(raw) = m.get_many::<String>(b.flag) else {
            continue;
        };
        let raw: Vec<&String> = raw.collect();
        let flag = b.flag;
        let value = match b.kind {
            BodyKind::List => Value::Array(
                raw.iter()
                    .map(|v| Value::String(unquote(v).to_owned()))
                    .collect(),
            ),
            BodyKind::NumberList => Value::Array(
                raw.iter()
                    .map(|v| number(flag, unquote(v), false))
                    .collect::<Result<_, _>>()?,
            ),
            kind => {
                let last = raw.last().map(|v| v.as_str()).unwrap_or_default();
                scalar(flag, kind, last)?
            }
        };
        set_path(&mut body, b.path, value, flag)?;
    }
    Ok(Some(body))
}

fn scalar(flag: &str, kind: BodyKind, raw: &str) -> Result<Value, CliError> {
    let v = unquote(raw);
    let nullable = matches!(kind, BodyKind::NullableStr | BodyKind::NullableInt);
    if nullable && v == "null" && raw == "null" {
        return Ok(Value::Null);
    }
    match kind {
        BodyKind::Str | BodyKind::NullableStr => Ok(Value::String(v.to_owned())),
        BodyKind::Int | BodyKind::NullableInt => number(flag, v, true),
        BodyKind::Number => number(flag, v, false),
        BodyKind::Bool => match v {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            other => Err(CliError::usage(format!(
                "--{flag} {other:?}: expected true or false"
            ))),
        },
        BodyKind::Json => structured(flag, raw),
        BodyKind::List
        | BodyKind::NumberList
        | BodyKind::ObjectList
        | BodyKind::ItemField
        | BodyKind::FilePath
        | BodyKind::Base64OrPath => unreachable_kind(flag),
    }
}

/// A file to upload (`--file PATH`, `--document.file @PATH`): the library reads it and
/// base64-encodes it into the body's field, and its name becomes `filename` unless the body
/// already has one (a later `--document.filename` still wins). `--document.file` without `@`
/// is base64 already and goes as is.
fn upload_file(body: &mut Value, flag: &BodyFlag, value: &str) -> Result<(), CliError> {
    let path = match flag.kind {
        BodyKind::FilePath => value,
        _ => match value.strip_prefix('@') {
            Some(path) => path,
            None => return set_path(body, flag.path, Value::String(value.to_owned()), flag.flag),
        },
    };
    if path.is_empty() {
        return Err(CliError::usage(format!("--{}: which file?", flag.flag)));
    }
    let upload = CreateDocServiceDocumentRequest::from_path(path).map_err(|e| match e {
        telnyx_porting::Error::InvalidInput(invalid) => {
            CliError::usage(format!("--{} {path}: {}", flag.flag, invalid.reason))
        }
        other => CliError::from(other),
    })?;
    if let Some(file) = upload.file {
        set_path(body, flag.path, Value::String(file), flag.flag)?;
    }
    let named = body.get("filename").is_some_and(|f| !f.is_null());
    if let (false, Some(filename)) = (named, upload.filename) {
        set_path(body, &["filename"], Value::String(filename), flag.flag)?;
    }
    Ok(())
}

fn unreachable_kind(flag: &str) -> Result<Value, CliError> {
    Err(CliError::usage(format!("--{flag}: unexpected value")))
}

fn number(flag: &str, v: &str, whole: bool) -> Result<Value, CliError> {
    let parsed: Option<Value> = if whole {
        v.parse::<i64>().ok().map(Value::from)
    } else {
        v.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
    };
    parsed.ok_or_else(|| {
        CliError::usage(format!(
            "--{flag} {v:?}: expected {}",
            if whole { "a whole number" } else { "a number" }
        ))
    })
}

/// An object or array flag's value: JSON, or a YAML flow map as the Telnyx docs write them
/// (`--misc '{type: full}'`, `--end-user '{admin: {pin_passcode: '\''1234'\''}}'`). YAML types
/// unquoted scalars (`1234` is a number); the library's typed request then refuses a number
/// where the spec wants a string, naming the field.
fn structured(flag: &str, raw: &str) -> Result<Value, CliError> {
    match serde_json::from_str(raw) {
        Ok(value) => Ok(value),
        Err(json) => serde_saphyr::from_str::<Value>(raw).map_err(|yaml| {
            CliError::usage(format!(
                "--{flag}: neither JSON ({json}) nor a YAML flow map ({}): {raw:?}",
                yaml.to_string().lines().next().unwrap_or("invalid")
            ))
        }),
    }
}

fn object_item(flag: &str, raw: &str) -> Result<Value, CliError> {
    let value = structured(flag, raw)?;
    if value.is_array() {
        return Err(CliError::usage(format!(
            "--{flag} takes one JSON object per occurrence, not an array: repeat the flag for each"
        )));
    }
    if !value.is_object() {
        return Err(CliError::usage(format!(
            "--{flag} takes a JSON object, got {raw:?}"
        )));
    }
    Ok(value)
}

/// An array of objects from its flag (one JSON object or YAML flow map per occurrence) and its
/// dotted field flags (`--additional-document.document-id X --additional-document.document-type
/// loa`), in command-line order: a field flag sets a field of the last element, or starts a new
/// element when the last one already has that field. `None` when none of them was given.
fn object_list(
    op: &Op,
    flag: &str,
    path: &[&str],
    m: &ArgMatches,
) -> Result<Option<Value>, CliError> {
    enum Event {
        Whole(Map<String, Value>),
        Field(&'static str, Value),
    }
    let mut events: Vec<(usize, Event)> = Vec::new();
    if let (Some(values), Some(indices)) = (m.get_many::<String>(flag), m.indices_of(flag)) {
        for (value, index) in values.zip(indices) {
            match object_item(flag, value)? {
                Value::Object(map) => events.push((index, Event::Whole(map))),
                _ => return Err(CliError::usage(format!("--{flag} takes a JSON object"))),
            }
        }
    }
    let fields = op.body.iter().filter(|f| {
        f.kind == BodyKind::ItemField && f.path.len() == 2 && f.path.first() == path.first()
    });
    for field in fields {
        let (Some(values), Some(indices)) =
            (m.get_many::<String>(field.flag), m.indices_of(field.flag))
        else {
            continue;
        };
        let name = field.path[1];
        for (value, index) in values.zip(indices) {
            events.push((
                index,
                Event::Field(name, Value::String(unquote(value).to_owned())),
            ));
        }
    }
    if events.is_empty() {
        return Ok(None);
    }
    events.sort_by_key(|(index, _)| *index);
    let mut items: Vec<Map<String, Value>> = Vec::new();
    for (_, event) in events {
        match event {
            Event::Whole(map) => items.push(map),
            Event::Field(name, value) => {
                if items.last().is_none_or(|item| item.contains_key(name)) {
                    items.push(Map::new());
                }
                if let Some(item) = items.last_mut() {
                    item.insert(name.to_owned(), value);
                }
            }
        }
    }
    Ok(Some(Value::Array(
        items.into_iter().map(Value::Object).collect(),
    )))
}

/// Puts `value` at `path` in `body`, making the objects on the way. An empty `path` (a flag
/// for the whole body, as the official tool's `--document`) merges `value`'s fields in.
fn set_path(body: &mut Value, path: &[&str], value: Value, flag: &str) -> Result<(), CliError> {
    let Some((last, parents)) = path.split_last() else {
        return match (body, value) {
            (Value::Object(body), Value::Object(fields)) => {
                body.extend(fields);
                Ok(())
            }
            _ => Err(CliError::usage(format!("--{flag} takes a JSON object"))),
        };
    };
    let mut cur = body;
    for key in parents {
        let Value::Object(map) = cur else {
            return Err(CliError::usage(format!(
                "--{flag}: cannot set a field inside a value that is not an object"
            )));
        };
        cur = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if cur.is_null() {
            *cur = Value::Object(Map::new());
        }
    }
    match cur {
        Value::Object(map) => {
            map.insert((*last).to_owned(), value);
            Ok(())
        }
        _ => Err(CliError::usage(format!(
            "--{flag}: cannot set a field inside a value that is not an object"
        ))),
    }
}

/// Reads `--data`: `-` is stdin, `@FILE` a file, anything else inline JSON.
fn read_data(source: &str) -> Result<Value, CliError> {
    let (text, from) = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::usage(format!("--data -: cannot read stdin: {e}")))?;
        (text, "stdin".to_owned())
    } else if let Some(path) = source.strip_prefix('@') {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::usage(format!("--data @{path}: {e}")))?;
        (text, path.to_owned())
    } else {
        (source.to_owned(), "--data".to_owned())
    };
    serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{from}: not valid JSON: {e}")))
}

/// Whether stdin is a pipe, a socket or a non-empty file (not a terminal, not `/dev/null`).
pub(crate) fn stdin_has_data() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        match std::fs::metadata("/dev/stdin") {
            Ok(meta) => {
                let t = meta.file_type();
                t.is_fifo() || t.is_socket() || (t.is_file() && meta.len() > 0)
            }
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquotes_one_pair_only() {
        assert_eq!(unquote("'+13035550000'"), "+13035550000");
        assert_eq!(unquote("''x''"), "'x'");
        assert_eq!(unquote("'x"), "'x");
        assert_eq!(unquote("'"), "'");
        assert_eq!(unquote("''"), "");
        assert_eq!(unquote("plain"), "plain");
    }

    #[test]
    fn sets_nested_paths() {
        let mut body = Value::Object(Map::new());
        set_path(
            &mut body,
            &["end_user", "admin", "entity_name"],
            "Acme".into(),
            "x",
        )
        .unwrap();
        set_path(&mut body, &["misc", "type"], "full".into(), "x").unwrap();
        assert_eq!(
            body,
            serde_json::json!({"end_user": {"admin": {"entity_name": "Acme"}}, "misc": {"type": "full"}})
        );
        set_path(
            &mut body,
            &[],
            serde_json::json!({"filename": "loa.pdf"}),
            "document",
        )
        .unwrap();
        assert_eq!(body["filename"], "loa.pdf");
        assert!(set_path(&mut body, &[], "x".into(), "document").is_err());
        let mut scalar = serde_json::json!({"misc": 3});
        assert!(set_path(&mut scalar, &["misc", "type"], "full".into(), "x").is_err());
    }

    #[test]
    fn scalars_follow_their_kind() {
        assert_eq!(
            scalar("f", BodyKind::Int, "'1234'").unwrap(),
            Value::from(1234)
        );
        assert!(scalar("f", BodyKind::Int, "12a").is_err());
        assert_eq!(
            scalar("f", BodyKind::NullableStr, "null").unwrap(),
            Value::Null
        );
        assert_eq!(
            scalar("f", BodyKind::NullableStr, "'null'").unwrap(),
            Value::from("null")
        );
        assert_eq!(
            scalar("f", BodyKind::Bool, "true").unwrap(),
            Value::Bool(true)
        );
        assert!(object_item("f", "[{}]").is_err());
        assert_eq!(
            scalar("f", BodyKind::Json, "{type: full}").unwrap(),
            serde_json::json!({"type": "full"})
        );
        assert_eq!(
            object_item("f", "{admin: {pin_passcode: '1234', entity_name: Acme Co}}").unwrap(),
            serde_json::json!({"admin": {"pin_passcode": "1234", "entity_name": "Acme Co"}})
        );
        assert!(scalar("f", BodyKind::Json, "{a: [}").is_err());
    }
}
