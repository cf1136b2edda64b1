use telnyx_porting::{endpoint, Result};

#[endpoint(GET, "/widgets")]
pub struct Widget;

#[endpoint(GET, "/widgets")]
async fn free_function() -> Result<()> {
    Ok(())
}

pub struct Widgets;

impl Widgets {
    #[endpoint(GET, "/widgets")]
    pub async fn inherent(&self) -> Result<()> {
        Ok(())
    }
}

fn main() {}
