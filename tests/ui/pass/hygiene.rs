//! Generated code names everything by absolute path: it compiles without the prelude, next to
//! user items that shadow common names.
#![no_implicit_prelude]

extern crate serde;
extern crate std;
extern crate telnyx_porting;

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Send;
#[allow(dead_code)]
struct Future;
#[allow(dead_code)]
struct Request;

#[derive(serde::Deserialize)]
pub struct Thing {
    pub id: std::string::String,
}

pub trait Things: telnyx_porting::ApiClient {
    #[telnyx_porting::endpoint(GET, "/things/{id}")]
    async fn get(&self, id: &str, #[header("X-Debug")] debug: bool) -> telnyx_porting::Result<Thing>;

    #[telnyx_porting::endpoint(DELETE, "/things/{id}")]
    async fn delete(&self, id: &str) -> telnyx_porting::Result<()>;

    #[telnyx_porting::endpoint(GET, "/things", paginate, timeout = "30s", name = "things", api = "things")]
    async fn list(
        &self,
        #[query("filter[kind]")] kind: std::option::Option<&str>,
        #[query] query: &ThingsQuery,
        #[query("fields")] fields: &[&str],
    ) -> telnyx_porting::Result<ThingPage>;

    #[telnyx_porting::endpoint(POST, "/things/login")]
    async fn login(&self, #[form] login: &ThingsQuery) -> telnyx_porting::Result<()>;
}

#[derive(std::clone::Clone, std::default::Default, serde::Serialize)]
pub struct ThingsQuery {
    pub page: std::option::Option<u64>,
}

impl telnyx_porting::PageQuery for ThingsQuery {
    fn page_number(&self) -> std::option::Option<u64> {
        self.page
    }
    fn set_page_number(&mut self, number: u64) {
        self.page = std::option::Option::Some(number);
    }
}

#[derive(serde::Deserialize)]
pub struct ThingPage {
    pub data: std::vec::Vec<Thing>,
}

impl telnyx_porting::Paginated for ThingPage {
    type Item = Thing;
    fn page_number(&self) -> std::option::Option<u64> {
        std::option::Option::None
    }
    fn total_pages(&self) -> std::option::Option<u64> {
        std::option::Option::None
    }
    fn into_items(self) -> std::vec::Vec<Thing> {
        self.data
    }
}

impl Things for telnyx_porting::Client {}

fn main() {}
