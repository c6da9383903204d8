//! Bad input: a missing or malformed file, a missing key, an unmigrated database, an unknown
//! operation. One clear error, nothing written.

use crate::support::{TempFile, migrated, run_seed, seed_command, snapshot, test_guide};
use migration::on_every_backend;
use migration::testing::{Backend, TestDb};
use sea_orm::ConnectionTrait;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn a_missing_file_is_named_and_nothing_is_written(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let before = snapshot(&conn).await;
    let output = run_seed(&db, &["compliance", "--from", "/nonexistent/guide.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("/nonexistent/guide.json"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert_eq!(snapshot(&conn).await, before);
}

async fn malformed_json_is_named_with_its_file(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let before = snapshot(&conn).await;
    let file = TempFile::new("broken.json", br#"{"sections": [{"section": "#);
    let output = run_seed(&db, &["compliance", "--from", file.arg()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains(file.arg()), "{stderr}");
    assert_eq!(snapshot(&conn).await, before);
}

async fn a_missing_key_is_named_by_file_and_json_path_and_nothing_is_written(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let before = snapshot(&conn).await;
    let mut guide: serde_json::Value =
        serde_json::from_slice(&std::fs::read(test_guide()).unwrap()).unwrap();
    guide["sections"][2]["sub_areas"][3]
        .as_object_mut()
        .unwrap()
        .remove("id")
        .expect("the test guide has that key");
    let file = TempFile::new("no-id.json", &serde_json::to_vec(&guide).unwrap());
    let output = run_seed(&db, &["compliance", "--from", file.arg()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains(file.arg()), "{stderr}");
    assert!(stderr.contains("sections[2].sub_areas[3].id"), "{stderr}");
    assert_eq!(snapshot(&conn).await, before);
}

async fn an_unmigrated_database_is_refused_with_the_fix(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    db.migrate_to("+3").await.unwrap();
    for args in [
        &[][..],
        &["backfill", "all"],
        &["synthetic", "--scale", "5"],
    ] {
        let output = run_seed(&db, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = stderr_of(&output);
        assert!(stderr.contains("make alembic-up"), "{stderr}");
        assert!(stderr.contains("not migrated"), "{stderr}");
    }
}

async fn a_database_whose_applied_migrations_fail_verify_is_refused(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let before = snapshot(&conn).await;
    // What an edited migration looks like to the runner: its recorded checksum no longer
    // matches the code's.
    let edited = "m20251105_120000_create_compliance_tables";
    let table = migration::tracking::CHECKSUMS_TABLE;
    let changed = conn
        .execute_unprepared(&format!(
            "UPDATE {table} SET checksum = '{}' WHERE version = '{edited}'",
            "0".repeat(64)
        ))
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    for args in [
        &[][..],
        &["admin", "--email", "ops@x.test"],
        &["backfill", "all"],
    ] {
        let output = run_seed(&db, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = stderr_of(&output);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(edited), "{stderr}");
        assert!(stderr.contains("make alembic-verify"), "{stderr}");
        assert!(stderr.contains("make alembic-up"), "{stderr}");
    }
    assert_eq!(snapshot(&conn).await, before, "nothing was written");
}

async fn a_default_password_shorter_than_the_service_allows_is_refused(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    // 11 bytes: the service's policy is 12 to 1024 bytes, measured in bytes.
    for (password, args) in [
        ("elevenbytes", &[][..]),
        ("ééééé", &["admin", "--email", "a@x.test"]),
    ] {
        let output = seed_command(&db, args)
            .env("SEED_DEFAULT_PASSWORD", password)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = stderr_of(&output);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("SEED_DEFAULT_PASSWORD"), "{stderr}");
        assert!(stderr.contains("12"), "{stderr}");
        assert!(
            !stderr.contains(password),
            "the password is not echoed: {stderr}"
        );
    }
    assert_eq!(crate::support::count(&conn, "users").await, 0);
    // Exactly 12 bytes is enough.
    let output = seed_command(&db, &[])
        .env("SEED_DEFAULT_PASSWORD", "twelve bytes")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
}

async fn an_unknown_operation_prints_usage_and_exits_2(backend: Backend) {
    let db = TestDb::create(backend).await.unwrap();
    let output = run_seed(&db, &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("Usage: seed"),
        "{}",
        stderr_of(&output)
    );
    let output = run_seed(&db, &["backfill", "everything"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("possible values: hashes, variants, sources, cleanup, all"),
        "{stderr}"
    );
}

on_every_backend!(
    a_missing_file_is_named_and_nothing_is_written,
    malformed_json_is_named_with_its_file,
    a_missing_key_is_named_by_file_and_json_path_and_nothing_is_written,
    an_unmigrated_database_is_refused_with_the_fix,
    a_database_whose_applied_migrations_fail_verify_is_refused,
    a_default_password_shorter_than_the_service_allows_is_refused,
    an_unknown_operation_prints_usage_and_exits_2,
);

#[test]
fn a_bad_database_url_fails_in_one_line_without_the_password() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_seed"))
        .env("DATABASE_URL", "postgres://app:hunter2@127.0.0.1:1/nowhere")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}
