//! The one error type of the web layer. Expected outcomes (not logged in, forbidden, not found,
//! bad input) become their status codes with a short message; anything else is logged with its
//! full chain and shown as a generic 500, so internals (SQL, paths, hosts) never reach a client.
//!
//! The domain's [`DomainError`] is mapped here, once, by its kind: invalid 400, not found 404,
//! conflict 409, busy 423, with its sentence. Any `anyhow::Error` that carries one in its chain
//! converts to it, so a handler's `?` on a domain call needs no mapping of its own.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use crate::error::{DomainError, ErrorKind};

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A page needs a logged-in user: the browser is sent to the login form.
    #[error("login required")]
    LoginRequired,
    /// An API call without valid credentials.
    #[error("authentication required")]
    Unauthorized,
    /// Authenticated, but not allowed here (wrong role, missing CSRF token).
    #[error("forbidden")]
    Forbidden,
    /// No such page or record (also used where "exists but not yours" must not be revealed).
    #[error("not found")]
    NotFound,
    /// Invalid input, with a message safe to show.
    #[error("{0}")]
    BadRequest(String),
    /// A domain outcome (invalid, not found, conflict, busy), with its sentence.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// Anything unexpected: logged, never shown.
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for WebError {
    /// A domain error anywhere in the chain is that domain error; anything else is internal.
    fn from(err: anyhow::Error) -> Self {
        match DomainError::find(&err) {
            Some(domain) => WebError::Domain(domain.clone()),
            None => WebError::Internal(err),
        }
    }
}

impl From<sqlx::Error> for WebError {
    fn from(err: sqlx::Error) -> Self {
        WebError::Internal(err.into())
    }
}

/// The status code of a domain error's kind.
pub fn domain_status(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Invalid => StatusCode::BAD_REQUEST,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Busy => StatusCode::LOCKED,
    }
}

impl WebError {
    /// The status code and the message shown to the client.
    pub fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            WebError::LoginRequired | WebError::Unauthorized => {
                (StatusCode::UNAUTHORIZED, "authentication required".into())
            }
            WebError::Forbidden => (StatusCode::FORBIDDEN, "forbidden".into()),
            WebError::NotFound => (StatusCode::NOT_FOUND, "not found".into()),
            WebError::BadRequest(msg) => (StatusCode::BAD_REQUEST, msg.clone()),
            WebError::Domain(err) => (domain_status(err.kind), err.message.clone()),
            WebError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()),
        }
    }

    fn log(&self) {
        if let WebError::Internal(err) = self {
            tracing::error!("request failed: {err:#}");
        }
    }

    /// The error as a JSON body (`{"error": "..."}`), for the API.
    pub fn into_json_response(self) -> Response {
        self.log();
        let (status, message) = self.status_and_message();
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.log();
        if matches!(self, WebError::LoginRequired) {
            return Redirect::to("/login").into_response();
        }
        let (status, message) = self.status_and_message();
        let page = html! {
            (maud::DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    title { "geniai: " (status.as_u16()) }
                    link rel="stylesheet" href="/static/style.css";
                }
                body {
                    main.narrow {
                        h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
                        p { (message) }
                        p { a href="/" { "Back to the dashboard" } }
                    }
                }
            }
        };
        (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page.into_string()).into_response()
    }
}

/// The API's result type: errors render as JSON.
pub type ApiResult<T> = Result<T, ApiError>;

/// A [`WebError`] that renders as JSON.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = match self.0 {
            WebError::LoginRequired => WebError::Unauthorized,
            other => other,
        };
        err.into_json_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::DomainError;

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn each_domain_kind_has_its_status_and_the_styled_page() {
        let cases = [
            (DomainError::invalid("bad slug"), StatusCode::BAD_REQUEST),
            (DomainError::not_found("unknown tenant"), StatusCode::NOT_FOUND),
            (DomainError::conflict("slug taken"), StatusCode::CONFLICT),
            (DomainError::busy("an ETL run holds it"), StatusCode::LOCKED),
        ];
        for (domain, status) in cases {
            let message = domain.message.clone();
            // Wrapped in context, as domain functions return it.
            let err = anyhow::Error::new(domain).context("while doing something internal");
            let response = WebError::from(err).into_response();
            assert_eq!(response.status(), status);
            let page = body(response).await;
            assert!(page.contains("/static/style.css") && page.contains(&message), "{page}");
            assert!(!page.contains("internal"), "the context stays out of the page: {page}");
        }
    }

    #[tokio::test]
    async fn an_error_without_a_domain_error_is_a_generic_500() {
        let response = WebError::from(anyhow::anyhow!("connection to 10.0.0.5 refused")).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!body(response).await.contains("10.0.0.5"));
    }
}
