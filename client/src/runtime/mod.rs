//! The transport: client, configuration, requests, retries, errors. Knows nothing of porting.
pub mod call;
pub mod client;
pub mod decode;
pub mod endpoint;
pub mod error;
pub mod hooks;
pub mod options;
pub mod paginate;
pub mod raw;
pub mod request;
pub mod response;
pub mod retry;
pub mod urlencoded;
pub mod validate;
