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
/// `documents.loa` or `documents.invoice` names the document), download (the bytes as
/// uploaded, with the content type of the filename's extension, else the one a multipart
/// upload declared, else `application/octet-stream`), download link (a URL of that download on this sandbox, which
/// needs the bearer token like any request) and `GET /document_links` (one `porting_order`
/// link per `documents.loa`/`documents.invoice` naming a stored document). Documents are
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

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tokio::io::AsyncWriteExt;

    use serde_json::Value;
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    use super::super::http::testing::*;
    use super::order::SANDBOX_USER_ID;
    use super::routes::is_e164;
    use super::*;

    const AUTH: &str = "Authorization: Bearer KEYSANDBOX_not_a_real_key\r\n";

    fn post(body: &str, auth: &str) -> Vec<u8> {
        format!(
            "POST /v2/porting_orders HTTP/1.1\r\nHost: sandbox\r\n{auth}\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    fn is_v4_uuid(s: &str) -> bool {
        uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4 && s.len() == 36)
    }

    #[tokio::test]
    async fn creates_one_order_per_country() {
        let sandbox = Sandbox::start().await.unwrap();
        let body = r#"{"phone_numbers":["+13035550000","+442071838750","+13035550001"],
                       "customer_reference":"Acct 123abc"}"#;
        let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
        assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(is_v4_uuid(r.header("x-request-id").unwrap()));
        let doc = r.json();
        let data = doc["data"].as_array().unwrap();
        assert_eq!(data.len(), 2);

        let us = &data[0];
        let id = us["id"].as_str().unwrap();
        assert!(is_v4_uuid(id), "{id}");
        assert_eq!(us["porting_phone_numbers_count"], 2);
        assert_eq!(us["status"], json!({"value": "draft", "details": []}));
        assert_eq!(us["customer_reference"], "Acct 123abc");
        assert_eq!(us["customer_group_reference"], Value::Null);
        assert_eq!(us["user_id"], SANDBOX_USER_ID);
        assert_eq!(us["record_type"], "porting_order");
        let numbers = us["phone_numbers"].as_array().unwrap();
        assert_eq!(numbers[0]["phone_number"], "+13035550000");
        assert_eq!(numbers[1]["phone_number"], "+13035550001");
        for n in numbers {
            assert_eq!(n["porting_order_id"], id);
            assert_eq!(n["activation_status"], "New");
            assert_eq!(n["portability_status"], "pending");
            assert_eq!(n["porting_order_status"], "draft");
            assert_eq!(n["requirements_status"], "requirement-info-pending");
            let key = n["support_key"].as_str().unwrap();
            assert!(key.starts_with("sr_") && key.len() == 9, "{key}");
        }
        let created = us["created_at"].as_str().unwrap();
        assert!(created.ends_with('Z'), "{created}");
        assert!(OffsetDateTime::parse(created, &Rfc3339).is_ok());
        assert_eq!(us["updated_at"], us["created_at"]);

        let uk = &data[1];
        assert_ne!(uk["id"], us["id"]);
        assert_eq!(uk["porting_phone_numbers_count"], 1);
        assert_eq!(uk["phone_numbers"][0]["phone_number"], "+442071838750");
        assert_eq!(uk["phone_numbers"][0]["porting_order_id"], uk["id"]);

        let orders = serde_json::to_value(sandbox.orders()).unwrap();
        assert_eq!(
            &orders,
            doc["data"].as_array().map(|_| &doc["data"]).unwrap()
        );
    }

    #[tokio::test]
    async fn the_two_number_example_splits_in_two() {
        let sandbox = Sandbox::start().await.unwrap();
        let body = r#"{"phone_numbers":["+13035550000","+442071838750"]}"#;
        let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
        assert_eq!(r.status, 201);
        let doc = r.json();
        let data = doc["data"].as_array().unwrap();
        assert_eq!(data.len(), 2);
        assert_eq!(data[0]["phone_numbers"][0]["phone_number"], "+13035550000");
        assert_eq!(data[1]["phone_numbers"][0]["phone_number"], "+442071838750");
        assert_eq!(sandbox.orders().len(), 2);
    }

    #[tokio::test]
    async fn numbers_split_by_calling_code_and_nanp_area_code() {
        let sandbox = Sandbox::start().await.unwrap();
        let body = r#"{"phone_numbers":["+442071838750","+4930244999900","+14165550000",
                       "+13035550000","+18765550000","+13035550001"]}"#;
        let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
        assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        let doc = r.json();
        let orders: Vec<Vec<&str>> = doc["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let numbers = o["phone_numbers"].as_array().unwrap();
                numbers
                    .iter()
                    .map(|n| n["phone_number"].as_str().unwrap())
                    .collect()
            })
            .collect();
        assert_eq!(
            orders,
            [
                vec!["+442071838750"],
                vec!["+4930244999900"],
                vec!["+14165550000"],
                vec!["+13035550000", "+13035550001"],
                vec!["+18765550000"],
            ]
        );
        assert_eq!(sandbox.orders().len(), 5);
    }

    /// Every key of the specification's 201 example, with the same nulls.
    #[tokio::test]
    async fn orders_have_every_key_of_the_spec_example() {
        let example = json!({
            "activation_settings": {"activation_status": null, "fast_port_eligible": true,
                "foc_datetime_actual": null, "foc_datetime_requested": null},
            "created_at": "2022-03-17T18:01:01Z", "customer_reference": null,
            "customer_group_reference": null, "description": "FP Telnyx",
            "documents": {"loa": null, "invoice": null},
            "end_user": {
                "admin": {"account_number": null, "auth_person_name": null,
                    "billing_phone_number": null, "business_identifier": null,
                    "entity_name": null, "pin_passcode": null, "tax_identifier": null},
                "location": {"administrative_area": null, "country_code": null,
                    "extended_address": null, "locality": null, "postal_code": null,
                    "street_address": null}},
            "id": "b0ea6d6f-de31-4079-a536-992e0c98b037", "misc": null,
            "old_service_provider_ocn": "Unreal Communications", "parent_support_key": null,
            "phone_number_configuration": {"billing_group_id": null, "connection_id": null,
                "emergency_address_id": null, "messaging_profile_id": null, "tags": []},
            "phone_number_type": "local",
            "phone_numbers": [{"activation_status": "Activate RDY", "phone_number": "{e.164 TN}",
                "phone_number_type": "local", "portability_status": "confirmed",
                "porting_order_id": "b0ea6d6f-de31-4079-a536-992e0c98b037",
                "porting_order_status": "draft", "record_type": "porting_phone_number",
                "requirements_status": "requirement-info-pending", "support_key": "sr_10b316"}],
            "porting_phone_numbers_count": 1, "record_type": "porting_order",
            "requirements": [], "requirements_met": false,
            "status": {"details": [], "value": "draft"}, "support_key": null,
            "updated_at": "2022-03-17T18:01:01Z",
            "user_feedback": {"user_comment": null, "user_rating": null},
            "messaging": {"messaging_capable": true, "enable_messaging": false,
                "messaging_port_status": "not_applicable", "messaging_port_completed": false},
            "user_id": "40d68ba2-0847-4df2-be9c-b0e0cb673e75", "webhook_url": null
        });
        /// Same keys everywhere, nulls where the example has them (arrays: first item).
        fn same_shape(example: &Value, actual: &Value, at: &str) {
            match (example, actual) {
                (Value::Object(e), Value::Object(a)) => {
                    let mut ek: Vec<_> = e.keys().collect();
                    let mut ak: Vec<_> = a.keys().collect();
                    ek.sort();
                    ak.sort();
                    assert_eq!(ek, ak, "keys at {at}");
                    for (k, v) in e {
                        same_shape(v, &a[k], &format!("{at}/{k}"));
                    }
                }
                (Value::Array(e), Value::Array(a)) => {
                    if let (Some(e), Some(a)) = (e.first(), a.first()) {
                        same_shape(e, a, &format!("{at}/0"));
                    }
                }
                (Value::Null, a) => assert!(a.is_null(), "{at} should be null"),
                (e, a) => assert_eq!(
                    std::mem::discriminant(e),
                    std::mem::discriminant(a),
                    "type at {at}"
                ),
            }
        }
        let sandbox = Sandbox::start().await.unwrap();
        let r = roundtrip(
            sandbox.server.addr(),
            &post(r#"{"phone_numbers":["+13035550000"]}"#, AUTH),
        )
        .await;
        assert_eq!(r.status, 201);
        same_shape(&example, &r.json()["data"][0], "");
    }

    #[tokio::test]
    async fn bad_numbers_get_422_with_pointers() {
        let sandbox = Sandbox::start().await.unwrap();
        let body = r#"{"phone_numbers":["+13035550000","13035550001","+13035550000",7,
                       "+0123","+1234567890123456"],
                       "customer_reference":5,"customer_group_reference":null}"#;
        let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
        assert_eq!(r.status, 422);
        let errors = r.json()["errors"].as_array().unwrap().clone();
        let pointers: Vec<&str> = errors
            .iter()
            .map(|e| e["source"]["pointer"].as_str().unwrap())
            .collect();
        assert_eq!(
            pointers,
            [
                "/phone_numbers/1",
                "/phone_numbers/2",
                "/phone_numbers/3",
                "/phone_numbers/4",
                "/phone_numbers/5",
                "/customer_reference",
                "/customer_group_reference",
            ]
        );
        for e in &errors {
            assert_eq!(e["code"], "10015");
            assert_eq!(e["title"], "Bad Request");
            assert_eq!(
                e["meta"]["url"],
                "https://developers.telnyx.com/docs/overview/errors/10015"
            );
        }
        let detail = errors[0]["detail"].as_str().unwrap();
        assert!(detail.contains("\"13035550001\""), "{detail}");
        assert!(detail.contains("+E.164"), "{detail}");
        let detail = errors[1]["detail"].as_str().unwrap();
        assert!(detail.contains("more than once"), "{detail}");
        assert!(sandbox.orders().is_empty());

        // Just one bad number: one entry.
        let body = r#"{"phone_numbers":["+13035550000","+1303555000a"]}"#;
        let r = roundtrip(sandbox.server.addr(), &post(body, AUTH)).await;
        assert_eq!(r.status, 422);
        let doc = r.json();
        assert_eq!(doc["errors"].as_array().unwrap().len(), 1);
        assert_eq!(doc["errors"][0]["source"]["pointer"], "/phone_numbers/1");
    }

    #[tokio::test]
    async fn body_shape_errors() {
        let sandbox = Sandbox::start().await.unwrap();
        let addr = sandbox.server.addr();
        let cases = [
            ("not json", 400, None),
            ("", 400, None),
            ("[1]", 422, Some("")),
            ("{}", 422, Some("/phone_numbers")),
            (r#"{"phone_numbers":[]}"#, 422, Some("/phone_numbers")),
            (
                r#"{"phone_numbers":"+13035550000"}"#,
                422,
                Some("/phone_numbers"),
            ),
        ];
        for (body, status, pointer) in cases {
            let r = roundtrip(addr, &post(body, AUTH)).await;
            assert_eq!(r.status, status, "{body}");
            let doc = r.json();
            let e = &doc["errors"][0];
            assert_eq!(e["code"], "10015");
            assert_eq!(e["source"]["pointer"].as_str(), pointer, "{body}");
        }
        let r = roundtrip(addr, &post(r#"{"phone_numbers":[]}"#, AUTH)).await;
        assert_eq!(
            r.json()["errors"][0]["detail"],
            "You must provide at least 1 phone number."
        );
    }

    #[tokio::test]
    async fn requires_a_bearer_token() {
        let sandbox = Sandbox::start().await.unwrap();
        let addr = sandbox.server.addr();
        let expected = json!({"errors":[{"code":"10009","title":"Authentication failed",
            "detail":"Could not understand the provided credentials.",
            "meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10009"}}]});
        let body = r#"{"phone_numbers":["+13035550000"]}"#;
        for auth in [
            "",
            "Authorization: Bearer\r\n",
            "Authorization: Bearer   \r\n",
            "Authorization: Basic abc\r\n",
        ] {
            let r = roundtrip(addr, &post(body, auth)).await;
            assert_eq!(r.status, 401, "{auth:?}");
            assert_eq!(r.json(), expected);
        }
        let r = roundtrip(addr, b"GET /elsewhere HTTP/1.1\r\n\r\n").await;
        assert_eq!(r.status, 401);
        let r = roundtrip(addr, &post(body, "authorization: bearer x\r\n")).await;
        assert_eq!(r.status, 201);
    }

    #[tokio::test]
    async fn unknown_routes_and_methods() {
        let sandbox = Sandbox::start().await.unwrap();
        let mut stream = connect(sandbox.server.addr()).await;
        let mut buf = Vec::new();
        let cases = [
            ("PUT /v2/porting_orders", 405),
            ("DELETE /v2/porting_orders/", 405),
            ("GET /v2/nothing", 404),
            ("GET /v2", 404),
            ("GET /v2porting_orders", 404),
            ("GET /porting_orders", 404),
            ("POST /v2//porting_orders", 404),
            ("GET /v2/a/b/c/d/e/f/g/h/i/j", 404),
        ];
        for (line, status) in cases {
            let request = format!("{line} HTTP/1.1\r\n{AUTH}\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            let r = read_response(&mut stream, &mut buf).await.unwrap();
            assert_eq!(r.status, status, "{line}");
            let doc = r.json();
            assert!(doc["errors"][0]["detail"].is_string(), "{line}");
            if status == 405 {
                assert_eq!(r.header("allow"), Some("GET, POST"));
            }
        }
    }

    #[tokio::test]
    async fn client_points_at_the_sandbox() {
        let sandbox = Sandbox::start().await.unwrap();
        let client = sandbox.client().unwrap();
        assert_eq!(client.base_url(), sandbox.base_url());
        assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
        assert!(format!("{sandbox:?}").contains("orders: 0"));
    }

    #[test]
    fn e164() {
        for ok in ["+1", "+13035550000", "+442071838750", "+123456789012345"] {
            assert!(is_e164(ok), "{ok}");
        }
        for bad in [
            "",
            "+",
            "1303",
            "+0123",
            "+1234567890123456",
            "+1 303",
            "+１",
        ] {
            assert!(!is_e164(bad), "{bad}");
        }
    }

    #[test]
    fn ids_are_distinct_v4_uuids() {
        let ids = IdSource::new();
        let a = ids.uuid();
        let b = ids.uuid();
        assert_ne!(a, b);
        assert!(is_v4_uuid(&a) && is_v4_uuid(&b), "{a} {b}");
        let c = IdSource::new().uuid();
        assert_ne!(a, c);
    }
}
