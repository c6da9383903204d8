//! SQLite: what its `ALTER TABLE` can do (add, drop and rename columns, rename tables) runs
//! as such; everything else is a table rebuild, SQLite's documented 12-step procedure: create
//! the new table, copy every row, drop the old one, rename the new one, re-create the
//! indexes, check the foreign keys. The runner switches foreign keys off around it
//! ([`crate::plan::Mode::ForeignKeysOff`]), so dropping the old table neither cascades to
//! child rows nor fails; rows that would break a key fail the check and the migration.

use super::{Op, create_table, push_index, push_table_indexes, q};
use crate::plan::Script;
use crate::schema::Table as Shape;
use sea_orm::DbBackend;

const LITE: DbBackend = DbBackend::Sqlite;

/// The temporary table whose CHECK turns `pragma_foreign_key_check` rows into an error.
const KEY_CHECK: &str = "lexbase_foreign_key_check";

pub(super) fn op(s: &mut Script, step: &Op) {
    match step {
        Op::CreateTable { .. }
        | Op::DropTable { .. }
        | Op::RenameTable { .. }
        | Op::AddColumn { .. }
        | Op::DropColumn { .. }
        | Op::RenameColumn { .. } => super::common(s, step),
        Op::CreateIndex { table, index } => push_index(s, table, index),
        Op::DropIndex { index, .. } => {
            s.raw(format!("DROP INDEX {}", q(LITE, &index.name)));
        }
        Op::RenameIndex { table, index, to } => {
            s.raw(format!("DROP INDEX {}", q(LITE, &index.name)));
            let mut renamed = index.clone();
            renamed.name.clone_from(to);
            push_index(s, table, &renamed);
        }
        Op::AlterColumn { table, .. }
        | Op::AddForeignKey { table, .. }
        | Op::DropForeignKey { table, .. }
        | Op::RenameForeignKey { table, .. } => {
            // Not SQL SQLite accepts: such a change belongs in a rebuild (see ops::plan).
            s.raw(format!(
                "ALTER TABLE {} ALTER CONSTRAINT -- SQLite cannot make this change in place ({step}); put it in a rebuild",
                q(LITE, table)
            ));
        }
        Op::CreateEnum { .. } | Op::DropEnum { .. } | Op::AlterEnum { .. } => {}
        Op::Rebuild { table, to, changes } => rebuild(s, table, to, changes),
    }
}

fn rebuild(s: &mut Script, table: &str, to: &Shape, changes: &[Op]) {
    let scratch = format!("_lexbase_rebuild_{table}");
    s.schema(&create_table(&scratch, to, LITE));
    let mut targets = Vec::new();
    let mut sources = Vec::new();
    for column in to.columns.keys() {
        let added = changes
            .iter()
            .any(|c| matches!(c, Op::AddColumn { name, .. } if name == column));
        if added {
            continue;
        }
        let source = changes
            .iter()
            .find_map(|c| match c {
                Op::RenameColumn { from, to, .. } if to == column => Some(from.as_str()),
                _ => None,
            })
            .unwrap_or(column);
        targets.push(q(LITE, column));
        sources.push(q(LITE, source));
    }
    s.raw(format!(
        "INSERT INTO {} ({}) SELECT {} FROM {}",
        q(LITE, &scratch),
        targets.join(", "),
        sources.join(", "),
        q(LITE, table)
    ));
    s.raw(format!("DROP TABLE {}", q(LITE, table)));
    s.raw(format!(
        "ALTER TABLE {} RENAME TO {}",
        q(LITE, &scratch),
        q(LITE, table)
    ));
    push_table_indexes(s, table, to);
    s.raw(format!(
        "CREATE TEMP TABLE {} (\"violations\" integer CHECK (\"violations\" = 0))",
        q(LITE, KEY_CHECK)
    ));
    s.raw(format!(
        "INSERT INTO {} SELECT COUNT(*) FROM pragma_foreign_key_check",
        q(LITE, KEY_CHECK)
    ));
    s.raw(format!("DROP TABLE {}", q(LITE, KEY_CHECK)));
}
