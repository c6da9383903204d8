//! Funding proposals: templates, documents, sources and ingestion runs.

use crate::error::ApiResult;
use crate::extract::{AppJson, Authenticated, IdPath, SharedWriter};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::proposals::{document, ingestion_run, proposal_template, source};
use service::proposals::{NewDocument, NewTemplate, RunOutcome};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(templates, create_template))
        .routes(routes!(store_document))
        .routes(routes!(sources))
        .routes(routes!(start_run))
        .routes(routes!(finish_run))
}

/// The templates of a funding opportunity.
#[utoipa::path(get, path = "/funding-opportunities/{id}/templates", tag = "proposals",
    security(("bearer" = [])), params(("id" = i32, Path)),
    responses((status = 200, body = Vec<proposal_template::Model>), (status = 404, body = crate::error::ErrorBody)))]
async fn templates(
    _: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<Vec<proposal_template::Model>>> {
    Ok(Json(service::proposals::templates_of(&state.db, id).await?))
}

/// Adds a template to a funding opportunity.
#[utoipa::path(post, path = "/funding-opportunities/{id}/templates", tag = "proposals",
    security(("bearer" = [])), params(("id" = i32, Path)), request_body = NewTemplate,
    responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 201, body = proposal_template::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn create_template(
    _: SharedWriter,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(input): AppJson<NewTemplate>,
) -> ApiResult<(StatusCode, Json<proposal_template::Model>)> {
    let created = service::proposals::create_template(&state.db, id, &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Stores a document once per sha256: 201 when new, 200 with the existing one otherwise.
#[utoipa::path(post, path = "/documents", tag = "proposals", security(("bearer" = [])),
    request_body = NewDocument, responses((status = 404, description = "The named funding opportunity does not exist.", body = crate::error::ErrorBody), (status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 201, body = document::Model),
        (status = 200, body = document::Model), (status = 422, body = crate::error::ErrorBody)))]
async fn store_document(
    _: SharedWriter,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewDocument>,
) -> ApiResult<(StatusCode, Json<document::Model>)> {
    let stored = service::proposals::store_document(&state.db, &input).await?;
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(stored.document)))
}

/// Every ingestion source.
#[utoipa::path(get, path = "/sources", tag = "proposals", security(("bearer" = [])),
    responses((status = 200, body = Vec<source::Model>)))]
async fn sources(
    _: Authenticated,
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<source::Model>>> {
    Ok(Json(service::proposals::list_sources(&state.db).await?))
}

/// Starts an ingestion run for a source.
#[utoipa::path(post, path = "/sources/{id}/ingestion-runs", tag = "proposals", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 201, body = ingestion_run::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn start_run(
    _: SharedWriter,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<(StatusCode, Json<ingestion_run::Model>)> {
    let run = service::proposals::start_run(&state.db, id).await?;
    Ok((StatusCode::CREATED, Json(run)))
}

/// Finishes an ingestion run with its counts and errors.
#[utoipa::path(post, path = "/ingestion-runs/{id}/finish", tag = "proposals", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = RunOutcome,
    responses((status = 409, description = "The run has already finished.", body = crate::error::ErrorBody), (status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 200, body = ingestion_run::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn finish_run(
    _: SharedWriter,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(outcome): AppJson<RunOutcome>,
) -> ApiResult<Json<ingestion_run::Model>> {
    Ok(Json(
        service::proposals::finish_run(&state.db, id, &outcome).await?,
    ))
}
