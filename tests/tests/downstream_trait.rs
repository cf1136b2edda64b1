//! A trait declared here, outside the client crate, exactly as a user would declare one for an
//! endpoint the library does not cover: GET, POST, PATCH and DELETE, path parameters, bracketed
//! queries and headers, all checked on the wire.

use serde::{Deserialize, Serialize};
use telnyx_porting::{ApiClient, Binary, Error, Result, endpoint};
use telnyx_porting_tests::{MockResponse, TEST_KEY, json, mock, only_request};

#[derive(Debug, Deserialize, PartialEq)]
pub struct Envelope {
    pub data: Widget,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Widget {
    pub id: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct NewWidget<'a> {
    pub name: &'a str,
    pub tags: Vec<&'a str>,
}

#[derive(Serialize, Default)]
pub struct ListWidgets {
    pub page: Option<Page>,
    pub filter: Option<Filter>,
    pub include_parts: Option<bool>,
}

#[derive(Serialize)]
pub struct Page {
    pub number: u32,
    pub size: u32,
}

#[derive(Serialize, Default)]
pub struct Filter {
    pub phone_numbers: Option<PhoneNumbers>,
    pub status: Vec<&'static str>,
    pub customer_reference: Option<String>,
}

#[derive(Serialize)]
pub struct PhoneNumbers {
    pub country_code: &'static str,
}

#[derive(Serialize)]
pub struct Sort {
    pub sort: SortValue,
}

#[derive(Serialize)]
pub struct SortValue {
    pub value: &'static str,
}

#[derive(Debug, Deserialize)]
pub struct WidgetPage {
    pub data: Vec<Widget>,
}

pub trait Widgets: ApiClient {
    /// Fetches one widget.
    #[endpoint(GET, "/widgets/{id}")]
    async fn get(&self, id: &str) -> Result<Envelope>;

    #[endpoint(POST, "/widgets")]
    async fn create(&self, #[body] widget: &NewWidget<'_>) -> Result<Envelope>;

    #[endpoint(GET, "/widgets")]
    async fn list(&self, #[query] params: &ListWidgets, #[query] sort: &Sort)
    -> Result<WidgetPage>;

    #[endpoint(PATCH, "/widgets/{widget_id}/parts/{partNumber}")]
    async fn patch_part(
        &self,
        widget_id: &str,
        part_number: u32,
        #[body] widget: &NewWidget<'_>,
        #[header("Idempotency-Key")] key: Option<&str>,
    ) -> Result<Envelope>;

    #[endpoint(DELETE, "/widgets/{id}")]
    async fn delete(&self, id: &str, #[header("X-Reason")] reason: &str) -> Result<()>;

    #[endpoint(GET, "/widgets/{id}/manual", accept = "application/pdf")]
    async fn manual(&self, id: &str) -> Result<Binary>;
}

impl Widgets for telnyx_porting::Client {}

fn widget_json() -> serde_json::Value {
    json(r#"{"data":{"id":"w/1","name":"sprocket"}}"#)
}

#[tokio::test]
async fn get_with_a_path_value_holding_slashes_and_query_characters() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &widget_json()));
    let got = client.get("w/1?x=2#frag").await;
    assert_eq!(
        got.ok(),
        Some(Envelope {
            data: Widget {
                id: "w/1".into(),
                name: "sprocket".into()
            }
        })
    );
    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/v2/widgets/w%2F1%3Fx%3D2%23frag");
    assert_eq!(request.query, None);
    assert_eq!(request.body, b"");
    assert_eq!(request.header("content-type"), None);
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
}

#[tokio::test]
async fn post_sends_json() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(201, &widget_json()));
    let new = NewWidget {
        name: "sprocket",
        tags: vec!["a", "b"],
    };
    assert!(client.create(&new).await.is_ok());
    let request = only_request(&server);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v2/widgets")
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.body_str(),
        Some(r#"{"name":"sprocket","tags":["a","b"]}"#)
    );
}

#[tokio::test]
async fn get_with_bracketed_queries_merged_in_order() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &json(r#"{"data":[]}"#)));
    let params = ListWidgets {
        page: Some(Page {
            number: 2,
            size: 250,
        }),
        filter: Some(Filter {
            phone_numbers: Some(PhoneNumbers { country_code: "US" }),
            status: vec!["draft", "in-process"],
            customer_reference: None,
        }),
        include_parts: Some(false),
    };
    let sort = Sort {
        sort: SortValue {
            value: "-created_at",
        },
    };
    let page = client.list(&params, &sort).await;
    assert!(page.is_ok_and(|p| p.data.is_empty()));
    let request = only_request(&server);
    assert_eq!(request.path, "/v2/widgets");
    assert_eq!(
        request.query.as_deref(),
        Some(
            "page%5Bnumber%5D=2&page%5Bsize%5D=250\
             &filter%5Bphone_numbers%5D%5Bcountry_code%5D=US\
             &filter%5Bstatus%5D=draft%2Cin-process\
             &include_parts=false\
             &sort%5Bvalue%5D=-created_at"
        )
    );
}

#[tokio::test]
async fn empty_query_struct_sends_no_query_string() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &json(r#"{"data":[]}"#)));
    let sort = Sort {
        sort: SortValue { value: "name" },
    };
    assert!(client.list(&ListWidgets::default(), &sort).await.is_ok());
    assert_eq!(
        only_request(&server).query.as_deref(),
        Some("sort%5Bvalue%5D=name")
    );
}

#[tokio::test]
async fn patch_with_two_path_parameters_a_body_and_an_optional_header() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &widget_json()));
    server.enqueue(MockResponse::json(200, &widget_json()));
    let new = NewWidget {
        name: "cog",
        tags: vec![],
    };
    assert!(
        client
            .patch_part("w 1", 7, &new, Some("idem-1"))
            .await
            .is_ok()
    );
    assert!(client.patch_part("w2", 8, &new, None).await.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "PATCH");
    assert_eq!(requests[0].path, "/v2/widgets/w%201/parts/7");
    assert_eq!(requests[0].header("idempotency-key"), Some("idem-1"));
    assert_eq!(requests[0].body_str(), Some(r#"{"name":"cog","tags":[]}"#));
    assert_eq!(requests[1].path, "/v2/widgets/w2/parts/8");
    assert_eq!(
        requests[1].header("idempotency-key"),
        None,
        "None leaves the header out"
    );
}

#[tokio::test]
async fn delete_accepts_204_and_an_empty_200() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::new(204));
    server.enqueue(MockResponse::new(200));
    assert!(client.delete("w1", "cleanup").await.is_ok());
    assert!(client.delete("w2", "again").await.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "DELETE");
    assert_eq!(requests[0].path, "/v2/widgets/w1");
    assert_eq!(requests[0].header("x-reason"), Some("cleanup"));
    assert_eq!(requests[0].body, b"");
}

#[tokio::test]
async fn raw_bytes_come_back_untouched_with_the_accept_header() {
    let (server, client) = mock().await;
    let pdf = b"%PDF-1.7\n\x00\x01\x02binary\xff".to_vec();
    server.enqueue(MockResponse::new(200).body("application/pdf", pdf.clone()));
    let manual = match client.manual("w1").await {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(&*manual, pdf.as_slice());
    assert_eq!(manual.content_type(), Some("application/pdf"));
    assert_eq!(
        only_request(&server).header("accept"),
        Some("application/pdf")
    );
}

#[tokio::test]
async fn bad_arguments_fail_before_anything_is_sent() {
    let (server, client) = mock().await;
    for id in ["", ".", ".."] {
        match client.get(id).await {
            Err(Error::InvalidInput(e)) => {
                assert_eq!((e.field.as_str(), e.value.as_str()), ("id", id))
            }
            other => panic!("{id:?}: {other:?}"),
        }
    }
    match client.delete("w1", "line\r\nbreak").await {
        Err(Error::InvalidInput(e)) => assert_eq!(e.field, "header x-reason"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received(), 0);
}

#[tokio::test]
async fn calls_run_under_tokio_spawn_through_a_generic_bound() {
    async fn fetch<C: Widgets + Clone + Send + Sync + 'static>(client: C) -> Result<Envelope> {
        let handle = tokio::spawn(async move { client.get("w1").await });
        match handle.await {
            Ok(result) => result,
            Err(e) => panic!("the task failed: {e}"),
        }
    }
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(200, &widget_json()));
    assert!(fetch(client).await.is_ok());
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0");
        match listener.and_then(|l| l.local_addr()) {
            Ok(addr) => addr.port(),
            Err(e) => panic!("{e}"),
        }
    };
    let client = telnyx_porting::Client::builder()
        .api_key(TEST_KEY)
        .base_url(format!("http://127.0.0.1:{port}/v2"))
        .build();
    let client = match client {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    let err = client.get("w1").await.err();
    assert!(err.as_ref().is_some_and(Error::is_connection), "{err:?}");
    let shown = format!(
        "{err:?} {}",
        err.as_ref().map(ToString::to_string).unwrap_or_default()
    );
    assert!(!shown.contains(TEST_KEY));
}
