// `paginate` on a query and a page that do not implement `PageQuery` and `Paginated`.
use serde::{Deserialize, Serialize};
use telnyx_porting::{endpoint, ApiClient, Result};

#[derive(Clone, Serialize)]
pub struct Q {
    pub page: u32,
}

#[derive(Deserialize)]
pub struct P {
    pub data: Vec<String>,
}

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets", paginate)]
    async fn list(&self, #[query] query: &Q) -> Result<P>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
