//! From differences to operations: what autogenerate writes.
//!
//! [`plan`] compares the desired schema with the base (the history's schema, or a live one),
//! refuses what it must not guess (a table or column that vanishes while one of the same
//! shape appears: a rename, which needs `--rename`; a `NOT NULL` column without a default on
//! an existing table), and orders the operations so every backend can run them: enum types
//! first, then dropped keys and indexes, new tables (parents first), column changes, dropped
//! tables (children first), new indexes and keys, unused enum types. Changes SQLite cannot
//! make in place are grouped per table into one [`Op::Rebuild`]. The result is checked: the
//! operations applied to the base must give exactly the desired schema.

mod phases;
mod sqlite;

use super::Op;
use crate::error::{Error, Result};
use crate::schema::diff::{Difference, compare};
use crate::schema::{Snapshot, Table};
use phases::phases;
use sqlite::{group_for_sqlite, with_needed_keys};
use std::collections::BTreeSet;

/// Renames the developer confirmed (`--rename old=new`, `--rename table.old=new`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renames {
    /// `(old table, new table)`.
    pub tables: Vec<(String, String)>,
    /// `(table, old column, new column)`; the table by its new name.
    pub columns: Vec<(String, String, String)>,
}

impl Renames {
    /// Reads `old=new` (a table) or `table.old=new` (a column).
    ///
    /// # Errors
    /// [`Error::Config`] for anything else.
    pub fn add(&mut self, flag: &str) -> Result<()> {
        let bad = || {
            Error::Config(format!(
                "--rename {flag}: expected OLD=NEW for a table or TABLE.OLD=NEW for a column"
            ))
        };
        let (old, new) = flag.split_once('=').ok_or_else(bad)?;
        let (old, new) = (old.trim(), new.trim());
        if new.is_empty() || new.contains('.') || old.is_empty() {
            return Err(bad());
        }
        match old.split_once('.') {
            Some((table, column)) if !table.is_empty() && !column.is_empty() => {
                self.columns
                    .push((table.to_owned(), column.to_owned(), new.to_owned()));
            }
            Some(_) => return Err(bad()),
            None => self.tables.push((old.to_owned(), new.to_owned())),
        }
        Ok(())
    }
}

/// The operations that turn `base` into `desired`.
///
/// # Errors
/// [`Error::Autogenerate`] listing every decision it will not take alone, or what it could
/// not express.
pub fn plan(base: &Snapshot, desired: &Snapshot, renames: &Renames) -> Result<Vec<Op>> {
    let mut state = base.clone();
    let mut ops = Vec::new();
    let mut problems = Vec::new();
    for (from, to) in &renames.tables {
        if !state.tables.contains_key(from)
            || !desired.tables.contains_key(to)
            || state.tables.contains_key(to)
        {
            problems.push(format!("--rename {from}={to}: needs a table {from} that exists and a table {to} that only the entities have"));
            continue;
        }
        push(
            &mut ops,
            &mut state,
            Op::RenameTable {
                from: from.clone(),
                to: to.clone(),
            },
        );
    }
    for (table, from, to) in &renames.columns {
        let found = state
            .tables
            .get(table)
            .is_some_and(|t| t.columns.contains_key(from) && !t.columns.contains_key(to));
        let wanted = desired
            .tables
            .get(table)
            .is_some_and(|t| t.columns.contains_key(to));
        if !found || !wanted {
            problems.push(format!("--rename {table}.{from}={to}: needs a column {table}.{from} that exists and a column {to} that only the entity has"));
            continue;
        }
        push(
            &mut ops,
            &mut state,
            Op::RenameColumn {
                table: table.clone(),
                from: from.clone(),
                to: to.clone(),
            },
        );
    }
    let differences = compare(desired, &state);
    problems.extend(refusals(&differences, desired, &state));
    if !problems.is_empty() {
        return Err(Error::Autogenerate { problems });
    }
    let phases = phases(&differences, desired, &state);
    for op in phases {
        push(&mut ops, &mut state, op);
    }
    let ops = group_for_sqlite(ops, base);
    let ops = with_needed_keys(ops, base);
    let mut applied = base.clone();
    for op in &ops {
        op.apply(&mut applied);
    }
    // Enum types are PostgreSQL's own objects: compared where the schemas carry them.
    if desired.enum_types.is_empty() && base.enum_types.is_empty() {
        applied.enum_types.clear();
    }
    let left: Vec<String> = compare(desired, &applied)
        .iter()
        .map(ToString::to_string)
        .collect();
    if !left.is_empty() {
        return Err(Error::Autogenerate {
            problems: left
                .into_iter()
                .map(|l| format!("{l} (not generated: write this change by hand)"))
                .collect(),
        });
    }
    Ok(ops)
}

fn push(ops: &mut Vec<Op>, state: &mut Snapshot, op: Op) {
    op.apply(state);
    ops.push(op);
}

/// What autogenerate refuses to decide: likely renames and NOT NULL columns without default.
fn refusals(differences: &[Difference], desired: &Snapshot, state: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    let missing_tables: Vec<&String> = differences
        .iter()
        .filter_map(|d| match d {
            Difference::MissingTable(t) => Some(t),
            _ => None,
        })
        .collect();
    for d in differences {
        match d {
            Difference::UnexpectedTable(old) => {
                let shape = |t: &Table| t.columns.iter().map(|(n, c)| (n.clone(), c.kind.clone())).collect::<BTreeSet<_>>();
                let Some(old_shape) = state.tables.get(old).map(shape) else { continue };
                for new in &missing_tables {
                    if desired.tables.get(*new).map(shape).as_ref() == Some(&old_shape) {
                        out.push(format!(
                            "table {old} disappears and table {new} of the same shape appears: if it is a rename, run again with --rename {old}={new}; if not, change one of them"
                        ));
                    }
                }
            }
            Difference::UnexpectedColumn { table, column: old, found } => {
                for other in differences {
                    if let Difference::MissingColumn { table: t, column: new, expected } = other
                        && t == table
                        && expected.kind.same(&found.kind)
                    {
                        out.push(format!(
                            "column {table}.{old} disappears and {table}.{new} of the same type appears: if it is a rename, run again with --rename {table}.{old}={new}; if not, give one of them another type or add and drop in two migrations"
                        ));
                    }
                }
            }
            Difference::MissingColumn { table, column, expected }
                if !expected.nullable && expected.default.is_none() && !expected.auto_increment =>
            {
                out.push(format!(
                    "column {table}.{column} is NOT NULL without a server default, and {table} exists already: its rows would have no value. Give it a default (#[sea_orm(default_value = ...)] or default_expr) or make it Option<...>, and backfill in a later migration"
                ));
            }
            Difference::PrimaryKey { table, .. } => out.push(format!(
                "table {table}: changing a primary key is not generated; write that migration by hand"
            )),
            _ => {}
        }
    }
    out
}
