use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    fn list(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
