//! Configuration from the environment (`DATABASE_URL`, `SEED_DEFAULT_PASSWORD`,
//! `FTA_DATA_PATH`) and connecting with the options the seeder needs.

use crate::error::{Error, Result};
use migration::config::{DEFAULT_CONNECT_TIMEOUT, DatabaseUrl, mask_password};
use sea_orm::sqlx::postgres::PgSslMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
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
    /// [`Error::Config`] when `SEED_DEFAULT_PASSWORD` is set but empty or shorter than 8.
    pub fn from_env() -> Result<Self> {
        let database_url = DatabaseUrl::from_env("DATABASE_URL")?;
        let default_password = match std::env::var("SEED_DEFAULT_PASSWORD") {
            Ok(value) if value.chars().count() < 8 => {
                return Err(Error::Config(
                    "SEED_DEFAULT_PASSWORD is shorter than 8 characters".to_owned(),
                ));
            }
            Ok(value) => Some(value),
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
    let mut options = ConnectOptions::new(url.expose().to_owned());
    options
        .max_connections(connections.max(1))
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .acquire_timeout(DEFAULT_CONNECT_TIMEOUT)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| o.busy_timeout(SQLITE_BUSY_TIMEOUT));
    if loopback_without_sslmode(url.expose()) {
        // sslmode=prefer (the default) on a loopback address protects nothing, and with sqlx
        // (no TCP_NODELAY during the rustls handshake) it costs ~90 ms per connection. An
        // explicit sslmode in the URL is always honoured.
        options.map_sqlx_postgres_opts(|o| o.ssl_mode(PgSslMode::Disable));
    }
    let attempt = tokio::time::timeout(DEFAULT_CONNECT_TIMEOUT, Database::connect(options)).await;
    let reason = match attempt {
        Ok(Ok(db)) => return Ok(db),
        Ok(Err(e)) => scrub(&e.to_string(), url.expose()),
        Err(_) => format!("no answer within {} s", DEFAULT_CONNECT_TIMEOUT.as_secs()),
    };
    Err(migration::Error::Connect {
        url: url.masked(),
        reason,
    }
    .into())
}

/// Whether `raw` is a PostgreSQL URL to a loopback host that does not choose an `sslmode`.
fn loopback_without_sslmode(raw: &str) -> bool {
    let Ok(parsed) = url::Url::parse(raw) else {
        return false;
    };
    let postgres = matches!(parsed.scheme(), "postgres" | "postgresql");
    let loopback = match parsed.host() {
        // `postgres:` is not a "special" scheme, so IP addresses arrive as opaque names.
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let chosen = parsed.query_pairs().any(|(key, _)| key == "sslmode");
    postgres && loopback && !chosen
}

/// Keeps a driver message to one line without the URL or its password.
fn scrub(message: &str, raw_url: &str) -> String {
    let mut text = message.replace(raw_url, &mask_password(raw_url));
    if let Ok(parsed) = url_password(raw_url)
        && !parsed.is_empty()
    {
        text = text.replace(&parsed, "***");
    }
    text.lines().next().unwrap_or_default().trim().to_owned()
}

fn url_password(raw: &str) -> std::result::Result<String, ()> {
    // `scheme://user:password@host`: the password sits between the first ':' after the
    // scheme's "//" and the last '@' before the host.
    let rest = raw.split_once("://").map(|(_, r)| r).ok_or(())?;
    let userinfo = rest.rsplit_once('@').map(|(u, _)| u).ok_or(())?;
    userinfo
        .split_once(':')
        .map(|(_, p)| p.to_owned())
        .ok_or(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_driver_message_loses_the_password() {
        let url = "postgres://app:hunter2@db:5432/x";
        let text = scrub("password authentication failed: hunter2\nmore", url);
        assert!(!text.contains("hunter2"));
        assert!(!text.contains('\n'));
    }

    #[test]
    fn only_loopback_postgres_without_sslmode_skips_tls() {
        assert!(loopback_without_sslmode("postgres://u@127.0.0.1:5432/db"));
        assert!(loopback_without_sslmode("postgresql://u@localhost/db"));
        assert!(loopback_without_sslmode("postgres://u@[::1]/db"));
        assert!(!loopback_without_sslmode(
            "postgres://u@127.0.0.1/db?sslmode=require"
        ));
        assert!(!loopback_without_sslmode("postgres://u@db.internal/db"));
        assert!(!loopback_without_sslmode("mysql://u@127.0.0.1/db"));
    }

    #[test]
    fn the_password_is_found_in_a_url() {
        assert_eq!(url_password("mysql://root:pw@h/db").unwrap(), "pw");
        assert!(url_password("sqlite://x.db").is_err());
    }
}
