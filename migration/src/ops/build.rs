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

pub use super::{Mode, Op, mode, render};
pub use crate::schema::OnDelete::{Cascade, NoAction, SetDefault, SetNull};
use crate::schema::{Check, Column, ForeignKey, Index, Kind, OnDelete, ServerDefault, Table};

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

/// A table definition to fill with [`Table::column`] and friends.
pub fn table() -> Table {
    Table::default()
}

impl Table {
    /// Appends a column.
    #[must_use]
    pub fn column(mut self, name: &str, column: Column) -> Table {
        self.columns.insert(name.to_owned(), column);
        self
    }
    /// Sets the primary key.
    #[must_use]
    pub fn primary_key(mut self, columns: &[&str]) -> Table {
        self.primary_key = owned(columns);
        self
    }
    /// Adds an index or unique key.
    #[must_use]
    pub fn index(mut self, index: Index) -> Table {
        self.indexes.insert(index);
        self
    }
    /// Adds a foreign key.
    #[must_use]
    pub fn foreign_key(mut self, key: ForeignKey) -> Table {
        self.foreign_keys.insert(key);
        self
    }
    /// Adds a CHECK constraint.
    #[must_use]
    pub fn check(mut self, name: Option<&str>, clause: &str) -> Table {
        self.checks.insert(Check {
            name: name.map(str::to_owned),
            clause: clause.to_owned(),
        });
        self
    }
}

/// `integer`, nullable.
pub fn integer() -> Column {
    Column::new(Kind::Integer)
}
/// `bigint`, nullable.
pub fn big_integer() -> Column {
    Column::new(Kind::BigInteger)
}
/// `varchar(length)`, nullable.
pub fn varchar(length: u32) -> Column {
    Column::new(Kind::Varchar(length))
}
/// `text`, nullable.
pub fn text() -> Column {
    Column::new(Kind::Text)
}
/// MariaDB `MEDIUMTEXT` (text elsewhere), nullable.
pub fn medium_text() -> Column {
    Column::new(Kind::MediumText)
}
/// MariaDB `LONGTEXT` (text elsewhere), nullable.
pub fn long_text() -> Column {
    Column::new(Kind::LongText)
}
/// `double precision`, nullable.
pub fn double() -> Column {
    Column::new(Kind::Double)
}
/// `boolean`, nullable.
pub fn boolean() -> Column {
    Column::new(Kind::Boolean)
}
/// Timestamp with time zone, nullable.
pub fn timestamp_tz() -> Column {
    Column::new(Kind::TimestampTz)
}
/// Timestamp without time zone, nullable.
pub fn timestamp() -> Column {
    Column::new(Kind::Timestamp)
}
/// JSON, nullable.
pub fn json() -> Column {
    Column::new(Kind::Json)
}
/// JSONB on PostgreSQL (JSON elsewhere), nullable.
pub fn json_binary() -> Column {
    Column::new(Kind::JsonBinary)
}
/// An enumeration (a native type named `name` on PostgreSQL), nullable.
pub fn enumeration(name: &str, values: &[&str]) -> Column {
    Column::new(Kind::Enum {
        name: Some(name.to_owned()),
        values: owned(values),
    })
}
/// Any other type, spelled as the database spells it.
pub fn other(spelling: &str) -> Column {
    Column::new(Kind::Other(spelling.to_owned()))
}

impl Column {
    /// NOT NULL.
    #[must_use]
    pub fn not_null(mut self) -> Column {
        self.nullable = false;
        self
    }
    /// Filled by the database (SERIAL, AUTO_INCREMENT).
    #[must_use]
    pub fn auto_increment(mut self) -> Column {
        self.auto_increment = true;
        self
    }
    /// Server default: the current time.
    #[must_use]
    pub fn default_now(mut self) -> Column {
        self.default = Some(ServerDefault::CurrentTimestamp);
        self
    }
    /// Server default: a number.
    #[must_use]
    pub fn default_number(mut self, number: &str) -> Column {
        self.default = Some(ServerDefault::Number(number.to_owned()));
        self
    }
    /// Server default: a boolean.
    #[must_use]
    pub fn default_bool(mut self, value: bool) -> Column {
        self.default = Some(ServerDefault::Boolean(value));
        self
    }
    /// Server default: a string (JSON as its text).
    #[must_use]
    pub fn default_text(mut self, text: &str) -> Column {
        self.default = Some(ServerDefault::Text(text.to_owned()));
        self
    }
    /// Server default: an SQL expression.
    #[must_use]
    pub fn default_expr(mut self, sql: &str) -> Column {
        self.default = Some(ServerDefault::Expression(sql.to_owned()));
        self
    }
    /// A collation of its own (MariaDB/MySQL).
    #[must_use]
    pub fn collation(mut self, name: &str) -> Column {
        self.collation = Some(name.to_owned());
        self
    }
}

/// A plain index on `columns`.
pub fn index(name: &str, columns: &[&str]) -> Index {
    Index::new(name, columns)
}

impl Index {
    /// UNIQUE.
    #[must_use]
    pub fn unique(mut self) -> Index {
        self.unique = true;
        self
    }
    /// A unique constraint rather than a unique index (PostgreSQL).
    #[must_use]
    pub fn constraint(mut self) -> Index {
        self.unique = true;
        self.constraint = true;
        self
    }
    /// Partial: only rows where `predicate` holds (not on MariaDB/MySQL, which has none).
    #[must_use]
    pub fn predicate(mut self, predicate: &str) -> Index {
        self.predicate = Some(predicate.to_owned());
        self
    }
    /// MariaDB/MySQL: index only the first `length` characters of text column `column`.
    #[must_use]
    pub fn prefix(mut self, column: &str, length: u32) -> Index {
        self.prefix_lengths.insert(column.to_owned(), length);
        self
    }
    /// An expression index, re-created from the database's own `CREATE INDEX` text.
    #[must_use]
    pub fn definition(mut self, sql: &str) -> Index {
        self.expression = true;
        self.definition = Some(sql.to_owned());
        self
    }
}

/// A foreign key named `name` from `columns` to `target(target_columns)`, `ON DELETE NO
/// ACTION` unless [`ForeignKey::on_delete`] says otherwise.
pub fn foreign_key(
    name: &str,
    columns: &[&str],
    target: &str,
    target_columns: &[&str],
) -> ForeignKey {
    ForeignKey {
        name: Some(name.to_owned()),
        columns: owned(columns),
        target: target.to_owned(),
        target_columns: owned(target_columns),
        on_delete: OnDelete::NoAction,
    }
}

impl ForeignKey {
    /// What deleting the referenced row does.
    #[must_use]
    pub fn on_delete(mut self, rule: OnDelete) -> ForeignKey {
        self.on_delete = rule;
        self
    }
}
