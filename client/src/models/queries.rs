//! Query parameters of the list operations (and of the two other operations that take any):
//! typed `page`, `filter` and `sort` structs.
//!
//! Every query is a plain `Serialize` struct that the runtime's query encoder turns into the
//! bracketed keys the API expects:
//!
//! - nested structs become bracketed keys: `page[number]=2`, `filter[customer_reference]=abc`,
//!   `filter[phone_numbers][country_code]=US` (the spec's original dotted names, such as
//!   `filter[phone_numbers.country_code]`, are sent as nested brackets, as the official SDKs
//!   send them);
//! - `None` and empty lists are left out;
//! - lists are comma-joined: `filter[id]=a,b` (the spec's `filter[id][in][]`).
//!
//! Each list query carries a [`PageParams`] and implements [`PageQuery`](crate::PageQuery), so
//! [`paginate`](crate::paginate) can walk its pages, and [`Validate`](crate::Validate): a
//! `page[size]` outside `1..=250` or a `page[number]` of 0 is refused before anything is sent.
//!
//! ```
//! use telnyx_porting::models::{ListPortingOrdersQuery, PortingOrdersFilter, PortingOrdersSort};
//!
//! let query = ListPortingOrdersQuery::new()
//!     .page(2, 250)
//!     .filter(PortingOrdersFilter::new().customer_reference("abc").country_code("US"))
//!     .sort(PortingOrdersSort::CreatedAtDesc);
//! # let _ = query;
//! ```
//!
//! Every setter adds to what is set (the rules are in `merge.rs`, and in the public docs of
//! [`models`](crate::models#queries-add-up)).
//!
//! Sort values and the string enums of filters are *open*: besides the values the spec lists,
//! any other string can be sent (`PortingOrdersSort::from("updated_at")`).

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::merge::{Merge, merge_by_replacing, merge_fields};
use super::open_enum::open_enum;
use super::{
    ActionRequirementStatus, AdditionalDocumentType, AssociatedPhoneNumberAction,
    PortabilityStatus, PortingEventType, PortingOrderActivationStatus, PortingOrderId,
    PortingOrderStatusValue, PortingOrderType, ReportStatus, ReportType,
};
use crate::{Error, Result, Validate};

/// The largest `page[size]` the API accepts.
pub const MAX_PAGE_SIZE: u64 = 250;

// ---------------------------------------------------------------------------------------------
// Shared pieces: page and sort.
// ---------------------------------------------------------------------------------------------

/// The `page` parameter every list operation takes: `page[number]` and `page[size]`.
///
/// Both are optional; the API defaults to page 1 of 20 items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PageParams {
    /// The page to load, from 1 (`page[number]`; the API's default is 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
    /// How many items per page, 1 to 250 (`page[size]`; the API's default is 20).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

impl PageParams {
    /// Page `number` (from 1) of `size` items (1 to 250).
    pub const fn new(number: u64, size: u64) -> Self {
        PageParams {
            number: Some(number),
            size: Some(size),
        }
    }
}

impl Validate for PageParams {
    /// `page[number]` must be at least 1 and `page[size]` between 1 and 250.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `page[number]` or `page[size]` and the value.
    fn validate(&self) -> Result<()> {
        if let Some(number) = self.number
            && number < 1
        {
            return Err(Error::invalid_input(
                "page[number]",
                number.to_string(),
                "must be at least 1",
            ));
        }
        if let Some(size) = self.size
            && !(1..=MAX_PAGE_SIZE).contains(&size)
        {
            return Err(Error::invalid_input(
                "page[size]",
                size.to_string(),
                "must be between 1 and 250",
            ));
        }
        Ok(())
    }
}

/// The `sort` parameter: `sort[value]`, the field to order by (a leading `-` for descending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SortParams<S> {
    /// The sort order (`sort[value]`).
    pub value: S,
}

open_enum! {
    /// The sort orders of lists that sort by creation time only. When none is given, the API
    /// sorts by `created_at`, newest first.
    pub enum CreatedAtSort {
        /// Oldest first.
        CreatedAt => "created_at",
        /// Newest first (the API's default).
        CreatedAtDesc => "-created_at",
    }
}

open_enum! {
    /// The sort orders of `GET /porting_orders`. When none is given, the API sorts by
    /// `created_at`, newest first.
    pub enum PortingOrdersSort {
        /// Oldest first.
        CreatedAt => "created_at",
        /// Newest first (the API's default).
        CreatedAtDesc => "-created_at",
        /// Earliest requested FOC date first.
        FocDatetimeRequested => "activation_settings.foc_datetime_requested",
        /// Latest requested FOC date first.
        FocDatetimeRequestedDesc => "-activation_settings.foc_datetime_requested",
    }
}

open_enum! {
    /// The sort orders of `GET /porting_orders/{porting_order_id}/action_requirements`. When
    /// none is given, the API sorts by `created_at`, newest first.
    pub enum ActionRequirementsSort {
        /// Oldest first.
        CreatedAt => "created_at",
        /// Newest first (the API's default).
        CreatedAtDesc => "-created_at",
        /// Least recently updated first.
        UpdatedAt => "updated_at",
        /// Most recently updated first.
        UpdatedAtDesc => "-updated_at",
    }
}

// ---------------------------------------------------------------------------------------------
// Macros: the common part of every list query, and builder setters.
// ---------------------------------------------------------------------------------------------

/// Implements, for list queries with a `page` field (and optionally `filter` and `sort`
/// fields): `new`, `page`, `page_size`, `filter`, `sort`, [`PageQuery`](crate::PageQuery) and
/// [`Validate`] (which checks the page).
macro_rules! list_query {
    ($name:ident $(, filter: $filter:ty)? $(, sort: $sort:ty)? $(,)?) => {
        impl $name {
            /// A query with nothing set: the API's first page, default page size and order.
            pub fn new() -> Self {
                Self::default()
            }

            /// Asks for page `number` (from 1) of `size` items (1 to 250).
            pub fn page(mut self, number: u64, size: u64) -> Self {
                self.page = Some(PageParams::new(number, size));
                self
            }

            /// Asks for `size` items per page (1 to 250), keeping the page number.
            pub fn page_size(mut self, size: u64) -> Self {
                self.page.get_or_insert_default().size = Some(size);
                self
            }

            $(
                /// Adds `filter` to the filter set so far: what it sets replaces the same
                /// single-valued filter, its lists add to the lists, and what it leaves unset
                /// keeps its value (see [queries add up](crate::models#queries-add-up)).
                pub fn filter(mut self, filter: $filter) -> Self {
                    self.filter.merge(Some(filter));
                    self
                }
            )?

            $(
                /// Sets the sort order (`sort[value]`).
                pub fn sort(mut self, value: impl Into<$sort>) -> Self {
                    self.sort = Some(SortParams { value: value.into() });
                    self
                }
            )?
        }

        impl crate::PageQuery for $name {
            fn page_number(&self) -> Option<u64> {
                self.page.and_then(|page| page.number)
            }

            fn set_page_number(&mut self, number: u64) {
                self.page.get_or_insert_default().number = Some(number);
            }
        }

        impl Validate for $name {
            /// Checks the page: `page[number]` at least 1, `page[size]` 1 to 250.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidInput`] naming `page[number]` or `page[size]` and the value.
            fn validate(&self) -> Result<()> {
                match &self.page {
                    Some(page) => page.validate(),
                    None => Ok(()),
                }
            }
        }
    };
}

/// Builder setters for the `Option` (`opt`) and `Vec` (`vec`) fields of a struct. Each adds
/// to what is set (see [`Merge`]): a single value replaces, a group of filters merges, a list
/// gains values.
macro_rules! setters {
    ($ty:ident $(; opt $($o:ident: $ot:ty),+)? $(; vec $($v:ident: $vt:ty),+)? $(;)?) => {
        impl $ty {
            $($(
                #[doc = concat!("Sets `", stringify!($o), "`; a group of filters is merged into the one set so far.")]
                pub fn $o(mut self, value: impl Into<$ot>) -> Self {
                    self.$o.merge(Some(value.into()));
                    self
                }
            )+)?
            $($(
                #[doc = concat!("Adds these values to the `", stringify!($v), "` list (any of them matches).")]
                pub fn $v<I>(mut self, values: I) -> Self
                where
                    I: IntoIterator,
                    I::Item: Into<$vt>,
                {
                    self.$v.merge(values.into_iter().map(Into::into).collect());
                    self
                }
            )+)?
        }
    };
}

/// `new()` for filter structs.
macro_rules! new_filter {
    ($($ty:ident),+ $(,)?) => {
        $(
            impl $ty {
                /// A filter with nothing set (matches everything).
                pub fn new() -> Self {
                    Self::default()
                }
            }
        )+
    };
}

// ---------------------------------------------------------------------------------------------
// GET /porting_orders (ListPortingOrders) and GET /porting_orders/{id} (GetPortingOrder).
// ---------------------------------------------------------------------------------------------

/// The query of `GET /porting_orders` (ListPortingOrders): a page of porting orders, filtered
/// and sorted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPortingOrdersQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Whether to include the first 50 phone number objects of each order
    /// (`include_phone_numbers`; the API's default is `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_phone_numbers: Option<bool>,
    /// Which orders (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PortingOrdersFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<PortingOrdersSort>>,
}

list_query!(ListPortingOrdersQuery, filter: PortingOrdersFilter, sort: PortingOrdersSort);

impl ListPortingOrdersQuery {
    /// Sets `include_phone_numbers`: whether each order holds its first 50 phone numbers.
    pub fn include_phone_numbers(mut self, include: bool) -> Self {
        self.include_phone_numbers = Some(include);
        self
    }

    /// Only orders with this customer reference (`filter[customer_reference]`).
    pub fn filter_customer_reference(mut self, reference: impl Into<String>) -> Self {
        self.filter.get_or_insert_default().customer_reference = Some(reference.into());
        self
    }

    /// Only orders with this customer group reference (`filter[customer_group_reference]`).
    pub fn filter_customer_group_reference(mut self, reference: impl Into<String>) -> Self {
        self.filter.get_or_insert_default().customer_group_reference = Some(reference.into());
        self
    }
}

/// The filters of `GET /porting_orders` (`filter[...]`); every one set must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersFilter {
    /// Orders with this customer reference (`filter[customer_reference]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_reference: Option<String>,
    /// Orders with this customer group reference (`filter[customer_group_reference]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_group_reference: Option<String>,
    /// Orders with this parent support key (`filter[parent_support_key]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_support_key: Option<String>,
    /// Filters on the orders' phone numbers (`filter[phone_numbers][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<PortingOrdersPhoneNumbersFilter>,
    /// Filters on the orders' `misc` attributes (`filter[misc][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub misc: Option<PortingOrdersMiscFilter>,
    /// Filters on the orders' end user (`filter[end_user][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_user: Option<PortingOrdersEndUserFilter>,
    /// Filters on the orders' activation settings (`filter[activation_settings][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_settings: Option<PortingOrdersActivationSettingsFilter>,
}

setters!(PortingOrdersFilter;
    opt customer_reference: String, customer_group_reference: String,
        parent_support_key: String, phone_numbers: PortingOrdersPhoneNumbersFilter,
        misc: PortingOrdersMiscFilter, end_user: PortingOrdersEndUserFilter,
        activation_settings: PortingOrdersActivationSettingsFilter);

impl PortingOrdersFilter {
    /// Orders with numbers in this country, an ISO 3166-1 alpha-2 code such as `US`
    /// (`filter[phone_numbers][country_code]`).
    pub fn country_code(mut self, code: impl Into<String>) -> Self {
        self.phone_numbers.get_or_insert_default().country_code = Some(code.into());
        self
    }

    /// Orders with numbers from this old service provider
    /// (`filter[phone_numbers][carrier_name]`).
    pub fn carrier_name(mut self, name: impl Into<String>) -> Self {
        self.phone_numbers.get_or_insert_default().carrier_name = Some(name.into());
        self
    }

    /// Orders with a number containing this full or partial number
    /// (`filter[phone_numbers][phone_number][contains]`).
    pub fn phone_number_contains(mut self, part: impl Into<String>) -> Self {
        self.phone_numbers
            .get_or_insert_default()
            .phone_number
            .get_or_insert_default()
            .contains = Some(part.into());
        self
    }

    /// Full or partial ports only (`filter[misc][type]`).
    pub fn porting_order_type(mut self, kind: impl Into<PortingOrderType>) -> Self {
        self.misc.get_or_insert_default().porting_order_type = Some(kind.into());
        self
    }

    /// Orders whose end user (person or company) has this name
    /// (`filter[end_user][admin][entity_name]`).
    pub fn entity_name(mut self, name: impl Into<String>) -> Self {
        self.end_user
            .get_or_insert_default()
            .admin
            .get_or_insert_default()
            .entity_name = Some(name.into());
        self
    }

    /// Orders with this authorized person (`filter[end_user][admin][auth_person_name]`).
    pub fn auth_person_name(mut self, name: impl Into<String>) -> Self {
        self.end_user
            .get_or_insert_default()
            .admin
            .get_or_insert_default()
            .auth_person_name = Some(name.into());
        self
    }

    /// Orders that are (or are not) eligible for FastPort
    /// (`filter[activation_settings][fast_port_eligible]`).
    pub fn fast_port_eligible(mut self, eligible: bool) -> Self {
        self.activation_settings
            .get_or_insert_default()
            .fast_port_eligible = Some(eligible);
        self
    }

    /// Orders whose requested FOC date is later than `at`
    /// (`filter[activation_settings][foc_datetime_requested][gt]`).
    pub fn foc_datetime_requested_after(mut self, at: OffsetDateTime) -> Self {
        self.activation_settings
            .get_or_insert_default()
            .foc_datetime_requested
            .get_or_insert_default()
            .gt = Some(at);
        self
    }

    /// Orders whose requested FOC date is earlier than `at`
    /// (`filter[activation_settings][foc_datetime_requested][lt]`).
    pub fn foc_datetime_requested_before(mut self, at: OffsetDateTime) -> Self {
        self.activation_settings
            .get_or_insert_default()
            .foc_datetime_requested
            .get_or_insert_default()
            .lt = Some(at);
        self
    }
}

/// Filters on the phone numbers of porting orders (`filter[phone_numbers][...]`; originally
/// `filter[phone_numbers.…]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersPhoneNumbersFilter {
    /// Numbers in this country, an ISO 3166-1 alpha-2 code (`[country_code]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Numbers from this old service provider (`[carrier_name]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_name: Option<String>,
    /// A pattern on the number itself (`[phone_number][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<PhoneNumberPatternFilter>,
}

setters!(PortingOrdersPhoneNumbersFilter;
    opt country_code: String, carrier_name: String, phone_number: PhoneNumberPatternFilter);

/// A pattern on a phone number (`[phone_number][contains]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PhoneNumberPatternFilter {
    /// Numbers containing this full or partial number (`[contains]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
}

setters!(PhoneNumberPatternFilter; opt contains: String);

/// Filters on the `misc` attributes of porting orders (`filter[misc][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersMiscFilter {
    /// Full or partial ports (`[type]`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub porting_order_type: Option<PortingOrderType>,
}

setters!(PortingOrdersMiscFilter; opt porting_order_type: PortingOrderType);

/// Filters on the end user of porting orders (`filter[end_user][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersEndUserFilter {
    /// Filters on the end user's admin details (`[admin][...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin: Option<PortingOrdersEndUserAdminFilter>,
}

setters!(PortingOrdersEndUserFilter; opt admin: PortingOrdersEndUserAdminFilter);

/// Filters on the admin details of the end user of porting orders
/// (`filter[end_user][admin][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersEndUserAdminFilter {
    /// The person or company name (`[entity_name]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    /// The authorized person (`[auth_person_name]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_person_name: Option<String>,
}

setters!(PortingOrdersEndUserAdminFilter; opt entity_name: String, auth_person_name: String);

/// Filters on the activation settings of porting orders (`filter[activation_settings][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingOrdersActivationSettingsFilter {
    /// Orders that are (or are not) eligible for FastPort (`[fast_port_eligible]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fast_port_eligible: Option<bool>,
    /// A range on the requested FOC date (`[foc_datetime_requested][gt|lt]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub foc_datetime_requested: Option<DatetimeRangeExclusive>,
}

setters!(PortingOrdersActivationSettingsFilter;
    opt fast_port_eligible: bool, foc_datetime_requested: DatetimeRangeExclusive);

/// An open range of date-times (`[gt]` and `[lt]`), sent as RFC 3339.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DatetimeRangeExclusive {
    /// Later than this (`[gt]`).
    #[serde(
        serialize_with = "time::serde::rfc3339::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub gt: Option<OffsetDateTime>,
    /// Earlier than this (`[lt]`).
    #[serde(
        serialize_with = "time::serde::rfc3339::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub lt: Option<OffsetDateTime>,
}

setters!(DatetimeRangeExclusive; opt gt: OffsetDateTime, lt: OffsetDateTime);

/// A closed range of date-times (`[gte]` and `[lte]`), sent as RFC 3339.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DatetimeRangeInclusive {
    /// At or after this (`[gte]`).
    #[serde(
        serialize_with = "time::serde::rfc3339::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub gte: Option<OffsetDateTime>,
    /// At or before this (`[lte]`).
    #[serde(
        serialize_with = "time::serde::rfc3339::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub lte: Option<OffsetDateTime>,
}

setters!(DatetimeRangeInclusive; opt gte: OffsetDateTime, lte: OffsetDateTime);

/// The query of `GET /porting_orders/{id}` (GetPortingOrder).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RetrievePortingOrderQuery {
    /// Whether to include the order's first 50 phone number objects
    /// (`include_phone_numbers`; the API's default is `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_phone_numbers: Option<bool>,
}

impl RetrievePortingOrderQuery {
    /// A query with nothing set (the API includes the phone numbers).
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(RetrievePortingOrderQuery; opt include_phone_numbers: bool);

/// The query of `GET /porting_orders/{id}/loa_template` (GetPortingOrderLoaTemplate).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LoaTemplateQuery {
    /// The LOA configuration to fill the template with (`loa_configuration_id`); the default
    /// LOA configuration when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loa_configuration_id: Option<Uuid>,
}

impl LoaTemplateQuery {
    /// A query with nothing set (the default LOA configuration).
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(LoaTemplateQuery; opt loa_configuration_id: Uuid);

// ---------------------------------------------------------------------------------------------
// Sub-resources of a porting order.
// ---------------------------------------------------------------------------------------------

/// The query of `GET /porting_orders/phone_number_configurations`
/// (ListPhoneNumberConfigurations).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPhoneNumberConfigurationsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which configurations (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PhoneNumberConfigurationsFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListPhoneNumberConfigurationsQuery, filter: PhoneNumberConfigurationsFilter, sort: CreatedAtSort);

/// The filters of `GET /porting_orders/phone_number_configurations` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PhoneNumberConfigurationsFilter {
    /// Filters on the porting order (`filter[porting_order][...]`; originally
    /// `filter[porting_order.status][in][]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub porting_order: Option<PhoneNumberConfigurationsPortingOrderFilter>,
    /// Configurations of any of these porting phone numbers (`filter[porting_phone_number]`,
    /// comma-joined; originally `filter[porting_phone_number][in][]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub porting_phone_number: Vec<Uuid>,
    /// Configurations with any of these user bundles (`filter[user_bundle_id]`, comma-joined;
    /// originally `filter[user_bundle_id][in][]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_bundle_id: Vec<Uuid>,
}

setters!(PhoneNumberConfigurationsFilter;
    opt porting_order: PhoneNumberConfigurationsPortingOrderFilter;
    vec porting_phone_number: Uuid, user_bundle_id: Uuid);

impl PhoneNumberConfigurationsFilter {
    /// Configurations of orders in any of these statuses (`filter[porting_order][status]`).
    /// Besides the [`PortingOrderStatusValue`] variants, this filter accepts
    /// `PortingOrderStatusValue::from("activation-in-progress")`.
    pub fn porting_order_status<I>(mut self, statuses: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<PortingOrderStatusValue>,
    {
        self.porting_order
            .get_or_insert_default()
            .status
            .merge(statuses.into_iter().map(Into::into).collect());
        self
    }
}

/// Filters on the porting order of phone number configurations
/// (`filter[porting_order][...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PhoneNumberConfigurationsPortingOrderFilter {
    /// Orders in any of these statuses (`[status]`, comma-joined). The spec adds
    /// `activation-in-progress` to the usual statuses here:
    /// `PortingOrderStatusValue::from("activation-in-progress")`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<PortingOrderStatusValue>,
}

setters!(PhoneNumberConfigurationsPortingOrderFilter; vec status: PortingOrderStatusValue);

/// The query of `GET /porting_orders/{id}/activation_jobs` (ListPortingOrderActivationJobs).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListActivationJobsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
}

list_query!(ListActivationJobsQuery);

/// The query of `GET /porting_orders/{id}/additional_documents` (ListAdditionalDocuments).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListAdditionalDocumentsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which documents (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<AdditionalDocumentsFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListAdditionalDocumentsQuery, filter: AdditionalDocumentsFilter, sort: CreatedAtSort);

/// The filters of `GET /porting_orders/{id}/additional_documents` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AdditionalDocumentsFilter {
    /// Documents of any of these types (`filter[document_type]`, comma-joined).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub document_type: Vec<AdditionalDocumentType>,
}

setters!(AdditionalDocumentsFilter; vec document_type: AdditionalDocumentType);

/// The query of `GET /porting_orders/{id}/comments` (ListPortingOrderComments).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListCommentsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
}

list_query!(ListCommentsQuery);

/// The query of `GET /porting_orders/{id}/requirements` (ListPortingOrderRequirements).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListRequirementsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
}

list_query!(ListRequirementsQuery);

/// The query of `GET /porting_orders/{id}/verification_codes` (ListVerificationCodes).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListVerificationCodesQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which codes (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<VerificationCodesFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListVerificationCodesQuery, filter: VerificationCodesFilter, sort: CreatedAtSort);

impl ListVerificationCodesQuery {
    /// Only codes that have (or have not) been verified (`filter[verified]`).
    pub fn filter_verified(mut self, verified: bool) -> Self {
        self.filter.get_or_insert_default().verified = Some(verified);
        self
    }
}

/// The filters of `GET /porting_orders/{id}/verification_codes` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct VerificationCodesFilter {
    /// Codes that have (or have not) been verified (`filter[verified]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
}

setters!(VerificationCodesFilter; opt verified: bool);

/// The query of `GET /porting_orders/{porting_order_id}/action_requirements`
/// (listPortingActionRequirements).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListActionRequirementsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which action requirements (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<ActionRequirementsFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<ActionRequirementsSort>>,
}

list_query!(ListActionRequirementsQuery, filter: ActionRequirementsFilter, sort: ActionRequirementsSort);

/// The filters of `GET /porting_orders/{porting_order_id}/action_requirements`
/// (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ActionRequirementsFilter {
    /// Action requirements with any of these ids (`filter[id]`, comma-joined; originally
    /// `filter[id][in][]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub id: Vec<Uuid>,
    /// Action requirements of this requirement type (`filter[requirement_type_id]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_type_id: Option<Uuid>,
    /// Action requirements of this action type (`filter[action_type]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_type: Option<ActionRequirementsFilterActionType>,
    /// Action requirements in this status (`filter[status]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionRequirementStatus>,
}

setters!(ActionRequirementsFilter;
    opt requirement_type_id: Uuid, action_type: ActionRequirementsFilterActionType,
        status: ActionRequirementStatus;
    vec id: Uuid);

open_enum! {
    /// An action type, as `filter[action_type]` of action requirements takes it.
    pub enum ActionRequirementsFilterActionType {
        /// Australian identity verification.
        AuIdVerification => "au_id_verification",
    }
}

/// The query of `GET /porting_orders/{porting_order_id}/associated_phone_numbers`
/// (listPortingAssociatedPhoneNumbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListAssociatedPhoneNumbersQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which associated numbers (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<AssociatedPhoneNumbersFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListAssociatedPhoneNumbersQuery, filter: AssociatedPhoneNumbersFilter, sort: CreatedAtSort);

/// The filters of `GET /porting_orders/{porting_order_id}/associated_phone_numbers`
/// (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AssociatedPhoneNumbersFilter {
    /// Associated numbers with this phone number, in +E.164 format (`filter[phone_number]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Associated numbers with this action (`filter[action]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AssociatedPhoneNumberAction>,
}

setters!(AssociatedPhoneNumbersFilter;
    opt phone_number: String, action: AssociatedPhoneNumberAction);

/// The query of `GET /porting_orders/{porting_order_id}/phone_number_blocks`
/// (listPortingPhoneNumberBlocks).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPhoneNumberBlocksQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which blocks (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PhoneNumberBlocksFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListPhoneNumberBlocksQuery, filter: PhoneNumberBlocksFilter, sort: CreatedAtSort);

/// The filters of `GET /porting_orders/{porting_order_id}/phone_number_blocks`
/// (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PhoneNumberBlocksFilter {
    /// Blocks of any of these porting orders (`filter[porting_order_id]`, comma-joined).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub porting_order_id: Vec<PortingOrderId>,
    /// Blocks with this support key, or any of these (`filter[support_key]`: one value, or
    /// several comma-joined; originally `filter[support_key][eq]` and
    /// `filter[support_key][in][]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub support_key: Vec<String>,
    /// Blocks of orders in this status, or any of these (`filter[status]`: one value, or
    /// several comma-joined; originally `filter[status]` and `filter[status][in][]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<PortingOrderStatusValue>,
    /// Blocks with any of these phone numbers (`filter[phone_number]`, comma-joined).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phone_number: Vec<String>,
    /// Blocks in this activation status (`filter[activation_status]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_status: Option<PortingOrderActivationStatus>,
    /// Blocks in this portability status (`filter[portability_status]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portability_status: Option<PortabilityStatus>,
}

setters!(PhoneNumberBlocksFilter;
    opt activation_status: PortingOrderActivationStatus, portability_status: PortabilityStatus;
    vec porting_order_id: PortingOrderId, support_key: String, status: PortingOrderStatusValue,
        phone_number: String);

/// The query of `GET /porting_orders/{porting_order_id}/phone_number_extensions`
/// (listPortingPhoneNumberExtensions).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPhoneNumberExtensionsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which extensions (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PhoneNumberExtensionsFilter>,
    /// In which order (`sort[value]`; the API's default is `-created_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<SortParams<CreatedAtSort>>,
}

list_query!(ListPhoneNumberExtensionsQuery, filter: PhoneNumberExtensionsFilter, sort: CreatedAtSort);

/// The filters of `GET /porting_orders/{porting_order_id}/phone_number_extensions`
/// (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PhoneNumberExtensionsFilter {
    /// Extensions of this porting phone number (`filter[porting_phone_number_id]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub porting_phone_number_id: Option<Uuid>,
}

setters!(PhoneNumberExtensionsFilter; opt porting_phone_number_id: Uuid);

// ---------------------------------------------------------------------------------------------
// Top-level resources.
// ---------------------------------------------------------------------------------------------

/// The query of `GET /porting_phone_numbers` (ListPortingPhoneNumbers).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPortingPhoneNumbersQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which numbers (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PortingPhoneNumbersFilter>,
}

list_query!(ListPortingPhoneNumbersQuery, filter: PortingPhoneNumbersFilter);

/// The filters of `GET /porting_phone_numbers` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingPhoneNumbersFilter {
    /// Numbers whose porting order is in this status (`filter[porting_order_status]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub porting_order_status: Option<PortingOrderStatusValue>,
}

setters!(PortingPhoneNumbersFilter; opt porting_order_status: PortingOrderStatusValue);

/// The query of `GET /porting/events` (listPortingEvents).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPortingEventsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which events (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PortingEventsFilter>,
}

list_query!(ListPortingEventsQuery, filter: PortingEventsFilter);

/// The filters of `GET /porting/events` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingEventsFilter {
    /// Events of this type (`filter[type]`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<PortingEventType>,
    /// Events of this porting order (`filter[porting_order_id]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// A range on the creation time (`filter[created_at][gte|lte]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DatetimeRangeInclusive>,
}

setters!(PortingEventsFilter;
    opt event_type: PortingEventType, porting_order_id: PortingOrderId,
        created_at: DatetimeRangeInclusive);

impl PortingEventsFilter {
    /// Events created at or after `at` (`filter[created_at][gte]`).
    pub fn created_at_or_after(mut self, at: OffsetDateTime) -> Self {
        self.created_at.get_or_insert_default().gte = Some(at);
        self
    }

    /// Events created at or before `at` (`filter[created_at][lte]`).
    pub fn created_at_or_before(mut self, at: OffsetDateTime) -> Self {
        self.created_at.get_or_insert_default().lte = Some(at);
        self
    }
}

/// The query of `GET /porting/reports` (ListPortingReports).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListPortingReportsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
    /// Which reports (`filter[...]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<PortingReportsFilter>,
}

list_query!(ListPortingReportsQuery, filter: PortingReportsFilter);

/// The filters of `GET /porting/reports` (`filter[...]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PortingReportsFilter {
    /// Reports of this type (`filter[report_type]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
    /// Reports in this status (`filter[status]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ReportStatus>,
}

setters!(PortingReportsFilter;
    opt report_type: ReportType, status: ReportStatus);

/// The query of `GET /porting/loa_configurations` (ListLoaConfigurations).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ListLoaConfigurationsQuery {
    /// Which page (`page[number]`, `page[size]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<PageParams>,
}

list_query!(ListLoaConfigurationsQuery);

new_filter!(
    PortingOrdersFilter,
    PortingOrdersPhoneNumbersFilter,
    PhoneNumberPatternFilter,
    PortingOrdersMiscFilter,
    PortingOrdersEndUserFilter,
    PortingOrdersEndUserAdminFilter,
    PortingOrdersActivationSettingsFilter,
    DatetimeRangeExclusive,
    DatetimeRangeInclusive,
    PhoneNumberConfigurationsFilter,
    PhoneNumberConfigurationsPortingOrderFilter,
    AdditionalDocumentsFilter,
    VerificationCodesFilter,
    ActionRequirementsFilter,
    AssociatedPhoneNumbersFilter,
    PhoneNumberBlocksFilter,
    PhoneNumberExtensionsFilter,
    PortingPhoneNumbersFilter,
    PortingEventsFilter,
    PortingReportsFilter,
);

// ---------------------------------------------------------------------------------------------
// How setters add up (see `merge.rs`): every filter group merges field by field.
// ---------------------------------------------------------------------------------------------

merge_by_replacing!(
    PortingOrderId,
    PortingOrderType,
    PortingOrderStatusValue,
    PortingOrderActivationStatus,
    PortabilityStatus,
    ActionRequirementStatus,
    ActionRequirementsFilterActionType,
    AssociatedPhoneNumberAction,
    PortingEventType,
    ReportType,
    ReportStatus,
);

merge_fields! {
    PortingOrdersFilter {
        customer_reference, customer_group_reference, parent_support_key, phone_numbers, misc,
        end_user, activation_settings,
    }
    PortingOrdersPhoneNumbersFilter { country_code, carrier_name, phone_number }
    PhoneNumberPatternFilter { contains }
    PortingOrdersMiscFilter { porting_order_type }
    PortingOrdersEndUserFilter { admin }
    PortingOrdersEndUserAdminFilter { entity_name, auth_person_name }
    PortingOrdersActivationSettingsFilter { fast_port_eligible, foc_datetime_requested }
    DatetimeRangeExclusive { gt, lt }
    DatetimeRangeInclusive { gte, lte }
    PhoneNumberConfigurationsFilter { porting_order, porting_phone_number, user_bundle_id }
    PhoneNumberConfigurationsPortingOrderFilter { status }
    AdditionalDocumentsFilter { document_type }
    VerificationCodesFilter { verified }
    ActionRequirementsFilter { id, requirement_type_id, action_type, status }
    AssociatedPhoneNumbersFilter { phone_number, action }
    PhoneNumberBlocksFilter {
        porting_order_id, support_key, status, phone_number, activation_status,
        portability_status,
    }
    PhoneNumberExtensionsFilter { porting_phone_number_id }
    PortingPhoneNumbersFilter { porting_order_status }
    PortingEventsFilter { event_type, porting_order_id, created_at }
    PortingReportsFilter { report_type, status }
}

// The Documents API's queries, in their own file (they use the macros above).
mod documents;

pub use documents::{
    DocumentLinksFilter, DocumentsCustomerReferenceFilter, DocumentsFilenameFilter,
    DocumentsFilter, DocumentsSort, ListDocumentLinksQuery, ListDocumentsQuery,
};

#[cfg(test)]
mod tests;
