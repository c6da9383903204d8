//! PostgreSQL: a migrator killed half-way through a migration leaves the previous revision
//! and a free lock behind.

use crate::support::{command, current, fresh, head, scalar};
use migration::catalog::{SLOW_MIGRATION_NAME, SLOW_MIGRATION_VARIABLE};
use migration::runner::lock::POSTGRES_LOCK_KEY;
use migration::testing::Backend;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_migrator_killed_mid_migration_leaves_the_previous_revision_and_a_free_lock() {
    let (db, conn) = fresh(Backend::Postgres).await;
    // The test-only migration after head creates a probe table, then sleeps.
    let mut child = command(Some(&db.url), &["up"])
        .env(SLOW_MIGRATION_VARIABLE, "60")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let sleeping = scalar(
            &conn,
            "SELECT COUNT(*)::text FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'",
        )
        .await;
        if sleeping.as_deref() == Some("1") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the slow migration never started"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();

    // The server notices the dead client within client_connection_check_interval (1 s).
    let started = Instant::now();
    loop {
        let free = scalar(
            &conn,
            &format!(
                "SELECT CASE WHEN pg_try_advisory_lock({POSTGRES_LOCK_KEY}) \
                 THEN (pg_advisory_unlock({POSTGRES_LOCK_KEY}))::text ELSE 'false' END"
            ),
        )
        .await;
        if free.as_deref() == Some("true") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the lock was not freed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Without the test variable the catalog ends at the real head.
    assert_eq!(
        current(&db.url),
        format!("{} (head)", head()),
        "the previous revision, not the killed one"
    );
    let probe = scalar(&conn, "SELECT to_regclass('lexbase_test_slow')::text").await;
    assert_eq!(probe, None, "the half-run migration was rolled back");

    let output = command(Some(&db.url), &["up"])
        .env(SLOW_MIGRATION_VARIABLE, "0")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(SLOW_MIGRATION_NAME));
    let now = command(Some(&db.url), &["current"])
        .env(SLOW_MIGRATION_VARIABLE, "0")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&now.stdout).trim(),
        format!("{SLOW_MIGRATION_NAME} (head)")
    );
}
