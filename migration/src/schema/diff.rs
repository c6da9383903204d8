//! Differences between an expected and a live [`Snapshot`], one line each.

use super::{Column, ForeignKey, Index, Snapshot, Table};
use std::collections::BTreeSet;
use std::fmt;

/// One way the live schema departs from the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A table is expected but absent.
    MissingTable(String),
    /// A table exists that nothing expects.
    UnexpectedTable(String),
    /// A column is expected but absent.
    MissingColumn {
        table: String,
        column: String,
        expected: Column,
    },
    /// A column exists that nothing expects.
    UnexpectedColumn {
        table: String,
        column: String,
        found: Column,
    },
    /// A column's type differs.
    ColumnType {
        table: String,
        column: String,
        expected: Column,
        found: Column,
    },
    /// A column's nullability differs.
    Nullability {
        table: String,
        column: String,
        expected: Column,
        found: Column,
    },
    /// An index (or unique key) is expected but absent.
    MissingIndex { table: String, index: Index },
    /// An index (or unique key) exists that nothing expects.
    UnexpectedIndex { table: String, index: Index },
    /// A foreign key is expected but absent.
    MissingForeignKey { table: String, key: ForeignKey },
    /// A foreign key exists that nothing expects.
    UnexpectedForeignKey { table: String, key: ForeignKey },
    /// An enumeration type is missing or has other values (PostgreSQL).
    EnumType {
        name: String,
        expected: Option<Vec<String>>,
        found: Option<Vec<String>>,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::MissingTable(t) => write!(f, "table {t}: missing"),
            Difference::UnexpectedTable(t) => write!(f, "table {t}: not described by any entity"),
            Difference::MissingColumn {
                table,
                column,
                expected,
            } => {
                write!(f, "table {table}: column {column} ({expected}) missing")
            }
            Difference::UnexpectedColumn {
                table,
                column,
                found,
            } => {
                write!(
                    f,
                    "table {table}: column {column} ({found}) not in the entity"
                )
            }
            Difference::ColumnType {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} type: expected {}, found {}",
                expected.kind, found.kind
            ),
            Difference::Nullability {
                table,
                column,
                expected,
                found,
            } => write!(
                f,
                "table {table}: column {column} nullability: expected {}, found {}",
                null_word(expected),
                null_word(found)
            ),
            Difference::MissingIndex { table, index } => {
                write!(
                    f,
                    "table {table}: {} missing: {}",
                    index_word(index),
                    describe(index)
                )
            }
            Difference::UnexpectedIndex { table, index } => write!(
                f,
                "table {table}: {} not in the entity: {}",
                index_word(index),
                describe(index)
            ),
            Difference::MissingForeignKey { table, key } => {
                write!(f, "table {table}: foreign key missing: {key}")
            }
            Difference::UnexpectedForeignKey { table, key } => {
                write!(f, "table {table}: foreign key not in the entity: {key}")
            }
            Difference::EnumType {
                name,
                expected,
                found,
            } => write!(
                f,
                "enum type {name}: expected {}, found {}",
                expected
                    .as_ref()
                    .map_or("none".to_owned(), |v| v.join(", ")),
                found.as_ref().map_or("none".to_owned(), |v| v.join(", "))
            ),
        }
    }
}

fn null_word(column: &Column) -> &'static str {
    if column.nullable { "NULL" } else { "NOT NULL" }
}

fn index_word(index: &Index) -> &'static str {
    if index.unique { "unique key" } else { "index" }
}

fn describe(index: &Index) -> String {
    if index.expression {
        format!("{} (<expression>)", index.name)
    } else {
        format!("({}) e.g. {}", index.columns.join(", "), index.name)
    }
}

/// How two indexes are matched: names differ between entity-generated and migrated indexes,
/// so plain indexes match on their columns and uniqueness; expression indexes on their name.
fn index_key(index: &Index) -> (Vec<String>, bool, bool, String) {
    let name = if index.expression {
        index.name.clone()
    } else {
        String::new()
    };
    (index.columns.clone(), index.unique, index.expression, name)
}

/// Every difference between `expected` and `live`, tables in name order.
pub fn compare(expected: &Snapshot, live: &Snapshot) -> Vec<Difference> {
    let mut out = Vec::new();
    for (name, table) in &expected.tables {
        match live.tables.get(name) {
            None => out.push(Difference::MissingTable(name.clone())),
            Some(found) => compare_table(name, table, found, &mut out),
        }
    }
    for name in live.tables.keys() {
        if !expected.tables.contains_key(name) {
            out.push(Difference::UnexpectedTable(name.clone()));
        }
    }
    let names: BTreeSet<&String> = expected
        .enum_types
        .keys()
        .chain(live.enum_types.keys())
        .collect();
    for name in names {
        let (want, got) = (expected.enum_types.get(name), live.enum_types.get(name));
        if want != got {
            out.push(Difference::EnumType {
                name: name.clone(),
                expected: want.cloned(),
                found: got.cloned(),
            });
        }
    }
    out
}

fn compare_table(name: &str, expected: &Table, live: &Table, out: &mut Vec<Difference>) {
    let table = name.to_owned();
    for (column, want) in &expected.columns {
        match live.columns.get(column) {
            None => out.push(Difference::MissingColumn {
                table: table.clone(),
                column: column.clone(),
                expected: want.clone(),
            }),
            Some(got) => {
                if got.kind != want.kind {
                    out.push(Difference::ColumnType {
                        table: table.clone(),
                        column: column.clone(),
                        expected: want.clone(),
                        found: got.clone(),
                    });
                }
                if got.nullable != want.nullable {
                    out.push(Difference::Nullability {
                        table: table.clone(),
                        column: column.clone(),
                        expected: want.clone(),
                        found: got.clone(),
                    });
                }
            }
        }
    }
    for (column, got) in &live.columns {
        if !expected.columns.contains_key(column) {
            out.push(Difference::UnexpectedColumn {
                table: table.clone(),
                column: column.clone(),
                found: got.clone(),
            });
        }
    }
    let wanted: Vec<&Index> = expected.indexes.iter().collect();
    let found: Vec<&Index> = live.indexes.iter().filter(|i| !i.implicit).collect();
    let wanted_keys: BTreeSet<_> = wanted.iter().map(|i| index_key(i)).collect();
    let found_keys: BTreeSet<_> = found.iter().map(|i| index_key(i)).collect();
    for index in wanted {
        if !found_keys.contains(&index_key(index)) {
            out.push(Difference::MissingIndex {
                table: table.clone(),
                index: index.clone(),
            });
        }
    }
    for index in found {
        if !wanted_keys.contains(&index_key(index)) {
            out.push(Difference::UnexpectedIndex {
                table: table.clone(),
                index: index.clone(),
            });
        }
    }
    for key in expected.foreign_keys.difference(&live.foreign_keys) {
        out.push(Difference::MissingForeignKey {
            table: table.clone(),
            key: key.clone(),
        });
    }
    for key in live.foreign_keys.difference(&expected.foreign_keys) {
        out.push(Difference::UnexpectedForeignKey {
            table: table.clone(),
            key: key.clone(),
        });
    }
}
