//! The web dashboard through `app(state).oneshot(request)` against a real database: login,
//! sessions, lockout, CSRF, security headers, monitoring and API tokens.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use geniai::db::{self, TenantId};
use geniai::web::{self, AppState, WebConfig};
use sqlx::PgPool;
use tokio::sync::OnceCell;
use tower::ServiceExt;

use super::support::{self, TestDb};

/// The password of every test user.
pub const PASSWORD: &str = "correct horse battery staple";

static HASH: OnceCell<String> = OnceCell::const_new();

/// The argon2 hash of [`PASSWORD`], computed once per run.
pub async fn password_hash() -> String {
    HASH.get_or_init(|| async { geniai::password::hash(PASSWORD.to_string()).await.unwrap() }).await.clone()
}

/// A database with tenants `alpha` and `beta`, a user of each and a platform admin.
pub struct Fixture {
    pub db: TestDb,
    pub alpha: TenantId,
    pub beta: TenantId,
}

pub const ALPHA_USER: &str = "ana@alpha.test";
pub const BETA_USER: &str = "bob@beta.test";
pub const ADMIN_USER: &str = "root@geniai.test";

pub async fn fixture() -> Fixture {
    let db = support::migrated_db().await;
    let hash = password_hash().await;
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let mut ids = Vec::new();
    for (slug, name) in [("alpha", "Alpha Clinic"), ("beta", "Beta Motors")] {
        let id: i32 = sqlx::query_scalar("INSERT INTO tenants (slug, name) VALUES ($1, $2) RETURNING id")
            .bind(slug)
            .bind(name)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        ids.push(TenantId(id));
    }
    for (tenant, email, role) in [
        (Some(ids[0]), ALPHA_USER, "admin"),
        (Some(ids[1]), BETA_USER, "admin"),
        (None, ADMIN_USER, "platform_admin"),
    ] {
        sqlx::query(
            "INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $2, $3, $4)",
        )
        .bind(tenant)
        .bind(email)
        .bind(role)
        .bind(&hash)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    Fixture { alpha: ids[0], beta: ids[1], db }
}

/// The app over `pool`, as if every request came from `ip`.
pub fn app_from(pool: &PgPool, config: WebConfig, ip: [u8; 4]) -> Router {
    web::app(AppState::new(pool.clone(), config)).layer(MockConnectInfo(SocketAddr::from((ip, 40000))))
}

pub fn app(pool: &PgPool) -> Router {
    app_from(pool, WebConfig::default(), [10, 0, 0, 1])
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The value of cookie `name` set by this response, if any.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookie_line(name).and_then(|line| {
            let value = line.split(';').next()?.split_once('=')?.1.to_string();
            (!value.is_empty()).then_some(value)
        })
    }

    /// The whole `Set-Cookie` line for `name`.
    pub fn set_cookie_line(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The value of the first hidden `_csrf` field in the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"_csrf\" value=\"";
        let start = self.body.find(marker).expect("a CSRF field in the page") + marker.len();
        self.body[start..].split('"').next().unwrap().to_string()
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024).await.unwrap();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// GET with an optional session cookie.
pub async fn get(app: &Router, path: &str, session: Option<&str>) -> Reply {
    let mut request = Request::get(path);
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("geniai_session={token}"));
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// POST a urlencoded form with an optional session cookie.
pub async fn post(app: &Router, path: &str, session: Option<&str>, fields: &[(&str, &str)]) -> Reply {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(token) = session {
        request = request.header(header::COOKIE, format!("geniai_session={token}"));
    }
    let body = serde_urlencoded::to_string(fields).unwrap();
    send(app, request.body(Body::from(body)).unwrap()).await
}

/// Submits the login form as a browser would; returns the reply of the POST.
pub async fn try_login(app: &Router, email: &str, password: &str) -> Reply {
    let form = get(app, "/login", None).await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf_cookie = form.cookie("geniai_login_csrf").expect("a login CSRF cookie");
    let body = serde_urlencoded::to_string([
        ("_csrf", form.csrf().as_str()),
        ("email", email),
        ("password", password),
    ])
    .unwrap();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("geniai_login_csrf={csrf_cookie}"))
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

/// Logs in and returns the session token.
pub async fn login(app: &Router, email: &str) -> String {
    let reply = try_login(app, email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "login of {email} failed: {}", reply.body);
    reply.cookie("geniai_session").expect("a session cookie")
}

/// The CSRF token of a session, read from a page it is served.
pub async fn csrf_of(app: &Router, session: &str, page: &str) -> String {
    let reply = get(app, page, Some(session)).await;
    assert_eq!(reply.status, StatusCode::OK, "{page}: {}", reply.body);
    reply.csrf()
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let f = fixture().await;
    let reply = get(&app(&f.db.pool), "/healthz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("\"database\":\"ok\""), "{}", reply.body);

    // A pool on a server that is not there: 503, and no connection details leak.
    let dead = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_secs(2))
        .connect_lazy("postgres://nobody:secret@127.0.0.1:1/none")
        .unwrap();
    let reply = get(&app(&dead), "/healthz", None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(!reply.body.contains("secret") && !reply.body.contains("127.0.0.1"), "{}", reply.body);
}

#[tokio::test]
async fn metrics_count_requests_and_show_etl_state_per_tenant() {
    let f = fixture().await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query(
        "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id) VALUES ($1, 'conversations', now() - interval '90 seconds', 1)",
    )
    .bind(f.alpha)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO etl_runs (tenant_id, trigger, status, finished_at) VALUES ($1, 'cron', 'failed', now())",
    )
    .bind(f.beta)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let app = app(&f.db.pool);
    get(&app, "/login", None).await;
    get(&app, "/no/such/page", None).await;
    let reply = get(&app, "/metrics", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.body;
    assert!(
        text.contains("geniai_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("route=\"unmatched\""), "raw paths must not become labels: {text}");
    assert!(!text.contains("/no/such/page"));
    assert!(text.contains(
        "geniai_http_request_duration_seconds_bucket{le=\"+Inf\",method=\"GET\",route=\"/login\"} 1"
    ));
    let lag_line =
        text.lines().find(|l| l.starts_with("geniai_etl_lag_seconds{tenant=\"alpha\"}")).expect(&text);
    let lag: f64 = lag_line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!((89.0..600.0).contains(&lag), "{lag_line}");
    assert!(text.contains("geniai_etl_last_run_success{tenant=\"beta\"} 0"), "{text}");
    assert!(text.contains("geniai_etl_last_run_info{tenant=\"beta\",status=\"failed\"} 1"), "{text}");
}

#[tokio::test]
async fn login_sets_a_hardened_session_cookie_and_stores_only_its_hash() {
    let f = fixture().await;
    let config = WebConfig { secure_cookies: true, ..WebConfig::default() };
    let app = app_from(&f.db.pool, config, [10, 0, 0, 2]);
    let reply = try_login(&app, "ANA@alpha.test", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let line = reply.set_cookie_line("geniai_session").unwrap();
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(line.contains(flag), "{line} lacks {flag}");
    }
    let token = reply.cookie("geniai_session").unwrap();
    assert!(token.len() >= 43, "256 bits of token: {token}");
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let stored: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(stored, vec![geniai::web::sessions::token_hash(&token)]);
    assert!(!stored[0].windows(8).any(|w| token.as_bytes().windows(8).any(|t| t == w)));
    drop(tx);
    let home = get(&app, "/", Some(&token)).await;
    assert_eq!(home.location(), Some("/dashboard"));
    let dashboard = get(&app, "/dashboard", Some(&token)).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("Alpha Clinic"));
}

#[tokio::test]
async fn every_login_failure_looks_the_same() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let wrong_password = try_login(&app, ALPHA_USER, "not the password at all").await;
    let unknown_user = try_login(&app, "nobody@alpha.test", PASSWORD).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE tenants SET status = 'suspended' WHERE slug = 'beta'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let suspended_tenant = try_login(&app, BETA_USER, PASSWORD).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE users SET is_active = false WHERE email = $1")
        .bind(ADMIN_USER)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let disabled_user = try_login(&app, ADMIN_USER, PASSWORD).await;
    for reply in [&wrong_password, &unknown_user, &suspended_tenant, &disabled_user] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert!(reply.body.contains(geniai::web::auth::LOGIN_FAILED));
        assert!(reply.cookie("geniai_session").is_none());
    }
    let strip = |r: &Reply| r.body.replace(&r.csrf(), "");
    assert_eq!(strip(&wrong_password), strip(&unknown_user));
    assert_eq!(strip(&wrong_password), strip(&suspended_tenant));
    // Every failure is recorded with the client's IP.
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let recorded: i64 = sqlx::query_scalar("SELECT count(*) FROM login_failures WHERE ip = '10.0.0.1'")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(recorded, 4);
}

#[tokio::test]
async fn an_account_locks_after_repeated_failures() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    for _ in 0..geniai::web::login::MAX_ACCOUNT_FAILURES {
        assert_eq!(try_login(&app, ALPHA_USER, "wrong password!!").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = try_login(&app, ALPHA_USER, PASSWORD).await;
    assert_eq!(locked.status, StatusCode::UNAUTHORIZED, "the right password must not open a locked account");
    assert!(locked.body.contains(geniai::web::auth::LOGIN_FAILED));
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let locked_until: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT locked_until FROM users WHERE email = $1")
            .bind(ALPHA_USER)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert!(locked_until.is_some_and(|t| t > chrono::Utc::now()));
    // Other accounts are not affected, and the lock expires.
    drop(tx);
    login(&app, BETA_USER).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE users SET locked_until = now() - interval '1 second' WHERE email = $1")
        .bind(ALPHA_USER)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    login(&app, ALPHA_USER).await;
}

#[tokio::test]
async fn an_ip_is_throttled_after_repeated_failures_across_accounts() {
    let f = fixture().await;
    let noisy = app_from(&f.db.pool, WebConfig::default(), [192, 0, 2, 7]);
    for i in 0..geniai::web::login::MAX_IP_FAILURES {
        let reply = try_login(&noisy, &format!("guess{i}@example.com"), "whatever password").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let refused = try_login(&noisy, ALPHA_USER, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "a throttled IP must not log in");
    // Another IP still can: the account itself was never attacked.
    let other = app_from(&f.db.pool, WebConfig::default(), [198, 51, 100, 1]);
    login(&other, ALPHA_USER).await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let session = login(&app, ALPHA_USER).await;
    let csrf = csrf_of(&app, &session, "/dashboard").await;
    let reply = post(&app, "/logout", Some(&session), &[("_csrf", &csrf)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), Some("/login"));
    let after = get(&app, "/dashboard", Some(&session)).await;
    assert_eq!(after.location(), Some("/login"), "a logged-out session must be refused");
    let api = get(&app, "/api/v1/whoami", Some(&session)).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn expired_and_idle_sessions_are_refused() {
    let f = fixture().await;
    let config = WebConfig { idle_timeout: std::time::Duration::from_secs(600), ..WebConfig::default() };
    let app = app_from(&f.db.pool, config, [10, 0, 0, 3]);
    let idle = login(&app, ALPHA_USER).await;
    let expired = login(&app, BETA_USER).await;
    for (token, sql) in [
        (&idle, "UPDATE sessions SET last_seen_at = now() - interval '11 minutes' WHERE token_hash = $1"),
        (&expired, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1"),
    ] {
        assert_eq!(get(&app, "/dashboard", Some(token)).await.status, StatusCode::OK);
        let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
        sqlx::query(sql).bind(geniai::web::sessions::token_hash(token)).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(get(&app, "/dashboard", Some(token)).await.location(), Some("/login"));
    }
}

#[tokio::test]
async fn revoking_a_user_or_suspending_the_tenant_ends_sessions() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let alpha = login(&app, ALPHA_USER).await;
    let beta = login(&app, BETA_USER).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(ALPHA_USER)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(geniai::web::sessions::revoke_all_for_user(&mut tx, user_id).await.unwrap(), 1);
    sqlx::query("UPDATE tenants SET status = 'suspended' WHERE id = $1")
        .bind(f.beta)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(get(&app, "/dashboard", Some(&alpha)).await.location(), Some("/login"));
    assert_eq!(get(&app, "/dashboard", Some(&beta)).await.location(), Some("/login"));
    assert_eq!(get(&app, "/api/v1/whoami", Some(&beta)).await.status, StatusCode::UNAUTHORIZED);
}

/// Regression (issue 15, gap 4): a suspended tenant's cookie was refused while suspended, but
/// worked again once the tenant was re-activated.
#[tokio::test]
async fn suspending_a_tenant_ends_its_sessions_for_good_but_keeps_its_tokens() {
    use geniai::admin::tenants::{self, TenantStatus};
    let f = fixture().await;
    let app = app(&f.db.pool);
    let alpha = login(&app, ALPHA_USER).await;
    let beta = login(&app, BETA_USER).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let beta_ref = geniai::web::sessions::TenantRef::by_slug(&mut tx, "beta").await.unwrap().unwrap();
    let token = geniai::web::tokens::create(&mut tx, &beta_ref, "n8n", "test").await.unwrap().token;
    tx.commit().await.unwrap();
    let whoami = |t: &str| {
        Request::get("/api/v1/whoami")
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap()
    };

    tenants::set_status(&f.db.pool, "test", "beta", TenantStatus::Suspended).await.unwrap();
    assert_eq!(send(&app, whoami(&token)).await.status, StatusCode::UNAUTHORIZED);
    tenants::set_status(&f.db.pool, "test", "beta", TenantStatus::Active).await.unwrap();

    let after = get(&app, "/dashboard", Some(&beta)).await;
    assert_eq!(after.location(), Some("/login"), "a session must not survive its tenant's suspension");
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.tenant_id = $1",
    )
    .bind(f.beta)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(left, 0, "suspension deletes the tenant's sessions");
    drop(tx);
    // The API token was only refused while suspended; the other tenant's session never noticed.
    assert_eq!(send(&app, whoami(&token)).await.status, StatusCode::OK);
    assert_eq!(get(&app, "/dashboard", Some(&alpha)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn state_changing_requests_need_the_csrf_token() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let session = login(&app, ALPHA_USER).await;
    let other = login(&app, BETA_USER).await;
    let others_csrf = csrf_of(&app, &other, "/dashboard").await;
    for fields in
        [vec![], vec![("_csrf", "")], vec![("_csrf", "forged")], vec![("_csrf", others_csrf.as_str())]]
    {
        let reply = post(&app, "/logout", Some(&session), &fields).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{fields:?}");
    }
    // Not a form (JSON) is refused too, and the session survived all of it.
    let request = Request::post("/logout")
        .header(header::COOKIE, format!("geniai_session={session}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/dashboard", Some(&session)).await.status, StatusCode::OK);
    // The login form needs its double-submit token as well.
    let reply = post(&app, "/login", None, &[("email", ALPHA_USER), ("password", PASSWORD)]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    for path in ["/login", "/healthz", "/no/such/page"] {
        let reply = get(&app, path, None).await;
        let csp = reply.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(reply.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
        assert_eq!(reply.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
        assert!(reply.headers.get(header::REFERRER_POLICY).is_some());
    }
}

/// Regression (issue 15, gap 5): no `Strict-Transport-Security`, even behind TLS.
#[tokio::test]
async fn hsts_is_sent_with_secure_cookies_only() {
    let f = fixture().await;
    let secure =
        app_from(&f.db.pool, WebConfig { secure_cookies: true, ..WebConfig::default() }, [10, 0, 0, 4]);
    for path in ["/login", "/healthz", "/no/such/page"] {
        let reply = get(&secure, path, None).await;
        let hsts =
            reply.headers.get(header::STRICT_TRANSPORT_SECURITY).map(|v| v.to_str().unwrap().to_string());
        let max_age = hsts
            .as_deref()
            .and_then(|v| v.split(';').find_map(|d| d.trim().strip_prefix("max-age=")))
            .and_then(|v| v.parse::<u64>().ok());
        assert!(max_age.is_some_and(|s| s >= 180 * 86_400), "{path}: {hsts:?}");
    }
    // Over plain HTTP (no --secure-cookies) the header would be ignored or, worse, pin a host that
    // has no TLS: it is not sent.
    let plain = get(&app(&f.db.pool), "/login", None).await;
    assert!(plain.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
}

/// Regression (issue 15, gap 5): an unknown URL answered 404 with an empty body.
#[tokio::test]
async fn unknown_urls_get_the_styled_404_page() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let session = login(&app, ALPHA_USER).await;
    for session in [None, Some(session.as_str())] {
        let reply = get(&app, "/no/such/page", session).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert!(reply.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
        assert!(reply.body.contains("404 Not Found"), "{}", reply.body);
        assert!(reply.body.contains("/static/style.css"), "{}", reply.body);
    }
    // Under /api the answer is the API's JSON error.
    let api = get(&app, "/api/no/such/thing", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.body, r#"{"error":"not found"}"#);
}

/// Regression (issue 15, gap 5): there was no favicon (every page load logged a 404).
#[tokio::test]
async fn the_favicon_is_served_cached_and_allowed_by_the_csp() {
    let f = fixture().await;
    let app = app(&f.db.pool);
    let request = Request::get("/favicon.ico").body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers.get(header::CONTENT_TYPE).unwrap(), "image/x-icon");
    let cache = headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap();
    let max_age: u64 =
        cache.split(',').find_map(|d| d.trim().strip_prefix("max-age=")).unwrap().parse().unwrap();
    assert!(cache.contains("public") && max_age >= 7 * 86_400, "{cache}");
    let csp = headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.split(';').any(|d| d.trim().starts_with("img-src") && d.contains("'self'")), "{csp}");
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
    // An ICO directory: reserved 0, type 1 (icon), at least one image.
    assert_eq!(&bytes[..4], &[0, 0, 1, 0]);
    assert!(u16::from_le_bytes([bytes[4], bytes[5]]) >= 1 && bytes.len() > 22);
}

#[tokio::test]
async fn api_tokens_are_scoped_hashed_and_revocable() {
    let f = fixture().await;
    let out = support::geniai(&f.db)
        .args(["token", "create", "--tenant", "alpha", "--name", "n8n"])
        .assert()
        .success();
    let token = String::from_utf8(out.get_output().stdout.clone()).unwrap().trim().to_string();
    assert!(token.starts_with("gna_"), "{token}");
    let app = app(&f.db.pool);
    let bearer = |t: &str| {
        Request::get("/api/v1/whoami")
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap()
    };
    let reply = send(&app, bearer(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("\"alpha\""));
    assert_eq!(send(&app, bearer("gna_forged")).await.status, StatusCode::UNAUTHORIZED);

    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let (id, stored_prefix): (i64, String) =
        sqlx::query_as("SELECT id, prefix FROM api_tokens").fetch_one(&mut *tx).await.unwrap();
    let hashes: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT token_hash FROM api_tokens").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(hashes, vec![geniai::web::sessions::token_hash(&token)]);
    assert!(token.starts_with(&stored_prefix) && stored_prefix.len() < 16);
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'token.create' AND tenant_id = $1")
            .bind(f.alpha)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    drop(tx);

    let listed = support::geniai(&f.db).args(["token", "list", "--format", "json"]).assert().success();
    let listed = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(listed.contains("\"n8n\"") && !listed.contains(&token));

    support::geniai(&f.db).args(["token", "revoke", &id.to_string()]).assert().success();
    assert_eq!(send(&app, bearer(&token)).await.status, StatusCode::UNAUTHORIZED);
    support::geniai(&f.db).args(["token", "revoke", "999999"]).assert().code(2);
    support::geniai(&f.db).args(["token", "create", "--tenant", "nope"]).assert().code(2);
}

#[tokio::test]
async fn login_tables_are_out_of_reach_of_the_tenant_role() {
    let f = fixture().await;
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    assert!(sqlx::query("SELECT 1 FROM api_tokens").execute(&mut *tx).await.is_err());
    drop(tx);
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    assert!(sqlx::query("SELECT 1 FROM login_failures").execute(&mut *tx).await.is_err());
}

#[tokio::test]
async fn behind_a_proxy_the_forwarded_address_is_throttled() {
    let f = fixture().await;
    let config = WebConfig { behind_proxy: true, ..WebConfig::default() };
    let app = app_from(&f.db.pool, config, [10, 9, 9, 9]);
    let form = get(&app, "/login", None).await;
    let csrf = form.cookie("geniai_login_csrf").unwrap();
    let body = serde_urlencoded::to_string([
        ("_csrf", csrf.as_str()),
        ("email", ALPHA_USER),
        ("password", "wrong password!"),
    ])
    .unwrap();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("geniai_login_csrf={csrf}"))
        // The first entry is whatever the client claimed; the last is what our proxy saw.
        .header("x-forwarded-for", "1.2.3.4, 203.0.113.9")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::UNAUTHORIZED);
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let ips: Vec<String> =
        sqlx::query_scalar("SELECT host(ip) FROM login_failures").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(ips, vec!["203.0.113.9".to_string()]);
}

#[tokio::test]
async fn geniai_serve_answers_and_stops_cleanly_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    let f = fixture().await;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .args(["serve", "--bind", "127.0.0.1:0", "--session-ttl", "1h", "--idle-timeout", "10m"])
        .env("DATABASE_URL", &f.db.url)
        .env_remove("GENIAI_MASTER_KEY")
        .env_remove("GENIAI_MASTER_KEY_FILE")
        .env("RUST_LOG", "warn")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The server says where it listens once it does: read that line (no sleeping).
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "geniai serve exited early");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(stream, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"database\":\"ok\""));
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "geniai serve must exit 0 on SIGTERM: {status:?}");
}

#[tokio::test]
async fn geniai_serve_refuses_bad_settings_with_exit_2() {
    let f = fixture().await;
    support::geniai(&f.db).args(["serve", "--session-ttl", "soon"]).assert().code(2);
    support::geniai(&f.db).args(["serve", "--bind", "nowhere"]).assert().code(2);
    let empty = support::fresh_db().await;
    let out = support::geniai(&empty).args(["serve", "--bind", "127.0.0.1:0"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("geniai migrate"), "{stderr}");
}
