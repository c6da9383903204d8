//! The service layer: everything the API and the seeder do with the data, free of HTTP.

pub mod error;
pub mod password;

pub use error::{Error, Result};
