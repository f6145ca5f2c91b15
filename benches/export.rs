//! Export speed: `geniai report conversations --format csv` over a large tenant's whole history,
//! end to end (the release binary writing into a pipe), with its peak RSS. Prints figures;
//! asserts nothing.
//!
//!     cargo bench --bench export                               # 300,000 conversations
//!     BENCH_EXPORT_CONVERSATIONS=1000000 cargo bench --bench export
//!
//! The data is generated straight into the analytics tables, through their triggers (which keep
//! the export's facts on the conversation rows), in a private cluster under $BENCH_HOME (default
//! /tmp/geniai-bench-export), kept between runs. Set DATABASE_URL to use another server instead.
//! Compared in the same run, in process (the command's CSV loop, into a sink): the export as it
//! runs now (one ordered scan of the conversations, cells written directly), the same scan
//! encoded through a JSON object per row, and the export as it ran before migration 0021 (three
//! correlated subqueries per conversation into the fact tables, a JSON object per row).

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::Utc;
use futures::TryStreamExt;
use geniai::csv_format::CsvEncoder;
use geniai::db::{self, TenantId};
use geniai::embedded::{Cluster, ClusterOptions};
use geniai::reports::export;
use geniai::reports::{Period, ReportOptions};
use sqlx::PgPool;

#[tokio::main]
async fn main() -> Result<()> {
    let n: i64 =
        std::env::var("BENCH_EXPORT_CONVERSATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(300_000);
    let (url, cluster) = match std::env::var("DATABASE_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let home = std::env::var("BENCH_HOME").unwrap_or_else(|_| "/tmp/geniai-bench-export".into());
            let cluster = Cluster::new(&home)?;
            cluster.ensure_initialized(&ClusterOptions { ephemeral: true, tcp_port: None })?;
            cluster.start().await?;
            (cluster.url(), Some(cluster))
        }
    };
    let pool = db::connect(&url, 4).await?;
    db::migrate::run(&pool).await?;

    let marker: Option<String> = sqlx::query_scalar(
        "SELECT CASE WHEN to_regclass('bench_export_marker') IS NOT NULL THEN 'present' END",
    )
    .fetch_one(&pool)
    .await?;
    let current: Option<String> = match marker {
        Some(_) => sqlx::query_scalar("SELECT size FROM bench_export_marker").fetch_optional(&pool).await?,
        None => None,
    };
    if current != Some(n.to_string()) {
        generate(&pool, n).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP TABLE IF EXISTS bench_export_marker; CREATE TABLE bench_export_marker (size text);
             INSERT INTO bench_export_marker VALUES ('{n}')"
        )))
        .execute(&pool)
        .await?;
    }
    sqlx::raw_sql("VACUUM (ANALYZE) conversations, reporting_events, csat_responses, inboxes, agents, teams")
        .execute(&pool)
        .await?;

    let tenant = TenantId(
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'export-big'").fetch_one(&pool).await?,
    );
    let tz = chrono_tz::UTC;
    // Tomorrow, so that the period holds every conversation, today's too.
    let to = (Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let whole = Period::resolve(Some("2000-01-01"), Some(&to), tz, Utc::now()).map_err(anyhow::Error::new)?;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations WHERE tenant_id = $1")
        .bind(tenant.0)
        .fetch_one(&pool)
        .await?;

    println!("geniai export benchmark");
    println!("  data: tenant export-big, {rows} conversations (whole history), and a neighbour tenant");

    // The binary, end to end, whole history and a tenth of it (memory must not grow with size).
    let binary = env!("CARGO_BIN_EXE_geniai");
    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(run_binary(binary, &url, "2000-01-01", &to)?);
    }
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let median = &runs[1];
    if median.rows != rows as u64 {
        bail!("the binary exported {} rows, the tenant has {rows}", median.rows);
    }
    let tenth_from = sqlx::query_scalar::<_, chrono::DateTime<Utc>>(
        "SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY created_at) FROM conversations WHERE tenant_id = $1",
    )
    .bind(tenant.0)
    .fetch_one(&pool)
    .await?;
    let tenth = run_binary(binary, &url, &tenth_from.to_rfc3339(), &to)?;

    // The same client code in process: the export now, and the export before (from the facts).
    let options = ReportOptions { period: whole, business_hours: false };
    let mut now_times = Vec::new();
    for _ in 0..3 {
        now_times.push(in_process(&pool, tenant, &options, Path::Now).await?);
    }
    now_times.sort();
    let json = in_process(&pool, tenant, &options, Path::RowFactsJson).await?;
    let before = in_process(&pool, tenant, &options, Path::Before).await?;
    let now_in_process = now_times[1];

    let rate = |rows: u64, secs: f64| rows as f64 / secs;
    println!();
    println!("  {:<66} {:>10} {:>12} {:>9}", "export of the whole history", "seconds", "rows/s", "peak RSS");
    println!(
        "  {:<66} {:>10.2} {:>12.0} {:>6} MB",
        "geniai report conversations --format csv | reader (median of 3)",
        median.seconds,
        rate(median.rows, median.seconds),
        median.rss_kb / 1024
    );
    println!(
        "  {:<66} {:>10.2} {:>12.0} {:>6} MB",
        format!("the same, the newest tenth ({} rows)", tenth.rows),
        tenth.seconds,
        rate(tenth.rows, tenth.seconds),
        tenth.rss_kb / 1024
    );
    for (name, took) in [
        ("in process, now: row facts, cells written directly (median of 3)", now_in_process),
        ("in process, row facts, a JSON object per row", json),
        ("in process, before: fact tables, a JSON object per row", before),
    ] {
        println!(
            "  {:<66} {:>10.2} {:>12.0}",
            name,
            took.as_secs_f64(),
            rate(rows as u64, took.as_secs_f64())
        );
    }
    println!();
    println!(
        "  now vs before, in process: {:.1}x faster",
        before.as_secs_f64() / now_in_process.as_secs_f64()
    );
    println!("  target: at least 200,000 rows/s end to end, with flat memory");

    pool.close().await;
    if let Some(cluster) = cluster {
        cluster.stop()?;
    }
    Ok(())
}

/// One run of the binary.
struct BinaryRun {
    seconds: f64,
    rss_kb: u64,
    rows: u64,
}

/// Runs the export through `/usr/bin/time`, reading its CSV from a pipe and counting the rows.
fn run_binary(binary: &str, url: &str, from: &str, to: &str) -> Result<BinaryRun> {
    let stats = tempfile_path();
    let started = Instant::now();
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", &stats, binary, "report", "conversations", "--tenant", "export-big"])
        .args(["--from", from, "--to", to, "--format", "csv"])
        .env("DATABASE_URL", url)
        .env_remove("GENIAI_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("running geniai under /usr/bin/time")?;
    let mut out = child.stdout.take().expect("piped stdout");
    let mut buffer = vec![0_u8; 1 << 16];
    let mut lines = 0_u64;
    loop {
        let read = out.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        lines += buffer[..read].iter().filter(|b| **b == b'\n').count() as u64;
    }
    let status = child.wait()?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("geniai report conversations failed: {status}");
    }
    let rss_kb = std::fs::read_to_string(&stats)?.trim().lines().last().unwrap_or("0").parse()?;
    std::fs::remove_file(&stats).ok();
    // Neither the names nor the labels of the generated data hold a newline.
    Ok(BinaryRun { seconds, rss_kb, rows: lines.saturating_sub(1) })
}

fn tempfile_path() -> String {
    std::env::temp_dir()
        .join(format!("geniai-bench-export-{}.time", std::process::id()))
        .display()
        .to_string()
}

/// How the in-process export reads and encodes.
#[derive(Clone, Copy, PartialEq)]
enum Path {
    /// The export before migration 0021: the fact tables, one JSON object per row.
    Before,
    /// The row facts, one JSON object per row.
    RowFactsJson,
    /// The export now: the row facts, cells written directly (`ConversationRow::csv_cells`).
    Now,
}

/// The command's CSV loop (`commands/report.rs`), into a sink.
async fn in_process(
    pool: &PgPool,
    tenant: TenantId,
    options: &ReportOptions,
    path: Path,
) -> Result<Duration> {
    let started = Instant::now();
    let mut tx = db::tenant_tx(pool, tenant).await?;
    let mut sink = std::io::sink();
    {
        let mut rows = if path == Path::Before {
            export::conversations_from_facts(&mut tx, options)
        } else {
            export::conversations(&mut tx, options)
        };
        let mut csv = CsvEncoder::with_columns(&export::COLUMNS)?;
        while let Some(row) = rows.try_next().await? {
            if path == Path::Now {
                csv.write_cells(row.csv_cells())?;
            } else {
                csv.write(&row)?;
            }
            if csv.pending()? >= 64 * 1024 {
                sink.write_all(&csv.take()?)?;
            }
        }
        sink.write_all(&csv.take()?)?;
    }
    tx.commit().await?;
    Ok(started.elapsed())
}

/// A tenant with `n` conversations over two years (about 4 events each, a CSAT answer every
/// 5th), its dimensions, and a small neighbour, written through the fact tables' triggers.
async fn generate(pool: &PgPool, n: i64) -> Result<()> {
    eprintln!("generating benchmark data ({n} conversations)...");
    let started = Instant::now();
    let steps = [
        "DELETE FROM tenants WHERE slug IN ('export-big', 'export-small')".to_string(),
        "INSERT INTO tenants (slug, name) VALUES ('export-big', 'Export big'), ('export-small', 'Export small')".into(),
        "INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type)
           SELECT t.id, k, 1, 'Inbox ' || k, 'Channel::Api' FROM tenants t, generate_series(1, 20) k
            WHERE t.slug LIKE 'export-%'".into(),
        "INSERT INTO agents (tenant_id, user_id, name)
           SELECT t.id, k, 'Agent ' || k FROM tenants t, generate_series(1, 50) k WHERE t.slug LIKE 'export-%'".into(),
        "INSERT INTO teams (tenant_id, team_id, name)
           SELECT t.id, k, 'Team ' || k FROM tenants t, generate_series(1, 5) k WHERE t.slug LIKE 'export-%'".into(),
        format!(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, priority,
                                        assignee_id, team_id, channel_type, labels, created_at, source_updated_at)
             SELECT t.id, g, 1, 1 + g % 20, g, (g % 4)::smallint, CASE WHEN g % 3 = 0 THEN (g % 4)::smallint END,
                    CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 50 END, CASE WHEN g % 2 = 0 THEN 1 + g % 5 END,
                    'Channel::Api',
                    CASE g % 10 WHEN 0 THEN '{{lead}}'::text[] WHEN 1 THEN '{{lead,sale}}' ELSE '{{}}' END,
                    ts, ts
               FROM tenants t
              CROSS JOIN LATERAL generate_series(1, CASE WHEN t.slug = 'export-big' THEN {n} ELSE 1000 END) g
              CROSS JOIN LATERAL (SELECT now() - ((g::bigint * 7919) % 63072000) * interval '1 second' AS ts) x
              WHERE t.slug LIKE 'export-%'"
        ),
        // first_response, conversation_resolved, reply_time, and a second resolution every 4th.
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id,
                                       conversation_id, created_at)
           SELECT c.tenant_id, c.conversation_id * 4 + k,
                  (ARRAY['first_response', 'conversation_resolved', 'reply_time', 'conversation_resolved'])[k + 1],
                  ((c.conversation_id * 31 + k * 17) % 7200)::float8, ((c.conversation_id * 13 + k) % 3600)::float8,
                  c.inbox_id, c.assignee_id, c.conversation_id, c.created_at + (k + 1) * interval '5 minutes'
             FROM conversations c
            CROSS JOIN LATERAL generate_series(0, CASE WHEN c.conversation_id % 4 = 0 THEN 3 ELSE 2 END) k
            WHERE c.tenant_id IN (SELECT id FROM tenants WHERE slug LIKE 'export-%')".into(),
        "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, assigned_agent_id,
                                     created_at, updated_at)
           SELECT tenant_id, conversation_id, conversation_id, conversation_id, (1 + conversation_id % 5)::smallint,
                  assignee_id, created_at + interval '1 hour', created_at + interval '1 hour'
             FROM conversations
            WHERE conversation_id % 5 = 0 AND tenant_id IN (SELECT id FROM tenants WHERE slug LIKE 'export-%')".into(),
    ];
    for step in steps {
        let t = Instant::now();
        sqlx::raw_sql(sqlx::AssertSqlSafe(step.clone())).execute(pool).await?;
        eprintln!(
            "  {:>6.1}s  {}",
            t.elapsed().as_secs_f64(),
            step.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
        );
    }
    eprintln!("generated in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}
