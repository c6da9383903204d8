//! `proposal_templates.hash`: for every template whose hash is NULL, the hex SHA-256 of the
//! canonical JSON of `{opportunity_id, docx_path, pdf_path, status, created_at}`.
//!
//! Canonical JSON is exactly what upstream's Python produced with
//! `json.dumps(payload, sort_keys=True)`: keys sorted, `", "` and `": "` as separators,
//! non-ASCII escaped as `\uXXXX`; `created_at` is Python's `isoformat()` of the UTC instant
//! (`2025-01-02T03:04:05.123456+00:00`, the fraction left out when it is zero).
//!
//! A template whose hash would collide with another template of the same opportunity (the
//! unique key `uq_template_unique`) is a duplicate: it is left NULL and counted as skipped.

use super::canonical::{isoformat, python_dumps};
use super::progress::Progress;
use super::{Options, Outcome, Writer, begin_batch, update_by_id};
use crate::db::{as_text, count, get};
use crate::error::Result;
use chrono::{DateTime, Utc};
use entity::proposals::proposal_template::{Column, Entity};
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Value};
use serde_json::json;
use std::collections::HashSet;

/// One template as the hash sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// `funding_opportunity_id`.
    pub opportunity_id: i32,
    /// `docx_path`.
    pub docx_path: Option<String>,
    /// `pdf_path`.
    pub pdf_path: Option<String>,
    /// `status` (`ready`, `failed`, `pending`).
    pub status: String,
    /// `created_at`.
    pub created_at: DateTime<Utc>,
}

/// The template's hash: hex SHA-256 of its canonical JSON.
pub fn template_hash(t: &Template) -> String {
    let payload = json!({
        "opportunity_id": t.opportunity_id,
        "docx_path": t.docx_path,
        "pdf_path": t.pdf_path,
        "status": t.status,
        "created_at": isoformat(t.created_at),
    });
    entity::digest::sha256_hex(python_dumps(&payload))
}

/// Runs the hashes backfill.
///
/// # Errors
/// A failing statement; batches committed before it stay committed.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let backend = db.get_database_backend();
    let unhashed = Query::select()
        .from(Entity)
        .and_where(Expr::col(Column::Hash).is_null())
        .to_owned();
    let mut progress = Progress::start("hashes", count(db, unhashed).await?);
    let mut outcome = Outcome::default();
    let mut last = 0i32;
    let mut writer = Writer::new(backend);
    loop {
        if options.max_batches.is_some_and(|m| outcome.batches >= m) {
            outcome.stopped_early = true;
            break;
        }
        let txn = begin_batch(db).await?;
        // A window of the next rows by primary key, hashed or not: `ORDER BY id LIMIT n` with
        // no other predicate is planned as a primary-key range scan whatever the statistics
        // say (with `hash IS NULL` in the WHERE, stale statistics can pick the hash index and
        // sort a million rows per batch).
        let select = template_columns(backend, None)
            .from(Entity)
            .and_where(Expr::col(Column::Id).gt(last))
            .order_by(Column::Id, Order::Asc)
            .limit(options.batch_size)
            .to_owned();
        let window = txn.query_all(&select).await?;
        let Some(tail) = window.last() else {
            txn.rollback().await?;
            break;
        };
        last = get(tail, 0)?;
        let mut rows = Vec::with_capacity(window.len());
        for row in &window {
            if get::<Option<String>>(row, 6)?.is_none() {
                rows.push((get::<i32>(row, 0)?, read_template(row)?));
            }
        }
        let Some(first) = rows.first().map(|(id, _)| *id) else {
            txn.rollback().await?;
            outcome.batches += 1;
            continue;
        };
        let opportunities: Vec<i32> = rows.iter().map(|(_, t)| t.opportunity_id).collect();
        let mut taken = claimed(&txn, &opportunities, first).await?;
        let mut updates = Vec::with_capacity(rows.len());
        // In id order, so the first of identical templates in the batch gets the hash.
        for (id, template) in &rows {
            let hash = template_hash(template);
            if taken.insert((template.opportunity_id, hash.clone())) {
                updates.push((*id, vec![hash]));
            } else {
                outcome.skipped += 1;
            }
        }
        outcome.examined += rows.len() as u64;
        outcome.changed += updates.len() as u64;
        outcome.batches += 1;
        let examined = rows.len() as u64;
        if !options.dry_run && !updates.is_empty() {
            let update = update_by_id(
                backend,
                "proposal_templates",
                &[("hash", None)],
                updates,
                Some(("updated_at", Value::from(chrono::Utc::now()))),
                Some(Expr::col(("proposal_templates", "hash")).is_null()),
            )?;
            writer.write(txn, update).await?;
        } else {
            txn.rollback().await?;
        }
        progress.advance(examined);
    }
    writer.wait().await?;
    progress.finish();
    if outcome.skipped > 0 {
        outcome.note = Some(format!(
            "{} duplicate template(s) left without hash",
            outcome.skipped
        ));
    }
    Ok(outcome)
}

/// `SELECT id, funding_opportunity_id, docx_path, pdf_path, status (as text), created_at,
/// hash`, of the table aliased `alias` if given: the columns [`read_template`] reads.
fn template_columns(backend: DbBackend, alias: Option<&'static str>) -> SelectStatement {
    let column = |c: Column| match alias {
        Some(a) => Expr::col((Alias::new(a), c)),
        None => Expr::col(c),
    };
    let status = match alias {
        Some(a) => as_text(backend, (Alias::new(a), Column::Status)),
        None => as_text(backend, Column::Status),
    };
    Query::select()
        .expr(column(Column::Id))
        .expr(column(Column::FundingOpportunityId))
        .expr(column(Column::DocxPath))
        .expr(column(Column::PdfPath))
        .expr(status)
        .expr(column(Column::CreatedAt))
        .expr(column(Column::Hash))
        .to_owned()
}

fn read_template(row: &sea_orm::QueryResult) -> Result<Template> {
    Ok(Template {
        opportunity_id: get(row, 1)?,
        docx_path: get(row, 2)?,
        pdf_path: get(row, 3)?,
        status: get(row, 4)?,
        created_at: get(row, 5)?,
    })
}

/// The (opportunity, hash) pairs already claimed among the templates of `opportunities`:
/// every stored hash, and the hash of every unhashed template before the batch (id below
/// `first`). A real run has hashed those already, or skipped them as duplicates of a claimed
/// pair; a dry run has not, and must find the same duplicates — so both decide from this.
async fn claimed(
    db: &impl ConnectionTrait,
    opportunities: &[i32],
    first: i32,
) -> Result<HashSet<(i32, String)>> {
    let backend = db.get_database_backend();
    let mut unique = opportunities.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let mut taken = HashSet::new();
    for chunk in unique.chunks(10_000) {
        let select = if backend == DbBackend::Postgres {
            // One index probe per opportunity, whatever the statistics say: a fenced
            // (OFFSET 0) LATERAL subquery cannot be turned into a hash join over the whole
            // table, which is what an IN list gets on a freshly loaded, unanalysed table.
            let probe = Query::select()
                .column(Asterisk)
                .from_as(Entity, "p")
                .and_where(Expr::col(("p", Column::FundingOpportunityId)).equals(("o", "o")))
                .offset(0)
                .to_owned();
            template_columns(backend, Some("t"))
                .from_function(
                    Func::cust("unnest").arg(Expr::val(chunk.to_vec()).cast_as("int4[]")),
                    "o",
                )
                .join_lateral(JoinType::InnerJoin, probe, "t", Expr::cust("TRUE"))
                .to_owned()
        } else {
            template_columns(backend, None)
                .from(Entity)
                .and_where(Expr::col(Column::FundingOpportunityId).is_in(chunk.iter().copied()))
                .to_owned()
        };
        for row in db.query_all(&select).await? {
            let opportunity: i32 = get(&row, 1)?;
            match get::<Option<String>>(&row, 6)? {
                Some(hash) => {
                    taken.insert((opportunity, hash));
                }
                None if get::<i32>(&row, 0)? < first => {
                    taken.insert((opportunity, template_hash(&read_template(&row)?)));
                }
                None => {}
            }
        }
    }
    Ok(taken)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_hash_is_sha256_of_the_canonical_payload() {
        let t = Template {
            opportunity_id: 7,
            docx_path: Some("a.docx".into()),
            pdf_path: None,
            status: "ready".into(),
            created_at: Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
        };
        // python3 -c 'import json,hashlib; print(hashlib.sha256(json.dumps({"opportunity_id": 7,
        //   "docx_path": "a.docx", "pdf_path": None, "status": "ready",
        //   "created_at": "2025-01-02T03:04:05+00:00"}, sort_keys=True).encode()).hexdigest())'
        assert_eq!(template_hash(&t), PYTHON_HASH);
    }

    const PYTHON_HASH: &str = "7f655c40c88f93a10e27c6cb15cbd0d3b4cf9b3b962c1688ea444ff0b73e1909";
}
