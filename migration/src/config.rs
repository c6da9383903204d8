//! Reading and checking `DATABASE_URL`, connecting with a bounded timeout, and masking
//! passwords wherever a URL is shown.

use crate::error::{Error, Result};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use std::time::Duration;

/// How long a connection attempt may take before it is reported as unreachable.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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

    /// The backend the URL names.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// The URL itself, for connecting. Never print it: use [`DatabaseUrl::masked`].
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// The URL with any password replaced by `***`.
    pub fn masked(&self) -> String {
        mask_password(&self.raw)
    }

    /// Connects with a bounded timeout, quietly (no statement logging).
    ///
    /// # Errors
    /// [`Error::Connect`] naming the masked URL and the reason in one line.
    pub async fn connect(&self, timeout: Duration) -> Result<DatabaseConnection> {
        let mut options = ConnectOptions::new(self.raw.clone());
        options
            .connect_timeout(timeout)
            .acquire_timeout(timeout)
            .sqlx_logging(false);
        let attempt = tokio::time::timeout(timeout, Database::connect(options)).await;
        let failure = match attempt {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(e)) => scrub(&e.to_string(), &self.raw),
            Err(_) => format!("no answer within {} s", timeout.as_secs()),
        };
        Err(Error::Connect {
            url: self.masked(),
            reason: failure,
        })
    }
}

/// Replaces the password in a URL with `***`; leaves anything unparsable untouched but
/// for a best-effort cut of `user:password@`.
pub fn mask_password(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut parsed) if parsed.password().is_some() => {
            if parsed.set_password(Some("***")).is_ok() {
                parsed.to_string()
            } else {
                "<database url>".to_owned()
            }
        }
        Ok(_) => raw.to_owned(),
        Err(_) => "<database url>".to_owned(),
    }
}

/// Removes the URL and its password from a driver's error text, and keeps it to one line.
fn scrub(message: &str, raw_url: &str) -> String {
    let mut text = message.replace(raw_url, &mask_password(raw_url));
    if let Ok(parsed) = url::Url::parse(raw_url)
        && let Some(password) = parsed.password()
        && !password.is_empty()
    {
        text = text.replace(password, "***");
    }
    text.lines().next().unwrap_or_default().trim().to_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn masking_hides_the_password_and_keeps_the_rest() {
        let masked = mask_password("postgres://app:s3cret@db.internal:5432/legal");
        assert_eq!(masked, "postgres://app:***@db.internal:5432/legal");
    }

    #[test]
    fn a_url_without_password_is_shown_as_is() {
        assert_eq!(
            mask_password("sqlite://legal_ai.db?mode=rwc"),
            "sqlite://legal_ai.db?mode=rwc"
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
