//! The dashboard's own static files, compiled into the binary: nothing is loaded from elsewhere.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use super::AppState;

/// The stylesheet of every page.
pub const STYLESHEET: &str = include_str!("static/style.css");

/// The dashboard's one script (keeps "Updated … ago" current, reloads on newer figures); a
/// file of our own, so the CSP's `script-src 'self'` allows it without inline script.
pub const FRESHNESS_SCRIPT: &str = include_str!("static/freshness.js");

/// Where the dashboard loads [`FRESHNESS_SCRIPT`] from.
pub const FRESHNESS_SCRIPT_PATH: &str = "/static/freshness.js";

/// The script every page loads: confirmations of destructive forms, sortable tables.
pub const PAGE_SCRIPT: &str = include_str!("static/page.js");

/// Where pages load [`PAGE_SCRIPT`] from.
pub const PAGE_SCRIPT_PATH: &str = "/static/page.js";

/// The icon browsers ask for at `/favicon.ico` (a 32x32 PNG in an ICO directory, drawn by
/// `scripts/make-favicon.py`).
pub const FAVICON: &[u8] = include_bytes!("static/favicon.ico");

/// The static file routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/style.css", get(stylesheet))
        .route(FRESHNESS_SCRIPT_PATH, get(freshness_script))
        .route(PAGE_SCRIPT_PATH, get(page_script))
        .route("/favicon.ico", get(favicon))
}

/// Browsers fetch the icon on every page load unless told to keep it; it changes with releases
/// at most, so a week's cache is safe (`img-src 'self'` in the CSP allows it).
async fn favicon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/x-icon"), (header::CACHE_CONTROL, "public, max-age=604800")], FAVICON)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        STYLESHEET,
    )
}

async fn freshness_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        FRESHNESS_SCRIPT,
    )
}

async fn page_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        PAGE_SCRIPT,
    )
}
