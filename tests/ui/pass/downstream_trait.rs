//! The contract from a downstream crate's point of view: a trait of its own, every parameter
//! kind, futures that are `Send` and can be spawned through a generic bound.

use serde::{Deserialize, Serialize};
use telnyx_porting::{endpoint, ApiClient, Binary, Result};

#[derive(Deserialize)]
pub struct WidgetEnvelope {
    pub data: Widget,
}

#[derive(Deserialize)]
pub struct Widget {
    pub id: String,
}

#[derive(Serialize)]
pub struct NewWidget {
    pub name: String,
}

#[derive(Serialize)]
pub struct ListWidgets {
    pub page: Option<u32>,
}

#[derive(Deserialize)]
pub struct WidgetPage {
    pub data: Vec<Widget>,
}

pub trait Widgets: ApiClient {
    /// Fetches one widget.
    #[endpoint(GET, "/widgets/{id}")]
    async fn get(&self, id: &str) -> Result<WidgetEnvelope>;

    #[endpoint(POST, "/widgets")]
    async fn create(&self, #[body] widget: &NewWidget) -> Result<WidgetEnvelope>;

    #[endpoint(GET, "/widgets")]
    async fn list(&self, #[query] params: &ListWidgets) -> Result<WidgetPage>;

    #[endpoint(DELETE, "/widgets/{id}")]
    async fn delete(&self, id: &str, #[header("X-Reason")] reason: &str) -> Result<()>;

    #[endpoint(PATCH, "/widgets/{widget_id}/parts/{partId}", idempotent)]
    async fn patch_part(
        &self,
        widget_id: u64,
        part_id: uuid_like::Id,
        #[body] widget: &NewWidget,
        #[query] a: &ListWidgets,
        #[query] b: &ListWidgets,
        #[header("X-Trace")] trace: Option<&str>,
    ) -> Result<WidgetEnvelope>;

    #[endpoint(GET, "/widgets/{id}/manual", accept = "application/pdf")]
    async fn manual(&self, id: &str) -> Result<Binary>;

    /// A hand-written method next to generated ones.
    fn describe(&self) -> &'static str {
        "widgets"
    }
}

mod uuid_like {
    pub struct Id(pub u8);
    impl std::fmt::Display for Id {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "id-{}", self.0)
        }
    }
}

impl Widgets for telnyx_porting::Client {}

fn assert_send<T: Send>(_: &T) {}

fn futures_are_send(client: &telnyx_porting::Client) {
    let id = String::from("w1");
    let fut = client.get(&id);
    assert_send(&fut);
    drop(fut);
    let widget = NewWidget { name: "w".into() };
    assert_send(&client.create(&widget));
    assert_send(&client.delete("w1", "cleanup"));
    assert_send(&client.manual("w1"));
}

fn spawn_through_a_generic<C: Widgets + Clone + 'static>(client: C) {
    drop(tokio::spawn(async move {
        let _ = client.get("w1").await;
    }));
}

fn main() {
    if let Ok(client) = telnyx_porting::Client::new("key") {
        futures_are_send(&client);
        let _ = client.describe();
        let _ = spawn_through_a_generic::<telnyx_porting::Client>;
    }
}
