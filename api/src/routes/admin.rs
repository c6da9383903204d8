//! `/admin/migrations`: inspect and retry migrating without a restart (operators only).

use crate::error::{ApiError, ApiResult};
use crate::extract::Operator;
use crate::migrations::{self, MigrationStatus};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(retry))
}

/// Where migrating stands. A browser (`Accept: text/html`) gets the migration dashboard
/// instead, after signing in at `/admin/sign-in`.
#[utoipa::path(get, path = "/admin/migrations", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = MigrationStatus), (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
async fn status(
    operator: Result<Operator, ApiError>,
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    if crate::dashboard::wants_html(&headers) {
        return crate::dashboard::page(&state, &jar, operator).await;
    }
    let answer: ApiResult<Json<MigrationStatus>> = match operator {
        Ok(Operator) => migrations::refresh(&state)
            .await
            .map(Json)
            .map_err(ApiError::from),
        Err(error) => Err(error),
    };
    answer.into_response()
}

/// Migrates to head now, under the migration lock; heals a degraded server.
#[utoipa::path(post, path = "/admin/migrations/retry", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = MigrationStatus), (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody)))]
async fn retry(_: Operator, State(state): State<AppState>) -> Json<MigrationStatus> {
    let status = migrations::migrate(&state).await;
    crate::drift::recheck(&state).await;
    Json(status)
}
