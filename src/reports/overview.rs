//! The cross-client overview for platform admins: one row per tenant and a totals row.
//!
//! It runs on the explicit platform path ([`PlatformTx`]), never by switching isolation off.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Period;
use crate::db::PlatformTx;

/// One tenant's headline numbers for the period, with its ETL state.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct OverviewRow {
    /// The tenant's slug; `TOTAL` on the totals row.
    pub tenant: String,
    pub name: String,
    pub status: String,
    pub conversations: i64,
    pub leads: i64,
    pub conversions: i64,
    pub conversion_rate: Option<f64>,
    pub avg_first_response_seconds: Option<f64>,
    pub resolutions: i64,
    pub csat_responses: i64,
    pub csat_average: Option<f64>,
    pub last_etl_status: Option<String>,
    pub last_etl_finished_at: Option<DateTime<Utc>>,
    /// Seconds between now and the end of the last successful ETL run.
    pub etl_lag_seconds: Option<f64>,
}

/// The period's figures per tenant from the facts: conv (conversations, leads, conversions),
/// ev (frt_sum, frt_count, resolutions) and csat (responses, rating_sum).
const FROM_FACTS: &str = "
    WITH conv AS (
        SELECT c.tenant_id, count(*) AS conversations,
               count(*) FILTER (WHERE c.labels && (coalesce(s.lead_labels, '{}') || coalesce(s.conversion_labels, '{}'))) AS leads,
               count(*) FILTER (WHERE c.labels && coalesce(s.conversion_labels, '{}')) AS conversions
          FROM conversations c
          LEFT JOIN tenant_settings s ON s.tenant_id = c.tenant_id
         WHERE c.created_at >= $1 AND c.created_at < $2
         GROUP BY c.tenant_id
    ), ev AS (
        SELECT tenant_id,
               count(*) FILTER (WHERE name = 'conversation_resolved') AS resolutions,
               sum(value) FILTER (WHERE name = 'first_response') AS frt_sum,
               count(value) FILTER (WHERE name = 'first_response') AS frt_count
          FROM reporting_events
         WHERE created_at >= $1 AND created_at < $2 AND name IN ('first_response', 'conversation_resolved')
         GROUP BY tenant_id
    ), csat AS (
        SELECT tenant_id, count(*) AS responses, sum(rating) AS rating_sum
          FROM csat_responses
         WHERE created_at >= $1 AND created_at < $2
         GROUP BY tenant_id
";

/// The same from summary rows of the period, `rows` (a relation of tenant_id, conversations,
/// leads, conversions, first_response_sum, first_response_n, resolutions, csat_responses,
/// csat_rating_sum): see [`summary_rows`].
fn from_rollups(rows: &str) -> String {
    format!(
        "
    WITH roll AS (
        SELECT r.tenant_id,
               sum(r.conversations)::bigint AS conversations,
               coalesce(sum(r.leads), 0)::bigint AS leads,
               coalesce(sum(r.conversions), 0)::bigint AS conversions,
               sum(r.first_response_sum) AS frt_sum, sum(r.first_response_n)::bigint AS frt_count,
               sum(r.resolutions)::bigint AS resolutions,
               sum(r.csat_responses)::bigint AS responses, sum(r.csat_rating_sum)::bigint AS rating_sum
          FROM ({rows}) r
         GROUP BY r.tenant_id
    ), conv AS (
        SELECT tenant_id, conversations, leads, conversions FROM roll
    ), ev AS (
        SELECT tenant_id, frt_sum, frt_count, resolutions FROM roll
    ), csat AS (
        SELECT tenant_id, responses, rating_sum FROM roll
"
    )
}

/// The 15-minute rows of `report_rollups` in `[from, to)` (SQL bounds), their leads and conversions
/// counted from their label sets by each tenant's settings, in the columns of [`from_rollups`].
/// Read tenant by tenant: the table's key leads with the tenant.
fn quarter_hour_rows(from: &str, to: &str) -> String {
    format!(
        "SELECT t.id AS tenant_id, b.conversations,
                CASE WHEN b.labels && (coalesce(s.lead_labels, '{{}}') || coalesce(s.conversion_labels, '{{}}'))
                     THEN b.conversations ELSE 0 END AS leads,
                CASE WHEN b.labels && coalesce(s.conversion_labels, '{{}}') THEN b.conversations ELSE 0 END AS conversions,
                b.first_response_sum, b.first_response_n, b.resolutions, b.csat_responses, b.csat_rating_sum
           FROM tenants t
           JOIN report_rollups b ON b.tenant_id = t.id AND b.bucket >= {from} AND b.bucket < {to}
           LEFT JOIN tenant_settings s ON s.tenant_id = t.id"
    )
}

/// The summary rows of a period on 15-minute edges `[$1, $2)`: with the dimension rollups usable,
/// the tenant totals of its whole UTC days (`dimension_rollups`, migration 0030: a row per tenant
/// and day) and the 15-minute rows of the partial days at its ends; otherwise the 15-minute rows
/// of it all (96 a day per tenant).
fn summary_rows(days_usable: bool) -> String {
    if !days_usable {
        return quarter_hour_rows("$1", "$2");
    }
    let (inner_from, inner_to) = super::rollups::whole_utc_days();
    format!(
        "SELECT r.tenant_id, r.conversations, r.leads, r.conversions, r.first_response_sum, r.first_response_n,
                r.resolutions, r.csat_responses, r.csat_rating_sum
           FROM dimension_rollups r
          WHERE r.dimension = '*'
            AND r.day >= ({inner_from} AT TIME ZONE 'UTC')::date AND r.day < ({inner_to} AT TIME ZONE 'UTC')::date
         UNION ALL {start}
         UNION ALL {end}",
        start = quarter_hour_rows("$1", &inner_from),
        end = quarter_hour_rows(&inner_to, "$2"),
    )
}

/// Per tenant and totals, from `conv`, `ev` and `csat`, with the ETL state.
const PER_TENANT: &str = "    ), last_run AS (
        SELECT DISTINCT ON (tenant_id) tenant_id, status, finished_at
          FROM etl_runs
         ORDER BY tenant_id, started_at DESC
    ), per_tenant AS (
        SELECT t.slug AS tenant, t.name, t.status,
               coalesce(conv.conversations, 0) AS conversations,
               coalesce(conv.leads, 0) AS leads,
               coalesce(conv.conversions, 0) AS conversions,
               (ev.frt_sum / NULLIF(ev.frt_count, 0))::float8 AS avg_frt, coalesce(ev.frt_sum, 0) AS frt_sum, coalesce(ev.frt_count, 0) AS frt_count,
               coalesce(ev.resolutions, 0) AS resolutions,
               coalesce(csat.responses, 0) AS csat_responses,
               (csat.rating_sum::numeric / NULLIF(csat.responses, 0))::float8 AS csat_average,
               coalesce(csat.rating_sum, 0) AS rating_sum,
               last_run.status AS last_etl_status, last_run.finished_at AS last_etl_finished_at,
               (SELECT f.lag_seconds FROM etl_freshness(t.id) f) AS etl_lag_seconds
          FROM tenants t
          LEFT JOIN conv ON conv.tenant_id = t.id
          LEFT JOIN ev ON ev.tenant_id = t.id
          LEFT JOIN csat ON csat.tenant_id = t.id
          LEFT JOIN last_run ON last_run.tenant_id = t.id
    )
    SELECT * FROM (
    SELECT tenant, name, status, conversations, leads, conversions,
           conversions::float8 / NULLIF(leads, 0) AS conversion_rate,
           avg_frt AS avg_first_response_seconds, resolutions, csat_responses, csat_average,
           last_etl_status, last_etl_finished_at, etl_lag_seconds
      FROM per_tenant
    UNION ALL
    SELECT 'TOTAL', 'All tenants', '', sum(conversations)::bigint, sum(leads)::bigint, sum(conversions)::bigint,
           sum(conversions)::float8 / NULLIF(sum(leads), 0),
           (sum(frt_sum) / NULLIF(sum(frt_count), 0))::float8,
           sum(resolutions)::bigint, sum(csat_responses)::bigint,
           sum(rating_sum)::float8 / NULLIF(sum(csat_responses), 0),
           NULL, NULL, max(etl_lag_seconds)
      FROM per_tenant
    ) report
    ORDER BY tenant = 'TOTAL', tenant";

/// One row per tenant plus a `TOTAL` row, for the period.
pub async fn overview(tx: &mut PlatformTx, period: &Period) -> Result<Vec<OverviewRow>> {
    // Summary rows where the period is on 15-minute edges (every period of dates, in every zone
    // in use), the facts otherwise.
    let sources = if super::rollups::cover(super::Grouping::Total, period) {
        from_rollups(&summary_rows(super::rollups::dimension_rollups_usable(tx).await?))
    } else {
        FROM_FACTS.to_string()
    };
    overview_from(tx, period, &sources).await
}

/// [`overview`] read from the facts, whatever the period (the reference the rollups match).
pub async fn overview_from_facts(tx: &mut PlatformTx, period: &Period) -> Result<Vec<OverviewRow>> {
    overview_from(tx, period, FROM_FACTS).await
}

async fn overview_from(tx: &mut PlatformTx, period: &Period, sources: &str) -> Result<Vec<OverviewRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{sources}{PER_TENANT}")))
        .bind(period.from)
        .bind(period.to)
        .fetch_all(&mut **tx)
        .await
        .context("computing the overview")
}
