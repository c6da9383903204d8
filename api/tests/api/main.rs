//! The API over a real socket, on SQLite, PostgreSQL and MariaDB, one fresh database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth_flow;
mod bad_input;
mod browser;
mod connections;
mod dashboard;
mod degraded;
mod hardening;
mod health;
mod metrics;
mod openapi;
mod ownership;
mod pooler;
mod replicas;
mod revocation;
mod roles;
mod secrets;
mod support;
