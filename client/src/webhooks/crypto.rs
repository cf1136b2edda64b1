//! Ed25519 from the crypto library the TLS feature already brings: aws-lc-rs under `rustls`
//! (which wins when both features are on), ring under `rustls-ring` alone. The two crates have
//! the same `signature` and `rand` API; no other crate is needed.
// Without either feature only the crate's `compile_error!` should speak.
#![cfg_attr(
    not(any(feature = "rustls", feature = "rustls-ring")),
    allow(unused_imports, unused_mut)
)]

#[cfg(feature = "rustls")]
use aws_lc_rs::{rand, signature};
#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
use ring::{rand, signature};

#[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
mod signature {
    //! Only so the crate's one `compile_error!` (runtime/tls.rs) is the only error.
    pub struct Ed25519KeyPair;
    pub trait KeyPair {}
}

use signature::KeyPair as _;

/// The library that checks signatures in this build: `"aws-lc-rs"` or `"ring"`.
pub const PROVIDER: &str = crate::runtime::tls::PROVIDER;

/// Whether `signature` is the Ed25519 signature of `message` by `public_key` (RFC 8032,
/// pure Ed25519).
pub(crate) fn verify(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
    {
        signature::UnparsedPublicKey::new(&signature::ED25519, public_key)
            .verify(message, signature)
            .is_ok()
    }
    #[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
    {
        let _ = (public_key, message, signature);
        false
    }
}

/// An Ed25519 key pair, for signing test deliveries.
pub(crate) struct KeyPair {
    pair: signature::Ed25519KeyPair,
    public: [u8; 32],
}

impl KeyPair {
    /// The key pair of a 32-byte seed (the RFC 8032 private key).
    pub(crate) fn from_seed(seed: &[u8; 32]) -> Option<Self> {
        #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
        {
            let pair = signature::Ed25519KeyPair::from_seed_unchecked(seed).ok()?;
            let public = pair.public_key().as_ref().try_into().ok()?;
            Some(KeyPair { pair, public })
        }
        #[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
        {
            let _ = seed;
            None
        }
    }

    /// 32 bytes from the operating system's secure random source.
    pub(crate) fn random_seed() -> Option<[u8; 32]> {
        let mut seed = [0u8; 32];
        #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
        {
            use rand::SecureRandom as _;
            rand::SystemRandom::new().fill(&mut seed).ok()?;
        }
        Some(seed)
    }

    pub(crate) fn public_key(&self) -> &[u8; 32] {
        &self.public
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        let mut out = [0u8; 64];
        #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
        {
            let signature = self.pair.sign(message);
            if let Ok(bytes) = <[u8; 64]>::try_from(signature.as_ref()) {
                out = bytes;
            }
        }
        #[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
        {
            let _ = (&self.pair, message);
        }
        out
    }
}
