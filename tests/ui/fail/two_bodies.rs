use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(POST, "/widgets")]
    async fn create(&self, #[body] a: &str, #[body] b: &str) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
