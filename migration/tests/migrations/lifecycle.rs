//! Up, down and up again; every single step reversible.

use crate::support::fresh;
use migration::on_every_backend;
use migration::schema::live;
use migration::testing::Backend;
use migration::{Migrator, MigratorTrait};

async fn up_down_up_leaves_only_the_tracking_table_at_base(backend: Backend) {
    let (_db, conn) = fresh(backend).await;
    Migrator::up(&conn, None).await.unwrap();
    let head = live::snapshot(&conn).await.unwrap();
    for table in entity::table_names() {
        assert!(head.tables.contains_key(table), "{table} missing at head");
    }

    Migrator::down(&conn, None).await.unwrap();
    let tables = live::table_names(&conn).await.unwrap();
    assert_eq!(tables, vec!["seaql_migrations".to_owned()]);
    let base = live::snapshot(&conn).await.unwrap();
    assert!(
        base.enum_types.is_empty(),
        "enum types left: {:?}",
        base.enum_types
    );

    Migrator::up(&conn, None).await.unwrap();
    assert_eq!(live::snapshot(&conn).await.unwrap(), head);
}

async fn every_migration_is_reversible_on_its_own(backend: Backend) {
    let (_db, conn) = fresh(backend).await;
    let count = migration::plans().len();
    let mut before = live::snapshot(&conn).await.unwrap();
    for step in 0..count {
        let name = migration::plans()[step].name();
        Migrator::up(&conn, Some(1)).await.unwrap();
        let after = live::snapshot(&conn).await.unwrap();
        assert_ne!(after, before, "{name} changed nothing");

        Migrator::down(&conn, Some(1)).await.unwrap();
        assert_eq!(live::snapshot(&conn).await.unwrap(), before, "{name} down");

        Migrator::up(&conn, Some(1)).await.unwrap();
        assert_eq!(
            live::snapshot(&conn).await.unwrap(),
            after,
            "{name} up again"
        );
        before = after;
    }
}

on_every_backend!(
    up_down_up_leaves_only_the_tracking_table_at_base,
    every_migration_is_reversible_on_its_own,
);
