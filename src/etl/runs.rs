//! The ETL's bookkeeping in the analytics database: one `etl_runs` row per tenant and run, the
//! per-stream watermarks, the per-tenant status report (`geniai etl status`), and the deletion
//! of old run rows (`geniai etl prune`).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

use crate::db::{self, TenantId, TenantTx};
use crate::output::{Tabular, human_duration};

/// What started a run, recorded in `etl_runs.trigger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// A person at a terminal.
    Cli,
    /// A scheduler (cron, a systemd timer).
    Cron,
    /// A cycle of the continuous sync (`etl --watch`, `serve --sync`); set by the loop itself,
    /// so not one of the words `--trigger` accepts.
    Watch,
}

impl Trigger {
    /// The value stored in `etl_runs.trigger`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Cli => "cli",
            Trigger::Cron => "cron",
            Trigger::Watch => "watch",
        }
    }
}

impl crate::enums::Word for Trigger {
    const WHAT: &'static str = "trigger";
    /// The triggers a caller may name; `Watch` is only ever set by the loop.
    const ALL: &'static [Trigger] = &[Trigger::Cli, Trigger::Cron];
    fn word(self) -> &'static str {
        self.as_str()
    }
}
crate::word_enum!(Trigger);

/// A tenant transaction for ETL writes, committed without waiting for the WAL flush. Safe here:
/// an OS crash can only lose the newest commits whole (data and watermark together, or a run
/// row), and the next run redoes them; what it saves is one disk flush per transaction, which
/// dominates a run over many tenants with nothing new.
pub async fn bookkeeping_tx(pool: &PgPool, tenant: TenantId) -> Result<TenantTx> {
    let mut tx = db::tenant_tx(pool, tenant).await?;
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    Ok(tx)
}

/// Opens a run row (status `running`), committed at once so that `etl status` shows it. Runs of
/// this tenant still marked `running` belong to a process that died (the caller holds the
/// tenant's lock), so they are closed as failed first.
pub async fn start(
    pool: &PgPool,
    tenant: TenantId,
    trigger: Trigger,
    mode: &str,
    watermark_from: Option<DateTime<Utc>>,
) -> Result<i64> {
    let mut tx = bookkeeping_tx(pool, tenant).await?;
    sqlx::query(
        "UPDATE etl_runs SET status = 'failed', finished_at = now(),
                error = 'interrupted: the process ended before the run finished'
         WHERE status = 'running'",
    )
    .execute(&mut *tx)
    .await?;
    let run_id: i64 = sqlx::query_scalar(
        "INSERT INTO etl_runs (tenant_id, trigger, mode, watermark_from) VALUES ($1, $2, $3, $4) RETURNING run_id",
    )
    .bind(tenant)
    .bind(trigger.as_str())
    .bind(mode)
    .bind(watermark_from)
    .fetch_one(&mut *tx)
    .await
    .context("recording the run")?;
    tx.commit().await?;
    Ok(run_id)
}

/// Figures of a finished run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunStats {
    pub mode: String,
    pub rows_read: u64,
    pub rows_written: u64,
    pub watermark_from: Option<DateTime<Utc>>,
    pub watermark_to: Option<DateTime<Utc>>,
    /// Why a successful run needs attention (a watermark held back by a guess).
    pub warning: Option<String>,
}

/// Closes a run row as `succeeded` or `failed`, in its own transaction.
pub async fn finish(
    pool: &PgPool,
    tenant: TenantId,
    run_id: i64,
    stats: &RunStats,
    error: Option<&str>,
) -> Result<()> {
    let mut tx = bookkeeping_tx(pool, tenant).await?;
    close(&mut tx, run_id, stats, error).await?;
    tx.commit().await
}

/// Closes a run row inside `tx`; a successful run does it in its data transaction, so that the
/// row says `succeeded` exactly when the data committed (and one commit is saved).
pub async fn close(tx: &mut TenantTx, run_id: i64, stats: &RunStats, error: Option<&str>) -> Result<()> {
    // statement_timestamp(), not clock_timestamp(): Citus refuses volatile functions in an UPDATE
    // of a distributed table, and this statement's start is the run's end all the same. The
    // tenant in the filter lets Citus send it to the tenant's shard alone.
    sqlx::query(
        "UPDATE etl_runs SET finished_at = statement_timestamp(), status = $2, rows_read = $3, rows_written = $4,
                watermark_from = coalesce($5, watermark_from), watermark_to = $6, error = $7, mode = $8,
                warning = $9
         WHERE tenant_id = $10 AND run_id = $1",
    )
    .bind(run_id)
    .bind(if error.is_some() { "failed" } else { "succeeded" })
    .bind(stats.rows_read as i64)
    .bind(stats.rows_written as i64)
    .bind(stats.watermark_from)
    .bind(stats.watermark_to)
    .bind(error)
    .bind(&stats.mode)
    .bind(&stats.warning)
    .bind(tx.tenant())
    .execute(&mut **tx)
    .await
    .context("recording the end of the run")?;
    Ok(())
}

/// Advances the watermarks (as [`advance_watermarks`]) and records the whole run, in one
/// statement inside the data transaction. For the shared extraction (`super::shared`), whose
/// tenant transactions take milliseconds: a `running` row committed beforehand would cost a
/// commit per tenant and show nothing. Runs of this tenant still marked `running` belong to a
/// process that died (the caller holds the tenant's lock), so they are closed as failed, as
/// [`start`] does. Returns the watermarks' new version (their `updated_at`).
pub async fn advance_and_record(
    tx: &mut TenantTx,
    streams: &[&str],
    ids: &[i64],
    upper: NaiveDateTime,
    trigger: Trigger,
    stats: &RunStats,
) -> Result<DateTime<Utc>> {
    let streams: Vec<String> = streams.iter().map(|s| s.to_string()).collect();
    sqlx::query_scalar(
        "WITH marks AS (
             INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id, updated_at)
             SELECT $1, s, $3 AT TIME ZONE 'UTC', i, now() FROM unnest($2::text[], $4::bigint[]) AS u(s, i)
             ON CONFLICT (tenant_id, stream) DO UPDATE
                 SET cursor_ts = EXCLUDED.cursor_ts, cursor_id = EXCLUDED.cursor_id, updated_at = EXCLUDED.updated_at),
         stale AS (
             UPDATE etl_runs SET status = 'failed', finished_at = now(),
                    error = 'interrupted: the process ended before the run finished'
             WHERE status = 'running')
         INSERT INTO etl_runs (tenant_id, trigger, mode, finished_at, status, rows_read, rows_written,
                               watermark_from, watermark_to, warning)
         VALUES ($1, $5, $6, clock_timestamp(), 'succeeded', $7, $8, $9, $10, $11)
         RETURNING now()",
    )
    .bind(tx.tenant())
    .bind(&streams)
    .bind(upper)
    .bind(ids)
    .bind(trigger.as_str())
    .bind(&stats.mode)
    .bind(stats.rows_read as i64)
    .bind(stats.rows_written as i64)
    .bind(stats.watermark_from)
    .bind(stats.watermark_to)
    .bind(&stats.warning)
    .fetch_one(&mut **tx)
    .await
    .context("recording the run")
}

/// Records a failed run of the shared extraction, in its own transaction (the data transaction
/// rolled back).
pub async fn record_failed(
    pool: &PgPool,
    tenant: TenantId,
    trigger: Trigger,
    stats: &RunStats,
    error: &str,
) -> Result<()> {
    let mut tx = bookkeeping_tx(pool, tenant).await?;
    sqlx::query(
        "INSERT INTO etl_runs (tenant_id, trigger, mode, finished_at, status, rows_read, rows_written,
                               watermark_from, error)
         VALUES ($1, $2, $3, clock_timestamp(), 'failed', $4, 0, $5, $6)",
    )
    .bind(tenant)
    .bind(trigger.as_str())
    .bind(&stats.mode)
    .bind(stats.rows_read as i64)
    .bind(stats.watermark_from)
    .bind(error)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Records a run that did not happen (suspended tenant, no inbox, locked by another process).
pub async fn record_skipped(pool: &PgPool, tenant: TenantId, trigger: Trigger, reason: &str) -> Result<()> {
    let mut tx = bookkeeping_tx(pool, tenant).await?;
    sqlx::query(
        "INSERT INTO etl_runs (tenant_id, trigger, mode, finished_at, status, error)
         VALUES ($1, $2, 'skipped', now(), 'skipped', $3)",
    )
    .bind(tenant)
    .bind(trigger.as_str())
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The tenant's watermarks by stream: `(stream, cursor_ts, cursor_id)`.
pub async fn watermarks(tx: &mut TenantTx) -> Result<Vec<(String, DateTime<Utc>, i64)>> {
    Ok(sqlx::query_as("SELECT stream, cursor_ts, cursor_id FROM etl_watermarks").fetch_all(&mut **tx).await?)
}

/// Moves every stream's watermark to `upper` (source time, UTC), inside the data transaction;
/// `ids` is each stream's id cursor (0 where the stream has none).
pub async fn advance_watermarks(
    tx: &mut TenantTx,
    streams: &[&str],
    ids: &[i64],
    upper: NaiveDateTime,
) -> Result<()> {
    let streams: Vec<String> = streams.iter().map(|s| s.to_string()).collect();
    let tenant = tx.tenant();
    sqlx::query(
        "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id, updated_at)
         SELECT $1, s, $3 AT TIME ZONE 'UTC', i, now() FROM unnest($2::text[], $4::bigint[]) AS u(s, i)
         ON CONFLICT (tenant_id, stream) DO UPDATE
             SET cursor_ts = EXCLUDED.cursor_ts, cursor_id = EXCLUDED.cursor_id, updated_at = EXCLUDED.updated_at",
    )
    .bind(tenant)
    .bind(&streams)
    .bind(upper)
    .bind(ids)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One line of `geniai etl status`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TenantEtlStatus {
    pub tenant: String,
    pub tenant_status: String,
    pub inboxes: i64,
    pub last_run_started_at: Option<DateTime<Utc>>,
    pub last_run_duration_seconds: Option<f64>,
    pub last_run_status: Option<String>,
    pub last_run_trigger: Option<String>,
    pub rows_read: Option<i64>,
    pub rows_written: Option<i64>,
    pub watermark: Option<DateTime<Utc>>,
    pub lag_seconds: Option<f64>,
    pub last_error: Option<String>,
    /// When the last run that wrote something finished (a watch loop's no-change cycles do not
    /// move it).
    pub last_change_at: Option<DateTime<Utc>>,
    /// When the last successful run finished, whether or not it found anything new.
    pub last_check_at: Option<DateTime<Utc>>,
    /// The source time of the newest message, event or CSAT response loaded. Chatwoot writes an
    /// activity message for every change to a conversation, so this is the newest change seen;
    /// it stands still while Chatwoot is quiet (the lag, from the watermark, does not).
    pub last_change_source_at: Option<DateTime<Utc>>,
}

impl Tabular for TenantEtlStatus {
    // The table fits 80 columns: the watermark and the full error stay in --format json|csv.
    fn headers(&self) -> Vec<String> {
        ["tenant", "last run", "took", "result", "rows r/w", "lag", "error"].map(String::from).to_vec()
    }

    fn cells(&self) -> Vec<String> {
        let dash = || "—".to_string();
        let result = match (self.last_run_status.as_deref(), self.tenant_status.as_str()) {
            (status, "active") => status.map(str::to_string).unwrap_or_else(dash),
            (status, tenant) => format!("{} ({tenant})", status.unwrap_or("—")),
        };
        let rows = match (self.rows_read, self.rows_written) {
            (Some(read), Some(written)) => format!("{read}/{written}"),
            _ => dash(),
        };
        let mut error = self.last_error.clone().unwrap_or_default();
        if error.chars().count() > 40 {
            error = error.chars().take(39).collect::<String>() + "…";
        }
        vec![
            self.tenant.clone(),
            self.last_run_started_at.map(|t| t.format("%m-%d %H:%M").to_string()).unwrap_or_else(dash),
            self.last_run_duration_seconds.map(human_duration).unwrap_or_else(dash),
            result,
            rows,
            self.lag_seconds.map(human_duration).unwrap_or_else(dash),
            error,
        ]
    }
}

/// Per tenant: the last run, and its freshness as `etl_freshness` (migration 0018) defines it for
/// every view. The last runs are one `DISTINCT ON (tenant_id)` rather than a lateral lookup per
/// tenant: Citus refuses a lateral join from a reference table (`tenants`) into a distributed one.
pub async fn status(pool: &PgPool) -> Result<Vec<TenantEtlStatus>> {
    let mut tx = db::platform_tx(pool).await?;
    let rows = sqlx::query_as::<_, TenantEtlStatus>(
        "SELECT t.slug AS tenant, t.status AS tenant_status,
                (SELECT count(*) FROM inbox_mappings m WHERE m.tenant_id = t.id) AS inboxes,
                r.started_at AS last_run_started_at,
                extract(epoch FROM r.finished_at - r.started_at)::float8 AS last_run_duration_seconds,
                r.status AS last_run_status, r.trigger AS last_run_trigger,
                r.rows_read, r.rows_written,
                f.as_of AS watermark, f.lag_seconds,
                r.error AS last_error,
                f.last_change_at, f.last_check_at, f.last_change_source_at
         FROM tenants t
         LEFT JOIN (SELECT DISTINCT ON (tenant_id) * FROM etl_runs
                     ORDER BY tenant_id, started_at DESC, run_id DESC) r ON r.tenant_id = t.id
         LEFT JOIN LATERAL etl_freshness(t.id) f ON true
         ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .context("reading the ETL status")?;
    tx.commit().await?;
    Ok(rows)
}

/// Deletes the run rows that started more than `older_than` ago, keeping each tenant's latest
/// run and latest run that changed something (what `etl status` shows) and any run still
/// marked `running`. Inside the caller's platform transaction, so that the deletion and its
/// audit entry commit together. Returns the number of rows deleted.
pub async fn prune(conn: &mut sqlx::PgConnection, older_than: std::time::Duration) -> Result<u64> {
    let deleted = sqlx::query(
        "WITH latest AS (
             SELECT DISTINCT ON (tenant_id) run_id FROM etl_runs
             ORDER BY tenant_id, started_at DESC, run_id DESC),
         latest_change AS (
             SELECT DISTINCT ON (tenant_id) run_id FROM etl_runs
             WHERE status = 'succeeded' AND rows_written > 0
             ORDER BY tenant_id, started_at DESC, run_id DESC)
         DELETE FROM etl_runs r
         WHERE r.started_at < now() - make_interval(secs => $1)
           AND r.status <> 'running'
           AND r.run_id NOT IN (SELECT run_id FROM latest UNION ALL SELECT run_id FROM latest_change)",
    )
    .bind(older_than.as_secs_f64())
    .execute(conn)
    .await
    .context("deleting old ETL runs")?
    .rows_affected();
    Ok(deleted)
}
