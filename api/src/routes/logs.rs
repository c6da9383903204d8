//! `/junior-logs` and `/inference-logs`, with cost and token totals.

use crate::error::ApiResult;
use crate::extract::{AppJson, AppQuery, Authenticated, IdPath};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use entity::legal::{inference_log, junior_log};
use serde::Deserialize;
use service::Window;
use service::inference_logs::{NewInference, Totals};
use service::junior_logs::NewJuniorLog;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A time window; defaults to the last 30 days.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WindowQuery {
    /// Inclusive start (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub from: Option<DateTime<Utc>>,
    /// Exclusive end (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub to: Option<DateTime<Utc>>,
}

impl WindowQuery {
    /// The window asked for; a default `from` that would fall before the earliest instant
    /// chrono knows is clamped there, and the service refuses it with a 422 like any other
    /// out-of-range time.
    fn window(&self) -> Window {
        let to = self.to.unwrap_or_else(Utc::now);
        let from = self.from.unwrap_or_else(|| {
            to.checked_sub_signed(Duration::days(30))
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
        });
        Window { from, to }
    }
}

/// A summary request: a window and the grouping.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// Inclusive start (RFC 3339); default 30 days before `to`.
    #[param(value_type = Option<String>, format = DateTime)]
    pub from: Option<DateTime<Utc>>,
    /// Exclusive end (RFC 3339); default now.
    #[param(value_type = Option<String>, format = DateTime)]
    pub to: Option<DateTime<Utc>>,
    /// `model` (default) or `lawyer`.
    #[param(inline)]
    pub by: Option<GroupBy>,
}

/// What a summary groups by.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Per model name.
    #[default]
    Model,
    /// Per lawyer id.
    Lawyer,
}

/// A new inference log: the query it answered, and the fields of [`NewInference`].
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInferenceLog {
    /// The research query (one of the calling lawyer's).
    #[schema(minimum = 1)]
    pub query_id: i32,
    /// Model identifier, at most 255 characters.
    #[schema(max_length = 255)]
    pub model_used: Option<String>,
    /// Tokens consumed, not negative.
    #[schema(minimum = 0)]
    pub tokens: Option<i32>,
    /// Provider cost, from 0 to 1,000,000.
    #[schema(minimum = 0.0, maximum = 1_000_000.0)]
    pub cost: Option<f64>,
    /// Hash of the response text, at most 255 characters.
    #[schema(max_length = 255)]
    pub response_hash: Option<String>,
}

impl NewInferenceLog {
    fn fields(&self) -> NewInference {
        NewInference {
            model_used: self.model_used.clone(),
            tokens: self.tokens,
            cost: self.cost,
            response_hash: self.response_hash.clone(),
        }
    }
}

/// Inference logs of one query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InferenceQuery {
    /// The research query whose logs to list.
    pub query_id: i32,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(append_junior, list_junior))
        .routes(routes!(find_junior))
        .routes(routes!(record_inference, list_inference))
        .routes(routes!(find_inference))
        .routes(routes!(summary))
}

/// Appends a junior-assistant log entry.
#[utoipa::path(post, path = "/junior-logs", tag = "logs", security(("bearer" = [])),
    request_body = NewJuniorLog, responses((status = 201, body = junior_log::Model),
        (status = 422, body = crate::error::ErrorBody)))]
async fn append_junior(
    who: Authenticated,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewJuniorLog>,
) -> ApiResult<(StatusCode, Json<junior_log::Model>)> {
    let created = service::junior_logs::append(&state.db, who.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The calling lawyer's junior logs in a time window.
#[utoipa::path(get, path = "/junior-logs", tag = "logs", security(("bearer" = [])),
    params(WindowQuery), responses((status = 200, body = Vec<junior_log::Model>),
        (status = 422, body = crate::error::ErrorBody)))]
async fn list_junior(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<WindowQuery>,
) -> ApiResult<Json<Vec<junior_log::Model>>> {
    let window = query.window();
    Ok(Json(
        service::junior_logs::list_in_window(&state.db, who.actor(), &window).await?,
    ))
}

/// One junior log; 404 when missing or someone else's.
#[utoipa::path(get, path = "/junior-logs/{id}", tag = "logs", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = junior_log::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find_junior(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<junior_log::Model>> {
    Ok(Json(
        service::junior_logs::find_by_id(&state.db, who.actor(), id).await?,
    ))
}

/// Records an inference against one of the calling lawyer's queries.
#[utoipa::path(post, path = "/inference-logs", tag = "logs", security(("bearer" = [])),
    request_body = NewInferenceLog, responses((status = 201, body = inference_log::Model),
        (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn record_inference(
    who: Authenticated,
    State(state): State<AppState>,
    AppJson(input): AppJson<NewInferenceLog>,
) -> ApiResult<(StatusCode, Json<inference_log::Model>)> {
    let created =
        service::inference_logs::record(&state.db, who.actor(), input.query_id, &input.fields())
            .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The inference logs of one of the calling lawyer's queries.
#[utoipa::path(get, path = "/inference-logs", tag = "logs", security(("bearer" = [])),
    params(InferenceQuery), responses((status = 200, body = Vec<inference_log::Model>),
        (status = 404, body = crate::error::ErrorBody)))]
async fn list_inference(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<InferenceQuery>,
) -> ApiResult<Json<Vec<inference_log::Model>>> {
    Ok(Json(
        service::inference_logs::list_for_query(&state.db, who.actor(), query.query_id).await?,
    ))
}

/// One inference log; 404 when missing or someone else's.
#[utoipa::path(get, path = "/inference-logs/{id}", tag = "logs", security(("bearer" = [])),
    params(("id" = i32, Path)), responses((status = 200, body = inference_log::Model),
        (status = 404, body = crate::error::ErrorBody)))]
async fn find_inference(
    who: Authenticated,
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> ApiResult<Json<inference_log::Model>> {
    Ok(Json(
        service::inference_logs::find_by_id(&state.db, who.actor(), id).await?,
    ))
}

/// Calls, tokens and cost per model (or per lawyer) in a window, computed in SQL.
#[utoipa::path(get, path = "/inference-logs/summary", tag = "logs", security(("bearer" = [])),
    params(SummaryQuery), responses((status = 200, body = Vec<Totals>),
        (status = 400, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn summary(
    who: Authenticated,
    State(state): State<AppState>,
    AppQuery(query): AppQuery<SummaryQuery>,
) -> ApiResult<Json<Vec<Totals>>> {
    let window = WindowQuery {
        from: query.from,
        to: query.to,
    }
    .window();
    let totals = match query.by.unwrap_or_default() {
        GroupBy::Model => {
            service::inference_logs::totals_per_model(&state.db, who.actor(), &window).await?
        }
        GroupBy::Lawyer => {
            service::inference_logs::totals_per_lawyer(&state.db, who.actor(), &window).await?
        }
    };
    Ok(Json(totals))
}
