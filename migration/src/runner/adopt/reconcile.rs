//! The reconciliation plan: the repairs [`super::verify`] let through, made into the schema
//! engine's operations ([`crate::ops`]) and rendered for the backend, with the data steps
//! they need before or after them (NULLs filled from a default, naive timestamps rewritten as
//! UTC) and the data checks that refuse a step which would fail or lose a value.

use super::charset;
use super::checks;
use super::verify::Verdict;
use super::zone;
use crate::error::{Error, Result};
use crate::ops::plan::{Renames, plan};
use crate::ops::{self, Mode, Op};
use crate::plan::Script;
use crate::schema::diff::Difference;
use crate::schema::{Kind, Snapshot};
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend};
use std::collections::BTreeMap;

/// A plan: its statements in order, why each group is there, and how it must run.
#[derive(Debug, Default)]
pub struct Reconciliation {
    /// Every statement, in order.
    pub statements: Vec<String>,
    /// One line per step, in plan order.
    pub notes: Vec<String>,
    /// How the statements run (one transaction, statement by statement, foreign keys off).
    pub mode: Option<Mode>,
}

/// Builds the plan that turns `verdict.found` into `want`, or the lines that refuse it.
///
/// # Errors
/// A query failing; [`Error::AdoptionMismatch`] is the caller's, from the returned lines.
pub async fn reconcile(
    db: &impl ConnectionTrait,
    want: &Snapshot,
    verdict: &Verdict,
    aside: &[(String, String)],
    zone: Tz,
) -> Result<Result<Reconciliation, Vec<String>>> {
    let backend = db.get_database_backend();
    let mut out = Reconciliation::default();
    let mut problems = Vec::new();
    let mut pre = Vec::new();
    let mut post = Vec::new();
    // Why an index goes, by (table, index): said next to the step that drops it.
    let mut why: BTreeMap<(String, String), String> = BTreeMap::new();
    if backend == DbBackend::MySql {
        // TIMESTAMP values convert in the session's zone: UTC, as lexbase stores them.
        pre.push("SET time_zone = '+00:00'".to_owned());
    }
    let renames: Vec<Op> = aside
        .iter()
        .map(|(from, to)| Op::RenameTable {
            from: from.clone(),
            to: to.clone(),
        })
        .collect();
    for op in &renames {
        out.notes.push(format!(
            "{op}: it carries a lexbase name with another shape; it is left alone there"
        ));
    }
    pre.extend(ops::render(&renames, backend));
    let found = &verdict.found;
    let managed: Vec<&String> = found.tables.keys().collect();
    for (note, sql) in charset::conversions(db, &managed).await? {
        out.notes.push(note);
        pre.push(sql);
    }
    for difference in &verdict.repairs {
        let Some(table) = difference.table().and_then(|t| found.tables.get(t)) else {
            continue;
        };
        let name = difference.table().unwrap_or_default();
        match difference {
            Difference::ColumnType {
                column, expected, ..
            } => {
                if let Kind::Enum { values, .. } = &expected.kind {
                    problems.extend(checks::outside_enum(db, name, table, column, values).await?);
                }
            }
            Difference::Nullability {
                column,
                expected,
                found: have,
                ..
            } if have.nullable && !expected.nullable => {
                let rows = checks::nulls(db, name, table, column).await?;
                match (&expected.default, rows.is_empty()) {
                    (_, true) => {}
                    (Some(default), false) => {
                        out.notes.push(format!(
                            "fill {name}.{column} from its default ({default}) where it is NULL \
                             ({}), then make it NOT NULL",
                            rows.join(", ")
                        ));
                        pre.extend(fill(backend, name, column, default));
                    }
                    (None, false) => problems.push(format!(
                        "column {name}.{column}: lexbase declares it NOT NULL, it has no default, \
                         and these rows hold NULL: {}",
                        rows.join(", ")
                    )),
                }
            }
            Difference::MissingIndex { index, .. }
            | Difference::IndexPredicate {
                expected: index, ..
            } => {
                let rows = checks::duplicates(db, name, index).await?;
                if !rows.is_empty() {
                    problems.push(format!(
                        "index {}: unique in lexbase, but these rows share its values: {}",
                        index.name,
                        rows.join("; ")
                    ));
                }
            }
            Difference::UnexpectedIndex { index, .. } => {
                let twin = table
                    .indexes
                    .iter()
                    .find(|other| other.name != index.name && other.same_shape(index))
                    .map(|other| other.name.clone())
                    .or_else(|| {
                        (index.columns == table.primary_key && !index.columns.is_empty())
                            .then(|| "the primary key".to_owned())
                    });
                why.insert(
                    (name.to_owned(), index.name.clone()),
                    match twin {
                        Some(twin) => format!("an exact duplicate of {twin}"),
                        None => "not in lexbase's schema".to_owned(),
                    },
                );
            }
            Difference::MissingForeignKey { key, .. } => {
                let rows = checks::orphans(db, name, table, key).await?;
                if !rows.is_empty() {
                    problems.push(format!(
                        "foreign key {name}({}): these rows name no row: {}",
                        key.columns.join(", "),
                        rows.join(", ")
                    ));
                }
            }
            _ => {}
        }
    }
    // Naive values become instants: PostgreSQL in the type change itself; elsewhere rewritten
    // after the type change (MariaDB's DATETIME(6) keeps the microseconds written).
    if zone != Tz::UTC && backend != DbBackend::Postgres {
        for (name, table) in &found.tables {
            let Some(wanted) = want.tables.get(name) else {
                continue;
            };
            for (column, have) in &table.columns {
                let naive = match backend {
                    DbBackend::MySql => have.kind == Kind::Timestamp,
                    _ => have.kind == Kind::TimestampTz || have.kind == Kind::Timestamp,
                };
                let becomes = wanted
                    .columns
                    .get(column)
                    .is_some_and(|c| c.kind == Kind::TimestampTz);
                if naive && becomes {
                    let (statements, gaps) = zone::rewrite(db, name, table, column, zone).await?;
                    problems.extend(gaps);
                    if !statements.is_empty() {
                        out.notes.push(format!(
                            "rewrite {name}.{column} as UTC, reading its naive values in {}",
                            zone.name()
                        ));
                    }
                    post.extend(statements);
                }
            }
        }
    }
    let mut state = found.clone();
    let mut keys = Vec::new();
    if backend != DbBackend::Sqlite {
        for (name, wanted) in &want.tables {
            let Some(table) = state.tables.get(name) else {
                continue;
            };
            for key in &wanted.foreign_keys {
                let Some(to) = &key.name else { continue };
                let same = table.foreign_keys.iter().find(|k| {
                    k.columns == key.columns
                        && k.target == key.target
                        && k.target_columns == key.target_columns
                        && k.name.as_ref().is_some_and(|n| n != to)
                });
                if let Some(found_key) = same {
                    keys.push(Op::RenameForeignKey {
                        table: name.clone(),
                        key: found_key.clone(),
                        to: to.clone(),
                    });
                }
            }
        }
    }
    for op in &keys {
        op.apply(&mut state);
    }
    let mut explicit = want.clone();
    for table in explicit.tables.values_mut() {
        table.indexes.retain(|index| !index.implicit);
    }
    let planned = match plan(&state, &explicit, &Renames::default()) {
        Ok(planned) => planned,
        Err(Error::Autogenerate { problems: lines }) => {
            problems.extend(lines);
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut all: Vec<Op> = keys;
    all.extend(planned.into_iter().map(|op| zone::with_zone(op, zone)));
    for op in &all {
        let nested = match op {
            Op::Rebuild { changes, .. } => changes.as_slice(),
            other => std::slice::from_ref(other),
        };
        // Only SQLite rebuilds; elsewhere a rebuild is its changes, each said on its own.
        if backend == DbBackend::Sqlite || nested.len() == 1 {
            out.notes.push(op.to_string());
        }
        for change in nested {
            if backend != DbBackend::Sqlite && nested.len() > 1 {
                out.notes.push(change.to_string());
            }
            if let Op::DropIndex { table, index, .. } = change
                && let Some(reason) = why.get(&(table.clone(), index.name.clone()))
            {
                out.notes.push(format!("  index {}: {reason}", index.name));
            }
        }
    }
    if backend == DbBackend::Postgres && all.iter().any(zone::converts_naive) {
        out.notes.push(format!(
            "naive timestamps are read in {} (--naive-timezone)",
            zone.name()
        ));
    }
    out.mode = Some(ops::mode(&all, backend));
    out.statements = pre;
    out.statements.extend(ops::render(&all, backend));
    out.statements.extend(post);
    // A plan that only sets the session's zone changes nothing.
    if out.statements.len() == usize::from(backend == DbBackend::MySql) {
        out.statements.clear();
    }
    Ok(Ok(out))
}

/// `UPDATE table SET column = default WHERE column IS NULL`.
fn fill(
    backend: DbBackend,
    table: &str,
    column: &str,
    default: &crate::schema::ServerDefault,
) -> Vec<String> {
    Script::new(backend)
        .query(
            Query::update()
                .table(Alias::new(table))
                .value(Alias::new(column), ops::default_expr(default, backend))
                .and_where(Expr::col(Alias::new(column)).is_null()),
        )
        .finish()
}
