//! Synchronising one compliance table with the rows a guide maps to: a diff against what is
//! stored decides what to report and what to send, and the statement sent is a true upsert on
//! the table's unique key whose update only fires when a value differs, so `updated_at` moves
//! only for rows that really changed — even if the diff were stale.

use crate::db::{build_error, get, max_params};
use crate::error::Result;
use crate::report::Tally;
use sea_orm::prelude::DateTimeUtc;
use sea_orm::sea_query::{BinOper, Expr, ExprTrait, Func, InsertStatement, OnConflict, Query};
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
        db.execute(&statement(backend, spec, chunk, mode, now)?)
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
        let mut select = Query::select();
        select.column("id");
        match spec.parent {
            Some(parent) => select.column(parent),
            None => select.expr(Expr::val(0)),
        };
        select
            .column(spec.code)
            .columns(spec.data.iter().map(|(column, _)| *column))
            .from(spec.table)
            .and_where(Expr::col(spec.code).is_in(chunk.iter().cloned()));
        for row in db.query_all(&select).await? {
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

/// The upsert for `rows`: a multi-row `INSERT` on the unique key whose update fires only for
/// a row whose values differ (`InsertMissing`: never).
fn statement(
    backend: DbBackend,
    spec: &Spec,
    rows: &[Row],
    mode: Mode,
    now: DateTimeUtc,
) -> Result<InsertStatement> {
    let key: Vec<&'static str> = spec.parent.into_iter().chain([spec.code]).collect();
    let data: Vec<&'static str> = spec.data.iter().map(|(c, _)| *c).collect();
    let mut insert = Query::insert();
    insert
        .into_table(spec.table)
        .columns(key.iter().chain(&data).copied());
    for row in rows {
        let parent = spec.parent.map(|_| Value::from(row.parent));
        let values = parent
            .into_iter()
            .chain([Value::from(row.code.clone())])
            .chain(row.data.iter().cloned())
            .map(Expr::val);
        insert.values(values).map_err(build_error)?;
    }
    let mut on_conflict = OnConflict::columns(key.iter().copied());
    if mode == Mode::InsertMissing {
        // MySQL gets `ON DUPLICATE KEY UPDATE code = code`: it has no do-nothing form.
        on_conflict.do_nothing_on([spec.code]);
    } else if backend == DbBackend::MySql {
        // No WHERE on MySQL's upsert: keep updated_at unless a value differs (compared as
        // bytes: the column collation is case-insensitive). Assignments run left to right,
        // so updated_at is decided before the values are overwritten.
        let same = data
            .iter()
            .map(|c| {
                Expr::col(*c)
                    .cast_as("BINARY")
                    .binary(BinOper::Custom("<=>"), inserted(c).cast_as("BINARY"))
            })
            .reduce(ExprTrait::and)
            .unwrap_or_else(|| Expr::val(true));
        on_conflict
            .value(
                "updated_at",
                Func::cust("IF").args([same, Expr::col("updated_at"), Expr::val(now)]),
            )
            .update_columns(data.iter().copied());
    } else {
        let distinct = if backend == DbBackend::Postgres {
            BinOper::Custom("IS DISTINCT FROM")
        } else {
            BinOper::IsNot
        };
        let differs = data
            .iter()
            .map(|c| Expr::col((spec.table, *c)).binary(distinct, Expr::col(("excluded", *c))))
            .reduce(ExprTrait::or)
            .unwrap_or_else(|| Expr::val(false));
        on_conflict
            .update_columns(data.iter().copied())
            .value("updated_at", Expr::val(now))
            .action_and_where(differs);
    }
    insert.on_conflict(on_conflict);
    Ok(insert)
}

/// MySQL's `VALUES(column)`: the value the conflicting insert carried.
fn inserted(column: &'static str) -> Expr {
    Func::cust("VALUES").arg(Expr::col(column)).into()
}
