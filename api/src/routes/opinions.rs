//! `/property-opinions`.

use crate::error::ApiResult;
use crate::extract::{AppJson, AppQuery, Authenticated, IdPath};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::legal::property_opinion as opinion;
use serde::Deserialize;
use service::property_opinions::OpinionInput;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A new opinion: the client it is for, and the fields of [`OpinionInput`].
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOpinion {
    /// The client (one of the calling lawyer's).
    #[schema(minimum = 1)]
    pub client_id: i32,
    /// Where the reviewed document is stored, at most 1000 characters.
    #[schema(max_length = 1000)]
    pub document_url: Option<String>,
    /// Workflow state such as `pending`, 1 to 100 characters.
    #[schema(min_length = 1, max_length = 100)]
    pub status: String,
    /// Reviewer's notes, at most 100,000 characters.
    #[schema(max_length = 100_000)]
    pub notes: Option<String>,
}

impl NewOpinion {
    fn fields(&self) -> OpinionInput {
        OpinionInput {
            document_url: self.document_url.clone(),
            status: self.status.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// Optional filter for opinion lists.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpinionQuery {
    /// Only this client's opinions.
    pub client_id: Option<i32>,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(find, update, delete))
}

/// Requests a property opinion for a client.
#[utoipa::path(post, path = "/property-opinions", tag = "property opinions", security(("bearer" = [])),
    request_body = NewOpinion, responses((status = 201, body = opinion::Model),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn create(
    who: Authenticated,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewOpinion>,
) -> ApiResult<(StatusCode, Json<opinion::Model>)> {
    let created = service::property_opinions::create(
        &state.db,
        who.actor(),
        input.client_id,
        &input.fields(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The calling lawyer's opinions.
#[utoipa::path(get, path = "/property-opinions", tag = "property opinions", security(("bearer" = [])),
    params(OpinionQuery), responses((status = 200, body = Vec<opinion::Model>)))]
async fn list(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<OpinionQuery>,
) -> ApiResult<Json<Vec<opinion::Model>>> {
    Ok(Json(
        service::property_opinions::list_for_lawyer(&state.db, who.actor(), query.client_id)
            .await?,
    ))
}

/// One opinion; 404 when missing or someone else's.
#[utoipa::path(get, path = "/property-opinions/{id}", tag = "property opinions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = opinion::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<opinion::Model>> {
    Ok(Json(
        service::property_opinions::find_by_id(&state.db, who.actor(), id).await?,
    ))
}

/// Replaces an opinion's fields.
#[utoipa::path(put, path = "/property-opinions/{id}", tag = "property opinions", security(("bearer" = [])),
    params(("id" = i32, Path)), request_body = OpinionInput,
    responses((status = 200, body = opinion::Model), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
async fn update(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
    AppJson(input): AppJson<OpinionInput>,
) -> ApiResult<Json<opinion::Model>> {
    Ok(Json(
        service::property_opinions::update(&state.db, who.actor(), id, &input).await?,
    ))
}

/// Deletes an opinion.
#[utoipa::path(delete, path = "/property-opinions/{id}", tag = "property opinions", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 204), (status = 404, body = crate::error::ErrorBody)))]
async fn delete(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<StatusCode> {
    service::property_opinions::delete(&state.db, who.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
