//! Who is asking: the login form, logout, and the extractors that resolve a request's user.
//!
//! * [`CurrentUser`]: a browser session (cookie). Pages use it; without one they redirect to the
//!   login form.
//! * [`PlatformAdmin`]: a session of a platform admin; anyone else gets 403.
//! * [`ApiCaller`]: the API's caller, by session cookie or `Authorization: Bearer <api token>`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::connect_info::MockConnectInfo;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::{DOCTYPE, html};
use serde::Deserialize;

use super::csrf::{CSRF_FIELD, LOGIN_CSRF_COOKIE, token_for_session};
use super::error::ApiError;
use super::i18n::{self, Lang};
use super::sessions::{self, Role, SESSION_COOKIE, SessionUser, TenantRef};
use super::{AppState, WebError, login, tokens};
use crate::db;

/// The message for every failed login, whatever the reason (in English; `login-failed` in the
/// translations).
pub const LOGIN_FAILED: &str = "Wrong email or password, or too many attempts. Try again later.";

/// The message when the server has no room to check a login now (503, `Retry-After: 5`), in
/// English (`login-busy`).
pub const LOGIN_BUSY: &str = "The server is busy checking other logins. Try again in a few seconds.";

/// The login and logout routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/login", get(login_form).post(login_submit)).route("/logout", post(logout))
}

/// The user of the request's session, with the CSRF token its forms must carry.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: SessionUser,
    /// The value of the hidden `_csrf` field in this session's forms.
    pub csrf: String,
    /// The language the user's pages speak: their choice, their tenant's, or their browser's.
    pub lang: Lang,
}

impl CurrentUser {
    /// The audit actor for changes made by this user: `web:<email>`.
    pub fn actor(&self) -> String {
        format!("web:{}", self.user.email)
    }

    /// Whether this is a platform admin.
    pub fn is_platform_admin(&self) -> bool {
        self.user.role == Role::PlatformAdmin
    }
}

async fn session_user(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, WebError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else { return Ok(None) };
    let mut tx = db::platform_tx(&state.pool).await?;
    let user = sessions::lookup(&mut tx, &token, state.config.idle_timeout).await?;
    tx.commit().await?;
    Ok(user.map(|user| {
        let lang = i18n::resolve(user.locale, user.tenant_locale, i18n::from_accept_language(&parts.headers));
        // Error pages rendered later in this request speak it too.
        i18n::set_current(lang);
        CurrentUser { user, csrf: token_for_session(&token), lang }
    }))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        session_user(parts, state).await?.ok_or(WebError::LoginRequired)
    }
}

/// A platform admin's session.
#[derive(Debug, Clone)]
pub struct PlatformAdmin(pub CurrentUser);

impl FromRequestParts<AppState> for PlatformAdmin {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if user.is_platform_admin() { Ok(PlatformAdmin(user)) } else { Err(WebError::Forbidden) }
    }
}

/// Who calls the API.
#[derive(Debug, Clone)]
pub enum ApiCaller {
    /// A browser session.
    User(SessionUser),
    /// An API token, bound to one tenant.
    Token(TenantRef),
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or(WebError::Unauthorized)?;
            let mut tx = db::platform_tx(&state.pool).await?;
            let tenant = tokens::lookup(&mut tx, token).await?;
            tx.commit().await?;
            return tenant.map(ApiCaller::Token).ok_or(ApiError(WebError::Unauthorized));
        }
        match session_user(parts, state).await? {
            Some(current) => Ok(ApiCaller::User(current.user)),
            None => Err(ApiError(WebError::Unauthorized)),
        }
    }
}

/// The client's IP, when the server knows it: with `behind_proxy`, the last `X-Forwarded-For`
/// entry (the one our proxy appended; earlier entries are the client's word and can be forged);
/// otherwise the socket's peer address (or the address a test sets with `MockConnectInfo`).
pub fn client_ip(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    behind_proxy: bool,
) -> Option<IpAddr> {
    if behind_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .or_else(|| extensions.get::<MockConnectInfo<SocketAddr>>().map(|MockConnectInfo(addr)| addr.ip()))
}

fn login_csrf_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((LOGIN_CSRF_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/login")
        .build()
}

/// The login form, in the browser's language (no user is known yet). `error` is a message key.
fn login_page(lang: Lang, csrf: &str, error: Option<&str>) -> Html<String> {
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (lang.t("login-title")) " · geniai" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                main.narrow {
                    h1 { "geniai" }
                    p.muted { (lang.t("app-tagline")) }
                    @if let Some(error) = error {
                        p.error role="alert" { (lang.t(error)) }
                    }
                    form.login method="post" action="/login" {
                        input type="hidden" name=(CSRF_FIELD) value=(csrf);
                        label { (lang.t("login-email")) input type="email" name="email" autocomplete="username" required autofocus; }
                        label { (lang.t("login-password")) input type="password" name="password" autocomplete="current-password" required; }
                        button type="submit" { (lang.t("login-submit")) }
                    }
                }
            }
        }
    };
    Html(markup.into_string())
}

async fn login_form(State(state): State<AppState>, parts: Parts) -> Result<Response, WebError> {
    if session_user(&parts, &state).await?.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let jar = CookieJar::from_headers(&parts.headers);
    let csrf = match jar.get(LOGIN_CSRF_COOKIE) {
        Some(c) if !c.value().is_empty() => c.value().to_string(),
        _ => sessions::new_token(),
    };
    let jar = jar.add(login_csrf_cookie(csrf.clone(), state.config.secure_cookies));
    let lang = Lang(i18n::from_accept_language(&parts.headers));
    Ok((jar, login_page(lang, &csrf, None)).into_response())
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

async fn login_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let ip = client_ip(&headers, &extensions, state.config.behind_proxy);
    let jar = CookieJar::from_headers(&headers);
    let outcome = login::check(&state.pool, &state.logins, &form.email, &form.password, ip).await?;
    let csrf = || jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    let lang = Lang(i18n::from_accept_language(&headers));
    let user_id = match outcome {
        login::Outcome::LoggedIn(user_id) => user_id,
        login::Outcome::Refused => {
            tracing::info!(ip = ?ip, "failed login");
            return Ok(
                (StatusCode::UNAUTHORIZED, login_page(lang, &csrf(), Some("login-failed"))).into_response()
            );
        }
        login::Outcome::Busy => {
            tracing::warn!(ip = ?ip, "login refused: too many attempts waiting");
            let page = login_page(lang, &csrf(), Some("login-busy"));
            return Ok((StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "5")], page).into_response());
        }
    };
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let mut tx = db::platform_tx(&state.pool).await?;
    sessions::delete_expired(&mut tx).await?;
    let token = sessions::create(&mut tx, user_id, state.config.session_ttl, ip, user_agent).await?;
    tx.commit().await?;
    let cookie = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .build();
    let jar = jar.remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/login")).add(cookie);
    Ok((jar, Redirect::to("/")).into_response())
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, WebError> {
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        let mut tx = db::platform_tx(&state.pool).await?;
        sessions::delete(&mut tx, &token).await?;
        tx.commit().await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}
