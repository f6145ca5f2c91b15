//! The per-conversation export: one row per conversation created in the period, streamed so that
//! a CSV of any size never sits in memory.

use chrono::{DateTime, Utc};
use futures::stream::BoxStream;
use serde::Serialize;

use super::ReportOptions;
use crate::csv_format;
use crate::db::TenantTx;

/// One conversation, with its first response time, resolution time and CSAT.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ConversationRow {
    pub conversation_id: i32,
    pub display_id: i32,
    pub account_id: i32,
    pub inbox_id: i32,
    pub inbox_name: Option<String>,
    pub channel_type: Option<String>,
    pub assignee_id: Option<i32>,
    pub agent_name: Option<String>,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub status: String,
    pub priority: Option<String>,
    pub labels: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// The conversation's first `first_response` event value.
    pub first_response_seconds: Option<f64>,
    /// The value of its latest `conversation_resolved` event.
    pub resolution_seconds: Option<f64>,
    /// Its latest CSAT rating (1–5).
    pub csat_rating: Option<i16>,
}

impl ConversationRow {
    /// The row's CSV cells, in [`COLUMNS`] order: the bytes [`CsvEncoder::write`] writes for the
    /// row, without building a JSON object per row (which cost more than the export's query).
    ///
    /// [`CsvEncoder::write`]: crate::csv_format::CsvEncoder::write
    pub fn csv_cells(&self) -> [String; 17] {
        let int = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let txt = |v: &Option<String>| v.as_deref().map(csv_format::text).unwrap_or_default();
        let float = |v: Option<f64>| v.map(csv_format::float).unwrap_or_default();
        [
            self.conversation_id.to_string(),
            self.display_id.to_string(),
            self.account_id.to_string(),
            self.inbox_id.to_string(),
            txt(&self.inbox_name),
            txt(&self.channel_type),
            int(self.assignee_id.map(i64::from)),
            txt(&self.agent_name),
            int(self.team_id),
            txt(&self.team_name),
            csv_format::text(&self.status),
            txt(&self.priority),
            csv_format::text(&self.labels.join(";")),
            // chrono's serialisation of a UTC time is its Debug form (RFC 3339, `Z`).
            format!("{:?}", self.created_at),
            float(self.first_response_seconds),
            float(self.resolution_seconds),
            int(self.csat_rating.map(i64::from)),
        ]
    }
}

/// The export's columns: the fields of [`ConversationRow`], in order (the CSV header, written
/// even when no conversation matches).
pub const COLUMNS: [&str; 17] = [
    "conversation_id",
    "display_id",
    "account_id",
    "inbox_id",
    "inbox_name",
    "channel_type",
    "assignee_id",
    "agent_name",
    "team_id",
    "team_name",
    "status",
    "priority",
    "labels",
    "created_at",
    "first_response_seconds",
    "resolution_seconds",
    "csat_rating",
];

/// The export statement: `$1`, `$2` the period, `$3` business hours (public for the plan tests).
///
/// One ordered scan of the period's conversations: the three facts are kept on each conversation
/// row by the triggers of migration 0021. The dimension names are looked up per row from tables
/// of a few hundred rows (cached by the plan's Memoize nodes), which keeps the scan's order, so
/// that rows stream out as they are read instead of after a sort of the whole period.
pub const EXPORT_SQL: &str = "
    SELECT c.conversation_id, c.display_id, c.account_id, c.inbox_id,
           i.name AS inbox_name, c.channel_type, c.assignee_id, a.name AS agent_name,
           c.team_id, t.name AS team_name,
           CASE c.status WHEN 0 THEN 'open' WHEN 1 THEN 'resolved' WHEN 2 THEN 'pending'
                         WHEN 3 THEN 'snoozed' ELSE 'unknown' END AS status,
           CASE c.priority WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high'
                           WHEN 3 THEN 'urgent' END AS priority,
           c.labels, c.created_at,
           CASE WHEN $3 THEN c.first_response_bh_seconds ELSE c.first_response_seconds END AS first_response_seconds,
           CASE WHEN $3 THEN c.resolution_bh_seconds ELSE c.resolution_seconds END AS resolution_seconds,
           c.csat_rating
      FROM conversations c
      LEFT JOIN inboxes i ON i.tenant_id = c.tenant_id AND i.inbox_id = c.inbox_id
      LEFT JOIN agents a ON a.tenant_id = c.tenant_id AND a.user_id = c.assignee_id
      LEFT JOIN teams t ON t.tenant_id = c.tenant_id AND t.team_id = c.team_id
     WHERE c.created_at >= $1 AND c.created_at < $2
     ORDER BY c.created_at, c.conversation_id";

/// The same export computed from the fact tables, with three correlated subqueries per
/// conversation: what the export ran before migration 0021, kept as the reference that the
/// facts kept on the rows are compared with (tests, and the export benchmark's baseline).
pub const EXPORT_FROM_FACTS_SQL: &str = "
    SELECT c.conversation_id, c.display_id, c.account_id, c.inbox_id,
           i.name AS inbox_name, c.channel_type, c.assignee_id, a.name AS agent_name,
           c.team_id, t.name AS team_name,
           CASE c.status WHEN 0 THEN 'open' WHEN 1 THEN 'resolved' WHEN 2 THEN 'pending'
                         WHEN 3 THEN 'snoozed' ELSE 'unknown' END AS status,
           CASE c.priority WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high'
                           WHEN 3 THEN 'urgent' END AS priority,
           c.labels, c.created_at,
           (SELECT CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END
              FROM reporting_events e
             WHERE e.tenant_id = c.tenant_id AND e.conversation_id = c.conversation_id AND e.name = 'first_response'
             ORDER BY e.created_at, e.event_id LIMIT 1) AS first_response_seconds,
           (SELECT CASE WHEN $3 THEN e.value_in_business_hours ELSE e.value END
              FROM reporting_events e
             WHERE e.tenant_id = c.tenant_id AND e.conversation_id = c.conversation_id AND e.name = 'conversation_resolved'
             ORDER BY e.created_at DESC, e.event_id DESC LIMIT 1) AS resolution_seconds,
           (SELECT s.rating FROM csat_responses s
             WHERE s.tenant_id = c.tenant_id AND s.conversation_id = c.conversation_id
             ORDER BY s.created_at DESC, s.response_id DESC LIMIT 1) AS csat_rating
      FROM conversations c
      LEFT JOIN inboxes i ON i.tenant_id = c.tenant_id AND i.inbox_id = c.inbox_id
      LEFT JOIN agents a ON a.tenant_id = c.tenant_id AND a.user_id = c.assignee_id
      LEFT JOIN teams t ON t.tenant_id = c.tenant_id AND t.team_id = c.team_id
     WHERE c.created_at >= $1 AND c.created_at < $2
     ORDER BY c.created_at, c.conversation_id";

/// Streams the conversations created in the period, oldest first. On Citus the facts are not
/// kept on the rows (migration 0029: the triggers that keep them cannot run on a shard yet), so
/// there the export computes them from the fact tables, as [`conversations_from_facts`] does.
pub fn conversations<'a>(
    tx: &'a mut TenantTx,
    options: &ReportOptions,
) -> BoxStream<'a, Result<ConversationRow, sqlx::Error>> {
    let sql = if tx.on_citus() { EXPORT_FROM_FACTS_SQL } else { EXPORT_SQL };
    stream(tx, options, sql)
}

/// [`conversations`], computed from the fact tables instead of the facts kept on the rows.
pub fn conversations_from_facts<'a>(
    tx: &'a mut TenantTx,
    options: &ReportOptions,
) -> BoxStream<'a, Result<ConversationRow, sqlx::Error>> {
    stream(tx, options, EXPORT_FROM_FACTS_SQL)
}

fn stream<'a>(
    tx: &'a mut TenantTx,
    options: &ReportOptions,
    sql: &'static str,
) -> BoxStream<'a, Result<ConversationRow, sqlx::Error>> {
    sqlx::query_as::<_, ConversationRow>(sql)
        .bind(options.period.from)
        .bind(options.period.to)
        .bind(options.business_hours)
        .fetch(&mut **tx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_are_the_rows_fields() {
        let row = ConversationRow {
            conversation_id: 1,
            display_id: 1,
            account_id: 1,
            inbox_id: 1,
            inbox_name: None,
            channel_type: None,
            assignee_id: None,
            agent_name: None,
            team_id: None,
            team_name: None,
            status: "open".into(),
            priority: None,
            labels: vec![],
            created_at: Utc::now(),
            first_response_seconds: None,
            resolution_seconds: None,
            csat_rating: None,
        };
        let serde_json::Value::Object(fields) = serde_json::to_value(&row).unwrap() else { panic!() };
        assert_eq!(fields.keys().map(String::as_str).collect::<Vec<_>>(), COLUMNS);
    }

    #[test]
    fn the_cells_are_the_bytes_the_encoder_writes_for_the_row() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let full = ConversationRow {
            conversation_id: 7,
            display_id: -3,
            account_id: 1,
            inbox_id: 2,
            inbox_name: Some("=HYPERLINK(\"x\")".into()),
            channel_type: Some("Channel::Api".into()),
            assignee_id: Some(12),
            agent_name: Some("Ana, \"the\" agent\nsecond line".into()),
            team_id: Some(9_000_000_000),
            team_name: Some("@team".into()),
            status: "resolved".into(),
            priority: Some("urgent".into()),
            labels: vec!["-minus".into(), "a;b".into(), "=c".into()],
            created_at: at("2026-03-02T06:30:00.123456-03:00"),
            first_response_seconds: Some(1800.0),
            resolution_seconds: Some(0.1 + 0.2),
            csat_rating: Some(5),
        };
        let empty = ConversationRow {
            inbox_name: None,
            channel_type: None,
            assignee_id: None,
            agent_name: None,
            team_id: None,
            team_name: None,
            priority: None,
            labels: vec![],
            created_at: at("2026-03-02T09:30:00Z"),
            first_response_seconds: Some(f64::NAN),
            resolution_seconds: None,
            csat_rating: None,
            ..full.clone()
        };
        let others = [
            ConversationRow {
                first_response_seconds: Some(1e21),
                resolution_seconds: Some(-2.5),
                ..full.clone()
            },
            ConversationRow {
                created_at: at("2026-03-02T09:30:00.5Z"),
                labels: vec!["x".into()],
                ..empty.clone()
            },
        ];
        for row in [&full, &empty, &others[0], &others[1]] {
            let mut by_json = crate::csv_format::CsvEncoder::new();
            by_json.write(row).unwrap();
            let mut by_cells = crate::csv_format::CsvEncoder::with_columns(&COLUMNS).unwrap();
            by_cells.write_cells(row.csv_cells()).unwrap();
            assert_eq!(
                String::from_utf8(by_cells.take().unwrap()).unwrap(),
                String::from_utf8(by_json.take().unwrap()).unwrap(),
                "{row:?}"
            );
        }
    }
}
