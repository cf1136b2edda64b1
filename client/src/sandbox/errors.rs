//! Telnyx-style error documents: `{"errors":[{"code","title","detail","source","meta"}]}`.

use serde_json::{Value, json};

use super::http::Response;

/// One entry of an `errors[]` list. `pointer` is a JSON pointer into the request body.
pub(crate) fn entry(code: &str, title: &str, detail: &str, pointer: Option<&str>) -> Value {
    let mut entry = json!({
        "code": code,
        "title": title,
        "detail": detail,
        "meta": { "url": format!("https://developers.telnyx.com/docs/overview/errors/{code}") },
    });
    if let (Some(pointer), Some(map)) = (pointer, entry.as_object_mut()) {
        map.insert("source".to_owned(), json!({ "pointer": pointer }));
    }
    entry
}

/// An answer with `status` and an `errors[]` document holding `entries`.
pub(crate) fn response(status: u16, entries: Vec<Value>) -> Response {
    Response::json(status, &json!({ "errors": entries }))
}

/// 401, as the API sends it for a missing or unusable key.
pub(crate) fn unauthorized() -> Response {
    response(
        401,
        vec![entry(
            "10009",
            "Authentication failed",
            "Could not understand the provided credentials.",
            None,
        )],
    )
}

/// 404 for a path nothing answers.
pub(crate) fn not_found(detail: &str) -> Response {
    response(
        404,
        vec![entry("10005", "Resource not found", detail, None)],
    )
}

/// 405, with an `allow` header listing the methods the path accepts.
pub(crate) fn method_not_allowed(method: &str, path: &str, allowed: &[&str]) -> Response {
    let allow = allowed.join(", ");
    let detail = format!("{path} does not accept {method}; it accepts {allow}.");
    response(
        405,
        vec![entry("10015", "Method not allowed", &detail, None)],
    )
    .with_header("allow", allow)
}

/// An entry whose `source` names a query or path parameter.
pub(crate) fn parameter_entry(parameter: &str, detail: &str) -> Value {
    let mut entry = entry("10015", "Bad Request", detail, None);
    if let Some(map) = entry.as_object_mut() {
        map.insert("source".to_owned(), json!({ "parameter": parameter }));
    }
    entry
}

/// 422 for a query parameter out of range or of the wrong kind.
pub(crate) fn invalid_parameter(parameter: &str, detail: &str) -> Response {
    response(422, vec![parameter_entry(parameter, detail)])
}

/// An entry for one problem in the request body, at the JSON pointer `pointer`.
pub(crate) fn body_entry(pointer: &str, detail: &str) -> Value {
    entry("10015", "Bad Request", detail, Some(pointer))
}

/// The entry for the required body field `name`, missing under the JSON pointer `parent`
/// (`""` for the top of the body).
pub(crate) fn required_entry(parent: &str, name: &str) -> Value {
    body_entry(
        &format!("{parent}/{name}"),
        &format!("The '{name}' parameter is required."),
    )
}

/// 422 for one problem in the request body, at the JSON pointer `pointer`.
pub(crate) fn invalid_body(pointer: &str, detail: &str) -> Response {
    response(422, vec![body_entry(pointer, detail)])
}

/// 422 for a request the resource's state does not allow (confirming a cancelled order...).
pub(crate) fn unprocessable(detail: &str) -> Response {
    response(
        422,
        vec![entry("10015", "Unprocessable Entity", detail, None)],
    )
}

/// 400 for a body that is not JSON.
pub(crate) fn bad_json(error: &dyn std::fmt::Display) -> Response {
    let detail = format!("The request body is not valid JSON: {error}.");
    response(400, vec![entry("10015", "Bad Request", &detail, None)])
}

/// 500, for the (unexpected) failure to encode an answer.
pub(crate) fn internal(error: &dyn std::fmt::Display) -> Response {
    let detail = format!("The sandbox could not encode its answer: {error}.");
    response(500, vec![entry("10007", "Unexpected error", &detail, None)])
}

/// A short, readable rendering of a JSON value for an error detail (at most about 80
/// characters).
pub(crate) fn show(value: &Value) -> String {
    const MAX: usize = 80;
    let mut text = value.to_string();
    if text.len() > MAX {
        let mut cut = MAX;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_have_the_telnyx_shape() {
        assert_eq!(
            entry("10015", "Bad Request", "nope", Some("/phone_numbers/1")),
            json!({
                "code": "10015", "title": "Bad Request", "detail": "nope",
                "source": { "pointer": "/phone_numbers/1" },
                "meta": { "url": "https://developers.telnyx.com/docs/overview/errors/10015" },
            })
        );
        let r = unauthorized();
        assert_eq!(r.status, 401);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            body,
            json!({"errors":[{"code":"10009","title":"Authentication failed","detail":"Could not understand the provided credentials.","meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]})
        );
    }

    #[test]
    fn show_truncates_on_a_char_boundary() {
        assert_eq!(show(&json!("+1")), "\"+1\"");
        let long = Value::String("é".repeat(100));
        let shown = show(&long);
        assert!(shown.ends_with('…'));
        assert!(shown.len() <= 80 + '…'.len_utf8());
    }
}
