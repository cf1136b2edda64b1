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
}

impl Things for telnyx_porting::Client {}

fn main() {}
