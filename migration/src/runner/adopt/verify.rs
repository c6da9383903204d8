//! The structural check: does the database hold what the adopted migrations create, in a
//! shape that can become lexbase's without losing a value?
//!
//! Every table the adopted migrations create must exist with every column, a type that
//! converts without loss, the same primary key; nothing else may be in the way of the
//! migrations still to run. What passes is a [`Difference`] the reconciliation plan repairs
//! (names, duplicates, types, nullability, defaults, missing keys); what does not is a line
//! of the refusal. Tables lexbase does not manage are left alone.

use crate::schema::diff::{Difference, compare};
use crate::schema::{Kind, Snapshot};
use sea_orm::DbBackend;

/// What the check found.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Differences the plan repairs.
    pub repairs: Vec<Difference>,
    /// Why the database cannot be adopted as it is, one line each.
    pub problems: Vec<String>,
    /// Tables lexbase does not manage (by the name they will have).
    pub left_alone: Vec<String>,
    /// The live tables of the names the adopted migrations create (renamed-aside ones out).
    pub found: Snapshot,
}

/// Checks `found` (the live schema) against `want` (what the adopted migrations create).
/// `head` is lexbase's whole schema: a live table it has but `want` lacks is in the way of
/// a later migration, unless `aside` renames it.
pub fn verify(
    backend: DbBackend,
    want: &Snapshot,
    found: &Snapshot,
    head: &Snapshot,
    aside: &[(String, String)],
) -> Verdict {
    let mut verdict = Verdict::default();
    for (old, new) in aside {
        if !found.tables.contains_key(old) {
            verdict.problems.push(format!(
                "--rename-aside {old}={new}: there is no table {old}"
            ));
        } else if found.tables.contains_key(new) || head.tables.contains_key(new) {
            verdict.problems.push(format!(
                "--rename-aside {old}={new}: {new} is taken (it exists, or lexbase creates it)"
            ));
        } else if want.tables.contains_key(old) {
            verdict.problems.push(format!(
                "--rename-aside {old}={new}: {old} is a table the adopted migrations create"
            ));
        }
    }
    for (name, table) in &found.tables {
        if let Some((_, new)) = aside.iter().find(|(old, _)| old == name) {
            verdict.left_alone.push(new.clone());
        } else if want.tables.contains_key(name) {
            verdict.found.tables.insert(name.clone(), table.clone());
        } else if head.tables.contains_key(name) {
            verdict.problems.push(format!(
                "table {name}: exists with another shape than lexbase's {name}, which a migration \
                 not being adopted creates; it is never reused: rename it aside with \
                 --rename-aside {name}=upstream_{name}"
            ));
        } else {
            verdict.left_alone.push(name.clone());
        }
    }
    for (name, values) in &found.enum_types {
        if want.enum_types.contains_key(name) {
            verdict
                .found
                .enum_types
                .insert(name.clone(), values.clone());
        } else if head.enum_types.contains_key(name) {
            verdict.problems.push(format!(
                "enum type {name}: exists already, but a migration that is not being adopted creates it"
            ));
        }
    }
    let mut explicit = want.clone();
    for table in explicit.tables.values_mut() {
        // Indexes MySQL made for foreign keys are the server's business.
        table.indexes.retain(|index| !index.implicit);
    }
    for difference in compare(&explicit, &verdict.found) {
        match refusal(backend, &difference) {
            Some(line) => verdict.problems.push(line),
            None => verdict.repairs.push(difference),
        }
    }
    verdict
}

/// What the adopted migrations create, as lexbase keeps it today: on MariaDB/MySQL their
/// `TIMESTAMP` columns are `DATETIME(6)` holding UTC (m20261201_115448 converts them; an
/// upstream `DATETIME` goes there directly, never through `TIMESTAMP`, which ends in 2038).
/// A table the database lacks altogether is created by the plan (it loses nothing).
pub fn canonical(backend: DbBackend, mut want: Snapshot) -> Snapshot {
    if backend == DbBackend::MySql {
        for table in want.tables.values_mut() {
            for column in table.columns.values_mut() {
                if matches!(&column.kind, Kind::Other(t) if t.starts_with("timestamp")) {
                    column.kind = Kind::TimestampTz;
                }
            }
        }
    }
    want
}

/// Whether values of `from` become `to` without loss (stored values are checked later where
/// that depends on them: an enumeration's).
pub fn converts(from: &Kind, to: &Kind) -> bool {
    from.widens_to(to)
        || matches!(
            (from, to),
            (Kind::Timestamp, Kind::TimestampTz)
                | (
                    Kind::Varchar(_) | Kind::Text | Kind::Enum { .. },
                    Kind::Enum { .. }
                )
        )
        || matches!((from, to), (Kind::Other(f), Kind::Double) if f.starts_with("float") || f == "real")
        || matches!((from, to), (Kind::Other(t), Kind::TimestampTz) if t.starts_with("timestamp") || t.starts_with("datetime"))
        || matches!(
            (from, to),
            (Kind::LongText | Kind::Text, Kind::Json | Kind::JsonBinary)
        )
}

/// The line that refuses `difference`, or `None` when the plan can repair it.
fn refusal(backend: DbBackend, difference: &Difference) -> Option<String> {
    use Difference::*;
    match difference {
        MissingColumn { table, column, .. } => Some(format!(
            "column {table}.{column}: missing, but the adopted migrations create it"
        )),
        UnexpectedColumn { table, column, .. } => Some(format!(
            "column {table}.{column}: not in lexbase's schema; dropping it would lose its values"
        )),
        ColumnType {
            table,
            column,
            expected,
            found,
        } if !converts(&found.kind, &expected.kind) => Some(format!(
            "column {table}.{column}: {} cannot become {} without losing values",
            found.kind, expected.kind
        )),
        PrimaryKey {
            table,
            expected,
            found,
        } => Some(format!(
            "table {table}: primary key ({}), the adopted migrations make ({})",
            found.join(", "),
            expected.join(", ")
        )),
        AutoIncrement { table, column, .. } if backend == DbBackend::Postgres => Some(format!(
            "column {table}.{column}: filled by the database on one side only"
        )),
        EnumType {
            name,
            expected: Some(want),
            found: Some(have),
        } if !have.iter().all(|v| want.contains(v)) => Some(format!(
            "enum type {name}: holds {}, lexbase's has {}",
            have.join(", "),
            want.join(", ")
        )),
        _ => None,
    }
}
