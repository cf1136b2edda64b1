//! Reading a `multipart/form-data` body (RFC 7578, on the multipart syntax of RFC 2046,
//! section 5.1.1), as browsers and `curl -F` send it: the boundary from the `Content-Type`,
//! then each part's `Content-Disposition` (`form-data; name="…"; filename="…"`),
//! `Content-Type` and bytes.
//!
//! The body is already whole and capped by the server's body limit; parsing borrows the part
//! bytes from it, copies nothing but the part headers, is linear in the body's length, and
//! bounds the number of parts and the size of each part's header block. Every malformation is
//! a [`FormError`], never a panic.

use std::fmt;

/// The most parts a form may have.
pub(crate) const MAX_PARTS: usize = 64;
/// The largest header block of one part (its header fields and the blank line).
const MAX_PART_HEADER_BYTES: usize = 8 * 1024;
/// The longest boundary RFC 2046 allows.
const MAX_BOUNDARY_LEN: usize = 70;

/// One part of a form.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    /// The field name (`name` of the part's `Content-Disposition`).
    pub(crate) name: String,
    /// The file name, for a part sent as a file (`filename` of its `Content-Disposition`).
    pub(crate) filename: Option<String>,
    /// The part's `Content-Type`, if it has one, as sent.
    pub(crate) content_type: Option<String>,
    /// The part's bytes.
    pub(crate) data: &'a [u8],
}

/// Why a `multipart/form-data` body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FormError {
    /// The `Content-Type` has no `boundary` parameter, or one RFC 2046 does not allow.
    Boundary,
    /// The body does not begin (after any preamble) with the boundary.
    NoFirstBoundary,
    /// A boundary line is followed by something other than a line end or `--`.
    BoundaryLine,
    /// The body ends before the closing boundary (`--boundary--`).
    Unterminated,
    /// A part's header block is not ended by an empty line within the limit.
    PartHeaders,
    /// A part's header field is malformed (no colon, not UTF-8...).
    HeaderField,
    /// A part has no `Content-Disposition: form-data` with a `name`.
    Disposition,
    /// More parts than [`MAX_PARTS`].
    TooManyParts,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FormError::Boundary => {
                "the Content-Type must name the boundary (multipart/form-data; boundary=…, 1 to \
                 70 characters)"
            }
            FormError::NoFirstBoundary => "the body does not start with the boundary",
            FormError::BoundaryLine => "a boundary line does not end with CRLF",
            FormError::Unterminated => "the body ends before the closing boundary (--boundary--)",
            FormError::PartHeaders => {
                "a part's header fields are not ended by an empty line within 8 KiB"
            }
            FormError::HeaderField => "a part has a malformed header field",
            FormError::Disposition => {
                "every part needs a 'Content-Disposition: form-data; name=\"…\"' header"
            }
            FormError::TooManyParts => "the form has more than 64 parts",
        })
    }
}

/// A header value as a media type or disposition: its lowercased essence (`multipart/form-data`,
/// `form-data`) and its parameters (names lowercased, values unquoted), or `None` when it is
/// malformed.
pub(crate) fn parameters(value: &str) -> Option<(String, Vec<(String, String)>)> {
    let (essence, mut rest) = match value.find(';') {
        Some(i) => (&value[..i], &value[i..]),
        None => (value, ""),
    };
    let essence = essence.trim().to_ascii_lowercase();
    if essence.is_empty() {
        return None;
    }
    let mut parameters = Vec::new();
    // Each pass consumes at least the `;` or `=` it stops at.
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        if rest.is_empty() {
            return Some((essence, parameters));
        }
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        if name.is_empty() || name.contains([';', ' ', '"']) {
            return None;
        }
        rest = rest[eq + 1..].trim_start_matches([' ', '\t']);
        let value = if let Some(quoted) = rest.strip_prefix('"') {
            let (value, used) = unquote(quoted)?;
            rest = &quoted[used..];
            value
        } else {
            let end = rest.find([';', ' ', '\t']).unwrap_or(rest.len());
            let value = rest[..end].to_owned();
            rest = &rest[end..];
            value
        };
        parameters.push((name.to_ascii_lowercase(), value));
    }
}

/// The value of a quoted string whose opening quote is gone, and how many bytes it took (the
/// closing quote included). `\"` and `\\` stand for `"` and `\`; any other backslash is
/// itself, as browsers send filenames unescaped (`C:\fakepath\loa.pdf`).
fn unquote(s: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' if matches!(chars.peek(), Some((_, '"' | '\\'))) => {
                value.push(chars.next()?.1);
            }
            c => value.push(c),
        }
    }
    None
}

/// The boundary of a `multipart/form-data` content type, checked against RFC 2046's grammar.
pub(crate) fn boundary(parameters: &[(String, String)]) -> Result<&str, FormError> {
    let boundary = parameters
        .iter()
        .find(|(name, _)| name == "boundary")
        .map(|(_, value)| value.as_str())
        .ok_or(FormError::Boundary)?;
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&b);
    if boundary.is_empty()
        || boundary.len() > MAX_BOUNDARY_LEN
        || !boundary.bytes().all(allowed)
        || boundary.ends_with(' ')
    {
        return Err(FormError::Boundary);
    }
    Ok(boundary)
}

/// The parts of `body`, delimited by `boundary`, in order.
pub(crate) fn parse<'a>(boundary: &str, body: &'a [u8]) -> Result<Vec<Part<'a>>, FormError> {
    // `--boundary` at the very start, else after the preamble's last CRLF.
    let dash = format!("--{boundary}");
    let delimiter = format!("\r\n{dash}");
    let mut pos = if body.starts_with(dash.as_bytes()) {
        dash.len()
    } else {
        find(body, delimiter.as_bytes(), 0).ok_or(FormError::NoFirstBoundary)? + delimiter.len()
    };
    let mut parts = Vec::new();
    // Each pass moves past one part and its closing delimiter.
    loop {
        let rest = &body[pos..];
        if rest.starts_with(b"--") {
            // The closing delimiter; the epilogue is ignored.
            return Ok(parts);
        }
        // Transport padding, then the line end.
        let padding = rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        if !rest[padding..].starts_with(b"\r\n") {
            return Err(if rest[padding..].is_empty() {
                FormError::Unterminated
            } else {
                FormError::BoundaryLine
            });
        }
        pos += padding + 2;
        if parts.len() == MAX_PARTS {
            return Err(FormError::TooManyParts);
        }

        let (headers, data_start) = if body[pos..].starts_with(b"\r\n") {
            ("", pos + 2)
        } else {
            let window = &body[pos..body.len().min(pos + MAX_PART_HEADER_BYTES)];
            let end =
                find(window, b"\r\n\r\n", 0).ok_or(if window.len() < MAX_PART_HEADER_BYTES {
                    FormError::Unterminated
                } else {
                    FormError::PartHeaders
                })?;
            let headers =
                std::str::from_utf8(&window[..end]).map_err(|_| FormError::HeaderField)?;
            (headers, pos + end + 4)
        };
        let data_end =
            find(body, delimiter.as_bytes(), data_start).ok_or(FormError::Unterminated)?;
        parts.push(part(headers, &body[data_start..data_end])?);
        pos = data_end + delimiter.len();
    }
}

/// One part from its header block (without the blank line) and its bytes.
fn part<'a>(headers: &str, data: &'a [u8]) -> Result<Part<'a>, FormError> {
    let mut disposition = None;
    let mut content_type = None;
    for line in headers.split("\r\n").filter(|line| !line.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(FormError::HeaderField)?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(FormError::HeaderField);
        }
        let value = value.trim_matches([' ', '\t']);
        if name.eq_ignore_ascii_case("content-disposition") {
            disposition = Some(value);
        } else if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.to_owned());
        }
    }
    let (kind, parameters) = disposition
        .and_then(parameters)
        .ok_or(FormError::Disposition)?;
    if kind != "form-data" {
        return Err(FormError::Disposition);
    }
    let value = |key: &str| {
        parameters
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
    };
    let name = value("name").ok_or(FormError::Disposition)?;
    Ok(Part {
        name,
        filename: value("filename"),
        content_type,
        data,
    })
}

/// The index of the first `needle` (not empty) in `hay` at or after `from`; linear in the
/// length of `hay` for the short needles a boundary makes.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut at = from;
    // Each pass moves `at` forward by at least one byte.
    while at + needle.len() <= hay.len() {
        let offset = hay[at..=hay.len() - needle.len()]
            .iter()
            .position(|&b| b == first)?;
        at += offset;
        if hay[at + 1..at + needle.len()] == *rest {
            return Some(at);
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURL: &[u8] = b"--------------------------d74496d66958873e\r\n\
        Content-Disposition: form-data; name=\"file\"; filename=\"loa.pdf\"\r\n\
        Content-Type: application/pdf\r\n\
        \r\n\
        %PDF-1.4\r\n--not-the-boundary\r\n\0\xff\r\n\
        --------------------------d74496d66958873e\r\n\
        Content-Disposition: form-data; name=\"customer_reference\"\r\n\
        \r\n\
        x\r\n\
        --------------------------d74496d66958873e--\r\n";
    const CURL_BOUNDARY: &str = "------------------------d74496d66958873e";

    #[test]
    fn reads_what_curl_sends() {
        let parts = parse(CURL_BOUNDARY, CURL).unwrap();
        assert_eq!(
            parts,
            [
                Part {
                    name: "file".into(),
                    filename: Some("loa.pdf".into()),
                    content_type: Some("application/pdf".into()),
                    data: b"%PDF-1.4\r\n--not-the-boundary\r\n\0\xff",
                },
                Part {
                    name: "customer_reference".into(),
                    filename: None,
                    content_type: None,
                    data: b"x",
                },
            ]
        );
    }

    #[test]
    fn content_type_parameters() {
        let (essence, params) =
            parameters("Multipart/Form-Data; boundary=\"a b\\\"c\"; charset=utf-8").unwrap();
        assert_eq!(essence, "multipart/form-data");
        assert_eq!(
            params,
            [
                ("boundary".to_owned(), "a b\"c".to_owned()),
                ("charset".to_owned(), "utf-8".to_owned())
            ]
        );
        let (_, params) =
            parameters(r#"form-data; filename="C:\path\a\\b\"c.pdf"; name=file"#).unwrap();
        assert_eq!(params[0].1, r#"C:\path\a\b"c.pdf"#);
        assert_eq!(params[1].1, "file");
        let (_, params) = parameters("multipart/form-data;boundary=XyZ").unwrap();
        assert_eq!(boundary(&params), Ok("XyZ"));
        for bad in [
            "",
            "; boundary=x",
            "a/b; =x",
            "a/b; boundary=\"open",
            "a/b; x",
        ] {
            assert_eq!(parameters(bad), None, "{bad:?}");
        }
        for bad in [
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"ends in space \"",
            "multipart/form-data; boundary=\"semi;colon\"",
        ] {
            let (_, params) = parameters(bad).unwrap();
            assert_eq!(boundary(&params), Err(FormError::Boundary), "{bad:?}");
        }
        let long = format!("multipart/form-data; boundary={}", "a".repeat(71));
        let (_, params) = parameters(&long).unwrap();
        assert_eq!(boundary(&params), Err(FormError::Boundary));
    }

    #[test]
    fn preamble_epilogue_padding_and_no_headers() {
        let body = b"preamble\r\n--b  \r\n\
            content-disposition: form-data; name=a\r\n\r\n1\r\n--b\r\n\r\nnameless\r\n--b--epilogue";
        assert_eq!(parse("b", body), Err(FormError::Disposition));
        let body = b"preamble\r\n--b  \r\n\
            content-disposition: FORM-DATA; name=a\r\n\r\n1\r\n--b--\r\nepilogue";
        let parts = parse("b", body).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name, "a");
        assert_eq!(parts[0].data, b"1");
        // An empty form: just the closing delimiter.
        assert_eq!(parse("b", b"--b--\r\n"), Ok(vec![]));
    }

    #[test]
    fn every_malformation_is_an_error() {
        let ok = b"--b\r\ncontent-disposition: form-data; name=a\r\n\r\n1\r\n--b--";
        assert!(parse("b", ok).is_ok());
        for (body, error) in [
            (&b""[..], FormError::NoFirstBoundary),
            (b"no boundary here", FormError::NoFirstBoundary),
            (b"--b", FormError::Unterminated),
            (b"--bX\r\n", FormError::BoundaryLine),
            (
                b"--b\r\ncontent-disposition: form-data; name=a",
                FormError::Unterminated,
            ),
            (
                b"--b\r\ncontent-disposition: form-data; name=a\r\n\r\nno end",
                FormError::Unterminated,
            ),
            (b"--b\r\nno colon\r\n\r\n1\r\n--b--", FormError::HeaderField),
            (
                b"--b\r\nbad name: x\r\n\r\n1\r\n--b--",
                FormError::HeaderField,
            ),
            (
                b"--b\r\ncontent-disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--b--",
                FormError::HeaderField,
            ),
            (
                b"--b\r\ncontent-disposition: attachment; name=a\r\n\r\n1\r\n--b--",
                FormError::Disposition,
            ),
            (
                b"--b\r\ncontent-disposition: form-data; filename=a\r\n\r\n1\r\n--b--",
                FormError::Disposition,
            ),
            (
                b"--b\r\ncontent-type: text/plain\r\n\r\n1\r\n--b--",
                FormError::Disposition,
            ),
        ] {
            assert_eq!(
                parse("b", body),
                Err(error),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
        let mut huge = b"--b\r\nx: ".to_vec();
        huge.extend(std::iter::repeat_n(b'y', MAX_PART_HEADER_BYTES));
        huge.extend_from_slice(b"\r\n\r\n1\r\n--b--");
        assert_eq!(parse("b", &huge), Err(FormError::PartHeaders));
    }

    #[test]
    fn the_number_of_parts_is_bounded() {
        let one = "--b\r\ncontent-disposition: form-data; name=a\r\n\r\n1\r\n";
        let body = format!("{}--b--", one.repeat(MAX_PARTS));
        assert_eq!(parse("b", body.as_bytes()).unwrap().len(), MAX_PARTS);
        let body = format!("{}--b--", one.repeat(MAX_PARTS + 1));
        assert_eq!(parse("b", body.as_bytes()), Err(FormError::TooManyParts));
    }

    #[test]
    fn truncated_anywhere_it_is_an_error_not_a_panic() {
        for end in 0..CURL.len() - 2 {
            assert!(parse(CURL_BOUNDARY, &CURL[..end]).is_err(), "{end}");
        }
    }

    /// Pseudo-random damage to a good body (bytes flipped, cut, CRLFs and boundary pieces
    /// spliced in): an answer every time, never a panic.
    #[test]
    fn damaged_bodies_never_panic() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let pieces: [&[u8]; 5] = [b"\r\n", b"--", CURL_BOUNDARY.as_bytes(), b"\r\n\r\n", b":"];
        let mut parsed = 0;
        for _ in 0..5000 {
            let mut body = CURL.to_vec();
            for _ in 0..1 + next(4) {
                let at = next(body.len() + 1);
                match next(3) {
                    0 if at < body.len() => body[at] = next(256) as u8,
                    1 => body.truncate(at),
                    _ => {
                        let piece = pieces[next(pieces.len())];
                        body.splice(at..at, piece.iter().copied());
                    }
                }
            }
            if let Ok(parts) = parse(CURL_BOUNDARY, &body) {
                parsed += 1;
                assert!(parts.len() <= MAX_PARTS);
                for part in parts {
                    assert!(part.data.len() <= body.len());
                }
            }
        }
        // Some damage leaves a readable form (a flipped byte inside a part's data).
        assert!(parsed > 0);
    }

    #[test]
    fn find_is_exact() {
        assert_eq!(find(b"aab", b"ab", 0), Some(1));
        assert_eq!(find(b"aab", b"ab", 2), None);
        assert_eq!(find(b"ab", b"abc", 0), None);
        assert_eq!(find(b"abc", b"", 0), None);
        assert_eq!(find(b"abc", b"c", 5), None);
    }
}
