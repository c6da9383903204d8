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
pub mod backup;
pub mod guard;
pub mod lock;
pub mod session;
pub mod step;

use crate::catalog::Catalog;
use crate::config::{DEFAULT_CONNECT_TIMEOUT, DatabaseUrl};
use crate::error::{Error, Result};
use crate::schema::diff::{Difference, compare};
use crate::schema::{expected, live};
use crate::state::{Overview, State};
use crate::target::{Target, position, resolve};
use crate::tracking;
use backup::Backup;
use sea_orm::{ConnectionTrait, DatabaseExecutor, DbBackend, Statement, TransactionTrait};
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
}

impl Default for Options {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            lock_wait: Duration::from_secs(60),
            lock_timeout: Duration::from_secs(5),
            lock_retries: 3,
            statement_timeout: None,
            force: false,
            backup: None,
        }
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
pub async fn upgrade(url: &DatabaseUrl, options: &Options) -> Result<Report> {
    Runner::new(url.clone(), options.clone())?
        .up(Target::Head)
        .await
}

/// Where `db` stands (current, head, pending, problems), read without any lock.
///
/// # Errors
/// A query failing.
pub async fn status(db: &impl ConnectionTrait) -> Result<Health> {
    let catalog = Catalog::new()?;
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
    pub async fn overview(&self) -> Result<Overview> {
        let db = self
            .url
            .connect_dedicated(self.options.connect_timeout)
            .await?;
        let records = tracking::read(&db).await;
        let _ = db.close().await;
        Ok(Overview::new(&self.catalog, &records?))
    }

    /// Every difference between the live schema and the entities.
    ///
    /// # Errors
    /// Connecting or a catalog query failing.
    pub async fn check(&self) -> Result<Vec<Difference>> {
        let db = self
            .url
            .connect_dedicated(self.options.connect_timeout)
            .await?;
        let found = live::snapshot(&db).await;
        let _ = db.close().await;
        Ok(compare(&expected::snapshot(self.url.backend()), &found?))
    }

    /// Applies pending migrations up to `target`.
    ///
    /// # Errors
    /// [`Error::BadTarget`] for `-N` or `+N` past head; otherwise as [`upgrade`].
    pub async fn up(&self, target: Target) -> Result<Report> {
        self.locked(async |session| {
            let overview = self.read(session).await?;
            overview.ensure_intact()?;
            let pending: Vec<usize> = (0..overview.migrations.len())
                .filter(|&i| !overview.migrations[i].applied)
                .collect();
            let steps = match target {
                Target::Head => pending,
                Target::Base | Target::Current => Vec::new(),
                Target::Revision(i) => pending.into_iter().filter(|&p| p <= i).collect(),
                Target::Relative(n) if n >= 0 => take(pending, n, "head")?,
                Target::Relative(_) => {
                    return Err(Error::BadTarget(
                        "up takes head, +N or a revision; use down for -N".to_owned(),
                    ));
                }
            };
            self.apply(session, &steps, Direction::Up, true).await
        })
        .await
    }

    /// Rolls back applied migrations down to `target` (which stays applied).
    ///
    /// # Errors
    /// [`Error::Destructive`] when that drops data without `force`; [`Error::BadTarget`] for
    /// `+N` or `-N` past base; otherwise as [`upgrade`].
    pub async fn down(&self, target: Target) -> Result<Report> {
        self.locked(async |session| self.down_locked(session, target).await)
            .await
    }

    /// Rolls back every migration.
    ///
    /// # Errors
    /// As [`Runner::down`].
    pub async fn reset(&self) -> Result<Report> {
        self.down(Target::Base).await
    }

    /// Rolls back every migration, then applies them all, under one lock.
    ///
    /// # Errors
    /// As [`Runner::down`] and [`Runner::up`].
    pub async fn refresh(&self) -> Result<Report> {
        self.locked(async |session| {
            let mut report = self.down_locked(session, Target::Base).await?;
            let all: Vec<usize> = (0..self.catalog.entries().len()).collect();
            let up = self.apply(session, &all, Direction::Up, false).await?;
            report.steps.extend(up.steps);
            report.current = up.current;
            report.pending = up.pending;
            Ok(report)
        })
        .await
    }

    /// Drops every table (and PostgreSQL enum type), then applies every migration.
    ///
    /// # Errors
    /// [`Error::Destructive`] when a table holds rows and `force` is off; as [`Runner::up`].
    pub async fn fresh(&self) -> Result<Report> {
        self.locked(async |session| {
            let db = session.db();
            let tables: Vec<String> = live::table_names(db)
                .await?
                .into_iter()
                .filter(|t| t != tracking::MIGRATIONS_TABLE && t != tracking::CHECKSUMS_TABLE)
                .collect();
            let drops: Vec<guard::Drop> = tables
                .iter()
                .map(|table| guard::Drop {
                    table: table.clone(),
                    column: None,
                })
                .collect();
            guard::check(db, &drops, self.options.force).await?;
            let backup = self.backup(session).await?;
            drop_everything(session).await?;
            session
                .run(&tracking::create_tables(session.backend()))
                .await?;
            let all: Vec<usize> = (0..self.catalog.entries().len()).collect();
            let mut report = self.apply(session, &all, Direction::Up, false).await?;
            report.backup = backup;
            Ok(report)
        })
        .await
    }

    /// Records migrations as applied up to `target` (and not after it) without running them.
    /// `purge` first forgets everything recorded, vanished migrations included.
    ///
    /// # Errors
    /// [`Error::Tampered`] when vanished migrations are recorded and `purge` is off.
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

    async fn down_locked(&self, session: &Session, target: Target) -> Result<Report> {
        let overview = self.read(session).await?;
        overview.ensure_intact()?;
        let applied: Vec<usize> = overview.applied().into_iter().rev().collect();
        let steps = match target {
            Target::Base => applied,
            Target::Head | Target::Current => Vec::new(),
            Target::Revision(i) => applied.into_iter().filter(|&a| a > i).collect(),
            Target::Relative(n) if n <= 0 => take(applied, -n, "base")?,
            Target::Relative(_) => {
                return Err(Error::BadTarget(
                    "down takes base, -N or a revision; use up for +N".to_owned(),
                ));
            }
        };
        let backend = session.backend();
        let statements: Vec<String> = steps
            .iter()
            .filter_map(|&i| self.catalog.get(i))
            .flat_map(|entry| entry.plan().down(backend))
            .collect();
        guard::check(session.db(), &guard::drops(&statements), self.options.force).await?;
        self.apply(session, &steps, Direction::Down, true).await
    }

    /// Backs up (when `backup`, asked for, and there is work), then runs `steps` in order.
    async fn apply(
        &self,
        session: &Session,
        steps: &[usize],
        direction: Direction,
        backup: bool,
    ) -> Result<Report> {
        let backup = if steps.is_empty() || !backup {
            None
        } else {
            self.backup(session).await?
        };
        // SQLite pays an fsync'd commit per transaction: the run is one transaction and each
        // migration a savepoint in it, still all or nothing each, one commit in all.
        let batch = if session.backend() == DbBackend::Sqlite && !steps.is_empty() {
            Some(session.db().begin().await?)
        } else {
            None
        };
        let conn: DatabaseExecutor<'_> = match &batch {
            Some(txn) => txn.into(),
            None => session.db().into(),
        };
        let mut done = Vec::new();
        let mut outcome = Ok(());
        for &index in steps {
            tracing::info!("{}", step::announce(&self.catalog, index, direction));
            if let Err(e) = step::run(
                session,
                &conn,
                &self.catalog,
                index,
                direction,
                &self.options,
            )
            .await
            {
                outcome = Err(e);
                break;
            }
            if let Some(entry) = self.catalog.get(index) {
                done.push((direction, entry.name().to_owned()));
            }
        }
        if let Some(batch) = batch {
            // Keeps the migrations that completed; a failed one rolled back to its savepoint.
            batch.commit().await?;
        }
        outcome?;
        self.finish(session, done, backup).await
    }

    async fn backup(&self, session: &Session) -> Result<Option<Backup>> {
        let Some(dir) = &self.options.backup else {
            return Ok(None);
        };
        let backup = backup::create(session, dir).await?;
        tracing::info!("Backup written to {}", backup.path.display());
        tracing::info!("Restore with: {}", backup.restore);
        Ok(Some(backup))
    }

    async fn finish(
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

    async fn read(&self, session: &Session) -> Result<Overview> {
        Ok(Overview::new(
            &self.catalog,
            &tracking::read(session.db()).await?,
        ))
    }

    /// Runs `work` on a fresh session holding the migration lock, with the tracking tables in
    /// place; releases the lock on every path.
    async fn locked<T>(&self, work: impl AsyncFnOnce(&Session) -> Result<T>) -> Result<T> {
        let session = Session::open(&self.url, &self.options).await?;
        let guard = match lock::acquire(&session, self.options.lock_wait).await {
            Ok(guard) => guard,
            Err(e) => {
                session.close().await;
                return Err(e);
            }
        };
        let outcome = match install(&session).await {
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

/// Creates the tracking tables if missing, in one transaction where DDL is transactional.
async fn install(session: &Session) -> Result<()> {
    let statements = tracking::create_tables(session.backend());
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

/// The first `n` of `items`, or an error naming the `end` it would pass.
fn take(items: Vec<usize>, n: i64, end: &str) -> Result<Vec<usize>> {
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n > items.len() {
        let sign = if end == "head" { '+' } else { '-' };
        return Err(Error::BadTarget(format!(
            "relative revision {sign}{n} goes past {end}: only {} migration{} to go",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(items.into_iter().take(n).collect())
}

/// Drops every table (and on PostgreSQL every enum type) of the session's database.
async fn drop_everything(session: &Session) -> Result<()> {
    let backend = session.backend();
    let db = session.db();
    let tables = live::table_names(db).await?;
    let mut statements = Vec::new();
    match backend {
        DbBackend::Postgres => {
            for table in &tables {
                statements.push(format!("DROP TABLE IF EXISTS \"{table}\" CASCADE"));
            }
            let rows = db
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT t.typname::text FROM pg_type t \
                     JOIN pg_namespace n ON n.oid = t.typnamespace \
                     WHERE n.nspname = current_schema() AND t.typtype = 'e'",
                ))
                .await?;
            for row in rows {
                let name: String = row.try_get_by_index(0)?;
                statements.push(format!("DROP TYPE IF EXISTS \"{name}\" CASCADE"));
            }
        }
        DbBackend::MySql => {
            statements.push("SET FOREIGN_KEY_CHECKS = 0".to_owned());
            for table in &tables {
                statements.push(format!("DROP TABLE IF EXISTS `{table}`"));
            }
            statements.push("SET FOREIGN_KEY_CHECKS = 1".to_owned());
        }
        _ => {
            statements.push("PRAGMA foreign_keys = OFF".to_owned());
            for table in &tables {
                statements.push(format!("DROP TABLE IF EXISTS \"{table}\""));
            }
            statements.push("PRAGMA foreign_keys = ON".to_owned());
        }
    }
    session.run(&statements).await?;
    tracing::info!("Dropped {} tables", tables.len());
    Ok(())
}
