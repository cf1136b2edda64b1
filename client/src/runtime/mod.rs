//! The transport: client, configuration, requests, errors. Knows nothing of porting.
pub mod client;
pub mod error;
pub mod query;
pub mod request;
pub mod validate;
