//! Reports over hand-built analytics facts: each KPI by its definition, day boundaries across
//! DST, and isolation between tenants whose rows share ids and interleave in time.

use geniai::db::{self, TenantId};
use serde_json::Value;

use super::support::{self, TestDb};

/// Creates a tenant with lead label `lead` and conversion label `sale`.
async fn tenant(db: &TestDb, slug: &str, timezone: &str) -> TenantId {
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let id: i32 =
        sqlx::query_scalar("INSERT INTO tenants (slug, name, timezone) VALUES ($1, $1, $2) RETURNING id")
            .bind(slug)
            .bind(timezone)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    sqlx::query("INSERT INTO tenant_settings (tenant_id, lead_labels, conversion_labels) VALUES ($1, '{lead}', '{sale}')")
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    TenantId(id)
}

/// The March 2026 fixture, written under `tenant` through its own tenant transaction. Expected
/// values are worked out by hand in `march_kpis_follow_the_definitions`.
async fn march_fixture(db: &TestDb, tenant: TenantId) {
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    let t = tenant.0;
    let statements = [
        "INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type) VALUES
            ($1, 10, 1, 'Site chat', 'Channel::WebWidget'), ($1, 11, 1, 'WhatsApp', 'Channel::Whatsapp')",
        "INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, 100, 'Ana'), ($1, 101, 'Bruno')",
        "INSERT INTO teams (tenant_id, team_id, name) VALUES ($1, 5, 'Sales')",
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, assignee_id, team_id,
                                    channel_type, labels, created_at, first_reply_created_at, waiting_since, source_updated_at) VALUES
            ($1, 1, 1, 10, 1, 1, 100, 5, 'Channel::WebWidget', '{lead}', '2026-03-02 10:00Z', '2026-03-02 10:05Z', NULL, now()),
            ($1, 2, 1, 10, 2, 0, NULL, NULL, 'Channel::WebWidget', '{lead,sale}', '2026-03-03 12:00Z', NULL, NULL, now()),
            ($1, 3, 1, 11, 3, 0, 101, NULL, 'Channel::Whatsapp', '{}', '2026-03-05 09:00Z', '2026-03-05 09:15Z', NULL, now()),
            ($1, 4, 1, 11, 4, 2, 101, NULL, 'Channel::Whatsapp', '{sale}', '2026-02-20 09:00Z', '2026-02-20 09:10Z', NULL, now())",
        "INSERT INTO messages (tenant_id, message_id, conversation_id, inbox_id, message_type, private, content_type, sender_type, created_at) VALUES
            ($1, 1, 1, 10, 0, false, 0, 'Contact', '2026-03-02 10:00Z'),
            ($1, 2, 1, 10, 1, false, 0, 'User', '2026-03-02 10:05Z'),
            ($1, 3, 1, 10, 1, true, 0, 'User', '2026-03-02 10:06Z'),
            ($1, 4, 1, 10, 2, false, 0, NULL, '2026-03-02 11:00Z'),
            ($1, 5, 1, 10, 3, false, 0, 'User', '2026-03-02 11:00Z'),
            ($1, 6, 1, 10, 1, false, 9, NULL, '2026-03-02 11:00Z'),
            ($1, 7, 2, 10, 0, false, 0, 'Contact', '2026-03-03 12:00Z'),
            ($1, 8, 4, 11, 0, false, 0, 'Contact', '2026-02-20 09:00Z'),
            ($1, 9, 3, 11, 1, false, 9, NULL, '2026-03-05 10:00Z')",
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id, conversation_id, created_at) VALUES
            ($1, 1, 'first_response', 300, 100, 10, 100, 1, '2026-03-02 10:05Z'),
            ($1, 2, 'first_response', 900, 0, 11, 101, 3, '2026-03-05 09:15Z'),
            ($1, 3, 'conversation_resolved', 3600, 1800, 10, 100, 1, '2026-03-02 11:00Z'),
            ($1, 4, 'conversation_resolved', 7200, 3600, 10, 100, 1, '2026-03-04 12:00Z'),
            ($1, 5, 'reply_time', 120, 60, 10, 100, 1, '2026-03-02 10:30Z'),
            ($1, 6, 'conversation_bot_resolved', NULL, NULL, 11, NULL, 3, '2026-03-05 09:05Z'),
            ($1, 7, 'conversation_bot_handoff', NULL, NULL, 10, NULL, 2, '2026-03-03 12:01Z'),
            ($1, 8, 'conversation_bot_handoff', NULL, NULL, 10, NULL, 2, '2026-03-03 12:02Z'),
            ($1, 9, 'first_response', 50000, 50000, 11, 101, 4, '2026-02-20 09:10Z')",
        "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, assigned_agent_id, created_at, updated_at) VALUES
            ($1, 1, 1, 6, 5, 100, '2026-03-02 11:30Z', '2026-03-02 11:30Z'),
            ($1, 2, 3, 9, 3, 101, '2026-03-06 10:00Z', '2026-03-06 10:00Z')",
    ];
    for sql in statements {
        sqlx::query(sql).bind(t).execute(&mut *tx).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    tx.commit().await.unwrap();
}

/// Extra rows for a second tenant, with the same ids and interleaved times, so that any leak
/// into the first tenant's numbers changes them.
async fn noisy_neighbour(db: &TestDb, tenant: TenantId) {
    march_fixture(db, tenant).await;
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    sqlx::query(
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, labels, created_at, source_updated_at)
         VALUES ($1, 50, 2, 12, 50, 0, '{sale}', '2026-03-02 10:30Z', now())",
    )
    .bind(tenant.0)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn report(db: &TestDb, args: &[&str]) -> Value {
    let out = support::geniai(db).arg("report").args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("report prints JSON")
}

#[tokio::test]
async fn march_kpis_follow_the_definitions() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    let b = tenant(&db, "globex", "UTC").await;
    march_fixture(&db, a).await;
    noisy_neighbour(&db, b).await;

    let kpis = report(&db, &["kpis", "--tenant", "acme", "--from", "2026-03-01", "--to", "2026-04-01"]);
    let expected = serde_json::json!({
        "tenant": "acme", "timezone": "UTC",
        "from": "2026-03-01T00:00:00+00:00", "to": "2026-04-01T00:00:00+00:00",
        "conversations": 3, "incoming_messages": 2, "outgoing_messages": 4,
        "resolutions": 2, "resolved_conversations": 1,
        "avg_first_response_seconds": 600.0, "median_first_response_seconds": 600.0,
        "p90_first_response_seconds": 840.0, "avg_resolution_seconds": 5400.0, "avg_reply_seconds": 120.0,
        "bot_resolutions": 1, "bot_handoffs": 1,
        "csat_responses": 2, "csat_average": 4.0, "csat_satisfaction": 0.5, "csat_response_rate": 1.0,
        "leads": 2, "conversions": 1, "conversion_rate": 0.5,
        "open": 2, "unattended": 1, "unassigned": 1,
    });
    for (field, value) in expected.as_object().unwrap() {
        assert_eq!(&kpis[field], value, "field {field}");
    }

    // Business hours swap in value_in_business_hours.
    let bh = report(
        &db,
        &["kpis", "--tenant", "acme", "--from", "2026-03-01", "--to", "2026-04-01", "--business-hours"],
    );
    assert_eq!(bh["avg_first_response_seconds"], 50.0);
    assert_eq!(bh["avg_resolution_seconds"], 2700.0);

    // A period with no data: counts are 0 and averages null, never 0.
    let empty = report(&db, &["kpis", "--tenant", "acme", "--from", "2025-01-01", "--to", "2025-02-01"]);
    assert_eq!(empty["conversations"], 0);
    for field in ["avg_first_response_seconds", "csat_average", "csat_response_rate", "conversion_rate"] {
        assert!(empty[field].is_null(), "{field} should be null over no data");
    }
    // Live counts are the current state, whatever the period.
    assert_eq!(empty["open"], 2);
}

#[tokio::test]
async fn kpis_carry_exactly_the_documented_fields() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    march_fixture(&db, a).await;
    let kpis = report(&db, &["kpis", "--tenant", "acme"]);
    let fields = [
        "tenant",
        "from",
        "to",
        "timezone",
        "conversations",
        "incoming_messages",
        "outgoing_messages",
        "resolutions",
        "resolved_conversations",
        "avg_first_response_seconds",
        "median_first_response_seconds",
        "p90_first_response_seconds",
        "avg_resolution_seconds",
        "avg_reply_seconds",
        "bot_resolutions",
        "bot_handoffs",
        "csat_responses",
        "csat_average",
        "csat_satisfaction",
        "csat_response_rate",
        "leads",
        "conversions",
        "conversion_rate",
        "open",
        "unattended",
        "unassigned",
    ];
    for field in fields {
        assert!(kpis.get(field).is_some(), "missing field {field}");
    }
}

#[tokio::test]
async fn day_buckets_follow_the_timezone_across_dst() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "nyc", "America/New_York").await;
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    // 2026-03-08 is the spring-forward day in New York (a 23-hour day).
    for (id, at) in [
        (1, "2026-03-08 04:30Z"),
        (2, "2026-03-08 05:30Z"),
        (3, "2026-03-09 03:30Z"),
        (4, "2026-03-09 04:30Z"),
    ] {
        sqlx::query(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, created_at, source_updated_at)
             VALUES ($1, $2, 1, 1, $2, 1, $3::timestamptz, now())",
        )
        .bind(a.0)
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let days = |tz: &str| {
        let rows = report(
            &db,
            &["daily", "--tenant", "nyc", "--from", "2026-03-07", "--to", "2026-03-10", "--tz", tz],
        );
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| (r["date"].as_str().unwrap().to_string(), r["conversations"].as_i64().unwrap()))
            .collect::<Vec<_>>()
    };
    let expected_ny: Vec<(String, i64)> =
        vec![("2026-03-07".into(), 1), ("2026-03-08".into(), 2), ("2026-03-09".into(), 1)];
    assert_eq!(days("America/New_York"), expected_ny);
    let expected_utc: Vec<(String, i64)> =
        vec![("2026-03-07".into(), 0), ("2026-03-08".into(), 2), ("2026-03-09".into(), 2)];
    assert_eq!(days("UTC"), expected_utc);

    // The same day boundaries hold for kpis: the 23-hour day holds exactly two conversations.
    let kpis = report(&db, &["kpis", "--tenant", "nyc", "--from", "2026-03-08", "--to", "2026-03-09"]);
    assert_eq!(kpis["conversations"], 2);
    assert_eq!(kpis["from"], "2026-03-08T00:00:00-05:00");
    assert_eq!(kpis["to"], "2026-03-09T00:00:00-04:00");
}

#[tokio::test]
async fn dimension_reports_have_names_and_stay_within_the_tenant() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    let b = tenant(&db, "globex", "UTC").await;
    march_fixture(&db, a).await;
    noisy_neighbour(&db, b).await;
    let period = ["--tenant", "acme", "--from", "2026-03-01", "--to", "2026-04-01"];

    let inboxes = report(&db, &[&["inboxes"], &period[..]].concat());
    let inboxes = inboxes.as_array().unwrap();
    assert_eq!(inboxes.len(), 2, "{inboxes:?}");
    assert_eq!(inboxes[0]["inbox_id"], 10);
    assert_eq!(inboxes[0]["name"], "Site chat");
    assert_eq!(inboxes[0]["conversations"], 2);
    assert_eq!(inboxes[1]["conversations"], 1);

    let agents = report(&db, &[&["agents"], &period[..]].concat());
    let ana = agents.as_array().unwrap().iter().find(|r| r["agent_id"] == 100).unwrap();
    assert_eq!(ana["name"], "Ana");
    assert_eq!(ana["resolutions"], 2);
    assert_eq!(ana["csat_average"], 5.0);

    let labels = report(&db, &[&["labels"], &period[..]].concat());
    let count_of = |label: &str| {
        labels
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .map(|r| r["conversations"].as_i64().unwrap())
    };
    assert_eq!(count_of("lead"), Some(2));
    assert_eq!(count_of("sale"), Some(1), "globex's `sale` conversation must not count");

    let channels = report(&db, &[&["channels"], &period[..]].concat());
    assert_eq!(channels.as_array().unwrap().len(), 2);

    let frt = report(&db, &[&["frt-distribution"], &period[..]].concat());
    let counts: Vec<i64> =
        frt.as_array().unwrap().iter().map(|r| r["first_responses"].as_i64().unwrap()).collect();
    assert_eq!(counts, vec![2, 0, 0, 0, 0]);
}

#[tokio::test]
async fn the_conversation_export_streams_every_conversation_of_the_period() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    let b = tenant(&db, "globex", "UTC").await;
    march_fixture(&db, a).await;
    noisy_neighbour(&db, b).await;
    let out = support::geniai(&db)
        .args([
            "report",
            "conversations",
            "--tenant",
            "acme",
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-01",
            "--format",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("first_response_seconds")], "300");
    assert_eq!(&rows[0][col("resolution_seconds")], "7200", "the latest resolution counts");
    assert_eq!(&rows[0][col("csat_rating")], "5");
    assert_eq!(&rows[1][col("labels")], "lead;sale");
    assert_eq!(&rows[0][col("agent_name")], "Ana");
}

#[tokio::test]
async fn the_overview_has_a_row_per_tenant_and_totals() {
    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    let b = tenant(&db, "globex", "UTC").await;
    march_fixture(&db, a).await;
    noisy_neighbour(&db, b).await;
    let rows = report(&db, &["overview", "--from", "2026-03-01", "--to", "2026-04-01"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["tenant"], "acme");
    assert_eq!(rows[0]["conversations"], 3);
    assert_eq!(rows[1]["tenant"], "globex");
    assert_eq!(rows[1]["conversations"], 4);
    assert_eq!(rows[2]["tenant"], "TOTAL");
    assert_eq!(rows[2]["conversations"], 7);
    assert_eq!(rows[2]["leads"], 5, "a conversion counts as a lead");
    assert_eq!(rows[2]["conversions"], 3);
    assert_eq!(rows[2]["avg_first_response_seconds"], 600.0);
}

#[tokio::test]
async fn bad_report_input_exits_2_with_one_line() {
    let db = support::migrated_db().await;
    tenant(&db, "acme", "UTC").await;
    let cases: &[&[&str]] = &[
        &["report", "kpis", "--tenant", "nobody"],
        &["report", "kpis", "--tenant", "acme", "--from", "2026-02-01", "--to", "2026-01-01"],
        &["report", "kpis", "--tenant", "acme", "--tz", "Mars/Olympus"],
        &["report", "sideways", "--tenant", "acme"],
        &["report", "kpis"],
        &["report", "kpis", "--tenant", "acme", "--from", "last tuesday"],
    ];
    for args in cases {
        let out = support::geniai(&db).args(*args).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.trim().is_empty(), "{args:?} printed no reason");
    }
}

#[tokio::test]
async fn reports_stay_within_the_tenant_even_without_any_tenant_filter_in_the_query() {
    use chrono::{TimeZone, Utc};
    use geniai::reports::{self, Bucket, Grouping, Period, ReportOptions, TenantFilter, aggregate};

    let db = support::migrated_db().await;
    let a = tenant(&db, "acme", "UTC").await;
    let b = tenant(&db, "globex", "UTC").await;
    march_fixture(&db, a).await;
    noisy_neighbour(&db, b).await;
    let period = Period {
        from: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        to: Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap(),
        tz: chrono_tz::UTC,
    };
    let options = ReportOptions { period, business_hours: false };
    let groupings = [
        Grouping::Total,
        Grouping::Bucket(Bucket::Day),
        Grouping::Inbox,
        Grouping::Agent,
        Grouping::Team,
        Grouping::Label,
        Grouping::Channel,
    ];
    for grouping in groupings {
        // With the code's own tenant filter removed, RLS alone gives the same rows as with it.
        let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
        let labels = reports::tenant_labels(&mut tx).await.unwrap();
        let rls_only =
            aggregate::aggregate(&mut tx, &options, &labels, grouping, TenantFilter::RlsOnly).await.unwrap();
        let explicit = aggregate::aggregate(&mut tx, &options, &labels, grouping, TenantFilter::Explicit(a))
            .await
            .unwrap();
        assert_eq!(rls_only, explicit, "{grouping:?}");
        let conversations: i64 = rls_only.iter().map(|r| r.conversations).sum();
        let expected = if grouping == Grouping::Label { 4 } else { 3 };
        assert_eq!(conversations, expected, "{grouping:?} counted another tenant's conversations");
    }
    // And the platform path, which sees every tenant, sees globex's extra conversation too: the
    // data to leak is there, and the tenant transaction does not see it.
    let mut all = db::platform_tx(&db.pool).await.unwrap();
    let labels = reports::TenantLabels::default();
    let everything =
        aggregate::aggregate(&mut all, &options, &labels, Grouping::Total, TenantFilter::RlsOnly)
            .await
            .unwrap();
    assert_eq!(everything[0].conversations, 7);
}
