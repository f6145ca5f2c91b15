//! Report correctness against Chatwoot itself: after an ETL run over generated data, every
//! `kpis` field equals the same metric computed straight from the Chatwoot tables by the
//! definitions in METRICS.md, for several periods and timezones (DST days included).

use chrono::{DateTime, NaiveDateTime, Utc};
use geniai::reports::Period;
use geniai::source::seed::{self, SeedOptions};
use serde_json::Value;
use sqlx::PgPool;

use super::support;

/// Every kpis field computed from the Chatwoot tables for the given inboxes and UTC period.
/// Written independently of geniai's own queries: it reads Chatwoot's schema, labels come from
/// the authoritative taggings, and timestamps are Chatwoot's UTC `timestamp`s.
const ORACLE_SQL: &str = "
WITH conv AS (
    SELECT c.id,
           ARRAY(SELECT t.name::text FROM taggings g JOIN tags t ON t.id = g.tag_id
                  WHERE g.taggable_type = 'Conversation' AND g.context = 'labels' AND g.taggable_id = c.id) AS labels
      FROM conversations c
     WHERE c.inbox_id = ANY($1) AND c.created_at >= $2 AND c.created_at < $3
), ev AS (
    SELECT * FROM reporting_events WHERE inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3
), csat AS (
    SELECT s.* FROM csat_survey_responses s JOIN conversations c ON c.id = s.conversation_id
     WHERE c.inbox_id = ANY($1) AND s.created_at >= $2 AND s.created_at < $3
)
SELECT
    (SELECT count(*) FROM conv) AS conversations,
    (SELECT count(*) FROM messages WHERE inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3 AND message_type = 0) AS incoming_messages,
    (SELECT count(*) FROM messages WHERE inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3 AND message_type = 1) AS outgoing_messages,
    (SELECT count(*) FROM messages WHERE inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3 AND content_type = 9) AS csat_surveys_sent,
    (SELECT count(*) FROM ev WHERE name = 'conversation_resolved') AS resolutions,
    (SELECT count(DISTINCT conversation_id) FROM ev WHERE name = 'conversation_resolved') AS resolved_conversations,
    (SELECT avg(value) FROM ev WHERE name = 'first_response') AS avg_first_response_seconds,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FROM ev WHERE name = 'first_response') AS median_first_response_seconds,
    (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY value) FROM ev WHERE name = 'first_response') AS p90_first_response_seconds,
    (SELECT avg(value) FROM ev WHERE name = 'conversation_resolved') AS avg_resolution_seconds,
    (SELECT avg(value) FROM ev WHERE name = 'reply_time') AS avg_reply_seconds,
    (SELECT count(*) FROM ev WHERE name = 'conversation_bot_resolved') AS bot_resolutions,
    (SELECT count(DISTINCT conversation_id) FROM ev WHERE name = 'conversation_bot_handoff') AS bot_handoffs,
    (SELECT count(*) FROM csat) AS csat_responses,
    (SELECT avg(rating)::float8 FROM csat) AS csat_average,
    (SELECT avg(CASE WHEN rating >= 4 THEN 1.0 ELSE 0.0 END)::float8 FROM csat) AS csat_satisfaction,
    (SELECT count(*) FROM conv WHERE labels && ($4::text[] || $5::text[])) AS leads,
    (SELECT count(*) FROM conv WHERE labels && $5::text[]) AS conversions,
    (SELECT count(*) FROM conversations WHERE inbox_id = ANY($1) AND status = 0) AS open,
    (SELECT count(*) FROM conversations WHERE inbox_id = ANY($1) AND status = 0
        AND (first_reply_created_at IS NULL OR waiting_since IS NOT NULL)) AS unattended,
    (SELECT count(*) FROM conversations WHERE inbox_id = ANY($1) AND status = 0 AND assignee_id IS NULL) AS unassigned";

const INTEGER_FIELDS: &[&str] = &[
    "conversations",
    "incoming_messages",
    "outgoing_messages",
    "resolutions",
    "resolved_conversations",
    "bot_resolutions",
    "bot_handoffs",
    "csat_responses",
    "leads",
    "conversions",
    "open",
    "unattended",
    "unassigned",
];
const FLOAT_FIELDS: &[&str] = &[
    "avg_first_response_seconds",
    "median_first_response_seconds",
    "p90_first_response_seconds",
    "avg_resolution_seconds",
    "avg_reply_seconds",
    "csat_average",
    "csat_satisfaction",
];

#[derive(sqlx::FromRow, Debug)]
struct Oracle {
    conversations: i64,
    incoming_messages: i64,
    outgoing_messages: i64,
    csat_surveys_sent: i64,
    resolutions: i64,
    resolved_conversations: i64,
    avg_first_response_seconds: Option<f64>,
    median_first_response_seconds: Option<f64>,
    p90_first_response_seconds: Option<f64>,
    avg_resolution_seconds: Option<f64>,
    avg_reply_seconds: Option<f64>,
    bot_resolutions: i64,
    bot_handoffs: i64,
    csat_responses: i64,
    csat_average: Option<f64>,
    csat_satisfaction: Option<f64>,
    leads: i64,
    conversions: i64,
    open: i64,
    unattended: i64,
    unassigned: i64,
}

impl Oracle {
    fn expected(&self) -> Value {
        let rate = |num: i64, den: i64| (den > 0).then(|| num as f64 / den as f64);
        serde_json::json!({
            "conversations": self.conversations, "incoming_messages": self.incoming_messages,
            "outgoing_messages": self.outgoing_messages, "resolutions": self.resolutions,
            "resolved_conversations": self.resolved_conversations,
            "avg_first_response_seconds": self.avg_first_response_seconds,
            "median_first_response_seconds": self.median_first_response_seconds,
            "p90_first_response_seconds": self.p90_first_response_seconds,
            "avg_resolution_seconds": self.avg_resolution_seconds, "avg_reply_seconds": self.avg_reply_seconds,
            "bot_resolutions": self.bot_resolutions, "bot_handoffs": self.bot_handoffs,
            "csat_responses": self.csat_responses, "csat_average": self.csat_average,
            "csat_satisfaction": self.csat_satisfaction,
            "csat_response_rate": rate(self.csat_responses, self.csat_surveys_sent),
            "leads": self.leads, "conversions": self.conversions, "conversion_rate": rate(self.conversions, self.leads),
            "open": self.open, "unattended": self.unattended, "unassigned": self.unassigned,
        })
    }
}

async fn oracle(
    source: &PgPool,
    inboxes: &[i32],
    period: &Period,
    lead: &[String],
    conversion: &[String],
) -> Oracle {
    let naive = |t: DateTime<Utc>| -> NaiveDateTime { t.naive_utc() };
    sqlx::query_as(ORACLE_SQL)
        .bind(inboxes)
        .bind(naive(period.from))
        .bind(naive(period.to))
        .bind(lead)
        .bind(conversion)
        .fetch_one(source)
        .await
        .expect("oracle query")
}

fn close(a: &Value, b: &Value) -> bool {
    support::close_within(a, b, 1e-6)
}

#[tokio::test]
async fn kpis_equal_chatwoot_definitions_computed_from_the_source() {
    let source = support::fresh_db().await;
    seed::seed(&source.url, &SeedOptions::new(3_000, 7)).await.expect("seed the source");
    let target = support::migrated_db().await;

    // Two tenants whose inboxes interleave in id (and so in time): odd and even inbox ids.
    let inbox_ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM inboxes ORDER BY id").fetch_all(&source.pool).await.unwrap();
    assert!(inbox_ids.len() >= 4, "the generator makes several inboxes");
    let labels: Vec<String> = sqlx::query_scalar(
        "SELECT t.name::text FROM tags t JOIN taggings g ON g.tag_id = t.id GROUP BY t.name ORDER BY count(*) DESC, t.name",
    )
    .fetch_all(&source.pool)
    .await
    .unwrap();
    assert!(labels.len() >= 3, "the generator labels conversations");
    let (lead, conversion) = (vec![labels[0].clone()], vec![labels[1].clone()]);
    let tenants = [
        ("odd", "America/New_York", inbox_ids.iter().copied().filter(|i| i % 2 == 1).collect::<Vec<_>>()),
        ("even", "Asia/Kolkata", inbox_ids.iter().copied().filter(|i| i % 2 == 0).collect::<Vec<_>>()),
    ];
    for (slug, tz, inboxes) in &tenants {
        let mut cmd = support::geniai(&target);
        cmd.env("GENIAI_SOURCE_URL", &source.url).args([
            "tenant",
            "create",
            "--slug",
            slug,
            "--name",
            slug,
            "--timezone",
            tz,
        ]);
        for inbox in inboxes {
            cmd.args(["--inbox", &inbox.to_string()]);
        }
        cmd.assert().success();
        support::geniai(&target)
            .args([
                "tenant",
                "settings",
                slug,
                "--lead-label",
                &lead[0],
                "--conversion-label",
                &conversion[0],
            ])
            .assert()
            .success();
    }
    support::geniai(&target)
        .env("GENIAI_SOURCE_URL", &source.url)
        .args(["etl", "--all-tenants"])
        .assert()
        .success();

    let now = Utc::now();
    let periods: &[(Option<&str>, Option<&str>, &str)] = &[
        (None, None, "tenant"), // the default: last 30 full days
        (Some("2026-10-25"), Some("2026-11-08"), "America/New_York"), // spans the fall-back day (Nov 1)
        (Some("2026-11-01"), Some("2026-11-02"), "America/New_York"), // the 25-hour day itself
        (Some("2026-09-01"), Some("2026-10-01"), "Asia/Kolkata"), // a +05:30 zone
        (Some("2026-08-15T10:30:00Z"), Some("2026-10-20T18:45:00-03:00"), "UTC"), // timestamps
    ];
    let mut compared = 0;
    let (mut with_frt, mut with_csat, mut with_leads) = (0, 0, 0);
    for (slug, tenant_tz, inboxes) in &tenants {
        for (from, to, tz) in periods {
            let tz_name = if *tz == "tenant" { *tenant_tz } else { *tz };
            let tz_parsed = geniai::reports::period::parse_timezone(tz_name).unwrap();
            let period = Period::resolve(*from, *to, tz_parsed, now).unwrap();
            let mut args = vec!["report", "kpis", "--tenant", slug, "--format", "json", "--tz", tz_name];
            if let (Some(f), Some(t)) = (from, to) {
                args.extend(["--from", f, "--to", t]);
            }
            let out = support::geniai(&target).args(&args).assert().success();
            let actual: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
            let expected = oracle(&source.pool, inboxes, &period, &lead, &conversion).await.expected();
            assert!(
                expected["conversations"].as_i64().unwrap() > 0 || from.is_some(),
                "the default period holds data"
            );
            for field in INTEGER_FIELDS
                .iter()
                .chain(FLOAT_FIELDS)
                .chain(["csat_response_rate", "conversion_rate"].iter())
            {
                assert!(
                    close(&actual[*field], &expected[*field]),
                    "{slug} {from:?}..{to:?} {tz_name}: {field} is {} in geniai but {} from Chatwoot's tables",
                    actual[*field],
                    expected[*field]
                );
            }
            compared += 1;
            with_frt += usize::from(!expected["avg_first_response_seconds"].is_null());
            with_csat += usize::from(expected["csat_responses"].as_i64() > Some(0));
            with_leads += usize::from(expected["leads"].as_i64() > Some(0));
        }
    }
    assert_eq!(compared, tenants.len() * periods.len());
    // The comparison is only worth something if the data exercised each metric.
    assert!(
        with_frt >= 6 && with_csat >= 4 && with_leads >= 6,
        "frt {with_frt}, csat {with_csat}, leads {with_leads}"
    );
}
