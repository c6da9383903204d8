//! Applied migrations are held to their recorded checksums: a changed or vanished one stops
//! `up`, `down` and `status` until it is accepted with `repair`.

use crate::support::{current, exec, fails, fresh, head, migration, succeeds, texts};
use migration::on_every_backend;
use migration::testing::Backend;

async fn an_edited_migration_makes_up_refuse_until_repair_accepts_it(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    succeeds(&db.url, &["up", "+2"]);
    let edited = migration::plans()[1].name();
    // What an edit of the file looks like from the database: a different recorded checksum.
    exec(
        &conn,
        &format!(
            "UPDATE lexbase_migration_checksums SET checksum = '{}' WHERE version = '{edited}'",
            "0".repeat(64)
        ),
    )
    .await;

    for args in [&["up"][..], &["down"], &["status"]] {
        let stderr = fails(&db.url, args, 1);
        assert!(
            stderr.contains(&format!("{edited} changed since it was applied")),
            "{args:?}: {stderr}"
        );
    }
    let verify = migration(Some(&db.url), &["verify"]);
    assert_eq!(verify.status.code(), Some(1));
    let (report, _) = texts(&verify);
    assert!(report.contains(&format!("{edited} changed")), "{report}");
    assert_eq!(current(&db.url), edited, "nothing ran");

    let accepted = succeeds(&db.url, &["repair", "--accept", &edited[..16]]);
    assert!(
        accepted.contains(&format!("Accepted {edited}")),
        "{accepted}"
    );
    succeeds(&db.url, &["verify"]);
    succeeds(&db.url, &["up"]);
    assert_eq!(current(&db.url), format!("{} (head)", head()));
}

async fn a_vanished_migration_is_refused_until_forgotten(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    succeeds(&db.url, &["up"]);
    let gone = "m20990101_000000_dropped_from_the_code";
    exec(
        &conn,
        &format!("INSERT INTO seaql_migrations (version, applied_at) VALUES ('{gone}', 0)"),
    )
    .await;
    let stderr = fails(&db.url, &["down"], 1);
    assert!(
        stderr.contains(&format!(
            "{gone} is recorded as applied but no longer exists"
        )),
        "{stderr}"
    );
    succeeds(&db.url, &["repair", "--accept", gone]);
    succeeds(&db.url, &["verify"]);
}

/// Rewrites the tracking table as an earlier lexbase left it: no format column, and each
/// migration's checksum taken of its source file.
async fn downgrade_to_source_checksums(db: &migration::testing::TestDb, wrong: Option<&str>) {
    let conn = db.connect().await.unwrap();
    exec(
        &conn,
        "ALTER TABLE lexbase_migration_checksums DROP COLUMN checksum_format",
    )
    .await;
    for plan in migration::plans() {
        let source = migration::checksum::of_source(plan.source().unwrap());
        let recorded = if wrong == Some(plan.name()) {
            "1".repeat(64)
        } else {
            source
        };
        exec(
            &conn,
            &format!(
                "UPDATE lexbase_migration_checksums SET checksum = '{recorded}' \
                 WHERE version = '{}'",
                plan.name()
            ),
        )
        .await;
    }
    conn.close().await.unwrap();
}

async fn records_of_source_checksums_are_understood_and_upgraded_without_a_step(backend: Backend) {
    let (db, conn) = fresh(backend).await;
    succeeds(&db.url, &["up"]);
    downgrade_to_source_checksums(&db, None).await;

    // Read-only commands understand the old records as they are.
    succeeds(&db.url, &["status"]);
    succeeds(&db.url, &["verify"]);
    // The first command under the lock rewrites them as checksums of what runs.
    let upgraded = succeeds(&db.url, &["up"]);
    assert!(
        upgraded.contains("Recording the checksum of what"),
        "{upgraded}"
    );
    let catalog = migration::catalog::Catalog::new(db.db_backend()).unwrap();
    let records = migration::tracking::read(&conn).await.unwrap();
    for entry in catalog.entries() {
        let record = &records[entry.name()];
        assert_eq!(record.checksum_format, migration::checksum::FORMAT);
        assert_eq!(record.checksum.as_deref(), Some(entry.checksum()));
    }
    succeeds(&db.url, &["verify"]);
}

async fn an_old_record_whose_source_changed_still_reads_as_changed(backend: Backend) {
    let (db, _conn) = fresh(backend).await;
    succeeds(&db.url, &["up"]);
    let edited = migration::plans()[2].name();
    downgrade_to_source_checksums(&db, Some(edited)).await;
    let stderr = fails(&db.url, &["up"], 1);
    assert!(
        stderr.contains(&format!(
            "{edited} changed since it was applied: its source file"
        )),
        "{stderr}"
    );
    succeeds(&db.url, &["repair", "--accept", edited]);
    succeeds(&db.url, &["verify"]);
}

on_every_backend!(
    an_edited_migration_makes_up_refuse_until_repair_accepts_it,
    a_vanished_migration_is_refused_until_forgotten,
    records_of_source_checksums_are_understood_and_upgraded_without_a_step,
    an_old_record_whose_source_changed_still_reads_as_changed,
);
