// Every mistake in one compile: the method, the missing `/`, and the placeholder that no
// parameter fills (and the parameter no placeholder takes), not one round each.
use telnyx_porting::{endpoint, ApiClient, Result};

pub trait Balance: ApiClient {
    #[endpoint(get, "balance/{account}")]
    async fn balance(&self, acct: &str) -> Result<()>;
}

impl Balance for telnyx_porting::Client {}

fn main() {}
