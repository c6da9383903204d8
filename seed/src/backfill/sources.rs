//! The default sources, into `sources` only when it is empty (under the seed lock, so two
//! runs cannot both see it empty).

use super::{Options, Outcome};
use crate::error::Result;
use crate::lock::Locked;
use crate::sources::{DEFAULTS, insert_if_empty};
use entity::proposals::source;
use sea_orm::DatabaseConnection;
use sea_orm::sea_query::Query;

/// Runs the sources backfill.
///
/// # Errors
/// A failing statement.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let locked = Locked::begin(db).await?;
    let existing = crate::db::count(
        locked.txn(),
        Query::select().from(source::Entity).to_owned(),
    )
    .await?;
    let changed = if options.dry_run {
        if existing == 0 {
            DEFAULTS.len() as u64
        } else {
            0
        }
    } else {
        insert_if_empty(locked.txn()).await?.created
    };
    locked.commit().await?;
    Ok(Outcome {
        examined: existing,
        changed,
        batches: 1,
        note: (changed == 0).then(|| "sources not empty".to_owned()),
        ..Outcome::default()
    })
}
