//! Dashboard sessions: what the `lexbase_session` cookie carries and who it stands for.
//!
//! A browser cannot send a bearer header, so signing in sets a cookie (`HttpOnly`,
//! `SameSite=Strict`, `Secure` unless the page was asked for on a loopback host, `Path=/admin`).
//! Nothing is kept in process memory, so every replica accepts every session:
//!
//! - an admin's cookie is an ordinary API token (issued into `api_tokens` by [`crate::auth`],
//!   revoked on sign-out, expiring after `TOKEN_TTL_MINUTES`);
//! - an operator who signed in with `OPERATOR_TOKEN` (which works when the user tables are not
//!   migrated) gets `op.<expiry>.<HMAC of the expiry keyed by OPERATOR_TOKEN>`: stateless,
//!   and void as soon as the token is rotated.
//!
//! Forms that change something carry a CSRF token: an HMAC of the cookie's value, which a
//! page on another site cannot read and so cannot compute.

use crate::auth;
use crate::config::Secret;
use crate::error::ApiError;
use crate::state::AppState;
use axum::http::HeaderMap;
use axum::http::header::HOST;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The cookie's name.
pub const COOKIE: &str = "lexbase_session";
const OPERATOR_PREFIX: &str = "op.";
const OPERATOR_CONTEXT: &[u8] = b"lexbase-dashboard-operator-session\0";
const CSRF_CONTEXT: &[u8] = b"lexbase-dashboard-csrf\0";

type HmacSha256 = Hmac<Sha256>;

/// Who is looking at the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    /// An admin user, by id.
    Admin(i32),
    /// Someone holding `OPERATOR_TOKEN`.
    Operator,
}

/// A valid session: who, and the CSRF token its forms must carry.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who signed in.
    pub viewer: Viewer,
    /// The session's CSRF token (hex).
    pub csrf: String,
    /// The API token behind an admin's session (revoked on sign-out).
    pub token_hash: Option<String>,
}

fn mac(key: &[u8], context: &[u8], message: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(context);
    mac.update(message);
    mac
}

/// The CSRF token of the session whose cookie holds `value`.
fn csrf_for(value: &str) -> String {
    hex::encode(
        mac(value.as_bytes(), CSRF_CONTEXT, b"")
            .finalize()
            .into_bytes(),
    )
}

/// A cookie value for an operator session valid until `expires_at`.
pub fn operator_value(secret: &Secret, expires_at: DateTime<Utc>) -> String {
    let expiry = expires_at.timestamp().to_string();
    let tag = mac(secret.expose(), OPERATOR_CONTEXT, expiry.as_bytes())
        .finalize()
        .into_bytes();
    format!("{OPERATOR_PREFIX}{expiry}.{}", hex::encode(tag))
}

/// Whether an operator cookie value is genuine (keyed by today's `OPERATOR_TOKEN`) and
/// unexpired.
fn operator_value_is_valid(secret: &Secret, value: &str) -> bool {
    let Some((expiry, tag)) = value
        .strip_prefix(OPERATOR_PREFIX)
        .and_then(|rest| rest.split_once('.'))
    else {
        return false;
    };
    let (Ok(expiry_secs), Ok(tag)) = (expiry.parse::<i64>(), hex::decode(tag)) else {
        return false;
    };
    expiry_secs > Utc::now().timestamp()
        && mac(secret.expose(), OPERATOR_CONTEXT, expiry.as_bytes())
            .verify_slice(&tag)
            .is_ok()
}

/// The session behind a cookie value: `Ok(None)` when it is not (or no longer) valid.
///
/// # Errors
/// [`ApiError::Forbidden`] for a valid session of a user who is not an admin (any more);
/// database errors.
pub async fn resolve(state: &AppState, value: &str) -> Result<Option<Session>, ApiError> {
    let csrf = csrf_for(value);
    if value.starts_with(OPERATOR_PREFIX) {
        let valid = state
            .config
            .operator_token
            .as_ref()
            .is_some_and(|secret| operator_value_is_valid(secret, value));
        return Ok(valid.then_some(Session {
            viewer: Viewer::Operator,
            csrf,
            token_hash: None,
        }));
    }
    let Some(principal) = auth::resolve(&state.db, value).await? else {
        return Ok(None);
    };
    if !principal.is_admin() {
        return Err(ApiError::Forbidden);
    }
    Ok(Some(Session {
        viewer: Viewer::Admin(principal.user_id),
        csrf,
        token_hash: Some(principal.token_hash),
    }))
}

impl Session {
    /// Whether `submitted` is this session's CSRF token (compared in constant time).
    pub fn csrf_matches(&self, submitted: &str) -> bool {
        match (hex::decode(submitted), hex::decode(&self.csrf)) {
            (Ok(submitted), Ok(expected)) => {
                submitted.len() == expected.len()
                    && submitted
                        .iter()
                        .zip(&expected)
                        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                        == 0
            }
            _ => false,
        }
    }
}

/// Whether the request names a loopback host (`127.0.0.1`, `[::1]`, `localhost`): the only
/// case in which the cookie may travel without TLS.
pub fn on_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The session cookie holding `value`. It has no `Max-Age` (the browser forgets it when it
/// closes); the server enforces the session's expiry.
pub fn cookie(value: String, headers: &HeaderMap) -> Cookie<'static> {
    Cookie::build((COOKIE, value))
        .http_only(true)
        .secure(!on_loopback(headers))
        .same_site(SameSite::Strict)
        .path("/admin")
        .build()
}

/// The cookie that removes the session cookie.
pub fn removal(headers: &HeaderMap) -> Cookie<'static> {
    let mut gone = cookie(String::new(), headers);
    gone.make_removal();
    gone
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use axum::http::HeaderValue;

    fn secret(text: &str) -> Secret {
        let config = crate::config::Config::from_lookup(&|name| match name {
            "DATABASE_URL" => Some("sqlite://x.db".to_owned()),
            "OPERATOR_TOKEN" => Some(text.to_owned()),
            _ => None,
        })
        .unwrap();
        config.operator_token.unwrap()
    }

    #[test]
    fn an_operator_session_holds_only_for_the_token_that_made_it_and_until_it_expires() {
        let token = secret("operator-token-0123456789abcdef-0123");
        let later = Utc::now() + chrono::Duration::hours(1);
        let value = operator_value(&token, later);
        assert!(operator_value_is_valid(&token, &value));
        let rotated = secret("another-operator-token-0123456789abcdef");
        assert!(!operator_value_is_valid(&rotated, &value));
        let expired = operator_value(&token, Utc::now() - chrono::Duration::seconds(1));
        assert!(!operator_value_is_valid(&token, &expired));
        let forged = value.replacen(&later.timestamp().to_string(), "99999999999", 1);
        assert!(!operator_value_is_valid(&token, &forged));
    }

    #[test]
    fn the_csrf_token_belongs_to_one_session() {
        let session = Session {
            viewer: Viewer::Operator,
            csrf: csrf_for("cookie-a"),
            token_hash: None,
        };
        assert!(session.csrf_matches(&csrf_for("cookie-a")));
        assert!(!session.csrf_matches(&csrf_for("cookie-b")));
        assert!(!session.csrf_matches(""));
        assert!(!session.csrf_matches("not hex"));
    }

    #[test]
    fn the_cookie_is_secure_unless_the_host_is_loopback() {
        let mut headers = HeaderMap::new();
        for (host, loopback) in [
            ("127.0.0.1:8000", true),
            ("localhost", true),
            ("[::1]:8000", true),
            ("lexbase.firm.example", false),
            ("10.0.0.5:8000", false),
        ] {
            headers.insert(HOST, HeaderValue::from_static(host));
            let cookie = cookie("v".to_owned(), &headers);
            assert_eq!(cookie.secure(), Some(!loopback), "{host}");
            assert_eq!(cookie.http_only(), Some(true));
            assert_eq!(cookie.same_site(), Some(SameSite::Strict));
        }
    }
}
