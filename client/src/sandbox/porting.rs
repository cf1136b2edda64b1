//! [`Sandbox`]: a local stand-in for the Telnyx porting API, and its [`SandboxBuilder`].

mod account;
mod builder;
mod child;
mod clock;
mod control;
mod country;
mod ctx;
mod delivery;
mod document;
mod event;
mod ids;
mod lifecycle;
mod order;
mod patch;
mod query;
mod range;
mod requirements;
mod routes;
mod rules;
mod store;
mod table;
#[cfg(test)]
mod tests_builder;
#[cfg(test)]
mod tests_documents;
#[cfg(test)]
mod tests_records;
#[cfg(test)]
mod tests_server;
#[cfg(test)]
mod tests_stateful;
#[cfg(test)]
mod tests_uploads;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

pub use self::builder::{RequestLog, SandboxBuilder};
pub use self::control::LifecycleError;
use self::ctx::Ctx;
use self::delivery::Deliverer;
pub use self::delivery::{Delivery, DeliveryOutcome};
use self::ids::IdSource;
use self::store::Store;
use super::errors;
use super::http::{Handler, HttpServer, Request, Response};

/// The API key [`Sandbox::client`] uses. The sandbox accepts any non-empty bearer token; this
/// one only makes it obvious that no real key is involved.
pub const SANDBOX_API_KEY: &str = "KEYSANDBOX_not_a_real_key";

/// A local HTTP server that answers like the Telnyx porting API, keeping its state in memory.
///
/// It serves all 54 operations of the porting API (see the crate's README for the list of
/// what it checks), with state: orders are created, retrieved, listed (filters,
/// `sort[value]`, `page[number]`/`page[size]`), updated (omitted fields keep their value,
/// `null` clears), deleted, and moved through their lifecycle by the actions; comments,
/// additional documents, verification codes, activation jobs, action requirements and number
/// ranges attach to their order and go with it; status changes, comments, splits, messaging
/// changes and deletions are recorded as porting events; reports and LOA configurations are
/// kept too.
///
/// # Webhooks
///
/// Each event of an order with a `webhook_url` is delivered there, signed, as Telnyx does
/// (loopback hosts only by default): see [`deliveries`](Sandbox::deliveries) and the
/// [builder](SandboxBuilder::webhook_key_seed). No carrier moves a sandbox order, so
/// [`advance`](Sandbox::advance) and [`split`](Sandbox::split) do.
///
/// # What it checks
///
/// * Every route requires `Authorization: Bearer <token>` (any non-empty token) and answers
///   401 with the API's error body otherwise.
/// * Request bodies are validated as the API validates them, answering 422 with one
///   Telnyx-style `errors[]` entry per problem, each with a JSON pointer; query parameters out
///   of range (`page[size]` over 250, an unknown `sort[value]`...) get 422 naming the
///   parameter. `POST /porting_orders` wants `phone_numbers` a non-empty list of distinct
///   +E.164 numbers and makes one draft order per country: the E.164 calling code from a table
///   (`+44` GB and `+49` DE apart), within `+1` the NANP area code (`+1 303` US, `+1 416` CA,
///   `+1 876` JM apart). Numbers of no country (`+800` and the like) share one order.
/// * Porting orders as the API checks them (the README's sandbox section lists each rule and
///   its source): a PATCH's `webhook_url` must be an absolute http(s) URL, its requested FOC
///   date ahead and within one of the order's allowed FOC windows (the next three weekdays,
///   14:00–18:00 UTC), its billing phone number a number, its document ids and requirement
///   values uploaded documents, its requirement types those of the order's country. Each
///   order has its country's requirements from the start (the LOA and the invoice, which are
///   `documents.loa`/`documents.invoice`, and for some countries a proof of address or of
///   identity); `requirements_met` follows them. Confirming a draft that lacks any end-user
///   admin or location field, the LOA, the invoice, an allowed FOC date or a requirement is a
///   422 listing each missing field with its pointer.
/// * The lifecycle: only drafts can be deleted or confirmed; confirming moves a draft to
///   `in-process` (with a support key); cancelling cancels a draft outright and asks to cancel
///   an order in process (`cancel-pending`); a cancelled or ported order cannot be activated.
/// * `POST /portability_checks`: any valid +E.164 number is portable (NANP ones
///   fast-portable), except the NANP numbers whose last seven digits are 555-0100 to
///   555-0199 (the range reserved for fiction), which are `portable: false` with
///   `not_portable_reason` `"sandbox: numbers 555-0100 to 555-0199 are never portable"`.
/// * Other paths answer 404, other methods on a known path 405 with `allow`, both with
///   Telnyx-style error bodies. Every answer carries an `x-request-id`.
///
/// # Documents
///
/// The 8 operations of the Documents API are served: `POST /documents` as JSON with `file`
/// (standard base64; the bytes are kept) or `url` (recorded, never fetched; its download is
/// empty and its download link is the URL), also at the literal
/// `/documents?content-type=multipart` where the official SDKs' `upload` posts that JSON; or
/// as `multipart/form-data` with a `file` part (its filename and content type kept) and an
/// optional `customer_reference` part, as `curl -F "file=@loa.pdf"` sends it (an unknown or
/// repeated part is a 422 at `/<name>`, a malformed form a 400, another `multipart/*` type a
/// 415); a file is at most 20 MB. Then list (the filename,
/// customer-reference and `created_at` filters, `sort`/`sort[]`, pages), retrieve, update
/// (`filename`, `customer_reference`), delete (refused with 422 while an order's
/// `documents.loa`, `documents.invoice` or a requirement value names the document),
/// download (the bytes as uploaded, with the content type of the filename's extension, else
/// the one a multipart upload declared, else `application/octet-stream`), download link (a
/// URL of that download on this sandbox, which needs the bearer token like any request) and
/// `GET /document_links` (one `porting_order` link per `documents.loa`, `documents.invoice`
/// or requirement value naming a stored document). Documents are
/// `pending` and `scanned` for ever, `sha256` is not given, and filenames are kept as sent
/// (the API removes spaces and may append an extension). The sandbox holds at most
/// [`max_document_bytes`](SandboxBuilder::max_document_bytes) document bytes in all (100 MB
/// by default; an upload beyond it is a 422 saying so); the default
/// [`max_body_bytes`](SandboxBuilder::max_body_bytes) admits a 20 MB file as base64 JSON.
///
/// # Where it is more lenient than the API
///
/// It accepts any non-empty token; apart from document ids (an order's `documents.loa` and
/// `documents.invoice`, requirement values, additional documents, LOA logos: each must name a
/// document uploaded to `/documents`, 422 at its pointer otherwise), it does not check that
/// requirement groups, billing groups or connections named in a body exist; it does not
/// require an Australian order's action requirement or the `additional_steps` before confirm,
/// and approves a requirement as soon as it has a value; it never moves an order on by itself
/// (no carrier: an order stays `in-process` until cancelled or [advanced](Sandbox::advance));
/// verification codes accept any
/// digits; reports complete at once; `parent_support_key` is never set.
///
/// # Limits
///
/// Each collection (orders, comments, events...) keeps at most
/// [`max_items`](SandboxBuilder::max_items) records (100,000 by default); beyond it the oldest
/// goes, an order with everything attached to it. Every record (orders and their numbers,
/// events, comments, additional documents, verification codes, activation jobs, action
/// requirements, number ranges, phone number configurations, reports, LOA configurations) is
/// held as a compact typed record (about 0.6 KB of memory for an order of two numbers; 56 to
/// 208 bytes plus its strings for the others), found by id in constant time, and rendered as JSON
/// only on the way out, after the state lock is released. Document bytes are held only for
/// `/documents` uploads, at most [`max_document_bytes`](SandboxBuilder::max_document_bytes) in
/// all (additional documents, LOA logos and reports name documents by id), so memory is
/// bounded by `max_items` and that. Request bodies are capped at
/// [`max_body_bytes`](SandboxBuilder::max_body_bytes) (by default what a 20 MB document
/// upload needs as base64 JSON, about 25.5 MiB), header blocks at 64 KiB.
///
/// It listens on `127.0.0.1` (unless [`SandboxBuilder::host`] says otherwise) and stops when
/// the value is dropped.
///
/// ```
/// use telnyx_porting::sandbox::Sandbox;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sandbox = Sandbox::builder()
///     .max_items(1_000)
///     .on_request(|log| eprintln!("{} {} {} {:?}", log.method(), log.path(), log.status(), log.elapsed()))
///     .start()
///     .await?;
/// assert!(sandbox.local_addr().ip().is_loopback());
/// assert!(sandbox.orders().is_empty());
/// # Ok(()) }
/// ```
pub struct Sandbox {
    server: HttpServer,
    state: Arc<SandboxState>,
}

struct SandboxState {
    store: Mutex<Store>,
    ids: IdSource,
    webhooks: Arc<Deliverer>,
}

impl SandboxState {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands the events recorded since the last call to the deliverer.
    fn flush_outbox(&self) {
        let events = std::mem::take(&mut self.store().outbox);
        for event in &events {
            self.webhooks.deliver(event);
        }
    }
}

impl Sandbox {
    /// Starts the sandbox on a free port of `127.0.0.1` with the default settings (the same as
    /// `Sandbox::builder().start()`). Must be called within a tokio runtime.
    ///
    /// # Errors
    ///
    /// The I/O error when no port of `127.0.0.1` can be bound.
    pub async fn start() -> std::io::Result<Sandbox> {
        Self::builder().start().await
    }

    /// A [`SandboxBuilder`], to choose the address, the limits or a request log.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    async fn from_builder(builder: SandboxBuilder) -> std::io::Result<Sandbox> {
        let signer = match builder.webhook_key_seed {
            Some(seed) => crate::webhooks::Signer::from_seed(seed),
            None => crate::webhooks::Signer::generate(),
        }
        .map_err(std::io::Error::other)?;
        let state = Arc::new(SandboxState {
            store: Mutex::new(Store::with_limits(
                builder.max_items,
                builder.max_document_bytes,
            )),
            ids: IdSource::new(),
            webhooks: Arc::new(Deliverer::new(signer, builder.delivery_settings())),
        });
        let shared = Arc::clone(&state);
        let on_request = builder.on_request.clone();
        let handler: Handler = Arc::new(move |request: Request| {
            let started = Instant::now();
            let request_id = shared.ids.uuid();
            let response = route(&shared, &request).with_header("x-request-id", request_id);
            shared.flush_outbox();
            if let Some(log) = &on_request {
                log(&RequestLog::new(
                    &request,
                    response.status,
                    started.elapsed(),
                ));
            }
            response
        });
        let addr = SocketAddr::new(builder.host, builder.port);
        let server = HttpServer::bind(addr, builder.body_cap(), handler).await?;
        Ok(Sandbox { server, state })
    }

    /// The address the sandbox listens on (with the port chosen when it was asked for 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The API's base URL on this sandbox, `http://HOST:PORT/v2`.
    pub fn base_url(&self) -> String {
        format!("{}/v2", self.server.url())
    }

    /// A [`Client`](crate::Client) for this sandbox, using [`SANDBOX_API_KEY`].
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) only if the client cannot be built (its TLS
    /// configuration, say); the sandbox's own URL always parses.
    pub fn client(&self) -> crate::Result<crate::Client> {
        crate::Client::builder()
            .api_key(SANDBOX_API_KEY)
            .base_url(self.base_url())
            .build()
    }

    /// The porting orders held now, in creation order, as the library's model decodes what
    /// `GET /porting_orders/{id}` answers.
    pub fn orders(&self) -> Vec<crate::models::PortingOrder> {
        let orders: Vec<order::Order> = self.state.store().orders.iter().cloned().collect();
        orders
            .iter()
            .filter_map(|o| serde_json::to_value(o).ok())
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect()
    }

    /// How many porting orders the sandbox holds now.
    pub fn order_count(&self) -> usize {
        self.state.store().orders.len()
    }

    /// The porting events recorded so far (status changes, deletions), oldest first, as the
    /// library's model decodes what `GET /porting/events/{id}` answers.
    pub fn events(&self) -> Vec<crate::models::PortingEvent> {
        let events: Vec<event::Event> = self.state.store().events.iter().cloned().collect();
        events
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok())
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect()
    }
}

/// Stops the server and every pending webhook delivery.
impl Drop for Sandbox {
    fn drop(&mut self) {
        self.state.webhooks.stop();
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url())
            .field("orders", &self.state.store().orders.len())
            .finish()
    }
}

/// Answers one request: authentication, then the route table.
fn route(state: &SandboxState, request: &Request) -> Response {
    if !is_authorized(request) {
        return errors::unauthorized();
    }
    let mut ctx = Ctx::new(
        &state.store,
        &state.ids,
        request,
        state.webhooks.public_key(),
    );
    routes::dispatch(&mut ctx, request.method(), request.path())
}

/// `Authorization: Bearer <non-empty token>` (the scheme is case-insensitive).
fn is_authorized(request: &Request) -> bool {
    let Some(value) = request.header("authorization") else {
        return false;
    };
    let Some((scheme, token)) = value.split_once(' ') else {
        return false;
    };
    scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()
}
