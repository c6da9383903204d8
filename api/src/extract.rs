//! Extractors whose rejections speak the API's error format.

use crate::auth::{self, Principal};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// `Json<T>` whose rejections are [`ApiError`]s (400 malformed, 413 too large, 415 not JSON).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct AppJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `Query<T>` whose rejection is a 400 in the API's format.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct AppQuery<T>(pub T);

/// `Path<T>` whose rejection is a 400 in the API's format.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

/// The bearer token of a request, if it has one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// The authenticated user of a request: 401 without a valid, unexpired, unrevoked token.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Principal);

impl Authenticated {
    /// The service layer's view of who is acting.
    pub fn actor(&self) -> service::Actor {
        self.0.actor()
    }
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or(ApiError::Unauthenticated)?;
        auth::resolve(&state.db, token)
            .await?
            .map(Authenticated)
            .ok_or(ApiError::Unauthenticated)
    }
}

/// An authenticated admin: 401 without a token, 403 for anyone else.
#[derive(Debug, Clone)]
pub struct Admin(pub Principal);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authenticated(principal) = Authenticated::from_request_parts(parts, state).await?;
        if principal.is_admin() {
            Ok(Admin(principal))
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// An operator: an admin user, or the `OPERATOR_TOKEN` (which works even when the user
/// tables are not migrated yet, so a degraded server can be healed).
#[derive(Debug, Clone)]
pub struct Operator;

impl FromRequestParts<AppState> for Operator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let (Some(token), Some(expected)) = (bearer(parts), &state.config.operator_token)
            && expected.matches(token)
        {
            return Ok(Operator);
        }
        Admin::from_request_parts(parts, state)
            .await
            .map(|_| Operator)
    }
}
