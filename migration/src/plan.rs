//! The shape every lexbase migration takes: a named, frozen list of SQL statements per backend.
//!
//! Migrations render their statements for a backend instead of executing them through a live
//! `SchemaManager`. That keeps one source of truth for what runs: the migrator executes exactly
//! these strings, and `sql` (offline rendering) prints exactly these strings.

use sea_orm::sea_query::{
    MysqlQueryBuilder, PostgresQueryBuilder, QueryStatementWriter, SchemaStatementBuilder,
    SqliteQueryBuilder, extension::postgres::TypeCreateStatement,
    extension::postgres::TypeDropStatement,
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr};
use sea_orm_migration::{MigrationName, MigrationTrait, SchemaManager, async_trait};

/// One migration: its identity and the statements it runs on each backend.
pub trait Plan: Send + Sync + 'static {
    /// The migration's name, `mYYYYMMDD_HHMMSS_verb_noun` (its module name).
    fn name(&self) -> &'static str;
    /// One line saying what the migration does (shown by `history`).
    fn message(&self) -> &'static str;
    /// The Alembic revision this migration corresponds to, if it was ported from one.
    fn alembic_revision(&self) -> Option<&'static str> {
        None
    }
    /// The statements `up` runs on `backend`, in order.
    fn up(&self, backend: DbBackend) -> Vec<String>;
    /// The statements `down` runs on `backend`, in order; they undo `up` exactly.
    fn down(&self, backend: DbBackend) -> Vec<String>;
    /// How the runner must run this migration on `backend` in `direction` (default: in one
    /// transaction).
    fn mode(&self, backend: DbBackend, direction: crate::runner::Direction) -> Mode {
        let _ = (backend, direction);
        Mode::Transaction
    }
    /// The migration's source text: by default the file `src/<name>.rs`, embedded at build
    /// time. Only records written by earlier versions ([`crate::checksum::SOURCE_FORMAT`])
    /// are checked against it; what is recorded now is the checksum of the statements.
    fn source(&self) -> Option<&'static str> {
        crate::checksum::source_of(self.name())
    }
}

/// How the runner runs one migration's statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// In one transaction where the backend has transactional DDL (the default; MariaDB/MySQL
    /// runs statement by statement whatever the mode).
    Transaction,
    /// Statement by statement, each committed on its own: PostgreSQL's `ALTER TYPE ... ADD
    /// VALUE`, whose new value cannot be used in the transaction that adds it (and which
    /// before PostgreSQL 12 cannot run in a transaction at all).
    Autocommit,
    /// SQLite table rebuilds: `PRAGMA foreign_keys = OFF` before the migration's transaction
    /// (it cannot change inside one) and `ON` after it, so dropping the old table neither
    /// cascades nor fails; the migration checks `pragma_foreign_key_check` itself before it
    /// commits.
    ForeignKeysOff,
}

/// The last path segment of a module path: a migration module's own name.
pub fn module_name(module_path: &'static str) -> &'static str {
    module_path.rsplit("::").next().unwrap_or(module_path)
}

/// Collects rendered statements for one backend.
#[derive(Debug)]
pub struct Script {
    backend: DbBackend,
    statements: Vec<String>,
}

impl Script {
    /// An empty script for `backend`.
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            statements: Vec::new(),
        }
    }

    /// The backend this script renders for.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// Adds a schema statement (create/alter/drop of tables and indexes).
    pub fn schema(&mut self, statement: &impl SchemaStatementBuilder) -> &mut Self {
        let sql = match self.backend {
            DbBackend::Postgres => statement.to_string(PostgresQueryBuilder),
            DbBackend::MySql => statement.to_string(MysqlQueryBuilder),
            // DbBackend is non-exhaustive; SQLite is the only other backend lexbase builds.
            _ => statement.to_string(SqliteQueryBuilder),
        };
        self.statements.push(sql);
        self
    }

    /// Adds a data statement with its values inlined, so the text is exactly what runs.
    pub fn query(&mut self, statement: &impl QueryStatementWriter) -> &mut Self {
        let sql = match self.backend {
            DbBackend::Postgres => statement.to_string(PostgresQueryBuilder),
            DbBackend::MySql => statement.to_string(MysqlQueryBuilder),
            // DbBackend is non-exhaustive; SQLite is the only other backend lexbase builds.
            _ => statement.to_string(SqliteQueryBuilder),
        };
        self.statements.push(sql);
        self
    }

    /// Adds a PostgreSQL type creation; other backends have no separate enum types.
    pub fn create_type(&mut self, statement: &TypeCreateStatement) -> &mut Self {
        if self.backend == DbBackend::Postgres {
            self.statements
                .push(statement.to_string(PostgresQueryBuilder));
        }
        self
    }

    /// Adds a PostgreSQL type drop; other backends have no separate enum types.
    pub fn drop_type(&mut self, statement: &TypeDropStatement) -> &mut Self {
        if self.backend == DbBackend::Postgres {
            self.statements
                .push(statement.to_string(PostgresQueryBuilder));
        }
        self
    }

    /// Adds a hand-written statement, for what the builders cannot say.
    pub fn raw(&mut self, sql: impl Into<String>) -> &mut Self {
        self.statements.push(sql.into());
        self
    }

    /// The rendered statements.
    pub fn finish(&mut self) -> Vec<String> {
        std::mem::take(&mut self.statements)
    }
}

/// Adapts a [`Plan`] to sea-orm-migration's [`MigrationTrait`].
pub struct Step(pub Box<dyn Plan>);

impl MigrationName for Step {
    fn name(&self) -> &str {
        self.0.name()
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Step {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, self.0.up(manager.get_database_backend())).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, self.0.down(manager.get_database_backend())).await
    }
}

async fn run(manager: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let connection = manager.get_connection();
    for sql in statements {
        connection.execute_unprepared(&sql).await?;
    }
    Ok(())
}
