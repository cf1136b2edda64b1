//! The Telnyx porting API, declared as `#[endpoint]` traits.
//!
//! Each resource is a trait whose methods are endpoints, reached through a small handle on
//! the [`Client`]: `client.porting_orders()` gives a [`PortingOrdersApi`], which implements
//! [`PortingOrders`]. Bring the traits into scope with `use telnyx_porting::prelude::*;`.
//! This module knows nothing of HTTP libraries: the runtime does the sending.

mod porting_orders;

pub use porting_orders::{PortingOrders, PortingOrdersApi};

use crate::Client;

impl Client {
    /// The porting-orders resource: create porting orders (`POST /porting_orders`).
    ///
    /// ```no_run
    /// use telnyx_porting::prelude::*;
    /// use telnyx_porting::models::CreatePortingOrder;
    ///
    /// # async fn run() -> telnyx_porting::Result<()> {
    /// let client = telnyx_porting::Client::from_env()?;
    /// let order = CreatePortingOrder::new(["+13035550000", "+13035550001"]);
    /// let created = client.porting_orders().create(&order).await?;
    /// for order in &created.data {
    ///     println!("{:?} {:?}", order.id, order.status_value());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn porting_orders(&self) -> PortingOrdersApi<'_> {
        PortingOrdersApi::new(self)
    }
}
