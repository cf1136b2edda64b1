use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    async fn list(&self, #[body] filter: &str) -> Result<()>;

    #[endpoint(DELETE, "/widgets/{id}")]
    async fn delete(&self, id: &str, #[body] reason: &str) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
