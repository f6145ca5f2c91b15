//! A login flood against `geniai serve`: 2,000 login attempts released at once while a logged-in
//! user keeps loading the dashboard. Prints the server's peak RSS and the dashboard's p50/p99
//! during the flood against the same without it; asserts nothing.
//!
//!     cargo bench --bench login_flood
//!
//! Two floods, each against a fresh `geniai serve` process (the real binary, default settings):
//! one client (every attempt from one IP, so its limit refuses all but 20 unchecked) and 2,000
//! clients (`--behind-proxy`, a different X-Forwarded-For each, so every attempt is within its
//! limits and only the bound on concurrent checks stands). The database is a throwaway embedded
//! cluster under $BENCH_HOME (default /tmp/geniai-bench-login), or DATABASE_URL; it needs no data
//! set. BENCH_FLOOD (2000) and BENCH_SECONDS (5, the baseline's length) tune the run;
//! BENCH_GENIAI_BIN runs another build of geniai (say, an earlier commit's) for a comparison.
//!
//! The dashboard probe runs on a thread and runtime of its own, apart from the flood's client
//! tasks. The attacker opens its 2,000 connections first, while the probe rests; "during" is
//! measured from the moment they all send until the last is answered, so the quiet seconds of
//! connecting do not dilute it. The server's CPU time during the flood is printed, and the part
//! its password checks took.
//!
//! A real attacker's own CPU work (opening 2,000 connections, sending, and on loopback the
//! kernel's receive path, which runs in the sender's context) is on another machine; here it
//! shares the server's two cores. So each flood runs twice: with the attacker at the server's
//! priority, and with the attacker's threads at nice 19, so that they take only the CPU the server
//! leaves, as a remote attacker's would. BENCH_ATTACKER_NICE (19) sets the second run's nice value.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use geniai::db;
use geniai::embedded::{Cluster, ClusterOptions};
use geniai::web::sessions;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[path = "support/http.rs"]
mod http;
use http::exchange;
use tokio::process::{Child, Command};

#[tokio::main]
async fn main() -> Result<()> {
    let flood: usize = env_or("BENCH_FLOOD", 2000);
    let seconds: u64 = env_or("BENCH_SECONDS", 5);
    let attacker_nice: i32 = env_or("BENCH_ATTACKER_NICE", 19);
    let (url, _cluster) = match std::env::var("DATABASE_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let home = std::env::var("BENCH_HOME").unwrap_or_else(|_| "/tmp/geniai-bench-login".into());
            let cluster = Cluster::new(&home)?;
            cluster.ensure_initialized(&ClusterOptions { ephemeral: true, tcp_port: None })?;
            cluster.start().await?;
            (cluster.url(), Some(cluster))
        }
    };
    let pool = db::connect(&url, 2).await?;
    db::migrate::run(&pool).await?;
    let hash = geniai::password::hash("bench password not for production".into()).await?;
    let mut tx = db::platform_tx(&pool).await?;
    let tenant: i32 = sqlx::query_scalar(
        "INSERT INTO tenants (slug, name) VALUES ('flood', 'Flood Bench') ON CONFLICT (slug)
         DO UPDATE SET status = 'active' RETURNING id",
    )
    .fetch_one(&mut *tx)
    .await?;
    let user_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (tenant_id, email, name, role, password_hash)
         VALUES ($1, 'reader@flood.test', 'Reader', 'viewer', $2)
         ON CONFLICT (email) DO UPDATE SET is_active = true RETURNING id",
    )
    .bind(tenant)
    .bind(&hash)
    .fetch_one(&mut *tx)
    .await?;
    let session = sessions::create(&mut tx, user_id, Duration::from_secs(3600), None, None).await?;
    tx.commit().await?;
    let cookie = format!("Cookie: geniai_session={session}");

    println!("geniai login flood benchmark: {flood} attempts at once, a logged-in user on GET /dashboard");
    let floods = [("one client (one IP)", false), ("one IP per attempt (--behind-proxy)", true)];
    for ((label, behind_proxy), niceness) in
        floods.into_iter().flat_map(|flood| [(flood, 0), (flood, attacker_nice)])
    {
        let mut tx = db::platform_tx(&pool).await?;
        sqlx::query("DELETE FROM login_failures").execute(&mut *tx).await?;
        tx.commit().await?;
        let server = Server::start(&url, behind_proxy).await?;
        let baseline = probe(&server.addr, &cookie, Some(Duration::from_secs(seconds)), None, None).await?;
        let rss_before = server.rss_kib("VmRSS:")?;
        let cpu_before = server.cpu_seconds()?;
        // The attacker opens its connections while the probe rests, then the probe starts and
        // the attempts go out at once: "during" is the burst alone, not the connecting before it.
        let done = Arc::new(tokio::sync::Notify::new());
        let (connected, ready) = tokio::sync::oneshot::channel();
        let (release, go) = tokio::sync::oneshot::channel();
        let flooding = attack(
            server.addr.clone(),
            flood,
            behind_proxy,
            niceness,
            Release { connected, go, done: done.clone() },
        )?;
        ready.await.context("the attacker could not open its connections")?;
        let during = probe(&server.addr, &cookie, None, Some(done), Some(release)).await?;
        let (statuses, took) = flooding.await.context("the attacker thread ended without an answer")??;
        let peak = server.rss_kib("VmHWM:")?;
        let cpu_after = server.cpu_seconds()?;
        println!("  {label}, the attacker at nice {niceness}:");
        println!(
            "    flood answered in {:.1} s: {}",
            took.as_secs_f64(),
            statuses.iter().map(|(s, n)| format!("{n} x {s}")).collect::<Vec<_>>().join(", ")
        );
        println!(
            "    server RSS: {:.0} MB before the flood, peak {:.0} MB",
            rss_before / 1024.0,
            peak / 1024.0
        );
        println!(
            "    server CPU during the flood: {:.2} s, of which password checks {:.2} s",
            cpu_after.total - cpu_before.total,
            cpu_after.checks - cpu_before.checks
        );
        println!(
            "    dashboard: without flood p50 {:.1} ms, p99 {:.1} ms ({} requests); during it p50 {:.1} ms, p99 {:.1} ms ({} requests, {} errors)",
            baseline.p50,
            baseline.p99,
            baseline.requests,
            during.p50,
            during.p99,
            during.requests,
            during.errors
        );
        server.stop().await;
    }
    println!(
        "  targets: peak RSS under 300 MB; dashboard p99 during the flood under twice its value without"
    );
    Ok(())
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A `geniai serve` child process.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    async fn start(url: &str, behind_proxy: bool) -> Result<Server> {
        let binary =
            std::env::var("BENCH_GENIAI_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_geniai").to_string());
        let mut command = Command::new(binary);
        command.args(["serve", "--bind", "127.0.0.1:0"]);
        if behind_proxy {
            command.arg("--behind-proxy");
        }
        let mut child = command
            .env("DATABASE_URL", url)
            .env("RUST_LOG", "error")
            .env_remove("GENIAI_MASTER_KEY")
            .env_remove("GENIAI_MASTER_KEY_FILE")
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .context("starting geniai serve")?;
        let mut lines = BufReader::new(child.stderr.take().context("no stderr")?).lines();
        let addr = loop {
            let Some(line) = lines.next_line().await? else { bail!("geniai serve exited early") };
            if let Some(rest) = line.split("serving on http://").nth(1) {
                break rest.split_whitespace().next().context("no address")?.to_string();
            }
        };
        // Keep reading, so that the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Server { child, addr })
    }

    /// A `/proc/PID/status` figure in KiB (VmRSS: now, VmHWM: the peak so far).
    fn rss_kib(&self, field: &str) -> Result<f64> {
        let pid = self.child.id().context("the server has exited")?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let line = status.lines().find(|l| l.starts_with(field)).context("no such field")?;
        Ok(line.split_whitespace().nth(1).context("no value")?.parse()?)
    }

    /// The CPU time the server has used so far, in all and on its password-checking threads.
    fn cpu_seconds(&self) -> Result<CpuSeconds> {
        let pid = self.child.id().context("the server has exited")?;
        let mut cpu = CpuSeconds { total: 0.0, checks: 0.0 };
        for task in std::fs::read_dir(format!("/proc/{pid}/task"))? {
            let path = task?.path();
            let (Ok(name), Ok(stat)) =
                (std::fs::read_to_string(path.join("comm")), std::fs::read_to_string(path.join("stat")))
            else {
                continue; // the thread has ended meanwhile
            };
            // Fields after the parenthesised name: utime and stime are the 12th and 13th, in
            // USER_HZ ticks (100 a second on Linux, whatever the kernel's own tick).
            let after_name = stat.rsplit(')').next().unwrap_or_default();
            let fields: Vec<&str> = after_name.split_whitespace().collect();
            let ticks: f64 =
                fields.get(11..13).unwrap_or_default().iter().filter_map(|f| f.parse::<f64>().ok()).sum();
            cpu.total += ticks / 100.0;
            if name.starts_with("geniai-login-ch") {
                cpu.checks += ticks / 100.0;
            }
        }
        Ok(cpu)
    }

    async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// The flood result: how many replies had each status, and how long the last one took.
type FloodResult = Result<(Vec<(u16, usize)>, Duration)>;

/// How the attacker and the probe keep step: the attacker says when its connections are open,
/// sends its attempts on `go` (the probe has started), and signals `done` once all are answered.
struct Release {
    connected: tokio::sync::oneshot::Sender<()>,
    go: tokio::sync::oneshot::Receiver<()>,
    done: Arc<tokio::sync::Notify>,
}

/// [`login_flood`] on a thread pool of its own whose threads run at nice `niceness`.
fn attack(
    addr: String,
    count: usize,
    spread_ips: bool,
    niceness: i32,
    release: Release,
) -> Result<tokio::sync::oneshot::Receiver<FloodResult>> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    std::thread::Builder::new().name("attacker".into()).spawn(move || {
        lower_priority(niceness);
        let result = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .on_thread_start(move || lower_priority(niceness))
            .enable_all()
            .build()
            .context("the attacker's runtime")
            .and_then(|runtime| runtime.block_on(login_flood(addr, count, spread_ips, release)));
        let _ = reply.send(result);
    })?;
    Ok(answer)
}

/// Sets the calling thread's nice value (on Linux, PRIO_PROCESS with a thread id is that thread).
fn lower_priority(niceness: i32) {
    if niceness == 0 {
        return;
    }
    // SAFETY: setpriority only reads its integer arguments; gettid cannot fail.
    let failed =
        unsafe { libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, niceness) != 0 };
    if failed {
        eprintln!("warning: could not set the attacker's nice value to {niceness}");
    }
}

/// `count` connections, opened first, then each sending one wrong login at the same moment.
/// Returns how many replies had each status and how long the last one took.
async fn login_flood(addr: String, count: usize, spread_ips: bool, release: Release) -> FloodResult {
    let csrf = login_csrf(&addr).await?;
    let all_open = Arc::new(tokio::sync::Barrier::new(count + 1));
    let gate = Arc::new(tokio::sync::Barrier::new(count + 1));
    let mut tasks = Vec::new();
    for i in 0..count {
        let body = format!("_csrf={csrf}&email=guess{i}%40flood.test&password=wrong+guess+{i}");
        let forwarded = if spread_ips {
            format!("X-Forwarded-For: 10.{}.{}.{}\r\n", i / 65536, (i / 256) % 256, i % 256)
        } else {
            String::new()
        };
        let request = format!(
            "POST /login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: geniai_login_csrf={csrf}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n{forwarded}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let (addr, all_open, gate) = (addr.clone(), all_open.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let stream = TcpStream::connect(&addr).await;
            all_open.wait().await;
            gate.wait().await; // every task, connected or not, so that the gate always opens
            let mut stream = stream?;
            stream.write_all(request.as_bytes()).await?;
            let mut reply = Vec::new();
            stream.read_to_end(&mut reply).await?;
            let status =
                String::from_utf8_lossy(&reply).split_whitespace().nth(1).and_then(|s| s.parse().ok());
            anyhow::Ok(status.unwrap_or(0u16))
        }));
    }
    all_open.wait().await;
    let _ = release.connected.send(());
    release.go.await.context("the probe did not start")?;
    gate.wait().await;
    let began = Instant::now();
    let mut statuses = std::collections::BTreeMap::new();
    for task in tasks {
        let status = task.await?.unwrap_or(0);
        *statuses.entry(status).or_insert(0) += 1;
    }
    let took = began.elapsed();
    release.done.notify_one();
    Ok((statuses.into_iter().collect(), took))
}

async fn login_csrf(addr: &str) -> Result<String> {
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(format!("GET /login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .await?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await?;
    let start =
        reply.find("geniai_login_csrf=").context("no login CSRF cookie")? + "geniai_login_csrf=".len();
    Ok(reply[start..].split(';').next().context("no cookie value")?.to_string())
}

/// CPU seconds of the server process, all threads and the password-checking ones.
struct CpuSeconds {
    total: f64,
    checks: f64,
}

/// [`dashboard`] on a thread and runtime of its own, so that the flood's 2,000 client tasks in
/// this process never delay the probe's own requests: what it measures is the server.
async fn probe(
    addr: &str,
    cookie: &str,
    duration: Option<Duration>,
    done: Option<Arc<tokio::sync::Notify>>,
    started: Option<tokio::sync::oneshot::Sender<()>>,
) -> Result<Latencies> {
    let (addr, cookie) = (addr.to_string(), cookie.to_string());
    let (reply, answer) = tokio::sync::oneshot::channel();
    std::thread::Builder::new().name("dashboard-probe".into()).spawn(move || {
        let result = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("the probe's runtime")
            .and_then(|runtime| runtime.block_on(dashboard(&addr, &cookie, duration, done, started)));
        let _ = reply.send(result);
    })?;
    answer.await.context("the probe thread ended without an answer")?
}

struct Latencies {
    p50: f64,
    p99: f64,
    requests: usize,
    errors: usize,
}

/// Loads the dashboard back to back on one keep-alive connection, for `duration` or until `done`,
/// saying on `started` when its warm-up request is answered.
async fn dashboard(
    addr: &str,
    cookie: &str,
    duration: Option<Duration>,
    done: Option<Arc<tokio::sync::Notify>>,
    started: Option<tokio::sync::oneshot::Sender<()>>,
) -> Result<Latencies> {
    let request = format!("GET /dashboard HTTP/1.1\r\nHost: {addr}\r\n{cookie}\r\n\r\n").into_bytes();
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let mut buffer = Vec::with_capacity(256 * 1024);
    exchange(&mut stream, &request, &mut buffer).await?; // warm-up (fills the report cache)
    if let Some(started) = started {
        let _ = started.send(());
    }
    let finished = async {
        match (duration, done) {
            (Some(d), _) => tokio::time::sleep(d).await,
            (None, Some(done)) => done.notified().await,
            (None, None) => {}
        }
    };
    tokio::pin!(finished);
    let (mut samples, mut errors) = (Vec::new(), 0usize);
    loop {
        let started = Instant::now();
        tokio::select! {
            _ = &mut finished => break,
            result = exchange(&mut stream, &request, &mut buffer) => match result {
                Ok(200) => samples.push(started.elapsed().as_secs_f64() * 1000.0),
                Ok(_) => errors += 1,
                Err(_) => {
                    errors += 1;
                    stream = TcpStream::connect(addr).await?;
                }
            },
        }
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    Ok(Latencies {
        p50: http::quantile(&samples, 0.5),
        p99: http::quantile(&samples, 0.99),
        requests: samples.len(),
        errors,
    })
}
