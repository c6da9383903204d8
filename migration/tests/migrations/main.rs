//! Migrations against real SQLite, PostgreSQL and MariaDB databases, one fresh database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adoption;
mod apps;
mod autogen;
mod bad_input;
mod checksums;
mod concurrency;
mod constraints;
mod destructive;
mod failures;
mod full_text;
mod habits;
mod killed;
mod lifecycle;
mod offline_sql;
mod ordering;
mod priority;
mod roles;
mod schema_matches_entities;
mod secrets;
mod snapshots;
mod support;
mod takeover;
mod text_round_trip;
mod timestamps;
mod tls;
mod unadopted;
