//! The ETL against real databases: a generated Chatwoot source, an analytics target, and the real
//! binary. Each correctness promise of `geniai etl` has a test here.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use geniai::source::mutate;
use predicates::prelude::*;
use sqlx::{Connection, PgConnection};

use super::support::{self, TestDb, create_tenant, etl, seeded_source};

/// A second target with the same tenants, loaded by one clean run: what every other path must
/// converge to.
async fn clean_full_load(source: &TestDb, tenants: &[(&str, std::ops::RangeInclusive<i32>)]) -> Vec<String> {
    let target = support::migrated_db().await;
    for (slug, inboxes) in tenants {
        create_tenant(&target, source, slug, inboxes.clone());
    }
    etl(&target, source).arg("--all-tenants").assert().success();
    snapshot(&target).await
}

/// Every fact and dimension row, per tenant slug, without the sync timestamps, then the report
/// summaries the triggers keep. Those are also checked against a rebuild from the facts.
async fn snapshot(db: &TestDb) -> Vec<String> {
    let mut tx = geniai::db::platform_tx(&db.pool).await.unwrap();
    let mut rows = Vec::new();
    for (table, key) in [
        ("conversations", "conversation_id"),
        ("messages", "message_id"),
        ("reporting_events", "event_id"),
        ("csat_responses", "response_id"),
        ("inboxes", "inbox_id"),
        ("agents", "user_id"),
        ("teams", "team_id"),
    ] {
        let sql = format!(
            "SELECT '{table} ' || t.slug || ' ' || (to_jsonb(x) - 'synced_at' - 'tenant_id')::text
             FROM {table} x JOIN tenants t ON t.id = x.tenant_id ORDER BY t.slug, x.{key}"
        );
        let part: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *tx).await.unwrap();
        rows.extend(part);
    }
    let stale: i64 =
        sqlx::query_scalar("SELECT count(*) FROM dimension_rollups_stale").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(stale, 0, "a run left a tenant's dimension rollups marked stale");
    let kept = summaries(&mut tx).await;
    sqlx::query("SELECT geniai_rebuild_rollups()").execute(&mut *tx).await.unwrap();
    sqlx::query("SELECT geniai_rebuild_dimension_rollups()").execute(&mut *tx).await.unwrap();
    assert_same(
        &kept,
        &summaries(&mut tx).await,
        "report summaries kept by the triggers vs rebuilt from the facts",
    );
    let facts = conversation_facts(&mut tx).await;
    sqlx::query("SELECT geniai_rebuild_conversation_facts()").execute(&mut *tx).await.unwrap();
    assert_same(
        &facts,
        &conversation_facts(&mut tx).await,
        "export facts kept on the conversations vs recomputed from the facts",
    );
    tx.rollback().await.unwrap();
    rows.extend(kept);
    rows
}

/// The export's facts kept on each conversation (migration 0021).
async fn conversation_facts(conn: &mut PgConnection) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT format('%s %s %s|%s|%s|%s|%s', t.slug, c.conversation_id, c.first_response_seconds,
                       c.first_response_bh_seconds, c.resolution_seconds, c.resolution_bh_seconds, c.csat_rating)
           FROM conversations c JOIN tenants t ON t.id = c.tenant_id ORDER BY t.slug, c.conversation_id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap()
}

/// The report summaries, without the rows that add up to nothing, numbers without trailing zeros.
async fn summaries(conn: &mut PgConnection) -> Vec<String> {
    let mut rows = Vec::new();
    for (table, key) in [
        ("report_rollups", "x.bucket, x.labels"),
        ("frt_histogram", "x.day, x.bin"),
        ("conversation_live_counts", "1"),
        ("dimension_rollups", "x.dimension, x.day, x.key"),
    ] {
        let sql = format!(
            "SELECT '{table} ' || t.slug || ' ' || (
                    SELECT jsonb_object_agg(f.key, CASE WHEN jsonb_typeof(f.value) = 'number'
                                                        THEN to_jsonb(trim_scale(f.value::text::numeric)) ELSE f.value END)
                      FROM jsonb_each(to_jsonb(x) - 'tenant_id') f)::text
               FROM {table} x JOIN tenants t ON t.id = x.tenant_id
              WHERE EXISTS (SELECT 1 FROM jsonb_each(to_jsonb(x) - 'tenant_id' - 'bin') f
                             WHERE jsonb_typeof(f.value) = 'number' AND f.value::text::numeric <> 0)
              ORDER BY t.slug, {key}"
        );
        let part: Vec<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await.unwrap();
        rows.extend(part);
    }
    rows
}

fn assert_same(actual: &[String], expected: &[String], what: &str) {
    if let Some(i) = (0..actual.len().max(expected.len())).find(|&i| actual.get(i) != expected.get(i)) {
        panic!(
            "{what}: first difference at row {i} of {}/{}:\n  got      {:?}\n  expected {:?}",
            actual.len(),
            expected.len(),
            actual.get(i),
            expected.get(i)
        );
    }
    assert!(!expected.is_empty(), "{what}: nothing loaded");
}

async fn scalar_i64(db: &TestDb, sql: &'static str) -> i64 {
    let mut tx = geniai::db::platform_tx(&db.pool).await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *tx).await.unwrap()
}

async fn conversations_in(source: &TestDb, inboxes: &[i32], n: i64) -> Vec<i32> {
    sqlx::query_scalar("SELECT id FROM conversations WHERE inbox_id = ANY($1) ORDER BY id LIMIT $2")
        .bind(inboxes)
        .bind(n)
        .fetch_all(&source.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn full_load_copies_every_fact_of_the_mapped_inboxes_and_nothing_else() {
    let source = seeded_source(600).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    create_tenant(&target, &source, "globex", 21..=40);
    etl(&target, &source).args(["--all-tenants", "--trigger", "cli"]).assert().success();

    let expected: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM conversations WHERE inbox_id BETWEEN 1 AND 20),
                (SELECT count(*) FROM messages WHERE inbox_id BETWEEN 1 AND 20),
                (SELECT count(*) FROM reporting_events WHERE inbox_id BETWEEN 1 AND 20),
                (SELECT count(*) FROM csat_survey_responses r JOIN conversations c ON c.id = r.conversation_id
                  WHERE c.inbox_id BETWEEN 1 AND 20)",
    )
    .fetch_one(&source.pool)
    .await
    .unwrap();
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let actual: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM conversations c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme'),
                (SELECT count(*) FROM messages c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme'),
                (SELECT count(*) FROM reporting_events c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme'),
                (SELECT count(*) FROM csat_responses c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert!(expected.0 > 0 && expected.1 > 0 && expected.2 > 0 && expected.3 > 0, "{expected:?}");
    assert_eq!(actual, expected);
    let foreign: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations WHERE inbox_id > 40")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(foreign, 0, "rows of unmapped inboxes were copied");

    // Labels follow cached_label_list (split, trimmed, sorted); names are there for the reports.
    let labelled: (i32, String) = sqlx::query_as(
        "SELECT id, cached_label_list FROM conversations WHERE inbox_id BETWEEN 1 AND 20
           AND cached_label_list LIKE '%,%' ORDER BY id LIMIT 1",
    )
    .fetch_one(&source.pool)
    .await
    .unwrap();
    let labels: Vec<String> =
        sqlx::query_scalar("SELECT labels FROM conversations WHERE conversation_id = $1")
            .bind(labelled.0)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let mut expected_labels: Vec<String> = labelled.1.split(',').map(|l| l.trim().to_string()).collect();
    expected_labels.sort();
    assert_eq!(labels, expected_labels);
    let names: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM inboxes), (SELECT count(*) FROM agents), (SELECT count(*) FROM teams)",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(names.0, 40);
    assert!(names.1 > 0 && names.2 > 0, "{names:?}");
}

#[tokio::test]
async fn incremental_run_picks_up_every_kind_of_change() {
    let source = seeded_source(500).await;
    let target = support::migrated_db().await;
    let inboxes: Vec<i32> = (1..=60).collect();
    create_tenant(&target, &source, "acme", 1..=60);
    etl(&target, &source).arg("--all-tenants").assert().success();

    let ids = conversations_in(&source, &inboxes, 6).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let message = mutate::add_incoming_message(&source.pool, ids[0], at).await.unwrap();
    mutate::set_status(&source.pool, ids[1], 3, at).await.unwrap();
    mutate::set_labels(&source.pool, ids[2], &["vip", "brand-new-label"], at).await.unwrap();
    let event =
        mutate::add_event(&source.pool, ids[3], "conversation_bot_handoff", Some(12.0), at).await.unwrap();
    let csat = mutate::add_csat(&source.pool, ids[4], 2, at).await.unwrap();
    mutate::add_agent_reply(&source.pool, ids[5], at).await.unwrap();
    // None of these moved updated_at except the status and label changes, as in Chatwoot.

    etl(&target, &source).arg("--all-tenants").assert().success();

    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let found: (i64, i16, Vec<String>, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages WHERE message_id = $1),
                (SELECT status FROM conversations WHERE conversation_id = $2),
                (SELECT labels FROM conversations WHERE conversation_id = $3),
                (SELECT count(*) FROM reporting_events WHERE event_id = $4),
                (SELECT count(*) FROM csat_responses WHERE response_id = $5)",
    )
    .bind(message)
    .bind(ids[1])
    .bind(ids[2])
    .bind(event)
    .bind(csat)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(found, (1, 3, vec!["brand-new-label".to_string(), "vip".to_string()], 1, 1));
    drop(tx);
    assert_same(
        &snapshot(&target).await,
        &clean_full_load(&source, &[("acme", 1..=60)]).await,
        "incremental",
    );
}

#[tokio::test]
async fn a_transaction_that_commits_late_with_an_earlier_timestamp_is_not_missed() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    let inboxes: Vec<i32> = (1..=120).collect();
    create_tenant(&target, &source, "acme", 1..=120);
    etl(&target, &source).arg("--all-tenants").assert().success();
    let ids = conversations_in(&source, &inboxes, 2).await;

    // The late writer stamps its row first, then a later row commits, then the ETL runs, then
    // the late writer commits. With no overlap window at all, only the in-flight cap saves it.
    let late = mutate::begin_late_message(&source.pool, ids[0]).await.unwrap();
    let later = mutate::source_now(&source.pool).await.unwrap();
    let visible = mutate::add_incoming_message(&source.pool, ids[1], later).await.unwrap();
    etl(&target, &source).args(["--all-tenants", "--overlap", "0"]).assert().success();
    let late_id = late.message_id;
    late.commit().await.unwrap();
    etl(&target, &source).args(["--all-tenants", "--overlap", "0"]).assert().success();

    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let present: Vec<i32> =
        sqlx::query_scalar("SELECT message_id FROM messages WHERE message_id = ANY($1) ORDER BY message_id")
            .bind(vec![late_id, visible])
            .fetch_all(&mut *tx)
            .await
            .unwrap();
    let mut expected = vec![late_id, visible];
    expected.sort();
    assert_eq!(present, expected, "the late commit was skipped");
}

#[tokio::test]
async fn rows_sharing_the_cursor_value_across_a_batch_boundary_all_arrive() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    let inboxes: Vec<i32> = (1..=120).collect();
    create_tenant(&target, &source, "acme", 1..=120);
    etl(&target, &source).arg("--all-tenants").assert().success();
    let ids = conversations_in(&source, &inboxes, 2).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let mut added = Vec::new();
    for i in 0..10 {
        added.push(mutate::add_incoming_message(&source.pool, ids[i % 2], at).await.unwrap());
    }
    etl(&target, &source).args(["--all-tenants", "--batch-size", "3"]).assert().success();
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE message_id = ANY($1)")
        .bind(&added)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    assert_eq!(n, 10);
    drop(tx);
    assert_same(&snapshot(&target).await, &clean_full_load(&source, &[("acme", 1..=120)]).await, "ties");
}

#[tokio::test]
async fn repeated_and_overlapping_runs_leave_the_same_target_as_one_run() {
    let source = seeded_source(400).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=40);
    create_tenant(&target, &source, "globex", 41..=80);
    etl(&target, &source).arg("--all-tenants").assert().success();
    let once = snapshot(&target).await;
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert_same(&snapshot(&target).await, &once, "second run");
    etl(&target, &source).args(["--all-tenants", "--full"]).assert().success();
    assert_same(&snapshot(&target).await, &once, "full reload");

    // Two processes at once: each tenant is processed by one of them, or skipped by the other.
    let spawn = || {
        Command::new(assert_cmd::cargo::cargo_bin("geniai"))
            .env("DATABASE_URL", &target.url)
            .env("GENIAI_SOURCE_URL", &source.url)
            .args(["etl", "--all-tenants", "--full"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    assert_same(&snapshot(&target).await, &once, "overlapping runs");
}

#[tokio::test]
async fn a_second_process_skips_a_tenant_that_is_being_processed_and_says_so() {
    let source = seeded_source(100).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=120);
    let tenant: i32 = scalar_i64(&target, "SELECT id::bigint FROM tenants WHERE slug = 'acme'").await as i32;
    let mut holder = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1, $2)")
        .bind(geniai::etl::LOCK_NAMESPACE)
        .bind(tenant)
        .execute(&mut holder)
        .await
        .unwrap();
    etl(&target, &source)
        .args(["--tenant", "acme"])
        .assert()
        .success()
        .stderr(predicate::str::contains("another geniai etl is processing this tenant"));
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM conversations").await, 0);
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status = 'skipped'").await, 1);
    holder.close().await.unwrap();
    etl(&target, &source).args(["--tenant", "acme"]).assert().success();
    assert!(scalar_i64(&target, "SELECT count(*) FROM conversations").await > 0);
}

/// Starts the real binary, waits until one of its target transactions is blocked on the table
/// lock the test holds (so it is mid-run, with rows written but not committed), and kills it
/// with SIGKILL.
async fn kill_mid_run(target: &TestDb, source: &TestDb, lock_sql: &'static str) {
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query(lock_sql).execute(&mut blocker).await.unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .env("DATABASE_URL", &target.url)
        .env("GENIAI_SOURCE_URL", &source.url)
        .args(["etl", "--all-tenants", "--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Polled from another connection: inside a transaction, pg_stat_activity is a snapshot.
    let mut observer = PgConnection::connect(&target.url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
               AND wait_event_type = 'Lock' AND wait_event = 'relation' AND pid <> pg_backend_pid()",
        )
        .fetch_one(&mut observer)
        .await
        .unwrap();
        if waiting > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the ETL never reached the lock");
        assert!(child.try_wait().unwrap().is_none(), "the ETL finished before reaching the lock");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
    blocker.close().await.ok();
}

#[tokio::test]
async fn kill_9_mid_run_then_a_rerun_gives_the_same_target_as_a_clean_full_load() {
    let source = seeded_source(800).await;
    let target = support::migrated_db().await;
    let tenants = [("acme", 1..=50), ("globex", 51..=100)];
    for (slug, inboxes) in &tenants {
        create_tenant(&target, &source, slug, inboxes.clone());
    }
    // Killed during the first (full) load, after the facts were merged, before the watermark.
    kill_mid_run(&target, &source, "LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").await;
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM conversations").await,
        0,
        "a partial load committed"
    );
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status = 'running'").await, 1);
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status = 'running'").await, 0);
    assert_eq!(
        scalar_i64(
            &target,
            "SELECT count(*) FROM etl_runs WHERE status = 'failed' AND error LIKE 'interrupted%'"
        )
        .await,
        1
    );

    // Killed during an incremental run after changes.
    let ids = conversations_in(&source, &(1..=100).collect::<Vec<_>>(), 3).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::add_incoming_message(&source.pool, ids[0], at).await.unwrap();
    mutate::set_status(&source.pool, ids[1], 1, at).await.unwrap();
    mutate::add_csat(&source.pool, ids[2], 4, at).await.unwrap();
    kill_mid_run(&target, &source, "LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").await;
    etl(&target, &source).arg("--all-tenants").assert().success();

    assert_same(&snapshot(&target).await, &clean_full_load(&source, &tenants).await, "after kill -9");
}

#[tokio::test]
async fn a_first_load_killed_between_streams_is_reloaded_whole_by_the_next_run() {
    let source = seeded_source(800).await;
    let target = support::migrated_db().await;
    let tenants = [("acme", 1..=50), ("globex", 51..=100)];
    for (slug, inboxes) in &tenants {
        create_tenant(&target, &source, slug, inboxes.clone());
    }
    // A first load commits each stream with its own watermark: killed at the CSAT responses,
    // the first tenant's conversations and events are already in.
    kill_mid_run(&target, &source, "LOCK TABLE csat_responses IN EXCLUSIVE MODE").await;
    assert!(scalar_i64(&target, "SELECT count(*) FROM conversations").await > 0);
    let streams: Vec<String> = sqlx::query_scalar("SELECT stream FROM etl_watermarks ORDER BY stream")
        .fetch_all(&target.pool)
        .await
        .unwrap();
    assert!(streams.contains(&"conversations".to_string()), "{streams:?}");
    assert!(!streams.contains(&"csat_responses".to_string()), "{streams:?}");

    // The next run sees a tenant with streams missing and reloads it in one transaction.
    etl(&target, &source).arg("--all-tenants").assert().success();
    let modes: Vec<String> =
        sqlx::query_scalar("SELECT mode FROM etl_runs WHERE status = 'succeeded' ORDER BY run_id")
            .fetch_all(&target.pool)
            .await
            .unwrap();
    assert_eq!(modes, ["full", "full"], "both tenants loaded in full");
    assert_same(&snapshot(&target).await, &clean_full_load(&source, &tenants).await, "after kill -9");
}

#[tokio::test]
async fn dimension_rollups_left_stale_by_a_stopped_first_load_are_read_around_then_summed_again() {
    let source = seeded_source(300).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=40);
    create_tenant(&target, &source, "globex", 41..=80);
    etl(&target, &source).arg("--all-tenants").assert().success();
    let loaded = snapshot(&target).await;

    // What a first load killed after its lanes committed and before its summing pass leaves: the
    // stale mark, dimension rollups that are not the facts' (here: none at all), and no export
    // facts on the conversations (computed beside the sums).
    let acme = geniai::db::TenantId(
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'acme'")
            .fetch_one(&target.pool)
            .await
            .unwrap(),
    );
    let mut tx = geniai::db::tenant_tx(&target.pool, acme).await.unwrap();
    let options = geniai::reports::ReportOptions {
        period: geniai::reports::Period::resolve(
            Some("2000-01-01"),
            None,
            chrono_tz::UTC,
            chrono::Utc::now(),
        )
        .unwrap(),
        business_hours: false,
    };
    let counts = |rows: Vec<geniai::reports::Aggregates>| {
        rows.into_iter()
            .map(|r| (r.key, r.conversations, r.incoming_messages, r.resolutions, r.csat_responses))
            .collect::<Vec<_>>()
    };
    let agents = geniai::reports::Grouping::Agent;
    let before = counts(geniai::reports::by_dimension(&mut tx, &options, agents).await.unwrap());
    assert!(before.len() > 2 && before.iter().map(|row| row.1).sum::<i64>() > 0);
    sqlx::query("DELETE FROM dimension_rollups").execute(&mut *tx).await.unwrap();
    sqlx::query("SET LOCAL geniai.conversation_facts = 'deferred'").execute(&mut *tx).await.unwrap();
    let unfacted = sqlx::query(
        "UPDATE conversations SET first_response_seconds = NULL, first_response_bh_seconds = NULL,
                resolution_seconds = NULL, resolution_bh_seconds = NULL, csat_rating = NULL
          WHERE first_response_seconds IS NOT NULL OR csat_rating IS NOT NULL",
    )
    .execute(&mut *tx)
    .await
    .unwrap()
    .rows_affected();
    assert!(unfacted > 10, "{unfacted} conversations had export facts");
    sqlx::query("INSERT INTO dimension_rollups_stale (tenant_id) VALUES (geniai_current_tenant())")
        .execute(&mut *tx)
        .await
        .unwrap();
    // Meanwhile the reports read the facts, and say the same.
    assert_eq!(counts(geniai::reports::by_dimension(&mut tx, &options, agents).await.unwrap()), before);
    tx.commit().await.unwrap();

    // The next run sums them again (the snapshot checks them against a rebuild and that no mark
    // is left), with nothing new to load.
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert_same(&snapshot(&target).await, &loaded, "after the stale tenant's next run");
}

#[tokio::test]
async fn a_failing_tenant_is_recorded_and_does_not_stop_the_others() {
    let source = seeded_source(300).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=10);
    create_tenant(&target, &source, "globex", 11..=40);
    create_tenant(&target, &source, "initech", 41..=50);
    // A poisoned row: an event without a name (the target requires one).
    let conversation = conversations_in(&source, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1).await[0];
    sqlx::query(
        "INSERT INTO reporting_events (name, value, account_id, inbox_id, conversation_id, created_at, updated_at)
         SELECT NULL, 1, account_id, inbox_id, id, now(), now() FROM conversations WHERE id = $1",
    )
    .bind(conversation)
    .execute(&source.pool)
    .await
    .unwrap();
    // An unreachable per-tenant source, from its encrypted secret.
    let key = geniai::secrets::MasterKey::generate().to_base64().to_string();
    support::geniai(&target)
        .env("GENIAI_MASTER_KEY", &key)
        .args(["secret", "set", "--tenant", "initech", "source_url", "--value-stdin"])
        .write_stdin("postgresql://nobody@127.0.0.1:1/chatwoot\n")
        .assert()
        .success();

    etl(&target, &source)
        .env("GENIAI_MASTER_KEY", &key)
        .arg("--all-tenants")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("etl failed for 2 tenant(s): acme, initech"));

    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let per_tenant: Vec<(String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT t.slug, (SELECT count(*) FROM conversations c WHERE c.tenant_id = t.id), r.status, r.error
         FROM tenants t JOIN etl_runs r ON r.tenant_id = t.id ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(per_tenant.len(), 3, "{per_tenant:?}");
    // Nothing of the failed first load stays, though its streams commit one by one.
    assert_eq!((per_tenant[0].1, per_tenant[0].2.as_str()), (0, "failed"));
    let leftovers: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM messages m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'acme')
              + (SELECT count(*) FROM etl_watermarks w JOIN tenants t ON t.id = w.tenant_id WHERE t.slug = 'acme')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(leftovers, 0);
    assert!(per_tenant[0].3.as_deref().unwrap_or("").contains("name"), "{per_tenant:?}");
    assert!(per_tenant[1].1 > 0 && per_tenant[1].2 == "succeeded", "{per_tenant:?}");
    assert_eq!(per_tenant[2].2, "failed");
    let error = per_tenant[2].3.clone().unwrap_or_default();
    assert!(error.contains("source") && !error.contains("nobody@"), "{error}");
}

#[tokio::test]
async fn reconcile_removes_deleted_conversations_and_unmapped_inboxes_leave_no_rows() {
    let source = seeded_source(400).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    create_tenant(&target, &source, "globex", 21..=40);
    etl(&target, &source).arg("--all-tenants").assert().success();

    let gone = conversations_in(&source, &[3], 1).await[0];
    mutate::delete_conversation(&source.pool, gone).await.unwrap();
    let count_gone = |db: &TestDb| {
        let pool = db.pool.clone();
        async move {
            let mut tx = geniai::db::platform_tx(&pool).await.unwrap();
            let n: i64 = sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM conversations WHERE conversation_id = $1)
                      + (SELECT count(*) FROM messages WHERE conversation_id = $1)
                      + (SELECT count(*) FROM reporting_events WHERE conversation_id = $1)",
            )
            .bind(gone)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            n
        }
    };
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert!(count_gone(&target).await > 0, "deletes are only found by --reconcile");
    etl(&target, &source).args(["--all-tenants", "--reconcile"]).assert().success();
    assert_eq!(count_gone(&target).await, 0);

    // Inbox 2 leaves acme behind the ETL's back, then goes to globex.
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    sqlx::query("DELETE FROM inbox_mappings WHERE inbox_id = 2").execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    let of_inbox_2 = "SELECT count(*) FROM conversations WHERE inbox_id = 2";
    assert_eq!(scalar_i64(&target, of_inbox_2).await, 0);
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    sqlx::query(
        "INSERT INTO inbox_mappings (inbox_id, tenant_id) SELECT 2, id FROM tenants WHERE slug = 'globex'",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert!(
        scalar_i64(
            &target,
            "SELECT count(*) FROM conversations c JOIN tenants t ON t.id = c.tenant_id
              WHERE c.inbox_id = 2 AND t.slug = 'globex'"
        )
        .await
            > 0
    );
    let clean = support::migrated_db().await;
    create_tenant(&clean, &source, "acme", 1..=1);
    support::geniai(&clean)
        .args(["inbox", "map", "--tenant", "acme"])
        .args((3..=20).flat_map(|i| ["--inbox".to_string(), i.to_string()]))
        .assert()
        .success();
    create_tenant(&clean, &source, "globex", 2..=2);
    support::geniai(&clean)
        .args(["inbox", "map", "--tenant", "globex"])
        .args((21..=40).flat_map(|i| ["--inbox".to_string(), i.to_string()]))
        .assert()
        .success();
    etl(&clean, &source).arg("--all-tenants").assert().success();
    assert_same(&snapshot(&target).await, &snapshot(&clean).await, "after moves and deletes");
}

/// slug, trigger, status, rows read, rows written, has a watermark, error
type RunRow = (String, String, String, i64, i64, bool, Option<String>);

#[tokio::test]
async fn runs_are_recorded_skips_are_explained_and_dry_runs_write_nothing() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=30);
    create_tenant(&target, &source, "dormant", 31..=40);
    support::geniai(&target).args(["tenant", "suspend", "dormant"]).assert().success();
    support::geniai(&target)
        .args(["tenant", "create", "--slug", "hollow", "--name", "Hollow"])
        .assert()
        .success();

    etl(&target, &source)
        .args(["--all-tenants", "--dry-run"])
        .assert()
        .success()
        .stderr(predicate::str::contains("dry run"));
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs").await, 0);
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM conversations").await, 0);

    etl(&target, &source)
        .args(["--all-tenants", "--trigger", "cron", "--log-format", "json"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains(r#""tenant":"dormant""#)
                .and(predicate::str::contains("tenant is suspended")),
        )
        .stderr(predicate::str::contains("no inbox"));
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let runs: Vec<RunRow> = sqlx::query_as(
        "SELECT t.slug, r.trigger, r.status, r.rows_read, r.rows_written, r.watermark_to IS NOT NULL, r.error
         FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    assert_eq!(runs.len(), 3, "{runs:?}");
    let acme = &runs[0];
    assert_eq!((acme.1.as_str(), acme.2.as_str(), acme.5), ("cron", "succeeded", true), "{runs:?}");
    assert!(acme.3 > 0 && acme.4 > 0, "{runs:?}");
    assert_eq!((runs[1].2.as_str(), runs[1].6.as_deref()), ("skipped", Some("tenant is suspended")));
    assert_eq!(runs[2].2.as_str(), "skipped");

    let status = support::geniai(&target).args(["etl", "status", "--format", "json"]).assert().success();
    let status: serde_json::Value = serde_json::from_slice(&status.get_output().stdout).unwrap();
    let acme = &status.as_array().unwrap()[0];
    assert_eq!(acme["tenant"], "acme");
    assert_eq!(acme["last_run_status"], "succeeded");
    assert!(acme["watermark"].is_string() && acme["lag_seconds"].is_number(), "{acme}");
}

/// Plain incremental runs of several tenants on the shared source are read with one query per
/// stream and routed by inbox: every change lands under the tenant that owns its inbox, a tenant
/// locked by another process is skipped (and catches up later), and the result is what a clean
/// full load gives.
#[tokio::test]
async fn tenants_read_together_get_each_change_under_their_own_tenant() {
    let source = seeded_source(600).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=3);
    create_tenant(&target, &source, "globex", 4..=4);
    create_tenant(&target, &source, "initech", 5..=40);
    let tenants: [(&str, std::ops::RangeInclusive<i32>); 3] =
        [("acme", 1..=3), ("globex", 4..=4), ("initech", 5..=40)];
    etl(&target, &source).arg("--all-tenants").assert().success();

    let at = mutate::source_now(&source.pool).await.unwrap();
    for (_, inboxes) in &tenants {
        let inboxes: Vec<i32> = inboxes.clone().collect();
        let ids = conversations_in(&source, &inboxes, 5).await;
        mutate::add_incoming_message(&source.pool, ids[0], at).await.unwrap();
        mutate::set_status(&source.pool, ids[1], 2, at).await.unwrap();
        mutate::set_labels(&source.pool, ids[2], &["vip"], at).await.unwrap();
        mutate::add_event(&source.pool, ids[3], "conversation_bot_handoff", Some(3.0), at).await.unwrap();
        mutate::add_csat(&source.pool, ids[4], 4, at).await.unwrap();
    }
    etl(&target, &source)
        .args(["--all-tenants", "-v"])
        .assert()
        .success()
        .stderr(predicate::str::contains("changes of 3 tenants read together"))
        .stderr(predicate::str::contains("read on its own").not());
    assert_same(&snapshot(&target).await, &clean_full_load(&source, &tenants).await, "read together");
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status <> 'succeeded'").await, 0);
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs").await, 6);

    // Another process holds globex: it is skipped and says so; the others still go together.
    let globex: i32 =
        scalar_i64(&target, "SELECT id::bigint FROM tenants WHERE slug = 'globex'").await as i32;
    let mut holder = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1, $2)")
        .bind(geniai::etl::LOCK_NAMESPACE)
        .bind(globex)
        .execute(&mut holder)
        .await
        .unwrap();
    let at = mutate::source_now(&source.pool).await.unwrap();
    let message = mutate::add_incoming_message(&source.pool, conversations_in(&source, &[4], 1).await[0], at)
        .await
        .unwrap();
    etl(&target, &source)
        .arg("--all-tenants")
        .assert()
        .success()
        .stderr(predicate::str::contains("another geniai etl is processing this tenant"));
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status = 'skipped'").await, 1);
    holder.close().await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let owner: String = sqlx::query_scalar(
        "SELECT t.slug FROM messages m JOIN tenants t ON t.id = m.tenant_id WHERE m.message_id = $1",
    )
    .bind(message)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(owner, "globex");
    drop(tx);
    assert_same(&snapshot(&target).await, &clean_full_load(&source, &tenants).await, "after the skip");
}

/// Issue 17's multi-tenant first load: several tenants first-loaded in one `--all-tenants` run
/// each end up with exactly what a run of that tenant alone gives, and none holds a row of an
/// inbox it does not own. (The guard for reading the source once for all of them.)
#[tokio::test]
async fn tenants_first_loaded_in_one_run_each_get_what_a_run_of_their_own_gives() {
    let source = seeded_source(400).await;
    let tenants: [(&str, std::ops::RangeInclusive<i32>); 3] =
        [("acme", 1..=3), ("globex", 4..=4), ("initech", 5..=40)];
    let target = support::migrated_db().await;
    for (slug, inboxes) in &tenants {
        create_tenant(&target, &source, slug, inboxes.clone());
    }
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status <> 'succeeded'").await, 0);
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE mode = 'full'").await, 3);

    let mut alone = Vec::new();
    for tenant in &tenants {
        alone.extend(clean_full_load(&source, std::slice::from_ref(tenant)).await);
    }
    let mut together = snapshot(&target).await;
    together.sort();
    alone.sort();
    assert_same(&together, &alone, "first-loaded together vs each on its own");

    for sql in [
        "SELECT count(*) FROM conversations x WHERE NOT EXISTS
            (SELECT 1 FROM inbox_mappings m WHERE m.tenant_id = x.tenant_id AND m.inbox_id = x.inbox_id)",
        "SELECT count(*) FROM messages x WHERE NOT EXISTS
            (SELECT 1 FROM inbox_mappings m WHERE m.tenant_id = x.tenant_id AND m.inbox_id = x.inbox_id)",
        "SELECT count(*) FROM reporting_events x WHERE x.inbox_id IS NOT NULL AND NOT EXISTS
            (SELECT 1 FROM inbox_mappings m WHERE m.tenant_id = x.tenant_id AND m.inbox_id = x.inbox_id)",
        "SELECT count(*) FROM csat_responses x WHERE NOT EXISTS
            (SELECT 1 FROM conversations c JOIN inbox_mappings m ON m.tenant_id = c.tenant_id AND m.inbox_id = c.inbox_id
              WHERE c.tenant_id = x.tenant_id AND c.conversation_id = x.conversation_id)",
        "SELECT count(*) FROM (SELECT conversation_id FROM conversations GROUP BY 1 HAVING count(*) > 1) d",
    ] {
        assert_eq!(scalar_i64(&target, sql).await, 0, "a row outside its tenant's inboxes: {sql}");
    }
    for (slug, _) in &tenants {
        let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
        let rows: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM messages m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1",
        )
        .bind(slug)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert!(rows > 0, "{slug} got no messages");
    }
}
