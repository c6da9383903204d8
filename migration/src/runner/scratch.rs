//! The schema a list of statements creates, read in a scratch space of the session's backend
//! that never outlives the call: an in-memory SQLite database; on PostgreSQL a schema inside
//! a transaction that is always rolled back; on MariaDB/MySQL a temporary database, dropped
//! afterwards (which needs the CREATE privilege).

use super::session::Session;
use crate::error::{Error, Result};
use crate::schema::{Snapshot, live};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, Statement, TransactionTrait};
use std::collections::BTreeSet;

/// `(table, columns, constraint name)` of every foreign key, on MariaDB/MySQL only: the one
/// backend whose migrations drop foreign keys by name.
pub type KeyNames = BTreeSet<(String, String, String)>;

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
pub async fn snapshot(session: &Session, statements: &[String]) -> Result<(Snapshot, KeyNames)> {
    match session.backend() {
        DbBackend::Postgres => {
            let txn = session.db().begin().await?;
            let outcome = async {
                txn.execute_unprepared(
                    "CREATE SCHEMA lexbase_adoption_scratch; \
                     SET LOCAL search_path TO lexbase_adoption_scratch",
                )
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
        DbBackend::MySql => {
            let name = format!(
                "lexbase_scratch_{}_{}",
                std::process::id(),
                chrono::Utc::now().timestamp_millis()
            );
            session
                .db()
                .execute_unprepared(&format!(
                    "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                ))
                .await?;
            let outcome = async {
                let scratch = session.url().with_database(&name)?;
                let db = scratch
                    .connect_dedicated(std::time::Duration::from_secs(10))
                    .await?;
                let snapshot = async {
                    for sql in statements {
                        db.execute_unprepared(sql).await?;
                    }
                    Ok::<_, Error>((live::snapshot(&db).await?, foreign_key_names(&db).await?))
                }
                .await;
                let _ = db.close().await;
                snapshot
            }
            .await;
            session
                .db()
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
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
