//! The `MIGRATION_*` settings: one `clap::Args` definition, with its environment variables
//! and defaults, shared by the migration command line (flags, or the variables) and the API
//! server (the variables, read at start-up through the same definition).

pub use crate::config::DEFAULT_CONNECT_TIMEOUT;
use crate::config::parse_duration;
use crate::runner::Options;
use std::time::Duration;

/// How long to wait for another migrator to finish.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);
/// PostgreSQL `lock_timeout` for migration statements.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);
/// Retries of a migration whose `lock_timeout` expired.
pub const DEFAULT_LOCK_RETRIES: u32 = 3;

/// A duration as the settings spell it: `500ms`, `5s`, `2m`, `1h`, or a bare number of
/// seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(pub Duration);

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let millis = self.0.as_millis();
        if millis.is_multiple_of(1000) {
            write!(f, "{}s", millis / 1000)
        } else {
            write!(f, "{millis}ms")
        }
    }
}

impl std::str::FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_duration(text).map(Span)
    }
}

/// How migrating connects, waits for the lock and bounds its statements.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct MigrationSettings {
    /// How long to wait for another migrator to finish.
    #[arg(long, global = true, env = "MIGRATION_LOCK_WAIT", default_value_t = Span(DEFAULT_LOCK_WAIT))]
    pub lock_wait: Span,
    /// How long connecting may take.
    #[arg(long, global = true, env = "MIGRATION_CONNECT_TIMEOUT", default_value_t = Span(DEFAULT_CONNECT_TIMEOUT))]
    pub connect_timeout: Span,
    /// PostgreSQL lock_timeout for migration statements (0 waits forever).
    #[arg(long, global = true, env = "MIGRATION_LOCK_TIMEOUT", default_value_t = Span(DEFAULT_LOCK_TIMEOUT))]
    pub lock_timeout: Span,
    /// How many times a migration is retried after lock_timeout expired (PostgreSQL).
    #[arg(long, global = true, env = "MIGRATION_LOCK_RETRIES", default_value_t = DEFAULT_LOCK_RETRIES)]
    pub lock_retries: u32,
    /// PostgreSQL statement_timeout for migration statements (default: none; 0 is none).
    #[arg(long, global = true, env = "MIGRATION_STATEMENT_TIMEOUT")]
    pub statement_timeout: Option<Span>,
}

impl Default for MigrationSettings {
    fn default() -> Self {
        Self {
            lock_wait: Span(DEFAULT_LOCK_WAIT),
            connect_timeout: Span(DEFAULT_CONNECT_TIMEOUT),
            lock_timeout: Span(DEFAULT_LOCK_TIMEOUT),
            lock_retries: DEFAULT_LOCK_RETRIES,
            statement_timeout: None,
        }
    }
}

impl MigrationSettings {
    /// The runner options these settings give (nothing forced, no backup, in order only).
    pub fn options(&self) -> Options {
        Options {
            connect_timeout: self.connect_timeout.0,
            lock_wait: self.lock_wait.0,
            lock_timeout: self.lock_timeout.0,
            lock_retries: self.lock_retries,
            statement_timeout: self.statement_timeout.map(|s| s.0).filter(|t| !t.is_zero()),
            force: false,
            backup: None,
            out_of_order: false,
        }
    }

    /// Reads the settings' environment variables through `lookup` (the API server's
    /// configuration passes the process environment; its tests pass a map), with the same
    /// names, parsers and defaults as the command line.
    ///
    /// # Errors
    /// `(variable, problem)` for the first malformed variable.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Self, (String, String)> {
        use clap::{Args, FromArgMatches};
        // The variables come in as flags, so clap itself must not read the real environment.
        let command = Self::augment_args(clap::Command::new("settings").no_binary_name(true))
            .mut_args(|arg| arg.env(None::<&str>));
        let given: Vec<(String, String)> = Self::augment_args(clap::Command::new("settings"))
            .get_arguments()
            .filter_map(|arg| {
                let variable = arg.get_env()?.to_string_lossy().into_owned();
                let value = lookup(&variable).filter(|v| !v.trim().is_empty())?;
                Some((variable, format!("--{}={}", arg.get_long()?, value.trim())))
            })
            .collect();
        for (variable, flag) in &given {
            if let Err(e) = command.clone().try_get_matches_from([flag]) {
                let problem = e.to_string();
                let problem = problem.lines().next().unwrap_or_default();
                return Err((
                    variable.clone(),
                    problem.trim_start_matches("error: ").to_owned(),
                ));
            }
        }
        let matches = command
            .try_get_matches_from(given.iter().map(|(_, flag)| flag))
            .map_err(|e| ("MIGRATION_*".to_owned(), e.to_string()))?;
        Self::from_arg_matches(&matches).map_err(|e| ("MIGRATION_*".to_owned(), e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> Result<MigrationSettings, (String, String)> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        MigrationSettings::from_lookup(&move |name| map.get(name).cloned())
    }

    #[test]
    fn no_variables_give_the_command_lines_defaults() {
        assert_eq!(read(&[]).unwrap(), MigrationSettings::default());
        assert_eq!(
            MigrationSettings::default().options().lock_wait,
            Options::default().lock_wait
        );
    }

    #[test]
    fn variables_are_read_with_the_command_lines_parsers() {
        let settings = read(&[
            ("MIGRATION_LOCK_WAIT", "2m"),
            ("MIGRATION_LOCK_RETRIES", "7"),
            ("MIGRATION_STATEMENT_TIMEOUT", "500ms"),
        ])
        .unwrap();
        assert_eq!(settings.lock_wait, Span(Duration::from_secs(120)));
        assert_eq!(settings.lock_retries, 7);
        assert_eq!(
            settings.options().statement_timeout,
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn a_malformed_variable_is_named() {
        let (variable, problem) = read(&[("MIGRATION_LOCK_TIMEOUT", "soon")]).unwrap_err();
        assert_eq!(variable, "MIGRATION_LOCK_TIMEOUT");
        assert!(problem.contains("soon"), "{problem}");
        let (variable, _) = read(&[("MIGRATION_LOCK_RETRIES", "-1")]).unwrap_err();
        assert_eq!(variable, "MIGRATION_LOCK_RETRIES");
    }

    #[test]
    fn spans_print_as_they_are_written() {
        assert_eq!(Span(Duration::from_secs(60)).to_string(), "60s");
        assert_eq!(Span(Duration::from_millis(1500)).to_string(), "1500ms");
        assert_eq!(
            "60s".parse::<Span>().unwrap(),
            Span(Duration::from_secs(60))
        );
    }
}
