//! What the API refuses on a porting order, beyond the shape of the body: the values a PATCH
//! may set (`webhook_url`, the requested FOC date, the billing phone number) and what an
//! order must hold before `actions/confirm`. Each refusal is an `errors[]` entry with the
//! JSON pointer of the field.
//!
//! The rules and where they come from (spec = the OpenAPI specification, docs = Telnyx's
//! developer docs, inferred = the sandbox's reading where both are silent) are listed in the
//! sandbox's documentation (the README's sandbox section).

use serde_json::Value;
use time::{OffsetDateTime, Weekday};

use super::clock::{format_time, parse_time};
use super::order::Order;
use super::requirements::{self, Slot};
use crate::sandbox::errors;

/// How many FOC windows an order is offered.
const WINDOWS: usize = 3;
/// The hours (UTC) of a FOC window: 14:00 to 18:00.
const WINDOW_HOURS: (u8, u8) = (14, 18);
/// The longest `webhook_url` the API takes (docs: error 10003, "URLs can be a maximum of
/// 2000 characters").
const MAX_URL: usize = 2000;

/// The allowed FOC windows at `now`: the next three weekdays after today, 14:00–18:00 UTC
/// each (`GET …/allowed_foc_windows` answers these, and a requested FOC date must fall in
/// one).
pub(crate) fn foc_windows(now: OffsetDateTime) -> Vec<(OffsetDateTime, OffsetDateTime)> {
    let mut windows = Vec::with_capacity(WINDOWS);
    let mut day = now.to_offset(time::UtcOffset::UTC).date();
    // Three weekdays are found within five days; the bound keeps the loop finite.
    for _ in 0..10 {
        day = match day.next_day() {
            Some(next) => next,
            None => break,
        };
        if matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            continue;
        }
        let start = day.with_hms(WINDOW_HOURS.0, 0, 0).map(|t| t.assume_utc());
        let end = day.with_hms(WINDOW_HOURS.1, 0, 0).map(|t| t.assume_utc());
        if let (Ok(start), Ok(end)) = (start, end) {
            windows.push((start, end));
        }
        if windows.len() == WINDOWS {
            break;
        }
    }
    windows
}

/// Why `requested` (an RFC 3339 time) is not a FOC date the order may ask for at `now`: in
/// the past, or outside every allowed window (both ends included).
pub(crate) fn foc_problem(requested: &str, now: OffsetDateTime) -> Option<String> {
    let Some(time) = parse_time(requested) else {
        return Some(format!("'{requested}' is not an ISO 8601 date-time."));
    };
    if time < now {
        return Some(format!(
            "The requested FOC date {requested} is in the past; pick a time within one of the \
             order's allowed FOC windows (GET /porting_orders/{{id}}/allowed_foc_windows)."
        ));
    }
    let windows = foc_windows(now);
    if windows
        .iter()
        .any(|(start, end)| *start <= time && time <= *end)
    {
        return None;
    }
    let listed: Vec<String> = windows
        .iter()
        .map(|(start, end)| format!("{} to {}", format_time(*start), format_time(*end)))
        .collect();
    Some(format!(
        "The requested FOC date {requested} is outside the order's allowed FOC windows: {}.",
        listed.join(", ")
    ))
}

/// Why `url` is not a `webhook_url` the API takes: it must be an absolute http or https URL
/// with a host, at most 2000 characters.
pub(crate) fn webhook_url_problem(url: &str) -> Option<String> {
    let shown = errors::show(&Value::from(url));
    if url.len() > MAX_URL {
        return Some(format!(
            "'webhook_url' must be at most {MAX_URL} characters, not {}.",
            url.len()
        ));
    }
    let parsed = reqwest::Url::parse(url);
    let fine = url.trim() == url
        && !url.chars().any(char::is_whitespace)
        && parsed.as_ref().is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
    (!fine).then(|| {
        format!(
            "'webhook_url' must be an absolute http(s) URL such as \
             \"https://example.com/porting-webhooks\", not {shown}."
        )
    })
}

/// Whether `text` is a phone number as the API writes one: 4 to 15 digits, optionally after
/// a `+` (the same shape the client checks before sending).
pub(crate) use crate::models::is_phone_number;

/// The entry for a phone number field that is not one.
pub(crate) fn phone_number_entry(pointer: &str, value: &str) -> Value {
    let name = pointer.rsplit('/').next().unwrap_or(pointer);
    let shown = errors::show(&Value::from(value));
    errors::entry(
        "10002",
        "Invalid phone number",
        &format!(
            "'{name}' must be a phone number (digits, optionally after '+', such as \
             \"+13035551234\"), not {shown}."
        ),
        Some(pointer),
    )
}

/// The entry for a `webhook_url` that is not an absolute http(s) URL.
pub(crate) fn webhook_url_entry(detail: &str) -> Value {
    errors::entry("10003", "Invalid URL", detail, Some("/webhook_url"))
}

/// The entry for a document id that names no uploaded document.
pub(crate) fn unknown_document_entry(pointer: &str, id: &str) -> Value {
    errors::entry(
        "10017",
        "Associated resource does not exist",
        &format!("Document {id} not found; upload it to /documents first."),
        Some(pointer),
    )
}

/// The end-user fields an order must have before it is confirmed, by pointer.
const END_USER: &[&str] = &[
    "/end_user/admin/entity_name",
    "/end_user/admin/auth_person_name",
    "/end_user/admin/billing_phone_number",
    "/end_user/admin/account_number",
    "/end_user/location/street_address",
    "/end_user/location/locality",
    "/end_user/location/administrative_area",
    "/end_user/location/postal_code",
    "/end_user/location/country_code",
];

/// What `order` lacks before it can be confirmed at `now`, one `errors[]` entry per missing
/// field, each with its pointer into the order: the end user's admin and location fields, the
/// LOA and the invoice, a requested FOC date within the allowed windows, and the other
/// requirements of its country. Empty when the order is complete.
pub(crate) fn confirm_problems(order: &Order, now: OffsetDateTime) -> Vec<Value> {
    let missing = |pointer: &str, detail: String| {
        errors::entry(
            "10004",
            "Missing required parameter",
            &detail,
            Some(pointer),
        )
    };
    let mut problems = Vec::new();
    let value = serde_json::to_value(order.view(false)).unwrap_or(Value::Null);
    for pointer in END_USER {
        let filled = value
            .pointer(pointer)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty());
        if !filled {
            let name = pointer.rsplit('/').next().unwrap_or(pointer);
            let group = pointer.trim_start_matches('/').replace('/', ".");
            let group = group.rsplit_once('.').map_or(group.as_str(), |(g, _)| g);
            problems.push(missing(
                pointer,
                format!(
                    "The order has no '{name}': set {group}.{name} (PATCH /porting_orders/{id}) \
                     before confirming it.",
                    id = order.id
                ),
            ));
        }
    }
    for (name, id) in [
        ("loa", order.documents.loa),
        ("invoice", order.documents.invoice),
    ] {
        if id.is_none() {
            let what = if name == "loa" {
                "a signed Letter of Authorization"
            } else {
                "the latest invoice"
            };
            problems.push(missing(
                &format!("/documents/{name}"),
                format!(
                    "The order has no documents.{name}: upload {what} to /documents and set \
                     its id as documents.{name} before confirming the order."
                ),
            ));
        }
    }
    let pointer = "/activation_settings/foc_datetime_requested";
    match order.activation_settings.foc_datetime_requested.as_deref() {
        None => problems.push(missing(
            pointer,
            "The order has no requested FOC date: set activation_settings.\
             foc_datetime_requested to a time within one of its allowed FOC windows."
                .to_owned(),
        )),
        Some(requested) => {
            if let Some(problem) = foc_problem(requested, now) {
                problems.push(errors::entry(
                    "10015",
                    "Bad Request",
                    &problem,
                    Some(pointer),
                ));
            }
        }
    }
    for kind in requirements::of(order) {
        if kind.slot == Slot::Other && requirements::value(order, kind).is_none() {
            problems.push(missing(
                "/requirements",
                format!(
                    "The order's requirement '{}' ({}) has no value: upload the document to \
                     /documents and PATCH requirements [{{\"requirement_type_id\": \"{}\", \
                     \"field_value\": \"<document id>\"}}].",
                    kind.name, kind.id, kind.id
                ),
            ));
        }
    }
    problems
}

/// The current time, as the sandbox's clock gives it for `now` (RFC 3339).
pub(crate) fn time(now: &str) -> OffsetDateTime {
    parse_time(now).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The first allowed FOC window's start, one hour in: a FOC date that is always allowed at
/// `now` (for the sandbox's own tests).
#[cfg(test)]
pub(crate) fn some_allowed_foc(now: OffsetDateTime) -> String {
    foc_windows(now)
        .first()
        .map(|(start, _)| format_time(*start + time::Duration::hours(1)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datetime(text: &str) -> OffsetDateTime {
        parse_time(text).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    #[test]
    fn windows_are_the_next_three_weekdays() {
        // A Friday: Monday, Tuesday, Wednesday.
        let now = datetime("2026-12-04T10:00:00Z");
        let windows = foc_windows(now);
        let starts: Vec<String> = windows.iter().map(|(s, _)| format_time(*s)).collect();
        assert_eq!(
            starts,
            [
                "2026-12-07T14:00:00Z",
                "2026-12-08T14:00:00Z",
                "2026-12-09T14:00:00Z"
            ]
        );
        assert_eq!(windows[0].1 - windows[0].0, time::Duration::hours(4));
    }

    #[test]
    fn foc_dates_must_be_in_a_window_and_ahead() {
        let now = datetime("2026-12-04T10:00:00Z");
        assert_eq!(foc_problem("2026-12-07T14:00:00Z", now), None);
        assert_eq!(foc_problem("2026-12-07T18:00:00Z", now), None);
        assert_eq!(foc_problem(&some_allowed_foc(now), now), None);
        let past = foc_problem("2026-12-03T15:00:00Z", now).unwrap_or_default();
        assert!(past.contains("in the past"), "{past}");
        let outside = foc_problem("2026-12-07T19:00:00Z", now).unwrap_or_default();
        assert!(outside.contains("outside"), "{outside}");
        assert!(outside.contains("2026-12-07T14:00:00Z to 2026-12-07T18:00:00Z"));
        // The weekend and today are never offered.
        assert!(foc_problem("2026-12-05T15:00:00Z", now).is_some());
        assert!(foc_problem("2026-12-04T15:00:00Z", now).is_some());
    }

    #[test]
    fn webhook_urls_are_absolute_http() {
        for good in [
            "https://example.com/hooks",
            "http://127.0.0.1:8080/x?y=1",
            "https://[::1]/",
        ] {
            assert_eq!(webhook_url_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "example.com/hooks",
            "/hooks",
            "ftp://example.com/",
            "mailto:a@example.com",
            "https://",
            "https://exa mple.com/",
            " https://example.com/",
            "javascript:alert(1)",
        ] {
            assert!(webhook_url_problem(bad).is_some(), "{bad:?}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL));
        assert!(webhook_url_problem(&long).is_some());
    }

    #[test]
    fn phone_numbers_are_digits() {
        for good in ["+13035551234", "13035551234", "+442071838750"] {
            assert!(is_phone_number(good), "{good}");
        }
        for bad in [
            "",
            "+",
            "abc",
            "303-555-1234",
            "+1 303 555 1234",
            "12",
            "+1234567890123456",
        ] {
            assert!(!is_phone_number(bad), "{bad:?}");
        }
    }
}
