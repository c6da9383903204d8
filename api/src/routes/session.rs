//! `/auth/logout` and `/me`: the session of the token's user.

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Admin, AppJson, Authenticated, ClientAddress};
use crate::state::AppState;
use crate::throttle::Verdict;
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

/// Signs `credentials` in from `address`, throttled (see [`crate::throttle`]): 429 for an
/// address over its quota; an attempt from an address that failed too often for this account
/// answers exactly like a wrong password. Argon2 runs on the bounded blocking pool, the
/// queries here. Every attempt is counted in the metrics under `via`.
///
/// # Errors
/// [`ApiError::TooManyRequests`], [`ApiError::Unauthenticated`], or the database failing.
pub(crate) async fn sign_in(
    state: &AppState,
    via: &'static str,
    address: std::net::IpAddr,
    credentials: &service::users::Credentials,
) -> ApiResult<service::users::User> {
    let verdict = state.throttle.check(&credentials.email, address);
    let outcome = match verdict {
        Verdict::TooMany { retry_after } => Err(ApiError::TooManyRequests { retry_after }),
        Verdict::RefuseLikeAFailure => {
            service::users::refuse_like_a_failure(&state.hashing, &credentials.password)
                .await
                .map_err(ApiError::from)
        }
        Verdict::Proceed => {
            service::users::authenticate_with(&state.db, credentials, &state.hashing)
                .await
                .map_err(ApiError::from)
        }
    };
    match &outcome {
        Ok(_) => state.throttle.succeeded(&credentials.email, address),
        Err(ApiError::Unauthenticated) => state.throttle.failed(&credentials.email, address),
        Err(_) => {}
    }
    let throttled = verdict == Verdict::RefuseLikeAFailure;
    state.metrics.record_sign_in_as(via, &outcome, throttled);
    outcome
}

/// Exchanges an e-mail address and password for a bearer token.
///
/// Throttled (see the README): too many attempts from one address answer 429; repeated
/// failures for one account from one address are slowed down, and an attempt that comes too
/// early is refused exactly like a wrong password.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = service::users::Credentials,
    responses((status = 200, body = TokenView), (status = 401, body = crate::error::ErrorBody),
        (status = 429, body = crate::error::ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    AppJson(credentials): AppJson<service::users::Credentials>,
) -> ApiResult<Json<TokenView>> {
    let user = sign_in(&state, "api", address, &credentials).await?;
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
    let user = service::users::register_with(&state.db, &input, &state.hashing).await?;
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
