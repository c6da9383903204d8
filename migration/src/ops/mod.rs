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

mod apply;
pub mod build;
mod describe;
pub mod plan;
mod render;

pub use crate::plan::Mode;
pub use apply::invert;
pub(crate) use apply::needing_foreign_key;
pub(crate) use render::default_expr;
pub use render::{mode, render};

use crate::schema::{Column, ForeignKey, Index, Table};

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
}
