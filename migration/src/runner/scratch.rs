//! The schema a list of statements creates, read in a scratch space of a backend that never
//! outlives the call: an in-memory SQLite database; on PostgreSQL a schema of its own inside
//! a transaction that is always rolled back; on MariaDB/MySQL a temporary database
//! (`lexbase_scratch_*`), dropped afterwards (which needs the CREATE privilege).
//!
//! Adoption replays the adopted migrations here; autogenerate and `check` replay the whole
//! history, to learn the real names of what it built.

use super::session::Session;
use crate::config::{DEFAULT_CONNECT_TIMEOUT, DatabaseUrl};
use crate::error::{Error, Result};
use crate::schema::{Snapshot, live};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
    TransactionTrait,
};
use std::collections::BTreeSet;

/// `(table, columns, constraint name)` of every foreign key, on MariaDB/MySQL only: the one
/// backend whose migrations drop foreign keys by name.
pub type KeyNames = BTreeSet<(String, String, String)>;

/// [`KeyNames`] of the connected database (empty off MariaDB/MySQL).
///
/// # Errors
/// The catalog query failing.
pub async fn foreign_key_names(db: &impl ConnectionTrait) -> Result<KeyNames> {
    if db.get_database_backend() != DbBackend::MySql {
        return Ok(KeyNames::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::MySql,
            "SELECT CAST(table_name AS CHAR), \
             CAST(GROUP_CONCAT(column_name ORDER BY ordinal_position) AS CHAR), \
             CAST(constraint_name AS CHAR) FROM information_schema.key_column_usage \
             WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL \
             GROUP BY table_name, constraint_name",
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get_by_index(0)?,
                row.try_get_by_index(1)?,
                row.try_get_by_index(2)?,
            ))
        })
        .collect()
}

/// The schema `statements` create on an empty database of the session's backend, and its
/// foreign key names where they matter.
///
/// # Errors
/// A statement or a catalog query failing; MariaDB/MySQL refusing `CREATE DATABASE`.
pub async fn snapshot(session: &Session, statements: &[String]) -> Result<(Snapshot, KeyNames)> {
    on(
        session.backend(),
        Some((session.db(), session.url())),
        statements,
    )
    .await
}

/// The schema `statements` create on an empty database of `backend`: in memory for SQLite,
/// else next to the database `server` names (connected for the call).
///
/// # Errors
/// As [`snapshot`]; [`Error::Config`] when a server backend has no server.
pub async fn replay(
    backend: DbBackend,
    server: Option<&DatabaseUrl>,
    statements: &[String],
) -> Result<Snapshot> {
    if backend == DbBackend::Sqlite {
        return Ok(on(backend, None, statements).await?.0);
    }
    let Some(url) = server.filter(|url| url.backend() == backend) else {
        return Err(Error::Config(format!(
            "replaying the history on {} needs a server of that kind: point DATABASE_URL at one",
            crate::sql::backend_name(backend)
        )));
    };
    let db = url.connect_dedicated(DEFAULT_CONNECT_TIMEOUT).await?;
    let outcome = on(backend, Some((&db, url)), statements).await;
    let _ = db.close().await;
    Ok(outcome?.0)
}

fn scratch_name() -> String {
    format!(
        "lexbase_scratch_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros()
    )
}

async fn on(
    backend: DbBackend,
    server: Option<(&DatabaseConnection, &DatabaseUrl)>,
    statements: &[String],
) -> Result<(Snapshot, KeyNames)> {
    match (backend, server) {
        (DbBackend::Postgres, Some((db, _))) => {
            let txn = db.begin().await?;
            let outcome = async {
                txn.execute_unprepared(&format!(
                    "CREATE SCHEMA \"{0}\"; SET LOCAL search_path TO \"{0}\"",
                    scratch_name()
                ))
                .await?;
                for sql in statements {
                    txn.execute_unprepared(sql).await?;
                }
                live::snapshot(&txn).await
            }
            .await;
            // Always rolled back: the scratch schema never outlives this transaction.
            txn.rollback().await?;
            Ok((outcome?, KeyNames::new()))
        }
        (DbBackend::MySql, Some((db, url))) => {
            let name = scratch_name();
            db.execute_unprepared(&format!(
                "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            ))
            .await?;
            let outcome = async {
                let scratch = url.with_database(&name)?;
                let conn = scratch.connect_dedicated(DEFAULT_CONNECT_TIMEOUT).await?;
                let snapshot = async {
                    for sql in statements {
                        conn.execute_unprepared(sql).await?;
                    }
                    Ok::<_, Error>((
                        live::snapshot(&conn).await?,
                        foreign_key_names(&conn).await?,
                    ))
                }
                .await;
                let _ = conn.close().await;
                snapshot
            }
            .await;
            db.execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
                .await?;
            outcome
        }
        _ => {
            let mut options = ConnectOptions::new("sqlite::memory:");
            options.max_connections(1).sqlx_logging(false);
            let db = Database::connect(options).await?;
            let snapshot = async {
                for sql in statements {
                    db.execute_unprepared(sql).await?;
                }
                live::snapshot(&db).await
            }
            .await;
            let _ = db.close().await;
            Ok((snapshot?, KeyNames::new()))
        }
    }
}
