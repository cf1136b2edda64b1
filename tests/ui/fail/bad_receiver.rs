use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    async fn by_value(self) -> Result<()>;

    #[endpoint(GET, "/widgets")]
    async fn mutable(&mut self) -> Result<()>;

    #[endpoint(GET, "/widgets")]
    async fn none() -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
