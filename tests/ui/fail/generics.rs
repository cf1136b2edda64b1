use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets/{id}")]
    async fn get<T: std::fmt::Display>(&self, id: T) -> Result<()>;

    #[endpoint(GET, "/widgets/{id}")]
    async fn get_where(&self, id: &str) -> Result<()>
    where
        Self: Sized;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
