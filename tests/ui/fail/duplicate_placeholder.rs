use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets/{id}/parts/{id}")]
    async fn get(&self, id: &str) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
