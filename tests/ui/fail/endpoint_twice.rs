use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    #[endpoint(GET, "/gadgets")]
    async fn list(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
