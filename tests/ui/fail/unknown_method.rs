use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(FETCH, "/widgets")]
    async fn list(&self) -> Result<()>;

    #[endpoint(get, "/widgets")]
    async fn lower(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
