//! One line per operation, for autogenerate's summary and the comments of a generated file.

use super::Op;
use std::fmt;

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::CreateTable { name, table } => {
                write!(f, "create table {name} ({} columns)", table.columns.len())
            }
            Op::DropTable { name, .. } => write!(f, "drop table {name}"),
            Op::RenameTable { from, to } => write!(f, "rename table {from} to {to}"),
            Op::AddColumn {
                table,
                name,
                column,
            } => {
                write!(f, "add column {table}.{name} ({column})")
            }
            Op::DropColumn {
                table,
                name,
                column,
            } => {
                write!(f, "drop column {table}.{name} ({column})")
            }
            Op::RenameColumn { table, from, to } => {
                write!(f, "rename column {table}.{from} to {to}")
            }
            Op::AlterColumn {
                table,
                name,
                from,
                to,
                ..
            } => {
                write!(f, "alter column {table}.{name}: {from} -> {to}")
            }
            Op::CreateIndex { table, index } => write!(f, "create index {index} on {table}"),
            Op::DropIndex { table, index, .. } => write!(f, "drop index {index} on {table}"),
            Op::RenameIndex { table, index, to } => {
                write!(f, "rename index {} on {table} to {to}", index.name)
            }
            Op::AddForeignKey { table, key } => write!(f, "add foreign key {table} {key}"),
            Op::DropForeignKey { table, key } => write!(f, "drop foreign key {table} {key}"),
            Op::RenameForeignKey { table, key, to } => write!(
                f,
                "rename foreign key {} on {table} to {to}",
                key.name.as_deref().unwrap_or("(unnamed)")
            ),
            Op::CreateEnum { name, values } => {
                write!(f, "create enum type {name} ({})", values.join(", "))
            }
            Op::DropEnum { name, .. } => write!(f, "drop enum type {name}"),
            Op::AlterEnum { name, from, to, .. } => write!(
                f,
                "alter enum type {name}: ({}) -> ({})",
                from.join(", "),
                to.join(", ")
            ),
            Op::Rebuild { table, changes, .. } => {
                let parts: Vec<String> = changes.iter().map(ToString::to_string).collect();
                write!(f, "rebuild table {table} on SQLite: {}", parts.join("; "))
            }
        }
    }
}
