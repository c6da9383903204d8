//! What the data must allow before a reconciliation step may run: every stored value one of
//! an enumeration's, no NULL where NOT NULL is coming, no duplicate where a unique key is
//! coming, no orphan where a foreign key is coming. Each finds at most [`SHOWN`] offending
//! rows and names them by primary key.

use crate::error::Result;
use crate::plan::Script;
use crate::schema::{ForeignKey, Index, Table};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// How many offending rows a refusal names.
pub const SHOWN: u64 = 10;

/// The type a value is cast to, to be read as text on every driver.
fn text_type(backend: DbBackend) -> &'static str {
    if backend == DbBackend::MySql {
        "CHAR"
    } else {
        "TEXT"
    }
}

/// `CAST(column AS text)`, which every driver reads as a string.
pub(super) fn as_text(backend: DbBackend, column: &str) -> Expr {
    Expr::col(Alias::new(column)).cast_as(Alias::new(text_type(backend)))
}

/// The column rows are named by: the first primary key column.
fn key_of(table: &Table) -> Option<&str> {
    table.primary_key.first().map(String::as_str)
}

async fn texts(
    db: &impl ConnectionTrait,
    select: &SelectStatement,
    width: usize,
) -> Result<Vec<Vec<Option<String>>>> {
    let backend = db.get_database_backend();
    let mut out = Vec::new();
    for sql in Script::new(backend).query(select).finish() {
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
        {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(row.try_get_by_index::<Option<String>>(i)?);
            }
            out.push(values);
        }
    }
    Ok(out)
}

fn shown(value: Option<&String>) -> String {
    value.map_or_else(|| "NULL".to_owned(), |v| format!("'{v}'"))
}

/// Rows whose `column` holds a value outside `values`, as `table id=N: column 'v'`.
///
/// # Errors
/// The query failing.
pub async fn outside_enum(
    db: &impl ConnectionTrait,
    name: &str,
    table: &Table,
    column: &str,
    values: &[String],
) -> Result<Vec<String>> {
    let backend = db.get_database_backend();
    let key = key_of(table).unwrap_or(column);
    let select = Query::select()
        .expr(as_text(backend, key))
        .expr(as_text(backend, column))
        .from(Alias::new(name))
        .and_where(Expr::col(Alias::new(column)).is_not_null())
        .and_where(as_text(backend, column).is_not_in(values.iter().cloned()))
        .limit(SHOWN)
        .to_owned();
    Ok(texts(db, &select, 2)
        .await?
        .iter()
        .map(|r| {
            format!(
                "{name} {key}={}: {column} {} is not one of {}",
                shown(r.first().and_then(Option::as_ref)),
                shown(r.get(1).and_then(Option::as_ref)),
                values.join(", ")
            )
        })
        .collect())
}

/// Rows whose `column` is NULL, as `table id=N`.
///
/// # Errors
/// The query failing.
pub async fn nulls(
    db: &impl ConnectionTrait,
    name: &str,
    table: &Table,
    column: &str,
) -> Result<Vec<String>> {
    let backend = db.get_database_backend();
    let Some(key) = key_of(table) else {
        return Ok(Vec::new());
    };
    let select = Query::select()
        .expr(as_text(backend, key))
        .from(Alias::new(name))
        .and_where(Expr::col(Alias::new(column)).is_null())
        .limit(SHOWN)
        .to_owned();
    Ok(texts(db, &select, 1)
        .await?
        .iter()
        .map(|r| format!("{name} {key}={}", shown(r.first().and_then(Option::as_ref))))
        .collect())
}

/// Groups of rows that share the values of a unique key about to be added, as
/// `table (a, b) = ('x', 'y') in 2 rows`.
///
/// # Errors
/// The query failing.
pub async fn duplicates(
    db: &impl ConnectionTrait,
    name: &str,
    index: &Index,
) -> Result<Vec<String>> {
    if !index.unique || index.columns.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let mut select = Query::select();
    for column in &index.columns {
        select.expr(as_text(backend, column));
        // NULLs never collide in a unique key.
        select.and_where(Expr::col(Alias::new(column.as_str())).is_not_null());
        select.add_group_by([Expr::col(Alias::new(column.as_str()))]);
    }
    select
        .expr(Expr::cust("COUNT(*)").cast_as(Alias::new(text_type(backend))))
        .from(Alias::new(name))
        .and_having(Expr::cust("COUNT(*)").gt(1))
        .limit(SHOWN);
    let width = index.columns.len() + 1;
    Ok(texts(db, &select.to_owned(), width)
        .await?
        .iter()
        .map(|r| {
            let values: Vec<String> = r[..index.columns.len()]
                .iter()
                .map(|v| shown(v.as_ref()))
                .collect();
            format!(
                "{name} ({}) = ({}) in {} rows",
                index.columns.join(", "),
                values.join(", "),
                r.last().and_then(Option::as_deref).unwrap_or("?")
            )
        })
        .collect())
}

/// Rows whose foreign key columns name no row of the referenced table, as `table id=N`.
///
/// # Errors
/// The query failing.
pub async fn orphans(
    db: &impl ConnectionTrait,
    name: &str,
    table: &Table,
    key: &ForeignKey,
) -> Result<Vec<String>> {
    let (Some(column), Some(target), Some(pk)) = (
        key.columns.first(),
        key.target_columns.first(),
        key_of(table),
    ) else {
        return Ok(Vec::new());
    };
    let backend = db.get_database_backend();
    let referenced = Query::select()
        .column(Alias::new(target.as_str()))
        .from(Alias::new(key.target.as_str()))
        .to_owned();
    let select = Query::select()
        .expr(as_text(backend, pk))
        .from(Alias::new(name))
        .and_where(Expr::col(Alias::new(column.as_str())).is_not_null())
        .and_where(Expr::col(Alias::new(column.as_str())).not_in_subquery(referenced))
        .limit(SHOWN)
        .to_owned();
    Ok(texts(db, &select, 1)
        .await?
        .iter()
        .map(|r| {
            format!(
                "{name} {pk}={}: {column} names no {} row",
                shown(r.first().and_then(Option::as_ref)),
                key.target
            )
        })
        .collect())
}
