//! Keeps the planner's statistics current after the ETL changed a large share of the facts.
//!
//! Autovacuum analyzes a table once a tenth of it changed, but only when it next gets to it:
//! right after a first load the planner knows nothing of the new rows (nor of the new tenant's
//! share of them), and the first report can get a plan that runs for minutes. So a run that
//! changed a large share analyzes the tables it wrote before it reports success. It does so
//! after its commit, in a transaction of its own: ANALYZE holds a lock that conflicts with
//! another ANALYZE of the same table until the transaction ends, which would serialize the
//! commits of tenants running in parallel.

use anyhow::{Context, Result};
use sqlx::PgPool;

use crate::db;

/// The tables a run writes: the facts and the summaries their triggers keep.
const WRITTEN: [&str; 8] = [
    "conversations",
    "messages",
    "reporting_events",
    "csat_responses",
    "report_rollups",
    "frt_histogram",
    "conversation_live_counts",
    "dimension_rollups",
];

/// The share of the facts a run must change for it to analyze them, as autovacuum's default
/// `autovacuum_analyze_scale_factor`.
const SHARE: f64 = 0.1;

/// Analyzes the tables a run wrote, when `always` (a first load, a full reload, a reconcile) or
/// when its `rows_written` exceed a tenth of the rows the statistics know of (or the tables were
/// never analyzed). Returns whether it analyzed.
pub(super) async fn refresh(pool: &PgPool, rows_written: u64, always: bool) -> Result<bool> {
    if rows_written == 0 && !always {
        return Ok(false);
    }
    let mut tx = db::platform_tx(pool).await?;
    if !always {
        // reltuples is -1 for a table never analyzed.
        let known: f64 = sqlx::query_scalar(
            "SELECT coalesce(sum(greatest(reltuples, 0)), 0)::float8 FROM pg_class
              WHERE oid IN ('conversations'::regclass, 'messages'::regclass, 'reporting_events'::regclass,
                            'csat_responses'::regclass)",
        )
        .fetch_one(&mut *tx)
        .await
        .context("reading the facts' statistics")?;
        if (rows_written as f64) <= known * SHARE {
            return Ok(false);
        }
    }
    sqlx::query("SELECT geniai_analyze($1)")
        .bind(&WRITTEN[..])
        .execute(&mut *tx)
        .await
        .context("refreshing the planner's statistics (ANALYZE)")?;
    tx.commit().await?;
    tracing::debug!("analyzed {}", WRITTEN.join(", "));
    Ok(true)
}
