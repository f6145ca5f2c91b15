//! The incremental, multi-tenant ETL from Chatwoot into the analytics database.
//!
//! Per tenant, one run is one target transaction (`db::tenant_tx`): it takes the tenant's
//! advisory lock, loads every stream, refreshes the dimensions, removes rows of inboxes no longer
//! mapped, and advances the watermarks, then commits, so a crash at any moment leaves the
//! previous state and a re-run converges to what a clean full load gives. A tenant's first load
//! is the exception: its streams load side by side, each committing with its own watermark
//! (`first_load.rs`). The source is read in
//! one REPEATABLE READ snapshot per tenant, streamed with COPY (memory does not grow with the
//! data), in keyset batches for incremental runs.
//!
//! No gaps: each incremental run re-reads from `watermark − overlap`, and the watermark never
//! moves past the start of a source transaction still writing (see
//! [`extract::safe_upper_bound`]). Idempotence: upserts keyed by the source ids.
//!
//! A run over many tenants mostly finds a few rows per tenant: plain incremental runs on the
//! shared source are read together, one query per stream, and routed by inbox (see `shared.rs`);
//! each tenant still commits in its own locked transaction.
//!
//! Routing (which tenants, which inboxes) reads the platform tables through `db::platform_tx`.
//! Progress goes to a callback; the command layer draws it.

pub mod extract;
mod first_load;
pub mod load;
pub mod runs;
mod shared;
mod statistics;
pub mod watch;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, NaiveDateTime, Utc};
use futures::StreamExt;
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use tokio::sync::Mutex;

use crate::db::{self, TenantId, TenantTx};
use crate::error::DomainError;
use extract::{After, Stream};
use load::{Staged, Write};
pub use runs::Trigger;

/// Namespace of geniai's advisory locks (the first key of the two-key form).
pub const LOCK_NAMESPACE: i32 = 0x6765_6e69; // "geni"

/// Which tenants a run covers.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every tenant.
    All,
    /// These slugs.
    Slugs(Vec<String>),
}

/// How to run.
#[derive(Clone)]
pub struct EtlOptions {
    pub selection: Selection,
    /// Ignore the watermarks and reload everything.
    pub full: bool,
    /// Tenants processed in parallel.
    pub jobs: usize,
    /// Extract and count; write nothing.
    pub dry_run: bool,
    /// Also remove conversations deleted in Chatwoot.
    pub reconcile: bool,
    pub trigger: Trigger,
    /// Rows per incremental batch.
    pub batch_size: i64,
    /// How far before the watermark each incremental run starts reading again.
    pub overlap: Duration,
    /// The shared Chatwoot database.
    pub shared_source_url: Option<String>,
    /// The master key, to read tenants' `source_url` secrets (None: no key configured).
    pub master_key: Option<Arc<crate::secrets::MasterKey>>,
}

/// What happened to one tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Succeeded,
    Failed,
    Skipped,
}

/// The result of one tenant's run.
#[derive(Debug, Clone, Serialize)]
pub struct TenantReport {
    pub tenant: String,
    pub outcome: Outcome,
    pub mode: String,
    pub rows_read: u64,
    pub rows_written: u64,
    pub seconds: f64,
    /// Why it failed or was skipped.
    pub message: Option<String>,
    /// A skip that deserves attention (a tenant with no inbox).
    pub warning: bool,
}

/// Progress, reported to the caller's callback.
#[derive(Debug, Clone)]
pub enum EtlEvent {
    /// A tenant's run started.
    Started { tenant: String, mode: String },
    /// Rows read so far for a tenant.
    Rows { tenant: String, stream: &'static str, rows_read: u64 },
    /// A tenant is done (or skipped, or failed).
    Finished(TenantReport),
}

/// The progress callback.
pub type Progress = Arc<dyn Fn(EtlEvent) + Send + Sync>;

/// A tenant as routing sees it.
#[derive(Debug, Clone)]
struct TenantRoute {
    id: TenantId,
    slug: String,
    status: String,
    inboxes: Vec<i32>,
}

/// Connections a run of `jobs` tenants at a time may need on each source and (plus one for the
/// run rows) on the analytics database: per tenant, its run's transaction and the two lanes of a
/// first load.
pub fn pool_size(jobs: usize) -> u32 {
    jobs.max(1) as u32 * 3 + 1
}

/// Opens a pool on the analytics database for the ETL's long statements.
pub async fn connect_target(url: &str, max_connections: u32) -> Result<PgPool> {
    db::session::open_pool(
        url,
        db::session::Database::AnalyticsBulk,
        max_connections,
        Duration::from_secs(30),
    )
    .await
}

/// Runs the ETL over the selected tenants. A failing tenant is reported, never fatal: the
/// returned reports say which failed. Errors are only for routing faults (unknown tenant,
/// unreachable analytics database).
pub async fn run(pool: &PgPool, options: &EtlOptions, progress: Progress) -> Result<Vec<TenantReport>> {
    let routes = routes(pool, &options.selection).await?;
    let sources = Arc::new(SourcePools::default());
    let jobs = options.jobs.max(1);
    // Plain incremental runs on the shared source first, read together; the rest (and any
    // tenant that changed meanwhile) one by one.
    let (shared_reports, routes) = shared::run(pool, options, &sources, routes, &progress).await;
    let reports: Vec<TenantReport> = futures::stream::iter(routes)
        .map(|route| {
            let sources = Arc::clone(&sources);
            let progress = Arc::clone(&progress);
            async move { run_tenant(pool, options, &sources, route, progress).await }
        })
        .buffer_unordered(jobs)
        .collect()
        .await;
    sources.close().await;
    let mut reports = reports;
    reports.extend(shared_reports);
    reports.sort_by(|a, b| a.tenant.cmp(&b.tenant));
    Ok(reports)
}

async fn routes(pool: &PgPool, selection: &Selection) -> Result<Vec<TenantRoute>> {
    let mut tx = db::platform_tx(pool).await?;
    let rows: Vec<(TenantId, String, String, Vec<i32>)> = sqlx::query_as(
        "SELECT t.id, t.slug, t.status,
                coalesce(array_agg(m.inbox_id ORDER BY m.inbox_id) FILTER (WHERE m.inbox_id IS NOT NULL), '{}')
         FROM tenants t LEFT JOIN inbox_mappings m ON m.tenant_id = t.id
         GROUP BY t.id ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .context("reading the tenants and their inboxes")?;
    tx.commit().await?;
    let all: Vec<TenantRoute> = rows
        .into_iter()
        .map(|(id, slug, status, inboxes)| TenantRoute { id, slug, status, inboxes })
        .collect();
    match selection {
        Selection::All => Ok(all),
        Selection::Slugs(slugs) => {
            let wanted: BTreeSet<&str> = slugs.iter().map(String::as_str).collect();
            let unknown: Vec<&str> =
                wanted.iter().copied().filter(|s| !all.iter().any(|t| t.slug == *s)).collect();
            if !unknown.is_empty() {
                return Err(DomainError::not_found(format!("unknown tenant: {}", unknown.join(", "))).into());
            }
            Ok(all.into_iter().filter(|t| wanted.contains(t.slug.as_str())).collect())
        }
    }
}

/// Source pools by URL, opened on first use and shared by the tenants that read the same one.
#[derive(Default)]
struct SourcePools {
    pools: Mutex<HashMap<String, PgPool>>,
}

impl SourcePools {
    async fn get(&self, url: &str, size: u32) -> Result<PgPool> {
        let mut pools = self.pools.lock().await;
        if let Some(pool) = pools.get(url) {
            return Ok(pool.clone());
        }
        let pool = crate::source::connect(url, size).await?;
        pools.insert(url.to_string(), pool.clone());
        Ok(pool)
    }

    async fn close(&self) {
        for pool in self.pools.lock().await.values() {
            pool.close().await;
        }
    }
}

fn report(route: &TenantRoute, outcome: Outcome, mode: &str, started: Instant) -> TenantReport {
    TenantReport {
        tenant: route.slug.clone(),
        outcome,
        mode: mode.to_string(),
        rows_read: 0,
        rows_written: 0,
        seconds: started.elapsed().as_secs_f64(),
        message: None,
        warning: false,
    }
}

async fn run_tenant(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    route: TenantRoute,
    progress: Progress,
) -> TenantReport {
    let started = Instant::now();
    let skip = |reason: String, warning: bool| {
        let mut r = report(&route, Outcome::Skipped, "skipped", started);
        r.message = Some(reason);
        r.warning = warning;
        r
    };
    let skipped = if route.status != "active" {
        Some(skip(format!("tenant is {}", route.status), false))
    } else if route.inboxes.is_empty() {
        Some(skip("tenant has no inbox mapped".into(), true))
    } else {
        None
    };
    if let Some(mut r) = skipped {
        if !options.dry_run
            && let Err(err) =
                runs::record_skipped(pool, route.id, options.trigger, r.message.as_deref().unwrap_or(""))
                    .await
        {
            r.outcome = Outcome::Failed;
            r.message = Some(format!("{err:#}"));
        }
        progress(EtlEvent::Finished(r.clone()));
        return r;
    }
    let result = if options.dry_run {
        dry_run_tenant(pool, options, sources, &route, &progress).await
    } else {
        load_tenant(pool, options, sources, &route, &progress).await
    };
    let r = match result {
        Ok(r) => r,
        Err(err) => {
            let mut r = report(&route, Outcome::Failed, "", started);
            r.message = Some(format!("{err:#}"));
            r
        }
    };
    let mut r = r;
    r.seconds = started.elapsed().as_secs_f64();
    progress(EtlEvent::Finished(r.clone()));
    r
}

/// The source URL of a tenant: its own `source_url` secret, else the shared source.
async fn source_url_for(options: &EtlOptions, tx: &mut TenantTx) -> Result<String> {
    if let Some(key) = &options.master_key {
        if let Some(url) = crate::secrets::get(tx, key, crate::secrets::SOURCE_URL_SECRET).await? {
            return Ok(url.to_string());
        }
    } else {
        let has_secret: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tenant_secrets WHERE name = $1)")
                .bind(crate::secrets::SOURCE_URL_SECRET)
                .fetch_one(&mut **tx)
                .await?;
        if has_secret {
            return Err(anyhow!(
                "the tenant has its own source_url secret but no master key is configured (set GENIAI_MASTER_KEY)"
            ));
        }
    }
    options.shared_source_url.clone().ok_or_else(|| {
        anyhow!("no Chatwoot source database is configured: pass --source-url or set GENIAI_SOURCE_URL")
    })
}

/// Counters of one run.
#[derive(Default)]
struct Counters {
    rows_read: u64,
    rows_written: u64,
}

/// What the run will read, decided from the watermarks and the inboxes already loaded.
struct Plan {
    mode: &'static str,
    /// Inboxes loaded in full (new to the tenant, or all on a full run).
    full_inboxes: Vec<i32>,
    /// Inboxes read incrementally from `from`.
    incremental_inboxes: Vec<i32>,
    /// Inboxes whose rows must go (no longer mapped).
    removed_inboxes: Vec<i32>,
    from: Option<NaiveDateTime>,
    /// CSAT responses with ids above this are checked for changes: lowered, in the source
    /// snapshot, to cover Chatwoot's edit window ([`Plan::cover_csat_edits`]).
    csat_floor: i64,
    /// Conversations with ids above this are new since the last run (or within the margin).
    conversation_floor: i64,
    watermark_from: Option<DateTime<Utc>>,
    /// The tenant has no watermark and no facts: its streams load side by side (see
    /// [`first_load`]).
    first_load: bool,
}

async fn plan(tx: &mut TenantTx, options: &EtlOptions, mapped: &[i32]) -> Result<Plan> {
    let watermarks = runs::watermarks(tx).await?;
    let known: Vec<i32> = sqlx::query_scalar("SELECT inbox_id FROM inboxes").fetch_all(&mut **tx).await?;
    let oldest = watermarks.iter().map(|(_, ts, _)| *ts).min();
    let all_streams = Stream::ALL.iter().all(|s| watermarks.iter().any(|(name, _, _)| name == s.name()));
    let cursor_of = |stream: Stream| {
        watermarks.iter().find(|(name, _, _)| name == stream.name()).map(|(_, _, id)| *id).unwrap_or(0)
    };
    let csat_cursor = cursor_of(Stream::Csat);
    let conversation_cursor = cursor_of(Stream::Conversations);
    let full = options.full || oldest.is_none() || !all_streams;
    let first_load = watermarks.is_empty()
        && !sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM conversations) OR EXISTS (SELECT 1 FROM messages)
                 OR EXISTS (SELECT 1 FROM reporting_events) OR EXISTS (SELECT 1 FROM csat_responses)",
        )
        .fetch_one(&mut **tx)
        .await?;
    let removed_inboxes: Vec<i32> = known.iter().copied().filter(|i| !mapped.contains(i)).collect();
    let (full_inboxes, incremental_inboxes): (Vec<i32>, Vec<i32>) =
        if full { (mapped.to_vec(), vec![]) } else { mapped.iter().partition(|i| !known.contains(i)) };
    let overlap = chrono::Duration::from_std(options.overlap).unwrap_or(chrono::Duration::minutes(15));
    Ok(Plan {
        mode: if full { "full" } else { "incremental" },
        full_inboxes,
        incremental_inboxes,
        removed_inboxes,
        from: if full { None } else { oldest.map(|ts| ts.naive_utc() - overlap) },
        csat_floor: (csat_cursor - extract::CSAT_ID_MARGIN).max(0),
        conversation_floor: (conversation_cursor - extract::CONVERSATION_ID_MARGIN).max(0),
        watermark_from: if full { None } else { oldest },
        first_load,
    })
}

impl Plan {
    /// Lowers the CSAT floor to the first response a contact may still have edited since the
    /// window starts (read in the run's source snapshot).
    async fn cover_csat_edits(&mut self, src: &mut PgConnection) -> Result<()> {
        if let (false, Some(from)) = (self.incremental_inboxes.is_empty(), self.from) {
            self.csat_floor = extract::csat_window_floor(src, from, self.csat_floor)
                .await
                .context("finding the CSAT responses still open to edits")?;
        }
        Ok(())
    }
}

async fn load_tenant(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    route: &TenantRoute,
    progress: &Progress,
) -> Result<TenantReport> {
    let started = Instant::now();
    let mut tx = runs::bookkeeping_tx(pool, route.id).await?;
    let (locked, _) = try_lock_tenant(&mut tx).await?;
    if !locked {
        drop(tx);
        let reason = match db::locks::holder(pool, LOCK_NAMESPACE, route.id.0).await {
            Some(holder) => format!("another geniai etl is processing this tenant ({holder})"),
            None => "another geniai etl is processing this tenant".to_string(),
        };
        runs::record_skipped(pool, route.id, options.trigger, &reason).await?;
        let mut r = report(route, Outcome::Skipped, "skipped", started);
        r.message = Some(reason);
        return Ok(r);
    }
    let run_id = runs::start(pool, route.id, options.trigger, "starting", None).await?;
    let mut counters = Counters::default();
    let mut mode = String::from("incremental");
    let mut watermark_from = None;
    let mut warning = None;
    let outcome = async {
        let url = source_url_for(options, &mut tx).await?;
        let mut plan = plan(&mut tx, options, &route.inboxes).await?;
        mode = if options.reconcile { format!("{}+reconcile", plan.mode) } else { plan.mode.to_string() };
        watermark_from = plan.watermark_from;
        progress(EtlEvent::Started { tenant: route.slug.clone(), mode: mode.clone() });
        let source_pool = sources.get(&url, pool_size(options.jobs)).await?;
        let bound =
            load_in_tx(pool, &mut tx, &source_pool, options, route, &mut plan, &mut counters, progress)
                .await?;
        let upper = bound.at;
        warning = bound.warning();
        if let Some(warning) = &warning {
            tracing::warn!(tenant = %route.slug, "{warning}");
        }
        let stats = runs::RunStats {
            mode: mode.clone(),
            rows_read: counters.rows_read,
            rows_written: counters.rows_written,
            watermark_from,
            watermark_to: Some(upper.and_utc()),
            warning: warning.clone(),
        };
        runs::close(&mut tx, run_id, &stats, None).await?;
        tx.commit().await?;
        let always = plan.first_load || plan.mode == "full" || options.reconcile;
        analyze(pool, route, counters.rows_written, always).await;
        Ok::<NaiveDateTime, anyhow::Error>(upper)
    }
    .await;
    let mut stats = runs::RunStats {
        mode: mode.clone(),
        rows_read: counters.rows_read,
        rows_written: counters.rows_written,
        watermark_from,
        watermark_to: None,
        warning: None,
    };
    let mut r = report(route, Outcome::Succeeded, &mode, started);
    r.rows_read = counters.rows_read;
    r.rows_written = counters.rows_written;
    match outcome {
        Ok(_) => {}
        Err(err) => {
            let message = format!("{err:#}");
            stats.rows_written = 0;
            runs::finish(pool, route.id, run_id, &stats, Some(&message)).await.ok();
            r.outcome = Outcome::Failed;
            r.rows_written = 0;
            r.message = Some(message);
        }
    }
    Ok(r)
}

/// Refreshes the statistics of the tables a committed run changed a large share of (see
/// [`statistics`]). The run's rows are committed by then, so a failure is a warning.
async fn analyze(pool: &PgPool, route: &TenantRoute, rows_written: u64, always: bool) {
    if let Err(err) = statistics::refresh(pool, rows_written, always).await {
        tracing::warn!(tenant = %route.slug, "the run succeeded but its tables were not analyzed: {err:#}");
    }
}

/// Everything of one tenant's run inside its target transaction. Returns the new watermark.
#[allow(clippy::too_many_arguments)]
async fn load_in_tx(
    pool: &PgPool,
    tx: &mut TenantTx,
    source_pool: &PgPool,
    options: &EtlOptions,
    route: &TenantRoute,
    plan: &mut Plan,
    counters: &mut Counters,
    progress: &Progress,
) -> Result<extract::UpperBound> {
    let mut src = source_pool.begin().await.context("opening a source transaction")?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *src).await?;
    let bound = extract::safe_upper_bound(&mut src).await.context("reading the source clock")?;
    let upper = bound.at;
    let csat_max: i64 = sqlx::query_scalar(extract::CSAT_MAX_ID_SQL).fetch_one(&mut *src).await?;
    let conversation_max: i64 =
        sqlx::query_scalar(extract::CONVERSATION_MAX_ID_SQL).fetch_one(&mut *src).await?;
    plan.cover_csat_edits(&mut src).await?;

    let stream_ids = |stream: Stream| match stream {
        Stream::Csat => csat_max,
        Stream::Conversations => conversation_max,
        _ => 0,
    };
    if plan.first_load {
        if !plan.removed_inboxes.is_empty() {
            counters.rows_written += remove_inboxes(tx, &plan.removed_inboxes).await?;
        }
        let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()").fetch_one(&mut *src).await?;
        let load = first_load::FirstLoad {
            pool,
            source_pool,
            snapshot: &snapshot,
            tenant: route.id,
            inboxes: &plan.full_inboxes,
            upper,
            stream_ids: &stream_ids,
        };
        let (read, written) = load
            .run(&|stream, rows_read| {
                progress(EtlEvent::Rows { tenant: route.slug.clone(), stream: stream.name(), rows_read })
            })
            .await?;
        counters.rows_read += read;
        counters.rows_written += written;
    } else {
        load_streams(tx, &mut src, options, route, plan, counters, progress).await?;
    }
    counters.rows_written +=
        Dimensions::read(&mut src, &route.inboxes).await?.subset(&route.inboxes).write(tx).await?;
    if options.reconcile {
        counters.rows_written += reconcile(tx, &mut src, &route.inboxes).await?;
    }
    let names: Vec<&str> = Stream::ALL.iter().map(|s| s.name()).collect();
    let ids: Vec<i64> = Stream::ALL.iter().map(|s| stream_ids(*s)).collect();
    runs::advance_watermarks(tx, &names, &ids, upper).await?;
    src.rollback().await.ok();
    Ok(bound)
}

/// The streams of a tenant's run inside its one target transaction: a full reload (everything of
/// the tenant deleted first), new inboxes in full, the others incrementally in keyset batches.
async fn load_streams(
    tx: &mut TenantTx,
    src: &mut PgConnection,
    options: &EtlOptions,
    route: &TenantRoute,
    plan: &Plan,
    counters: &mut Counters,
    progress: &Progress,
) -> Result<()> {
    let tenant = route.id;
    let wiped = options.full || plan.mode == "full";
    if wiped {
        // Everything of the tenant is reloaded below, in this same transaction.
        delete_facts(tx).await?;
        for sql in ["DELETE FROM inboxes", "DELETE FROM agents", "DELETE FROM teams"] {
            sqlx::query(sql).execute(&mut **tx).await?;
        }
    }
    if !plan.removed_inboxes.is_empty() {
        counters.rows_written += remove_inboxes(tx, &plan.removed_inboxes).await?;
    }
    ensure_staging(tx).await?;

    for stream in Stream::ALL {
        if !plan.full_inboxes.is_empty() {
            let select = extract::full_select(stream, &plan.full_inboxes);
            let read = load::pipe(src, tx, &select, load::staging_table(stream)).await?;
            counters.rows_read += read;
            counters.rows_written += if wiped {
                insert(tx, stream, tenant, read).await?
            } else {
                merge(tx, stream, tenant, read).await?
            };
            progress(EtlEvent::Rows {
                tenant: route.slug.clone(),
                stream: stream.name(),
                rows_read: counters.rows_read,
            });
        }
        if let (false, Some(from)) = (plan.incremental_inboxes.is_empty(), plan.from) {
            let mut after = After::Start;
            loop {
                let select = extract::incremental_select(
                    stream,
                    &plan.incremental_inboxes,
                    from,
                    after,
                    options.batch_size,
                    plan.csat_floor,
                    plan.conversation_floor,
                );
                let read = load::pipe(src, tx, &select, load::staging_table(stream)).await?;
                counters.rows_read += read;
                if read == 0 {
                    break;
                }
                let (ts, id): (Option<NaiveDateTime>, Option<i64>) =
                    sqlx::query_as(load::last_key_sql(stream)).fetch_one(&mut **tx).await?;
                counters.rows_written += merge(tx, stream, tenant, read).await?;
                progress(EtlEvent::Rows {
                    tenant: route.slug.clone(),
                    stream: stream.name(),
                    rows_read: counters.rows_read,
                });
                if (read as i64) < options.batch_size {
                    break;
                }
                after = match (stream, ts, id) {
                    (Stream::Conversations, _, Some(id)) => After::Id(id),
                    (_, Some(ts), Some(id)) => After::TimeKey(ts, id),
                    _ => break,
                };
            }
        }
    }
    Ok(())
}

/// Takes the tenant's ETL lock for the transaction, and tells whether the connection already has
/// its staging tables, in one round trip: `(locked, staged)`. The lock lives in the analytics
/// database and is transaction-scoped: released at commit, at rollback, and when a killed
/// process's connection drops; it holds across machines sharing the database. Once it is taken,
/// the tenant must still exist: deleting a tenant takes the same lock
/// ([`try_lock_tenant_for_deletion`]), and the fact tables have no foreign key to `tenants`, so
/// this check is what keeps a run from writing facts for a tenant deleted just before.
async fn try_lock_tenant(tx: &mut TenantTx) -> Result<(bool, bool)> {
    let tenant = tx.tenant();
    let (locked, staged): (bool, bool) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT pg_try_advisory_xact_lock($1, $2), {}",
        load::STAGING_EXISTS
    )))
    .bind(LOCK_NAMESPACE)
    .bind(tenant.0)
    .fetch_one(&mut **tx)
    .await
    .context("taking the tenant's ETL lock")?;
    if locked {
        // A statement of its own, so that its snapshot follows the lock.
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)")
            .bind(tenant)
            .fetch_one(&mut **tx)
            .await
            .context("checking that the tenant still exists")?;
        if !exists {
            bail!("the tenant was deleted as the run started");
        }
    }
    Ok((locked, staged))
}

/// Takes a tenant's ETL lock for a transaction about to delete the tenant: `false` while a run
/// holds it. Held until that transaction ends, so no run starts on the tenant meanwhile.
pub async fn try_lock_tenant_for_deletion(conn: &mut PgConnection, tenant: TenantId) -> Result<bool> {
    sqlx::query_scalar("SELECT pg_try_advisory_xact_lock($1, $2)")
        .bind(LOCK_NAMESPACE)
        .bind(tenant.0)
        .fetch_one(conn)
        .await
        .context("taking the tenant's ETL lock")
}

/// Deletes every fact of the transaction's tenant, a conversation's rows before the conversation.
async fn delete_facts(tx: &mut TenantTx) -> Result<()> {
    for table in ["csat_responses", "reporting_events", "messages", "conversations"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Creates this connection's staging tables unless it has them.
async fn ensure_staging(tx: &mut TenantTx) -> Result<()> {
    let staged: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {}", load::STAGING_EXISTS)))
        .fetch_one(&mut **tx)
        .await?;
    if !staged {
        sqlx::raw_sql(load::staging_ddl()).execute(&mut **tx).await.context("creating the staging tables")?;
    }
    Ok(())
}

async fn merge(tx: &mut TenantTx, stream: Stream, tenant: TenantId, staged: u64) -> Result<u64> {
    if staged <= 10_000 {
        // Re-read rows are usually unchanged: then the staging table is emptied and the merge
        // (and the fact table's statement triggers) skipped.
        let writes: bool = sqlx::query_scalar(load::pending_sql(stream))
            .bind(tenant)
            .fetch_one(&mut **tx)
            .await
            .with_context(|| format!("comparing {}", stream.name()))?;
        if !writes {
            return Ok(0);
        }
    }
    write_staged(tx, stream, tenant, Write::Merge, staged).await
}

async fn insert(tx: &mut TenantTx, stream: Stream, tenant: TenantId, staged: u64) -> Result<u64> {
    write_staged(tx, stream, tenant, Write::Insert, staged).await
}

async fn write_staged(
    tx: &mut TenantTx,
    stream: Stream,
    tenant: TenantId,
    write: Write,
    staged: u64,
) -> Result<u64> {
    let table = load::staging_table(stream);
    // A small batch is moved out of staging by the statement that writes it (one round trip
    // fewer per stream and tenant); a large one is written, then truncated, as TRUNCATE swaps
    // files, which costs more than deleting a handful of rows but less than deleting many.
    let small = staged <= 10_000;
    let sql = load::write_sql(stream, write, if small { Staged::Drained } else { Staged::Kept });
    let written = sqlx::query(sql)
        .bind(tenant)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("loading {}", stream.name()))?
        .rows_affected();
    if !small {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("TRUNCATE {table}"))).execute(&mut **tx).await?;
    }
    Ok(written)
}

/// Deletes the rows of inboxes that are no longer mapped to the tenant.
async fn remove_inboxes(tx: &mut TenantTx, inboxes: &[i32]) -> Result<u64> {
    let mut removed = 0;
    for sql in [
        "DELETE FROM csat_responses r USING conversations c
          WHERE c.tenant_id = r.tenant_id AND c.conversation_id = r.conversation_id AND c.inbox_id = ANY($1)",
        "DELETE FROM reporting_events WHERE inbox_id = ANY($1)",
        "DELETE FROM messages WHERE inbox_id = ANY($1)",
        "DELETE FROM conversations WHERE inbox_id = ANY($1)",
        "DELETE FROM inboxes WHERE inbox_id = ANY($1)",
    ] {
        removed += sqlx::query(sql).bind(inboxes).execute(&mut **tx).await?.rows_affected();
    }
    Ok(removed)
}

/// An inbox as the dimension table keeps it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct InboxRow {
    id: i32,
    account_id: i32,
    name: String,
    channel_type: Option<String>,
    timezone: Option<String>,
}

/// Inbox, agent and team names of some inboxes, as read from the source.
#[derive(Debug, Default)]
struct Dimensions {
    inboxes: Vec<InboxRow>,
    /// `(account, user, name)`: a user in several accounts appears once per account.
    agents: Vec<(i64, i32, String)>,
    /// `(account, team, name)`.
    teams: Vec<(i64, i64, String)>,
}

impl Dimensions {
    /// Reads the dimensions of these inboxes and of their accounts.
    async fn read(src: &mut PgConnection, inboxes: &[i32]) -> Result<Dimensions> {
        let inboxes: Vec<InboxRow> = sqlx::query_as(extract::INBOXES_SQL)
            .bind(inboxes)
            .fetch_all(&mut *src)
            .await
            .context("reading inboxes")?;
        let mut accounts: Vec<i64> = inboxes.iter().map(|r| r.account_id as i64).collect();
        accounts.sort_unstable();
        accounts.dedup();
        let agents = sqlx::query_as(extract::AGENTS_SQL)
            .bind(&accounts)
            .fetch_all(&mut *src)
            .await
            .context("reading agents")?;
        let teams = sqlx::query_as(extract::TEAMS_SQL)
            .bind(&accounts)
            .fetch_all(&mut *src)
            .await
            .context("reading teams")?;
        Ok(Dimensions { inboxes, agents, teams })
    }

    /// The part of these dimensions that belongs to a tenant owning `inboxes`.
    fn subset(&self, inboxes: &[i32]) -> Dimensions {
        let rows: Vec<InboxRow> = self.inboxes.iter().filter(|r| inboxes.contains(&r.id)).cloned().collect();
        let accounts: BTreeSet<i64> = rows.iter().map(|r| r.account_id as i64).collect();
        let mut agents: Vec<(i64, i32, String)> =
            self.agents.iter().filter(|(account, _, _)| accounts.contains(account)).cloned().collect();
        agents.sort_by_key(|(_, user, _)| *user);
        agents.dedup_by_key(|(_, user, _)| *user);
        let teams = self.teams.iter().filter(|(account, _, _)| accounts.contains(account)).cloned().collect();
        Dimensions { inboxes: rows, agents, teams }
    }

    /// Writes the dimensions of the tenant's inboxes: small tables, refreshed whole on every
    /// run, in one statement (a run over many tenants pays a round trip per statement).
    async fn write(&self, tx: &mut TenantTx) -> Result<u64> {
        let tenant = tx.tenant();
        let rows = &self.inboxes;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let account_ids: Vec<i32> = rows.iter().map(|r| r.account_id).collect();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        let channels: Vec<Option<&str>> = rows.iter().map(|r| r.channel_type.as_deref()).collect();
        let zones: Vec<Option<&str>> = rows.iter().map(|r| r.timezone.as_deref()).collect();
        let agent_ids: Vec<i32> = self.agents.iter().map(|(_, id, _)| *id).collect();
        let agent_names: Vec<&str> = self.agents.iter().map(|(_, _, name)| name.as_str()).collect();
        let team_ids: Vec<i64> = self.teams.iter().map(|(_, id, _)| *id).collect();
        let team_names: Vec<&str> = self.teams.iter().map(|(_, _, name)| name.as_str()).collect();
        let written: i64 = sqlx::query_scalar(
            "WITH inbox_rows AS (
                 INSERT INTO inboxes AS t (tenant_id, inbox_id, account_id, name, channel_type, timezone, synced_at)
                 SELECT $1, * , now() FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])
                 ON CONFLICT (tenant_id, inbox_id) DO UPDATE SET account_id = EXCLUDED.account_id,
                     name = EXCLUDED.name, channel_type = EXCLUDED.channel_type, timezone = EXCLUDED.timezone,
                     synced_at = EXCLUDED.synced_at
                 WHERE (t.account_id, t.name, t.channel_type, t.timezone)
                       IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.name, EXCLUDED.channel_type, EXCLUDED.timezone)
                 RETURNING 1),
             agent_source AS (SELECT * FROM unnest($7::int[], $8::text[]) AS s(user_id, name)),
             agents_gone AS (
                 DELETE FROM agents a WHERE NOT EXISTS (SELECT 1 FROM agent_source s WHERE s.user_id = a.user_id)),
             agent_rows AS (
                 INSERT INTO agents AS t (tenant_id, user_id, name, synced_at)
                 SELECT $1, user_id, name, now() FROM agent_source
                 ON CONFLICT (tenant_id, user_id) DO UPDATE SET name = EXCLUDED.name, synced_at = EXCLUDED.synced_at
                 WHERE t.name IS DISTINCT FROM EXCLUDED.name
                 RETURNING 1),
             team_source AS (SELECT * FROM unnest($9::bigint[], $10::text[]) AS s(team_id, name)),
             teams_gone AS (
                 DELETE FROM teams x WHERE NOT EXISTS (SELECT 1 FROM team_source s WHERE s.team_id = x.team_id)),
             team_rows AS (
                 INSERT INTO teams AS t (tenant_id, team_id, name, synced_at)
                 SELECT $1, team_id, name, now() FROM team_source
                 ON CONFLICT (tenant_id, team_id) DO UPDATE SET name = EXCLUDED.name, synced_at = EXCLUDED.synced_at
                 WHERE t.name IS DISTINCT FROM EXCLUDED.name
                 RETURNING 1)
             SELECT (SELECT count(*) FROM inbox_rows) + (SELECT count(*) FROM agent_rows)
                    + (SELECT count(*) FROM team_rows)",
        )
        .bind(tenant)
        .bind(&ids)
        .bind(&account_ids)
        .bind(&names)
        .bind(&channels)
        .bind(&zones)
        .bind(&agent_ids)
        .bind(&agent_names)
        .bind(&team_ids)
        .bind(&team_names)
        .fetch_one(&mut **tx)
        .await
        .context("loading inbox, agent and team names")?;
        Ok(written as u64)
    }
}

/// Removes conversations (and their messages, events and CSAT responses) that no longer exist
/// in Chatwoot: its deletes are hard deletes that leave no trace to detect incrementally.
async fn reconcile(tx: &mut TenantTx, src: &mut PgConnection, inboxes: &[i32]) -> Result<u64> {
    load::pipe(src, tx, &extract::conversation_ids_select(inboxes), "stg_conversation_ids").await?;
    sqlx::query("ANALYZE stg_conversation_ids").execute(&mut **tx).await?;
    let mut removed = 0;
    for sql in [
        "DELETE FROM csat_responses t WHERE NOT EXISTS (SELECT 1 FROM stg_conversation_ids s WHERE s.id = t.conversation_id)",
        "DELETE FROM reporting_events t WHERE t.conversation_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM stg_conversation_ids s WHERE s.id = t.conversation_id)",
        "DELETE FROM messages t WHERE NOT EXISTS (SELECT 1 FROM stg_conversation_ids s WHERE s.id = t.conversation_id)",
        "DELETE FROM conversations t WHERE NOT EXISTS (SELECT 1 FROM stg_conversation_ids s WHERE s.id = t.conversation_id)",
    ] {
        removed += sqlx::query(sql).execute(&mut **tx).await.context("reconciling deletes")?.rows_affected();
    }
    sqlx::query("TRUNCATE stg_conversation_ids").execute(&mut **tx).await?;
    Ok(removed)
}

/// `--dry-run`: the same reads as a real run, counted; nothing is written and no lock is taken.
async fn dry_run_tenant(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    route: &TenantRoute,
    progress: &Progress,
) -> Result<TenantReport> {
    let started = Instant::now();
    let mut tx = db::tenant_tx(pool, route.id).await?;
    let url = source_url_for(options, &mut tx).await?;
    let mut plan = plan(&mut tx, options, &route.inboxes).await?;
    drop(tx);
    let mode = format!("{} (dry run)", plan.mode);
    progress(EtlEvent::Started { tenant: route.slug.clone(), mode: mode.clone() });
    let source_pool = sources.get(&url, pool_size(options.jobs)).await?;
    let mut src = source_pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *src).await?;
    plan.cover_csat_edits(&mut src).await?;
    let mut rows = 0;
    for stream in Stream::ALL {
        if !plan.full_inboxes.is_empty() {
            rows += load::count_rows(&mut src, &extract::full_select(stream, &plan.full_inboxes)).await?;
        }
        if let (false, Some(from)) = (plan.incremental_inboxes.is_empty(), plan.from) {
            let select = extract::incremental_select(
                stream,
                &plan.incremental_inboxes,
                from,
                After::Start,
                i64::MAX,
                plan.csat_floor,
                plan.conversation_floor,
            );
            rows += load::count_rows(&mut src, &select).await?;
        }
        progress(EtlEvent::Rows { tenant: route.slug.clone(), stream: stream.name(), rows_read: rows });
    }
    src.rollback().await.ok();
    let mut r = report(route, Outcome::Succeeded, &mode, started);
    r.rows_read = rows;
    Ok(r)
}
