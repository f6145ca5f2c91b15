//! Keeps the planner's statistics current after the ETL changed a large share of the facts.
//!
//! Autovacuum analyzes a table once a tenth of it changed, but only when it next gets to it:
//! right after a first load the planner knows nothing of the new rows (nor of the new tenant's
//! share of them), and the first report can get a plan that runs for minutes. So a run that
//! changed a large share analyzes the tables it wrote before it reports success.
//!
//! The tenants of one run share the account ([`Statistics`]): ANALYZE samples a fixed number of
//! rows whatever a tenant wrote (about 8 s for the eight tables at a million conversations), so
//! a first load of 100 tenants that analyzed after each one spent more on statistics than on
//! some of the loads. Within a run the tables are analyzed only when they were never analyzed
//! or have grown by as many rows as the statistics know of (autovacuum keeps up in between), and
//! once at the end of the run when a tenant asked for it or the run changed more than a tenth.
//! Each analysis runs after the tenant's commit, in a transaction of its own: ANALYZE holds a
//! lock that conflicts with another ANALYZE of the same table until the transaction ends, which
//! would serialize the commits of tenants running in parallel.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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

/// The share of the facts a run must change for its end to analyze them, as autovacuum's
/// default `autovacuum_analyze_scale_factor`.
const RUN_SHARE: f64 = 0.1;

/// The share a run's tenants must have changed for the run to analyze before its end: the
/// tables doubled since the statistics were taken (or were never analyzed).
const MID_RUN_SHARE: f64 = 1.0;

/// What the tenants of one run wrote since the tables were last analyzed.
#[derive(Default)]
pub(super) struct Statistics {
    /// Rows written by the run's committed tenants and not analyzed since.
    unanalyzed: AtomicU64,
    /// Whether a tenant asked for fresh statistics (a first load, a full reload, a reconcile).
    wanted: AtomicBool,
    /// Held while analyzing: one analysis at a time per run.
    analyzing: tokio::sync::Mutex<()>,
}

impl Statistics {
    /// Counts a committed tenant's run (`wanted`: it needs fresh statistics by the end of the
    /// run) and analyzes now when the tables were never analyzed or have doubled. The tenant's
    /// rows are committed by then, so a failure is a warning.
    pub(super) async fn after_tenant(&self, pool: &PgPool, tenant: &str, rows_written: u64, wanted: bool) {
        self.unanalyzed.fetch_add(rows_written, Ordering::Relaxed);
        if wanted {
            self.wanted.store(true, Ordering::Relaxed);
        }
        // Another tenant's analysis is running: it covers most of these rows, and the end of the
        // run covers the rest.
        let Ok(_analyzing) = self.analyzing.try_lock() else { return };
        if let Err(err) = self.analyze_over(pool, MID_RUN_SHARE, false).await {
            tracing::warn!(tenant, "the run succeeded but its tables were not analyzed: {err:#}");
        }
    }

    /// At the end of the run: analyzes when a tenant asked for it or the run changed more than a
    /// tenth of the facts. A failure is a warning.
    pub(super) async fn finish(&self, pool: &PgPool) {
        let _analyzing = self.analyzing.lock().await;
        let wanted = self.wanted.load(Ordering::Relaxed);
        if let Err(err) = self.analyze_over(pool, RUN_SHARE, wanted).await {
            tracing::warn!("the run succeeded but its tables were not analyzed: {err:#}");
        }
    }

    /// Analyzes the written tables when `always`, or when the unanalyzed rows exceed `share` of
    /// the rows the statistics know of. The caller holds `analyzing`.
    async fn analyze_over(&self, pool: &PgPool, share: f64, always: bool) -> Result<bool> {
        let rows = self.unanalyzed.load(Ordering::Relaxed);
        if rows == 0 && !always {
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
            if (rows as f64) <= known * share {
                return Ok(false);
            }
        }
        // Taken before analyzing: a tenant committing meanwhile may miss the sample, so its
        // rows and wish stay counted for the next analysis.
        let wanted = self.wanted.swap(false, Ordering::Relaxed);
        self.unanalyzed.fetch_sub(rows, Ordering::Relaxed);
        let analyzed = async {
            sqlx::query("SELECT geniai_analyze($1)")
                .bind(&WRITTEN[..])
                .execute(&mut *tx)
                .await
                .context("refreshing the planner's statistics (ANALYZE)")?;
            tx.commit().await.context("refreshing the planner's statistics (ANALYZE)")
        }
        .await;
        if let Err(err) = analyzed {
            self.unanalyzed.fetch_add(rows, Ordering::Relaxed);
            if wanted {
                self.wanted.store(true, Ordering::Relaxed);
            }
            return Err(err);
        }
        tracing::debug!("analyzed {}", WRITTEN.join(", "));
        Ok(true)
    }
}
