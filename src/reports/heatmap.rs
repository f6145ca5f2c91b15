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

/// The heatmap's statement: $1 from, $2 to (exclusive), $3 the timezone.
pub const HEATMAP_SQL: &str = "WITH counted AS (
     SELECT extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour,
            count(*) AS conversations
       FROM (SELECT created_at AT TIME ZONE $3 AS local
               FROM conversations
              WHERE created_at >= $1 AND created_at < $2) c
      GROUP BY 1, 2
 )
 SELECT d.weekday, h.hour, coalesce(counted.conversations, 0)::bigint AS conversations
   FROM generate_series(1, 7) AS d (weekday)
  CROSS JOIN generate_series(0, 23) AS h (hour)
   LEFT JOIN counted ON counted.weekday = d.weekday AND counted.hour = h.hour
  ORDER BY d.weekday, h.hour";

/// The heatmap of the tenant bound to `tx` over the period, in its timezone: one aggregate over
/// the period's conversations (an index range scan of `(tenant_id, created_at)`; RLS supplies the
/// tenant), joined to the 168 cells.
pub async fn heatmap(tx: &mut TenantTx, options: &ReportOptions) -> Result<Vec<HeatmapCell>> {
    sqlx::query_as(HEATMAP_SQL)
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.period.tz.name())
        .fetch_all(&mut **tx)
        .await
        .context("computing the heatmap")
}
