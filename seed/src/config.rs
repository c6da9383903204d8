//! Configuration from the environment (`DATABASE_URL`, `SEED_DEFAULT_PASSWORD`,
//! `FTA_DATA_PATH`) and connecting with the options the seeder needs.

use crate::error::{Error, Result};
use migration::config::{DEFAULT_CONNECT_TIMEOUT, DatabaseUrl};
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::time::Duration;

/// How long SQLite waits for another writer (a concurrent seeder) before giving up.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Everything the `seed` binary reads from the environment.
#[derive(Clone)]
pub struct Config {
    /// The database to seed.
    pub database_url: DatabaseUrl,
    /// The password every created fixture user gets; `None` generates one per user.
    pub default_password: Option<String>,
    /// Where `seed compliance` reads from when `--from` is not given.
    pub fta_data_path: Option<PathBuf>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &self.database_url)
            .field(
                "default_password",
                &self.default_password.as_ref().map(|_| "***"),
            )
            .field("fta_data_path", &self.fta_data_path)
            .finish()
    }
}

impl Config {
    /// Reads the configuration from the environment (call `dotenvy` first to honour `.env`).
    ///
    /// # Errors
    /// [`Error::Migration`] naming `DATABASE_URL` when it is missing or malformed;
    /// [`Error::Config`] when `SEED_DEFAULT_PASSWORD` is set but breaks the service's password
    /// policy (12 to 1024 bytes), which every user the seeder creates is held to.
    pub fn from_env() -> Result<Self> {
        // Like migrating, seeding takes locks and runs long transactions: behind a
        // transaction pooler it uses the direct connection when one is named.
        let database_url = DatabaseUrl::for_migrating()?;
        let default_password = match std::env::var("SEED_DEFAULT_PASSWORD") {
            Ok(value) => {
                service::validation::password(&value).map_err(|refused| {
                    let rule = refused.message.unwrap_or_else(|| refused.code.clone());
                    Error::Config(format!("SEED_DEFAULT_PASSWORD {rule}"))
                })?;
                Some(value)
            }
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::Config(
                    "SEED_DEFAULT_PASSWORD is not valid UTF-8".to_owned(),
                ));
            }
        };
        let fta_data_path = std::env::var_os("FTA_DATA_PATH")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        Ok(Self {
            database_url,
            default_password,
            fta_data_path,
        })
    }

    /// Connects to [`Config::database_url`] with a pool of `connections`; see [`connect`].
    ///
    /// # Errors
    /// As [`connect`].
    pub async fn connect(&self, connections: u32) -> Result<DatabaseConnection> {
        connect(&self.database_url, connections).await
    }
}

/// Connects quietly with a bounded timeout and a pool of at most `connections`; SQLite
/// connections wait up to [`SQLITE_BUSY_TIMEOUT`] for a concurrent writer instead of failing
/// at once. The seeder is sequential, so one connection is enough (a second would only cost
/// another connect while the first is being returned); backfills use two, to write one
/// batch while reading the next.
///
/// # Errors
/// [`Error::Migration`] (a connect error) naming the masked URL and the reason in one line.
pub async fn connect(url: &DatabaseUrl, connections: u32) -> Result<DatabaseConnection> {
    let mut options = url.connect_options(DEFAULT_CONNECT_TIMEOUT);
    options
        .max_connections(connections.max(1))
        .map_sqlx_sqlite_opts(|o| o.busy_timeout(SQLITE_BUSY_TIMEOUT));
    Ok(url.open(options, DEFAULT_CONNECT_TIMEOUT).await?)
}
