//! A downstream trait using everything the attribute offers beyond paths and JSON bodies:
//! named query parameters, a form body, `name`, `api`, `timeout`, `paginate`, and a hook on
//! the client that calls it.

use serde::{Deserialize, Serialize};
use telnyx_porting::{
    endpoint, ApiClient, Binary, Hook, HookOutcome, HookRequest, PageQuery, Paginated, Result,
};

#[derive(Clone, Default, Serialize)]
pub struct ListReports {
    pub page: Option<u64>,
}

impl PageQuery for ListReports {
    fn page_number(&self) -> Option<u64> {
        self.page
    }
    fn set_page_number(&mut self, number: u64) {
        self.page = Some(number);
    }
}

#[derive(Deserialize)]
pub struct ReportPage {
    pub data: Vec<String>,
}

impl Paginated for ReportPage {
    type Item = String;
    fn page_number(&self) -> Option<u64> {
        None
    }
    fn total_pages(&self) -> Option<u64> {
        None
    }
    fn into_items(self) -> Vec<String> {
        self.data
    }
}

#[derive(Serialize)]
pub struct Login<'a> {
    pub user: &'a str,
    pub scopes: &'a [&'a str],
}

pub trait Reports: ApiClient {
    /// Lists reports.
    #[endpoint(GET, "/accounts/{account}/reports", paginate, api = "reports")]
    async fn list(
        &self,
        account: &str,
        #[query("filter[kind]")] kind: Option<&str>,
        #[query] query: &ListReports,
        #[query("fields")] fields: &[&str],
        #[query("at")] at: std::net::Ipv4Addr,
    ) -> Result<ReportPage>;

    #[endpoint(GET, "/reports", paginate = "every_report")]
    async fn requirements(&self, #[query] query: &ListReports) -> Result<ReportPage>;

    #[endpoint(GET, "/reports/{id}/pdf", accept = "application/pdf", timeout = "2m", name = "render_report")]
    async fn render(&self, id: u64) -> Result<Binary>;

    #[endpoint(POST, "/login", timeout = "500ms")]
    async fn login(&self, #[form] login: &Login<'_>, #[query("verbose")] verbose: bool) -> Result<()>;
}

impl Reports for telnyx_porting::Client {}

struct Audit;

impl Hook for Audit {
    fn before_attempt(&self, request: &mut HookRequest<'_>) -> std::result::Result<(), telnyx_porting::Aborted> {
        let _ = (request.endpoint().name(), request.url(), request.body());
        Ok(())
    }
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let _ = (outcome.endpoint().api(), outcome.status(), outcome.elapsed());
    }
}

fn assert_send<T: Send>(_: &T) {}

async fn use_it(client: &telnyx_porting::Client) -> Result<()> {
    let client = client.with_options(telnyx_porting::RequestOptions::new().hook(Audit));
    let mut pages = client.list_all("acct", Some("loa"), &ListReports::default(), &["a"], std::net::Ipv4Addr::LOCALHOST);
    assert_send(&pages);
    while let Some(report) = pages.try_next().await? {
        let _: String = report;
    }
    let _: Vec<String> = client.every_report(&ListReports::default()).collect_all().await?;
    let pdf = client.render(7);
    assert_send(&pdf);
    let _ = pdf.await?;
    client.login(&Login { user: "u", scopes: &["a", "b"] }, true).await
}

fn main() {
    let client = telnyx_porting::Client::builder().api_key("k").hook(Audit).build();
    drop(client.map(|c| use_it(&c).is_send()));
}

trait IsSend {
    fn is_send(&self) {}
}
impl<T: Send> IsSend for T {}
