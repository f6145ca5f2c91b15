//! The dashboard's pages and API against the security matrix: IDOR over every route, admin-only
//! routes, CSRF on every form, SQL-injection strings, escaping, and the numbers themselves.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use geniai::db::{self, TenantId};
use geniai::secrets::MasterKey;
use geniai::web::{AppState, WebConfig};
use serde_json::Value;

use super::support;
use super::web::{ADMIN_USER, ALPHA_USER, BETA_USER, Fixture, csrf_of, fixture, get, login, post, send};

/// Words that only beta's data contains: none may ever appear in a response to alpha.
const BETA_MARKERS: [&str; 4] = ["Beta Secret Inbox", "Zed Beta-Agent", "beta-only-label", "Beta Motors"];

/// Conversations seeded per tenant, within the default period (the last 30 full days): the i-th
/// starts at noon UTC i days ago and is resolved an hour later, inside the same UTC day whatever
/// the time of the run.
const ALPHA_CONVERSATIONS: i64 = 3;
const BETA_CONVERSATIONS: i64 = 7;

/// Seeds `count` conversations (and their first responses) for a tenant, named with `prefix`.
async fn seed(f: &Fixture, tenant: TenantId, count: i64, inbox: &str, agent: &str, label: &str) {
    let mut tx = db::tenant_tx(&f.db.pool, tenant).await.unwrap();
    sqlx::query("INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type) VALUES ($1, 1, 1, $2, 'Channel::Api')")
        .bind(tenant)
        .bind(inbox)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, 1, $2)")
        .bind(tenant)
        .bind(agent)
        .execute(&mut *tx)
        .await
        .unwrap();
    for i in 1..=count {
        let noon = (chrono::Utc::now().date_naive() - chrono::Days::new(i as u64))
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc();
        sqlx::query(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, assignee_id,
                                        labels, created_at, first_reply_created_at, source_updated_at)
             VALUES ($1, $2, 1, 1, $2, 1, 1, ARRAY[$3], $4, $4 + interval '10 minutes', now())",
        )
        .bind(tenant)
        .bind(i as i32)
        .bind(label)
        .bind(noon)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id,
                                           conversation_id, created_at)
             VALUES ($1, $2, 'first_response', 600, 600, 1, 1, $2, $3 + interval '10 minutes'),
                    ($1, $2 + 1000, 'conversation_resolved', 3600, 3600, 1, 1, $2, $3 + interval '1 hour')",
        )
        .bind(tenant)
        .bind(i)
        .bind(noon)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn seeded() -> Fixture {
    let f = fixture().await;
    seed(&f, f.alpha, ALPHA_CONVERSATIONS, "Alpha Front Desk", "Ana Alpha-Agent", "alpha-label").await;
    seed(&f, f.beta, BETA_CONVERSATIONS, "Beta Secret Inbox", "Zed Beta-Agent", "beta-only-label").await;
    f
}

fn app_with_key(f: &Fixture) -> Router {
    let state = AppState::new(f.db.pool.clone(), WebConfig::default()).with_master_key(MasterKey::generate());
    geniai::web::app(state)
}

fn assert_no_beta(path: &str, body: &str) {
    for marker in BETA_MARKERS {
        assert!(!body.contains(marker), "{path} leaked beta's `{marker}`");
    }
}

/// The number on a KPI card of a dashboard page.
fn kpi(body: &str, id: &str) -> String {
    let marker = format!("data-kpi=\"{id}\"");
    let card = &body[body.find(&marker).unwrap_or_else(|| panic!("no {id} card"))..];
    let value = &card[card.find("class=\"value\">").unwrap() + "class=\"value\">".len()..];
    value[..value.find('<').unwrap()].to_string()
}

async fn bearer(app: &Router, path: &str, token: &str) -> super::web::Reply {
    let request =
        Request::get(path).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty());
    send(app, request.unwrap()).await
}

#[tokio::test]
async fn a_client_sees_its_own_numbers_chart_tables_and_csv() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let page = get(&app, "/dashboard", Some(&session)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(kpi(&page.body, "conversations"), ALPHA_CONVERSATIONS.to_string());
    assert_eq!(kpi(&page.body, "resolutions"), ALPHA_CONVERSATIONS.to_string());
    assert_eq!(kpi(&page.body, "avg_first_response"), "10m 00s");
    assert!(page.body.contains("<svg") && page.body.contains("bar-primary"));
    // The first-response chart has the fine buckets; the heatmap its 168 cells.
    for expected in ["Alpha Front Desk", "Ana Alpha-Agent", "alpha-label", "0-5m", "30m-1h", "id=\"heatmap\""]
    {
        assert!(page.body.contains(expected), "missing {expected}");
    }
    assert_no_beta("/dashboard", &page.body);
    // The tables by dimension, each with its totals row (the card's figure).
    for slug in ["inboxes", "agents", "teams", "labels", "channels"] {
        let table = &page.body[page.body.find(&format!(r#"id="table-{slug}""#)).expect(slug)..];
        let foot = &table[table.find("<tfoot>").unwrap()..];
        let total = format!(r#"data-field="conversations" data-value="{ALPHA_CONVERSATIONS}">"#);
        assert!(foot[..foot.find("</tfoot>").unwrap()].contains(&total), "{slug}: {foot}");
    }
    // No inline script: the page's two scripts are its own static files.
    assert_eq!(page.body.matches("<script").count(), 2, "two scripts only");
    assert!(page.body.contains(r#"<script src="/static/freshness.js" defer></script>"#));
    assert!(page.body.contains(r#"<script src="/static/page.js" defer></script>"#));

    let csv = get(&app, "/dashboard/csv/inboxes", Some(&session)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/csv"));
    assert!(
        csv.headers.get(header::CONTENT_DISPOSITION).unwrap().to_str().unwrap().contains("alpha-inboxes-")
    );
    let mut lines = csv.body.lines();
    assert!(lines.next().unwrap().starts_with("inbox_id,name,conversations"));
    assert!(lines.next().unwrap().starts_with(&format!("1,Alpha Front Desk,{ALPHA_CONVERSATIONS},")));

    let export = get(&app, "/dashboard/csv/conversations", Some(&session)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert_eq!(export.body.lines().count() as i64, ALPHA_CONVERSATIONS + 1, "{}", export.body);
    assert_no_beta("export", &export.body);

    // A period with nothing in it shows zeros, not an error.
    let empty = get(&app, "/dashboard?from=2020-01-01&to=2020-02-01&tz=UTC", Some(&session)).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(kpi(&empty.body, "conversations"), "0");
}

#[tokio::test]
async fn the_api_serves_the_same_numbers_as_the_cli() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let today = chrono::Utc::now().date_naive();
    let (from, to) =
        ((today - chrono::Days::new(60)).to_string(), (today + chrono::Days::new(2)).to_string());
    let query = format!("from={from}&to={to}&tz=UTC");
    let api = get(&app, &format!("/api/v1/kpis?{query}"), Some(&session)).await;
    assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    let api: Value = serde_json::from_str(&api.body).unwrap();
    let out = support::geniai(&f.db)
        .args(["report", "kpis", "--tenant", "alpha", "--from", &from, "--to", &to, "--tz", "UTC"])
        .args(["--format", "json"])
        .assert()
        .success();
    let cli: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for field in ["conversations", "resolutions", "avg_first_response_seconds", "leads", "open", "tenant"] {
        assert_eq!(api[field], cli[field], "{field}");
    }
    assert_eq!(api["conversations"], ALPHA_CONVERSATIONS);
    for kind in
        ["daily", "inboxes", "agents", "teams", "labels", "channels", "frt-distribution", "conversations"]
    {
        let reply = get(&app, &format!("/api/v1/{kind}?{query}"), Some(&session)).await;
        assert_eq!(reply.status, StatusCode::OK, "{kind}: {}", reply.body);
        assert!(serde_json::from_str::<Value>(&reply.body).unwrap().is_array(), "{kind}");
        assert_no_beta(kind, &reply.body);
    }
    // An API token works without a session, for its tenant only.
    let out = support::geniai(&f.db).args(["token", "create", "--tenant", "alpha"]).assert().success();
    let token = String::from_utf8(out.get_output().stdout.clone()).unwrap().trim().to_string();
    let reply = bearer(&app, "/api/v1/kpis", &token).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["tenant"], "alpha");
    // The admin names a tenant; clients and tokens cannot see the overview.
    let admin = login(&app, ADMIN_USER).await;
    let reply = get(&app, &format!("/api/v1/kpis?tenant=beta&{query}"), Some(&admin)).await;
    assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["conversations"], BETA_CONVERSATIONS);
    assert_eq!(get(&app, "/api/v1/kpis", Some(&admin)).await.status, StatusCode::BAD_REQUEST);
    let overview = get(&app, "/api/v1/overview", Some(&admin)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("\"beta\""));
    assert_eq!(get(&app, "/api/v1/overview", Some(&session)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(bearer(&app, "/api/v1/overview", &token).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_client_cannot_reach_another_tenant_by_any_route_or_parameter() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let out = support::geniai(&f.db).args(["token", "create", "--tenant", "alpha"]).assert().success();
    let token = String::from_utf8(out.get_output().stdout.clone()).unwrap().trim().to_string();
    let beta_id = f.beta.0.to_string();
    let tenant_params =
        ["tenant=beta", &format!("tenant={beta_id}"), &format!("tenant_id={beta_id}"), "slug=beta"];
    let kinds = [
        "kpis",
        "daily",
        "inboxes",
        "agents",
        "teams",
        "labels",
        "channels",
        "frt-distribution",
        "conversations",
    ];

    // Pages and downloads: the tenant comes from the session, so parameters change nothing.
    let mut paths = vec!["/".to_string(), "/dashboard".into(), "/settings".into()];
    for kind in kinds {
        paths.push(format!("/dashboard/csv/{kind}"));
    }
    for path in paths.clone() {
        for param in tenant_params {
            let url = format!("{path}?{param}");
            let reply = get(&app, &url, Some(&session)).await;
            assert!(matches!(reply.status.as_u16(), 200 | 303), "{url}: {}", reply.status);
            assert_no_beta(&url, &reply.body);
        }
    }
    // The API refuses a tenant other than the caller's, by session or token.
    for kind in kinds {
        for param in ["tenant=beta", "tenant=BETA", "tenant=beta%00"] {
            let url = format!("/api/v1/{kind}?{param}");
            let by_session = get(&app, &url, Some(&session)).await;
            assert_eq!(by_session.status, StatusCode::FORBIDDEN, "{url}");
            let by_token = bearer(&app, &url, &token).await;
            assert_eq!(by_token.status, StatusCode::FORBIDDEN, "{url} by token");
        }
        let own = bearer(&app, &format!("/api/v1/{kind}"), &token).await;
        assert_eq!(own.status, StatusCode::OK);
        assert_no_beta(kind, &own.body);
    }
    // Admin URLs that name beta are refused outright.
    for path in ["/admin/tenants/beta", "/admin/tenants/beta/csv/kpis", "/admin/tenants/beta/settings"] {
        assert_eq!(get(&app, path, Some(&session)).await.status, StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn a_client_gets_403_on_every_admin_route() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let csrf = csrf_of(&app, &session, "/dashboard").await;
    for path in [
        "/admin",
        "/admin/audit",
        "/admin/tenants/new",
        "/admin/tenants/alpha",
        "/admin/tenants/beta",
        "/admin/tenants/beta/csv/inboxes",
        "/admin/tenants/alpha/settings",
        "/api/v1/overview",
    ] {
        assert_eq!(get(&app, path, Some(&session)).await.status, StatusCode::FORBIDDEN, "GET {path}");
    }
    let posts: [(&str, Vec<(&str, &str)>); 10] = [
        ("/admin/tenants/alpha/users/disable", vec![("email", ALPHA_USER)]),
        (
            "/admin/tenants/alpha/branding",
            vec![("locale", "en"), ("timezone", "UTC"), ("display_name", "Evil")],
        ),
        ("/admin/tenants/beta/users/enable", vec![("email", BETA_USER)]),
        (
            "/admin/tenants/beta/users/password",
            vec![("email", BETA_USER), ("password", "long enough password")],
        ),
        ("/admin/tenants/new", vec![("slug", "evil"), ("name", "Evil")]),
        ("/admin/tenants/beta/suspend", vec![]),
        ("/admin/tenants/alpha/activate", vec![]),
        (
            "/admin/tenants/beta/users",
            vec![
                ("email", "x@evil.test"),
                ("name", "x"),
                ("role", "admin"),
                ("password", "long enough password"),
            ],
        ),
        (
            "/admin/tenants/beta/settings/secrets",
            vec![("name", "n8n_webhook_url"), ("value", "https://evil.test")],
        ),
        ("/admin/tenants/beta/settings/secrets/delete", vec![("name", "n8n_webhook_url")]),
    ];
    for (path, mut fields) in posts {
        fields.push(("_csrf", &csrf));
        assert_eq!(
            post(&app, path, Some(&session), &fields).await.status,
            StatusCode::FORBIDDEN,
            "POST {path}"
        );
    }
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let (tenants, active, users): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM tenants WHERE status = 'active'), (SELECT count(*) FROM users)",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!((tenants, active, users), (2, 2, 3), "nothing changed");
    let secrets: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tenant_secrets").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(secrets, 0);
    let (active_users, audited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM users WHERE is_active), (SELECT count(*) FROM audit_log)",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!((active_users, audited), (3, 0), "no user disabled, no password changed");
}

#[tokio::test]
async fn every_form_needs_the_csrf_token() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let client = login(&app, ALPHA_USER).await;
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);
    let cases: [Case; 11] = [
        (&admin, "/admin/tenants/alpha/users/disable", vec![("email", ALPHA_USER)]),
        (&admin, "/admin/tenants/alpha/branding", vec![("locale", "pt-BR"), ("timezone", "Europe/Lisbon")]),
        (&admin, "/admin/tenants/alpha/users/enable", vec![("email", ALPHA_USER)]),
        (
            &admin,
            "/admin/tenants/alpha/users/password",
            vec![("email", ALPHA_USER), ("password", "long enough password")],
        ),
        (
            &admin,
            "/admin/tenants/new",
            vec![("slug", "gamma"), ("name", "Gamma"), ("plan", "basic"), ("timezone", "UTC")],
        ),
        (&admin, "/admin/tenants/beta/suspend", vec![]),
        (&admin, "/admin/tenants/beta/activate", vec![]),
        (
            &admin,
            "/admin/tenants/beta/users",
            vec![
                ("email", "new@beta.test"),
                ("name", "N"),
                ("role", "viewer"),
                ("password", "long enough password"),
            ],
        ),
        (
            &client,
            "/settings/secrets",
            vec![("name", "n8n_webhook_url"), ("value", "https://hooks.example/abcd")],
        ),
        (&client, "/settings/secrets/delete", vec![("name", "n8n_webhook_url")]),
        (&client, "/logout", vec![]),
    ];
    for (session, path, fields) in &cases {
        assert_eq!(
            post(&app, path, Some(session), fields).await.status,
            StatusCode::FORBIDDEN,
            "{path} without token"
        );
    }
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let changes: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(changes, 0, "a refused request must change nothing");
}

#[tokio::test]
async fn sql_injection_strings_change_nothing_and_leak_nothing() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &session, "/dashboard").await;
    let admin_csrf = csrf_of(&app, &admin, "/admin").await;
    let attacks =
        ["' OR '1'='1", "1; DROP TABLE conversations; --", "beta' --", "\") OR 1=1 --", "%27%20OR%201%3D1"];
    let mut total_before: i64 = 0;
    for tenant in [f.alpha, f.beta] {
        let mut tx = db::tenant_tx(&f.db.pool, tenant).await.unwrap();
        total_before += sqlx::query_scalar::<_, i64>("SELECT count(*) FROM conversations")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    }
    for attack in attacks {
        let a = url_escape(attack);
        let mut replies = Vec::new();
        for url in [
            format!("/dashboard?from={a}"),
            format!("/dashboard?to={a}"),
            format!("/dashboard?tz={a}"),
            format!("/dashboard/csv/{a}"),
            format!("/api/v1/kpis?tenant={a}"),
            format!("/api/v1/{a}"),
            format!("/api/v1/kpis?from={a}"),
        ] {
            replies.push((url.clone(), get(&app, &url, Some(&session)).await));
        }
        for url in [
            format!("/admin/tenants/{a}"),
            format!("/admin/audit?tenant={a}"),
            format!("/api/v1/kpis?tenant={a}"),
        ] {
            replies.push((url.clone(), get(&app, &url, Some(&admin)).await));
        }
        replies.push((
            "secret".into(),
            post(
                &app,
                "/settings/secrets",
                Some(&session),
                &[("_csrf", &csrf), ("name", attack), ("value", attack)],
            )
            .await,
        ));
        replies.push((
            "new tenant".into(),
            post(
                &app,
                "/admin/tenants/new",
                Some(&admin),
                &[("_csrf", &admin_csrf), ("slug", attack), ("name", attack)],
            )
            .await,
        ));
        replies.push(("login".into(), super::web::try_login(&app, attack, attack).await));
        for (url, reply) in replies {
            assert!(
                matches!(reply.status.as_u16(), 400 | 401 | 403 | 404),
                "{url} with {attack:?}: {} {}",
                reply.status,
                reply.body
            );
            for leak in ["syntax error", "sqlx", "SELECT", "postgres", "42601", "panicked"] {
                assert!(!reply.body.contains(leak), "{url} leaked `{leak}`: {}", reply.body);
            }
            assert_no_beta(&url, &reply.body);
        }
    }
    let mut total_after: i64 = 0;
    for tenant in [f.alpha, f.beta] {
        let mut tx = db::tenant_tx(&f.db.pool, tenant).await.unwrap();
        total_after += sqlx::query_scalar::<_, i64>("SELECT count(*) FROM conversations")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    }
    assert_eq!(total_before, total_after);
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let tenants: i64 = sqlx::query_scalar("SELECT count(*) FROM tenants").fetch_one(&mut *tx).await.unwrap();
    let secrets: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tenant_secrets").fetch_one(&mut *tx).await.unwrap();
    assert_eq!((tenants, secrets), (2, 0));
}

fn url_escape(text: &str) -> String {
    serde_urlencoded::to_string([("x", text)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn a_tenant_named_like_a_script_is_shown_escaped() {
    let f = seeded().await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE tenants SET name = '<script>alert(1)</script>' WHERE id = $1")
        .bind(f.alpha)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO tenant_settings (tenant_id, display_name, logo_url) VALUES ($1, '\"><img src=x onerror=alert(2)>', 'javascript:alert(3)')")
        .bind(f.alpha)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let app = app_with_key(&f);
    let client = login(&app, ALPHA_USER).await;
    let admin = login(&app, ADMIN_USER).await;
    for (session, path) in [
        (&admin, "/admin"),
        (&admin, "/admin/tenants/alpha"),
        (&client, "/dashboard"),
        (&client, "/settings"),
    ] {
        let reply = get(&app, path, Some(session)).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(!reply.body.contains("<script>alert(1)"), "{path} rendered the name as markup");
        assert!(!reply.body.contains("<img src=x"), "{path} rendered the display name as markup");
        assert!(!reply.body.contains("javascript:"), "{path} used a javascript: logo URL");
    }
    let overview = get(&app, "/admin", Some(&admin)).await;
    assert!(overview.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn integration_secrets_are_write_only_audited_and_source_url_is_for_admins() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let csrf = csrf_of(&app, &session, "/settings").await;
    let value = "evo-live-key-0123456789-WXYZ";
    let reply = post(
        &app,
        "/settings/secrets",
        Some(&session),
        &[("_csrf", &csrf), ("name", "evolution_api_key"), ("value", value)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let page = get(&app, "/settings", Some(&session)).await;
    assert!(page.body.contains("evolution_api_key") && page.body.contains("••••WXYZ"));
    assert!(!page.body.contains(value) && !page.body.contains("0123456789"), "the value came back");
    // source_url is reserved to platform admins.
    let refused = post(
        &app,
        "/settings/secrets",
        Some(&session),
        &[("_csrf", &csrf), ("name", "source_url"), ("value", "postgres://evil.example/chatwoot")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let admin = login(&app, ADMIN_USER).await;
    let admin_csrf = csrf_of(&app, &admin, "/admin/tenants/alpha/settings").await;
    let allowed = post(
        &app,
        "/admin/tenants/alpha/settings/secrets",
        Some(&admin),
        &[
            ("_csrf", &admin_csrf),
            ("name", "source_url"),
            ("value", "postgres://ro@db.alpha.example/chatwoot"),
        ],
    )
    .await;
    assert_eq!(allowed.status, StatusCode::SEE_OTHER, "{}", allowed.body);
    let del =
        post(&app, "/settings/secrets/delete", Some(&session), &[("_csrf", &csrf), ("name", "source_url")])
            .await;
    assert_eq!(del.status, StatusCode::FORBIDDEN, "a client cannot delete source_url either");
    // A viewer or analyst cannot manage integrations.
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE users SET role = 'viewer' WHERE email = $1")
        .bind(BETA_USER)
        .execute(&mut *tx)
        .await
        .unwrap();
    let trail: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT actor, action, coalesce(after::text, '') FROM audit_log WHERE action LIKE 'secret.%' ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(trail.len(), 2, "{trail:?}");
    assert_eq!(trail[0].0, format!("web:{ALPHA_USER}"));
    assert_eq!(trail[1].0, format!("web:{ADMIN_USER}"));
    assert!(trail.iter().all(|(_, _, after)| !after.contains(value)
        && !after.contains("evil")
        && !after.contains("db.alpha")));
    let viewer = login(&app, BETA_USER).await;
    assert_eq!(get(&app, "/settings", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn admins_manage_tenants_from_the_web_and_every_change_is_audited() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let beta_session = login(&app, BETA_USER).await;
    let overview = get(&app, "/admin", Some(&admin)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("Alpha Clinic") && overview.body.contains("Beta Motors"));
    let csrf = overview.csrf();
    // Drill-down shows the tenant's own numbers.
    let drill = get(&app, "/admin/tenants/beta", Some(&admin)).await;
    assert_eq!(kpi(&drill.body, "conversations"), BETA_CONVERSATIONS.to_string());
    assert_eq!(get(&app, "/admin/tenants/nope", Some(&admin)).await.status, StatusCode::NOT_FOUND);
    // Suspend: beta's session stops working at once; activate again.
    assert_eq!(
        post(&app, "/admin/tenants/beta/suspend", Some(&admin), &[("_csrf", &csrf)]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(get(&app, "/dashboard", Some(&beta_session)).await.location(), Some("/login"));
    assert_eq!(
        post(&app, "/admin/tenants/beta/activate", Some(&admin), &[("_csrf", &csrf)]).await.status,
        StatusCode::SEE_OTHER
    );
    // Create a tenant and give it a user, who can then log in.
    let created = post(
        &app,
        "/admin/tenants/new",
        Some(&admin),
        &[
            ("_csrf", &csrf),
            ("slug", "gamma"),
            ("name", "Gamma Foods"),
            ("plan", "pro"),
            ("timezone", "America/Sao_Paulo"),
        ],
    )
    .await;
    assert_eq!(created.location(), Some("/admin/tenants/gamma"), "{}", created.body);
    let duplicate = post(
        &app,
        "/admin/tenants/new",
        Some(&admin),
        &[("_csrf", &csrf), ("slug", "gamma"), ("name", "Again")],
    )
    .await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert!(duplicate.body.contains("gamma"));
    let added = post(
        &app,
        "/admin/tenants/gamma/users",
        Some(&admin),
        &[
            ("_csrf", &csrf),
            ("email", "Gil@Gamma.test"),
            ("name", "Gil"),
            ("role", "analyst"),
            ("password", super::web::PASSWORD),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    login(&app, "gil@gamma.test").await;
    let weak = post(
        &app,
        "/admin/tenants/gamma/users",
        Some(&admin),
        &[
            ("_csrf", &csrf),
            ("email", "weak@gamma.test"),
            ("name", "W"),
            ("role", "viewer"),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    // The audit log shows each change, by the web user.
    let audit = get(&app, "/admin/audit", Some(&admin)).await;
    for action in ["tenant.suspend", "tenant.activate", "tenant.create", "user.create"] {
        assert!(audit.body.contains(action), "audit page lacks {action}");
    }
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let actors: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT actor FROM audit_log").fetch_all(&mut *tx).await.unwrap();
    assert_eq!(actors, vec![format!("web:{ADMIN_USER}")]);
}

#[tokio::test]
async fn branding_colours_are_allowed_by_a_hashed_csp() {
    let f = seeded().await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("INSERT INTO tenant_settings (tenant_id, display_name, primary_color) VALUES ($1, 'Alpha Care', '#aa3366')")
        .bind(f.alpha)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let page = get(&app, "/dashboard", Some(&session)).await;
    assert!(
        page.body.contains("<style>:root{--primary:#aa3366;--on-primary:#fff;}</style>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Alpha Care"));
    let csp = page.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(csp.contains("style-src 'self' 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && csp.contains("script-src 'self'"));
}

#[tokio::test]
async fn the_report_cache_is_per_tenant_and_expires() {
    let f = seeded().await;
    let config = WebConfig { report_cache_ttl: std::time::Duration::from_secs(3600), ..WebConfig::default() };
    let app = super::web::app_from(&f.db.pool, config, [10, 0, 0, 8]);
    let alpha = login(&app, ALPHA_USER).await;
    let beta = login(&app, BETA_USER).await;
    let kpis = |body: &str| serde_json::from_str::<Value>(body).unwrap()["conversations"].clone();
    assert_eq!(kpis(&get(&app, "/api/v1/kpis", Some(&alpha)).await.body), ALPHA_CONVERSATIONS);
    // The same request by another tenant is computed for that tenant, never served from alpha's.
    assert_eq!(kpis(&get(&app, "/api/v1/kpis", Some(&beta)).await.body), BETA_CONVERSATIONS);
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    sqlx::query(
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, created_at, source_updated_at)
         VALUES ($1, 999, 1, 1, 999, 0, now() - interval '2 days', now())",
    )
    .bind(f.alpha)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kpis(&get(&app, "/api/v1/kpis", Some(&alpha)).await.body), ALPHA_CONVERSATIONS, "cached");
    let uncached = super::web::app(&f.db.pool);
    assert_eq!(kpis(&get(&uncached, "/api/v1/kpis", Some(&alpha)).await.body), ALPHA_CONVERSATIONS + 1);
}

#[tokio::test]
async fn concurrent_requests_for_one_report_compute_it_once() {
    let f = seeded().await;
    let config = WebConfig { report_cache_ttl: std::time::Duration::from_secs(3600), ..WebConfig::default() };
    let state = geniai::web::AppState::new(f.db.pool.clone(), config);
    let cache = state.reports.clone();
    let app = geniai::web::app(state).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::from(([10, 0, 0, 9], 4000)),
    ));
    let alpha = login(&app, ALPHA_USER).await;
    let before = cache.computations();
    let replies = futures::future::join_all((0..8).map(|_| get(&app, "/api/v1/kpis", Some(&alpha)))).await;
    for reply in &replies {
        assert_eq!(serde_json::from_str::<Value>(&reply.body).unwrap()["conversations"], ALPHA_CONVERSATIONS);
    }
    assert_eq!(cache.computations() - before, 1, "eight concurrent requests, one computation");
    get(&app, "/api/v1/kpis", Some(&alpha)).await;
    assert_eq!(cache.computations() - before, 1, "then served from the cache");
}

/// Regression: a conflict or an unknown name from the domain was a 400 like any bad input (each
/// web call site mapped every domain error to 400 itself); the web now maps the domain's error
/// kinds in one place.
#[tokio::test]
async fn domain_conflicts_are_409_and_unknown_tenants_404_with_the_styled_page() {
    let f = fixture().await;
    let app = super::web::app(&f.db.pool);
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin").await;
    let user_form = |email: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("_csrf", csrf.clone()),
            ("email", email.into()),
            ("name", "Someone".into()),
            ("role", "viewer".into()),
            ("password", super::web::PASSWORD.into()),
        ]
    };
    // Alpha's user, added again to beta: the email is taken.
    let duplicate =
        post(&app, "/admin/tenants/beta/users", Some(&admin), &pairs(&user_form(ALPHA_USER))).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT, "{}", duplicate.body);
    assert!(duplicate.body.contains("/static/style.css"), "the styled page: {}", duplicate.body);
    assert!(duplicate.body.contains("already exists"), "{}", duplicate.body);
    // The same form for a tenant that does not exist.
    let fresh = user_form("new@nowhere.test");
    let unknown = post(&app, "/admin/tenants/nowhere/users", Some(&admin), &pairs(&fresh)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    assert!(unknown.body.contains("/static/style.css"), "{}", unknown.body);
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE email = 'new@nowhere.test'")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

/// A form as the `(name, value)` pairs `post` takes.
fn pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The form (from its opening tag to its end) that posts to `action`, or a panic naming it.
fn form_posting_to<'a>(body: &'a str, action: &str) -> &'a str {
    let marker = format!("action=\"{action}\"");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no form posting to {action}: {body}"));
    let start = body[..at].rfind("<form").unwrap();
    let end = at + body[at..].find("</form>").unwrap();
    &body[start..end]
}

/// Regression: a rejected form replaced the page with a bare message (or, for the add-user and
/// settings forms, the error page), so the admin retyped everything. Now the form comes back with
/// what was entered (never a password or secret value) and the message beside it.
#[tokio::test]
async fn form_errors_render_inline_with_the_input_kept() {
    let f = fixture().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin").await;

    // New tenant, with a slug that is taken: 409, the form again, filled in.
    let fields = [
        ("_csrf", csrf.as_str()),
        ("slug", "beta"),
        ("name", "Beta Again Ltd"),
        ("plan", "enterprise"),
        ("timezone", "Europe/Lisbon"),
    ];
    let reply = post(&app, "/admin/tenants/new", Some(&admin), &fields).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    let form = form_posting_to(&reply.body, "/admin/tenants/new");
    assert!(form.contains("already exists"), "the message is on the form: {form}");
    assert!(
        form.contains("value=\"Beta Again Ltd\"") && form.contains("value=\"Europe/Lisbon\" selected"),
        "{form}"
    );
    assert!(form.contains("id=\"new-tenant-slug-error\""), "beside the slug: {form}");
    assert!(form.contains("value=\"beta\""), "{form}");
    assert!(
        form.contains("<option selected>enterprise</option>")
            || form.contains("<option selected=\"\">enterprise</option>")
            || form.contains("value=\"enterprise\" selected"),
        "{form}"
    );

    // An invalid timezone: 400, same form.
    let fields = [
        ("_csrf", csrf.as_str()),
        ("slug", "delta"),
        ("name", "Delta"),
        ("plan", "basic"),
        ("timezone", "Mars/Olympus"),
    ];
    let reply = post(&app, "/admin/tenants/new", Some(&admin), &fields).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    let form = form_posting_to(&reply.body, "/admin/tenants/new");
    assert!(form.contains("unknown timezone") && form.contains("value=\"delta\""), "{form}");
    assert!(form.contains("id=\"new-tenant-timezone-error\""), "beside the timezone: {form}");
    assert!(!form.contains("type=\"text\" name=\"timezone\""), "a list, not free text: {form}");

    // Add a user whose email is taken: 409 on the tenant's page, the form filled in but the password.
    let fields = [
        ("_csrf", csrf.as_str()),
        ("email", ALPHA_USER),
        ("name", "Ana Twice"),
        ("role", "analyst"),
        ("password", super::web::PASSWORD),
    ];
    let reply = post(&app, "/admin/tenants/beta/users", Some(&admin), &fields).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    let form = form_posting_to(&reply.body, "/admin/tenants/beta/users");
    assert!(form.contains("already exists"), "{form}");
    assert!(
        form.contains(&format!("value=\"{ALPHA_USER}\"")) && form.contains("value=\"Ana Twice\""),
        "{form}"
    );
    assert!(!reply.body.contains(super::web::PASSWORD), "the password is never sent back");

    // A secret with an invalid name, on the integrations page: 400, name kept, value not.
    let fields = [("_csrf", csrf.as_str()), ("name", "bad name!"), ("value", "s3cr3t-value")];
    let reply = post(&app, "/admin/tenants/beta/settings/secrets", Some(&admin), &fields).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    let form = form_posting_to(&reply.body, "/admin/tenants/beta/settings/secrets");
    assert!(form.contains("invalid secret name") && form.contains("value=\"bad name!\""), "{form}");
    assert!(form.contains("id=\"set-secret-name-error\""), "beside the name: {form}");
    assert!(!reply.body.contains("s3cr3t-value"), "the value is never sent back");
}

/// Sets a tenant's default locale the way `geniai tenant settings --locale` does.
fn set_tenant_locale(f: &Fixture, slug: &str, locale: &str) {
    support::geniai(&f.db).args(["tenant", "settings", slug, "--locale", locale]).assert().success();
}

#[tokio::test]
async fn a_portuguese_tenant_reads_its_dashboard_errors_and_downloads_in_portuguese() {
    let f = seeded().await;
    set_tenant_locale(&f, "alpha", "pt-BR");
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;

    let page = get(&app, "/dashboard", Some(&session)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(r#"<html lang="pt-BR">"#), "the page declares its language");
    for expected in
        ["Conversas", "Resoluções", "Primeira resposta média", "Por caixa de entrada", "Sair", "Mostrar"]
    {
        assert!(page.body.contains(expected), "missing {expected}");
    }
    for english in [">Conversations<", ">Log out<", ">By inbox<", ">Show<"] {
        assert!(!page.body.contains(english), "still English: {english}");
    }
    // The period reads as Brazilians write dates, its last day included (the default period is
    // the last 30 full days, so it ends yesterday).
    let today = chrono::Utc::now().date_naive();
    let range = format!(
        "{} – {}",
        (today - chrono::Days::new(30)).format("%d/%m/%Y"),
        (today - chrono::Days::new(1)).format("%d/%m/%Y")
    );
    assert!(page.body.contains(&range), "a dd/mm/yyyy range: {range}");
    assert_eq!(kpi(&page.body, "conversations"), ALPHA_CONVERSATIONS.to_string());

    // The downloads name their columns in Portuguese; the API keeps the field names (contract).
    let csv = get(&app, "/dashboard/csv/inboxes", Some(&session)).await;
    assert!(csv.body.lines().next().unwrap().starts_with("id_caixa,nome,conversas,"), "{}", csv.body);
    assert!(
        csv.body.lines().nth(1).unwrap().starts_with(&format!("1,Alpha Front Desk,{ALPHA_CONVERSATIONS},"))
    );
    let export = get(&app, "/dashboard/csv/conversations", Some(&session)).await;
    assert!(export.body.starts_with("id_conversa,numero,id_conta,id_caixa,caixa,"), "{}", export.body);
    let api = get(&app, "/api/v1/inboxes", Some(&session)).await;
    let rows: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(rows[0]["conversations"], ALPHA_CONVERSATIONS, "{}", api.body);

    // Bad input: a sentence in Portuguese that speaks of the form, never of a CLI flag.
    for (query, expected) in [
        ("from=ontem", "“ontem” não é uma data"),
        ("tz=Mars/Olympus", "fuso horário desconhecido “Mars/Olympus”"),
        ("preset=today&tz=Mars/Olympus", "fuso horário desconhecido “Mars/Olympus”"),
        ("preset=semana", "período desconhecido “semana”"),
        ("until=ontem", "“ontem” não é uma data"),
        ("from=2026-02-02&until=2026-02-01", "o início do período"),
        ("from=2026-02-01&to=2026-01-01", "o início do período"),
    ] {
        let refused = get(&app, &format!("/dashboard?{query}"), Some(&session)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(refused.body.contains(expected), "{query}: {}", refused.body);
        assert!(!refused.body.contains("--"), "{query} mentions a flag: {}", refused.body);
        assert!(refused.body.contains("Voltar ao painel"), "{query}");
    }
    // The API keeps English messages, without flags either.
    let api = get(&app, "/api/v1/kpis?from=yesterday", Some(&session)).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(api.body.contains("is not a date") && !api.body.contains("--from"), "{}", api.body);
}

#[tokio::test]
async fn a_user_may_choose_another_language_than_the_tenants() {
    let f = seeded().await;
    set_tenant_locale(&f, "alpha", "pt-BR");
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let csrf = csrf_of(&app, &session, "/dashboard").await;

    let chosen = post(
        &app,
        "/preferences/locale",
        Some(&session),
        &[("_csrf", &csrf), ("locale", "en"), ("back", "/dashboard?from=2026-01-01")],
    )
    .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
    assert_eq!(chosen.location(), Some("/dashboard?from=2026-01-01"));
    let page = get(&app, "/dashboard", Some(&session)).await;
    assert!(page.body.contains(r#"<html lang="en">"#) && page.body.contains(">Log out<"));
    assert!(page.body.contains(r#"<option value="en" selected>English</option>"#), "the choice shows");

    // Another user of the tenant still reads Portuguese.
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let hash = super::web::password_hash().await;
    sqlx::query("INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, 'bia@alpha.test', 'Bia', 'viewer', $2)")
        .bind(f.alpha)
        .bind(hash)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let other = login(&app, "bia@alpha.test").await;
    assert!(get(&app, "/dashboard", Some(&other)).await.body.contains(">Sair<"));

    // Back to the tenant's default; an unknown language or an outside address is refused.
    let cleared =
        post(&app, "/preferences/locale", Some(&session), &[("_csrf", &csrf), ("locale", "")]).await;
    assert_eq!(cleared.location(), Some("/"));
    assert!(get(&app, "/dashboard", Some(&session)).await.body.contains(">Sair<"));
    let unknown =
        post(&app, "/preferences/locale", Some(&session), &[("_csrf", &csrf), ("locale", "xx")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("idioma desconhecido"), "{}", unknown.body);
    let outside = post(
        &app,
        "/preferences/locale",
        Some(&session),
        &[("_csrf", &csrf), ("locale", "pt-BR"), ("back", "//evil.example/")],
    )
    .await;
    assert_eq!(outside.location(), Some("/"));
}

#[tokio::test]
async fn the_login_page_follows_the_browsers_language() {
    let f = fixture().await;
    let app = super::web::app(&f.db.pool);
    let ask = |lang: &'static str| {
        Request::get("/login").header(header::ACCEPT_LANGUAGE, lang).body(Body::empty()).unwrap()
    };
    let pt = send(&app, ask("pt-BR,pt;q=0.9,en;q=0.5")).await;
    assert!(
        pt.body.contains(r#"<html lang="pt-BR">"#)
            && pt.body.contains("Senha")
            && pt.body.contains(">Entrar<")
    );
    let en = send(&app, ask("en-GB,en;q=0.9")).await;
    assert!(en.body.contains("Password") && en.body.contains(">Log in<"));
    // A refused login answers in the browser's language too.
    let form = send(&app, ask("pt-BR")).await;
    let cookie = form.cookie("geniai_login_csrf").unwrap();
    let body = serde_urlencoded::to_string([
        ("_csrf", form.csrf().as_str()),
        ("email", "x@y.test"),
        ("password", "nope"),
    ])
    .unwrap();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "pt-BR")
        .header(header::COOKIE, format!("geniai_login_csrf={cookie}"))
        .body(Body::from(body))
        .unwrap();
    let refused = send(&app, request).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("E-mail ou senha incorretos"), "{}", refused.body);
}

#[tokio::test]
async fn presets_and_the_inclusive_until_select_the_days_and_to_stays_exclusive() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    // Alpha has one conversation at noon UTC on each of the three days before today.
    let day = |n: u64| (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string();
    for (query, expected) in [
        ("preset=today&tz=UTC".to_string(), 0),
        ("preset=yesterday&tz=UTC".to_string(), 1),
        ("preset=last-7-days&tz=UTC".to_string(), 3),
        // A preset wins over dates.
        (format!("preset=yesterday&from={}&to={}&tz=UTC", day(3), day(0)), 1),
        (format!("from={}&until={}&tz=UTC", day(3), day(2)), 2),
        (format!("from={}&until={}&tz=UTC", day(2), day(2)), 1),
        (format!("preset=custom&from={}&until={}&tz=UTC", day(3), day(1)), 3),
        // The old `to` keeps its exclusive meaning.
        (format!("from={}&to={}&tz=UTC", day(3), day(2)), 1),
    ] {
        let page = get(&app, &format!("/dashboard?{query}"), Some(&session)).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert_eq!(kpi(&page.body, "conversations"), expected.to_string(), "{query}");
    }
    let page = get(&app, "/dashboard?preset=last-7-days&tz=UTC", Some(&session)).await;
    assert!(page.body.contains(r#"<a class="preset current" data-preset="last-7-days""#), "{}", page.body);
    assert!(page.body.contains(r#"aria-current="true""#));
    assert!(
        page.body
            .contains(r#"<select name="tz"><option value="UTC" selected>UTC (account default)</option>"#)
    );
    assert!(!page.body.contains(r#"type="text" name="tz""#), "the timezone is never free text");
    assert!(page.body.contains(&format!(r#"name="until" value="{}""#, day(1))), "the last day included");
    assert!(page.body.contains(r#"name="back" value="/dashboard?preset=last-7-days&amp;tz=UTC""#));
    // The downloads keep the contract's from / exclusive to / tz.
    assert!(page.body.contains(&format!("/dashboard/csv/kpis?from={}&amp;to={}&amp;tz=UTC", day(7), day(0))));
    // Each compared card says how it moved: the three conversations are all in this week.
    assert!(page.body.contains("nothing to compare with"), "the week before is empty");
}

/// The series' bucket: chosen from the period unless `bucket` names one; the links offer the
/// others (hours only up to a month); a bad or too fine bucket is a 400 in the page's words; the
/// series' download and the API's `daily` follow `bucket` (the API's default stays days).
#[tokio::test]
async fn the_series_bucket_follows_the_period_or_the_choice() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let day = |n: u64| (chrono::Utc::now().date_naive() - chrono::Days::new(n)).to_string();
    for (query, bucket, bars) in [
        ("preset=yesterday&tz=UTC".to_string(), "hour", 24),
        ("preset=last-7-days&tz=UTC".to_string(), "day", 7),
        ("preset=last-7-days&tz=UTC&bucket=hour".to_string(), "hour", 7 * 24),
        (format!("from={}&until={}&tz=UTC&bucket=month", day(1), day(1)), "month", 1),
    ] {
        let page = get(&app, &format!("/dashboard?{query}"), Some(&session)).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert!(page.body.contains(&format!(r#"data-bucket="{bucket}">"#)), "{query}: the svg's bucket");
        assert_eq!(page.body.matches(r#"<rect class="bar-primary""#).count(), bars, "{query}");
        let current = format!(r#"<a class="bucket current" data-bucket="{bucket}""#);
        assert!(page.body.contains(&current), "{query}: the current link");
        assert!(
            page.body.contains(&format!(r#"&amp;bucket={bucket}">CSV</a>"#)),
            "{query}: the series' download"
        );
    }
    let quarter = get(&app, "/dashboard?preset=last-90-days&tz=UTC", Some(&session)).await;
    assert!(quarter.body.contains(r#"<span class="bucket unavailable" data-bucket="hour""#));
    for (query, message) in [
        ("preset=last-7-days&bucket=fortnight", "unknown grouping “fortnight”"),
        ("preset=last-90-days&bucket=hour", "hours are available for periods of up to 31 days"),
    ] {
        let page = get(&app, &format!("/dashboard?{query}"), Some(&session)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(page.body.contains(message) && !page.body.contains("--"), "{query}: {}", page.body);
    }
    // The download of the series is its bucket's rows.
    let csv = get(&app, "/dashboard/csv/daily?preset=yesterday&tz=UTC", Some(&session)).await;
    assert_eq!(csv.body.lines().count(), 1 + 24, "{}", csv.body);
    let csv = get(&app, "/dashboard/csv/daily?preset=last-7-days&tz=UTC&bucket=week", Some(&session)).await;
    assert!(csv.body.lines().count() <= 1 + 2, "{}", csv.body);
    // The API's daily stays daily unless asked.
    let api = get(&app, "/api/v1/daily?preset=yesterday&tz=UTC", Some(&session)).await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&api.body).unwrap().as_array().unwrap().len(), 1);
    let api = get(&app, "/api/v1/daily?preset=yesterday&tz=UTC&bucket=hour", Some(&session)).await;
    let hours: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(hours.as_array().unwrap().len(), 24);
    assert_eq!(hours[12]["date"], format!("{}T12:00", day(1)));
    assert_eq!(hours[12]["conversations"], 1, "alpha's conversation at noon UTC: {hours}");
}

/// The audit entries of `entity`, oldest first, as (actor, action, before, after).
async fn audit_of(f: &Fixture, entity: &str) -> Vec<(String, String, Option<Value>, Option<Value>)> {
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query_as("SELECT actor, action, before, after FROM audit_log WHERE entity = $1 ORDER BY id")
        .bind(entity)
        .fetch_all(&mut *tx)
        .await
        .unwrap()
}

/// Adds a viewer to alpha the way the CLI does (`geniai user create`), with the tests' password.
fn add_alpha_viewer(f: &Fixture, email: &str) {
    support::geniai(&f.db)
        .args([
            "user",
            "create",
            "--email",
            email,
            "--name",
            "Vera Viewer",
            "--tenant",
            "alpha",
            "--role",
            "viewer",
        ])
        .arg("--password-stdin")
        .write_stdin(format!("{}\n", super::web::PASSWORD))
        .assert()
        .success();
}

/// A tenant's page lists its own users only (role, last login, disabled), with a disable button
/// that asks first, its inboxes and its branding.
#[tokio::test]
async fn a_tenants_page_lists_its_users_inboxes_and_branding() {
    let f = seeded().await;
    let app = app_with_key(&f);
    add_alpha_viewer(&f, "vera@alpha.test");
    // Ana has logged in (below, once), Vera never has.
    login(&app, ALPHA_USER).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("INSERT INTO inbox_mappings (inbox_id, tenant_id) VALUES (41, $1), (42, $2)")
        .bind(f.alpha)
        .bind(f.beta)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    support::geniai(&f.db)
        .args(["tenant", "settings", "alpha", "--primary-color", "#123456", "--display-name", "Alpha Saúde"])
        .assert()
        .success();
    let admin = login(&app, ADMIN_USER).await;
    let page = get(&app, "/admin/tenants/alpha", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    let users = &body[body.find("id=\"users-table\"").expect("a users table")..];
    let users = &users[..users.find("</table>").unwrap()];
    assert!(users.contains(ALPHA_USER) && users.contains("vera@alpha.test"), "{users}");
    assert!(!users.contains(BETA_USER) && !users.contains(ADMIN_USER), "only alpha's users: {users}");
    let vera = &users[users.find("data-email=\"vera@alpha.test\"").unwrap()..];
    let vera = &vera[..vera.find("</tr>").unwrap()];
    assert!(vera.contains("viewer") && vera.contains("never") && vera.contains("active"), "{vera}");
    assert!(
        vera.contains("action=\"/admin/tenants/alpha/users/disable\"") && vera.contains("data-confirm="),
        "{vera}"
    );
    let ana = &users[users.find(&format!("data-email=\"{ALPHA_USER}\"")).unwrap()..];
    let ana = &ana[..ana.find("</tr>").unwrap()];
    assert!(ana.contains(" UTC") && !ana.contains("never"), "a last login: {ana}");
    let inboxes = &body[body.find("id=\"inboxes-table\"").expect("an inboxes table")..];
    let inboxes = &inboxes[..inboxes.find("</table>").unwrap()];
    assert!(inboxes.contains("data-inbox=\"41\"") && !inboxes.contains("data-inbox=\"42\""), "{inboxes}");
    let branding = &body[body.find("id=\"branding-settings\"").expect("the branding")..];
    assert!(branding.contains("#123456") && branding.contains("Alpha Saúde"), "{branding}");
    // The set-password form offers alpha's users and takes the password from a field.
    let form = form_posting_to(body, "/admin/tenants/alpha/users/password");
    assert!(form.contains("<option value=\"vera@alpha.test\"") && !form.contains(BETA_USER), "{form}");
    assert!(form.contains("type=\"password\" name=\"password\""), "{form}");
}

/// Disable, enable and set-password from a tenant's page: the CLI's functions, so a disabled
/// user cannot log in (and is logged out), a new password works at once, the rules are the
/// CLI's, each change is audited as the CLI audits it, with the web user as actor, and a user
/// of another tenant cannot be reached through this tenant's URL.
#[tokio::test]
async fn admins_disable_enable_and_set_passwords_of_a_tenants_users() {
    let f = seeded().await;
    let app = app_with_key(&f);
    add_alpha_viewer(&f, "vera@alpha.test");
    let vera = login(&app, "vera@alpha.test").await;
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin/tenants/alpha").await;
    let actor = format!("web:{ADMIN_USER}");

    // Disable: Vera's session ends and she cannot log in.
    let reply = post(
        &app,
        "/admin/tenants/alpha/users/disable",
        Some(&admin),
        &[("_csrf", &csrf), ("email", "Vera@Alpha.test")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), Some("/admin/tenants/alpha#users"));
    assert_eq!(get(&app, "/dashboard", Some(&vera)).await.location(), Some("/login"), "logged out");
    let refused = super::web::try_login(&app, "vera@alpha.test", super::web::PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let page = get(&app, "/admin/tenants/alpha", Some(&admin)).await;
    let row = &page.body[page.body.find("data-email=\"vera@alpha.test\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("disabled") && row.contains("/users/enable"), "{row}");

    // Enable: she logs in again.
    let reply = post(
        &app,
        "/admin/tenants/alpha/users/enable",
        Some(&admin),
        &[("_csrf", &csrf), ("email", "vera@alpha.test")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let vera = login(&app, "vera@alpha.test").await;

    // Set a password: the old one stops working, the new one works, her session ends.
    let new_password = "a brand new passphrase";
    let reply = post(
        &app,
        "/admin/tenants/alpha/users/password",
        Some(&admin),
        &[("_csrf", &csrf), ("email", "vera@alpha.test"), ("password", new_password)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(get(&app, "/dashboard", Some(&vera)).await.location(), Some("/login"), "logged out");
    let old = super::web::try_login(&app, "vera@alpha.test", super::web::PASSWORD).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = super::web::try_login(&app, "vera@alpha.test", new_password).await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "the new password logs in");

    // The CLI's rule: too short is refused, beside the password field, which is never sent back.
    let reply = post(
        &app,
        "/admin/tenants/alpha/users/password",
        Some(&admin),
        &[("_csrf", &csrf), ("email", "vera@alpha.test"), ("password", "short one")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    let form = form_posting_to(&reply.body, "/admin/tenants/alpha/users/password");
    let field = &form[form.find("name=\"password\"").unwrap()..];
    assert!(field.contains("aria-invalid=\"true\""), "{form}");
    assert!(
        field.contains("id=\"set-password-password-error\"") && field.contains("at least 12 characters"),
        "the message is beside the field: {form}"
    );
    assert!(form.contains("<option value=\"vera@alpha.test\" selected"), "the user stays chosen: {form}");
    assert!(!reply.body.contains("short one"), "the password is never sent back");
    assert!(reply.body.contains("id=\"overview\"") || reply.body.contains("data-kpi"), "the whole page");

    // Another tenant's user (or a platform admin) is unknown through alpha's page: 404, unchanged.
    for email in [BETA_USER, ADMIN_USER] {
        for (path, extra) in [
            ("/admin/tenants/alpha/users/disable", None),
            ("/admin/tenants/alpha/users/password", Some(new_password)),
        ] {
            let mut fields = vec![("_csrf", csrf.as_str()), ("email", email)];
            if let Some(password) = extra {
                fields.push(("password", password));
            }
            let reply = post(&app, path, Some(&admin), &fields).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path} {email}: {}", reply.body);
        }
    }
    login(&app, BETA_USER).await;

    // Audited as the CLI audits, by the web user; nothing about the others.
    let entries = audit_of(&f, "user:vera@alpha.test").await;
    let actions: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(actions, ["user.create", "user.disable", "user.enable", "user.passwd"], "{entries:?}");
    for (who, action, before, after) in &entries[1..] {
        assert_eq!(who, &actor, "{action}");
        let text = format!("{before:?} {after:?}");
        assert!(!text.contains(new_password) && !text.contains("argon2"), "{action}: {text}");
    }
    assert_eq!(entries[1].3.as_ref().unwrap()["is_active"], false);
    assert!(entries[3].3.as_ref().unwrap()["sessions_ended"].is_number(), "{entries:?}");
    assert!(audit_of(&f, &format!("user:{BETA_USER}")).await.is_empty());
}

/// The add-user form's refusals come back beside the field they are about.
#[tokio::test]
async fn add_user_errors_show_beside_their_field() {
    let f = fixture().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin/tenants/alpha").await;
    let cases = [
        (ALPHA_USER, "Ana Again", super::web::PASSWORD, "email", StatusCode::CONFLICT),
        ("not-an-email", "Nobody", super::web::PASSWORD, "email", StatusCode::BAD_REQUEST),
        ("new@alpha.test", "New", "too short", "password", StatusCode::BAD_REQUEST),
    ];
    for (email, name, password, field, status) in cases {
        let fields = [
            ("_csrf", csrf.as_str()),
            ("email", email),
            ("name", name),
            ("role", "viewer"),
            ("password", password),
        ];
        let reply = post(&app, "/admin/tenants/alpha/users", Some(&admin), &fields).await;
        assert_eq!(reply.status, status, "{email}: {}", reply.body);
        let form = form_posting_to(&reply.body, "/admin/tenants/alpha/users");
        let input = &form[form.find(&format!("name=\"{field}\"")).unwrap()..];
        assert!(input.contains("aria-invalid=\"true\""), "{email}: {form}");
        assert!(input.contains(&format!("id=\"add-user-{field}-error\"")), "{email}: {form}");
        assert!(!form.contains("class=\"error\""), "not at the top of the form: {form}");
        assert!(form.contains(&format!("value=\"{name}\"")), "{form}");
    }
}

/// A tenant's settings as the CLI prints them (`geniai tenant settings SLUG --format json`).
fn cli_settings(f: &Fixture, slug: &str) -> Value {
    let out = support::geniai(&f.db).args(["tenant", "settings", slug, "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A tenant as the CLI shows it (`geniai tenant show SLUG --format json`).
fn cli_tenant(f: &Fixture, slug: &str) -> Value {
    let out = support::geniai(&f.db).args(["tenant", "show", slug, "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The fields of the tenant page's settings form, as a browser submits them.
fn settings_form<'a>(csrf: &'a str, changes: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
    let mut fields = vec![
        ("_csrf", csrf),
        ("display_name", "Alpha Saúde"),
        ("primary_color", "#1f6feb"),
        ("secondary_color", ""),
        ("logo_url", "https://cdn.example.com/alpha.png"),
        ("locale", "pt-BR"),
        ("timezone", "America/Sao_Paulo"),
    ];
    for (name, value) in changes {
        fields.iter_mut().filter(|(n, _)| n == name).for_each(|f| f.1 = value);
    }
    fields
}

/// The tenant page's settings form changes the locale, the timezone and the branding through the
/// CLI's functions: the change lands where `geniai tenant show|settings` read it, is audited as
/// the CLI audits it with the web user as actor, and the tenant's users see it.
#[tokio::test]
async fn admins_change_a_tenants_locale_timezone_and_branding_from_its_page() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let page = get(&app, "/admin/tenants/alpha", Some(&admin)).await;
    let form = form_posting_to(&page.body, "/admin/tenants/alpha/branding");
    assert!(form.contains("<select name=\"timezone\""), "a list of zones: {form}");
    assert!(!form.contains("type=\"text\" name=\"timezone\""), "never free text: {form}");
    assert!(form.contains("<option value=\"America/Sao_Paulo\""), "{form}");
    assert!(form.contains("<option value=\"pt-BR\"") && form.contains("<option value=\"en\""), "{form}");
    let csrf = page.csrf();

    let reply = post(&app, "/admin/tenants/alpha/branding", Some(&admin), &settings_form(&csrf, &[])).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(reply.location(), Some("/admin/tenants/alpha#branding"));

    let settings = cli_settings(&f, "alpha");
    assert_eq!(settings["locale"], "pt-BR", "{settings}");
    assert_eq!(settings["display_name"], "Alpha Saúde");
    assert_eq!(settings["primary_color"], "#1F6FEB", "validated as the CLI validates");
    assert_eq!(settings["secondary_color"], Value::Null);
    assert_eq!(settings["logo_url"], "https://cdn.example.com/alpha.png");
    assert_eq!(cli_tenant(&f, "alpha")["timezone"], "America/Sao_Paulo");
    assert_eq!(cli_tenant(&f, "beta")["timezone"], "UTC", "only alpha changed");

    let actor = format!("web:{ADMIN_USER}");
    let entries = audit_of(&f, "tenant:alpha").await;
    let settings_entry = entries.iter().find(|e| e.1 == "tenant.settings").expect("audited settings");
    assert_eq!(settings_entry.0, actor);
    assert_eq!(settings_entry.3.as_ref().unwrap()["locale"], "pt-BR", "{entries:?}");
    let update = entries.iter().find(|e| e.1 == "tenant.update").expect("audited timezone");
    assert_eq!(update.0, actor);
    assert_eq!(update.2.as_ref().unwrap()["timezone"], "UTC");
    assert_eq!(update.3.as_ref().unwrap()["timezone"], "America/Sao_Paulo");

    // The page shows the new values, and alpha's users read Portuguese in São Paulo's time.
    let page = get(&app, "/admin/tenants/alpha", Some(&admin)).await;
    let form = form_posting_to(&page.body, "/admin/tenants/alpha/branding");
    assert!(form.contains("<option value=\"America/Sao_Paulo\" selected"), "{form}");
    assert!(form.contains("<option value=\"pt-BR\" selected"), "{form}");
    assert!(form.contains("value=\"#1F6FEB\"") && form.contains("value=\"Alpha Saúde\""), "{form}");
    let client = login(&app, ALPHA_USER).await;
    let dashboard = get(&app, "/dashboard", Some(&client)).await;
    assert!(dashboard.body.contains(r#"<html lang="pt-BR">"#) && dashboard.body.contains("Alpha Saúde"));
    assert!(dashboard.body.contains("<option value=\"America/Sao_Paulo\" selected"), "the tenant's zone");

    // Saving the same values again changes nothing, so the timezone is not audited twice.
    let again = post(&app, "/admin/tenants/alpha/branding", Some(&admin), &settings_form(&csrf, &[])).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    let updates = audit_of(&f, "tenant:alpha").await.iter().filter(|e| e.1 == "tenant.update").count();
    assert_eq!(updates, 1);
}

/// Each invalid value of the settings form is refused with 400, beside its field (marked
/// `aria-invalid`), in the admin's language, with what was typed kept; nothing changes.
#[tokio::test]
async fn invalid_tenant_settings_are_refused_beside_their_field_and_change_nothing() {
    let f = fixture().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin/tenants/alpha").await;
    let before = (cli_settings(&f, "alpha"), cli_tenant(&f, "alpha"));
    let long_name = "N".repeat(201);
    let cases = [
        ("primary_color", "blue", "#RRGGBB", "#RRGGBB"),
        ("secondary_color", "#12345G", "#RRGGBB", "#RRGGBB"),
        ("logo_url", "javascript:alert(1)", "http://", "http://"),
        ("display_name", long_name.as_str(), "longer than 200 characters", "mais de 200 caracteres"),
        ("timezone", "Mars/Olympus", "unknown timezone", "fuso horário desconhecido"),
        ("locale", "xx", "unknown language", "idioma desconhecido"),
    ];
    for (lang, portuguese) in [("en", false), ("pt-BR", true)] {
        let chosen =
            post(&app, "/preferences/locale", Some(&admin), &[("_csrf", &csrf), ("locale", lang)]).await;
        assert_eq!(chosen.status, StatusCode::SEE_OTHER);
        for (field, value, english, pt) in cases {
            let fields = settings_form(&csrf, &[(field, value)]);
            let reply = post(&app, "/admin/tenants/alpha/branding", Some(&admin), &fields).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{field}={value}: {}", reply.body);
            let form = form_posting_to(&reply.body, "/admin/tenants/alpha/branding");
            let input = &form[form.find(&format!("name=\"{field}\"")).unwrap()..];
            let input = &input[..input.find("</label>").unwrap()];
            assert!(input.contains("aria-invalid=\"true\""), "{field}: {form}");
            let id = format!("id=\"tenant-settings-{field}-error\"");
            assert!(input.contains(&id), "the message is beside {field}: {form}");
            let expected = if portuguese { pt } else { english };
            assert!(input.contains(expected), "{lang} {field}: {input}");
            assert_eq!(form.matches("aria-invalid=\"true\"").count(), 1, "one field at fault: {form}");
            assert!(!form.contains("--"), "no CLI flag: {form}");
            if field != "timezone" && field != "locale" {
                assert!(form.contains(&format!("value=\"{}\"", value.trim())), "kept: {form}");
            }
        }
    }
    assert_eq!((cli_settings(&f, "alpha"), cli_tenant(&f, "alpha")), before, "nothing changed");
    assert!(audit_of(&f, "tenant:alpha").await.is_empty(), "nothing audited");
}

/// Only platform admins reach the settings form: a tenant's viewer or admin gets 403 and
/// changes nothing, and the form needs the session's CSRF token.
#[tokio::test]
async fn only_platform_admins_change_a_tenants_settings() {
    let f = fixture().await;
    let app = app_with_key(&f);
    add_alpha_viewer(&f, "vera@alpha.test");
    let before = (cli_settings(&f, "alpha"), cli_tenant(&f, "alpha"));
    for email in ["vera@alpha.test", ALPHA_USER] {
        let session = login(&app, email).await;
        let csrf = csrf_of(&app, &session, "/dashboard").await;
        let reply =
            post(&app, "/admin/tenants/alpha/branding", Some(&session), &settings_form(&csrf, &[])).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{email}: {}", reply.body);
        let page = get(&app, "/dashboard", Some(&session)).await;
        assert!(!page.body.contains("/admin/tenants/alpha/branding\""), "no form offered to {email}");
    }
    let admin = login(&app, ADMIN_USER).await;
    let mut fields = settings_form("", &[]);
    fields.retain(|(name, _)| *name != "_csrf");
    let reply = post(&app, "/admin/tenants/alpha/branding", Some(&admin), &fields).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "without the CSRF token");
    assert_eq!((cli_settings(&f, "alpha"), cli_tenant(&f, "alpha")), before, "nothing changed");
    assert!(audit_of(&f, "tenant:alpha").await.is_empty());
}

/// Regression: the domain's sentences (the password policy, a duplicate email, an invalid slug)
/// showed in English inside Portuguese pages. Each reads in the page's language, never names a
/// CLI flag, and an invalid period does too.
#[tokio::test]
async fn domain_errors_read_in_the_pages_language() {
    let f = fixture().await;
    let app = app_with_key(&f);
    let admin = login(&app, ADMIN_USER).await;
    let csrf = csrf_of(&app, &admin, "/admin/tenants/alpha").await;
    let password =
        |p: &'static str| vec![("_csrf", csrf.clone()), ("email", ALPHA_USER.into()), ("password", p.into())];
    let new_user = |email: &'static str, pw: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("email", email.to_string()),
            ("name", "Someone".to_string()),
            ("role", "viewer".to_string()),
            ("password", pw.to_string()),
        ]
    };
    let new_tenant = |slug: &'static str| {
        vec![
            ("_csrf", csrf.clone()),
            ("slug", slug.to_string()),
            ("name", "Gamma".to_string()),
            ("plan", "basic".to_string()),
            ("timezone", "UTC".to_string()),
        ]
    };
    // (what, path, form, status, English, Portuguese)
    type Case =
        (&'static str, &'static str, Vec<(&'static str, String)>, StatusCode, &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "password policy",
            "/admin/tenants/alpha/users/password",
            password("too short"),
            StatusCode::BAD_REQUEST,
            "at least 12 characters",
            "pelo menos 12 caracteres",
        ),
        (
            "password policy on a new user",
            "/admin/tenants/alpha/users",
            new_user("new@alpha.test", "short"),
            StatusCode::BAD_REQUEST,
            "at least 12 characters",
            "pelo menos 12 caracteres",
        ),
        (
            "duplicate email",
            "/admin/tenants/beta/users",
            new_user(ALPHA_USER, super::web::PASSWORD),
            StatusCode::CONFLICT,
            "already exists",
            "já existe um usuário com o e-mail",
        ),
        (
            "invalid email",
            "/admin/tenants/alpha/users",
            new_user("not-an-email", super::web::PASSWORD),
            StatusCode::BAD_REQUEST,
            "invalid email address",
            "e-mail inválido",
        ),
        (
            "duplicate slug",
            "/admin/tenants/new",
            new_tenant("beta"),
            StatusCode::CONFLICT,
            "already exists",
            "já existe um cliente",
        ),
        (
            "invalid slug",
            "/admin/tenants/new",
            new_tenant("Not A Slug"),
            StatusCode::BAD_REQUEST,
            "invalid slug",
            "identificador inválido",
        ),
    ];
    let periods = [
        ("/admin/tenants/alpha?from=2026-02-02&to=2026-01-01", "must be before", "o início do período"),
        ("/admin?from=yesterday", "is not a date", "não é uma data"),
        ("/admin/tenants/alpha/csv/inboxes?tz=Mars/Olympus", "unknown timezone", "fuso horário desconhecido"),
    ];
    for (lang, portuguese) in [("en", false), ("pt-BR", true)] {
        let chosen =
            post(&app, "/preferences/locale", Some(&admin), &[("_csrf", &csrf), ("locale", lang)]).await;
        assert_eq!(chosen.status, StatusCode::SEE_OTHER);
        for (what, path, form, status, english, pt) in &cases {
            let reply = post(&app, path, Some(&admin), &pairs(form)).await;
            assert_eq!(reply.status, *status, "{lang} {what}: {}", reply.body);
            let (expected, other) = if portuguese { (pt, english) } else { (english, pt) };
            assert!(reply.body.contains(expected), "{lang} {what}: {}", reply.body);
            assert!(!reply.body.contains(other), "{lang} {what} in the other language: {}", reply.body);
            let form = form_posting_to(&reply.body, path);
            assert!(form.contains(expected) && !form.contains("--"), "{lang} {what}: {form}");
        }
        for (path, english, pt) in periods {
            let reply = get(&app, path, Some(&admin)).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{lang} {path}: {}", reply.body);
            let (expected, other) = if portuguese { (pt, english) } else { (english, pt) };
            assert!(
                reply.body.contains(expected) && !reply.body.contains(other),
                "{lang} {path}: {}",
                reply.body
            );
            assert!(!reply.body.contains("--"), "{lang} {path}: {}", reply.body);
        }
    }
    // The API speaks English, and of its parameters rather than the CLI's flags either.
    let api = get(&app, "/api/v1/overview?from=2026-02-02&to=2026-01-01", Some(&admin)).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST, "{}", api.body);
    assert!(api.body.contains("must be before") && !api.body.contains("--"), "{}", api.body);
}

/// The period form without script: its submission is redirected to the address it stands for.
/// Only the zone changed: the preset's link in that zone; dates typed in the page's language
/// (dd/mm/aaaa in Portuguese, ISO in English or any language): the ISO `from`/`until`; a date
/// that does not exist: a 400 in the page's words. Both the client's and the admin's forms.
#[tokio::test]
async fn the_period_form_keeps_its_preset_across_zones_and_redirects_to_iso_dates() {
    let f = seeded().await;
    let app = app_with_key(&f);
    let session = login(&app, ALPHA_USER).await;
    let page = get(&app, "/dashboard?preset=last-7-days&tz=UTC", Some(&session)).await;
    let day = |n: u64| chrono::Utc::now().date_naive() - chrono::Days::new(n);
    let shown = format!("{}/{}", day(7), day(1));
    assert!(page.body.contains(&format!(r#"name="shown" value="{shown}""#)), "{}", page.body);
    assert!(page.body.contains(r#"<input type="hidden" name="preset" value="last-7-days">"#));
    assert!(page.body.contains(&format!(r#"type="text" name="from" value="{}""#, day(7))));

    set_tenant_locale(&f, "alpha", "pt-BR");
    let br = |n: u64| url_escape(&day(n).format("%d/%m/%Y").to_string());
    for (query, location) in [
        (
            format!("from={}&until={}&tz=Asia%2FTokyo&preset=last-7-days&shown={shown}", br(7), br(1)),
            "/dashboard?preset=last-7-days&tz=Asia%2FTokyo".to_string(),
        ),
        (
            format!("from={}&until={}&tz=UTC&preset=last-7-days&shown={shown}", br(9), br(1)),
            format!("/dashboard?from={}&until={}&tz=UTC", day(9), day(1)),
        ),
        (
            format!("from={}&until={}&tz=UTC&shown={shown}&business_hours=true", day(5), br(2)),
            format!("/dashboard?from={}&until={}&tz=UTC&business_hours=true", day(5), day(2)),
        ),
    ] {
        let sent = get(&app, &format!("/dashboard?{query}"), Some(&session)).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{query}: {}", sent.body);
        assert_eq!(sent.headers[header::LOCATION], location.as_str(), "{query}");
        let shown = get(&app, &location, Some(&session)).await;
        assert_eq!(shown.status, StatusCode::OK, "{location}");
    }
    let refused = get(&app, &format!("/dashboard?from=31%2F02%2F2026&shown={shown}"), Some(&session)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("“31/02/2026” não é uma data"), "{}", refused.body);

    let admin = login(&app, ADMIN_USER).await;
    let sent =
        get(&app, &format!("/admin?from={}&until={}&tz=UTC&shown={shown}", day(9), day(1)), Some(&admin))
            .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        sent.headers[header::LOCATION],
        format!("/admin?from={}&until={}&tz=UTC", day(9), day(1)).as_str()
    );
}
