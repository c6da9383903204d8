//! Where a database stands: each migration of the catalog as pending, applied, changed since
//! it was applied, unverified or incomplete, and the applied migrations the code no longer has.

use crate::catalog::Catalog;
use crate::checksum::short;
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
    /// Applied, and its source still has the recorded checksum.
    Applied,
    /// Applied, but its source changed since.
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
    /// The checksum of its source now.
    pub checksum: String,
    /// The checksum recorded when it was applied.
    pub recorded_checksum: Option<String>,
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
        let migrations: Vec<Migration> = catalog
            .entries()
            .iter()
            .map(|entry| {
                let record = records.get(entry.name()).unwrap_or(&empty);
                let applied = record.applied_at.is_some();
                let state = if record.state.as_deref() == Some(INCOMPLETE) {
                    State::Incomplete
                } else if !applied {
                    State::Pending
                } else {
                    match &record.checksum {
                        None => State::Unverified,
                        Some(recorded) if recorded == entry.checksum() => State::Applied,
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
                State::Changed => lines.push(format!(
                    "{} changed since it was applied (recorded checksum {}, now {})",
                    m.name,
                    short(m.recorded_checksum.as_deref().unwrap_or_default()),
                    short(&m.checksum)
                )),
                State::Incomplete => lines.push(format!(
                    "{} is incomplete: {}",
                    m.name,
                    m.note.as_deref().unwrap_or("it did not finish")
                )),
                State::Pending | State::Applied | State::Unverified => {}
            }
        }
        for name in &self.vanished {
            lines.push(format!(
                "{name} is recorded as applied but no longer exists in the code"
            ));
        }
        lines
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
