//! [`Signer`]: signs deliveries as Telnyx does, for tests of a receiver and for the sandbox.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::{HeaderMap, HeaderValue};

use super::crypto::KeyPair;
use super::error::WebhookError;
use super::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier};

/// Signs webhook deliveries the way Telnyx does, with a key pair of your own: for testing a
/// receiver end to end, and for servers that stand in for Telnyx (the sandbox).
///
/// Real deliveries are signed with your account's private key, which never leaves Telnyx;
/// a `Signer` only makes deliveries that a [`Verifier`] built from
/// [`public_key_base64`](Self::public_key_base64) (or [`verifier`](Self::verifier)) accepts.
///
/// ```
/// use telnyx_porting::webhooks::Signer;
///
/// let signer = Signer::from_seed([7; 32])?;
/// let body = br#"{"data":{"event_type":"porting_order.deleted","id":"4da7b0e3-1a3c-4111-8335-dc436f6a0a00","payload":{}}}"#;
/// let headers = signer.headers(body, std::time::SystemTime::now());
/// let event = signer.verifier().verify(&headers, body)?;
/// assert_eq!(event.event_type(), "porting_order.deleted");
/// # Ok::<(), telnyx_porting::webhooks::WebhookError>(())
/// ```
pub struct Signer {
    pair: KeyPair,
}

impl Signer {
    /// The key pair of a 32-byte seed (the RFC 8032 private key): the same seed always gives
    /// the same public key, so a receiver's configured key survives restarts.
    ///
    /// # Errors
    ///
    /// [`WebhookError::Crypto`] if the crypto library refuses the seed.
    pub fn from_seed(seed: [u8; 32]) -> Result<Signer, WebhookError> {
        KeyPair::from_seed(&seed)
            .map(|pair| Signer { pair })
            .ok_or(WebhookError::Crypto {
                what: "make an Ed25519 key pair from the seed",
            })
    }

    /// A fresh key pair from the operating system's secure random source.
    ///
    /// # Errors
    ///
    /// [`WebhookError::Crypto`] if the operating system's random source fails.
    pub fn generate() -> Result<Signer, WebhookError> {
        let seed = KeyPair::random_seed().ok_or(WebhookError::Crypto {
            what: "read random bytes from the operating system",
        })?;
        Signer::from_seed(seed)
    }

    /// The public key in standard base64, as the portal shows an account's: give it to
    /// [`Verifier::from_base64`] (or `TELNYX_PUBLIC_KEY`).
    pub fn public_key_base64(&self) -> String {
        STANDARD.encode(self.pair.public_key())
    }

    /// A [`Verifier`] for this key, with the default tolerance.
    pub fn verifier(&self) -> Verifier {
        Verifier::from_key_bytes(*self.pair.public_key())
    }

    /// The `telnyx-signature-ed25519` value for `timestamp` (the `telnyx-timestamp` value, sent
    /// unchanged) and `body`: base64 of the Ed25519 signature of `timestamp|body`.
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        let mut message = Vec::with_capacity(timestamp.len() + 1 + body.len());
        message.extend_from_slice(timestamp.as_bytes());
        message.push(b'|');
        message.extend_from_slice(body);
        STANDARD.encode(self.pair.sign(&message))
    }

    /// The headers Telnyx sends with a delivery of `body` signed at `at`:
    /// `telnyx-signature-ed25519`, `telnyx-timestamp`, `content-type: application/json` and
    /// `user-agent: telnyx-webhooks`.
    pub fn headers(&self, body: &[u8], at: SystemTime) -> HeaderMap {
        let seconds = at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let timestamp = seconds.to_string();
        let signature = self.sign(&timestamp, body);
        let mut headers = HeaderMap::new();
        // Digits and base64 are always valid header values.
        if let Ok(value) = HeaderValue::try_from(signature) {
            headers.insert(SIGNATURE_HEADER, value);
        }
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from(seconds));
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(
            http::header::USER_AGENT,
            HeaderValue::from_static("telnyx-webhooks"),
        );
        headers
    }
}

/// Shows the public key only.
impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("public_key", &self.public_key_base64())
            .finish_non_exhaustive()
    }
}
