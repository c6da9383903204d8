//! Shared helpers for the migration tests.

use migration::testing::{Backend, TestDb};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// A fresh database and a connection to it.
pub async fn fresh(backend: Backend) -> (TestDb, DatabaseConnection) {
    let db = TestDb::create(backend).await.expect("create test database");
    let conn = db.connect().await.expect("connect to test database");
    (db, conn)
}

/// A fresh database migrated to head.
pub async fn migrated(backend: Backend) -> (TestDb, DatabaseConnection) {
    let db = TestDb::create(backend).await.expect("create test database");
    // The runner migrates on a connection of its own, so this pool sees the final schema.
    db.migrate().await.expect("migrate to head");
    let conn = db.connect().await.expect("connect to test database");
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

/// The `migration` binary with `url` as `DATABASE_URL` (none: unset), run from a directory
/// without a `.env`, with no `MIGRATION_*` or test-only variables inherited.
pub fn command(url: Option<&str>, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_migration"));
    command.args(args).current_dir(std::env::temp_dir());
    for (name, _) in std::env::vars() {
        if name.starts_with("MIGRATION_") || name == migration::catalog::SLOW_MIGRATION_VARIABLE {
            command.env_remove(name);
        }
    }
    match url {
        Some(url) => command.env("DATABASE_URL", url),
        None => command.env_remove("DATABASE_URL"),
    };
    command
}

/// Runs the binary to completion.
pub fn migration(url: Option<&str>, args: &[&str]) -> std::process::Output {
    command(url, args)
        .output()
        .expect("run the migration binary")
}

/// Runs the binary, asserts it succeeded without error output, returns its stdout.
pub fn succeeds(url: &str, args: &[&str]) -> String {
    let output = migration(Some(url), args);
    let (stdout, stderr) = texts(&output);
    assert!(
        output.status.success() && stderr.is_empty(),
        "migration {args:?} failed ({:?}):\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    stdout
}

/// Runs the binary, asserts it exited with `code`, returns its stderr.
pub fn fails(url: &str, args: &[&str], code: i32) -> String {
    let output = migration(Some(url), args);
    let (stdout, stderr) = texts(&output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "migration {args:?}:\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// stdout and stderr as text.
pub fn texts(output: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The name of the newest migration.
pub fn head() -> &'static str {
    migration::plans().last().unwrap().name()
}

/// What `current` prints, trimmed.
pub fn current(url: &str) -> String {
    succeeds(url, &["current"]).trim().to_owned()
}
