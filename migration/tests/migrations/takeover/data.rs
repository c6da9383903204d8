//! What the data decides: a NULL filled from a default (and said), a duplicate under a new
//! unique key or a value outside an enum refused (and named), a backup written first.

use super::fixture::{AUDITOR, CORTAP, REQAGENT, build};
use super::runs;
use crate::apps::rows::{Rows, Value};
use crate::support::{current, exec, fails, fresh};
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use migration::on_every_backend;
use migration::testing::Backend;

/// The auditor's `created_at` is nullable upstream and NOT NULL with a default in lexbase:
/// a NULL is filled from the default, and the plan says so.
async fn a_null_where_lexbase_says_not_null_is_filled_from_the_default_the_plan_names(
    backend: Backend,
) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[AUDITOR], "001").await;
    exec(
        &conn,
        "UPDATE embedding_cache SET created_at = NULL WHERE id = 2",
    )
    .await;
    let plan = runs(&db.url, &["stamp", "--from-alembic", "--plan"]);
    assert!(
        plan.contains("fill embedding_cache.created_at from its default")
            && plan.contains("embedding_cache id='2'"),
        "{plan}"
    );
    runs(&db.url, &["stamp", "--from-alembic"]);
    let filled = Rows::read(&conn).await;
    assert!(!matches!(
        filled.value("embedding_cache", "created_at", 1),
        None | Some(Value::Null)
    ));
    assert_eq!(
        filled
            .value("embedding_cache", "created_at", 0)
            .and_then(|v| v.instant(Tz::UTC)),
        Some(Utc.with_ymd_and_hms(2025, 4, 1, 8, 0, 0).unwrap()),
        "a value that was there is kept"
    );
}

/// A unique key lexbase adds, over values the rows repeat: refused, naming them, nothing
/// changed.
async fn a_unique_key_the_rows_would_break_is_refused_naming_them(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[CORTAP], "989ceebf408f").await;
    exec(
        &conn,
        "UPDATE compliance_questions SET question_code = 'TVI10-1' WHERE id = 3",
    )
    .await;
    let before = Rows::read(&conn).await;
    let stderr = fails(&db.url, &["stamp", "--from-alembic"], 1);
    assert!(
        stderr.contains("uq_compliance_questions_section_id_question_code")
            && stderr.contains("(section_id, question_code) = ('2', 'TVI10-1') in 2 rows"),
        "{stderr}"
    );
    assert_eq!(Rows::read(&conn).await, before);
    assert_eq!(current(&db.url), "");
}

/// A stored value the native enum would not allow: refused, naming the row.
/// (SQLite only: elsewhere the upstream column is a native enum already, which holds nothing
/// else.)
async fn a_value_outside_the_enum_is_refused_naming_its_row(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    build(&conn, backend, &[REQAGENT], "0003").await;
    exec(
        &conn,
        "UPDATE funding_opportunities SET status = 'archived' WHERE id = 2",
    )
    .await;
    let stderr = fails(&db.url, &["stamp", "--from-alembic"], 1);
    assert!(
        stderr.contains("funding_opportunities id='2': status 'archived' is not one of raw, reviewed, approved, rejected"),
        "{stderr}"
    );
    assert_eq!(current(&db.url), "");
}

on_every_backend!(
    a_null_where_lexbase_says_not_null_is_filled_from_the_default_the_plan_names,
    a_unique_key_the_rows_would_break_is_refused_naming_them,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_outside_the_enum_is_refused_naming_its_row_on_sqlite() {
    a_value_outside_the_enum_is_refused_naming_its_row(Backend::Sqlite).await;
}

/// `--backup DIR` writes a copy before the plan runs, and says where.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adoption_with_a_backup_writes_it_before_reconciling() {
    let (db, conn) = fresh(Backend::Sqlite).await;
    build(&conn, Backend::Sqlite, &[CORTAP], "989ceebf408f").await;
    let dir = std::env::temp_dir().join(format!("lexbase-adopt-backup-{}", std::process::id()));
    let adopted = runs(
        &db.url,
        &["stamp", "--from-alembic", "--backup", dir.to_str().unwrap()],
    );
    let written: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(written.len(), 1, "{adopted}");
    assert!(adopted.contains("Backup written to"), "{adopted}");
    let copy =
        sea_orm::Database::connect(format!("sqlite://{}?mode=ro", written[0].path().display()))
            .await
            .unwrap();
    // The copy is the upstream database: no lexbase-only table yet.
    let tables = migration::schema::live::table_names(&copy).await.unwrap();
    assert!(
        !tables.iter().any(|t| t == "compliance_indicators"),
        "{tables:?}"
    );
    assert!(tables.iter().any(|t| t == "compliance_sections"));
    let _ = copy.close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}
