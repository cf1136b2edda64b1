//! Telnyx webhooks: verify a delivery's Ed25519 signature, then decode its event.
//!
//! A port takes days, and Telnyx reports each step (submitted, FOC date confirmed, exception,
//! ported, a comment from the porting team, a split) by POSTing a signed event to the order's
//! `webhook_url` (or the account's notification profile).
//!
//! ```
//! use telnyx_porting::http::HeaderMap;
//! use telnyx_porting::webhooks::{Verifier, WebhookPayload};
//!
//! fn on_delivery(verifier: &Verifier, headers: &HeaderMap, body: &[u8]) -> telnyx_porting::Result<()> {
//!     // The raw body, as received: never JSON parsed and serialized again.
//!     let event = verifier.verify(headers, body)?;
//!     match event.payload() {
//!         WebhookPayload::StatusChanged(changed) => println!("{:?} is now {:?}", changed.id, changed.status),
//!         WebhookPayload::NewComment(comment) => println!("comment: {:?}", comment.comment),
//!         _ => println!("{}", event.event_type()),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # What a receiver must do
//!
//! - **Verify the raw bytes.** Give [`Verifier::verify`] the body exactly as it arrived (in
//!   axum, a `Bytes` extractor; in hyper, the collected body), and every header. A body that
//!   went through a JSON parser and back no longer matches its signature.
//! - **Answer `2xx` within 2 seconds, then do the work.** Telnyx treats anything else (a
//!   `3xx` included) or a slower answer as a failure and delivers again with backoff. Queue
//!   the event and answer; do not call the API from the handler first.
//! - **Deduplicate on the event id** ([`WebhookEvent::id`]): retries, republishes
//!   (`POST /porting/events/{id}/republish`) and concurrent attempts carry the same id.
//! - **Expect any order.** Deliveries may arrive late, twice, or out of order (a `ported`
//!   before its `foc-date-confirmed`): compare [`WebhookEvent::occurred_at`], or reconcile
//!   with `GET /porting_orders/{id}` rather than trusting the last event seen.
//! - **Refuse what fails** with a `4xx` and log the [`WebhookError`]: each one says what to
//!   check (the key, the clock, the raw body).
//! - **Expect other kinds.** The same URL may receive non-porting events; they decode as
//!   [`WebhookPayload::Other`] with their JSON.
//!
//! # Crypto
//!
//! Signatures are checked with the crypto library the TLS feature already brings, so the
//! crate adds none: aws-lc-rs under `rustls` (the default), ring under `rustls-ring`. With both
//! features on, aws-lc-rs is used, as for TLS. [`PROVIDER`] names the one in this build.

mod crypto;
mod error;
mod event;
mod sign;
mod verify;

pub use crypto::PROVIDER;
pub(crate) use crypto::verify as raw_ed25519_verify;
pub use error::{FormatProblem, WebhookError};
pub use event::{WebhookEvent, WebhookPayload};
pub use sign::Signer;
pub use verify::{DEFAULT_TOLERANCE, PUBLIC_KEY_ENV, SIGNATURE_HEADER, TIMESTAMP_HEADER, Verifier};
