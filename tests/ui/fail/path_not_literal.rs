use telnyx_porting::{endpoint, ApiClient, Result};

const PATH: &str = "/widgets";

pub trait Widgets: ApiClient {
    #[endpoint(GET, PATH)]
    async fn list(&self) -> Result<()>;

    #[endpoint(GET, "widgets")]
    async fn relative(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
