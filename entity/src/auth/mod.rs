//! API authentication: login tokens.

pub mod api_token;
