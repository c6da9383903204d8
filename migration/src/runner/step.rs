//! Running one migration: its statements between the tracking statements, in a transaction
//! where the backend has transactional DDL, with PostgreSQL's lock-timeout retries, and with
//! a precise report of the statement that failed.

use super::Options;
use super::session::Session;
use crate::catalog::{Catalog, Entry};
use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use crate::tracking;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseExecutor, DbBackend, DbErr, Statement,
    TransactionTrait,
};
use std::time::{Duration, Instant};

/// Which way a migration runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Apply it.
    Up,
    /// Roll it back.
    Down,
}

impl Direction {
    /// `upgrade` or `downgrade`, as Alembic says it.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Up => "upgrade",
            Direction::Down => "downgrade",
        }
    }
}

/// Every statement one step runs, tracking included: `(before, body, after)`. The runner
/// renders `after` again with the measured duration; `sql` prints it with none.
pub fn statements(
    backend: DbBackend,
    entry: &Entry,
    direction: Direction,
    applied_at: i64,
    duration_ms: Option<i64>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (name, checksum) = (entry.name(), entry.checksum());
    match direction {
        Direction::Up => (
            tracking::before_up(backend, name, checksum),
            entry.plan().up(backend),
            tracking::after_up(backend, name, checksum, applied_at, duration_ms, None),
        ),
        Direction::Down => (
            tracking::before_down(backend, name),
            entry.plan().down(backend),
            tracking::after_down(backend, name),
        ),
    }
}

/// `Running upgrade <parent> -> <name>, <message>`, Alembic's progress line.
pub fn announce(catalog: &Catalog, index: usize, direction: Direction) -> String {
    let Some(entry) = catalog.get(index) else {
        return String::new();
    };
    let parent = catalog.parent(index).unwrap_or("<base>");
    match direction {
        Direction::Up => format!(
            "Running upgrade {parent} -> {}, {}",
            entry.name(),
            entry.message()
        ),
        Direction::Down => format!(
            "Running downgrade {} -> {parent}, {}",
            entry.name(),
            entry.message()
        ),
    }
}

/// A statement that failed, and how.
struct Failure {
    statement: String,
    error: DbErr,
}

/// Runs `entry` in `direction` through `conn` (the session's connection, or on SQLite the
/// run's transaction, inside which each migration is a savepoint).
///
/// # Errors
/// [`Error::MigrationFailed`] naming the statement and where the database was left;
/// [`Error::LockNotAvailable`] when PostgreSQL's `lock_timeout` kept expiring.
#[tracing::instrument(skip_all, fields(migration = catalog.get(index).map(|e| e.name()), direction = direction.word()))]
pub async fn run(
    session: &Session,
    conn: &DatabaseExecutor<'_>,
    catalog: &Catalog,
    index: usize,
    direction: Direction,
    options: &Options,
) -> Result<Duration> {
    let Some(entry) = catalog.get(index) else {
        return Ok(Duration::ZERO);
    };
    let backend = session.backend();
    // Statement by statement: MariaDB (no transactional DDL) and migrations that must run
    // outside a transaction (PostgreSQL's ALTER TYPE ... ADD VALUE, see `Plan::mode`).
    if !tracking::transactional(backend)
        || entry.plan().mode(backend, direction) == crate::plan::Mode::Autocommit
    {
        return super::autocommit::run(session, catalog, index, direction).await;
    }
    let mut observer: Option<DatabaseConnection> = None;
    let mut blockers = Vec::new();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let outcome = match (&observer, session.pid()) {
            (Some(observer), Some(pid)) => {
                let work = std::pin::pin!(attempt_in_transaction(conn, entry, direction));
                watch_blockers(work, observer, pid, &mut blockers).await
            }
            _ => attempt_in_transaction(conn, entry, direction).await,
        };
        let failure = match outcome {
            Ok(elapsed) => return Ok(elapsed),
            Err(failure) => failure,
        };
        if backend == DbBackend::Postgres
            && sqlstate(&failure.error).as_deref() == Some("55P03")
            && !options.lock_timeout.is_zero()
        {
            if attempt > options.lock_retries {
                return Err(Error::LockNotAvailable {
                    name: entry.name().to_owned(),
                    attempts: attempt,
                    lock_timeout: options.lock_timeout,
                    blockers,
                });
            }
            if observer.is_none() {
                observer = Some(observer_connection(session.url(), options).await?);
            }
            let backoff = Duration::from_millis(100 * (1 << attempt.min(6)));
            tracing::info!(
                "{} is waiting for a table lock held by another session; retrying in {}",
                entry.name(),
                crate::config::human(backoff)
            );
            tokio::time::sleep(backoff).await;
            continue;
        }
        let parent = catalog.parent(index).unwrap_or("<base>");
        let left_at = match direction {
            Direction::Up => parent,
            Direction::Down => entry.name(),
        };
        return Err(Error::MigrationFailed {
            direction: direction.word(),
            name: entry.name().to_owned(),
            statement: failure.statement,
            reason: one_line(&failure.error),
            outcome: format!("rolled back: the database is still at {left_at}"),
        });
    }
}

async fn attempt_in_transaction(
    conn: &DatabaseExecutor<'_>,
    entry: &Entry,
    direction: Direction,
) -> Result<Duration, Failure> {
    let backend = conn.get_database_backend();
    let started = Instant::now();
    let failure = |statement: &str| {
        let statement = statement.to_owned();
        move |error| Failure { statement, error }
    };
    let txn = conn.begin().await.map_err(failure("BEGIN"))?;
    let (before, body, _) = statements(backend, entry, direction, 0, None);
    for sql in before.iter().chain(&body) {
        if let Err(error) = txn.execute_unprepared(sql).await {
            let _ = txn.rollback().await;
            return Err(Failure {
                statement: sql.clone(),
                error,
            });
        }
    }
    let elapsed = started.elapsed();
    let (_, _, after) = statements(backend, entry, direction, now(), Some(millis(elapsed)));
    for sql in &after {
        if let Err(error) = txn.execute_unprepared(sql).await {
            let _ = txn.rollback().await;
            return Err(Failure {
                statement: sql.clone(),
                error,
            });
        }
    }
    txn.commit().await.map_err(failure("COMMIT"))?;
    Ok(elapsed)
}

/// Drives `work` while polling, on a second connection, which sessions block `pid`, keeping
/// the last non-empty answer in `blockers`.
async fn watch_blockers<T>(
    mut work: std::pin::Pin<&mut impl std::future::Future<Output = T>>,
    observer: &DatabaseConnection,
    pid: i64,
    blockers: &mut Vec<String>,
) -> T {
    let sql = format!(
        "SELECT CAST(a.pid AS bigint), COALESCE(a.query, '') FROM pg_stat_activity a \
         WHERE a.pid = ANY(pg_blocking_pids({pid}))"
    );
    loop {
        tokio::select! {
            result = &mut work => return result,
            () = tokio::time::sleep(Duration::from_millis(100)) => {
                let rows = observer
                    .query_all_raw(Statement::from_string(DbBackend::Postgres, sql.clone()))
                    .await;
                if let Ok(rows) = rows {
                    let seen: Vec<String> = rows
                        .iter()
                        .filter_map(|row| {
                            let pid: i64 = row.try_get_by_index(0).ok()?;
                            let query: String = row.try_get_by_index(1).ok()?;
                            Some(format!("pid {pid} ({})", query.trim()))
                        })
                        .collect();
                    if !seen.is_empty() {
                        *blockers = seen;
                    }
                }
            }
        }
    }
}

async fn observer_connection(url: &DatabaseUrl, options: &Options) -> Result<DatabaseConnection> {
    url.connect_dedicated(options.connect_timeout).await
}

/// The SQLSTATE of a database error, if it carries one.
pub fn sqlstate(error: &DbErr) -> Option<String> {
    use sea_orm::RuntimeErr;
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e))
        | DbErr::Conn(RuntimeErr::SqlxError(e)) => match e.as_ref() {
            sea_orm::sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// A database error in one line, without sea-orm's wrapping.
pub fn one_line(error: &DbErr) -> String {
    let text = error.to_string();
    let text = text
        .strip_prefix("Execution Error: ")
        .or_else(|| text.strip_prefix("Query Error: "))
        .unwrap_or(&text);
    let text = text
        .strip_prefix("error returned from database: ")
        .unwrap_or(text);
    text.lines().next().unwrap_or_default().trim().to_owned()
}

/// Unix seconds now, as `seaql_migrations.applied_at` holds them.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub(super) fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
