//! CSRF protection for every state-changing request.
//!
//! One middleware guards every method other than GET/HEAD/OPTIONS, for the whole router, so a new
//! form cannot forget it. Forms carry a hidden `_csrf` field:
//! * with a session, the field must equal a value derived from the session token (a SHA-256 under
//!   a fixed label). Only a page served to that session can know it: the token itself is in an
//!   HttpOnly cookie and another origin cannot read our pages.
//! * the login form has no session yet: it uses a double-submit cookie (random value in a
//!   SameSite=Strict cookie, repeated in the form).
//!
//! Anything else (no token, wrong token, a body that is not a urlencoded form) gets 403.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::WebError;
use super::i18n::Msg;
use super::sessions::SESSION_COOKIE;

/// The hidden form field that carries the token.
pub const CSRF_FIELD: &str = "_csrf";
/// The double-submit cookie of the login form.
pub const LOGIN_CSRF_COOKIE: &str = "geniai_login_csrf";
/// The largest form body accepted.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// The CSRF token of the session whose token is `session_token`.
pub fn token_for_session(session_token: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"geniai csrf v1\0");
    hasher.update(session_token.as_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

/// Compares without an early exit, so timing reveals nothing about the expected value.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses state-changing requests whose form does not carry the right `_csrf` value.
pub async fn require_token(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let jar = CookieJar::from_headers(request.headers());
    let expected = if request.uri().path() == "/login" {
        jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string())
    } else {
        jar.get(SESSION_COOKIE).map(|c| token_for_session(c.value()))
    };
    let Some(expected) = expected.filter(|e| !e.is_empty()) else {
        return WebError::Forbidden.into_response();
    };
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return WebError::Forbidden.into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return WebError::Invalid(Msg::new("error-form-too-large")).into_response();
    };
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let given = fields.iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.as_str()).unwrap_or("");
    if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return WebError::Forbidden.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_depend_on_the_session() {
        assert_ne!(token_for_session("a"), token_for_session("b"));
        assert_eq!(token_for_session("a"), token_for_session("a"));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
