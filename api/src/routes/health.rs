//! `GET /health`: database reachability and latency, and where migrating stands.

use crate::extract::Operator;
use crate::migrations::{self, MigrationStatus};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::time::Instant;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What anonymous callers see instead of why migrating failed (which may quote SQL).
pub const HIDDEN_ERROR: &str = "migrating failed; operators see why at GET /admin/migrations";

/// Database part of the health report.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DatabaseHealth {
    /// Whether a trivial query succeeded.
    pub connected: bool,
    /// How long it took, in milliseconds.
    pub latency_ms: f64,
}

/// The health report.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` when the database answers and the schema is at head, `degraded` otherwise.
    pub status: &'static str,
    /// Database reachability.
    pub database: DatabaseHealth,
    /// Migration state.
    pub migrations: MigrationStatus,
    /// The live schema compared with the entities, as of the last check (start-up, a retry,
    /// or the dashboard's "Check again"); never computed by this call.
    pub schema: crate::drift::SchemaHealth,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Liveness and readiness in one: 200 when healthy, 503 when degraded. Why migrating failed
/// is shown to operators only (an admin's token or `OPERATOR_TOKEN`); others see that it did.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
async fn health(State(state): State<AppState>, mut parts: Parts) -> (StatusCode, Json<Health>) {
    let started = Instant::now();
    let connected = state.db.execute_unprepared("SELECT 1").await.is_ok();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let migrations = if connected && state.migrations.read().await.state.serves_requests() {
        state.migrations.read().await.clone()
    } else if connected {
        migrations::refresh(&state)
            .await
            .unwrap_or(state.migrations.read().await.clone())
    } else {
        state.migrations.read().await.clone()
    };
    let mut migrations = migrations;
    if migrations.error.is_some() && !Operator::is_present(&mut parts, &state).await {
        migrations.error = Some(HIDDEN_ERROR.to_owned());
    }
    let healthy = connected && migrations.state.serves_requests();
    let code = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let report = Health {
        status: if healthy { "ok" } else { "degraded" },
        database: DatabaseHealth {
            connected,
            latency_ms,
        },
        migrations,
        schema: state.drift.read().await.health(),
    };
    (code, Json(report))
}
