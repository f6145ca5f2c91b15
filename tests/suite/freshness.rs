//! Freshness you can see: the dashboard's "Updated … ago" line, the `/api/v1/freshness` endpoint
//! its script polls (the caller's own tenant only, under RLS), and the script itself.

use axum::http::{StatusCode, header};
use geniai::db::{self, TenantId};
use serde_json::Value;

use super::web::{ADMIN_USER, ALPHA_USER, BETA_USER, Fixture, app, fixture, get, login};

/// Leaves `tenant` as a run would: a watermark `behind` the clock and a successful run that
/// wrote something, finished `behind` ago.
async fn synced(f: &Fixture, tenant: TenantId, behind: &str) {
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    for stream in ["messages", "conversations"] {
        sqlx::query(
            "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id)
             VALUES ($1, $2, now() - $3::interval, 1)",
        )
        .bind(tenant)
        .bind(stream)
        .bind(behind)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO etl_runs (tenant_id, trigger, status, started_at, finished_at, rows_read, rows_written)
         VALUES ($1, 'watch', 'succeeded', now() - $2::interval, now() - $2::interval, 3, 3)",
    )
    .bind(tenant)
    .bind(behind)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn the_dashboard_says_how_fresh_its_figures_are_and_loads_the_refresh_script() {
    let f = fixture().await;
    synced(&f, f.alpha, "90 seconds").await;
    let app = app(&f.db.pool);
    let alpha = login(&app, ALPHA_USER).await;

    let page = get(&app, "/dashboard", Some(&alpha)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains(r#"id="freshness""#) && body.contains(r#"data-url="/api/v1/freshness""#), "{body}");
    let start = body.find(r#"<time class="as-of" datetime=""#).expect("a <time> of the data's age");
    let element = &body[start..body[start..].find("</time>").unwrap() + start];
    assert!(element.ends_with(">1 min ago"), "{element}");
    assert!(body.contains(r#"<script src="/static/freshness.js" defer>"#), "{body}");
    // No inline script: the page's policy stays the strict one.
    let csp = page.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"), "{csp}");

    let script = get(&app, "/static/freshness.js", None).await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.headers.get(header::CONTENT_TYPE).unwrap(), "text/javascript; charset=utf-8");
    assert!(script.body.contains("/api/v1/freshness") || script.body.contains("data-url"));

    // Never synced: the line says so instead of inventing an age.
    let beta = login(&app, BETA_USER).await;
    let page = get(&app, "/dashboard", Some(&beta)).await;
    assert!(page.body.contains("Not synced yet") && !page.body.contains(r#"class="as-of" datetime"#));

    // An admin's drill-down polls for the tenant it shows.
    let admin = login(&app, ADMIN_USER).await;
    let page = get(&app, "/admin/tenants/alpha", Some(&admin)).await;
    assert!(page.body.contains(r#"data-url="/api/v1/freshness?tenant=alpha""#), "{}", page.body);
}

#[tokio::test]
async fn the_freshness_endpoint_answers_for_the_callers_own_tenant_only() {
    let f = fixture().await;
    synced(&f, f.alpha, "90 seconds").await;
    synced(&f, f.beta, "3 hours").await;
    let app = app(&f.db.pool);
    let alpha = login(&app, ALPHA_USER).await;
    let beta = login(&app, BETA_USER).await;

    let reply = get(&app, "/api/v1/freshness", Some(&alpha)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mine = json(&reply.body);
    assert_eq!(mine["tenant"], "alpha");
    let lag = mine["lag_seconds"].as_f64().unwrap();
    assert!((89.0..600.0).contains(&lag), "{mine}");
    for field in ["as_of", "last_check_at", "last_change_at"] {
        assert!(mine[field].is_string(), "{field}: {mine}");
    }

    let reply = get(&app, "/api/v1/freshness", Some(&beta)).await;
    let theirs = json(&reply.body);
    assert_eq!(theirs["tenant"], "beta");
    assert!(theirs["lag_seconds"].as_f64().unwrap() > 3.0 * 3600.0 - 60.0, "{theirs}");

    // Naming another tenant is refused; no session is a 401, not the login page.
    assert_eq!(get(&app, "/api/v1/freshness?tenant=beta", Some(&alpha)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/api/v1/freshness", None).await.status, StatusCode::UNAUTHORIZED);
    let admin = login(&app, ADMIN_USER).await;
    let reply = get(&app, "/api/v1/freshness?tenant=beta", Some(&admin)).await;
    assert_eq!(json(&reply.body)["tenant"], "beta");
}

/// Row-level security, not the handler, keeps the figures apart: alpha's transaction asking
/// the function for beta's id gets nothing of beta's.
#[tokio::test]
async fn a_tenant_transaction_cannot_read_another_tenants_freshness() {
    let f = fixture().await;
    synced(&f, f.beta, "3 hours").await;
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    let row: (Option<chrono::DateTime<chrono::Utc>>, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("SELECT as_of, last_change_at FROM etl_freshness($1)")
            .bind(f.beta)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(row, (None, None));
    tx.commit().await.unwrap();
    let mut tx = db::tenant_tx(&f.db.pool, f.beta).await.unwrap();
    let own = geniai::freshness::of_tenant(&mut tx).await.unwrap();
    assert!(own.as_of.is_some() && own.last_change_at.is_some(), "{own:?}");
}

/// One lag everywhere: with one stream 90 s behind and another two hours behind, the copy is
/// complete only up to two hours ago, and `etl status`, `/metrics`, the endpoint and the page all
/// say so (`/metrics` used to take the newest watermark and report 90 s).
#[tokio::test]
async fn etl_status_metrics_and_the_dashboard_agree_on_the_lag() {
    let f = fixture().await;
    synced(&f, f.alpha, "90 seconds").await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE etl_watermarks SET cursor_ts = now() - interval '2 hours' WHERE tenant_id = $1 AND stream = 'messages'")
        .bind(f.alpha)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let near_two_hours = |lag: f64| (7190.0..7300.0).contains(&lag);

    let out = super::support::geniai(&f.db).args(["etl", "status", "--format", "json"]).output().unwrap();
    let status = json(&String::from_utf8_lossy(&out.stdout));
    let alpha = status.as_array().unwrap().iter().find(|t| t["tenant"] == "alpha").unwrap();
    assert!(near_two_hours(alpha["lag_seconds"].as_f64().unwrap()), "{alpha}");

    let app = app(&f.db.pool);
    let metrics = get(&app, "/metrics", None).await.body;
    let line = metrics.lines().find(|l| l.starts_with("geniai_etl_lag_seconds{tenant=\"alpha\"}")).unwrap();
    assert!(near_two_hours(line.rsplit(' ').next().unwrap().parse().unwrap()), "{line}");

    let session = login(&app, ALPHA_USER).await;
    let api = json(&get(&app, "/api/v1/freshness", Some(&session)).await.body);
    assert!(near_two_hours(api["lag_seconds"].as_f64().unwrap()), "{api}");
    assert!(get(&app, "/dashboard", Some(&session)).await.body.contains(">2 h ago</time>"));

    // The admin overview's "ETL lag" column too (it used the time since the last successful run).
    let admin = login(&app, ADMIN_USER).await;
    let overview = get(&app, "/admin", Some(&admin)).await.body;
    let row = &overview[overview.find(r#"data-tenant="alpha""#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(">2h 00m<") || row.contains(">1h 59m<"), "{row}");
}
