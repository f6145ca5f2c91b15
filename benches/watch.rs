//! The continuous sync under a steady trickle of Chatwoot changes: `geniai etl --all-tenants
//! --watch` against a generated source, while a driver writes messages, resolutions and CSAT
//! answers at random moments. Prints figures; asserts nothing.
//!
//!     cargo bench --bench watch
//!
//! Source and target are two throwaway embedded clusters (under $BENCH_HOME, default
//! /tmp/geniai-bench-watch), so that each side's CPU can be read from /proc apart. The source is
//! generated with BENCH_CONVERSATIONS (1,000,000) conversations; 100 tenants share its 120
//! inboxes (as in `scripts/bench-etl.sh`) and are loaded first. Then, in order:
//! 1. the baseline: a one-off `geniai etl --all-tenants` with nothing new (a fresh process, so
//!    every tenant goes through its write transaction);
//! 2. the watch loop (BENCH_INTERVAL, 30 s) alone for BENCH_QUIET_CYCLES (4) cycles: the first
//!    knows nothing yet, the others find nothing new;
//! 3. BENCH_MINUTES (10) of changes at BENCH_RATE (20) a second across the tenants, each change's
//!    lag measured from its commit to its row's appearance in the analytics database (polled
//!    every 100 ms), geniai's RSS sampled every 5 s;
//! 4. two more cycles, then SIGTERM, and the analytics copy compared with the source.
//!
//! The release binary is used (BENCH_GENIAI_BIN overrides it).

use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use geniai::embedded::{Cluster, ClusterOptions};
use geniai::source::{mutate, seed};
use sqlx::PgPool;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

#[path = "support/http.rs"]
#[allow(dead_code)] // only its quantile is needed here
mod http;
use http::quantile;

#[tokio::main]
async fn main() -> Result<()> {
    let home = std::env::var("BENCH_HOME").unwrap_or_else(|_| "/tmp/geniai-bench-watch".into());

    let source_cluster = throwaway(&format!("{home}/source")).await?;
    let target_cluster = throwaway(&format!("{home}/target")).await?;
    let result = bench(&source_cluster, &target_cluster).await;
    let _ = source_cluster.stop();
    let _ = target_cluster.stop();
    result
}

async fn bench(source_cluster: &Cluster, target_cluster: &Cluster) -> Result<()> {
    let conversations: u64 = env_or("BENCH_CONVERSATIONS", 1_000_000);
    let interval: u64 = env_or("BENCH_INTERVAL", 30);
    let quiet_cycles: usize = env_or("BENCH_QUIET_CYCLES", 4);
    let minutes: f64 = env_or("BENCH_MINUTES", 10.0);
    let rate: f64 = env_or("BENCH_RATE", 20.0);
    let binary = std::env::var("BENCH_GENIAI_BIN")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/geniai").into());
    let (source_url, target_url) = (source_cluster.url(), target_cluster.url());
    println!("geniai watch benchmark: {conversations} conversations, 100 tenants, --interval {interval}s");
    let started = Instant::now();
    seed::seed(&source_url, &seed::SeedOptions::new(conversations, 1)).await?;
    println!("  source generated in {:.0} s", started.elapsed().as_secs_f64());
    let source = geniai::db::connect(&source_url, 4).await?;
    let target = geniai::db::connect(&target_url, 2).await?;
    let geniai = |args: &[&str]| {
        let mut command = Command::new(&binary);
        command
            .args(args)
            .env("DATABASE_URL", &target_url)
            .env("GENIAI_SOURCE_URL", &source_url)
            .env_remove("GENIAI_MASTER_KEY")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null());
        command
    };
    run(geniai(&["-q", "migrate"])).await?;
    sqlx::raw_sql(TENANTS_SQL).execute(&target).await.context("creating the tenants")?;
    let started = Instant::now();
    run(geniai(&["-q", "etl", "--all-tenants", "--jobs", "2"])).await?;
    println!("  first load of the 100 tenants in {:.0} s", started.elapsed().as_secs_f64());
    for pool in [&source, &target] {
        sqlx::query("VACUUM (ANALYZE)").execute(pool).await?;
        sqlx::query("CHECKPOINT").execute(pool).await?;
    }

    let cpu = Cpu { source: source_cluster, target: target_cluster };
    let before = cpu.sample()?;
    let started = Instant::now();
    run(geniai(&["-q", "etl", "--all-tenants"])).await?;
    let baseline = started.elapsed().as_secs_f64();
    let spent = cpu.sample()?.since(&before);
    println!(
        "  baseline, a one-off run with nothing new: {baseline:.2} s (source CPU {:.2} s, target CPU {:.2} s)",
        spent.source, spent.target
    );

    let mut watch = geniai(&[
        "etl",
        "--all-tenants",
        "--watch",
        "--interval",
        &format!("{interval}s"),
        "--log-format",
        "json",
    ]);
    watch.env("RUST_LOG", "geniai=debug").stdout(Stdio::null()).stderr(Stdio::piped()).kill_on_drop(true);
    let mut child = watch.spawn().context("starting geniai etl --watch")?;
    let mut cycles = cycle_log(&mut child)?;
    let mut quiet = Vec::new();
    for i in 0..quiet_cycles {
        let before = cpu.sample()?;
        let seconds = cycles.recv().await.context("the watch loop ended")?;
        let spent = cpu.sample()?.since(&before);
        if i > 0 {
            quiet.push((seconds, spent));
        } else {
            println!("  watch, first cycle (nothing remembered yet): {seconds:.2} s");
        }
    }
    if !quiet.is_empty() {
        let n = quiet.len() as f64;
        let seconds: Vec<f64> = quiet.iter().map(|(s, _)| *s).collect();
        println!(
            "  watch, {} cycles with nothing new: {} s (median {:.3} s, {:.1}x faster than the baseline); \
             CPU per cycle: source {:.3} s, target {:.3} s (sampled over the wait, so an upper bound)",
            quiet.len(),
            seconds.iter().map(|s| format!("{s:.3}")).collect::<Vec<_>>().join(", "),
            median(&seconds),
            baseline / median(&seconds),
            quiet.iter().map(|(_, c)| c.source).sum::<f64>() / n,
            quiet.iter().map(|(_, c)| c.target).sum::<f64>() / n
        );
    }

    // The live phase: a driver writes, a prober watches the analytics copy.
    let pid = child.id().context("the watch loop ended")?;
    let open: Vec<(i32, i32)> = sqlx::query_as(
        "SELECT id, inbox_id FROM conversations WHERE status = 0 AND inbox_id <= 120 ORDER BY random() LIMIT 20000",
    )
    .fetch_all(&source)
    .await?;
    let owners: HashMap<i32, i32> =
        sqlx::query_as::<_, (i32, i32)>("SELECT inbox_id, tenant_id FROM inbox_mappings")
            .fetch_all(&target)
            .await?
            .into_iter()
            .collect();
    // (conversation, the tenant that owns its inbox)
    let picks: Vec<(i32, i32)> =
        open.iter().filter_map(|(id, inbox)| owners.get(inbox).map(|tenant| (*id, *tenant))).collect();
    if picks.is_empty() {
        bail!("the source has no open conversation to change");
    }
    let cpu_live = cpu.sample()?;
    let (changed, mut rss) =
        tokio::join!(drive(&source, &target, &picks, minutes, rate), sample_rss(pid, minutes));
    let (lags, kinds) = changed?;
    let spent_live = cpu.sample()?.since(&cpu_live);
    let mut live_cycles = Vec::new();
    while let Ok(seconds) = cycles.try_recv() {
        live_cycles.push(seconds);
    }
    // Two more cycles, so that every change has had its chance, then stop.
    for _ in 0..2 {
        if let Some(seconds) = cycles.recv().await {
            live_cycles.push(seconds);
        }
    }
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), nix::sys::signal::Signal::SIGTERM)?;
    let status = child.wait().await?;
    let missed = missed_rows(&source, &target).await?;

    let mut sorted: Vec<f64> = lags.iter().copied().filter(|l| l.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let never = lags.len() - sorted.len();
    println!(
        "  live: {} changes in {minutes} min ({}), {} cycles (median {:.2} s, max {:.2} s)",
        lags.len(),
        kinds.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", "),
        live_cycles.len(),
        median(&live_cycles),
        live_cycles.iter().copied().fold(0.0, f64::max)
    );
    println!(
        "    lag from commit to the analytics copy: p50 {:.1} s, p99 {:.1} s, max {:.1} s; {never} never seen during the run",
        quantile(&sorted, 0.5),
        quantile(&sorted, 0.99),
        sorted.last().copied().unwrap_or(f64::NAN)
    );
    let n = live_cycles.len().max(1) as f64;
    println!(
        "    CPU per cycle (driver's writes and prober's reads included): source {:.3} s, target {:.3} s",
        spent_live.source / n,
        spent_live.target / n
    );
    rss.sort_by(f64::total_cmp);
    println!(
        "    geniai RSS over the run: min {:.1} MB, max {:.1} MB ({} samples)",
        rss.first().copied().unwrap_or(f64::NAN) / 1024.0,
        rss.last().copied().unwrap_or(f64::NAN) / 1024.0,
        rss.len()
    );
    println!(
        "    rows missed at the end (source minus analytics copy): {missed}; the loop exited with {status}"
    );
    println!(
        "  targets: nothing-new cycle under 0.3 s; lag p99 under 2x the interval; 0 rows missed; RSS flat"
    );
    source.close().await;
    target.close().await;
    Ok(())
}

/// 100 tenants over the 120 generated inboxes: tenants 1–20 own two, the others one.
const TENANTS_SQL: &str = "
INSERT INTO tenants (slug, name) SELECT 'tenant-' || lpad(i::text, 3, '0'), 'Tenant ' || i FROM generate_series(1, 100) i;
INSERT INTO inbox_mappings (inbox_id, tenant_id)
SELECT i, (SELECT id FROM tenants WHERE slug = 'tenant-' || lpad((CASE WHEN i <= 100 THEN i ELSE i - 100 END)::text, 3, '0'))
  FROM generate_series(1, 120) i;";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile(&sorted, 0.5)
}

async fn throwaway(dir: &str) -> Result<Cluster> {
    if std::path::Path::new(dir).exists() {
        // A server left by an interrupted run.
        let _ = Cluster::new(dir)?.stop();
        std::fs::remove_dir_all(dir)?;
    }
    let cluster = Cluster::new(dir)?;
    cluster.ensure_initialized(&ClusterOptions { ephemeral: true, tcp_port: None })?;
    cluster.start().await?;
    Ok(cluster)
}

async fn run(mut command: Command) -> Result<()> {
    let status = command.status().await.context("running geniai")?;
    if !status.success() {
        bail!("geniai exited with {status}");
    }
    Ok(())
}

/// The seconds of each cycle the loop logs (one JSON object per line on stderr).
fn cycle_log(child: &mut Child) -> Result<mpsc::UnboundedReceiver<f64>> {
    let stderr = child.stderr.take().context("no stderr")?;
    let (sender, receiver) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            let Ok(event) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            // `--log-format json` writes an event's fields at the top level of its object.
            if event["event"] == "etl.watch.cycle"
                && let Some(seconds) = event["seconds"].as_f64()
            {
                let _ = sender.send(seconds);
            }
        }
    });
    Ok(receiver)
}

/// Writes changes at `rate` a second (at random moments) for `minutes`, and measures each one's
/// lag: from its commit to its row in the analytics copy. Returns the lags (infinite: never
/// seen) and the count of each kind.
async fn drive(
    source: &PgPool,
    target: &PgPool,
    picks: &[(i32, i32)],
    minutes: f64,
    rate: f64,
) -> Result<(Vec<f64>, Vec<(&'static str, usize)>)> {
    let end = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
    // Pending: (tenant, message id) → commit instant (every kind of change writes a message).
    let mut pending: HashMap<(i32, i32), Instant> = HashMap::new();
    let mut lags = Vec::new();
    let mut kinds = [("messages", 0), ("resolutions", 0), ("CSAT answers", 0)];
    let mut next_change = Instant::now();
    let mut next_poll = Instant::now();
    while Instant::now() < end || !pending.is_empty() {
        let now = Instant::now();
        if now >= next_change && now < end {
            let (conversation, tenant) = picks[rand::random_range(0..picks.len())];
            let at = mutate::source_now(source).await?;
            let kind = rand::random_range(0..10);
            let message = match kind {
                0..=5 => mutate::add_incoming_message(source, conversation, at).await?,
                6..=8 => {
                    mutate::set_status(source, conversation, 1, at).await?;
                    newest_message(source, conversation).await?
                }
                _ => {
                    mutate::add_csat(source, conversation, 1 + rand::random_range(0..5), at).await?;
                    newest_message(source, conversation).await?
                }
            };
            kinds[match kind {
                0..=5 => 0,
                6..=8 => 1,
                _ => 2,
            }]
            .1 += 1;
            pending.insert((tenant, message), Instant::now());
            // Exponential gaps: changes at random moments, `rate` a second on average.
            let gap = -(1.0 - rand::random::<f64>()).ln() / rate;
            next_change = Instant::now() + Duration::from_secs_f64(gap);
        }
        if Instant::now() >= next_poll && !pending.is_empty() {
            let (tenants, ids): (Vec<i32>, Vec<i32>) = pending.keys().copied().unzip();
            // By primary key, so that the prober's own reads stay a small part of the target's CPU.
            let seen: Vec<(i32, i32)> = sqlx::query_as(
                "SELECT m.tenant_id, m.message_id FROM unnest($1::int[], $2::int[]) AS p(tenant_id, message_id)
                   JOIN messages m USING (tenant_id, message_id)",
            )
            .bind(&tenants)
            .bind(&ids)
            .fetch_all(target)
            .await?;
            let at = Instant::now();
            for id in seen {
                if let Some(committed) = pending.remove(&id) {
                    lags.push((at - committed).as_secs_f64());
                }
            }
            next_poll = at + Duration::from_millis(100);
            if Instant::now() > end + Duration::from_secs(600) {
                lags.extend(pending.drain().map(|_| f64::INFINITY));
            }
        }
        let wake = if Instant::now() < end { next_change.min(next_poll) } else { next_poll };
        tokio::time::sleep_until(wake.into()).await;
    }
    Ok((lags, kinds.to_vec()))
}

async fn newest_message(source: &PgPool, conversation: i32) -> Result<i32> {
    Ok(sqlx::query_scalar("SELECT max(id) FROM messages WHERE conversation_id = $1")
        .bind(conversation)
        .fetch_one(source)
        .await?)
}

/// geniai's resident set (KiB) every 5 s for `minutes`.
async fn sample_rss(pid: u32, minutes: f64) -> Vec<f64> {
    let end = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
    let mut samples = Vec::new();
    while Instant::now() < end {
        if let Some(kib) = std::fs::read_to_string(format!("/proc/{pid}/status")).ok().and_then(|status| {
            status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()
        }) {
            samples.push(kib);
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    samples
}

/// Rows of the source the analytics copy lacks (or holds in another state), over every inbox.
async fn missed_rows(source: &PgPool, target: &PgPool) -> Result<i64> {
    let (messages, resolved, csat): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages WHERE inbox_id <= 120),
                (SELECT count(*) FROM conversations WHERE inbox_id <= 120 AND status = 1),
                (SELECT count(*) FROM csat_survey_responses r JOIN conversations c ON c.id = r.conversation_id
                  WHERE c.inbox_id <= 120)",
    )
    .fetch_one(source)
    .await?;
    let (messages_copy, resolved_copy, csat_copy): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM conversations WHERE status = 1),
                (SELECT count(*) FROM csat_responses)",
    )
    .fetch_one(target)
    .await?;
    Ok((messages - messages_copy).abs() + (resolved - resolved_copy).abs() + (csat - csat_copy).abs())
}

/// CPU seconds used so far by each cluster's server processes.
struct Cpu<'a> {
    source: &'a Cluster,
    target: &'a Cluster,
}

#[derive(Clone, Copy)]
struct Spent {
    source: f64,
    target: f64,
}

impl Spent {
    fn since(&self, before: &Spent) -> Spent {
        Spent { source: self.source - before.source, target: self.target - before.target }
    }
}

impl Cpu<'_> {
    fn sample(&self) -> Result<Spent> {
        Ok(Spent { source: cluster_cpu(self.source)?, target: cluster_cpu(self.target)? })
    }
}

/// The postmaster's own CPU, its reaped children's (backends that ended), and its live children's.
fn cluster_cpu(cluster: &Cluster) -> Result<f64> {
    let pid_file = std::fs::read_to_string(cluster.data_dir().join("postmaster.pid"))?;
    let postmaster: u32 = pid_file.lines().next().context("empty postmaster.pid")?.trim().parse()?;
    let stat = |pid: u32| -> Option<Vec<String>> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        Some(text.rsplit(')').next()?.split_whitespace().map(str::to_string).collect())
    };
    let ticks = |fields: &[String], range: std::ops::Range<usize>| -> f64 {
        fields.get(range).unwrap_or_default().iter().filter_map(|f| f.parse::<f64>().ok()).sum()
    };
    // After the name: state is field 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14.
    let mut total = ticks(&stat(postmaster).context("the cluster is not running")?, 11..15);
    for entry in std::fs::read_dir("/proc")? {
        let Ok(pid) = entry?.file_name().to_string_lossy().parse::<u32>() else { continue };
        if let Some(fields) = stat(pid)
            && fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(postmaster)
        {
            total += ticks(&fields, 11..13);
        }
    }
    Ok(total / 100.0)
}
