//! `--debug`: the request and response of every attempt on stderr, credentials redacted.
//!
//! The lines come from the library: [`DebugHook`] is a `telnyx_porting::Hook`, installed on
//! the call's `RequestOptions` when `--debug` is on, so every attempt (retries included) is
//! shown as the library sends and receives it; this module only formats what the hook sees.
//! Hooks run before the library adds `Authorization`, so [`format_request`] prints
//! `authorization: Bearer <REDACTED>` itself when a key is in use and the headers it was given
//! have none.

use std::io::Write;
use std::time::Duration;

use telnyx_porting::{Aborted, Hook, HookOutcome, HookRequest, HookResponse};

/// `--debug`: each attempt's request and response on stderr, the key redacted, and one line
/// when the call ends.
pub(crate) struct DebugHook {
    /// The API key, scrubbed wherever it might appear (URLs, bodies).
    pub secret: Option<String>,
}

impl Hook for DebugHook {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> Result<(), Aborted> {
        let endpoint = request.endpoint();
        let _ = writeln!(
            std::io::stderr(),
            "* {} ({}), attempt {}",
            endpoint.name(),
            endpoint.template(),
            request.attempt()
        );
        self::request(
            request.method().as_str(),
            request.url().as_str(),
            request
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes())),
            request.body().unwrap_or_default(),
            self.secret.as_deref(),
        );
        Ok(())
    }

    fn after_response(&self, response: &HookResponse<'_>) {
        self::response(
            response.status().as_u16(),
            response.elapsed(),
            response
                .headers()
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_bytes())),
            response.body(),
            self.secret.as_deref(),
        );
    }

    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let how = match outcome.result() {
            Ok(status) => format!("{}", status.as_u16()),
            Err(e) => scrub(&e.to_string(), self.secret.as_deref()),
        };
        let _ = writeln!(
            std::io::stderr(),
            "* {} done: {how} ({} retries, {} ms)",
            outcome.endpoint().name(),
            outcome.retries(),
            outcome.elapsed().as_millis()
        );
    }
}

/// Header names whose values never appear (matched case-insensitively).
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "api-key",
    "x-api-key",
    "cookie",
    "set-cookie",
];

/// Bodies longer than this are cut in the dump.
const MAX_BODY: usize = 64 * 1024;

/// The value to print for header `name`: the value itself, or a redaction that keeps only the
/// scheme (`Bearer <REDACTED>`).
pub(crate) fn redact(name: &str, value: &[u8]) -> String {
    if SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        let text = String::from_utf8_lossy(value);
        return match text.split_once(' ') {
            Some((scheme, _)) if name.eq_ignore_ascii_case("authorization") => {
                format!("{scheme} <REDACTED>")
            }
            _ => "<REDACTED>".to_owned(),
        };
    }
    String::from_utf8_lossy(value).into_owned()
}

/// `text` with every occurrence of `secret` replaced, for bodies and URLs that might echo it.
fn scrub(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(s) if !s.is_empty() => text.replace(s, "<REDACTED>"),
        _ => text.to_owned(),
    }
}

fn body_text(body: &[u8], secret: Option<&str>) -> String {
    if body.is_empty() {
        return String::new();
    }
    let cut = &body[..body.len().min(MAX_BODY)];
    let text = match std::str::from_utf8(cut) {
        Ok(t) => scrub(t, secret),
        Err(_) => format!("<{} bytes of binary data>", body.len()),
    };
    if body.len() > MAX_BODY {
        format!("{text}\n<... {} more bytes>", body.len() - MAX_BODY)
    } else {
        text
    }
}

/// The lines for one attempt's request: `> METHOD URL`, `> name: value` per header, the body.
/// `secret` (the API key) is also scrubbed from the URL and body, wherever it appears.
pub(crate) fn format_request<'a>(
    method: &str,
    url: &str,
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    body: &[u8],
    secret: Option<&str>,
) -> String {
    let mut out = format!("> {method} {}\n", scrub(url, secret));
    let mut saw_auth = false;
    for (name, value) in headers {
        saw_auth |= name.eq_ignore_ascii_case("authorization");
        out.push_str(&format!(
            "> {name}: {}\n",
            scrub(&redact(name, value), secret)
        ));
    }
    if !saw_auth && secret.is_some() {
        // The library adds the key after hooks run: say that it is sent, not what it is.
        out.push_str("> authorization: Bearer <REDACTED>\n");
    }
    let body = body_text(body, secret);
    if !body.is_empty() {
        out.push_str(&body);
        out.push('\n');
    }
    out
}

/// The lines for one attempt's response: `< STATUS (N ms)`, headers, the body.
pub(crate) fn format_response<'a>(
    status: u16,
    elapsed: Duration,
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    body: &[u8],
    secret: Option<&str>,
) -> String {
    let mut out = format!("< {status} ({} ms)\n", elapsed.as_millis());
    for (name, value) in headers {
        out.push_str(&format!(
            "< {name}: {}\n",
            scrub(&redact(name, value), secret)
        ));
    }
    let body = body_text(body, secret);
    if !body.is_empty() {
        out.push_str(&body);
        out.push('\n');
    }
    out
}

/// Writes a request dump to stderr.
pub(crate) fn request<'a>(
    method: &str,
    url: &str,
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    body: &[u8],
    secret: Option<&str>,
) {
    let text = format_request(method, url, headers, body, secret);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Writes a response dump to stderr.
pub(crate) fn response<'a>(
    status: u16,
    elapsed: Duration,
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    body: &[u8],
    secret: Option<&str>,
) {
    let text = format_response(status, elapsed, headers, body, secret);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_show() {
        let key = "KEY0123secret";
        let auth = format!("Bearer {key}");
        let text = format_request(
            "POST",
            &format!("http://127.0.0.1:1/v2/x?k={key}"),
            [
                ("authorization", auth.as_bytes()),
                ("X-Api-Key", key.as_bytes()),
                ("content-type", b"application/json".as_slice()),
            ],
            format!("{{\"echo\":\"{key}\"}}").as_bytes(),
            Some(key),
        );
        assert!(!text.contains(key), "{text}");
        assert!(
            text.contains("> authorization: Bearer <REDACTED>"),
            "{text}"
        );
        assert!(text.contains("> X-Api-Key: <REDACTED>"), "{text}");
        assert!(text.contains("> content-type: application/json"), "{text}");
        let text = format_response(
            200,
            Duration::from_millis(3),
            [("set-cookie", b"s=1".as_slice())],
            &[0xff, 0xfe],
            Some(key),
        );
        assert_eq!(
            text,
            "< 200 (3 ms)\n< set-cookie: <REDACTED>\n<2 bytes of binary data>\n"
        );
        let text = format_request("GET", "http://h/v2/x", [], b"", Some(key));
        assert_eq!(
            text,
            "> GET http://h/v2/x\n> authorization: Bearer <REDACTED>\n"
        );
    }
}
