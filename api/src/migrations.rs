//! Migrating at start-up and on demand, and what `/health` reports about it.

use crate::state::AppState;
use migration::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbErr};
use sea_orm_migration::MigrationStatus as Status;
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

/// (newest applied, pending count), without creating any table.
async fn applied_and_pending(db: &DatabaseConnection) -> Result<(Option<String>, usize), DbErr> {
    let all = Migrator::get_migration_with_status_read_only(db).await?;
    let current = all
        .iter()
        .rev()
        .find(|m| m.status() == Status::Applied)
        .map(|m| m.name().to_owned());
    let pending = all.iter().filter(|m| m.status() == Status::Pending).count();
    Ok((current, pending))
}

/// Reads where the database stands into the shared status, keeping `Running`/`Failed`.
///
/// # Errors
/// The status query failing (database unreachable).
pub async fn refresh(state: &AppState) -> Result<MigrationStatus, DbErr> {
    let (current, pending) = applied_and_pending(&state.db).await?;
    let mut status = state.migrations.write().await;
    status.current = current;
    status.pending = pending;
    if pending == 0 {
        status.state = MigrationState::Applied;
        status.error = None;
    }
    Ok(status.clone())
}

/// Migrates to head and records the outcome; never fails the caller (degraded mode).
pub async fn migrate(state: &AppState) -> MigrationStatus {
    state.migrations.write().await.state = MigrationState::Running;
    let outcome = upgrade(&state.db).await;
    {
        let mut status = state.migrations.write().await;
        match &outcome {
            Ok(()) => {
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

async fn upgrade(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
