//! `up` on an Alembic database nobody adopted refuses before running anything, and a
//! migration whose first statement fails (nothing took effect, even on MariaDB) is not
//! recorded as incomplete.

use crate::support::{count, current, exec, fails, fresh, head, scalar, succeeds};
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::ConnectionTrait;

async fn up_refuses_an_alembic_database_that_was_not_adopted(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    exec(
        &conn,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
    )
    .await;
    exec(&conn, "INSERT INTO alembic_version VALUES ('4d6abf4eecda')").await;
    exec(
        &conn,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255))",
    )
    .await;
    exec(
        &conn,
        "INSERT INTO users VALUES (1, 'upstream@example.test')",
    )
    .await;

    for command in [&["up"][..], &["upgrade", "head"], &["refresh"]] {
        let stderr = fails(&db.url, command, 1);
        assert!(
            stderr.contains("make alembic-adopt"),
            "{command:?}: {stderr}"
        );
        assert!(stderr.contains("not adopted"), "{command:?}: {stderr}");
    }
    // Nothing ran, nothing was recorded, the upstream rows are as they were.
    assert_eq!(current(&db.url), "");
    let status = succeeds(&db.url, &["status"]);
    assert!(!status.contains("incomplete"), "{status}");
    assert_eq!(count(&conn, "users").await, 1);
    assert_eq!(
        scalar(&conn, "SELECT email FROM users").await.as_deref(),
        Some("upstream@example.test")
    );
    assert!(
        conn.execute_unprepared("SELECT 1 FROM clients")
            .await
            .is_err(),
        "no lexbase table was created"
    );

    // A database with lexbase's records is not Alembic's to adopt: `up` runs there.
    let (other, other_conn) = fresh(backend).await;
    succeeds(&other.url, &["up", "+1"]);
    exec(
        &other_conn,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
    )
    .await;
    succeeds(&other.url, &["up"]);
    assert_eq!(current(&other.url), format!("{} (head)", head()));
}

async fn a_migration_whose_first_statement_fails_is_not_marked_incomplete(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    // The first migration's first statement creates users.
    exec(&conn, "CREATE TABLE users (x INTEGER)").await;
    let first = migration::plans()[0].name();
    let stderr = fails(&db.url, &["up"], 1);
    assert!(
        stderr.contains(&format!("upgrade of {first} failed")),
        "{stderr}"
    );
    assert!(stderr.contains("statement: CREATE TABLE"), "{stderr}");
    assert!(!stderr.contains("marked incomplete in"), "{stderr}");
    if backend == Backend::MySql {
        assert!(stderr.contains("is not marked incomplete"), "{stderr}");
    }
    let status = succeeds(&db.url, &["status"]);
    assert!(!status.contains("incomplete"), "{status}");
    exec(&conn, "DROP TABLE users").await;
    succeeds(&db.url, &["up"]);
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");

    if backend == Backend::MySql {
        // The same going down: the head's `down` starts by dropping this index.
        exec(
            &conn,
            "DROP INDEX ix_source_fingerprints_source_hash ON source_fingerprints",
        )
        .await;
        let stderr = fails(&db.url, &["down", "-1"], 1);
        assert!(stderr.contains("is not marked incomplete"), "{stderr}");
        let status = succeeds(&db.url, &["status"]);
        assert!(!status.contains("incomplete"), "{status}");
        assert_eq!(current(&db.url), format!("{} (head)", head()));
    }
}

on_every_backend!(
    up_refuses_an_alembic_database_that_was_not_adopted,
    a_migration_whose_first_statement_fails_is_not_marked_incomplete,
);
