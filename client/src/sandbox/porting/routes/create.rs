//! `POST /porting_orders`: the body checked as the API checks it, then draft orders.

use std::collections::HashMap;

use serde_json::Value;

use super::super::child::ActionRequirement;
use super::super::country::{Country, country_of};
use super::super::ctx::Ctx;
use super::super::order::Order;
use super::{Params, children, data, is_e164};
use crate::sandbox::errors;
use crate::sandbox::http::Response;

/// The validated body of `POST /porting_orders`.
struct NewOrders<'a> {
    phone_numbers: Vec<&'a str>,
    customer_reference: Option<&'a str>,
    customer_group_reference: Option<&'a str>,
}

/// `POST /v2/porting_orders`: validates the body, then makes one draft order per country
/// (see [`group_by_country`]), in the order the countries first appear.
pub(super) fn create(ctx: &mut Ctx<'_>, _: Params<'_>) -> Response {
    let body: Value = match serde_json::from_slice(&ctx.request.body) {
        Ok(body) => body,
        Err(e) => return errors::bad_json(&e),
    };
    let input = match validate_create(&body) {
        Ok(input) => input,
        Err(problems) => return errors::response(422, problems),
    };

    let created: Vec<Order> = group_by_country(&input.phone_numbers)
        .iter()
        .map(|(country, numbers)| {
            Order::draft(
                ctx.ids,
                &ctx.now,
                country.is_some_and(|c| c.calling_code == "1"),
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

/// The numbers of one request split by the country each belongs to (its E.164 calling code,
/// and within `+1` its area code: the US, Canada and each Caribbean member apart), the groups
/// in the order their countries first appear, each group's numbers in the request's order.
/// Numbers of no known country (international freephone, unassigned codes) form one group,
/// keyed `None`.
pub(super) fn group_by_country<'a>(numbers: &[&'a str]) -> Vec<(Option<Country>, Vec<&'a str>)> {
    let mut groups: Vec<(Option<Country>, Vec<&'a str>)> = Vec::new();
    for &number in numbers {
        let country = country_of(number);
        // Countries of one request are few: a scan beats hashing here.
        match groups
            .iter_mut()
            .find(|(c, _)| c.map(|c| c.iso) == country.map(|c| c.iso))
        {
            Some((_, group)) => group.push(number),
            None => groups.push((country, vec![number])),
        }
    }
    groups
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

#[cfg(test)]
mod tests {
    use super::group_by_country;

    #[test]
    fn groups_by_country_not_by_first_digit() {
        let numbers = [
            "+442071838750",
            "+13035550000",
            "+4930244999900",
            "+14165550000",
            "+18765550000",
            "+13035550001",
            "+442071838751",
            "+80012345678",
            "+14165550001",
        ];
        let groups: Vec<(Option<&str>, Vec<&str>)> = group_by_country(&numbers)
            .into_iter()
            .map(|(country, numbers)| (country.map(|c| c.iso), numbers))
            .collect();
        assert_eq!(
            groups,
            [
                (Some("GB"), vec!["+442071838750", "+442071838751"]),
                (Some("US"), vec!["+13035550000", "+13035550001"]),
                (Some("DE"), vec!["+4930244999900"]),
                (Some("CA"), vec!["+14165550000", "+14165550001"]),
                (Some("JM"), vec!["+18765550000"]),
                (None, vec!["+80012345678"]),
            ]
        );
    }
}
