//! Test support: a fresh, empty database per test on SQLite, PostgreSQL or MariaDB, dropped
//! when the handle goes out of scope (also when the test panics).
//!
//! Server URLs come from `TEST_POSTGRES_URL` and `TEST_MYSQL_URL` (any database on the server;
//! the defaults are this project's local servers). A server that cannot be reached fails the
//! test: no backend is ever skipped.

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub mod roles;

/// Every test database's name starts with this (the test-only slow migration checks it).
pub const TEST_DATABASE_PREFIX: &str = "lexbase_test_";

/// Default server URL for PostgreSQL tests.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// Default server URL for MariaDB/MySQL tests.
pub const DEFAULT_MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/mysql";

/// The backends every test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A temporary PostgreSQL database.
    Postgres,
    /// A temporary MariaDB database.
    MySql,
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    /// Which backend.
    pub backend: Backend,
    /// The URL of the fresh database (for child processes: set it as `DATABASE_URL`).
    pub url: String,
    name: String,
    server_url: Option<String>,
    file: Option<PathBuf>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{TEST_DATABASE_PREFIX}{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn server_url(backend: Backend) -> String {
    let (variable, default) = match backend {
        Backend::Postgres => ("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        _ => ("TEST_MYSQL_URL", DEFAULT_MYSQL_URL),
    };
    std::env::var(variable).unwrap_or_else(|_| default.to_owned())
}

fn with_database(server: &str, name: &str) -> Result<String, DbErr> {
    let mut url =
        url::Url::parse(server).map_err(|e| DbErr::Custom(format!("bad test URL: {e}")))?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

async fn connect_quietly(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(8)
        .connect_timeout(std::time::Duration::from_secs(10));
    Database::connect(options).await
}

/// Turns tracing output on for this test process when `TEST_LOG` is set (tests are quiet by
/// default). Called by [`TestDb::create`], so every database test honours it.
pub fn init_test_log() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            let filter = tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("debug"));
            let _ = tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_test_writer()
                .try_init();
        }
    });
}

impl TestDb {
    /// Creates an empty database on `backend`.
    ///
    /// # Errors
    /// The server being unreachable or refusing to create the database.
    pub async fn create(backend: Backend) -> Result<Self, DbErr> {
        init_test_log();
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join("lexbase-tests");
                std::fs::create_dir_all(&dir).map_err(|e| DbErr::Custom(e.to_string()))?;
                let file = dir.join(format!("{name}.db"));
                Ok(Self {
                    backend,
                    url: format!("sqlite://{}?mode=rwc", file.display()),
                    name,
                    server_url: None,
                    file: Some(file),
                })
            }
            Backend::Postgres | Backend::MySql => {
                let server = server_url(backend);
                let admin = connect_quietly(&server).await?;
                let create = if backend == Backend::Postgres {
                    format!("CREATE DATABASE \"{name}\" ENCODING 'UTF8'")
                } else {
                    format!(
                        "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                    )
                };
                admin.execute_unprepared(&create).await?;
                admin.close().await?;
                Ok(Self {
                    backend,
                    url: with_database(&server, &name)?,
                    name,
                    server_url: Some(server),
                    file: None,
                })
            }
        }
    }

    /// A new connection pool to the test database.
    ///
    /// # Errors
    /// The database being unreachable.
    pub async fn connect(&self) -> Result<DatabaseConnection, DbErr> {
        connect_quietly(&self.url).await
    }

    /// A runner for this database with default options: the one engine production uses
    /// (lock, checksums, transactions, destructive guard).
    ///
    /// # Errors
    /// As [`crate::Runner::new`].
    pub fn runner(&self) -> crate::Result<crate::Runner> {
        self.runner_with(crate::Options::default())
    }

    /// A runner for this database with `options`.
    ///
    /// # Errors
    /// As [`crate::Runner::new`].
    pub fn runner_with(&self, options: crate::Options) -> crate::Result<crate::Runner> {
        let url = crate::config::DatabaseUrl::parse("test database URL", &self.url)?;
        crate::Runner::new(url, options)
    }

    /// Migrates this database to `target` (`head`, `+N`, a name ...) through the runner.
    ///
    /// # Errors
    /// As [`crate::Runner::up`].
    pub async fn migrate_to(&self, target: &str) -> crate::Result<crate::Report> {
        let runner = self.runner()?;
        let target = crate::target::Target::parse(runner.catalog(), target)?;
        runner.up(target).await
    }

    /// Rolls this database back to `target` (`base`, `-N`, a name ...) through the runner;
    /// `force` lets it drop tables or columns that hold rows.
    ///
    /// # Errors
    /// As [`crate::Runner::down`].
    pub async fn rollback_to(&self, target: &str, force: bool) -> crate::Result<crate::Report> {
        let runner = self.runner_with(crate::Options {
            force,
            ..crate::Options::default()
        })?;
        let target = crate::target::Target::parse(runner.catalog(), target)?;
        runner.down(target).await
    }

    /// Migrates this database to head through the runner ([`TestDb::migrate_to`]).
    ///
    /// # Errors
    /// As [`crate::Runner::up`].
    pub async fn migrate(&self) -> crate::Result<crate::Report> {
        self.migrate_to("head").await
    }

    /// The sea-orm backend of this database.
    pub fn db_backend(&self) -> sea_orm::DbBackend {
        match self.backend {
            Backend::Sqlite => sea_orm::DbBackend::Sqlite,
            Backend::Postgres => sea_orm::DbBackend::Postgres,
            Backend::MySql => sea_orm::DbBackend::MySql,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            for suffix in [
                "",
                "-wal",
                "-shm",
                "-journal",
                crate::runner::lock::SQLITE_LOCK_SUFFIX,
            ] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            return;
        }
        let Some(server) = self.server_url.take() else {
            return;
        };
        let drop_sql = if self.backend == Backend::Postgres {
            format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name)
        } else {
            format!("DROP DATABASE IF EXISTS `{}`", self.name)
        };
        // Drop runs outside any async context we may block, so use a thread of its own.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = connect_quietly(&server).await {
                    let _ = admin.execute_unprepared(&drop_sql).await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// Declares one `#[tokio::test]` per backend for each named async fn taking a [`Backend`]:
/// `on_every_backend!(up_then_down_leaves_no_table);` gives
/// `up_then_down_leaves_no_table::{sqlite, postgres, mariadb}`.
#[macro_export]
macro_rules! on_every_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::testing::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::testing::Backend::Postgres).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn mariadb() {
                    super::$name($crate::testing::Backend::MySql).await
                }
            }
        )+
    };
}
