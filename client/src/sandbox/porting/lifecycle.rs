//! The order lifecycle beyond the API's actions: a status change with its event, the
//! sandbox's `advance` and `split` (which the real API leaves to the carrier and the porting
//! team), and the events of comments and messaging changes.

use serde_json::{Value, json};
use uuid::Uuid;

use super::event::{Event, EventKind};
use super::ids::IdSource;
use super::order::{Order, Stamp, Status, StatusDetail};
use super::store::Store;

/// Why a lifecycle move was refused: the HTTP status (404 or 422) and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) status: u16,
    pub(crate) pointer: Option<&'static str>,
    pub(crate) message: String,
}

impl Refusal {
    fn unprocessable(message: String) -> Refusal {
        Refusal {
            status: 422,
            pointer: None,
            message,
        }
    }

    fn at(pointer: &'static str, message: String) -> Refusal {
        Refusal {
            status: 422,
            pointer: Some(pointer),
            message,
        }
    }

    fn not_found(key: Uuid) -> Refusal {
        Refusal {
            status: 404,
            pointer: None,
            message: format!("Porting order {key} not found."),
        }
    }
}

/// Where `advance` moves an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `submitted`, `foc-date-confirmed` or `ported`, through every status in between.
    Step(Status),
    /// `exception`, with its reason in `status.details`.
    Exception(StatusDetail),
}

impl Target {
    /// The target named by `status` (with `exception_code` / `description` for an
    /// exception), as `POST /_sandbox/porting_orders/{id}/advance` reads them.
    pub(crate) fn parse(
        status: &str,
        exception_code: Option<&str>,
        description: Option<&str>,
    ) -> Result<Target, Refusal> {
        match Status::ALL.iter().find(|s| s.as_str() == status) {
            Some(Status::Exception) => {
                let code = exception_code.map(str::trim).unwrap_or_default();
                if code.is_empty() {
                    return Err(Refusal::at(
                        "/exception_code",
                        "An exception needs an 'exception_code', such as \
                         \"ACCOUNT_NUMBER_MISMATCH\"."
                            .into(),
                    ));
                }
                Ok(Target::Exception(StatusDetail {
                    code: code.into(),
                    description: description
                        .unwrap_or("Sandbox exception (no description given).")
                        .into(),
                }))
            }
            Some(s @ (Status::Submitted | Status::FocDateConfirmed | Status::Ported)) => {
                Ok(Target::Step(*s))
            }
            Some(other) => Err(Refusal::at(
                "/status",
                format!(
                    "An order cannot be advanced to {other}: the targets are submitted, \
                     foc-date-confirmed, ported and exception (use the order's actions to \
                     confirm or cancel it)."
                ),
            )),
            None => Err(Refusal::at(
                "/status",
                format!(
                    "Unknown status {status:?}: the targets are submitted, foc-date-confirmed, \
                     ported and exception."
                ),
            )),
        }
    }
}

/// The path a confirmed order takes.
const PATH: [Status; 4] = [
    Status::InProcess,
    Status::Submitted,
    Status::FocDateConfirmed,
    Status::Ported,
];

/// Moves the order `key` to `status` (with `details`), records a
/// `porting_order.status_changed` event, and gives the order as it is now.
pub(crate) fn set_status(
    store: &mut Store,
    ids: &IdSource,
    now: &str,
    key: Uuid,
    status: Status,
    details: Vec<StatusDetail>,
) -> Option<Order> {
    let order = store.orders.get_mut(&key)?;
    order.set_status(status);
    order.status.details = (!details.is_empty()).then(|| Box::new(details.clone()));
    order.updated_at = Stamp::parse(now);
    if status == Status::InProcess && order.support_key.is_none() {
        order.support_key = Some(ids.support_key().into());
    }
    let order = order.clone();
    store.record_event(Event {
        id: ids.new_uuid(),
        order_id: key,
        created_at: order.updated_at,
        webhook_url: order.webhook_url.clone(),
        kind: EventKind::StatusChanged {
            status,
            details,
            customer_reference: order.customer_reference.clone(),
            support_key: order.support_key.clone(),
        },
    });
    Some(order)
}

/// Moves a confirmed order along `in-process → submitted → foc-date-confirmed → ported`
/// (each status in between with its own event), or into `exception`.
pub(crate) fn advance(
    store: &mut Store,
    ids: &IdSource,
    now: &str,
    key: Uuid,
    target: Target,
) -> Result<Order, Refusal> {
    let order = store.orders.get(&key).ok_or(Refusal::not_found(key))?;
    let current = order.status();
    let position = match current {
        Status::InProcess | Status::Exception => 0,
        Status::Submitted => 1,
        Status::FocDateConfirmed => 2,
        Status::Draft => {
            return Err(Refusal::unprocessable(format!(
                "Porting order {key} is a draft: confirm it first \
                 (POST /porting_orders/{key}/actions/confirm)."
            )));
        }
        Status::Ported | Status::CancelPending | Status::Cancelled => {
            return Err(Refusal::unprocessable(format!(
                "Porting order {key} is {current} and cannot move any more."
            )));
        }
    };
    let gone = || Refusal::not_found(key);
    match target {
        Target::Exception(detail) => {
            set_status(store, ids, now, key, Status::Exception, vec![detail]).ok_or_else(gone)
        }
        Target::Step(status) => {
            let goal = PATH.iter().position(|s| *s == status).unwrap_or(0);
            if goal <= position {
                return Err(Refusal::at(
                    "/status",
                    format!("Porting order {key} is {current} and cannot go back to {status}."),
                ));
            }
            let mut last = None;
            for step in &PATH[position + 1..=goal] {
                last = set_status(store, ids, now, key, *step, Vec::new());
            }
            last.ok_or_else(gone)
        }
    }
}

/// Moves `numbers` of the order `key` into a new order (same status and settings), firing
/// one `porting_order.split` event per number moved; gives the new order.
pub(crate) fn split(
    store: &mut Store,
    ids: &IdSource,
    now: &str,
    key: Uuid,
    numbers: &[&str],
) -> Result<Order, Refusal> {
    let order = store.orders.get(&key).ok_or(Refusal::not_found(key))?;
    let status = order.status();
    if matches!(status, Status::Ported | Status::Cancelled) {
        return Err(Refusal::unprocessable(format!(
            "Porting order {key} is {status} and cannot be split."
        )));
    }
    if numbers.is_empty() {
        return Err(Refusal::at(
            "/phone_numbers",
            "Name at least one of the order's phone numbers to move.".into(),
        ));
    }
    for (i, number) in numbers.iter().enumerate() {
        let held = order
            .phone_numbers
            .iter()
            .any(|n| &*n.phone_number == *number);
        if !held || numbers[..i].contains(number) {
            return Err(Refusal::unprocessable(format!(
                "{number:?} is not a phone number of porting order {key}, or is named twice."
            )));
        }
    }
    if numbers.len() >= order.phone_numbers.len() {
        return Err(Refusal::at(
            "/phone_numbers",
            "A split must leave at least one phone number on the order.".into(),
        ));
    }
    let stamp = Stamp::parse(now);
    let mut moved = order.clone();
    let new_id = ids.new_uuid();
    moved.id = new_id;
    moved.created_at = stamp;
    moved.updated_at = stamp;
    moved
        .phone_numbers
        .retain(|n| numbers.contains(&&*n.phone_number));
    for number in &mut moved.phone_numbers {
        number.porting_order_id = new_id;
    }
    let webhook_url = order.webhook_url.clone();
    if let Some(order) = store.orders.get_mut(&key) {
        order
            .phone_numbers
            .retain(|n| !numbers.contains(&&*n.phone_number));
        order.updated_at = stamp;
    }
    store.insert_order(moved.clone());
    for _ in numbers {
        store.record_event(Event {
            id: ids.new_uuid(),
            order_id: key,
            created_at: stamp,
            webhook_url: webhook_url.clone(),
            kind: EventKind::Other {
                event_type: "porting_order.split",
                payload: json!({
                    "from": {"id": key},
                    "porting_phone_numbers": [{"id": ids.new_uuid()}],
                    "to": {"id": new_id},
                }),
            },
        });
    }
    Ok(moved)
}

/// Records the `porting_order.new_comment` event of a comment on the order `key`.
pub(crate) fn comment_added(
    store: &mut Store,
    ids: &IdSource,
    now: &str,
    key: Uuid,
    comment_id: Uuid,
    body: &Value,
    user_type: &str,
) {
    let Some(order) = store.orders.get(&key) else {
        return;
    };
    let (webhook_url, support_key) = (order.webhook_url.clone(), order.support_key.clone());
    store.record_event(Event {
        id: ids.new_uuid(),
        order_id: key,
        created_at: Stamp::parse(now),
        webhook_url,
        kind: EventKind::Other {
            event_type: "porting_order.new_comment",
            payload: json!({
                "comment": {
                    "body": body,
                    "id": comment_id,
                    "inserted_at": now,
                    "user_type": user_type,
                },
                "porting_order_id": key,
                "support_key": support_key,
            }),
        },
    });
}

/// Records the `porting_order.messaging_changed` event of `order` (as it is now).
pub(crate) fn messaging_changed(store: &mut Store, ids: &IdSource, order: &Order) {
    let messaging = serde_json::to_value(&order.messaging).unwrap_or(Value::Null);
    store.record_event(Event {
        id: ids.new_uuid(),
        order_id: order.id,
        created_at: order.updated_at,
        webhook_url: order.webhook_url.clone(),
        kind: EventKind::Other {
            event_type: "porting_order.messaging_changed",
            payload: json!({
                "customer_reference": order.customer_reference,
                "id": order.id,
                "messaging": messaging,
                "support_key": order.support_key,
            }),
        },
    });
}
