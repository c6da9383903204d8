//! `/admin/migrations`: inspect and retry migrating without a restart (operators only).

use crate::error::ApiResult;
use crate::extract::Operator;
use crate::migrations::{self, MigrationStatus};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(retry))
}

/// Where migrating stands.
#[utoipa::path(get, path = "/admin/migrations", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = MigrationStatus), (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
async fn status(_: Operator, State(state): State<AppState>) -> ApiResult<Json<MigrationStatus>> {
    Ok(Json(migrations::refresh(&state).await?))
}

/// Migrates to head now, under the migration lock; heals a degraded server.
#[utoipa::path(post, path = "/admin/migrations/retry", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = MigrationStatus), (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
async fn retry(_: Operator, State(state): State<AppState>) -> Json<MigrationStatus> {
    Json(migrations::migrate(&state).await)
}
