//! `new MSG --autogenerate`: compare, then write the migration file (or say there is
//! nothing to do).

use super::{Migration, desired, history, write};
use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use crate::ops::plan::Renames;
use crate::ops::{self, Op};
use crate::runner::Direction;
use crate::runner::{Options, Runner};
use crate::schema::{expected, live};
use chrono::{DateTime, Utc};
use sea_orm::DbBackend;
use std::path::{Path, PathBuf};

/// What autogenerate compares against.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The backend whose scratch database replays the history (default: the backend of the
    /// database URL when one is set, else SQLite in memory).
    pub backend: Option<DbBackend>,
    /// Compare with the live database (which must be at head) instead of the history.
    pub from_database: bool,
    /// Confirmed renames.
    pub renames: Renames,
}

/// What autogenerate did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The operations found, in order.
    pub migration: Migration,
    /// The file written; `None` when nothing differs.
    pub file: Option<PathBuf>,
}

/// Compares the entities with the history (or the live database) and, when they differ,
/// writes and registers a migration in `dir`.
///
/// # Errors
/// [`Error::Autogenerate`] for a decision it will not take alone or a database not at head;
/// connection and replay errors; as [`crate::generate::create_in`].
pub async fn autogenerate(
    dir: &Path,
    message: &str,
    now: DateTime<Utc>,
    request: &Request,
) -> Result<Outcome> {
    crate::generate::slug(message).ok_or_else(|| {
        Error::Config(
            "the migration message must contain letters or digits (ASCII), e.g. \"add case priority\""
                .to_owned(),
        )
    })?;
    let url = DatabaseUrl::for_migrating().ok();
    let backend = request
        .backend
        .or_else(|| url.as_ref().map(DatabaseUrl::backend))
        .unwrap_or(DbBackend::Sqlite);
    let base = if request.from_database {
        let url = DatabaseUrl::for_migrating()?;
        let runner = Runner::new(url.clone(), Options::default())?;
        if !runner.overview().await?.at_head() {
            return Err(Error::Autogenerate {
                problems: vec!["Target database is not up to date.".to_owned()],
            });
        }
        let db = url
            .connect_dedicated(Options::default().connect_timeout)
            .await?;
        let found = live::snapshot(&db).await;
        let _ = db.close().await;
        found?
    } else {
        let plans = crate::plans();
        history(plans.iter().map(AsRef::as_ref), backend, url.as_ref()).await?
    };
    let desired = desired(expected::snapshot(backend), &base);
    let migration = Migration::between(&base, &desired, &request.renames)?;
    if migration.is_empty() {
        return Ok(Outcome {
            migration,
            file: None,
        });
    }
    let file = crate::generate::create_with(
        dir,
        message,
        now,
        |message| write::source(message, &migration),
        |backend, direction| {
            let ops = match direction {
                Direction::Up => &migration.upgrade,
                Direction::Down => &migration.downgrade,
            };
            (ops::render(ops, backend), ops::mode(ops, backend))
        },
    )?;
    Ok(Outcome {
        migration,
        file: Some(file),
    })
}

/// The summary lines: one per operation, destructive ones marked.
pub fn summary(ops: &[Op]) -> Vec<String> {
    ops.iter()
        .map(|op| match op.destructive() {
            Some(reason) => format!("Detected {op} (DESTRUCTIVE: {reason})"),
            None => format!("Detected {op}"),
        })
        .collect()
}
