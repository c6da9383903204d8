//! Reading and checking `DATABASE_URL`, connecting with a bounded timeout, and masking
//! passwords wherever a URL is shown.

use crate::error::{Error, Result};
use crate::masking;
use sea_orm::sqlx::postgres::PgSslMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use std::time::Duration;

/// How long a connection attempt may take before it is reported as unreachable.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The variable that names the database everywhere.
pub const DATABASE_URL: &str = "DATABASE_URL";
/// The variable that, when set, overrides [`DATABASE_URL`] for migrating: a direct connection
/// where the application's URL goes through a transaction-pooling proxy (PgBouncer and the
/// like), on which session locks do not hold.
pub const MIGRATION_DATABASE_URL: &str = "MIGRATION_DATABASE_URL";

/// A checked database URL: parses, names a supported backend, and knows its masked form.
#[derive(Clone)]
pub struct DatabaseUrl {
    raw: String,
    backend: DbBackend,
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl DatabaseUrl {
    /// Checks `raw` as a database URL.
    ///
    /// # Errors
    /// [`Error::Config`] when it is empty, does not parse, or names an unsupported scheme.
    pub fn parse(variable: &str, raw: &str) -> Result<Self> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Error::Config(format!("{variable} is empty")));
        }
        let parsed = url::Url::parse(raw).map_err(|e| {
            Error::Config(format!(
                "{variable} is not a valid URL ({e}); expected e.g. sqlite://legal_ai.db?mode=rwc"
            ))
        })?;
        let backend = match parsed.scheme() {
            "postgres" | "postgresql" => DbBackend::Postgres,
            "mysql" | "mariadb" => DbBackend::MySql,
            "sqlite" => DbBackend::Sqlite,
            other => {
                return Err(Error::Config(format!(
                    "{variable} has unsupported scheme '{other}': use postgres://, mysql:// or sqlite://"
                )));
            }
        };
        if backend != DbBackend::Sqlite && parsed.host_str().unwrap_or_default().is_empty() {
            return Err(Error::Config(format!("{variable} names no host")));
        }
        Ok(Self {
            raw: raw.replacen("mariadb://", "mysql://", 1),
            backend,
        })
    }

    /// Reads and checks the variable `name` from the environment.
    ///
    /// # Errors
    /// [`Error::Config`] when it is unset or malformed.
    pub fn from_env(name: &str) -> Result<Self> {
        match std::env::var(name) {
            Ok(value) => Self::parse(name, &value),
            Err(std::env::VarError::NotPresent) => Err(Error::Config(format!(
                "{name} is not set: put it in the environment or in .env (see .env.example)"
            ))),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(Error::Config(format!("{name} is not valid UTF-8")))
            }
        }
    }

    /// The URL to migrate: `MIGRATION_DATABASE_URL` when set, else `DATABASE_URL`.
    ///
    /// # Errors
    /// [`Error::Config`] when neither is set or the one used is malformed.
    pub fn for_migrating() -> Result<Self> {
        match std::env::var(MIGRATION_DATABASE_URL) {
            Ok(value) if !value.trim().is_empty() => Self::parse(MIGRATION_DATABASE_URL, &value),
            _ => Self::from_env(DATABASE_URL),
        }
    }

    /// The backend the URL names.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// The URL itself, for connecting. Never print it: use [`DatabaseUrl::masked`].
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// The URL with every password replaced by `***` (see [`crate::masking::mask_url`]).
    pub fn masked(&self) -> String {
        masking::mask_url(&self.raw)
    }

    /// `message` (a driver's error) with this URL masked and its secrets removed, cut to one
    /// line: for errors that may quote the URL or its password.
    pub fn scrub(&self, message: &str) -> String {
        masking::scrub(message, &self.raw)
    }

    /// The database name (PostgreSQL, MySQL) or the file's stem (SQLite); `None` for an
    /// in-memory SQLite database or a URL without one.
    pub fn database_name(&self) -> Option<String> {
        if self.backend == DbBackend::Sqlite {
            let file = self.sqlite_file()?;
            return file.file_stem().map(|s| s.to_string_lossy().into_owned());
        }
        let parsed = url::Url::parse(&self.raw).ok()?;
        let name = parsed.path().trim_start_matches('/');
        (!name.is_empty()).then(|| name.to_owned())
    }

    /// The SQLite database file, as given (possibly relative); `None` for other backends and
    /// for in-memory databases. Read the way sqlx reads it.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        if self.backend != DbBackend::Sqlite {
            return None;
        }
        let rest = self
            .raw
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let (path, params) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path == ":memory:" || params.split('&').any(|p| p == "mode=memory") {
            return None;
        }
        Some(std::path::PathBuf::from(path))
    }

    /// The same server and credentials, another database (MySQL/PostgreSQL).
    ///
    /// # Errors
    /// [`Error::Config`] when the URL cannot carry a database name.
    pub fn with_database(&self, name: &str) -> Result<Self> {
        let mut parsed = url::Url::parse(&self.raw)
            .map_err(|e| Error::Config(format!("cannot change the database of the URL: {e}")))?;
        parsed.set_path(&format!("/{name}"));
        Ok(Self {
            raw: parsed.to_string(),
            backend: self.backend,
        })
    }

    /// The URL with the password removed (not masked), from the userinfo and the query: for
    /// handing to client tools, which get the password from the environment instead.
    pub fn without_password(&self) -> String {
        let Ok(mut parsed) = url::Url::parse(&self.raw) else {
            return self.raw.clone();
        };
        let had_password = parsed.password().is_some();
        let _ = parsed.set_password(None);
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .filter(|(key, _)| !key.eq_ignore_ascii_case("password"))
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        let query_password = parsed.query_pairs().count() != pairs.len();
        if !had_password && !query_password {
            return self.raw.clone();
        }
        if query_password {
            parsed.set_query(None);
            if !pairs.is_empty() {
                parsed.query_pairs_mut().extend_pairs(pairs);
            }
        }
        parsed.to_string()
    }

    /// The password, if the URL carries one in its userinfo or as `?password=` (for a client
    /// tool's environment, never output).
    pub fn password(&self) -> Option<String> {
        let parsed = url::Url::parse(&self.raw).ok()?;
        if let Some(password) = parsed.password() {
            return Some(password.to_owned());
        }
        parsed
            .query_pairs()
            .find(|(key, _)| key.eq_ignore_ascii_case("password"))
            .map(|(_, value)| value.into_owned())
    }

    /// Connects with a bounded timeout, quietly (no statement logging).
    ///
    /// # Errors
    /// [`Error::Connect`] naming the masked URL and the reason in one line.
    pub async fn connect(&self, timeout: Duration) -> Result<DatabaseConnection> {
        self.open(self.connect_options(timeout), timeout).await
    }

    /// The options every lexbase connection starts from: bounded connect and acquire
    /// timeouts, no statement logging, and no TLS to a PostgreSQL server on a loopback
    /// address unless the URL names an `sslmode` (there TLS protects nothing, and sqlx's
    /// handshake costs ~90 ms per connection).
    pub fn connect_options(&self, timeout: Duration) -> ConnectOptions {
        let mut options = ConnectOptions::new(self.raw.clone());
        options
            .connect_timeout(timeout)
            .acquire_timeout(timeout)
            .sqlx_logging(false);
        if loopback_without_sslmode(&self.raw) {
            options.map_sqlx_postgres_opts(|o| o.ssl_mode(PgSslMode::Disable));
        }
        options
    }

    /// Connects one dedicated connection that stays open as long as the handle does: session
    /// state (advisory locks, `SET`s) holds for every statement run through it.
    ///
    /// # Errors
    /// [`Error::Connect`] naming the masked URL and the reason in one line.
    pub async fn connect_dedicated(&self, timeout: Duration) -> Result<DatabaseConnection> {
        // The acquire timeout never bites in practice: one task uses the one connection.
        let mut options = self.connect_options(timeout);
        options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .test_before_acquire(false);
        self.open(options, timeout).await
    }

    /// Connects with `options` (from [`DatabaseUrl::connect_options`]) within `timeout`.
    ///
    /// # Errors
    /// [`Error::Connect`] naming the masked URL and the reason in one line.
    pub async fn open(
        &self,
        options: ConnectOptions,
        timeout: Duration,
    ) -> Result<DatabaseConnection> {
        let attempt = tokio::time::timeout(timeout, Database::connect(options)).await;
        let failure = match attempt {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(e)) => self.scrub(&e.to_string()),
            Err(_) => format!("no answer within {}", human(timeout)),
        };
        Err(Error::Connect {
            url: self.masked(),
            reason: failure,
        })
    }
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

/// A duration for messages: `750 ms`, `1.0 s`, `2.5 min`.
pub fn human(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds < 1.0 {
        format!("{} ms", duration.as_millis())
    } else if seconds < 120.0 {
        format!("{seconds:.1} s")
    } else {
        format!("{:.1} min", seconds / 60.0)
    }
}

/// Reads a duration such as `500ms`, `1s`, `1.5s`, `2m` or `1h`; a bare number is seconds.
///
/// # Errors
/// A message naming the accepted forms.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let scale = match unit.trim() {
        "ms" => 0.001,
        "" | "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => f64::NAN,
    };
    number
        .parse::<f64>()
        .ok()
        .map(|n| n * scale)
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("'{text}' is not a duration: use e.g. 500ms, 5s, 2m or 1h"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

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
    fn durations_read_with_their_unit() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("60"), Ok(Duration::from_secs(60)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("-1s").is_err());
    }

    #[test]
    fn sqlite_files_and_database_names_are_read_like_sqlx_reads_them() {
        let file = DatabaseUrl::parse("X", "sqlite:///tmp/a/legal.db?mode=rwc").unwrap();
        assert_eq!(
            file.sqlite_file(),
            Some(std::path::PathBuf::from("/tmp/a/legal.db"))
        );
        assert_eq!(file.database_name().as_deref(), Some("legal"));
        let relative = DatabaseUrl::parse("X", "sqlite://legal_ai.db?mode=rwc").unwrap();
        assert_eq!(
            relative.sqlite_file(),
            Some(std::path::PathBuf::from("legal_ai.db"))
        );
        let memory = DatabaseUrl::parse("X", "sqlite::memory:").unwrap();
        assert_eq!(memory.sqlite_file(), None);
        let pg = DatabaseUrl::parse("X", "postgres://app:pw@db:5432/legal").unwrap();
        assert_eq!(pg.database_name().as_deref(), Some("legal"));
        assert_eq!(pg.without_password(), "postgres://app@db:5432/legal");
        assert_eq!(pg.password().as_deref(), Some("pw"));
        let query =
            DatabaseUrl::parse("X", "postgres://app@db/legal?password=pw&sslmode=require").unwrap();
        assert_eq!(query.password().as_deref(), Some("pw"));
        assert_eq!(
            query.without_password(),
            "postgres://app@db/legal?sslmode=require"
        );
    }

    #[test]
    fn an_unknown_scheme_is_refused_with_the_variable_named() {
        let err = DatabaseUrl::parse("DATABASE_URL", "oracle://x/y").unwrap_err();
        assert!(err.to_string().contains("DATABASE_URL"));
        assert!(err.to_string().contains("oracle"));
    }

    #[test]
    fn a_malformed_url_is_refused_without_echoing_it() {
        let err = DatabaseUrl::parse("DATABASE_URL", "not a url with pass:hunter2").unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }
}
