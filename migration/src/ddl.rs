//! Column and table shapes shared by the migrations.
//!
//! Migrations are frozen history and these helpers are part of it: change one and every
//! migration that uses it changes. Add new helpers instead of editing old ones.

use sea_orm::DbBackend;
use sea_orm::sea_query::{
    ColumnDef, Expr, ExprTrait, ForeignKey, ForeignKeyAction, ForeignKeyCreateStatement, Index,
    IndexCreateStatement, IndexDropStatement, IntoTableRef, Table, TableCreateStatement,
    TableDropStatement,
};

/// `CREATE TABLE name` with the backend's table options (InnoDB and utf8mb4 on MySQL/MariaDB,
/// so emoji round-trip).
pub fn create_table(backend: DbBackend, name: impl IntoTableRef) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name);
    if backend == DbBackend::MySql {
        table
            .engine("InnoDB")
            .character_set("utf8mb4")
            .collate("utf8mb4_unicode_ci");
    }
    table
}

/// `DROP TABLE name`.
pub fn drop_table(name: &'static str) -> TableDropStatement {
    Table::drop().table(name).take()
}

/// `id` integer primary key, auto-increment (SERIAL on PostgreSQL).
pub fn id() -> ColumnDef {
    ColumnDef::new("id")
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .take()
}

/// A timezone-aware timestamp column, nullable.
pub fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().take()
}

/// A timezone-aware timestamp column, NOT NULL with the current time as server default.
pub fn timestamp_now(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .default(Expr::current_timestamp())
        .take()
}

/// `varchar(len)`, nullable.
pub fn string(name: &'static str, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).take()
}

/// `text`, nullable.
pub fn text(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).text().take()
}

/// `integer`, nullable.
pub fn integer(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().take()
}

/// `double precision`, nullable.
pub fn double(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).double().take()
}

/// `boolean`, nullable.
pub fn boolean(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).boolean().take()
}

/// `json`, nullable.
pub fn json(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).json().take()
}

/// An enumeration column, NOT NULL: a native type on PostgreSQL (created separately), `ENUM`
/// on MySQL/MariaDB, and text limited by a CHECK constraint on SQLite.
pub fn enumeration(
    backend: DbBackend,
    name: &'static str,
    type_name: &'static str,
    values: &[&'static str],
) -> ColumnDef {
    let mut column = ColumnDef::new(name);
    column
        .enumeration(type_name, values.iter().copied())
        .not_null();
    if backend == DbBackend::Sqlite {
        column.check(Expr::col(name).is_in(values.iter().copied()));
    }
    column
}

/// A named foreign key from `table.column` to `target.id`.
pub fn foreign_key(
    table: &'static str,
    column: &'static str,
    target: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::NoAction)
        .take()
}

/// `CREATE INDEX name ON table (columns)`.
pub fn index(
    name: &'static str,
    table: &'static str,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index
}

/// `CREATE UNIQUE INDEX name ON table (columns)`.
pub fn unique_index(
    name: &'static str,
    table: &'static str,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut index = index(name, table, columns);
    index.unique();
    index
}

/// `DROP INDEX name` (MySQL needs the table, the others ignore it).
pub fn drop_index(name: &'static str, table: &'static str) -> IndexDropStatement {
    let mut drop = Index::drop();
    drop.name(name).table(table);
    drop
}

/// `ALTER TABLE table MODIFY col definition, ...` for MySQL/MariaDB: each column's whole
/// definition restated (type, character set and collation, nullability, default), as `MODIFY`
/// requires. One statement per table, so the table is rebuilt once.
pub fn mysql_modify(table: &str, columns: &[(&str, &str)]) -> String {
    let changes: Vec<String> = columns
        .iter()
        .map(|(column, definition)| format!("MODIFY `{column}` {definition}"))
        .collect();
    format!("ALTER TABLE `{table}` {}", changes.join(", "))
}
