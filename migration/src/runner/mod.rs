//! lexbase's own migration runner, used by the command line and by the API server at start-up
//! ([`upgrade`], [`status`]).
//!
//! Unlike sea-orm-migration's `Migrator::up`, every schema-changing command takes the
//! cross-process [`lock`] on a dedicated [`session`] *before* it reads what is applied, and
//! holds it until it is done; refuses when an applied migration changed or vanished
//! ([`crate::state`]); runs each migration in its own transaction where DDL is transactional
//! ([`step`]); records checksums ([`crate::tracking`]); and guards against dropping data
//! ([`guard`]), optionally after a [`backup`].

pub mod adopt;
mod autocommit;
pub mod backup;
pub mod guard;
pub mod lock;
mod migrate;
mod records;
pub mod scratch;
pub mod session;
pub mod step;
mod unadopted;

use crate::catalog::Catalog;
use crate::config::DatabaseUrl;
use crate::error::Result;
use crate::schema::diff::{Difference, compare};
use crate::schema::{expected, live};
use crate::state::Overview;
use crate::target::Target;
use crate::tracking;
use backup::Backup;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde::Serialize;
use session::Session;
use std::path::PathBuf;
use std::time::Duration;
pub use step::Direction;

/// How a command connects, waits and guards.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long connecting may take.
    pub connect_timeout: Duration,
    /// How long to wait for another migrator to finish.
    pub lock_wait: Duration,
    /// PostgreSQL `lock_timeout` for migration statements (zero: wait forever).
    pub lock_timeout: Duration,
    /// How many times a migration is retried after its `lock_timeout` expired.
    pub lock_retries: u32,
    /// PostgreSQL `statement_timeout` for migration statements (`None`: no limit).
    pub statement_timeout: Option<Duration>,
    /// Roll back even when that drops data.
    pub force: bool,
    /// Where to write a backup before changing anything.
    pub backup: Option<PathBuf>,
    /// Apply pending migrations that sort before applied ones (`up --out-of-order`).
    pub out_of_order: bool,
}

impl Default for Options {
    /// The defaults of the `MIGRATION_*` settings ([`crate::settings`]), nothing forced.
    fn default() -> Self {
        crate::settings::MigrationSettings::default().options()
    }
}

/// What a schema-changing command did.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The migrations run, in the order they ran, and which way.
    pub steps: Vec<(Direction, String)>,
    /// The backup written first, if asked for.
    pub backup: Option<Backup>,
    /// The last applied migration afterwards.
    pub current: Option<String>,
    /// Migrations still pending afterwards.
    pub pending: usize,
}

/// Health of a database's schema, cheap enough for a health check.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    /// The last applied migration.
    pub current: Option<String>,
    /// The newest migration.
    pub head: Option<String>,
    /// How many are not applied.
    pub pending: usize,
    /// Changed, vanished or incomplete migrations.
    pub problems: Vec<String>,
}

/// Migrates the database at `url` to head under the migration lock: what the API server runs
/// at start-up.
///
/// # Errors
/// Any [`Error`]: unreachable database, lock timeout, changed migrations, a failing migration.
#[tracing::instrument(skip_all, fields(backend = ?url.backend(), database = url.database_name()))]
pub async fn upgrade(url: &DatabaseUrl, options: &Options) -> Result<Report> {
    Runner::new(url.clone(), options.clone())?
        .up(Target::Head)
        .await
}

/// Where `db` stands (current, head, pending, problems), read without any lock.
///
/// # Errors
/// A query failing.
#[tracing::instrument(skip_all)]
pub async fn status(db: &impl ConnectionTrait) -> Result<Health> {
    let catalog = Catalog::new(db.get_database_backend())?;
    let overview = Overview::new(&catalog, &tracking::read(db).await?);
    Ok(Health {
        problems: overview.refusals(),
        current: overview.current,
        head: overview.head,
        pending: overview.pending,
    })
}

/// Runs commands against one database.
pub struct Runner {
    url: DatabaseUrl,
    catalog: Catalog,
    options: Options,
}

impl Runner {
    /// A runner for `url`.
    ///
    /// # Errors
    /// As [`Catalog::for_database`].
    pub fn new(url: DatabaseUrl, options: Options) -> Result<Self> {
        Ok(Self {
            catalog: Catalog::for_database(&url)?,
            url,
            options,
        })
    }

    /// A runner for `url` over `plans` instead of the crate's migrations (test histories).
    ///
    /// # Errors
    /// As [`Catalog::from_plans`].
    pub fn with_plans(
        url: DatabaseUrl,
        options: Options,
        plans: Vec<Box<dyn crate::Plan>>,
    ) -> Result<Self> {
        Ok(Self {
            catalog: Catalog::from_plans(url.backend(), plans)?,
            url,
            options,
        })
    }

    /// The migrations it knows.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The database it works on.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Each migration's state, read without the lock.
    ///
    /// # Errors
    /// Connecting or a query failing.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
    pub async fn overview(&self) -> Result<Overview> {
        let records = self.read_only(async |db| tracking::read(db).await).await?;
        Ok(Overview::new(&self.catalog, &records))
    }

    /// Every difference between the live schema and the entities.
    ///
    /// # Errors
    /// Connecting or a catalog query failing.
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
    pub async fn check(&self) -> Result<Vec<Difference>> {
        let (mut found, records) = self
            .read_only(async |db| Ok((live::snapshot(db).await?, tracking::read(db).await?)))
            .await?;
        let backend = self.url.backend();
        // Tables adoption left alone are not lexbase's (nor the enum types only they use).
        let left_alone: Vec<String> = records
            .values()
            .filter_map(|r| r.note.as_deref())
            .flat_map(crate::state::left_alone)
            .collect();
        found.tables.retain(|name, _| !left_alone.contains(name));
        let used: Vec<String> = found
            .tables
            .values()
            .flat_map(|t| t.columns.values())
            .filter_map(|c| match &c.kind {
                crate::schema::Kind::Enum { name: Some(n), .. } => Some(n.clone()),
                _ => None,
            })
            .collect();
        let head = expected::snapshot(backend);
        if !left_alone.is_empty() {
            found
                .enum_types
                .retain(|name, _| used.contains(name) || head.enum_types.contains_key(name));
        }
        // The history's names for indexes and keys: entities cannot name them.
        let plans = self.catalog.entries().iter().map(|entry| entry.plan());
        let base = crate::autogen::history(plans, backend, Some(&self.url)).await?;
        let desired = crate::autogen::desired(head, &base);
        Ok(compare(&desired, &found))
    }

    /// Who holds the migration lock now, in words (`None`: nobody), without taking it.
    ///
    /// # Errors
    /// Connecting failing.
    pub async fn lock_holder(&self) -> Result<Option<String>> {
        lock::holder(&self.url, self.options.connect_timeout).await
    }

    /// Runs `work` on one connection of its own (no lock), closed afterwards.
    async fn read_only<T>(
        &self,
        work: impl AsyncFnOnce(&DatabaseConnection) -> Result<T, sea_orm::DbErr>,
    ) -> Result<T> {
        let db = self
            .url
            .connect_dedicated(self.options.connect_timeout)
            .await?;
        let outcome = work(&db).await;
        let _ = db.close().await;
        Ok(outcome?)
    }

    pub(crate) async fn backup(&self, session: &Session) -> Result<Option<Backup>> {
        let Some(dir) = &self.options.backup else {
            return Ok(None);
        };
        let backup = backup::create(session, dir).await?;
        tracing::info!("Backup written to {}", backup.path.display());
        tracing::info!("Restore with: {}", backup.restore);
        Ok(Some(backup))
    }

    pub(crate) async fn finish(
        &self,
        session: &Session,
        steps: Vec<(Direction, String)>,
        backup: Option<Backup>,
    ) -> Result<Report> {
        let after = self.read(session).await?;
        Ok(Report {
            steps,
            backup,
            current: after.current,
            pending: after.pending,
        })
    }

    pub(crate) async fn read(&self, session: &Session) -> Result<Overview> {
        Ok(Overview::new(
            &self.catalog,
            &tracking::read(session.db()).await?,
        ))
    }

    /// Runs `work` on a fresh session holding the migration lock, with the tracking tables in
    /// place; releases the lock on every path.
    pub(crate) async fn locked<T>(
        &self,
        work: impl AsyncFnOnce(&Session) -> Result<T>,
    ) -> Result<T> {
        self.locked_with(true, work).await
    }

    /// As [`Runner::locked`], but with the tracking tables as they are unless `tracked`
    /// (adoption creates them only once it changes something).
    pub(crate) async fn locked_with<T>(
        &self,
        tracked: bool,
        work: impl AsyncFnOnce(&Session) -> Result<T>,
    ) -> Result<T> {
        let session = Session::open(&self.url, &self.options).await?;
        let guard = match lock::acquire(&session, self.options.lock_wait).await {
            Ok(guard) => guard,
            Err(e) => {
                session.close().await;
                return Err(e);
            }
        };
        let prepared = if tracked {
            self.prepare(&session).await
        } else {
            Ok(())
        };
        let outcome = match prepared {
            Ok(()) => work(&session).await,
            Err(e) => Err(e),
        };
        let released = guard.release(&session).await;
        session.close().await;
        let value = outcome?;
        released?;
        Ok(value)
    }
}

impl Runner {
    /// Puts the tracking tables in the current shape (under the lock): creates them, adds the
    /// checksum-format column to a table made by an earlier version, and rewrites records in
    /// the source-file checksum format as checksums of what runs, when the migration's source
    /// still has the recorded checksum (it did not change since it ran). A record whose
    /// source changed stays as it is, so it still reads as `changed`.
    async fn prepare(&self, session: &Session) -> Result<()> {
        install(session).await?;
        let backend = session.backend();
        let records = tracking::read(session.db()).await?;
        let mut statements = Vec::new();
        for entry in self.catalog.entries() {
            let Some(record) = records.get(entry.name()) else {
                continue;
            };
            let legacy = record.checksum_format == crate::checksum::SOURCE_FORMAT;
            if legacy
                && record.checksum.is_some()
                && record.checksum.as_deref() == entry.source_checksum()
            {
                tracing::info!(
                    "Recording the checksum of what {} runs (was: of its source file)",
                    entry.name()
                );
                statements.extend(tracking::upgrade_checksum(
                    backend,
                    entry.name(),
                    entry.checksum(),
                ));
            }
        }
        session.run(&statements).await
    }
}

/// Creates the tracking tables if missing (and adds the checksum-format column to a table
/// made by an earlier version), in one transaction where DDL is transactional.
pub(crate) async fn install(session: &Session) -> Result<()> {
    let mut statements = tracking::create_tables(session.backend());
    if live::table_names(session.db())
        .await?
        .iter()
        .any(|t| t == tracking::CHECKSUMS_TABLE)
        && !tracking::has_format_column(session.db()).await?
    {
        statements.extend(tracking::add_format_column(session.backend()));
    }
    if !tracking::transactional(session.backend()) {
        return session.run(&statements).await;
    }
    let txn = session.db().begin().await?;
    for sql in &statements {
        txn.execute_unprepared(sql).await?;
    }
    txn.commit().await?;
    Ok(())
}
