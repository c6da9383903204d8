//! The upstream fixtures and how they are spelt per backend.

use crate::support::exec;
use migration::testing::Backend;
use sea_orm::DatabaseConnection;

pub const LINDIA: &str = include_str!("../upstream/lindia.sql");
pub const AUDITOR: &str = include_str!("../upstream/auditor.sql");
pub const CORTAP: &str = include_str!("../upstream/cortap.sql");
pub const REQAGENT: &str = include_str!("../upstream/reqagent.sql");

/// The fixture's statements for `backend`: `--[pg,mysql] ` lines kept only on the backends
/// they name, other `--` lines dropped, placeholders spelt the way SQLAlchemy emits them.
fn statements(fixture: &str, backend: Backend) -> Vec<String> {
    let tag = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "pg",
        Backend::MySql => "mysql",
    };
    let mut text = String::new();
    for line in fixture.lines() {
        let kept = match line.strip_prefix("--[") {
            Some(rest) => rest
                .split_once("] ")
                .filter(|(tags, _)| tags.split(',').any(|t| t == tag))
                .map(|(_, sql)| sql),
            None if line.trim_start().starts_with("--") => None,
            None => Some(line),
        };
        if let Some(line) = kept {
            text.push_str(line);
            text.push('\n');
        }
    }
    let text = enums(&text, backend);
    let (id, tstz, ts, now, json, jsonb, boolean, float, options, quote, utc) = match backend {
        Backend::Postgres => (
            "id SERIAL NOT NULL",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP WITHOUT TIME ZONE",
            "now()",
            "JSON",
            "JSONB",
            "BOOLEAN",
            "FLOAT",
            "",
            '"',
            "+00",
        ),
        Backend::MySql => (
            "id INTEGER NOT NULL AUTO_INCREMENT",
            "DATETIME",
            "DATETIME",
            "CURRENT_TIMESTAMP",
            "JSON",
            "JSON",
            "BOOL",
            "FLOAT",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
            '`',
            "",
        ),
        Backend::Sqlite => (
            "id INTEGER NOT NULL",
            "DATETIME",
            "DATETIME",
            "(CURRENT_TIMESTAMP)",
            "JSON",
            "JSON",
            "BOOLEAN",
            "FLOAT",
            "",
            '"',
            "",
        ),
    };
    text.replace("{id}", id)
        .replace("{tstz}", tstz)
        .replace("{ts}", ts)
        .replace("{now}", now)
        .replace("{jsonb}", jsonb)
        .replace("{json}", json)
        .replace("{bool}", boolean)
        .replace("{float}", float)
        .replace("{options}", options)
        .replace("{timestamp}", &format!("{quote}timestamp{quote}"))
        .replace("{utc}", utc)
        .split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `{enum:NAME:a,b}`: the native type on PostgreSQL, an inline ENUM on MariaDB, VARCHAR of
/// the longest value on SQLite.
fn enums(text: &str, backend: Backend) -> String {
    let mut out = text.to_owned();
    while let Some(start) = out.find("{enum:") {
        let end = start + out[start..].find('}').expect("closed {enum:...}");
        let (name, values) = out[start + 6..end]
            .split_once(':')
            .expect("{enum:NAME:values}");
        let values: Vec<&str> = values.split(',').collect();
        let spelt = match backend {
            Backend::Postgres => name.to_owned(),
            Backend::MySql => format!(
                "ENUM({})",
                values
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Backend::Sqlite => format!(
                "VARCHAR({})",
                values.iter().map(|v| v.len()).max().unwrap_or(1)
            ),
        };
        out.replace_range(start..=end, &spelt);
    }
    out
}

/// Builds `fixtures` on `conn` and records `revision` the way Alembic does.
pub async fn build(conn: &DatabaseConnection, backend: Backend, fixtures: &[&str], revision: &str) {
    exec(
        conn,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, \
         CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
    )
    .await;
    exec(
        conn,
        &format!("INSERT INTO alembic_version (version_num) VALUES ('{revision}')"),
    )
    .await;
    for fixture in fixtures {
        for sql in statements(fixture, backend) {
            exec(conn, &sql).await;
        }
    }
}
