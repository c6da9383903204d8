//! The commands that run migrations: `up`, `down`, `reset`, `refresh`, `fresh`.

use super::step::{self, Direction};
use super::{Report, Runner, guard, install, session::Session};
use crate::error::{Error, Result};
use crate::plan::Mode;
use crate::schema::live;
use crate::target::Target;
use crate::tracking;
use sea_orm::{ConnectionTrait, DatabaseExecutor, DbBackend, Statement, TransactionTrait};

impl Runner {
    /// Applies pending migrations up to `target`.
    ///
    /// # Errors
    /// [`Error::BadTarget`] for `-N` or `+N` past head; [`Error::NotAdopted`] for a database
    /// Alembic built that was not adopted; otherwise as [`upgrade`].
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name(), target = ?target))]
    pub async fn up(&self, target: Target) -> Result<Report> {
        self.locked(async |session| {
            super::unadopted::refuse(session).await?;
            let overview = self.read(session).await?;
            overview.ensure_intact()?;
            if !self.options.out_of_order {
                overview.ensure_in_order()?;
            }
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
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name(), target = ?target))]
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
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
    pub async fn refresh(&self) -> Result<Report> {
        self.locked(async |session| {
            super::unadopted::refuse(session).await?;
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
    #[tracing::instrument(skip_all, fields(backend = ?self.url.backend(), database = self.url.database_name()))]
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
            install(session).await?;
            let all: Vec<usize> = (0..self.catalog.entries().len()).collect();
            let mut report = self.apply(session, &all, Direction::Up, false).await?;
            report.backup = backup;
            Ok(report)
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
        // migration a savepoint in it, still all or nothing each, one commit in all. A table
        // rebuild needs foreign keys off, which SQLite only changes outside a transaction: it
        // runs in a transaction of its own between batches.
        let sqlite = session.backend() == DbBackend::Sqlite;
        let mut done = Vec::new();
        let mut outcome = Ok(());
        let mut rest = steps;
        while let Some(&first) = rest.first() {
            let keys_off = |i: usize| {
                self.catalog.get(i).is_some_and(|e| {
                    e.plan().mode(session.backend(), direction) == Mode::ForeignKeysOff
                })
            };
            let alone = sqlite && keys_off(first);
            let size = if alone || !sqlite {
                1
            } else {
                rest.iter().position(|&i| keys_off(i)).unwrap_or(rest.len())
            };
            let (chunk, later) = rest.split_at(size);
            rest = later;
            let batch = if sqlite && !alone {
                Some(session.db().begin().await?)
            } else {
                None
            };
            if alone {
                session
                    .run(&["PRAGMA foreign_keys = OFF".to_owned()])
                    .await?;
            }
            let conn: DatabaseExecutor<'_> = match &batch {
                Some(txn) => txn.into(),
                None => session.db().into(),
            };
            for &index in chunk {
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
            if alone {
                session
                    .run(&["PRAGMA foreign_keys = ON".to_owned()])
                    .await?;
            }
            if outcome.is_err() {
                break;
            }
        }
        outcome?;
        self.finish(session, done, backup).await
    }
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
