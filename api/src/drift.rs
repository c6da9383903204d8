//! Schema drift: the live schema compared with the entities (the migration library's
//! `check`), computed at start-up and on demand, then served from memory by `/health`,
//! `/metrics` and the dashboard, so none of them runs the comparison per call.

use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The last comparison's outcome.
#[derive(Debug, Clone, Default)]
pub struct SchemaDrift {
    /// When it last succeeded (`None`: never yet).
    pub checked_at: Option<DateTime<Utc>>,
    /// One line per difference found then.
    pub differences: Vec<String>,
    /// Why the last attempt failed, if it did (no secrets).
    pub error: Option<String>,
}

impl SchemaDrift {
    /// Whether the last successful check found nothing and no later one failed.
    pub fn in_sync(&self) -> bool {
        self.checked_at.is_some() && self.error.is_none() && self.differences.is_empty()
    }

    /// What `/health` shows of it.
    pub fn health(&self) -> SchemaHealth {
        SchemaHealth {
            in_sync: self.in_sync(),
            differences: self.differences.len(),
            checked_at: self.checked_at,
        }
    }
}

/// The schema part of `/health`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SchemaHealth {
    /// The live schema matches the entities (false until a check has succeeded).
    pub in_sync: bool,
    /// How many differences the last check found.
    pub differences: usize,
    /// When the schema was last compared.
    pub checked_at: Option<DateTime<Utc>>,
}

/// Compares the live schema with the entities now (on the migration connection), stores the
/// outcome and returns it. Never fails: a failed comparison is recorded as such.
#[tracing::instrument(skip_all)]
pub async fn recheck(state: &AppState) -> SchemaDrift {
    let config = &state.config;
    let url = config
        .migration_database_url
        .as_ref()
        .unwrap_or(&config.database_url);
    let outcome = match migration::Runner::new(url.clone(), config.migration.clone()) {
        Ok(runner) => runner.check().await,
        Err(error) => Err(error),
    };
    let mut drift = state.drift.write().await;
    match outcome {
        Ok(differences) => {
            drift.checked_at = Some(Utc::now());
            drift.differences = differences.iter().map(ToString::to_string).collect();
            drift.error = None;
            if !drift.differences.is_empty() {
                tracing::warn!(
                    differences = drift.differences.len(),
                    "the live schema differs from the entities"
                );
            }
        }
        Err(error) => {
            let error = crate::telemetry::Chain(&error).to_string();
            tracing::warn!(%error, "cannot compare the schema with the entities");
            drift.error = Some(error);
        }
    }
    drift.clone()
}
