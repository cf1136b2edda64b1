use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET)]
    async fn list(&self) -> Result<()>;

    #[endpoint]
    async fn nothing(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
