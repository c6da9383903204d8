//! How each backend's columns are read for [`super::rows`]: every value selected as text in a
//! form that parses back the same whatever the column's type (timestamps formatted to the
//! microsecond, MariaDB's TIMESTAMP as epoch seconds, SQLite's REAL to 17 digits), and the
//! kind of each column read from the catalog (MariaDB's JSON is LONGTEXT with a json_valid
//! CHECK; SQLite keeps the declared type).

use super::rows::{Table, Value};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// How a column's values are read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    Int,
    Float {
        single: bool,
    },
    Bool,
    Text,
    Json,
    Naive,
    Instant,
    /// SQLite keeps timestamps as text, with an offset or without one.
    SqliteTime,
}

/// Every row of `table`, sorted by the text of its columns (the primary key first).
pub async fn read_table(conn: &DatabaseConnection, table: &str) -> Table {
    let backend = conn.get_database_backend();
    let columns = columns(conn, table).await;
    let expressions: Vec<String> = columns
        .iter()
        .map(|(name, reading)| expression(backend, name, *reading))
        .collect();
    let quoted = quote(backend, table);
    let sql = format!("SELECT {} FROM {quoted}", expressions.join(", "));
    let mut raw: Vec<Vec<Option<String>>> = all(conn, &sql)
        .await
        .into_iter()
        .map(|row| {
            (0..columns.len())
                .map(|i| row.try_get_by_index::<Option<String>>(i).unwrap())
                .collect()
        })
        .collect();
    // The first column is the primary key in every fixture table; its text orders the same
    // before and after.
    raw.sort();
    let rows = raw
        .into_iter()
        .map(|row| {
            row.into_iter()
                .zip(&columns)
                .map(|(text, (_, reading))| parse(text, *reading))
                .collect()
        })
        .collect();
    Table {
        columns: columns.into_iter().map(|(name, _)| name).collect(),
        rows,
    }
}

fn quote(backend: DbBackend, name: &str) -> String {
    match backend {
        DbBackend::MySql => format!("`{name}`"),
        _ => format!("\"{name}\""),
    }
}

/// SQL that reads column `name` as text in a form [`parse`] understands.
fn expression(backend: DbBackend, name: &str, reading: Reading) -> String {
    let column = quote(backend, name);
    match (backend, reading) {
        (DbBackend::Postgres, Reading::Instant) => {
            format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")
        }
        (DbBackend::Postgres, Reading::Naive) => {
            format!("to_char({column}, 'YYYY-MM-DD HH24:MI:SS.US')")
        }
        (DbBackend::Postgres, _) => format!("{column}::text"),
        (DbBackend::MySql, Reading::Naive) => {
            format!("DATE_FORMAT({column}, '%Y-%m-%d %H:%i:%s.%f')")
        }
        // MariaDB's TIMESTAMP converts through the session zone; its epoch does not.
        (DbBackend::MySql, Reading::Instant) => {
            format!("CAST(UNIX_TIMESTAMP({column}) AS CHAR)")
        }
        (DbBackend::MySql, _) => format!("CAST({column} AS CHAR)"),
        (_, Reading::Float { .. }) => format!("printf('%!.17g', {column})"),
        _ => format!("CAST({column} AS TEXT)"),
    }
}

fn parse(text: Option<String>, reading: Reading) -> Value {
    let Some(text) = text else {
        return Value::Null;
    };
    let bad = |e: &dyn std::fmt::Display| -> ! { panic!("{reading:?} value {text:?}: {e}") };
    match reading {
        Reading::Int => Value::Int(text.parse().unwrap_or_else(|e| bad(&e))),
        Reading::Float { single } => Value::Float {
            value: text.parse().unwrap_or_else(|e| bad(&e)),
            single,
        },
        Reading::Bool => Value::Bool(matches!(text.as_str(), "1" | "t" | "true")),
        Reading::Text => Value::Text(text),
        Reading::Json => Value::Json(serde_json::from_str(&text).unwrap_or_else(|e| bad(&e))),
        Reading::Naive => Value::Naive(naive(&text).unwrap_or_else(|| bad(&"not a timestamp"))),
        Reading::Instant if !text.contains('-') => {
            // MariaDB's epoch seconds with a fraction.
            let seconds: f64 = text.parse().unwrap_or_else(|e| bad(&e));
            let micros = (seconds * 1e6).round() as i64;
            Value::Instant(DateTime::from_timestamp_micros(micros).unwrap())
        }
        Reading::Instant => Value::Instant(
            naive(&text)
                .unwrap_or_else(|| bad(&"not a timestamp"))
                .and_utc(),
        ),
        Reading::SqliteTime => match aware(&text) {
            Some(at) => Value::Instant(at),
            None => Value::Naive(naive(&text).unwrap_or_else(|| bad(&"not a timestamp"))),
        },
    }
}

fn naive(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
}

fn aware(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.to_utc());
    }
    [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f %:z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
    ]
    .iter()
    .find_map(|format| DateTime::parse_from_str(text, format).ok())
    .map(|at| at.to_utc())
    .or_else(|| {
        let naive = text.strip_suffix('Z')?;
        self::naive(naive).map(|at| at.and_utc())
    })
}

async fn all(conn: &DatabaseConnection, sql: &str) -> Vec<sea_orm::QueryResult> {
    conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Column names and how to read them, in table order.
async fn columns(conn: &DatabaseConnection, table: &str) -> Vec<(String, Reading)> {
    let texts = |row: &sea_orm::QueryResult, n: usize| -> Vec<String> {
        (0..n)
            .map(|i| row.try_get_by_index::<String>(i).unwrap())
            .collect()
    };
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            let sql = format!(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' \
                 ORDER BY ordinal_position"
            );
            all(conn, &sql)
                .await
                .iter()
                .map(|row| {
                    let [name, kind]: [String; 2] = texts(row, 2).try_into().unwrap();
                    let reading = match kind.as_str() {
                        "integer" | "bigint" | "smallint" => Reading::Int,
                        "real" => Reading::Float { single: true },
                        "double precision" => Reading::Float { single: false },
                        "boolean" => Reading::Bool,
                        "json" | "jsonb" => Reading::Json,
                        "timestamp without time zone" => Reading::Naive,
                        "timestamp with time zone" => Reading::Instant,
                        _ => Reading::Text,
                    };
                    (name, reading)
                })
                .collect()
        }
        DbBackend::MySql => {
            let checks = format!(
                "SELECT CAST(CHECK_CLAUSE AS CHAR) FROM information_schema.CHECK_CONSTRAINTS \
                 WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = '{table}'"
            );
            let checks: Vec<String> = all(conn, &checks)
                .await
                .iter()
                .map(|row| texts(row, 1).remove(0))
                .collect();
            let sql = format!(
                "SELECT CAST(COLUMN_NAME AS CHAR), CAST(DATA_TYPE AS CHAR), \
                 CAST(COLUMN_TYPE AS CHAR) FROM information_schema.COLUMNS \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' \
                 ORDER BY ORDINAL_POSITION"
            );
            all(conn, &sql)
                .await
                .iter()
                .map(|row| {
                    let [name, kind, full]: [String; 3] = texts(row, 3).try_into().unwrap();
                    let json = format!("json_valid(`{name}`)");
                    let reading = match kind.as_str() {
                        _ if full == "tinyint(1)" => Reading::Bool,
                        "tinyint" | "smallint" | "mediumint" | "int" | "bigint" => Reading::Int,
                        "float" => Reading::Float { single: true },
                        "double" => Reading::Float { single: false },
                        "datetime" => Reading::Naive,
                        "timestamp" => Reading::Instant,
                        "json" => Reading::Json,
                        _ if checks.iter().any(|c| c.contains(&json)) => Reading::Json,
                        _ => Reading::Text,
                    };
                    (name, reading)
                })
                .collect()
        }
        _ => {
            let sql = format!("SELECT name, type FROM pragma_table_info('{table}') ORDER BY cid");
            all(conn, &sql)
                .await
                .iter()
                .map(|row| {
                    let [name, declared]: [String; 2] = texts(row, 2).try_into().unwrap();
                    let declared = declared.to_lowercase();
                    let reading = if declared.contains("time") {
                        Reading::SqliteTime
                    } else if declared.contains("json") {
                        Reading::Json
                    } else if declared.contains("bool") {
                        Reading::Bool
                    } else if declared.contains("int") {
                        Reading::Int
                    } else if ["float", "double", "real"]
                        .iter()
                        .any(|f| declared.contains(f))
                    {
                        Reading::Float { single: false }
                    } else {
                        Reading::Text
                    };
                    (name, reading)
                })
                .collect()
        }
    }
}
