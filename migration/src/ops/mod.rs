//! Schema operations: the steps between two [`Snapshot`]s, each rendered as SQL per backend.
//!
//! One vocabulary for the three callers of the schema engine: autogenerate writes a migration
//! as a list of [`Op`]s ([`build`] is what the file calls), adoption's reconciliation plan is
//! a list of them, and [`plan::plan`] derives them from the differences `check` prints. Each
//! operation knows:
//! - its SQL on PostgreSQL, MariaDB/MySQL and SQLite ([`render`]; sea-query builders where
//!   they can say it, raw SQL where they cannot). SQLite changes its `ALTER TABLE` cannot make
//!   are a [`Op::Rebuild`] (new table, copy, drop, rename, re-create indexes, foreign keys off
//!   outside the transaction and checked before it commits);
//! - how the runner must run it ([`mode`]: PostgreSQL's `ALTER TYPE ... ADD VALUE` outside a
//!   transaction, a SQLite rebuild with foreign keys off);
//! - whether it can lose data ([`Op::destructive`]);
//! - its inverse ([`invert`]), for an exact `down`;
//! - what it does to a [`Snapshot`] ([`Op::apply`]), which is how the inverse and the plan are
//!   checked.

pub mod build;
mod describe;
pub mod plan;
mod render;

pub use crate::plan::Mode;
pub use render::{mode, render};

use crate::schema::{Column, ForeignKey, Index, Snapshot, Table};

/// One schema operation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Op {
    /// Creates a table with its indexes and foreign keys.
    CreateTable { name: String, table: Table },
    /// Drops a table (and its rows); `table` is its definition.
    DropTable { name: String, table: Table },
    /// Renames a table.
    RenameTable { from: String, to: String },
    /// Adds a column.
    AddColumn {
        table: String,
        name: String,
        column: Column,
    },
    /// Drops a column (and its values); `column` is its definition.
    DropColumn {
        table: String,
        name: String,
        column: Column,
    },
    /// Renames a column.
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    /// Changes a column's type, nullability or server default; `using` converts the values
    /// on PostgreSQL.
    AlterColumn {
        table: String,
        name: String,
        from: Column,
        to: Column,
        using: Option<String>,
    },
    /// Creates an index or unique key.
    CreateIndex { table: String, index: Index },
    /// Drops an index or unique key; `needed_by` is a foreign key InnoDB needs it for.
    DropIndex {
        table: String,
        index: Index,
        needed_by: Option<ForeignKey>,
    },
    /// Renames an index or unique key.
    RenameIndex {
        table: String,
        index: Index,
        to: String,
    },
    /// Adds a foreign key.
    AddForeignKey { table: String, key: ForeignKey },
    /// Drops a foreign key.
    DropForeignKey { table: String, key: ForeignKey },
    /// Renames a foreign key constraint.
    RenameForeignKey {
        table: String,
        key: ForeignKey,
        to: String,
    },
    /// Creates a PostgreSQL enum type.
    CreateEnum { name: String, values: Vec<String> },
    /// Drops a PostgreSQL enum type.
    DropEnum { name: String, values: Vec<String> },
    /// Changes a PostgreSQL enum type's values; `used_by` lists `(table, column, default)`
    /// of the columns of that type, which a value removal must convert.
    AlterEnum {
        name: String,
        from: Vec<String>,
        to: Vec<String>,
        used_by: Vec<(String, String, Option<String>)>,
    },
    /// Changes to one table that SQLite makes by rebuilding it as `to`; other backends run
    /// `changes` in order.
    Rebuild {
        table: String,
        to: Table,
        changes: Vec<Op>,
    },
}

impl Op {
    /// The table the operation changes (`None` for an enum type).
    pub fn table(&self) -> Option<&str> {
        match self {
            Op::CreateTable { name, .. } | Op::DropTable { name, .. } => Some(name),
            Op::RenameTable { to, .. } => Some(to),
            Op::AddColumn { table, .. }
            | Op::DropColumn { table, .. }
            | Op::RenameColumn { table, .. }
            | Op::AlterColumn { table, .. }
            | Op::CreateIndex { table, .. }
            | Op::DropIndex { table, .. }
            | Op::RenameIndex { table, .. }
            | Op::AddForeignKey { table, .. }
            | Op::DropForeignKey { table, .. }
            | Op::RenameForeignKey { table, .. }
            | Op::Rebuild { table, .. } => Some(table),
            Op::CreateEnum { .. } | Op::DropEnum { .. } | Op::AlterEnum { .. } => None,
        }
    }

    /// Why the operation can lose data, if it can: dropping a table or column, narrowing a
    /// type, `NOT NULL` on an existing column, removing enum values.
    pub fn destructive(&self) -> Option<String> {
        match self {
            Op::DropTable { name, .. } => Some(format!("drops table {name} and its rows")),
            Op::DropColumn { table, name, .. } => {
                Some(format!("drops column {table}.{name} and its values"))
            }
            Op::AlterColumn {
                table,
                name,
                from,
                to,
                ..
            } => {
                if !from.kind.widens_to(&to.kind) {
                    Some(format!(
                        "narrows {table}.{name} from {} to {}: values that do not fit fail the migration",
                        from.kind, to.kind
                    ))
                } else if from.nullable && !to.nullable {
                    Some(format!(
                        "makes {table}.{name} NOT NULL: existing NULLs fail the migration"
                    ))
                } else {
                    None
                }
            }
            Op::AlterEnum { name, from, to, .. } => {
                let removed: Vec<&str> = from
                    .iter()
                    .filter(|v| !to.contains(v))
                    .map(String::as_str)
                    .collect();
                (!removed.is_empty()).then(|| {
                    format!(
                        "removes {} from enum {name}: rows holding them fail the migration",
                        removed.join(", ")
                    )
                })
            }
            Op::Rebuild { changes, .. } => {
                let reasons: Vec<String> = changes.iter().filter_map(Op::destructive).collect();
                (!reasons.is_empty()).then(|| reasons.join("; "))
            }
            _ => None,
        }
    }

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
pub(crate) fn same_key(a: &ForeignKey, b: &ForeignKey) -> bool {
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
