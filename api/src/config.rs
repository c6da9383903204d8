//! The server's typed configuration, read once from the environment.
//!
//! Every variable is documented in `.env.example`; a malformed value names the variable.

use migration::config::DatabaseUrl;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// A configuration mistake, naming the variable.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    /// The environment variable at fault.
    pub variable: &'static str,
    /// What is wrong with it (never its value when it may be a secret).
    pub problem: String,
}

/// Where the server runs: development relaxes some safety checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppEnv {
    /// Local development.
    Development,
    /// Anything else is treated as production.
    Production,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// A secret from the environment: never printed, compared in constant time.
#[derive(Clone)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Secret {
    /// The secret's bytes, for keying a MAC (never for display).
    pub(crate) fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether `candidate` equals the secret, in time independent of where they differ.
    pub fn matches(&self, candidate: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), candidate.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Everything the server reads from the environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: the application's database.
    pub database_url: DatabaseUrl,
    /// `MIGRATION_DATABASE_URL`: a direct connection for migrating, when the application's
    /// URL goes through a transaction-pooling proxy.
    pub migration_database_url: Option<DatabaseUrl>,
    /// `DATABASE_POOLER` (none|session|transaction, default none): `transaction` when
    /// `DATABASE_URL` goes through a transaction-pooling proxy such as PgBouncer with
    /// `pool_mode = transaction` (no statement cache, one transaction per statement; see
    /// [`migration::pooled`]). `MIGRATION_DATABASE_URL` must then be set.
    pub database_pooler: migration::pooled::Pooler,
    /// `HOST` (default 127.0.0.1).
    pub host: IpAddr,
    /// `PORT` (default 8000; 0 picks a free port).
    pub port: u16,
    /// `AUTO_MIGRATE` (default true): migrate to head at start-up, under the migration lock.
    pub auto_migrate: bool,
    /// `DEV_CREATE_TABLES` (default false): create missing tables straight from the entities,
    /// a development fallback refused outside SQLite or `APP_ENV=development`.
    pub dev_create_tables: bool,
    /// `APP_ENV` (default production).
    pub app_env: AppEnv,
    /// `TOKEN_TTL_MINUTES` (default 720, 1 to 525600, i.e. a year): how long a login token
    /// lives.
    pub token_ttl: Duration,
    /// `LOGIN_ATTEMPTS_PER_MINUTE` (default 10, 1 to 10000): sign-in attempts allowed per
    /// minute from one client address.
    pub login_attempts_per_minute: std::num::NonZeroU32,
    /// `TRUST_FORWARDED_FOR` (default false): take the client address from the last entry of
    /// `X-Forwarded-For` (set it only behind a proxy that appends it), not from the peer.
    pub trust_forwarded_for: bool,
    /// `LOG_FORMAT` (pretty|json, default pretty).
    pub log_format: LogFormat,
    /// `REQUEST_TIMEOUT_SECS` (default 30).
    pub request_timeout: Duration,
    /// `SHUTDOWN_GRACE_SECS` (default 20): how long in-flight requests may finish on SIGTERM.
    pub shutdown_grace: Duration,
    /// `HASHING_CONCURRENCY` (default: number of CPUs): password hashes running at once.
    pub hashing_concurrency: usize,
    /// `DB_CONNECT_RETRIES` (default 10): connection attempts at start-up, with backoff.
    pub connect_retries: u32,
    /// `DB_MAX_CONNECTIONS` (default 32).
    pub max_connections: u32,
    /// `OPERATOR_TOKEN` (optional, at least 32 characters): lets an operator use the
    /// `/admin/migrations` routes when no admin can log in (e.g. the user tables are missing).
    pub operator_token: Option<Secret>,
    /// `METRICS_ADDR` (default `127.0.0.1:9464`; `off` disables): where `GET /metrics` is
    /// served, on a listener of its own that is not exposed with the API.
    pub metrics_addr: Option<SocketAddr>,
    /// How start-up migrates: the `MIGRATION_*` variables, defined once in
    /// [`migration::MigrationSettings`] and read exactly as the migration command line reads
    /// them.
    pub migration: migration::Options,
}

type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The longest token lifetime `TOKEN_TTL_MINUTES` may ask for: a year.
pub const MAX_TOKEN_TTL_MINUTES: u64 = 525_600;

fn parsed<T: std::str::FromStr>(
    lookup: Lookup<'_>,
    variable: &'static str,
    default: T,
    expected: &str,
) -> Result<T, ConfigError> {
    match lookup(variable) {
        None => Ok(default),
        Some(raw) if raw.trim().is_empty() => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|_| ConfigError {
            variable,
            problem: format!("expected {expected}, got '{}'", raw.trim()),
        }),
    }
}

fn flag(lookup: Lookup<'_>, variable: &'static str, default: bool) -> Result<bool, ConfigError> {
    match lookup(variable).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if v.is_empty() => Ok(default),
        Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => Ok(true),
        Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => Ok(false),
        Some(v) => Err(ConfigError {
            variable,
            problem: format!("expected true or false, got '{v}'"),
        }),
    }
}

fn url(lookup: Lookup<'_>, variable: &'static str) -> Result<Option<DatabaseUrl>, ConfigError> {
    match lookup(variable) {
        None => Ok(None),
        Some(raw) => DatabaseUrl::parse(variable, &raw)
            .map(Some)
            .map_err(|e| ConfigError {
                variable,
                problem: e
                    .to_string()
                    .trim_start_matches(&format!("{variable} "))
                    .to_owned(),
            }),
    }
}

/// The `MIGRATION_*` variables, read through the migration crate's one definition of them
/// (names, parsers and defaults shared with the migration command line).
fn migration_options(lookup: Lookup<'_>) -> Result<migration::Options, ConfigError> {
    migration::MigrationSettings::from_lookup(lookup)
        .map(|settings| settings.options())
        .map_err(|(variable, problem)| ConfigError {
            variable: migration_variable(&variable),
            problem,
        })
}

/// The `'static` name of a `MIGRATION_*` variable (what [`ConfigError`] carries).
fn migration_variable(name: &str) -> &'static str {
    const NAMES: [&str; 5] = [
        "MIGRATION_LOCK_WAIT",
        "MIGRATION_CONNECT_TIMEOUT",
        "MIGRATION_LOCK_TIMEOUT",
        "MIGRATION_LOCK_RETRIES",
        "MIGRATION_STATEMENT_TIMEOUT",
    ];
    NAMES
        .into_iter()
        .find(|known| *known == name)
        .unwrap_or("MIGRATION_*")
}

fn metrics_addr(lookup: Lookup<'_>) -> Result<Option<SocketAddr>, ConfigError> {
    match lookup("METRICS_ADDR").map(|v| v.trim().to_ascii_lowercase()) {
        Some(v) if v == "off" || v == "none" => Ok(None),
        _ => parsed(
            lookup,
            "METRICS_ADDR",
            SocketAddr::from(([127, 0, 0, 1], 9464)),
            "an address such as 127.0.0.1:9464, or off",
        )
        .map(Some),
    }
}

fn operator_token(lookup: Lookup<'_>) -> Result<Option<Secret>, ConfigError> {
    match lookup("OPERATOR_TOKEN").map(|v| v.trim().to_owned()) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) if v.len() < 32 => Err(ConfigError {
            variable: "OPERATOR_TOKEN",
            problem: "must be at least 32 characters".to_owned(),
        }),
        Some(v) => Ok(Some(Secret(v))),
    }
}

impl Config {
    /// Reads the process environment (call `dotenvy::dotenv()` first to honour `.env`).
    ///
    /// # Errors
    /// The first missing or malformed variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(&|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (tests pass a map).
    ///
    /// # Errors
    /// The first missing or malformed variable.
    pub fn from_lookup(lookup: Lookup<'_>) -> Result<Self, ConfigError> {
        let database_url = url(lookup, "DATABASE_URL")?.ok_or(ConfigError {
            variable: "DATABASE_URL",
            problem: "not set: put it in the environment or in .env (see .env.example)".to_owned(),
        })?;
        let app_env = match lookup("APP_ENV").map(|v| v.trim().to_ascii_lowercase()) {
            Some(v) if v == "development" || v == "dev" => AppEnv::Development,
            None => AppEnv::Production,
            Some(v) if v == "production" || v == "prod" || v.is_empty() => AppEnv::Production,
            Some(v) => {
                return Err(ConfigError {
                    variable: "APP_ENV",
                    problem: format!("expected development or production, got '{v}'"),
                });
            }
        };
        let log_format = match lookup("LOG_FORMAT").map(|v| v.trim().to_ascii_lowercase()) {
            None => LogFormat::Pretty,
            Some(v) if v == "pretty" || v.is_empty() => LogFormat::Pretty,
            Some(v) if v == "json" => LogFormat::Json,
            Some(v) => {
                return Err(ConfigError {
                    variable: "LOG_FORMAT",
                    problem: format!("expected pretty or json, got '{v}'"),
                });
            }
        };
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        let ttl_minutes: u64 = parsed(lookup, "TOKEN_TTL_MINUTES", 720, "a number of minutes")?;
        if !(1..=MAX_TOKEN_TTL_MINUTES).contains(&ttl_minutes) {
            return Err(ConfigError {
                variable: "TOKEN_TTL_MINUTES",
                problem: format!("must be 1 to {MAX_TOKEN_TTL_MINUTES} (a year)"),
            });
        }
        let attempts: u32 = parsed(lookup, "LOGIN_ATTEMPTS_PER_MINUTE", 10, "a number")?;
        let login_attempts_per_minute = std::num::NonZeroU32::new(attempts)
            .filter(|n| n.get() <= 10_000)
            .ok_or(ConfigError {
                variable: "LOGIN_ATTEMPTS_PER_MINUTE",
                problem: "must be 1 to 10000".to_owned(),
            })?;
        Ok(Self {
            database_url,
            migration_database_url: url(lookup, "MIGRATION_DATABASE_URL")?,
            database_pooler: parsed(
                lookup,
                "DATABASE_POOLER",
                migration::pooled::Pooler::None,
                "none, session or transaction",
            )?,
            host: parsed(
                lookup,
                "HOST",
                IpAddr::from([127, 0, 0, 1]),
                "an IP address",
            )?,
            port: parsed(lookup, "PORT", 8000, "a port number (0-65535)")?,
            auto_migrate: flag(lookup, "AUTO_MIGRATE", true)?,
            dev_create_tables: flag(lookup, "DEV_CREATE_TABLES", false)?,
            app_env,
            token_ttl: Duration::from_secs(ttl_minutes * 60),
            login_attempts_per_minute,
            trust_forwarded_for: flag(lookup, "TRUST_FORWARDED_FOR", false)?,
            log_format,
            request_timeout: Duration::from_secs(parsed(
                lookup,
                "REQUEST_TIMEOUT_SECS",
                30,
                "a number of seconds",
            )?),
            shutdown_grace: Duration::from_secs(parsed(
                lookup,
                "SHUTDOWN_GRACE_SECS",
                20,
                "a number of seconds",
            )?),
            hashing_concurrency: parsed(lookup, "HASHING_CONCURRENCY", cpus, "a positive number")?
                .max(1),
            connect_retries: parsed(lookup, "DB_CONNECT_RETRIES", 10, "a number")?,
            max_connections: parsed(lookup, "DB_MAX_CONNECTIONS", 32, "a number")?.max(1),
            operator_token: operator_token(lookup)?,
            metrics_addr: metrics_addr(lookup)?,
            migration: migration_options(lookup)?,
        })
    }

    /// Checks combinations that are individually valid but unsafe together.
    ///
    /// # Errors
    /// `DEV_CREATE_TABLES` outside SQLite or development; a transaction pooler without a
    /// direct `MIGRATION_DATABASE_URL` (the migration lock would not hold through it).
    pub fn check_combinations(&self) -> Result<(), ConfigError> {
        let pooled = self.database_pooler == migration::pooled::Pooler::Transaction;
        if pooled && self.migration_database_url.is_none() {
            return Err(ConfigError {
                variable: "MIGRATION_DATABASE_URL",
                problem: "must name a direct connection when DATABASE_POOLER=transaction \
                          (migrating and the schema check need a session of their own)"
                    .to_owned(),
            });
        }
        self.check_dev_create_tables()
    }

    /// `DEV_CREATE_TABLES` only on SQLite or in development.
    ///
    /// # Errors
    /// `DEV_CREATE_TABLES` outside SQLite or development.
    pub fn check_dev_create_tables(&self) -> Result<(), ConfigError> {
        let sqlite = self.database_url.backend() == sea_orm::DbBackend::Sqlite;
        if self.dev_create_tables && !sqlite && self.app_env != AppEnv::Development {
            return Err(ConfigError {
                variable: "DEV_CREATE_TABLES",
                problem: "only allowed on SQLite or with APP_ENV=development".to_owned(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(&move |name| map.get(name).cloned())
    }

    #[test]
    fn defaults_apply_when_only_the_database_is_given() {
        let c = config(&[("DATABASE_URL", "sqlite://x.db?mode=rwc")]).unwrap();
        assert_eq!(c.port, 8000);
        assert!(c.auto_migrate);
        assert!(!c.dev_create_tables);
        assert_eq!(c.app_env, AppEnv::Production);
        assert_eq!(c.metrics_addr.map(|a| a.ip().is_loopback()), Some(true));
    }

    #[test]
    fn metrics_can_be_moved_or_switched_off() {
        let c = config(&[("DATABASE_URL", "sqlite://x.db"), ("METRICS_ADDR", "off")]).unwrap();
        assert_eq!(c.metrics_addr, None);
        let c = config(&[
            ("DATABASE_URL", "sqlite://x.db"),
            ("METRICS_ADDR", "0.0.0.0:9100"),
        ])
        .unwrap();
        assert_eq!(c.metrics_addr.map(|a| a.port()), Some(9100));
        let e = config(&[("DATABASE_URL", "sqlite://x.db"), ("METRICS_ADDR", "9100")]).unwrap_err();
        assert_eq!(e.variable, "METRICS_ADDR");
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let e = config(&[("DATABASE_URL", "sqlite://x.db"), ("PORT", "eighty")]).unwrap_err();
        assert_eq!(e.variable, "PORT");
        let e =
            config(&[("DATABASE_URL", "sqlite://x.db"), ("AUTO_MIGRATE", "maybe")]).unwrap_err();
        assert_eq!(e.variable, "AUTO_MIGRATE");
        let e = config(&[]).unwrap_err();
        assert_eq!(e.variable, "DATABASE_URL");
    }

    #[test]
    fn token_lifetimes_are_bounded_to_a_year() {
        for bad in ["0", "525601", "99999999999999999"] {
            let e = config(&[
                ("DATABASE_URL", "sqlite://x.db"),
                ("TOKEN_TTL_MINUTES", bad),
            ])
            .unwrap_err();
            assert_eq!(e.variable, "TOKEN_TTL_MINUTES", "{bad}");
        }
        let c = config(&[
            ("DATABASE_URL", "sqlite://x.db"),
            ("TOKEN_TTL_MINUTES", "525600"),
        ])
        .unwrap();
        assert_eq!(c.token_ttl, Duration::from_secs(525_600 * 60));
        let e = config(&[
            ("DATABASE_URL", "sqlite://x.db"),
            ("LOGIN_ATTEMPTS_PER_MINUTE", "0"),
        ])
        .unwrap_err();
        assert_eq!(e.variable, "LOGIN_ATTEMPTS_PER_MINUTE");
    }

    #[test]
    fn a_database_password_never_appears_in_a_config_error() {
        let e = config(&[("DATABASE_URL", "postgres//u:hunter2@h/db")]).unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn migration_variables_are_read_like_the_command_line_reads_them() {
        let c = config(&[
            ("DATABASE_URL", "sqlite://x.db"),
            ("MIGRATION_LOCK_WAIT", "2m"),
            ("MIGRATION_CONNECT_TIMEOUT", "3s"),
        ])
        .unwrap();
        assert_eq!(c.migration.lock_wait, Duration::from_secs(120));
        assert_eq!(c.migration.connect_timeout, Duration::from_secs(3));
        let e = config(&[
            ("DATABASE_URL", "sqlite://x.db"),
            ("MIGRATION_LOCK_RETRIES", "many"),
        ])
        .unwrap_err();
        assert_eq!(e.variable, "MIGRATION_LOCK_RETRIES");
    }

    #[test]
    fn a_transaction_pooler_needs_a_direct_url_for_migrating() {
        let pooled = [
            ("DATABASE_URL", "postgres://u@pgbouncer:6432/db"),
            ("DATABASE_POOLER", "transaction"),
        ];
        let c = config(&pooled).unwrap();
        assert_eq!(c.database_pooler, migration::pooled::Pooler::Transaction);
        assert_eq!(
            c.check_combinations().unwrap_err().variable,
            "MIGRATION_DATABASE_URL"
        );
        let c = config(&[pooled[0], pooled[1], ("AUTO_MIGRATE", "false")]).unwrap();
        assert_eq!(
            c.check_combinations().unwrap_err().variable,
            "MIGRATION_DATABASE_URL",
            "the schema check at start-up migrates nothing but needs a session too"
        );
        let c = config(&[
            pooled[0],
            pooled[1],
            ("MIGRATION_DATABASE_URL", "postgres://u@db:5432/db"),
        ])
        .unwrap();
        assert!(c.check_combinations().is_ok());
        let e = config(&[pooled[0], ("DATABASE_POOLER", "statement")]).unwrap_err();
        assert_eq!(e.variable, "DATABASE_POOLER");
    }

    #[test]
    fn dev_create_tables_is_refused_on_a_production_server_database() {
        let c = config(&[
            ("DATABASE_URL", "postgres://u@h/db"),
            ("DEV_CREATE_TABLES", "true"),
        ])
        .unwrap();
        assert_eq!(
            c.check_dev_create_tables().unwrap_err().variable,
            "DEV_CREATE_TABLES"
        );
        let c = config(&[
            ("DATABASE_URL", "postgres://u@h/db"),
            ("DEV_CREATE_TABLES", "true"),
            ("APP_ENV", "development"),
        ])
        .unwrap();
        assert!(c.check_dev_create_tables().is_ok());
    }
}
