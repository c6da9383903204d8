//! The seed crate's one error type.

use std::path::PathBuf;

/// What seeding, ingesting, backfilling or generating can fail with. Messages never carry a
/// password or a full database URL.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A missing or malformed environment variable, or a bad flag value.
    #[error("{0}")]
    Config(String),
    /// The database is reachable but not migrated to the latest migration.
    #[error(
        "the database is not migrated to head ({pending} pending migration(s), first: {first}); run `make alembic-up` first"
    )]
    NotMigrated {
        /// How many migrations are pending.
        pending: usize,
        /// The oldest pending migration.
        first: String,
    },
    /// Applied migrations do not match the code (changed, vanished or left incomplete):
    /// whatever the seeder wrote could land in a schema other than the one it was written for.
    #[error(
        "the database's applied migrations fail verification: {}; run `make alembic-verify` for \
         details, settle them (`repair --accept NAME` after a deliberate change), then `make \
         alembic-up`",
        .problems.join("; ")
    )]
    NotIntact {
        /// One line per problem, naming the migration.
        problems: Vec<String>,
    },
    /// An input file could not be read.
    #[error("{}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why, in one line.
        reason: String,
    },
    /// An input file is not valid JSON or lacks a required key; `at` is the JSON path.
    #[error("{}: {reason} at {at}", path.display())]
    Input {
        /// The file (or the name of the embedded sample).
        path: PathBuf,
        /// JSON path of the offending value, e.g. `sections[8].sub_areas[3].id`.
        at: String,
        /// What is wrong there.
        reason: String,
    },
    /// The migration crate failed to configure or connect.
    #[error(transparent)]
    Migration(#[from] migration::Error),
    /// The service layer refused or failed (creating a user: validation, hashing, database).
    #[error(transparent)]
    Service(#[from] service::Error),
    /// A statement failed.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// One or more backfill operations failed (each was reported as it failed).
    #[error("{0} backfill operation(s) failed")]
    BackfillFailed(usize),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
