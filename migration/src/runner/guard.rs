//! The destructive guard: a rollback (`down`, `reset`, `refresh`, `fresh`) that would drop
//! tables or columns holding data is refused, listing what would be lost, unless forced.
//!
//! What a rollback drops is read from the very statements it would run, so the guard cannot
//! drift from the migrations.

use crate::error::{Error, Result};
use crate::schema::live;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Something a statement destroys: a whole table, or one column of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drop {
    /// The table.
    pub table: String,
    /// The column, when only a column is dropped.
    pub column: Option<String>,
}

/// The tables and columns `statements` drop (`DROP TABLE`, `ALTER TABLE ... DROP COLUMN`).
pub fn drops(statements: &[String]) -> Vec<Drop> {
    let mut out = Vec::new();
    for sql in statements {
        let upper = sql.to_ascii_uppercase();
        if let Some(rest) = strip_keyword(sql, &upper, "DROP TABLE ") {
            let rest =
                strip_keyword(rest, &rest.to_ascii_uppercase(), "IF EXISTS ").unwrap_or(rest);
            let mut rest = rest;
            while let Some((table, tail)) = identifier(rest) {
                out.push(Drop {
                    table,
                    column: None,
                });
                match tail.trim_start().strip_prefix(',') {
                    Some(next) => rest = next.trim_start(),
                    None => break,
                }
            }
        } else if let Some(rest) = strip_keyword(sql, &upper, "ALTER TABLE ")
            && let Some((table, tail)) = identifier(rest)
        {
            let tail = tail.trim_start();
            if let Some(column) = strip_keyword(tail, &tail.to_ascii_uppercase(), "DROP COLUMN ")
                && let Some((column, _)) = identifier(column)
            {
                out.push(Drop {
                    table,
                    column: Some(column),
                });
            }
        }
    }
    out
}

/// `text` after `keyword` (matched case-insensitively through `upper`, its upper-case copy).
fn strip_keyword<'a>(text: &'a str, upper: &str, keyword: &str) -> Option<&'a str> {
    upper
        .starts_with(keyword)
        .then(|| text.get(keyword.len()..))
        .flatten()
        .map(str::trim_start)
}

/// A leading identifier, quoted with `"` or `` ` `` or bare, and the text after it.
fn identifier(text: &str) -> Option<(String, &str)> {
    let mut chars = text.chars();
    match chars.next()? {
        quote @ ('"' | '`') => {
            let body = &text[1..];
            let end = body.find(quote)?;
            Some((body[..end].to_owned(), &body[end + 1..]))
        }
        _ => {
            let end = text
                .find(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .unwrap_or(text.len());
            (end > 0).then(|| (text[..end].to_owned(), &text[end..]))
        }
    }
}

/// `what` with rows in it: `table users (2 rows)`, `column cases.status (3 values)`. Tables
/// that do not exist (yet) are skipped.
///
/// # Errors
/// A count failing.
pub async fn losses(db: &impl ConnectionTrait, what: &[Drop]) -> Result<Vec<String>> {
    let backend = db.get_database_backend();
    let existing = live::table_names(db).await?;
    let quote = |name: &str| match backend {
        DbBackend::MySql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    };
    let mut out = Vec::new();
    for drop in what {
        if !existing.contains(&drop.table) {
            continue;
        }
        let counted = drop.column.as_deref().map_or_else(|| "*".to_owned(), quote);
        let sql = format!("SELECT COUNT({counted}) FROM {}", quote(&drop.table));
        let row = db
            .query_one_raw(Statement::from_string(backend, sql))
            .await?;
        let count: i64 = match row {
            Some(row) => row.try_get_by_index(0)?,
            None => 0,
        };
        if count > 0 {
            let plural = |word: &str| {
                if count == 1 {
                    word.to_owned()
                } else {
                    format!("{word}s")
                }
            };
            out.push(match &drop.column {
                None => format!("table {} ({count} {})", drop.table, plural("row")),
                Some(column) => format!(
                    "column {}.{column} ({count} {})",
                    drop.table,
                    plural("value")
                ),
            });
        }
    }
    Ok(out)
}

/// Refuses unless `force` when `what` holds data.
///
/// # Errors
/// [`Error::Destructive`] listing the losses.
pub async fn check(db: &impl ConnectionTrait, what: &[Drop], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let losses = losses(db, what).await?;
    if losses.is_empty() {
        Ok(())
    } else {
        Err(Error::Destructive { losses })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_statements_of_every_backend_are_read() {
        let statements = [
            r#"DROP TABLE "users""#.to_owned(),
            "DROP TABLE IF EXISTS `cases`, `clients`".to_owned(),
            r#"ALTER TABLE "compliance_questions" DROP COLUMN "priority""#.to_owned(),
            "ALTER TABLE `clients` DROP FOREIGN KEY `fk`, DROP INDEX `ix`".to_owned(),
            r#"DROP INDEX "ix_cases_status""#.to_owned(),
        ];
        let table = |t: &str| Drop {
            table: t.to_owned(),
            column: None,
        };
        assert_eq!(
            drops(&statements),
            vec![
                table("users"),
                table("cases"),
                table("clients"),
                Drop {
                    table: "compliance_questions".to_owned(),
                    column: Some("priority".to_owned()),
                },
            ]
        );
    }
}
