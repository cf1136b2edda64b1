use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(DELETE, "/widgets/{id}")]
    async fn unnamed(&self, id: &str, #[header] reason: &str) -> Result<()>;

    #[endpoint(DELETE, "/widgets/{id}")]
    async fn spaced(&self, id: &str, #[header("X Reason")] reason: &str) -> Result<()>;

    #[endpoint(DELETE, "/widgets/{id}")]
    async fn empty(&self, id: &str, #[header("")] reason: &str) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
