//! [`WebhookError`]: why a delivery was refused.

use std::fmt;

/// Why a webhook delivery was refused, or a public key was not accepted.
///
/// Answer a refused delivery with a `4xx` (Telnyx will retry it) and log the message: each
/// says what to check. Converts into the crate's [`Error`](crate::Error) with `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header Telnyx always sends is absent.
    MissingHeader {
        /// `telnyx-signature-ed25519` or `telnyx-timestamp`.
        name: &'static str,
    },
    /// A header is present but is not in the form Telnyx sends.
    MalformedHeader {
        /// `telnyx-signature-ed25519` or `telnyx-timestamp`.
        name: &'static str,
        /// What is wrong with it.
        problem: FormatProblem,
    },
    /// The timestamp is further from this machine's clock than the tolerance.
    TimestampOutsideTolerance {
        /// This machine's time minus the timestamp, in seconds: positive when the delivery
        /// is older than the tolerance allows, negative when it is from the future.
        skew_seconds: i64,
        /// The tolerance in force, in seconds.
        tolerance_seconds: u64,
    },
    /// The signature is well-formed but is not that of this timestamp and body under this key.
    SignatureMismatch,
    /// The public key given to the [`Verifier`](super::Verifier) is not usable.
    InvalidKey {
        /// What is wrong with it.
        problem: FormatProblem,
    },
    /// `TELNYX_PUBLIC_KEY` is not set (or not Unicode), for
    /// [`Verifier::from_env`](super::Verifier::from_env).
    MissingKey {
        /// The environment variable read.
        env: &'static str,
    },
    /// The crypto library could not do its part (make a [`Signer`](super::Signer)'s key
    /// pair, read random bytes); verification itself never gives this.
    Crypto {
        /// What failed.
        what: &'static str,
    },
    /// The body (signed or not) is not a Telnyx event.
    NotAnEvent {
        /// Where in the JSON the problem is (`data.payload.status`, say); empty for the whole
        /// body.
        path: String,
        /// What the problem is.
        problem: String,
    },
}

/// What is wrong with a header value or a key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatProblem {
    /// The value is empty.
    Empty,
    /// The header appears more than once.
    Repeated,
    /// The timestamp holds something other than the decimal digits of Unix seconds (a space,
    /// a sign, a fraction, ...).
    NotDigits,
    /// The timestamp has more digits than any Unix time.
    TooLarge,
    /// Base64 with `-` or `_`: the URL-safe alphabet, where Telnyx uses the standard one.
    UrlSafeAlphabet,
    /// Base64 without its `=` padding, which Telnyx always sends.
    MissingPadding,
    /// Not standard base64 (an invalid character, misplaced padding, stray bits).
    NotBase64,
    /// Valid base64 of the wrong number of bytes.
    WrongLength {
        /// The bytes expected: 64 for a signature, 32 for a public key.
        expected: usize,
        /// The bytes found.
        found: usize,
    },
}

impl fmt::Display for FormatProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatProblem::Empty => f.write_str("it is empty"),
            FormatProblem::Repeated => f.write_str("it appears more than once"),
            FormatProblem::NotDigits => f.write_str(
                "it must be decimal Unix seconds, digits only (no space, sign or fraction)",
            ),
            FormatProblem::TooLarge => f.write_str("it is too large to be a Unix time"),
            FormatProblem::UrlSafeAlphabet => f.write_str(
                "it uses the URL-safe base64 alphabet (`-`, `_`); Telnyx uses the standard one",
            ),
            FormatProblem::MissingPadding => {
                f.write_str("its base64 `=` padding is missing (was it trimmed?)")
            }
            FormatProblem::NotBase64 => f.write_str("it is not standard, padded base64"),
            FormatProblem::WrongLength { expected, found } => {
                write!(f, "it decodes to {found} bytes, not {expected}")
            }
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader { name } => write!(
                f,
                "webhook refused: the `{name}` header is missing; pass every header of the \
                 request as received (and check that the request comes from Telnyx)"
            ),
            WebhookError::MalformedHeader { name, problem } => write!(
                f,
                "webhook refused: the `{name}` header is malformed: {problem}; pass the header \
                 unchanged, as received"
            ),
            WebhookError::TimestampOutsideTolerance {
                skew_seconds,
                tolerance_seconds,
            } => {
                let (amount, direction) = if *skew_seconds >= 0 {
                    (skew_seconds.unsigned_abs(), "old")
                } else {
                    (skew_seconds.unsigned_abs(), "in the future")
                };
                write!(
                    f,
                    "webhook refused: its timestamp is {amount} s {direction}, beyond the \
                     tolerance of {tolerance_seconds} s; check this machine's clock (or this is \
                     a replayed delivery: use verify_at to check a stored one)"
                )
            }
            WebhookError::SignatureMismatch => f.write_str(
                "webhook refused: the signature does not match; the body must be the raw bytes \
                 as received, not re-serialized JSON, the timestamp header must be passed \
                 unchanged, and the public key must be this account's (Mission Control > Keys & \
                 Credentials > Public Key)",
            ),
            WebhookError::InvalidKey { problem } => write!(
                f,
                "invalid webhook public key: {problem}; use the account's Ed25519 public key as \
                 the portal shows it (standard base64 of 32 bytes, 44 characters)"
            ),
            WebhookError::MissingKey { env } => write!(
                f,
                "{env} is not set: set it to the account's webhook public key (Mission Control \
                 > Keys & Credentials > Public Key)"
            ),
            WebhookError::Crypto { what } => {
                let provider = super::crypto::PROVIDER;
                write!(f, "{provider} could not {what}")
            }
            WebhookError::NotAnEvent { path, problem } => {
                f.write_str("webhook refused: the body is not a Telnyx event: ")?;
                if !path.is_empty() {
                    write!(f, "at `{path}`: ")?;
                }
                write!(
                    f,
                    "{problem}; the body must be the raw bytes as received, not re-serialized JSON"
                )
            }
        }
    }
}

impl std::error::Error for WebhookError {}

impl From<WebhookError> for crate::Error {
    fn from(error: WebhookError) -> Self {
        crate::Error::Webhook(Box::new(error))
    }
}
