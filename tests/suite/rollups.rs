//! The report summaries (migrations 0007 and 0030) against the facts: after a load and changes of
//! every kind, each report the rollups answer equals the same report computed from the facts, for
//! totals, time buckets, every dimension and the heatmap, in several timezones, with and without
//! business hours, with and without the code's own tenant filter. (tests/suite/etl.rs checks that the summaries themselves
//! equal a rebuild from the facts after every ETL scenario.)

use chrono::{Datelike, Duration, Utc};
use geniai::db::{self, TenantId};
use geniai::reports::{
    self, Bucket, FrtScale, Grouping, Period, ReportOptions, TenantFilter, aggregate, rollups,
};
use geniai::source::mutate;
use geniai::source::seed::{self, SeedOptions};
use serde_json::Value;
use sqlx::Connection;

use super::support;

fn close(a: &Value, b: &Value) -> bool {
    support::close_within(a, b, 1e-9)
}

#[tokio::test]
async fn reports_from_the_rollups_equal_reports_from_the_facts() {
    let source = support::fresh_db().await;
    seed::seed(&source.url, &SeedOptions::new(1_500, 11)).await.expect("seed the source");
    let target = support::migrated_db().await;
    let inbox_ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM inboxes ORDER BY id").fetch_all(&source.pool).await.unwrap();
    // The dimension rollups fall on the tenant's days: one tenant without daylight saving time, one
    // with (its 23- and 25-hour days), each also read in the other zones below.
    for (slug, parity, timezone) in [("north", 1, "America/Sao_Paulo"), ("south", 0, "America/New_York")] {
        let mut cmd = support::geniai(&target);
        cmd.env("GENIAI_SOURCE_URL", &source.url).args([
            "tenant",
            "create",
            "--slug",
            slug,
            "--name",
            slug,
            "--timezone",
            timezone,
        ]);
        for inbox in inbox_ids.iter().filter(|i| *i % 2 == parity) {
            cmd.args(["--inbox", &inbox.to_string()]);
        }
        cmd.assert().success();
    }
    let etl = |extra: &[&str]| {
        support::geniai(&target)
            .env("GENIAI_SOURCE_URL", &source.url)
            .args(["etl", "--all-tenants"])
            .args(extra)
            .assert()
            .success();
    };
    etl(&[]);
    // Leads and conversions by labels set after the load: the dimension rollups count them again.
    for slug in ["north", "south"] {
        support::geniai(&target)
            .args(["tenant", "settings", slug, "--lead-label", "vip", "--conversion-label", "sale"])
            .assert()
            .success();
    }

    // What the rollups must get right beyond plain sums: conversations resolved again (repeat
    // resolutions, some on another day), repeated bot handoffs, relabels, CSAT, new messages.
    let now = mutate::source_now(&source.pool).await.unwrap();
    let resolved: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM conversations WHERE status = 1 ORDER BY id DESC LIMIT 30")
            .fetch_all(&source.pool)
            .await
            .unwrap();
    assert_eq!(resolved.len(), 30);
    for (i, &conversation) in resolved.iter().enumerate() {
        let at = now - Duration::hours(i as i64 * 5);
        mutate::set_status(&source.pool, conversation, 0, at).await.unwrap();
        mutate::set_status(&source.pool, conversation, 1, at + Duration::minutes(30)).await.unwrap();
        mutate::add_event(&source.pool, conversation, "conversation_bot_handoff", None, at).await.unwrap();
        mutate::add_event(
            &source.pool,
            conversation,
            "conversation_bot_handoff",
            None,
            at + Duration::hours(20),
        )
        .await
        .unwrap();
        mutate::set_labels(&source.pool, conversation, &["vip", "sale"], at).await.unwrap();
        mutate::add_csat(&source.pool, conversation, 1 + (i as i32 % 5), at).await.unwrap();
        mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
        // First responses on and around the distribution's bucket edges (the generator's are
        // all under an hour).
        let edges =
            [3599.5, 3600.0, 3600.5, 14_399.0, 14_400.0, 28_800.0, 86_399.99, 86_400.0, 200_000.0, 0.0];
        mutate::add_event(&source.pool, conversation, "first_response", Some(edges[i % edges.len()]), at)
            .await
            .unwrap();
    }
    // Changes written in the past are only certain to arrive with a full reload (which also
    // exercises the triggers on deletes).
    etl(&["--full"]);

    // Then changes an incremental run brings, which move facts between the dimension rollups'
    // keys: conversations reassigned to another agent or team (their messages, events and CSAT
    // answers follow), relabelled, and new messages on them.
    let now = mutate::source_now(&source.pool).await.unwrap();
    let reassigned = sqlx::query(
        "UPDATE conversations SET assignee_id = (SELECT min(assignee_id) FROM conversations), team_id = NULL,
                updated_at = $1
          WHERE id IN (SELECT id FROM conversations WHERE assignee_id IS NOT NULL ORDER BY id LIMIT 40)",
    )
    .bind(now)
    .execute(&source.pool)
    .await
    .unwrap()
    .rows_affected();
    let moved_to_team = sqlx::query(
        "UPDATE conversations SET team_id = (SELECT max(team_id) FROM conversations), assignee_id = NULL,
                updated_at = $1
          WHERE id IN (SELECT id FROM conversations ORDER BY id DESC LIMIT 40 OFFSET 40)",
    )
    .bind(now)
    .execute(&source.pool)
    .await
    .unwrap()
    .rows_affected();
    assert_eq!((reassigned, moved_to_team), (40, 40));
    for &conversation in resolved.iter().take(10) {
        mutate::set_labels(&source.pool, conversation, &["sale"], now).await.unwrap();
        mutate::add_incoming_message(&source.pool, conversation, now).await.unwrap();
    }
    etl(&[]);

    let tenants: Vec<(i32, String, String)> = {
        let mut tx = db::platform_tx(&target.pool).await.unwrap();
        sqlx::query_as("SELECT id, slug, timezone FROM tenants ORDER BY slug")
            .fetch_all(&mut *tx)
            .await
            .unwrap()
    };
    let labels =
        reports::TenantLabels { lead_labels: vec!["vip".into()], conversion_labels: vec!["sale".into()] };
    let mut repeats = 0_i64;
    let mut compared = 0;
    let mut distributions = 0;
    let mut dimension_keys = 0;
    let mut heatmap_cells = 0;
    let mut binned_percentiles = 0;
    let mut monthly_percentiles = 0;
    let mut untyped_channel_percentiles = 0;
    for (id, slug, own_zone) in &tenants {
        let tenant = TenantId(*id);
        let mut tx = db::tenant_tx(&target.pool, tenant).await.unwrap();
        // An inbox without a channel type: its messages and events count under no channel, whose
        // percentiles read their bins' values under another condition than a channel's.
        let untyped = sqlx::query(
            "UPDATE inboxes SET channel_type = NULL WHERE inbox_id = (SELECT min(inbox_id) FROM inboxes)",
        )
        .execute(&mut *tx)
        .await
        .unwrap()
        .rows_affected();
        assert_eq!(untyped, 1, "{slug}: an inbox without a channel type");
        repeats += sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM reporting_events WHERE prev_same_at IS NOT NULL",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        // Every first response carries its conversation's team and labels (migration 0040)
        // through the loads, reload and moves above; some carry both, so the check is not empty.
        let (carrying, differing): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE e.conversation_team_id IS NOT NULL AND cardinality(e.conversation_labels) > 0),
                    count(*) FILTER (WHERE (e.conversation_team_id, e.conversation_labels) IS DISTINCT FROM (c.team_id, c.labels))
               FROM reporting_events e
               LEFT JOIN conversations c ON c.tenant_id = e.tenant_id AND c.conversation_id = e.conversation_id
              WHERE e.name = 'first_response'",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert_eq!(differing, 0, "{slug}: first responses whose keys are not their conversation's");
        assert!(carrying > 10, "{slug}: {carrying} first responses with a team and labels");
        // The dimension reports below read the dimension rollups, not the facts again.
        assert!(
            rollups::dimension_rollups_answer(&mut tx, &labels).await.unwrap(),
            "{slug}: dimension rollups usable"
        );
        let kept_rows: i64 =
            sqlx::query_scalar("SELECT count(*) FROM dimension_rollups").fetch_one(&mut *tx).await.unwrap();
        assert!(kept_rows > 100, "{slug}: {kept_rows} day rows of dimension rollups");
        let monthly_rows: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM dimension_rollups WHERE strpos(geniai_monthly_dimensions(), dimension::text) > 0",
        )
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert!(monthly_rows > 100, "{slug}: {monthly_rows} month rows of first responses per key and bin");
        assert_eq!(
            rollups::live_counts(&mut tx).await.unwrap(),
            reports::live_counts(&mut tx).await.unwrap()
        );

        for tz_name in ["UTC", "America/Sao_Paulo", "Asia/Kolkata", "America/New_York"] {
            let tz = reports::period::parse_timezone(tz_name).unwrap();
            // Totals and series in the tenant's own zone read the rows of the tenant's days.
            let binned = rollups::tenant_days_answer(&mut tx, &labels, tz_name).await.unwrap();
            assert_eq!(binned, tz_name == own_zone, "{slug} {tz_name}: the tenant's days");
            let today = Utc::now().with_timezone(&tz).date_naive();
            let day = |back: u64| (today - chrono::Days::new(back)).format("%Y-%m-%d").to_string();
            let month_start = |back: u32| {
                let first = today.with_day(1).unwrap() - chrono::Months::new(back);
                first.format("%Y-%m-%d").to_string()
            };
            let periods = [
                Period::resolve(None, None, tz, Utc::now()).unwrap(),
                Period::resolve(Some(&day(3)), Some(&day(0)), tz, Utc::now()).unwrap(),
                Period::resolve(Some(&day(400)), Some(&day(0)), tz, Utc::now()).unwrap(),
                Period::resolve(Some(&day(8)), Some(&format!("{}T10:45:00Z", day(1))), tz, Utc::now())
                    .unwrap(),
                // Off the 15-minute edges: only the dimension reports read rollups.
                Period::resolve(
                    Some(&format!("{}T07:07:13Z", day(9))),
                    Some(&format!("{}T16:52:01Z", day(1))),
                    tz,
                    Utc::now(),
                )
                .unwrap(),
                // Whole months: the per-dimension percentiles read none of their first responses
                // but the ranks' bins.
                Period::resolve(Some(&month_start(3)), Some(&month_start(0)), tz, Utc::now()).unwrap(),
            ];
            // The third, 400 days, holds every fact.
            for (p, period) in periods.into_iter().enumerate() {
                for business_hours in [false, true] {
                    let options = ReportOptions { period, business_hours };
                    if !business_hours {
                        let kept = reports::heatmap(&mut tx, &options).await.unwrap();
                        let facts = reports::heatmap::heatmap_facts(&mut tx, &options).await.unwrap();
                        assert_eq!(kept, facts, "{slug} {tz_name} {period:?}: heatmap");
                        heatmap_cells += facts.iter().filter(|c| c.conversations > 0).count();
                    }
                    for scale in [FrtScale::Standard, FrtScale::Fine] {
                        let (kept, facts) = (
                            reports::frt_distribution_in(&mut tx, &options, scale).await.unwrap(),
                            reports::frt_distribution_facts(&mut tx, &options, scale).await.unwrap(),
                        );
                        assert_eq!(
                            kept, facts,
                            "{slug} {tz_name} {period:?} bh={business_hours}: {scale:?} FRT distribution"
                        );
                        distributions +=
                            usize::from(facts.iter().filter(|b| b.first_responses > 0).count() >= 3);
                    }
                    for grouping in [
                        Grouping::Total,
                        Grouping::Bucket(Bucket::Hour),
                        Grouping::Bucket(Bucket::Day),
                        Grouping::Bucket(Bucket::Week),
                        Grouping::Bucket(Bucket::Month),
                        Grouping::Inbox,
                        Grouping::Agent,
                        Grouping::Team,
                        Grouping::Label,
                        Grouping::Channel,
                    ] {
                        if !rollups::cover(grouping, &period) {
                            assert!(
                                p == 4 && rollups::dimension(grouping).is_none(),
                                "{period:?} {grouping:?}"
                            );
                            continue;
                        }
                        for filter in [TenantFilter::Explicit(tenant), TenantFilter::RlsOnly] {
                            let kept = aggregate::aggregate(&mut tx, &options, &labels, grouping, filter)
                                .await
                                .unwrap();
                            let facts =
                                aggregate::aggregate_facts(&mut tx, &options, &labels, grouping, filter)
                                    .await
                                    .unwrap();
                            assert_eq!(
                                kept.iter().map(|k| &k.key).collect::<Vec<_>>(),
                                facts.iter().map(|f| &f.key).collect::<Vec<_>>(),
                                "{slug} {tz_name} {period:?} {grouping:?}: keys"
                            );
                            if rollups::dimension(grouping).is_some() && p == 2 {
                                dimension_keys += usize::from(facts.len() >= 3 && business_hours);
                            }
                            // The last 30 days read the month rows too, less and plus their edges.
                            if rollups::dimension(grouping).is_some() && matches!(p, 0 | 2 | 5) {
                                monthly_percentiles +=
                                    facts.iter().filter(|f| f.p90_first_response_seconds.is_some()).count();
                            }
                            if grouping == Grouping::Channel {
                                untyped_channel_percentiles += facts
                                    .iter()
                                    .filter(|f| f.key.is_empty() && f.p90_first_response_seconds.is_some())
                                    .count();
                            }
                            if binned
                                && matches!(
                                    grouping,
                                    Grouping::Total
                                        | Grouping::Bucket(Bucket::Day | Bucket::Week | Bucket::Month)
                                )
                            {
                                binned_percentiles +=
                                    facts.iter().filter(|f| f.p90_first_response_seconds.is_some()).count();
                            }
                            for (k, f) in kept.iter().zip(&facts) {
                                assert_eq!(k.key, f.key);
                                let (k_json, f_json) =
                                    (serde_json::to_value(k).unwrap(), serde_json::to_value(f).unwrap());
                                for (field, expected) in f_json.as_object().unwrap() {
                                    assert!(
                                        close(&k_json[field], expected),
                                        "{slug} {tz_name} {period:?} bh={business_hours} {grouping:?} {filter:?} key {}: \
                                         {field} is {} from the rollups but {expected} from the facts",
                                        k.key,
                                        k_json[field]
                                    );
                                }
                            }
                            compared += 1;
                        }
                    }
                }
            }
        }
        tx.commit().await.unwrap();
    }

    // The admin overview: every tenant and the totals, from the rollups and from the facts.
    let mut tx = db::platform_tx(&target.pool).await.unwrap();
    for tz_name in ["UTC", "Asia/Kolkata"] {
        let tz = reports::period::parse_timezone(tz_name).unwrap();
        for period in [
            Period::resolve(None, None, tz, Utc::now()).unwrap(),
            Period::resolve(Some("2020-01-01"), None, tz, Utc::now()).unwrap(),
            // Off the 15-minute edges: the partial days come from the facts.
            Period::resolve(Some("2020-01-01T03:17:29Z"), Some(&Utc::now().to_rfc3339()), tz, Utc::now())
                .unwrap(),
        ] {
            let kept = reports::overview::overview(&mut tx, &period).await.unwrap();
            let facts = reports::overview::overview_from_facts(&mut tx, &period).await.unwrap();
            assert_eq!(kept.len(), 3, "two tenants and the totals");
            assert!(
                facts.iter().any(|row| row.conversations > 0 && row.avg_first_response_seconds.is_some())
            );
            for (k, f) in kept.iter().zip(&facts) {
                let (k_json, f_json) = (serde_json::to_value(k).unwrap(), serde_json::to_value(f).unwrap());
                for (field, expected) in f_json.as_object().unwrap() {
                    assert!(close(&k_json[field], expected), "overview {tz_name} {}: {field}", f.tenant);
                }
            }
        }
    }
    tx.rollback().await.unwrap();
    assert_eq!(compared, 2 * 4 * (5 * 10 + 5) * 2 * 2);
    assert!(heatmap_cells >= 1_000, "the heatmaps compared had conversations ({heatmap_cells} cells)");
    assert!(dimension_keys >= 2 * 5 * 3, "every dimension report had several keys ({dimension_keys})");
    assert!(distributions >= 20, "first responses spread over the buckets ({distributions})");
    assert!(
        binned_percentiles >= 100,
        "series read from the tenant's days, percentiles included ({binned_percentiles})"
    );
    assert!(
        monthly_percentiles >= 200,
        "per-dimension percentiles from the month rows ({monthly_percentiles})"
    );
    assert!(repeats >= 60, "the changes made repeat resolutions and handoffs ({repeats})");
    assert!(
        untyped_channel_percentiles >= 20,
        "percentiles of no channel, the first responses of an inbox without a type ({untyped_channel_percentiles})"
    );
}

/// Every dimension report of the last 400 days in São Paulo from the rollups against the facts,
/// leads and conversions by `labels`: the leads counted.
async fn leads_by_dimension(tx: &mut sqlx::PgConnection, labels: &reports::TenantLabels) -> i64 {
    let tz = reports::period::parse_timezone("America/Sao_Paulo").unwrap();
    let today = Utc::now().with_timezone(&tz).date_naive();
    let from = (today - chrono::Days::new(400)).format("%Y-%m-%d").to_string();
    let period = Period::resolve(Some(&from), None, tz, Utc::now()).unwrap();
    let options = ReportOptions { period, business_hours: false };
    let mut leads = 0;
    for grouping in [Grouping::Inbox, Grouping::Agent, Grouping::Team, Grouping::Label, Grouping::Channel] {
        let filter = TenantFilter::RlsOnly;
        let kept = aggregate::aggregate(&mut *tx, &options, labels, grouping, filter).await.unwrap();
        let facts = aggregate::aggregate_facts(&mut *tx, &options, labels, grouping, filter).await.unwrap();
        assert_eq!(kept.len(), facts.len(), "{grouping:?} by {labels:?}: keys");
        for (k, f) in kept.iter().zip(&facts) {
            let (k_json, f_json) = (serde_json::to_value(k).unwrap(), serde_json::to_value(f).unwrap());
            for (field, expected) in f_json.as_object().unwrap() {
                assert!(
                    k.key == f.key && close(&k_json[field], expected),
                    "{grouping:?} by {labels:?} key {}: {field} is {} from the rollups but {expected} from the facts",
                    k.key,
                    k_json[field]
                );
            }
        }
        leads += facts.iter().map(|r| r.leads).sum::<i64>();
    }
    leads
}

#[tokio::test]
async fn a_change_of_lead_labels_or_timezone_counts_the_rollups_again_or_leaves_them_to_the_next_run() {
    let source = support::seeded_source(400).await;
    let target = support::migrated_db().await;
    support::create_tenant(&target, &source, "acme", 1..=120);
    support::etl(&target, &source).arg("--all-tenants").assert().success();
    let tenant = TenantId(
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'acme'")
            .fetch_one(&target.pool)
            .await
            .unwrap(),
    );
    let settings = |args: &[&str]| {
        support::geniai(&target).args(["tenant", "settings", "acme"]).args(args).assert().success();
    };
    let current = async || {
        let mut tx = db::tenant_tx(&target.pool, tenant).await.unwrap();
        let labels = reports::tenant_labels(&mut tx).await.unwrap();
        let answer = rollups::dimension_rollups_answer(&mut tx, &labels).await.unwrap();
        let leads = leads_by_dimension(&mut tx, &labels).await;
        tx.commit().await.unwrap();
        (labels, answer, leads)
    };

    // Labels set, changed, then cleared: counted again in the same transaction each time.
    let mut seen = Vec::new();
    for args in [
        &["--lead-label", "sales", "--conversion-label", "billing"][..],
        &["--lead-label", "support", "--lead-label", "bug", "--conversion-label", "sales"][..],
        &["--clear-lead-labels", "--clear-conversion-labels"][..],
    ] {
        settings(args);
        let (labels, answer, leads) = current().await;
        assert!(answer, "{labels:?}: the rollups answer");
        seen.push(leads);
    }
    assert!(seen[0] > 0 && seen[1] > 0 && seen[0] != seen[1] && seen[2] == 0, "leads counted: {seen:?}");

    // While a run holds the tenant's lock, the change marks the tenant stale: the reports read the
    // facts, and the next run sums the rollups again.
    let mut run = sqlx::PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1, $2)")
        .bind(db::locks::LOCK_NAMESPACE)
        .bind(tenant.0)
        .execute(&mut run)
        .await
        .unwrap();
    settings(&["--lead-label", "sales", "--conversion-label", "billing"]);
    let (_, answer, leads) = current().await;
    assert!(!answer, "a change under a run's lock leaves the tenant stale");
    assert_eq!(leads, seen[0], "the facts count the new labels");
    run.close().await.unwrap();
    support::etl(&target, &source).arg("--all-tenants").assert().success();
    let (_, answer, leads) = current().await;
    assert!(answer, "the next run summed the rollups again");
    assert_eq!(leads, seen[0]);

    // A new timezone moves every fact to another of the tenant's days: stale until the next run,
    // which sums them on the new days (the reports above are read in São Paulo: first another
    // zone's days, then their own).
    for zone in ["Asia/Kolkata", "America/Sao_Paulo"] {
        support::geniai(&target).args(["tenant", "update", "acme", "--timezone", zone]).assert().success();
        let (_, answer, _) = current().await;
        assert!(!answer, "{zone}: a new timezone leaves the tenant stale");
        support::etl(&target, &source).arg("--all-tenants").assert().success();
        let (_, answer, leads) = current().await;
        assert!(answer, "{zone}: the next run summed the rollups on the new days");
        assert_eq!(leads, seen[0]);
    }
    // The inbox rows hold each day's conversations of the tenant's zone, which differ from the UTC
    // days' (so the check can tell them apart).
    let mut tx = db::tenant_tx(&target.pool, tenant).await.unwrap();
    let days_differing_from = async |tx: &mut db::TenantTx, zone: &str| -> i64 {
        sqlx::query_scalar(
            "SELECT count(*)
               FROM (SELECT day, sum(conversations) AS n FROM dimension_rollups WHERE dimension = 'i'
                      GROUP BY day HAVING sum(conversations) > 0) r
               FULL JOIN (SELECT (created_at AT TIME ZONE $1)::date AS day, count(*) AS n FROM conversations GROUP BY 1) c
                 USING (day)
              WHERE r.n IS DISTINCT FROM c.n",
        )
        .bind(zone)
        .fetch_one(&mut **tx)
        .await
        .unwrap()
    };
    assert_eq!(days_differing_from(&mut tx, "America/Sao_Paulo").await, 0, "the rows are on São Paulo days");
    assert!(days_differing_from(&mut tx, "UTC").await > 10, "São Paulo days are not UTC days");
    tx.commit().await.unwrap();
}

#[test]
fn unaligned_bounds_read_the_facts_but_for_the_dimension_reports() {
    let tz = reports::period::parse_timezone("UTC").unwrap();
    let aligned = Period::resolve(Some("2026-01-01T10:15:00Z"), Some("2026-01-02"), tz, Utc::now()).unwrap();
    let odd = Period::resolve(Some("2026-01-01T10:07:00Z"), Some("2026-01-02"), tz, Utc::now()).unwrap();
    assert!(rollups::cover(Grouping::Total, &aligned));
    assert!(!rollups::cover(Grouping::Total, &odd));
    // The dimension reports read the partial days at a period's ends from the facts.
    assert!(rollups::cover(Grouping::Inbox, &aligned) && rollups::cover(Grouping::Inbox, &odd));
    // Monrovia kept -00:44:30 until 1972: its day boundaries are not on 15-minute edges.
    let monrovia = reports::period::parse_timezone("Africa/Monrovia").unwrap();
    let old = Period::resolve(Some("1971-01-01"), Some("1971-02-01"), monrovia, Utc::now()).unwrap();
    assert!(!rollups::cover(Grouping::Bucket(Bucket::Day), &old));
}

/// The team and labels a first response carries (migration 0040) are its conversation's however
/// the two are written: the event before its conversation or after it, the conversation's team and
/// labels changed, the event moved to another conversation, the conversation deleted, and both
/// moved to another tenant (as an inbox moved between tenants moves them). Other events carry none.
#[tokio::test]
async fn first_responses_carry_their_conversations_team_and_labels_whatever_the_order_of_writes() {
    let db = support::migrated_db().await;
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let ids: Vec<i32> = sqlx::query_scalar(
        "INSERT INTO tenants (slug, name, timezone) VALUES ('one', 'one', 'UTC'), ('two', 'two', 'UTC') RETURNING id",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let (one, two) = (ids[0], ids[1]);
    let run = |sql: &'static str| sqlx::query(sql).bind(one);
    let moving = |sql: &'static str| sqlx::query(sql).bind(one).bind(two);
    type Carried = Vec<(i64, Option<i64>, Option<Vec<String>>)>;
    async fn carried(tx: &mut sqlx::PgConnection) -> Carried {
        sqlx::query_as(
            "SELECT event_id, conversation_team_id, conversation_labels FROM reporting_events ORDER BY event_id",
        )
        .fetch_all(tx)
        .await
        .unwrap()
    }
    let labels = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let conversation = "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status,
                                                   assignee_id, team_id, channel_type, labels, created_at, source_updated_at)
                        VALUES ($1, 1, 1, 10, 1, 0, NULL, 7, 'Channel::Api', '{vip}', now(), now()),
                               ($1, 2, 1, 10, 2, 0, NULL, NULL, 'Channel::Api', '{}', now(), now())";

    run("INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, conversation_id, created_at)
         VALUES ($1, 1, 'first_response', 60, 60, 1, now()), ($1, 2, 'first_response', 90, 90, 2, now()),
                ($1, 3, 'reply_time', 5, 5, 1, now())")
    .execute(&mut *tx)
    .await
    .unwrap();
    assert_eq!(
        carried(&mut tx).await,
        vec![(1, None, None), (2, None, None), (3, None, None)],
        "no conversation yet"
    );

    run(conversation).execute(&mut *tx).await.unwrap();
    assert_eq!(
        carried(&mut tx).await,
        vec![(1, Some(7), labels(&["vip"])), (2, None, labels(&[])), (3, None, None)],
        "the conversations arrived after their events"
    );

    run("INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, conversation_id, created_at)
         VALUES ($1, 4, 'first_response', 30, 30, 1, now()), ($1, 5, 'conversation_resolved', 30, 30, 1, now())")
    .execute(&mut *tx)
    .await
    .unwrap();
    run("UPDATE conversations SET team_id = 8, labels = '{sale,vip}' WHERE tenant_id = $1 AND conversation_id = 1")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(
        carried(&mut tx).await,
        vec![
            (1, Some(8), labels(&["sale", "vip"])),
            (2, None, labels(&[])),
            (3, None, None),
            (4, Some(8), labels(&["sale", "vip"])),
            (5, None, None)
        ],
        "an event written after its conversation, then the conversation's team and labels changed"
    );

    run("UPDATE reporting_events SET conversation_id = 2 WHERE tenant_id = $1 AND event_id = 4")
        .execute(&mut *tx)
        .await
        .unwrap();
    run("UPDATE conversations SET labels = '{bug}' WHERE tenant_id = $1 AND conversation_id = 2")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(
        carried(&mut tx).await[3],
        (4, None, labels(&["bug"])),
        "an event moved to another conversation"
    );
    run("DELETE FROM conversations WHERE tenant_id = $1 AND conversation_id = 2")
        .execute(&mut *tx)
        .await
        .unwrap();
    let now = carried(&mut tx).await;
    assert_eq!((&now[1], &now[3]), (&(2, None, None), &(4, None, None)), "their conversation deleted");

    // Conversation 1 and its events move to the other tenant, the events first.
    moving("UPDATE reporting_events SET tenant_id = $2 WHERE tenant_id = $1 AND conversation_id = 1")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(carried(&mut tx).await[0], (1, None, None), "no conversation 1 in the other tenant yet");
    moving("UPDATE conversations SET tenant_id = $2 WHERE tenant_id = $1 AND conversation_id = 1")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(
        carried(&mut tx).await,
        vec![
            (1, Some(8), labels(&["sale", "vip"])),
            (2, None, None),
            (3, None, None),
            (4, None, None),
            (5, None, None)
        ],
        "the conversation followed its events to the other tenant"
    );
    tx.rollback().await.unwrap();
}
