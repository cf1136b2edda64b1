use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets/{")]
    async fn unclosed(&self) -> Result<()>;

    #[endpoint(GET, "/widgets/{}")]
    async fn empty(&self) -> Result<()>;

    #[endpoint(GET, "/widgets/{a b}")]
    async fn spaced(&self) -> Result<()>;

    #[endpoint(GET, "/widgets/{{x}}")]
    async fn nested(&self, x: &str) -> Result<()>;

    #[endpoint(GET, "/widgets?page=1")]
    async fn query_in_path(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
