//! The migrations a command works with, in order, each with the checksum of what it runs on
//! the catalog's backend; and (debug builds only) the test-only slow migration.

use crate::checksum;
use crate::config::DatabaseUrl;
use crate::error::{Error, Result};
use crate::plan::Plan;
use sea_orm::DbBackend;

/// One migration and its checksums.
pub struct Entry {
    plan: Box<dyn Plan>,
    checksum: String,
    source_checksum: Option<String>,
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

    /// The checksum recorded when it runs ([`checksum::FORMAT`]): of the statements it
    /// renders for the catalog's backend.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// The checksum earlier versions recorded ([`checksum::SOURCE_FORMAT`]): of its source
    /// file, when the file is embedded.
    pub fn source_checksum(&self) -> Option<&str> {
        self.source_checksum.as_deref()
    }

    /// The statements it runs.
    pub fn plan(&self) -> &dyn Plan {
        self.plan.as_ref()
    }
}

/// The ordered migrations, as they run on one backend.
pub struct Catalog {
    backend: DbBackend,
    entries: Vec<Entry>,
}

impl Catalog {
    /// Every migration of [`crate::plans`], checksummed for `backend`.
    ///
    /// # Errors
    /// [`Error::Config`] when the list is out of order (a build mistake, caught by the crate's
    /// tests).
    pub fn new(backend: DbBackend) -> Result<Self> {
        Self::from_plans(backend, crate::plans())
    }

    /// The migrations for `url`: [`Catalog::new`] for its backend, plus, in debug builds only,
    /// the test-only slow migration when [`SLOW_MIGRATION_VARIABLE`] is set, which is refused
    /// unless the database is a test database (named `lexbase_test_*`).
    ///
    /// # Errors
    /// As [`Catalog::new`]; [`Error::Config`] for a misused [`SLOW_MIGRATION_VARIABLE`].
    pub fn for_database(url: &DatabaseUrl) -> Result<Self> {
        #[cfg_attr(not(debug_assertions), allow(unused_mut))]
        let mut plans = crate::plans();
        #[cfg(debug_assertions)]
        if let Some(slow) = slow::from_env(url)? {
            plans.push(Box::new(slow));
        }
        Self::from_plans(url.backend(), plans)
    }

    /// A catalog of `plans` (tests build catalogs of their own).
    ///
    /// # Errors
    /// As [`Catalog::new`].
    pub fn from_plans(backend: DbBackend, plans: Vec<Box<dyn Plan>>) -> Result<Self> {
        let mut entries: Vec<Entry> = Vec::with_capacity(plans.len());
        for plan in plans {
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
                checksum: checksum::of_statements(plan.as_ref(), backend),
                source_checksum: plan.source().map(checksum::of_source),
                plan,
            });
        }
        Ok(Self { backend, entries })
    }

    /// The backend the checksums are of.
    pub fn backend(&self) -> DbBackend {
        self.backend
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

/// The variable that appends the test-only slow migration (debug builds only); its value is
/// how many seconds the migration sleeps (`pg_sleep` / `SLEEP`; SQLite does not sleep).
pub const SLOW_MIGRATION_VARIABLE: &str = "LEXBASE_TEST_SLOW_MIGRATION";
/// The test-only slow migration's name: after any real migration.
pub const SLOW_MIGRATION_NAME: &str = "m99991231_235959_test_slow_migration";

/// The test-only slow migration: compiled into debug builds only, so no release binary (the
/// API server, the migration command) can ever read its variable.
#[cfg(debug_assertions)]
mod slow {
    use super::{SLOW_MIGRATION_NAME, SLOW_MIGRATION_VARIABLE};
    use crate::config::DatabaseUrl;
    use crate::error::{Error, Result};
    use crate::plan::Plan;
    use crate::testing::TEST_DATABASE_PREFIX;
    use sea_orm::DbBackend;

    /// The slow migration when [`SLOW_MIGRATION_VARIABLE`] is set.
    pub(super) fn from_env(url: &DatabaseUrl) -> Result<Option<SlowTestMigration>> {
        let Ok(value) = std::env::var(SLOW_MIGRATION_VARIABLE) else {
            return Ok(None);
        };
        let seconds = match value.trim().parse::<f64>() {
            Ok(seconds) if seconds.is_finite() && seconds >= 0.0 => seconds,
            _ => {
                return Err(Error::Config(format!(
                    "{SLOW_MIGRATION_VARIABLE} must be a number of seconds, not '{value}'"
                )));
            }
        };
        let is_test_database = url
            .database_name()
            .is_some_and(|name| name.starts_with(TEST_DATABASE_PREFIX));
        if !is_test_database {
            return Err(Error::Config(format!(
                "{SLOW_MIGRATION_VARIABLE} is set, but the test-only migration runs only on \
                 test databases ({TEST_DATABASE_PREFIX}*): unset it"
            )));
        }
        Ok(Some(SlowTestMigration { seconds }))
    }

    /// Creates a probe table, then sleeps inside the migration, so a test can kill the
    /// migrator half-way through.
    pub(super) struct SlowTestMigration {
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
                DbBackend::Postgres => {
                    statements.push(format!("SELECT pg_sleep({})", self.seconds));
                }
                DbBackend::MySql => statements.push(format!("SELECT SLEEP({})", self.seconds)),
                _ => {}
            }
            statements
        }

        fn down(&self, _backend: DbBackend) -> Vec<String> {
            vec!["DROP TABLE lexbase_test_slow".to_owned()]
        }

        fn source(&self) -> Option<&'static str> {
            None
        }
    }
}
