//! Where a database stands: each migration of the catalog as pending, out of order, applied,
//! changed since it was applied, unverified or incomplete, and the applied migrations the code
//! no longer has.

use crate::catalog::Catalog;
use crate::checksum::{SOURCE_FORMAT, short};
use crate::error::{Error, Result};
use crate::tracking::{INCOMPLETE, Record};
use serde::Serialize;
use std::collections::BTreeMap;

/// One migration's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not applied.
    Pending,
    /// Not applied, although a migration that sorts after it is (merged from a parallel
    /// branch): `up` refuses it unless told `--out-of-order`.
    OutOfOrder,
    /// Applied, and its source still has the recorded checksum.
    Applied,
    /// Applied, but what it runs on this backend changed since (or, for a record of an
    /// earlier version, its source file changed).
    Changed,
    /// Applied by a tool that records no checksum (sea-orm-cli).
    Unverified,
    /// Started and not finished (MariaDB/MySQL only): partly applied or partly rolled back.
    Incomplete,
}

impl State {
    /// The word `status` prints.
    pub fn word(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::OutOfOrder => "out of order",
            State::Applied => "applied",
            State::Changed => "changed",
            State::Unverified => "unverified",
            State::Incomplete => "incomplete",
        }
    }
}

/// One migration as the database knows it.
#[derive(Debug, Clone, Serialize)]
pub struct Migration {
    /// Its name.
    pub name: String,
    /// What it does.
    pub message: String,
    /// The Alembic revision it ports.
    pub alembic_revision: Option<String>,
    /// Its state.
    pub state: State,
    /// Listed in `seaql_migrations` (so counted as applied by sea-orm-cli too).
    pub applied: bool,
    /// When it was applied (Unix seconds).
    pub applied_at: Option<i64>,
    /// How long its upgrade took.
    pub duration_ms: Option<i64>,
    /// The checksum of what it runs now, on this catalog's backend.
    pub checksum: String,
    /// The checksum recorded when it was applied.
    pub recorded_checksum: Option<String>,
    /// Whether that record is in the source-file format of earlier versions.
    pub recorded_of_source: bool,
    /// What the record says about it (adopted, stamped, where it failed).
    pub note: Option<String>,
}

/// Every migration's state, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// The last applied migration in list order, if any.
    pub current: Option<String>,
    /// The newest migration.
    pub head: Option<String>,
    /// How many are not applied.
    pub pending: usize,
    /// Each migration of the catalog.
    pub migrations: Vec<Migration>,
    /// Migrations the database records that the code no longer has.
    pub vanished: Vec<String>,
}

impl Overview {
    /// Combines the catalog with what the tracking tables record.
    pub fn new(catalog: &Catalog, records: &BTreeMap<String, Record>) -> Self {
        let empty = Record::default();
        // Migrations adopted from Alembic may leave earlier ones pending on purpose (a
        // database that holds one upstream app's tables): only migrations lexbase ran or
        // stamped make an earlier pending one out of order.
        let newest_run = catalog.entries().iter().rposition(|entry| {
            records
                .get(entry.name())
                .is_some_and(|r| r.applied_at.is_some() && !r.adopted())
        });
        let migrations: Vec<Migration> = catalog
            .entries()
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                let record = records.get(entry.name()).unwrap_or(&empty);
                let applied = record.applied_at.is_some();
                let state = if record.state.as_deref() == Some(INCOMPLETE) {
                    State::Incomplete
                } else if !applied {
                    if newest_run.is_some_and(|newest| index < newest) {
                        State::OutOfOrder
                    } else {
                        State::Pending
                    }
                } else {
                    let now = if record.checksum_format == SOURCE_FORMAT {
                        entry.source_checksum()
                    } else {
                        Some(entry.checksum())
                    };
                    match &record.checksum {
                        None => State::Unverified,
                        Some(recorded) if Some(recorded.as_str()) == now => State::Applied,
                        Some(_) => State::Changed,
                    }
                };
                Migration {
                    name: entry.name().to_owned(),
                    message: entry.message().to_owned(),
                    alembic_revision: entry.alembic_revision().map(str::to_owned),
                    state,
                    applied,
                    applied_at: record.applied_at,
                    duration_ms: record.duration_ms,
                    checksum: entry.checksum().to_owned(),
                    recorded_checksum: record.checksum.clone(),
                    recorded_of_source: record.checksum.is_some()
                        && record.checksum_format == SOURCE_FORMAT,
                    note: record.note.clone(),
                }
            })
            .collect();
        let vanished = records
            .keys()
            .filter(|name| catalog.position(name).is_none())
            .cloned()
            .collect();
        Self {
            current: migrations
                .iter()
                .rev()
                .find(|m| m.applied)
                .map(|m| m.name.clone()),
            head: catalog.head().map(|e| e.name().to_owned()),
            pending: migrations.iter().filter(|m| !m.applied).count(),
            migrations,
            vanished,
        }
    }

    /// Whether every migration is applied.
    pub fn at_head(&self) -> bool {
        self.pending == 0
    }

    /// Indexes of the applied migrations, in order.
    pub fn applied(&self) -> Vec<usize> {
        (0..self.migrations.len())
            .filter(|&i| self.migrations[i].applied)
            .collect()
    }

    /// The problems that stop `up`, `down` and `status`: changed, vanished and incomplete
    /// migrations, one line each.
    pub fn refusals(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for m in &self.migrations {
            match m.state {
                State::Changed if m.recorded_of_source => lines.push(format!(
                    "{} changed since it was applied: its source file differs from the one \
                     that ran (recorded source checksum {})",
                    m.name,
                    short(m.recorded_checksum.as_deref().unwrap_or_default()),
                )),
                State::Changed => lines.push(format!(
                    "{} changed since it was applied: what it runs on this backend differs \
                     from what ran (recorded checksum {}, now {}); see \
                     migration/snapshots/{}.*",
                    m.name,
                    short(m.recorded_checksum.as_deref().unwrap_or_default()),
                    short(&m.checksum),
                    m.name
                )),
                State::Incomplete => lines.push(format!(
                    "{} is incomplete: {}",
                    m.name,
                    m.note.as_deref().unwrap_or("it did not finish")
                )),
                State::Pending | State::OutOfOrder | State::Applied | State::Unverified => {}
            }
        }
        for name in &self.vanished {
            lines.push(format!(
                "{name} is recorded as applied but no longer exists in the code"
            ));
        }
        lines
    }

    /// Pending migrations that sort before the newest one lexbase applied, one line each,
    /// naming both: what stops `up` unless it is told `--out-of-order`.
    pub fn out_of_order(&self) -> Vec<String> {
        let newest = self
            .migrations
            .iter()
            .rev()
            .find(|m| m.applied && !m.note.as_deref().is_some_and(is_adoption_note));
        let Some(newest) = newest else {
            return Vec::new();
        };
        self.migrations
            .iter()
            .filter(|m| m.state == State::OutOfOrder)
            .map(|m| {
                format!(
                    "{} is pending but sorts before {}, which is applied (merged from a \
                     parallel branch?)",
                    m.name, newest.name
                )
            })
            .collect()
    }

    /// What `verify` reports beyond [`Overview::refusals`]: migrations applied without a
    /// checksum.
    pub fn warnings(&self) -> Vec<String> {
        self.migrations
            .iter()
            .filter(|m| m.state == State::Unverified)
            .map(|m| {
                format!(
                    "{} has no recorded checksum (applied by another tool)",
                    m.name
                )
            })
            .collect()
    }

    /// Fails when any pending migration is [`State::OutOfOrder`].
    ///
    /// # Errors
    /// [`Error::OutOfOrder`] naming each one and the newest applied migration.
    pub fn ensure_in_order(&self) -> Result<()> {
        let problems = self.out_of_order();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::OutOfOrder { problems })
        }
    }

    /// Fails when [`Overview::refusals`] has anything.
    ///
    /// # Errors
    /// [`Error::Tampered`] naming every problem.
    pub fn ensure_intact(&self) -> Result<()> {
        let problems = self.refusals();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Tampered { problems })
        }
    }
}

/// How an adoption note lists the tables adoption left alone.
pub const LEFT_ALONE_MARK: &str = "; left alone: ";

/// The tables an adoption note says were left alone (lexbase does not manage them, so
/// `check` does not report them).
pub fn left_alone(note: &str) -> Vec<String> {
    if !is_adoption_note(note) {
        return Vec::new();
    }
    note.split_once(LEFT_ALONE_MARK)
        .map(|(_, list)| list.split(", ").map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Whether a record's note says it was adopted from Alembic (`stamp --from-alembic`).
pub fn is_adoption_note(note: &str) -> bool {
    note.starts_with(crate::tracking::ADOPTED_NOTE_PREFIX)
}
