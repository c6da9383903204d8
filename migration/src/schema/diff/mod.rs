//! Differences between a desired and a found [`Snapshot`], one line each, objects by their
//! real names.
//!
//! The one comparison of the project: `check` prints these, autogenerate turns them into
//! operations ([`crate::ops::plan`]), adoption reads them. Indexes are matched by shape
//! (columns and uniqueness; expression indexes by name): a desired index found under another
//! name is a rename ([`Difference::IndexName`]), not a missing plus an unexpected one.

mod display;

use super::{Column, ForeignKey, Index, Snapshot, Table};
use std::collections::BTreeSet;

/// One way the found schema departs from the desired one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Difference {
    /// A table is desired but absent.
    MissingTable(String),
    /// A table exists that nothing desires.
    UnexpectedTable(String),
    /// A column is desired but absent.
    MissingColumn {
        table: String,
        column: String,
        expected: Column,
    },
    /// A column exists that nothing desires.
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
    /// A column's server default differs (or one side has none).
    ColumnDefault {
        table: String,
        column: String,
        expected: Column,
        found: Column,
    },
    /// A column is filled by the database on one side only.
    AutoIncrement {
        table: String,
        column: String,
        expected: Column,
        found: Column,
    },
    /// A column's collation differs (only where the desired side names one).
    Collation {
        table: String,
        column: String,
        expected: Column,
        found: Column,
    },
    /// The primary key's columns differ.
    PrimaryKey {
        table: String,
        expected: Vec<String>,
        found: Vec<String>,
    },
    /// An index (or unique key) is desired but absent.
    MissingIndex { table: String, index: Index },
    /// An index (or unique key) exists that nothing desires.
    UnexpectedIndex { table: String, index: Index },
    /// A desired index exists under another name.
    IndexName {
        table: String,
        expected: Index,
        found: Index,
    },
    /// An index exists with the desired name and shape but another WHERE predicate.
    IndexPredicate {
        table: String,
        expected: Index,
        found: Index,
    },
    /// A foreign key is desired but absent.
    MissingForeignKey { table: String, key: ForeignKey },
    /// A foreign key exists that nothing desires.
    UnexpectedForeignKey { table: String, key: ForeignKey },
    /// A foreign key exists with another `ON DELETE`.
    ForeignKeyRule {
        table: String,
        expected: ForeignKey,
        found: ForeignKey,
    },
    /// A foreign key exists under another name (not emitted by [`compare`], which ignores
    /// foreign key names; see `compare_foreign_keys`).
    ForeignKeyName {
        table: String,
        expected: ForeignKey,
        found: ForeignKey,
    },
    /// An enumeration type is missing or has other values (PostgreSQL).
    EnumType {
        name: String,
        expected: Option<Vec<String>>,
        found: Option<Vec<String>>,
    },
}

impl Difference {
    /// The table the difference is about (`None` for an enumeration type).
    pub fn table(&self) -> Option<&str> {
        use Difference::*;
        match self {
            MissingTable(t) | UnexpectedTable(t) => Some(t),
            MissingColumn { table, .. }
            | UnexpectedColumn { table, .. }
            | ColumnType { table, .. }
            | Nullability { table, .. }
            | ColumnDefault { table, .. }
            | AutoIncrement { table, .. }
            | Collation { table, .. }
            | PrimaryKey { table, .. }
            | MissingIndex { table, .. }
            | UnexpectedIndex { table, .. }
            | IndexName { table, .. }
            | IndexPredicate { table, .. }
            | MissingForeignKey { table, .. }
            | UnexpectedForeignKey { table, .. }
            | ForeignKeyRule { table, .. }
            | ForeignKeyName { table, .. } => Some(table),
            EnumType { .. } => None,
        }
    }
}

/// Every difference between `desired` and `found`, tables in name order.
pub fn compare(desired: &Snapshot, found: &Snapshot) -> Vec<Difference> {
    let mut out = Vec::new();
    for (name, table) in &desired.tables {
        match found.tables.get(name) {
            None => out.push(Difference::MissingTable(name.clone())),
            Some(live) => compare_table(name, table, live, &mut out),
        }
    }
    for name in found.tables.keys() {
        if !desired.tables.contains_key(name) {
            out.push(Difference::UnexpectedTable(name.clone()));
        }
    }
    let names: BTreeSet<&String> = desired
        .enum_types
        .keys()
        .chain(found.enum_types.keys())
        .collect();
    for name in names {
        let (want, got) = (desired.enum_types.get(name), found.enum_types.get(name));
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

fn compare_table(name: &str, desired: &Table, found: &Table, out: &mut Vec<Difference>) {
    let table = name.to_owned();
    for (column, want) in &desired.columns {
        let Some(got) = found.columns.get(column) else {
            out.push(Difference::MissingColumn {
                table: table.clone(),
                column: column.clone(),
                expected: want.clone(),
            });
            continue;
        };
        let (t, c, e, g) = (table.clone(), column.clone(), want.clone(), got.clone());
        let differs = [
            (!got.kind.same(&want.kind), 0),
            (got.nullable != want.nullable, 1),
            (got.default != want.default, 2),
            (got.auto_increment != want.auto_increment, 3),
            (
                want.collation.is_some() && got.collation != want.collation,
                4,
            ),
        ];
        for (_, what) in differs.iter().filter(|(d, _)| *d) {
            let (table, column, expected, found) = (t.clone(), c.clone(), e.clone(), g.clone());
            out.push(match what {
                0 => Difference::ColumnType {
                    table,
                    column,
                    expected,
                    found,
                },
                1 => Difference::Nullability {
                    table,
                    column,
                    expected,
                    found,
                },
                2 => Difference::ColumnDefault {
                    table,
                    column,
                    expected,
                    found,
                },
                3 => Difference::AutoIncrement {
                    table,
                    column,
                    expected,
                    found,
                },
                _ => Difference::Collation {
                    table,
                    column,
                    expected,
                    found,
                },
            });
        }
    }
    for (column, got) in &found.columns {
        if !desired.columns.contains_key(column) {
            out.push(Difference::UnexpectedColumn {
                table: table.clone(),
                column: column.clone(),
                found: got.clone(),
            });
        }
    }
    if desired.primary_key != found.primary_key {
        out.push(Difference::PrimaryKey {
            table: table.clone(),
            expected: desired.primary_key.clone(),
            found: found.primary_key.clone(),
        });
    }
    compare_indexes(&table, desired, found, out);
    compare_foreign_keys(&table, desired, found, out);
}

fn compare_indexes(table: &str, desired: &Table, found: &Table, out: &mut Vec<Difference>) {
    let mut unmatched: Vec<&Index> = found.indexes.iter().filter(|i| !i.implicit).collect();
    let table = table.to_owned();
    // Same name and shape first, so a rename is only ever what is left over.
    let mut pending = Vec::new();
    // Indexes MySQL made for foreign keys are the server's business on either side.
    for want in desired.indexes.iter().filter(|i| !i.implicit) {
        match unmatched
            .iter()
            .position(|got| got.name == want.name && got.same_shape(want))
        {
            Some(at) => {
                let got = unmatched.remove(at);
                if got.predicate != want.predicate {
                    out.push(Difference::IndexPredicate {
                        table: table.clone(),
                        expected: want.clone(),
                        found: got.clone(),
                    });
                }
            }
            None => pending.push(want),
        }
    }
    for want in pending {
        match unmatched.iter().position(|got| got.same_shape(want)) {
            Some(at) => out.push(Difference::IndexName {
                table: table.clone(),
                expected: want.clone(),
                found: unmatched.remove(at).clone(),
            }),
            None => out.push(Difference::MissingIndex {
                table: table.clone(),
                index: want.clone(),
            }),
        }
    }
    for got in unmatched {
        out.push(Difference::UnexpectedIndex {
            table: table.clone(),
            index: got.clone(),
        });
    }
}

fn compare_foreign_keys(table: &str, desired: &Table, found: &Table, out: &mut Vec<Difference>) {
    let same_link = |a: &ForeignKey, b: &ForeignKey| {
        a.columns == b.columns && a.target == b.target && a.target_columns == b.target_columns
    };
    let mut unmatched: Vec<&ForeignKey> = found.foreign_keys.iter().collect();
    let table = table.to_owned();
    for want in &desired.foreign_keys {
        let Some(at) = unmatched.iter().position(|got| same_link(got, want)) else {
            out.push(Difference::MissingForeignKey {
                table: table.clone(),
                key: want.clone(),
            });
            continue;
        };
        let got = unmatched.remove(at);
        if got.on_delete != want.on_delete {
            out.push(Difference::ForeignKeyRule {
                table: table.clone(),
                expected: want.clone(),
                found: got.clone(),
            });
        }
        // Foreign key names are not compared here: upstream databases carry the backends'
        // own names (`cases_client_id_fkey`) that no later migration refers to, except on
        // MariaDB, where adoption checks them. `ForeignKeyName` is for callers that do care.
    }
    for got in unmatched {
        out.push(Difference::UnexpectedForeignKey {
            table: table.clone(),
            key: got.clone(),
        });
    }
}
