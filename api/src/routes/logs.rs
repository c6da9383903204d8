//! `/junior-logs` and `/inference-logs`, with cost and token totals.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AppPath, AppQuery, Authenticated};
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
    fn window(&self) -> Window {
        let to = self.to.unwrap_or_else(Utc::now);
        Window {
            from: self.from.unwrap_or(to - Duration::days(30)),
            to,
        }
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
    pub by: Option<String>,
}

/// A new inference log: the query it answered, and its fields.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewInferenceLog {
    /// The research query (one of the calling lawyer's).
    pub query_id: i32,
    /// The log's fields.
    #[serde(flatten)]
    pub fields: NewInference,
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
    AppPath(id): AppPath<i32>,
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
        service::inference_logs::record(&state.db, who.actor(), input.query_id, &input.fields)
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
    AppPath(id): AppPath<i32>,
) -> ApiResult<Json<inference_log::Model>> {
    Ok(Json(
        service::inference_logs::find_by_id(&state.db, who.actor(), id).await?,
    ))
}

/// Calls, tokens and cost per model (or per lawyer) in a window, computed in SQL.
#[utoipa::path(get, path = "/inference-logs/summary", tag = "logs", security(("bearer" = [])),
    params(SummaryQuery), responses((status = 200, body = Vec<Totals>),
        (status = 400, body = crate::error::ErrorBody)))]
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
    let totals = match query.by.as_deref().unwrap_or("model") {
        "model" => {
            service::inference_logs::totals_per_model(&state.db, who.actor(), &window).await?
        }
        "lawyer" => {
            service::inference_logs::totals_per_lawyer(&state.db, who.actor(), &window).await?
        }
        other => {
            return Err(ApiError::BadRequest(format!(
                "by must be 'model' or 'lawyer', not '{other}'"
            )));
        }
    };
    Ok(Json(totals))
}
