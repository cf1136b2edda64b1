use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    async fn list(&self, (a, b): (u8, u8)) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
