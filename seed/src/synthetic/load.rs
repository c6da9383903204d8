//! Loading client-made rows: `COPY ... FROM STDIN` on PostgreSQL, multi-row `INSERT`s sized
//! under the bind-parameter limit elsewhere.

use super::rows::Cell;
use crate::db::{build_error, max_params};
use crate::error::{Error, Result};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::sqlx::postgres::PgPoolCopyExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Value};
use std::fmt::Write as _;

/// Rows per multi-row `INSERT` (fewer if the bind-parameter limit says so): past a few
/// hundred rows a bigger statement only costs more to compile.
const ROWS_PER_STATEMENT: usize = 500;

/// Inserts rows: `COPY` through `db` on PostgreSQL, multi-row `INSERT`s through `conn`
/// elsewhere.
pub(super) async fn insert_rows<C: ConnectionTrait>(
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
}
