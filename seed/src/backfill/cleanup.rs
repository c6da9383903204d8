//! Orphans: proposal templates and documents whose funding opportunity no longer exists, and
//! ingestion runs whose source no longer exists (possible where foreign keys were not
//! enforced, e.g. SQLite databases written without `PRAGMA foreign_keys`).

use super::progress::Progress;
use super::{Options, Outcome, Writer, begin_batch};
use crate::db::{count, get};
use crate::error::Result;
use entity::proposals::{document, funding_opportunity, ingestion_run, proposal_template, source};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityName};

/// A table whose rows may be orphans: its name, the foreign key column, the parent table, and
/// whether a NULL key is allowed (and then not an orphan).
struct Target {
    table: &'static str,
    foreign_key: &'static str,
    parent: &'static str,
    nullable: bool,
}

fn targets() -> [Target; 3] {
    let opportunities = funding_opportunity::Entity.table_name();
    [
        Target {
            table: proposal_template::Entity.table_name(),
            foreign_key: "funding_opportunity_id",
            parent: opportunities,
            nullable: false,
        },
        Target {
            table: document::Entity.table_name(),
            foreign_key: "funding_opportunity_id",
            parent: opportunities,
            nullable: true,
        },
        Target {
            table: ingestion_run::Entity.table_name(),
            foreign_key: "source_id",
            parent: source::Entity.table_name(),
            nullable: false,
        },
    ]
}

/// `FROM table c WHERE <c is an orphan>`.
fn orphans(target: &Target) -> SelectStatement {
    let mut select = Query::select();
    select.from_as(target.table, "c");
    if target.nullable {
        select.and_where(Expr::col(("c", target.foreign_key)).is_not_null());
    }
    select.and_where(Expr::not_exists(
        Query::select()
            .expr(Expr::val(1))
            .from_as(target.parent, "p")
            .and_where(Expr::col(("p", "id")).equals(("c", target.foreign_key)))
            .to_owned(),
    ));
    select
}

/// Runs the cleanup: finds orphans batch by batch and deletes each batch in its own
/// transaction.
///
/// # Errors
/// A failing statement; batches committed before it stay committed.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let backend = db.get_database_backend();
    let mut total = 0;
    for target in &targets() {
        total += count(db, orphans(target)).await?;
    }
    let mut progress = Progress::start("cleanup", total);
    let mut outcome = Outcome::default();
    let mut writer = Writer::new(backend);
    'tables: for target in &targets() {
        let mut last = 0i32;
        loop {
            if options.max_batches.is_some_and(|m| outcome.batches >= m) {
                outcome.stopped_early = true;
                break 'tables;
            }
            let txn = begin_batch(db).await?;
            let select = orphans(target)
                .column(("c", "id"))
                .and_where(Expr::col(("c", "id")).gt(last))
                .order_by((Alias::new("c"), Alias::new("id")), Order::Asc)
                .limit(options.batch_size)
                .to_owned();
            let ids: Vec<i32> = txn
                .query_all(&select)
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
                let delete = Query::delete()
                    .from_table(target.table)
                    .and_where(Expr::col("id").is_in(ids.iter().copied()))
                    .to_owned();
                writer.write(txn, backend.build(&delete)).await?;
            }
            progress.advance(ids.len() as u64);
        }
    }
    writer.wait().await?;
    progress.finish();
    Ok(outcome)
}
