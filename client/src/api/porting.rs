//! `/porting/...`: events, reports, LOA configurations and UK carriers.

use uuid::Uuid;

use super::handle;
use crate::models::{
    CreatePortingLoaConfiguration, CreatePortingReport, Data, ListLoaConfigurationsQuery,
    ListPortingEventsQuery, ListPortingReportsQuery, Page, PortingEvent, PortingLoaConfiguration,
    PortingReport, PortingUkCarrier,
};
use crate::{ApiClient, Binary, Result, endpoint};

/// The `/porting` resources that are not tied to one order: `client.porting()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait Porting: ApiClient {
    /// The UK carriers numbers can be ported from (`GET /porting/uk_carriers`).
    #[endpoint(GET, "/porting/uk_carriers")]
    async fn uk_carriers(&self) -> Result<Data<Vec<PortingUkCarrier>>>;
}

handle! {
    /// The handle [`Client::porting`](crate::Client::porting) returns; it implements
    /// [`Porting`] and leads to events, reports and LOA configurations.
    PortingApi: Porting
}

impl<'a> PortingApi<'a> {
    /// Porting events (`/porting/events`).
    pub fn events(&self) -> PortingEventsApi<'a> {
        PortingEventsApi::new(self.client)
    }

    /// Porting reports (`/porting/reports`).
    pub fn reports(&self) -> PortingReportsApi<'a> {
        PortingReportsApi::new(self.client)
    }

    /// LOA configurations (`/porting/loa_configurations`).
    pub fn loa_configurations(&self) -> LoaConfigurationsApi<'a> {
        LoaConfigurationsApi::new(self.client)
    }
}

/// What happened to porting orders: `client.porting().events()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortingEvents: ApiClient {
    /// One page of events (`GET /porting/events`).
    #[endpoint(GET, "/porting/events", paginate)]
    async fn list(&self, #[query] query: &ListPortingEventsQuery) -> Result<Page<PortingEvent>>;

    /// One event (`GET /porting/events/{id}`).
    #[endpoint(GET, "/porting/events/{id}")]
    async fn retrieve(&self, id: Uuid) -> Result<Data<PortingEvent>>;

    /// Sends the event's webhook again (`POST /porting/events/{id}/republish`, `204`).
    #[endpoint(POST, "/porting/events/{id}/republish")]
    async fn republish(&self, id: Uuid) -> Result<()>;
}

handle! {
    /// `client.porting().events()`; implements [`PortingEvents`].
    PortingEventsApi: PortingEvents
}

/// CSV exports of porting orders: `client.porting().reports()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait PortingReports: ApiClient {
    /// One page of reports (`GET /porting/reports`).
    #[endpoint(GET, "/porting/reports", paginate)]
    async fn list(&self, #[query] query: &ListPortingReportsQuery) -> Result<Page<PortingReport>>;

    /// Asks for a report (`POST /porting/reports`); it is `pending` until its document is ready.
    #[endpoint(POST, "/porting/reports")]
    async fn create(&self, #[body] report: &CreatePortingReport) -> Result<Data<PortingReport>>;

    /// One report (`GET /porting/reports/{id}`).
    #[endpoint(GET, "/porting/reports/{id}")]
    async fn retrieve(&self, id: Uuid) -> Result<Data<PortingReport>>;
}

handle! {
    /// `client.porting().reports()`; implements [`PortingReports`].
    PortingReportsApi: PortingReports
}

/// How letters of authorization look: `client.porting().loa_configurations()`.
///
/// # Errors
///
/// Each method fails with the crate's [`Error`](crate::Error), as the
/// [`api` module's `# Errors`](crate::api#errors) lists: `InvalidInput` before anything is
/// sent, `Api` for an answer outside `2xx`, `Timeout`, `Connection`, `BodyTooLarge`,
/// `Decode` for a `2xx` body that does not decode, `Config`.
pub trait LoaConfigurations: ApiClient {
    /// One page of LOA configurations (`GET /porting/loa_configurations`).
    #[endpoint(GET, "/porting/loa_configurations", paginate)]
    async fn list(
        &self,
        #[query] query: &ListLoaConfigurationsQuery,
    ) -> Result<Page<PortingLoaConfiguration>>;

    /// Creates one (`POST /porting/loa_configurations`).
    #[endpoint(POST, "/porting/loa_configurations")]
    async fn create(
        &self,
        #[body] configuration: &CreatePortingLoaConfiguration,
    ) -> Result<Data<PortingLoaConfiguration>>;

    /// One LOA configuration (`GET /porting/loa_configurations/{id}`).
    #[endpoint(GET, "/porting/loa_configurations/{id}")]
    async fn retrieve(&self, id: Uuid) -> Result<Data<PortingLoaConfiguration>>;

    /// Replaces one (`PATCH /porting/loa_configurations/{id}`; the body holds every field).
    #[endpoint(PATCH, "/porting/loa_configurations/{id}")]
    async fn update(
        &self,
        id: Uuid,
        #[body] configuration: &CreatePortingLoaConfiguration,
    ) -> Result<Data<PortingLoaConfiguration>>;

    /// Deletes one (`DELETE /porting/loa_configurations/{id}`, `204`).
    #[endpoint(DELETE, "/porting/loa_configurations/{id}")]
    async fn delete(&self, id: Uuid) -> Result<()>;

    /// Renders an LOA from settings not yet saved, as a PDF
    /// (`POST /porting/loa_configurations/preview`).
    #[endpoint(
        POST,
        "/porting/loa_configurations/preview",
        accept = "application/pdf"
    )]
    async fn preview(
        &self,
        #[body] configuration: &CreatePortingLoaConfiguration,
    ) -> Result<Binary>;

    /// Renders a saved LOA configuration as a PDF
    /// (`GET /porting/loa_configurations/{id}/preview`).
    #[endpoint(
        GET,
        "/porting/loa_configurations/{id}/preview",
        accept = "application/pdf"
    )]
    async fn preview_saved(&self, id: Uuid) -> Result<Binary>;
}

handle! {
    /// `client.porting().loa_configurations()`; implements [`LoaConfigurations`].
    LoaConfigurationsApi: LoaConfigurations
}
