//! Reports answered from the summaries that triggers keep next to the facts (migration 0007).
//!
//! `report_rollups` holds the additive metrics per 15-minute UTC bucket, so a period whose bounds
//! fall on bucket edges (every period drawn from dates, in every timezone in use) sums a few
//! thousand rows. What does not add up is read from small corners of the facts: distinct
//! conversations subtract the period's repeats (events whose previous same-named event of the same
//! conversation is also in the period), and first-response percentiles locate their rank in the
//! daily histogram, then read just the values of that histogram bin. Every figure is exact: the
//! tests compare it with the query over the facts.

use anyhow::{Context, Result};
use chrono::{DateTime, Days, NaiveTime, Offset, TimeZone, Utc};
use sqlx::PgConnection;

use super::aggregate::{Aggregates, Grouping, TenantFilter};
use super::{LiveCounts, Period, ReportOptions, TenantLabels};

/// The width of a rollup bucket, in seconds.
const BUCKET_SECONDS: i64 = 15 * 60;

/// Whether the rollups answer `grouping` over `period` exactly: totals and time buckets whose
/// edges all fall on 15-minute UTC boundaries. Per-dimension reports read the facts.
pub fn cover(grouping: Grouping, period: &Period) -> bool {
    let aligned = |t: DateTime<Utc>| t.timestamp() % BUCKET_SECONDS == 0 && t.timestamp_subsec_nanos() == 0;
    match grouping {
        Grouping::Total => aligned(period.from) && aligned(period.to),
        // Local day, week and month starts are aligned when every UTC offset the zone uses in
        // the period is a multiple of 15 minutes (true of every zone since the 1970s).
        Grouping::Bucket(_) => aligned(period.from) && aligned(period.to) && offsets_aligned(period),
        _ => false,
    }
}

fn offsets_aligned(period: &Period) -> bool {
    let aligned_at = |t: DateTime<Utc>| {
        let offset = period.tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc();
        i64::from(offset) % BUCKET_SECONDS == 0
    };
    let mut day = period.from;
    while day < period.to {
        if !aligned_at(day) {
            return false;
        }
        day += chrono::Duration::days(1);
    }
    aligned_at(period.to)
}

/// The aggregation over the rollups, in the same shape (and with the same parameters) as the
/// query over the facts. Totals leave the percentiles null: [`first_response_percentiles`] fills
/// them in.
pub fn aggregate_sql(grouping: Grouping, filter: TenantFilter) -> String {
    let only = |alias: &str| match filter {
        TenantFilter::Explicit(tenant) => format!("AND {alias}.tenant_id = {}", tenant.0),
        TenantFilter::RlsOnly => String::new(),
    };
    let local_key = |column: &str| format!("to_char(date_trunc($6, {column} AT TIME ZONE $7), 'YYYY-MM-DD')");
    let (roll_key, repeat_key, same_cell, keys, percentiles) = match grouping {
        Grouping::Bucket(_) => (
            local_key("r.bucket"),
            local_key("e.created_at"),
            format!("AND {} = {}", local_key("e.prev_same_at"), local_key("e.created_at")),
            "keys AS (
                SELECT to_char(b, 'YYYY-MM-DD') AS k
                  FROM generate_series(date_trunc($6, $1 AT TIME ZONE $7),
                                       date_trunc($6, ($2 - interval '1 microsecond') AT TIME ZONE $7),
                                       ('1 ' || $6)::interval) AS b
            )"
            .to_string(),
            format!(
                "SELECT {key} AS k,
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median,
                        percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90
                   FROM (SELECT e.created_at, CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END AS v
                           FROM reporting_events e
                          WHERE e.name = 'first_response' AND e.created_at >= $1 AND e.created_at < $2 {only_e}) e
                  GROUP BY 1",
                key = local_key("e.created_at"),
                only_e = only("e"),
            ),
        ),
        _ => (
            "''".to_string(),
            "''".to_string(),
            String::new(),
            "keys AS (SELECT ''::text AS k)".to_string(),
            "SELECT ''::text AS k, NULL::float8 AS median, NULL::float8 AS p90".to_string(),
        ),
    };
    let avg = |sum: &str, n: &str| {
        format!(
            "(sum(CASE WHEN $3 THEN {sum}_bh_sum ELSE {sum}_sum END)
              / NULLIF(sum(CASE WHEN $3 THEN {n}_bh_n ELSE {n}_n END), 0))::float8"
        )
    };
    format!(
        "WITH roll AS (
            SELECT {roll_key} AS k,
                   sum(conversations) AS conversations,
                   sum(conversations) FILTER (WHERE r.labels && $4::text[]) AS leads,
                   sum(conversations) FILTER (WHERE r.labels && $5::text[]) AS conversions,
                   sum(incoming_messages) AS incoming_messages,
                   sum(outgoing_messages) AS outgoing_messages,
                   sum(csat_surveys_sent) AS csat_surveys_sent,
                   sum(resolutions) AS resolutions,
                   sum(resolved_conversation_events) AS resolved_events,
                   sum(handoff_conversation_events) AS handoff_events,
                   sum(bot_resolutions) AS bot_resolutions,
                   {avg_frt} AS avg_first_response_seconds,
                   {avg_resolution} AS avg_resolution_seconds,
                   {avg_reply} AS avg_reply_seconds,
                   sum(csat_responses) AS csat_responses,
                   (sum(csat_rating_sum)::numeric / NULLIF(sum(csat_responses), 0))::float8 AS csat_average,
                   (sum(csat_satisfied)::numeric / NULLIF(sum(csat_responses), 0))::float8 AS csat_satisfaction
              FROM report_rollups r
             WHERE r.bucket >= $1 AND r.bucket < $2 {only_r}
             GROUP BY 1
        ), repeats AS (
            SELECT {repeat_key} AS k,
                   count(*) FILTER (WHERE e.name = 'conversation_resolved') AS resolved,
                   count(*) FILTER (WHERE e.name = 'conversation_bot_handoff') AS handoffs
              FROM reporting_events e
             WHERE e.prev_same_at >= $1 AND e.created_at < $2 {only_e} {same_cell}
             GROUP BY 1
        ), pct AS (
            {percentiles}
        ), {keys}
        SELECT keys.k AS key,
               NULL::text AS name,
               coalesce(roll.conversations, 0)::bigint AS conversations,
               coalesce(roll.incoming_messages, 0)::bigint AS incoming_messages,
               coalesce(roll.outgoing_messages, 0)::bigint AS outgoing_messages,
               coalesce(roll.resolutions, 0)::bigint AS resolutions,
               (coalesce(roll.resolved_events, 0) - coalesce(repeats.resolved, 0))::bigint AS resolved_conversations,
               roll.avg_first_response_seconds,
               pct.median AS median_first_response_seconds,
               pct.p90 AS p90_first_response_seconds,
               roll.avg_resolution_seconds,
               roll.avg_reply_seconds,
               coalesce(roll.bot_resolutions, 0)::bigint AS bot_resolutions,
               (coalesce(roll.handoff_events, 0) - coalesce(repeats.handoffs, 0))::bigint AS bot_handoffs,
               coalesce(roll.csat_responses, 0)::bigint AS csat_responses,
               roll.csat_average,
               roll.csat_satisfaction,
               coalesce(roll.csat_surveys_sent, 0)::bigint AS csat_surveys_sent,
               coalesce(roll.leads, 0)::bigint AS leads,
               coalesce(roll.conversions, 0)::bigint AS conversions
          FROM keys
          LEFT JOIN roll USING (k)
          LEFT JOIN repeats USING (k)
          LEFT JOIN pct USING (k)
         ORDER BY keys.k",
        avg_frt = avg("first_response", "first_response"),
        avg_resolution = avg("resolution", "resolution"),
        avg_reply = avg("reply", "reply"),
        only_r = only("r"),
        only_e = only("e"),
    )
}

/// Runs the aggregation over the rollups; the caller has checked [`cover`].
pub async fn aggregate(
    conn: &mut PgConnection,
    options: &ReportOptions,
    labels: &TenantLabels,
    grouping: Grouping,
    filter: TenantFilter,
) -> Result<Vec<Aggregates>> {
    let sql = aggregate_sql(grouping, filter);
    let mut rows = super::aggregate::bind_and_fetch(conn, sql, options, labels, grouping).await?;
    if grouping == Grouping::Total
        && let Some(total) = rows.first_mut()
    {
        let [median, p90] = first_response_percentiles(conn, options, filter).await?;
        total.median_first_response_seconds = median;
        total.p90_first_response_seconds = p90;
    }
    Ok(rows)
}

/// The median and 90th percentile of the period's first-response durations, exactly as
/// `percentile_cont(0.5)` and `percentile_cont(0.9)` over the facts would give them.
///
/// The histogram counts durations per UTC day and bin; whole days inside the period come from
/// it, the partial days at its ends from the facts. With the count per bin, each wanted rank
/// falls in one bin, and only that bin's values in the period are read (bins order values).
pub async fn first_response_percentiles(
    conn: &mut PgConnection,
    options: &ReportOptions,
    filter: TenantFilter,
) -> Result<[Option<f64>; 2]> {
    let Period { from, to, .. } = options.period;
    let (column, bin_column, counts_column) = if options.business_hours {
        ("value_in_business_hours", "bh_bin", "bh_count")
    } else {
        ("value", "value_bin", "value_count")
    };
    let only = |alias: &str| match filter {
        TenantFilter::Explicit(tenant) => format!("AND {alias}.tenant_id = {}", tenant.0),
        TenantFilter::RlsOnly => String::new(),
    };
    // Whole UTC days inside the period; the rest is read from the facts.
    let midnight = |t: DateTime<Utc>| Utc.from_utc_datetime(&t.date_naive().and_time(NaiveTime::MIN));
    let mut first_day = midnight(from);
    if first_day < from {
        first_day = first_day + Days::new(1);
    }
    let end_day = midnight(to);
    let (inner_from, inner_to) = if first_day < end_day { (first_day, end_day) } else { (to, to) };

    let histogram: Vec<(i16, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT bin, sum(n)::bigint
           FROM (SELECT h.bin, h.{counts_column} AS n
                   FROM frt_histogram h
                  WHERE h.day >= $3::date AND h.day < $4::date {only_h}
                 UNION ALL
                 SELECT e.{bin_column}, 1
                   FROM reporting_events e
                  WHERE e.name = 'first_response' AND e.created_at >= $1 AND e.created_at < $3 {only_e}
                 UNION ALL
                 SELECT e.{bin_column}, 1
                   FROM reporting_events e
                  WHERE e.name = 'first_response' AND e.created_at >= $4 AND e.created_at < $2 {only_e}) h
          WHERE bin IS NOT NULL
          GROUP BY bin
         HAVING sum(n) > 0
          ORDER BY bin",
        only_h = only("h"),
        only_e = only("e"),
    )))
    .bind(from)
    .bind(to)
    .bind(inner_from)
    .bind(inner_to)
    .fetch_all(&mut *conn)
    .await
    .context("reading the first-response histogram")?;

    let total: i64 = histogram.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Ok([None, None]);
    }
    let value_sql = format!(
        "SELECT e.{column} FROM reporting_events e
          WHERE e.name = 'first_response' AND e.{bin_column} = $3
            AND e.created_at >= $1 AND e.created_at < $2 {only_e}
          ORDER BY 1 OFFSET $4 LIMIT 2",
        only_e = only("e"),
    );
    let mut result = [None, None];
    for (slot, fraction) in result.iter_mut().zip([0.5_f64, 0.9]) {
        // percentile_cont: interpolate between the values at the ranks around fraction × (n - 1).
        let position = fraction * (total - 1) as f64;
        let (lower, upper) = (position.floor(), position.ceil());
        let values = values_from_rank(conn, &value_sql, &histogram, options, lower as i64).await?;
        let low = values[0];
        let high = match values.get(1) {
            _ if upper == lower => low,
            Some(&next) => next,
            // The next rank starts the next bin.
            None => values_from_rank(conn, &value_sql, &histogram, options, upper as i64).await?[0],
        };
        *slot = Some(low + (position - lower) * (high - low));
    }
    Ok(result)
}

/// The durations at `rank` (0-based, in value order) among the period's first responses, and at
/// the next rank when it is in the same bin: never empty.
async fn values_from_rank(
    conn: &mut PgConnection,
    value_sql: &str,
    histogram: &[(i16, i64)],
    options: &ReportOptions,
    rank: i64,
) -> Result<Vec<f64>> {
    let mut before = 0;
    for &(bin, n) in histogram {
        if rank < before + n {
            let values: Vec<f64> = sqlx::query_scalar(sqlx::AssertSqlSafe(value_sql.to_string()))
                .bind(options.period.from)
                .bind(options.period.to)
                .bind(bin)
                .bind(rank - before)
                .fetch_all(&mut *conn)
                .await
                .context("reading first-response durations")?;
            anyhow::ensure!(!values.is_empty(), "the first-response histogram disagrees with the facts");
            return Ok(values);
        }
        before += n;
    }
    anyhow::bail!("rank {rank} is beyond the first-response histogram")
}

/// The live counts the triggers keep (none kept: no open conversation).
pub async fn live_counts(conn: &mut PgConnection) -> Result<LiveCounts> {
    let counts: Option<LiveCounts> =
        sqlx::query_as("SELECT open, unattended, unassigned FROM conversation_live_counts")
            .fetch_optional(conn)
            .await
            .context("reading the live counts")?;
    Ok(counts.unwrap_or(LiveCounts { open: 0, unattended: 0, unassigned: 0 }))
}
