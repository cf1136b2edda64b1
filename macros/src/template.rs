//! Path templates: `"/porting_orders/{id}/actions/confirm"` into literal pieces and
//! placeholders, with every mistake reported in words (stable Rust cannot point inside a string
//! literal, so each message names the offending piece).
//!
//! [`parse`] returns the pieces it recognised *and* its errors: a path missing its leading `/`
//! still has good placeholders, so the placeholder ↔ parameter check runs in the same compile.

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text sent as written.
    Literal(String),
    /// `{name}`: filled by an argument, percent-encoded as one segment.
    Placeholder(String),
}

/// A template split into pieces, with everything that is wrong with it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The pieces recognised, in order; a malformed placeholder is left out.
    pub pieces: Vec<Piece>,
    /// What is wrong, in words; empty for a valid template.
    pub errors: Vec<String>,
}

/// Splits a template into pieces, and says everything that is wrong with it.
pub fn parse(template: &str) -> Parsed {
    let mut errors = Vec::new();
    let mut pieces = Vec::new();
    if template.is_empty() {
        return Parsed {
            pieces,
            errors: vec!["the path is empty: write a path such as \"/porting_orders\"".to_owned()],
        };
    }
    if !template.starts_with('/') {
        errors.push(format!(
            "the path must start with `/`: write \"/{}\"; it is appended to the client's base URL",
            template.trim_start_matches('/')
        ));
    }
    let mut literal = String::new();
    let mut chars = template.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                let mut nested = false;
                for (_, c) in chars.by_ref() {
                    match c {
                        '}' => {
                            closed = true;
                            break;
                        }
                        '{' => nested = true,
                        c => name.push(c),
                    }
                }
                if nested {
                    // Swallow the rest of a `{{x}}`.
                    while chars.next_if(|&(_, c)| c == '}').is_some() {}
                    errors.push(format!(
                        "nested braces `{{{{{name}}}}}` in the path: a placeholder is written `{{name}}`"
                    ));
                    continue;
                }
                if !closed {
                    errors.push(format!(
                        "unclosed `{{{name}` in the path: close the placeholder, as in `{{id}}`"
                    ));
                    continue;
                }
                if name.is_empty() {
                    errors.push(
                        "empty placeholder `{}` in the path: name the argument that fills it, as in `{id}`"
                            .to_owned(),
                    );
                    continue;
                }
                if !is_identifier(&name) {
                    errors.push(format!(
                        "`{{{name}}}` is not a valid placeholder: use an argument name such as `{{id}}` (letters, digits and `_`)"
                    ));
                    continue;
                }
                if pieces
                    .iter()
                    .any(|p| matches!(p, Piece::Placeholder(n) if *n == name))
                {
                    errors.push(format!(
                        "placeholder `{{{name}}}` appears twice in the path: each argument fills one placeholder"
                    ));
                    continue;
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Placeholder(name));
            }
            '}' => errors.push(
                "unmatched `}` in the path: a placeholder is written `{name}`".to_owned(),
            ),
            '?' => errors.push(
                "the path cannot hold a query string: put query parameters in a `#[query]` argument"
                    .to_owned(),
            ),
            '#' => errors.push("the path cannot hold a fragment (`#`)".to_owned()),
            '%' => {
                let hex: String = (0..2).filter_map(|_| chars.next_if(|(_, c)| c.is_ascii_hexdigit())).map(|(_, c)| c).collect();
                if hex.len() == 2 {
                    literal.push('%');
                    literal.push_str(&hex);
                } else {
                    errors.push(
                        "`%` in the path must start an escape such as `%20`".to_owned(),
                    );
                }
            }
            c if is_path_char(c) => literal.push(c),
            c => errors.push(format!(
                "{c:?} cannot appear in a path: percent-encode it, or pass the value through a `{{placeholder}}`"
            )),
        }
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Parsed { pieces, errors }
}

/// RFC 3986 `pchar` (less `%`, handled apart) and `/`.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.'
                | '_'
                | '~'
                | '!'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | ';'
                | '='
                | ':'
                | '@'
                | '/'
        )
}

/// `[A-Za-z_][A-Za-z0-9_]*`, not a lone `_`.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `activationJobId` → `activation_job_id`; snake case stays as it is.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Piece {
        Piece::Literal(s.to_owned())
    }
    fn ph(s: &str) -> Piece {
        Piece::Placeholder(s.to_owned())
    }
    fn ok(template: &str) -> Result<Vec<Piece>, Vec<String>> {
        let parsed = parse(template);
        if parsed.errors.is_empty() {
            Ok(parsed.pieces)
        } else {
            Err(parsed.errors)
        }
    }
    fn err(template: &str) -> String {
        match ok(template) {
            Err(errors) => errors.join(" | "),
            Ok(p) => panic!("{template:?} parsed as {p:?}"),
        }
    }

    #[test]
    fn splits_literals_and_placeholders() {
        assert_eq!(ok("/porting_orders"), Ok(vec![lit("/porting_orders")]));
        assert_eq!(
            ok("/porting_orders/{id}/actions/confirm"),
            Ok(vec![
                lit("/porting_orders/"),
                ph("id"),
                lit("/actions/confirm")
            ])
        );
        assert_eq!(
            ok("/a/{porting_order_id}/b/{activationJobId}"),
            Ok(vec![
                lit("/a/"),
                ph("porting_order_id"),
                lit("/b/"),
                ph("activationJobId")
            ])
        );
        assert_eq!(
            ok("/files/{name}.pdf"),
            Ok(vec![lit("/files/"), ph("name"), lit(".pdf")])
        );
        assert_eq!(ok("/a%20b"), Ok(vec![lit("/a%20b")]));
        assert_eq!(ok("/"), Ok(vec![lit("/")]));
    }

    #[test]
    fn reports_malformed_templates() {
        assert!(err("").contains("the path is empty"));
        assert!(err("porting_orders").contains("must start with `/`"));
        assert!(err("/a/{").contains("unclosed `{`"));
        assert!(err("/a/{id").contains("unclosed `{id`"));
        assert!(err("/a/{}").contains("empty placeholder"));
        assert!(err("/a/{a b}").contains("`{a b}` is not a valid placeholder"));
        assert!(err("/a/{1x}").contains("not a valid placeholder"));
        assert!(err("/a/{{x}}").contains("nested braces `{{x}}`"));
        assert!(err("/a/}").contains("unmatched `}`"));
        assert!(err("/a/{id}/b/{id}").contains("`{id}` appears twice"));
        assert!(err("/a?b=1").contains("query string"));
        assert!(err("/a#b").contains("fragment"));
        assert!(err("/a b").contains("' ' cannot appear in a path"));
        assert!(err("/a%2").contains("escape"));
    }

    #[test]
    fn reports_every_problem_at_once() {
        let all = parse("x/{}/{a b}").errors;
        assert_eq!(all.len(), 3, "{all:?}");
    }

    #[test]
    fn keeps_the_good_pieces_of_a_bad_template() {
        let parsed = parse("balance/{account}/{a b}");
        assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
        assert_eq!(
            parsed.pieces,
            vec![lit("balance/"), ph("account"), lit("/")]
        );
    }

    #[test]
    fn converts_camel_case_names() {
        assert_eq!(snake_case("activationJobId"), "activation_job_id");
        assert_eq!(snake_case("porting_order_id"), "porting_order_id");
        assert_eq!(snake_case("id"), "id");
    }
}
