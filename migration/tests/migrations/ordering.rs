//! A pending migration that sorts before an applied one (merged from a parallel branch) is
//! out of order: `status` shows it and `up` refuses it, naming both, unless `--out-of-order`.

use crate::support::{exec, fails, fresh, migration, succeeds, texts};
use migration::on_every_backend;
use migration::testing::Backend;

async fn a_migration_merged_behind_an_applied_one_is_refused_until_out_of_order(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    succeeds(&db.url, &["up"]);
    // Undo one migration that no later one depends on (on MariaDB the timestamp conversion
    // alters add_user_lockout's column), as if it had arrived late.
    let plans = migration::plans();
    let late = plans
        .iter()
        .position(|p| p.name().ends_with("add_question_priority"))
        .unwrap();
    let (late_name, newest) = (plans[late].name(), plans.last().unwrap().name());
    assert!(
        late + 1 < plans.len(),
        "a later migration must stay applied"
    );
    for sql in plans[late].down(db.db_backend()) {
        exec(&conn, &sql).await;
    }
    for table in ["seaql_migrations", "lexbase_migration_checksums"] {
        exec(
            &conn,
            &format!("DELETE FROM {table} WHERE version = '{late_name}'"),
        )
        .await;
    }

    let output = migration(Some(&db.url), &["status"]);
    let (stdout, _) = texts(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("out of order") && l.contains(late_name)),
        "{stdout}"
    );
    let stderr = fails(&db.url, &["up"], 1);
    assert!(
        stderr.contains(late_name) && stderr.contains(newest),
        "{stderr}"
    );
    assert!(stderr.contains("--out-of-order"), "{stderr}");

    let applied = succeeds(&db.url, &["up", "--out-of-order"]);
    assert!(applied.contains(late_name), "{applied}");
    succeeds(&db.url, &["status"]);
    assert_eq!(succeeds(&db.url, &["check"]).trim(), "No differences.");
}

async fn migrations_recorded_by_sea_orm_cli_agree_with_the_runner(backend: Backend) {
    use migration::{Migrator, MigratorTrait};
    use sea_orm_migration::MigrationStatus;
    let (db, conn) = fresh(backend).await;
    db.migrate_to("+3").await.unwrap();
    // What `sea-orm-cli migrate status` reads: sea-orm-migration's view of seaql_migrations.
    let statuses = Migrator::get_migration_with_status(&conn).await.unwrap();
    let applied: Vec<bool> = statuses
        .iter()
        .map(|m| matches!(m.status(), MigrationStatus::Applied))
        .collect();
    let mut expected = vec![true; 3];
    expected.resize(migration::plans().len(), false);
    assert_eq!(applied, expected);
    let names: Vec<String> = statuses.iter().map(|m| m.name().to_owned()).collect();
    let ours: Vec<String> = migration::plans()
        .iter()
        .map(|p| p.name().to_owned())
        .collect();
    assert_eq!(names, ours);
}

on_every_backend!(
    a_migration_merged_behind_an_applied_one_is_refused_until_out_of_order,
    migrations_recorded_by_sea_orm_cli_agree_with_the_runner,
);
