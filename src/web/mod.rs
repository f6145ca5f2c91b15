//! The web dashboard and JSON API served by `geniai serve`.
//!
//! [`app`] builds the whole router from a [`AppState`]; tests drive it with `oneshot` and the
//! server binds it to a socket. Each area is a module with its own `router()`:
//! `health` (/healthz, /metrics), `auth` (login, logout), `pages` (the client and admin views),
//! `api` (/api/v1). Cross-cutting layers live here: security headers, CSRF checking, request
//! metrics and the 404 fallback. The server keeps no state of its own apart from counters:
//! sessions, throttling and tokens are in the database, so several instances can run behind a
//! load balancer.

pub mod api;
pub mod assets;
pub mod auth;
pub mod chart;
pub mod csrf;
pub mod error;
pub mod health;
pub mod i18n;
pub mod login;
pub mod metrics;
pub mod pages;
pub mod period;
pub mod report_data;
pub mod sessions;
pub mod tokens;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::WebError;

use crate::secrets::MasterKey;

/// How the server treats sessions and cookies.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (only sent over HTTPS) and send `Strict-Transport-Security`. Set it
    /// whenever a TLS proxy fronts geniai.
    pub secure_cookies: bool,
    /// A session ends this long after login, however active.
    pub session_ttl: Duration,
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// Take the client's IP (for login throttling) from the last `X-Forwarded-For` entry, which
    /// the reverse proxy in front appends. Off, the socket's peer address counts.
    pub behind_proxy: bool,
    /// How long report rows are reused for identical requests (zero: always recomputed).
    pub report_cache_ttl: Duration,
    /// When set, `/metrics` answers 401 unless sent `Authorization: Bearer <token>`.
    pub metrics_token: Option<metrics::MetricsToken>,
    /// How long a login attempt may wait for its turn to be counted or checked before it is
    /// answered 503 (a flood is refused quickly instead of queueing without end).
    pub login_wait: Duration,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            session_ttl: Duration::from_secs(24 * 3600),
            idle_timeout: Duration::from_secs(2 * 3600),
            behind_proxy: false,
            report_cache_ttl: Duration::ZERO,
            metrics_token: None,
            login_wait: Duration::from_secs(2),
        }
    }
}

/// What every handler can reach: the analytics pool, the settings and the request counters.
#[derive(Clone)]
pub struct AppState {
    /// The analytics database. Tenant data is only read through `db::tenant_tx`.
    pub pool: PgPool,
    /// Session and cookie settings.
    pub config: Arc<WebConfig>,
    /// Request counts and latencies for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// The master key that seals tenant secrets; without it the integrations page is read-only.
    pub master_key: Option<Arc<MasterKey>>,
    /// Recently computed report rows.
    pub reports: Arc<report_data::ReportCache>,
    /// The bound on concurrent password checks, and what login attempts cost.
    pub logins: Arc<login::LoginGate>,
}

impl AppState {
    /// State over `pool` with `config` and fresh counters.
    pub fn new(pool: PgPool, config: WebConfig) -> Self {
        AppState {
            pool,
            reports: Arc::new(report_data::ReportCache::new(config.report_cache_ttl)),
            logins: Arc::new(login::LoginGate::for_this_machine(config.login_wait)),
            config: Arc::new(config),
            metrics: Arc::new(metrics::Metrics::default()),
            master_key: None,
        }
    }

    /// The same state, able to set tenant secrets with `key`.
    pub fn with_master_key(mut self, key: MasterKey) -> Self {
        self.master_key = Some(Arc::new(key));
        self
    }
}

/// The content security policy of every response: nothing from elsewhere, no inline script,
/// no framing. Pages that carry tenant branding add the hash of their one inline style block.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The whole application: every route, with security headers, CSRF checking and metrics.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(pages::router())
        .merge(api::router())
        .merge(assets::router())
        .fallback(not_found)
        .layer(middleware::from_fn(csrf::require_token))
        // Outside the CSRF check, so that its refusals speak the browser's language too.
        .layer(middleware::from_fn(i18n::negotiate))
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::record))
        // Until the response starts; a long CSV export streams its body after that.
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(60)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// How long browsers keep to HTTPS once told (`Strict-Transport-Security`): one year. Sent only
/// with `--secure-cookies`, i.e. when TLS fronts geniai; without `includeSubDomains`, because
/// geniai cannot know whether its sibling hosts all speak HTTPS.
pub const HSTS: &str = "max-age=31536000";

/// Unknown URLs: the styled 404 page, or the API's JSON error under `/api/`.
async fn not_found(uri: Uri) -> Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        error::ApiError(WebError::NotFound).into_response()
    } else {
        WebError::NotFound.into_response()
    }
}

/// Adds the security headers to every response (a handler may have set a stricter CSP).
async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.config.secure_cookies {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Pages show one tenant's figures: never let a shared cache keep them.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
