//! geniai's database sessions as the server and the user see them: what a killed run leaves
//! behind, who holds a tenant's lock, which log lines carry statement text, and what a failed
//! connection is reported as.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};

use geniai::source::mutate;

use super::support::{self, TestDb, create_tenant, etl, seeded_source};

async fn scalar_i64(db: &TestDb, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

/// The backends holding a granted ETL lock (the advisory lock of a tenant), with their
/// `application_name`.
async fn etl_lock_holders(observer: &mut PgConnection) -> Vec<(i32, String)> {
    sqlx::query_as(
        "SELECT l.pid, coalesce(a.application_name, '')
         FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = $1::int4::oid
         ORDER BY l.pid",
    )
    .bind(geniai::etl::LOCK_NAMESPACE)
    .fetch_all(observer)
    .await
    .unwrap()
}

/// Regression: after `kill -9` of `geniai etl`, the server went on running the statement in
/// flight (here: one blocked on a lock, as a long statement would be), holding the tenant's
/// lock, so an immediate re-run skipped the tenant.
#[tokio::test]
async fn a_killed_etl_leaves_no_statement_running_and_the_rerun_processes_every_tenant() {
    let source = seeded_source(300).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=50);
    create_tenant(&target, &source, "globex", 51..=100);
    etl(&target, &source).arg("--all-tenants").assert().success();
    // An incremental run writes each tenant in the one transaction that holds its lock: blocked
    // at the watermark write, that transaction's statement is in flight while the lock is held.
    let at = mutate::source_now(&source.pool).await.unwrap();
    for inboxes in [1..=50, 51..=100] {
        let inboxes: Vec<i32> = inboxes.collect();
        let id: i32 = sqlx::query_scalar("SELECT min(id) FROM conversations WHERE inbox_id = ANY($1)")
            .bind(&inboxes)
            .fetch_one(&source.pool)
            .await
            .unwrap();
        mutate::add_incoming_message(&source.pool, id, at).await.unwrap();
    }
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query("LOCK TABLE etl_watermarks IN EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .env("DATABASE_URL", &target.url)
        .env("GENIAI_SOURCE_URL", &source.url)
        .env_remove("RUST_LOG")
        .args(["etl", "--all-tenants", "--jobs", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut observer = PgConnection::connect(&target.url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let holders = loop {
        let holders = etl_lock_holders(&mut observer).await;
        let pids: Vec<i32> = holders.iter().map(|(pid, _)| *pid).collect();
        let busy_holders: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1) AND wait_event_type = 'Lock'",
        )
        .bind(&pids)
        .fetch_one(&mut observer)
        .await
        .unwrap();
        if busy_holders > 0 {
            break holders;
        }
        assert!(Instant::now() < deadline, "the ETL never reached the watermark write under a tenant's lock");
        assert!(child.try_wait().unwrap().is_none(), "the ETL finished before reaching the lock");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // The blocker still holds its lock: only the server noticing the dead client ends them.
    let pids: Vec<i32> = holders.iter().map(|(pid, _)| *pid).collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let alive: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)")
            .bind(&pids)
            .fetch_one(&mut observer)
            .await
            .unwrap();
        if alive == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "20 s after kill -9, the server still runs {alive} of the killed ETL's sessions"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (_, application) in &holders {
        assert_eq!(application, "geniai etl", "the sessions name the command");
    }
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();

    etl(&target, &source)
        .arg("--all-tenants")
        .assert()
        .success()
        .stderr(predicate::str::contains("2 succeeded, 0 skipped, 0 failed"));
    assert_eq!(scalar_i64(&target, "SELECT count(*) FROM etl_runs WHERE status = 'skipped'").await, 0);
}

/// The skip message says which session holds the tenant's lock, and since when.
#[tokio::test]
async fn a_skipped_tenant_names_the_session_that_holds_its_lock() {
    let source = seeded_source(50).await;
    let target = support::migrated_db().await;
    create_tenant(&target, &source, "acme", 1..=120);
    let tenant = scalar_i64(&target, "SELECT id::bigint FROM tenants WHERE slug = 'acme'").await as i32;
    let options: PgConnectOptions = target.url.parse().unwrap();
    let mut holder = options.application_name("geniai etl").connect().await.unwrap();
    sqlx::query("BEGIN").execute(&mut holder).await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(geniai::etl::LOCK_NAMESPACE)
        .bind(tenant)
        .execute(&mut holder)
        .await
        .unwrap();
    let (pid, since): (i32, String) = sqlx::query_as(
        "SELECT pg_backend_pid(), to_char(xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
         FROM pg_stat_activity WHERE pid = pg_backend_pid()",
    )
    .fetch_one(&mut holder)
    .await
    .unwrap();
    let out = etl(&target, &source).args(["--tenant", "acme"]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("another geniai etl is processing this tenant"), "{stderr}");
    assert!(stderr.contains(&format!("backend pid {pid}")), "{stderr}");
    assert!(stderr.contains("\"geniai etl\""), "{stderr}");
    assert!(stderr.contains(&format!("since {since} UTC")), "{stderr}");
    holder.close().await.unwrap();
}

/// Runs `geniai [flags] tenant list` while the test blocks its read of `tenants` for more than
/// sqlx's slow-statement threshold (1 s, measured by the server), and returns its stderr.
async fn stderr_of_a_slow_tenant_list(target: &TestDb, flags: &[&str]) -> String {
    let mut blocker = PgConnection::connect(&target.url).await.unwrap();
    sqlx::query("BEGIN").execute(&mut blocker).await.unwrap();
    sqlx::query("LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE").execute(&mut blocker).await.unwrap();
    let child = Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .env("DATABASE_URL", &target.url)
        .env_remove("RUST_LOG")
        .env_remove("GENIAI_CONFIG")
        .args(flags)
        .args(["tenant", "list"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut observer = PgConnection::connect(&target.url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let slow: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
               AND application_name LIKE 'geniai%' AND wait_event_type = 'Lock'
               AND clock_timestamp() - query_start > interval '1.5 s'",
        )
        .fetch_one(&mut observer)
        .await
        .unwrap();
        if slow > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the command never blocked on the tenants table");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// Regression: sqlx printed `WARN slow statement` with the whole SQL text on the terminal.
#[tokio::test]
async fn statement_text_reaches_the_terminal_only_under_verbose() {
    let target = support::migrated_db().await;
    support::geniai(&target)
        .args(["tenant", "create", "--slug", "acme", "--name", "Acme"])
        .assert()
        .success();
    let quiet = stderr_of_a_slow_tenant_list(&target, &[]).await;
    assert!(!quiet.contains("slow statement"), "{quiet}");
    assert!(!quiet.contains("FROM tenants"), "{quiet}");
    // The same slow statement under -v is logged, so the run above did hit the threshold.
    let verbose = stderr_of_a_slow_tenant_list(&target, &["-v"]).await;
    assert!(verbose.contains("slow statement"), "{verbose}");
}
