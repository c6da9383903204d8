//! `/auth/logout` and `/me`: the session of the token's user.

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Admin, AppJson, Authenticated};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A fresh login token.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenView {
    /// The bearer token: send it as `Authorization: Bearer <token>`. Shown once.
    pub token: String,
    /// When it stops being accepted.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(me))
        .routes(routes!(logout))
        .routes(routes!(create_user))
}

/// Runs `work` (which hashes or verifies a password) on the blocking pool, at most
/// `HASHING_CONCURRENCY` at once, so logins cannot starve the async workers.
pub(crate) async fn off_the_workers<T, F>(state: &AppState, work: F) -> ApiResult<T>
where
    F: std::future::Future<Output = service::Result<T>> + Send + 'static,
    T: Send + 'static,
{
    let _permit = state
        .hashing
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("hashing pool closed"))?;
    let runtime = tokio::runtime::Handle::current();
    // The blocking thread does not inherit the request's span: hand it over explicitly.
    let work = tracing::Instrument::in_current_span(work);
    tokio::task::spawn_blocking(move || runtime.block_on(work))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// Exchanges an e-mail address and password for a bearer token.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = service::users::Credentials,
    responses((status = 200, body = TokenView), (status = 401, body = crate::error::ErrorBody),
        (status = 423, body = crate::error::ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    AppJson(credentials): AppJson<service::users::Credentials>,
) -> ApiResult<Json<TokenView>> {
    let db = state.db.clone();
    let outcome = off_the_workers(&state, async move {
        service::users::authenticate(&db, &credentials).await
    })
    .await;
    state.metrics.record_sign_in("api", &outcome);
    let user = outcome?;
    let ttl = chrono::Duration::from_std(state.config.token_ttl).map_err(ApiError::internal)?;
    let expires_at = chrono::Utc::now() + ttl;
    let token = auth::issue(&state.db, user.id, expires_at).await?;
    Ok(Json(TokenView { token, expires_at }))
}

/// Creates a user (admins only).
#[utoipa::path(post, path = "/users", tag = "auth", security(("bearer" = [])),
    request_body = service::users::NewUser,
    responses((status = 201, body = service::users::User), (status = 403, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
async fn create_user(
    _: Admin,
    State(state): State<AppState>,
    AppJson(input): AppJson<service::users::NewUser>,
) -> ApiResult<(StatusCode, Json<service::users::User>)> {
    let db = state.db.clone();
    let user = off_the_workers(&state, async move {
        service::users::register(&db, &input).await
    })
    .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// The user the token belongs to.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = service::users::User), (status = 401, body = crate::error::ErrorBody)))]
async fn me(
    who: Authenticated,
    State(state): State<AppState>,
) -> ApiResult<Json<service::users::User>> {
    let actor = who.actor();
    match service::users::find_by_id(&state.db, actor, actor.user_id).await {
        Ok(user) => Ok(Json(user)),
        // The account was deleted after its token was checked: the token no longer stands
        // for anyone.
        Err(service::Error::NotFound) => Err(ApiError::Unauthenticated),
        Err(other) => Err(other.into()),
    }
}

/// Revokes the token used for this request.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = crate::error::ErrorBody)))]
async fn logout(
    Authenticated(who): Authenticated,
    State(state): State<AppState>,
) -> ApiResult<StatusCode> {
    auth::revoke(&state.db, &who.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
