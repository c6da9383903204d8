//! Shared helpers for the migration tests.

use migration::testing::{Backend, TestDb};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// A fresh database and a connection to it.
pub async fn fresh(backend: Backend) -> (TestDb, DatabaseConnection) {
    let db = TestDb::create(backend).await.expect("create test database");
    let conn = db.connect().await.expect("connect to test database");
    (db, conn)
}

/// A fresh database migrated to head.
pub async fn migrated(backend: Backend) -> (TestDb, DatabaseConnection) {
    let (db, conn) = fresh(backend).await;
    Migrator::up(&conn, None).await.expect("migrate to head");
    // A fresh pool: an SQLite connection opened before an `ALTER TABLE` on another one keeps
    // the old schema, and SQLite then reads `"new_column"` in a RETURNING as a string literal.
    conn.close().await.expect("close the migrating pool");
    let conn = db.connect().await.expect("reconnect to test database");
    (db, conn)
}

/// Runs raw SQL.
pub async fn exec(conn: &DatabaseConnection, sql: &str) {
    conn.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The first column of the first row, as text.
pub async fn scalar(conn: &DatabaseConnection, sql: &str) -> Option<String> {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))?;
    row.try_get_by_index::<Option<String>>(0).unwrap()
}

/// `SELECT COUNT(*) FROM table`.
pub async fn count(conn: &DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), &sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}
