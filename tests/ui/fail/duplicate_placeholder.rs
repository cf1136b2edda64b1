use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets/{id}/parts/{id}")]
    async fn get(&self, id: &str) -> Result<()>;
}

fn main() {}
