use serde::Serialize;
use telnyx_porting::{endpoint, ApiClient, Result};

#[derive(Serialize)]
pub struct Login {
    pub user: String,
}

pub trait Auth: ApiClient {
    #[endpoint(POST, "/login")]
    async fn both(&self, #[body] json: &Login, #[form] form: &Login) -> Result<()>;

    #[endpoint(POST, "/login")]
    async fn two_forms(&self, #[form] a: &Login, #[form] b: &Login) -> Result<()>;

    #[endpoint(GET, "/login")]
    async fn on_get(&self, #[form] form: &Login) -> Result<()>;

    #[endpoint(DELETE, "/login")]
    async fn on_delete(&self, #[form] form: &Login) -> Result<()>;

    #[endpoint(POST, "/login")]
    async fn with_args(&self, #[form(urlencoded)] form: &Login) -> Result<()>;
}

impl Auth for telnyx_porting::Client {}

fn main() {}
