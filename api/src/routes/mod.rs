//! The router: which paths exist, who may call them, and the layers around them.

mod admin;
mod auditor;
pub mod cases;
pub use health::HIDDEN_ERROR;
mod clients;
mod compliance;
mod health;
mod logs;
mod opinions;
mod proposals;
mod research;
mod session;

use crate::error::{ApiError, ConnectionLost};
use crate::headers::{self, REQUEST_ID};
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;

pub(crate) use session::sign_in;

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Every route with its OpenAPI description, before layers are applied.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::ApiDoc::base())
        .merge(health::routes())
        .merge(admin::routes())
        .merge(session::routes())
        .merge(clients::routes())
        .merge(cases::routes())
        .merge(opinions::routes())
        .merge(research::routes())
        .merge(logs::routes())
        .merge(auditor::routes())
        .merge(compliance::routes())
        .merge(proposals::routes())
}

/// The application: routes, OpenAPI spec and docs, and the layers every request passes.
pub fn router(state: AppState) -> axum::Router {
    let timeout = state.config.request_timeout;
    let metrics = state.metrics.clone();
    let (routes, spec) = api_routes().split_for_parts();
    let spec = crate::openapi::finish(spec);
    Router::new()
        .merge(routes)
        // Only matched routes: an unknown path is a 404 even while degraded.
        .route_layer(middleware::from_fn_with_state(state.clone(), domain_route))
        .merge(crate::dashboard::routes())
        .merge(crate::openapi::docs_routes(spec))
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .fallback(|| async { ApiError::NoRoute })
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, timeout))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("handler panicked").into_response()
        }))
        .layer(middleware::from_fn(headers::security_headers))
        .layer(middleware::from_fn_with_state(metrics, crate::metrics::track))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(middleware::from_fn(headers::sanitize_request_id))
}

/// Paths that answer whatever the schema's state: health, the admin routes (so an operator can
/// heal a degraded server) and the API description. Login is not one of them: it needs the
/// users and token tables, so it answers 503 `migrations_pending` like the domain routes.
fn always_available(path: &str) -> bool {
    path == "/health"
        || path.starts_with("/admin/")
        || path == "/openapi.json"
        || path.starts_with("/docs")
}

/// Around every matched route (one layer, so one boxed future per request): domain routes
/// (login included: it needs the user tables) answer 503 `migrations_pending` until the schema
/// is at head, and reads are retried once when their connection was lost.
async fn domain_route(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !always_available(request.uri().path())
        && !state.migrations.read().await.state.serves_requests()
    {
        return ApiError::MigrationsPending.into_response();
    }
    retry_reads(request, next).await
}

/// A read (GET or HEAD) whose database connection was lost under it is run once more, on a
/// fresh connection from the pool; what still fails answers 503 `database_unavailable`.
/// Writes are never retried: the first attempt may have committed.
async fn retry_reads(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let again = Request::from_parts(parts.clone(), axum::body::Body::empty());
    let response = next.clone().run(Request::from_parts(parts, body)).await;
    if response.extensions().get::<ConnectionLost>().is_none() {
        return response;
    }
    tracing::warn!("connection lost during a read; retrying once");
    next.run(again).await
}
