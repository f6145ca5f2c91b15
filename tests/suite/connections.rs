//! geniai's database sessions as the server and the user see them: what a killed run leaves
//! behind, who holds a tenant's lock, which log lines carry statement text, and what a failed
//! connection is reported as.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
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

/// A port nothing listens on: bound, then released.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `geniai` with only `DATABASE_URL` (and `extra` variables) set, running `args`; its stderr.
fn stderr_of(database_url: &str, extra: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
    for var in ["GENIAI_SOURCE_URL", "GENIAI_HOME", "RUST_LOG", "GENIAI_CONFIG"] {
        cmd.env_remove(var);
    }
    cmd.env("DATABASE_URL", database_url);
    for (name, value) in extra {
        cmd.env(name, value);
    }
    let out = cmd.args(args).assert().failure();
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

#[test]
fn a_refused_analytics_connection_is_reported_as_refused_with_host_and_port() {
    let port = free_port();
    let url = format!("postgresql://geniai:pw-never-shown@127.0.0.1:{port}/analytics");
    let stderr = stderr_of(&url, &[], &["tenant", "list"]);
    assert!(stderr.contains("connection refused"), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("timed out"), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}

#[tokio::test]
async fn a_refused_source_connection_is_reported_as_refused_with_host_and_port() {
    let target = support::migrated_db().await;
    let port = free_port();
    let source = format!("postgresql://chatwoot:pw-never-shown@127.0.0.1:{port}/chatwoot");
    let stderr = stderr_of(&target.url, &[("GENIAI_SOURCE_URL", &source)], &["inbox", "list", "--unmapped"]);
    assert!(stderr.contains("Chatwoot source database"), "{stderr}");
    assert!(stderr.contains("connection refused"), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("timed out"), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}

#[test]
fn an_unknown_host_is_reported_as_unknown() {
    let stderr = stderr_of(
        "postgresql://geniai:pw-never-shown@nonexistent.invalid:5432/analytics",
        &[],
        &["tenant", "list"],
    );
    assert!(stderr.contains("unknown host"), "{stderr}");
    assert!(stderr.contains("nonexistent.invalid:5432"), "{stderr}");
    assert!(!stderr.contains("timed out"), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}

#[tokio::test]
async fn a_missing_database_is_named() {
    let target = support::fresh_db().await;
    let mut url = url::Url::parse(&target.url).unwrap();
    url.set_path("/no_such_database");
    let stderr = stderr_of(url.as_str(), &[], &["tenant", "list"]);
    assert!(stderr.contains("database \"no_such_database\" does not exist"), "{stderr}");
    assert!(!stderr.contains("timed out"), "{stderr}");
}

/// Reads one length-prefixed PostgreSQL message body (after the type byte, if any).
fn read_body(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).ok()?;
    let mut body = vec![0u8; (u32::from_be_bytes(len) as usize).checked_sub(4)?];
    stream.read_exact(&mut body).ok()?;
    Some(body)
}

/// A TCP server speaking just enough of PostgreSQL's protocol to refuse every client the way
/// `answer` says, once the client's startup (and SSL request) is read. The test server itself
/// trusts every local connection (it listens on its private socket only), so a login refused
/// for its password has to come from here. Returns its port; the thread lives with the test.
fn fake_server(answer: fn(&mut TcpStream, bool)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some(first) = read_body(&mut stream) else { continue };
            let ssl_request = first == 80877103u32.to_be_bytes();
            answer(&mut stream, ssl_request);
        }
    });
    port
}

fn error_response(stream: &mut TcpStream, code: &str, message: &str) {
    let mut fields = Vec::new();
    for (tag, value) in [(b'S', "FATAL"), (b'V', "FATAL"), (b'C', code), (b'M', message)] {
        fields.push(tag);
        fields.extend_from_slice(value.as_bytes());
        fields.push(0);
    }
    fields.push(0);
    let mut msg = vec![b'E'];
    msg.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
    msg.extend_from_slice(&fields);
    stream.write_all(&msg).ok();
}

/// Declines TLS, asks for a cleartext password, reads it and refuses it, as PostgreSQL does.
fn refuse_the_password(stream: &mut TcpStream, ssl_request: bool) {
    if ssl_request {
        stream.write_all(b"N").ok();
        read_body(stream); // the startup message
    }
    stream.write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3]).ok();
    let mut tag = [0u8; 1];
    if stream.read_exact(&mut tag).is_err() || read_body(stream).is_none() {
        return;
    }
    error_response(stream, "28P01", "password authentication failed for user \"geniai\"");
}

/// Declines TLS, as a server without it does.
fn decline_tls(stream: &mut TcpStream, ssl_request: bool) {
    if ssl_request {
        stream.write_all(b"N").ok();
    }
}

#[test]
fn a_refused_password_is_reported_as_an_authentication_failure_without_the_password() {
    let port = fake_server(refuse_the_password);
    let url = format!("postgresql://geniai:pw-never-shown@127.0.0.1:{port}/analytics");
    let stderr = stderr_of(&url, &[], &["tenant", "list"]);
    assert!(stderr.contains("password authentication failed for user \"geniai\""), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}

/// Refuses a plain connection as a server whose pg_hba.conf admits the login only over TLS.
fn require_tls(stream: &mut TcpStream, ssl_request: bool) {
    if ssl_request {
        stream.write_all(b"N").ok();
        read_body(stream);
    }
    error_response(
        stream,
        "28000",
        "no pg_hba.conf entry for host \"127.0.0.1\", user \"geniai\", database \"analytics\", no encryption",
    );
}

#[test]
fn a_server_that_requires_tls_is_reported_as_such() {
    let port = fake_server(require_tls);
    let url = format!("postgresql://geniai:pw-never-shown@127.0.0.1:{port}/analytics");
    let stderr = stderr_of(&url, &[], &["tenant", "list"]);
    assert!(stderr.contains("the server requires TLS"), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}

/// This geniai is built without TLS (sqlx's TLS features are off): a URL that demands it fails
/// at once, saying so.
#[test]
fn a_url_that_demands_tls_is_reported_as_a_tls_failure() {
    let port = fake_server(decline_tls);
    let url = format!("postgresql://geniai:pw-never-shown@127.0.0.1:{port}/analytics?sslmode=require");
    let stderr = stderr_of(&url, &[], &["tenant", "list"]);
    assert!(stderr.contains("TLS negotiation failed"), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(!stderr.contains("pw-never-shown"), "{stderr}");
}
