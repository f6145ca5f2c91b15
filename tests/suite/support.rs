//! The test harness: a throwaway PostgreSQL server per test run and a fresh database per test.
//!
//! The server is geniai's own embedded cluster code, started in a temporary directory and tied to
//! a thread that lives as long as the test process, so it dies with the run. When
//! `GENIAI_TEST_DATABASE_URL` is set, tests create their databases on that server instead.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use geniai::embedded::{Cluster, ClusterOptions};
use geniai::source::seed::{self, SeedOptions};
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::OnceCell;

/// The server every test database lives on.
pub struct TestServer {
    /// URL of the server's maintenance database (`postgres`), with a superuser.
    admin_url: String,
    /// The geniai home of the throwaway cluster, if the harness runs one.
    pub home: Option<PathBuf>,
}

impl TestServer {
    /// The URL of database `name` on this server.
    pub fn url_for(&self, name: &str) -> String {
        let mut url = url::Url::parse(&self.admin_url).expect("valid admin url");
        url.set_path(&format!("/{name}"));
        url.to_string()
    }
}

static SERVER: OnceLock<TestServer> = OnceLock::new();
static TEMPLATE: OnceCell<String> = OnceCell::const_new();
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The shared test server, started on first use.
pub fn server() -> &'static TestServer {
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("GENIAI_TEST_DATABASE_URL") {
            return TestServer { admin_url: url, home: None };
        }
        start_throwaway_cluster()
    })
}

fn start_throwaway_cluster() -> TestServer {
    remove_stale_clusters();
    let home = std::env::temp_dir().join(format!("geniai-test-{}", std::process::id()));
    let cluster = Cluster::new(&home).expect("PostgreSQL server binaries are needed for the tests");
    cluster
        .ensure_initialized(&ClusterOptions { ephemeral: true, tcp_port: None })
        .expect("initdb for the test cluster");
    // The server is spawned from a thread that never ends, and gets SIGINT when it does (that is,
    // when the test process exits). The thread also waits for readiness: it is outside any async
    // runtime, so it may block.
    let admin_url = cluster.url_for("postgres");
    let (tx, rx) = std::sync::mpsc::channel();
    let (spawner, url) = (cluster.clone(), admin_url.clone());
    std::thread::spawn(move || {
        let started = spawner.spawn_attached().map_err(|e| format!("{e:#}"));
        let ok = started.is_ok();
        if ok {
            wait_until_accepting(&url, &spawner);
        }
        tx.send(started.map(|_| ())).ok();
        if ok {
            loop {
                std::thread::park();
            }
        }
    });
    rx.recv().expect("spawner thread").expect("start the test PostgreSQL server");
    TestServer { admin_url, home: Some(home) }
}

/// Polls until the freshly started server accepts connections (startup readiness, not a test
/// synchronisation).
fn wait_until_accepting(url: &str, cluster: &Cluster) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    rt.block_on(async {
        loop {
            match PgConnection::connect(url).await {
                Ok(conn) => {
                    conn.close().await.ok();
                    return;
                }
                Err(err) if Instant::now() > deadline => {
                    let log = std::fs::read_to_string(cluster.log_path()).unwrap_or_default();
                    panic!("test PostgreSQL did not start: {err}\n{log}");
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });
}

/// Removes clusters left by earlier runs whose process is gone.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("geniai-test-")) else { continue };
        let Ok(pid) = pid.parse::<i32>() else { continue };
        if !PathBuf::from(format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A database created for one test.
pub struct TestDb {
    pub name: String,
    pub url: String,
    pub pool: PgPool,
}

impl TestDb {
    /// A pool with one connection, so a test can observe what a reused connection carries.
    pub async fn single_connection_pool(&self) -> PgPool {
        sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(&self.url).await.unwrap()
    }
}

fn unique_name(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

async fn create_database(name: &str, template: Option<&str>) -> String {
    let server = server();
    let mut admin = PgConnection::connect(&server.admin_url).await.expect("connect to the test server");
    let sql = match template {
        Some(t) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{t}\""),
        None => format!("CREATE DATABASE \"{name}\""),
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.expect("create test database");
    admin.close().await.ok();
    server.url_for(name)
}

async fn open(name: String, url: String) -> TestDb {
    let pool = geniai::db::connect(&url, 8).await.expect("connect to the test database");
    TestDb { name, url, pool }
}

/// An empty database (not migrated).
pub async fn fresh_db() -> TestDb {
    let name = unique_name("t");
    let url = create_database(&name, None).await;
    open(name, url).await
}

/// A database with geniai's schema applied, copied from a template migrated once per run.
pub async fn migrated_db() -> TestDb {
    let template = TEMPLATE
        .get_or_init(|| async {
            let name = unique_name("template");
            let url = create_database(&name, None).await;
            let pool = geniai::db::connect(&url, 2).await.unwrap();
            geniai::db::migrate::run(&pool).await.expect("migrate the template");
            pool.close().await;
            name
        })
        .await;
    let name = unique_name("t");
    let url = create_database(&name, Some(template)).await;
    open(name, url).await
}

/// The geniai binary, with a clean environment pointed at `db`.
pub fn geniai(db: &TestDb) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").expect("the geniai binary");
    for var in [
        "GENIAI_SOURCE_URL",
        "GENIAI_HOME",
        "GENIAI_MASTER_KEY",
        "GENIAI_MASTER_KEY_FILE",
        "RUST_LOG",
        "GENIAI_CONFIG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("DATABASE_URL", &db.url).env("GENIAI_ACTOR", "test");
    cmd
}

/// A Chatwoot source generated with `conversations` conversations (seed 42).
pub async fn seeded_source(conversations: u64) -> TestDb {
    let db = fresh_db().await;
    seed::seed(&db.url, &SeedOptions::new(conversations, 42)).await.expect("seed the source");
    db
}

/// `geniai etl …` against `target`, reading `source`.
pub fn etl(target: &TestDb, source: &TestDb) -> assert_cmd::Command {
    let mut cmd = geniai(target);
    cmd.env("GENIAI_SOURCE_URL", &source.url).arg("etl");
    cmd
}

/// `geniai tenant create` of `slug` (named after it) owning `inboxes` of `source`.
pub fn create_tenant(target: &TestDb, source: &TestDb, slug: &str, inboxes: std::ops::RangeInclusive<i32>) {
    let mut cmd = geniai(target);
    cmd.env("GENIAI_SOURCE_URL", &source.url).args(["tenant", "create", "--slug", slug, "--name", slug]);
    for inbox in inboxes {
        cmd.args(["--inbox", &inbox.to_string()]);
    }
    cmd.assert().success();
}

/// Stops the embedded cluster of a test's own GENIAI_HOME when dropped, even if the test fails.
pub struct StopClusterOnDrop(pub PathBuf);

impl Drop for StopClusterOnDrop {
    fn drop(&mut self) {
        let _ = assert_cmd::Command::cargo_bin("geniai")
            .unwrap()
            .env("GENIAI_HOME", &self.0)
            .args(["db", "stop"])
            .ok();
    }
}

/// Whether two JSON values are equal, numbers within a relative `tolerance` (sums computed in
/// another order differ in the last bits).
pub fn close_within(a: &serde_json::Value, b: &serde_json::Value, tolerance: f64) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= tolerance * x.abs().max(y.abs()).max(1.0),
        _ => a == b,
    }
}
