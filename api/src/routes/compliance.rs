//! FTA compliance review (read only): sections, and questions with their indicators and
//! deficiencies.

use crate::error::ApiResult;
use crate::extract::{AppPath, Authenticated};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use entity::compliance::section;
use service::compliance::{QuestionTree, SectionTree};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sections))
        .routes(routes!(section_by_code))
        .routes(routes!(question_by_code))
}

/// Every review area, in order.
#[utoipa::path(get, path = "/compliance/sections", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = Vec<section::Model>)))]
async fn sections(
    _: Authenticated,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<section::Model>>> {
    Ok(Json(service::compliance::list_sections(&state.db).await?))
}

/// A review area with its questions, indicators and deficiencies.
#[utoipa::path(get, path = "/compliance/sections/{code}", tag = "compliance", security(("bearer" = [])),
    params(("code" = String, Path)), responses((status = 200, body = SectionTree),
        (status = 404, body = crate::error::ErrorBody)))]
async fn section_by_code(
    _: Authenticated,
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> ApiResult<Json<SectionTree>> {
    let id = service::compliance::section_id_by_code(&state.db, &code).await?;
    Ok(Json(
        service::compliance::section_tree(&state.db, id).await?,
    ))
}

/// A question with its indicators and deficiencies.
#[utoipa::path(get, path = "/compliance/questions/{code}", tag = "compliance", security(("bearer" = [])),
    params(("code" = String, Path)), responses((status = 200, body = QuestionTree),
        (status = 404, body = crate::error::ErrorBody)))]
async fn question_by_code(
    _: Authenticated,
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> ApiResult<Json<QuestionTree>> {
    let id = service::compliance::question_id_by_code(&state.db, &code).await?;
    Ok(Json(
        service::compliance::question_tree(&state.db, id).await?,
    ))
}
