//! Reports answered from the summaries that triggers keep next to the facts (migrations 0007,
//! 0030 and after).
//!
//! `report_rollups` holds the additive metrics per 15-minute UTC bucket, so a period whose bounds
//! fall on bucket edges (every period drawn from dates, in every timezone in use) sums a few
//! thousand rows. What does not add up is read from small corners of the facts: distinct
//! conversations subtract the period's repeats (events whose previous same-named event of the same
//! conversation is also in the period), and the period's first-response percentiles locate their
//! rank in the daily histogram, then read just the values of that histogram bin. `dimension_rollups`
//! holds the same metrics per inbox, agent, team, label and channel by day of the tenant's
//! timezone, and the tenant totals by UTC day, so a per-dimension report reads its period's whole
//! days there and only the partial days at its ends from the facts, none for the tenant's own dates.
//! It also counts the first responses of each of the tenant's days per histogram bin (migration
//! 0033), so that the totals and a series of days, weeks or months in the tenant's zone sum its
//! inbox rows and find the period's or each bucket's percentiles in those bins; by hour or in
//! another zone they read the 15-minute rollups (and a series the period's first responses). And it
//! counts each key's first responses per bin and month of the tenant's zone (migration 0034), where
//! a per-dimension report finds each key's percentiles over the period's whole months. Every figure
//! is exact: the tests compare it with the query over the facts.

use anyhow::{Context, Result};
use chrono::{DateTime, Offset, TimeZone, Utc};
use sqlx::PgConnection;

use super::aggregate::{Bucket, Grouping, TenantFilter};
use super::{FrtScale, LiveCounts, Period, TenantLabels};

/// The width of a rollup bucket, in seconds.
const BUCKET_SECONDS: i64 = 15 * 60;

/// Whether the rollups answer `grouping` over `period` exactly: totals whose bounds fall on
/// 15-minute UTC boundaries, time buckets whose edges all do, and per-dimension reports over any
/// period (the partial UTC days at its ends are read from the facts). (The dimension rollups may
/// still be unusable for the tenant: see [`dimension_rollups_usable`].)
pub fn cover(grouping: Grouping, period: &Period) -> bool {
    let aligned = |t: DateTime<Utc>| t.timestamp() % BUCKET_SECONDS == 0 && t.timestamp_subsec_nanos() == 0;
    match grouping {
        // Local hour, day, week and month starts are aligned when every UTC offset the zone uses in
        // the period is a multiple of 15 minutes (true of every zone since the 1970s).
        Grouping::Bucket(_) => aligned(period.from) && aligned(period.to) && offsets_aligned(period),
        Grouping::Total => aligned(period.from) && aligned(period.to),
        Grouping::Inbox | Grouping::Agent | Grouping::Team | Grouping::Label | Grouping::Channel => true,
    }
}

/// The dimension of a per-dimension grouping in `dimension_rollups` (migration 0030).
pub fn dimension(grouping: Grouping) -> Option<char> {
    match grouping {
        Grouping::Inbox => Some('i'),
        Grouping::Agent => Some('a'),
        Grouping::Team => Some('t'),
        Grouping::Label => Some('l'),
        Grouping::Channel => Some('c'),
        Grouping::Total | Grouping::Bucket(_) => None,
    }
}

/// Whether the dimension rollups of the tenants the connection sees are kept and current: not on
/// Citus (where the triggers do nothing), and not marked stale by a first load that has not
/// summed them yet (nor by a change of labels during a run, or of the tenant's timezone).
pub async fn dimension_rollups_usable(conn: &mut PgConnection) -> Result<bool> {
    sqlx::query_scalar(
        "SELECT NOT geniai_events_are_distributed() AND NOT EXISTS (SELECT 1 FROM dimension_rollups_stale)",
    )
    .fetch_one(conn)
    .await
    .context("checking the dimension rollups")
}

/// Whether the tenant's dimension rollups answer a report counting leads and conversions by
/// `labels`: they are usable ([`dimension_rollups_usable`]), and `labels` are the tenant's
/// settings, which the rollups count by (migration 0031; no settings row: no labels). One round
/// trip, on the path of every per-dimension report. Never outside a tenant transaction.
pub async fn dimension_rollups_answer(conn: &mut PgConnection, labels: &TenantLabels) -> Result<bool> {
    rollups_answer(conn, labels, None).await
}

/// [`dimension_rollups_answer`], and with `zone` also that it is the tenant's timezone.
async fn rollups_answer(conn: &mut PgConnection, labels: &TenantLabels, zone: Option<&str>) -> Result<bool> {
    sqlx::query_scalar(
        "SELECT geniai_current_tenant() IS NOT NULL
            AND NOT geniai_events_are_distributed() AND NOT EXISTS (SELECT 1 FROM dimension_rollups_stale)
            AND coalesce((SELECT s.lead_labels = $1 AND s.conversion_labels = $2
                            FROM tenant_settings s WHERE s.tenant_id = geniai_current_tenant()),
                         cardinality($1) = 0 AND cardinality($2) = 0)
            AND ($3::text IS NULL
                 OR coalesce((SELECT z.timezone = $3 FROM tenants z WHERE z.id = geniai_current_tenant()), false))",
    )
    .bind(&labels.lead_labels)
    .bind(&labels.conversion_labels)
    .bind(zone)
    .fetch_one(conn)
    .await
    .context("checking the dimension rollups")
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

/// Whether a series in the timezone `zone`, counting leads and conversions by `labels`, reads the
/// tenant's day rows of the dimension rollups ([`RollupSource::TenantDays`]): they answer
/// ([`dimension_rollups_answer`]), and `zone` is the tenant's own, whose days they fall on.
pub async fn tenant_days_answer(conn: &mut PgConnection, labels: &TenantLabels, zone: &str) -> Result<bool> {
    rollups_answer(conn, labels, Some(zone)).await
}

/// What the totals and time series over the rollups read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollupSource {
    /// The 15-minute rollups; the UTC days' histogram for the period's percentiles, every first
    /// response of the period for a series' per-bucket percentiles (any zone, bucket and labels).
    Buckets,
    /// The dimension rollups' rows of the tenant's days (a period, or days, weeks and months, in
    /// the tenant's own zone, by its own labels: see [`tenant_days_answer`]): the inbox rows,
    /// which add up to the tenant's totals, and the first responses per bin, of which only the
    /// bins the ranks fall in are read.
    TenantDays,
}

/// The aggregation over the rollups, in the same shape (and with the same parameters) as the
/// query over the facts. `source` matters to the totals and time series only.
pub fn aggregate_sql(grouping: Grouping, filter: TenantFilter, source: RollupSource) -> String {
    let only = |alias: &str| filter.predicate(alias);
    let local_key = |column: &str| format!("to_char(date_trunc($6, {column} AT TIME ZONE $7), $8)");
    // Days add up to periods, days, weeks and months, not hours.
    let tenant_days = source == RollupSource::TenantDays
        && matches!(grouping, Grouping::Total | Grouping::Bucket(Bucket::Day | Bucket::Week | Bucket::Month));
    let (roll_key, repeat_key, same_cell, keys, percentiles) = match grouping {
        Grouping::Bucket(_) => (
            if tenant_days {
                "to_char(date_trunc($6, r.day::timestamp), $8)".to_string()
            } else {
                local_key("r.bucket")
            },
            local_key("e.created_at"),
            format!("AND {} = {}", local_key("e.prev_same_at"), local_key("e.created_at")),
            "keys AS (
                SELECT to_char(b, $8) AS k
                  FROM generate_series(date_trunc($6, $1 AT TIME ZONE $7),
                                       date_trunc($6, ($2 - interval '1 microsecond') AT TIME ZONE $7),
                                       ('1 ' || $6)::interval) AS b
            )"
            .to_string(),
            if tenant_days {
                day_bin_percentiles_sql(filter, true)
            } else {
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
                )
            },
        ),
        _ => (
            "''".to_string(),
            "''".to_string(),
            String::new(),
            "keys AS (SELECT ''::text AS k)".to_string(),
            if tenant_days {
                day_bin_percentiles_sql(filter, false)
            } else {
                total_percentiles_sql(&only("h"), &only("e"))
            },
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
                   {leads} AS leads,
                   {conversions} AS conversions,
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
              FROM {rows}
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
               {columns}
          FROM keys
          LEFT JOIN roll USING (k)
          LEFT JOIN repeats USING (k)
          LEFT JOIN pct USING (k)
         ORDER BY keys.k",
        avg_frt = avg("first_response", "first_response"),
        avg_resolution = avg("resolution", "resolution"),
        avg_reply = avg("reply", "reply"),
        columns = report_columns("roll"),
        // The inbox rows of the tenant's days add up to its totals: every fact has one inbox key.
        rows = if tenant_days {
            format!("({}) r", dimension_tiles("i", filter))
        } else {
            format!("report_rollups r WHERE r.bucket >= $1 AND r.bucket < $2 {}", only("r"))
        },
        leads = if tenant_days { "sum(leads)" } else { "sum(conversations) FILTER (WHERE r.labels && $4::text[])" },
        conversions =
            if tenant_days { "sum(conversions)" } else { "sum(conversations) FILTER (WHERE r.labels && $5::text[])" },
        only_e = only("e"),
    )
}

/// The report's columns after its key and name (those of [`super::Aggregates`]), from the sums of
/// the rollups in `sums`, the `repeats` of the distinct counts and the percentiles in `pct`.
fn report_columns(sums: &str) -> String {
    format!(
        "coalesce({sums}.conversations, 0)::bigint AS conversations,
         coalesce({sums}.incoming_messages, 0)::bigint AS incoming_messages,
         coalesce({sums}.outgoing_messages, 0)::bigint AS outgoing_messages,
         coalesce({sums}.resolutions, 0)::bigint AS resolutions,
         (coalesce({sums}.resolved_events, 0) - coalesce(repeats.resolved, 0))::bigint AS resolved_conversations,
         {sums}.avg_first_response_seconds,
         pct.median AS median_first_response_seconds,
         pct.p90 AS p90_first_response_seconds,
         {sums}.avg_resolution_seconds,
         {sums}.avg_reply_seconds,
         coalesce({sums}.bot_resolutions, 0)::bigint AS bot_resolutions,
         (coalesce({sums}.handoff_events, 0) - coalesce(repeats.handoffs, 0))::bigint AS bot_handoffs,
         coalesce({sums}.csat_responses, 0)::bigint AS csat_responses,
         {sums}.csat_average,
         {sums}.csat_satisfaction,
         coalesce({sums}.csat_surveys_sent, 0)::bigint AS csat_surveys_sent,
         coalesce({sums}.leads, 0)::bigint AS leads,
         coalesce({sums}.conversions, 0)::bigint AS conversions"
    )
}

/// A per-dimension report over the dimension rollups, in the shape (and with the parameters) of
/// the query over the facts (`aggregate::aggregate_sql`). The period's whole UTC days are read
/// from the rollups, the partial days at its ends from the facts. Distinct
/// conversations subtract the period's repeats under the same key, and the first-response
/// percentiles as `percentiles` says.
pub fn dimension_sql(grouping: Grouping, filter: TenantFilter, percentiles: KeyPercentiles) -> String {
    let dimension = dimension(grouping).expect("a per-dimension grouping");
    let only = |alias: &str| filter.predicate(alias);
    let group = super::aggregate::group_sql(grouping);
    // Messages and events count under the channel of their inbox: the inbox rows, keyed by channel.
    let (facts_dimension, key, channel_join) = if grouping == Grouping::Channel {
        (
            'i',
            "CASE WHEN r.dimension = 'i' THEN coalesce(i.channel_type, '') ELSE r.key END",
            format!(
                "LEFT JOIN inboxes i ON r.dimension = 'i' AND i.tenant_id = r.tenant_id AND i.inbox_id::text = r.key {}",
                only("i")
            ),
        )
    } else {
        (dimension, "r.key", String::new())
    };
    // A repeat is a repeat under its key only if an earlier event of its chain in the period has
    // the same key; keys taken from the conversation are the same along the chain.
    let same_key_before = |same: &str| {
        format!(
            "EXISTS (SELECT 1 FROM reporting_events p {join}
                      WHERE p.tenant_id = e.tenant_id AND p.conversation_id = e.conversation_id AND p.name = e.name
                        AND p.created_at >= $1 AND (p.created_at, p.event_id) < (e.created_at, e.event_id)
                        AND {same} {only_p})",
            join = if grouping == Grouping::Channel {
                "LEFT JOIN inboxes pi ON pi.tenant_id = p.tenant_id AND pi.inbox_id = p.inbox_id"
            } else {
                ""
            },
            only_p = only("p"),
        )
    };
    let repeat_condition = match grouping {
        Grouping::Inbox => same_key_before("p.inbox_id IS NOT DISTINCT FROM e.inbox_id"),
        Grouping::Agent => same_key_before("p.user_id IS NOT DISTINCT FROM e.user_id"),
        Grouping::Channel => same_key_before("coalesce(pi.channel_type, '') = coalesce(i.channel_type, '')"),
        _ => "true".to_string(),
    };
    let tiles = dimension_tiles(&format!("{dimension}{facts_dimension}"), filter);
    // Conversations and CSAT answers are read from the dimension's rows, messages and events
    // from the facts dimension's (the same one but for channels).
    let of_conversations = format!("r.dimension = '{dimension}'");
    let of_facts = format!("r.dimension = '{facts_dimension}'");
    let avg = |metric: &str| {
        format!(
            "(sum(CASE WHEN $3 THEN {metric}_bh_sum ELSE {metric}_sum END) FILTER (WHERE {of_facts})
              / NULLIF(sum(CASE WHEN $3 THEN {metric}_bh_n ELSE {metric}_n END) FILTER (WHERE {of_facts}), 0))::float8"
        )
    };
    format!(
        "WITH keys AS (
            SELECT {key} AS k,
                   sum(conversations) FILTER (WHERE {of_conversations}) AS conversations,
                   sum(leads) FILTER (WHERE {of_conversations}) AS leads,
                   sum(conversions) FILTER (WHERE {of_conversations}) AS conversions,
                   sum(incoming_messages) FILTER (WHERE {of_facts}) AS incoming_messages,
                   sum(outgoing_messages) FILTER (WHERE {of_facts}) AS outgoing_messages,
                   sum(csat_surveys_sent) FILTER (WHERE {of_facts}) AS csat_surveys_sent,
                   sum(resolutions) FILTER (WHERE {of_facts}) AS resolutions,
                   sum(resolved_conversation_events) FILTER (WHERE {of_facts}) AS resolved_events,
                   sum(handoff_conversation_events) FILTER (WHERE {of_facts}) AS handoff_events,
                   sum(bot_resolutions) FILTER (WHERE {of_facts}) AS bot_resolutions,
                   {avg_frt} AS avg_first_response_seconds,
                   {avg_resolution} AS avg_resolution_seconds,
                   {avg_reply} AS avg_reply_seconds,
                   sum(csat_responses) FILTER (WHERE {of_conversations}) AS csat_responses,
                   (sum(csat_rating_sum) FILTER (WHERE {of_conversations})::numeric
                    / NULLIF(sum(csat_responses) FILTER (WHERE {of_conversations}), 0))::float8 AS csat_average,
                   (sum(csat_satisfied) FILTER (WHERE {of_conversations})::numeric
                    / NULLIF(sum(csat_responses) FILTER (WHERE {of_conversations}), 0))::float8 AS csat_satisfaction
              FROM ({tiles}) r {channel_join}
             GROUP BY 1
            -- The keys the facts have in the period: those of a conversation, message, event or answer.
            HAVING sum(conversations) FILTER (WHERE {of_conversations}) > 0
                OR sum(messages) FILTER (WHERE {of_facts}) > 0
                OR sum(events) FILTER (WHERE {of_facts}) > 0
                OR sum(csat_responses) FILTER (WHERE {of_conversations}) > 0
        ), repeats AS (
            SELECT {event_key} AS k,
                   count(*) FILTER (WHERE e.name = 'conversation_resolved') AS resolved,
                   count(*) FILTER (WHERE e.name = 'conversation_bot_handoff') AS handoffs
              FROM reporting_events e {event_join}
             WHERE e.prev_same_at >= $1 AND e.created_at < $2 {only_e}
               AND e.name IN ('conversation_resolved', 'conversation_bot_handoff') AND {repeat_condition}
             GROUP BY 1
        ), pct AS (
            {percentiles}
        )
        SELECT keys.k AS key,
               {name} AS name,
               {columns}
          FROM keys
          LEFT JOIN repeats USING (k)
          LEFT JOIN pct USING (k)
         ORDER BY keys.k",
        avg_frt = avg("first_response"),
        avg_resolution = avg("resolution"),
        avg_reply = avg("reply"),
        columns = report_columns("keys"),
        event_key = group.event_key,
        event_join = group.event_join,
        only_e = only("e"),
        name = group.name.sql(filter),
        percentiles = match percentiles {
            KeyPercentiles::MonthBins => dimension_percentiles_sql(grouping, filter),
            KeyPercentiles::Facts => {
                let group = super::aggregate::group_sql(grouping);
                facts_percentiles_sql((group.event_key, group.event_join), filter, "")
            }
        },
    )
}

/// Where a per-dimension report finds each key's first-response percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPercentiles {
    /// Each key's first responses per bin and month ([`dimension_percentiles_sql`]), and the
    /// values of the bins the ranks fall in: what the reports read.
    MonthBins,
    /// Every first response of the period, sorted per key, as before migration 0034 (the
    /// benchmark's baseline).
    Facts,
}

/// The monthly dimensions of `dimension_rollups` that count a per-dimension grouping's first
/// responses per key and bin (migration 0034): by the bin of the duration, and of its duration in
/// business hours. A channel's are its inboxes'.
fn monthly_bin_dimensions(grouping: Grouping) -> Option<(char, char)> {
    match grouping {
        Grouping::Inbox | Grouping::Channel => Some(('I', 'J')),
        Grouping::Agent => Some(('A', 'B')),
        Grouping::Team => Some(('T', 'U')),
        Grouping::Label => Some(('L', 'M')),
        Grouping::Total | Grouping::Bucket(_) => None,
    }
}

/// The first-response median and 90th percentile of each key of a per-dimension report, exactly
/// as `percentile_cont(0.5)` and `percentile_cont(0.9)` over the facts would give them.
///
/// Each key's first responses per bin come from the monthly dimensions of the dimension rollups
/// (migration 0034) for the months nearest the period in the tenant's timezone, with the facts
/// between those months' edges and the period's added or taken away ([`month_tiles_cte`]);
/// [`ranked_percentiles_sql`] then reads each rank from its key's values in its bin: by the index
/// of key and bin for inboxes and agents, over the channel's inboxes for channels, and every
/// team's or label's at once from the bin's index, which carries those keys (migration 0040).
/// A period of a few days inside one month sorts its first responses per key.
fn dimension_percentiles_sql(grouping: Grouping, filter: TenantFilter) -> String {
    let (value_dimension, bh_dimension) = monthly_bin_dimensions(grouping).expect("a per-dimension grouping");
    let only = |alias: &str| filter.predicate(alias);
    // A row's key is `<bin>/<key>`.
    let row_key = "substr(r.key, strpos(r.key, '/') + 1)";
    let (cell_key, cell_join) = if grouping == Grouping::Channel {
        (
            "coalesce(i.channel_type, '')".to_string(),
            format!(
                "LEFT JOIN inboxes i ON i.tenant_id = r.tenant_id AND i.inbox_id::text = {row_key} {}",
                only("i")
            ),
        )
    } else {
        (row_key.to_string(), String::new())
    };
    let (event_key, event_join) = first_response_key(grouping);
    let (event_key, event_join) = (event_key.as_str(), event_join.as_str());
    // The first responses in [from, to), counted `sign` times: for labels counted per label set
    // and bin first (a tenant has few sets), then spread over each set's labels, which spread
    // row by row were most of a 30-day `labels` report (90,000 rows at full size).
    let facts_in = |from: &str, to: &str, sign: i32| {
        let bin = "CASE WHEN $3 THEN e.bh_bin ELSE e.value_bin END";
        let rows = |join: &str| {
            format!(
                "FROM reporting_events e {join}
                  WHERE e.name = 'first_response' AND e.created_at >= {from} AND e.created_at < {to} {only_e}",
                only_e = only("e"),
            )
        };
        if grouping == Grouping::Label {
            format!(
                "SELECT lbl.k, g.bin, g.n
                   FROM (SELECT e.conversation_labels AS labels, {bin} AS bin, {sign} * count(*) AS n {rows} GROUP BY 1, 2) g
                  CROSS JOIN LATERAL {spread} AS lbl(k)",
                rows = rows(""),
                spread = labels_or_none("g.labels"),
            )
        } else {
            format!("SELECT {event_key} AS k, {bin} AS bin, {sign} AS n {rows}", rows = rows(event_join))
        }
    };
    let (cells_from, cells_to) = ("(SELECT cells_from FROM tiles)", "(SELECT cells_to FROM tiles)");
    // A key's first responses: for inboxes and agents by the index of key and bin, on the column
    // (under row-level security, its cast to the text key is no index condition), in a statement
    // for a key and another for none (an OR of the two would read both); for channels by the same
    // index, over the channel's inboxes; for teams and labels, whose keys the index carries
    // beside the bin, every key's at once.
    let period = format!("e.created_at >= $1 AND e.created_at < $2 {}", only("e"));
    let of_column = |column: &str| {
        vec![
            ("w.b = ''".to_string(), format!("{period} AND e.{column} IS NULL")),
            ("true".to_string(), format!("{period} AND e.{column} = w.b::integer")),
        ]
    };
    // No channel: no inbox, an inbox the tenant does not have, or one without a channel type (the
    // event key of `group_sql`).
    let of_channel = vec![
        (
            "w.b = ''".to_string(),
            format!(
                "{period} AND coalesce((SELECT i.channel_type FROM inboxes i
                                         WHERE i.tenant_id = e.tenant_id AND i.inbox_id = e.inbox_id), '') = ''"
            ),
        ),
        (
            "true".to_string(),
            format!(
                "{period} AND e.inbox_id = ANY (ARRAY(SELECT i.inbox_id FROM inboxes i WHERE i.channel_type = w.b {}))",
                only("i")
            ),
        ),
    ];
    let (key_join, reads) = match grouping {
        Grouping::Inbox => ("", RankReads::EachRank(of_column("inbox_id"))),
        Grouping::Agent => ("", RankReads::EachRank(of_column("user_id"))),
        Grouping::Channel => ("", RankReads::EachRank(of_channel)),
        _ => (event_join, RankReads::Together { bucket: event_key, condition: period }),
    };
    let binned = ranked_percentiles_sql(
        &format!(
            "WITH {tiles}, binned AS (
                 SELECT k AS b, bin, sum(n)::integer AS n
                   FROM (SELECT {cell_key} AS k, split_part(r.key, '/', 1)::smallint AS bin,
                                CASE WHEN $3 THEN r.first_response_bh_n ELSE r.first_response_n END AS n
                           FROM dimension_rollups r {cell_join}
                          WHERE r.dimension = CASE WHEN $3 THEN '{bh_dimension}'::\"char\" ELSE '{value_dimension}'::\"char\" END
                            AND r.day >= (SELECT day_from FROM tiles) AND r.day < (SELECT day_to FROM tiles) {only_r}
                         UNION ALL {added_head} UNION ALL {taken_head}
                         UNION ALL {added_tail} UNION ALL {taken_tail}) x
                  WHERE bin IS NOT NULL AND (SELECT binned FROM tiles)
                  GROUP BY 1, 2
             )",
            tiles = month_tiles_cte(filter),
            only_r = only("r"),
            // One of each pair is empty.
            added_head = facts_in("$1", cells_from, 1),
            taken_head = facts_in(cells_from, "$1", -1),
            added_tail = facts_in(cells_to, "$2", 1),
            taken_tail = facts_in("$2", cells_to, -1),
        ),
        &BinValues { join: key_join, reads, key: "b" },
    );
    // When the months' edges hold more of the facts than the period itself (a few days inside
    // one month), sorting the period's first responses per key reads less.
    format!(
        "{binned}
         UNION ALL
         {facts}",
        facts = facts_percentiles_sql((event_key, event_join), filter, "AND NOT (SELECT binned FROM tiles)"),
    )
}

/// A first response's key in a per-dimension grouping (migration 0040), and the joins it needs
/// after `reporting_events e`: a team or label is its conversation's as the event carries it, read
/// with the event from the first-response indexes; the others are those of `group_sql`.
fn first_response_key(grouping: Grouping) -> (String, String) {
    match grouping {
        Grouping::Team => ("coalesce(e.conversation_team_id::text, '')".into(), String::new()),
        Grouping::Label => (
            "lbl.k".into(),
            format!("CROSS JOIN LATERAL {} AS lbl(k)", labels_or_none("e.conversation_labels")),
        ),
        _ => {
            let group = super::aggregate::group_sql(grouping);
            (group.event_key.into(), group.event_join.into())
        }
    }
}

/// The labels of a label set (`labels`, an SQL expression) as rows: the label '' for none.
fn labels_or_none(labels: &str) -> String {
    format!("unnest(CASE WHEN coalesce({labels}, '{{}}') = '{{}}' THEN ARRAY[''] ELSE {labels} END)")
}

/// The `tiles` common table expression: the months of the tenant's timezone whose rows a
/// per-dimension report's percentiles read for the period `[$1, $2)` (from `cells_from` to
/// `cells_to`, the tenant's dates `day_from` and `day_to`), and whether that reads fewer facts
/// than the period holds (`binned`). Each end of the period
/// takes the nearer month start: after `$1`, the facts from `$1` to it are added; before `$1`,
/// the month's rows start there and its facts before `$1` are taken away; the same at `$2`. Then
/// a period of 3 November to 3 December reads November's rows, less its first two days, plus
/// December's first two: four days of facts instead of thirty. Counts add up and subtract
/// exactly. Months whose rows cover nothing (nearer starts that cross) take the outer starts.
fn month_tiles_cte(filter: TenantFilter) -> String {
    // The zone read once: every reference to a table under row-level security costs planning.
    let floor =
        |t: &str| format!("(date_trunc('month', {t} AT TIME ZONE z.timezone) AT TIME ZONE z.timezone)");
    let ceil = |t: &str| {
        format!(
            "((date_trunc('month', ({t} - interval '1 microsecond') AT TIME ZONE z.timezone) + interval '1 month') \
             AT TIME ZONE z.timezone)"
        )
    };
    format!(
        "tiles AS MATERIALIZED (
             SELECT cells_from, cells_to, (cells_from AT TIME ZONE timezone)::date AS day_from,
                    (cells_to AT TIME ZONE timezone)::date AS day_to,
                    abs(extract(epoch FROM cells_from - $1)) + abs(extract(epoch FROM cells_to - $2))
                    < extract(epoch FROM $2 - $1) AS binned
               FROM (SELECT CASE WHEN a < b THEN a ELSE from_floor END AS cells_from,
                            CASE WHEN a < b THEN b ELSE to_ceil END AS cells_to, timezone
                       FROM (SELECT CASE WHEN from_ceil - $1 <= $1 - from_floor THEN from_ceil ELSE from_floor END AS a,
                                    CASE WHEN $2 - to_floor <= to_ceil - $2 THEN to_floor ELSE to_ceil END AS b,
                                    from_floor, to_ceil, timezone
                               FROM (SELECT {from_floor} AS from_floor, {from_ceil} AS from_ceil,
                                            {to_floor} AS to_floor, {to_ceil} AS to_ceil, z.timezone
                                       FROM tenants z WHERE z.id = {tenant}) m) x) t
         )",
        from_floor = floor("$1"),
        from_ceil = ceil("$1"),
        to_floor = floor("$2"),
        to_ceil = ceil("$2"),
        tenant = filter.tenant_sql(),
    )
}

/// Each key's first-response median and 90th percentile from every first response of the period
/// (`gate`: a condition that may leave them all out), under `(event_key, event_join)`, the key of
/// an event `e` and the joins it needs.
fn facts_percentiles_sql((event_key, event_join): (&str, &str), filter: TenantFilter, gate: &str) -> String {
    format!(
        "SELECT {event_key} AS k,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END) AS p90
           FROM reporting_events e {event_join}
          WHERE e.name = 'first_response' AND e.created_at >= $1 AND e.created_at < $2 {only_e} {gate}
          GROUP BY 1",
        only_e = filter.predicate("e"),
    )
}

/// The rows of `dimension_rollups` of the dimensions `dimensions` that add up to the period
/// `[$1, $2)` for the tenant of `filter`: the kept rows of its whole days in the tenant's timezone
/// (the days of those dimensions, migration 0031), and rows of the same shape that
/// `geniai_dimension_ends` computes from the facts of the partial days at its ends (none for a
/// period of the tenant's own dates).
pub(super) fn dimension_tiles(dimensions: &str, filter: TenantFilter) -> String {
    // The tenant's zone is read once, in `w`, and the rows joined to it: written as a subquery
    // wherever the bounds use it, it was 26 reads of a table under row-level security, which cost
    // more planning and execution than the rows (under RLS, 1.5x the owner's time).
    let (inner_from, inner_to) = whole_days("z.timezone");
    let codes = dimensions.chars().map(|d| format!("'{d}'")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT r.*
           FROM (SELECT whole_from, whole_to, (whole_from AT TIME ZONE timezone)::date AS day_from,
                        (whole_to AT TIME ZONE timezone)::date AS day_to
                   FROM (SELECT {inner_from} AS whole_from, {inner_to} AS whole_to, z.timezone
                           FROM tenants z WHERE z.id = {tenant}) d) w
          CROSS JOIN LATERAL (
                SELECT r.* FROM dimension_rollups r
                 WHERE r.day >= w.day_from AND r.day < w.day_to AND r.dimension IN ({codes}) {only_r}
                UNION ALL SELECT * FROM geniai_dimension_ends($1, w.whole_from, w.whole_to, $2, '{dimensions}')) r",
        tenant = filter.tenant_sql(),
        only_r = filter.predicate("r"),
    )
}

/// The whole UTC days inside the period `[$1, $2)`: see [`whole_days`].
pub(super) fn whole_utc_days() -> (String, String) {
    whole_days("'UTC'")
}

/// The whole days in the timezone `zone` (an SQL expression) inside the period `[$1, $2)`, as SQL
/// bounds `(from, to)`: both at `$2` when there is none, so that the partial days at the ends
/// cover it all.
fn whole_days(zone: &str) -> (String, String) {
    let ceil_day = format!(
        "((date_trunc('day', ($1 - interval '1 microsecond') AT TIME ZONE {zone}) + interval '1 day') AT TIME ZONE {zone})"
    );
    let floor_day = format!("(date_trunc('day', $2 AT TIME ZONE {zone}) AT TIME ZONE {zone})");
    (
        format!("(CASE WHEN {ceil_day} < {floor_day} THEN {ceil_day} ELSE $2 END)"),
        format!("(CASE WHEN {ceil_day} < {floor_day} THEN {floor_day} ELSE $2 END)"),
    )
}

/// The `hist` common table expression: first responses of the period per bin (`n`, the bin NULL
/// for a missing duration). Whole UTC days inside the period come from the histogram, the partial
/// days at its ends from the facts.
fn histogram_cte(only_h: &str, only_e: &str) -> String {
    let (inner_from, inner_to) = whole_utc_days();
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
/// the partial days at its ends from the facts ([`histogram_cte`]); [`ranked_percentiles_sql`]
/// reads only the values of the bins the ranks fall in.
fn total_percentiles_sql(only_h: &str, only_e: &str) -> String {
    ranked_percentiles_sql(
        &format!(
            "WITH {hist}
             ), binned AS (
                 SELECT NULL::timestamp AS b, bin, n::integer AS n FROM hist WHERE bin IS NOT NULL
             )",
            hist = histogram_cte(only_h, only_e),
        ),
        &BinValues {
            join: "",
            reads: RankReads::within(format!("e.created_at >= $1 AND e.created_at < $2 {only_e}")),
            key: "''::text",
        },
    )
}

/// The first-response median and 90th percentile of the period, or with `per_bucket` of each
/// bucket of a series of days, weeks or months, exactly as `percentile_cont(0.5)` and
/// `percentile_cont(0.9)` over the facts would give them, for a period in the tenant's own zone.
///
/// The period, and each bucket, is made of the tenant's days, whose first responses per bin the
/// dimension rollups count (`h` and `b`, migration 0033; the partial days at the period's ends
/// from the facts, as [`dimension_tiles`] adds them); [`ranked_percentiles_sql`] reads only the
/// values of the bins the ranks fall in.
fn day_bin_percentiles_sql(filter: TenantFilter, per_bucket: bool) -> String {
    // A bucket's start (a local timestamp), its bounds and its key; one bucket for the period.
    let ((bucket, key), (from, to)) = if per_bucket {
        (
            ("date_trunc($6, r.day::timestamp)", "to_char(b, $8)"),
            (
                "greatest($1, w.b AT TIME ZONE $7)",
                "least($2, (w.b + ('1 ' || $6)::interval) AT TIME ZONE $7)",
            ),
        )
    } else {
        (("NULL::timestamp", "''::text"), ("$1", "$2"))
    };
    ranked_percentiles_sql(
        &format!(
            "WITH binned AS (
                 SELECT {bucket} AS b, r.key::smallint AS bin,
                        sum(CASE WHEN $3 THEN r.first_response_bh_n ELSE r.first_response_n END)::integer AS n
                   FROM ({tiles}) r
                  WHERE r.dimension = CASE WHEN $3 THEN 'b'::\"char\" ELSE 'h'::\"char\" END
                  GROUP BY 1, 2
             )",
            tiles = dimension_tiles("hb", filter),
        ),
        &BinValues {
            join: "",
            reads: RankReads::within(format!(
                "e.created_at >= {from} AND e.created_at < {to} {}",
                filter.predicate("e")
            )),
            key,
        },
    )
}

/// Which first responses [`ranked_percentiles_sql`] reads a bucket's bin values from.
struct BinValues<'a> {
    /// Joins after `reporting_events e`.
    join: &'a str,
    /// How the values at the ranks are read.
    reads: RankReads<'a>,
    /// The bucket's key, over its `b`.
    key: &'a str,
}

/// How [`ranked_percentiles_sql`] reads the values at the wanted ranks.
enum RankReads<'a> {
    /// A statement per percentile and bin (reading its one or two ranks there), under the first of
    /// these conditions on `e` (besides its bin) whose guard holds, over the `wanted` bin `w` (its
    /// bucket `w.b`).
    EachRank(Vec<(String, String)>),
    /// One statement for every bucket: the wanted bins' values under `condition`, ranked per
    /// `bucket` (over `e` and the joins). For buckets that come through a join, which a statement
    /// per rank would repeat for every rank.
    Together { bucket: &'a str, condition: String },
}

impl RankReads<'_> {
    /// A statement per percentile and bin, under `condition` alone.
    fn within(condition: String) -> Self {
        RankReads::EachRank(vec![("true".to_string(), condition)])
    }
}

/// The median and 90th percentile of each bucket, from `binned`: common table expressions ending
/// with `binned (b, bin, n)`, each bucket's first responses per bin (`n` an integer, so that its
/// sums are bigints: sums of bigints are numeric, several times slower here). With each bin's
/// count before it, each wanted rank falls in one bin, and only that bin's values are read (bins
/// order values), the bucket's first responses as `values` tells them.
fn ranked_percentiles_sql(binned: &str, values: &BinValues) -> String {
    let BinValues { join, reads, key } = values;
    // Each wanted bin with each percentile and its position.
    let at_percentiles = "FROM wanted w
              CROSS JOIN LATERAL (VALUES (0.5::float8, w.median_pos), (0.9::float8, w.p90_pos)) AS p (f, pos)";
    let fetched = match reads {
        RankReads::EachRank(cases) => {
            // The ranks of a percentile in a bin, `r.first` to `r.last`: both ranks around its
            // position (two consecutive values, most often in one bin), or the one in this bin.
            let values_at = |value: &str, bin: &str| {
                let statements = cases.iter().map(|(guard, condition)| {
                    format!(
                        "WHEN {guard} THEN ARRAY(SELECT e.{value} FROM reporting_events e {join}
                           WHERE e.name = 'first_response' AND e.{bin} = w.bin AND {condition}
                           ORDER BY 1 OFFSET r.first - w.before LIMIT r.last - r.first + 1)"
                    )
                });
                format!("CASE {} END", statements.collect::<Vec<_>>().join(" "))
            };
            format!(
                "fetched AS MATERIALIZED (
                     -- Each of those bins' values at the ranks in it: one statement for both ranks
                     -- of a percentile.
                     SELECT w.b, p.f, p.pos, r.first + x.i - 1 AS rank, x.v
                       {at_percentiles}
                      CROSS JOIN LATERAL (SELECT greatest(floor(p.pos)::bigint, w.before) AS first,
                                                 least(ceil(p.pos)::bigint, w.before + w.n - 1) AS last) r
                      CROSS JOIN LATERAL unnest(CASE WHEN $3 THEN {bh_values} ELSE {values} END)
                            WITH ORDINALITY AS x (v, i)
                      WHERE r.first <= r.last
                 )",
                bh_values = values_at("value_in_business_hours", "bh_bin"),
                values = values_at("value", "value_bin"),
            )
        }
        RankReads::Together { bucket, condition } => {
            let of_bins = |value: &str, bin: &str, business_hours: &str| {
                // Bin by bin, so that each is read from its index (OFFSET 0 keeps the planner from
                // flattening the lateral into a scan of every first response).
                format!(
                    "SELECT x.* FROM (SELECT DISTINCT bin FROM wanted WHERE {business_hours}) wb
                      CROSS JOIN LATERAL (
                         SELECT {bucket} AS b, e.{bin} AS bin, e.{value} AS v
                           FROM reporting_events e {join}
                          WHERE e.name = 'first_response' AND e.{bin} = wb.bin AND {condition}
                         OFFSET 0) x"
                )
            };
            format!(
                "ranked AS MATERIALIZED (
                     -- The values of every bin a rank falls in, sorted: an array per bucket and
                     -- bin, which a rank indexes (numbering every value and joining the ranks to
                     -- them sorted them twice more).
                     SELECT b, bin, array_agg(v ORDER BY v) AS vs
                       FROM ({value} UNION ALL {bh_value}) x
                      WHERE (b, bin) IN (SELECT b, bin FROM wanted)
                      GROUP BY b, bin
                 ), places AS MATERIALIZED (
                     -- The ranks wanted, and their places in their bins.
                     SELECT w.b, w.bin, p.f, p.pos, rk.rank, rk.rank - w.before AS place
                       {at_percentiles}
                      CROSS JOIN LATERAL (VALUES (floor(p.pos)::bigint), (ceil(p.pos)::bigint)) AS rk (rank)
                      WHERE rk.rank >= w.before AND rk.rank < w.before + w.n
                 ), fetched AS MATERIALIZED (
                     SELECT t.b, t.f, t.pos, t.rank, x.vs[t.place + 1] AS v
                       FROM places t JOIN ranked x ON x.b = t.b AND x.bin = t.bin
                 )",
                value = of_bins("value", "value_bin", "NOT $3"),
                bh_value = of_bins("value_in_business_hours", "bh_bin", "$3"),
            )
        }
    };
    format!(
        "{binned}, cum AS (
             SELECT b, bin, n, sum(n) OVER (PARTITION BY b ORDER BY bin) - n AS before,
                    sum(n) OVER (PARTITION BY b) AS total
               FROM binned
              WHERE n > 0
         ), wanted AS (
             -- percentile_cont interpolates between the values at the ranks around f × (n - 1):
             -- the bins those ranks fall in, a few per bucket.
             SELECT *
               FROM (SELECT c.*, 0.5 * (c.total - 1)::float8 AS median_pos, 0.9 * (c.total - 1)::float8 AS p90_pos
                       FROM cum c) c
              WHERE (floor(c.median_pos) < c.before + c.n AND ceil(c.median_pos) >= c.before)
                 OR (floor(c.p90_pos) < c.before + c.n AND ceil(c.p90_pos) >= c.before)
         ), {fetched}
         SELECT {key} AS k,
                max(lo + (pos - floor(pos)) * (hi - lo)) FILTER (WHERE f = 0.5) AS median,
                max(lo + (pos - floor(pos)) * (hi - lo)) FILTER (WHERE f = 0.9) AS p90
           FROM (SELECT b, f, pos, min(v) FILTER (WHERE rank = floor(pos)) AS lo,
                        min(v) FILTER (WHERE rank = ceil(pos)) AS hi
                   FROM fetched
                  GROUP BY b, f, pos) x
          GROUP BY b"
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
