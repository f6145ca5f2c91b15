//! The one error type of the web layer. Expected outcomes (not logged in, forbidden, not found,
//! bad input) become their status codes with a short message; anything else is logged with its
//! full chain and shown as a generic 500, so internals (SQL, paths, hosts) never reach a client.
//!
//! The domain's [`DomainError`] is mapped here, once, by its kind: invalid 400, not found 404,
//! conflict 409, busy 423, with its sentence. Any `anyhow::Error` that carries one in its chain
//! converts to it, so a handler's `?` on a domain call needs no mapping of its own. Its sentence
//! is the reader's language's, found by the error's [`MessageId`](crate::error::MessageId) in the
//! Fluent files (the API's is the English one), never the command line's, which may name a flag.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::i18n::{self, Lang, Msg};
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
    /// Invalid input, with a message in the reader's language (English in the API).
    #[error("{}", Lang::EN.msg(.0))]
    Invalid(Msg),
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
    /// The status code and the message shown to an API client (English).
    pub fn status_and_message(&self) -> (StatusCode, String) {
        self.status_and_message_in(Lang::EN)
    }

    /// The status code and the message shown to a reader of `lang`. A domain error says what its
    /// message id names, in `lang`; one without an id (only the command line should meet those)
    /// shows the domain's English sentence, introduced in another language by a translated
    /// sentence of its kind.
    pub fn status_and_message_in(&self, lang: Lang) -> (StatusCode, String) {
        match self {
            WebError::LoginRequired | WebError::Unauthorized => {
                (StatusCode::UNAUTHORIZED, lang.t("error-unauthorized"))
            }
            WebError::Forbidden => (StatusCode::FORBIDDEN, lang.t("error-forbidden")),
            WebError::NotFound => (StatusCode::NOT_FOUND, lang.t("error-not-found")),
            WebError::BadRequest(msg) => (StatusCode::BAD_REQUEST, msg.clone()),
            WebError::Invalid(msg) => (StatusCode::BAD_REQUEST, lang.msg(msg)),
            WebError::Domain(DomainError { kind, id: Some(id), args, .. }) => {
                (domain_status(*kind), lang.t_args(id.key(), args))
            }
            WebError::Domain(err) if lang == Lang::EN => (domain_status(err.kind), err.message.clone()),
            WebError::Domain(err) => {
                let key = match err.kind {
                    ErrorKind::Invalid | ErrorKind::NotFound => "error-invalid",
                    ErrorKind::Conflict => "error-conflict",
                    ErrorKind::Busy => "error-busy",
                };
                (domain_status(err.kind), lang.t_args(key, &[("detail", err.message.clone())]))
            }
            WebError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, lang.t("error-internal")),
        }
    }

    fn log(&self) {
        match self {
            WebError::Internal(err) => tracing::error!("request failed: {err:#}"),
            // It reads in English whatever the page's language: the warning finds the error
            // that lacks its message id.
            WebError::Domain(err) if err.id.is_none() => {
                tracing::warn!("a domain error without a message id reached the web: {}", err.message)
            }
            _ => {}
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
        // The request's language: its user's once known, else its browser's.
        let lang = i18n::current();
        let (status, message) = self.status_and_message_in(lang);
        let page = html! {
            (maud::DOCTYPE)
            html lang=(lang.tag()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { "geniai: " (status.as_u16()) }
                    link rel="stylesheet" href="/static/style.css";
                }
                body {
                    main.narrow {
                        h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
                        p { (message) }
                        p { a href="/" { (lang.t("error-back")) } }
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
