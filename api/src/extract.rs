//! Extractors whose rejections speak the API's error format: JSON bodies, strict ids, query
//! strings, and who is calling.

use crate::auth::{self, Principal};
use crate::error::{ApiError, FieldErrors};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// A JSON body: 415 unless `Content-Type` is JSON, 413 over the body limit, 400 when it is
/// not JSON at all, 422 naming the field when it is JSON of the wrong shape (a missing or
/// unknown field, a wrong type).
#[derive(Debug)]
pub struct AppJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

fn is_json(parts: &Request) -> bool {
    let Some(value) = parts.headers().get(CONTENT_TYPE) else {
        return false;
    };
    let Ok(text) = value.to_str() else {
        return false;
    };
    let essence = text.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(&request) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::MalformedJson(rejection.body_text())
                }
            })?;
        parse_json(&bytes).map(AppJson)
    }
}

/// Parses a JSON body: syntax errors are 400, shape errors 422 on the field they concern.
///
/// # Errors
/// [`ApiError::MalformedJson`] or [`ApiError::Validation`].
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_owned() } else { path };
            // serde's message names the field and the expected type; no value is echoed.
            let message = inner.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_owned();
            ApiError::Validation(FieldErrors::from([(field, vec![message])]))
        } else {
            ApiError::MalformedJson(inner.to_string())
        }
    })?;
    deserializer
        .end()
        .map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    Ok(value)
}

/// `Query<T>` whose rejection is a 400 in the API's format.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct AppQuery<T>(pub T);

/// `Path<T>` whose rejection is a 400 in the API's format.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

/// A numeric id in the path, written as the API writes ids: decimal digits, no sign, no
/// leading zero, 1 to 2147483647. Anything else (`+1`, `01`, `-1`, `1e3`) is a 400, so that no
/// two spellings name one resource.
#[derive(Debug, Clone, Copy)]
pub struct IdPath(pub i32);

/// Parses an id as [`IdPath`] accepts it.
pub fn parse_id(text: &str) -> Option<i32> {
    let canonical =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    canonical.then(|| text.parse().ok()).flatten()
}

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let AppPath(text) = AppPath::<String>::from_request_parts(parts, state).await?;
        parse_id(&text).map(IdPath).ok_or_else(|| {
            ApiError::BadRequest("an id is a decimal number from 1 to 2147483647".to_owned())
        })
    }
}

/// The address of the client: the TCP peer, or with `TRUST_FORWARDED_FOR` the last
/// `X-Forwarded-For` entry (the one the trusted proxy appended).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.trust_forwarded_for {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()
                .and_then(|last| last.trim().parse::<IpAddr>().ok());
            if let Some(address) = forwarded {
                return Ok(ClientAddress(address));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
        Ok(ClientAddress(peer))
    }
}

/// The bearer token of a request, if it has one.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// The authenticated user of a request: 401 without a valid, unexpired, unrevoked token;
/// 503 when the tokens cannot be read (the database is down or its schema broken).
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
        let principal = auth::resolve(&state.db, token)
            .await
            .map_err(|error| match error {
                // A stored role no code knows is a data problem, not an outage.
                DbErr::Type(_) => ApiError::Internal(Box::new(error)),
                // Whatever else broke, no token can be checked: that is unavailability, not a
                // bug in this request.
                error => {
                    tracing::warn!(%error, "cannot read api_tokens");
                    ApiError::DatabaseUnavailable
                }
            })?;
        principal
            .map(Authenticated)
            .ok_or(ApiError::Unauthenticated)
    }
}

/// A request's bearer token, not yet checked: for a read that checks it in its own statement
/// ([`service::ActorSource`]), one round trip instead of two. 401 without a usable token.
#[derive(Debug, Clone)]
pub struct BearerToken(service::ActorSource);

impl BearerToken {
    /// The token's user, for the service layer to look up inside its read.
    pub fn actor_source(&self) -> &service::ActorSource {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        match bearer(parts) {
            Some(token) if !token.is_empty() && token.len() <= auth::MAX_TOKEN_LEN => Ok(
                BearerToken(service::ActorSource::bearer(auth::hash_token(token))),
            ),
            _ => Err(ApiError::Unauthenticated),
        }
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

/// A caller allowed to write shared resources (verifications, fingerprints, embeddings,
/// templates, documents, ingestion runs): an admin or a `service` (machine) account; 403 for
/// a lawyer, who may only read them.
#[derive(Debug, Clone)]
pub struct SharedWriter(pub Principal);

impl FromRequestParts<AppState> for SharedWriter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let who = Authenticated::from_request_parts(parts, state).await?;
        if who.actor().role.writes_shared() {
            Ok(SharedWriter(who.0))
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// An operator: an admin user, or the `OPERATOR_TOKEN` (which works even when the user
/// tables are not migrated yet, so a degraded server can be healed).
#[derive(Debug, Clone)]
pub struct Operator;

impl Operator {
    /// Whether the request carries the operator token or an admin's token (never fails:
    /// anything else, including an unreadable token table, is "no").
    pub async fn is_present(parts: &mut Parts, state: &AppState) -> bool {
        Self::from_request_parts(parts, state).await.is_ok()
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_ids_parse() {
        assert_eq!(parse_id("1"), Some(1));
        assert_eq!(parse_id("2147483647"), Some(i32::MAX));
        for bad in ["", "0", "01", "+1", "-1", "1e3", " 1", "2147483648", "１"] {
            assert_eq!(parse_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn json_shape_errors_name_their_field_and_syntax_errors_do_not() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        struct Input {
            #[allow(dead_code)]
            name: String,
        }
        match parse_json::<Input>(br#"{"name": "a", "extra": 1}"#) {
            Err(ApiError::Validation(fields)) => {
                assert!(fields.contains_key("extra"), "{fields:?}")
            }
            other => panic!("{other:?}"),
        }
        match parse_json::<Input>(br#"{"name": 42}"#) {
            Err(ApiError::Validation(fields)) => assert!(fields.contains_key("name"), "{fields:?}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_json::<Input>(br#"{"name": "#),
            Err(ApiError::MalformedJson(_))
        ));
        assert!(matches!(
            parse_json::<Input>(br#"{"name": "a"} trailing"#),
            Err(ApiError::MalformedJson(_))
        ));
    }
}
