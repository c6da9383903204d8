//! What operations do to a [`Snapshot`], and their inverses.

use super::Op;
use crate::schema::{ForeignKey, Index, Snapshot, Table};

impl Op {
    /// What the operation does to `schema` (the model's view: no SQL runs).
    pub fn apply(&self, schema: &mut Snapshot) {
        match self {
            Op::CreateTable { name, table } => {
                schema.tables.insert(name.clone(), table.clone());
            }
            Op::DropTable { name, .. } => {
                schema.tables.remove(name);
            }
            Op::RenameTable { from, to } => {
                if let Some(table) = schema.tables.remove(from) {
                    schema.tables.insert(to.clone(), table);
                }
                for table in schema.tables.values_mut() {
                    table.foreign_keys = std::mem::take(&mut table.foreign_keys)
                        .into_iter()
                        .map(|mut key| {
                            if key.target == *from {
                                key.target.clone_from(to);
                            }
                            key
                        })
                        .collect();
                }
            }
            Op::CreateEnum { name, values } => {
                schema.enum_types.insert(name.clone(), values.clone());
            }
            Op::DropEnum { name, .. } => {
                schema.enum_types.remove(name);
            }
            Op::AlterEnum { name, to, .. } => {
                schema.enum_types.insert(name.clone(), to.clone());
            }
            Op::Rebuild { table, to, .. } => {
                schema.tables.insert(table.clone(), to.clone());
            }
            other => {
                if let Some(table) = other.table().and_then(|t| schema.tables.get_mut(t)) {
                    apply_to_table(other, table);
                }
            }
        }
    }
}

fn apply_to_table(op: &Op, table: &mut Table) {
    match op {
        Op::AddColumn { name, column, .. } => {
            table.columns.insert(name.clone(), column.clone());
        }
        Op::DropColumn { name, .. } => {
            table.columns.shift_remove(name);
        }
        Op::RenameColumn { from, to, .. } => {
            if let Some(at) = table.columns.get_index_of(from)
                && let Some((_, column)) = table.columns.shift_remove_index(at)
            {
                table.columns.shift_insert(at, to.clone(), column);
            }
            let rename = |columns: &mut Vec<String>| {
                for c in columns.iter_mut().filter(|c| *c == from) {
                    c.clone_from(to);
                }
            };
            rename(&mut table.primary_key);
            table.indexes = std::mem::take(&mut table.indexes)
                .into_iter()
                .map(|mut index| {
                    rename(&mut index.columns);
                    index
                })
                .collect();
            table.foreign_keys = std::mem::take(&mut table.foreign_keys)
                .into_iter()
                .map(|mut key| {
                    rename(&mut key.columns);
                    key
                })
                .collect();
        }
        Op::AlterColumn { name, to, .. } => {
            if let Some(column) = table.columns.get_mut(name) {
                *column = to.clone();
            }
        }
        Op::CreateIndex { index, .. } => {
            table.indexes.insert(index.clone());
        }
        Op::DropIndex { index, .. } => {
            table.indexes.retain(|i| i.name != index.name);
        }
        Op::RenameIndex { index, to, .. } => {
            table.indexes.retain(|i| i.name != index.name);
            let mut renamed = index.clone();
            renamed.name.clone_from(to);
            table.indexes.insert(renamed);
        }
        Op::AddForeignKey { key, .. } => {
            table.foreign_keys.insert(key.clone());
        }
        Op::DropForeignKey { key, .. } => {
            table.foreign_keys.retain(|k| !same_key(k, key));
        }
        Op::RenameForeignKey { key, to, .. } => {
            table.foreign_keys.retain(|k| !same_key(k, key));
            let mut renamed = key.clone();
            renamed.name = Some(to.clone());
            table.foreign_keys.insert(renamed);
        }
        _ => {}
    }
}

/// The same link (columns and target), whatever the name and rule.
fn same_key(a: &ForeignKey, b: &ForeignKey) -> bool {
    a.columns == b.columns && a.target == b.target && a.target_columns == b.target_columns
}

/// The operations that undo `ops` applied to `before`, in the order they must run.
pub fn invert(ops: &[Op], before: &Snapshot) -> Vec<Op> {
    let mut state = before.clone();
    let mut inverse = Vec::with_capacity(ops.len());
    for op in ops {
        inverse.push(inverse_of(op, &state));
        op.apply(&mut state);
    }
    inverse.reverse();
    inverse
}

fn inverse_of(op: &Op, before: &Snapshot) -> Op {
    let table_before = |name: &str| before.tables.get(name).cloned().unwrap_or_default();
    match op.clone() {
        Op::CreateTable { name, table } => Op::DropTable { name, table },
        Op::DropTable { name, table } => Op::CreateTable { name, table },
        Op::RenameTable { from, to } => Op::RenameTable { from: to, to: from },
        Op::AddColumn {
            table,
            name,
            column,
        } => Op::DropColumn {
            table,
            name,
            column,
        },
        Op::DropColumn {
            table,
            name,
            column,
        } => Op::AddColumn {
            table,
            name,
            column,
        },
        Op::RenameColumn { table, from, to } => Op::RenameColumn {
            table,
            from: to,
            to: from,
        },
        Op::AlterColumn {
            table,
            name,
            from,
            to,
            ..
        } => Op::AlterColumn {
            table,
            name,
            from: to,
            to: from,
            using: None,
        },
        Op::CreateIndex { table, index } => {
            let needed_by = needing_foreign_key(&table_before(&table), &index);
            Op::DropIndex {
                table,
                index,
                needed_by,
            }
        }
        Op::DropIndex { table, index, .. } => Op::CreateIndex { table, index },
        Op::RenameIndex {
            table,
            mut index,
            to,
        } => {
            let from = std::mem::replace(&mut index.name, to);
            Op::RenameIndex {
                table,
                index,
                to: from,
            }
        }
        Op::AddForeignKey { table, key } => Op::DropForeignKey { table, key },
        Op::DropForeignKey { table, key } => Op::AddForeignKey { table, key },
        Op::RenameForeignKey { table, mut key, to } => {
            let from = key.name.replace(to).unwrap_or_default();
            Op::RenameForeignKey {
                table,
                key,
                to: from,
            }
        }
        Op::CreateEnum { name, values } => Op::DropEnum { name, values },
        Op::DropEnum { name, values } => Op::CreateEnum { name, values },
        Op::AlterEnum {
            name,
            from,
            to,
            used_by,
        } => Op::AlterEnum {
            name,
            from: to,
            to: from,
            used_by,
        },
        Op::Rebuild { table, changes, .. } => {
            let mut scoped = Snapshot::default();
            scoped.tables.insert(table.clone(), table_before(&table));
            Op::Rebuild {
                to: table_before(&table),
                changes: invert(&changes, &scoped),
                table,
            }
        }
    }
}

/// A foreign key of `table` whose columns lead `index`'s and that no other index of the
/// table serves: InnoDB refuses to drop `index` while that key exists.
pub(crate) fn needing_foreign_key(table: &Table, index: &Index) -> Option<ForeignKey> {
    table
        .foreign_keys
        .iter()
        .find(|key| {
            let served = |i: &Index| i.columns.starts_with(&key.columns);
            served(index)
                && !table
                    .indexes
                    .iter()
                    .any(|other| other.name != index.name && served(other))
        })
        .cloned()
}
