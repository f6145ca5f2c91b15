//! What a tenant's run will read, decided from its watermarks and the inboxes already loaded.

use std::fmt;

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::PgConnection;

use super::extract::{self, Stream};
use super::options::EtlOptions;
use super::runs;
use crate::db::TenantTx;

/// How a tenant's run reads its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunMode {
    /// Everything of the tenant, reloaded (no watermark yet, a stream without one, or `--full`).
    Full,
    /// From the oldest watermark, less the overlap.
    Incremental,
}

impl RunMode {
    /// The word stored in `etl_runs.mode` and shown in reports (a contract).
    pub fn as_str(self) -> &'static str {
        match self {
            RunMode::Full => "full",
            RunMode::Incremental => "incremental",
        }
    }

    /// The mode a run records and reports: this word, with `+reconcile` when it also reconciles
    /// deletes and ` (dry run)` when it writes nothing.
    pub fn label(self, reconcile: bool, dry_run: bool) -> String {
        let mut label = self.as_str().to_string();
        if reconcile {
            label.push_str("+reconcile");
        }
        if dry_run {
            label.push_str(" (dry run)");
        }
        label
    }
}

impl fmt::Display for RunMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the run will read, decided from the watermarks and the inboxes already loaded.
pub(super) struct Plan {
    pub mode: RunMode,
    /// Inboxes loaded in full (new to the tenant, or all on a full run).
    pub full_inboxes: Vec<i32>,
    /// Inboxes read incrementally from `from`.
    pub incremental_inboxes: Vec<i32>,
    /// Inboxes whose rows must go (no longer mapped).
    pub removed_inboxes: Vec<i32>,
    pub from: Option<NaiveDateTime>,
    /// CSAT responses with ids above this are checked for changes: lowered, in the source
    /// snapshot, to cover Chatwoot's edit window ([`Plan::cover_csat_edits`]).
    pub csat_floor: i64,
    /// Conversations with ids above this are new since the last run (or within the margin).
    pub conversation_floor: i64,
    pub watermark_from: Option<DateTime<Utc>>,
    /// The tenant has no watermark and no facts: its streams load side by side (see
    /// [`super::first_load`]).
    pub first_load: bool,
}

/// Plans the run of the transaction's tenant over its `mapped` inboxes.
pub(super) async fn plan(tx: &mut TenantTx, options: &EtlOptions, mapped: &[i32]) -> Result<Plan> {
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
        mode: if full { RunMode::Full } else { RunMode::Incremental },
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
    pub(super) async fn cover_csat_edits(&mut self, src: &mut PgConnection) -> Result<()> {
        if let (false, Some(from)) = (self.incremental_inboxes.is_empty(), self.from) {
            self.csat_floor = extract::csat_window_floor(src, from, self.csat_floor)
                .await
                .context("finding the CSAT responses still open to edits")?;
        }
        Ok(())
    }
}
