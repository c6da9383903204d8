//! The record of applied migrations: sea-orm-cli's `seaql_migrations` table exactly as
//! sea-orm-migration creates it (so `sea-orm-cli migrate status` still reads it), and the
//! companion `lexbase_migration_checksums` with each migration's checksum (and the checksum's
//! format, see [`crate::checksum`]), how long it took, and whether it was left incomplete.
//!
//! Every statement is rendered here, once: the runner executes these strings and `sql`
//! prints them.

use crate::ddl::create_table;
use crate::plan::Script;
use crate::schema::live;
use sea_orm::sea_query::{ColumnDef, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Schema, Statement};
use std::collections::BTreeMap;

/// sea-orm-cli's table: `version` (primary key) and `applied_at` (Unix seconds).
pub const MIGRATIONS_TABLE: &str = "seaql_migrations";
/// lexbase's companion table, keyed by the same `version`.
pub const CHECKSUMS_TABLE: &str = "lexbase_migration_checksums";

/// How the note of a migration adopted from Alembic begins (`stamp --from-alembic`).
pub const ADOPTED_NOTE_PREFIX: &str = "adopted from Alembic";

/// `state` of a migration that completed.
pub const APPLIED: &str = "applied";
/// `state` of a migration that started but did not finish (MariaDB/MySQL, where DDL cannot be
/// rolled back).
pub const INCOMPLETE: &str = "incomplete";

/// Whether the backend runs DDL inside transactions (each migration is then all or nothing).
pub fn transactional(backend: DbBackend) -> bool {
    backend != DbBackend::MySql
}

/// `CREATE TABLE IF NOT EXISTS` for both tracking tables.
pub fn create_tables(backend: DbBackend) -> Vec<String> {
    let mut migrations =
        Schema::new(backend).create_table_from_entity(sea_orm_migration::seaql_migrations::Entity);
    migrations.if_not_exists();
    let mut checksums = create_table(backend, CHECKSUMS_TABLE);
    checksums
        .if_not_exists()
        .col(
            ColumnDef::new("version")
                .string_len(255)
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new("checksum").string_len(64).not_null())
        .col(ColumnDef::new("state").string_len(16).not_null())
        .col(ColumnDef::new("duration_ms").big_integer())
        .col(ColumnDef::new("note").text())
        .col(ColumnDef::new(FORMAT_COLUMN).integer());
    let mut s = Script::new(backend);
    s.schema(&migrations).schema(&checksums);
    s.finish()
}

/// The column saying which [`crate::checksum`] format a record's checksum is in; NULL in
/// records written before it existed (format 1, of the source file).
pub const FORMAT_COLUMN: &str = "checksum_format";

/// Adds [`FORMAT_COLUMN`] to a checksums table created by an earlier version.
pub fn add_format_column(backend: DbBackend) -> Vec<String> {
    let mut s = Script::new(backend);
    s.schema(
        sea_orm::sea_query::Table::alter()
            .table(CHECKSUMS_TABLE)
            .add_column(ColumnDef::new(FORMAT_COLUMN).integer()),
    );
    s.finish()
}

/// Rewrites `name`'s record in the current checksum format (its migration is unchanged).
pub fn upgrade_checksum(backend: DbBackend, name: &str, checksum: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(
        Query::update()
            .table(CHECKSUMS_TABLE)
            .value("checksum", checksum)
            .value(FORMAT_COLUMN, crate::checksum::FORMAT)
            .and_where(Expr::col("version").eq(name)),
    );
    s.finish()
}

/// Whether the (existing) checksums table has [`FORMAT_COLUMN`].
///
/// # Errors
/// The catalog query failing.
pub async fn has_format_column(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!(
            "SELECT COUNT(*)::bigint FROM information_schema.columns WHERE table_schema = \
             current_schema() AND table_name = '{CHECKSUMS_TABLE}' AND column_name = '{FORMAT_COLUMN}'"
        ),
        DbBackend::MySql => format!(
            "SELECT CAST(COUNT(*) AS SIGNED) FROM information_schema.columns WHERE table_schema = \
             DATABASE() AND table_name = '{CHECKSUMS_TABLE}' AND column_name = '{FORMAT_COLUMN}'"
        ),
        _ => format!(
            "SELECT COUNT(*) FROM pragma_table_info('{CHECKSUMS_TABLE}') \
             WHERE name = '{FORMAT_COLUMN}'"
        ),
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?;
    let count: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(count > 0)
}

/// What runs before a migration's own `up` statements: on MariaDB, a row marking it
/// incomplete, so a failure half-way (or a killed process) leaves a trace. Elsewhere nothing:
/// the transaction makes the migration all or nothing.
pub fn before_up(backend: DbBackend, name: &str, checksum: &str) -> Vec<String> {
    if transactional(backend) {
        return Vec::new();
    }
    mark_incomplete(
        backend,
        name,
        checksum,
        "upgrade started but did not finish",
    )
}

/// What runs after a migration's `up` statements: its `seaql_migrations` row and its checksum.
pub fn after_up(
    backend: DbBackend,
    name: &str,
    checksum: &str,
    applied_at: i64,
    duration_ms: Option<i64>,
    note: Option<&str>,
) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(
        Query::insert()
            .into_table(MIGRATIONS_TABLE)
            .columns(["version", "applied_at"])
            .values_panic([name.into(), applied_at.into()]),
    );
    s.query(&delete_checksum(name));
    s.query(&insert_checksum(name, checksum, APPLIED, duration_ms, note));
    s.finish()
}

/// What runs before a migration's `down` statements: on MariaDB, marking it incomplete.
pub fn before_down(backend: DbBackend, name: &str) -> Vec<String> {
    if transactional(backend) {
        return Vec::new();
    }
    let mut s = Script::new(backend);
    s.query(
        Query::update()
            .table(CHECKSUMS_TABLE)
            .value("state", INCOMPLETE)
            .value("note", "downgrade started but did not finish")
            .and_where(Expr::col("version").eq(name)),
    );
    s.finish()
}

/// Undoes [`before_down`] when its first statement failed (so nothing took effect): `name` is
/// applied again, with the note it had.
pub fn restore_applied(backend: DbBackend, name: &str, note: Option<&str>) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(
        Query::update()
            .table(CHECKSUMS_TABLE)
            .value("state", APPLIED)
            .value("note", note)
            .and_where(Expr::col("version").eq(name)),
    );
    s.finish()
}

/// What runs after a migration's `down` statements: forgetting it.
pub fn after_down(backend: DbBackend, name: &str) -> Vec<String> {
    forget(backend, name)
}

/// Removes every record of `name` (rolled back, un-stamped, or accepted as vanished).
pub fn forget(backend: DbBackend, name: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(
        Query::delete()
            .from_table(MIGRATIONS_TABLE)
            .and_where(Expr::col("version").eq(name)),
    );
    s.query(&delete_checksum(name));
    s.finish()
}

/// Records `name` as incomplete with `note` (replacing any checksum row).
pub fn mark_incomplete(backend: DbBackend, name: &str, checksum: &str, note: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(&delete_checksum(name));
    s.query(&insert_checksum(
        name,
        checksum,
        INCOMPLETE,
        None,
        Some(note),
    ));
    s.finish()
}

/// Re-records `name`'s checksum as applied (keeping its `seaql_migrations` row).
pub fn accept(backend: DbBackend, name: &str, checksum: &str, note: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(&delete_checksum(name));
    s.query(&insert_checksum(name, checksum, APPLIED, None, Some(note)));
    s.finish()
}

/// Removes only `name`'s checksum row (an incomplete upgrade whose changes were undone).
pub fn clear_checksum(backend: DbBackend, name: &str) -> Vec<String> {
    let mut s = Script::new(backend);
    s.query(&delete_checksum(name));
    s.finish()
}

fn delete_checksum(name: &str) -> sea_orm::sea_query::DeleteStatement {
    Query::delete()
        .from_table(CHECKSUMS_TABLE)
        .and_where(Expr::col("version").eq(name))
        .take()
}

fn insert_checksum(
    name: &str,
    checksum: &str,
    state: &str,
    duration_ms: Option<i64>,
    note: Option<&str>,
) -> sea_orm::sea_query::InsertStatement {
    Query::insert()
        .into_table(CHECKSUMS_TABLE)
        .columns([
            "version",
            "checksum",
            "state",
            "duration_ms",
            "note",
            FORMAT_COLUMN,
        ])
        .values_panic([
            name.into(),
            checksum.into(),
            state.into(),
            duration_ms.into(),
            note.map(str::to_owned).into(),
            crate::checksum::FORMAT.into(),
        ])
        .take()
}

/// Everything recorded about one migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// When it was applied (Unix seconds), if `seaql_migrations` lists it.
    pub applied_at: Option<i64>,
    /// The checksum recorded with it.
    pub checksum: Option<String>,
    /// The [`crate::checksum`] format of that checksum.
    pub checksum_format: i32,
    /// [`APPLIED`] or [`INCOMPLETE`].
    pub state: Option<String>,
    /// How long its upgrade took.
    pub duration_ms: Option<i64>,
    /// Why it was recorded the way it was (adopted, stamped, failed at ...).
    pub note: Option<String>,
}

impl Record {
    /// Whether it was recorded by adopting an Alembic revision rather than by running it.
    pub fn adopted(&self) -> bool {
        self.note
            .as_deref()
            .is_some_and(crate::state::is_adoption_note)
    }
}

impl Default for Record {
    fn default() -> Self {
        Self {
            applied_at: None,
            checksum: None,
            checksum_format: crate::checksum::FORMAT,
            state: None,
            duration_ms: None,
            note: None,
        }
    }
}

/// Every migration either table mentions, by name. Missing tables read as empty.
///
/// # Errors
/// A query failing.
pub async fn read(db: &impl ConnectionTrait) -> Result<BTreeMap<String, Record>, DbErr> {
    let backend = db.get_database_backend();
    let tables = live::table_names(db).await?;
    let mut records: BTreeMap<String, Record> = BTreeMap::new();
    if tables.iter().any(|t| t == MIGRATIONS_TABLE) {
        let sql = format!("SELECT version, applied_at FROM {MIGRATIONS_TABLE}");
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
        {
            let version: String = row.try_get_by_index(0)?;
            records.entry(version).or_default().applied_at = Some(row.try_get_by_index(1)?);
        }
    }
    if tables.iter().any(|t| t == CHECKSUMS_TABLE) {
        let format = if has_format_column(db).await? {
            FORMAT_COLUMN.to_owned()
        } else {
            "NULL".to_owned()
        };
        let sql = format!(
            "SELECT version, checksum, state, duration_ms, note, {format} FROM {CHECKSUMS_TABLE}"
        );
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
        {
            let version: String = row.try_get_by_index(0)?;
            let record = records.entry(version).or_default();
            record.checksum = Some(row.try_get_by_index(1)?);
            record.state = Some(row.try_get_by_index(2)?);
            record.duration_ms = row.try_get_by_index(3)?;
            record.note = row.try_get_by_index(4)?;
            let format: Option<i32> = row.try_get_by_index(5)?;
            record.checksum_format = format.unwrap_or(crate::checksum::SOURCE_FORMAT);
        }
    }
    Ok(records)
}
