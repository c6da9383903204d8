//! `--backup DIR`: a copy of the database taken under the migration lock just before anything
//! changes, and the command that restores it.
//!
//! SQLite: `VACUUM INTO` a timestamped file. PostgreSQL: `pg_dump --format=custom`.
//! MariaDB/MySQL: `mariadb-dump` (or `mysqldump`). Client tools get the password through
//! their environment variable, never on the command line, and the printed restore command
//! carries none.

use super::session::Session;
use crate::error::{Error, Result};
use sea_orm::{ConnectionTrait, DbBackend};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A backup that was written.
#[derive(Debug, Clone, Serialize)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// A shell command that puts it back.
    pub restore: String,
}

/// Writes a backup of the session's database into `dir` (created if missing).
///
/// # Errors
/// [`Error::Backup`] when the directory cannot be made, the tool is missing or fails, or the
/// database is in memory.
#[tracing::instrument(skip_all, fields(dir = %dir.display()))]
pub async fn create(session: &Session, dir: &Path) -> Result<Backup> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Backup(format!("cannot create {}: {e}", dir.display())))?;
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let url = session.url();
    let name = url.database_name().unwrap_or_else(|| "database".to_owned());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%3fZ");
    match session.backend() {
        DbBackend::Postgres => {
            let path = dir.join(format!("{name}-{stamp}.dump"));
            let mut command = tokio::process::Command::new("pg_dump");
            command
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(&path)
                .arg("--dbname")
                .arg(url.without_password());
            if let Some(password) = url.password() {
                command.env("PGPASSWORD", password);
            }
            run_tool("pg_dump", command).await?;
            let restore = format!(
                "pg_restore --clean --if-exists --no-owner --dbname {} {}",
                quote(&url.without_password()),
                quote(&path.to_string_lossy())
            );
            Ok(Backup { path, restore })
        }
        DbBackend::MySql => {
            let path = dir.join(format!("{name}-{stamp}.sql"));
            let parsed = url::Url::parse(url.expose())
                .map_err(|e| Error::Backup(format!("cannot read the database URL: {e}")))?;
            let host = parsed.host_str().unwrap_or("localhost").to_owned();
            let port = parsed.port().unwrap_or(3306).to_string();
            let user = parsed.username().to_owned();
            let (dump, client) = if on_path("mariadb-dump") {
                ("mariadb-dump", "mariadb")
            } else {
                ("mysqldump", "mysql")
            };
            let mut command = tokio::process::Command::new(dump);
            command
                .args([
                    "--single-transaction",
                    "--routines",
                    "--host",
                    &host,
                    "--port",
                    &port,
                ])
                .arg(format!("--result-file={}", path.display()));
            if !user.is_empty() {
                command.args(["--user", &user]);
            }
            command.arg(&name);
            if let Some(password) = url.password() {
                command.env("MYSQL_PWD", password);
            }
            run_tool(dump, command).await?;
            let user_flag = if user.is_empty() {
                String::new()
            } else {
                format!(" --user {}", quote(&user))
            };
            let restore = format!(
                "{client} --host {} --port {port}{user_flag} {} < {}",
                quote(&host),
                quote(&name),
                quote(&path.to_string_lossy())
            );
            Ok(Backup { path, restore })
        }
        _ => {
            let file = url.sqlite_file().ok_or_else(|| {
                Error::Backup("an in-memory SQLite database has nothing to back up".to_owned())
            })?;
            let file = std::fs::canonicalize(&file).unwrap_or(file);
            let path = dir.join(format!("{name}-{stamp}.db"));
            let target = path.to_string_lossy().replace('\'', "''");
            session
                .db()
                .execute_unprepared(&format!("VACUUM INTO '{target}'"))
                .await
                .map_err(|e| Error::Backup(format!("VACUUM INTO {}: {e}", path.display())))?;
            let restore = format!(
                "cp {} {}",
                quote(&path.to_string_lossy()),
                quote(&file.to_string_lossy())
            );
            Ok(Backup { path, restore })
        }
    }
}

async fn run_tool(tool: &str, mut command: tokio::process::Command) -> Result<()> {
    command
        .kill_on_drop(true)
        .stdin(std::process::Stdio::null());
    let output = command.output().await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Backup(format!(
                "{tool} is not on PATH: install the database's client tools, or run without --backup"
            ))
        } else {
            Error::Backup(format!("cannot run {tool}: {e}"))
        }
    })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(Error::Backup(format!(
        "{tool} failed: {}",
        stderr.lines().next().unwrap_or("no message").trim()
    )))
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// Quotes `text` for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
