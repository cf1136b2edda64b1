//! Accessors for what the API always sends: `order.id()` instead of `order.id.ok_or(..)?`.
//!
//! Decoding stays lenient (every response field is an `Option`, and a response without one
//! still decodes); the accessors are for the common path, where the field is there. Each
//! returns the value, or a [`MissingField`] naming the model and the field, which converts
//! into [`Error::MissingField`](crate::Error::MissingField) so that `?` works in a function
//! returning [`telnyx_porting::Result`](crate::Result).
//!
//! Ids, the ids of the parent order, phone numbers and creation times are covered: the API
//! sends them on every resource that has them. Fields the API leaves out in some states (a
//! draft's `support_key`, say) have no accessor; read the `Option`.

use time::OffsetDateTime;
use uuid::Uuid;

use super::{
    PortabilityCheckDetails, PortingActionRequirement, PortingAdditionalDocument,
    PortingAssociatedPhoneNumber, PortingEventDeleted, PortingEventMessagingChanged,
    PortingEventNewComment, PortingEventSplit, PortingEventStatusChanged,
    PortingEventWithoutWebhook, PortingLoaConfiguration, PortingOrder, PortingOrderId,
    PortingOrderSharingToken, PortingOrdersActivationJob, PortingOrdersComment, PortingPhoneNumber,
    PortingPhoneNumberBlock, PortingPhoneNumberConfiguration, PortingPhoneNumberExtension,
    PortingReport, PortingUkCarrier, PortingVerificationCode,
};
use crate::MissingField;

/// Declares accessors: `field: how Type` per field, `how` being `copy` (an id, a time, a
/// bool: returned by value), `str` (a `String`, returned as `&str`).
macro_rules! accessors {
    ($($model:ident { $($field:ident: $how:ident $ret:ty),+ $(,)? })+) => {
        $(
            impl $model {
                $(
                    #[doc = concat!(
                        "`", stringify!($field), "`, which the API always sends.\n\n",
                        "# Errors\n\n",
                        "[`MissingField`] naming `", stringify!($model), "` and `",
                        stringify!($field), "` when the response left it out (or sent `null`); ",
                        "the field itself is the public `Option` of the same name."
                    )]
                    pub fn $field(&self) -> Result<$ret, MissingField> {
                        accessors!(@get $how self.$field)
                            .ok_or(MissingField::new(stringify!($model), stringify!($field)))
                    }
                )+
            }
        )+
    };
    (@get copy $value:expr) => { $value };
    (@get str $value:expr) => { $value.as_deref() };
}

accessors! {
    PortingOrder {
        id: copy PortingOrderId,
        created_at: copy OffsetDateTime,
        updated_at: copy OffsetDateTime,
    }
    PortingPhoneNumber {
        phone_number: str &str,
        porting_order_id: copy PortingOrderId,
    }
    PortingOrdersActivationJob { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingOrdersComment {
        id: copy Uuid,
        porting_order_id: copy PortingOrderId,
        created_at: copy OffsetDateTime,
    }
    PortingAdditionalDocument {
        id: copy Uuid,
        porting_order_id: copy PortingOrderId,
        created_at: copy OffsetDateTime,
    }
    PortingLoaConfiguration { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingUkCarrier { id: copy Uuid }
    PortingOrderSharingToken {
        id: copy Uuid,
        porting_order_id: copy PortingOrderId,
        token: str &str,
    }
    PortingActionRequirement {
        id: str &str,
        porting_order_id: str &str,
        created_at: copy OffsetDateTime,
    }
    PortingPhoneNumberBlock { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingPhoneNumberExtension { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingAssociatedPhoneNumber {
        id: copy Uuid,
        porting_order_id: copy PortingOrderId,
        created_at: copy OffsetDateTime,
    }
    PortingPhoneNumberConfiguration { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingReport { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingVerificationCode {
        id: copy Uuid,
        phone_number: str &str,
        porting_order_id: copy PortingOrderId,
    }
    PortabilityCheckDetails { phone_number: str &str, portable: copy bool }
    PortingEventDeleted { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingEventMessagingChanged { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingEventNewComment { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingEventSplit { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingEventStatusChanged { id: copy Uuid, created_at: copy OffsetDateTime }
    PortingEventWithoutWebhook { id: copy Uuid, created_at: copy OffsetDateTime }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    const ORDER: &str = "eef10fb8-f3df-4c67-97c5-e18179723222";

    #[test]
    fn present_fields_come_without_an_option() {
        let order: PortingOrder = serde_json::from_str(&format!(
            r#"{{"id":"{ORDER}","created_at":"2021-03-19T10:07:15.527Z","phone_numbers":[{{"phone_number":"+13035550000","porting_order_id":"{ORDER}"}}]}}"#
        ))
        .unwrap();
        assert_eq!(order.id(), Ok(ORDER.parse::<PortingOrderId>().unwrap()));
        assert_eq!(order.created_at().unwrap().year(), 2021);
        let number = &order.porting_phone_numbers()[0];
        assert_eq!(number.phone_number(), Ok("+13035550000"));
        assert_eq!(number.porting_order_id(), order.id());
    }

    #[test]
    fn a_missing_field_is_named_and_converts_into_the_crate_error() {
        // Decoding stays lenient: an order without an id still decodes.
        let order: PortingOrder = serde_json::from_str(r#"{"customer_reference":"x"}"#).unwrap();
        let missing = order.id().unwrap_err();
        assert_eq!(missing, MissingField::new("PortingOrder", "id"));
        assert_eq!(
            missing.to_string(),
            "the response's PortingOrder has no `id`, which the API always sends"
        );
        fn first_id(order: &PortingOrder) -> crate::Result<PortingOrderId> {
            Ok(order.id()?)
        }
        match first_id(&order) {
            Err(Error::MissingField(e)) => assert_eq!((e.model, e.field), ("PortingOrder", "id")),
            other => panic!("{other:?}"),
        }
        // `null` counts as missing too.
        let check: PortabilityCheckDetails =
            serde_json::from_str(r#"{"phone_number":null,"portable":false}"#).unwrap();
        assert_eq!(check.portable(), Ok(false));
        assert_eq!(
            check.phone_number(),
            Err(MissingField::new("PortabilityCheckDetails", "phone_number"))
        );
    }
}
