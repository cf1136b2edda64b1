//! `/porting_orders`: moving phone numbers from another carrier to Telnyx.

use crate::models::{CreatePortingOrder, Data, PortingOrder};
use crate::{ApiClient, Client, Result, endpoint};

/// Porting orders: requests to move phone numbers from their current carrier to Telnyx.
pub trait PortingOrders: ApiClient {
    /// Creates a porting order for the given numbers (`POST /porting_orders`).
    ///
    /// The API may split one request into several orders (by carrier or number type, say), so
    /// the answer is a list: `created.data` holds every order created, each in `draft` status.
    ///
    /// The order is checked before anything is sent (see [`CreatePortingOrder`]'s
    /// [`Validate`](crate::Validate) impl): at least one number, every number +E.164, no
    /// duplicates. A violation is an [`Error::InvalidInput`](crate::Error::InvalidInput)
    /// naming the index and the value. The API answers `422` for what it refuses itself.
    #[endpoint(POST, "/porting_orders")]
    async fn create(&self, #[body] order: &CreatePortingOrder) -> Result<Data<Vec<PortingOrder>>>;
}

/// The handle [`Client::porting_orders`] returns; it implements [`PortingOrders`].
#[derive(Debug, Clone, Copy)]
pub struct PortingOrdersApi<'a> {
    client: &'a Client,
}

impl<'a> PortingOrdersApi<'a> {
    /// A handle on `client`.
    pub fn new(client: &'a Client) -> Self {
        PortingOrdersApi { client }
    }
}

impl ApiClient for PortingOrdersApi<'_> {
    fn api_client(&self) -> &Client {
        self.client
    }
}

impl PortingOrders for PortingOrdersApi<'_> {}
