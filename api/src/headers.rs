//! Response headers every answer carries, and request headers and paths refused or replaced
//! before any handler sees them.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The request-id header, taken from the client when well-formed, else generated.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client-chosen request id kept.
pub const REQUEST_ID_MAX: usize = 64;

/// The Content-Security-Policy of HTML pages (`/docs`, the dashboard): scripts, styles, fonts
/// and data only from this server (both are served from the binary), no plugins, no framing,
/// forms only to this server. Swagger UI sets some styles from script, hence
/// `'unsafe-inline'` for styles only.
pub const HTML_CSP: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
    connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Whether a client's request id may be kept: 1 to [`REQUEST_ID_MAX`] characters from
/// `A-Z a-z 0-9 . _ : -` (no spaces, quotes or control characters to forge log lines with).
pub fn acceptable_request_id(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    (1..=REQUEST_ID_MAX).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// Drops a client's request id that is too long or carries other characters, so that a fresh
/// one is generated in its place.
pub async fn sanitize_request_id(mut request: Request, next: Next) -> Response {
    let mut values = request.headers().get_all(&REQUEST_ID).iter();
    let keep = matches!(
        (values.next(), values.next()),
        (Some(value), None) if acceptable_request_id(value)
    );
    if !keep {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}

/// Whether a path holds a NUL character (`%00`): such a path can name no resource (and
/// PostgreSQL cannot compare text holding one), so it answers 404 before any handler runs.
fn has_nul(path: &str) -> bool {
    path.contains("%00") || path.contains('\0')
}

/// `X-Content-Type-Options: nosniff` everywhere; `Cache-Control: no-store` on everything but
/// the public API description (so tokens, login answers and lawyers' data are never cached);
/// a restrictive CSP on HTML. Paths with a NUL character answer 404 (with these headers)
/// before anything else runs.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let public = path == "/openapi.json" || path == "/docs" || path.starts_with("/docs/");
    let mut response = if has_nul(path) {
        ApiError::NotFound.into_response()
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !public {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(HTML_CSP),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_short_plain_request_ids_are_kept() {
        let ok = |text: &str| acceptable_request_id(&HeaderValue::from_str(text).unwrap());
        assert!(ok("3f2c-11ee.b_x:1"));
        assert!(!ok(""));
        assert!(!ok(&"a".repeat(65)));
        assert!(!ok("has space"));
        assert!(!ok("quote\"d"));
        assert!(!acceptable_request_id(
            &HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap()
        ));
    }
}
