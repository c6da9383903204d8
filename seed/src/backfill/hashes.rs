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

use super::progress::Progress;
use super::{Options, Outcome, as_text, estimate, update_by_id};
use crate::db::{Sql, get};
use crate::error::Result;
use chrono::{DateTime, Timelike, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait, Value};
use serde_json::json;
use sha2::{Digest, Sha256};
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
    hex::encode(Sha256::digest(python_dumps(&payload).as_bytes()))
}

/// Python's `datetime.isoformat()` of a UTC instant.
pub fn isoformat(at: DateTime<Utc>) -> String {
    if at.nanosecond() / 1000 == 0 {
        at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
    }
}

/// `json.dumps(value, sort_keys=True)` with Python's defaults.
pub fn python_dumps(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value as J;
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => out.push_str(&n.to_string()),
        J::String(s) => write_string(s, out),
        J::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(item, out);
            }
            out.push(']');
        }
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_string(key, out);
                out.push_str(": ");
                if let Some(v) = map.get(key) {
                    write_value(v, out);
                }
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (' '..='\u{7f}').contains(&c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Runs the hashes backfill.
///
/// # Errors
/// A failing statement; batches committed before it stay committed.
pub async fn run(db: &DatabaseConnection, options: Options) -> Result<Outcome> {
    let backend = db.get_database_backend();
    let mut count = Sql::new(backend);
    count.push("SELECT COUNT(*) FROM proposal_templates WHERE hash IS NULL");
    let mut progress = Progress::start("hashes", estimate(db, count).await?);
    let mut outcome = Outcome::default();
    let mut last = 0i32;
    loop {
        if options.max_batches.is_some_and(|m| outcome.batches >= m) {
            outcome.stopped_early = true;
            break;
        }
        let txn = db.begin().await?;
        let mut select = Sql::new(backend);
        select
            .push("SELECT id, funding_opportunity_id, docx_path, pdf_path, ")
            .push(&as_text(backend, "status"))
            .push(", created_at FROM proposal_templates WHERE hash IS NULL AND id > ")
            .bind(last)
            .push(" ORDER BY id LIMIT ")
            .bind(i64::try_from(options.batch_size).unwrap_or(i64::MAX));
        let rows = txn.query_all_raw(select.build()).await?;
        let Some(tail) = rows.last() else {
            txn.rollback().await?;
            break;
        };
        last = get(tail, 0)?;
        let mut computed = Vec::with_capacity(rows.len());
        for row in &rows {
            let template = Template {
                opportunity_id: get(row, 1)?,
                docx_path: get(row, 2)?,
                pdf_path: get(row, 3)?,
                status: get(row, 4)?,
                created_at: get(row, 5)?,
            };
            let hash = template_hash(&template);
            computed.push((get::<i32>(row, 0)?, template.opportunity_id, hash));
        }
        let taken = taken_hashes(&txn, &computed).await?;
        let twins = later_twins(&txn, &computed).await?;
        let mut seen = HashSet::new();
        let mut updates = Vec::with_capacity(computed.len());
        for (id, opportunity, hash) in computed {
            let key = (opportunity, hash.clone());
            if taken.contains(&key) || twins.contains(&id) || !seen.insert(key) {
                outcome.skipped += 1;
            } else {
                updates.push((id, vec![Value::from(hash)]));
            }
        }
        outcome.examined += rows.len() as u64;
        outcome.changed += updates.len() as u64;
        outcome.batches += 1;
        if !options.dry_run && !updates.is_empty() {
            let update = update_by_id(
                backend,
                "proposal_templates",
                &[("hash", "")],
                updates,
                Some(("updated_at", Value::from(chrono::Utc::now()))),
                "{t}.hash IS NULL",
            );
            txn.execute_raw(update.build()).await?;
            txn.commit().await?;
        } else {
            txn.rollback().await?;
        }
        progress.advance(rows.len() as u64);
    }
    progress.finish();
    if outcome.skipped > 0 {
        outcome.note = Some(format!(
            "{} duplicate template(s) left without hash",
            outcome.skipped
        ));
    }
    Ok(outcome)
}

/// Which of `computed`'s templates have an identical template with a smaller id that is still
/// unhashed. That one gets the hash (it comes first in id order) and these are duplicates —
/// decided from stored rows alone, so a dry run finds the same duplicates a real run skips,
/// even across batches.
async fn later_twins(
    db: &impl ConnectionTrait,
    computed: &[(i32, i32, String)],
) -> Result<HashSet<i32>> {
    let backend = db.get_database_backend();
    let same = |column: &str| match backend {
        sea_orm::DbBackend::Postgres => format!("e.{column} IS NOT DISTINCT FROM t.{column}"),
        sea_orm::DbBackend::MySql => format!("e.{column} <=> t.{column}"),
        _ => format!("e.{column} IS t.{column}"),
    };
    let mut twins = HashSet::new();
    for chunk in computed.chunks(5000) {
        let mut sql = Sql::new(backend);
        sql.push("SELECT t.id FROM proposal_templates t WHERE t.id IN ")
            .tuple(chunk.iter().map(|(id, _, _)| *id))
            .push(&format!(
                " AND EXISTS (SELECT 1 FROM proposal_templates e \
                 WHERE e.funding_opportunity_id = t.funding_opportunity_id AND e.id < t.id \
                 AND e.hash IS NULL AND {} AND {} AND e.status = t.status \
                 AND e.created_at = t.created_at)",
                same("docx_path"),
                same("pdf_path")
            ));
        for row in db.query_all_raw(sql.build()).await? {
            twins.insert(get::<i32>(&row, 0)?);
        }
    }
    Ok(twins)
}

/// Which of `computed`'s (opportunity, hash) pairs are already stored.
async fn taken_hashes(
    db: &impl ConnectionTrait,
    computed: &[(i32, i32, String)],
) -> Result<HashSet<(i32, String)>> {
    let mut taken = HashSet::new();
    for chunk in computed.chunks(5000) {
        let mut sql = Sql::new(db.get_database_backend());
        sql.push(
            "SELECT funding_opportunity_id, hash FROM proposal_templates \
             WHERE hash IS NOT NULL AND hash IN ",
        )
        .tuple(chunk.iter().map(|(_, _, hash)| hash.clone()));
        for row in db.query_all_raw(sql.build()).await? {
            taken.insert((get::<i32>(&row, 0)?, get::<String>(&row, 1)?));
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
    fn dumps_matches_python_sort_keys_output() {
        let value = json!({"b": 1, "a": [null, true, "é\n"], "c": {"z": "x", "y": 2}});
        assert_eq!(
            python_dumps(&value),
            r#"{"a": [null, true, "\u00e9\n"], "b": 1, "c": {"y": 2, "z": "x"}}"#
        );
    }

    #[test]
    fn isoformat_drops_a_zero_fraction_like_python() {
        let at = Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(isoformat(at), "2025-01-02T03:04:05+00:00");
        let at = at + chrono::Duration::microseconds(120);
        assert_eq!(isoformat(at), "2025-01-02T03:04:05.000120+00:00");
    }

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
