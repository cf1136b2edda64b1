//! Auto-pagination (the generated `client.porting_orders().list_all(..)`, and the free
//! `paginate` over `list`) against a loopback
//! `MockServer` scripted page by page: every item in order, the exact `page[number]` of each
//! request, and the walk ending on the last page, on an empty page, on a `total_pages` that
//! lies, on a server that ignores the page number, at `max_pages`, and on an error; a page size
//! outside 1..=250 is refused before anything is sent.

use serde_json::{Value, json};
use telnyx_porting::models::{
    ListCommentsQuery, ListPortingOrdersQuery, Page, PortingOrder, PortingOrderId,
};
use telnyx_porting::prelude::*;
use telnyx_porting::{Client, Result, paginate};
use telnyx_porting_tests::{MockResponse, MockServer, mock};

/// The id of the `n`th order the server knows.
fn id(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn order_id(n: u64) -> PortingOrderId {
    match id(n).parse() {
        Ok(id) => id,
        Err(e) => panic!("bad id: {e}"),
    }
}

/// A page of `GET /porting_orders`: orders `items`, saying it is page `number` of
/// `total_pages` (left out when `None`) of 2 items each.
fn page(
    number: u64,
    total_pages: Option<u64>,
    items: impl IntoIterator<Item = u64>,
) -> MockResponse {
    let data: Vec<Value> = items
        .into_iter()
        .map(|n| {
            json!({
                "id": id(n),
                "customer_reference": format!("ref-{n}"),
                "status": {"value": "draft", "details": []},
                "record_type": "porting_order",
            })
        })
        .collect();
    let mut meta = json!({"page_number": number, "page_size": 2});
    if let Some(total) = total_pages {
        meta["total_pages"] = json!(total);
        meta["total_results"] = json!(total * 2);
    }
    MockResponse::json(200, &json!({"data": data, "meta": meta}))
}

/// Walks every page of `GET /porting_orders` for `query` (with at most `max_pages`), through
/// the walker `paginate` in the attribute generates.
async fn walk(
    client: &Client,
    query: ListPortingOrdersQuery,
    max_pages: Option<u64>,
) -> Result<Vec<PortingOrder>> {
    let pages = client.porting_orders().list_all(&query);
    match max_pages {
        Some(max) => pages.max_pages(max).collect_all().await,
        None => pages.collect_all().await,
    }
}

/// The raw query of each request the server received, in order.
fn queries(server: &MockServer) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .map(|r| {
            assert_eq!(
                (r.method.as_str(), r.path.as_str()),
                ("GET", "/v2/porting_orders")
            );
            r.query.unwrap_or_default()
        })
        .collect()
}

/// The query of page `n` of 2 items.
fn page_query(n: u64) -> String {
    format!("page%5Bnumber%5D={n}&page%5Bsize%5D=2")
}

fn ids(orders: &[PortingOrder]) -> Vec<Option<PortingOrderId>> {
    orders.iter().map(|o| o.id).collect()
}

fn expected_ids(ns: impl IntoIterator<Item = u64>) -> Vec<Option<PortingOrderId>> {
    ns.into_iter().map(|n| Some(order_id(n))).collect()
}

#[tokio::test]
async fn walks_three_pages_in_order_keeping_the_filter() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(3), [1, 2]));
    server.enqueue(page(2, Some(3), [3, 4]));
    server.enqueue(page(3, Some(3), [5, 6]));
    let query = ListPortingOrdersQuery::new()
        .page(1, 2)
        .filter_customer_reference("abc");
    let orders = match walk(&client, query, None).await {
        Ok(orders) => orders,
        Err(e) => panic!("the walk failed: {e:?}"),
    };
    assert_eq!(ids(&orders), expected_ids(1..=6));
    let references: Vec<_> = orders
        .iter()
        .map(|o| o.customer_reference.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        references,
        ["ref-1", "ref-2", "ref-3", "ref-4", "ref-5", "ref-6"]
    );
    assert_eq!(
        queries(&server),
        (1..=3)
            .map(|n| format!("{}&filter%5Bcustomer_reference%5D=abc", page_query(n)))
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn starts_at_the_page_of_the_query() {
    let (server, client) = mock().await;
    server.enqueue(page(2, Some(3), [3, 4]));
    server.enqueue(page(3, Some(3), [5, 6]));
    let orders = walk(&client, ListPortingOrdersQuery::new().page(2, 2), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&orders), expected_ids(3..=6));
    assert_eq!(queries(&server), [page_query(2), page_query(3)]);
}

#[tokio::test]
async fn a_query_without_a_page_starts_at_page_one() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(1), [1]));
    let orders = walk(&client, ListPortingOrdersQuery::new(), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&orders), expected_ids([1]));
    assert_eq!(queries(&server), ["page%5Bnumber%5D=1"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_walk() {
    let (server, client) = mock().await;
    // No total_pages at all: only the empty page says the list is over.
    server.enqueue(page(1, None, [1, 2]));
    server.enqueue(page(2, None, [3, 4]));
    server.enqueue(page(3, None, []));
    server.enqueue(page(4, None, [7, 8])); // must never be asked for
    let orders = walk(&client, ListPortingOrdersQuery::new().page(1, 2), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&orders), expected_ids(1..=4));
    assert_eq!(
        queries(&server),
        [page_query(1), page_query(2), page_query(3)]
    );
}

#[tokio::test]
async fn an_empty_first_page_is_an_empty_list() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(0), []));
    let orders = walk(&client, ListPortingOrdersQuery::new().page(1, 2), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(orders.is_empty());
    assert_eq!(queries(&server), [page_query(1)]);
}

#[tokio::test]
async fn a_total_that_lies_stops_at_the_first_empty_page() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(1000), [1, 2]));
    server.enqueue(page(2, Some(1000), [3, 4]));
    server.enqueue(page(3, Some(1000), []));
    server.enqueue(page(4, Some(1000), [7, 8])); // must never be asked for
    let orders = walk(&client, ListPortingOrdersQuery::new().page(1, 2), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&orders), expected_ids(1..=4));
    assert_eq!(
        queries(&server),
        [page_query(1), page_query(2), page_query(3)]
    );
}

#[tokio::test]
async fn a_server_that_always_answers_page_one_stops_after_two_requests() {
    let (server, client) = mock().await;
    for _ in 0..5 {
        server.enqueue(page(1, Some(9), [1, 2]));
    }
    let orders = walk(&client, ListPortingOrdersQuery::new().page(1, 2), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    // The repeat of page 1 is dropped, not yielded twice.
    assert_eq!(ids(&orders), expected_ids([1, 2]));
    assert_eq!(queries(&server), [page_query(1), page_query(2)]);
}

#[tokio::test]
async fn max_pages_bounds_a_never_ending_server() {
    let (server, client) = mock().await;
    for n in 1..=8 {
        server.enqueue(page(n, Some(1_000_000), [2 * n - 1, 2 * n]));
    }
    let orders = walk(&client, ListPortingOrdersQuery::new().page(1, 2), Some(5))
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&orders), expected_ids(1..=10));
    assert_eq!(
        queries(&server),
        (1..=5).map(page_query).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn an_error_mid_walk_is_returned_and_ends_the_walk() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(3), [1, 2]));
    // 422 is never retried, so the server sees the failing request once.
    server.enqueue(MockResponse::json(
        422,
        &json!({"errors": [{"code": "10015", "title": "Invalid page", "detail": "page[number] is out of range"}]}),
    ));
    server.enqueue(page(3, Some(3), [5, 6])); // must never be asked for
    let err = match walk(&client, ListPortingOrdersQuery::new().page(1, 2), None).await {
        Ok(orders) => panic!("expected an error, got {} orders", orders.len()),
        Err(e) => e,
    };
    assert!(err.is_unprocessable(), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(err.api_errors()[0].title.as_deref(), Some("Invalid page"));
    assert_eq!(queries(&server), [page_query(1), page_query(2)]);
}

#[tokio::test]
async fn a_page_that_does_not_decode_is_an_error() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(2), [1]));
    server.enqueue(MockResponse::json(200, &json!({"data": "not a list"})));
    let err = match walk(&client, ListPortingOrdersQuery::new().page(1, 2), None).await {
        Ok(orders) => panic!("expected an error, got {} orders", orders.len()),
        Err(e) => e,
    };
    assert!(err.is_decode(), "{err:?}");
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_page_size_out_of_range_is_refused_before_sending() {
    for size in [0, 251] {
        let (server, client) = mock().await;
        server.enqueue(page(1, Some(1), [1]));
        let query = ListPortingOrdersQuery::new().page_size(size);
        let err = match walk(&client, query, None).await {
            Ok(orders) => panic!("page[size]={size} was accepted: {} orders", orders.len()),
            Err(e) => e,
        };
        assert!(err.is_invalid_input(), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains("page[size]") && text.contains(&size.to_string()),
            "{text}"
        );
        assert_eq!(server.received(), 0, "page[size]={size} was sent");
    }
}

#[tokio::test]
async fn the_largest_page_size_is_sent() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(1), [1]));
    walk(&client, ListPortingOrdersQuery::new().page(1, 250), None)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(queries(&server), ["page%5Bnumber%5D=1&page%5Bsize%5D=250"]);
}

#[tokio::test]
async fn one_page_without_paginate_is_the_page_as_sent() {
    // The plain list call returns the page with its meta (what `paginate` walks on).
    let (server, client) = mock().await;
    server.enqueue(page(2, Some(3), [3, 4]));
    let query = ListPortingOrdersQuery::new().page(2, 2);
    let page: Page<PortingOrder> = client
        .porting_orders()
        .list(&query)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(ids(&page), expected_ids([3, 4]));
    let meta = page.meta.as_ref().expect("meta");
    assert_eq!((meta.page_number, meta.total_pages), (Some(2), Some(3)));
    assert_eq!(queries(&server), [page_query(2)]);
}

#[tokio::test]
async fn the_free_paginate_walks_the_same_pages_read_with_try_next() {
    let (server, client) = mock().await;
    server.enqueue(page(1, Some(2), [1, 2]));
    server.enqueue(page(2, Some(2), [3]));
    let mut pages = paginate(ListPortingOrdersQuery::new().page(1, 2), |q| {
        let c = client.clone();
        async move { c.porting_orders().list(&q).await }
    });
    let mut seen = Vec::new();
    // Bounded: the server has two pages, and the walk stops after the last.
    for _ in 0..10 {
        match pages.try_next().await {
            Ok(Some(order)) => seen.push(order.id),
            Ok(None) => break,
            Err(e) => panic!("the walk failed: {e:?}"),
        }
    }
    assert_eq!(seen, expected_ids(1..=3));
    // Over: no more requests, and `try_next` keeps saying so.
    assert!(matches!(pages.try_next().await, Ok(None)));
    assert_eq!(queries(&server), [page_query(1), page_query(2)]);
}

#[tokio::test]
async fn a_walker_with_a_path_parameter_fills_the_path_once_and_pages_the_query() {
    let (server, client) = mock().await;
    let comment =
        |n: u64| json!({"id": id(n), "body": format!("c{n}"), "record_type": "porting_comment"});
    server.enqueue(MockResponse::json(
        200,
        &json!({"data": [comment(1)], "meta": {"page_number": 1, "total_pages": 2}}),
    ));
    server.enqueue(MockResponse::json(
        200,
        &json!({"data": [comment(2)], "meta": {"page_number": 2, "total_pages": 2}}),
    ));
    // The walk outlives the handles it was made from.
    let mut pages = client
        .porting_orders()
        .comments()
        .list_all(order_id(9), &ListCommentsQuery::new().page_size(1));
    let mut bodies = Vec::new();
    while let Some(c) = pages.try_next().await.transpose() {
        match c {
            Ok(c) => bodies.push(c.body.unwrap_or_default()),
            Err(e) => panic!("{e:?}"),
        }
        assert!(bodies.len() <= 2, "the walk did not stop");
    }
    assert_eq!(bodies, ["c1", "c2"]);
    let requests: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|r| (r.path, r.query.unwrap_or_default()))
        .collect();
    let path = format!("/v2/porting_orders/{}/comments", id(9));
    assert_eq!(
        requests,
        [
            (
                path.clone(),
                "page%5Bnumber%5D=1&page%5Bsize%5D=1".to_owned()
            ),
            (path, "page%5Bnumber%5D=2&page%5Bsize%5D=1".to_owned()),
        ]
    );
}
