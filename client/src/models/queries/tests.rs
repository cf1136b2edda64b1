//! The wire form of every query, and how setters add up.
use time::format_description::well_known::Rfc3339;

use super::*;
use crate::PageQuery;
use crate::runtime::urlencoded::append_pairs;

fn at(rfc3339: &str) -> OffsetDateTime {
    OffsetDateTime::parse(rfc3339, &Rfc3339).unwrap()
}

fn pairs<T: Serialize>(query: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    append_pairs(query, &mut out).expect("query encodes");
    out
}

fn assert_pairs<T: Serialize>(query: &T, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs(query), expected);
}

const ID_A: &str = "f1486bae-f067-460c-ad43-73a92848f902";
const ID_B: &str = "34dc46a9-53ed-4e01-9454-26227ea13326";

#[test]
fn empty_queries_send_nothing() {
    assert_pairs(&ListPortingOrdersQuery::new(), &[]);
    assert_pairs(&ListCommentsQuery::new(), &[]);
    assert_pairs(&RetrievePortingOrderQuery::new(), &[]);
    assert_pairs(&LoaTemplateQuery::new(), &[]);
    // A filter that is set but empty adds nothing either.
    assert_pairs(
        &ListPortingOrdersQuery::new().filter(PortingOrdersFilter::new()),
        &[],
    );
}

#[test]
fn porting_orders_query_uses_nested_brackets() {
    let query = ListPortingOrdersQuery::new()
        .page(2, 250)
        .filter_customer_reference("abc")
        .filter(
            PortingOrdersFilter::new()
                .customer_reference("abc")
                .country_code("US"),
        )
        .sort(PortingOrdersSort::CreatedAtDesc);
    assert_pairs(
        &query,
        &[
            ("page[number]", "2"),
            ("page[size]", "250"),
            ("filter[customer_reference]", "abc"),
            ("filter[phone_numbers][country_code]", "US"),
            ("sort[value]", "-created_at"),
        ],
    );
}

#[test]
fn filter_setters_add_up_in_either_order() {
    let expected = [
        ("filter[customer_reference]", "x"),
        ("filter[phone_numbers][country_code]", "US"),
    ];
    assert_pairs(
        &ListPortingOrdersQuery::new()
            .filter_customer_reference("x")
            .filter(PortingOrdersFilter::new().country_code("US")),
        &expected,
    );
    assert_pairs(
        &ListPortingOrdersQuery::new()
            .filter(PortingOrdersFilter::new().country_code("US"))
            .filter_customer_reference("x"),
        &expected,
    );
    // Two `filter(..)` calls merge; a single value set twice keeps the later one.
    assert_pairs(
        &ListPortingOrdersQuery::new()
            .filter(PortingOrdersFilter::new().customer_reference("old"))
            .filter(PortingOrdersFilter::new().country_code("US"))
            .filter(PortingOrdersFilter::new().customer_reference("x")),
        &expected,
    );
    // A nested group merges into what the shortcut setters set.
    assert_pairs(
        &PortingOrdersFilter::new()
            .country_code("US")
            .phone_numbers(PortingOrdersPhoneNumbersFilter::new().carrier_name("Old Co"))
            .foc_datetime_requested_after(at("2021-03-25T10:00:00Z"))
            .activation_settings(
                PortingOrdersActivationSettingsFilter::new().fast_port_eligible(true),
            ),
        &[
            ("phone_numbers[country_code]", "US"),
            ("phone_numbers[carrier_name]", "Old Co"),
            ("activation_settings[fast_port_eligible]", "true"),
            (
                "activation_settings[foc_datetime_requested][gt]",
                "2021-03-25T10:00:00Z",
            ),
        ],
    );
    assert_pairs(
        &ListVerificationCodesQuery::new()
            .filter_verified(true)
            .filter(VerificationCodesFilter::new())
            .sort(CreatedAtSort::CreatedAt),
        &[("filter[verified]", "true"), ("sort[value]", "created_at")],
    );
}

#[test]
fn list_setters_add_values_without_repeats() {
    let a: Uuid = ID_A.parse().unwrap();
    let b: Uuid = ID_B.parse().unwrap();
    let query = ListActionRequirementsQuery::new()
        .filter(ActionRequirementsFilter::new().id([a]))
        .filter(
            ActionRequirementsFilter::new()
                .id([b, a])
                .status(ActionRequirementStatus::Pending),
        );
    assert_pairs(
        &query,
        &[
            ("filter[id]", &format!("{ID_A},{ID_B}")),
            ("filter[status]", "pending"),
        ],
    );
    let filter = PhoneNumberBlocksFilter::new()
        .status([PortingOrderStatusValue::Draft])
        .status([PortingOrderStatusValue::Ported]);
    assert_pairs(&filter, &[("status", "draft,ported")]);
    let filter = PhoneNumberConfigurationsFilter::new()
        .porting_order_status([PortingOrderStatusValue::Draft])
        .porting_order(
            PhoneNumberConfigurationsPortingOrderFilter::new()
                .status([PortingOrderStatusValue::Submitted]),
        );
    assert_pairs(&filter, &[("porting_order[status]", "draft,submitted")]);
}

#[test]
fn every_porting_orders_filter() {
    let filter = PortingOrdersFilter::new()
        .customer_reference("ref")
        .customer_group_reference("group")
        .parent_support_key("sr_1")
        .country_code("US")
        .carrier_name("Old Co")
        .phone_number_contains("303555")
        .porting_order_type(PortingOrderType::Partial)
        .entity_name("Acme")
        .auth_person_name("Jane Doe")
        .fast_port_eligible(true)
        .foc_datetime_requested_after(at("2021-03-25T10:00:00Z"))
        .foc_datetime_requested_before(at("2021-04-01T00:00:00.5Z"));
    let query = ListPortingOrdersQuery::new()
        .include_phone_numbers(false)
        .filter(filter)
        .sort("-activation_settings.foc_datetime_requested");
    assert_eq!(
        query.sort.as_ref().unwrap().value,
        PortingOrdersSort::FocDatetimeRequestedDesc
    );
    assert_pairs(
        &query,
        &[
            ("include_phone_numbers", "false"),
            ("filter[customer_reference]", "ref"),
            ("filter[customer_group_reference]", "group"),
            ("filter[parent_support_key]", "sr_1"),
            ("filter[phone_numbers][country_code]", "US"),
            ("filter[phone_numbers][carrier_name]", "Old Co"),
            ("filter[phone_numbers][phone_number][contains]", "303555"),
            ("filter[misc][type]", "partial"),
            ("filter[end_user][admin][entity_name]", "Acme"),
            ("filter[end_user][admin][auth_person_name]", "Jane Doe"),
            ("filter[activation_settings][fast_port_eligible]", "true"),
            (
                "filter[activation_settings][foc_datetime_requested][gt]",
                "2021-03-25T10:00:00Z",
            ),
            (
                "filter[activation_settings][foc_datetime_requested][lt]",
                "2021-04-01T00:00:00.5Z",
            ),
            ("sort[value]", "-activation_settings.foc_datetime_requested"),
        ],
    );
}

#[test]
fn lists_are_comma_joined() {
    let a: Uuid = ID_A.parse().unwrap();
    let b: Uuid = ID_B.parse().unwrap();
    let query = ListActionRequirementsQuery::new()
        .filter(
            ActionRequirementsFilter::new()
                .id([a, b])
                .requirement_type_id(a)
                .action_type(ActionRequirementsFilterActionType::AuIdVerification)
                .status(ActionRequirementStatus::Pending),
        )
        .sort(ActionRequirementsSort::UpdatedAtDesc);
    assert_pairs(
        &query,
        &[
            ("filter[id]", &format!("{ID_A},{ID_B}")),
            ("filter[requirement_type_id]", ID_A),
            ("filter[action_type]", "au_id_verification"),
            ("filter[status]", "pending"),
            ("sort[value]", "-updated_at"),
        ],
    );

    let query = ListPhoneNumberConfigurationsQuery::new().filter(
        PhoneNumberConfigurationsFilter::new()
            .porting_order_status([
                PortingOrderStatusValue::InProcess,
                PortingOrderStatusValue::from("activation-in-progress"),
            ])
            .porting_phone_number([a])
            .user_bundle_id([a, b]),
    );
    assert_pairs(
        &query,
        &[
            (
                "filter[porting_order][status]",
                "in-process,activation-in-progress",
            ),
            ("filter[porting_phone_number]", ID_A),
            ("filter[user_bundle_id]", &format!("{ID_A},{ID_B}")),
        ],
    );

    let query = ListAdditionalDocumentsQuery::new()
        .filter(
            AdditionalDocumentsFilter::new()
                .document_type([AdditionalDocumentType::Loa, AdditionalDocumentType::Invoice]),
        )
        .sort(CreatedAtSort::CreatedAt);
    assert_pairs(
        &query,
        &[
            ("filter[document_type]", "loa,invoice"),
            ("sort[value]", "created_at"),
        ],
    );
}

#[test]
fn phone_number_blocks_take_one_or_several_values() {
    let order: PortingOrderId = ID_A.parse().unwrap();
    let query = ListPhoneNumberBlocksQuery::new().filter(
        PhoneNumberBlocksFilter::new()
            .porting_order_id([order])
            .support_key(["sr_a12345"])
            .status([
                PortingOrderStatusValue::InProcess,
                PortingOrderStatusValue::Submitted,
            ])
            .phone_number(["+12003151212", "+12003151213"])
            .activation_status(PortingOrderActivationStatus::ActivateRdy)
            .portability_status(PortabilityStatus::Confirmed),
    );
    assert_pairs(
        &query,
        &[
            ("filter[porting_order_id]", ID_A),
            ("filter[support_key]", "sr_a12345"),
            ("filter[status]", "in-process,submitted"),
            ("filter[phone_number]", "+12003151212,+12003151213"),
            ("filter[activation_status]", "Activate RDY"),
            ("filter[portability_status]", "confirmed"),
        ],
    );
}

#[test]
fn the_other_filters() {
    let order: PortingOrderId = ID_B.parse().unwrap();
    assert_pairs(
        &ListPortingEventsQuery::new().page(1, 20).filter(
            PortingEventsFilter::new()
                .event_type(PortingEventType::StatusChanged)
                .porting_order_id(order)
                .created_at_or_after(at("2021-01-01T00:00:00Z"))
                .created_at_or_before(at("2021-02-01T00:00:00Z")),
        ),
        &[
            ("page[number]", "1"),
            ("page[size]", "20"),
            ("filter[type]", "porting_order.status_changed"),
            ("filter[porting_order_id]", ID_B),
            ("filter[created_at][gte]", "2021-01-01T00:00:00Z"),
            ("filter[created_at][lte]", "2021-02-01T00:00:00Z"),
        ],
    );
    assert_pairs(
        &ListPortingReportsQuery::new().filter(
            PortingReportsFilter::new()
                .report_type(ReportType::ExportPortingOrdersCsv)
                .status(ReportStatus::Completed),
        ),
        &[
            ("filter[report_type]", "export_porting_orders_csv"),
            ("filter[status]", "completed"),
        ],
    );
    assert_pairs(
        &ListVerificationCodesQuery::new()
            .filter_verified(false)
            .sort(CreatedAtSort::CreatedAtDesc),
        &[
            ("filter[verified]", "false"),
            ("sort[value]", "-created_at"),
        ],
    );
    assert_pairs(
        &ListAssociatedPhoneNumbersQuery::new().filter(
            AssociatedPhoneNumbersFilter::new()
                .phone_number("+441234567890")
                .action(AssociatedPhoneNumberAction::Keep),
        ),
        &[
            ("filter[phone_number]", "+441234567890"),
            ("filter[action]", "keep"),
        ],
    );
    let a: Uuid = ID_A.parse().unwrap();
    assert_pairs(
        &ListPhoneNumberExtensionsQuery::new()
            .filter(PhoneNumberExtensionsFilter::new().porting_phone_number_id(a)),
        &[("filter[porting_phone_number_id]", ID_A)],
    );
    assert_pairs(
        &ListPortingPhoneNumbersQuery::new().filter(
            PortingPhoneNumbersFilter::new()
                .porting_order_status(PortingOrderStatusValue::CancelPending),
        ),
        &[("filter[porting_order_status]", "cancel-pending")],
    );
    assert_pairs(
        &RetrievePortingOrderQuery::new().include_phone_numbers(false),
        &[("include_phone_numbers", "false")],
    );
    assert_pairs(
        &LoaTemplateQuery::new().loa_configuration_id(a),
        &[("loa_configuration_id", ID_A)],
    );
    assert_pairs(
        &ListLoaConfigurationsQuery::new().page_size(5),
        &[("page[size]", "5")],
    );
}

#[test]
fn unknown_sort_values_are_sent_verbatim() {
    assert_pairs(
        &ListCommentsQuery::new().page(3, 10),
        &[("page[number]", "3"), ("page[size]", "10")],
    );
    assert_pairs(
        &ListPortingOrdersQuery::new().sort("updated_at"),
        &[("sort[value]", "updated_at")],
    );
}

#[test]
fn page_query_sets_the_page_number_and_keeps_the_size() {
    let mut query = ListRequirementsQuery::new();
    assert_eq!(query.page_number(), None);
    query.set_page_number(4);
    assert_eq!(query.page_number(), Some(4));
    assert_pairs(&query, &[("page[number]", "4")]);

    let mut query = ListPortingOrdersQuery::new()
        .page_size(100)
        .filter_customer_reference("x");
    query.set_page_number(2);
    assert_pairs(
        &query,
        &[
            ("page[number]", "2"),
            ("page[size]", "100"),
            ("filter[customer_reference]", "x"),
        ],
    );
}

#[test]
fn page_size_and_number_are_checked() {
    fn refused<Q: Validate>(query: Q, field: &str, value: &str) {
        let err = query.validate().expect_err("should be refused");
        assert!(err.is_invalid_input(), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(field), "{text}");
        assert!(text.contains(value), "{text}");
    }
    refused(ListPortingOrdersQuery::new().page(1, 0), "page[size]", "0");
    refused(ListCommentsQuery::new().page_size(251), "page[size]", "251");
    refused(
        ListPortingEventsQuery::new().page(0, 20),
        "page[number]",
        "0",
    );
    let mut query = ListLoaConfigurationsQuery::new();
    query.set_page_number(0);
    refused(query, "page[number]", "0");

    ListPortingOrdersQuery::new().validate().unwrap();
    ListPortingOrdersQuery::new()
        .page(1, 250)
        .validate()
        .unwrap();
    ListPortingOrdersQuery::new().page(7, 1).validate().unwrap();
    ListActivationJobsQuery::new()
        .page_size(250)
        .validate()
        .unwrap();
    PageParams::default().validate().unwrap();
}
