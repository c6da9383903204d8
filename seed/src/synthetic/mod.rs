//! Synthetic rows for benchmarks: `scale` research queries (split over the seeded lawyers)
//! with one inference log each, and `scale` funding opportunities (variants in every shape
//! the variants backfill must handle) with one proposal template each (hash NULL, for the
//! hashes backfill). `4 * scale` rows in all.
//!
//! Client-generated rows go in as multi-row `INSERT`s sized under the backend's bind
//! parameter limit, or through `COPY ... FROM STDIN` on PostgreSQL; rows derived from them
//! (logs, templates) are made by the database with `INSERT ... SELECT` over the new ids.
//! Meant for benchmark databases: rows other writers insert meanwhile may get logs or
//! templates too.

mod load;
mod rows;

use crate::db::{build_error, column};
use crate::error::{Error, Result};
use entity::legal::{inference_log, research_query, user};
use entity::proposals::{funding_opportunity, proposal_template};
use load::insert_rows;
use rows::{opportunity_row, query_row};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityName, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::time::{Duration, Instant};

/// SQLite page cache for the bulk-insert connection (KiB, as `PRAGMA cache_size` wants it
/// negative): large enough that dirty pages are not spilled (each spill syncs the journal).
const SQLITE_CACHE_KIB: i64 = 64 * 1024;

/// What a synthetic run inserted.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// (table, rows, seconds) in insertion order.
    pub tables: Vec<(&'static str, u64, f64)>,
    /// Wall time of the inserts.
    pub elapsed: Duration,
}

impl Generated {
    /// Rows inserted over all tables.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n, _)| n).sum()
    }

    /// Rows per second over the whole run.
    pub fn rows_per_second(&self) -> f64 {
        self.rows() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Inserts `scale` rows into each of the four tables.
///
/// # Errors
/// [`Error::Config`] when no lawyer exists (run `seed` first) or `scale` is 0; a failing
/// statement.
pub async fn generate(db: &DatabaseConnection, scale: u64) -> Result<Generated> {
    if scale == 0 {
        return Err(Error::Config("--scale must be at least 1".to_owned()));
    }
    let backend = db.get_database_backend();
    let lawyers: Vec<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Role.eq(service::Role::Lawyer.as_str()))
        .order_by_asc(user::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    if lawyers.is_empty() {
        return Err(Error::Config(
            "no lawyer to attach research queries to: run `seed` first".to_owned(),
        ));
    }
    let n = usize::try_from(scale).map_err(|_| Error::Config("--scale too large".into()))?;
    let tag = format!("{:x}", chrono::Utc::now().timestamp_micros());
    let started = Instant::now();
    let mut generated = if backend == DbBackend::Postgres {
        // COPY runs on a pooled connection of its own, committing per table.
        fill(db, db, n, &lawyers, &tag).await?
    } else {
        // One transaction for everything: commits (fsyncs) cost far more than rows, and on
        // SQLite a page cache large enough not to spill dirty pages (each spill syncs the
        // journal) for this connection.
        let txn = db.begin().await?;
        if backend == DbBackend::Sqlite {
            txn.execute_unprepared(&format!("PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
                .await?;
        }
        let generated = fill(&txn, db, n, &lawyers, &tag).await?;
        txn.commit().await?;
        generated
    };
    generated.elapsed = started.elapsed();
    Ok(generated)
}

/// Inserts the rows through `conn` (COPY through `db`'s pool on PostgreSQL).
async fn fill<C: ConnectionTrait>(
    conn: &C,
    db: &DatabaseConnection,
    n: usize,
    lawyers: &[i32],
    tag: &str,
) -> Result<Generated> {
    let backend = conn.get_database_backend();
    let mut generated = Generated::default();
    let mut lap = Instant::now();
    let mut timed = |table: &'static str, rows: u64| {
        let secs = lap.elapsed().as_secs_f64();
        lap = Instant::now();
        (table, rows, secs)
    };
    let queries_table = research_query::Entity.table_name();
    let before = max_id(conn, queries_table).await?;
    let queries = (0..n).map(|i| query_row(i, lawyers));
    let columns = ["lawyer_id", "query_text", "response_text"];
    let rows = insert_rows(conn, db, queries_table, &columns, queries).await?;
    generated.tables.push(timed("research_queries", rows));
    let id = || Expr::col(research_query::Column::Id);
    let tokens = || Expr::val(200).add(id().modulo(1800));
    let logs = derived(
        Query::insert().into_table(inference_log::Entity).columns([
            inference_log::Column::QueryId,
            inference_log::Column::ModelUsed,
            inference_log::Column::Tokens,
            inference_log::Column::Cost,
            inference_log::Column::ResponseHash,
        ]),
        Query::select()
            .expr(id())
            .expr(rotate(id(), ["gpt-4o", "claude-3-5-sonnet", "llama-3-70b"]))
            .expr(tokens())
            .expr(tokens().mul(0.00001))
            .expr(Func::cust("CONCAT").args([Expr::val("sha256:"), id()]))
            .from(research_query::Entity)
            .and_where(id().gt(before))
            .to_owned(),
    )?;
    let rows = conn.execute(&logs).await?.rows_affected();
    generated.tables.push(timed("inference_logs", rows));

    let opportunities_table = funding_opportunity::Entity.table_name();
    let before = max_id(conn, opportunities_table).await?;
    let opportunities = (0..n).map(|i| opportunity_row(i, tag));
    let columns = [
        "source_url",
        "json_data",
        "editable_text",
        "status",
        "variants",
    ];
    let rows = insert_rows(conn, db, opportunities_table, &columns, opportunities).await?;
    generated.tables.push(timed("funding_opportunities", rows));
    let id = || Expr::col(funding_opportunity::Column::Id);
    let status = rotate(id(), ["ready", "pending", "failed"]);
    let status = if backend == DbBackend::Postgres {
        status.cast_as("templatestatusenum")
    } else {
        status
    };
    let path = |extension: &'static str| {
        Func::cust("CONCAT").args([Expr::val("templates/"), id(), Expr::val(extension)])
    };
    let templates = derived(
        Query::insert()
            .into_table(proposal_template::Entity)
            .columns([
                proposal_template::Column::FundingOpportunityId,
                proposal_template::Column::DocxPath,
                proposal_template::Column::PdfPath,
                proposal_template::Column::Status,
            ]),
        Query::select()
            .expr(id())
            .expr(path(".docx"))
            .expr(path(".pdf"))
            .expr(status)
            .from(funding_opportunity::Entity)
            .and_where(id().gt(before))
            .to_owned(),
    )?;
    let rows = conn.execute(&templates).await?.rows_affected();
    generated.tables.push(timed("proposal_templates", rows));
    Ok(generated)
}

/// `INSERT INTO ... SELECT ...`: rows the database derives from rows just inserted.
fn derived(
    insert: &mut sea_orm::sea_query::InsertStatement,
    select: SelectStatement,
) -> Result<sea_orm::sea_query::InsertStatement> {
    Ok(insert.select_from(select).map_err(build_error)?.to_owned())
}

/// `CASE WHEN id % n = 0 THEN names[0] WHEN ... ELSE names[n - 1] END`: one of `names` per
/// row, in turn.
fn rotate<const N: usize>(id: Expr, names: [&'static str; N]) -> Expr {
    let modulus = i32::try_from(N).unwrap_or(i32::MAX);
    let mut case = sea_orm::sea_query::CaseStatement::new();
    for (i, name) in names.iter().enumerate().take(N.saturating_sub(1)) {
        let i = i32::try_from(i).unwrap_or(i32::MAX);
        case = case.case(id.clone().modulo(modulus).eq(i), Expr::val(*name));
    }
    case.finally(Expr::val(names.last().copied().unwrap_or_default()))
        .into()
}

async fn max_id(db: &impl ConnectionTrait, table: &'static str) -> Result<i32> {
    let query = Query::select()
        .expr(Expr::col("id").max())
        .from(table)
        .to_owned();
    let ids: Vec<Option<i32>> = column(db, &query).await?;
    Ok(ids.first().copied().flatten().unwrap_or(0))
}
