//! What an order still lacks ([`missing_of`]) and which FOC date to ask for
//! ([`choose_foc`]).

use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, Time};

use super::input::FocDate;
use super::report::Missing;
use crate::ApiErrorDetail;
use crate::models::{PortingOrder, PortingOrderRequirementDetail, PortingOrdersAllowedFocWindow};

/// The pointer of the requested FOC date.
pub(crate) const FOC_POINTER: &str = "/activation_settings/foc_datetime_requested";

/// Whether an entry of an API error points at the requested FOC date.
pub(crate) fn at_foc(detail: &ApiErrorDetail) -> bool {
    detail
        .source
        .as_ref()
        .and_then(|s| s.pointer.as_deref())
        .is_some_and(|p| p == FOC_POINTER)
}

/// Whether `error` is the API refusing the requested FOC date (a 422 at its pointer).
pub(crate) fn refuses_foc(error: &crate::Error) -> bool {
    error.is_unprocessable() && error.api_errors().iter().any(at_foc)
}

/// How far ahead of now an "earliest" date is put when the window has already begun, so
/// that it is still ahead when the PATCH arrives.
const LEAD: Duration = Duration::minutes(5);

/// The FOC date to request, from the order's `windows`, or why there is none.
pub(crate) fn choose_foc(
    foc: FocDate,
    windows: &[PortingOrdersAllowedFocWindow],
    now: OffsetDateTime,
) -> Result<OffsetDateTime, Missing> {
    let mut open: Vec<(OffsetDateTime, OffsetDateTime)> = windows
        .iter()
        .filter_map(|w| Some((w.started_at?, w.ended_at?)))
        .filter(|(start, end)| start < end && *end > now)
        .collect();
    open.sort_unstable();
    let soonest = (now + LEAD).replace_nanosecond(0).unwrap_or(now + LEAD);
    let chosen = match foc {
        FocDate::Earliest => open
            .iter()
            .map(|&(start, end)| (start.max(soonest), end))
            .find(|(start, end)| start < end)
            .map(|(start, _)| start),
        FocDate::On(date) => {
            let day_start = date.with_time(Time::MIDNIGHT).assume_utc();
            let day_end = day_start + Duration::days(1);
            open.iter()
                .map(|&(start, end)| (start.max(day_start).max(soonest), end.min(day_end)))
                .find(|(start, end)| start < end)
                .map(|(start, _)| start)
        }
        FocDate::At(at) => open
            .iter()
            .any(|&(start, end)| start <= at && at <= end && at > now)
            .then_some(at),
    };
    chosen.ok_or_else(|| {
        let wanted = match foc {
            FocDate::Earliest => "no allowed FOC window is ahead".to_owned(),
            FocDate::On(date) => format!("no allowed FOC window is open on {date}"),
            FocDate::At(at) => format!("{} is outside the allowed FOC windows", show(at)),
        };
        let listed: Vec<String> = open
            .iter()
            .map(|(start, end)| format!("{} to {}", show(*start), show(*end)))
            .collect();
        let windows = if listed.is_empty() {
            "none".to_owned()
        } else {
            listed.join(", ")
        };
        Missing::new(FOC_POINTER, format!("{wanted} (allowed: {windows})"))
    })
}

fn show(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// What `order` lacks before it can be submitted: the end user's admin and location fields,
/// the LOA and invoice, the requested FOC date (with `foc_problem` when none could be chosen),
/// and each requirement without a value. (`requirements_met` is not read: the API decides at
/// confirm, and a refusal there lists what it wants.)
pub(crate) fn missing_of(
    order: &PortingOrder,
    requirements: &[PortingOrderRequirementDetail],
    foc_problem: Option<&Missing>,
) -> Vec<Missing> {
    let mut missing = Vec::new();
    let admin = order.end_user.as_ref().and_then(|u| u.admin.as_ref());
    let location = order.end_user.as_ref().and_then(|u| u.location.as_ref());
    let set = |value: Option<&String>| value.is_some_and(|v| !v.trim().is_empty());
    let admin_fields = [
        ("entity_name", admin.and_then(|a| a.entity_name.as_ref())),
        (
            "auth_person_name",
            admin.and_then(|a| a.auth_person_name.as_ref()),
        ),
        (
            "billing_phone_number",
            admin.and_then(|a| a.billing_phone_number.as_ref()),
        ),
        (
            "account_number",
            admin.and_then(|a| a.account_number.as_ref()),
        ),
    ];
    for (field, value) in admin_fields {
        if !set(value) {
            missing.push(Missing::new(
                format!("/end_user/admin/{field}"),
                "is not set",
            ));
        }
    }
    let location_fields = [
        (
            "street_address",
            location.and_then(|l| l.street_address.as_ref()),
        ),
        ("locality", location.and_then(|l| l.locality.as_ref())),
        (
            "administrative_area",
            location.and_then(|l| l.administrative_area.as_ref()),
        ),
        ("postal_code", location.and_then(|l| l.postal_code.as_ref())),
        (
            "country_code",
            location.and_then(|l| l.country_code.as_ref()),
        ),
    ];
    for (field, value) in location_fields {
        if !set(value) {
            missing.push(Missing::new(
                format!("/end_user/location/{field}"),
                "is not set",
            ));
        }
    }
    let documents = order.documents.clone().unwrap_or_default();
    if documents.loa.is_none() {
        missing.push(Missing::new("/documents/loa", "no LOA is attached"));
    }
    if documents.invoice.is_none() {
        missing.push(Missing::new("/documents/invoice", "no invoice is attached"));
    }
    let requested = order
        .activation_settings
        .as_ref()
        .and_then(|a| a.foc_datetime_requested);
    match (foc_problem, requested) {
        (Some(problem), _) => missing.push(problem.clone()),
        (None, None) => missing.push(Missing::new(FOC_POINTER, "is not set")),
        (None, Some(_)) => {}
    }
    for requirement in requirements {
        if requirement
            .field_value
            .as_deref()
            .is_some_and(|v| !v.trim().is_empty())
        {
            continue;
        }
        let kind = requirement.requirement_type.as_ref();
        let id = kind.and_then(|k| k.id.as_deref()).unwrap_or("?");
        let name = kind
            .and_then(|k| k.name.as_deref())
            .unwrap_or("a requirement");
        let field_type = requirement
            .field_type
            .as_ref()
            .map_or("value", |t| t.as_str());
        missing.push(Missing::new(
            "/requirements",
            format!("{name} (requirement type {id}, a {field_type}) has no value"),
        ));
    }
    missing
}
