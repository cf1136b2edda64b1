//! An embedded stand-in for the Telnyx API, for offline runs and tests.
//!
//! Enabled by the `sandbox` feature. Two servers live here, both small HTTP/1.1 servers on
//! tokio that bind `127.0.0.1` on a free port by default (nothing is reachable from another
//! machine) and stop when their value is dropped:
//!
//! * [`Sandbox`] answers like the Telnyx porting API: all 54 operations, with state and the
//!   lifecycle rules. It checks the bearer token, validates request bodies as the API does
//!   (422 with Telnyx-style `errors[]`), keeps orders and everything attached to them in
//!   memory ([`Sandbox::orders`]), and says in its docs where it is more lenient than the API.
//!   [`Sandbox::client`] gives a [`Client`](crate::Client) pointed at it, using
//!   [`SANDBOX_API_KEY`]; [`Sandbox::builder`] chooses the address, the limits and a request
//!   log.
//! * [`MockServer`] knows nothing of the API: it answers with the [`MockResponse`]s a test
//!   queued, in order, and records every request as a [`RecordedRequest`] for the test to
//!   inspect.
//!
//! Neither is a production server: they keep everything in memory (the sandbox at most
//! [`max_items`](SandboxBuilder::max_items) records per collection), speak plain HTTP/1.1 (no
//! TLS, no HTTP/2; keep-alive, chunked request bodies and `Expect: 100-continue` are
//! understood), and cap a request's header block at 64 KiB and its body at 16 MiB (the
//! sandbox's is [`max_body_bytes`](SandboxBuilder::max_body_bytes)).
//!
//! ```
//! use telnyx_porting::sandbox::Sandbox;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::start().await?;
//! let client = sandbox.client()?;
//! assert_eq!(client.base_url(), sandbox.base_url());
//! assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
//! assert!(sandbox.orders().is_empty());
//! # Ok(()) }
//! ```

mod errors;
mod http;
mod mock;
mod porting;

pub use mock::{MockResponse, MockServer, RecordedRequest};
pub use porting::{RequestLog, SANDBOX_API_KEY, Sandbox, SandboxBuilder};
