//! The seeder against real SQLite, PostgreSQL and MariaDB databases, one fresh database per
//! test. Most tests drive the `seed` binary as an operator would (`DATABASE_URL` pointing at
//! the test database); the backfill tests call the library for its structured outcome.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backfill;
mod bad_input;
mod compliance;
mod fixture;
mod roles;
mod support;
mod synthetic;
