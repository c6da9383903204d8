//! Up, down and up again; every single step reversible, all through the runner.

use crate::support::fresh;
use migration::on_every_backend;
use migration::schema::{Snapshot, live};
use migration::testing::Backend;
use migration::tracking::{CHECKSUMS_TABLE, MIGRATIONS_TABLE};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

async fn up_down_up_leaves_only_the_tracking_tables_at_base(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    db.migrate().await.unwrap();
    let head = live::snapshot(&conn).await.unwrap();
    for table in entity::table_names() {
        assert!(head.tables.contains_key(table), "{table} missing at head");
    }

    db.rollback_to("base", false).await.unwrap();
    let tables = live::table_names(&conn).await.unwrap();
    let mut tracking = vec![CHECKSUMS_TABLE.to_owned(), MIGRATIONS_TABLE.to_owned()];
    tracking.sort();
    assert_eq!(tables, tracking);
    let base = live::snapshot(&conn).await.unwrap();
    assert!(
        base.enum_types.is_empty(),
        "enum types left: {:?}",
        base.enum_types
    );

    db.migrate().await.unwrap();
    assert_eq!(live::snapshot(&conn).await.unwrap(), head);
}

/// The schema as far as these tests look: the snapshot, and on MariaDB every column's
/// collation (which the snapshot does not model).
async fn state(conn: &DatabaseConnection) -> (Snapshot, Vec<String>) {
    let collations = if conn.get_database_backend() == DbBackend::MySql {
        let rows = conn
            .query_all_raw(Statement::from_string(
                DbBackend::MySql,
                "SELECT CONCAT(table_name, '.', column_name, ' ', COALESCE(collation_name, '')) \
                 FROM information_schema.columns WHERE table_schema = DATABASE() \
                 AND table_name NOT IN ('seaql_migrations', 'lexbase_migration_checksums') \
                 ORDER BY 1",
            ))
            .await
            .unwrap();
        rows.iter()
            .map(|row| row.try_get_by_index::<String>(0).unwrap())
            .collect()
    } else {
        Vec::new()
    };
    (live::snapshot(conn).await.unwrap(), collations)
}

async fn every_migration_is_reversible_on_its_own(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    let count = migration::plans().len();
    let mut before = state(&conn).await;
    for step in 0..count {
        let plan = &migration::plans()[step];
        let name = plan.name();
        db.migrate_to("+1").await.unwrap();
        let after = state(&conn).await;
        // A migration for another backend renders nothing here, and must change nothing.
        if plan.up(db.db_backend()).is_empty() {
            assert_eq!(after, before, "{name} changed something");
        } else {
            assert_ne!(after, before, "{name} changed nothing");
        }

        db.rollback_to("-1", false).await.unwrap();
        assert_eq!(state(&conn).await, before, "{name} down");

        db.migrate_to("+1").await.unwrap();
        assert_eq!(state(&conn).await, after, "{name} up again");
        before = after;
    }
}

on_every_backend!(
    up_down_up_leaves_only_the_tracking_tables_at_base,
    every_migration_is_reversible_on_its_own,
);
