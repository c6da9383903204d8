//! `/clients` and a client's cases.

use crate::error::ApiResult;
use crate::extract::{AppJson, AppQuery, Authenticated, BearerToken, IdPath};
use crate::routes::cases::CaseQuery;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::legal::{case, client};
use service::cases::{CaseFilter, CaseInput};
use service::clients::ClientInput;
use service::{Page, PageRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(find, update, delete))
        .routes(routes!(list_cases, create_case))
}

/// Creates a client of the calling lawyer.
#[utoipa::path(post, path = "/clients", tag = "clients", security(("bearer" = [])),
    request_body = ClientInput, responses((status = 201, body = client::Model),
        (status = 422, body = crate::error::ErrorBody)))]
async fn create(
    who: Authenticated,
    State(state): State<AppState>,
    AppJson(input): AppJson<ClientInput>,
) -> ApiResult<(StatusCode, Json<client::Model>)> {
    let created = service::clients::create(&state.db, who.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The calling lawyer's clients (all clients for an admin).
#[utoipa::path(get, path = "/clients", tag = "clients", security(("bearer" = [])),
    responses((status = 200, body = Vec<client::Model>)))]
async fn list(
    who: Authenticated,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<client::Model>>> {
    Ok(Json(
        service::clients::list_for_lawyer(&state.db, who.actor()).await?,
    ))
}

/// One client; 404 when missing or someone else's.
#[utoipa::path(get, path = "/clients/{id}", tag = "clients", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = client::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find(
    token: BearerToken,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<client::Model>> {
    // The token check and the read are one statement: the API's hottest read costs one round
    // trip (BENCHMARKS.md, "API server").
    let (_, found) = service::clients::find_by_id_as(&state.db, token.actor_source(), id).await?;
    Ok(Json(found))
}

/// Replaces a client's fields.
#[utoipa::path(put, path = "/clients/{id}", tag = "clients", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = ClientInput,
    responses((status = 200, body = client::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn update(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(input): AppJson<ClientInput>,
) -> ApiResult<Json<client::Model>> {
    Ok(Json(
        service::clients::update(&state.db, who.actor(), id, &input).await?,
    ))
}

/// Deletes a client; 409 while it still has cases or opinions.
#[utoipa::path(delete, path = "/clients/{id}", tag = "clients", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)))]
async fn delete(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<StatusCode> {
    service::clients::delete(&state.db, who.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A client's cases, newest first, with cursor pagination.
#[utoipa::path(get, path = "/clients/{id}/cases", tag = "cases", security(("bearer" = [])),
    params(("id" = i32, Path), CaseQuery), responses((status = 200, body = crate::routes::cases::CasePage),
        (status = 404, body = crate::error::ErrorBody)))]
async fn list_cases(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppQuery(query): AppQuery<CaseQuery>,
) -> ApiResult<Json<Page<case::Model>>> {
    // An unknown or foreign client is a 404, not an empty list.
    service::clients::find_by_id(&state.db, who.actor(), id).await?;
    let filter = CaseFilter {
        status: query.status,
        client_id: Some(id),
    };
    let page = PageRequest {
        limit: query.limit,
        cursor: query.cursor,
    };
    Ok(Json(
        service::cases::list_for_lawyer(&state.db, who.actor(), &filter, &page).await?,
    ))
}

/// Opens a case for a client.
#[utoipa::path(post, path = "/clients/{id}/cases", tag = "cases", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = CaseInput,
    responses((status = 201, body = case::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn create_case(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(input): AppJson<CaseInput>,
) -> ApiResult<(StatusCode, Json<case::Model>)> {
    let created = service::cases::create(&state.db, who.actor(), id, &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
