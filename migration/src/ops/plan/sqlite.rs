//! The passes after ordering: SQLite's rebuild groups, and InnoDB's index-needed-by-a-key.

use crate::ops::{Op, needing_foreign_key};
use crate::schema::{Kind, ServerDefault, Snapshot, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Whether SQLite must rebuild the table to make `op`.
fn needs_rebuild(op: &Op, table: &Table) -> bool {
    match op {
        Op::AlterColumn { .. }
        | Op::AddForeignKey { .. }
        | Op::DropForeignKey { .. }
        | Op::RenameForeignKey { .. } => true,
        Op::AddColumn { column, .. } => {
            !matches!(
                column.default,
                None | Some(
                    ServerDefault::Number(_) | ServerDefault::Boolean(_) | ServerDefault::Text(_)
                )
            ) || (!column.nullable && column.default.is_none())
                || matches!(column.kind, Kind::Enum { .. })
        }
        Op::DropColumn { name, .. } => {
            table.primary_key.contains(name)
                || table.foreign_keys.iter().any(|k| k.columns.contains(name))
                || table.indexes.iter().any(|i| i.columns.contains(name))
                || table
                    .checks
                    .iter()
                    .any(|c| c.clause.contains(name.as_str()))
        }
        Op::CreateIndex { index, .. }
        | Op::DropIndex { index, .. }
        | Op::RenameIndex { index, .. } => index.constraint,
        _ => false,
    }
}

/// Gathers the changes to each existing table into one [`Op::Rebuild`] where SQLite needs
/// one, placed after the tables it may reference are created and before any are dropped.
pub(super) fn group_for_sqlite(ops: Vec<Op>, base: &Snapshot) -> Vec<Op> {
    let mut state = base.clone();
    let mut rebuilt: BTreeSet<String> = BTreeSet::new();
    for op in &ops {
        let groupable = !matches!(
            op,
            Op::CreateTable { .. } | Op::DropTable { .. } | Op::RenameTable { .. }
        );
        if let (true, Some(name)) = (groupable, op.table())
            && let Some(table) = state.tables.get(name)
            && needs_rebuild(op, table)
        {
            rebuilt.insert(name.to_owned());
        }
        op.apply(&mut state);
    }
    if rebuilt.is_empty() {
        return ops;
    }
    let mut out = Vec::new();
    let mut changes: BTreeMap<String, Vec<Op>> = BTreeMap::new();
    let mut spot = None;
    for op in ops {
        let groupable = !matches!(
            op,
            Op::CreateTable { .. } | Op::DropTable { .. } | Op::RenameTable { .. }
        );
        match op.table() {
            Some(name) if groupable && rebuilt.contains(name) => {
                changes.entry(name.to_owned()).or_default().push(op);
            }
            _ => {
                if matches!(op, Op::DropTable { .. }) && spot.is_none() {
                    spot = Some(out.len());
                }
                out.push(op);
            }
        }
    }
    let at = spot.unwrap_or_else(|| {
        out.iter()
            .position(|op| matches!(op, Op::DropEnum { .. }))
            .unwrap_or(out.len())
    });
    let rebuilds: Vec<Op> = changes
        .into_iter()
        .map(|(table, changes)| Op::Rebuild {
            to: state.tables.get(&table).cloned().unwrap_or_default(),
            table,
            changes,
        })
        .collect();
    out.splice(at..at, rebuilds);
    out
}

/// Marks each index drop with the foreign key InnoDB needs it for, as the schema stands when
/// the drop runs.
pub(super) fn with_needed_keys(ops: Vec<Op>, base: &Snapshot) -> Vec<Op> {
    let mut state = base.clone();
    ops.into_iter()
        .map(|op| {
            let op = mark(op, &state);
            op.apply(&mut state);
            op
        })
        .collect()
}

fn mark(op: Op, state: &Snapshot) -> Op {
    match op {
        Op::DropIndex { table, index, .. } => {
            let needed_by = state
                .tables
                .get(&table)
                .and_then(|t| needing_foreign_key(t, &index));
            Op::DropIndex {
                table,
                index,
                needed_by,
            }
        }
        Op::Rebuild { table, to, changes } => {
            let mut scoped = state.clone();
            let changes = changes
                .into_iter()
                .map(|c| {
                    let c = mark(c, &scoped);
                    c.apply(&mut scoped);
                    c
                })
                .collect();
            Op::Rebuild { table, to, changes }
        }
        other => other,
    }
}
