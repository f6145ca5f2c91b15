//! One tenant's run on its own (the per-tenant path): skipped, dry, or loaded in one locked
//! target transaction from one source snapshot, with a first load's lanes, incremental keyset
//! batches, the dimensions, the reconciliation of deletes and the watermark advance.

use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDateTime;
use sqlx::{PgConnection, PgPool};

use super::dimensions::Dimensions;
use super::extract::{self, After, Stream};
use super::options::{EtlEvent, EtlOptions, Outcome, Progress, TenantReport};
use super::plan::{Plan, RunMode, plan};
use super::routes::{SourcePools, TenantRoute, pool_size};
use super::snapshot::SourceSnapshot;
use super::statistics::Statistics;
use super::write::{
    defer_bulk_summaries, delete_facts, dimension_rollups_stale, ensure_staging, insert, lock_tenant, merge,
    rebuild_conversation_facts, rebuild_dimension_rollups, remove_inboxes,
};
use super::{first_load, load, runs};
use crate::admin::TenantStatus;
use crate::db::{self, TenantTx};

/// A report of `route`'s run that started at `started`, with nothing read yet.
pub(super) fn report(route: &TenantRoute, outcome: Outcome, mode: &str, started: Instant) -> TenantReport {
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

/// Runs one tenant on its own, whatever happens: a failure is in the report.
pub(super) async fn run_tenant(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    statistics: &Statistics,
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
    let skipped = if route.status != TenantStatus::Active {
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
        load_tenant(pool, options, sources, statistics, &route, &progress).await
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

async fn load_tenant(
    pool: &PgPool,
    options: &EtlOptions,
    sources: &SourcePools,
    statistics: &Statistics,
    route: &TenantRoute,
    progress: &Progress,
) -> Result<TenantReport> {
    let started = Instant::now();
    let mut tx = runs::bookkeeping_tx(pool, route.id).await?;
    let (locked, _) = lock_tenant(&mut tx).await?;
    if !locked {
        drop(tx);
        let reason = match db::locks::tenant_lock_holder(pool, route.id).await {
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
    let mut mode = RunMode::Incremental.to_string();
    let mut watermark_from = None;
    let mut warning = None;
    let outcome = async {
        let url = source_url_for(options, &mut tx).await?;
        let mut plan = plan(&mut tx, options, &route.inboxes).await?;
        mode = plan.mode.label(options.reconcile, false);
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
        let wanted = plan.first_load || plan.mode == RunMode::Full || options.reconcile;
        statistics.after_tenant(pool, &route.slug, counters.rows_written, wanted).await;
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
    let SourceSnapshot { tx: mut src, bounds } = SourceSnapshot::open(source_pool).await?;
    let upper = bounds.upper.at;
    plan.cover_csat_edits(&mut src).await?;

    let stream_ids = |stream: Stream| bounds.stream_id(stream);
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
    runs::advance_watermarks(tx, &names, &bounds.stream_ids(), upper).await?;
    src.rollback().await.ok();
    Ok(bounds.upper)
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
    let wiped = options.full || plan.mode == RunMode::Full;
    if wiped {
        // Everything of the tenant is reloaded below, in this same transaction, and the export's
        // facts and the dimension rollups are computed once at the end.
        defer_bulk_summaries(tx).await?;
        delete_facts(tx).await?;
        for sql in ["DELETE FROM inboxes", "DELETE FROM agents", "DELETE FROM teams"] {
            sqlx::query(sql).execute(&mut **tx).await?;
        }
    }
    if !plan.removed_inboxes.is_empty() {
        counters.rows_written += remove_inboxes(tx, &plan.removed_inboxes).await?;
    }
    ensure_staging(tx).await?;
    let staging = load::Staging::of(tx);

    for stream in Stream::ALL {
        if !plan.full_inboxes.is_empty() {
            let select = extract::full_select(stream, &plan.full_inboxes);
            let read = load::pipe(src, tx, &select, &load::copy_sql(stream, staging)).await?;
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
                let read = load::pipe(src, tx, &select, &load::copy_sql(stream, staging)).await?;
                counters.rows_read += read;
                if read == 0 {
                    break;
                }
                let (ts, id): (Option<NaiveDateTime>, Option<i64>) =
                    sqlx::query_as(load::last_key_sql(stream, staging))
                        .bind(tenant)
                        .fetch_one(&mut **tx)
                        .await?;
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
    // A full reload deferred the export's facts and the dimension rollups; a first load that
    // stopped before its summing pass left the rollups stale and the facts not computed (the
    // triggers, which would move nothing, are deferred for both rebuilds).
    let stale = !wiped && dimension_rollups_stale(tx).await?;
    if stale {
        defer_bulk_summaries(tx).await?;
    }
    if wiped || stale {
        rebuild_conversation_facts(tx).await?;
        rebuild_dimension_rollups(tx).await?;
    }
    Ok(())
}

/// Removes conversations (and their messages, events and CSAT responses) that no longer exist
/// in Chatwoot: its deletes are hard deletes that leave no trace to detect incrementally.
async fn reconcile(tx: &mut TenantTx, src: &mut PgConnection, inboxes: &[i32]) -> Result<u64> {
    if load::Staging::of(tx) == load::Staging::Distributed {
        return reconcile_distributed(tx, src, inboxes).await;
    }
    load::pipe(src, tx, &extract::conversation_ids_select(inboxes), "COPY stg_conversation_ids FROM STDIN")
        .await?;
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

/// [`reconcile`] on Citus: the ids are staged in the distributed `etl_stg_conversation_ids`
/// (co-located with the facts, see `load::Staging`), and every statement names the tenant, so
/// that each runs on the tenant's worker alone.
async fn reconcile_distributed(tx: &mut TenantTx, src: &mut PgConnection, inboxes: &[i32]) -> Result<u64> {
    let tenant = tx.tenant();
    load::pipe(
        src,
        tx,
        &extract::conversation_ids_select(inboxes),
        "COPY etl_stg_conversation_ids (id) FROM STDIN",
    )
    .await?;
    let mut removed = 0;
    for sql in [
        "DELETE FROM csat_responses t WHERE t.tenant_id = $1
            AND NOT EXISTS (SELECT 1 FROM etl_stg_conversation_ids s WHERE s.tenant_id = t.tenant_id AND s.id = t.conversation_id)",
        "DELETE FROM reporting_events t WHERE t.tenant_id = $1 AND t.conversation_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM etl_stg_conversation_ids s WHERE s.tenant_id = t.tenant_id AND s.id = t.conversation_id)",
        "DELETE FROM messages t WHERE t.tenant_id = $1
            AND NOT EXISTS (SELECT 1 FROM etl_stg_conversation_ids s WHERE s.tenant_id = t.tenant_id AND s.id = t.conversation_id)",
        "DELETE FROM conversations t WHERE t.tenant_id = $1
            AND NOT EXISTS (SELECT 1 FROM etl_stg_conversation_ids s WHERE s.tenant_id = t.tenant_id AND s.id = t.conversation_id)",
    ] {
        removed += sqlx::query(sql)
            .bind(tenant)
            .execute(&mut **tx)
            .await
            .context("reconciling deletes")?
            .rows_affected();
    }
    sqlx::query("DELETE FROM etl_stg_conversation_ids WHERE tenant_id = $1")
        .bind(tenant)
        .execute(&mut **tx)
        .await?;
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
    let mode = plan.mode.label(false, true);
    progress(EtlEvent::Started { tenant: route.slug.clone(), mode: mode.clone() });
    let source_pool = sources.get(&url, pool_size(options.jobs)).await?;
    // The snapshot a real run would read in (its bounds are not needed: nothing advances).
    let SourceSnapshot { tx: mut src, .. } = SourceSnapshot::open(&source_pool).await?;
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
