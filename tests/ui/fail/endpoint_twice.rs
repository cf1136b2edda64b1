use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    #[endpoint(GET, "/gadgets")]
    async fn list(&self) -> Result<()>;
}

fn main() {}
