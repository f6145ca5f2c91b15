//! Dashboard speed under load: 50 concurrent clients on the dashboard page and on the KPI API of
//! the tenant with 1 million conversations (10 million across 100 tenants), without and with the
//! report cache; then the dashboard page with the default cache but a period no other request
//! asked on every request, so that the cache cannot help (issue 17). Prints p50, p99 and requests
//! per second; asserts nothing.
//!
//!     cargo bench --bench reports    # once: generates the data set (BENCH_SCALE to shrink it)
//!     cargo bench --bench web        # then this
//!
//! It reuses the reports benchmark's data (cluster under $BENCH_HOME, default
//! /tmp/geniai-bench-reports, or DATABASE_URL). The server is geniai's own router on a real socket
//! in this process, with the same pool size as `geniai serve`; the clients are keep-alive
//! HTTP/1.1 connections. BENCH_CLIENTS (50) and BENCH_SECONDS (15) tune the run.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{Days, NaiveDate};
use geniai::db;
use geniai::embedded::Cluster;
use geniai::web::sessions::{self, TenantRef};
use geniai::web::{AppState, WebConfig, tokens};
use tokio::net::TcpStream;

#[path = "support/http.rs"]
mod http;
use http::exchange;

#[tokio::main]
async fn main() -> Result<()> {
    let clients: usize = env_or("BENCH_CLIENTS", 50);
    let seconds: u64 = env_or("BENCH_SECONDS", 15);
    let url = match std::env::var("DATABASE_URL") {
        Ok(url) => url,
        Err(_) => {
            let home = std::env::var("BENCH_HOME").unwrap_or_else(|_| "/tmp/geniai-bench-reports".into());
            let cluster = Cluster::new(&home)?;
            cluster
                .start()
                .await
                .context("starting the benchmark cluster (run `cargo bench --bench reports` first)")?;
            cluster.url()
        }
    };
    // `geniai serve` runs with a pool of 10; so does this.
    let pool = db::connect(&url, 10).await?;
    db::migrate::run(&pool).await?;
    let mut tx = db::platform_tx(&pool).await?;
    let Some(tenant) = TenantRef::by_slug(&mut tx, "bench-001").await? else {
        bail!("no benchmark data: run `cargo bench --bench reports` first (it generates the data set)");
    };
    let (conversations, first_day, last_day): (i64, Option<NaiveDate>, Option<NaiveDate>) = {
        drop(tx);
        let mut ttx = db::tenant_tx(&pool, tenant.id).await?;
        sqlx::query_as(
            "SELECT count(*), min((created_at AT TIME ZONE $1)::date), max((created_at AT TIME ZONE $1)::date)
               FROM conversations",
        )
        .bind(&tenant.timezone)
        .fetch_one(&mut *ttx)
        .await?
    };
    let (Some(first_day), Some(last_day)) = (first_day, last_day) else {
        bail!("tenant {} has no conversations: run `cargo bench --bench reports` first", tenant.slug);
    };
    let mut tx = db::platform_tx(&pool).await?;
    let hash = geniai::password::hash("bench password not for production".into()).await?;
    let user_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, 'bench-web@bench.test', 'Bench', 'viewer', $2)
         ON CONFLICT (email) DO UPDATE SET is_active = true RETURNING id",
    )
    .bind(tenant.id)
    .bind(&hash)
    .fetch_one(&mut *tx)
    .await?;
    let session = sessions::create(&mut tx, user_id, Duration::from_secs(3600), None, None).await?;
    let token = tokens::create(&mut tx, &tenant, "web benchmark", "bench").await?;
    tx.commit().await?;

    println!("geniai web benchmark");
    println!(
        "  tenant {} with {conversations} conversations; {clients} concurrent keep-alive clients, {seconds} s per endpoint",
        tenant.slug
    );
    let cookie = format!("Cookie: geniai_session={session}");
    let bearer = format!("Authorization: Bearer {}", token.token);
    // First with every request computed afresh, then with `geniai serve`'s default report cache.
    for (setting, ttl) in
        [("no report cache", Duration::ZERO), ("report cache 30 s (the default)", Duration::from_secs(30))]
    {
        println!("  {setting}:");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let config = WebConfig { report_cache_ttl: ttl, ..WebConfig::default() };
        let app = geniai::web::app(AppState::new(pool.clone(), config));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await;
        });
        for (label, path, auth) in [
            ("dashboard page  GET /dashboard", "/dashboard", cookie.as_str()),
            ("KPI API         GET /api/v1/kpis", "/api/v1/kpis", bearer.as_str()),
        ] {
            let paths: PathFn = Arc::new(move || Some(path.to_string()));
            let result = load(addr, paths, auth, clients, Duration::from_secs(seconds)).await?;
            result.print(label);
        }
        server.abort();
    }

    // The default cache, on a server of its own (nothing cached yet), and a period no other
    // request of the run asks, its own nor its comparison period, on every request.
    println!("  report cache 30 s (the default), a different period on every request:");
    // The whole days of the data: its first and its last day are partial.
    let whole_days = (first_day + Days::new(1), last_day - Days::new(1));
    let periods = Arc::new(DistinctPeriods::new(whole_days.0, whole_days.1)?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let config = WebConfig { report_cache_ttl: Duration::from_secs(30), ..WebConfig::default() };
    let app = geniai::web::app(AppState::new(pool.clone(), config));
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await;
    });
    let paths: PathFn = {
        let periods = periods.clone();
        Arc::new(move || periods.next_path())
    };
    let result = load(addr, paths, &cookie, clients, Duration::from_secs(seconds)).await?;
    server.abort();
    result.print("dashboard page  GET /dashboard?from=…&to=…");
    println!("      {}", periods.summary());
    println!(
        "  targets: p99 under 100 ms for the dashboard page, under 50 ms for the KPI API; \
         under 200 ms with 0 errors for the dashboard page with a different period on every request"
    );

    // Leave the data set as it was.
    let mut tx = db::platform_tx(&pool).await?;
    tokens::revoke(&mut tx, token.record.id, "bench").await?;
    sessions::revoke_all_for_user(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(())
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Gives the path of each request; `None` ends the client (nothing left to ask).
type PathFn = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// Dashboard periods of whole local days inside the data, each handed out once: no two share
/// (`from`, `to`), and none is another's comparison period (the one of the same length just
/// before it, which the dashboard also computes and caches). Lengths nearest 30 days come
/// first; within a length, `from` moves by one day per period.
struct DistinctPeriods {
    first: NaiveDate,
    /// (days after `first` of `from`, length in days), in the order handed out.
    periods: Vec<(u64, u64)>,
    next: AtomicUsize,
}

impl DistinctPeriods {
    /// The usual period length, and the shortest and longest used.
    const LENGTHS: (u64, u64, u64) = (30, 7, 90);

    /// The periods within `first ..= last`.
    fn new(first: NaiveDate, last: NaiveDate) -> Result<Self> {
        let days = (last - first).num_days() + 1;
        let (usual, shortest, longest) = Self::LENGTHS;
        let mut lengths = vec![usual];
        for k in 1..usual.max(longest) {
            lengths.extend([usual.checked_sub(k), Some(usual + k)].into_iter().flatten());
        }
        lengths.retain(|l| (shortest..=longest).contains(l) && (*l as i64) <= days);
        let mut periods = Vec::new();
        for length in lengths {
            // A period's comparison period starts `length` days before it: of the starts
            // 0 ..= days - length, keep those in every other block of `length` days, so that no
            // two kept ones are `length` days apart.
            periods.extend((0..=days as u64 - length).filter(|x| (x / length) % 2 == 0).map(|x| (x, length)));
        }
        // Check what the comments promise.
        let all: HashSet<(u64, u64)> = periods.iter().copied().collect();
        if all.len() != periods.len()
            || periods.iter().any(|&(x, l)| x.checked_sub(l).is_some_and(|before| all.contains(&(before, l))))
        {
            bail!("the benchmark's periods overlap");
        }
        if periods.is_empty() {
            bail!("the data spans {days} days: too few for periods of {shortest} days");
        }
        Ok(DistinctPeriods { first, periods, next: AtomicUsize::new(0) })
    }

    fn date(&self, offset: u64) -> NaiveDate {
        self.first.checked_add_days(Days::new(offset)).unwrap_or(self.first)
    }

    /// The path of the next period; `None` when all were handed out.
    fn next_path(&self) -> Option<String> {
        let &(offset, length) = self.periods.get(self.next.fetch_add(1, Ordering::Relaxed))?;
        let (from, to) = (self.date(offset), self.date(offset + length));
        Some(format!("/dashboard?from={from}&to={to}"))
    }

    /// How many periods were handed out, their lengths, and the days they lie in.
    fn summary(&self) -> String {
        let used = &self.periods[..self.next.load(Ordering::Relaxed).min(self.periods.len())];
        let shortest = used.iter().map(|p| p.1).min().unwrap_or(0);
        let longest = used.iter().map(|p| p.1).max().unwrap_or(0);
        let exhausted =
            if used.len() == self.periods.len() { ", all there are: the clients stopped early" } else { "" };
        let first = used.iter().map(|p| p.0).min().unwrap_or(0);
        let end = used.iter().map(|p| p.0 + p.1).max().unwrap_or(0);
        let lengths =
            if shortest == longest { format!("{shortest}") } else { format!("{shortest}–{longest}") };
        format!(
            "periods: {} asked (warm-up included) of {} distinct{exhausted}; {lengths} days long, from {} to {} (exclusive)",
            used.len(),
            self.periods.len(),
            self.date(first),
            self.date(end),
        )
    }
}

struct LoadResult {
    p50: f64,
    p99: f64,
    max: f64,
    rps: f64,
    requests: usize,
    errors: usize,
}

impl LoadResult {
    fn print(&self, label: &str) {
        println!(
            "    {label}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {:.0} req/s ({} requests, {} errors)",
            self.p50, self.p99, self.max, self.rps, self.requests, self.errors
        );
    }
}

/// `clients` connections request the paths `paths` gives back to back for `duration` (after one
/// warm-up request each); returns the latency percentiles and the throughput. A response other
/// than 200, or a broken connection, counts as an error.
async fn load(
    addr: SocketAddr,
    paths: PathFn,
    auth: &str,
    clients: usize,
    duration: Duration,
) -> Result<LoadResult> {
    let start_gate = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (paths, auth) = (paths.clone(), auth.to_string());
        let request = move || {
            paths().map(|path| format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}\r\n\r\n").into_bytes())
        };
        let gate = start_gate.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            let mut buffer = Vec::with_capacity(256 * 1024);
            let warm_up = request().context("no path for the warm-up request")?;
            exchange(&mut stream, &warm_up, &mut buffer).await?;
            gate.wait().await;
            let until = Instant::now() + duration;
            let (mut samples, mut errors) = (Vec::new(), 0usize);
            while Instant::now() < until {
                let Some(request) = request() else { break };
                let started = Instant::now();
                match exchange(&mut stream, &request, &mut buffer).await {
                    Ok(200) => samples.push(started.elapsed().as_secs_f64() * 1000.0),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        stream = TcpStream::connect(addr).await?;
                    }
                }
            }
            anyhow::Ok((samples, errors))
        }));
    }
    start_gate.wait().await;
    let began = Instant::now();
    let (mut samples, mut errors) = (Vec::new(), 0);
    for task in tasks {
        let (s, e) = task.await??;
        samples.extend(s);
        errors += e;
    }
    let elapsed = began.elapsed().as_secs_f64();
    samples.sort_by(|a, b| a.total_cmp(b));
    Ok(LoadResult {
        p50: http::quantile(&samples, 0.50),
        p99: http::quantile(&samples, 0.99),
        max: samples.last().copied().unwrap_or(f64::NAN),
        rps: samples.len() as f64 / elapsed,
        requests: samples.len(),
        errors,
    })
}
