//! Verification auditor: verification results, the embedding cache and source fingerprints.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AppPath, Authenticated, SharedWriter};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::auditor::{embedding_cache, source_fingerprint, verification_log};
use service::auditor::embeddings::NewEmbedding;
use service::auditor::fingerprints::SourceText;
use service::auditor::verifications::NewVerification;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(store))
        .routes(routes!(find))
        .routes(routes!(invalidate))
        .routes(routes!(put_embedding))
        .routes(routes!(get_embedding))
        .routes(routes!(upsert_fingerprint))
        .routes(routes!(get_fingerprint))
}

/// Stores a verification result.
#[utoipa::path(post, path = "/verifications", tag = "auditor", security(("bearer" = [])),
    request_body = NewVerification, responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 201, body = verification_log::Model),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn store(
    _: SharedWriter,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewVerification>,
) -> ApiResult<(StatusCode, Json<verification_log::Model>)> {
    let stored = service::auditor::verifications::store(&state.db, &input).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

/// A verification result by its `verification_id`.
#[utoipa::path(get, path = "/verifications/{verification_id}", tag = "auditor", security(("bearer" = [])),
    params(("verification_id" = String, Path)), responses((status = 200, body = verification_log::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find(
    _: Authenticated,
    State(state): State<AppState>,
    AppPath(verification_id): AppPath<String>,
) -> ApiResult<Json<verification_log::Model>> {
    Ok(Json(
        service::auditor::verifications::find(&state.db, &verification_id).await?,
    ))
}

/// Marks a verification result invalid.
#[utoipa::path(post, path = "/verifications/{verification_id}/invalidate", tag = "auditor",
    security(("bearer" = [])), params(("verification_id" = String, Path)),
    responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 200, body = verification_log::Model), (status = 404, body = crate::error::ErrorBody)))]
async fn invalidate(
    _: SharedWriter,
    State(state): State<AppState>,
    AppPath(verification_id): AppPath<String>,
) -> ApiResult<Json<verification_log::Model>> {
    Ok(Json(
        service::auditor::verifications::invalidate(&state.db, &verification_id).await?,
    ))
}

/// Returns the cached embedding for `text_hash`, storing the given one first if absent;
/// counts the access.
#[utoipa::path(put, path = "/embeddings", tag = "auditor", security(("bearer" = [])),
    request_body = NewEmbedding, responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 200, body = embedding_cache::Model),
        (status = 422, body = crate::error::ErrorBody)))]
async fn put_embedding(
    _: SharedWriter,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewEmbedding>,
) -> ApiResult<Json<embedding_cache::Model>> {
    Ok(Json(
        service::auditor::embeddings::get_or_insert(&state.db, &input).await?,
    ))
}

/// A cached embedding by text hash; counts the access.
#[utoipa::path(get, path = "/embeddings/{text_hash}", tag = "auditor", security(("bearer" = [])),
    params(("text_hash" = String, Path)), responses((status = 200, body = embedding_cache::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn get_embedding(
    _: Authenticated,
    State(state): State<AppState>,
    AppPath(text_hash): AppPath<String>,
) -> ApiResult<Json<embedding_cache::Model>> {
    service::auditor::embeddings::get(&state.db, &text_hash)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// Records a source's text; the version goes up when the text changed.
#[utoipa::path(put, path = "/source-fingerprints", tag = "auditor", security(("bearer" = [])),
    request_body = SourceText, responses((status = 403, description = "Lawyers may only read this resource (admin or service role needed).", body = crate::error::ErrorBody), (status = 200, body = source_fingerprint::Model),
        (status = 422, body = crate::error::ErrorBody)))]
async fn upsert_fingerprint(
    _: SharedWriter,
    State(state): State<AppState>,
    AppJson(input): AppJson<SourceText>,
) -> ApiResult<Json<source_fingerprint::Model>> {
    Ok(Json(
        service::auditor::fingerprints::upsert(&state.db, &input).await?,
    ))
}

/// The fingerprint of a source.
#[utoipa::path(get, path = "/source-fingerprints/{source_id}", tag = "auditor", security(("bearer" = [])),
    params(("source_id" = String, Path)), responses((status = 200, body = source_fingerprint::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn get_fingerprint(
    _: Authenticated,
    State(state): State<AppState>,
    AppPath(source_id): AppPath<String>,
) -> ApiResult<Json<source_fingerprint::Model>> {
    service::auditor::fingerprints::find(&state.db, &source_id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
