//! `/cases`: the calling lawyer's cases across clients.

use crate::error::ApiResult;
use crate::extract::{AppJson, AppQuery, Authenticated, IdPath};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::legal::case;
use serde::{Deserialize, Serialize};
use service::cases::{CaseFilter, CaseInput};
use service::{Page, PageRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Filters and paging for case lists.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// Only cases in this status.
    pub status: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of cases.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CasePage {
    /// The cases, newest first.
    pub items: Vec<case::Model>,
    /// Where the next page starts; absent on the last page.
    pub next_cursor: Option<String>,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(find, update, delete))
}

/// The calling lawyer's cases, newest first, optionally by status, with cursor pagination.
#[utoipa::path(get, path = "/cases", tag = "cases", security(("bearer" = [])), params(CaseQuery),
    responses((status = 200, body = CasePage), (status = 422, body = crate::error::ErrorBody)))]
async fn list(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<CaseQuery>,
) -> ApiResult<Json<Page<case::Model>>> {
    let filter = CaseFilter {
        status: query.status,
        client_id: None,
    };
    let page = PageRequest {
        limit: query.limit,
        cursor: query.cursor,
    };
    Ok(Json(
        service::cases::list_for_lawyer(&state.db, who.actor(), &filter, &page).await?,
    ))
}

/// One case; 404 when missing or someone else's.
#[utoipa::path(get, path = "/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = case::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<case::Model>> {
    Ok(Json(
        service::cases::find_by_id(&state.db, who.actor(), id).await?,
    ))
}

/// Replaces a case's fields (keeps `updated_at` current).
#[utoipa::path(put, path = "/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = CaseInput,
    responses((status = 200, body = case::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn update(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(input): AppJson<CaseInput>,
) -> ApiResult<Json<case::Model>> {
    Ok(Json(
        service::cases::update(&state.db, who.actor(), id, &input).await?,
    ))
}

/// Deletes a case.
#[utoipa::path(delete, path = "/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404, body = crate::error::ErrorBody)))]
async fn delete(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<StatusCode> {
    service::cases::delete(&state.db, who.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
