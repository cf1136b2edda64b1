use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    async fn option(&self) -> Option<String>;

    #[endpoint(GET, "/widgets")]
    async fn nothing(&self);

    #[endpoint(GET, "/widgets")]
    async fn std_result(&self) -> Result<String, std::io::Error>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
