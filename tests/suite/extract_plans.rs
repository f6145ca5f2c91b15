//! The ETL's incremental reads use the indexes Chatwoot has, bounded by the run's window, so
//! their cost follows the changes and not the size of the source. Checked on the plans
//! PostgreSQL makes for them on a generated source: no table of conversation data is scanned
//! whole, and no index is walked on the inbox alone.

use chrono::{Duration, NaiveDate};
use geniai::etl::extract::{self, After, CONVERSATION_ID_MARGIN, CSAT_ID_MARGIN, Stream};
use geniai::source::seed::{self, SeedOptions};
use serde_json::Value;
use sqlx::PgPool;

use super::support;

/// The Chatwoot tables that grow with the conversations.
const GROWING: &[&str] = &["conversations", "messages", "reporting_events", "csat_survey_responses"];

/// Every scan of `plan` (an `EXPLAIN (FORMAT JSON)` node) and below: node type, relation or
/// index name, index condition. The bitmap scans a `BitmapAnd` intersects count as one, with
/// their conditions joined: one bounded by the window bounds the intersection.
fn scans(plan: &Value, out: &mut Vec<(String, String, Option<String>)>) {
    let text = |node: &Value, key: &str| node.get(key).and_then(Value::as_str).map(str::to_string);
    let children = plan.get("Plans").and_then(Value::as_array).cloned().unwrap_or_default();
    let node = text(plan, "Node Type").unwrap_or_default();
    if node == "BitmapAnd" {
        let conds: Vec<String> = children.iter().filter_map(|c| text(c, "Index Cond")).collect();
        let target = children.first().and_then(|c| text(c, "Index Name")).unwrap_or_default();
        out.push(("Bitmap Index Scan".into(), target, Some(conds.join(" AND "))));
        return;
    }
    if node.ends_with("Scan") {
        let target = text(plan, "Relation Name").or_else(|| text(plan, "Index Name")).unwrap_or_default();
        out.push((node, target, text(plan, "Index Cond")));
    }
    for child in &children {
        scans(child, out);
    }
}

/// Why `sql`'s plan would read a growing table in proportion to its size, if it would.
async fn unbounded_reads(pool: &PgPool, sql: &str) -> Vec<String> {
    let mut conn = pool.acquire().await.unwrap();
    // Small test tables are cheaper to scan whole; what matters is that an index path bounded by
    // the window exists, which is what the planner takes at scale.
    sqlx::query("SET enable_seqscan = off").execute(&mut *conn).await.unwrap();
    let explain = format!("EXPLAIN (FORMAT JSON) {sql}");
    let plan: Value = sqlx::query_scalar(sqlx::AssertSqlSafe(explain)).fetch_one(&mut *conn).await.unwrap();
    let mut found = Vec::new();
    scans(&plan[0]["Plan"], &mut found);
    let mut problems = Vec::new();
    for (node, target, cond) in found {
        let growing = GROWING.iter().any(|t| target == *t || target.starts_with(&format!("index_{t}_on_")));
        if node == "Seq Scan" && growing {
            problems.push(format!("{target} is scanned whole"));
        }
        if node.contains("Index") {
            // A lookup keyed on a row already found (`taggable_id = c.id`: the labels of one
            // conversation) costs what those rows cost.
            let bounded = cond.as_deref().is_some_and(|c| {
                c.contains("created_at")
                    || c.contains("updated_at")
                    || c.contains("(id ")
                    || c.contains(".id)")
            });
            let small = target.starts_with("inboxes");
            if !bounded && !small {
                problems.push(format!("{node} on {target} is bounded by {cond:?}, not by the window"));
            }
        }
    }
    problems
}

#[tokio::test]
async fn incremental_reads_are_bounded_by_the_window_on_chatwoots_indexes() {
    let source = support::fresh_db().await;
    let anchor = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
    seed::seed(&source.url, &SeedOptions { conversations: 20_000, seed: 3, anchor }).await.unwrap();
    let pool = source.pool.clone();
    let newest_conversation: i64 =
        sqlx::query_scalar(extract::CONVERSATION_MAX_ID_SQL).fetch_one(&pool).await.unwrap();
    let newest_csat: i64 = sqlx::query_scalar(extract::CSAT_MAX_ID_SQL).fetch_one(&pool).await.unwrap();
    let (conversation_floor, csat_floor) =
        (newest_conversation - CONVERSATION_ID_MARGIN, newest_csat - CSAT_ID_MARGIN);
    // The last hourly run, less the overlap: a window of a few hours out of the source's 120 days.
    let from = anchor - Duration::hours(14);
    let one_tenant = [1, 2, 3];
    let every_inbox: Vec<i32> = (1..=120).collect();

    let mut statements = Vec::new();
    for stream in Stream::ALL {
        for after in [After::Start, After::TimeKey(from + Duration::minutes(30), 1), After::Id(1)] {
            let sql = extract::incremental_select(
                stream,
                &one_tenant,
                from,
                after,
                5_000,
                csat_floor,
                conversation_floor,
            );
            statements.push((format!("{stream:?} after {after:?}"), sql));
        }
        let routed = extract::routed_select(stream, &every_inbox, from, csat_floor, conversation_floor);
        statements.push((format!("{stream:?} routed to many tenants"), routed));
    }
    // The window must select little of the source for the check to mean anything.
    let (recent, all): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FILTER (WHERE created_at >= {}), count(*) FROM messages",
        extract::ts_literal(from)
    )))
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(recent > 0 && recent * 50 < all, "{recent} of {all} messages in the window");

    // The check itself sees a read that is not bounded: a full load's, by inbox alone.
    let full = extract::full_select(Stream::Messages, &one_tenant);
    assert!(!unbounded_reads(&pool, &full).await.is_empty(), "a full read passed as bounded");

    let mut problems = Vec::new();
    for (name, sql) in &statements {
        for problem in unbounded_reads(&pool, sql).await {
            problems.push(format!("{name}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
