//! `/auth/logout` and `/me`: the session of the token's user.

use crate::auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::Authenticated;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use entity::legal::user;
use sea_orm::EntityTrait;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// A user as the API shows it (never the password hash).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    /// Id.
    pub id: i32,
    /// Display name.
    pub name: String,
    /// Lower-cased email.
    pub email: String,
    /// `lawyer` or `admin`.
    pub role: String,
    /// When the account was created.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<user::Model> for UserView {
    fn from(user: user::Model) -> Self {
        Self {
            id: user.id,
            name: user.name,
            email: user.email,
            role: user.role,
            created_at: user.created_at,
        }
    }
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(logout))
}

/// The user the token belongs to.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = crate::error::ErrorBody)))]
async fn me(
    Authenticated(who): Authenticated,
    State(state): State<AppState>,
) -> ApiResult<Json<UserView>> {
    let user = user::Entity::find_by_id(who.user_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(Json(user.into()))
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
