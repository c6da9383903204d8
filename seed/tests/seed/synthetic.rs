//! `seed synthetic --scale N`: rows for benchmarks, in shapes the backfills must handle.

use crate::support::{count, migrated, seed_ok};
use migration::on_every_backend;
use migration::testing::Backend;
use seed::backfill::{self, Operation, Options};

async fn synthetic_rows_land_in_all_four_tables_and_backfill_cleanly(backend: Backend) {
    let (db, conn) = migrated(backend).await;
    let refused = crate::support::run_seed(&db, &["synthetic", "--scale", "10"]);
    assert_eq!(refused.status.code(), Some(2), "no lawyers yet");
    seed_ok(&db, &[]);
    let stdout = seed_ok(&db, &["synthetic", "--scale", "120"]);
    assert!(stdout.contains("480 rows in"), "{stdout}");
    for table in [
        "research_queries",
        "inference_logs",
        "funding_opportunities",
        "proposal_templates",
    ] {
        assert_eq!(count(&conn, table).await, 120, "{table}");
    }
    seed_ok(&db, &["synthetic", "--scale", "7"]);
    assert_eq!(count(&conn, "proposal_templates").await, 127);

    let runs = backfill::run(&conn, &Operation::ALL, Options::default()).await;
    let hashes = runs[0].result.as_ref().unwrap();
    assert_eq!((hashes.changed, hashes.skipped), (127, 0));
    let variants = runs[1].result.as_ref().unwrap();
    // Shapes 1, 2, 3 and 5 of every 6 are not canonical.
    assert!(
        variants.changed > 60 && variants.changed < 127,
        "{variants:?}"
    );
}

on_every_backend!(synthetic_rows_land_in_all_four_tables_and_backfill_cleanly);
