//! The commands that change only the records: `stamp` and `repair`.

use super::step::{self, Direction};
use super::{Report, Runner};
use crate::error::{Error, Result};
use crate::state::State;
use crate::target::{Target, position, resolve};
use crate::tracking;

impl Runner {
    /// Records migrations as applied up to `target` (and not after it) without running them.
    /// `purge` first forgets everything recorded, vanished migrations included.
    ///
    /// # Errors
    /// [`Error::Tampered`] when vanished migrations are recorded and `purge` is off.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name(), target = ?target, purge))]
    pub async fn stamp(&self, target: Target, purge: bool) -> Result<Report> {
        self.locked(async |session| {
            let backend = session.backend();
            if purge {
                session
                    .run(&[
                        format!("DELETE FROM {}", tracking::MIGRATIONS_TABLE),
                        format!("DELETE FROM {}", tracking::CHECKSUMS_TABLE),
                    ])
                    .await?;
            }
            let overview = self.read(session).await?;
            if !overview.vanished.is_empty() {
                return Err(Error::Tampered {
                    problems: vec![format!(
                        "the database records migrations the code does not have ({}); \
                         stamp --purge forgets them",
                        overview.vanished.join(", ")
                    )],
                });
            }
            let current = overview.applied().last().copied();
            let target = match target {
                Target::Current => current,
                other => position(&self.catalog, other, current)?,
            };
            tracing::info!(
                "Running stamp_revision {} -> {}",
                overview.current.as_deref().unwrap_or("<base>"),
                target
                    .and_then(|i| self.catalog.get(i))
                    .map_or("<base>", |e| e.name())
            );
            let mut steps = Vec::new();
            for (i, entry) in self.catalog.entries().iter().enumerate() {
                let wanted = target.is_some_and(|t| i <= t);
                let migration = &overview.migrations[i];
                let incomplete = migration.state == State::Incomplete;
                let (name, checksum) = (entry.name(), entry.checksum());
                let (direction, statements) = match (wanted, migration.applied) {
                    (true, false) => (
                        Direction::Up,
                        tracking::after_up(
                            backend,
                            name,
                            checksum,
                            step::now(),
                            None,
                            Some("stamped"),
                        ),
                    ),
                    (true, true) if incomplete => (
                        Direction::Up,
                        tracking::accept(backend, name, checksum, "stamped"),
                    ),
                    (false, true) => (Direction::Down, tracking::forget(backend, name)),
                    (false, false) if incomplete => {
                        (Direction::Down, tracking::clear_checksum(backend, name))
                    }
                    _ => continue,
                };
                session.run(&statements).await?;
                steps.push((direction, name.to_owned()));
            }
            self.finish(session, steps, None).await
        })
        .await
    }

    /// Accepts the current state of one migration: re-records the checksum of a changed (or
    /// unverified) one, forgets a vanished one, and settles an incomplete one (applied if
    /// `seaql_migrations` lists it, else pending, so `up` runs it again).
    ///
    /// # Errors
    /// [`Error::BadTarget`] when the migration needs no repair; revision errors when `name`
    /// matches nothing.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name(), migration = name))]
    pub async fn repair(&self, name: &str) -> Result<String> {
        self.locked(async |session| {
            let backend = session.backend();
            let overview = self.read(session).await?;
            let index = match resolve(&self.catalog, name) {
                Ok(index) => index,
                Err(unknown) => {
                    let vanished: Vec<&String> = overview
                        .vanished
                        .iter()
                        .filter(|v| v.starts_with(name))
                        .collect();
                    let [gone] = vanished.as_slice() else {
                        return Err(unknown);
                    };
                    session.run(&tracking::forget(backend, gone)).await?;
                    return Ok(format!("Forgot {gone}, which is no longer in the code"));
                }
            };
            let migration = &overview.migrations[index];
            let (entry_name, checksum) = (migration.name.as_str(), migration.checksum.as_str());
            let note = format!("accepted on {}", chrono::Utc::now().format("%Y-%m-%d"));
            match (migration.state, migration.applied) {
                (State::Changed | State::Unverified, _) | (State::Incomplete, true) => {
                    session
                        .run(&tracking::accept(backend, entry_name, checksum, &note))
                        .await?;
                    Ok(format!(
                        "Accepted {entry_name}: recorded checksum {}",
                        crate::checksum::short(checksum)
                    ))
                }
                (State::Incomplete, false) => {
                    session
                        .run(&tracking::clear_checksum(backend, entry_name))
                        .await?;
                    Ok(format!(
                        "Cleared the incomplete record of {entry_name}: it is pending again"
                    ))
                }
                (state, _) => Err(Error::BadTarget(format!(
                    "{entry_name} is {}: nothing to repair",
                    state.word()
                ))),
            }
        })
        .await
    }
}
