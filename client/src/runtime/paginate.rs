//! Auto-pagination: a [`Stream`] of items that fetches pages lazily.
//!
//! A list endpoint stays one `#[endpoint]` method returning a page type that implements
//! [`Paginated`]; its query type implements [`PageQuery`] (the one small marker: how to set
//! the page number). [`paginate`] then walks the pages:
//!
//! - the first request uses the query's page number (1 when unset; an invalid one, such as
//!   0, fails the query's validation like any other call);
//! - the next page is requested while `page_number < total_pages`;
//! - an empty page ends the walk, and so does a page whose number is not the one requested
//!   (a server that ignores the parameter would otherwise repeat itself forever; that page's
//!   items, repeats, are dropped);
//! - at most [`DEFAULT_MAX_PAGES`] pages are fetched (settable with [`Pages::max_pages`]), so
//!   a `total_pages` that lies cannot keep the walk going forever;
//! - an error is yielded once and ends the walk.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::error::Result;

/// The most pages [`paginate`] fetches unless told otherwise.
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// A page of a list response: its items and where it stands.
pub trait Paginated {
    /// The type of one item.
    type Item;
    /// The number of this page (`meta.page_number`), when the server said.
    fn page_number(&self) -> Option<u64>;
    /// How many pages there are (`meta.total_pages`), when the server said.
    fn total_pages(&self) -> Option<u64>;
    /// The items, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A list query that can ask for a given page: the marker a paginated endpoint's `#[query]`
/// type carries.
pub trait PageQuery: Clone {
    /// The page this query asks for, if set (`page[number]`).
    fn page_number(&self) -> Option<u64>;
    /// Asks for page `number` instead.
    fn set_page_number(&mut self, number: u64);
}

/// Walks every page of a list endpoint, lazily: `fetch` is called with the query for each page
/// as the stream is polled.
///
/// ```
/// use telnyx_porting::{endpoint, paginate, ApiClient, PageQuery, Paginated, Result};
///
/// #[derive(Clone, Default, serde::Serialize)]
/// pub struct ListWidgets { pub page: Option<PageParams> }
/// #[derive(Clone, Copy, serde::Serialize)]
/// pub struct PageParams { pub number: u64, pub size: u64 }
///
/// impl PageQuery for ListWidgets {
///     fn page_number(&self) -> Option<u64> { self.page.map(|p| p.number) }
///     fn set_page_number(&mut self, number: u64) {
///         let size = self.page.map_or(20, |p| p.size);
///         self.page = Some(PageParams { number, size });
///     }
/// }
///
/// #[derive(serde::Deserialize)]
/// pub struct WidgetPage { pub data: Vec<String>, pub meta: Meta }
/// #[derive(serde::Deserialize)]
/// pub struct Meta { pub page_number: u64, pub total_pages: u64 }
///
/// impl Paginated for WidgetPage {
///     type Item = String;
///     fn page_number(&self) -> Option<u64> { Some(self.meta.page_number) }
///     fn total_pages(&self) -> Option<u64> { Some(self.meta.total_pages) }
///     fn into_items(self) -> Vec<String> { self.data }
/// }
///
/// pub trait Widgets: ApiClient {
///     #[endpoint(GET, "/widgets")]
///     async fn list(&self, #[query] query: &ListWidgets) -> Result<WidgetPage>;
/// }
/// impl Widgets for telnyx_porting::Client {}
///
/// # async fn run(client: telnyx_porting::Client) -> Result<()> {
/// let all: Vec<String> = paginate(ListWidgets::default(), |q| {
///     let client = client.clone();
///     async move { client.list(&q).await }
/// })
/// .collect_all()
/// .await?;
/// # Ok(()) }
/// ```
pub fn paginate<Q, P, F, Fut>(query: Q, fetch: F) -> Pages<Q, P, F, Fut>
where
    Q: PageQuery,
    P: Paginated,
    F: FnMut(Q) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    let next = query.page_number().unwrap_or(1);
    Pages {
        query,
        fetch,
        in_flight: None,
        buffer: VecDeque::new(),
        next: Some(next),
        fetched: 0,
        max_pages: DEFAULT_MAX_PAGES,
    }
}

/// The stream [`paginate`] returns. Items come out in order; an error ends it.
pub struct Pages<Q, P: Paginated, F, Fut> {
    query: Q,
    fetch: F,
    in_flight: Option<(u64, Pin<Box<Fut>>)>,
    buffer: VecDeque<P::Item>,
    /// The page to fetch next; `None` once the walk is over.
    next: Option<u64>,
    fetched: u64,
    max_pages: u64,
}

// Nothing inside is ever pinned in place (the in-flight future is boxed), so moving a `Pages`
// is always fine.
impl<Q, P: Paginated, F, Fut> Unpin for Pages<Q, P, F, Fut> {}

impl<Q, P, F, Fut> Pages<Q, P, F, Fut>
where
    Q: PageQuery,
    P: Paginated,
    F: FnMut(Q) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    /// Fetches at most `pages` pages (10,000 by default).
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// Every item of every page, or the first error.
    pub async fn collect_all(mut self) -> Result<Vec<P::Item>> {
        let mut all = Vec::new();
        // Each round yields an item or ends; the walk itself is bounded by `max_pages`.
        while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_next(cx)).await {
            all.push(item?);
        }
        Ok(all)
    }

    /// Takes in a fetched page and decides what comes next.
    fn accept(&mut self, requested: u64, page: P) {
        self.fetched += 1;
        let current = page.page_number().unwrap_or(requested);
        if current != requested {
            // Not the page asked for (a server ignoring the parameter): its items would be
            // repeats, and asking again would loop.
            self.next = None;
            return;
        }
        let total = page.total_pages();
        let items = page.into_items();
        let more = !items.is_empty()
            && total.is_none_or(|total| current < total)
            && self.fetched < self.max_pages;
        self.buffer.extend(items);
        self.next = more.then(|| current.saturating_add(1));
    }
}

impl<Q, P, F, Fut> Stream for Pages<Q, P, F, Fut>
where
    Q: PageQuery,
    P: Paginated,
    F: FnMut(Q) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    type Item = Result<P::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        // Bounded: each turn either returns or moves a page from "to fetch" to "in flight" to
        // "buffered", and the number of pages is capped.
        for _ in 0..3 {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some((requested, fut)) = this.in_flight.as_mut() {
                let requested = *requested;
                let outcome = match fut.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(outcome) => outcome,
                };
                this.in_flight = None;
                match outcome {
                    Ok(page) => this.accept(requested, page),
                    Err(e) => {
                        this.next = None;
                        return Poll::Ready(Some(Err(e)));
                    }
                }
                continue;
            }
            match this.next.take() {
                Some(number) => {
                    let mut query = this.query.clone();
                    query.set_page_number(number);
                    this.in_flight = Some((number, Box::pin((this.fetch)(query))));
                }
                None => return Poll::Ready(None),
            }
        }
        // Three turns always end in a return above; this keeps the function total.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::ready;

    #[derive(Clone, Default)]
    struct Query(Option<u64>);
    impl PageQuery for Query {
        fn page_number(&self) -> Option<u64> {
            self.0
        }
        fn set_page_number(&mut self, number: u64) {
            self.0 = Some(number);
        }
    }

    struct Page {
        number: Option<u64>,
        total: Option<u64>,
        items: Vec<u64>,
    }
    impl Paginated for Page {
        type Item = u64;
        fn page_number(&self) -> Option<u64> {
            self.number
        }
        fn total_pages(&self) -> Option<u64> {
            self.total
        }
        fn into_items(self) -> Vec<u64> {
            self.items
        }
    }

    fn run<F>(query: Query, max: u64, mut server: F) -> (Vec<u64>, Vec<u64>)
    where
        F: FnMut(u64) -> Page,
    {
        let mut asked = Vec::new();
        let items = {
            let asked = &mut asked;
            let pages = paginate(query, |q: Query| {
                let n = q.0.unwrap_or(0);
                asked.push(n);
                ready(Ok(server(n)))
            })
            .max_pages(max);
            block_on(pages.collect_all())
        };
        (items.unwrap_or_default(), asked)
    }

    fn block_on<T>(fut: impl Future<Output = T>) -> T {
        let rt = tokio::runtime::Builder::new_current_thread().build();
        match rt {
            Ok(rt) => rt.block_on(fut),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn walks_until_the_last_page() {
        let (items, asked) = run(Query::default(), 100, |n| Page {
            number: Some(n),
            total: Some(3),
            items: vec![n * 10, n * 10 + 1],
        });
        assert_eq!(asked, [1, 2, 3]);
        assert_eq!(items, [10, 11, 20, 21, 30, 31]);
    }

    #[test]
    fn starts_at_the_query_page_and_stops_on_an_empty_page() {
        let (items, asked) = run(Query(Some(4)), 100, |n| Page {
            number: Some(n),
            total: None,
            items: if n < 6 { vec![n] } else { vec![] },
        });
        assert_eq!(asked, [4, 5, 6]);
        assert_eq!(items, [4, 5]);
    }

    #[test]
    fn a_lying_total_cannot_loop_forever() {
        // The server says there are a million pages and never runs dry.
        let (items, asked) = run(Query::default(), 50, |n| Page {
            number: Some(n),
            total: Some(1_000_000),
            items: vec![n],
        });
        assert_eq!(asked.len(), 50);
        assert_eq!(items.len(), 50);
        // A server that ignores the page number repeats page 1: its repeat is dropped.
        let (items, asked) = run(Query::default(), 50, |_| Page {
            number: Some(1),
            total: Some(9),
            items: vec![1],
        });
        assert_eq!((items, asked), (vec![1], vec![1, 2]));
    }

    #[test]
    fn an_error_ends_the_walk() {
        let mut asked = 0;
        let pages = paginate(Query::default(), |q: Query| {
            asked += 1;
            ready(if q.0 == Some(2) {
                Err(crate::Error::invalid_input("page", "2", "boom"))
            } else {
                Ok(Page {
                    number: q.0,
                    total: Some(5),
                    items: vec![1],
                })
            })
        });
        assert!(block_on(pages.collect_all()).is_err());
        assert_eq!(asked, 2);
    }
}
