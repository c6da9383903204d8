//! The migration crate's one error type.

use std::time::Duration;

/// What can go wrong while configuring, connecting or migrating.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `DATABASE_URL` (or another variable or argument) is missing or malformed.
    #[error("{0}")]
    Config(String),
    /// The database could not be reached or refused the credentials.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL with its password masked.
        url: String,
        /// Why, in one line.
        reason: String,
    },
    /// A statement failed outside any migration (tracking tables, catalogs).
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    /// A revision name, prefix or Alembic id that matches nothing.
    #[error("Can't locate revision identified by '{given}'{}", suggest(.suggestions))]
    UnknownRevision {
        /// What was typed.
        given: String,
        /// Close matches, best first.
        suggestions: Vec<String>,
    },
    /// A prefix that matches more than one migration.
    #[error("Revision '{given}' is ambiguous; it could be: {}", .candidates.join(", "))]
    AmbiguousRevision {
        /// What was typed.
        given: String,
        /// Every migration it matches.
        candidates: Vec<String>,
    },
    /// A target that makes no sense for the command (`up -1`, `down +2`, past head or base).
    #[error("{0}")]
    BadTarget(String),
    /// Another migrator held the lock for longer than `--lock-wait`.
    #[error(
        "could not take the migration lock within {}: another migrator is running{}; \
         let it finish, or raise --lock-wait",
        crate::config::human(*.waited),
        .holder.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
    )]
    LockTimeout {
        /// How long we waited.
        waited: Duration,
        /// Who holds it, where the server tells.
        holder: Option<String>,
    },
    /// Applied migrations no longer match the code: changed, vanished or left incomplete.
    #[error(
        "refusing to continue: {}. Run `verify` for details; after a deliberate change run \
         `repair --accept NAME`",
        .problems.join("; ")
    )]
    Tampered {
        /// One line per problem, naming the migration.
        problems: Vec<String>,
    },
    /// Pending migrations sort before applied ones and `--out-of-order` was not given.
    #[error(
        "refusing to apply migrations out of order: {}. Review them, then run `up \
         --out-of-order` to apply them anyway",
        .problems.join("; ")
    )]
    OutOfOrder {
        /// One line per out-of-order migration, naming the newest applied one too.
        problems: Vec<String>,
    },
    /// A rollback would delete rows and `--force` was not given.
    #[error(
        "refusing to drop data without --force: {}. Add --backup DIR to keep a copy",
        .losses.join(", ")
    )]
    Destructive {
        /// `table users (2 rows)`, `column compliance_questions.priority (4 rows)`, ...
        losses: Vec<String>,
    },
    /// A migration's statement failed.
    #[error("{direction} of {name} failed: {reason}\n  statement: {statement}\n  {outcome}")]
    MigrationFailed {
        /// `upgrade` or `downgrade`.
        direction: &'static str,
        /// The migration.
        name: String,
        /// The statement that failed, exactly as sent.
        statement: String,
        /// The database's error, in one line.
        reason: String,
        /// Where that leaves the database.
        outcome: String,
    },
    /// PostgreSQL kept refusing a table lock within `lock_timeout`.
    #[error(
        "{name} could not take a table lock within lock_timeout ({}) after {attempts} attempts{}; \
         the database stays at the previous revision",
        crate::config::human(*.lock_timeout),
        blocked_by(.blockers)
    )]
    LockNotAvailable {
        /// The migration.
        name: String,
        /// How many times it was tried.
        attempts: u32,
        /// The lock timeout per attempt.
        lock_timeout: Duration,
        /// `pid 123: <query>` of the sessions that blocked it, where seen.
        blockers: Vec<String>,
    },
    /// `stamp --from-alembic` found tables that do not match the migrations it would adopt.
    #[error("refusing to adopt {revisions}: the database differs from what {adopted} would create:\n  {}", .differences.join("\n  "))]
    AdoptionMismatch {
        /// The Alembic revision(s) found.
        revisions: String,
        /// The lexbase migrations they map to.
        adopted: String,
        /// One line per difference.
        differences: Vec<String>,
    },
    /// `up` on a database Alembic built that was never adopted (lexbase records nothing, yet
    /// the tables exist).
    #[error(
        "refusing to upgrade: this database was built by Alembic (it has alembic_version and \
         {tables} tables) and is not adopted, so lexbase records no migration. Run `make \
         alembic-adopt` (migration stamp --from-alembic) first; nothing was changed"
    )]
    NotAdopted {
        /// How many application tables exist.
        tables: usize,
    },
    /// `stamp --from-alembic` found nothing it could adopt (no recorded or assumed revision,
    /// a revision no lexbase migration ports, a database its app never finished building).
    #[error("refusing to adopt: {0}")]
    NotAdoptable(String),
    /// Autogenerate cannot decide alone (a possible rename, a NOT NULL column without a
    /// default on a table that has rows, a change it does not generate): one line each, with
    /// what to do.
    #[error("autogenerate stopped; nothing was written:\n  {}", .problems.join("\n  "))]
    Autogenerate {
        /// One line per problem, each with its remedy.
        problems: Vec<String>,
    },
    /// Writing a backup failed (or its tool is missing).
    #[error("backup failed: {0}")]
    Backup(String),
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; close matches: {}", suggestions.join(", "))
    }
}

fn blocked_by(blockers: &[String]) -> String {
    if blockers.is_empty() {
        String::new()
    } else {
        format!(", blocked by {}", blockers.join("; "))
    }
}

impl Error {
    /// The exit status for this error: 2 for bad input (configuration, unknown or ambiguous
    /// revisions, impossible targets), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_)
            | Error::UnknownRevision { .. }
            | Error::AmbiguousRevision { .. }
            | Error::BadTarget(_) => 2,
            Error::Connect { .. }
            | Error::Database(_)
            | Error::LockTimeout { .. }
            | Error::Tampered { .. }
            | Error::OutOfOrder { .. }
            | Error::Destructive { .. }
            | Error::MigrationFailed { .. }
            | Error::LockNotAvailable { .. }
            | Error::AdoptionMismatch { .. }
            | Error::NotAdopted { .. }
            | Error::NotAdoptable(_)
            | Error::Autogenerate { .. }
            | Error::Backup(_) => 1,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
