//! Orphans: proposal templates and documents whose funding opportunity no longer exists, and
//! ingestion runs whose source no longer exists (possible where foreign keys were not
//! enforced, e.g. SQLite databases written without `PRAGMA foreign_keys`).

use super::progress::Progress;
use super::{Options, Outcome, Writer, begin_batch, estimate};
use crate::db::{Sql, get};
use crate::error::Result;
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// (table, "is an orphan" condition on alias `c`).
const TARGETS: [(&str, &str); 3] = [
    (
        "proposal_templates",
        "NOT EXISTS (SELECT 1 FROM funding_opportunities p WHERE p.id = c.funding_opportunity_id)",
    ),
    (
        "documents",
        "c.funding_opportunity_id IS NOT NULL AND NOT EXISTS \
         (SELECT 1 FROM funding_opportunities p WHERE p.id = c.funding_opportunity_id)",
    ),
    (
        "ingestion_runs",
        "NOT EXISTS (SELECT 1 FROM sources p WHERE p.id = c.source_id)",
    ),
];

/// Runs the cleanup: finds orphans batch by batch and deletes each batch in its own
/// transaction.
///
/// # Errors
/// A failing statement; batches committed before it stay committed.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let backend = db.get_database_backend();
    let mut total = 0;
    for (table, orphan) in TARGETS {
        let mut count = Sql::new(backend);
        count.push(&format!("SELECT COUNT(*) FROM {table} c WHERE {orphan}"));
        total += estimate(db, count).await?;
    }
    let mut progress = Progress::start("cleanup", total);
    let mut outcome = Outcome::default();
    let mut writer = Writer::new(backend);
    'tables: for (table, orphan) in TARGETS {
        let mut last = 0i32;
        loop {
            if options.max_batches.is_some_and(|m| outcome.batches >= m) {
                outcome.stopped_early = true;
                break 'tables;
            }
            let txn = begin_batch(db).await?;
            let mut select = Sql::new(backend);
            select
                .push(&format!("SELECT c.id FROM {table} c WHERE c.id > "))
                .bind(last)
                .push(&format!(" AND {orphan} ORDER BY c.id LIMIT "))
                .bind(i64::try_from(options.batch_size).unwrap_or(i64::MAX));
            let ids: Vec<i32> = txn
                .query_all_raw(select.build())
                .await?
                .iter()
                .map(|row| get::<i32>(row, 0))
                .collect::<Result<_>>()?;
            let Some(&tail) = ids.last() else {
                txn.rollback().await?;
                break;
            };
            last = tail;
            outcome.examined += ids.len() as u64;
            outcome.changed += ids.len() as u64;
            outcome.batches += 1;
            if options.dry_run {
                txn.rollback().await?;
            } else {
                let mut delete = Sql::new(backend);
                delete
                    .push(&format!("DELETE FROM {table} WHERE id IN "))
                    .tuple(ids.iter().copied());
                writer.write(txn, delete).await?;
            }
            progress.advance(ids.len() as u64);
        }
    }
    writer.wait().await?;
    progress.finish();
    Ok(outcome)
}
