//! Builds an upstream app's database from a state file in `upstream_apps/` (its README
//! describes the format): includes spliced in, lines kept by tag, placeholders spelled for
//! the backend, then one statement at a time on the connection.

use crate::support::exec;
use migration::testing::Backend;
use sea_orm::DatabaseConnection;
use std::path::{Path, PathBuf};

/// Where the state files live.
fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/migrations/upstream_apps")
}

/// The tag a backend's own lines carry.
fn backend_tag(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
        Backend::MySql => "mariadb",
    }
}

/// How SQLAlchemy spells each placeholder's DDL on `backend`.
fn placeholders(backend: Backend) -> [(&'static str, &'static str); 10] {
    match backend {
        Backend::Postgres => [
            ("{id}", "id SERIAL NOT NULL"),
            ("{tstz}", "TIMESTAMP WITH TIME ZONE"),
            ("{ts}", "TIMESTAMP WITHOUT TIME ZONE"),
            ("{now}", "now()"),
            ("{json}", "JSON"),
            ("{bool}", "BOOLEAN"),
            ("{float}", "FLOAT"),
            ("{double}", "DOUBLE PRECISION"),
            ("{utc}", "+00"),
            ("{options}", ""),
        ],
        Backend::MySql => [
            ("{id}", "id INTEGER NOT NULL AUTO_INCREMENT"),
            ("{tstz}", "DATETIME"),
            ("{ts}", "DATETIME"),
            ("{now}", "CURRENT_TIMESTAMP"),
            // MariaDB's JSON is LONGTEXT with a json_valid CHECK, as UPSTREAM.md says.
            ("{json}", "JSON"),
            ("{bool}", "BOOL"),
            ("{float}", "FLOAT"),
            ("{double}", "DOUBLE"),
            ("{utc}", ""),
            ("{options}", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
        ],
        Backend::Sqlite => [
            ("{id}", "id INTEGER NOT NULL"),
            ("{tstz}", "DATETIME"),
            ("{ts}", "DATETIME"),
            ("{now}", "(CURRENT_TIMESTAMP)"),
            ("{json}", "JSON"),
            ("{bool}", "BOOLEAN"),
            ("{float}", "FLOAT"),
            ("{double}", "FLOAT"),
            ("{utc}", ""),
            ("{options}", ""),
        ],
    }
}

/// `file` with its includes spliced in, as lines.
fn expand(file: &str, lines: &mut Vec<String>) {
    let path = directory().join(file);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    for line in text.lines() {
        match line.strip_prefix("-- include: ") {
            Some(included) => expand(included.trim(), lines),
            None => lines.push(line.to_owned()),
        }
    }
}

/// The state files in `upstream_apps/` that exist on `backend`: all but those whose
/// `-- backends: ...` line leaves it out (a state the app can build only on some backends).
pub fn states(backend: Backend) -> Vec<String> {
    let mut states: Vec<String> = std::fs::read_dir(directory())
        .expect("list upstream_apps/")
        .map(|entry| entry.expect("read upstream_apps/").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| name.ends_with(".sql"))
        .filter(|name| {
            let mut lines = Vec::new();
            expand(name, &mut lines);
            lines
                .iter()
                .filter_map(|line| line.strip_prefix("-- backends: "))
                .all(|listed| listed.split_whitespace().any(|b| b == backend_tag(backend)))
        })
        .collect();
    states.sort();
    states
}

/// The statements of state file `file` on `backend`.
pub fn statements(file: &str, backend: Backend) -> Vec<String> {
    let mut lines = Vec::new();
    expand(file, &mut lines);
    let mut tags = vec![backend_tag(backend).to_owned()];
    for line in &lines {
        if let Some(named) = line.strip_prefix("-- tags: ") {
            tags.extend(named.split_whitespace().map(str::to_owned));
        }
    }
    let mut sql = String::new();
    for line in &lines {
        let kept = match line.strip_prefix("--[") {
            Some(rest) => {
                let (wanted, text) = rest.split_once(']').expect("--[tags] text");
                wanted
                    .split(',')
                    .any(|tag| tags.iter().any(|t| t == tag.trim()))
                    .then(|| text.strip_prefix(' ').unwrap_or(text))
            }
            None if line.trim_start().starts_with("--") => None,
            None => Some(line.as_str()),
        };
        if let Some(text) = kept {
            sql.push_str(text);
            sql.push('\n');
        }
    }
    // A MariaDB whose databases took the server's old default character set.
    if backend == Backend::MySql && tags.iter().any(|t| t == "latin1") {
        sql = sql.replace("{options}", "ENGINE=InnoDB DEFAULT CHARSET=latin1");
    }
    for (placeholder, spelled) in placeholders(backend) {
        sql = sql.replace(placeholder, spelled);
    }
    sql.split(";\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Runs state file `file` on the connected (empty) database.
pub async fn build(conn: &DatabaseConnection, backend: Backend, file: &str) {
    for statement in statements(file, backend) {
        exec(conn, &statement).await;
    }
}
