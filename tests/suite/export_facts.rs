//! The per-conversation export reads first response, resolution and CSAT from the conversation
//! row (migration 0021). These tests prove that export equal to the same export computed from
//! the fact tables (the correlated subqueries it ran before), for two tenants, in a DST timezone
//! and +05:30, with and without business hours, after a first load and after every kind of
//! change that writes facts: incremental runs with events and CSAT answers arriving out of order,
//! CSAT edits, a full reload, an inbox moved and one unmapped, reconcile, tenant deletion, and
//! events written before their conversation.

use chrono::{Duration, Utc};
use futures::TryStreamExt;
use geniai::db::{self, TenantId};
use geniai::reports::export::{self, ConversationRow};
use geniai::reports::{self, Period, ReportOptions};
use geniai::source::mutate;
use geniai::source::seed::{self, SeedOptions};

use super::support::{self, TestDb};

/// Every tenant's export, for whole-history and partial periods in three timezones (one with
/// DST, one at +05:30), with and without business hours: from the row facts and from the fact
/// tables, row for row. Also every conversation's kept facts against a recomputation, whatever
/// its creation time. Returns how many exported rows had each fact (to show the data exercises
/// them).
async fn assert_export_matches_facts(target: &TestDb, stage: &str) -> [usize; 3] {
    let tenants: Vec<(i32, String)> = {
        let mut tx = db::platform_tx(&target.pool).await.unwrap();
        sqlx::query_as("SELECT id, slug FROM tenants ORDER BY slug").fetch_all(&mut *tx).await.unwrap()
    };
    let mut with = [0; 3];
    for (id, slug) in &tenants {
        let mut tx = db::tenant_tx(&target.pool, TenantId(*id)).await.unwrap();
        // Every conversation, not only those of the periods below.
        let drifted: Vec<(i32, String)> = sqlx::query_as(
            "SELECT c.conversation_id,
                    format('kept %s %s %s %s %s, facts %s %s %s %s %s',
                           c.first_response_seconds, c.first_response_bh_seconds, c.resolution_seconds,
                           c.resolution_bh_seconds, c.csat_rating, fr.value, fr.value_in_business_hours,
                           res.value, res.value_in_business_hours, s.rating)
               FROM conversations c
               LEFT JOIN LATERAL (SELECT value, value_in_business_hours FROM reporting_events e
                                   WHERE e.conversation_id = c.conversation_id AND e.name = 'first_response'
                                   ORDER BY e.created_at, e.event_id LIMIT 1) fr ON true
               LEFT JOIN LATERAL (SELECT value, value_in_business_hours FROM reporting_events e
                                   WHERE e.conversation_id = c.conversation_id AND e.name = 'conversation_resolved'
                                   ORDER BY e.created_at DESC, e.event_id DESC LIMIT 1) res ON true
               LEFT JOIN LATERAL (SELECT rating FROM csat_responses r WHERE r.conversation_id = c.conversation_id
                                   ORDER BY r.created_at DESC, r.response_id DESC LIMIT 1) s ON true
              WHERE (c.first_response_seconds, c.first_response_bh_seconds, c.resolution_seconds,
                     c.resolution_bh_seconds, c.csat_rating)
                    IS DISTINCT FROM (fr.value, fr.value_in_business_hours, res.value,
                                      res.value_in_business_hours, s.rating)
              ORDER BY 1 LIMIT 5",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap();
        assert!(drifted.is_empty(), "{stage}, {slug}: facts kept on the rows differ: {drifted:?}");

        for tz_name in ["America/New_York", "Asia/Kolkata", "UTC"] {
            let tz = reports::period::parse_timezone(tz_name).unwrap();
            let today = Utc::now().with_timezone(&tz).date_naive();
            let day = |back: u64| (today - chrono::Days::new(back)).format("%Y-%m-%d").to_string();
            let (change, after_change) = dst_change(today);
            let periods = [
                Period::resolve(Some("2000-01-01"), None, tz, Utc::now()).unwrap(),
                Period::resolve(Some(&day(40)), Some(&day(2)), tz, Utc::now()).unwrap(),
                // The latest day New York changed its clocks (23 or 25 hours long there).
                Period::resolve(Some(&change), Some(&after_change), tz, Utc::now()).unwrap(),
                Period::resolve(Some(&day(20)), Some(&format!("{}T10:07:00Z", day(3))), tz, Utc::now())
                    .unwrap(),
            ];
            for period in periods {
                for business_hours in [false, true] {
                    let options = ReportOptions { period, business_hours };
                    let kept: Vec<ConversationRow> =
                        export::conversations(&mut tx, &options).try_collect().await.unwrap();
                    let facts: Vec<ConversationRow> =
                        export::conversations_from_facts(&mut tx, &options).try_collect().await.unwrap();
                    assert_eq!(kept.len(), facts.len(), "{stage}, {slug} {tz_name} {period:?}");
                    for (k, f) in kept.iter().zip(&facts) {
                        assert_eq!(k, f, "{stage}, {slug} {tz_name} {period:?} bh={business_hours}");
                    }
                    if period.from.timestamp() < 1_000_000_000 && !business_hours && tz_name == "UTC" {
                        with[0] += kept.iter().filter(|r| r.first_response_seconds.is_some()).count();
                        with[1] += kept.iter().filter(|r| r.resolution_seconds.is_some()).count();
                        with[2] += kept.iter().filter(|r| r.csat_rating.is_some()).count();
                    }
                }
            }
        }
        tx.commit().await.unwrap();
    }
    with
}

/// The latest day before `today` on which New York changed its clocks, and the day after it
/// (YYYY-MM-DD).
fn dst_change(today: chrono::NaiveDate) -> (String, String) {
    use chrono::{Offset, TimeZone};
    let ny = chrono_tz::America::New_York;
    let offset = |d: chrono::NaiveDate| {
        ny.from_local_datetime(&d.and_hms_opt(12, 0, 0).unwrap()).unwrap().offset().fix()
    };
    let day = (1..400)
        .map(|back| today - chrono::Days::new(back))
        .find(|d| offset(*d) != offset(*d - chrono::Days::new(1)))
        .expect("New York changes its clocks twice a year");
    let format = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    (format(day), format(day + chrono::Days::new(1)))
}

/// The facts kept on conversation 900000 of the transaction's tenant.
async fn kept_facts(tx: &mut db::TenantTx) -> (Option<f64>, Option<f64>, Option<f64>, Option<i16>) {
    sqlx::query_as(
        "SELECT first_response_seconds, first_response_bh_seconds, resolution_seconds, csat_rating
           FROM conversations WHERE conversation_id = 900000",
    )
    .fetch_one(&mut **tx)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_export_from_the_row_facts_equals_the_export_from_the_facts_after_every_change() {
    let source = support::fresh_db().await;
    seed::seed(&source.url, &SeedOptions::new(1_200, 17)).await.expect("seed the source");
    let target = support::migrated_db().await;
    let inbox_ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM inboxes ORDER BY id").fetch_all(&source.pool).await.unwrap();
    for (slug, parity) in [("north", 1), ("south", 0)] {
        let mut cmd = support::geniai(&target);
        cmd.env("GENIAI_SOURCE_URL", &source.url).args(["tenant", "create", "--slug", slug, "--name", slug]);
        for inbox in inbox_ids.iter().filter(|i| *i % 2 == parity) {
            cmd.args(["--inbox", &inbox.to_string()]);
        }
        cmd.assert().success();
    }
    let geniai = |args: &[&str]| {
        support::geniai(&target).env("GENIAI_SOURCE_URL", &source.url).args(args).assert().success();
    };
    let etl = |extra: &[&str]| geniai(&[&["etl", "--all-tenants"], extra].concat());

    etl(&[]);
    let loaded = assert_export_matches_facts(&target, "first load").await;
    assert!(loaded.iter().all(|n| *n > 50), "the seed gives every fact to many conversations: {loaded:?}");

    // Incremental runs: first responses and resolutions arriving out of order (the second run
    // re-reads an overlap window, which brings an event stamped before one loaded by the first),
    // new CSAT answers, and edits of answers loaded in an earlier run.
    let now = mutate::source_now(&source.pool).await.unwrap();
    let unanswered: Vec<i32> = sqlx::query_scalar(
        "SELECT c.id FROM conversations c WHERE NOT EXISTS (
             SELECT 1 FROM reporting_events e WHERE e.conversation_id = c.id AND e.name = 'first_response')
          ORDER BY c.id DESC LIMIT 12",
    )
    .fetch_all(&source.pool)
    .await
    .unwrap();
    assert_eq!(unanswered.len(), 12);
    for (i, &conversation) in unanswered.iter().enumerate() {
        let value = 1000.0 + i as f64;
        mutate::add_event(&source.pool, conversation, "first_response", Some(value), now).await.unwrap();
        mutate::add_event(&source.pool, conversation, "conversation_resolved", Some(value), now)
            .await
            .unwrap();
        if i % 3 == 0 {
            mutate::add_csat(&source.pool, conversation, 1 + i as i32 % 5, now).await.unwrap();
        }
    }
    etl(&[]);
    assert_export_matches_facts(&target, "incremental run").await;
    for (i, &conversation) in unanswered.iter().enumerate() {
        let earlier = now - Duration::minutes(5);
        let value = 2000.0 + i as f64;
        mutate::add_event(&source.pool, conversation, "first_response", Some(value), earlier).await.unwrap();
        mutate::add_event(&source.pool, conversation, "conversation_resolved", Some(value), earlier)
            .await
            .unwrap();
    }
    let answers: Vec<(i64, i32)> =
        sqlx::query_as("SELECT id, rating FROM csat_survey_responses ORDER BY id LIMIT 12")
            .fetch_all(&source.pool)
            .await
            .unwrap();
    for (id, rating) in answers {
        mutate::edit_csat(&source.pool, id, 6 - rating, now).await.unwrap();
    }
    etl(&[]);
    assert_export_matches_facts(&target, "events out of order, CSAT edits").await;
    {
        let mut tx = db::platform_tx(&target.pool).await.unwrap();
        let (earlier_first, later_resolution): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE first_response_seconds >= 2000),
                    count(*) FILTER (WHERE resolution_seconds BETWEEN 1000 AND 1999)
               FROM conversations WHERE conversation_id = ANY($1)",
        )
        .bind(&unanswered)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert_eq!((earlier_first, later_resolution), (12, 12), "the earlier first, the later resolution");
    }

    // Changes stamped in the past arrive with a full reload, which also deletes every fact first.
    let old: Vec<i32> = sqlx::query_scalar("SELECT id FROM conversations ORDER BY id LIMIT 6")
        .fetch_all(&source.pool)
        .await
        .unwrap();
    for &conversation in &old {
        mutate::add_event(
            &source.pool,
            conversation,
            "conversation_resolved",
            Some(77.0),
            now - Duration::days(400),
        )
        .await
        .unwrap();
    }
    etl(&["--full"]);
    assert_export_matches_facts(&target, "full reload").await;

    // An inbox moved from north to south: its conversations keep their facts under the new tenant,
    // and lose none on the way (CSAT and events move before the conversations do).
    let moved = inbox_ids.iter().find(|i| *i % 2 == 1).unwrap().to_string();
    geniai(&["inbox", "map", "--tenant", "south", "--inbox", &moved, "--move"]);
    let in_south: i64 = {
        let mut tx = db::platform_tx(&target.pool).await.unwrap();
        sqlx::query_scalar(
            "SELECT count(*) FROM conversations c JOIN tenants t ON t.id = c.tenant_id
              WHERE t.slug = 'south' AND c.inbox_id = $1 AND c.first_response_seconds IS NOT NULL",
        )
        .bind(moved.parse::<i32>().unwrap())
        .fetch_one(&mut *tx)
        .await
        .unwrap()
    };
    assert!(in_south > 0, "the moved inbox's conversations kept their first responses");
    assert_export_matches_facts(&target, "inbox moved").await;
    etl(&[]);
    assert_export_matches_facts(&target, "run after the move").await;

    // An inbox unmapped (its rows deleted), then conversations deleted in Chatwoot, reconciled.
    let unmapped = inbox_ids.iter().filter(|i| *i % 2 == 0).nth(1).unwrap().to_string();
    geniai(&["inbox", "unmap", "--inbox", &unmapped, "--yes"]);
    assert_export_matches_facts(&target, "inbox unmapped").await;
    let doomed: Vec<i32> = sqlx::query_scalar(
        "SELECT DISTINCT conversation_id::int FROM csat_survey_responses ORDER BY 1 DESC LIMIT 5",
    )
    .fetch_all(&source.pool)
    .await
    .unwrap();
    for conversation in doomed {
        mutate::delete_conversation(&source.pool, conversation).await.unwrap();
    }
    etl(&["--reconcile"]);
    assert_export_matches_facts(&target, "reconcile").await;

    // Facts written straight into the tables in the other order: events and a CSAT answer before
    // their conversation, then the first of them deleted, the answer edited, then deleted.
    let north: i32 = {
        let mut tx = db::platform_tx(&target.pool).await.unwrap();
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'north'").fetch_one(&mut *tx).await.unwrap()
    };
    let mut tx = db::tenant_tx(&target.pool, TenantId(north)).await.unwrap();
    for sql in [
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, conversation_id, created_at)
         VALUES ($1, 900000001, 'first_response', 40, 4, 900000, now() - interval '2 days'),
                ($1, 900000002, 'first_response', 50, 5, 900000, now() - interval '1 day'),
                ($1, 900000003, 'conversation_resolved', 60, 6, 900000, now() - interval '1 day')",
        "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, created_at, updated_at)
         VALUES ($1, 900000001, 900000, 1, 2, now(), now())",
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, created_at, source_updated_at)
         VALUES ($1, 900000, 1, 3, 900000, 1, now() - interval '3 days', now())",
    ] {
        sqlx::query(sql).bind(north).execute(&mut *tx).await.unwrap();
    }
    assert_eq!(kept_facts(&mut tx).await, (Some(40.0), Some(4.0), Some(60.0), Some(2)));
    sqlx::query("DELETE FROM reporting_events WHERE event_id = 900000001").execute(&mut *tx).await.unwrap();
    sqlx::query("UPDATE csat_responses SET rating = 5 WHERE response_id = 900000001")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(kept_facts(&mut tx).await, (Some(50.0), Some(5.0), Some(60.0), Some(5)));
    sqlx::query("DELETE FROM csat_responses WHERE response_id = 900000001").execute(&mut *tx).await.unwrap();
    assert_eq!(kept_facts(&mut tx).await, (Some(50.0), Some(5.0), Some(60.0), None));
    tx.commit().await.unwrap();
    assert_export_matches_facts(&target, "facts before their conversation").await;

    // Deleting a tenant leaves the other's export intact.
    geniai(&["tenant", "delete", "south", "--yes"]);
    let after = assert_export_matches_facts(&target, "tenant deleted").await;
    assert!(after[0] > 20, "north still exports first responses: {after:?}");
}
