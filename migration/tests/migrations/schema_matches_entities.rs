//! The migrated schema is the schema the entities describe, and the comparison notices when
//! it is not.

use crate::support::{exec, migrated};
use migration::on_every_backend;
use migration::schema::diff::{Difference, compare};
use migration::schema::{Snapshot, expected, live};
use migration::testing::{Backend, TestDb};

/// The entities' schema with the history's names, as `check` compares it.
async fn desired(db: &TestDb) -> Snapshot {
    let backend = db.db_backend();
    let url = migration::config::DatabaseUrl::parse("test", &db.url).unwrap();
    let plans = migration::plans();
    let base = migration::autogen::history(plans.iter().map(|p| p.as_ref()), backend, Some(&url))
        .await
        .unwrap();
    migration::autogen::desired(expected::snapshot(backend), &base)
}

async fn the_migrated_schema_equals_the_entities(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let want = desired(&db).await;
    let got = live::snapshot(&conn).await.unwrap();
    let differences = compare(&want, &got);
    assert!(
        differences.is_empty(),
        "differences:\n{}",
        differences
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    for table in entity::table_names() {
        assert!(got.tables.contains_key(table), "{table} missing");
    }
}

async fn a_deliberate_mismatch_is_reported(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let got = live::snapshot(&conn).await.unwrap();

    // An entity that says something else: a column made nullable, an index removed.
    let mut want = desired(&db).await;
    let users = want.tables.get_mut("users").unwrap();
    users.columns.get_mut("name").unwrap().nullable = true;
    let cases = want.tables.get_mut("cases").unwrap();
    let status_index = cases
        .indexes
        .iter()
        .find(|i| i.columns == ["status"])
        .cloned()
        .unwrap();
    cases.indexes.remove(&status_index);
    let differences = compare(&want, &got);
    assert!(differences.iter().any(|d| matches!(d,
        Difference::Nullability { table, column, .. } if table == "users" && column == "name")));
    assert!(differences.iter().any(|d| matches!(d,
        Difference::UnexpectedIndex { table, index } if table == "cases" && index.columns == ["status"])));
    assert_eq!(differences.len(), 2, "{differences:?}");

    // A database that says something else: an index dropped, a column added.
    let want = desired(&db).await;
    let drop_index = match backend {
        Backend::MySql => "DROP INDEX ix_cases_status ON cases",
        _ => "DROP INDEX ix_cases_status",
    };
    exec(&conn, drop_index).await;
    exec(&conn, "ALTER TABLE clients ADD COLUMN nickname varchar(20)").await;
    let differences = compare(&want, &live::snapshot(&conn).await.unwrap());
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    assert!(
        lines
            .iter()
            .any(|l| l == "table cases: index ix_cases_status (status) missing"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("clients") && l.contains("nickname")),
        "{lines:?}"
    );
}

on_every_backend!(
    the_migrated_schema_equals_the_entities,
    a_deliberate_mismatch_is_reported,
);
