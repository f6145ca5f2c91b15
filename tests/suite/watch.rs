//! The continuous sync (`geniai etl --watch`) against real databases and the real binary: a
//! change arrives within two cycles, SIGTERM finishes the cycle in flight, two loops never
//! process one tenant at once, a source outage is ridden out with no gap, an edited CSAT answer
//! and a late source commit still arrive, and `etl prune` keeps the runs table bounded.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use geniai::source::mutate;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::{Connection, PgConnection};

use super::support::{self, TestDb, create_tenant, etl, seeded_source};

/// A `geniai etl --watch` process, its log in a file (a pipe nobody reads would block it).
struct Watcher {
    child: Child,
    log: tempfile::NamedTempFile,
}

impl Watcher {
    /// `geniai etl --watch ARGS`.
    fn start(target: &TestDb, source: &TestDb, args: &[&str]) -> Watcher {
        let mut all = vec!["etl", "--watch"];
        all.extend_from_slice(args);
        Watcher::spawn(target, source, &all)
    }

    /// `geniai ARGS`.
    fn spawn(target: &TestDb, source: &TestDb, args: &[&str]) -> Watcher {
        Watcher::spawn_with(target, source, args, &[])
    }

    /// `geniai ARGS` with these environment variables.
    fn spawn_with(target: &TestDb, source: &TestDb, args: &[&str], env: &[(&str, &str)]) -> Watcher {
        let log = tempfile::NamedTempFile::new().unwrap();
        let child = Command::new(assert_cmd::cargo::cargo_bin("geniai"))
            .env("DATABASE_URL", &target.url)
            .env("GENIAI_SOURCE_URL", &source.url)
            .env_remove("GENIAI_MASTER_KEY")
            .env_remove("GENIAI_MASTER_KEY_FILE")
            .env_remove("RUST_LOG")
            .envs(env.iter().copied())
            .args(args)
            .stdout(Stdio::null())
            .stderr(log.reopen().unwrap())
            .spawn()
            .unwrap();
        Watcher { child, log }
    }

    fn signal(&self, signal: Signal) {
        kill(Pid::from_raw(self.child.id() as i32), signal).unwrap();
    }

    fn log(&self) -> String {
        let mut text = String::new();
        self.log.reopen().unwrap().read_to_string(&mut text).unwrap();
        text
    }

    fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("the watch loop exited ({status}):\n{}", self.log());
        }
    }

    /// Waits (with a deadline) for the process to exit.
    async fn exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the watch loop did not stop:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `sql` (a boolean) until it is true, the watchers still running. Read as the test
/// server's superuser, outside any transaction: row-level security and the statistics views'
/// privacy would hide what is polled for.
async fn wait_for(target: &TestDb, what: &str, sql: &str, watchers: &mut [&mut Watcher]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut observer = PgConnection::connect(&target.url).await.unwrap();
    loop {
        let done: bool =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&mut observer).await.unwrap();
        if done {
            return;
        }
        for watcher in watchers.iter_mut() {
            watcher.assert_running();
        }
        let logs: Vec<String> = watchers.iter().map(|w| w.log()).collect();
        assert!(Instant::now() < deadline, "timed out waiting for {what}:\n{}", logs.join("\n---\n"));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls until every one of these source messages is in the target, the watchers still running.
async fn wait_for_messages(target: &TestDb, messages: &[i32], watchers: &mut [&mut Watcher]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut observer = PgConnection::connect(&target.url).await.unwrap();
    loop {
        let arrived: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE message_id = ANY($1)")
            .bind(messages)
            .fetch_one(&mut observer)
            .await
            .unwrap();
        if arrived == messages.len() as i64 {
            return;
        }
        for watcher in watchers.iter_mut() {
            watcher.assert_running();
        }
        let logs: Vec<String> = watchers.iter().map(|w| w.log()).collect();
        assert!(Instant::now() < deadline, "the changes never arrived:\n{}", logs.join("\n---\n"));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn scalar_i64(target: &TestDb, sql: &'static str) -> i64 {
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *tx).await.unwrap()
}

async fn first_conversation(source: &TestDb, inboxes: std::ops::RangeInclusive<i32>) -> i32 {
    first_conversation_in(&source.pool, inboxes).await
}

async fn first_conversation_in(source: &sqlx::PgPool, inboxes: std::ops::RangeInclusive<i32>) -> i32 {
    let inboxes: Vec<i32> = inboxes.collect();
    sqlx::query_scalar("SELECT min(id) FROM conversations WHERE inbox_id = ANY($1)")
        .bind(&inboxes)
        .fetch_one(source)
        .await
        .unwrap()
}

/// Asserts that the tenant holds exactly the source's messages and conversation statuses of its
/// inboxes: nothing missed, nothing partial.
async fn assert_in_sync(
    target: &TestDb,
    source: &TestDb,
    slug: &str,
    inboxes: std::ops::RangeInclusive<i32>,
) {
    let inboxes: Vec<i32> = inboxes.collect();
    let expected: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages WHERE inbox_id = ANY($1)),
                (SELECT coalesce(sum(id::bigint * (status + 1)), 0)::bigint FROM conversations WHERE inbox_id = ANY($1))",
    )
    .bind(&inboxes)
    .fetch_all(&source.pool)
    .await
    .unwrap();
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let actual: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages m WHERE m.tenant_id = t.id),
                (SELECT coalesce(sum(c.conversation_id::bigint * (c.status + 1)), 0)::bigint
                   FROM conversations c WHERE c.tenant_id = t.id)
         FROM tenants t WHERE t.slug = $1",
    )
    .bind(slug)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(actual, expected, "{slug} differs from the source");
}

/// A source of 200 conversations and a target with acme (inboxes 1–20) and globex (21–40),
/// both loaded by a one-off run.
async fn two_tenants_loaded() -> (TestDb, TestDb) {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    create_tenant(&target, &source, "globex", 21..=40);
    etl(&target, &source).arg("--all-tenants").assert().success();
    (source, target)
}

/// `geniai etl --tenant SLUG --full` beside a running loop, again until it ran rather than found
/// the tenant locked by one of the loop's cycles (a skip is the documented answer to that).
async fn reload_beside_the_loop(target: &TestDb, source: &TestDb, slug: &str) {
    let ran = |slug: &str| {
        format!(
            "SELECT count(*) FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
              WHERE t.slug = '{slug}' AND r.trigger <> 'watch' AND r.mode = 'full' AND r.status = 'succeeded'"
        )
    };
    let before = scalar_i64_of(target, &ran(slug)).await;
    for _ in 0..20 {
        etl(target, source).args(["--tenant", slug, "--full"]).assert().success();
        if scalar_i64_of(target, &ran(slug)).await > before {
            return;
        }
    }
    panic!("every reload of {slug} found the loop holding its lock");
}

async fn scalar_i64_of(target: &TestDb, sql: &str) -> i64 {
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&mut *tx).await.unwrap()
}

async fn target_now(target: &TestDb) -> DateTime<Utc> {
    sqlx::query_scalar("SELECT clock_timestamp()").fetch_one(&target.pool).await.unwrap()
}

#[tokio::test]
async fn a_watch_loop_picks_up_a_change_within_two_cycles() {
    let (source, target) = two_tenants_loaded().await;
    let mut watcher = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "a first cycle",
        "SELECT count(*) >= 2 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;

    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let message = mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    let committed = target_now(&target).await;
    wait_for_messages(&target, &[message], &mut [&mut watcher]).await;
    // The cycles of acme that ended after the commit, up to the one that loaded it: the one in
    // flight at the commit (its snapshot may predate it) and the next one, at most.
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let cycles: i64 = sqlx::query_scalar(
        "WITH acme AS (SELECT r.* FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
                       WHERE t.slug = 'acme' AND r.trigger = 'watch' AND r.finished_at >= $1),
              loading AS (SELECT min(started_at) AS at FROM acme WHERE rows_written > 0)
         SELECT count(*) FROM acme, loading WHERE acme.started_at <= loading.at",
    )
    .bind(committed)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!((1..=2).contains(&cycles), "the change took {cycles} cycles");
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    let out = support::geniai(&target).args(["etl", "status", "--format", "json"]).output().unwrap();
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let acme = status.as_array().unwrap().iter().find(|r| r["tenant"] == "acme").unwrap();
    let newest: DateTime<Utc> = serde_json::from_value(acme["last_change_source_at"].clone()).unwrap();
    assert!(newest >= at.and_utc(), "{acme}");
    assert_eq!(acme["last_run_trigger"], "watch");

    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
}

#[tokio::test]
async fn sigterm_during_a_cycle_finishes_it_and_exits_0() {
    let (source, target) = two_tenants_loaded().await;
    for inboxes in [1..=20, 21..=40] {
        let conversation = first_conversation(&source, inboxes).await;
        let at = mutate::source_now(&source.pool).await.unwrap();
        mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
        mutate::set_status(&source.pool, conversation, 1, at).await.unwrap();
    }
    // The cycle's tenant transactions block on the watermarks until the test lets them go.
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query("LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
    let mut watcher = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "a cycle blocked mid-tenant",
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database()
           AND wait_event_type = 'Lock' AND wait_event = 'relation'",
        &mut [&mut watcher],
    )
    .await;
    watcher.signal(Signal::SIGTERM);
    // Only now can the cycle finish: the loop must wait for it, then exit 0 without another.
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'")
            .await,
        2,
        "one whole cycle, two tenants: {}",
        watcher.log()
    );
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status NOT IN ('succeeded')").await,
        0
    );
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
}

#[tokio::test]
async fn a_second_signal_stops_at_once_and_the_tenant_in_flight_rolls_back() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    etl(&target, &source).arg("--all-tenants").assert().success();
    let before = scalar_i64(&target, "SELECT count(*) FROM messages").await;
    let watermark =
        scalar_i64(&target, "SELECT extract(epoch FROM min(cursor_ts))::bigint FROM etl_watermarks").await;
    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query("LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
    let mut watcher = Watcher::start(&target, &source, &["--tenant", "acme", "--interval", "1s"]);
    wait_for(
        &target,
        "a cycle blocked mid-tenant",
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database()
           AND wait_event_type = 'Lock' AND wait_event = 'relation'",
        &mut [&mut watcher],
    )
    .await;
    watcher.signal(Signal::SIGINT);
    // The first signal is handled before the second arrives: poll the log for it.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !watcher.log().contains("stop requested") {
        assert!(Instant::now() < deadline, "{}", watcher.log());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    watcher.signal(Signal::SIGINT);
    assert_eq!(watcher.exit().await.code(), Some(130), "{}", watcher.log());
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
    // The killed process's backend ends (rolling back) once it gets the table lock it waited on.
    wait_for(
        &target,
        "the dead run's lock to go",
        "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory')",
        &mut [],
    )
    .await;
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM messages").await, before, "a partial tenant");
    assert_eq!(
        scalar_i64(&target, "SELECT extract(epoch FROM min(cursor_ts))::bigint FROM etl_watermarks").await,
        watermark
    );
    // The next run loads it.
    etl(&target, &source).arg("--all-tenants").assert().success();
    assert_in_sync(&target, &source, "acme", 1..=20).await;
}

#[tokio::test]
async fn two_watch_loops_never_process_one_tenant_at_once() {
    let (source, target) = two_tenants_loaded().await;
    for inboxes in [1..=20, 21..=40] {
        let conversation = first_conversation(&source, inboxes).await;
        let at = mutate::source_now(&source.pool).await.unwrap();
        mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    }
    // Whichever loop takes a tenant first holds it (blocked on the watermarks) while the other
    // loop's cycles come round to it: each of those must skip it and say so.
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query("LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
    // The first loop takes both tenants before the second starts: started together, each could
    // take one and block on it, and neither would ever come round to the other's.
    let mut a = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "the first loop holding both tenants' locks",
        "SELECT count(DISTINCT objid) = 2 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = 1734700649::oid",
        &mut [&mut a],
    )
    .await;
    let mut b = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "both tenants skipped by the loop that does not hold them, twice",
        "SELECT count(DISTINCT tenant_id) = 2 AND min(n) >= 2 FROM (
             SELECT tenant_id, count(*) AS n FROM etl_runs
             WHERE status = 'skipped' AND error LIKE 'another geniai etl is processing this tenant%'
             GROUP BY tenant_id) s",
        &mut [&mut a, &mut b],
    )
    .await;
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'")
            .await,
        0
    );
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
    // Both loops go on side by side for a few more cycles, with a change in the middle.
    wait_for(
        &target,
        "some cycles",
        "SELECT count(*) >= 6 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut a, &mut b],
    )
    .await;
    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::set_status(&source.pool, conversation, 1, at).await.unwrap();
    wait_for(
        &target,
        "more cycles",
        "SELECT count(*) >= 12 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut a, &mut b],
    )
    .await;
    a.signal(Signal::SIGTERM);
    b.signal(Signal::SIGTERM);
    assert_eq!(a.exit().await.code(), Some(0), "{}", a.log());
    assert_eq!(b.exit().await.code(), Some(0), "{}", b.log());

    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status IN ('failed', 'running')").await,
        0
    );
    // Processed one at a time, each run of a tenant starts from the watermark the previous one
    // left: two runs at once would start from the same one.
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    type Run = (i32, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let runs: Vec<Run> = sqlx::query_as(
        "SELECT tenant_id, watermark_from, watermark_to FROM etl_runs
         WHERE status = 'succeeded' ORDER BY tenant_id, finished_at",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(runs.len() >= 14, "{runs:?}");
    for pair in runs.windows(2) {
        let [(tenant, _, previous_to), (next_tenant, next_from, _)] = pair else { unreachable!() };
        if tenant == next_tenant {
            assert_eq!(next_from, previous_to, "a run did not start where the previous one ended: {runs:?}");
        }
    }
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
}

#[tokio::test]
async fn a_source_outage_backs_off_and_recovers_without_a_gap() {
    let (source, target) = two_tenants_loaded().await;
    // One connection kept open through the outage, to change the source meanwhile.
    let writer = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect(&source.url)
        .await
        .unwrap();
    let writer_pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&writer).await.unwrap();
    let mut admin = PgConnection::connect(&support::server().url_for("postgres")).await.unwrap();

    let mut watcher =
        Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s", "--max-backoff", "2s"]);
    wait_for(
        &target,
        "a first cycle",
        "SELECT count(*) >= 2 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;

    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER DATABASE \"{}\" ALLOW_CONNECTIONS false", source.name)))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2")
        .bind(&source.name)
        .bind(writer_pid)
        .execute(&mut admin)
        .await
        .unwrap();
    // Changes made during the outage, then the outage seen by several cycles.
    let mut messages = Vec::new();
    for inboxes in [1..=20, 21..=40] {
        let conversation = first_conversation_in(&writer, inboxes).await;
        let at = mutate::source_now(&writer).await.unwrap();
        messages.push(mutate::add_incoming_message(&writer, conversation, at).await.unwrap());
        mutate::set_status(&writer, conversation, 3, at).await.unwrap();
    }
    wait_for(
        &target,
        "failed cycles",
        "SELECT count(*) >= 6 FROM etl_runs WHERE trigger = 'watch' AND status = 'failed'",
        &mut [&mut watcher],
    )
    .await;
    assert!(watcher.log().contains("backing off"), "{}", watcher.log());

    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER DATABASE \"{}\" ALLOW_CONNECTIONS true", source.name)))
        .execute(&mut admin)
        .await
        .unwrap();
    wait_for_messages(&target, &messages, &mut [&mut watcher]).await;
    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    // Read once the process has ended: the messages are committed before the cycle that loaded
    // them logs its end, so reading the log at once raced with that line.
    assert!(watcher.log().contains("succeed again"), "{}", watcher.log());
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
    writer.close().await;
}

#[tokio::test]
async fn a_tenant_that_keeps_failing_is_retried_beside_the_cycles_and_does_not_slow_them() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    create_tenant(&target, &source, "globex", 21..=40);
    create_tenant(&target, &source, "initech", 41..=50);
    let key = geniai::secrets::MasterKey::generate().to_base64().to_string();
    support::geniai(&target)
        .env("GENIAI_MASTER_KEY", &key)
        .args(["secret", "set", "--tenant", "initech", "source_url", "--value-stdin"])
        .write_stdin("postgresql://nobody@127.0.0.1:1/chatwoot\n")
        .assert()
        .success();
    let mut watcher = Watcher::spawn_with(
        &target,
        &source,
        &["etl", "--watch", "--all-tenants", "--interval", "1s", "--max-backoff", "4s"],
        &[("GENIAI_MASTER_KEY", &key)],
    );
    wait_for(
        &target,
        "eight cycles of acme",
        "SELECT coalesce(sum(r.checks), 0) >= 8 FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = 'acme' AND r.trigger = 'watch' AND r.status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;
    // Each attempt at initech waits for a connection that never comes (sqlx retries until its
    // 15 s timeout). The first cycle cannot know and waits; after it, acme's cycles must not:
    // their pace is read from acme's no-change run row, which each cycle extends.
    let acme_checks = "SELECT r.checks, r.finished_at FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
                       WHERE t.slug = 'acme' AND r.trigger = 'watch' ORDER BY r.started_at DESC LIMIT 1";
    let (checks_before, at_before): (i32, DateTime<Utc>) =
        sqlx::query_as(acme_checks).fetch_one(&target.pool).await.unwrap();
    wait_for(
        &target,
        "three more cycles of acme",
        "SELECT coalesce(sum(r.checks), 0) >= 11 FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
         WHERE t.slug = 'acme' AND r.trigger = 'watch' AND r.status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;
    let (checks_after, at_after): (i32, DateTime<Utc>) =
        sqlx::query_as(acme_checks).fetch_one(&target.pool).await.unwrap();
    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    let per_tenant = |slug: &'static str, status: &'static str| {
        let target = &target;
        async move {
            let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
            let n: i64 = sqlx::query_scalar(
                "SELECT coalesce(sum(r.checks), 0)::bigint FROM etl_runs r JOIN tenants t ON t.id = r.tenant_id
                 WHERE t.slug = $1 AND r.trigger = 'watch' AND r.status = $2",
            )
            .bind(slug)
            .bind(status)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            n
        }
    };
    let cycles = per_tenant("acme", "succeeded").await;
    let failures = per_tenant("initech", "failed").await;
    assert!(failures >= 1, "{}", watcher.log());
    assert_eq!(per_tenant("globex", "succeeded").await, cycles);
    assert!(checks_after > checks_before, "one extended row: {checks_before} -> {checks_after}");
    let pace = (at_after - at_before).as_seconds_f64() / f64::from(checks_after - checks_before);
    assert!(pace < 10.0, "acme's cycles came every {pace} s:\n{}", watcher.log());
    assert!(watcher.log().contains("retried on its own"), "{}", watcher.log());
    assert!(!watcher.log().contains("backing off"), "not an outage: {}", watcher.log());
}

#[tokio::test]
async fn prune_keeps_the_runs_table_bounded_and_status_still_shows_the_last_change() {
    let (source, target) = two_tenants_loaded().await;
    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    let mut watcher = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "cycles",
        "SELECT coalesce(sum(checks), 0) >= 8 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;
    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    // Cycles that found nothing new do not add rows: per tenant, the first cycle's run, the
    // one that loaded acme's change, and a no-change row standing for all the cycles after.
    let watch_rows = scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE trigger = 'watch'").await;
    assert!(watch_rows <= 4, "{watch_rows} rows for 8 cycles of two tenants");

    // Everything so far becomes 40 days old; then one recent run with nothing new.
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    sqlx::query(
        "UPDATE etl_runs SET started_at = started_at - interval '40 days', finished_at = finished_at - interval '40 days'",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    let expected_change: Vec<(String, DateTime<Utc>)> = {
        let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
        sqlx::query_as(
            "SELECT t.slug, (SELECT r.finished_at FROM etl_runs r WHERE r.tenant_id = t.id AND r.rows_written > 0
                             ORDER BY r.started_at DESC LIMIT 1)
             FROM tenants t ORDER BY t.slug",
        )
        .fetch_all(&mut *tx)
        .await
        .unwrap()
    };
    let total = scalar_i64(&target, "SELECT count(*) FROM etl_runs").await;
    assert!(total >= 6, "{total}");

    support::geniai(&target)
        .args(["etl", "prune", "--older-than", "30d"])
        .assert()
        .success()
        .stdout(predicates::str::contains(format!("deleted {} ETL run row(s)", total - 4)));
    // Per tenant: the recent run and the latest change (40 days old).
    let mut tx = geniai::db::platform_tx(&target.pool).await.unwrap();
    let kept: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT t.slug, count(*) FILTER (WHERE r.started_at > now() - interval '1 day'),
                count(*) FILTER (WHERE r.rows_written > 0)
         FROM tenants t JOIN etl_runs r ON r.tenant_id = t.id GROUP BY t.slug ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let audited: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'etl.prune'")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(kept, [("acme".to_string(), 1, 1), ("globex".to_string(), 1, 1)]);
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs").await, 4);
    assert_eq!(audited, 1);
    support::geniai(&target)
        .args(["etl", "prune", "--older-than", "30d"])
        .assert()
        .success()
        .stdout(predicates::str::contains("deleted 0 ETL run row(s)"));

    let out = support::geniai(&target).args(["etl", "status", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = status.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for (row, (slug, changed)) in rows.iter().zip(&expected_change) {
        for field in [
            "tenant",
            "tenant_status",
            "inboxes",
            "last_run_started_at",
            "last_run_duration_seconds",
            "last_run_status",
            "last_run_trigger",
            "rows_read",
            "rows_written",
            "watermark",
            "lag_seconds",
            "last_error",
        ] {
            assert!(row.get(field).is_some(), "{field} missing: {row}");
        }
        assert_eq!(row["tenant"], slug.as_str());
        let last_change: DateTime<Utc> = serde_json::from_value(row["last_change_at"].clone()).unwrap();
        let last_check: DateTime<Utc> = serde_json::from_value(row["last_check_at"].clone()).unwrap();
        assert_eq!(last_change, *changed);
        assert!(last_check > last_change + chrono::Duration::days(30), "{row}");
    }
}

#[tokio::test]
async fn serve_sync_keeps_the_dashboard_s_database_in_sync_and_stops_with_the_server() {
    let source = seeded_source(200).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=20);
    create_tenant(&target, &source, "globex", 21..=40);
    let mut server =
        Watcher::spawn(&target, &source, &["serve", "--bind", "127.0.0.1:0", "--sync", "--interval", "1s"]);
    // The loop's first cycle is the tenants' first load.
    wait_for(
        &target,
        "two cycles",
        "SELECT count(*) >= 4 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut server],
    )
    .await;
    let conversation = first_conversation(&source, 21..=40).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let message = mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    mutate::set_status(&source.pool, conversation, 3, at).await.unwrap();
    wait_for_messages(&target, &[message], &mut [&mut server]).await;
    server.signal(Signal::SIGTERM);
    assert_eq!(server.exit().await.code(), Some(0), "{}", server.log());
    assert!(server.log().contains("continuous sync stopped"), "{}", server.log());
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status <> 'succeeded'").await, 0);
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
}

#[test]
fn watch_refuses_full_and_dry_run() {
    for flag in ["--full", "--dry-run"] {
        assert_cmd::Command::cargo_bin("geniai")
            .unwrap()
            .env("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
            .args(["etl", "--all-tenants", "--watch", flag])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("cannot be used with"));
    }
}

#[tokio::test]
async fn cycles_with_nothing_new_skip_their_writes_yet_miss_no_change() {
    let (source, target) = two_tenants_loaded().await;
    let mut watcher = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    wait_for(
        &target,
        "cycles with nothing new",
        "SELECT coalesce(sum(checks), 0) >= 6 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;
    // The first cycle wrote each tenant's run; every later one only moved the watermarks and
    // extended that row.
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE trigger = 'watch'").await,
        2,
        "{}",
        watcher.log()
    );

    // A name changes in Chatwoot, and nothing else: the names are compared too.
    sqlx::query("UPDATE inboxes SET name = 'Vendas (renamed)' WHERE id = 3")
        .execute(&source.pool)
        .await
        .unwrap();
    wait_for(
        &target,
        "the renamed inbox",
        "SELECT EXISTS (SELECT 1 FROM inboxes WHERE inbox_id = 3 AND name = 'Vendas (renamed)')",
        &mut [&mut watcher],
    )
    .await;

    // Another process reloads acme under the loop: what the loop remembers of acme no longer
    // holds, and a change after the reload still arrives.
    reload_beside_the_loop(&target, &source, "acme").await;
    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let message = mutate::add_incoming_message(&source.pool, conversation, at).await.unwrap();
    mutate::set_status(&source.pool, conversation, 1, at).await.unwrap();
    let other = first_conversation(&source, 21..=40).await;
    let reply = mutate::add_agent_reply(&source.pool, other, at).await.unwrap();
    wait_for_messages(&target, &[message, reply], &mut [&mut watcher]).await;
    wait_for(
        &target,
        "the cycles after the changes",
        "SELECT coalesce(sum(checks), 0) >= 14 FROM etl_runs WHERE trigger = 'watch' AND status = 'succeeded'",
        &mut [&mut watcher],
    )
    .await;
    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    // A cycle that met the reload's lock skipped acme and said so; nothing failed.
    assert_eq!(
        scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status NOT IN ('succeeded', 'skipped')")
            .await,
        0
    );
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
    let watermark_lag: f64 =
        sqlx::query_scalar("SELECT extract(epoch FROM max(now() - cursor_ts))::float8 FROM etl_watermarks")
            .fetch_one(&target.pool)
            .await
            .unwrap();
    assert!(watermark_lag < 60.0, "the quiet cycles moved the watermarks: {watermark_lag} s behind");
}

/// An edited CSAT answer and a source write that commits late, both under a running loop whose
/// quiet cycles remember the lines they committed: each still reaches the target.
#[tokio::test]
async fn a_csat_edit_and_a_late_commit_reach_a_running_loop() {
    let (source, target) = two_tenants_loaded().await;
    let conversation = first_conversation(&source, 1..=20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let response = mutate::add_csat(&source.pool, conversation, 2, at).await.unwrap();
    let mut watcher = Watcher::start(&target, &source, &["--all-tenants", "--interval", "1s"]);
    let rated = |rating: i32| {
        format!(
            "SELECT EXISTS (SELECT 1 FROM csat_responses WHERE response_id = {response} AND rating = {rating})"
        )
    };
    wait_for(&target, "the CSAT answer", &rated(2), &mut [&mut watcher]).await;
    // Let a few cycles find nothing new, so that the loop remembers the answer's line.
    let checks = scalar_i64(&target, "SELECT coalesce(sum(checks), 0)::bigint FROM etl_runs").await;
    wait_for(
        &target,
        "quiet cycles",
        &format!("SELECT coalesce(sum(checks), 0) >= {} FROM etl_runs", checks + 4),
        &mut [&mut watcher],
    )
    .await;

    // The contact changes the answer: same row, later `updated_at`.
    let edited_at = mutate::source_now(&source.pool).await.unwrap();
    mutate::edit_csat(&source.pool, response, 5, edited_at).await.unwrap();
    wait_for(&target, "the edited CSAT answer", &rated(5), &mut [&mut watcher]).await;

    // A write stamped now commits only after a later one has been loaded by the loop.
    let other = first_conversation(&source, 21..=40).await;
    let late = mutate::begin_late_message(&source.pool, other).await.unwrap();
    let later = mutate::source_now(&source.pool).await.unwrap();
    // Another conversation: the held write keeps its own conversation's row locked.
    let visible = mutate::add_incoming_message(&source.pool, conversation, later).await.unwrap();
    wait_for_messages(&target, &[visible], &mut [&mut watcher]).await;
    let late_id = late.message_id;
    late.commit().await.unwrap();
    wait_for_messages(&target, &[late_id], &mut [&mut watcher]).await;

    watcher.signal(Signal::SIGTERM);
    assert_eq!(watcher.exit().await.code(), Some(0), "{}", watcher.log());
    assert_in_sync(&target, &source, "acme", 1..=20).await;
    assert_in_sync(&target, &source, "globex", 21..=40).await;
}
