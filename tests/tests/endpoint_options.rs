//! What a downstream trait gets beyond paths and JSON bodies, checked on the wire against a
//! loopback server: named query parameters (merged with the struct form in declaration
//! order), form bodies (re-sent byte for byte on a retry), the operation's name (default and
//! `name = ".."`), per-endpoint timeouts (and a per-call timeout winning over them), and a
//! walker whose page query sits between named parameters.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use telnyx_porting::{
    ApiClient, Endpoint, Error, Hook, HookOutcome, PageQuery, Paginated, RequestOptions, Result,
    endpoint,
};
use telnyx_porting_tests::{MockResponse, fast_client, json, mock, only_request};

#[derive(Clone, Default, Serialize)]
pub struct Paging {
    pub page: Option<PageParams>,
}

#[derive(Clone, Copy, Serialize)]
pub struct PageParams {
    pub number: u64,
}

impl PageQuery for Paging {
    fn page_number(&self) -> Option<u64> {
        self.page.map(|p| p.number)
    }
    fn set_page_number(&mut self, number: u64) {
        self.page = Some(PageParams { number });
    }
}

#[derive(Debug, Deserialize)]
pub struct Items {
    pub data: Vec<String>,
    pub meta: Meta,
}

#[derive(Debug, Deserialize)]
pub struct Meta {
    pub page_number: u64,
    pub total_pages: u64,
}

impl Paginated for Items {
    type Item = String;
    fn page_number(&self) -> Option<u64> {
        Some(self.meta.page_number)
    }
    fn total_pages(&self) -> Option<u64> {
        Some(self.meta.total_pages)
    }
    fn into_items(self) -> Vec<String> {
        self.data
    }
}

/// `Display` only: a named query falls back to it.
pub struct Region(&'static str);

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "region:{}", self.0)
    }
}

#[derive(Serialize)]
pub struct Login<'a> {
    pub user: &'a str,
    pub password: &'a str,
    pub scopes: &'a [&'a str],
    pub profile: Profile<'a>,
    pub otp: Option<u32>,
}

#[derive(Serialize)]
pub struct Profile<'a> {
    pub display_name: &'a str,
}

pub trait Accounts: ApiClient {
    #[endpoint(GET, "/accounts/{account}/items", paginate = "every_item")]
    async fn items(
        &self,
        account: &str,
        #[query("filter[kind]")] kind: Option<&str>,
        #[query] paging: &Paging,
        #[query("fields")] fields: &[&str],
        #[query("region")] region: Region,
        #[query("archived")] archived: Option<bool>,
    ) -> Result<Items>;

    #[endpoint(PUT, "/accounts/session", name = "open_session", api = "accounts")]
    async fn login(&self, #[form] login: &Login<'_>, #[query("v")] version: u8) -> Result<()>;

    #[endpoint(GET, "/accounts/slow", timeout = "150ms")]
    async fn slow(&self) -> Result<()>;

    #[endpoint(GET, "/accounts/patient", timeout = "2m")]
    async fn patient(&self) -> Result<()>;
}

impl Accounts for telnyx_porting::Client {}

#[tokio::test]
async fn named_queries_merge_with_the_struct_form_in_declaration_order() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(
        200,
        &json(r#"{"data":["a"],"meta":{"page_number":3,"total_pages":3}}"#),
    ));
    let paging = Paging {
        page: Some(PageParams { number: 3 }),
    };
    let page = client
        .items(
            "acct 1",
            Some("loa"),
            &paging,
            &["id", "status"],
            Region("eu west"),
            None,
        )
        .await;
    assert!(page.is_ok_and(|p| p.data == ["a"]));
    let request = only_request(&server);
    assert_eq!(request.path, "/v2/accounts/acct%201/items");
    assert_eq!(
        request.query.as_deref(),
        Some(
            "filter%5Bkind%5D=loa&page%5Bnumber%5D=3&fields=id%2Cstatus&region=region%3Aeu%20west"
        )
    );
}

#[tokio::test]
async fn a_walker_keeps_the_page_query_where_it_was_declared() {
    let (server, client) = mock().await;
    server.enqueue(MockResponse::json(
        200,
        &json(r#"{"data":["a","b"],"meta":{"page_number":1,"total_pages":2}}"#),
    ));
    server.enqueue(MockResponse::json(
        200,
        &json(r#"{"data":["c"],"meta":{"page_number":2,"total_pages":2}}"#),
    ));
    let all = client
        .every_item(
            "acct",
            None,
            &Paging::default(),
            &[],
            Region("us"),
            Some(true),
        )
        .collect_all()
        .await;
    assert_eq!(all.ok(), Some(vec!["a".into(), "b".into(), "c".into()]));
    let queries: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| r.query.unwrap_or_default())
        .collect();
    assert_eq!(
        queries,
        [
            "page%5Bnumber%5D=1&region=region%3Aus&archived=true",
            "page%5Bnumber%5D=2&region=region%3Aus&archived=true",
        ]
    );
}

#[tokio::test]
async fn a_bad_shared_argument_is_the_walks_one_error_and_nothing_is_sent() {
    let (server, client) = mock().await;
    let mut pages = client.every_item("", None, &Paging::default(), &[], Region("us"), None);
    assert!(matches!(
        pages.try_next().await,
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(pages.try_next().await, Ok(None)));
    assert_eq!(server.received(), 0);
}

#[tokio::test]
async fn a_form_body_is_form_encoded_and_resent_byte_for_byte() {
    let (server, _) = mock().await;
    let (client, waits) = fast_client(&server, |b| b);
    server.enqueue(MockResponse::json(503, &json(r#"{"errors":[]}"#)));
    server.enqueue(MockResponse::new(204));
    let login = Login {
        user: "ana maria",
        password: "p&ss=w+rd",
        scopes: &["read", "write"],
        profile: Profile {
            display_name: "Ana",
        },
        otp: None,
    };
    assert!(client.login(&login, 2).await.is_ok());
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_eq!(waits.lock().map(|w| w.len()).unwrap_or(0), 1);
    let expected =
        "user=ana+maria&password=p%26ss%3Dw%2Brd&scopes=read%2Cwrite&profile%5Bdisplay_name%5D=Ana";
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.path.as_str()),
            ("PUT", "/v2/accounts/session")
        );
        assert_eq!(request.query.as_deref(), Some("v=2"));
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(request.body_str(), Some(expected));
    }
}

/// Records the endpoint of every call that completes.
#[derive(Default)]
struct Names(Mutex<Vec<(&'static str, Option<&'static str>, &'static str)>>);

impl Hook for Names {
    fn on_complete(&self, outcome: &HookOutcome<'_>) {
        let e: &Endpoint = outcome.endpoint();
        if let Ok(mut names) = self.0.lock() {
            names.push((e.name(), e.api(), e.template()));
        }
    }
}

#[tokio::test]
async fn the_endpoint_knows_its_name_and_group() {
    let (server, _) = mock().await;
    let names = Arc::new(Names::default());
    let client = telnyx_porting::Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .hook(Arc::clone(&names))
        .build()
        .expect("client");
    server.enqueue(MockResponse::new(204));
    server.enqueue(MockResponse::json(
        200,
        &json(r#"{"data":[],"meta":{"page_number":1,"total_pages":1}}"#),
    ));
    let login = Login {
        user: "u",
        password: "p",
        scopes: &[],
        profile: Profile { display_name: "" },
        otp: Some(1),
    };
    assert!(client.login(&login, 1).await.is_ok());
    assert!(
        client
            .items("a", None, &Paging::default(), &[], Region("x"), None)
            .await
            .is_ok()
    );
    let names = names.0.lock().map(|n| n.clone()).unwrap_or_default();
    assert_eq!(
        names,
        [
            ("open_session", Some("accounts"), "/accounts/session"),
            ("items", None, "/accounts/{account}/items"),
        ]
    );
}

#[tokio::test]
async fn an_endpoint_timeout_overrides_the_client_and_a_call_timeout_wins_over_both() {
    let (server, client) = mock().await;
    let client = client.with_options(RequestOptions::new().max_retries(0));
    // The client's timeout is 60 s; the endpoint says 150 ms.
    server.enqueue(MockResponse::hang());
    let started = std::time::Instant::now();
    assert!(matches!(client.slow().await, Err(Error::Timeout(_))));
    assert!(started.elapsed() < Duration::from_secs(30));
    // The endpoint says 2 minutes; this call says 150 ms.
    server.enqueue(MockResponse::hang());
    let hurried = client.with_options(RequestOptions::new().timeout(Duration::from_millis(150)));
    let started = std::time::Instant::now();
    assert!(matches!(hurried.patient().await, Err(Error::Timeout(_))));
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(server.received(), 2);
}
