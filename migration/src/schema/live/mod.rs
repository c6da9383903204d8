//! Reads the schema of a live database from its catalogs into a [`Snapshot`].
//!
//! Hand-written catalog queries rather than sea-schema: sea-schema discovers into three
//! unrelated per-backend models (and its PostgreSQL discovery skips plain indexes), so a
//! common shape would need this normalisation anyway. Every query returns text only, which
//! decodes the same way on every driver. One module per backend; SQLite's `CREATE TABLE`
//! text (the only place it keeps CHECKs and constraint names) is read by [`sqlite_ddl`].

mod mysql;
mod postgres;
mod sqlite;
pub mod sqlite_ddl;

use super::{Snapshot, Table};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};

/// The tracking tables the migrator owns, and Alembic's, which adopting an Alembic-built
/// database leaves in place; none of them is part of the application schema.
pub const TRACKING_TABLES: [&str; 3] = [
    "seaql_migrations",
    "lexbase_migration_checksums",
    "alembic_version",
];

/// Reads every application table (tracking tables excluded) of the connected database.
///
/// # Errors
/// Any catalog query failing.
pub async fn snapshot(db: &impl ConnectionTrait) -> Result<Snapshot, DbErr> {
    let backend = db.get_database_backend();
    let mut snapshot = Snapshot::default();
    if backend == DbBackend::Postgres {
        snapshot.enum_types = postgres::enums(db).await?;
    }
    for name in table_names(db).await? {
        if TRACKING_TABLES.contains(&name.as_str()) {
            continue;
        }
        let table: Table = match backend {
            DbBackend::Postgres => postgres::table(db, &name, &snapshot.enum_types).await?,
            DbBackend::MySql => mysql::table(db, &name).await?,
            _ => sqlite::table(db, &name).await?,
        };
        snapshot.tables.insert(name, table);
    }
    Ok(snapshot)
}

/// Names of all base tables, tracking tables included, sorted.
///
/// # Errors
/// The catalog query failing.
pub async fn table_names(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        DbBackend::MySql => {
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let rows = query(db, sql, Vec::new()).await?;
    rows.iter().map(|row| text(row, 0)).collect()
}

async fn query(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
}

fn text(row: &QueryResult, index: usize) -> Result<String, DbErr> {
    Ok(opt_text(row, index)?.unwrap_or_default())
}

fn opt_text(row: &QueryResult, index: usize) -> Result<Option<String>, DbErr> {
    row.try_get_by_index::<Option<String>>(index)
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

fn varchar(length: Option<String>) -> super::Kind {
    match length.and_then(|n| n.parse().ok()) {
        Some(n) => super::Kind::Varchar(n),
        None => super::Kind::Text,
    }
}
