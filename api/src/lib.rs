//! lexbase's HTTP server: typed config, migrating on start under the migration lock, degraded
//! mode, health, bearer-token auth and the domain routes over the service layer.
//!
//! Tests drive [`router`] over a real socket; `main` only loads config and calls [`serve`].

pub mod auth;
pub mod config;
pub mod error;
pub mod extract;
pub mod migrations;
pub mod openapi;
pub mod routes;
pub mod server;
pub mod state;

pub use routes::router;
pub use server::{serve, start};
pub use state::AppState;
