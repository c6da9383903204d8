//! Naive upstream timestamps made into instants: each value read in the zone
//! `--naive-timezone` names (default UTC) and stored as UTC.
//!
//! PostgreSQL converts in the column's type change (`USING col AT TIME ZONE 'zone'`). SQLite
//! and MariaDB/MySQL know no named zones of their own (MariaDB's need time-zone tables a
//! server rarely has loaded), so outside UTC the values are read here, converted with the
//! tz database of `chrono-tz`, and written back by primary key, in batches of [`BATCH`] rows
//! per statement (one statement is atomic, so a converted value never meets an unconverted
//! one of the same spelling).

use crate::error::{Error, Result};
use crate::ops::Op;
use crate::plan::Script;
use crate::schema::Kind;
use crate::schema::Table;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Rows rewritten per statement.
pub const BATCH: usize = 500;

/// The zone `--naive-timezone` names (UTC when it names none).
///
/// # Errors
/// [`Error::Config`] for a name the tz database does not know.
pub fn parse(name: Option<&str>) -> Result<Tz> {
    match name {
        None => Ok(Tz::UTC),
        Some(name) => name.parse::<Tz>().map_err(|_| {
            Error::Config(format!(
                "--naive-timezone {name}: not a time zone of the tz database (e.g. UTC, Europe/Berlin)"
            ))
        }),
    }
}

/// PostgreSQL's conversion of a naive column: its values read in `zone`.
pub fn using(column: &str, zone: Tz) -> String {
    format!(
        "\"{}\" AT TIME ZONE '{}'",
        column.replace('"', "\"\""),
        zone.name()
    )
}

fn naive(text: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text.trim(), format).ok())
}

fn stored(at: DateTime<Utc>, backend: DbBackend) -> String {
    match backend {
        // As sqlx writes a DateTime<Utc> on SQLite.
        DbBackend::Sqlite => at.to_rfc3339_opts(SecondsFormat::AutoSi, false),
        _ => at.format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
    }
}

/// The statements that rewrite every naive value of `table.column` (read in `zone`) as UTC,
/// and the rows whose local time does not exist in `zone` (a DST gap), which refuse.
/// Values that carry an offset already are left as they are.
///
/// # Errors
/// The query failing.
pub async fn rewrite(
    db: &impl ConnectionTrait,
    name: &str,
    table: &Table,
    column: &str,
    zone: Tz,
) -> Result<(Vec<String>, Vec<String>)> {
    let backend = db.get_database_backend();
    let Some(key) = table.primary_key.first() else {
        return Ok((
            Vec::new(),
            vec![format!(
                "{name}.{column}: has naive timestamps to convert but no primary key to rewrite them by"
            )],
        ));
    };
    let select = Query::select()
        .expr(super::checks::as_text(backend, key))
        .expr(super::checks::as_text(backend, column))
        .from(Alias::new(name))
        .and_where(Expr::col(Alias::new(column)).is_not_null())
        .to_owned();
    let mut changes: Vec<(String, String)> = Vec::new();
    let mut problems = Vec::new();
    for sql in Script::new(backend).query(&select).finish() {
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
        {
            let id: String = row.try_get_by_index(0)?;
            let value: String = row.try_get_by_index(1)?;
            let Some(local) = naive(&value) else {
                continue;
            };
            match zone.from_local_datetime(&local).earliest() {
                Some(at) => changes.push((id, stored(at.to_utc(), backend))),
                None => problems.push(format!(
                    "{name} {key}={id}: {column} '{value}' is no time in {} (a daylight-saving gap)",
                    zone.name()
                )),
            }
        }
    }
    let mut script = Script::new(backend);
    for batch in changes.chunks(BATCH) {
        let mut case = CaseStatement::new();
        for (id, at) in batch {
            case = case.case(
                Expr::col(Alias::new(key.as_str())).eq(key_value(id)),
                at.clone(),
            );
        }
        let ids: Vec<SimpleExpr> = batch.iter().map(|(id, _)| key_value(id)).collect();
        script.query(
            Query::update()
                .table(Alias::new(name))
                .value(
                    Alias::new(column),
                    case.finally(Expr::col(Alias::new(column))),
                )
                .and_where(Expr::col(Alias::new(key.as_str())).is_in(ids)),
        );
    }
    Ok((script.finish(), problems))
}

fn key_value(id: &str) -> SimpleExpr {
    match id.parse::<i64>() {
        Ok(n) => Expr::val(n),
        Err(_) => Expr::val(id.to_owned()),
    }
}

/// Whether `op` turns a naive timestamp column into a tz-aware one.
pub fn converts_naive(op: &Op) -> bool {
    match op {
        Op::AlterColumn { from, to, .. } => {
            from.kind == Kind::Timestamp && to.kind == Kind::TimestampTz
        }
        Op::Rebuild { changes, .. } => changes.iter().any(converts_naive),
        _ => false,
    }
}

/// PostgreSQL reads a naive column's values in `zone` as its type becomes tz-aware.
pub fn with_zone(op: Op, zone: Tz) -> Op {
    match op {
        Op::AlterColumn {
            table,
            name,
            from,
            to,
            using: None,
        } if from.kind == Kind::Timestamp && to.kind == Kind::TimestampTz => Op::AlterColumn {
            using: Some(using(&name, zone)),
            table,
            name,
            from,
            to,
        },
        Op::Rebuild { table, to, changes } => Op::Rebuild {
            table,
            to,
            changes: changes.into_iter().map(|c| with_zone(c, zone)).collect(),
        },
        other => other,
    }
}
