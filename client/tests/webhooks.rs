//! Webhook verification against vectors signed by an independent implementation (Node's
//! built-in crypto, `fixtures/webhooks/make_vectors.mjs`), every rejection with its typed
//! error, and decoding of both delivery shapes. Runs under each TLS feature (each brings its
//! own Ed25519).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use telnyx_porting::http::{HeaderMap, HeaderName, HeaderValue};
use telnyx_porting::webhooks::{
    FormatProblem, SIGNATURE_HEADER, Signer, TIMESTAMP_HEADER, Verifier, WebhookError,
    WebhookEvent, WebhookPayload,
};

const VECTORS: &str = include_str!("fixtures/webhooks/vectors.json");

struct Vectors {
    seed: [u8; 32],
    public_key: String,
    other_public_key: String,
    timestamp: String,
    cases: Vec<Case>,
}

struct Case {
    name: String,
    body: Vec<u8>,
    signature: String,
}

fn vectors() -> Vectors {
    let json: Value = serde_json::from_str(VECTORS).unwrap();
    let s = |v: &Value| v.as_str().unwrap().to_owned();
    let seed_hex = s(&json["seed_hex"]);
    let mut seed = [0u8; 32];
    for (i, byte) in seed.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&seed_hex[2 * i..2 * i + 2], 16).unwrap();
    }
    Vectors {
        seed,
        public_key: s(&json["public_key"]),
        other_public_key: s(&json["other_public_key"]),
        timestamp: s(&json["timestamp"]),
        cases: json["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Case {
                name: s(&c["name"]),
                body: STANDARD.decode(s(&c["body_base64"])).unwrap(),
                signature: s(&c["signature"]),
            })
            .collect(),
    }
}

fn case<'a>(v: &'a Vectors, name: &str) -> &'a Case {
    v.cases.iter().find(|c| c.name == name).unwrap()
}

fn headers(timestamp: &str, signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(SIGNATURE_HEADER, HeaderValue::from_str(signature).unwrap());
    h.insert(TIMESTAMP_HEADER, HeaderValue::from_str(timestamp).unwrap());
    h
}

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn signed_at(v: &Vectors) -> SystemTime {
    at(v.timestamp.parse().unwrap())
}

fn verifier(v: &Vectors) -> Verifier {
    Verifier::from_base64(&v.public_key).unwrap()
}

/// Verifies `case` with the headers changed by `edit`, at the signing time.
fn verify_edited(
    v: &Vectors,
    name: &str,
    edit: impl FnOnce(&mut HeaderMap),
) -> Result<WebhookEvent, WebhookError> {
    let c = case(v, name);
    let mut h = headers(&v.timestamp, &c.signature);
    edit(&mut h);
    verifier(v).verify_at(&h, &c.body, signed_at(v))
}

fn malformed(name: &'static str, problem: FormatProblem) -> WebhookError {
    WebhookError::MalformedHeader { name, problem }
}

#[test]
fn every_node_signed_vector_verifies_and_decodes() {
    let v = vectors();
    let expected = [
        ("status_changed_compact", "porting_order.status_changed"),
        (
            "status_changed_trailing_newline",
            "porting_order.status_changed",
        ),
        ("status_changed_2k_pretty", "porting_order.status_changed"),
        ("new_comment_non_ascii", "porting_order.new_comment"),
        ("messaging_changed_flat", "porting_order.messaging_changed"),
        ("non_porting_event", "call.initiated"),
    ];
    for (name, kind) in expected {
        let c = case(&v, name);
        let event = verifier(&v)
            .verify_at(&headers(&v.timestamp, &c.signature), &c.body, signed_at(&v))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(event.event_type(), kind, "{name}");
        assert!(event.id().is_some(), "{name}");
        assert_eq!(event.body().as_bytes(), c.body.as_slice(), "{name}");
    }
    assert_eq!(v.cases.len(), expected.len() + 1, "a vector is not checked");
}

#[test]
fn an_empty_body_with_a_valid_signature_is_not_an_event() {
    let v = vectors();
    let c = case(&v, "empty_body");
    assert!(c.body.is_empty());
    let err = verifier(&v)
        .verify_at(&headers(&v.timestamp, &c.signature), &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(
        err,
        WebhookError::NotAnEvent {
            path: String::new(),
            problem: "it is empty".into()
        }
    );
}

#[test]
fn our_signer_makes_the_same_key_and_signatures_as_node() {
    let v = vectors();
    let signer = Signer::from_seed(v.seed).unwrap();
    assert_eq!(signer.public_key_base64(), v.public_key);
    for c in &v.cases {
        assert_eq!(
            signer.sign(&v.timestamp, &c.body),
            c.signature,
            "{}",
            c.name
        );
    }
    // And its headers are the ones Telnyx sends.
    let c = case(&v, "status_changed_compact");
    let h = signer.headers(&c.body, signed_at(&v));
    assert_eq!(h[SIGNATURE_HEADER], c.signature.as_str());
    assert_eq!(h[TIMESTAMP_HEADER], v.timestamp.as_str());
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["user-agent"], "telnyx-webhooks");
    assert!(!format!("{signer:?}").contains(&format!("{:?}", v.seed)));
}

#[test]
fn header_names_are_case_insensitive() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    let mut h = HeaderMap::new();
    h.insert(
        HeaderName::from_bytes(b"Telnyx-Signature-Ed25519").unwrap(),
        HeaderValue::from_str(&c.signature).unwrap(),
    );
    h.insert(
        HeaderName::from_bytes(b"TELNYX-TIMESTAMP").unwrap(),
        HeaderValue::from_str(&v.timestamp).unwrap(),
    );
    verifier(&v).verify_at(&h, &c.body, signed_at(&v)).unwrap();
}

#[test]
fn a_tampered_body_is_refused() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    let mut body = c.body.clone();
    let i = body.iter().position(|&b| b == b'i').unwrap();
    body[i] = b'j';
    let err = verifier(&v)
        .verify_at(&headers(&v.timestamp, &c.signature), &body, signed_at(&v))
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
    assert!(err.to_string().contains("raw bytes as received"), "{err}");
    // A trailing newline added (or removed) is a different body too.
    let mut body = c.body.clone();
    body.push(b'\n');
    let err = verifier(&v)
        .verify_at(&headers(&v.timestamp, &c.signature), &body, signed_at(&v))
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
}

#[test]
fn a_re_serialized_body_is_refused() {
    let v = vectors();
    for c in v.cases.iter().filter(|c| !c.body.is_empty()) {
        let json = serde_json::from_slice::<Value>(&c.body).unwrap();
        // What a framework's JSON extractor hands over: compact or pretty, keys re-ordered.
        for reserialized in [
            serde_json::to_vec(&json).unwrap(),
            serde_json::to_vec_pretty(&json).unwrap(),
        ] {
            if reserialized == c.body {
                continue;
            }
            let err = verifier(&v)
                .verify_at(
                    &headers(&v.timestamp, &c.signature),
                    &reserialized,
                    signed_at(&v),
                )
                .unwrap_err();
            assert_eq!(err, WebhookError::SignatureMismatch, "{}", c.name);
        }
    }
}

#[test]
fn a_changed_timestamp_is_refused() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    let later = (v.timestamp.parse::<u64>().unwrap() + 1).to_string();
    let err = verifier(&v)
        .verify_at(&headers(&later, &c.signature), &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
    // Leading zeros are digits, but not the bytes that were signed.
    let padded = format!("0{}", v.timestamp);
    let err = verifier(&v)
        .verify_at(&headers(&padded, &c.signature), &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
}

#[test]
fn the_wrong_key_is_refused() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    let other = Verifier::from_base64(&v.other_public_key).unwrap();
    let err = other
        .verify_at(&headers(&v.timestamp, &c.signature), &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
}

#[test]
fn each_missing_header_is_named() {
    let v = vectors();
    for name in [SIGNATURE_HEADER, TIMESTAMP_HEADER] {
        let err = verify_edited(&v, "status_changed_compact", |h| {
            h.remove(name);
        })
        .unwrap_err();
        assert_eq!(err, WebhookError::MissingHeader { name });
        assert!(err.to_string().contains(name), "{err}");
    }
    let c = case(&v, "status_changed_compact");
    let err = verifier(&v)
        .verify_at(&HeaderMap::new(), &c.body, signed_at(&v))
        .unwrap_err();
    assert!(matches!(err, WebhookError::MissingHeader { .. }), "{err}");
}

#[test]
fn a_repeated_header_is_refused() {
    let v = vectors();
    for name in [SIGNATURE_HEADER, TIMESTAMP_HEADER] {
        let err = verify_edited(&v, "status_changed_compact", |h| {
            let value = h[name].clone();
            h.append(name, value);
        })
        .unwrap_err();
        assert_eq!(err, malformed(name, FormatProblem::Repeated));
    }
}

#[test]
fn a_signature_without_padding_is_refused() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    assert!(c.signature.ends_with("=="));
    let stripped = c.signature.trim_end_matches('=').to_owned();
    let err = verify_edited(&v, "status_changed_compact", |h| {
        h.insert(SIGNATURE_HEADER, HeaderValue::from_str(&stripped).unwrap());
    })
    .unwrap_err();
    assert_eq!(
        err,
        malformed(SIGNATURE_HEADER, FormatProblem::MissingPadding)
    );
}

#[test]
fn a_signature_in_the_url_safe_alphabet_is_refused() {
    let v = vectors();
    let c = v
        .cases
        .iter()
        .find(|c| c.signature.contains(['+', '/']))
        .expect("a vector whose signature has + or /");
    let url_safe = c.signature.replace('+', "-").replace('/', "_");
    let mut h = headers(&v.timestamp, &url_safe);
    let err = verifier(&v)
        .verify_at(&h, &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(
        err,
        malformed(SIGNATURE_HEADER, FormatProblem::UrlSafeAlphabet)
    );
    // URL-safe and unpadded, as base64url usually travels.
    let bare = url_safe.trim_end_matches('=');
    h.insert(SIGNATURE_HEADER, HeaderValue::from_str(bare).unwrap());
    let err = verifier(&v)
        .verify_at(&h, &c.body, signed_at(&v))
        .unwrap_err();
    assert_eq!(
        err,
        malformed(SIGNATURE_HEADER, FormatProblem::UrlSafeAlphabet)
    );
}

#[test]
fn signatures_of_the_wrong_length_or_not_base64_are_refused() {
    let v = vectors();
    for (value, problem) in [
        (
            STANDARD.encode([1u8; 63]),
            FormatProblem::WrongLength {
                expected: 64,
                found: 63,
            },
        ),
        (
            STANDARD.encode([1u8; 65]),
            FormatProblem::WrongLength {
                expected: 64,
                found: 65,
            },
        ),
        (
            STANDARD.encode([1u8; 32]),
            FormatProblem::WrongLength {
                expected: 64,
                found: 32,
            },
        ),
        (String::new(), FormatProblem::Empty),
        (
            format!(" {}", STANDARD.encode([1u8; 64])),
            FormatProblem::NotBase64,
        ),
        ("*".repeat(88), FormatProblem::NotBase64),
        // Padding in the middle.
        (
            format!("{}==AA", &STANDARD.encode([1u8; 64])[..84]),
            FormatProblem::NotBase64,
        ),
    ] {
        let err = verify_edited(&v, "status_changed_compact", |h| {
            h.insert(SIGNATURE_HEADER, HeaderValue::from_str(&value).unwrap());
        })
        .unwrap_err();
        assert_eq!(err, malformed(SIGNATURE_HEADER, problem), "{value:?}");
    }
}

#[test]
fn timestamps_that_are_not_plain_digits_are_refused() {
    let v = vectors();
    let ts = v.timestamp.clone();
    for (value, problem) in [
        (format!(" {ts}"), FormatProblem::NotDigits),
        (format!("{ts} "), FormatProblem::NotDigits),
        (
            format!("{} {}", &ts[..5], &ts[5..]),
            FormatProblem::NotDigits,
        ),
        (format!("+{ts}"), FormatProblem::NotDigits),
        (format!("-{ts}"), FormatProblem::NotDigits),
        (format!("{ts}.5"), FormatProblem::NotDigits),
        (format!("{ts}000"), FormatProblem::TooLarge.clone()).clone(),
        ("1e9".to_owned(), FormatProblem::NotDigits),
        ("0x6553f100".to_owned(), FormatProblem::NotDigits),
        (String::new(), FormatProblem::Empty),
        (
            "99999999999999999999999".to_owned(),
            FormatProblem::TooLarge,
        ),
    ] {
        let err = verify_edited(&v, "status_changed_compact", |h| {
            h.insert(TIMESTAMP_HEADER, HeaderValue::from_str(&value).unwrap());
        });
        // Milliseconds (13 digits) are digits and fit: they are simply far in the future.
        if value == format!("{ts}000") {
            assert!(
                matches!(
                    err,
                    Err(WebhookError::TimestampOutsideTolerance { skew_seconds, .. }) if skew_seconds < 0
                ),
                "{err:?}"
            );
            continue;
        }
        assert_eq!(
            err.unwrap_err(),
            malformed(TIMESTAMP_HEADER, problem),
            "{value:?}"
        );
    }
    // Bytes outside ASCII are not digits either.
    let err = verify_edited(&v, "status_changed_compact", |h| {
        h.insert(
            TIMESTAMP_HEADER,
            HeaderValue::from_bytes(b"17000\xe900000").unwrap(),
        );
    })
    .unwrap_err();
    assert_eq!(err, malformed(TIMESTAMP_HEADER, FormatProblem::NotDigits));
}

#[test]
fn skew_at_the_tolerance_passes_and_one_second_more_does_not() {
    let v = vectors();
    let c = case(&v, "status_changed_compact");
    let h = headers(&v.timestamp, &c.signature);
    let t: u64 = v.timestamp.parse().unwrap();
    for tolerance in [300, 5] {
        let verifier = verifier(&v).tolerance(Duration::from_secs(tolerance));
        for now in [t - tolerance, t + tolerance] {
            verifier.verify_at(&h, &c.body, at(now)).unwrap();
        }
        for (now, skew) in [
            (t - tolerance - 1, -(tolerance as i64) - 1),
            (t + tolerance + 1, tolerance as i64 + 1),
        ] {
            let err = verifier.verify_at(&h, &c.body, at(now)).unwrap_err();
            assert_eq!(
                err,
                WebhookError::TimestampOutsideTolerance {
                    skew_seconds: skew,
                    tolerance_seconds: tolerance
                }
            );
            assert!(err.to_string().contains("clock"), "{err}");
        }
    }
    // The default is 300 s; fractions of a second of `now` do not count.
    let verifier = verifier(&v);
    let just_inside = at(t + 300) + Duration::from_millis(999);
    verifier.verify_at(&h, &c.body, just_inside).unwrap();
    // A clock before 1970 is just very far off.
    let err = verifier
        .verify_at(&h, &c.body, UNIX_EPOCH - Duration::from_secs(10))
        .unwrap_err();
    assert!(
        matches!(err, WebhookError::TimestampOutsideTolerance { skew_seconds, .. } if skew_seconds == -(t as i64) - 10)
    );
    // The real clock is far past 2023.
    assert!(matches!(
        verifier.verify(&h, &c.body),
        Err(WebhookError::TimestampOutsideTolerance { .. })
    ));
}

#[test]
fn signing_and_verifying_with_the_real_clock() {
    let signer = Signer::generate().unwrap();
    let body = br#"{"data":{"event_type":"porting_order.split","id":"a98be460-2d1e-42b7-8c0d-d516c352efd2","payload":{"from":{"id":"a6efe074-0a3a-4522-8512-d0e004cf6c7d"},"to":{"id":"ef245340-da3d-4212-8769-1fa7672a675f"}}}}"#;
    let headers = signer.headers(body, SystemTime::now());
    let verifier = Verifier::from_base64(&signer.public_key_base64()).unwrap();
    let event = verifier.verify(&headers, body).unwrap();
    assert!(matches!(event.payload(), WebhookPayload::Split(_)));
    assert_ne!(
        Signer::generate().unwrap().public_key_base64(),
        signer.public_key_base64()
    );
}

#[test]
fn invalid_public_keys_name_the_problem() {
    let v = vectors();
    let key = &v.public_key;
    for (value, problem) in [
        (String::new(), FormatProblem::Empty),
        (
            key.trim_end_matches('=').to_owned(),
            FormatProblem::MissingPadding,
        ),
        (
            STANDARD
                .encode([0xfb; 32])
                .replace('+', "-")
                .replace('/', "_"),
            FormatProblem::UrlSafeAlphabet,
        ),
        (
            STANDARD.encode([1u8; 31]),
            FormatProblem::WrongLength {
                expected: 32,
                found: 31,
            },
        ),
        (
            STANDARD.encode([1u8; 33]),
            FormatProblem::WrongLength {
                expected: 32,
                found: 33,
            },
        ),
        ("not a key at all!!".to_owned(), FormatProblem::NotBase64),
        (format!("{}*", &key[..43]), FormatProblem::NotBase64),
        (
            format!("{}=", &key[..43]).replace('d', "="),
            FormatProblem::NotBase64,
        ),
    ] {
        let err = Verifier::from_base64(&value).unwrap_err();
        assert_eq!(err, WebhookError::InvalidKey { problem }, "{value:?}");
        assert!(err.to_string().contains("44 characters"), "{err}");
    }
    // A pasted newline is fine.
    assert_eq!(
        Verifier::from_base64(&format!("{key}\n")).unwrap(),
        verifier(&v)
    );
    assert_eq!(verifier(&v).public_key_base64(), *key);
}

#[test]
fn webhook_errors_convert_into_the_crate_error() {
    fn receive(body: &[u8]) -> telnyx_porting::Result<WebhookEvent> {
        Ok(WebhookEvent::parse(body)?)
    }
    let err = receive(b"{}").unwrap_err();
    assert!(
        matches!(&err, telnyx_porting::Error::Webhook(e) if matches!(**e, WebhookError::NotAnEvent { .. })),
        "{err:?}"
    );
    assert!(err.to_string().contains("event_type"), "{err}");
    let _: &dyn std::error::Error = &WebhookError::SignatureMismatch;
}

/// The child half of `from_env_reads_telnyx_public_key`: runs only when the parent sets it up.
#[test]
fn from_env_child() {
    let Ok(expect) = std::env::var("WEBHOOK_FROM_ENV_EXPECT") else {
        return;
    };
    let result = Verifier::from_env().map(|v| v.public_key_base64());
    let got = match result {
        Ok(key) => key,
        Err(e) => format!("{e:?}"),
    };
    assert_eq!(got, expect);
}

#[test]
fn from_env_reads_telnyx_public_key() {
    let v = vectors();
    let run = |key: Option<&str>, expect: &str| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", "from_env_child", "--test-threads=1"])
            .env("WEBHOOK_FROM_ENV_EXPECT", expect)
            .env_remove("TELNYX_PUBLIC_KEY");
        if let Some(key) = key {
            command.env("TELNYX_PUBLIC_KEY", key);
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    };
    run(Some(&v.public_key), &v.public_key);
    run(None, r#"MissingKey { env: "TELNYX_PUBLIC_KEY" }"#);
    run(Some("abc"), "InvalidKey { problem: MissingPadding }");
}
