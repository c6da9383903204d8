//! One `UPDATE` for a whole batch of rows, each set to its own new values: the statement
//! every backfill writes with.

use crate::db::literal_rows;
use crate::error::Result;
use sea_orm::sea_query::{
    CommonTableExpression, Expr, ExprTrait, Func, IntoIden, Query, SelectStatement, TableRef,
    UpdateStatement, Values,
};
use sea_orm::{DbBackend, Statement, Value};

/// `UPDATE table SET col = v.col, ... [, touch = now] FROM v WHERE table.id = v.id AND guard`
/// for many rows in one statement, `v` holding each row's `(id, new text values)`. On
/// PostgreSQL `columns` may name a type the new value is cast to (e.g. `jsonb`).
///
/// `v` is, per backend: PostgreSQL, two (or more) arrays unnested side by side (a fixed, tiny
/// statement whatever the batch size); SQLite, a `WITH v (...) AS (VALUES ...)`; MySQL, a
/// derived table of literal rows (sea-query renders the `FROM` as MySQL's `UPDATE ... JOIN`).
///
/// # Errors
/// A statement that cannot be built (a bug: `rows` and `columns` differ in width).
pub(crate) fn update_by_id(
    backend: DbBackend,
    table: &'static str,
    columns: &[(&'static str, Option<&'static str>)],
    rows: Vec<(i32, Vec<String>)>,
    touch: Option<(&'static str, Value)>,
    guard: Option<Expr>,
) -> Result<Statement> {
    let names: Vec<&'static str> = columns.iter().map(|(c, _)| *c).collect();
    let mut update = Query::update();
    update.table(table);
    for (column, cast) in columns {
        let new = Expr::col(("v", *column));
        update.value(
            *column,
            match cast {
                Some(to) if backend == DbBackend::Postgres => new.cast_as(*to),
                _ => new,
            },
        );
    }
    if let Some((column, now)) = touch {
        update.value(column, now);
    }
    update.and_where(Expr::col((table, "id")).equals(("v", "id")));
    if let Some(guard) = guard {
        update.and_where(guard);
    }
    match backend {
        DbBackend::Postgres => {
            let mut ids = Vec::with_capacity(rows.len());
            let mut values: Vec<Vec<String>> = vec![Vec::with_capacity(rows.len()); names.len()];
            for (id, row) in rows {
                ids.push(id);
                for (column, value) in values.iter_mut().zip(row) {
                    column.push(value);
                }
            }
            let mut v = Query::select();
            v.expr_as(unnest(ids, "int4[]"), "id");
            for (name, column) in names.iter().zip(values) {
                v.expr_as(unnest(column, "text[]"), *name);
            }
            from_subquery(&mut update, v);
        }
        DbBackend::MySql => {
            let all: Vec<&'static str> = std::iter::once("id").chain(names).collect();
            let v = literal_rows(
                &all,
                rows.into_iter().map(|(id, row)| {
                    std::iter::once(Value::from(id))
                        .chain(row.into_iter().map(Value::from))
                        .collect()
                }),
            )?;
            from_subquery(&mut update, v);
        }
        _ => {
            // SQLite: a compound select would hit its 500-term limit; `VALUES` does not, and
            // the CTE names its columns.
            let mut v = CommonTableExpression::new();
            v.table_name("v").column("id").columns(names).values(
                rows.into_iter()
                    .map(|(id, row)| {
                        Values(
                            std::iter::once(Value::from(id))
                                .chain(row.into_iter().map(Value::from))
                                .collect(),
                        )
                    })
                    .collect(),
            );
            update.from("v").with_cte(v);
        }
    }
    Ok(backend.build(&update))
}

/// `unnest(CAST(values AS array_type))`: a PostgreSQL array bound as one parameter.
fn unnest<T>(values: Vec<T>, array_type: &'static str) -> Expr
where
    Value: From<Vec<T>>,
{
    Func::cust("unnest")
        .arg(Expr::val(Value::from(values)).cast_as(array_type))
        .into()
}

fn from_subquery(update: &mut UpdateStatement, v: SelectStatement) {
    update.from(TableRef::SubQuery(Box::new(v), "v".into_iden()));
}
