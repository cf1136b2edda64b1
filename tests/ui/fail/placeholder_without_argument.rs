use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets/{id}")]
    async fn get(&self) -> Result<()>;

    #[endpoint(GET, "/widgets/{id}")]
    async fn get_marked(&self, #[query] id: &str) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
