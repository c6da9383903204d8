//! lexbase's seeder: the dev fixture, the FTA compliance ingest, the proposal backfills and
//! synthetic benchmark data, idempotent and safe to run concurrently on SQLite, PostgreSQL
//! and MariaDB/MySQL.
//!
//! [`fixture`] and [`compliance`] write under the seed lock ([`lock`]); [`users`] are created
//! through the service layer; [`backfill`] walks tables in keyset-paginated batches;
//! [`synthetic`] bulk-inserts; [`db`] checks the schema through the migration runner and holds
//! the statement helpers; [`report`] renders what happened. The binary (`src/main.rs`) only parses arguments and calls [`cli::run`].

pub mod backfill;
pub mod cli;
pub mod compliance;
pub mod config;
pub mod db;
pub mod error;
pub mod fixture;
pub mod lock;
pub mod report;
pub mod sources;
pub mod synthetic;
pub mod users;

pub use error::{Error, Result};
