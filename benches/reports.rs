//! Report speed: every report kind over the last 30 days and over the last year for a tenant with
//! 1 million conversations, with 10 million conversations in the database across 100 tenants; the
//! admin overview over the 100 tenants; the reports one dashboard page request computes. Prints
//! figures against the targets (50 ms a report, 150 ms the overview and the page); asserts nothing.
//!
//!     cargo bench --bench reports                  # full size (generation takes minutes)
//!     BENCH_SCALE=0.1 cargo bench --bench reports  # a tenth of the data
//!
//! The data is generated straight into the analytics tables (the ETL has its own benchmark) in a
//! private cluster under $BENCH_HOME (default /tmp/geniai-bench-reports), kept between runs. Set
//! DATABASE_URL to use another server instead. Compared in the same run: the same query as the
//! tenant role under RLS, and as the owner with an explicit tenant filter (the RLS overhead), each
//! with its transaction and then the statement alone, the two sides' runs alternated.
//! Every figure is a round trip from this process (on a local server, about its server time),
//! computed afresh each run: no report cache, the database's own buffers warm.

use std::time::{Duration, Instant};

use anyhow::Result;
use chrono::{Days, Utc};
use geniai::db::{self, TenantId};
use geniai::embedded::{Cluster, ClusterOptions};
use geniai::reports::{
    self, Bucket, FrtScale, Grouping, Period, ReportKind, ReportOptions, TenantFilter, aggregate, rollups,
};
use geniai::web::pages::{dashboard, tables::DIMENSIONS};
use geniai::web::report_data::{Cut, ReportCache};
use sqlx::PgPool;

const TENANTS: i64 = 100;

/// The measured tenant.
const SLUG: &str = "bench-001";

#[tokio::main]
async fn main() -> Result<()> {
    let scale: f64 = std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let big = (1_000_000.0 * scale) as i64;
    let others_each = (9_000_000.0 * scale / (TENANTS - 1) as f64) as i64;

    let (url, cluster) = match std::env::var("DATABASE_URL") {
        Ok(url) => (url, None),
        Err(_) => {
            let home = std::env::var("BENCH_HOME").unwrap_or_else(|_| "/tmp/geniai-bench-reports".into());
            let cluster = Cluster::new(&home)?;
            cluster.ensure_initialized(&ClusterOptions { ephemeral: true, tcp_port: None })?;
            cluster.start().await?;
            (cluster.url(), Some(cluster))
        }
    };
    // `geniai serve` runs with a pool of 10, which the dashboard page's concurrent reports share.
    let pool = db::connect(&url, 10).await?;
    db::migrate::run(&pool).await?;
    sqlx::query("SET max_parallel_workers_per_gather = 2").execute(&pool).await?;

    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_class WHERE relname = 'bench_marker'")
        .fetch_one(&pool)
        .await?;
    let marker = format!("{big}/{others_each}");
    let current: Option<String> = if existing > 0 {
        sqlx::query_scalar("SELECT size FROM bench_marker").fetch_optional(&pool).await?
    } else {
        None
    };
    if current.as_deref() != Some(marker.as_str()) {
        generate(&pool, big, others_each).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP TABLE IF EXISTS bench_marker; CREATE TABLE bench_marker (size text); INSERT INTO bench_marker VALUES ('{marker}')"
        )))
        .execute(&pool)
        .await?;
    }

    // What autovacuum does in a live database: visibility maps for index-only scans, statistics.
    // Every table the reports read: without the conversations' map, each key looked up through a
    // conversation (teams, labels) was a heap visit: the labels report took twice as long.
    sqlx::raw_sql(
        "VACUUM (ANALYZE) report_rollups, frt_histogram, conversation_live_counts, dimension_rollups,
                          reporting_events, conversations, csat_responses, messages, inboxes, agents, teams",
    )
    .execute(&pool)
    .await?;

    let totals: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages), (SELECT count(*) FROM reporting_events)",
    )
    .fetch_one(&pool)
    .await?;
    let tenant = TenantId(
        sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1").bind(SLUG).fetch_one(&pool).await?,
    );
    let tz = chrono_tz::America::Sao_Paulo;
    let now = Utc::now();
    let period = Period::resolve(None, None, tz, now).map_err(anyhow::Error::new)?;
    let options = ReportOptions { period, business_hours: false };
    // The last 365 local days, up to today's midnight (as the 30 days).
    let year_from = (now.with_timezone(&tz).date_naive() - Days::new(365)).format("%Y-%m-%d").to_string();
    let year = ReportOptions {
        period: Period::resolve(Some(&year_from), None, tz, now).map_err(anyhow::Error::new)?,
        business_hours: false,
    };

    println!("geniai report benchmark");
    println!(
        "  data: {} conversations, {} messages, {} reporting events, {TENANTS} tenants; measured tenant: {big} conversations",
        totals.0, totals.1, totals.2
    );
    println!("  period: {} .. {} ({})", period.from_local(), period.to_local(), tz.name());
    println!(
        "  year:   {} .. {} (the data spans the 120 days before its generation)",
        year.period.from_local(),
        year.period.to_local()
    );

    let kpis_rls = time(7, || async {
        let mut tx = db::tenant_tx(&pool, tenant).await?;
        let kpis = reports::kpis(&mut tx, SLUG, &options).await?;
        tx.commit().await?;
        Ok(kpis.metrics.conversations)
    })
    .await?;
    let labels =
        reports::TenantLabels { lead_labels: vec!["lead".into()], conversion_labels: vec!["sale".into()] };
    let aggregate_rls = time(7, || async {
        let mut tx = db::tenant_tx(&pool, tenant).await?;
        let rows =
            aggregate::aggregate(&mut tx, &options, &labels, Grouping::Total, TenantFilter::Explicit(tenant))
                .await?;
        Ok(rows[0].conversations)
    })
    .await?;
    // The statement `aggregate` runs, as the owner, who is not subject to RLS here, with the
    // explicit tenant filter only.
    let rollup_sql = format!(
        "SELECT * FROM ({}) r",
        rollups::aggregate_sql(
            Grouping::Total,
            TenantFilter::Explicit(tenant),
            rollups::RollupSource::TenantDays
        )
    );
    let owner = time(7, || async {
        let mut conn = pool.acquire().await?;
        run_rollup_sql(&mut conn, &rollup_sql, &options).await
    })
    .await?;
    // The same pair again, the statement alone: each side inside a transaction opened
    // beforehand, the runs alternated, so that neither the tenant binding's round trips nor the
    // machine's drift between the two series count as RLS overhead.
    let (statement_rls, statement_owner) = {
        let mut under_rls = db::tenant_tx(&pool, tenant).await?;
        let mut as_owner = pool.begin().await?;
        let (mut rls, mut owner) = (Vec::new(), Vec::new());
        for run in 0..=ALTERNATED_RUNS {
            let start = Instant::now();
            std::hint::black_box(
                aggregate::aggregate(
                    &mut under_rls,
                    &options,
                    &labels,
                    Grouping::Total,
                    TenantFilter::Explicit(tenant),
                )
                .await?,
            );
            let rls_took = start.elapsed();
            let start = Instant::now();
            std::hint::black_box(run_rollup_sql(&mut as_owner, &rollup_sql, &options).await?);
            if run > 0 {
                // The first pair warms the caches.
                rls.push(rls_took);
                owner.push(start.elapsed());
            }
        }
        (Timing::of(rls), Timing::of(owner))
    };
    let facts = time(3, || async {
        let mut tx = db::tenant_tx(&pool, tenant).await?;
        let rows = aggregate::aggregate_facts(
            &mut tx,
            &options,
            &labels,
            Grouping::Total,
            TenantFilter::Explicit(tenant),
        )
        .await?;
        Ok(rows[0].conversations)
    })
    .await?;
    let daily = time(5, || async {
        let mut tx = db::tenant_tx(&pool, tenant).await?;
        let rows = reports::series(&mut tx, &options, reports::Bucket::Day).await?;
        Ok(rows.len() as i64)
    })
    .await?;
    // A year's daily series, from the tenant's days (migration 0033) and, as before it, from the
    // 15-minute rollups and every first response of the year: the same statement shape.
    let series_from = |source| {
        let sql =
            rollups::aggregate_sql(Grouping::Bucket(Bucket::Day), TenantFilter::Explicit(tenant), source);
        let (pool, year) = (&pool, &year);
        move || {
            let sql = sql.clone();
            async move { run_statement(pool, tenant, year, sql, Statement::DailySeries).await }
        }
    };
    let series_days = time(5, series_from(rollups::RollupSource::TenantDays)).await?;
    let series_buckets = time(5, series_from(rollups::RollupSource::Buckets)).await?;
    // A year of each per-dimension table, its key percentiles from the month rows (migration 0034)
    // and, as before it, from every first response of the year: the same statement otherwise.
    let mut key_percentiles = Vec::new();
    for (name, grouping) in [
        ("inboxes", Grouping::Inbox),
        ("agents", Grouping::Agent),
        ("teams", Grouping::Team),
        ("labels", Grouping::Label),
        ("channels", Grouping::Channel),
    ] {
        let table_from = |percentiles| {
            let sql = rollups::dimension_sql(grouping, TenantFilter::Explicit(tenant), percentiles);
            let (pool, year) = (&pool, &year);
            move || {
                let sql = sql.clone();
                async move { run_statement(pool, tenant, year, sql, Statement::Table).await }
            }
        };
        let bins = time(5, table_from(rollups::KeyPercentiles::MonthBins)).await?;
        let facts = time(5, table_from(rollups::KeyPercentiles::Facts)).await?;
        key_percentiles.push((name, bins, facts));
    }
    let inboxes = time(5, || async {
        let mut tx = db::tenant_tx(&pool, tenant).await?;
        let rows = reports::by_dimension(&mut tx, &options, Grouping::Inbox).await?;
        Ok(rows.len() as i64)
    })
    .await?;

    println!();
    println!("  {:<50} {:>10} {:>10}", "query (30 days, 1 tenant)", "median", "min");
    for (name, t) in [
        ("kpis end to end (tx, settings, aggregates, live)", &kpis_rls),
        ("aggregate (one statement over the rollups), under RLS", &aggregate_rls),
        ("same statement, owner, explicit filter, no RLS", &owner),
        ("the statement alone, under RLS (alternated)", &statement_rls),
        ("the statement alone, owner (alternated)", &statement_owner),
        ("aggregate over the facts (no rollups), under RLS", &facts),
        ("daily series, tenant role under RLS", &daily),
        ("by inbox, tenant role under RLS", &inboxes),
        ("a year by day: the tenant's days (0033)", &series_days),
        ("a year by day: 15-minute rollups, every first response", &series_buckets),
    ] {
        println!("  {:<50} {:>8.1}ms {:>8.1}ms", name, ms(t.median), ms(t.min));
    }
    println!();
    println!(
        "  RLS overhead (same statement, median under RLS ÷ owner): {:.2}x; the statement alone, alternated: {:.2}x",
        ms(aggregate_rls.median) / ms(owner.median),
        ms(statement_rls.median) / ms(statement_owner.median)
    );
    println!(
        "  rollups vs facts (same report, medians): {:.0}x faster",
        ms(facts.median) / ms(aggregate_rls.median)
    );
    println!(
        "  a year's daily series, the tenant's days vs the 15-minute rollups (medians): {:.1}x faster",
        ms(series_buckets.median) / ms(series_days.median)
    );
    println!("  target: kpis under 50 ms of server time");
    println!();
    println!(
        "  {:<50} {:>10} {:>10} {:>8}",
        "a year's table (statement, median): key percentiles", "month bins", "facts", "faster"
    );
    for (name, bins, facts) in &key_percentiles {
        println!(
            "  {:<50} {:>8.1}ms {:>8.1}ms {:>7.1}x",
            name,
            ms(bins.median),
            ms(facts.median),
            ms(facts.median) / ms(bins.median)
        );
    }

    println!();
    println!(
        "  {:<40} {:>10} {:>10} {:>10} {:>10} {:>7}  met (30d/yr)",
        "report (bench-001 unless said)", "30d median", "30d min", "yr median", "yr min", "target"
    );
    for (name, kind) in KINDS {
        let month = time(5, || run(&pool, tenant, &options, kind)).await?;
        let last_year = time(5, || run(&pool, tenant, &year, kind)).await?;
        let target = kind.target_ms();
        let met = |t: &Timing| if ms(t.median) <= target { "yes" } else { "NO" };
        println!(
            "  {:<40} {:>8.1}ms {:>8.1}ms {:>8.1}ms {:>8.1}ms {:>5.0}ms  {}/{}",
            name,
            ms(month.median),
            ms(month.min),
            ms(last_year.median),
            ms(last_year.min),
            target,
            met(&month),
            met(&last_year)
        );
    }

    pool.close().await;
    if let Some(cluster) = cluster {
        cluster.stop()?;
    }
    Ok(())
}

/// Which report statement [`run_statement`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Statement {
    /// A series by day: the bucket parameters too.
    DailySeries,
    /// A per-dimension table, unnamed (planned for its own bounds, as the reports run it).
    Table,
}

/// Runs `sql`, a report statement of the kind `statement`, over `options`' period in the tenant's
/// transaction, with the report's parameters; its row count.
async fn run_statement(
    pool: &PgPool,
    tenant: TenantId,
    options: &ReportOptions,
    sql: String,
    statement: Statement,
) -> Result<i64> {
    let mut tx = db::tenant_tx(pool, tenant).await?;
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .persistent(statement != Statement::Table)
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.business_hours)
        .bind(vec!["lead".to_string(), "sale".to_string()])
        .bind(vec!["sale".to_string()]);
    if statement == Statement::DailySeries {
        query = query.bind("day").bind(options.period.tz.name()).bind("YYYY-MM-DD");
    }
    Ok(query.fetch_all(&mut *tx).await?.len() as i64)
}

/// A report the table times, over each period.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Kpis,
    Series(Bucket),
    Dimension(Grouping),
    FrtDistribution,
    Heatmap,
    /// The admin overview: one row per tenant, in a platform transaction.
    Overview,
    /// The same over the period's dates in UTC, as the admin page asks it.
    OverviewUtc,
    /// The reports of one dashboard page request ([`dashboard_page`]).
    Page,
}

/// The table's rows: every tenant report kind, the overview and the page.
const KINDS: [(&str, Kind); 14] = [
    ("kpis", Kind::Kpis),
    ("series by day", Kind::Series(Bucket::Day)),
    ("series by week", Kind::Series(Bucket::Week)),
    ("series by month", Kind::Series(Bucket::Month)),
    ("by inbox", Kind::Dimension(Grouping::Inbox)),
    ("by agent", Kind::Dimension(Grouping::Agent)),
    ("by team", Kind::Dimension(Grouping::Team)),
    ("by label", Kind::Dimension(Grouping::Label)),
    ("by channel", Kind::Dimension(Grouping::Channel)),
    ("frt-distribution", Kind::FrtDistribution),
    ("heatmap", Kind::Heatmap),
    ("overview (100 tenants, platform role)", Kind::Overview),
    ("overview, the same dates in UTC (admin page)", Kind::OverviewUtc),
    ("dashboard page (its 10 reports)", Kind::Page),
];

impl Kind {
    /// The most server time the report may take.
    fn target_ms(self) -> f64 {
        match self {
            Kind::Overview | Kind::OverviewUtc | Kind::Page => 150.0,
            _ => 50.0,
        }
    }
}

/// Computes `kind` once, each report in its own transaction as the CLI and the dashboard do;
/// returns a row count, so that nothing is optimised away.
async fn run(pool: &PgPool, tenant: TenantId, options: &ReportOptions, kind: Kind) -> Result<i64> {
    match kind {
        Kind::Overview | Kind::OverviewUtc => {
            let period = if let Kind::OverviewUtc = kind {
                let midnight = |t: chrono::DateTime<chrono_tz::Tz>| {
                    t.date_naive().and_time(chrono::NaiveTime::MIN).and_utc()
                };
                let tz = options.period.tz;
                let (from, to) =
                    (options.period.from.with_timezone(&tz), options.period.to.with_timezone(&tz));
                Period { from: midnight(from), to: midnight(to), tz: chrono_tz::UTC }
            } else {
                options.period
            };
            let mut tx = db::platform_tx(pool).await?;
            let rows = reports::overview::overview(&mut tx, &period).await?;
            tx.commit().await?;
            Ok(rows.len() as i64)
        }
        Kind::Page => dashboard_page(pool, tenant, options).await,
        report => {
            let mut tx = db::tenant_tx(pool, tenant).await?;
            let rows = match report {
                Kind::Kpis => reports::kpis(&mut tx, SLUG, options).await?.metrics.conversations,
                Kind::Series(bucket) => reports::series(&mut tx, options, bucket).await?.len() as i64,
                Kind::Dimension(grouping) => {
                    reports::by_dimension(&mut tx, options, grouping).await?.len() as i64
                }
                Kind::FrtDistribution => reports::frt_distribution(&mut tx, options).await?.len() as i64,
                Kind::Heatmap => reports::heatmap(&mut tx, options).await?.len() as i64,
                Kind::Overview | Kind::OverviewUtc | Kind::Page => unreachable!("not a tenant report"),
            };
            tx.commit().await?;
            Ok(rows)
        }
    }
}

/// What one dashboard page request computes (`web::pages::dashboard::render`), without HTTP and
/// HTML: the tenant's settings and freshness in one transaction, then at the same time, each in
/// its own transaction, the KPIs of the period and of the previous one, the series in the
/// period's bucket, the fine first-response distribution, the heatmap and the five tables. Through
/// a report cache with no time to live: the page's code path, computed every time.
async fn dashboard_page(pool: &PgPool, tenant: TenantId, options: &ReportOptions) -> Result<i64> {
    let mut tx = db::tenant_tx(pool, tenant).await?;
    dashboard::tenant_settings(&mut tx).await?;
    geniai::freshness::of_tenant(&mut tx).await?;
    tx.commit().await?;
    let cache = ReportCache::new(Duration::ZERO);
    let before = ReportOptions { period: geniai::web::period::previous(&options.period), ..*options };
    let series = Cut { bucket: Bucket::for_period(&options.period), ..Cut::default() };
    let fine = Cut { frt: FrtScale::Fine, ..Cut::default() };
    let report = |kind, cut| cache.rows(pool, tenant, SLUG, options, kind, cut);
    let (kpis, kpis_before, daily, frt, heat, tables) = tokio::try_join!(
        report(ReportKind::Kpis, Cut::default()),
        cache.rows(pool, tenant, SLUG, &before, ReportKind::Kpis, Cut::default()),
        report(ReportKind::Daily, series),
        report(ReportKind::FrtDistribution, fine),
        report(ReportKind::Heatmap, Cut::default()),
        futures::future::try_join_all(DIMENSIONS.map(|d| report(d.kind, Cut::default()))),
    )?;
    let rows = [kpis, kpis_before, daily, frt, heat].iter().chain(&tables).map(Vec::len).sum::<usize>();
    Ok(rows as i64)
}

/// Runs the rollup aggregation statement with the benchmark's labels.
async fn run_rollup_sql(conn: &mut sqlx::PgConnection, sql: &str, options: &ReportOptions) -> Result<i64> {
    // Every column is fetched, so that the planner computes all of them, as in `aggregate`.
    let row = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(false)
        .bind(vec!["lead".to_string(), "sale".to_string()])
        .bind(vec!["sale".to_string()])
        .fetch_one(conn)
        .await?;
    Ok(sqlx::Row::try_get(&row, "conversations")?)
}

struct Timing {
    median: Duration,
    min: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn time<F, Fut>(runs: usize, mut f: F) -> Result<Timing>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<i64>>,
{
    f().await?; // warm the cache
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(f().await?);
        samples.push(start.elapsed());
    }
    Ok(Timing::of(samples))
}

/// How many runs of each side the alternated RLS comparison times.
const ALTERNATED_RUNS: usize = 15;

impl Timing {
    fn of(mut samples: Vec<Duration>) -> Timing {
        samples.sort();
        Timing { median: samples[samples.len() / 2], min: samples[0] }
    }
}

/// Fills the analytics tables: tenant 1 gets `big` conversations with ~10 messages, 3 events and
/// a CSAT response every 5th; the 99 others share the remaining conversations with 1 message each.
async fn generate(pool: &PgPool, big: i64, others_each: i64) -> Result<()> {
    eprintln!("generating benchmark data ({big} + 99 x {others_each} conversations)...");
    let started = Instant::now();
    let steps = [
        // The facts and summaries have no foreign key to `tenants` (migrations 0009 and 0038).
        format!("TRUNCATE tenants, {} CASCADE", db::TENANT_TABLES.join(", ")),
        format!(
            "INSERT INTO tenants (slug, name, timezone) SELECT 'bench-' || lpad(g::text, 3, '0'), 'Bench ' || g, 'America/Sao_Paulo'
               FROM generate_series(1, {TENANTS}) g"
        ),
        "INSERT INTO tenant_settings (tenant_id, lead_labels, conversion_labels) SELECT id, '{lead}', '{sale}' FROM tenants".into(),
        "INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type)
           SELECT t.id, t.id * 10 + k, 1, 'Inbox ' || k, (ARRAY['Channel::Whatsapp','Channel::WebWidget','Channel::Api','Channel::Email','Channel::Instagram'])[k + 1]
             FROM tenants t, generate_series(0, 4) k".into(),
        "INSERT INTO agents (tenant_id, user_id, name) SELECT t.id, 100 + k, 'Agent ' || k FROM tenants t, generate_series(0, 19) k".into(),
        "ALTER TABLE conversations SET UNLOGGED".into(),
        "ALTER TABLE messages SET UNLOGGED".into(),
        "ALTER TABLE reporting_events SET UNLOGGED".into(),
        "ALTER TABLE csat_responses SET UNLOGGED".into(),
        format!(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, assignee_id, team_id,
                                        channel_type, labels, created_at, first_reply_created_at, waiting_since, source_updated_at)
             SELECT t.id, g, 1, t.id * 10 + g % 5, g, (g % 4)::smallint,
                    CASE WHEN g % 7 = 0 THEN NULL ELSE 100 + g % 20 END, g % 3,
                    'Channel::Api',
                    CASE g % 10 WHEN 0 THEN '{{lead}}'::text[] WHEN 1 THEN '{{lead,sale}}' WHEN 2 THEN '{{support}}' ELSE '{{}}' END,
                    ts, ts + interval '7 minutes', NULL, ts
               FROM tenants t
              CROSS JOIN LATERAL generate_series(1, CASE WHEN t.slug = 'bench-001' THEN {big} ELSE {others_each} END) g
              CROSS JOIN LATERAL (SELECT now() - ((g::bigint * 7919) % 10368000) * interval '1 second' AS ts) x"
        ),
        "INSERT INTO messages (tenant_id, message_id, conversation_id, inbox_id, message_type, private, content_type, sender_type, created_at)
           SELECT c.tenant_id, c.conversation_id * 10 + k, c.conversation_id, c.inbox_id,
                  (CASE WHEN k % 3 = 0 THEN 0 WHEN k = 8 THEN 2 ELSE 1 END)::smallint, k = 7, (CASE WHEN k = 9 THEN 9 ELSE 0 END)::smallint,
                  CASE WHEN k % 3 = 0 THEN 'Contact' ELSE 'User' END,
                  c.created_at + k * interval '3 minutes'
             FROM conversations c
            CROSS JOIN LATERAL generate_series(0, CASE WHEN c.tenant_id = (SELECT id FROM tenants WHERE slug = 'bench-001') THEN 9 ELSE 0 END) k".into(),
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id, conversation_id, created_at)
           SELECT c.tenant_id, c.conversation_id * 4 + k, (ARRAY['first_response','conversation_resolved','reply_time'])[k + 1],
                  ((c.conversation_id * 31 + k * 17) % 7200)::float8, ((c.conversation_id * 13) % 3600)::float8,
                  c.inbox_id, c.assignee_id, c.conversation_id, c.created_at + (k + 1) * interval '5 minutes'
             FROM conversations c
            CROSS JOIN LATERAL generate_series(0, CASE WHEN c.tenant_id = (SELECT id FROM tenants WHERE slug = 'bench-001') THEN 2 ELSE 0 END) k".into(),
        "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, assigned_agent_id, created_at, updated_at)
           SELECT tenant_id, conversation_id, conversation_id, conversation_id * 10 + 9, (1 + conversation_id % 5)::smallint, assignee_id,
                  created_at + interval '1 hour', created_at + interval '1 hour'
             FROM conversations WHERE conversation_id % 5 = 0".into(),
        "ANALYZE".into(),
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
