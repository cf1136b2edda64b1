//! The body of `POST /porting_orders`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{Error, Result, Validate};

/// The request body of `POST /porting_orders` (the spec's `CreatePortingOrder`).
///
/// [`Validate`] checks it before anything is sent: at least one number, every number
/// +E.164 (see [`is_e164`]), and no number twice. The first problem, in list order, is
/// reported as an [`Error::InvalidInput`] naming the index (`phone_numbers[1]`) and the value.
///
/// ```
/// use telnyx_porting::models::CreatePortingOrder;
/// use telnyx_porting::Validate;
///
/// let order = CreatePortingOrder::new(["+13035550000", "+13035550001"])
///     .customer_reference("Acct 123abc");
/// assert!(order.validate().is_ok());
/// assert_eq!(
///     serde_json::to_string(&order)?,
///     r#"{"phone_numbers":["+13035550000","+13035550001"],"customer_reference":"Acct 123abc"}"#,
/// );
///
/// // No leading '+': refused before anything is sent.
/// let bad = CreatePortingOrder::new(["+13035550000", "3035550001"]);
/// match bad.validate() {
///     Err(telnyx_porting::Error::InvalidInput(e)) => assert_eq!(e.field, "phone_numbers[1]"),
///     other => panic!("expected invalid input, got {other:?}"),
/// }
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingOrder {
    /// The +E.164 phone numbers to port, such as `+13035550000`.
    pub phone_numbers: Vec<String>,
    /// A customer-specified reference number for bookkeeping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// A customer-specified group reference for bookkeeping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_group_reference: Option<String>,
}

impl CreatePortingOrder {
    /// An order for `phone_numbers`, each written +E.164 (`+13035550000`).
    pub fn new<I, S>(phone_numbers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CreatePortingOrder {
            phone_numbers: phone_numbers.into_iter().map(Into::into).collect(),
            customer_reference: None,
            customer_group_reference: None,
        }
    }

    /// Sets a reference number for your bookkeeping.
    pub fn customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.customer_reference = Some(reference.into());
        self
    }

    /// Sets a group reference for your bookkeeping.
    pub fn customer_group_reference(mut self, reference: impl Into<String>) -> Self {
        self.customer_group_reference = Some(reference.into());
        self
    }
}

/// Up to this many numbers, repeats are found by comparing each number with those before it.
const LINEAR_DUPLICATE_CHECK_UP_TO: usize = 16;

impl Validate for CreatePortingOrder {
    /// Checks the order as the API would: at least one number, each +E.164, none twice.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for the first problem, naming
    /// the field (`phone_numbers`, or `phone_numbers[i]` for one number) and the value.
    fn validate(&self) -> Result<()> {
        if self.phone_numbers.is_empty() {
            return Err(Error::invalid_input(
                "phone_numbers",
                "[]",
                "must hold at least one phone number",
            ));
        }
        // Repeats: a short list (the usual case) is compared with itself, without allocating
        // or hashing; a long one goes through a map.
        let short = self.phone_numbers.len() <= LINEAR_DUPLICATE_CHECK_UP_TO;
        let mut seen: HashMap<&str, usize> = if short {
            HashMap::new()
        } else {
            HashMap::with_capacity(self.phone_numbers.len())
        };
        for (j, number) in self.phone_numbers.iter().enumerate() {
            if !is_e164(number) {
                return Err(Error::invalid_input(
                    format!("phone_numbers[{j}]"),
                    number.as_str(),
                    "is not a +E.164 number: write '+', then 1 to 15 digits, the first not 0 \
                     (e.g. +13035550000)",
                ));
            }
            let earlier = if short {
                self.phone_numbers[..j].iter().position(|n| n == number)
            } else {
                seen.insert(number.as_str(), j)
            };
            if let Some(i) = earlier {
                return Err(Error::invalid_input(
                    format!("phone_numbers[{j}]"),
                    number.as_str(),
                    format!("repeats phone_numbers[{i}]: list each number once"),
                ));
            }
        }
        Ok(())
    }
}

/// Whether `s` is a +E.164 phone number: `+`, then 1 to 15 ASCII digits, the first not `0`.
///
/// ```
/// use telnyx_porting::models::is_e164;
///
/// assert!(is_e164("+13035550000"));
/// assert!(!is_e164("13035550000"));   // no '+'
/// assert!(!is_e164("+03035550000"));  // leading 0
/// assert!(!is_e164("+1 303 555 0000")); // spaces
/// ```
pub fn is_e164(s: &str) -> bool {
    match s.as_bytes() {
        [b'+', b'1'..=b'9', rest @ ..] => rest.len() < 15 && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Whether `s` is a phone number as the API writes one in fields such as
/// `billing_phone_number`: 4 to 15 digits, optionally after a `+` (the specification's
/// examples are `13035551234` and `+13035551234`).
pub(crate) fn is_phone_number(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (4..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(numbers: &[&str]) -> Option<(String, String, String)> {
        match CreatePortingOrder::new(numbers.iter().copied()).validate() {
            Ok(()) => None,
            Err(Error::InvalidInput(e)) => Some((e.field, e.value, e.reason)),
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }

    fn field_and_value(numbers: &[&str]) -> Option<(String, String)> {
        problem(numbers).map(|(field, value, _)| (field, value))
    }

    fn fv(field: &str, value: &str) -> Option<(String, String)> {
        Some((field.to_owned(), value.to_owned()))
    }

    #[test]
    fn valid_orders_pass() {
        assert_eq!(problem(&["+13035550000"]), None);
        assert_eq!(
            problem(&["+13035550000", "+13035550001", "+442071838750"]),
            None
        );
        assert_eq!(problem(&["+1"]), None);
        assert_eq!(problem(&["+123456789012345"]), None);
    }

    #[test]
    fn an_empty_list_is_refused() {
        let (field, value, reason) = problem(&[]).unwrap();
        assert_eq!((field.as_str(), value.as_str()), ("phone_numbers", "[]"));
        assert_eq!(reason, "must hold at least one phone number");
    }

    #[test]
    fn a_bad_number_is_reported_with_its_index() {
        let (field, value, reason) = problem(&["+13035550000", "3035550001"]).unwrap();
        assert_eq!(
            (field.as_str(), value.as_str()),
            ("phone_numbers[1]", "3035550001")
        );
        assert!(reason.contains("+13035550000"), "{reason}");
        assert_eq!(
            field_and_value(&["+03035550000"]),
            fv("phone_numbers[0]", "+03035550000")
        );
        assert_eq!(
            field_and_value(&["+1234567890123456"]),
            fv("phone_numbers[0]", "+1234567890123456"),
            "16 digits"
        );
        for bad in [
            "",
            "+",
            "++1",
            "+1 303",
            "+1-303",
            "+١٢٣",
            "+13035550000 ",
            "+1a",
        ] {
            assert_eq!(
                field_and_value(&[bad]),
                fv("phone_numbers[0]", bad),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn duplicates_name_the_earlier_index() {
        let (field, value, reason) =
            problem(&["+13035550000", "+13035550001", "+13035550000"]).unwrap();
        assert_eq!(
            (field.as_str(), value.as_str()),
            ("phone_numbers[2]", "+13035550000")
        );
        assert!(reason.contains("phone_numbers[0]"), "{reason}");
    }

    #[test]
    fn the_first_problem_in_index_order_wins() {
        // The duplicate at [1] comes before the bad number at [2].
        assert_eq!(
            field_and_value(&["+13035550000", "+13035550000", "bad"]),
            fv("phone_numbers[1]", "+13035550000")
        );
        // The bad number at [1] comes before the duplicate at [2].
        assert_eq!(
            field_and_value(&["+13035550000", "bad", "+13035550000"]),
            fv("phone_numbers[1]", "bad")
        );
    }

    #[test]
    fn serializes_as_the_spec_body() {
        let only = CreatePortingOrder::new(["+442071838750"]);
        assert_eq!(
            serde_json::to_string(&only).unwrap(),
            r#"{"phone_numbers":["+442071838750"]}"#
        );
        let full = CreatePortingOrder::new(vec![String::from("+13035550000")])
            .customer_reference("Acct 123abc")
            .customer_group_reference("Group-456");
        let text = serde_json::to_string(&full).unwrap();
        assert_eq!(
            text,
            r#"{"phone_numbers":["+13035550000"],"customer_reference":"Acct 123abc","customer_group_reference":"Group-456"}"#
        );
        assert_eq!(
            serde_json::from_str::<CreatePortingOrder>(&text).unwrap(),
            full
        );
    }
}
