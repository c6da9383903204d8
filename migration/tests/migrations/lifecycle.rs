//! Up, down and up again; every single step reversible, all through the runner.

use crate::support::fresh;
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::Backend;
use migration::tracking::{CHECKSUMS_TABLE, MIGRATIONS_TABLE};

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

async fn every_migration_is_reversible_on_its_own(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    let count = migration::plans().len();
    let mut before = live::snapshot(&conn).await.unwrap();
    for step in 0..count {
        let name = migration::plans()[step].name();
        db.migrate_to("+1").await.unwrap();
        let after = live::snapshot(&conn).await.unwrap();
        assert_ne!(after, before, "{name} changed nothing");

        db.rollback_to("-1", false).await.unwrap();
        assert_eq!(live::snapshot(&conn).await.unwrap(), before, "{name} down");

        db.migrate_to("+1").await.unwrap();
        assert_eq!(
            live::snapshot(&conn).await.unwrap(),
            after,
            "{name} up again"
        );
        before = after;
    }
}

on_every_backend!(
    up_down_up_leaves_only_the_tracking_tables_at_base,
    every_migration_is_reversible_on_its_own,
);
