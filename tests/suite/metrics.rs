//! `/metrics` read by a strict exposition-format parser (each family's lines one group, as the
//! format requires), and its optional bearer token.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use geniai::db;
use geniai::web::WebConfig;

use super::support;
use super::web::{app, app_from, fixture, get, send};

/// The families `/metrics` must always carry (a counter's family name has no `_total`).
const FAMILIES: [(&str, &str); 7] = [
    ("geniai_http_requests", "counter"),
    ("geniai_http_request_duration_seconds", "histogram"),
    ("geniai_report_computations", "counter"),
    ("geniai_tenant_active", "gauge"),
    ("geniai_etl_lag_seconds", "gauge"),
    ("geniai_etl_last_run_success", "gauge"),
    ("geniai_etl_last_run_info", "gauge"),
];

/// Parses an exposition in the format its content type declares; panics on invalid text.
/// Returns each family's name (without `_total` for counters) and type.
fn parse(content_type: &str, text: &str) -> Vec<(String, String)> {
    if content_type.starts_with("application/openmetrics-text") {
        let exposition = openmetrics_parser::openmetrics::parse_openmetrics(text)
            .unwrap_or_else(|e| panic!("invalid OpenMetrics text: {e:?}\n{text}"));
        exposition.families.values().map(|f| (f.family_name.clone(), f.family_type.to_string())).collect()
    } else {
        let exposition = openmetrics_parser::prometheus::parse_prometheus(text)
            .unwrap_or_else(|e| panic!("invalid Prometheus text ({content_type}): {e:?}\n{text}"));
        exposition
            .families
            .values()
            .map(|f| (f.family_name.trim_end_matches("_total").to_string(), f.family_type.to_string()))
            .collect()
    }
}

#[tokio::test]
async fn metrics_are_valid_exposition_text_one_group_per_family() {
    let f = fixture().await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    // Two tenants with a last run and a watermark each: every per-tenant family has two samples,
    // which the hand-written text interleaved across families.
    for (tenant, status) in [(f.alpha, "succeeded"), (f.beta, "failed")] {
        sqlx::query(
            "INSERT INTO etl_runs (tenant_id, trigger, status, finished_at) VALUES ($1, 'cron', $2, now())",
        )
        .bind(tenant)
        .bind(status)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id) VALUES ($1, 'conversations', now() - interval '90 seconds', 1)",
        )
        .bind(tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let app = app(&f.db.pool);
    get(&app, "/login", None).await;
    get(&app, "/healthz", None).await;
    let reply = get(&app, "/metrics", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let content_type = reply.headers[header::CONTENT_TYPE].to_str().unwrap().to_string();
    let families = parse(&content_type, &reply.body);
    for (name, kind) in FAMILIES {
        assert!(
            families.iter().any(|(n, k)| n == name && k.eq_ignore_ascii_case(kind)),
            "no {kind} family {name} in {families:?}:\n{}",
            reply.body
        );
    }
    for tenant in ["alpha", "beta"] {
        assert!(
            reply
                .body
                .contains(&format!("geniai_etl_last_run_finished_timestamp_seconds{{tenant=\"{tenant}\"}}"))
        );
    }
    assert!(reply.body.contains("geniai_etl_last_run_success{tenant=\"alpha\"} 1"), "{}", reply.body);
    assert!(reply.body.contains("geniai_etl_last_run_success{tenant=\"beta\"} 0"), "{}", reply.body);
    assert!(reply.body.contains("geniai_tenant_active{tenant=\"alpha\"} 1"), "{}", reply.body);
}

const TOKEN: &str = "metrics-scraper-token-7f3a9c";

#[tokio::test]
async fn metrics_require_the_bearer_token_when_one_is_set() {
    let f = fixture().await;
    let token = geniai::web::metrics::MetricsToken::new(TOKEN).unwrap();
    let config = WebConfig { metrics_token: Some(token), ..WebConfig::default() };
    let app = app_from(&f.db.pool, config, [10, 0, 0, 7]);
    let scrape = |authorization: Option<String>| {
        let mut request = Request::get("/metrics");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        send(&app, request.body(Body::empty()).unwrap())
    };
    for refused in [
        None,
        Some(format!("Bearer {TOKEN}x")),
        Some(format!("Bearer {}", &TOKEN[..TOKEN.len() - 1])),
        Some(format!("bearer {TOKEN}")),
        Some(format!("Basic {TOKEN}")),
        Some(TOKEN.to_string()),
    ] {
        let reply = scrape(refused.clone()).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{refused:?}");
        assert!(reply.headers.contains_key(header::WWW_AUTHENTICATE));
        assert!(!reply.body.contains("geniai_"), "{refused:?} leaked: {}", reply.body);
    }
    let reply = scrape(Some(format!("Bearer {TOKEN}"))).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("geniai_http_requests_total"), "{}", reply.body);
    // The other routes do not need it.
    assert_eq!(get(&app, "/healthz", None).await.status, StatusCode::OK);
}

/// `geniai serve` with the token in a file: /metrics is refused without it, served with it, and
/// the token never reaches the logs.
#[tokio::test]
async fn geniai_serve_reads_the_metrics_token_from_a_file_and_never_logs_it() {
    use std::io::{BufRead, BufReader, Read, Write};
    let f = fixture().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("metrics-token");
    std::fs::write(&file, format!("{TOKEN}\n")).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .args(["serve", "--bind", "127.0.0.1:0", "--metrics-token-file"])
        .arg(&file)
        .env("DATABASE_URL", &f.db.url)
        .env_remove("GENIAI_METRICS_TOKEN")
        .env_remove("GENIAI_MASTER_KEY")
        .env_remove("GENIAI_MASTER_KEY_FILE")
        .env("RUST_LOG", "debug")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut logged = String::new();
    let addr = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "geniai serve exited early: {logged}");
        logged.push_str(&line);
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let http = |authorization: &str| {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(stream, "GET /metrics HTTP/1.1\r\nHost: x\r\n{authorization}Connection: close\r\n\r\n")
            .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        reply
    };
    let refused = http("");
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    let served = http(&format!("Authorization: Bearer {TOKEN}\r\n"));
    assert!(served.starts_with("HTTP/1.1 200"), "{served}");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM)
        .unwrap();
    assert!(child.wait().unwrap().success());
    stderr.read_to_string(&mut logged).unwrap();
    assert!(logged.contains("/metrics"), "the debug log shows the requests: {logged}");
    assert!(!logged.contains(TOKEN), "the token reached the log:\n{logged}");
}

#[tokio::test]
async fn a_weak_or_unreadable_metrics_token_is_refused_without_echoing_it() {
    let f = fixture().await;
    let out = support::geniai(&f.db)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("GENIAI_METRICS_TOKEN", "hunter2")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("at least 16 characters"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    let out = support::geniai(&f.db)
        .args(["serve", "--bind", "127.0.0.1:0", "--metrics-token-file", "/nonexistent/token"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("cannot read the metrics token file"), "{stderr}");
}

/// The login gate's counters: passwords checked, attempts refused over a limit without a check,
/// and attempts answered busy, each its own sample of one counter family.
#[tokio::test]
async fn metrics_count_login_attempts_by_outcome() {
    use super::web::{ALPHA_USER, PASSWORD, try_login};
    use geniai::web::login::MAX_ACCOUNT_FAILURES;
    let f = fixture().await;
    let config = WebConfig { login_wait: std::time::Duration::from_millis(200), ..WebConfig::default() };
    let state = geniai::web::AppState::new(f.db.pool.clone(), config);
    let app = geniai::web::app(state.clone()).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::from(([10, 0, 0, 9], 40000)),
    ));
    // The limit's worth of wrong passwords is checked; the two attempts after it are not.
    for _ in 0..MAX_ACCOUNT_FAILURES + 2 {
        assert_eq!(try_login(&app, ALPHA_USER, "wrong password!!").await.status, StatusCode::UNAUTHORIZED);
    }
    // With every check slot held, an attempt on another account waits out `login_wait`: busy.
    let hold = state.logins.hold_all().await;
    assert_eq!(try_login(&app, "ana@beta.test", PASSWORD).await.status, StatusCode::SERVICE_UNAVAILABLE);
    drop(hold);
    let reply = get(&app, "/metrics", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let content_type = reply.headers[header::CONTENT_TYPE].to_str().unwrap().to_string();
    let families = parse(&content_type, &reply.body);
    assert!(
        families.iter().any(|(n, k)| n == "geniai_login_attempts" && k.eq_ignore_ascii_case("counter")),
        "no counter family geniai_login_attempts in {families:?}"
    );
    for (outcome, count) in [("checked", MAX_ACCOUNT_FAILURES), ("refused_unchecked", 2), ("busy", 1)] {
        let sample = format!("geniai_login_attempts_total{{outcome=\"{outcome}\"}} {count}\n");
        assert!(reply.body.contains(&sample), "no {sample:?} in:\n{}", reply.body);
    }
}
