//! Small SQL building blocks the aggregates share: inserts whose ownership check lives in an
//! `INSERT ... SELECT`, time comparisons that work on SQLite's text timestamps, and windows.

use crate::error::{Error, FieldErrors, Result, map_db_err};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait};
use serde::{Deserialize, Serialize};

/// Runs `INSERT INTO entity (columns) <select>` and returns the new row's id, or `None` when
/// the `SELECT` matched nothing (its parent row is missing or not the actor's). That is how a
/// child row is created with the ownership check inside the one statement.
pub(crate) async fn insert_from_select<E: EntityTrait, const N: usize>(
    conn: &impl ConnectionTrait,
    entity: E,
    columns: [E::Column; N],
    select: SelectStatement,
) -> Result<Option<i32>> {
    let mut insert = Query::insert();
    insert
        .into_table(entity)
        .columns(columns)
        .select_from(select)
        .map_err(|e| Error::Database(DbErr::Custom(e.to_string())))?;
    if conn.support_returning() {
        insert.returning_col(Alias::new("id"));
        let row = conn.query_one(&insert).await.map_err(map_db_err)?;
        return row
            .map(|row| row.try_get::<i32>("", "id"))
            .transpose()
            .map_err(map_db_err);
    }
    let result = conn.execute(&insert).await.map_err(map_db_err)?;
    if result.rows_affected() == 0 {
        return Ok(None);
    }
    i32::try_from(result.last_insert_id())
        .map(Some)
        .map_err(|_| Error::Database(DbErr::Custom("inserted id out of range".to_owned())))
}

/// A timestamp column, comparable with [`time_value`]. SQLite keeps timestamps as text in two
/// spellings (`CURRENT_TIMESTAMP`'s `2026-01-01 10:00:00` and the driver's RFC 3339), which
/// do not sort together as strings, so there both sides go through `julianday()`.
pub(crate) fn time_column(backend: DbBackend, column: impl ColumnTrait) -> SimpleExpr {
    match backend {
        DbBackend::Sqlite => Func::cust("julianday")
            .arg(Expr::col(column.as_column_ref()))
            .into(),
        _ => Expr::col(column.as_column_ref()),
    }
}

/// A bound timestamp, comparable with [`time_column`]; bound as the entities bind instants
/// ([`entity::UtcDateTime`]), so a window past 2038 works on MariaDB too.
pub(crate) fn time_value(backend: DbBackend, at: DateTime<Utc>) -> SimpleExpr {
    let at = entity::UtcDateTime(at);
    match backend {
        DbBackend::Sqlite => Func::cust("julianday").arg(Expr::val(at)).into(),
        _ => Expr::val(at),
    }
}

/// A half-open time window `[from, to)`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Inclusive start.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub from: DateTime<Utc>,
    /// Exclusive end.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub to: DateTime<Utc>,
}

impl Window {
    /// Refuses a window that ends before it starts, or with an end outside
    /// [`time_range`](crate::validation::time_range).
    ///
    /// # Errors
    /// [`Error::Validation`] on `from` or `to`.
    pub fn check(&self) -> Result<()> {
        let mut errors = FieldErrors::default();
        let range = crate::validation::time_range();
        for (field, at) in [("from", self.from), ("to", self.to)] {
            if !range.contains(&at) {
                errors.add(
                    field,
                    format!(
                        "must be from {} to {}",
                        crate::validation::EARLIEST,
                        crate::validation::LATEST
                    ),
                );
            }
        }
        if errors.is_empty() && self.to < self.from {
            errors.add("to", "must not be before from");
        }
        errors.into_result()
    }

    /// `from <= column AND column < to`.
    pub(crate) fn contains(&self, backend: DbBackend, column: impl ColumnTrait) -> SimpleExpr {
        let at = time_column(backend, column);
        at.clone()
            .gte(time_value(backend, self.from))
            .and(at.lt(time_value(backend, self.to)))
    }
}
