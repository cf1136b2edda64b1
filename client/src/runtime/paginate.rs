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
//!
//! Endpoints declared with `#[endpoint(GET, "/widgets", paginate)]` get a walker next to
//! them (`list` → `list_all`), built on [`pages`]: no closure to write.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::Serialize;

use super::call::send;
use super::client::Client;
use super::decode::FromResponse;
use super::error::{Error, Result};
use super::request::Request;

/// The future of one page.
type PageFuture<'a, P> = Pin<Box<dyn Future<Output = Result<P>> + Send + 'a>>;
/// How a [`Pages`] fetches the page its query asks for.
type Fetch<'a, Q, P> = Box<dyn FnMut(Q) -> PageFuture<'a, P> + Send + 'a>;

/// The most pages [`paginate`] fetches unless told otherwise.
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

/// A page of a list response: its items and where it stands.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a page: `paginate` needs the endpoint to return a type implementing `telnyx_porting::Paginated`",
    note = "implement `Paginated` for `{Self}` (its items, `page_number`, `total_pages`), or drop `paginate`"
)]
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
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot ask for a page: `paginate` needs its `#[query]` type to implement `telnyx_porting::PageQuery`",
    note = "implement `PageQuery` for `{Self}` (`page_number`, `set_page_number`), or drop `paginate`"
)]
pub trait PageQuery: Clone {
    /// The page this query asks for, if set (`page[number]`).
    fn page_number(&self) -> Option<u64>;
    /// Asks for page `number` instead.
    fn set_page_number(&mut self, number: u64);
}

/// Walks every page of a list endpoint, lazily: `fetch` is called with the query for each page
/// as the stream is polled. For endpoints of your own, `paginate` in the `#[endpoint]`
/// attribute writes this for you (see [`endpoint`](crate::endpoint)); this function is for
/// the other cases.
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
/// let mut pages = paginate(ListWidgets::default(), |q| {
///     let client = client.clone();
///     async move { client.list(&q).await }
/// });
/// // No extra crate needed to read it item by item.
/// while let Some(widget) = pages.try_next().await? {
///     println!("{widget}");
/// }
/// # Ok(()) }
/// ```
pub fn paginate<'a, Q, P, F, Fut>(query: Q, mut fetch: F) -> Pages<'a, Q, P>
where
    Q: PageQuery,
    P: Paginated,
    F: FnMut(Q) -> Fut + Send + 'a,
    Fut: Future<Output = Result<P>> + Send + 'a,
{
    Pages::new(query, Box::new(move |q| Box::pin(fetch(q))), None)
}

/// The walker `#[endpoint(.., paginate)]` generates calls this: `base` is the request with
/// every argument but the page query, whose pairs `fill` adds at `mark` for each page. The
/// walk holds a clone of the client (two reference counts), so it outlives the handle it was
/// made from.
#[doc(hidden)]
pub fn pages<Q, P>(
    client: &Client,
    mut base: Request,
    mark: usize,
    query: Q,
    fill: fn(&mut Request, &Q),
) -> Pages<'static, Q, P>
where
    Q: PageQuery + Serialize + Send + 'static,
    P: Paginated + FromResponse + Send + 'static,
{
    // A mistake in the shared arguments is the walk's one item.
    let error = base.take_error();
    let client = client.clone();
    let fetch: Fetch<'static, Q, P> = Box::new(move |q: Q| {
        let request = base.clone().with_page_query(mark, |r| fill(r, &q));
        let client = client.clone();
        Box::pin(async move { send::<P>(&client, request).await })
    });
    Pages::new(query, fetch, error)
}

/// Every item of every page of a list endpoint, fetched lazily: the stream [`paginate`] and
/// the generated `…_all` walkers return. Items come out in order; an error is yielded once and
/// ends it.
///
/// Read it with [`try_next`](Pages::try_next) (no other crate needed), gather it with
/// [`collect_all`](Pages::collect_all), or use it as a [`Stream`].
pub struct Pages<'a, Q, P: Paginated> {
    query: Q,
    fetch: Fetch<'a, Q, P>,
    in_flight: Option<(u64, PageFuture<'a, P>)>,
    buffer: VecDeque<P::Item>,
    /// The page to fetch next; `None` once the walk is over.
    next: Option<u64>,
    /// An error to yield before anything is fetched.
    error: Option<Error>,
    fetched: u64,
    max_pages: u64,
}

// Nothing inside is ever pinned in place (the in-flight future is boxed), so moving a `Pages`
// is always fine.
impl<Q, P: Paginated> Unpin for Pages<'_, Q, P> {}

impl<'a, Q: PageQuery, P: Paginated> Pages<'a, Q, P> {
    fn new(query: Q, fetch: Fetch<'a, Q, P>, error: Option<Error>) -> Self {
        let next = query.page_number().unwrap_or(1);
        Pages {
            query,
            fetch,
            in_flight: None,
            buffer: VecDeque::new(),
            next: Some(next),
            error,
            fetched: 0,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Fetches at most `pages` pages (10,000 by default).
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// The next item, `Ok(None)` once every page was read, fetching the next page when the
    /// current one is used up.
    ///
    /// # Errors
    ///
    /// Whatever the page's call failed with ([`Error::Api`], [`Error::Timeout`],
    /// [`Error::InvalidInput`] for a query that does not validate, ...); the walk ends there
    /// and the next call returns `Ok(None)`.
    pub async fn try_next(&mut self) -> Result<Option<P::Item>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// Every item of every page, in order.
    ///
    /// # Errors
    ///
    /// The first error a page's call fails with (see [`try_next`](Pages::try_next)); the items
    /// read before it are dropped.
    pub async fn collect_all(mut self) -> Result<Vec<P::Item>> {
        let mut all = Vec::new();
        // Each round yields an item or ends; the walk itself is bounded by `max_pages`.
        while let Some(item) = self.try_next().await? {
            all.push(item);
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

impl<Q: PageQuery, P: Paginated> Stream for Pages<'_, Q, P> {
    type Item = Result<P::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(error) = this.error.take() {
            this.next = None;
            return Poll::Ready(Some(Err(error)));
        }
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
                    this.in_flight = Some((number, (this.fetch)(query)));
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
        F: FnMut(u64) -> Page + Send,
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
