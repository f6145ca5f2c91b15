//! The one aggregation query behind `kpis`, `daily` and the per-dimension reports.
//!
//! Every metric follows Chatwoot's definition (see METRICS.md): each fact table is filtered on its
//! own `created_at` in `[from, to)`, then grouped by a key that depends on the report (nothing, a
//! local-time bucket, an inbox, an agent, ...). The query runs inside a tenant-bound transaction,
//! so row-level security alone decides which rows it sees.

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Map, Value, json};
use sqlx::PgConnection;

use super::ReportOptions;

/// What a report groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// One row for the whole period.
    Total,
    /// One row per local-time bucket, empty buckets included.
    Bucket(Bucket),
    /// One row per inbox.
    Inbox,
    /// One row per agent (conversation assignee; events by their user).
    Agent,
    /// One row per team.
    Team,
    /// One row per label (a conversation with two labels counts under both).
    Label,
    /// One row per channel type.
    Channel,
}

/// The size of a time-series bucket: an hour, day, week (ISO, from Monday) or month of the
/// report's timezone. A bucket's key is its local start: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:00`
/// for hours. Local time decides the hour, as in the heatmap: on the day a zone's clocks go
/// back, the repeated hour's facts share one bucket; on the day they go forward, the skipped
/// hour is an empty bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Bucket {
    Hour,
    #[default]
    Day,
    Week,
    Month,
}

impl Bucket {
    fn sql_unit(self) -> &'static str {
        match self {
            Bucket::Hour => "hour",
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        }
    }

    /// The `to_char` pattern of a bucket's key (bound as `$8`).
    fn key_format(self) -> &'static str {
        match self {
            Bucket::Hour => r#"YYYY-MM-DD"T"HH24:00"#,
            Bucket::Day | Bucket::Week | Bucket::Month => "YYYY-MM-DD",
        }
    }

    /// The bucket a series over `period` reads best in: hours for a day (up to 25 hours, the
    /// longest local day), days up to about two months (62 days), weeks up to a year (366
    /// days), months beyond.
    pub fn for_period(period: &super::Period) -> Bucket {
        let hours = (period.to - period.from).num_hours();
        match hours {
            ..=25 => Bucket::Hour,
            26..=1_488 => Bucket::Day,
            1_489..=8_784 => Bucket::Week,
            _ => Bucket::Month,
        }
    }

    /// How many buckets a series over `period` has (an upper bound, for refusing hourly series
    /// too long to draw).
    pub fn count_in(self, period: &super::Period) -> i64 {
        let span = period.to - period.from;
        match self {
            Bucket::Hour => span.num_hours() + 1,
            Bucket::Day => span.num_days() + 1,
            Bucket::Week => span.num_days() / 7 + 2,
            Bucket::Month => span.num_days() / 28 + 2,
        }
    }
}

impl crate::enums::Word for Bucket {
    const WHAT: &'static str = "bucket";
    const ALL: &'static [Bucket] = &[Bucket::Hour, Bucket::Day, Bucket::Week, Bucket::Month];
    fn word(self) -> &'static str {
        self.sql_unit()
    }
}
crate::word_enum!(Bucket);

/// Whether the report query also names the tenant explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantFilter {
    /// Add `tenant_id = <n>` to every fact scan: a hint for the planner (the default).
    Explicit(crate::db::TenantId),
    /// No tenant predicate at all: row-level security alone decides (tests prove it holds).
    RlsOnly,
}

impl TenantFilter {
    /// The predicate to add to a scan of `alias` (`AND alias.tenant_id = n`, or nothing). It helps
    /// the planner; it is not what keeps tenants apart (RLS is). It is written from an integer, so
    /// nothing can be injected.
    pub fn predicate(self, alias: &str) -> String {
        match self {
            TenantFilter::Explicit(tenant) => format!("AND {alias}.tenant_id = {}", tenant.0),
            TenantFilter::RlsOnly => String::new(),
        }
    }

    /// The tenant's id as SQL: the integer, or the transaction's tenant (`geniai_current_tenant()`).
    pub fn tenant_sql(self) -> String {
        match self {
            TenantFilter::Explicit(tenant) => tenant.0.to_string(),
            TenantFilter::RlsOnly => "geniai_current_tenant()".to_string(),
        }
    }
}

/// The period metrics of one group. Averages over no data are `None`.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Aggregates {
    /// The group's key ('' for "none", e.g. unassigned). Printed under a report-specific name.
    #[serde(skip)]
    pub key: String,
    /// The group's display name, where the dimension has one.
    #[serde(skip)]
    pub name: Option<String>,
    pub conversations: i64,
    pub incoming_messages: i64,
    pub outgoing_messages: i64,
    pub resolutions: i64,
    pub resolved_conversations: i64,
    pub avg_first_response_seconds: Option<f64>,
    pub median_first_response_seconds: Option<f64>,
    pub p90_first_response_seconds: Option<f64>,
    pub avg_resolution_seconds: Option<f64>,
    pub avg_reply_seconds: Option<f64>,
    pub bot_resolutions: i64,
    pub bot_handoffs: i64,
    pub csat_responses: i64,
    pub csat_average: Option<f64>,
    pub csat_satisfaction: Option<f64>,
    pub csat_surveys_sent: i64,
    pub leads: i64,
    pub conversions: i64,
}

impl Aggregates {
    /// CSAT responses ÷ CSAT surveys sent, when any was sent.
    pub fn csat_response_rate(&self) -> Option<f64> {
        (self.csat_surveys_sent > 0).then(|| self.csat_responses as f64 / self.csat_surveys_sent as f64)
    }

    /// Conversions ÷ leads, when there is any lead.
    pub fn conversion_rate(&self) -> Option<f64> {
        (self.leads > 0).then(|| self.conversions as f64 / self.leads as f64)
    }

    /// The row as a report record (`geniai report --format json` and the API): its key under
    /// `key_field` (ids as numbers, none as null), its display name under `name_field`, every
    /// metric, and the two rates. The field names are a stable interface.
    pub fn to_json(&self, key_field: &str, name_field: Option<&str>) -> Map<String, Value> {
        let mut object = Map::new();
        let key = if self.key.is_empty() {
            Value::Null
        } else {
            self.key.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(self.key.clone()))
        };
        object.insert(key_field.to_string(), key);
        if let Some(name_field) = name_field {
            object.insert(name_field.to_string(), json!(self.name));
        }
        if let Ok(Value::Object(metrics)) = serde_json::to_value(self) {
            object.extend(metrics);
        }
        object.insert("csat_response_rate".into(), json!(self.csat_response_rate()));
        object.insert("conversion_rate".into(), json!(self.conversion_rate()));
        object
    }
}

/// How one grouping reads each fact table: the key expression for each, the joins it needs, and
/// where the display name comes from.
pub(super) struct GroupSql {
    conv_key: &'static str,
    conv_join: &'static str,
    msg_key: &'static str,
    msg_join: &'static str,
    pub(super) event_key: &'static str,
    pub(super) event_join: &'static str,
    csat_key: &'static str,
    csat_join: &'static str,
    pub(super) name: Name,
}

/// How a group's display name is found from its key (`keys.k`).
pub(super) enum Name {
    /// A SQL expression over the key alone.
    Key(&'static str),
    /// The `name` column of a dimension table, `(table, alias, id column)`, looked up with the
    /// tenant's predicate too: on Citus, a lookup without it would read every shard, which Citus
    /// refuses inside the statement of one tenant.
    Lookup(&'static str, &'static str, &'static str),
}

impl Name {
    pub(super) fn sql(&self, filter: TenantFilter) -> String {
        match self {
            Name::Key(sql) => sql.to_string(),
            Name::Lookup(table, a, id) => format!(
                "(SELECT {a}.name FROM {table} {a} WHERE {a}.{id}::text = keys.k {})",
                filter.predicate(a)
            ),
        }
    }
}

const JOIN_CONVERSATION_OF_MESSAGE: &str =
    "LEFT JOIN conversations c ON c.tenant_id = m.tenant_id AND c.conversation_id = m.conversation_id";
/// Each conversation once per label ('' when it has none).
const LABELS_OF_CONVERSATION: &str = "CROSS JOIN LATERAL unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS lbl(k)";
const JOIN_CONVERSATION_OF_EVENT: &str =
    "LEFT JOIN conversations c ON c.tenant_id = e.tenant_id AND c.conversation_id = e.conversation_id";

pub(super) fn group_sql(grouping: Grouping) -> GroupSql {
    // Keys are text so that every grouping shares one shape; '' stands for "none".
    match grouping {
        Grouping::Total => GroupSql {
            conv_key: "''",
            conv_join: "",
            msg_key: "''",
            msg_join: "",
            event_key: "''",
            event_join: "",
            csat_key: "''",
            csat_join: "",
            name: Name::Key("NULL::text"),
        },
        Grouping::Bucket(_) => GroupSql {
            conv_key: "to_char(date_trunc($6, c.created_at AT TIME ZONE $7), $8)",
            conv_join: "",
            msg_key: "to_char(date_trunc($6, m.created_at AT TIME ZONE $7), $8)",
            msg_join: "",
            event_key: "to_char(date_trunc($6, e.created_at AT TIME ZONE $7), $8)",
            event_join: "",
            csat_key: "to_char(date_trunc($6, s.created_at AT TIME ZONE $7), $8)",
            csat_join: "",
            name: Name::Key("NULL::text"),
        },
        Grouping::Inbox => GroupSql {
            conv_key: "c.inbox_id::text",
            conv_join: "",
            msg_key: "m.inbox_id::text",
            msg_join: "",
            event_key: "coalesce(e.inbox_id::text, '')",
            event_join: "",
            csat_key: "coalesce(c.inbox_id::text, '')",
            csat_join: "",
            name: Name::Lookup("inboxes", "i", "inbox_id"),
        },
        Grouping::Agent => GroupSql {
            conv_key: "coalesce(c.assignee_id::text, '')",
            conv_join: "",
            msg_key: "coalesce(c.assignee_id::text, '')",
            msg_join: JOIN_CONVERSATION_OF_MESSAGE,
            event_key: "coalesce(e.user_id::text, '')",
            event_join: "",
            csat_key: "coalesce(s.assigned_agent_id::text, '')",
            csat_join: "",
            name: Name::Lookup("agents", "a", "user_id"),
        },
        Grouping::Team => GroupSql {
            conv_key: "coalesce(c.team_id::text, '')",
            conv_join: "",
            msg_key: "coalesce(c.team_id::text, '')",
            msg_join: JOIN_CONVERSATION_OF_MESSAGE,
            event_key: "coalesce(c.team_id::text, '')",
            event_join: JOIN_CONVERSATION_OF_EVENT,
            csat_key: "coalesce(c.team_id::text, '')",
            csat_join: "",
            name: Name::Lookup("teams", "t", "team_id"),
        },
        Grouping::Label => GroupSql {
            conv_key: "lbl.k",
            conv_join: LABELS_OF_CONVERSATION,
            msg_key: "lbl.k",
            msg_join: concat!(
                "LEFT JOIN conversations c ON c.tenant_id = m.tenant_id AND c.conversation_id = m.conversation_id ",
                "CROSS JOIN LATERAL unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS lbl(k)"
            ),
            event_key: "lbl.k",
            event_join: concat!(
                "LEFT JOIN conversations c ON c.tenant_id = e.tenant_id AND c.conversation_id = e.conversation_id ",
                "CROSS JOIN LATERAL unnest(CASE WHEN coalesce(c.labels, '{}') = '{}' THEN ARRAY[''] ELSE c.labels END) AS lbl(k)"
            ),
            csat_key: "lbl.k",
            csat_join: LABELS_OF_CONVERSATION,
            name: Name::Key("NULLIF(keys.k, '')"),
        },
        Grouping::Channel => GroupSql {
            conv_key: "coalesce(c.channel_type, '')",
            conv_join: "",
            // Joins, not correlated subqueries: Citus routes a statement to the tenant's worker
            // alone only when it can see that every table is read for that tenant, which it does
            // through join conditions but not into a subquery.
            msg_key: "coalesce(i.channel_type, '')",
            msg_join: "LEFT JOIN inboxes i ON i.tenant_id = m.tenant_id AND i.inbox_id = m.inbox_id",
            event_key: "coalesce(i.channel_type, '')",
            event_join: "LEFT JOIN inboxes i ON i.tenant_id = e.tenant_id AND i.inbox_id = e.inbox_id",
            csat_key: "coalesce(c.channel_type, '')",
            csat_join: "",
            name: Name::Key("NULLIF(keys.k, '')"),
        },
    }
}

/// Builds the aggregation statement for a grouping.
///
/// Parameters: $1 from, $2 to, $3 business hours, $4 lead-or-conversion labels, $5 conversion
/// labels, and for buckets $6 the bucket unit, $7 the timezone and $8 the key's `to_char` pattern.
pub fn aggregate_sql(grouping: Grouping, filter: TenantFilter) -> String {
    let g = group_sql(grouping);
    let only = |alias: &str| filter.predicate(alias);
    let keys = match grouping {
        // Every bucket of the period, empty ones included.
        Grouping::Bucket(_) => "keys AS (
            SELECT to_char(b, $8) AS k
              FROM generate_series(date_trunc($6, $1 AT TIME ZONE $7),
                                   date_trunc($6, ($2 - interval '1 microsecond') AT TIME ZONE $7),
                                   ('1 ' || $6)::interval) AS b
        )"
        .to_string(),
        Grouping::Total => "keys AS (SELECT ''::text AS k)".to_string(),
        _ => "keys AS (SELECT k FROM conv UNION SELECT k FROM msg UNION SELECT k FROM ev UNION SELECT k FROM csat)"
            .to_string(),
    };
    format!(
        "WITH conv AS (
            SELECT {conv_key} AS k,
                   count(*) AS conversations,
                   count(*) FILTER (WHERE c.labels && $4::text[]) AS leads,
                   count(*) FILTER (WHERE c.labels && $5::text[]) AS conversions
              FROM conversations c {conv_join}
             WHERE c.created_at >= $1 AND c.created_at < $2 {conv_only}
             GROUP BY 1
        ), msg AS (
            SELECT {msg_key} AS k,
                   count(*) FILTER (WHERE m.message_type = 0) AS incoming_messages,
                   count(*) FILTER (WHERE m.message_type = 1) AS outgoing_messages,
                   count(*) FILTER (WHERE m.content_type = 9) AS csat_surveys_sent
              FROM messages m {msg_join}
             WHERE m.created_at >= $1 AND m.created_at < $2 {msg_only}
             GROUP BY 1
        ), ev AS (
            SELECT k,
                   count(*) FILTER (WHERE name = 'conversation_resolved') AS resolutions,
                   count(DISTINCT conversation_id) FILTER (WHERE name = 'conversation_resolved') AS resolved_conversations,
                   avg(v) FILTER (WHERE name = 'first_response') AS avg_first_response_seconds,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FILTER (WHERE name = 'first_response') AS median_first_response_seconds,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY v) FILTER (WHERE name = 'first_response') AS p90_first_response_seconds,
                   avg(v) FILTER (WHERE name = 'conversation_resolved') AS avg_resolution_seconds,
                   avg(v) FILTER (WHERE name = 'reply_time') AS avg_reply_seconds,
                   count(*) FILTER (WHERE name = 'conversation_bot_resolved') AS bot_resolutions,
                   count(DISTINCT conversation_id) FILTER (WHERE name = 'conversation_bot_handoff') AS bot_handoffs
              FROM (SELECT {event_key} AS k, e.name, e.conversation_id,
                           CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END AS v
                      FROM reporting_events e {event_join}
                     WHERE e.created_at >= $1 AND e.created_at < $2 {event_only}) events
             GROUP BY 1
        ), csat AS (
            SELECT {csat_key} AS k,
                   count(*) AS csat_responses,
                   avg(s.rating)::float8 AS csat_average,
                   avg((s.rating >= 4)::int)::float8 AS csat_satisfaction
              FROM csat_responses s
              LEFT JOIN conversations c ON c.tenant_id = s.tenant_id AND c.conversation_id = s.conversation_id
              {csat_join}
             WHERE s.created_at >= $1 AND s.created_at < $2 {csat_only}
             GROUP BY 1
        ), {keys}
        SELECT keys.k AS key,
               {name} AS name,
               coalesce(conv.conversations, 0) AS conversations,
               coalesce(msg.incoming_messages, 0) AS incoming_messages,
               coalesce(msg.outgoing_messages, 0) AS outgoing_messages,
               coalesce(ev.resolutions, 0) AS resolutions,
               coalesce(ev.resolved_conversations, 0) AS resolved_conversations,
               ev.avg_first_response_seconds,
               ev.median_first_response_seconds,
               ev.p90_first_response_seconds,
               ev.avg_resolution_seconds,
               ev.avg_reply_seconds,
               coalesce(ev.bot_resolutions, 0) AS bot_resolutions,
               coalesce(ev.bot_handoffs, 0) AS bot_handoffs,
               coalesce(csat.csat_responses, 0) AS csat_responses,
               csat.csat_average,
               csat.csat_satisfaction,
               coalesce(msg.csat_surveys_sent, 0) AS csat_surveys_sent,
               coalesce(conv.leads, 0) AS leads,
               coalesce(conv.conversions, 0) AS conversions
          FROM keys
          LEFT JOIN conv USING (k)
          LEFT JOIN msg USING (k)
          LEFT JOIN ev USING (k)
          LEFT JOIN csat USING (k)
         ORDER BY keys.k",
        conv_only = only("c"),
        msg_only = only("m"),
        event_only = only("e"),
        csat_only = only("s"),
        conv_key = g.conv_key,
        conv_join = g.conv_join,
        csat_join = g.csat_join,
        msg_key = g.msg_key,
        msg_join = g.msg_join,
        event_key = g.event_key,
        event_join = g.event_join,
        csat_key = g.csat_key,
        name = g.name.sql(filter),
    )
}

/// Runs the aggregation for `grouping` over the options' period: from the rollups when they
/// cover it exactly, from the facts otherwise.
pub async fn aggregate(
    conn: &mut PgConnection,
    options: &ReportOptions,
    labels: &super::TenantLabels,
    grouping: Grouping,
    filter: TenantFilter,
) -> Result<Vec<Aggregates>> {
    let sql = if super::rollups::dimension(grouping).is_some() {
        // The dimension rollups answer any period, where they are kept and current and count leads
        // by the labels asked.
        if super::rollups::dimension_rollups_answer(conn, labels).await? {
            super::rollups::dimension_sql(grouping, filter, super::rollups::KeyPercentiles::MonthBins)
        } else {
            aggregate_sql(grouping, filter)
        }
    } else if super::rollups::cover(grouping, &options.period) {
        let source = match grouping {
            // A period, its days, weeks and months in the tenant's zone are made of the tenant's days.
            Grouping::Total | Grouping::Bucket(Bucket::Day | Bucket::Week | Bucket::Month)
                if super::rollups::tenant_days_answer(conn, labels, options.period.tz.name()).await? =>
            {
                super::rollups::RollupSource::TenantDays
            }
            _ => super::rollups::RollupSource::Buckets,
        };
        super::rollups::aggregate_sql(grouping, filter, source)
    } else {
        aggregate_sql(grouping, filter)
    };
    bind_and_fetch(conn, sql, options, labels, grouping).await
}

/// Runs the aggregation over the facts, whatever the period (the reference the rollups match).
pub async fn aggregate_facts(
    conn: &mut PgConnection,
    options: &ReportOptions,
    labels: &super::TenantLabels,
    grouping: Grouping,
    filter: TenantFilter,
) -> Result<Vec<Aggregates>> {
    bind_and_fetch(conn, aggregate_sql(grouping, filter), options, labels, grouping).await
}

/// Binds the parameters every aggregation statement shares (see [`aggregate_sql`]) and runs it.
async fn bind_and_fetch(
    conn: &mut PgConnection,
    sql: String,
    options: &ReportOptions,
    labels: &super::TenantLabels,
    grouping: Grouping,
) -> Result<Vec<Aggregates>> {
    let lead_or_conversion: Vec<String> =
        labels.lead_labels.iter().chain(labels.conversion_labels.iter()).cloned().collect();
    let mut query = sqlx::query_as::<_, Aggregates>(sqlx::AssertSqlSafe(sql))
        // The per-dimension statements' plans depend on the period asked (how near its ends are
        // to month starts, which branch runs): unnamed, each run is planned for its own bounds,
        // where the generic plan the server picks for a named statement after five runs doubled
        // a year's teams table (35 to 77 ms).
        .persistent(super::rollups::dimension(grouping).is_none())
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.business_hours)
        .bind(lead_or_conversion)
        .bind(&labels.conversion_labels);
    if let Grouping::Bucket(bucket) = grouping {
        query = query.bind(bucket.sql_unit()).bind(options.period.tz.name()).bind(bucket.key_format());
    }
    query.fetch_all(conn).await.context("running the report query")
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::Bucket;
    use crate::reports::Period;

    fn period(from: &str, to: &str, tz: &str) -> Period {
        let tz = tz.parse().unwrap();
        Period::resolve(Some(from), Some(to), tz, Utc::now()).unwrap()
    }

    #[test]
    fn the_bucket_follows_the_length_of_the_period() {
        let sp = "America/Sao_Paulo";
        assert_eq!(Bucket::for_period(&period("2026-11-05", "2026-11-06", sp)), Bucket::Hour);
        // The day a zone's clocks go back has 25 hours: still one day.
        assert_eq!(Bucket::for_period(&period("2026-11-01", "2026-11-02", "America/New_York")), Bucket::Hour);
        assert_eq!(Bucket::for_period(&period("2026-11-05", "2026-11-07", sp)), Bucket::Day);
        assert_eq!(Bucket::for_period(&period("2026-11-01", "2026-12-01", sp)), Bucket::Day);
        // Two months are still days; three are weeks.
        assert_eq!(Bucket::for_period(&period("2026-10-01", "2026-12-01", sp)), Bucket::Day);
        assert_eq!(Bucket::for_period(&period("2026-09-01", "2026-12-01", sp)), Bucket::Week);
        assert_eq!(Bucket::for_period(&period("2026-01-01", "2027-01-01", sp)), Bucket::Week);
        assert_eq!(Bucket::for_period(&period("2024-01-01", "2025-01-01", sp)), Bucket::Week);
        assert_eq!(Bucket::for_period(&period("2025-01-01", "2026-07-01", sp)), Bucket::Month);
    }

    #[test]
    fn counts_bound_the_buckets_and_hour_keys_carry_the_hour() {
        let day = period("2026-11-05", "2026-11-06", "UTC");
        assert_eq!(Bucket::Hour.count_in(&day), 25);
        assert!(Bucket::Day.count_in(&day) >= 1);
        let start: DateTime<Utc> = "2026-11-05T00:00:00Z".parse().unwrap();
        let year = Period { from: start, to: start + chrono::Duration::days(365), tz: chrono_tz::UTC };
        assert!(Bucket::Week.count_in(&year) >= 53 && Bucket::Month.count_in(&year) >= 13);
        assert_eq!(Bucket::Hour.key_format(), r#"YYYY-MM-DD"T"HH24:00"#);
        assert_eq!(Bucket::Week.key_format(), "YYYY-MM-DD");
        assert_eq!("hour".parse::<Bucket>().unwrap(), Bucket::Hour);
        assert_eq!(Bucket::Day.to_string(), "day");
    }
}
