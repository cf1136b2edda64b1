//! The transport: client, configuration, requests, retries, errors. Knows nothing of porting.
pub mod client;
pub mod error;
pub mod options;
pub mod paginate;
pub mod query;
pub mod request;
pub mod response;
pub mod retry;
pub mod tls;
pub mod validate;
