//! Every row of every table, read so that two readings compare by meaning rather than by
//! spelling: timestamps as instants (a naive one read in a stated zone), JSON as values,
//! single-precision floats at single precision. Adoption may change a column's type (naive
//! to tz-aware, json to jsonb, FLOAT to DOUBLE, varchar to enum); it must not change a value.

use super::reading::read_table;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use migration::schema::live::TRACKING_TABLES;
use sea_orm::DatabaseConnection;
use std::collections::BTreeMap;

/// One stored value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    /// `single`: the column was single precision, so only that much is meaningful.
    Float {
        value: f64,
        single: bool,
    },
    Bool(bool),
    /// Text, enum labels and decimals (exact).
    Text(String),
    Json(serde_json::Value),
    /// A timestamp without a zone, as stored.
    Naive(NaiveDateTime),
    /// A timestamp that carries its instant.
    Instant(DateTime<Utc>),
}

impl Value {
    /// Whether `self` (read before, naive values in `before`) means what `other` (read
    /// after, naive values in `after`) means.
    fn same(&self, other: &Value, before: Tz, after: Tz) -> bool {
        match (self, other) {
            (
                Value::Float {
                    value: a,
                    single: s,
                },
                Value::Float {
                    value: b,
                    single: t,
                },
            ) => {
                if *s || *t {
                    (*a as f32) == (*b as f32)
                } else {
                    a == b
                }
            }
            // A JSON column read as text on one side (a type the reading cannot tell is
            // JSON) still holds the same value if its text parses to it.
            (Value::Json(a), Value::Text(b)) | (Value::Text(b), Value::Json(a)) => {
                serde_json::from_str::<serde_json::Value>(b).is_ok_and(|b| &b == a)
            }
            (a, b) => match (a.instant(before), b.instant(after)) {
                (Some(a), Some(b)) => a == b,
                _ => a == b,
            },
        }
    }

    /// The instant a timestamp names (a naive one read in `zone`); `None` for other values.
    pub fn instant(&self, zone: Tz) -> Option<DateTime<Utc>> {
        match self {
            Value::Instant(at) => Some(*at),
            Value::Naive(local) => {
                let at = zone.from_local_datetime(local).single();
                Some(
                    at.unwrap_or_else(|| panic!("{local} is ambiguous in {zone}"))
                        .to_utc(),
                )
            }
            _ => None,
        }
    }
}

/// What adoption may do to the upstream rows; [`Changes::NONE`]: nothing at all.
#[derive(Debug, Clone, Copy)]
pub struct Changes<'a> {
    /// The zone the upstream naive timestamps were written in (`--naive-timezone`).
    pub zone: Tz,
    /// Tables renamed aside (`--rename-aside OLD=NEW`), as `(OLD, NEW)`.
    pub renamed: &'a [(&'a str, &'a str)],
    /// Tables lexbase does not manage: listed by adoption, never touched.
    pub left_alone: &'a [&'a str],
    /// `table.column`s lexbase declares NOT NULL whose NULLs the plan fills from the
    /// column's default: there, and only there, a NULL may become a value.
    pub filled: &'a [&'a str],
}

impl Changes<'_> {
    /// No change at all, naive timestamps in UTC.
    pub const NONE: Changes<'static> = Changes {
        zone: Tz::UTC,
        renamed: &[],
        left_alone: &[],
        filled: &[],
    };
}

/// One table's columns (in table order) and rows (sorted).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Every application table and `alembic_version`, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub tables: BTreeMap<String, Table>,
}

impl Rows {
    /// Reads every row of every table except lexbase's own tracking tables.
    pub async fn read(conn: &DatabaseConnection) -> Rows {
        let mut tables = BTreeMap::new();
        for name in migration::schema::live::table_names(conn).await.unwrap() {
            if name != "alembic_version" && TRACKING_TABLES.contains(&name.as_str()) {
                continue;
            }
            let table = read_table(conn, &name).await;
            tables.insert(name, table);
        }
        Rows { tables }
    }

    /// The value of `table.column` in the row at `position` (in the reading's row order).
    pub fn value(&self, table: &str, column: &str, position: usize) -> Option<&Value> {
        let table = self.tables.get(table)?;
        let i = table.columns.iter().position(|c| c == column)?;
        table.rows.get(position).map(|row| &row[i])
    }

    /// Asserts that [`Rows::differences`] finds none.
    pub fn assert_kept_in(&self, after: &Rows, changes: &Changes) {
        let differences = self.differences(after, changes);
        assert!(differences.is_empty(), "{}", differences.join("\n"));
    }

    /// Every value of every column `self` has that is not still there in `after` meaning the
    /// same, in the table of the same name or the one `changes.renamed` gives it. Naive
    /// timestamps are read in `changes.zone` here and in UTC there (how lexbase stores them);
    /// `changes.left_alone` tables must be identical. Tables and columns that only `after`
    /// has are lexbase's additions.
    pub fn differences(&self, after: &Rows, changes: &Changes) -> Vec<String> {
        let mut found = Vec::new();
        for (name, table) in &self.tables {
            let new_name = changes
                .renamed
                .iter()
                .find(|(old, _)| old == name)
                .map_or(name.as_str(), |(_, new)| new);
            let Some(now) = after.tables.get(new_name) else {
                found.push(format!("table {name} (as {new_name}) is gone"));
                continue;
            };
            if changes.left_alone.contains(&name.as_str()) {
                if table != now {
                    found.push(format!("table {name} was left alone, yet it changed"));
                }
                continue;
            }
            if table.rows.len() != now.rows.len() {
                found.push(format!(
                    "table {name}: {} rows became {}",
                    table.rows.len(),
                    now.rows.len()
                ));
                continue;
            }
            for (i, column) in table.columns.iter().enumerate() {
                let Some(j) = now.columns.iter().position(|c| c == column) else {
                    found.push(format!("table {name}: column {column} is gone"));
                    continue;
                };
                let filled = changes
                    .filled
                    .contains(&format!("{name}.{column}").as_str());
                for (row, (old, new)) in table.rows.iter().zip(&now.rows).enumerate() {
                    let was_filled = filled && old[i] == Value::Null && new[j] != Value::Null;
                    if !was_filled && !old[i].same(&new[j], changes.zone, Tz::UTC) {
                        found.push(format!(
                            "table {name}, row {row}, column {column}: {:?} became {:?}",
                            old[i], new[j]
                        ));
                    }
                }
            }
        }
        found
    }
}
