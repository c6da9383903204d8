//! Database plumbing shared by every operation: the "migrated to head?" check, building
//! statements with the backend's placeholders, and reading rows by column index.

use crate::error::{Error, Result};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, TryGetable, Value};

/// Refuses to work on a database that is not migrated to the latest migration.
///
/// # Errors
/// [`Error::NotMigrated`] naming the first pending migration; [`Error::Database`] when the
/// check itself fails. Never writes (the tracking table is not created).
pub async fn ensure_migrated(db: &impl ConnectionTrait) -> Result<()> {
    let pending = Migrator::get_pending_migrations_read_only(db).await?;
    match pending.first() {
        None => Ok(()),
        Some(first) => Err(Error::NotMigrated {
            pending: pending.len(),
            first: first.name().to_owned(),
        }),
    }
}

/// A statement under construction: SQL text plus the values bound to its placeholders.
#[derive(Debug)]
pub struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    /// An empty statement for `backend`.
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    /// Appends literal SQL.
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// Appends a placeholder bound to `value` (`$n` on PostgreSQL, `?` elsewhere).
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        if self.backend == DbBackend::Postgres {
            self.text.push('$');
            self.text.push_str(&self.values.len().to_string());
        } else {
            self.text.push('?');
        }
        self
    }

    /// Appends `(v1, v2, ...)` binding each value.
    pub fn tuple<I, V>(&mut self, values: I) -> &mut Self
    where
        I: IntoIterator<Item = V>,
        V: Into<Value>,
    {
        self.text.push('(');
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(value);
        }
        self.text.push(')');
        self
    }

    /// How many values are bound so far.
    pub fn bound(&self) -> usize {
        self.values.len()
    }

    /// The finished statement.
    pub fn build(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// The most placeholders one statement may carry on `backend`, with a margin.
pub fn max_params(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Sqlite => 32_000,
        _ => 65_000,
    }
}

/// Column `index` of `row`, converted.
///
/// # Errors
/// [`Error::Database`] when the column is missing or of another type.
pub fn get<T: TryGetable>(row: &QueryResult, index: usize) -> Result<T> {
    Ok(row.try_get_by_index::<T>(index)?)
}

/// Runs `sql` and returns the first column of each row.
///
/// # Errors
/// [`Error::Database`] when the query fails.
pub async fn column<T: TryGetable>(db: &impl ConnectionTrait, sql: Sql) -> Result<Vec<T>> {
    db.query_all_raw(sql.build())
        .await?
        .iter()
        .map(|row| get(row, 0))
        .collect()
}

/// `SELECT COUNT(*) FROM table` (a trusted, literal table name).
///
/// # Errors
/// [`Error::Database`] when the query fails.
pub async fn count(db: &impl ConnectionTrait, table: &str) -> Result<i64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) FROM ").push(table);
    Ok(column::<i64>(db, sql).await?.first().copied().unwrap_or(0))
}

/// The string concatenation of SQL expressions on `backend` (`||` is OR on MySQL).
pub fn concat(backend: DbBackend, parts: &[&str]) -> String {
    if backend == DbBackend::MySql {
        format!("CONCAT({})", parts.join(", "))
    } else {
        parts.join(" || ")
    }
}
