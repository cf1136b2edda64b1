use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Reports: ApiClient {
    #[endpoint(GET, "/reports/a", timeout = "0s")]
    async fn zero(&self) -> Result<()>;

    #[endpoint(GET, "/reports/b", timeout = "30")]
    async fn no_unit(&self) -> Result<()>;

    #[endpoint(GET, "/reports/c", timeout = "1h")]
    async fn hours(&self) -> Result<()>;

    #[endpoint(GET, "/reports/d", timeout = 30)]
    async fn not_a_string(&self) -> Result<()>;

    #[endpoint(GET, "/reports/e", name = "")]
    async fn empty_name(&self) -> Result<()>;

    #[endpoint(GET, "/reports/f", api = 7)]
    async fn api_not_a_string(&self) -> Result<()>;
}

impl Reports for telnyx_porting::Client {}

fn main() {}
