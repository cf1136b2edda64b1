//! The sandbox's clock: times as the API writes them.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, in UTC, to the millisecond: `2024-05-01T12:00:00.123Z`.
pub(crate) fn now_rfc3339() -> String {
    format_time(OffsetDateTime::now_utc())
}

/// `time` in UTC, to the millisecond.
pub(crate) fn format_time(time: OffsetDateTime) -> String {
    let time = time.to_offset(time::UtcOffset::UTC);
    let time = time
        .replace_nanosecond(time.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(time);
    time.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// Parses an RFC 3339 timestamp.
pub(crate) fn parse_time(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}
