//! [`Call`]: what one run of an operation gets (client, ids, body, paging, printer), and the
//! helpers the generated commands call: typed ids and body, printing, and walking pages.

use std::cell::RefCell;
use std::rc::Rc;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use telnyx_porting::{Binary, Client, PageQuery, Pages, Paginated};

use crate::capture::RawBodies;
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

/// Everything one run of an [`Op`](super::Op) needs: the client (with the query flags already on it),
/// the ids and body from the flags, and where the answer goes.
pub(crate) struct Call {
    pub client: Client,
    pub ids: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    pub page: PageSelection,
    pub printer: Rc<RefCell<Printer>>,
    /// `--output` for binary answers.
    pub output: Option<String>,
    /// With `--format raw`: the hook gathering the bodies as received.
    pub raw: Option<RawBodies>,
    /// The query flags the call takes through its typed query: (flag, key, value).
    pub query: Vec<(&'static str, &'static str, String)>,
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

    /// The query flag for `key`, parsed into the type the library's typed query holds; `None`
    /// when not given.
    pub fn query_arg<T: FromStr>(&self, key: &str) -> Result<Option<T>, CliError>
    where
        T::Err: std::fmt::Display,
    {
        let Some((flag, _, value)) = self.query.iter().find(|(_, k, _)| *k == key) else {
            return Ok(None);
        };
        value
            .parse()
            .map(Some)
            .map_err(|e| CliError::usage(format!("--{flag} {value:?}: not a valid value ({e})")))
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

    /// Prints a JSON answer (with `raw`, its body as received).
    pub fn respond<T: Serialize>(&self, response: &T) -> Result<(), CliError> {
        if let Some(raw) = &self.raw {
            return self.print_raw(raw);
        }
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

    /// Prints the bodies the `--format raw` hook gathered since the last time.
    fn print_raw(&self, raw: &RawBodies) -> Result<(), CliError> {
        for body in raw.take() {
            self.printer.borrow_mut().raw_bytes(&body)?;
        }
        Ok(())
    }

    /// Prints the one page `--page-number` asked for (its items up to `--max-items`; with
    /// `raw`, its body).
    pub fn page<P>(&self, page: P) -> Result<(), CliError>
    where
        P: Paginated,
        P::Item: Serialize,
    {
        self.printer.borrow_mut().begin_list();
        if let Some(raw) = &self.raw {
            return self.print_raw(raw);
        }
        let max = self.page.max_items.unwrap_or(u64::MAX);
        let max = usize::try_from(max).unwrap_or(usize::MAX);
        for item in page.into_items().into_iter().take(max) {
            let value = serde_json::to_value(&item).map_err(CliError::other)?;
            self.printer.borrow_mut().item(&value)?;
        }
        Ok(())
    }

    /// Walks every page through the library's walker (`list_all`), printing items as they
    /// come and stopping at `--max-items`; with `raw`, each page's body as it arrives.
    pub async fn walk<Q, P>(&self, mut pages: Pages<'static, Q, P>) -> Result<(), CliError>
    where
        Q: PageQuery,
        P: Paginated,
        P::Item: Serialize,
    {
        let max = self.page.max_items.unwrap_or(u64::MAX);
        self.printer.borrow_mut().begin_list();
        let mut seen = 0u64;
        // Bounded: the library caps the walk at DEFAULT_MAX_PAGES pages.
        while seen < max {
            let next = pages.try_next().await;
            if let Some(raw) = &self.raw {
                self.print_raw(raw)?;
            }
            let Some(item) = next? else { break };
            seen += 1;
            if self.raw.is_none() {
                let value = serde_json::to_value(&item).map_err(CliError::other)?;
                self.printer.borrow_mut().item(&value)?;
            }
        }
        Ok(())
    }
}
