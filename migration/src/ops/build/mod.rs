//! The vocabulary generated migrations are written in: one short call per operation, every
//! name, type and definition inline, so a reviewer reads a file like an Alembic revision.
//!
//! ```
//! use migration::ops::build::*;
//! let up = vec![
//!     add_column("cases", "priority", varchar(20).default_text("normal").not_null()),
//!     create_index("cases", index("ix_cases_priority", &["priority"])),
//! ];
//! assert_eq!(up.len(), 2);
//! ```

mod model;

pub use super::{Mode, Op, mode, render};
pub use crate::schema::OnDelete::{Cascade, NoAction, SetDefault, SetNull};
use crate::schema::{Column, ForeignKey, Index, Table};
pub use model::*;

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `CREATE TABLE name (...)` with its indexes and foreign keys.
pub fn create_table(name: &str, table: Table) -> Op {
    Op::CreateTable {
        name: name.to_owned(),
        table,
    }
}
/// `DROP TABLE name`; `table` is what it held (for reading, and for the inverse).
pub fn drop_table(name: &str, table: Table) -> Op {
    Op::DropTable {
        name: name.to_owned(),
        table,
    }
}
/// Renames a table, keeping its rows.
pub fn rename_table(from: &str, to: &str) -> Op {
    Op::RenameTable {
        from: from.to_owned(),
        to: to.to_owned(),
    }
}
/// `ALTER TABLE table ADD COLUMN name ...`.
pub fn add_column(table: &str, name: &str, column: Column) -> Op {
    Op::AddColumn {
        table: table.to_owned(),
        name: name.to_owned(),
        column,
    }
}
/// `ALTER TABLE table DROP COLUMN name`; `column` is what it was.
pub fn drop_column(table: &str, name: &str, column: Column) -> Op {
    Op::DropColumn {
        table: table.to_owned(),
        name: name.to_owned(),
        column,
    }
}
/// Renames a column, keeping its values.
pub fn rename_column(table: &str, from: &str, to: &str) -> Op {
    Op::RenameColumn {
        table: table.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    }
}
/// Changes a column's type, nullability or server default from `from` to `to`.
pub fn alter_column(table: &str, name: &str, from: Column, to: Column) -> Op {
    Op::AlterColumn {
        table: table.to_owned(),
        name: name.to_owned(),
        from,
        to,
        using: None,
    }
}
/// `CREATE [UNIQUE] INDEX` (or a unique constraint).
pub fn create_index(table: &str, index: Index) -> Op {
    Op::CreateIndex {
        table: table.to_owned(),
        index,
    }
}
/// Drops an index or unique key; `index` is what it was.
pub fn drop_index(table: &str, index: Index) -> Op {
    Op::DropIndex {
        table: table.to_owned(),
        index,
        needed_by: None,
    }
}
/// Renames an index or unique key.
pub fn rename_index(table: &str, index: Index, to: &str) -> Op {
    Op::RenameIndex {
        table: table.to_owned(),
        index,
        to: to.to_owned(),
    }
}
/// Adds a foreign key.
pub fn add_foreign_key(table: &str, key: ForeignKey) -> Op {
    Op::AddForeignKey {
        table: table.to_owned(),
        key,
    }
}
/// Drops a foreign key; `key` is what it was.
pub fn drop_foreign_key(table: &str, key: ForeignKey) -> Op {
    Op::DropForeignKey {
        table: table.to_owned(),
        key,
    }
}
/// Renames a foreign key constraint.
pub fn rename_foreign_key(table: &str, key: ForeignKey, to: &str) -> Op {
    Op::RenameForeignKey {
        table: table.to_owned(),
        key,
        to: to.to_owned(),
    }
}
/// `CREATE TYPE name AS ENUM (...)` (PostgreSQL; nothing elsewhere).
pub fn create_enum(name: &str, values: &[&str]) -> Op {
    Op::CreateEnum {
        name: name.to_owned(),
        values: owned(values),
    }
}
/// `DROP TYPE name` (PostgreSQL; nothing elsewhere).
pub fn drop_enum(name: &str, values: &[&str]) -> Op {
    Op::DropEnum {
        name: name.to_owned(),
        values: owned(values),
    }
}
/// Changes a PostgreSQL enum type's values (elsewhere the columns' own changes do it).
pub fn alter_enum(name: &str, from: &[&str], to: &[&str]) -> Op {
    Op::AlterEnum {
        name: name.to_owned(),
        from: owned(from),
        to: owned(to),
        used_by: Vec::new(),
    }
}
/// Alembic's `batch_alter_table`: `changes` to one table, which SQLite makes by rebuilding
/// the table as `to` (new table, copy, drop, rename, indexes) and the others one by one.
pub fn rebuild(table: &str, to: Table, changes: Vec<Op>) -> Op {
    Op::Rebuild {
        table: table.to_owned(),
        to,
        changes,
    }
}

impl Op {
    /// PostgreSQL: convert the values with this expression (`USING ...`) instead of a cast.
    #[must_use]
    pub fn using(mut self, expression: &str) -> Op {
        if let Op::AlterColumn { using, .. } = &mut self {
            *using = Some(expression.to_owned());
        }
        self
    }

    /// MariaDB/MySQL: the foreign key that needs the index being dropped (it is dropped and
    /// re-added around the index, as InnoDB refuses otherwise).
    #[must_use]
    pub fn needed_by(mut self, key: ForeignKey) -> Op {
        if let Op::DropIndex { needed_by, .. } = &mut self {
            *needed_by = Some(key);
        }
        self
    }

    /// An enum column that uses the type [`alter_enum`] changes, with its server default.
    #[must_use]
    pub fn used_by(mut self, table: &str, column: &str, default: Option<&str>) -> Op {
        if let Op::AlterEnum { used_by, .. } = &mut self {
            used_by.push((
                table.to_owned(),
                column.to_owned(),
                default.map(str::to_owned),
            ));
        }
        self
    }
}
