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

use super::{Op, needing_foreign_key};
use crate::error::{Error, Result};
use crate::schema::diff::{Difference, compare};
use crate::schema::{Column, Kind, ServerDefault, Snapshot, Table};
use std::collections::{BTreeMap, BTreeSet};

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

/// The enum types of a schema, by name: PostgreSQL's own, else those its columns name.
fn enum_types(schema: &Snapshot) -> BTreeMap<String, Vec<String>> {
    let mut types = schema.enum_types.clone();
    for table in schema.tables.values() {
        for column in table.columns.values() {
            if let Kind::Enum {
                name: Some(name),
                values,
            } = &column.kind
            {
                types.entry(name.clone()).or_insert_with(|| values.clone());
            }
        }
    }
    types
}

fn phases(differences: &[Difference], desired: &Snapshot, state: &Snapshot) -> Vec<Op> {
    let (mut types, mut drops, mut creates, mut columns, mut dropped, mut adds) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let (want_types, have_types) = (enum_types(desired), enum_types(state));
    for (name, values) in &want_types {
        match have_types.get(name) {
            None => types.push(Op::CreateEnum {
                name: name.clone(),
                values: values.clone(),
            }),
            Some(old) if old != values => types.push(Op::AlterEnum {
                name: name.clone(),
                from: old.clone(),
                to: values.clone(),
                used_by: users_of(state, name),
            }),
            Some(_) => {}
        }
    }
    let mut altered: BTreeMap<(String, String), (Column, Column)> = BTreeMap::new();
    for d in differences {
        use Difference::*;
        match d.clone() {
            UnexpectedForeignKey { table, key } => drops.push(Op::DropForeignKey { table, key }),
            ForeignKeyRule {
                table,
                expected,
                found,
            } => {
                drops.push(Op::DropForeignKey {
                    table: table.clone(),
                    key: found,
                });
                adds.push(Op::AddForeignKey {
                    table,
                    key: expected,
                });
            }
            ForeignKeyName {
                table,
                expected,
                found,
            } => drops.push(Op::RenameForeignKey {
                table,
                key: found,
                to: expected.name.unwrap_or_default(),
            }),
            UnexpectedIndex { table, index } => drops.push(Op::DropIndex {
                table,
                index,
                needed_by: None,
            }),
            IndexName {
                table,
                expected,
                found,
            } => drops.push(Op::RenameIndex {
                table,
                index: found,
                to: expected.name,
            }),
            IndexPredicate {
                table,
                expected,
                found,
            } => {
                drops.push(Op::DropIndex {
                    table: table.clone(),
                    index: found,
                    needed_by: None,
                });
                adds.push(Op::CreateIndex {
                    table,
                    index: with_prefixes(expected, desired.tables.get(&table_of(d))),
                });
            }
            MissingTable(name) => creates.push(name),
            MissingColumn {
                table,
                column,
                expected,
            } => columns.push(Op::AddColumn {
                table,
                name: column,
                column: expected,
            }),
            ColumnType {
                table,
                column,
                expected,
                found,
            }
            | Nullability {
                table,
                column,
                expected,
                found,
            }
            | ColumnDefault {
                table,
                column,
                expected,
                found,
            }
            | AutoIncrement {
                table,
                column,
                expected,
                found,
            }
            | Collation {
                table,
                column,
                expected,
                found,
            } => {
                altered.insert((table, column), (found, expected));
            }
            UnexpectedColumn {
                table,
                column,
                found,
            } => dropped.push(Op::DropColumn {
                table,
                name: column,
                column: found,
            }),
            UnexpectedTable(name) => {
                let table = state.tables.get(&name).cloned().unwrap_or_default();
                dropped.push(Op::DropTable { name, table });
            }
            MissingIndex { table, index } => {
                let index = with_prefixes(index, desired.tables.get(&table));
                adds.push(Op::CreateIndex { table, index });
            }
            MissingForeignKey { table, key } => adds.push(Op::AddForeignKey { table, key }),
            PrimaryKey { .. } | EnumType { .. } => {}
        }
    }
    for ((table, name), (from, to)) in altered {
        columns.insert(
            columns
                .iter()
                .position(|op| matches!(op, Op::DropColumn { .. }))
                .unwrap_or(columns.len()),
            Op::AlterColumn {
                table,
                name,
                from,
                to,
                using: None,
            },
        );
    }
    let mut ops = types;
    // Keys before indexes: an index a dropped key needed is then free to go.
    let (key_drops, index_drops): (Vec<Op>, Vec<Op>) = drops
        .into_iter()
        .partition(|op| matches!(op, Op::DropForeignKey { .. } | Op::RenameForeignKey { .. }));
    ops.extend(key_drops);
    ops.extend(index_drops);
    for name in parents_first(&creates, desired) {
        let mut table = desired.tables.get(&name).cloned().unwrap_or_default();
        table.indexes = std::mem::take(&mut table.indexes)
            .into_iter()
            .map(|i| with_prefixes(i, desired.tables.get(&name)))
            .collect();
        ops.push(Op::CreateTable { name, table });
    }
    // Column drops after the other column changes; table drops children first.
    let (table_drops, column_ops): (Vec<Op>, Vec<Op>) = columns
        .into_iter()
        .chain(dropped)
        .partition(|op| matches!(op, Op::DropTable { .. }));
    ops.extend(column_ops);
    let names: Vec<String> = table_drops
        .iter()
        .filter_map(|op| op.table().map(str::to_owned))
        .collect();
    for name in parents_first(&names, state).into_iter().rev() {
        if let Some(op) = table_drops
            .iter()
            .find(|op| op.table() == Some(name.as_str()))
        {
            ops.push(op.clone());
        }
    }
    ops.extend(adds);
    for (name, values) in &have_types {
        if !want_types.contains_key(name) {
            ops.push(Op::DropEnum {
                name: name.clone(),
                values: values.clone(),
            });
        }
    }
    ops
}

fn table_of(d: &Difference) -> String {
    d.table().unwrap_or_default().to_owned()
}

/// `(table, column, default)` of every column of enum type `name`.
fn users_of(schema: &Snapshot, name: &str) -> Vec<(String, String, Option<String>)> {
    let mut out = Vec::new();
    for (table, shape) in &schema.tables {
        for (column, c) in &shape.columns {
            if matches!(&c.kind, Kind::Enum { name: Some(n), .. } if n == name) {
                let default = match &c.default {
                    Some(ServerDefault::Text(t)) => Some(t.clone()),
                    _ => None,
                };
                out.push((table.clone(), column.clone(), default));
            }
        }
    }
    out
}

/// MariaDB/MySQL index text columns by a prefix: 255 characters for a non-unique index on a
/// text column that has none (a unique one needs the whole value; MariaDB hashes it).
fn with_prefixes(mut index: crate::schema::Index, table: Option<&Table>) -> crate::schema::Index {
    if index.unique {
        return index;
    }
    for column in &index.columns {
        let text = table.and_then(|t| t.columns.get(column)).is_some_and(|c| {
            matches!(
                c.kind,
                Kind::Text | Kind::MediumText | Kind::LongText | Kind::Json
            )
        });
        if text {
            index.prefix_lengths.entry(column.clone()).or_insert(255);
        }
    }
    index
}

/// `names` ordered so that a table comes after the tables (among `names`) it references.
fn parents_first(names: &[String], schema: &Snapshot) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    let mut left: Vec<String> = names.to_vec();
    while !left.is_empty() {
        let ready = left.iter().position(|name| {
            schema.tables.get(name).is_none_or(|t| {
                t.foreign_keys
                    .iter()
                    .all(|k| k.target == *name || !left.contains(&k.target))
            })
        });
        // A cycle: take the next one as it comes (its keys name tables created later).
        let at = ready.unwrap_or(0);
        done.push(left.remove(at));
    }
    done
}

/// Whether SQLite must rebuild the table to make `op`.
fn needs_rebuild(op: &Op, table: &Table) -> bool {
    match op {
        Op::AlterColumn { .. }
        | Op::AddForeignKey { .. }
        | Op::DropForeignKey { .. }
        | Op::RenameForeignKey { .. } => true,
        Op::AddColumn { column, .. } => {
            !matches!(
                column.default,
                None | Some(
                    ServerDefault::Number(_) | ServerDefault::Boolean(_) | ServerDefault::Text(_)
                )
            ) || (!column.nullable && column.default.is_none())
                || matches!(column.kind, Kind::Enum { .. })
        }
        Op::DropColumn { name, .. } => {
            table.primary_key.contains(name)
                || table.foreign_keys.iter().any(|k| k.columns.contains(name))
                || table.indexes.iter().any(|i| i.columns.contains(name))
                || table
                    .checks
                    .iter()
                    .any(|c| c.clause.contains(name.as_str()))
        }
        Op::CreateIndex { index, .. }
        | Op::DropIndex { index, .. }
        | Op::RenameIndex { index, .. } => index.constraint,
        _ => false,
    }
}

/// Gathers the changes to each existing table into one [`Op::Rebuild`] where SQLite needs
/// one, placed after the tables it may reference are created and before any are dropped.
fn group_for_sqlite(ops: Vec<Op>, base: &Snapshot) -> Vec<Op> {
    let mut state = base.clone();
    let mut rebuilt: BTreeSet<String> = BTreeSet::new();
    for op in &ops {
        let groupable = !matches!(
            op,
            Op::CreateTable { .. } | Op::DropTable { .. } | Op::RenameTable { .. }
        );
        if let (true, Some(name)) = (groupable, op.table())
            && let Some(table) = state.tables.get(name)
            && needs_rebuild(op, table)
        {
            rebuilt.insert(name.to_owned());
        }
        op.apply(&mut state);
    }
    if rebuilt.is_empty() {
        return ops;
    }
    let mut out = Vec::new();
    let mut changes: BTreeMap<String, Vec<Op>> = BTreeMap::new();
    let mut spot = None;
    for op in ops {
        let groupable = !matches!(
            op,
            Op::CreateTable { .. } | Op::DropTable { .. } | Op::RenameTable { .. }
        );
        match op.table() {
            Some(name) if groupable && rebuilt.contains(name) => {
                changes.entry(name.to_owned()).or_default().push(op);
            }
            _ => {
                if matches!(op, Op::DropTable { .. }) && spot.is_none() {
                    spot = Some(out.len());
                }
                out.push(op);
            }
        }
    }
    let at = spot.unwrap_or_else(|| {
        out.iter()
            .position(|op| matches!(op, Op::DropEnum { .. }))
            .unwrap_or(out.len())
    });
    let rebuilds: Vec<Op> = changes
        .into_iter()
        .map(|(table, changes)| Op::Rebuild {
            to: state.tables.get(&table).cloned().unwrap_or_default(),
            table,
            changes,
        })
        .collect();
    out.splice(at..at, rebuilds);
    out
}

/// Marks each index drop with the foreign key InnoDB needs it for, as the schema stands when
/// the drop runs.
fn with_needed_keys(ops: Vec<Op>, base: &Snapshot) -> Vec<Op> {
    let mut state = base.clone();
    ops.into_iter()
        .map(|op| {
            let op = mark(op, &state);
            op.apply(&mut state);
            op
        })
        .collect()
}

fn mark(op: Op, state: &Snapshot) -> Op {
    match op {
        Op::DropIndex { table, index, .. } => {
            let needed_by = state
                .tables
                .get(&table)
                .and_then(|t| needing_foreign_key(t, &index));
            Op::DropIndex {
                table,
                index,
                needed_by,
            }
        }
        Op::Rebuild { table, to, changes } => {
            let mut scoped = state.clone();
            let changes = changes
                .into_iter()
                .map(|c| {
                    let c = mark(c, &scoped);
                    c.apply(&mut scoped);
                    c
                })
                .collect();
            Op::Rebuild { table, to, changes }
        }
        other => other,
    }
}
