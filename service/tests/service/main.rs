//! The service layer against real SQLite, PostgreSQL and MariaDB databases, one fresh
//! database per test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auditor;
mod cases;
mod compliance;
mod far_timestamps;
mod hostile_input;
mod limits;
mod logs;
mod ownership;
mod proposals;
mod search;
mod support;
mod upstream_hashes;
mod users;
mod validation;
