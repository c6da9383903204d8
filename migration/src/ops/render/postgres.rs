//! PostgreSQL: transactional DDL, native enum types, `ALTER COLUMN ... TYPE ... USING`.

use super::{Op, foreign_key, key_name, lit, push_index, q};
use crate::plan::Script;
use crate::schema::{Column, Kind};
use sea_orm::DbBackend;
use sea_orm::sea_query::extension::postgres::Type;
use sea_orm::sea_query::{ColumnDef, Table};

const PG: DbBackend = DbBackend::Postgres;

pub(super) fn op(s: &mut Script, step: &Op) {
    match step {
        Op::CreateTable { .. }
        | Op::DropTable { .. }
        | Op::RenameTable { .. }
        | Op::AddColumn { .. }
        | Op::DropColumn { .. }
        | Op::RenameColumn { .. } => super::common(s, step),
        Op::AlterColumn {
            table,
            name,
            from,
            to,
            using,
        } => alter_column(s, table, name, from, to, using.as_deref()),
        Op::CreateIndex { table, index } if index.constraint => {
            let columns: Vec<String> = index.columns.iter().map(|c| q(PG, c)).collect();
            s.raw(format!(
                "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
                q(PG, table),
                q(PG, &index.name),
                columns.join(", ")
            ));
        }
        Op::CreateIndex { table, index } => push_index(s, table, index),
        Op::DropIndex { table, index, .. } if index.constraint => {
            s.raw(format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                q(PG, table),
                q(PG, &index.name)
            ));
        }
        Op::DropIndex { index, .. } => {
            s.raw(format!("DROP INDEX {}", q(PG, &index.name)));
        }
        Op::RenameIndex { table, index, to } if index.constraint => {
            s.raw(format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                q(PG, table),
                q(PG, &index.name),
                q(PG, to)
            ));
        }
        Op::RenameIndex { index, to, .. } => {
            s.raw(format!(
                "ALTER INDEX {} RENAME TO {}",
                q(PG, &index.name),
                q(PG, to)
            ));
        }
        Op::AddForeignKey { table, key } => {
            s.schema(&foreign_key(table, key));
        }
        Op::DropForeignKey { table, key } => {
            s.raw(format!(
                "ALTER TABLE {} DROP CONSTRAINT {}",
                q(PG, table),
                q(PG, &key_name(table, key))
            ));
        }
        Op::RenameForeignKey { table, key, to } => {
            s.raw(format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                q(PG, table),
                q(PG, &key_name(table, key)),
                q(PG, to)
            ));
        }
        Op::CreateEnum { name, values } => {
            s.create_type(
                Type::create()
                    .as_enum(name.clone())
                    .values(values.iter().cloned()),
            );
        }
        Op::DropEnum { name, .. } => {
            s.drop_type(Type::drop().name(name.clone()));
        }
        Op::AlterEnum {
            name,
            from,
            to,
            used_by,
        } => alter_enum(s, name, from, to, used_by),
        Op::Rebuild { changes, .. } => {
            for change in changes {
                op(s, change);
            }
        }
    }
}

/// Whether `to` only adds values to `from`, keeping their order (`ALTER TYPE ... ADD VALUE`).
pub(super) fn only_adds(from: &[String], to: &[String]) -> bool {
    let mut rest = to.iter();
    to.len() > from.len() && from.iter().all(|v| rest.any(|t| t == v))
}

/// The type's name as a cast target.
fn cast_type(kind: &Kind) -> String {
    match kind {
        Kind::Integer => "integer".to_owned(),
        Kind::BigInteger => "bigint".to_owned(),
        Kind::Varchar(n) => format!("varchar({n})"),
        Kind::Text | Kind::MediumText | Kind::LongText => "text".to_owned(),
        Kind::Double => "double precision".to_owned(),
        Kind::Boolean => "boolean".to_owned(),
        Kind::TimestampTz => "timestamp with time zone".to_owned(),
        Kind::Timestamp => "timestamp without time zone".to_owned(),
        Kind::Json => "json".to_owned(),
        Kind::JsonBinary => "jsonb".to_owned(),
        Kind::Enum { name, .. } => format!("text::{}", q(PG, name.as_deref().unwrap_or("text"))),
        Kind::Other(spelling) => spelling.clone(),
    }
}

fn alter_column(
    s: &mut Script,
    table: &str,
    name: &str,
    from: &Column,
    to: &Column,
    using: Option<&str>,
) {
    let alter = || format!("ALTER TABLE {} ALTER COLUMN {}", q(PG, table), q(PG, name));
    // The same enum type with other values is the type's change (AlterEnum), not the column's.
    let same_type = match (&from.kind, &to.kind) {
        (Kind::Enum { name: a, .. }, Kind::Enum { name: b, .. }) => a == b,
        (a, b) => a.same(b),
    };
    let mut default_changed = from.default != to.default;
    if !same_type {
        if from.default.is_some() {
            // The old default may not cast to the new type: drop it first, set it after.
            s.raw(format!("{} DROP DEFAULT", alter()));
            default_changed = true;
        }
        let mut def =
            ColumnDef::new_with_type(name.to_owned(), super::column_type(&to.kind, name, PG));
        let cast = using.map_or_else(
            || format!("{}::{}", q(PG, name), cast_type(&to.kind)),
            str::to_owned,
        );
        def.using(sea_orm::sea_query::Expr::cust(cast));
        s.schema(
            &Table::alter()
                .table(table.to_owned())
                .modify_column(def)
                .take(),
        );
    }
    if from.nullable != to.nullable {
        let change = if to.nullable {
            "DROP NOT NULL"
        } else {
            "SET NOT NULL"
        };
        s.raw(format!("{} {change}", alter()));
    }
    if default_changed {
        match &to.default {
            Some(default) => {
                let mut def = ColumnDef::new(name.to_owned());
                def.default(super::default_expr(default, DbBackend::Postgres));
                s.schema(
                    &Table::alter()
                        .table(table.to_owned())
                        .modify_column(def)
                        .take(),
                );
            }
            None => {
                s.raw(format!("{} DROP DEFAULT", alter()));
            }
        }
    }
}

fn alter_enum(
    s: &mut Script,
    name: &str,
    from: &[String],
    to: &[String],
    used_by: &[(String, String, Option<String>)],
) {
    if only_adds(from, to) {
        let mut current: Vec<&String> = from.iter().collect();
        for (i, value) in to.iter().enumerate() {
            if current.contains(&value) {
                continue;
            }
            let before = to[i + 1..].iter().find(|later| current.contains(later));
            let place = before.map_or_else(String::new, |b| format!(" BEFORE {}", lit(b)));
            s.raw(format!(
                "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}{place}",
                q(PG, name),
                lit(value)
            ));
            match before.and_then(|b| current.iter().position(|c| *c == b)) {
                Some(at) => current.insert(at, value),
                None => current.push(value),
            }
        }
        return;
    }
    // Values removed or reordered: a new type, each column converted through text (a row that
    // holds a removed value fails the cast, and the migration with it).
    let old = format!("{name}__lexbase_old");
    s.raw(format!(
        "ALTER TYPE {} RENAME TO {}",
        q(PG, name),
        q(PG, &old)
    ));
    s.create_type(
        Type::create()
            .as_enum(name.to_owned())
            .values(to.iter().cloned()),
    );
    for (table, column, default) in used_by {
        let alter = format!(
            "ALTER TABLE {} ALTER COLUMN {}",
            q(PG, table),
            q(PG, column)
        );
        if default.is_some() {
            s.raw(format!("{alter} DROP DEFAULT"));
        }
        s.raw(format!(
            "{alter} TYPE {} USING {}::text::{}",
            q(PG, name),
            q(PG, column),
            q(PG, name)
        ));
        if let Some(default) = default {
            s.raw(format!(
                "{alter} SET DEFAULT {}::{}",
                lit(default),
                q(PG, name)
            ));
        }
    }
    s.raw(format!("DROP TYPE {}", q(PG, &old)));
}
