//! The generator of Chatwoot data (`geniai dev seed-source`): deterministic, in the past, and
//! shaped like what Chatwoot writes.

use chrono::NaiveDate;
use geniai::source::seed::{self, SeedOptions};
use sqlx::PgPool;

use super::support;

/// md5 of each generated table, in a fixed row order.
async fn fingerprint(pool: &PgPool) -> Vec<String> {
    let mut out = Vec::new();
    for (table, order) in [
        ("conversations", "id"),
        ("messages", "id"),
        ("reporting_events", "id"),
        ("csat_survey_responses", "id"),
        ("taggings", "taggable_id, tag_id"),
        ("contacts", "id"),
    ] {
        let sql = format!("SELECT md5(string_agg(t::text, '|' ORDER BY {order})) FROM {table} t");
        let hash: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap();
        out.push(format!("{table} {hash}"));
    }
    out
}

fn options(seed: u64) -> SeedOptions {
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
    SeedOptions { conversations: 2_000, seed, anchor }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_rows_and_another_seed_other_rows() {
    let (a, b, c) = (support::fresh_db().await, support::fresh_db().await, support::fresh_db().await);
    let summary = seed::seed(&a.url, &options(5)).await.unwrap();
    seed::seed(&b.url, &options(5)).await.unwrap();
    seed::seed(&c.url, &options(6)).await.unwrap();
    assert_eq!(summary.conversations, 2_000);
    assert!(summary.messages > 10 * 2_000 / 2, "{summary:?}");
    assert_eq!(fingerprint(&a.pool).await, fingerprint(&b.pool).await);
    let (one, other) = (fingerprint(&a.pool).await, fingerprint(&c.pool).await);
    // Contacts are the same whatever the seed; everything drawn from it differs.
    let drawn = |x: &&String| !x.starts_with("contacts");
    assert!(
        one.iter().filter(drawn).zip(other.iter().filter(drawn)).all(|(x, y)| x != y),
        "{one:?} vs {other:?}"
    );
    // A second seeding of a filled database is refused.
    let err = seed::seed(&a.url, &options(5)).await.unwrap_err();
    assert!(err.to_string().contains("already holds Chatwoot data"), "{err:#}");
}

#[tokio::test]
async fn every_row_is_in_the_past_and_shaped_like_chatwoot_writes_it() {
    let db = support::fresh_db().await;
    let opts = options(9);
    seed::seed(&db.url, &opts).await.unwrap();
    let anchor = opts.anchor;
    let newest: (chrono::NaiveDateTime, chrono::NaiveDateTime, chrono::NaiveDateTime, chrono::NaiveDateTime) =
        sqlx::query_as(
            "SELECT (SELECT max(greatest(created_at, updated_at, last_activity_at)) FROM conversations),
                    (SELECT max(created_at) FROM messages), (SELECT max(created_at) FROM reporting_events),
                    (SELECT max(updated_at) FROM csat_survey_responses)",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
    for (what, ts) in
        [("conversation", newest.0), ("message", newest.1), ("event", newest.2), ("CSAT response", newest.3)]
    {
        assert!(ts <= anchor, "a {what} at {ts}, after the anchor {anchor}");
        assert!(ts > anchor - chrono::Duration::days(2), "the newest {what} ({ts}) is recent");
    }

    // Every status, every message kind, every event name the reports read.
    let statuses: Vec<i32> = sqlx::query_scalar("SELECT DISTINCT status FROM conversations ORDER BY 1")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(statuses, [0, 1, 2, 3]);
    let kinds: Vec<(i32, bool, i32)> =
        sqlx::query_as("SELECT DISTINCT message_type, private, content_type FROM messages ORDER BY 1, 2, 3")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    for kind in [(0, false, 0), (1, false, 0), (1, true, 0), (2, false, 0), (3, false, 9)] {
        assert!(kinds.contains(&kind), "no message of kind {kind:?} in {kinds:?}");
    }
    let names: Vec<String> = sqlx::query_scalar("SELECT DISTINCT name FROM reporting_events ORDER BY 1")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        names,
        [
            "conversation_bot_handoff",
            "conversation_bot_resolved",
            "conversation_opened",
            "conversation_resolved",
            "first_response",
            "reply_time"
        ]
    );
    // Each conversation opens with the contact's message, and its first response event measures
    // the first public reply of an agent.
    let (opened_by_contact, frt_mismatches): (bool, i64) = sqlx::query_as(
        "SELECT bool_and(m.message_type = 0),
                (SELECT count(*) FROM reporting_events e
                   JOIN LATERAL (SELECT min(created_at) AS at FROM messages r
                                  WHERE r.conversation_id = e.conversation_id AND r.message_type = 1
                                    AND NOT r.private AND r.sender_type = 'User') f ON true
                  WHERE e.name = 'first_response' AND f.at IS DISTINCT FROM e.created_at)
           FROM conversations c
           JOIN LATERAL (SELECT message_type FROM messages WHERE conversation_id = c.id ORDER BY created_at, id LIMIT 1) m
             ON true",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(opened_by_contact);
    assert_eq!(frt_mismatches, 0);
}

/// Share of each bucket of `report frt-distribution` (standard or `--fine`) over everything the
/// generated source holds, and the number of first responses.
fn frt_shares(target: &support::TestDb, fine: bool) -> (Vec<(String, f64)>, i64) {
    let from = (chrono::Utc::now() - chrono::Duration::days(130)).format("%Y-%m-%d").to_string();
    let to = (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%d").to_string();
    let mut cmd = support::geniai(target);
    cmd.args([
        "report",
        "frt-distribution",
        "--tenant",
        "spread",
        "--from",
        &from,
        "--to",
        &to,
        "--tz",
        "UTC",
    ]);
    if fine {
        cmd.arg("--fine");
    }
    let out = cmd.args(["--format", "json"]).assert().success();
    let rows: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let total: i64 = rows.iter().map(|r| r["first_responses"].as_i64().unwrap()).sum();
    let shares = rows
        .iter()
        .map(|r| {
            let share = r["first_responses"].as_i64().unwrap() as f64 / total.max(1) as f64;
            (r["bucket"].as_str().unwrap().to_string(), share)
        })
        .collect();
    (shares, total)
}

#[tokio::test]
async fn first_responses_spread_over_the_frt_buckets_like_a_real_chatwoot() {
    let source = support::seeded_source(3_000).await;
    let target = support::migrated_db().await;
    let inboxes = seed::ACCOUNTS as i32 * seed::INBOXES_PER_ACCOUNT as i32;
    support::create_tenant(&target, &source, "spread", 1..=inboxes);
    support::etl(&target, &source).args(["--tenant", "spread"]).assert().success();
    let in_source: i64 =
        sqlx::query_scalar("SELECT count(*) FROM reporting_events WHERE name = 'first_response'")
            .fetch_one(&source.pool)
            .await
            .unwrap();

    // The contract's buckets: several hold responses, none holds nearly all of them.
    let (standard, total) = frt_shares(&target, false);
    assert_eq!(total, in_source, "the period covers every first response");
    let filled = standard.iter().filter(|(_, share)| *share > 0.0).count();
    assert!(filled >= 3, "{standard:?}");
    assert!(standard.iter().all(|(_, share)| *share <= 0.70), "{standard:?}");
    // Many within minutes, a few after a day.
    let (fine, _) = frt_shares(&target, true);
    let share = |label: &str| fine.iter().find(|(b, _)| b == label).map(|(_, s)| *s).unwrap();
    assert!(share("0-5m") + share("5-15m") >= 0.25, "{fine:?}");
    assert!(share("24h+") > 0.0 && share("24h+") < 0.15, "{fine:?}");
    assert!(fine.iter().filter(|(_, s)| *s > 0.0).count() >= 7, "{fine:?}");
}

#[tokio::test]
async fn inboxes_with_working_hours_answer_what_came_in_while_closed_after_they_open() {
    let db = support::fresh_db().await;
    let opts = options(5);
    seed::seed(&db.url, &opts).await.unwrap();
    // First responses of conversations that reached a human while their inbox was closed (working
    // hours Monday to Friday 9 to 18 in the inbox's zone), older than the newest four days (a wait
    // from Friday evening to Monday plus the rest of the conversation), whose waits are never cut
    // short: when the reply came, in the inbox's zone, and what the business-hours value left out.
    let rows: Vec<(i32, f64, f64, f64)> = sqlx::query_as(
        "SELECT extract(isodow FROM timezone(i.timezone, timezone('UTC', e.created_at)))::int,
                extract(epoch FROM timezone(i.timezone, timezone('UTC', e.created_at))::time)::float8,
                e.value::float8, e.value_in_business_hours::float8
           FROM reporting_events e JOIN inboxes i ON i.id = e.inbox_id
          WHERE e.name = 'first_response'
            AND EXISTS (SELECT 1 FROM working_hours w WHERE w.inbox_id = i.id)
            AND e.event_start_time < $1::timestamp - interval '4 days'
            AND NOT (extract(isodow FROM timezone(i.timezone, timezone('UTC', e.event_start_time))) <= 5
                     AND timezone(i.timezone, timezone('UTC', e.event_start_time))::time >= '09:00'
                     AND timezone(i.timezone, timezone('UTC', e.event_start_time))::time < '18:00')",
    )
    .bind(opts.anchor)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(rows.len() > 50, "{} off-hours first responses", rows.len());
    for (dow, seconds, value, business) in &rows {
        assert!(*dow <= 5, "answered on a weekend: {rows:?}");
        assert!((9.0 * 3600.0..9.5 * 3600.0 + 1.0).contains(seconds), "answered at {seconds} s: {value}");
        assert!(*business <= 1800.0 && business < value, "business-hours FRT {business} of {value}");
    }
}

#[tokio::test]
async fn traffic_follows_the_working_day_and_week_and_ids_follow_time() {
    let db = support::fresh_db().await;
    seed::seed(&db.url, &options(7)).await.unwrap();
    // Hours and weekdays in São Paulo (UTC-3 all year), the zone the traffic follows.
    let by_hour: Vec<i64> = sqlx::query_scalar(
        "SELECT count(c.id) FROM generate_series(0, 23) h
           LEFT JOIN conversations c ON extract(hour FROM c.created_at - interval '3 hours') = h
          GROUP BY h ORDER BY h",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let (night, morning) = (by_hour[2] + by_hour[3] + by_hour[4], by_hour[9] + by_hour[10] + by_hour[11]);
    assert!(morning > 5 * night, "mornings are busy, nights quiet: {by_hour:?}");
    let (weekdays, weekend): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE extract(isodow FROM created_at - interval '3 hours') <= 5),
                count(*) FILTER (WHERE extract(isodow FROM created_at - interval '3 hours') > 5)
           FROM conversations",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert!(weekdays / 5 > 2 * (weekend / 2), "a weekday is busier than a weekend day: {weekdays} {weekend}");
    // As in Chatwoot, a later conversation has a larger id.
    let out_of_order: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM conversations) x
          WHERE back",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(out_of_order, 0);
}
