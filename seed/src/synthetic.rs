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

use crate::db::{build_error, column, max_params};
use crate::error::{Error, Result};
use entity::legal::{inference_log, research_query, user};
use entity::proposals::{funding_opportunity, proposal_template};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::sqlx::postgres::PgPoolCopyExt;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityName, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait, Value,
};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// Rows per multi-row `INSERT` (fewer if the bind-parameter limit says so): past a few
/// hundred rows a bigger statement only costs more to compile.
const ROWS_PER_STATEMENT: usize = 500;

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

const TOPICS: [&str; 8] = [
    "anticipatory bail",
    "specific performance of a sale agreement",
    "cheque dishonour under section 138",
    "adverse possession of agricultural land",
    "arbitration clause enforceability",
    "tenant eviction for personal need",
    "GST input tax credit reversal",
    "trademark passing off",
];
const ASKS: [&str; 4] = [
    "What is the limitation period for",
    "Summarise recent Supreme Court rulings on",
    "Which documents are needed to file for",
    "What are the defences available in",
];
const VARIANT_SHAPES: usize = 6;

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

/// One synthetic value: text (None for NULL) or an integer.
#[derive(Debug, Clone)]
enum Cell {
    Int(i32),
    Text(Option<String>),
}

impl From<Cell> for Value {
    fn from(cell: Cell) -> Value {
        match cell {
            Cell::Int(i) => Value::from(i),
            Cell::Text(t) => Value::from(t),
        }
    }
}

fn query_row(i: usize, lawyers: &[i32]) -> Vec<Cell> {
    let lawyer = lawyers[i % lawyers.len()];
    let ask = ASKS[i % ASKS.len()];
    let topic = TOPICS[(i / ASKS.len()) % TOPICS.len()];
    vec![
        Cell::Int(lawyer),
        Cell::Text(Some(format!("{ask} {topic}? (matter {i})"))),
        Cell::Text((!i.is_multiple_of(5)).then(|| {
            format!(
                "Draft answer on {topic}: see the leading authorities and the statute; ref {i}."
            )
        })),
    ]
}

fn opportunity_row(i: usize, tag: &str) -> Vec<Cell> {
    let statuses = ["raw", "reviewed", "approved", "rejected"];
    let variants = match i % VARIANT_SHAPES {
        0 => r#"[{"variant_title": "Standard", "grant_min": 10000, "grant_max": 50000, "currency": "GBP", "funding_type": "grant", "is_primary": true}]"#.to_owned(),
        1 => format!(r#"[{{"variant_title": "Pilot {i}", "grant_min": 5000, "grant_max": 20000, "notes": "extra key", "deadline": "2026-03-31"}}]"#),
        2 => r#"[{"variant_title": "Capital"}, "legacy text", 42, null]"#.to_owned(),
        3 => r#"{"variant_title": "Not a list", "grant_max": 1000}"#.to_owned(),
        4 => "[]".to_owned(),
        _ => r#""legacy""#.to_owned(),
    };
    vec![
        Cell::Text(Some(format!(
            "https://opportunities.example/synthetic/{tag}/{i:09}"
        ))),
        Cell::Text(Some(format!(
            r#"{{"title": "Community grant {i}", "amount": {}, "region": "UK"}}"#,
            1000 + (i % 97) * 500
        ))),
        Cell::Text(Some(format!(
            "Funding call {i}: community transport and digital inclusion."
        ))),
        Cell::Text(Some(statuses[i % statuses.len()].to_owned())),
        Cell::Text(Some(variants)),
    ]
}

async fn max_id(db: &impl ConnectionTrait, table: &'static str) -> Result<i32> {
    let query = Query::select()
        .expr(Expr::col("id").max())
        .from(table)
        .to_owned();
    let ids: Vec<Option<i32>> = column(db, &query).await?;
    Ok(ids.first().copied().flatten().unwrap_or(0))
}

/// Inserts rows: `COPY` through `db` on PostgreSQL, multi-row `INSERT`s through `conn`
/// elsewhere.
async fn insert_rows<C: ConnectionTrait>(
    conn: &C,
    db: &DatabaseConnection,
    table: &'static str,
    columns: &[&'static str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<u64> {
    if conn.get_database_backend() == DbBackend::Postgres {
        return copy_rows(db, table, columns, rows).await;
    }
    let backend = conn.get_database_backend();
    let per_statement = (max_params(backend) / columns.len()).min(ROWS_PER_STATEMENT);
    let mut inserted = 0;
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let mut insert = Query::insert();
        insert.into_table(table).columns(columns.iter().copied());
        for row in rows.by_ref().take(per_statement) {
            insert
                .values(row.into_iter().map(|cell| Expr::val(Value::from(cell))))
                .map_err(build_error)?;
        }
        inserted += conn.execute(&insert).await?.rows_affected();
    }
    Ok(inserted)
}

async fn copy_rows(
    db: &DatabaseConnection,
    table: &str,
    columns: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<u64> {
    let pool = db.get_postgres_connection_pool();
    // Text on purpose: sea-query has no COPY, and COPY is what makes PostgreSQL's bulk load
    // fast (one statement streaming rows, no placeholders). The names are this module's own
    // constants, never input.
    let statement = format!("COPY {table} ({}) FROM STDIN", columns.join(", "));
    let copy_err =
        |e: sea_orm::sqlx::Error| Error::Database(DbErr::Custom(format!("COPY {table}: {e}")));
    let mut copy = pool.copy_in_raw(&statement).await.map_err(copy_err)?;
    let mut buffer = String::with_capacity(1 << 20);
    for row in rows {
        for (i, cell) in row.into_iter().enumerate() {
            if i > 0 {
                buffer.push('\t');
            }
            match cell {
                Cell::Int(v) => {
                    let _ = write!(buffer, "{v}");
                }
                Cell::Text(None) => buffer.push_str("\\N"),
                Cell::Text(Some(text)) => escape_copy(&text, &mut buffer),
            }
        }
        buffer.push('\n');
        if buffer.len() >= 1 << 20 {
            copy.send(buffer.as_bytes()).await.map_err(copy_err)?;
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        copy.send(buffer.as_bytes()).await.map_err(copy_err)?;
    }
    copy.finish().await.map_err(copy_err)
}

/// Escapes text for `COPY ... FROM STDIN` in text format.
fn escape_copy(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_its_delimiters() {
        let mut out = String::new();
        escape_copy("a\tb\\c\nd", &mut out);
        assert_eq!(out, "a\\tb\\\\c\\nd");
    }

    #[test]
    fn every_variant_shape_is_valid_json() {
        for i in 0..VARIANT_SHAPES {
            let row = opportunity_row(i, "t");
            let Cell::Text(Some(variants)) = &row[4] else {
                panic!("variants missing");
            };
            assert!(serde_json::from_str::<serde_json::Value>(variants).is_ok());
        }
    }
}
