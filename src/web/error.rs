//! The one error type of the web layer. Expected outcomes (not logged in, forbidden, not found,
//! bad input) become their status codes with a short message; anything else is logged with its
//! full chain and shown as a generic 500, so internals (SQL, paths, hosts) never reach a client.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

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
    /// Anything unexpected: logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for WebError {
    fn from(err: sqlx::Error) -> Self {
        WebError::Internal(err.into())
    }
}

impl WebError {
    /// The status code and the message shown to the client.
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            WebError::LoginRequired | WebError::Unauthorized => {
                (StatusCode::UNAUTHORIZED, "authentication required".into())
            }
            WebError::Forbidden => (StatusCode::FORBIDDEN, "forbidden".into()),
            WebError::NotFound => (StatusCode::NOT_FOUND, "not found".into()),
            WebError::BadRequest(msg) => (StatusCode::BAD_REQUEST, msg.clone()),
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
