//! What the dashboard shows, gathered from the migration library: every migration's state
//! (`Runner::overview`), who holds the migration lock, the cached schema comparison, and the
//! server's own last migrating error.

use crate::drift::SchemaDrift;
use crate::migrations::{self, MigrationStatus};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use migration::state::{Overview, State};

/// Everything on the page.
#[derive(Debug, Clone)]
pub struct Report {
    /// The application's database, password masked.
    pub database: String,
    /// The database migrations run on, when it is another URL (password masked).
    pub migration_database: Option<String>,
    /// `postgres`, `mysql` or `sqlite`.
    pub backend: &'static str,
    /// The server's migration status (its state and last error).
    pub status: MigrationStatus,
    /// Every migration, or why they could not be read.
    pub migrations: Result<Vec<Row>, String>,
    /// The last applied migration and the newest one, as the database says.
    pub current: Option<String>,
    /// The newest migration this build has.
    pub head: Option<String>,
    /// The cached schema comparison.
    pub drift: SchemaDrift,
    /// Who holds the migration lock (`Ok(None)`: nobody), or why that is unknown.
    pub lock: Result<Option<String>, String>,
}

/// One migration's line.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its name.
    pub name: String,
    /// What it does.
    pub message: String,
    /// `applied`, `pending`, `out of order`, `changed`, `unverified`, `incomplete`,
    /// `vanished`.
    pub state: &'static str,
    /// When it was applied.
    pub applied_at: Option<DateTime<Utc>>,
    /// How long applying it took.
    pub duration_ms: Option<i64>,
    /// Its checksum compared with the recorded one, in words.
    pub checksum: String,
}

fn rows(overview: &Overview) -> Vec<Row> {
    let mut rows: Vec<Row> = overview
        .migrations
        .iter()
        .map(|m| Row {
            name: m.name.clone(),
            message: m.message.clone(),
            state: m.state.word(),
            applied_at: m
                .applied_at
                .and_then(|secs| DateTime::from_timestamp(secs, 0)),
            duration_ms: m.duration_ms,
            checksum: match (m.state, m.recorded_checksum.as_deref()) {
                (State::Pending | State::OutOfOrder, _) => "-".to_owned(),
                (_, None) => "not recorded".to_owned(),
                (_, Some(recorded)) if recorded == m.checksum => {
                    format!("matches ({})", migration::checksum::short(recorded))
                }
                (_, Some(recorded)) => format!(
                    "differs: recorded {}, now {}",
                    migration::checksum::short(recorded),
                    migration::checksum::short(&m.checksum)
                ),
            },
        })
        .collect();
    rows.extend(overview.vanished.iter().map(|name| Row {
        name: name.clone(),
        message: "recorded as applied, no longer in this build".to_owned(),
        state: "vanished",
        applied_at: None,
        duration_ms: None,
        checksum: "-".to_owned(),
    }));
    rows
}

fn backend_name(backend: sea_orm::DbBackend) -> &'static str {
    match backend {
        sea_orm::DbBackend::Postgres => "postgres",
        sea_orm::DbBackend::MySql => "mysql",
        _ => "sqlite",
    }
}

/// Reads everything the page shows. Never fails: what cannot be read says why.
#[tracing::instrument(skip_all)]
pub async fn gather(state: &AppState) -> Report {
    let config = &state.config;
    let url = config
        .migration_database_url
        .as_ref()
        .unwrap_or(&config.database_url);
    let status = match migrations::refresh(state).await {
        Ok(status) => status,
        Err(_) => state.migrations.read().await.clone(),
    };
    let runner = migration::Runner::new(url.clone(), config.migration.clone());
    let (overview, lock) = match &runner {
        Ok(runner) => {
            let (overview, lock) = tokio::join!(runner.overview(), runner.lock_holder());
            (
                overview.map_err(|e| crate::telemetry::Chain(&e).to_string()),
                lock.map_err(|e| crate::telemetry::Chain(&e).to_string()),
            )
        }
        Err(e) => {
            let why = crate::telemetry::Chain(e).to_string();
            (Err(why.clone()), Err(why))
        }
    };
    let (current, head) = match &overview {
        Ok(o) => (o.current.clone(), o.head.clone()),
        Err(_) => (status.current.clone(), Some(status.head.clone())),
    };
    Report {
        database: config.database_url.masked(),
        migration_database: config
            .migration_database_url
            .as_ref()
            .map(migration::config::DatabaseUrl::masked),
        backend: backend_name(config.database_url.backend()),
        status,
        migrations: overview.map(|o| rows(&o)),
        current,
        head,
        drift: state.drift.read().await.clone(),
        lock,
    }
}
