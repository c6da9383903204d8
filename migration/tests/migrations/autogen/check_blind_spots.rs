//! `check` reports a changed or dropped server default and a renamed index, each object by
//! its real name, one line per difference.

use crate::support::{exec, migrated};
use migration::on_every_backend;
use migration::testing::Backend;

async fn check_reports_server_defaults_and_renamed_indexes_by_their_real_names(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let (drop_default, change_default, rename_index) = match backend {
        Backend::MySql => (
            "ALTER TABLE clients ALTER COLUMN created_at DROP DEFAULT",
            "ALTER TABLE users ALTER COLUMN failed_login_count SET DEFAULT 3",
            "ALTER TABLE cases RENAME INDEX ix_cases_status TO ix_cases_state",
        ),
        Backend::Postgres => (
            "ALTER TABLE clients ALTER COLUMN created_at DROP DEFAULT",
            "ALTER TABLE users ALTER COLUMN failed_login_count SET DEFAULT 3",
            "ALTER INDEX ix_cases_status RENAME TO ix_cases_state",
        ),
        Backend::Sqlite => (
            "",
            "",
            "DROP INDEX ix_cases_status; CREATE INDEX ix_cases_state ON cases (status)",
        ),
    };
    if backend == Backend::Sqlite {
        // SQLite cannot alter a default in place: the column comes back with one.
        exec(
            &conn,
            "ALTER TABLE users DROP COLUMN locked_until; ALTER TABLE users ADD COLUMN \
             locked_until timestamp_with_timezone_text DEFAULT '2030-01-01'",
        )
        .await;
    } else {
        exec(&conn, drop_default).await;
        exec(&conn, change_default).await;
    }
    exec(&conn, rename_index).await;
    let stdout = fails_with_stdout(&db.url);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.contains(&"table cases: index ix_cases_status (status) is named ix_cases_state here"),
        "{stdout}"
    );
    if backend == Backend::Sqlite {
        assert!(
            lines.contains(&"table users: column locked_until server default: expected none, found '2030-01-01'"),
            "{stdout}"
        );
    } else {
        assert!(
            lines.contains(
                &"table users: column failed_login_count server default: expected 0, found 3"
            ),
            "{stdout}"
        );
        assert!(
            lines.contains(
                &"table clients: column created_at server default: expected CURRENT_TIMESTAMP, found none"
            ),
            "{stdout}"
        );
    }
    assert!(
        !stdout.contains("idx-"),
        "SeaORM's generated names leak: {stdout}"
    );
}

/// Runs `check`, which must exit 1, and returns what it printed.
fn fails_with_stdout(url: &str) -> String {
    let output = crate::support::migration(Some(url), &["check"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

on_every_backend!(check_reports_server_defaults_and_renamed_indexes_by_their_real_names);
