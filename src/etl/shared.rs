//! Incremental runs of many tenants that read the same source, extracted together.
//!
//! An hourly run over a hundred tenants mostly finds a few rows per tenant. Reading them tenant
//! by tenant repeats the same index scans a hundred times (every tenant's query walks every row
//! of the window and keeps its own inboxes'), so the tenants that read the shared source
//! incrementally, with watermarks close together, are read with one query per stream over all
//! their inboxes, in one source snapshot, each row tagged with its inbox. The rows are held in
//! memory (up to [`MAX_BUFFERED_BYTES`]; beyond that every tenant reads for itself, streaming) and
//! routed to the tenant that owns the inbox.
//!
//! Each tenant then commits its rows, its dimensions, its watermark advance and its run row in
//! one target transaction that holds its advisory lock, exactly as the per-tenant path does. The
//! snapshot was taken before the lock, so under the lock the transaction checks that nothing the
//! read depended on has moved (watermarks, inboxes, a `source_url` secret, the tenant's status);
//! if anything did, that tenant goes through the per-tenant path instead, with a fresh snapshot.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use sqlx::{PgConnection, PgPool};

use super::confirmed::Lines;
use super::dimensions::Dimensions;
use super::extract::{self, Stream};
use super::options::{EtlEvent, EtlOptions, Outcome, Progress, TenantReport};
use super::plan::RunMode;
use super::quiet::{self, Quiet};
use super::routes::{SourcePools, TenantRoute, pool_size};
use super::snapshot::{Bounds, SourceSnapshot};
use super::statistics::Statistics;
use super::tenant::report;
use super::write::{lock_tenant, merge};
use super::{load, runs};
use crate::admin::TenantStatus;
use crate::db::{self, TenantId, TenantTx};

/// Tenants whose oldest watermarks lie further apart than this are not read together: the shared
/// window starts at the oldest one, and one tenant far behind would make every tenant re-read
/// its backlog.
const MAX_WATERMARK_SPREAD: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// The most COPY text the shared read holds in memory. A larger change set (a backlog after an
/// outage, a mass update) is left to the per-tenant path, which streams in batches.
pub const MAX_BUFFERED_BYTES: usize = 64 << 20;

/// What the analytics database says about a tenant before the run.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub(super) struct TenantState {
    pub id: TenantId,
    /// The oldest of the tenant's stream watermarks.
    oldest: Option<DateTime<Utc>>,
    /// How many of the streams have a watermark.
    streams: i64,
    csat_cursor: i64,
    conversation_cursor: i64,
    /// Changes whenever a run commits for the tenant.
    pub version: Option<DateTime<Utc>>,
    /// Inboxes mapped to the tenant now.
    mapped: Vec<i32>,
    /// Inboxes whose rows the analytics copy holds.
    known: Vec<i32>,
    /// The tenant reads its own Chatwoot (a `source_url` secret).
    own_source: bool,
    /// A first load stopped before rebuilding the tenant's dimension rollups (the per-tenant path
    /// rebuilds them).
    dimension_rollups_stale: bool,
    status: TenantStatus,
}

const STATES_SQL: &str = "
SELECT t.id,
       (SELECT min(w.cursor_ts) FROM etl_watermarks w WHERE w.tenant_id = t.id) AS oldest,
       (SELECT count(*) FROM etl_watermarks w WHERE w.tenant_id = t.id AND w.stream = ANY($2)) AS streams,
       coalesce((SELECT w.cursor_id FROM etl_watermarks w WHERE w.tenant_id = t.id AND w.stream = 'csat_responses'), 0)
           AS csat_cursor,
       coalesce((SELECT w.cursor_id FROM etl_watermarks w WHERE w.tenant_id = t.id AND w.stream = 'conversations'), 0)
           AS conversation_cursor,
       (SELECT max(w.updated_at) FROM etl_watermarks w WHERE w.tenant_id = t.id) AS version,
       coalesce((SELECT array_agg(m.inbox_id ORDER BY m.inbox_id) FROM inbox_mappings m WHERE m.tenant_id = t.id), '{}')
           AS mapped,
       coalesce((SELECT array_agg(i.inbox_id ORDER BY i.inbox_id) FROM inboxes i WHERE i.tenant_id = t.id), '{}')
           AS known,
       EXISTS (SELECT 1 FROM tenant_secrets s WHERE s.tenant_id = t.id AND s.name = $3) AS own_source,
       EXISTS (SELECT 1 FROM dimension_rollups_stale s WHERE s.tenant_id = t.id) AS dimension_rollups_stale,
       t.status
FROM tenants t WHERE t.id = ANY($1)";

/// The states of the tenants `ids` (those that still exist).
pub(super) async fn states(conn: &mut PgConnection, ids: &[TenantId]) -> Result<Vec<TenantState>> {
    let names: Vec<&str> = Stream::ALL.iter().map(|s| s.name()).collect();
    sqlx::query_as(STATES_SQL)
        .bind(ids)
        .bind(&names)
        .bind(crate::secrets::SOURCE_URL_SECRET)
        .fetch_all(conn)
        .await
        .context("reading the tenants' watermarks")
}

/// A tenant of the shared read.
struct Member {
    route: TenantRoute,
    state: TenantState,
}

/// What the shared read found: per member, the COPY text of each stream and its row count.
struct Extracted {
    bounds: Bounds,
    rows: Vec<[Vec<u8>; 4]>,
    counts: Vec<[u64; 4]>,
    dimensions: Dimensions,
}

/// Runs the tenants of `routes` that can share one extraction; returns their reports and the
/// routes left for the per-tenant path.
pub(super) async fn run(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    statistics: &Statistics,
    routes: Vec<TenantRoute>,
    progress: &Progress,
) -> (Vec<TenantReport>, Vec<TenantRoute>) {
    let Some(url) = options.shared_source_url.clone() else { return (vec![], routes) };
    if options.full || options.dry_run || options.reconcile || routes.len() < 2 {
        return (vec![], routes);
    }
    let (members, mut rest) = match select_members(pool, routes).await {
        Ok(split) => split,
        Err((err, routes)) => {
            tracing::debug!("no shared extraction: {err:#}");
            return (vec![], routes);
        }
    };
    if members.len() < 2 {
        rest.extend(members.into_iter().map(|m| m.route));
        return (vec![], rest);
    }
    let extracted = async {
        let source = sources.get(&url, pool_size(options.jobs)).await?;
        extract(&source, options, &members).await
    }
    .await;
    let extracted = match extracted {
        Ok(Some(extracted)) => extracted,
        // Too much to hold, or the source failed: each tenant reads (and reports) for itself.
        Ok(None) => {
            tracing::debug!("too many changes to read together: each tenant reads on its own");
            rest.extend(members.into_iter().map(|m| m.route));
            return (vec![], rest);
        }
        Err(err) => {
            tracing::debug!("no shared extraction: {err:#}");
            rest.extend(members.into_iter().map(|m| m.route));
            return (vec![], rest);
        }
    };
    let Extracted { bounds, rows, counts, dimensions } = extracted;
    if let Some(warning) = bounds.upper.warning() {
        tracing::warn!("{warning}");
    }
    let read: u64 = counts.iter().flatten().sum();
    tracing::info!(
        event = "etl.shared_read",
        tenants = members.len(),
        rows_read = read,
        "changes of {} tenants read together: {read} rows",
        members.len()
    );
    let batches: Vec<Share> = members
        .into_iter()
        .zip(rows)
        .zip(counts)
        .map(|((member, rows), counts)| {
            let dimensions = dimensions.subset(&member.route.inboxes);
            let lines = options.confirmed.as_ref().map(|_| Lines::of(&rows));
            (member, Batch { rows, counts, dimensions, bounds: bounds.clone(), lines })
        })
        .collect();
    let (mut reports, batches) = confirm_quiet(pool, options, batches, &bounds, progress).await;
    let outcomes: Vec<(Member, Option<TenantReport>)> = futures::stream::iter(batches)
        .map(|(member, batch)| async move {
            let report = apply(pool, options, statistics, &member, batch, progress).await;
            (member, report)
        })
        .buffer_unordered(options.jobs.max(1))
        .collect()
        .await;
    for (member, report) in outcomes {
        match report {
            Some(report) => reports.push(report),
            None => rest.push(member.route),
        }
    }
    (reports, rest)
}

/// Confirms, in one transaction, the tenants whose batch holds nothing the analytics copy lacks
/// (see `confirmed.rs` and `quiet.rs`); returns their reports and the batches left to write. A
/// tenant the confirmation could not move (locked elsewhere, changed since the read) is written
/// as any other, and so is everyone when the confirmation itself fails.
async fn confirm_quiet(
    pool: &PgPool,
    options: &EtlOptions,
    batches: Vec<Share>,
    bounds: &Bounds,
    progress: &Progress,
) -> (Vec<TenantReport>, Vec<Share>) {
    let Some(confirmed) = options.confirmed.as_deref() else { return (vec![], batches) };
    // A held-back bound is recorded with its warning, by the write path.
    if bounds.upper.warning().is_some() {
        return (vec![], batches);
    }
    let started = Instant::now();
    let (quiet, busy): (Vec<Share>, Vec<Share>) = batches.into_iter().partition(|(m, b)| {
        b.lines
            .as_ref()
            .is_some_and(|lines| confirmed.holds(m.route.id, m.state.version, &b.dimensions, lines))
    });
    if quiet.is_empty() {
        return (vec![], busy);
    }
    let claims: Vec<Quiet> =
        quiet.iter().map(|(m, b)| Quiet { state: &m.state, rows_read: b.counts.iter().sum() }).collect();
    let confirmation =
        quiet::confirm(pool, &claims, bounds.upper.at, &bounds.stream_ids(), options.trigger).await;
    drop(claims);
    let confirmation = match confirmation {
        Ok(confirmation) => confirmation,
        Err(err) => {
            tracing::debug!("confirming the tenants with nothing new failed, writing them instead: {err:#}");
            quiet.iter().for_each(|(m, _)| confirmed.forget(m.route.id));
            let mut all = busy;
            all.extend(quiet);
            return (vec![], all);
        }
    };
    let seconds = started.elapsed().as_secs_f64() / quiet.len() as f64;
    let mut reports = Vec::new();
    let mut left = busy;
    for (member, batch) in quiet {
        let route = &member.route;
        if !confirmation.moved.contains(&route.id) {
            confirmed.forget(route.id);
            left.push((member, batch));
            continue;
        }
        let mut r = report(route, Outcome::Succeeded, RunMode::Incremental.as_str(), started);
        r.rows_read = batch.counts.iter().sum();
        r.seconds = seconds;
        progress(EtlEvent::Finished(r.clone()));
        reports.push(r);
        let Batch { dimensions, lines, .. } = batch;
        if let Some(lines) = lines {
            confirmed.remember(route.id, confirmation.version, dimensions, lines);
        }
    }
    (reports, left)
}

/// Splits `routes` into the tenants that can share the read and the others.
async fn select_members(
    pool: &PgPool,
    routes: Vec<TenantRoute>,
) -> std::result::Result<(Vec<Member>, Vec<TenantRoute>), (anyhow::Error, Vec<TenantRoute>)> {
    let ids: Vec<TenantId> = routes.iter().map(|r| r.id).collect();
    let states: Result<Vec<TenantState>> = async {
        let mut tx = db::platform_tx(pool).await?;
        let states = states(&mut tx, &ids).await?;
        tx.commit().await?;
        Ok(states)
    }
    .await;
    let states = match states {
        Ok(states) => states,
        Err(err) => return Err((err, routes)),
    };
    let mut by_id: HashMap<TenantId, TenantState> = states.into_iter().map(|s| (s.id, s)).collect();
    let (mut members, mut rest) = (Vec::new(), Vec::new());
    for route in routes {
        match by_id.remove(&route.id) {
            Some(state) if eligible(&route, &state) => members.push(Member { route, state }),
            _ => rest.push(route),
        }
    }
    let newest = members.iter().filter_map(|m| m.state.oldest).max();
    if let Some(newest) = newest {
        let (near, far): (Vec<Member>, Vec<Member>) = members
            .into_iter()
            .partition(|m| m.state.oldest.is_some_and(|t| t >= newest - MAX_WATERMARK_SPREAD));
        members = near;
        rest.extend(far.into_iter().map(|m| m.route));
    }
    Ok((members, rest))
}

/// A tenant joins the shared read when its run is a plain incremental one on the shared source:
/// active, every stream has a watermark, and its inboxes are exactly those already loaded.
fn eligible(route: &TenantRoute, state: &TenantState) -> bool {
    route.status == TenantStatus::Active
        && state.status == TenantStatus::Active
        && !route.inboxes.is_empty()
        && state.streams == Stream::ALL.len() as i64
        && state.oldest.is_some()
        && state.version.is_some()
        && !state.own_source
        && !state.dimension_rollups_stale
        && state.mapped == route.inboxes
        && state.known == route.inboxes
}

/// Reads every member's changed rows in one snapshot; `None` when they do not fit in memory.
async fn extract(source: &PgPool, options: &EtlOptions, members: &[Member]) -> Result<Option<Extracted>> {
    let owner: HashMap<i32, usize> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.route.inboxes.iter().map(move |inbox| (*inbox, i)))
        .collect();
    let mut inboxes: Vec<i32> = owner.keys().copied().collect();
    inboxes.sort_unstable();
    let overlap = chrono::Duration::from_std(options.overlap).unwrap_or(chrono::Duration::minutes(15));
    let oldest =
        members.iter().filter_map(|m| m.state.oldest).min().ok_or_else(|| anyhow!("no watermark"))?;
    let from = oldest.naive_utc() - overlap;
    let cursor_floor =
        members.iter().map(|m| m.state.csat_cursor).min().unwrap_or(0) - extract::CSAT_ID_MARGIN;
    let conversation_floor = members.iter().map(|m| m.state.conversation_cursor).min().unwrap_or(0)
        - extract::CONVERSATION_ID_MARGIN;

    let SourceSnapshot { tx: mut src, bounds } = SourceSnapshot::open(source).await?;
    let csat_floor = extract::csat_window_floor(&mut src, from, cursor_floor)
        .await
        .context("finding the CSAT responses still open to edits")?;

    let mut rows: Vec<[Vec<u8>; 4]> = members.iter().map(|_| Default::default()).collect();
    let mut counts: Vec<[u64; 4]> = vec![[0; 4]; members.len()];
    let mut held = 0usize;
    for (s, stream) in Stream::ALL.into_iter().enumerate() {
        let select = extract::routed_select(stream, &inboxes, from, csat_floor, conversation_floor.max(0));
        let text = read_bounded(&mut src, &select, MAX_BUFFERED_BYTES - held).await?;
        let Some(text) = text else { return Ok(None) };
        held += text.len();
        for line in text.split_inclusive(|b| *b == b'\n') {
            let tab = line.iter().position(|b| *b == b'\t').ok_or_else(|| anyhow!("unexpected COPY row"))?;
            let inbox: i32 = std::str::from_utf8(&line[..tab])?.parse().context("reading a routed row")?;
            let member =
                *owner.get(&inbox).ok_or_else(|| anyhow!("a row of inbox {inbox}, which no tenant reads"))?;
            rows[member][s].extend_from_slice(&line[tab + 1..]);
            counts[member][s] += 1;
        }
    }
    let dimensions = Dimensions::read(&mut src, &inboxes).await?;
    src.rollback().await.ok();
    Ok(Some(Extracted { bounds, rows, counts, dimensions }))
}

/// The whole output of `COPY (select) TO STDOUT`, or `None` when it exceeds `limit` bytes (the
/// rest is read and dropped, which leaves the connection usable).
async fn read_bounded(src: &mut PgConnection, select: &str, limit: usize) -> Result<Option<Vec<u8>>> {
    let mut out =
        src.copy_out_raw(&format!("COPY ({select}) TO STDOUT")).await.context("reading the source")?;
    let mut text = Vec::new();
    let mut fits = true;
    while let Some(chunk) = out.next().await {
        let chunk = chunk.context("reading the source")?;
        if fits && text.len() + chunk.len() <= limit {
            text.extend_from_slice(&chunk);
        } else {
            fits = false;
            text = Vec::new();
        }
    }
    Ok(fits.then_some(text))
}

/// A tenant of the shared read with its share of the extraction.
type Share = (Member, Batch);

/// One tenant's share of the extraction.
struct Batch {
    rows: [Vec<u8>; 4],
    counts: [u64; 4],
    dimensions: Dimensions,
    bounds: Bounds,
    /// The digests of `rows`, when the run keeps a memory of what it confirmed.
    lines: Option<Lines>,
}

/// Commits one tenant's share; `None` when the tenant must go through the per-tenant path
/// (something moved since the shared read).
async fn apply(
    pool: &PgPool,
    options: &EtlOptions,
    statistics: &Statistics,
    member: &Member,
    batch: Batch,
    progress: &Progress,
) -> Option<TenantReport> {
    let started = Instant::now();
    let route = &member.route;
    let mode = RunMode::Incremental.as_str();
    let upper = batch.bounds.upper.at;
    let mut stats = runs::RunStats {
        mode: mode.to_string(),
        rows_read: batch.counts.iter().sum(),
        rows_written: 0,
        watermark_from: member.state.oldest,
        watermark_to: Some(upper.and_utc()),
        warning: batch.bounds.upper.warning(),
    };
    let outcome: Result<Option<DateTime<Utc>>> = async {
        let mut tx = runs::bookkeeping_tx(pool, route.id).await?;
        let (locked, staged) = lock_tenant(&mut tx).await?;
        // Locked by another process, or changed since the shared read: the per-tenant path
        // decides (and says so).
        if !locked {
            return Ok(None);
        }
        if !unchanged(&mut tx, &member.state).await? {
            tracing::debug!(tenant = %route.slug, "changed since the shared read: read on its own");
            return Ok(None);
        }
        progress(EtlEvent::Started { tenant: route.slug.clone(), mode: mode.to_string() });
        let staging = load::Staging::of(&tx);
        if !staged && staging == load::Staging::Temporary {
            sqlx::raw_sql(load::staging_ddl())
                .execute(&mut *tx)
                .await
                .context("creating the staging tables")?;
        }
        for (s, stream) in Stream::ALL.into_iter().enumerate() {
            if batch.counts[s] == 0 {
                continue;
            }
            let copy = load::copy_sql(stream, staging);
            let mut sink =
                tx.copy_in_raw(&copy).await.with_context(|| format!("starting the load ({copy})"))?;
            sink.send(batch.rows[s].as_slice()).await.context("loading into the analytics database")?;
            sink.finish().await.context("loading into the analytics database")?;
            stats.rows_written += merge(&mut tx, stream, route.id, batch.counts[s]).await?;
        }
        stats.rows_written += batch.dimensions.write(&mut tx).await?;
        let names: Vec<&str> = Stream::ALL.iter().map(|s| s.name()).collect();
        let ids = batch.bounds.stream_ids();
        let version = runs::advance_and_record(&mut tx, &names, &ids, upper, options.trigger, &stats).await?;
        tx.commit().await?;
        statistics.after_tenant(pool, &route.slug, stats.rows_written, false).await;
        Ok(Some(version))
    }
    .await;
    let mut r = report(route, Outcome::Succeeded, mode, started);
    r.rows_read = stats.rows_read;
    let confirmed = options.confirmed.as_deref();
    match outcome {
        Ok(None) => {
            if let Some(confirmed) = confirmed {
                confirmed.forget(route.id);
            }
            return None;
        }
        Ok(Some(version)) => {
            r.rows_written = stats.rows_written;
            if let (Some(confirmed), Some(lines)) = (confirmed, batch.lines) {
                confirmed.remember(route.id, version, batch.dimensions, lines);
            }
        }
        Err(err) => {
            if let Some(confirmed) = confirmed {
                confirmed.forget(route.id);
            }
            let message = format!("{err:#}");
            stats.rows_written = 0;
            stats.watermark_to = None;
            runs::record_failed(pool, route.id, options.trigger, &stats, &message).await.ok();
            r.outcome = Outcome::Failed;
            r.message = Some(message);
        }
    }
    r.seconds = started.elapsed().as_secs_f64();
    progress(EtlEvent::Finished(r.clone()));
    Some(r)
}

/// Whether the tenant's watermarks, inboxes, source and status are still what the shared read
/// assumed (read under the tenant's lock, after it was taken).
async fn unchanged(tx: &mut TenantTx, before: &TenantState) -> Result<bool> {
    let tenant = tx.tenant();
    let now = states(tx, &[tenant]).await.context("checking the tenant's watermarks")?;
    Ok(now.first() == Some(before))
}
