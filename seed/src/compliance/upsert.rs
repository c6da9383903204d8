//! Synchronising one compliance table with the rows a guide maps to: a diff against what is
//! stored decides what to report and what to send, and the statement sent is a true upsert on
//! the table's unique key whose update only fires when a value differs, so `updated_at` moves
//! only for rows that really changed — even if the diff were stale.

use crate::db::{Sql, get, max_params};
use crate::error::Result;
use crate::report::Tally;
use sea_orm::prelude::DateTimeUtc;
use sea_orm::{ConnectionTrait, DbBackend, Value};
use std::collections::HashMap;

/// The type of a data column, to read it back comparably.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Nullable text.
    Text,
    /// Nullable integer.
    Int,
}

/// A compliance table: its parent column (none for sections), code column and data columns.
#[derive(Debug)]
pub struct Spec {
    /// Table name.
    pub table: &'static str,
    /// The foreign key that is part of the unique key, if any.
    pub parent: Option<&'static str>,
    /// The code column that completes the unique key.
    pub code: &'static str,
    /// Every other column the guide sets, in row order.
    pub data: &'static [(&'static str, Kind)],
}

/// One row to store: its unique key (parent id, 0 for none; code) and data values.
#[derive(Debug, Clone)]
pub struct Row {
    /// Parent id (0 for sections).
    pub parent: i32,
    /// Code.
    pub code: String,
    /// Values for [`Spec::data`], in order.
    pub data: Vec<Value>,
}

/// What to do with a stored row whose values differ from the guide's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Update it in place (`seed compliance`: the file is the truth).
    Upsert,
    /// Leave it (the shipped sample must never overwrite a real guide's text).
    InsertMissing,
}

/// Unique key → id, after a sync.
pub type Ids = HashMap<(i32, String), i32>;

type Stored = HashMap<(i32, String), (i32, Vec<Value>)>;

/// Stores `rows` (unique by key) into the table of `spec`: inserts what is missing, updates
/// what differs (stamping `updated_at` with `now`), leaves the rest alone.
///
/// # Errors
/// A failing statement.
pub async fn sync(
    db: &impl ConnectionTrait,
    spec: &Spec,
    rows: Vec<Row>,
    mode: Mode,
    now: DateTimeUtc,
) -> Result<(Tally, Ids)> {
    let codes: Vec<String> = {
        let mut codes: Vec<String> = rows.iter().map(|r| r.code.clone()).collect();
        codes.sort();
        codes.dedup();
        codes
    };
    let stored = load(db, spec, &codes).await?;
    let mut tally = Tally::new(spec.table);
    let mut send = Vec::new();
    for row in rows {
        match stored.get(&(row.parent, row.code.clone())) {
            None => {
                tally.created += 1;
                send.push(row);
            }
            Some((_, data)) if *data == row.data || mode == Mode::InsertMissing => {
                tally.present += 1;
            }
            Some(_) => {
                tally.updated += 1;
                send.push(row);
            }
        }
    }
    if send.is_empty() {
        return Ok((tally, ids(stored)));
    }
    let backend = db.get_database_backend();
    let columns = 2 + spec.data.len();
    let per_statement = (max_params(backend) - 1) / columns;
    for chunk in send.chunks(per_statement) {
        db.execute_raw(statement(backend, spec, chunk, mode, now))
            .await?;
    }
    Ok((tally, ids(load(db, spec, &codes).await?)))
}

fn ids(stored: Stored) -> Ids {
    stored.into_iter().map(|(key, (id, _))| (key, id)).collect()
}

/// The stored rows whose code is one of `codes` (all rows under every parent: the caller
/// looks them up by full key).
async fn load(db: &impl ConnectionTrait, spec: &Spec, codes: &[String]) -> Result<Stored> {
    let mut stored = HashMap::new();
    for chunk in codes.chunks(10_000) {
        let mut sql = Sql::new(db.get_database_backend());
        sql.push("SELECT id, ")
            .push(spec.parent.unwrap_or("0"))
            .push(", ")
            .push(spec.code);
        for (column, _) in spec.data {
            sql.push(", ").push(column);
        }
        sql.push(" FROM ")
            .push(spec.table)
            .push(" WHERE ")
            .push(spec.code)
            .push(" IN ")
            .tuple(chunk.iter().cloned());
        for row in db.query_all_raw(sql.build()).await? {
            let id: i32 = get(&row, 0)?;
            let parent: i32 = get(&row, 1)?;
            let code: String = get(&row, 2)?;
            let mut data = Vec::with_capacity(spec.data.len());
            for (i, (_, kind)) in spec.data.iter().enumerate() {
                data.push(match kind {
                    Kind::Text => Value::from(get::<Option<String>>(&row, 3 + i)?),
                    Kind::Int => Value::from(get::<Option<i32>>(&row, 3 + i)?),
                });
            }
            stored.insert((parent, code), (id, data));
        }
    }
    Ok(stored)
}

fn statement(
    backend: DbBackend,
    spec: &Spec,
    rows: &[Row],
    mode: Mode,
    now: DateTimeUtc,
) -> sea_orm::Statement {
    let mut sql = Sql::new(backend);
    let key: Vec<&str> = spec.parent.into_iter().chain([spec.code]).collect();
    sql.push("INSERT INTO ").push(spec.table).push(" (");
    sql.push(&key.join(", "));
    for (column, _) in spec.data {
        sql.push(", ").push(column);
    }
    sql.push(") VALUES ");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        let parent = spec.parent.map(|_| Value::from(row.parent));
        let values = parent
            .into_iter()
            .chain([Value::from(row.code.clone())])
            .chain(row.data.iter().cloned());
        sql.tuple(values);
    }
    let columns: Vec<&str> = spec.data.iter().map(|(c, _)| *c).collect();
    if mode == Mode::InsertMissing {
        if backend == DbBackend::MySql {
            sql.push(&format!(" ON DUPLICATE KEY UPDATE {0} = {0}", spec.code));
        } else {
            sql.push(" ON CONFLICT (")
                .push(&key.join(", "))
                .push(") DO NOTHING");
        }
        return sql.build();
    }
    if backend == DbBackend::MySql {
        // No WHERE on MySQL's upsert: keep updated_at unless a value differs (compared as
        // bytes: the column collation is case-insensitive). Assignments run left to right,
        // so updated_at is decided before the values are overwritten.
        let same: Vec<String> = columns
            .iter()
            .map(|c| format!("CAST({c} AS BINARY) <=> CAST(VALUES({c}) AS BINARY)"))
            .collect();
        sql.push(" ON DUPLICATE KEY UPDATE updated_at = IF(")
            .push(&same.join(" AND "))
            .push(", updated_at, ")
            .bind(now)
            .push(")");
        for c in &columns {
            sql.push(&format!(", {c} = VALUES({c})"));
        }
    } else {
        let distinct = if backend == DbBackend::Postgres {
            "IS DISTINCT FROM"
        } else {
            "IS NOT"
        };
        sql.push(" ON CONFLICT (")
            .push(&key.join(", "))
            .push(") DO UPDATE SET ");
        for c in &columns {
            sql.push(&format!("{c} = excluded.{c}, "));
        }
        sql.push("updated_at = ").bind(now).push(" WHERE ");
        let differs: Vec<String> = columns
            .iter()
            .map(|c| format!("{}.{c} {distinct} excluded.{c}", spec.table))
            .collect();
        sql.push(&differs.join(" OR "));
    }
    sql.build()
}
