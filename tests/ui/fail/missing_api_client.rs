use telnyx_porting::{endpoint, Result};

pub trait Widgets {
    #[endpoint(GET, "/widgets")]
    async fn list(&self) -> Result<()>;
}

impl Widgets for telnyx_porting::Client {}

fn main() {}
