//! Tenant-isolated KPI reports, by Chatwoot's own definitions, and the cross-client overview.
//!
//! Every tenant report takes a [`TenantTx`](crate::db::TenantTx): the queries carry no tenant
//! filter of their own, so row-level security alone keeps tenants apart. The overview is the
//! platform-admin report and takes a [`PlatformTx`](crate::db::PlatformTx). The CLI and the web
//! dashboard both call these functions: one implementation, two front ends.

pub mod aggregate;
pub mod export;
pub mod heatmap;
pub mod overview;
pub mod period;
pub mod rollups;

use anyhow::{Context, Result};
use serde::Serialize;
use sqlx::PgConnection;

use crate::db::TenantTx;
pub use aggregate::{Aggregates, Bucket, Grouping, TenantFilter};
pub use heatmap::{HeatmapCell, heatmap};
pub use period::Period;

/// The report kinds, as `geniai report KIND` names them and the dashboard's URLs spell them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// The period's KPIs in one record, plus the live counts.
    Kpis,
    /// The same counts and averages per day (or --bucket hour|week|month), empty buckets included.
    Daily,
    /// One row per inbox.
    Inboxes,
    /// One row per agent.
    Agents,
    /// One row per team.
    Teams,
    /// One row per label.
    Labels,
    /// One row per channel type.
    Channels,
    /// First response times in buckets 0-1h, 1-4h, 4-8h, 8-24h, 24h+ (or [`FrtScale::Fine`]).
    FrtDistribution,
    /// Conversations created per ISO weekday and hour of the period's timezone: 168 cells.
    Heatmap,
    /// Every conversation created in the period (streams; use --format csv for exports).
    Conversations,
    /// Platform admins: one row per tenant, with totals (no --tenant).
    Overview,
}

impl ReportKind {
    /// Every kind that reports on one tenant (all but `overview`).
    pub const TENANT_KINDS: [ReportKind; 10] = [
        ReportKind::Kpis,
        ReportKind::Daily,
        ReportKind::Inboxes,
        ReportKind::Agents,
        ReportKind::Teams,
        ReportKind::Labels,
        ReportKind::Channels,
        ReportKind::FrtDistribution,
        ReportKind::Heatmap,
        ReportKind::Conversations,
    ];

    /// The kind's name: the `KIND` of `geniai report KIND`, and the last segment of its URLs.
    pub fn slug(self) -> &'static str {
        match self {
            ReportKind::Kpis => "kpis",
            ReportKind::Daily => "daily",
            ReportKind::Inboxes => "inboxes",
            ReportKind::Agents => "agents",
            ReportKind::Teams => "teams",
            ReportKind::Labels => "labels",
            ReportKind::Channels => "channels",
            ReportKind::FrtDistribution => "frt-distribution",
            ReportKind::Heatmap => "heatmap",
            ReportKind::Conversations => "conversations",
            ReportKind::Overview => "overview",
        }
    }

    /// For a per-dimension kind: its grouping, and the JSON field its rows carry their key in.
    pub fn dimension(self) -> Option<(Grouping, &'static str)> {
        match self {
            ReportKind::Inboxes => Some((Grouping::Inbox, "inbox_id")),
            ReportKind::Agents => Some((Grouping::Agent, "agent_id")),
            ReportKind::Teams => Some((Grouping::Team, "team_id")),
            ReportKind::Labels => Some((Grouping::Label, "label")),
            ReportKind::Channels => Some((Grouping::Channel, "channel_type")),
            _ => None,
        }
    }
}

impl crate::enums::Word for ReportKind {
    const WHAT: &'static str = "report";
    const ALL: &'static [ReportKind] = &[
        ReportKind::Kpis,
        ReportKind::Daily,
        ReportKind::Inboxes,
        ReportKind::Agents,
        ReportKind::Teams,
        ReportKind::Labels,
        ReportKind::Channels,
        ReportKind::FrtDistribution,
        ReportKind::Heatmap,
        ReportKind::Conversations,
        ReportKind::Overview,
    ];
    fn word(self) -> &'static str {
        self.slug()
    }
}
crate::word_enum!(ReportKind);

/// What every report needs besides the tenant: the period and which durations to use.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub period: Period,
    /// Use `value_in_business_hours` instead of wall-clock durations.
    pub business_hours: bool,
}

/// The Chatwoot labels a tenant counts as leads and as conversions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantLabels {
    pub lead_labels: Vec<String>,
    pub conversion_labels: Vec<String>,
}

/// Reads the tenant's lead and conversion labels (none configured: empty lists).
pub async fn tenant_labels(conn: &mut PgConnection) -> Result<TenantLabels> {
    let row: Option<(Vec<String>, Vec<String>)> =
        sqlx::query_as("SELECT lead_labels, conversion_labels FROM tenant_settings")
            .fetch_optional(conn)
            .await
            .context("reading the tenant's label settings")?;
    Ok(row
        .map(|(lead_labels, conversion_labels)| TenantLabels { lead_labels, conversion_labels })
        .unwrap_or_default())
}

/// The `kpis` report: one record for the period. Field names are a stable interface; the period
/// metrics and the live counts are flattened into the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kpis {
    pub tenant: String,
    pub from: String,
    pub to: String,
    pub timezone: String,
    pub business_hours: bool,
    /// The period's metrics (the same aggregation as every other report).
    #[serde(flatten)]
    pub metrics: Aggregates,
    pub csat_response_rate: Option<f64>,
    pub conversion_rate: Option<f64>,
    /// The current state, whatever the period.
    #[serde(flatten)]
    pub live: LiveCounts,
}

/// The live counts: the current state, whatever the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LiveCounts {
    pub open: i64,
    pub unattended: i64,
    pub unassigned: i64,
}

/// Counts open, unattended and unassigned conversations now, from the facts (reports read the
/// counts the triggers keep, [`rollups::live_counts`]; the tests compare the two).
pub async fn live_counts(conn: &mut PgConnection) -> Result<LiveCounts> {
    sqlx::query_as(
        "SELECT count(*) AS open,
                count(*) FILTER (WHERE first_reply_created_at IS NULL OR waiting_since IS NOT NULL) AS unattended,
                count(*) FILTER (WHERE assignee_id IS NULL) AS unassigned
           FROM conversations
          WHERE status = 0",
    )
    .fetch_one(conn)
    .await
    .context("counting live conversations")
}

/// The `kpis` report for the tenant bound to `tx`.
pub async fn kpis(tx: &mut TenantTx, tenant_slug: &str, options: &ReportOptions) -> Result<Kpis> {
    let labels = tenant_labels(tx).await?;
    let filter = TenantFilter::Explicit(tx.tenant());
    let total = aggregate::aggregate(tx, options, &labels, Grouping::Total, filter)
        .await?
        .pop()
        .context("the report query returned no row")?;
    let live = rollups::live_counts(tx).await?;
    Ok(Kpis {
        tenant: tenant_slug.to_string(),
        from: options.period.from_local(),
        to: options.period.to_local(),
        timezone: options.period.tz.name().to_string(),
        business_hours: options.business_hours,
        csat_response_rate: total.csat_response_rate(),
        conversion_rate: total.conversion_rate(),
        metrics: total,
        live,
    })
}

/// One row per bucket (hour, day, week or month in the period's timezone), empty buckets included.
pub async fn series(tx: &mut TenantTx, options: &ReportOptions, bucket: Bucket) -> Result<Vec<Aggregates>> {
    let labels = tenant_labels(tx).await?;
    let filter = TenantFilter::Explicit(tx.tenant());
    aggregate::aggregate(tx, options, &labels, Grouping::Bucket(bucket), filter).await
}

/// One row per value of a dimension (inbox, agent, team, label or channel), with names.
pub async fn by_dimension(
    tx: &mut TenantTx,
    options: &ReportOptions,
    grouping: Grouping,
) -> Result<Vec<Aggregates>> {
    let labels = tenant_labels(tx).await?;
    let filter = TenantFilter::Explicit(tx.tenant());
    aggregate::aggregate(tx, options, &labels, grouping, filter).await
}

/// One bucket of the first-response-time distribution.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct FrtBucket {
    /// The bucket's label: `0-1h`, `1-4h`, `4-8h`, `8-24h` or `24h+`, or with
    /// [`FrtScale::Fine`] `0-5m`, `5-15m`, `15-30m`, `30m-1h`, `1-4h`, `4-8h`, `8-24h` or `24h+`.
    pub bucket: String,
    pub lower_seconds: i64,
    pub upper_seconds: Option<i64>,
    pub first_responses: i64,
    /// Share of all first responses in the period (0..1); null when there are none.
    pub share: Option<f64>,
}

/// Which buckets the first-response distribution has. Both tile `[0, ∞)`; the standard ones are
/// the contract of `report frt-distribution`, the fine ones tell apart what the first hour holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FrtScale {
    /// 0-1h, 1-4h, 4-8h, 8-24h, 24h+.
    #[default]
    Standard,
    /// 0-5m, 5-15m, 15-30m, 30m-1h, 1-4h, 4-8h, 8-24h, 24h+.
    Fine,
}

impl FrtScale {
    /// The buckets in order: each label with its lower edge in seconds (the upper edge is the
    /// next bucket's lower edge; the last bucket has none). The one description both queries are
    /// generated from.
    pub fn buckets(self) -> &'static [(&'static str, i64)] {
        match self {
            FrtScale::Standard => {
                &[("0-1h", 0), ("1-4h", 3_600), ("4-8h", 14_400), ("8-24h", 28_800), ("24h+", 86_400)]
            }
            FrtScale::Fine => &[
                ("0-5m", 0),
                ("5-15m", 300),
                ("15-30m", 900),
                ("30m-1h", 1_800),
                ("1-4h", 3_600),
                ("4-8h", 14_400),
                ("8-24h", 28_800),
                ("24h+", 86_400),
            ],
        }
    }

    /// The edges between buckets (every lower edge but the first, 0).
    fn edges(self) -> impl Iterator<Item = i64> {
        self.buckets().iter().skip(1).map(|(_, lower)| *lower)
    }

    /// `(label, lower, upper, ord)` rows as SQL `VALUES`, the last upper edge NULL.
    fn values_sql(self) -> String {
        let buckets = self.buckets();
        buckets
            .iter()
            .enumerate()
            .map(|(i, (label, lower))| {
                let upper = buckets.get(i + 1).map(|(_, upper)| upper.to_string()).unwrap_or("NULL".into());
                format!("('{label}', {lower}::bigint, {upper}::bigint, {ord})", ord = i + 1)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// First responses in the period, in the standard buckets (all present).
pub async fn frt_distribution(tx: &mut TenantTx, options: &ReportOptions) -> Result<Vec<FrtBucket>> {
    frt_distribution_in(tx, options, FrtScale::Standard).await
}

/// First responses in the period, in the buckets of `scale` (all present): from the
/// first-response histogram when the period's bounds are on rollup bucket edges.
pub async fn frt_distribution_in(
    tx: &mut TenantTx,
    options: &ReportOptions,
    scale: FrtScale,
) -> Result<Vec<FrtBucket>> {
    if !rollups::cover(Grouping::Total, &options.period) {
        return frt_distribution_facts(tx, options, scale).await;
    }
    let sql = rollups::frt_distribution_sql(TenantFilter::Explicit(tx.tenant()), scale);
    fetch_frt_distribution(tx, sql, options).await
}

/// [`frt_distribution_in`] read from the facts, whatever the period (the reference the histogram
/// path matches).
pub async fn frt_distribution_facts(
    tx: &mut TenantTx,
    options: &ReportOptions,
    scale: FrtScale,
) -> Result<Vec<FrtBucket>> {
    let sql = format!(
        "WITH buckets (bucket, lower_seconds, upper_seconds, ord) AS (
             VALUES {buckets}
         ), frt AS (
             SELECT greatest(v, 0) AS v
               FROM (SELECT CASE WHEN $3 THEN value_in_business_hours ELSE value END AS v
                       FROM reporting_events
                      WHERE name = 'first_response' AND created_at >= $1 AND created_at < $2) e
              WHERE v IS NOT NULL
         ), counted AS (
             SELECT b.bucket, b.lower_seconds, b.upper_seconds, b.ord,
                    count(frt.v) AS first_responses
               FROM buckets b
               LEFT JOIN frt ON frt.v >= b.lower_seconds AND (b.upper_seconds IS NULL OR frt.v < b.upper_seconds)
              GROUP BY b.bucket, b.lower_seconds, b.upper_seconds, b.ord
         )
         SELECT bucket, lower_seconds, upper_seconds, first_responses,
                first_responses::float8 / NULLIF(sum(first_responses) OVER (), 0) AS share
           FROM counted
          ORDER BY ord",
        buckets = scale.values_sql(),
    );
    fetch_frt_distribution(tx, sql, options).await
}

/// Runs a first-response distribution statement ($1 from, $2 to, $3 business hours).
async fn fetch_frt_distribution(
    tx: &mut TenantTx,
    sql: String,
    options: &ReportOptions,
) -> Result<Vec<FrtBucket>> {
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.business_hours)
        .fetch_all(&mut **tx)
        .await
        .context("computing the first-response distribution")
}

#[cfg(test)]
mod tests {
    use super::ReportKind;
    use crate::enums::Word;

    #[test]
    fn frt_scales_tile_from_zero_with_rising_edges() {
        for scale in [super::FrtScale::Standard, super::FrtScale::Fine] {
            let buckets = scale.buckets();
            assert_eq!(buckets[0].1, 0);
            assert!(buckets.windows(2).all(|w| w[0].1 < w[1].1), "{scale:?}");
            assert_eq!(buckets.last().map(|b| b.0), Some("24h+"));
        }
    }

    #[test]
    fn every_kind_but_overview_reports_on_one_tenant() {
        assert_eq!(ReportKind::TENANT_KINDS.len() + 1, ReportKind::ALL.len());
        assert!(!ReportKind::TENANT_KINDS.contains(&ReportKind::Overview));
        assert_eq!(&ReportKind::ALL[..ReportKind::TENANT_KINDS.len()], &ReportKind::TENANT_KINDS[..]);
    }
}
