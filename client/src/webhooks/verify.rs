//! [`Verifier`]: checks Telnyx's Ed25519 signature on a delivery's raw bytes.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;

use super::crypto;
use super::error::{FormatProblem, WebhookError};
use super::event::WebhookEvent;

/// The header with the signature: standard base64 of 64 bytes.
pub const SIGNATURE_HEADER: &str = "telnyx-signature-ed25519";
/// The header with the signing time: decimal Unix seconds.
pub const TIMESTAMP_HEADER: &str = "telnyx-timestamp";
/// The environment variable [`Verifier::from_env`] reads.
pub const PUBLIC_KEY_ENV: &str = "TELNYX_PUBLIC_KEY";
/// How far the timestamp may be from this machine's clock, either way: 300 s, as every Telnyx
/// SDK checks.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// Checks that deliveries were signed by Telnyx with the account's key, recently.
///
/// Make one at start-up and share it (it is `Clone`, `Send` and `Sync`). For each request,
/// give [`verify`](Self::verify) the request's headers and its body **as received**: the raw
/// bytes, never JSON parsed and serialized again, which would change them.
///
/// The rule (what every current Telnyx SDK checks): the `telnyx-signature-ed25519` header is
/// the standard, padded base64 of an Ed25519 signature (RFC 8032) of the
/// `telnyx-timestamp` header's bytes as received, then `|`, then the body; the timestamp is
/// decimal Unix seconds, within [`tolerance`](Self::tolerance) of now (bounds included).
///
/// ```
/// use telnyx_porting::http::HeaderMap;
/// use telnyx_porting::webhooks::{Verifier, WebhookError};
///
/// // The account's public key, as the portal shows it (or Verifier::from_env()).
/// let verifier = Verifier::from_base64("2ElZTgdYN9SNaT6LgeCVsHj2x6bbwD9NTd2SpdSjo4w=")?;
///
/// fn handle(verifier: &Verifier, headers: &HeaderMap, body: &[u8]) -> u16 {
///     match verifier.verify(headers, body) {
///         Ok(event) => {
///             // Hand the event to a queue and answer at once: Telnyx waits 2 s.
///             println!("{} {:?}", event.event_type(), event.id());
///             200
///         }
///         Err(e) => {
///             eprintln!("{e}");
///             400
///         }
///     }
/// }
/// # assert_eq!(handle(&verifier, &HeaderMap::new(), b"{}"), 400);
/// # Ok::<(), WebhookError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Verifier {
    key: [u8; 32],
    tolerance: Duration,
}

impl Verifier {
    /// The account's Ed25519 public key as the portal shows it: the standard, padded base64
    /// of 32 bytes (44 characters). Surrounding whitespace (a pasted newline) is ignored;
    /// anything else wrong is a [`WebhookError::InvalidKey`] naming the problem. (32 bytes
    /// that are not a point of the curve cannot be told apart here: every signature then
    /// fails with [`WebhookError::SignatureMismatch`].)
    ///
    /// # Errors
    ///
    /// [`WebhookError::InvalidKey`] when the text is not the standard, padded base64 of 32
    /// bytes.
    pub fn from_base64(key: &str) -> Result<Verifier, WebhookError> {
        let key = decode_fixed::<32>(key.trim().as_bytes())
            .map_err(|problem| WebhookError::InvalidKey { problem })?;
        Ok(Verifier::from_key_bytes(key))
    }

    /// The raw 32 bytes of the public key.
    pub fn from_key_bytes(key: [u8; 32]) -> Verifier {
        Verifier {
            key,
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// The key from `TELNYX_PUBLIC_KEY`, as [`from_base64`](Self::from_base64) reads it.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingKey`] when `TELNYX_PUBLIC_KEY` is unset or empty;
    /// [`WebhookError::InvalidKey`] when its value is not a key.
    pub fn from_env() -> Result<Verifier, WebhookError> {
        match std::env::var(PUBLIC_KEY_ENV) {
            Ok(key) => Verifier::from_base64(&key),
            Err(_) => Err(WebhookError::MissingKey {
                env: PUBLIC_KEY_ENV,
            }),
        }
    }

    /// How far the timestamp may be from this machine's clock, either way, in whole seconds
    /// (default [`DEFAULT_TOLERANCE`], 300 s). A timestamp exactly that far away passes.
    pub fn tolerance(mut self, tolerance: Duration) -> Verifier {
        self.tolerance = tolerance;
        self
    }

    /// The public key, in standard base64.
    pub fn public_key_base64(&self) -> String {
        STANDARD.encode(self.key)
    }

    /// Verifies a delivery against this machine's clock, then decodes it.
    ///
    /// `headers` are the request's headers (names are case-insensitive); `body` is the
    /// request body exactly as received. The checks run in this order (the order of the
    /// Telnyx SDKs): both headers present, the timestamp well-formed and within the
    /// tolerance, the signature well-formed, the signature valid, then the body,
    /// which must be an event ([`WebhookEvent::parse`]) even when the signature is valid.
    ///
    /// # Errors
    ///
    /// [`WebhookError::MissingHeader`] or [`WebhookError::MalformedHeader`] (naming the
    /// header), [`WebhookError::TimestampOutsideTolerance`] (with the skew),
    /// [`WebhookError::SignatureMismatch`], or [`WebhookError::NotAnEvent`] (with the JSON
    /// path) for a validly signed body that is not an event.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        self.verify_at(headers, body, SystemTime::now())
    }

    /// [`verify`](Self::verify) with `now` as the clock: for tests, and for re-checking a
    /// stored delivery at the time it arrived.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<WebhookEvent, WebhookError> {
        self.check_signature(headers, body, now)?;
        WebhookEvent::parse(body)
    }

    /// Every check but decoding the body.
    fn check_signature(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let signature = single_header(headers, SIGNATURE_HEADER)?;
        let timestamp = single_header(headers, TIMESTAMP_HEADER)?;
        let signed_at =
            parse_timestamp(timestamp).map_err(|problem| WebhookError::MalformedHeader {
                name: TIMESTAMP_HEADER,
                problem,
            })?;

        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i128::from(since.as_secs()),
            // Before 1970: whole seconds, rounded towards the past.
            Err(e) => {
                -i128::from(e.duration().as_secs()) - i128::from(e.duration().subsec_nanos() > 0)
            }
        };
        let skew = now - i128::from(signed_at);
        let tolerance = self.tolerance.as_secs();
        if skew.unsigned_abs() > u128::from(tolerance) {
            return Err(WebhookError::TimestampOutsideTolerance {
                skew_seconds: i64::try_from(skew).unwrap_or(if skew < 0 {
                    i64::MIN
                } else {
                    i64::MAX
                }),
                tolerance_seconds: tolerance,
            });
        }

        let signature =
            decode_fixed::<64>(signature).map_err(|problem| WebhookError::MalformedHeader {
                name: SIGNATURE_HEADER,
                problem,
            })?;
        let mut message = Vec::with_capacity(timestamp.len() + 1 + body.len());
        message.extend_from_slice(timestamp);
        message.push(b'|');
        message.extend_from_slice(body);
        if crypto::verify(&self.key, &message, &signature) {
            Ok(())
        } else {
            Err(WebhookError::SignatureMismatch)
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("public_key", &self.public_key_base64())
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// The one value of a header, as bytes.
fn single_header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a [u8], WebhookError> {
    let mut values = headers.get_all(name).iter();
    let value = values.next().ok_or(WebhookError::MissingHeader { name })?;
    if values.next().is_some() {
        return Err(WebhookError::MalformedHeader {
            name,
            problem: FormatProblem::Repeated,
        });
    }
    Ok(value.as_bytes())
}

/// Decimal Unix seconds, digits only.
fn parse_timestamp(raw: &[u8]) -> Result<u64, FormatProblem> {
    if raw.is_empty() {
        return Err(FormatProblem::Empty);
    }
    if !raw.iter().all(u8::is_ascii_digit) {
        return Err(FormatProblem::NotDigits);
    }
    raw.iter().try_fold(0u64, |n, &digit| {
        n.checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(digit - b'0')))
            .ok_or(FormatProblem::TooLarge)
    })
}

/// Standard, padded base64 of exactly `N` bytes.
pub(crate) fn decode_fixed<const N: usize>(raw: &[u8]) -> Result<[u8; N], FormatProblem> {
    if raw.is_empty() {
        return Err(FormatProblem::Empty);
    }
    if raw.iter().any(|&b| b == b'-' || b == b'_') {
        return Err(FormatProblem::UrlSafeAlphabet);
    }
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
    if !raw.len().is_multiple_of(4) && raw.iter().all(alphabet) {
        return Err(FormatProblem::MissingPadding);
    }
    let bytes = STANDARD.decode(raw).map_err(|_| FormatProblem::NotBase64)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| FormatProblem::WrongLength {
        expected: N,
        found: bytes.len(),
    })
}
