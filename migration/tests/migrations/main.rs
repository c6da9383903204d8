//! Migrations against real SQLite, PostgreSQL and MariaDB databases, one fresh database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_input;
mod constraints;
mod full_text;
mod lifecycle;
mod priority;
mod schema_matches_entities;
mod support;
mod text_round_trip;
