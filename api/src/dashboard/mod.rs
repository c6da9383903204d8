//! The migration dashboard: `GET /admin/migrations` as a page for browsers (the JSON answer
//! stays for API clients), a sign-in form, and the forms behind its buttons.
//!
//! | route | does |
//! |---|---|
//! | `GET /admin/migrations` (`Accept: text/html`) | the page; without a session, a redirect to the sign-in form |
//! | `GET/POST /admin/sign-in` | the form; an admin's e-mail and password, or `OPERATOR_TOKEN` |
//! | `POST /admin/sign-out` | ends the session (revokes an admin's token) |
//! | `POST /admin/dashboard/retry` | migrates to head now, then compares the schema again |
//! | `POST /admin/dashboard/check` | compares the schema with the entities again |
//!
//! Every `POST` that changes something carries the session's CSRF token. Statuses of refusals
//! come from [`ApiError::status_and_code`], the one place statuses are chosen.

pub mod report;
pub mod session;
pub mod view;

use crate::error::ApiError;
use crate::extract::ClientAddress;
use crate::extract::Operator;
use crate::routes::sign_in as sign_in_user;
use crate::state::AppState;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use maud::Markup;
use serde::Deserialize;
use session::Session;

const PAGE: &str = "/admin/migrations";
const SIGN_IN: &str = "/admin/sign-in";

/// The dashboard's routes (besides `GET /admin/migrations`, which [`page`] answers for
/// browsers).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(SIGN_IN, get(sign_in_form).post(sign_in))
        .route("/admin/sign-out", post(sign_out))
        .route("/admin/dashboard/retry", post(retry))
        .route("/admin/dashboard/check", post(check))
        .route(view::STYLESHEET_PATH, get(stylesheet))
}

/// Whether the client prefers HTML to JSON (`Accept`, with q-values; no `Accept` or `*/*`
/// means JSON, so API clients keep their answer).
pub fn wants_html(headers: &HeaderMap) -> bool {
    let accept = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let quality = |wanted: &str| {
        accept
            .split(',')
            .filter_map(|range| {
                let mut parts = range.split(';');
                let media = parts.next()?.trim();
                media.eq_ignore_ascii_case(wanted).then(|| {
                    parts
                        .filter_map(|p| p.trim().strip_prefix("q="))
                        .find_map(|q| q.trim().parse::<f32>().ok())
                        .unwrap_or(1.0)
                })
            })
            .fold(0.0f32, f32::max)
    };
    let html = quality("text/html");
    html > 0.0 && html >= quality("application/json")
}

fn html(status: StatusCode, markup: Markup) -> Response {
    (status, markup).into_response()
}

fn refusal(error: &ApiError) -> Response {
    let (status, _) = error.status_and_code();
    let (heading, detail) = match error {
        ApiError::Forbidden => (
            "Administrators only",
            "This page is for administrators and operators.",
        ),
        ApiError::BadRequest(_) => (
            "Bad request",
            "The form was not sent as expected; reload the page and try again.",
        ),
        _ => (
            "Something went wrong",
            "The dashboard could not answer; the server log has the details.",
        ),
    };
    html(status, view::refused(heading, detail))
}

/// The session of a request's cookie, if it has a valid one.
async fn session_of(state: &AppState, jar: &CookieJar) -> Result<Option<Session>, ApiError> {
    match jar.get(session::COOKIE) {
        Some(cookie) => session::resolve(state, cookie.value()).await,
        None => Ok(None),
    }
}

/// `GET /admin/migrations` for a browser: the page for a signed-in admin or operator (or a
/// bearer-token operator, without the forms), 403 for anyone else signed in, and a redirect
/// to the sign-in form for nobody.
pub async fn page(
    state: &AppState,
    jar: &CookieJar,
    bearer: Result<Operator, ApiError>,
) -> Response {
    let session = match session_of(state, jar).await {
        Ok(session) => session,
        Err(error) => return refusal(&error),
    };
    match (session, bearer) {
        (Some(session), _) => {
            let report = report::gather(state).await;
            html(StatusCode::OK, view::dashboard(&report, Some(&session)))
        }
        (None, Ok(Operator)) => {
            let report = report::gather(state).await;
            html(StatusCode::OK, view::dashboard(&report, None))
        }
        (None, Err(ApiError::Forbidden)) => refusal(&ApiError::Forbidden),
        (None, Err(_)) => Redirect::to(SIGN_IN).into_response(),
    }
}

async fn sign_in_form(State(state): State<AppState>, jar: CookieJar) -> Response {
    match session_of(&state, &jar).await {
        Ok(Some(_)) => Redirect::to(PAGE).into_response(),
        _ => html(StatusCode::OK, view::sign_in(None)),
    }
}

#[derive(Deserialize)]
struct SignIn {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    operator_token: String,
}

const WRONG_CREDENTIALS: &str = "Wrong e-mail address or password.";

async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<SignIn>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return refusal(&ApiError::BadRequest("malformed form".to_owned()));
    };
    let signed_in = |value: String| {
        let jar = jar.add(session::cookie(value, &headers));
        (jar, Redirect::to(PAGE)).into_response()
    };
    if !form.operator_token.is_empty() {
        let outcome = match &state.config.operator_token {
            Some(secret) if secret.matches(form.operator_token.trim()) => Ok(secret),
            _ => Err(ApiError::Unauthenticated),
        };
        state.metrics.record_sign_in("dashboard", &outcome);
        return match outcome {
            Ok(secret) => signed_in(session::operator_value(secret, expiry(&state))),
            Err(_) => html(
                StatusCode::UNAUTHORIZED,
                view::sign_in(Some("That is not the operator token.")),
            ),
        };
    }
    let credentials = service::users::Credentials {
        email: form.email,
        password: form.password,
    };
    let outcome = sign_in_user(&state, "dashboard", address, &credentials).await;
    match outcome {
        Ok(user) if user.role == service::Role::Admin => {
            match crate::auth::issue(&state.db, user.id, expiry(&state)).await {
                Ok(token) => signed_in(token),
                Err(error) => refusal(&error.into()),
            }
        }
        Ok(_) => refusal(&ApiError::Forbidden),
        // A throttled attempt is answered like a wrong password: the page must not tell a
        // stranger which addresses have accounts.
        Err(ApiError::Unauthenticated) => html(
            StatusCode::UNAUTHORIZED,
            view::sign_in(Some(WRONG_CREDENTIALS)),
        ),
        Err(error) => refusal(&error),
    }
}

fn expiry(state: &AppState) -> chrono::DateTime<chrono::Utc> {
    let ttl = chrono::Duration::from_std(state.config.token_ttl)
        .unwrap_or_else(|_| chrono::Duration::hours(12));
    chrono::Utc::now() + ttl
}

#[derive(Deserialize)]
struct Csrf {
    #[serde(default)]
    csrf: String,
}

/// The session of a form post whose CSRF token matches, or the response refusing it.
async fn checked(
    state: &AppState,
    jar: &CookieJar,
    form: Result<Form<Csrf>, FormRejection>,
) -> Result<Session, Response> {
    let session = match session_of(state, jar).await {
        Ok(Some(session)) => session,
        Ok(None) => return Err(Redirect::to(SIGN_IN).into_response()),
        Err(error) => return Err(refusal(&error)),
    };
    match form {
        Ok(Form(form)) if session.csrf_matches(&form.csrf) => Ok(session),
        _ => Err(refusal(&ApiError::Forbidden)),
    }
}

async fn retry(
    State(state): State<AppState>,
    jar: CookieJar,
    form: Result<Form<Csrf>, FormRejection>,
) -> Response {
    if let Err(refused) = checked(&state, &jar, form).await {
        return refused;
    }
    crate::migrations::migrate(&state).await;
    crate::drift::recheck(&state).await;
    Redirect::to(PAGE).into_response()
}

async fn check(
    State(state): State<AppState>,
    jar: CookieJar,
    form: Result<Form<Csrf>, FormRejection>,
) -> Response {
    if let Err(refused) = checked(&state, &jar, form).await {
        return refused;
    }
    crate::drift::recheck(&state).await;
    Redirect::to(PAGE).into_response()
}

async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Result<Form<Csrf>, FormRejection>,
) -> Response {
    let session = match checked(&state, &jar, form).await {
        Ok(session) => session,
        Err(refused) => return refused,
    };
    if let Some(hash) = &session.token_hash
        && let Err(error) = crate::auth::revoke(&state.db, hash).await
    {
        return refusal(&error.into());
    }
    let jar = jar.add(session::removal(&headers));
    (jar, Redirect::to(SIGN_IN)).into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        view::STYLESHEET,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn browsers_get_html_and_api_clients_keep_json() {
        let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
        assert!(wants_html(&accept(chromium)));
        assert!(wants_html(&accept("text/html")));
        assert!(!wants_html(&accept("application/json")));
        assert!(!wants_html(&accept("*/*")));
        assert!(!wants_html(&HeaderMap::new()));
        assert!(!wants_html(&accept("application/json, text/html;q=0.5")));
        assert!(!wants_html(&accept("text/html;q=0")));
    }
}
