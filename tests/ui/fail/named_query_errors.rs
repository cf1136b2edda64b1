use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets")]
    async fn empty(&self, #[query("")] size: u32) -> Result<()>;

    #[endpoint(GET, "/widgets")]
    async fn bad_key(&self, #[query("page size")] size: u32, #[query("a=b")] other: u32) -> Result<()>;

    #[endpoint(GET, "/widgets")]
    async fn twice(&self, #[query("page[size]")] a: u32, #[query("page[size]")] b: u32) -> Result<()>;

    #[endpoint(GET, "/widgets/{id}")]
    async fn placeholder(&self, #[query("id")] id: &str) -> Result<()>;

    #[endpoint(GET, "/widgets")]
    async fn not_a_literal(&self, #[query(size)] size: u32) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
