//! The traffic heatmap, as Chatwoot's: conversations created in the period, counted per weekday
//! and hour of the period's timezone (Chatwoot buckets by the account's timezone; geniai by the
//! report's, the tenant's by default).
//!
//! The contract of its rows (`geniai report heatmap`, `/api/v1/heatmap`): `weekday` is the ISO
//! weekday, 1 = Monday to 7 = Sunday; `hour` is the local hour, 0 to 23; `conversations` is the
//! count. All 7 × 24 = 168 cells are present, zeros included, ordered by weekday then hour. Local
//! time decides the cell: on the day a zone's clocks go back, the repeated hour's conversations
//! share one cell; on the day they go forward, the skipped hour gets none.

use anyhow::{Context, Result};
use serde::Serialize;

use super::ReportOptions;
use crate::db::TenantTx;

/// One cell of the heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct HeatmapCell {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: i32,
    /// Local hour, 0–23.
    pub hour: i32,
    /// Conversations created in that hour of that weekday, within the period.
    pub conversations: i64,
}

/// English weekday names, by ISO weekday (index 0 is Monday).
pub const WEEKDAY_NAMES: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The 168 cells, zeros included, from `counted` (weekday, hour, conversations): the end both
/// statements share.
macro_rules! cells_of_counted {
    () => {
        "
 SELECT d.weekday, h.hour, coalesce(counted.conversations, 0)::bigint AS conversations
   FROM generate_series(1, 7) AS d (weekday)
  CROSS JOIN generate_series(0, 23) AS h (hour)
   LEFT JOIN counted ON counted.weekday = d.weekday AND counted.hour = h.hour
  ORDER BY d.weekday, h.hour"
    };
}

/// The heatmap's statement over the facts: $1 from, $2 to (exclusive), $3 the timezone.
pub const HEATMAP_SQL: &str = concat!(
    "WITH counted AS (
     SELECT extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour,
            count(*) AS conversations
       FROM (SELECT created_at AT TIME ZONE $3 AS local
               FROM conversations
              WHERE created_at >= $1 AND created_at < $2) c
      GROUP BY 1, 2
 )",
    cells_of_counted!()
);

/// The same over the conversation counts of the report rollups (migration 0007): each 15-minute
/// UTC bucket lies in one local hour when the zone's offsets are multiples of 15 minutes.
pub const HEATMAP_ROLLUPS_SQL: &str = concat!(
    "WITH counted AS (
     SELECT extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour,
            sum(conversations) AS conversations
       FROM (SELECT bucket AT TIME ZONE $3 AS local, conversations
               FROM report_rollups
              WHERE bucket >= $1 AND bucket < $2 AND conversations <> 0) r
      GROUP BY 1, 2
 )",
    cells_of_counted!()
);

/// The heatmap of the tenant bound to `tx` over the period, in its timezone: from the rollups'
/// quarter hours when the period's bounds and the zone's offsets fall on them, else one aggregate
/// over the period's conversations (an index range scan of `(tenant_id, created_at)`; RLS
/// supplies the tenant). Both give the same cells.
pub async fn heatmap(tx: &mut TenantTx, options: &ReportOptions) -> Result<Vec<HeatmapCell>> {
    let by_hour = super::Grouping::Bucket(super::Bucket::Hour);
    let sql = if super::rollups::cover(by_hour, &options.period) { HEATMAP_ROLLUPS_SQL } else { HEATMAP_SQL };
    cells(tx, options, sql).await
}

/// The heatmap computed from the conversations, whatever the period (the reference the rollups
/// match).
pub async fn heatmap_facts(tx: &mut TenantTx, options: &ReportOptions) -> Result<Vec<HeatmapCell>> {
    cells(tx, options, HEATMAP_SQL).await
}

async fn cells(tx: &mut TenantTx, options: &ReportOptions, sql: &'static str) -> Result<Vec<HeatmapCell>> {
    sqlx::query_as(sql)
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.period.tz.name())
        .fetch_all(&mut **tx)
        .await
        .context("computing the heatmap")
}
