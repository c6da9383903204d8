//! Database plumbing shared by every operation: the "migrated to head, and intact?" check
//! (through the migration runner), literal rows as a derived table, reading rows by column
//! index, and reading JSON or enum columns as text.
//!
//! Statements are built with sea-query, so identifiers are quoted and placeholders numbered
//! for the backend in one place; the few backend-specific forms (PostgreSQL arrays, MySQL's
//! upsert) are expressions inside those statements.

use crate::error::{Error, Result};
use migration::config::DatabaseUrl;
use migration::state::Overview;
use sea_orm::sea_query::{
    Asterisk, Expr, ExprTrait, IntoColumnRef, Query, SelectStatement, UnionType,
    error::Error as BuildError,
};
use sea_orm::{
    ConnectionTrait, DbBackend, DbErr, QueryResult, StatementBuilder, TryGetable, Value,
};

/// Refuses to work on a database that is not migrated to the latest migration, or whose
/// applied migrations fail `verify` (changed, vanished or incomplete): the migration runner's
/// own reading ([`migration::Runner`]'s catalog for `url`, the tracking tables read as
/// `migration status` reads them), done on the seeder's connection `db` rather than on one
/// more connection of the runner's (which would cost a connect per run).
///
/// # Errors
/// [`Error::NotIntact`] listing the problems; [`Error::NotMigrated`] naming the first pending
/// migration; [`Error::Database`] when the tables cannot be read. Never writes (the tracking
/// tables are not created).
pub async fn ensure_migrated(url: &DatabaseUrl, db: &impl ConnectionTrait) -> Result<()> {
    let runner = migration::Runner::new(url.clone(), migration::Options::default())?;
    let overview = Overview::new(runner.catalog(), &migration::tracking::read(db).await?);
    if let Err(migration::Error::Tampered { problems }) = overview.ensure_intact() {
        return Err(Error::NotIntact { problems });
    }
    if overview.at_head() {
        return Ok(());
    }
    let first = overview
        .migrations
        .iter()
        .find(|m| !m.applied)
        .map(|m| m.name.clone())
        .unwrap_or_default();
    Err(Error::NotMigrated {
        pending: overview.pending,
        first,
    })
}

/// Literal rows as a query: `SELECT v1 AS c1, v2 AS c2 UNION ALL SELECT ...`, to be used as a
/// derived table (`INSERT ... SELECT ... FROM (<this>) v WHERE NOT EXISTS ...`). A union of
/// selects, not `VALUES`, because it names its columns the same way on every backend.
/// SQLite allows at most 500 terms in a compound select: meant for a handful of rows there.
///
/// # Errors
/// [`Error::Database`] when `rows` is empty or a row's length differs from `columns`.
pub fn literal_rows<I>(columns: &[&'static str], rows: I) -> Result<SelectStatement>
where
    I: IntoIterator<Item = Vec<Value>>,
{
    let mut selects = rows.into_iter().map(|row| {
        if row.len() != columns.len() {
            return Err(Error::Database(DbErr::Custom(format!(
                "a literal row has {} values for {} columns",
                row.len(),
                columns.len()
            ))));
        }
        let mut select = Query::select();
        for (column, value) in columns.iter().zip(row) {
            select.expr_as(Expr::val(value), *column);
        }
        Ok(select)
    });
    let mut first = selects
        .next()
        .ok_or_else(|| Error::Database(DbErr::Custom("no literal rows".to_owned())))??;
    for select in selects {
        first.union(UnionType::All, select?);
    }
    Ok(first)
}

/// A sea-query build error (a statement put together wrongly: a bug, never bad input).
pub fn build_error(error: BuildError) -> Error {
    Error::Database(DbErr::Custom(format!("building a statement: {error}")))
}

/// The most placeholders one statement may carry on `backend`, with a margin.
pub fn max_params(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Sqlite => 32_000,
        _ => 65_000,
    }
}

/// Column `index` of `row`, converted.
///
/// # Errors
/// [`Error::Database`] when the column is missing or of another type.
pub fn get<T: TryGetable>(row: &QueryResult, index: usize) -> Result<T> {
    Ok(row.try_get_by_index::<T>(index)?)
}

/// Runs `query` and returns the first column of each row.
///
/// # Errors
/// [`Error::Database`] when the query fails.
pub async fn column<T: TryGetable>(
    db: &impl ConnectionTrait,
    query: &impl StatementBuilder,
) -> Result<Vec<T>> {
    db.query_all(query)
        .await?
        .iter()
        .map(|row| get(row, 0))
        .collect()
}

/// `SELECT COUNT(*)` of `query`'s table and `WHERE` (its select list is replaced).
///
/// # Errors
/// [`Error::Database`] when the query fails.
pub async fn count(db: &impl ConnectionTrait, mut query: SelectStatement) -> Result<u64> {
    query.clear_selects().expr(Expr::col(Asterisk).count());
    let n = column::<i64>(db, &query)
        .await?
        .first()
        .copied()
        .unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A JSON or enum column read as text, so that it reads back the same way everywhere.
pub fn as_text(backend: DbBackend, column: impl IntoColumnRef) -> Expr {
    let column = Expr::col(column);
    match backend {
        DbBackend::Postgres => column.cast_as("TEXT"),
        DbBackend::MySql => column.cast_as("CHAR"),
        _ => column,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn literal_rows_refuse_a_row_of_the_wrong_width_and_no_rows() {
        assert!(literal_rows(&["a", "b"], [vec![1.into()]]).is_err());
        assert!(literal_rows(&["a"], Vec::<Vec<Value>>::new()).is_err());
    }
}
