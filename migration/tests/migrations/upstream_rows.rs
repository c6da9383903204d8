//! Every row of every table, read so that two readings compare by meaning, not spelling:
//! each value as text, a timestamp as the instant it names (a naive one read as UTC), JSON
//! as its value. Adoption may change a column's type (naive to tz-aware, json to jsonb,
//! FLOAT to DOUBLE, varchar to enum, DATETIME to DATETIME(6)); it must not change a value.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use migration::schema::live;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::collections::BTreeMap;

/// Table → column → values in primary-key order.
#[derive(Debug, PartialEq, Eq)]
pub struct Rows(BTreeMap<String, BTreeMap<String, Vec<Option<String>>>>);

fn instant(text: &str) -> Option<DateTime<Utc>> {
    for format in [
        "%Y-%m-%d %H:%M:%S%.f%#z",
        "%Y-%m-%dT%H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
    ] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Some(at.to_utc());
        }
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|naive| naive.and_utc())
}

fn meaning(text: String) -> String {
    if let Some(at) = instant(&text) {
        return at.to_rfc3339_opts(SecondsFormat::Micros, true);
    }
    if (text.starts_with('{') || text.starts_with('['))
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(&text)
    {
        return value.to_string();
    }
    text
}

impl Rows {
    /// Reads every application table.
    pub async fn read(conn: &DatabaseConnection) -> Rows {
        let backend = conn.get_database_backend();
        let (q, text) = if backend == DbBackend::MySql {
            ('`', "CHAR")
        } else {
            ('"', "TEXT")
        };
        let schema = live::snapshot(conn).await.expect("read the schema");
        let mut out = BTreeMap::new();
        for (name, table) in &schema.tables {
            let columns: Vec<&String> = table.columns.keys().collect();
            let list: Vec<String> = columns
                .iter()
                .map(|c| format!("CAST({q}{c}{q} AS {text})"))
                .collect();
            let sql = format!(
                "SELECT {} FROM {q}{name}{q} ORDER BY {q}id{q}",
                list.join(", ")
            );
            let rows = conn
                .query_all_raw(Statement::from_string(backend, sql.clone()))
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            let mut by_column: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
            for row in rows {
                for (i, column) in columns.iter().enumerate() {
                    let value: Option<String> = row.try_get_by_index(i).expect("a text value");
                    by_column
                        .entry((*column).clone())
                        .or_default()
                        .push(value.map(meaning));
                }
            }
            out.insert(name.clone(), by_column);
        }
        Rows(out)
    }

    /// The value of `table.column` in the row at `position` (primary-key order).
    pub fn value(&self, table: &str, column: &str, position: usize) -> Option<String> {
        self.0
            .get(table)
            .and_then(|t| t.get(column))
            .and_then(|values| values.get(position).cloned().flatten())
    }

    /// Asserts that every table and column of `self` is in `later` with the same values
    /// (`later` may have more columns and tables: the ones lexbase added).
    pub fn assert_kept_in(&self, later: &Rows) {
        for (table, columns) in &self.0 {
            let now = later
                .0
                .get(table)
                .unwrap_or_else(|| panic!("table {table} is gone"));
            for (column, values) in columns {
                assert_eq!(now.get(column), Some(values), "{table}.{column} changed");
            }
        }
    }
}
