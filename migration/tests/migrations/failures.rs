//! A migration that fails names the statement; PostgreSQL and SQLite roll it back, MariaDB
//! marks it incomplete; PostgreSQL's lock_timeout names the blocking session.

use crate::support::{current, exec, fails, fresh, head, succeeds};
use migration::config::DatabaseUrl;
use migration::on_every_backend;
use migration::testing::Backend;
use sea_orm::{ConnectionTrait, Statement};
use std::time::Duration;

async fn a_failing_migration_names_its_statement_and_leaves_a_clear_state(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    // The first migration creates users, then clients: make its third statement fail.
    exec(&conn, "CREATE TABLE clients (x integer)").await;
    let first = migration::plans()[0].name();

    let stderr = fails(&db.url, &["up"], 1);
    assert!(
        stderr.contains(&format!("upgrade of {first} failed")),
        "{stderr}"
    );
    assert!(stderr.contains("statement: CREATE TABLE"), "{stderr}");
    assert!(stderr.contains("clients"), "{stderr}");
    assert_eq!(current(&db.url), "");

    exec(&conn, "DROP TABLE clients").await;
    if backend == Backend::MySql {
        // No transactional DDL: users was created, and the record says where it stopped.
        assert!(stderr.contains("is marked incomplete"), "{stderr}");
        let status = fails(&db.url, &["status"], 1);
        assert!(
            status.contains(&format!(
                "{first} is incomplete: upgrade failed at: CREATE TABLE"
            )),
            "{status}"
        );
        fails(&db.url, &["up"], 1);
        exec(&conn, "DROP TABLE users").await;
        let repaired = succeeds(&db.url, &["repair", "--accept", first]);
        assert!(repaired.contains("pending again"), "{repaired}");
    } else {
        assert!(
            stderr.contains("rolled back: the database is still at <base>"),
            "{stderr}"
        );
    }
    succeeds(&db.url, &["up"]);
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
}

on_every_backend!(a_failing_migration_names_its_statement_and_leaves_a_clear_state);

#[tokio::test]
async fn a_table_lock_held_elsewhere_fails_the_migration_naming_the_blocking_pid() {
    let (db, _conn) = fresh(Backend::Postgres).await;
    succeeds(&db.url, &["up"]);
    let blocker = DatabaseUrl::parse("TEST", &db.url)
        .unwrap()
        .connect_dedicated(Duration::from_secs(10))
        .await
        .unwrap();
    let pid: i32 = blocker
        .query_one_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_backend_pid()",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    blocker
        // A table the head migration's `down` alters.
        .execute_unprepared("BEGIN; LOCK TABLE source_fingerprints IN ACCESS SHARE MODE")
        .await
        .unwrap();

    let stderr = fails(
        &db.url,
        &["down", "--lock-timeout", "500ms", "--lock-retries", "1"],
        1,
    );
    assert!(
        stderr
            .contains("could not take a table lock within lock_timeout (500 ms) after 2 attempts"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("blocked by pid {pid}")),
        "{stderr}"
    );
    assert_eq!(current(&db.url), format!("{} (head)", head()));

    blocker.execute_unprepared("ROLLBACK").await.unwrap();
    succeeds(&db.url, &["down"]);
}
