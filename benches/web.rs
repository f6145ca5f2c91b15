//! Dashboard speed under load: 50 concurrent clients on the dashboard page and on the KPI API of
//! the tenant with 1 million conversations (10 million across 100 tenants). Prints p50, p99 and
//! requests per second; asserts nothing.
//!
//!     cargo bench --bench reports    # once: generates the data set (BENCH_SCALE to shrink it)
//!     cargo bench --bench web        # then this
//!
//! It reuses the reports benchmark's data (cluster under $BENCH_HOME, default
//! /tmp/geniai-bench-reports, or DATABASE_URL). The server is geniai's own router on a real socket
//! in this process, with the same pool size as `geniai serve`; the clients are keep-alive
//! HTTP/1.1 connections. BENCH_CLIENTS (50) and BENCH_SECONDS (15) tune the run.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
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
    let conversations: i64 = {
        drop(tx);
        let mut ttx = db::tenant_tx(&pool, tenant.id).await?;
        sqlx::query_scalar("SELECT count(*) FROM conversations").fetch_one(&mut *ttx).await?
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
            let result = load(addr, path, auth, clients, Duration::from_secs(seconds)).await?;
            println!(
                "    {label}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {:.0} req/s ({} requests, {} errors)",
                result.p50, result.p99, result.max, result.rps, result.requests, result.errors
            );
        }
        server.abort();
    }
    println!("  targets: p99 under 100 ms for the dashboard page, under 50 ms for the KPI API");

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

struct LoadResult {
    p50: f64,
    p99: f64,
    max: f64,
    rps: f64,
    requests: usize,
    errors: usize,
}

/// `clients` connections request `path` back to back for `duration` (after one warm-up request
/// each); returns the latency percentiles and the throughput.
async fn load(
    addr: SocketAddr,
    path: &str,
    auth: &str,
    clients: usize,
    duration: Duration,
) -> Result<LoadResult> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}\r\n\r\n").into_bytes();
    let start_gate = std::sync::Arc::new(tokio::sync::Barrier::new(clients + 1));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let request = request.clone();
        let gate = start_gate.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            let mut buffer = Vec::with_capacity(256 * 1024);
            exchange(&mut stream, &request, &mut buffer).await?; // warm-up
            gate.wait().await;
            let until = Instant::now() + duration;
            let (mut samples, mut errors) = (Vec::new(), 0usize);
            while Instant::now() < until {
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
