//! The one dedicated connection a schema-changing command works through: the migration lock
//! is a property of its session, so every statement goes through it.

use super::Options;
use crate::config::DatabaseUrl;
use crate::error::Result;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// A dedicated connection, set up for migrating.
pub struct Session {
    db: DatabaseConnection,
    url: DatabaseUrl,
    pid: Option<i64>,
}

impl Session {
    /// Connects and, on PostgreSQL, sets `lock_timeout`, `statement_timeout` and (from
    /// PostgreSQL 14) `client_connection_check_interval`, so a killed migrator's statement is
    /// cancelled and its lock freed within a second instead of when the statement ends.
    ///
    /// # Errors
    /// Connecting or the set-up statements failing.
    pub async fn open(url: &DatabaseUrl, options: &Options) -> Result<Self> {
        let db = url.connect_dedicated(options.connect_timeout).await?;
        let backend = db.get_database_backend();
        let pid = match backend {
            DbBackend::Postgres => {
                let row = db
                    .query_one_raw(Statement::from_string(
                        backend,
                        "SELECT pg_backend_pid()::bigint, \
                         current_setting('server_version_num')::bigint",
                    ))
                    .await?;
                let (pid, version): (i64, i64) = match row {
                    Some(row) => (row.try_get_by_index(0)?, row.try_get_by_index(1)?),
                    None => (0, 0),
                };
                let mut settings = vec![
                    format!("SET lock_timeout = {}", options.lock_timeout.as_millis()),
                    format!(
                        "SET statement_timeout = {}",
                        options.statement_timeout.map_or(0, |t| t.as_millis())
                    ),
                ];
                if version >= 140_000 {
                    settings.push("SET client_connection_check_interval = 1000".to_owned());
                }
                db.execute_unprepared(&settings.join("; ")).await?;
                Some(pid)
            }
            DbBackend::MySql => {
                let row = db
                    .query_one_raw(Statement::from_string(
                        backend,
                        "SELECT CAST(CONNECTION_ID() AS SIGNED)",
                    ))
                    .await?;
                match row {
                    Some(row) => Some(row.try_get_by_index(0)?),
                    None => None,
                }
            }
            _ => None,
        };
        Ok(Self {
            db,
            url: url.clone(),
            pid,
        })
    }

    /// The connection.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Its backend.
    pub fn backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    /// The URL it was opened with.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// The server's id for this session (PostgreSQL backend pid, MySQL connection id).
    pub fn pid(&self) -> Option<i64> {
        self.pid
    }

    /// Runs `statements` in order.
    ///
    /// # Errors
    /// The first statement that fails.
    pub async fn run(&self, statements: &[String]) -> Result<()> {
        for sql in statements {
            self.db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    /// Closes the connection (ending the session releases anything it still holds).
    pub async fn close(self) {
        let _ = self.db.close().await;
    }
}
