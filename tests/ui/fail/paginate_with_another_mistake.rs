// A mistake elsewhere in a `paginate` endpoint: its one error, and no follow-on error in the
// impl or in the callers of the method and of its walker.
use serde::{Deserialize, Serialize};
use telnyx_porting::{endpoint, ApiClient, Client, PageQuery, Paginated, Result};

#[derive(Clone, Default, Serialize)]
pub struct Q {
    pub page: Option<u64>,
}

impl PageQuery for Q {
    fn page_number(&self) -> Option<u64> {
        self.page
    }
    fn set_page_number(&mut self, number: u64) {
        self.page = Some(number);
    }
}

#[derive(Deserialize)]
pub struct P {
    pub data: Vec<String>,
}

impl Paginated for P {
    type Item = String;
    fn page_number(&self) -> Option<u64> {
        None
    }
    fn total_pages(&self) -> Option<u64> {
        None
    }
    fn into_items(self) -> Vec<String> {
        self.data
    }
}

pub trait Widgets: ApiClient {
    #[endpoint(GET, "/widgets", paginate, retries = 3)]
    async fn list(&self, #[query] query: &Q) -> Result<P>;
}

impl Widgets for Client {}

pub async fn callers(client: &Client) -> Result<()> {
    let _page: P = client.list(&Q::default()).await?;
    let _all: Vec<String> = client.list_all(&Q::default()).collect_all().await?;
    Ok(())
}

fn main() {}
