//! Tenants of a shared read that found nothing new (see `confirmed.rs`): their watermarks move to
//! the read's safe bound together, in one platform transaction, instead of one write transaction
//! per tenant.
//!
//! The same guarantees as the write path: each tenant's advisory lock is taken (a tenant another
//! process holds is left to the per-tenant path, which reports it), then, in a statement whose
//! snapshot follows the locks, the tenant's state is checked to be what the shared read assumed.
//! Only the tenants that pass move. The run rows do not grow with the cycles: a tenant whose
//! latest run is already a no-change run of the same trigger has that row extended (`checks`
//! counts the cycles it stands for); any other gets one new row.

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::PgPool;

use super::extract::Stream;
use super::runs::Trigger;
use super::shared::{TenantState, states};
use crate::db::locks::LOCK_NAMESPACE;
use crate::db::{self, TenantId};

/// A tenant whose re-read held nothing new.
pub(super) struct Quiet<'a> {
    pub state: &'a TenantState,
    /// The rows it re-read (all already loaded).
    pub rows_read: u64,
}

/// What the confirmation did: the tenants whose watermarks moved, and the watermark version
/// (`updated_at`) it left on them.
pub(super) struct Confirmation {
    pub moved: Vec<TenantId>,
    pub version: DateTime<Utc>,
}

const TRY_LOCKS_SQL: &str = "SELECT t FROM unnest($1::int[]) AS t WHERE pg_try_advisory_xact_lock($2, t)";

/// Moves the watermarks and extends (or opens) each tenant's no-change run row, in one
/// statement. `$1` tenants, `$2` their rows re-read, `$3` the safe bound (source time, UTC),
/// `$4`/`$5` the streams and their id cursors, `$6` the trigger.
const CONFIRM_SQL: &str = "
WITH quiet AS (SELECT * FROM unnest($1::int[], $2::bigint[]) AS q(tenant_id, rows_read)),
marks AS (
    UPDATE etl_watermarks w SET cursor_ts = $3 AT TIME ZONE 'UTC', cursor_id = s.cursor_id, updated_at = now()
      FROM quiet q, unnest($4::text[], $5::bigint[]) AS s(stream, cursor_id)
     WHERE w.tenant_id = q.tenant_id AND w.stream = s.stream),
latest AS (
    SELECT q.tenant_id, q.rows_read, l.run_id, l.status, l.trigger, l.rows_written
      FROM quiet q
      LEFT JOIN LATERAL (SELECT r.run_id, r.status, r.trigger, r.rows_written FROM etl_runs r
                          WHERE r.tenant_id = q.tenant_id
                          ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1) l ON true),
extended AS (
    UPDATE etl_runs r SET started_at = now(), finished_at = clock_timestamp(), rows_read = l.rows_read,
           watermark_to = $3 AT TIME ZONE 'UTC', checks = r.checks + 1
      FROM latest l
     WHERE r.run_id = l.run_id AND l.status = 'succeeded' AND l.rows_written = 0 AND l.trigger = $6
           AND r.mode = 'incremental' AND r.warning IS NULL
    RETURNING r.tenant_id),
opened AS (
    INSERT INTO etl_runs (tenant_id, trigger, mode, started_at, finished_at, status, rows_read, rows_written,
                          watermark_from, watermark_to)
    SELECT l.tenant_id, $6, 'incremental', now(), clock_timestamp(), 'succeeded', l.rows_read, 0,
           (SELECT min(w.cursor_ts) FROM etl_watermarks w WHERE w.tenant_id = l.tenant_id), $3 AT TIME ZONE 'UTC'
      FROM latest l
     WHERE l.tenant_id NOT IN (SELECT tenant_id FROM extended))
SELECT now()";

/// Confirms `quiet` (tenants whose states the shared read took from `before`), advancing them
/// to `upper` with the streams' id cursors `ids`. A tenant left out of the result (locked
/// elsewhere, or changed since the read) must go through the write path.
pub(super) async fn confirm(
    pool: &PgPool,
    quiet: &[Quiet<'_>],
    upper: NaiveDateTime,
    ids: &[i64],
    trigger: Trigger,
) -> Result<Confirmation> {
    let mut tx = db::platform_tx(pool).await?;
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    let wanted: Vec<i32> = quiet.iter().map(|q| q.state.id.0).collect();
    let locked: Vec<i32> = sqlx::query_scalar(TRY_LOCKS_SQL)
        .bind(&wanted)
        .bind(LOCK_NAMESPACE)
        .fetch_all(&mut *tx)
        .await
        .context("taking the tenants' ETL locks")?;
    // A statement of its own, so that its snapshot follows the locks.
    let locked_ids: Vec<TenantId> = locked.iter().map(|id| TenantId(*id)).collect();
    let now = states(&mut tx, &locked_ids).await?;
    let mut moved = Vec::new();
    let mut rows_read = Vec::new();
    for q in quiet {
        if now.iter().any(|state| state == q.state) {
            moved.push(q.state.id);
            rows_read.push(q.rows_read as i64);
        }
    }
    let streams: Vec<&str> = Stream::ALL.iter().map(|s| s.name()).collect();
    let moved_ids: Vec<i32> = moved.iter().map(|id| id.0).collect();
    let version: DateTime<Utc> = sqlx::query_scalar(CONFIRM_SQL)
        .bind(&moved_ids)
        .bind(&rows_read)
        .bind(upper)
        .bind(&streams)
        .bind(ids)
        .bind(trigger.as_str())
        .fetch_one(&mut *tx)
        .await
        .context("advancing the watermarks of the tenants with nothing new")?;
    tx.commit().await?;
    Ok(Confirmation { moved, version })
}
