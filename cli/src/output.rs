//! Output formatting, all of it: `--format`, `--transform`, colour, and binary answers.
//!
//! What is printed is the resource: the `data` of the response (the envelope's `meta` goes
//! only with `raw`). A list (a paginated list, or a `data` that is an array, as from `create`)
//! is printed item by item as it arrives: `json` writes ONE JSON array (closed even when the
//! listing fails halfway), `jsonl` one compact item per line, `yaml` one YAML sequence,
//! `pretty` a readable block per item. `raw` writes each response body as received (taken by a library hook,
//! `crate::capture`), one per line.

use std::io::{IsTerminal, Write};

use serde_json::Value;

use crate::errors::CliError;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// `pretty` on a terminal, `json` otherwise.
    Auto,
    /// Indented JSON; a list is one JSON array.
    Json,
    /// One compact JSON value per line.
    Jsonl,
    /// YAML; a list is one YAML sequence.
    Yaml,
    /// A readable layout for people (nulls and empty values left out).
    Pretty,
    /// Each response body as received, envelope included, one per line.
    Raw,
}

/// Writes answers to stdout in one format.
pub(crate) struct Printer {
    format: Format,
    transform: Option<Vec<String>>,
    colour: bool,
    out: Box<dyn Write>,
    /// Inside a list: how many items so far.
    list: Option<u64>,
    /// List items printed over the printer's life.
    items: u64,
}

impl Printer {
    /// A printer for stdout; `auto` is resolved here.
    pub(crate) fn stdout(format: Format, transform: Option<&str>) -> Printer {
        let tty = std::io::stdout().is_terminal();
        let format = match format {
            Format::Auto if tty => Format::Pretty,
            Format::Auto => Format::Json,
            other => other,
        };
        let colour = tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Printer::new(format, transform, colour, Box::new(std::io::stdout()))
    }

    /// A printer writing to `out`.
    pub(crate) fn new(
        format: Format,
        transform: Option<&str>,
        colour: bool,
        out: Box<dyn Write>,
    ) -> Printer {
        Printer {
            format,
            transform: transform.map(parse_path),
            colour,
            out,
            list: None,
            items: 0,
        }
    }

    /// How many list items were printed.
    pub(crate) fn items_printed(&self) -> u64 {
        self.items
    }

    /// Whether responses are printed as received (`raw`).
    pub(crate) fn is_raw(&self) -> bool {
        self.format == Format::Raw
    }

    /// One whole response: its `data` is printed, as a list when it is an array.
    pub(crate) fn response(&mut self, body: Value) -> Result<(), CliError> {
        if self.is_raw() {
            return self.raw(&body);
        }
        let data = match body {
            Value::Object(mut map) if map.contains_key("data") => {
                map.remove("data").unwrap_or(Value::Null)
            }
            other => other,
        };
        match data {
            Value::Array(items) => {
                self.begin_list();
                for item in &items {
                    self.item(item)?;
                }
                Ok(())
            }
            one => self.one(&one),
        }
    }

    /// A response body as it came, byte for byte, with a newline after it unless it ends with
    /// one (so that pages stay one per line).
    pub(crate) fn raw_bytes(&mut self, body: &[u8]) -> Result<(), CliError> {
        self.out.write_all(body).map_err(CliError::io)?;
        if !body.ends_with(b"\n") {
            self.out.write_all(b"\n").map_err(CliError::io)?;
        }
        self.out.flush().map_err(CliError::io)
    }

    /// A response re-encoded on one line: `raw` when the bytes as received are not at hand.
    pub(crate) fn raw(&mut self, body: &Value) -> Result<(), CliError> {
        let line = serde_json::to_string(body).map_err(CliError::other)?;
        writeln!(self.out, "{line}").map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)
    }

    /// Starts a list (so that an empty one still prints `[]` in `json`).
    pub(crate) fn begin_list(&mut self) {
        if self.list.is_none() {
            self.list = Some(0);
        }
    }

    /// One item of a list.
    pub(crate) fn item(&mut self, item: &Value) -> Result<(), CliError> {
        self.begin_list();
        let n = self.list.unwrap_or(0);
        let item = self.transformed(item);
        let text = match self.format {
            Format::Json | Format::Auto => {
                let pretty = serde_json::to_string_pretty(&item).map_err(CliError::other)?;
                let indented = pretty.replace('\n', "\n  ");
                if n == 0 {
                    format!("[\n  {indented}")
                } else {
                    format!(",\n  {indented}")
                }
            }
            Format::Jsonl | Format::Raw => {
                serde_json::to_string(&item).map_err(CliError::other)? + "\n"
            }
            Format::Yaml => yaml(&Value::Array(vec![item]))?,
            Format::Pretty => {
                let block = pretty(&item, self.colour);
                if n == 0 { block } else { format!("\n{block}") }
            }
        };
        self.out.write_all(text.as_bytes()).map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)?;
        self.list = Some(n + 1);
        self.items += 1;
        Ok(())
    }

    /// One value that is not a list.
    pub(crate) fn one(&mut self, value: &Value) -> Result<(), CliError> {
        let value = self.transformed(value);
        let text = match self.format {
            Format::Json | Format::Auto => {
                serde_json::to_string_pretty(&value).map_err(CliError::other)? + "\n"
            }
            Format::Jsonl | Format::Raw => {
                serde_json::to_string(&value).map_err(CliError::other)? + "\n"
            }
            Format::Yaml => yaml(&value)?,
            Format::Pretty => pretty(&value, self.colour),
        };
        self.out.write_all(text.as_bytes()).map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)
    }

    /// Text for people, as it is (with `pretty`).
    pub(crate) fn text(&mut self, text: &str) -> Result<(), CliError> {
        self.out.write_all(text.as_bytes()).map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)
    }

    /// Whether answers are printed for people (`pretty`, or `auto` on a terminal).
    pub(crate) fn is_pretty(&self) -> bool {
        self.format == Format::Pretty
    }

    /// A table for people: a header row, then one row per entry, columns aligned (cells are one
    /// line each; the last column is not padded).
    pub(crate) fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) -> Result<(), CliError> {
        let text = table(headers, rows, self.colour);
        self.out.write_all(text.as_bytes()).map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)
    }

    /// Closes an open list, so that what was printed is valid output even after an error.
    pub(crate) fn finish(&mut self) -> Result<(), CliError> {
        let Some(n) = self.list.take() else {
            return Ok(());
        };
        let text = match self.format {
            Format::Json | Format::Auto if n == 0 => "[]\n",
            Format::Json | Format::Auto => "\n]\n",
            Format::Yaml if n == 0 => "[]\n",
            Format::Pretty if n == 0 => "(no items)\n",
            _ => "",
        };
        self.out.write_all(text.as_bytes()).map_err(CliError::io)?;
        self.out.flush().map_err(CliError::io)
    }

    fn transformed(&self, value: &Value) -> Value {
        match &self.transform {
            Some(path) => select(value, path),
            None => value.clone(),
        }
    }
}

/// The text of [`Printer::table`]; the header is bold when `colour`.
fn table(headers: &[&str], rows: &[Vec<String>], colour: bool) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let cell = cell.replace(['\n', '\r'], " ");
            out.push_str(&cell);
            if i < last {
                let pad = widths
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(width(&cell));
                out.push_str(&" ".repeat(pad + 2));
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let header = line(headers.to_vec());
    let mut text = if colour {
        format!("\x1b[1m{}\x1b[0m\n", header.trim_end())
    } else {
        header
    };
    for row in rows {
        text.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    text
}

fn yaml(value: &Value) -> Result<String, CliError> {
    let mut text = serde_saphyr::to_string(value).map_err(CliError::other)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Splits a `--transform` path: `data.0.id`, `phone_numbers.#.phone_number`; `\.` is a
/// literal dot.
fn parse_path(path: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), parts.last_mut()) {
                    last.push(next);
                }
            }
            '.' => parts.push(String::new()),
            c => {
                if let Some(last) = parts.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The GJSON-style subset of `--transform`: object keys, array indices, `#` for an array's
/// length, and `#` followed by more path to map over an array. A missing value is `null`.
pub(crate) fn select(value: &Value, path: &[String]) -> Value {
    let Some((head, rest)) = path.split_first() else {
        return value.clone();
    };
    match value {
        Value::Array(items) if head == "#" => {
            if rest.is_empty() {
                Value::from(items.len())
            } else {
                Value::Array(items.iter().map(|item| select(item, rest)).collect())
            }
        }
        Value::Array(items) => match head.parse::<usize>().ok().and_then(|i| items.get(i)) {
            Some(item) => select(item, rest),
            None => Value::Null,
        },
        Value::Object(map) => match map.get(head.as_str()) {
            Some(v) => select(v, rest),
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

/// The human layout: `key: value` lines, nested objects indented, nulls and empty values left
/// out, lists of scalars comma-joined.
fn pretty(value: &Value, colour: bool) -> String {
    let mut out = String::new();
    match value {
        Value::Object(_) | Value::Array(_) => pretty_into(&mut out, value, 0, colour),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        _ => false,
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pretty_into(out: &mut String, value: &Value, depth: usize, colour: bool) {
    let pad = "  ".repeat(depth);
    let key = |k: &str| {
        if colour {
            format!("\x1b[1;36m{k}\x1b[0m")
        } else {
            k.to_owned()
        }
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if is_empty(v) {
                    continue;
                }
                match v {
                    Value::Object(_) => {
                        out.push_str(&format!("{pad}{}:\n", key(k)));
                        pretty_into(out, v, depth + 1, colour);
                    }
                    Value::Array(items)
                        if items.iter().all(|i| !i.is_object() && !i.is_array()) =>
                    {
                        let joined: Vec<String> = items.iter().map(scalar_text).collect();
                        out.push_str(&format!("{pad}{}: {}\n", key(k), joined.join(", ")));
                    }
                    Value::Array(items) => {
                        out.push_str(&format!("{pad}{}:\n", key(k)));
                        for item in items {
                            out.push_str(&format!("{pad}  -\n"));
                            pretty_into(out, item, depth + 2, colour);
                        }
                    }
                    scalar => out.push_str(&format!("{pad}{}: {}\n", key(k), scalar_text(scalar))),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&format!("{pad}-\n"));
                pretty_into(out, item, depth + 1, colour);
            }
        }
        scalar => out.push_str(&format!("{pad}{}\n", scalar_text(scalar))),
    }
}

/// Refuses, before anything is sent, to write a PDF onto a terminal.
pub(crate) fn check_binary_target(output: Option<&str>) -> Result<(), CliError> {
    let to_stdout = matches!(output, None | Some("-"));
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(CliError::usage(
            "this command answers with a file's bytes (a PDF, say): give --output FILE (or pipe \
             stdout) rather than writing binary data onto the terminal",
        ));
    }
    Ok(())
}

/// Writes a binary answer to `--output` (`-` or nothing: stdout, which is not a terminal).
pub(crate) fn write_binary(output: Option<&str>, bytes: &[u8]) -> Result<(), CliError> {
    match output {
        None | Some("-") => {
            check_binary_target(output)?;
            let mut stdout = std::io::stdout();
            stdout.write_all(bytes).map_err(CliError::io)?;
            stdout.flush().map_err(CliError::io)
        }
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| CliError::other(format!("cannot write {path}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn printed(format: Format, f: impl FnOnce(&mut Printer)) -> String {
        let buf = Buf::default();
        let mut p = Printer::new(format, None, false, Box::new(buf.clone()));
        f(&mut p);
        p.finish().unwrap();
        String::from_utf8(buf.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn json_lists_are_one_array_even_when_empty() {
        let out = printed(Format::Json, |p| {
            p.begin_list();
            p.item(&json!({"id": 1})).unwrap();
            p.item(&json!({"id": 2})).unwrap();
        });
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            json!([{"id": 1}, {"id": 2}])
        );
        let out = printed(Format::Json, |p| p.begin_list());
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), json!([]));
    }

    #[test]
    fn data_arrays_print_as_lists() {
        let out = printed(Format::Jsonl, |p| {
            p.response(json!({"data": [{"id": 1}, {"id": 2}]})).unwrap()
        });
        assert_eq!(out, "{\"id\":1}\n{\"id\":2}\n");
        let out = printed(Format::Raw, |p| {
            p.response(json!({"data": {"id": 1}})).unwrap()
        });
        assert_eq!(out, "{\"data\":{\"id\":1}}\n");
        let out = printed(Format::Raw, |p| {
            p.raw_bytes(b"{\"data\": {\"id\": 1}}").unwrap()
        });
        assert_eq!(
            out, "{\"data\": {\"id\": 1}}\n",
            "the bytes, not a re-encoding"
        );
    }

    #[test]
    fn yaml_lists_are_one_sequence() {
        let out = printed(Format::Yaml, |p| {
            p.response(json!({"data": [{"id": "a"}, {"id": "b"}]}))
                .unwrap()
        });
        assert!(out.starts_with("- id: a\n"), "{out}");
        assert!(out.contains("- id: b"), "{out}");
    }

    #[test]
    fn tables_align_their_columns() {
        let rows = vec![
            vec![
                "a1".to_owned(),
                "+13035550000".to_owned(),
                "draft".to_owned(),
            ],
            vec!["b".to_owned(), "+44".to_owned(), "in-process".to_owned()],
        ];
        assert_eq!(
            table(&["order", "numbers", "status"], &rows, false),
            "order  numbers       status\na1     +13035550000  draft\nb      +44           in-process\n"
        );
        assert_eq!(table(&["x", "y"], &[], false), "x  y\n");
    }

    #[test]
    fn transform_selects_paths() {
        let v =
            json!({"id": "x", "phone_numbers": [{"phone_number": "+1"}, {"phone_number": "+2"}]});
        assert_eq!(select(&v, &parse_path("id")), json!("x"));
        assert_eq!(select(&v, &parse_path("phone_numbers.#")), json!(2));
        assert_eq!(
            select(&v, &parse_path("phone_numbers.1.phone_number")),
            json!("+2")
        );
        assert_eq!(
            select(&v, &parse_path("phone_numbers.#.phone_number")),
            json!(["+1", "+2"])
        );
        assert_eq!(select(&v, &parse_path("missing.x")), Value::Null);
    }

    #[test]
    fn pretty_leaves_out_empty_values() {
        let out = pretty(
            &json!({"id": "x", "misc": null, "tags": [], "a": {"b": 1}}),
            false,
        );
        assert_eq!(out, "a:\n  b: 1\nid: x\n");
    }
}
