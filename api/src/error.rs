//! The API's one error type and the one place HTTP statuses are chosen.
//!
//! Every error body is `{"code", "message", "fields"}` with a stable snake_case `code`.
//! A 500 says nothing internal: its cause goes to the log only.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::BTreeMap;

/// Per-field validation messages.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Marks a response whose failure was a lost database connection, so that an idempotent
/// request may be retried once (see `routes::retry_reads`).
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLost;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON.
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    /// 400: a query parameter or path segment is malformed.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 401: no token, or an expired, revoked or unknown one; or a failed (or throttled) login.
    #[error("authentication required")]
    Unauthenticated,
    /// 403: authenticated but not allowed (not an admin, not a writer of shared resources).
    #[error("forbidden")]
    Forbidden,
    /// 404: missing, or not yours (indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// 404: no route has this path.
    #[error("no route for this path")]
    NoRoute,
    /// 405: the path exists, the method does not.
    #[error("method not allowed on this path")]
    MethodNotAllowed,
    /// 409: the change conflicts with existing data.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 413: body over the limit.
    #[error("request body too large")]
    PayloadTooLarge,
    /// 415: not `application/json`.
    #[error("expected Content-Type: application/json")]
    UnsupportedMediaType,
    /// 422: the input is well-formed JSON but invalid (including unknown fields).
    #[error("validation failed")]
    Validation(FieldErrors),
    /// 429: this client address made too many sign-in attempts; retry after the given
    /// number of seconds.
    #[error("too many sign-in attempts from this address")]
    TooManyRequests {
        /// Seconds until the next attempt is allowed.
        retry_after: u64,
    },
    /// 503: the database schema is not migrated (degraded mode).
    #[error("migrations pending")]
    MigrationsPending,
    /// 503: the database cannot be reached, or lost the connection mid-request.
    #[error("database unavailable")]
    DatabaseUnavailable,
    /// 500: anything else; the cause, with its whole chain of sources, is logged, never sent.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `not_found`.
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// Per-field messages (validation); empty otherwise.
    pub fields: FieldErrors,
}

impl ApiError {
    /// The status and stable code of this error. Exhaustive on purpose: a new variant must
    /// choose its status here, it cannot fall into a 500 by accident.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::MalformedJson(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::NoRoute => (StatusCode::NOT_FOUND, "no_route"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            ApiError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            ApiError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            ApiError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests")
            }
            ApiError::MigrationsPending => (StatusCode::SERVICE_UNAVAILABLE, "migrations_pending"),
            ApiError::DatabaseUnavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, "database_unavailable")
            }
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        }
    }
}

impl ApiError {
    /// A 500 caused by `cause` (an error, or a message), kept whole for the log.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        ApiError::Internal(cause.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after } => Some(*retry_after),
            _ => None,
        };
        let lost = matches!(self, ApiError::DatabaseUnavailable);
        let (message, fields) = match self {
            ApiError::Validation(fields) => ("the request has invalid fields".to_owned(), fields),
            ApiError::Internal(cause) => {
                let cause = crate::telemetry::Chain(cause.as_ref());
                tracing::error!(error = %cause, "internal error");
                ("internal error".to_owned(), FieldErrors::new())
            }
            ApiError::Unauthenticated => (
                "missing, expired or revoked token, or wrong credentials".to_owned(),
                FieldErrors::new(),
            ),
            other => (other.to_string(), FieldErrors::new()),
        };
        let mut response = (
            status,
            Json(ErrorBody {
                code,
                message,
                fields,
            }),
        )
            .into_response();
        if let Some(seconds) = retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        if lost {
            response.extensions_mut().insert(ConnectionLost);
        }
        response
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        if service::is_connection_lost(&error) {
            tracing::warn!(%error, "database unavailable");
            ApiError::DatabaseUnavailable
        } else {
            ApiError::Internal(Box::new(error))
        }
    }
}

impl From<service::Error> for ApiError {
    fn from(error: service::Error) -> Self {
        match error {
            service::Error::NotFound => ApiError::NotFound,
            service::Error::Conflict(message) => ApiError::Conflict(message),
            service::Error::Validation(fields) => ApiError::Validation(fields.0),
            service::Error::Unauthenticated => ApiError::Unauthenticated,
            service::Error::PasswordHash(cause) => ApiError::Internal(cause.into()),
            service::Error::Database(error) => error.into(),
        }
    }
}

impl From<migration::Error> for ApiError {
    fn from(error: migration::Error) -> Self {
        match error {
            migration::Error::Database(error) => error.into(),
            migration::Error::Connect { .. } => ApiError::DatabaseUnavailable,
            other => ApiError::Internal(Box::new(other)),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

/// `Result` with [`ApiError`].
pub type ApiResult<T> = Result<T, ApiError>;
