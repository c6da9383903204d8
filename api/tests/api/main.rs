//! The API over a real socket, on SQLite, PostgreSQL and MariaDB, one fresh database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod degraded;
mod health;
mod openapi;
mod support;
