//! lexbase's HTTP server: typed config, migrating on start under the migration lock, degraded
//! mode, health, bearer-token auth and the domain routes over the service layer; the
//! migration dashboard, Prometheus metrics and tracing for operators.
//!
//! Tests drive [`router`] over a real socket; `main` only loads config and calls [`serve`].

// The dashboard's report awaits the migration runner's deeply nested futures.
#![recursion_limit = "256"]

pub mod auth;
pub mod config;
pub mod dashboard;
pub mod drift;
pub mod error;
pub mod extract;
pub mod hashing;
pub mod headers;
pub mod metrics;
pub mod migrations;
pub mod openapi;
pub mod routes;
pub mod server;
pub mod state;
pub mod telemetry;
pub mod throttle;

pub use routes::router;
pub use server::{serve, start};
pub use state::AppState;
