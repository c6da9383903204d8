//! Each difference in one line, objects by their real names.

use super::Difference;
use crate::schema::{Column, Index};
use std::fmt;

fn word(index: &Index) -> &'static str {
    if index.unique { "unique key" } else { "index" }
}

fn shape(index: &Index) -> String {
    if index.expression {
        "(<expression>)".to_owned()
    } else {
        format!("({})", index.columns.join(", "))
    }
}

fn default_words(column: &Column) -> String {
    column
        .default
        .as_ref()
        .map_or_else(|| "none".to_owned(), ToString::to_string)
}

fn list(values: Option<&Vec<String>>) -> String {
    values.map_or_else(|| "none".to_owned(), |v| v.join(", "))
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Difference::*;
        let yes = |b: bool| if b { "yes" } else { "no" };
        let null = |c: &Column| if c.nullable { "NULL" } else { "NOT NULL" };
        match self {
            MissingTable(t) => write!(f, "table {t}: missing"),
            UnexpectedTable(t) => write!(f, "table {t}: not described by any entity"),
            MissingColumn {
                table,
                column,
                expected,
            } => {
                write!(f, "table {table}: column {column} ({expected}) missing")
            }
            UnexpectedColumn {
                table,
                column,
                found,
            } => {
                write!(
                    f,
                    "table {table}: column {column} ({found}) not in the entity"
                )
            }
            ColumnType {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} type: expected {}, found {}",
                expected.kind, found.kind
            ),
            Nullability {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} nullability: expected {}, found {}",
                null(expected),
                null(found)
            ),
            ColumnDefault {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} server default: expected {}, found {}",
                default_words(expected),
                default_words(found)
            ),
            AutoIncrement {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} auto-increment: expected {}, found {}",
                yes(expected.auto_increment),
                yes(found.auto_increment)
            ),
            Collation {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} collation: expected {}, found {}",
                expected.collation.as_deref().unwrap_or("the table's"),
                found.collation.as_deref().unwrap_or("the table's")
            ),
            PrimaryKey {
                table,
                expected,
                found,
            } => write!(
                f,
                "table {table}: primary key: expected ({}), found ({})",
                expected.join(", "),
                found.join(", ")
            ),
            MissingIndex { table, index } => {
                write!(
                    f,
                    "table {table}: {} {} {} missing",
                    word(index),
                    index.name,
                    shape(index)
                )
            }
            UnexpectedIndex { table, index } => write!(
                f,
                "table {table}: {} {} {} not in the entity",
                word(index),
                index.name,
                shape(index)
            ),
            IndexName {
                table,
                expected,
                found,
            } => write!(
                f,
                "table {table}: {} {} {} is named {} here",
                word(expected),
                expected.name,
                shape(expected),
                found.name
            ),
            IndexPredicate {
                table,
                expected,
                found,
            } => write!(
                f,
                "table {table}: {} {} predicate: expected {}, found {}",
                word(expected),
                expected.name,
                expected.predicate.as_deref().unwrap_or("none"),
                found.predicate.as_deref().unwrap_or("none")
            ),
            MissingForeignKey { table, key } => {
                write!(f, "table {table}: foreign key missing: {key}")
            }
            UnexpectedForeignKey { table, key } => {
                write!(f, "table {table}: foreign key not in the entity: {key}")
            }
            ForeignKeyRule {
                table,
                expected,
                found,
            } => write!(
                f,
                "table {table}: foreign key {} ON DELETE: expected {}, found {}",
                found.name.as_deref().unwrap_or("(unnamed)"),
                expected.on_delete,
                found.on_delete
            ),
            ForeignKeyName {
                table,
                expected,
                found,
            } => write!(
                f,
                "table {table}: foreign key {} ({}) is named {} here",
                expected.name.as_deref().unwrap_or("(unnamed)"),
                expected.columns.join(", "),
                found.name.as_deref().unwrap_or("(unnamed)")
            ),
            EnumType {
                name,
                expected,
                found,
            } => write!(
                f,
                "enum type {name}: expected {}, found {}",
                list(expected.as_ref()),
                list(found.as_ref())
            ),
        }
    }
}
