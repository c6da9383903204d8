//! The operations for a list of differences, in an order every backend can run.

use crate::ops::Op;
use crate::schema::diff::Difference;
use crate::schema::{Column, Kind, ServerDefault, Snapshot, Table};
use std::collections::BTreeMap;

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

pub(super) fn phases(differences: &[Difference], desired: &Snapshot, state: &Snapshot) -> Vec<Op> {
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
            // A unique constraint does not become a unique index by a rename (SQLite names
            // its constraints' indexes itself): it is dropped and the index created.
            IndexName {
                table,
                expected,
                found,
            } if found.constraint && !expected.constraint => {
                drops.push(Op::DropIndex {
                    table: table.clone(),
                    index: found,
                    needed_by: None,
                });
                adds.push(Op::CreateIndex {
                    table: table.clone(),
                    index: with_prefixes(expected, desired.tables.get(&table)),
                });
            }
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
    // Drops before renames: a rename may take the name of an index that goes.
    let (renames, index_drops): (Vec<Op>, Vec<Op>) = index_drops
        .into_iter()
        .partition(|op| matches!(op, Op::RenameIndex { .. }));
    ops.extend(index_drops);
    ops.extend(renames);
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
