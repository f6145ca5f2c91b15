//! Login limits under concurrency (issue 15, gap 1): a burst of simultaneous attempts, spread over
//! two `serve` instances (two pools on one database), is counted before any password is checked,
//! so it can neither verify more passwords than the limits allow nor carry the right password in.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use geniai::db;
use geniai::web::login::{MAX_ACCOUNT_FAILURES, MAX_IP_FAILURES};
use geniai::web::{self, AppState, WebConfig};
use sqlx::PgPool;
use tokio::sync::Barrier;
use tower::ServiceExt;

use super::support::TestDb;
use super::web::{ALPHA_USER, PASSWORD, fixture};

/// How many wrong attempts the burst holds: well above both limits.
const BURST: usize = 60;

/// One `serve` instance over its own pool, every request coming from `ip`.
fn instance(state: &AppState, ip: [u8; 4]) -> Router {
    web::app(state.clone()).layer(MockConnectInfo(SocketAddr::from((ip, 40000))))
}

/// The login form's double-submit token, for reuse by every attempt.
async fn login_csrf(app: &Router) -> String {
    let response = app.clone().oneshot(Request::get("/login").body(Body::empty()).unwrap()).await.unwrap();
    let cookie = response.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
    cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_string()
}

async fn attempt(app: Router, csrf: String, email: String, password: String) -> StatusCode {
    attempt_response(app, csrf, email, password).await.status()
}

async fn attempt_response(app: Router, csrf: String, email: String, password: String) -> Response {
    let body =
        serde_urlencoded::to_string([("_csrf", csrf.as_str()), ("email", &email), ("password", &password)])
            .unwrap();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("geniai_login_csrf={csrf}"))
        .body(Body::from(body))
        .unwrap();
    app.oneshot(request).await.unwrap()
}

async fn scalar(pool: &PgPool, sql: &'static str) -> i64 {
    let mut tx = db::platform_tx(pool).await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *tx).await.unwrap()
}

/// Releases `wrong` (email, password) attempts and the right password for alpha at the same
/// moment, alternating between two instances.
async fn burst(test_db: &TestDb, wrong: Vec<(String, String)>) -> Burst {
    let pool = &test_db.pool;
    let second_pool = db::connect(&test_db.url, 8).await.unwrap();
    // Long enough that no attempt is turned away as busy, however loaded the machine.
    let config = WebConfig { login_wait: std::time::Duration::from_secs(300), ..WebConfig::default() };
    let states = [AppState::new(pool.clone(), config.clone()), AppState::new(second_pool, config)];
    let apps = [instance(&states[0], [10, 0, 0, 1]), instance(&states[1], [10, 0, 0, 1])];
    let csrf = login_csrf(&apps[0]).await;
    let mut attempts = wrong;
    attempts.push((ALPHA_USER.to_string(), PASSWORD.to_string()));
    // No password is checked until every attempt has been counted: the right one, wherever it
    // falls in the burst, is checked (if at all) after the burst has passed the limits.
    let holds = [states[0].logins.hold_all().await, states[1].logins.hold_all().await];
    let total = attempts.len() as i64;
    let gate = Arc::new(Barrier::new(attempts.len()));
    let tasks: Vec<_> = attempts
        .into_iter()
        .enumerate()
        .map(|(i, (email, password))| {
            let (app, csrf, gate) = (apps[i % 2].clone(), csrf.clone(), gate.clone());
            tokio::spawn(async move {
                gate.wait().await;
                attempt(app, csrf, email, password).await
            })
        })
        .collect();
    let counted = async {
        while scalar(pool, "SELECT count(*) FROM login_failures").await < total {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(300), counted)
        .await
        .expect("every attempt is counted while no password can be checked");
    drop(holds);
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    Burst { statuses, checked: states.iter().map(|s| s.logins.checked()).sum() }
}

/// What a burst did: every reply's status (the right password's last) and how many passwords the
/// two instances checked.
struct Burst {
    statuses: Vec<StatusCode>,
    checked: u64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_guesses_on_one_account_never_logs_in_nor_checks_more_than_its_limit() {
    let f = fixture().await;
    let wrong = (0..BURST).map(|i| (ALPHA_USER.to_string(), format!("wrong guess number {i}"))).collect();
    let Burst { statuses, checked } = burst(&f.db, wrong).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    assert_eq!(scalar(&f.db.pool, "SELECT count(*) FROM sessions").await, 0);
    assert!(checked <= MAX_ACCOUNT_FAILURES as u64, "{checked} passwords checked");
    let recorded = scalar(&f.db.pool, "SELECT count(*) FROM login_failures WHERE password_checked").await;
    assert_eq!(recorded, checked as i64);
    assert_eq!(scalar(&f.db.pool, "SELECT count(*) FROM login_failures").await, BURST as i64 + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_guesses_from_one_ip_never_logs_in_nor_checks_more_than_its_limit() {
    let f = fixture().await;
    // Every guess names another email: only the IP limit stands in the way.
    let wrong =
        (0..BURST).map(|i| (format!("guess{i}@example.com"), format!("wrong guess number {i}"))).collect();
    let Burst { statuses, checked } = burst(&f.db, wrong).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    assert_eq!(scalar(&f.db.pool, "SELECT count(*) FROM sessions").await, 0);
    assert!(checked <= MAX_IP_FAILURES as u64, "{checked} passwords checked");
    let recorded = scalar(&f.db.pool, "SELECT count(*) FROM login_failures WHERE password_checked").await;
    assert_eq!(recorded, checked as i64);
}

/// Issue 15, gap 2: checks are bounded; an attempt that cannot start its check within
/// `login_wait` is answered 503 with `Retry-After`, still counted but recorded as unchecked.
#[tokio::test]
async fn a_login_that_cannot_be_checked_in_time_is_told_to_retry() {
    let f = fixture().await;
    let config = WebConfig { login_wait: std::time::Duration::from_millis(200), ..WebConfig::default() };
    let state = AppState::new(f.db.pool.clone(), config);
    let app = instance(&state, [10, 0, 0, 8]);
    let csrf = login_csrf(&app).await;
    let hold = state.logins.hold_all().await;
    let busy = attempt_response(app.clone(), csrf.clone(), ALPHA_USER.into(), PASSWORD.into()).await;
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.headers().get(header::RETRY_AFTER).unwrap(), "5");
    let body = axum::body::to_bytes(busy.into_body(), 1 << 20).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains(geniai::web::auth::LOGIN_BUSY));
    assert_eq!((state.logins.checked(), state.logins.busy()), (0, 1));
    assert_eq!(scalar(&f.db.pool, "SELECT count(*) FROM login_failures WHERE NOT password_checked").await, 1);
    drop(hold);
    let status = attempt(app, csrf, ALPHA_USER.into(), PASSWORD.into()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

/// Issue 15, gap 2: an IP found over its limit is refused from memory, without the database's
/// locks and counts, yet every attempt's row is still written (unchecked), so the count another
/// process reads stays complete; and the memory refuses nothing the database would allow.
#[tokio::test]
async fn an_ip_over_its_limit_is_refused_from_memory_and_still_counted() {
    let f = fixture().await;
    let state = AppState::new(f.db.pool.clone(), WebConfig::default());
    let app = instance(&state, [10, 0, 0, 5]);
    let csrf = login_csrf(&app).await;
    let extra = 5;
    let total = MAX_IP_FAILURES as usize + 1 + extra;
    for i in 0..total {
        let status =
            attempt(app.clone(), csrf.clone(), format!("guess{i}@example.com"), "wrong!".into()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // The first over the limit was counted in the database; the ones after it were not.
    assert_eq!(state.logins.checked(), MAX_IP_FAILURES as u64);
    assert_eq!(state.logins.refused_unchecked(), 1 + extra as u64);
    assert_eq!(state.logins.refused_from_memory(), extra as u64);
    let written = async {
        while scalar(&f.db.pool, "SELECT count(*) FROM login_failures WHERE ip = '10.0.0.5'").await
            < total as i64
        {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(60), written)
        .await
        .expect("every attempt's row is written");
    let unchecked =
        scalar(&f.db.pool, "SELECT count(*) FROM login_failures WHERE NOT password_checked").await;
    assert_eq!(unchecked, 1 + extra as i64);
    // Another IP, and the right password from it, are untouched by the first IP's refusal.
    let other = instance(&state, [10, 0, 0, 6]);
    assert_eq!(attempt(other, csrf, ALPHA_USER.into(), PASSWORD.into()).await, StatusCode::SEE_OTHER);
}
