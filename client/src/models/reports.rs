//! Reports about porting operations (`/porting/reports`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::merge::Merge;
use super::open_enum::open_enum;
use super::porting_order::PortingOrderStatusValue;

open_enum! {
    /// The type of a porting report.
    pub enum ReportType {
        /// A CSV export of porting orders.
        ExportPortingOrdersCsv => "export_porting_orders_csv",
    }
}

open_enum! {
    /// The status of a report's generation.
    pub enum ReportStatus {
        /// Being generated.
        Pending => "pending",
        /// Generated; see [`PortingReport::document_id`].
        Completed => "completed",
    }
}

/// A report about porting operations (the spec's `PortingReport`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingReport {
    /// Uniquely identifies the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The type of report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
    /// The status of the report's generation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReportStatus>,
    /// The parameters the report was generated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<ExportPortingOrdersCsvReport>,
    /// The document holding the report; only set once it is completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<Uuid>,
    /// When the report was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// When the report was last updated.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_report`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The parameters of a porting orders CSV report (the spec's `ExportPortingOrdersCSVReport`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExportPortingOrdersCsvReport {
    /// Which porting orders go into the report (required in requests).
    #[serde(default)]
    pub filters: ExportPortingOrdersCsvFilters,
}

impl ExportPortingOrdersCsvReport {
    /// A report of the orders that pass `filters`.
    pub fn new(filters: ExportPortingOrdersCsvFilters) -> Self {
        ExportPortingOrdersCsvReport { filters }
    }
}

/// Which porting orders go into a CSV report; every filter is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExportPortingOrdersCsvFilters {
    /// Orders created after this time (`created_at__gt`).
    #[serde(
        default,
        rename = "created_at__gt",
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at_gt: Option<OffsetDateTime>,
    /// Orders created before this time (`created_at__lt`).
    #[serde(
        default,
        rename = "created_at__lt",
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at_lt: Option<OffsetDateTime>,
    /// Orders with one of these customer references (`customer_reference__in`).
    #[serde(
        default,
        rename = "customer_reference__in",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_reference_in: Option<Vec<String>>,
    /// Orders in one of these statuses (`status__in`).
    #[serde(
        default,
        rename = "status__in",
        skip_serializing_if = "Option::is_none"
    )]
    pub status_in: Option<Vec<PortingOrderStatusValue>>,
}

impl ExportPortingOrdersCsvFilters {
    /// No filter: every order.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only orders created after `time`.
    pub fn created_after(mut self, time: OffsetDateTime) -> Self {
        self.created_at_gt = Some(time);
        self
    }

    /// Only orders created before `time`.
    pub fn created_before(mut self, time: OffsetDateTime) -> Self {
        self.created_at_lt = Some(time);
        self
    }

    /// Only orders with one of these customer references (added to those given before).
    pub fn customer_references<I, S>(mut self, references: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.customer_reference_in
            .get_or_insert_default()
            .merge(references.into_iter().map(Into::into).collect());
        self
    }

    /// Only orders in one of these statuses (added to those given before).
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = PortingOrderStatusValue>) -> Self {
        self.status_in
            .get_or_insert_default()
            .merge(statuses.into_iter().collect());
        self
    }
}

/// The request body of `POST /porting/reports`.
///
/// ```
/// use telnyx_porting::models::{
///     CreatePortingReport, ExportPortingOrdersCsvFilters, PortingOrderStatusValue,
/// };
///
/// let report = CreatePortingReport::export_porting_orders_csv(
///     ExportPortingOrdersCsvFilters::new().statuses([PortingOrderStatusValue::Ported]),
/// );
/// assert_eq!(
///     serde_json::to_string(&report)?,
///     r#"{"report_type":"export_porting_orders_csv","params":{"filters":{"status__in":["ported"]}}}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingReport {
    /// The type of report.
    pub report_type: ReportType,
    /// The parameters of the report.
    pub params: ExportPortingOrdersCsvReport,
}

impl CreatePortingReport {
    /// A CSV export of the porting orders that pass `filters`.
    pub fn export_porting_orders_csv(filters: ExportPortingOrdersCsvFilters) -> Self {
        CreatePortingReport {
            report_type: ReportType::ExportPortingOrdersCsv,
            params: ExportPortingOrdersCsvReport::new(filters),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_filters_add_up() {
        let filters = ExportPortingOrdersCsvFilters::new()
            .statuses([PortingOrderStatusValue::Ported])
            .statuses([
                PortingOrderStatusValue::Cancelled,
                PortingOrderStatusValue::Ported,
            ])
            .customer_references(["a"])
            .customer_references(["b"]);
        assert_eq!(
            serde_json::to_value(&filters).unwrap(),
            serde_json::json!({
                "customer_reference__in": ["a", "b"],
                "status__in": ["ported", "cancelled"],
            })
        );
    }
}
