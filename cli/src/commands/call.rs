//! [`Call`]: what one run of an operation gets (client, ids, body, paging, printer), and the
//! helpers the generated commands call: typed ids and body, printing, and walking pages.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use telnyx_porting::{Binary, Client, PageQuery, Paginated, Stream};

use crate::errors::CliError;
use crate::output::Printer;

/// Which pages a list command walks.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PageSelection {
    /// `--page-size`.
    pub size: Option<u64>,
    /// `--page-number`: that page only.
    pub number: Option<u64>,
    /// `--max-items`.
    pub max_items: Option<u64>,
}

/// Everything one run of an [`Op`] needs: the client (with the query flags already on it),
/// the ids and body from the flags, and where the answer goes.
pub(crate) struct Call {
    pub client: Client,
    pub ids: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    pub page: PageSelection,
    pub printer: Rc<RefCell<Printer>>,
    /// `--output` for binary answers.
    pub output: Option<String>,
}

impl Call {
    /// Path id number `index`, parsed into the type the library takes.
    pub fn id<T: FromStr>(&self, index: usize) -> Result<T, CliError>
    where
        T::Err: std::fmt::Display,
    {
        let (flag, value) = self
            .ids
            .get(index)
            .ok_or_else(|| CliError::usage("an id is missing"))?;
        value
            .parse()
            .map_err(|e| CliError::usage(format!("--{flag} {value:?}: not a valid id ({e})")))
    }

    /// The body from the flags and `--data`, decoded into the library's request type.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, CliError> {
        let value = self
            .body
            .clone()
            .unwrap_or_else(|| serde_json::Value::Object(Default::default()));
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." {
                CliError::usage(format!("the request body: {inner}"))
            } else {
                CliError::usage(format!("the request body, at {path}: {inner}"))
            }
        })
    }

    /// Prints a JSON answer.
    pub fn respond<T: Serialize>(&self, response: &T) -> Result<(), CliError> {
        let value = serde_json::to_value(response).map_err(CliError::other)?;
        self.printer.borrow_mut().response(value)
    }

    /// Writes a binary answer to `--output`.
    pub fn binary(&self, binary: Binary) -> Result<(), CliError> {
        crate::output::write_binary(self.output.as_deref(), &binary.into_bytes())
    }

    /// `query` with `--page-size` and `--page-number` applied.
    pub fn page_query<Q: PageQuery>(&self, query: Q, with_size: impl FnOnce(Q, u64) -> Q) -> Q {
        let mut query = match self.page.size {
            Some(size) => with_size(query, size),
            None => query,
        };
        if let Some(number) = self.page.number {
            query.set_page_number(number);
        }
        query
    }

    /// Walks the pages (or fetches the one `--page-number` names), printing items as they
    /// come and stopping at `--max-items`.
    pub async fn walk<Q, P, F, Fut>(&self, query: Q, mut fetch: F) -> Result<(), CliError>
    where
        Q: PageQuery + Send,
        P: Paginated + Serialize,
        P::Item: Serialize,
        F: FnMut(Q) -> Fut + Send,
        Fut: Future<Output = telnyx_porting::Result<P>> + Send,
    {
        let max = self.page.max_items.unwrap_or(u64::MAX);
        let raw = self.printer.borrow().is_raw();
        self.printer.borrow_mut().begin_list();
        if raw || self.page.number.is_some() {
            // Page by page: `raw` prints each page's body, `--page-number` wants one page.
            let mut query = query;
            let mut number = query.page_number().unwrap_or(1);
            let mut seen = 0u64;
            for _ in 0..telnyx_porting::DEFAULT_MAX_PAGES {
                query.set_page_number(number);
                let page = fetch(query.clone()).await?;
                let current = page.page_number().unwrap_or(number);
                let total = page.total_pages();
                if raw {
                    let value = serde_json::to_value(&page).map_err(CliError::other)?;
                    self.printer.borrow_mut().raw(&value)?;
                }
                let items = page.into_items();
                let empty = items.is_empty();
                for item in items {
                    if seen >= max {
                        break;
                    }
                    seen += 1;
                    if !raw {
                        let value = serde_json::to_value(&item).map_err(CliError::other)?;
                        self.printer.borrow_mut().item(&value)?;
                    }
                }
                let last = empty || total.is_none_or(|t| current >= t) || current != number;
                if self.page.number.is_some() || last || seen >= max {
                    break;
                }
                number = current + 1;
            }
            return Ok(());
        }
        let mut pages = telnyx_porting::paginate(query, fetch);
        let mut seen = 0u64;
        // Bounded: the library caps the walk at DEFAULT_MAX_PAGES pages.
        while seen < max {
            let next = std::future::poll_fn(|cx| Pin::new(&mut pages).poll_next(cx)).await;
            let Some(item) = next else { break };
            let value = serde_json::to_value(&item?).map_err(CliError::other)?;
            self.printer.borrow_mut().item(&value)?;
            seen += 1;
        }
        Ok(())
    }
}
