//! Reports answered from the summaries that triggers keep next to the facts (migration 0007).
//!
//! `report_rollups` holds the additive metrics per 15-minute UTC bucket, so a period whose bounds
//! fall on bucket edges (every period drawn from dates, in every timezone in use) sums a few
//! thousand rows. What does not add up is read from small corners of the facts: distinct
//! conversations subtract the period's repeats (events whose previous same-named event of the same
//! conversation is also in the period), and the period's first-response percentiles locate their
//! rank in the daily histogram, then read just the values of that histogram bin (per-bucket
//! percentiles of a time series read the period's first responses). Every figure is exact: the
//! tests compare it with the query over the facts.

use anyhow::{Context, Result};
use chrono::{DateTime, Offset, TimeZone, Utc};
use sqlx::PgConnection;

use super::aggregate::{Grouping, TenantFilter};
use super::{FrtScale, LiveCounts, Period};

/// The width of a rollup bucket, in seconds.
const BUCKET_SECONDS: i64 = 15 * 60;

/// Whether the rollups answer `grouping` over `period` exactly: totals and time buckets whose
/// edges all fall on 15-minute UTC boundaries. Per-dimension reports read the facts.
pub fn cover(grouping: Grouping, period: &Period) -> bool {
    let aligned = |t: DateTime<Utc>| t.timestamp() % BUCKET_SECONDS == 0 && t.timestamp_subsec_nanos() == 0;
    match grouping {
        Grouping::Total => aligned(period.from) && aligned(period.to),
        // Local hour, day, week and month starts are aligned when every UTC offset the zone uses in
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
/// query over the facts.
pub fn aggregate_sql(grouping: Grouping, filter: TenantFilter) -> String {
    let only = |alias: &str| filter.predicate(alias);
    let local_key = |column: &str| format!("to_char(date_trunc($6, {column} AT TIME ZONE $7), $8)");
    let (roll_key, repeat_key, same_cell, keys, percentiles) = match grouping {
        Grouping::Bucket(_) => (
            local_key("r.bucket"),
            local_key("e.created_at"),
            format!("AND {} = {}", local_key("e.prev_same_at"), local_key("e.created_at")),
            "keys AS (
                SELECT to_char(b, $8) AS k
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
            total_percentiles_sql(&only("h"), &only("e")),
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

/// The `hist` common table expression: first responses of the period per bin (`n`, the bin NULL
/// for a missing duration). Whole UTC days inside the period come from the histogram, the partial
/// days at its ends from the facts.
fn histogram_cte(only_h: &str, only_e: &str) -> String {
    // The whole UTC days inside the period (none: both bounds at its end, so that the edges
    // cover it all).
    let ceil_day = "((date_trunc('day', ($1 - interval '1 microsecond') AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC')";
    let floor_day = "(date_trunc('day', $2 AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')";
    let inner_from = format!("(CASE WHEN {ceil_day} < {floor_day} THEN {ceil_day} ELSE $2 END)");
    let inner_to = format!("(CASE WHEN {ceil_day} < {floor_day} THEN {floor_day} ELSE $2 END)");
    format!(
        "hist AS MATERIALIZED (
             -- Materialized: a bin filter pushed into the scans would steer them to the bin indexes.
             SELECT bin, sum(n) AS n
               FROM (SELECT h.bin, CASE WHEN $3 THEN h.bh_count ELSE h.value_count END AS n
                       FROM frt_histogram h
                      WHERE h.day >= ({inner_from} AT TIME ZONE 'UTC')::date
                        AND h.day < ({inner_to} AT TIME ZONE 'UTC')::date {only_h}
                     UNION ALL
                     SELECT CASE WHEN $3 THEN e.bh_bin ELSE e.value_bin END, 1
                       FROM reporting_events e
                      WHERE e.name = 'first_response' AND e.created_at >= $1 AND e.created_at < {inner_from} {only_e}
                     UNION ALL
                     SELECT CASE WHEN $3 THEN e.bh_bin ELSE e.value_bin END, 1
                       FROM reporting_events e
                      WHERE e.name = 'first_response' AND e.created_at >= {inner_to} AND e.created_at < $2 {only_e}) x
              GROUP BY bin"
    )
}

/// The first-response distribution of the period in the buckets of `scale` (parameters: $1
/// from, $2 to, $3 business hours), in the shape of [`super::frt_distribution_facts`]'s query over
/// the facts. The count below each bucket edge is the histogram's count of the bins below the
/// edge's bin, plus the values under the edge in that one bin; a bucket holds the count below its
/// upper edge (the last one: every first response) less the count below its lower edge.
pub fn frt_distribution_sql(filter: TenantFilter, scale: FrtScale) -> String {
    let only = |alias: &str| filter.predicate(alias);
    let under_edge = |value: &str, bin: &str| {
        format!(
            "(SELECT count(*) FROM reporting_events e
               WHERE e.name = 'first_response' AND e.{bin} = geniai_frt_bin(b.edge) AND e.{value} < b.edge
                 AND e.created_at >= $1 AND e.created_at < $2 {only_e})",
            only_e = only("e"),
        )
    };
    let edges = scale.edges().map(|edge| format!("({edge}::float8)")).collect::<Vec<_>>().join(", ");
    let below = |edge: Option<&i64>| match edge {
        Some(0) => "0".to_string(),
        Some(edge) => format!("(SELECT below FROM edges WHERE edge = {edge})"),
        None => "(SELECT n FROM total)".to_string(),
    };
    let buckets = scale.buckets();
    let counted = buckets
        .iter()
        .enumerate()
        .map(|(i, (label, lower))| {
            let upper = buckets.get(i + 1).map(|(_, upper)| upper);
            format!(
                "SELECT '{label}'::text AS bucket, {lower}::bigint AS lower_seconds, {upper_sql}::bigint AS upper_seconds, \
                 {ord} AS ord, {high} - {low} AS first_responses",
                upper_sql = upper.map(i64::to_string).unwrap_or("NULL".into()),
                ord = i + 1,
                high = below(upper),
                low = below(Some(lower)),
            )
        })
        .collect::<Vec<_>>()
        .join("\n             UNION ALL ");
    format!(
        "WITH {hist}
         ), edges AS (
             SELECT b.edge,
                    coalesce((SELECT sum(h.n) FROM hist h WHERE h.bin < geniai_frt_bin(b.edge)), 0)
                    + CASE WHEN $3 THEN {bh_under} ELSE {under} END AS below
               FROM (VALUES {edges}) AS b (edge)
         ), total AS (
             SELECT coalesce(sum(n), 0) AS n FROM hist WHERE bin IS NOT NULL
         -- The columns are named in the first SELECT, not in a list after the CTE's name: Citus
         -- drops such a list when it sends the statement to a worker.
         ), counted AS (
             {counted}
         )
         SELECT bucket, lower_seconds, upper_seconds, first_responses::bigint AS first_responses,
                first_responses::float8 / NULLIF(sum(first_responses) OVER (), 0)::float8 AS share
           FROM counted
          ORDER BY ord",
        hist = histogram_cte(&only("h"), &only("e")),
        bh_under = under_edge("value_in_business_hours", "bh_bin"),
        under = under_edge("value", "value_bin"),
    )
}

/// The period's first-response median and 90th percentile in one statement, exactly as
/// `percentile_cont(0.5)` and `percentile_cont(0.9)` over the facts would give them.
///
/// The histogram counts durations per UTC day and bin: whole days inside the period come from it,
/// the partial days at its ends from the facts. With the count before each bin, each wanted rank
/// falls in one bin, and only that bin's values in the period are read (bins order values).
fn total_percentiles_sql(only_h: &str, only_e: &str) -> String {
    let value_at = |value: &str, bin: &str| {
        format!(
            "(SELECT e.{value} FROM reporting_events e
               WHERE e.name = 'first_response' AND e.{bin} = c.bin
                 AND e.created_at >= $1 AND e.created_at < $2 {only_e}
               ORDER BY 1 OFFSET (x.rank - c.before)::bigint LIMIT 1)"
        )
    };
    let percentile = |fraction: &str| {
        format!(
            "(SELECT lo.v + (lo.pos - lo.rank) * (hi.v - lo.v)
                FROM fetched lo JOIN fetched hi ON hi.f = lo.f AND hi.rank = ceil(lo.pos)
               WHERE lo.f = {fraction} AND lo.rank = floor(lo.pos))"
        )
    };
    format!(
        "WITH {hist}
         ), cum AS (
             SELECT bin, n, sum(n) OVER (ORDER BY bin) - n AS before, sum(n) OVER () AS total
               FROM hist
              WHERE bin IS NOT NULL AND n > 0
         ), ranks AS (
             -- percentile_cont interpolates between the values at the ranks around f × (n - 1).
             SELECT f, f * (total - 1)::float8 AS pos
               FROM (VALUES (0.5::float8), (0.9::float8)) AS p (f), (SELECT max(total) AS total FROM cum) t
              WHERE t.total > 0
         ), fetched AS (
             SELECT r.f, r.pos, x.rank,
                    CASE WHEN $3 THEN {bh_value} ELSE {value} END AS v
               FROM ranks r
              CROSS JOIN LATERAL (SELECT DISTINCT rank FROM (VALUES (floor(r.pos)::bigint), (ceil(r.pos)::bigint)) AS v (rank)) x
               JOIN cum c ON x.rank >= c.before AND x.rank < c.before + c.n
         )
         SELECT ''::text AS k, {median} AS median, {p90} AS p90",
        hist = histogram_cte(only_h, only_e),
        bh_value = value_at("value_in_business_hours", "bh_bin"),
        value = value_at("value", "value_bin"),
        median = percentile("0.5"),
        p90 = percentile("0.9"),
    )
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
