//! The cross-process migration lock, taken before anything computes what is pending.
//!
//! - PostgreSQL: a session advisory lock ([`POSTGRES_LOCK_KEY`]) on the session's dedicated
//!   connection, polled with `pg_try_advisory_lock` so the wait is bounded.
//! - MariaDB/MySQL: `GET_LOCK` on a name made of [`MYSQL_LOCK_PREFIX`] and the database name
//!   (MySQL's locks are server-wide), polled the same way.
//! - SQLite: an exclusive lock (`flock`) on a file next to the database,
//!   `<database file>-migration.lock`, which holds the owner's process id. A file lock rather
//!   than `BEGIN IMMEDIATE` because SQLite's write lock would also block the migrator's own
//!   writes from its other connection, and because the OS frees it when the process dies.
//!   In-memory databases are private to their process and need no lock.
//!
//! Session locks die with their session, so a killed migrator never leaves the lock behind.

use super::session::Session;
use crate::config::{DatabaseUrl, human};
use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// PostgreSQL advisory lock key: the ASCII bytes of "lexbase".
pub const POSTGRES_LOCK_KEY: i64 = 0x006c_6578_6261_7365;
/// MySQL lock names are `lexbase_migrate.<database>` (cut to MySQL's 64 characters).
pub const MYSQL_LOCK_PREFIX: &str = "lexbase_migrate.";
/// Appended to a SQLite database's path to name its lock file.
pub const SQLITE_LOCK_SUFFIX: &str = "-migration.lock";

/// The SQL expression naming this database's MySQL lock.
pub fn mysql_lock_name() -> String {
    format!("LEFT(CONCAT('{MYSQL_LOCK_PREFIX}', DATABASE()), 64)")
}

/// The lock file of a SQLite database (`None` for in-memory databases). Its directory is
/// made absolute so every process names the same file however it spells the path.
pub fn sqlite_lock_path(url: &DatabaseUrl) -> Option<PathBuf> {
    let file = url.sqlite_file()?;
    let name = file.file_name()?.to_string_lossy().into_owned();
    let dir = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    Some(dir.join(format!("{name}{SQLITE_LOCK_SUFFIX}")))
}

/// Proof of holding the lock. Give it back with [`LockGuard::release`]; if it is dropped
/// instead (a panic), ending the session or the process frees it.
#[must_use = "the lock is held until released"]
pub struct LockGuard {
    held: Held,
}

enum Held {
    Server,
    File(std::fs::File),
    Nothing,
}

/// Takes the lock, polling with jitter for at most `wait`.
///
/// # Errors
/// [`Error::LockTimeout`] naming the wait and, where known, the holder; database or I/O
/// errors.
#[tracing::instrument(skip_all, fields(wait = %human(wait)))]
pub async fn acquire(session: &Session, wait: Duration) -> Result<LockGuard> {
    let file = match session.backend() {
        DbBackend::Postgres | DbBackend::MySql => None,
        _ => match sqlite_lock_path(session.url()) {
            None => {
                return Ok(LockGuard {
                    held: Held::Nothing,
                });
            }
            Some(path) => Some((open_lock_file(&path)?, path)),
        },
    };
    let started = Instant::now();
    let mut announced = false;
    loop {
        let taken = match &file {
            Some((file, _)) => try_file(file)?,
            None => try_server(session).await?,
        };
        if taken {
            let held = match file {
                Some((mut file, _)) => {
                    // Best effort: the pid only makes a waiter's message more useful.
                    let _ = file
                        .set_len(0)
                        .and_then(|()| write!(file, "{}", std::process::id()));
                    Held::File(file)
                }
                None => Held::Server,
            };
            return Ok(LockGuard { held });
        }
        let waited = started.elapsed();
        let holder = || async {
            match &file {
                Some((_, path)) => std::fs::read_to_string(path)
                    .ok()
                    .filter(|pid| !pid.trim().is_empty())
                    .map(|pid| format!("held by process {}", pid.trim())),
                None => server_holder(session.db()).await,
            }
        };
        if waited >= wait {
            return Err(Error::LockTimeout {
                waited,
                holder: holder().await,
            });
        }
        if !announced && waited >= Duration::from_secs(1) {
            announced = true;
            let who = holder()
                .await
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            tracing::info!(
                "Waiting up to {} for the migration lock{who}",
                human(wait.saturating_sub(waited))
            );
        }
        tokio::time::sleep(poll_interval().min(wait.saturating_sub(waited))).await;
    }
}

impl LockGuard {
    /// Releases the lock.
    ///
    /// # Errors
    /// The release statement failing (the lock then ends with the session).
    pub async fn release(self, session: &Session) -> Result<()> {
        match self.held {
            Held::Nothing => Ok(()),
            Held::File(file) => file
                .unlock()
                .map_err(|e| Error::Config(format!("cannot release the migration lock file: {e}"))),
            Held::Server => {
                let sql = match session.backend() {
                    DbBackend::Postgres => {
                        format!("SELECT pg_advisory_unlock({POSTGRES_LOCK_KEY})")
                    }
                    _ => format!("SELECT RELEASE_LOCK({})", mysql_lock_name()),
                };
                session.db().execute_unprepared(&sql).await?;
                Ok(())
            }
        }
    }
}

fn open_lock_file(path: &std::path::Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| {
            Error::Config(format!(
                "cannot open the migration lock file {}: {e}",
                path.display()
            ))
        })
}

fn try_file(file: &std::fs::File) -> Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Config(format!(
            "cannot lock the migration lock file: {e}"
        ))),
    }
}

async fn try_server(session: &Session) -> Result<bool> {
    let sql = match session.backend() {
        DbBackend::Postgres => {
            format!("SELECT CAST(pg_try_advisory_lock({POSTGRES_LOCK_KEY}) AS integer)")
        }
        _ => format!("SELECT CAST(GET_LOCK({}, 0) AS SIGNED)", mysql_lock_name()),
    };
    let row = session
        .db()
        .query_one_raw(Statement::from_string(session.backend(), sql))
        .await?;
    let got: Option<i64> = match row {
        Some(row) => match session.backend() {
            DbBackend::Postgres => row.try_get_by_index::<Option<i32>>(0)?.map(i64::from),
            _ => row.try_get_by_index(0)?,
        },
        None => None,
    };
    Ok(got == Some(1))
}

/// Who holds the migration lock of the database at `url` right now, in words; `None` when
/// nobody does (or the server does not say). Read-only: it never takes the lock, except that
/// on SQLite it probes the lock file with a shared lock released at once (a migrator polling
/// for the lock just tries again), and it never creates the file.
///
/// # Errors
/// Connecting to the database failing.
#[tracing::instrument(skip_all, fields(backend = ?url.backend()))]
pub async fn holder(url: &DatabaseUrl, connect_timeout: Duration) -> Result<Option<String>> {
    match url.backend() {
        DbBackend::Postgres | DbBackend::MySql => {
            let db = url.connect_dedicated(connect_timeout).await?;
            let found = server_holder(&db).await;
            let _ = db.close().await;
            Ok(found)
        }
        _ => Ok(sqlite_lock_path(url).and_then(|path| file_holder(&path))),
    }
}

/// The process named in a SQLite lock file that is locked now.
fn file_holder(path: &std::path::Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let pid = std::fs::read_to_string(path).unwrap_or_default();
            let pid = pid.trim();
            Some(if pid.is_empty() {
                "held by a process that has not written its id yet".to_owned()
            } else {
                format!("held by process {pid}")
            })
        }
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// Who holds the server lock, in words; `None` when the server does not say. Any connection
/// to the database will do: the lock is visible to every session.
async fn server_holder(db: &impl ConnectionTrait) -> Option<String> {
    let backend = db.get_database_backend();
    let (sql, what) = match backend {
        DbBackend::Postgres => (
            format!(
                "SELECT pid::bigint FROM pg_locks WHERE locktype = 'advisory' AND granted \
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
                 AND classid::bigint = {} AND objid::bigint = {} AND objsubid = 1 LIMIT 1",
                POSTGRES_LOCK_KEY >> 32,
                POSTGRES_LOCK_KEY & 0xffff_ffff
            ),
            "held by PostgreSQL backend pid",
        ),
        _ => (
            format!("SELECT CAST(IS_USED_LOCK({}) AS SIGNED)", mysql_lock_name()),
            "held by MySQL connection id",
        ),
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .ok()??;
    let pid: Option<i64> = row.try_get_by_index(0).ok()?;
    pid.map(|pid| format!("{what} {pid}"))
}

/// 50 ms plus up to 100 ms of jitter, so waiting migrators do not poll in step.
fn poll_interval() -> Duration {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    Duration::from_millis(50 + random % 100)
}
