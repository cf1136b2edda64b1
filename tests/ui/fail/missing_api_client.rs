use telnyx_porting::{endpoint, Result};

pub trait Widgets {
    #[endpoint(GET, "/widgets")]
    async fn list(&self) -> Result<()>;
}

fn main() {}
