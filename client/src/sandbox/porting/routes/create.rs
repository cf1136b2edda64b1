//! `POST /porting_orders`: the body checked as the API checks it, then draft orders.

use std::collections::HashMap;

use serde_json::Value;

use super::super::child::ActionRequirement;
use super::super::ctx::Ctx;
use super::super::order::Order;
use super::{Params, children, data};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// The validated body of `POST /porting_orders`.
struct NewOrders<'a> {
    phone_numbers: Vec<&'a str>,
    customer_reference: Option<&'a str>,
    customer_group_reference: Option<&'a str>,
}

/// `POST /v2/porting_orders`: validates the body, then makes one draft order per country
/// group (`+1` numbers together, other numbers grouped by the first digit of their country
/// code), in the order the groups first appear.
pub(super) fn create(ctx: &mut Ctx<'_>, _: Params<'_>) -> Response {
    let body: Value = match serde_json::from_slice(&ctx.request.body) {
        Ok(body) => body,
        Err(e) => return errors::bad_json(&e),
    };
    let input = match validate_create(&body) {
        Ok(input) => input,
        Err(problems) => return errors::response(422, problems),
    };

    let mut groups: Vec<(u8, Vec<&str>)> = Vec::new();
    for number in &input.phone_numbers {
        let key = number.as_bytes().get(1).copied().unwrap_or(b'0');
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, numbers)) => numbers.push(number),
            None => groups.push((key, vec![number])),
        }
    }
    let created: Vec<Order> = groups
        .iter()
        .map(|(key, numbers)| {
            Order::draft(
                ctx.ids,
                &ctx.now,
                *key == b'1',
                numbers,
                input.customer_reference,
                input.customer_group_reference,
            )
        })
        .collect();
    // Rendered before the store is locked.
    let response = data(201, &created);
    if response.status != 201 {
        return response;
    }
    let requirements: Vec<ActionRequirement> = created
        .iter()
        .filter(|o| {
            o.phone_numbers
                .iter()
                .any(|n| n.phone_number.starts_with("+61"))
        })
        .map(|o| children::initial_action_requirement(ctx, o.id))
        .collect();
    let store = ctx.store.get();
    for requirement in requirements {
        store.action_requirements.insert(requirement);
    }
    for order in created {
        store.insert_order(order);
    }
    response
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
pub(crate) fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (1..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}
