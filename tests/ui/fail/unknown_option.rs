use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets", retries = 3)]
    async fn list(&self) -> Result<()>;

    #[endpoint(GET, "/widgets.pdf", accept = 42, idempotent = "yes")]
    async fn pdf(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
