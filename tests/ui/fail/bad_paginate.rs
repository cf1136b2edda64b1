use serde::Serialize;
use telnyx_porting::{endpoint, ApiClient, Result};

#[derive(Serialize)]
pub struct Q {
    pub page: u32,
}

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets", paginate)]
    async fn no_query(&self) -> Result<serde_json::Value>;

    #[endpoint(GET, "/widgets", paginate)]
    async fn two_queries(&self, #[query] a: &Q, #[query] b: &Q) -> Result<serde_json::Value>;

    #[endpoint(GET, "/widgets", paginate = "every widget")]
    async fn bad_name(&self, #[query] a: &Q) -> Result<serde_json::Value>;

    #[endpoint(GET, "/widgets", paginate)]
    async fn no_page(&self, #[query] a: &Q) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
