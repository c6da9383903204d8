//! `/research-queries`: recording questions, listing them and full-text search (`?q=`).

use crate::error::ApiResult;
use crate::extract::{AppJson, AppQuery, Authenticated, IdPath};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::legal::research_query;
use serde::{Deserialize, Serialize};
use service::PageRequest;
use service::research::NewQuery;
use service::research::SearchRequest;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Listing or searching.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResearchQuery {
    /// Full-text search: the most relevant first (no cursor).
    pub q: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page (listing only).
    pub cursor: Option<String>,
}

/// One research query, with its relevance when it comes from a search.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResearchItem {
    /// The query.
    #[serde(flatten)]
    pub query: research_query::Model,
    /// Relevance (search only; higher is more relevant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<f64>,
}

/// A page of research queries.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ResearchPage {
    /// Newest first, or most relevant first for a search.
    pub items: Vec<ResearchItem>,
    /// Where the next page starts (listing only).
    pub next_cursor: Option<String>,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(find))
}

/// Records a research query of the calling lawyer.
#[utoipa::path(post, path = "/research-queries", tag = "research", security(("bearer" = [])),
    request_body = NewQuery, responses((status = 201, body = research_query::Model),
        (status = 422, body = crate::error::ErrorBody)))]
async fn create(
    who: Authenticated,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewQuery>,
) -> ApiResult<(StatusCode, Json<research_query::Model>)> {
    let created = service::research::create(&state.db, who.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The calling lawyer's queries, newest first; with `q`, a ranked full-text search.
#[utoipa::path(get, path = "/research-queries", tag = "research", security(("bearer" = [])),
    params(ResearchQuery), responses((status = 200, body = ResearchPage),
        (status = 422, body = crate::error::ErrorBody)))]
async fn list(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<ResearchQuery>,
) -> ApiResult<Json<ResearchPage>> {
    if let Some(text) = query.q {
        let request = SearchRequest {
            text,
            limit: query.limit,
        };
        let hits = service::research::search(&state.db, who.actor(), &request).await?;
        let items = hits
            .into_iter()
            .map(|hit| ResearchItem {
                query: hit.query,
                rank: Some(hit.rank),
            })
            .collect();
        return Ok(Json(ResearchPage {
            items,
            next_cursor: None,
        }));
    }
    let page = PageRequest {
        limit: query.limit,
        cursor: query.cursor,
    };
    let page = service::research::list_for_lawyer(&state.db, who.actor(), &page).await?;
    Ok(Json(ResearchPage {
        items: page
            .items
            .into_iter()
            .map(|query| ResearchItem { query, rank: None })
            .collect(),
        next_cursor: page.next_cursor,
    }))
}

/// One query; 404 when missing or someone else's.
#[utoipa::path(get, path = "/research-queries/{id}", tag = "research", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = research_query::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<research_query::Model>> {
    Ok(Json(
        service::research::find_by_id(&state.db, who.actor(), id).await?,
    ))
}
