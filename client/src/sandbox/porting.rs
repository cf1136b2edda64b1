//! [`Sandbox`]: a local stand-in for the Telnyx porting API.

mod patch;
mod query;
mod routes;
mod state;
#[cfg(test)]
mod tests_stateful;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Serialize;
use serde_json::Value;
#[cfg(test)]
use time::OffsetDateTime;
#[cfg(test)]
use time::format_description::well_known::Rfc3339;

use self::query::Query;
use self::state::{Child, Ctx, IdSource, Store, now_rfc3339, push_bounded};
use super::errors;
use super::http::{Handler, HttpServer, Request, Response};

/// The API key [`Sandbox::client`] uses. The sandbox accepts any non-empty bearer token; this
/// one only makes it obvious that no real key is involved.
pub const SANDBOX_API_KEY: &str = "KEYSANDBOX_not_a_real_key";

/// The `user_id` of every order the sandbox creates.
const SANDBOX_USER_ID: &str = "40d68ba2-0847-4df2-be9c-b0e0cb673e75";

/// The most path segments after `/v2` a route can have.
const MAX_SEGMENTS: usize = 8;

/// A local HTTP server that answers like the Telnyx porting API, keeping its state in memory.
///
/// Every route requires `Authorization: Bearer <token>` (any non-empty token) and answers 401
/// with the API's error body otherwise. Implemented routes:
///
/// * `POST /v2/porting_orders`: validates the body like the API (`phone_numbers` a non-empty
///   list of distinct +E.164 numbers, `customer_reference` a string or null,
///   `customer_group_reference` a string) and answers 422 with one `errors[]` entry per
///   problem, each with a JSON pointer; otherwise 201 with one draft order per country group
///   (`+1` numbers together, other numbers grouped by the first digit of their country code),
///   shaped like the specification's example.
///
/// Every other porting operation of the specification is served too, with state kept in
/// memory (see `porting/routes.rs` for the route table): orders can be retrieved, listed
/// (filters, `sort[value]`, `page[number]`/`page[size]`), updated (omitted fields keep their
/// value, `null` clears), deleted (drafts only) and confirmed, cancelled, activated or
/// shared; comments, documents, verification codes, activation jobs and number ranges
/// attach to their order; events record status changes.
///
/// Other paths answer 404, other methods on a known path 405, both with Telnyx-style error
/// bodies. Every answer carries an `x-request-id`.
///
/// It listens on `127.0.0.1` only and stops when the value is dropped.
pub struct Sandbox {
    server: HttpServer,
    state: Arc<SandboxState>,
}

struct SandboxState {
    store: Mutex<Store>,
    ids: IdSource,
}

impl SandboxState {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sandbox {
    /// Starts the sandbox on a free port of `127.0.0.1`. Must be called within a tokio
    /// runtime.
    pub async fn start() -> std::io::Result<Sandbox> {
        let state = Arc::new(SandboxState {
            store: Mutex::new(Store::default()),
            ids: IdSource::new(),
        });
        let shared = Arc::clone(&state);
        let handler: Handler = Arc::new(move |request: Request| {
            let request_id = shared.ids.uuid();
            route(&shared, &request).with_header("x-request-id", request_id)
        });
        let server = HttpServer::start(handler).await?;
        Ok(Sandbox { server, state })
    }

    /// The API's base URL on this sandbox, `http://127.0.0.1:PORT/v2`.
    pub fn base_url(&self) -> String {
        format!("{}/v2", self.server.url())
    }

    /// A [`Client`](crate::Client) for this sandbox, using [`SANDBOX_API_KEY`].
    pub fn client(&self) -> crate::Result<crate::Client> {
        crate::Client::builder()
            .api_key(SANDBOX_API_KEY)
            .base_url(self.base_url())
            .build()
    }

    /// The porting orders created so far, in creation order, as the API returned them.
    pub fn orders(&self) -> Vec<Value> {
        self.state.store().orders.clone()
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
    let path = request.path();
    let method = request.method();
    let not_found = || errors::not_found(&format!("No route matches {method} {path}."));

    let Some(rest) = path.strip_prefix("/v2") else {
        return not_found();
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return not_found();
    }
    let mut segments = [""; MAX_SEGMENTS];
    let mut count = 0;
    let trimmed = rest.strip_prefix('/').unwrap_or(rest);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            let Some(slot) = segments.get_mut(count) else {
                return not_found();
            };
            *slot = segment;
            count += 1;
        }
    }

    let segments = &segments[..count];
    if segments.iter().any(|s| s.is_empty()) {
        return not_found();
    }
    let mut store = state.store();
    let mut ctx = Ctx {
        store: &mut store,
        ids: &state.ids,
        request,
        query: Query::parse(request.query()),
        now: now_rfc3339(),
    };
    routes::dispatch(&mut ctx, method, path, segments)
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

/// The validated body of `POST /porting_orders`.
struct NewOrders<'a> {
    phone_numbers: Vec<&'a str>,
    customer_reference: Option<&'a str>,
    customer_group_reference: Option<&'a str>,
}

/// `POST /v2/porting_orders`.
fn create_porting_orders(ctx: &mut Ctx<'_>) -> Response {
    let body: Value = match serde_json::from_slice(&ctx.request.body) {
        Ok(body) => body,
        Err(e) => {
            let detail = format!("The request body is not valid JSON: {e}.");
            return errors::response(
                400,
                vec![errors::entry("10015", "Bad Request", &detail, None)],
            );
        }
    };
    let input = match validate_create(&body) {
        Ok(input) => input,
        Err(problems) => return errors::response(422, problems),
    };

    // One order per country group, in the order the groups first appear.
    let mut groups: Vec<(u8, Vec<&str>)> = Vec::new();
    for number in &input.phone_numbers {
        let key = number.as_bytes().get(1).copied().unwrap_or(b'0');
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, numbers)) => numbers.push(number),
            None => groups.push((key, vec![number])),
        }
    }

    let created: Vec<PortingOrder> = groups
        .iter()
        .map(|(key, numbers)| {
            new_order(
                ctx.ids,
                &ctx.now,
                *key == b'1',
                numbers,
                input.customer_reference,
                input.customer_group_reference,
            )
        })
        .collect();

    #[derive(Serialize)]
    struct Created<'a> {
        data: &'a [PortingOrder],
    }
    let response = match serde_json::to_vec(&Created { data: &created }) {
        Ok(body) => Response::json_bytes(201, body),
        Err(e) => return internal_error(&e),
    };
    for order in &created {
        let value = match serde_json::to_value(order) {
            Ok(value) => value,
            Err(e) => return internal_error(&e),
        };
        if order
            .phone_numbers
            .iter()
            .any(|n| n.phone_number.starts_with("+61"))
        {
            let requirement = routes::initial_action_requirement(ctx, &order.id);
            let child = Child {
                order_id: order.id.clone(),
                value: requirement,
            };
            push_bounded(&mut ctx.store.action_requirements, child);
        }
        push_bounded(&mut ctx.store.orders, value);
    }
    response
}

/// 500, for the (unexpected) failure to encode an answer.
fn internal_error(error: &dyn std::fmt::Display) -> Response {
    let detail = format!("The sandbox could not encode its answer: {error}.");
    errors::response(
        500,
        vec![errors::entry("10007", "Unexpected error", &detail, None)],
    )
}

/// Checks the body of `POST /porting_orders`, collecting every problem.
fn validate_create(body: &Value) -> Result<NewOrders<'_>, Vec<Value>> {
    let bad = |detail: String, pointer: &str| errors::body_entry(pointer, &detail);
    let Some(object) = body.as_object() else {
        return Err(vec![bad(
            format!(
                "The request body must be a JSON object, not {}.",
                errors::show(body)
            ),
            "",
        )]);
    };
    let mut problems = Vec::new();
    let mut phone_numbers = Vec::new();

    match object.get("phone_numbers") {
        None => problems.push(errors::required_entry("", "phone_numbers")),
        Some(Value::Array(items)) if items.is_empty() => problems.push(bad(
            "You must provide at least 1 phone number.".to_owned(),
            "/phone_numbers",
        )),
        Some(Value::Array(items)) => {
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let pointer = format!("/phone_numbers/{i}");
                let Some(number) = item.as_str() else {
                    problems.push(bad(
                        format!(
                            "Each phone number must be a string; {} is not.",
                            errors::show(item)
                        ),
                        &pointer,
                    ));
                    continue;
                };
                if !is_e164(number) {
                    problems.push(bad(
                        format!(
                            "{} is not a valid +E.164 phone number (a '+', then 1 to 15 \
                             digits, the first not 0).",
                            errors::show(item)
                        ),
                        &pointer,
                    ));
                    continue;
                }
                if let Some(first) = seen.get(number) {
                    problems.push(bad(
                        format!(
                            "{} is listed more than once (first at /phone_numbers/{first}).",
                            errors::show(item)
                        ),
                        &pointer,
                    ));
                    continue;
                }
                seen.insert(number, i);
                phone_numbers.push(number);
            }
        }
        Some(other) => problems.push(bad(
            format!(
                "The 'phone_numbers' parameter must be an array of strings, not {}.",
                errors::show(other)
            ),
            "/phone_numbers",
        )),
    }

    let customer_reference = match object.get("customer_reference") {
        None | Some(Value::Null) => None,
        Some(Value::String(value)) => Some(value.as_str()),
        Some(other) => {
            problems.push(bad(
                format!(
                    "The 'customer_reference' parameter must be a string or null, not {}.",
                    errors::show(other)
                ),
                "/customer_reference",
            ));
            None
        }
    };
    let customer_group_reference = match object.get("customer_group_reference") {
        None => None,
        Some(Value::String(value)) => Some(value.as_str()),
        Some(other) => {
            problems.push(bad(
                format!(
                    "The 'customer_group_reference' parameter must be a string, not {}.",
                    errors::show(other)
                ),
                "/customer_group_reference",
            ));
            None
        }
    };

    if problems.is_empty() {
        Ok(NewOrders {
            phone_numbers,
            customer_reference,
            customer_group_reference,
        })
    } else {
        Err(problems)
    }
}

/// `+` then 1 to 15 digits, the first not 0.
fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (1..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// A porting order as the sandbox stores and returns it: every key of the specification's
/// 201 example, in the same order, with the same nulls.
#[derive(Debug, Clone, Serialize)]
struct PortingOrder {
    activation_settings: ActivationSettings,
    created_at: String,
    customer_reference: Option<String>,
    customer_group_reference: Option<String>,
    description: &'static str,
    documents: Documents,
    end_user: EndUser,
    id: String,
    misc: Option<Value>,
    old_service_provider_ocn: &'static str,
    parent_support_key: Option<String>,
    phone_number_configuration: PhoneNumberConfiguration,
    phone_number_type: &'static str,
    phone_numbers: Vec<PortingPhoneNumber>,
    porting_phone_numbers_count: usize,
    record_type: &'static str,
    requirements: Vec<Value>,
    requirements_met: bool,
    status: OrderStatus,
    support_key: Option<String>,
    updated_at: String,
    user_feedback: UserFeedback,
    messaging: Messaging,
    user_id: &'static str,
    webhook_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ActivationSettings {
    activation_status: Option<&'static str>,
    fast_port_eligible: bool,
    foc_datetime_actual: Option<String>,
    foc_datetime_requested: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct Documents {
    loa: Option<String>,
    invoice: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct EndUser {
    admin: EndUserAdmin,
    location: EndUserLocation,
}

#[derive(Debug, Clone, Default, Serialize)]
struct EndUserAdmin {
    account_number: Option<String>,
    auth_person_name: Option<String>,
    billing_phone_number: Option<String>,
    business_identifier: Option<String>,
    entity_name: Option<String>,
    pin_passcode: Option<String>,
    tax_identifier: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct EndUserLocation {
    administrative_area: Option<String>,
    country_code: Option<String>,
    extended_address: Option<String>,
    locality: Option<String>,
    postal_code: Option<String>,
    street_address: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct PhoneNumberConfiguration {
    billing_group_id: Option<String>,
    connection_id: Option<String>,
    emergency_address_id: Option<String>,
    messaging_profile_id: Option<String>,
    tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct PortingPhoneNumber {
    activation_status: &'static str,
    phone_number: String,
    phone_number_type: &'static str,
    portability_status: &'static str,
    porting_order_id: String,
    porting_order_status: &'static str,
    record_type: &'static str,
    requirements_status: &'static str,
    support_key: String,
}

#[derive(Debug, Clone, Serialize)]
struct OrderStatus {
    details: Vec<Value>,
    value: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
struct UserFeedback {
    user_comment: Option<String>,
    user_rating: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
struct Messaging {
    messaging_capable: bool,
    enable_messaging: bool,
    messaging_port_status: &'static str,
    messaging_port_completed: bool,
}

/// A fresh draft order holding `numbers`.
fn new_order(
    ids: &IdSource,
    now: &str,
    nanp: bool,
    numbers: &[&str],
    customer_reference: Option<&str>,
    customer_group_reference: Option<&str>,
) -> PortingOrder {
    let id = ids.uuid();
    let phone_numbers = numbers
        .iter()
        .map(|number| PortingPhoneNumber {
            activation_status: "New",
            phone_number: (*number).to_owned(),
            phone_number_type: "local",
            portability_status: "pending",
            porting_order_id: id.clone(),
            porting_order_status: "draft",
            record_type: "porting_phone_number",
            requirements_status: "requirement-info-pending",
            support_key: ids.support_key(),
        })
        .collect();
    PortingOrder {
        activation_settings: ActivationSettings {
            activation_status: None,
            fast_port_eligible: nanp,
            foc_datetime_actual: None,
            foc_datetime_requested: None,
        },
        created_at: now.to_owned(),
        customer_reference: customer_reference.map(str::to_owned),
        customer_group_reference: customer_group_reference.map(str::to_owned),
        description: "FP Telnyx",
        documents: Documents::default(),
        end_user: EndUser::default(),
        id,
        misc: None,
        old_service_provider_ocn: "Unreal Communications",
        parent_support_key: None,
        phone_number_configuration: PhoneNumberConfiguration::default(),
        phone_number_type: "local",
        phone_numbers,
        porting_phone_numbers_count: numbers.len(),
        record_type: "porting_order",
        requirements: Vec::new(),
        requirements_met: false,
        status: OrderStatus {
            details: Vec::new(),
            value: "draft",
        },
        support_key: None,
        updated_at: now.to_owned(),
        user_feedback: UserFeedback::default(),
        messaging: Messaging {
            messaging_capable: nanp,
            enable_messaging: false,
            messaging_port_status: "not_applicable",
            messaging_port_completed: false,
        },
        user_id: SANDBOX_USER_ID,
        webhook_url: None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tokio::io::AsyncWriteExt;

    use super::super::http::testing::*;
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

        assert_eq!(sandbox.orders(), data.clone());
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
