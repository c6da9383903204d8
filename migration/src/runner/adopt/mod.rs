//! `stamp --from-alembic`: adopting a database that one of the upstream Alembic histories
//! (or SQLAlchemy's `create_all`, with `--assume`) built, so `up` can take it from there
//! without losing a row.
//!
//! The flow: which migrations the database stands for ([`revisions`]); what those migrations
//! create, learnt by replaying them in a scratch space of the same backend
//! ([`super::scratch`]); the structural check of the live tables against that ([`verify`]);
//! the reconciliation plan to lexbase's canonical schema, with the data checks its steps
//! need ([`reconcile`], [`checks`], [`zone`]); then, unless `--plan`, a backup if asked, the
//! plan (in one transaction where the backend has transactional DDL) and the migrations
//! recorded as applied. Tables lexbase does not manage are left alone and listed ([`report`]
//! prints it all). `alembic_version` is left as it is.

mod charset;
mod checks;
mod reconcile;
mod report;
pub mod revisions;
mod verify;
mod zone;

pub use revisions::{ALEMBIC_HISTORIES, LATER_REVISIONS, adopted};

use super::session::Session;
use super::{Runner, backup, step};
use crate::error::{Error, Result};
use crate::plan::Mode;
use crate::schema::{expected, live};
use crate::tracking;
use reconcile::{Reconciliation, reconcile};
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use serde::Serialize;
use std::path::PathBuf;

/// How `stamp --from-alembic` should adopt (every field has the CLI flag of its name).
#[derive(Debug, Clone, Default)]
pub struct AdoptOptions {
    /// `--plan`: print the reconciliation plan as SQL, change nothing.
    pub plan_only: bool,
    /// `--assume REVISION`: the revision a database without `alembic_version` (made by
    /// SQLAlchemy's `create_all`) stands at; verified exactly like a recorded one.
    pub assume: Option<String>,
    /// `--naive-timezone TZ`: the zone naive upstream timestamps were written in (IANA name;
    /// default UTC).
    pub naive_timezone: Option<String>,
    /// `--rename-aside TABLE=NEW`: upstream tables that carry a lexbase name with another
    /// shape, renamed aside before lexbase creates its own.
    pub rename_aside: Vec<(String, String)>,
    /// `--backup DIR`: where to write a backup before the plan runs.
    pub backup: Option<PathBuf>,
}

/// One `--rename-aside TABLE=NEW` flag as `(TABLE, NEW)`.
///
/// # Errors
/// [`Error::Config`] naming the flag when it is not `TABLE=NEW` with two plain names.
pub fn parse_rename_aside(text: &str) -> Result<(String, String)> {
    let plain = |name: &str| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match text.split_once('=') {
        Some((table, new)) if plain(table) && plain(new) && table != new => {
            Ok((table.to_owned(), new.to_owned()))
        }
        _ => Err(Error::Config(format!(
            "--rename-aside {text}: expected TABLE=NEW, two different plain table names"
        ))),
    }
}

/// What adoption found, planned and recorded.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Adoption {
    /// The revisions `alembic_version` holds (or the assumed one).
    pub revisions: Vec<String>,
    /// The lexbase migrations now recorded as applied (in order); with `--plan`, those that
    /// would be.
    pub adopted: Vec<String>,
    /// Those that were recorded already.
    pub already: Vec<String>,
    /// Tables lexbase does not manage, left as they are.
    pub left_alone: Vec<String>,
    /// The reconciliation plan, as the SQL statements it runs (run unless `plan_only`).
    pub plan: Vec<String>,
    /// Why each step of the plan is there, in plan order.
    pub notes: Vec<String>,
    /// Whether the plan was only printed.
    pub plan_only: bool,
    /// The backup written first, if one was.
    pub backup: Option<PathBuf>,
}

impl Runner {
    /// Adopts the database's Alembic revisions (or the assumed one): verifies the structure,
    /// reconciles it with lexbase's schema and records the migrations they map to.
    ///
    /// # Errors
    /// [`Error::AdoptionMismatch`] listing every structural difference and every step the
    /// data refuses; [`Error::NotAdoptable`] when there is nothing to adopt;
    /// [`Error::Config`] for a bad option; a failing statement or backup.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
    pub async fn adopt(&self, options: &AdoptOptions) -> Result<Adoption> {
        let zone = zone::parse(options.naive_timezone.as_deref())?;
        // The tracking tables are made only once something changes: `--plan` and a refusal
        // leave the database exactly as it was.
        self.locked_with(false, async |session| {
            let backend = session.backend();
            let revisions = revisions::recorded(session, options.assume.as_deref()).await?;
            let tables = live::table_names(session.db()).await?;
            let indices = adopted(self.catalog(), &revisions, &tables)?;
            let records = tracking::read(session.db()).await?;
            let (already, fresh): (Vec<usize>, Vec<usize>) = indices.iter().partition(|&&i| {
                self.catalog()
                    .get(i)
                    .and_then(|e| records.get(e.name()))
                    .is_some_and(|r| r.applied_at.is_some())
            });
            let names = |list: &[usize]| -> Vec<String> {
                list.iter()
                    .filter_map(|&i| self.catalog().get(i))
                    .map(|e| e.name().to_owned())
                    .collect()
            };
            let mut adoption = Adoption {
                revisions: revisions.clone(),
                adopted: names(&fresh),
                already: names(&already),
                plan_only: options.plan_only,
                ..Adoption::default()
            };
            if fresh.is_empty() {
                return Ok(adoption);
            }
            let statements: Vec<String> = indices
                .iter()
                .filter_map(|&i| self.catalog().get(i))
                .flat_map(|e| e.plan().up(backend))
                .collect();
            let (want, _) = super::scratch::snapshot(session, &statements).await?;
            let want = verify::canonical(backend, want);
            let found = live::snapshot(session.db()).await?;
            if !want.tables.keys().any(|t| found.tables.contains_key(t)) {
                return Err(Error::NotAdoptable(format!(
                    "none of the tables revision {} creates exists ({}): the app never finished \
                     building this database",
                    revisions.join(", "),
                    want.tables.keys().cloned().collect::<Vec<_>>().join(", ")
                )));
            }
            let head = expected::snapshot(backend);
            let verdict = verify::verify(backend, &want, &found, &head, &options.rename_aside);
            let mismatch = |differences: Vec<String>| Error::AdoptionMismatch {
                revisions: revisions.join(", "),
                adopted: names(&indices).join(", "),
                differences,
            };
            if !verdict.problems.is_empty() {
                return Err(mismatch(verdict.problems));
            }
            let plan = reconcile(session.db(), &want, &verdict, &options.rename_aside, zone)
                .await?
                .map_err(mismatch)?;
            adoption.left_alone = verdict.left_alone;
            adoption.left_alone.sort();
            adoption.notes.clone_from(&plan.notes);
            adoption.plan.clone_from(&plan.statements);
            if options.plan_only {
                return Ok(adoption);
            }
            self.prepare(session).await?;
            if let Some(dir) = options.backup.as_ref() {
                let written = backup::create(session, dir).await?;
                tracing::info!("Backup written to {}", written.path.display());
                tracing::info!("Restore with: {}", written.restore);
                adoption.backup = Some(written.path);
            } else if let Some(written) = self.backup(session).await? {
                adoption.backup = Some(written.path);
            }
            let mut recorded = Vec::new();
            for &i in &fresh {
                let Some(entry) = self.catalog().get(i) else {
                    continue;
                };
                let mut note = format!(
                    "{} revision {}",
                    tracking::ADOPTED_NOTE_PREFIX,
                    entry.alembic_revision().unwrap_or("?")
                );
                if !adoption.left_alone.is_empty() {
                    note.push_str(crate::state::LEFT_ALONE_MARK);
                    note.push_str(&adoption.left_alone.join(", "));
                }
                tracing::info!("Adopting {} ({note})", entry.name());
                recorded.extend(tracking::after_up(
                    backend,
                    entry.name(),
                    entry.checksum(),
                    step::now(),
                    None,
                    Some(&note),
                ));
            }
            run(session, &plan, &recorded).await?;
            Ok(adoption)
        })
        .await
    }
}

/// Runs the plan and then the records: in one transaction where the backend has
/// transactional DDL (with foreign keys off around it for a SQLite rebuild), statement by
/// statement on MariaDB/MySQL.
async fn run(session: &Session, plan: &Reconciliation, recorded: &[String]) -> Result<()> {
    let mode = plan.mode.unwrap_or(Mode::Transaction);
    let backend = session.backend();
    if backend == DbBackend::MySql || mode == Mode::Autocommit {
        session.run(&plan.statements).await?;
        return session.run(recorded).await;
    }
    let keys_off = backend == DbBackend::Sqlite && mode == Mode::ForeignKeysOff;
    if keys_off {
        session
            .run(&["PRAGMA foreign_keys = OFF".to_owned()])
            .await?;
    }
    let outcome = async {
        let txn = session.db().begin().await?;
        for sql in plan.statements.iter().chain(recorded) {
            txn.execute_unprepared(sql).await?;
        }
        txn.commit().await?;
        Ok::<_, Error>(())
    }
    .await;
    if keys_off {
        session
            .run(&["PRAGMA foreign_keys = ON".to_owned()])
            .await?;
    }
    outcome
}
