//! Migrating at start-up and on demand, and what `/health` reports about it.

use crate::state::AppState;
use serde::Serialize;

/// Where migrating stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MigrationState {
    /// Not attempted yet (or `AUTO_MIGRATE=false` and the database is behind).
    Pending,
    /// Running now.
    Running,
    /// At head.
    Applied,
    /// The last attempt failed; see `error`.
    Failed,
    /// Development only (`DEV_CREATE_TABLES`): the tables were created from the entities
    /// because migrating did not run or failed. Domain routes work; nothing is recorded.
    DevTables,
}

impl MigrationState {
    /// Every state, for exporting one gauge per state.
    pub const ALL: [MigrationState; 5] = [
        MigrationState::Pending,
        MigrationState::Running,
        MigrationState::Applied,
        MigrationState::Failed,
        MigrationState::DevTables,
    ];

    /// The state as `/health` spells it.
    pub fn word(self) -> &'static str {
        match self {
            MigrationState::Pending => "pending",
            MigrationState::Running => "running",
            MigrationState::Applied => "applied",
            MigrationState::Failed => "failed",
            MigrationState::DevTables => "dev_tables",
        }
    }

    /// Whether domain routes may run on the schema in this state.
    pub fn serves_requests(self) -> bool {
        matches!(self, MigrationState::Applied | MigrationState::DevTables)
    }
}

/// The migration part of `/health` and `/admin/migrations`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MigrationStatus {
    /// Where migrating stands.
    pub state: MigrationState,
    /// The newest applied migration, if any.
    pub current: Option<String>,
    /// The newest migration this build knows.
    pub head: String,
    /// How many migrations are not applied.
    pub pending: usize,
    /// Why the last attempt failed (no secrets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Default for MigrationStatus {
    fn default() -> Self {
        Self {
            state: MigrationState::Pending,
            current: None,
            head: head_name(),
            pending: migration::plans().len(),
            error: None,
        }
    }
}

/// The last migration name in this build.
fn head_name() -> String {
    migration::plans()
        .last()
        .map(|plan| plan.name().to_owned())
        .unwrap_or_default()
}

/// Reads where the database stands into the shared status, keeping `Running`/`Failed`.
///
/// # Errors
/// The status query failing (database unreachable).
pub async fn refresh(state: &AppState) -> Result<MigrationStatus, migration::Error> {
    let health = migration::status(&state.db).await?;
    let mut status = state.migrations.write().await;
    status.current = health.current;
    status.pending = health.pending;
    if health.pending == 0 && health.problems.is_empty() {
        status.state = MigrationState::Applied;
        status.error = None;
    }
    Ok(status.clone())
}

/// Migrates to head through the migration library, under its cross-process lock (replicas
/// starting together apply each migration once), and records the outcome; never fails the
/// caller (degraded mode).
pub async fn migrate(state: &AppState) -> MigrationStatus {
    {
        // A server that serves is at this build's head already: a retry only re-reads the
        // status, and requests keep being served meanwhile.
        let mut status = state.migrations.write().await;
        if status.state.serves_requests() {
            drop(status);
            return match refresh(state).await {
                Ok(status) => status,
                Err(_) => state.migrations.read().await.clone(),
            };
        }
        status.state = MigrationState::Running;
    }
    let config = &state.config;
    let url = config
        .migration_database_url
        .as_ref()
        .unwrap_or(&config.database_url);
    let outcome = migration::upgrade(url, &config.migration).await;
    {
        let mut status = state.migrations.write().await;
        match &outcome {
            Ok(_) => {
                status.state = MigrationState::Applied;
                status.error = None;
            }
            Err(error) => {
                tracing::error!(%error, "migrating failed; serving in degraded mode");
                status.state = MigrationState::Failed;
                status.error = Some(error.to_string());
            }
        }
    }
    match refresh(state).await {
        Ok(status) => status,
        Err(_) => state.migrations.read().await.clone(),
    }
}
