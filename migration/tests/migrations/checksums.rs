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

on_every_backend!(
    an_edited_migration_makes_up_refuse_until_repair_accepts_it,
    a_vanished_migration_is_refused_until_forgotten,
);
