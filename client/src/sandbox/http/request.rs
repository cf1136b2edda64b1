//! Parsing a request's header block: the request line, the header fields, and the body
//! framing they announce.

use std::ops::Range;

use super::find;

/// A request as the handler sees it.
///
/// The request line and header fields live in one string (header names lowercased in place);
/// the accessors hand out slices of it, so parsing a request costs a few allocations whatever
/// the number of headers.
pub(crate) struct Request {
    pub(super) head: String,
    pub(super) method: Range<usize>,
    pub(super) target: Range<usize>,
    pub(super) headers: Vec<(Range<usize>, Range<usize>)>,
    /// The body, with any chunked framing removed.
    pub(crate) body: Vec<u8>,
    /// Which connection of this server the request came on, counting from 1.
    pub(crate) connection: u64,
}

impl Request {
    fn slice(&self, range: &Range<usize>) -> &str {
        self.head.get(range.clone()).unwrap_or("")
    }

    /// The method, such as `POST`.
    pub(crate) fn method(&self) -> &str {
        self.slice(&self.method)
    }

    /// The path of the request target, without the query (`/v2/porting_orders`). An
    /// absolute-form target (`http://host/path`) gives its path.
    pub(crate) fn path(&self) -> &str {
        split_target(self.slice(&self.target)).0
    }

    /// The raw, undecoded query of the request target, without the `?`.
    pub(crate) fn query(&self) -> Option<&str> {
        split_target(self.slice(&self.target)).1
    }

    /// Every header field in order, names lowercased.
    pub(crate) fn headers(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.headers
            .iter()
            .map(|(name, value)| (self.slice(name), self.slice(value)))
    }

    /// The first value of the header `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method())
            .field("target", &self.slice(&self.target))
            .field("headers", &self.headers().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Splits a request target into its path and raw query.
pub(super) fn split_target(target: &str) -> (&str, Option<&str>) {
    let mut rest = target;
    for scheme in ["http://", "https://"] {
        if let Some(prefix) = target.get(..scheme.len())
            && prefix.eq_ignore_ascii_case(scheme)
        {
            let after = &target[scheme.len()..];
            let authority_end = after.find(['/', '?']).unwrap_or(after.len());
            rest = &after[authority_end..];
            break;
        }
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    (if path.is_empty() { "/" } else { path }, query)
}

/// How the body of a request is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Framing {
    Length(usize),
    Chunked,
}

/// A parsed header block.
pub(super) struct Head {
    pub(super) request: Request,
    pub(super) framing: Framing,
    pub(super) keep_alive: bool,
    pub(super) http10: bool,
    pub(super) expect_continue: bool,
}

pub(super) fn trim_ows(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// A `tchar` of RFC 9110, section 5.6.2.
pub(super) fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Parses the header block (without its final empty line) into a [`Head`], or gives the
/// status to reject it with.
pub(super) fn parse_head(mut raw: Vec<u8>, max_body_bytes: usize) -> Result<Head, u16> {
    let line_end = find(&raw, b"\r\n", 0).unwrap_or(raw.len());
    let (method, target, http10) = parse_request_line(&raw[..line_end])?;

    let mut headers = Vec::with_capacity(16);
    let mut pos = line_end + 2;
    // Each pass moves past one line.
    while pos < raw.len() {
        let end = find(&raw, b"\r\n", pos).unwrap_or(raw.len());
        let line = &raw[pos..end];
        let colon = line.iter().position(|&b| b == b':').ok_or(400u16)?;
        // Also rejects obsolete line folding and whitespace before the colon.
        if colon == 0 || !line[..colon].iter().all(|&b| is_tchar(b)) {
            return Err(400);
        }
        let value = &line[colon + 1..];
        if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return Err(400);
        }
        let lead = value.len() - value.trim_ascii_start().len();
        let trimmed = trim_ows(value);
        let value_start = pos + colon + 1 + lead.min(value.len());
        headers.push((pos..pos + colon, value_start..value_start + trimmed.len()));
        pos = end + 2;
    }
    for (name, _) in &headers {
        raw[name.clone()].make_ascii_lowercase();
    }
    let head = match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => {
            // obs-text in a value: keep the offsets, lose the bytes.
            let mut bytes = e.into_bytes();
            for b in &mut bytes {
                if *b >= 0x80 {
                    *b = b'?';
                }
            }
            String::from_utf8(bytes).map_err(|_| 400u16)?
        }
    };
    let request = Request {
        head,
        method,
        target,
        headers,
        body: Vec::new(),
        connection: 0,
    };

    let mut content_length: Option<usize> = None;
    let mut codings = 0usize;
    let mut chunked_last = false;
    let mut close = false;
    let mut keep_alive_token = false;
    let mut expect_continue = false;
    for (name, value) in request.headers() {
        match name {
            "content-length" => {
                for part in value.split(',') {
                    let part = part.trim();
                    if part.is_empty()
                        || part.len() > 19
                        || !part.bytes().all(|b| b.is_ascii_digit())
                    {
                        return Err(400);
                    }
                    let n: u64 = part.parse().map_err(|_| 400u16)?;
                    let n = usize::try_from(n).map_err(|_| 413u16)?;
                    if content_length.is_some_and(|c| c != n) {
                        return Err(400);
                    }
                    content_length = Some(n);
                }
            }
            "transfer-encoding" => {
                for coding in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    codings += 1;
                    chunked_last = coding.eq_ignore_ascii_case("chunked");
                }
            }
            "connection" => {
                for token in value.split(',').map(str::trim) {
                    close |= token.eq_ignore_ascii_case("close");
                    keep_alive_token |= token.eq_ignore_ascii_case("keep-alive");
                }
            }
            "expect" => expect_continue |= value.eq_ignore_ascii_case("100-continue"),
            _ => {}
        }
    }
    let framing = match (codings, content_length) {
        (0, None) => Framing::Length(0),
        (0, Some(n)) if n > max_body_bytes => return Err(413),
        (0, Some(n)) => Framing::Length(n),
        // Both framings at once is a smuggling attempt (RFC 9112, section 6.3).
        (_, Some(_)) => return Err(400),
        (1, None) if chunked_last => Framing::Chunked,
        // gzip, chunked and the like: the body cannot be decoded here.
        (_, None) if chunked_last => return Err(501),
        (_, None) => return Err(400),
    };
    let keep_alive = !close && (!http10 || keep_alive_token);
    Ok(Head {
        request,
        framing,
        keep_alive,
        http10,
        expect_continue: expect_continue && !http10,
    })
}

/// `METHOD SP target SP HTTP/1.x`: the method and target ranges, and whether it is HTTP/1.0.
fn parse_request_line(line: &[u8]) -> Result<(Range<usize>, Range<usize>, bool), u16> {
    let sp1 = line.iter().position(|&b| b == b' ').ok_or(400u16)?;
    let rest = &line[sp1 + 1..];
    let sp2 = sp1 + 1 + rest.iter().position(|&b| b == b' ').ok_or(400u16)?;
    let method = &line[..sp1];
    let target = &line[sp1 + 1..sp2];
    let version = &line[sp2 + 1..];
    if method.is_empty() || !method.iter().all(|&b| is_tchar(b)) {
        return Err(400);
    }
    if target.is_empty() || !target.iter().all(|&b| (0x21..0x7f).contains(&b)) {
        return Err(400);
    }
    let http10 = match version {
        b"HTTP/1.1" => false,
        b"HTTP/1.0" => true,
        [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            return Err(505);
        }
        _ => return Err(400),
    };
    Ok((0..sp1, sp1 + 1..sp2, http10))
}
