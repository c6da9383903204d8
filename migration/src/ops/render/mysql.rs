//! MariaDB/MySQL: no transactional DDL, `ENUM` columns changed by `MODIFY`, foreign keys that
//! need an index (InnoDB makes one named after the key when none serves it).

use super::{Op, column_def, foreign_key, key_name, push_index, q};
use crate::plan::Script;
use sea_orm::DbBackend;
use sea_orm::sea_query::{Index, Table};

const MY: DbBackend = DbBackend::MySql;

pub(super) fn op(s: &mut Script, step: &Op) {
    match step {
        Op::CreateTable { .. }
        | Op::DropTable { .. }
        | Op::RenameTable { .. }
        | Op::AddColumn { .. }
        | Op::DropColumn { .. }
        | Op::RenameColumn { .. } => super::common(s, step),
        Op::AlterColumn {
            table, name, to, ..
        } => {
            s.schema(
                &Table::alter()
                    .table(table.clone())
                    .modify_column(column_def(name, to, MY))
                    .take(),
            );
        }
        Op::CreateIndex { table, index } => push_index(s, table, index),
        Op::DropIndex {
            table,
            index,
            needed_by: Some(key),
        } => {
            // InnoDB refuses to drop the index a foreign key uses: drop the key with it and
            // re-create the key, which brings back InnoDB's own index for it.
            s.raw(format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}, DROP INDEX {}",
                q(MY, table),
                q(MY, &key_name(table, key)),
                q(MY, &index.name)
            ));
            s.schema(&foreign_key(table, key));
        }
        Op::DropIndex { table, index, .. } => {
            s.schema(Index::drop().name(index.name.clone()).table(table.clone()));
        }
        Op::RenameIndex { table, index, to } => {
            s.raw(format!(
                "ALTER TABLE {} RENAME INDEX {} TO {}",
                q(MY, table),
                q(MY, &index.name),
                q(MY, to)
            ));
        }
        Op::AddForeignKey { table, key } => {
            s.schema(&foreign_key(table, key));
        }
        Op::DropForeignKey { table, key } => drop_key(s, table, &key_name(table, key)),
        Op::RenameForeignKey { table, key, to } => {
            drop_key(s, table, &key_name(table, key));
            let mut renamed = key.clone();
            renamed.name = Some(to.clone());
            s.schema(&foreign_key(table, &renamed));
        }
        // Enumerations are column types here: the columns' own changes carry them.
        Op::CreateEnum { .. } | Op::DropEnum { .. } | Op::AlterEnum { .. } => {}
        Op::Rebuild { changes, .. } => {
            for change in changes {
                op(s, change);
            }
        }
    }
}

/// Drops a foreign key and the index InnoDB made for it, if it made one.
fn drop_key(s: &mut Script, table: &str, name: &str) {
    s.raw(format!(
        "ALTER TABLE {} DROP FOREIGN KEY {}",
        q(MY, table),
        q(MY, name)
    ));
    s.raw(format!(
        "ALTER TABLE {} DROP INDEX IF EXISTS {}",
        q(MY, table),
        q(MY, name)
    ));
}
