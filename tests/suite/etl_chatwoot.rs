//! The ETL against Chatwoot as it is installed and used in production: edits Chatwoot allows
//! long after a row was written, a least-privilege source login, older installations' label
//! storage, and the analytics database's statistics right after a load.

use geniai::etl::extract;
use geniai::source::mutate;

use super::support::{self, TestDb, create_tenant, etl, seeded_source};

async fn target_scalar<T>(db: &TestDb, sql: &'static str, bind: i64) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    let mut tx = geniai::db::platform_tx(&db.pool).await.unwrap();
    sqlx::query_scalar(sql).bind(bind).fetch_one(&mut *tx).await.unwrap()
}

async fn conversations_in(source: &TestDb, inboxes: &[i32], n: i64) -> Vec<i32> {
    sqlx::query_scalar("SELECT id FROM conversations WHERE inbox_id = ANY($1) ORDER BY id LIMIT $2")
        .bind(inboxes)
        .bind(n)
        .fetch_all(&source.pool)
        .await
        .unwrap()
}

/// Chatwoot lets a contact change a rating until 14 days after the survey: an edit of an answer
/// with more than a thousand newer answers behind it must still reach the copy.
#[tokio::test]
async fn a_csat_rating_edited_after_a_thousand_newer_answers_reaches_the_copy() {
    let source = seeded_source(100).await;
    let target = support::migrated_db().await;
    let inboxes: Vec<i32> = (1..=200).collect();
    create_tenant(&target, &source, "acme", 1..=200);
    let ids = conversations_in(&source, &inboxes, 20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let first = mutate::add_csat(&source.pool, ids[0], 5, at).await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();

    for n in 0..1_001 {
        let at = mutate::source_now(&source.pool).await.unwrap();
        mutate::add_csat(&source.pool, ids[1 + n % 19], 4, at).await.unwrap();
    }
    etl(&target, &source).arg("--all-tenants").assert().success();
    let loaded: i64 =
        target_scalar(&target, "SELECT count(*) FROM csat_responses WHERE response_id > $1", first).await;
    assert_eq!(loaded, 1_001, "the newer answers were not loaded by the run");

    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::edit_csat(&source.pool, first, 1, at).await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    let rating: i16 =
        target_scalar(&target, "SELECT rating FROM csat_responses WHERE response_id = $1", first).await;
    assert_eq!(rating, 1, "the edited rating did not reach the copy");
}

/// Older Chatwoot installations have conversations whose `cached_label_list` is NULL while their
/// labels are in `taggings`: those labels come from `taggings`; a cached list, when there is one,
/// is what the copy shows.
#[tokio::test]
async fn labels_come_from_taggings_when_the_cached_list_is_null_and_from_the_cache_otherwise() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=200);
    // Two labelled conversations: one as an older installation left it, one with its cache.
    let labelled: Vec<(i32, String)> = sqlx::query_as(
        "SELECT id, cached_label_list FROM conversations WHERE cached_label_list LIKE '%,%' ORDER BY id LIMIT 2",
    )
    .fetch_all(&source.pool)
    .await
    .unwrap();
    assert_eq!(labelled.len(), 2);
    let (uncached, cached) = (labelled[0].0, labelled[1].clone());
    sqlx::query("UPDATE conversations SET cached_label_list = NULL WHERE id = $1")
        .bind(uncached)
        .execute(&source.pool)
        .await
        .unwrap();
    let tagged: Vec<String> = sqlx::query_scalar(
        "SELECT t.name FROM taggings g JOIN tags t ON t.id = g.tag_id
          WHERE g.taggable_id = $1 AND g.taggable_type = 'Conversation' AND g.context = 'labels' ORDER BY 1",
    )
    .bind(uncached)
    .fetch_all(&source.pool)
    .await
    .unwrap();
    assert!(tagged.len() >= 2, "{tagged:?}");
    etl(&target, &source).arg("--all-tenants").assert().success();

    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let labels_of = "SELECT labels FROM conversations WHERE conversation_id = $1";
    let copied: Vec<String> = sqlx::query_scalar(labels_of).bind(uncached).fetch_one(&mut *tx).await.unwrap();
    assert_eq!(copied, tagged, "labels of a conversation without a cached list");
    let mut expected: Vec<String> = cached.1.split(',').map(|l| l.trim().to_string()).collect();
    expected.sort();
    let copied: Vec<String> = sqlx::query_scalar(labels_of).bind(cached.0).fetch_one(&mut *tx).await.unwrap();
    assert_eq!(copied, expected, "labels of a conversation with a cached list");
}

/// Every scan in an `EXPLAIN (FORMAT JSON)` plan node and below: (node type, relation).
fn scans(plan: &serde_json::Value, out: &mut Vec<(String, String)>) {
    let text = |key: &str| plan.get(key).and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
    if text("Node Type").ends_with("Scan") {
        out.push((text("Node Type"), text("Relation Name")));
    }
    for child in plan.get("Plans").and_then(serde_json::Value::as_array).into_iter().flatten() {
        scans(child, out);
    }
}

/// Right after a first load, before autovacuum could get to the tables, the planner has the
/// statistics of what was loaded: the run analyzed the tables it filled, and per-conversation
/// lookups of events (those of the export computed from the facts, its reference) go through
/// their index.
#[tokio::test]
async fn a_first_load_leaves_statistics_so_the_export_plan_uses_its_indexes() {
    let source = seeded_source(2_000).await;
    let target = support::migrated_db().await;
    let tables = ["conversations", "messages", "reporting_events", "csat_responses", "report_rollups"];
    for table in tables {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER TABLE {table} SET (autovacuum_enabled = off)")))
            .execute(&target.pool)
            .await
            .unwrap();
    }
    create_tenant(&target, &source, "acme", 1..=60);
    create_tenant(&target, &source, "globex", 61..=120);
    etl(&target, &source).arg("--all-tenants").assert().success();

    for table in tables {
        let (analyzed, autoanalyzed, with_stats): (bool, bool, i64) = sqlx::query_as(
            "SELECT last_analyze IS NOT NULL, last_autoanalyze IS NOT NULL,
                    (SELECT count(*) FROM pg_stats s WHERE s.schemaname = t.schemaname AND s.tablename = t.relname)
               FROM pg_stat_user_tables t WHERE t.relname = $1",
        )
        .bind(table)
        .fetch_one(&target.pool)
        .await
        .unwrap();
        assert!(!autoanalyzed, "{table}: autovacuum was meant to be off");
        assert!(
            analyzed && with_stats > 0,
            "{table}: not analyzed by the run ({with_stats} column statistics)"
        );
    }

    let tenant: i32 = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'acme'")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    let mut tx = geniai::db::tenant_tx(&target.pool, geniai::db::TenantId(tenant)).await.unwrap();
    let now = chrono::Utc::now();
    let plan: serde_json::Value = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "EXPLAIN (FORMAT JSON) {}",
        geniai::reports::export::EXPORT_FROM_FACTS_SQL
    )))
    .bind(now - chrono::Duration::days(365))
    .bind(now)
    .bind(false)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let mut found = Vec::new();
    scans(&plan[0]["Plan"], &mut found);
    // The events are the large table the export looks up per conversation (the CSAT answers of
    // this source are few enough that reading them whole is the better plan). A bitmap heap scan
    // reads the rows its bitmap index scan found: an index plan too.
    let events: Vec<&(String, String)> =
        found.iter().filter(|(_, relation)| relation == "reporting_events").collect();
    assert!(
        !events.is_empty()
            && events.iter().all(|(node, _)| node.contains("Index") || node == "Bitmap Heap Scan"),
        "the export reads reporting_events without its index: {found:?}"
    );
}

/// A first load of many tenants analyzes the tables when they were never analyzed and once more at
/// the end of the run, not after every tenant (ANALYZE samples the same number of rows whatever a
/// tenant wrote): five tenants loaded one after the other, the largest first, analyze twice, and the
/// statistics count every tenant's conversations.
#[tokio::test]
async fn a_first_load_of_many_tenants_analyzes_once_at_first_and_once_at_the_end() {
    let source = seeded_source(1_000).await;
    let target = support::migrated_db().await;
    sqlx::raw_sql("ALTER TABLE conversations SET (autovacuum_enabled = off)")
        .execute(&target.pool)
        .await
        .unwrap();
    create_tenant(&target, &source, "a-large", 1..=100);
    for (n, inbox) in (101..=104).enumerate() {
        create_tenant(&target, &source, &format!("b-small-{n}"), inbox..=inbox);
    }
    etl(&target, &source).args(["--all-tenants", "--jobs", "1"]).assert().success();

    let (analyses, autoanalyses, known, rows): (i64, i64, f32, i64) = sqlx::query_as(
        "SELECT analyze_count, autoanalyze_count, (SELECT reltuples FROM pg_class WHERE relname = 'conversations'),
                (SELECT count(*) FROM conversations)
           FROM pg_stat_user_tables WHERE relname = 'conversations'",
    )
    .fetch_one(&target.pool)
    .await
    .unwrap();
    assert_eq!(autoanalyses, 0, "autovacuum was meant to be off");
    let small: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations WHERE inbox_id > 100")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    assert!(small > 0 && rows > small, "the tenants hold {rows} conversations, {small} of the small ones");
    assert_eq!(analyses, 2, "five first loads analyzed the conversations {analyses} times");
    assert_eq!(known as i64, rows, "the statistics know of {known} conversations of {rows}");
}

/// A login on `source` that can read every table and nothing more (no `pg_read_all_stats`), as
/// the README tells users to create; returns its URL.
async fn read_only_login(source: &TestDb) -> String {
    let role = format!("reader_{}", source.name);
    for sql in [
        format!("CREATE ROLE {role} LOGIN PASSWORD 'reader' NOSUPERUSER NOINHERIT"),
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&source.pool).await.unwrap();
    }
    let mut url = url::Url::parse(&source.url).unwrap();
    url.set_username(&role).unwrap();
    url.set_password(Some("reader")).unwrap();
    url.to_string()
}

/// A transaction that stamps its message when it runs, stays open across a run made with a
/// least-privilege source login (which sees no other session's `xact_start`), then commits: the
/// next run, with no overlap at all, still picks the message up, and the held-back watermark is
/// recorded, warned about, and reported by `geniai doctor` with the grant that fixes it.
#[tokio::test]
async fn a_late_commit_is_not_missed_with_a_source_login_that_cannot_read_others_activity() {
    let source = seeded_source(100).await;
    let target = support::migrated_db().await;
    let reader = read_only_login(&source).await;
    let inboxes: Vec<i32> = (1..=200).collect();
    create_tenant(&target, &source, "acme", 1..=200);
    let run = |overlap: &str| {
        let mut cmd = support::geniai(&target);
        cmd.env("GENIAI_SOURCE_URL", &reader).args(["etl", "--all-tenants", "--overlap", overlap]);
        cmd.assert().success()
    };
    run("0");
    let ids = conversations_in(&source, &inboxes, 2).await;

    let late = mutate::begin_late_message(&source.pool, ids[0]).await.unwrap();
    let later = mutate::source_now(&source.pool).await.unwrap();
    let visible = mutate::add_incoming_message(&source.pool, ids[1], later).await.unwrap();
    let held = run("0");
    let stderr = String::from_utf8_lossy(&held.get_output().stderr).to_string();
    let late_id = late.message_id;
    late.commit().await.unwrap();
    run("0");

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

    let recorded: Option<String> = sqlx::query_scalar(
        "SELECT warning FROM etl_runs WHERE status = 'succeeded' ORDER BY run_id DESC OFFSET 1 LIMIT 1",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    let recorded = recorded.expect("the run that held its watermark back records it");
    assert!(recorded.contains("GRANT pg_read_all_stats TO"), "{recorded}");
    assert!(stderr.contains("GRANT pg_read_all_stats TO"), "no warning on stderr: {stderr}");

    let doctor = support::geniai(&target)
        .env("GENIAI_SOURCE_URL", &reader)
        .args(["doctor", "--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    let role = url::Url::parse(&reader).unwrap().username().to_string();
    let grant = format!("GRANT pg_read_all_stats TO {role}");
    let finding = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fix"].as_str().is_some_and(|fix| fix.contains(&grant)))
        .unwrap_or_else(|| panic!("doctor does not report the missing grant: {findings}"));
    assert_eq!(finding["status"], "warn", "{finding}");
}

/// The binary search that finds the first CSAT response of the edit window splits the responses
/// exactly at the window's start when ids follow `created_at`, as Chatwoot's do, with gaps in
/// the ids (deleted responses) and at every kind of boundary.
#[tokio::test]
async fn the_csat_edit_window_starts_exactly_at_the_first_response_created_in_it() {
    let source = seeded_source(20).await;
    let conversation: i32 =
        sqlx::query_scalar("SELECT min(id) FROM conversations").fetch_one(&source.pool).await.unwrap();
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    for sql in [
        "DELETE FROM csat_survey_responses",
        "INSERT INTO csat_survey_responses (account_id, conversation_id, message_id, rating, contact_id, created_at, updated_at)
         SELECT 1, $1, 1000000 + i, 5, 1, $2 + i * interval '1 minute', $2 + i * interval '1 minute'
           FROM generate_series(1, 5000) AS i ORDER BY i",
        "DELETE FROM csat_survey_responses WHERE id % 7 = 0 OR id % 1000 BETWEEN 10 AND 400",
    ] {
        sqlx::query(sql).bind(conversation).bind(base).execute(&source.pool).await.unwrap();
    }
    let mut conn = source.pool.acquire().await.unwrap();
    for minutes in [-10, 0, 1, 2, 1_500, 1_777, 2_010, 4_999, 5_000, 5_001, 9_000] {
        let start = base + chrono::Duration::minutes(minutes);
        let from = start + extract::CSAT_EDIT_REREAD;
        let floor = extract::csat_window_floor(&mut conn, from, i64::MAX).await.unwrap();
        let (older_above, newer_below): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE id > $1 AND created_at < $2),
                    count(*) FILTER (WHERE id <= $1 AND created_at >= $2) FROM csat_survey_responses",
        )
        .bind(floor)
        .bind(start)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!((older_above, newer_below), (0, 0), "window starting {start}: floor {floor}");
    }
}
