//! The migrations a command works with, in order, each with its checksum; and the test-only
//! slow migration.

use crate::checksum::checksum;
use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::testing::TEST_DATABASE_PREFIX;
use sea_orm::DbBackend;

/// One migration and the checksum of its source.
pub struct Entry {
    plan: Box<dyn Plan>,
    checksum: String,
}

impl Entry {
    /// `mYYYYMMDD_HHMMSS_verb_noun`.
    pub fn name(&self) -> &'static str {
        self.plan.name()
    }

    /// One line saying what it does.
    pub fn message(&self) -> &'static str {
        self.plan.message()
    }

    /// The Alembic revision it ports, if any.
    pub fn alembic_revision(&self) -> Option<&'static str> {
        self.plan.alembic_revision()
    }

    /// Hex sha256 of its normalised source.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// The statements it runs.
    pub fn plan(&self) -> &dyn Plan {
        self.plan.as_ref()
    }
}

/// The ordered migrations.
pub struct Catalog {
    entries: Vec<Entry>,
}

impl Catalog {
    /// Every migration of [`crate::plans`].
    ///
    /// # Errors
    /// [`Error::Config`] when a migration has no embedded source or the list is out of order
    /// (both are build mistakes, caught by the crate's tests).
    pub fn new() -> Result<Self> {
        Self::from_plans(crate::plans())
    }

    /// The migrations for `url`: [`Catalog::new`], plus the test-only slow migration when
    /// [`SLOW_MIGRATION_VARIABLE`] is set, which is refused unless the database is a test
    /// database (named `lexbase_test_*`): it can never run against a real database.
    ///
    /// # Errors
    /// As [`Catalog::new`]; [`Error::Config`] for a misused [`SLOW_MIGRATION_VARIABLE`].
    pub fn for_database(url: &DatabaseUrl) -> Result<Self> {
        let mut plans = crate::plans();
        if let Some(seconds) = slow_migration_seconds()? {
            let is_test_database = url
                .database_name()
                .is_some_and(|name| name.starts_with(TEST_DATABASE_PREFIX));
            if !is_test_database {
                return Err(Error::Config(format!(
                    "{SLOW_MIGRATION_VARIABLE} is set, but the test-only migration runs only on \
                     test databases ({TEST_DATABASE_PREFIX}*): unset it"
                )));
            }
            plans.push(Box::new(SlowTestMigration { seconds }));
        }
        Self::from_plans(plans)
    }

    /// Any list of migrations, oldest first (tests run histories of their own).
    ///
    /// # Errors
    /// As [`Catalog::new`].
    pub fn from_plans(plans: Vec<Box<dyn Plan>>) -> Result<Self> {
        let mut entries: Vec<Entry> = Vec::with_capacity(plans.len());
        for plan in plans {
            let source = plan.source().ok_or_else(|| {
                Error::Config(format!("{} has no embedded source file", plan.name()))
            })?;
            if let Some(previous) = entries.last()
                && previous.name() >= plan.name()
            {
                return Err(Error::Config(format!(
                    "migrations out of order: {} is listed after {}",
                    plan.name(),
                    previous.name()
                )));
            }
            entries.push(Entry {
                checksum: checksum(source),
                plan,
            });
        }
        Ok(Self { entries })
    }

    /// The migrations, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The migration at `index`.
    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// The newest migration.
    pub fn head(&self) -> Option<&Entry> {
        self.entries.last()
    }

    /// Where the migration called `name` stands in the list.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|entry| entry.name() == name)
    }

    /// The name of the migration before `index`, `None` for the first (its parent is base).
    pub fn parent(&self, index: usize) -> Option<&'static str> {
        index
            .checked_sub(1)
            .and_then(|i| self.get(i))
            .map(Entry::name)
    }
}

/// Appends the test-only slow migration when set; its value is how many seconds the
/// migration sleeps (`pg_sleep` / `SLEEP`; SQLite does not sleep).
pub const SLOW_MIGRATION_VARIABLE: &str = "LEXBASE_TEST_SLOW_MIGRATION";
/// The test-only slow migration's name: after any real migration.
pub const SLOW_MIGRATION_NAME: &str = "m99991231_235959_test_slow_migration";

fn slow_migration_seconds() -> Result<Option<f64>> {
    let Ok(value) = std::env::var(SLOW_MIGRATION_VARIABLE) else {
        return Ok(None);
    };
    match value.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => Ok(Some(seconds)),
        _ => Err(Error::Config(format!(
            "{SLOW_MIGRATION_VARIABLE} must be a number of seconds, not '{value}'"
        ))),
    }
}

/// Creates a probe table, then sleeps inside the migration, so a test can kill the migrator
/// half-way through.
struct SlowTestMigration {
    seconds: f64,
}

impl Plan for SlowTestMigration {
    fn name(&self) -> &'static str {
        SLOW_MIGRATION_NAME
    }

    fn message(&self) -> &'static str {
        "test only: create a probe table, then sleep"
    }

    fn up(&self, backend: DbBackend) -> Vec<String> {
        let mut statements = vec!["CREATE TABLE lexbase_test_slow (id integer)".to_owned()];
        match backend {
            DbBackend::Postgres => statements.push(format!("SELECT pg_sleep({})", self.seconds)),
            DbBackend::MySql => statements.push(format!("SELECT SLEEP({})", self.seconds)),
            _ => {}
        }
        statements
    }

    fn down(&self, _backend: DbBackend) -> Vec<String> {
        vec!["DROP TABLE lexbase_test_slow".to_owned()]
    }

    fn source(&self) -> Option<&'static str> {
        // Fixed text: the sleep length may differ between runs without looking like an edit.
        Some("test-only slow migration: CREATE TABLE lexbase_test_slow; sleep")
    }
}
