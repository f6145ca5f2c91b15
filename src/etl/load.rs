//! Writing into the analytics database: COPY from the source straight into per-transaction
//! staging tables, then one set-based upsert per batch keyed by the source ids.
//!
//! COPY cannot write into a table with row-level security, so rows land in temporary staging
//! tables (no RLS, no WAL) and `INSERT … SELECT … ON CONFLICT` merges them under the tenant's
//! RLS context. An upsert only rewrites a row whose values changed, so replays of the overlap
//! window cost little and `rows_written` counts real changes.

use anyhow::{Context, Result};
use futures::StreamExt;
use sqlx::PgConnection;

use super::extract::Stream;
use crate::db::TenantTx;
use crate::db::copy::{RelaySides, relay};

/// Creates the staging tables, once per connection: they are temporary (visible to this session
/// only), and a run over many tenants does not pay for catalog writes on each. Every statement
/// that stages rows empties the table again in the same transaction (or the transaction rolls
/// back), so no row outlives the tenant transaction that staged it. They are not `ON COMMIT
/// DELETE ROWS`: that truncates every staging table at each commit, about 8 ms per tenant, which
/// dominated a run over many tenants with nothing new. Timestamps stay `timestamp` (UTC, as
/// Chatwoot stores them) and are converted in the merge, so the session's TimeZone cannot shift
/// them.
pub const STAGING_DDL: &str = "
CREATE TEMP TABLE stg_conversations (
    conversation_id int, account_id int, inbox_id int, display_id int, status int, priority int, assignee_id int,
    team_id bigint, contact_id bigint, campaign_id bigint, channel_type text, labels text[], created_at timestamp,
    first_reply_created_at timestamp, waiting_since timestamp, last_activity_at timestamp, source_updated_at timestamp
);
CREATE TEMP TABLE stg_messages (
    message_id int, conversation_id int, inbox_id int, message_type int, private boolean, content_type int,
    sender_type text, sender_id bigint, created_at timestamp
);
CREATE TEMP TABLE stg_reporting_events (
    event_id bigint, name text, value float8, value_in_business_hours float8, account_id int, inbox_id int,
    user_id int, conversation_id int, created_at timestamp, event_start_time timestamp, event_end_time timestamp
);
CREATE TEMP TABLE stg_csat_responses (
    response_id bigint, conversation_id int, message_id bigint, rating int, assigned_agent_id bigint,
    created_at timestamp, updated_at timestamp
);
CREATE TEMP TABLE stg_conversation_ids (id int PRIMARY KEY);
";

/// Whether this connection already has the staging tables (an SQL expression).
pub const STAGING_EXISTS: &str = "to_regclass('pg_temp.stg_conversation_ids') IS NOT NULL";

/// The staging table of a stream.
pub fn staging_table(stream: Stream) -> &'static str {
    match stream {
        Stream::Conversations => "stg_conversations",
        Stream::Messages => "stg_messages",
        Stream::ReportingEvents => "stg_reporting_events",
        Stream::Csat => "stg_csat_responses",
    }
}

/// The statement reading the last key of a staged batch (its largest `(ts, id)` or id).
pub fn last_key_sql(stream: Stream) -> &'static str {
    match stream {
        Stream::Conversations => {
            "SELECT NULL::timestamp, max(conversation_id)::bigint FROM stg_conversations"
        }
        Stream::Messages => {
            "SELECT created_at, message_id::bigint FROM stg_messages ORDER BY created_at DESC, message_id DESC LIMIT 1"
        }
        Stream::ReportingEvents => {
            "SELECT created_at, event_id FROM stg_reporting_events ORDER BY created_at DESC, event_id DESC LIMIT 1"
        }
        Stream::Csat => {
            "SELECT updated_at, response_id FROM stg_csat_responses ORDER BY updated_at DESC, response_id DESC LIMIT 1"
        }
    }
}

/// Upsert of a staged batch into the tenant's table; `$1` is the tenant id.
pub fn merge_sql(stream: Stream) -> &'static str {
    match stream {
        Stream::Conversations => {
            "INSERT INTO conversations AS t (tenant_id, conversation_id, account_id, inbox_id, display_id, status, priority,
                 assignee_id, team_id, contact_id, campaign_id, channel_type, labels, created_at, first_reply_created_at,
                 waiting_since, last_activity_at, source_updated_at, synced_at)
             SELECT $1, conversation_id, account_id, inbox_id, display_id, status, priority, assignee_id, team_id,
                 contact_id, campaign_id, channel_type, labels, created_at AT TIME ZONE 'UTC',
                 first_reply_created_at AT TIME ZONE 'UTC', waiting_since AT TIME ZONE 'UTC',
                 last_activity_at AT TIME ZONE 'UTC', source_updated_at AT TIME ZONE 'UTC', now()
             FROM stg_conversations
             ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
                 account_id = EXCLUDED.account_id, inbox_id = EXCLUDED.inbox_id, display_id = EXCLUDED.display_id,
                 status = EXCLUDED.status, priority = EXCLUDED.priority, assignee_id = EXCLUDED.assignee_id,
                 team_id = EXCLUDED.team_id, contact_id = EXCLUDED.contact_id, campaign_id = EXCLUDED.campaign_id,
                 channel_type = EXCLUDED.channel_type, labels = EXCLUDED.labels, created_at = EXCLUDED.created_at,
                 first_reply_created_at = EXCLUDED.first_reply_created_at, waiting_since = EXCLUDED.waiting_since,
                 last_activity_at = EXCLUDED.last_activity_at, source_updated_at = EXCLUDED.source_updated_at,
                 synced_at = EXCLUDED.synced_at
             WHERE (t.account_id, t.inbox_id, t.display_id, t.status, t.priority, t.assignee_id, t.team_id, t.contact_id,
                    t.campaign_id, t.channel_type, t.labels, t.created_at, t.first_reply_created_at, t.waiting_since,
                    t.last_activity_at, t.source_updated_at)
                IS DISTINCT FROM
                   (EXCLUDED.account_id, EXCLUDED.inbox_id, EXCLUDED.display_id, EXCLUDED.status, EXCLUDED.priority,
                    EXCLUDED.assignee_id, EXCLUDED.team_id, EXCLUDED.contact_id, EXCLUDED.campaign_id,
                    EXCLUDED.channel_type, EXCLUDED.labels, EXCLUDED.created_at, EXCLUDED.first_reply_created_at,
                    EXCLUDED.waiting_since, EXCLUDED.last_activity_at, EXCLUDED.source_updated_at)"
        }
        Stream::Messages => {
            "INSERT INTO messages AS t (tenant_id, message_id, conversation_id, inbox_id, message_type, private,
                 content_type, sender_type, sender_id, created_at)
             SELECT $1, message_id, conversation_id, inbox_id, message_type, private, content_type, sender_type,
                 sender_id, created_at AT TIME ZONE 'UTC'
             FROM stg_messages
             ON CONFLICT (tenant_id, message_id) DO UPDATE SET
                 conversation_id = EXCLUDED.conversation_id, inbox_id = EXCLUDED.inbox_id,
                 message_type = EXCLUDED.message_type, private = EXCLUDED.private,
                 content_type = EXCLUDED.content_type, sender_type = EXCLUDED.sender_type,
                 sender_id = EXCLUDED.sender_id, created_at = EXCLUDED.created_at
             WHERE (t.conversation_id, t.inbox_id, t.message_type, t.private, t.content_type, t.sender_type,
                    t.sender_id, t.created_at)
                IS DISTINCT FROM
                   (EXCLUDED.conversation_id, EXCLUDED.inbox_id, EXCLUDED.message_type, EXCLUDED.private,
                    EXCLUDED.content_type, EXCLUDED.sender_type, EXCLUDED.sender_id, EXCLUDED.created_at)"
        }
        Stream::ReportingEvents => {
            "INSERT INTO reporting_events AS t (tenant_id, event_id, name, value, value_in_business_hours, account_id,
                 inbox_id, user_id, conversation_id, created_at, event_start_time, event_end_time)
             SELECT $1, event_id, name, value, value_in_business_hours, account_id, inbox_id, user_id, conversation_id,
                 created_at AT TIME ZONE 'UTC', event_start_time AT TIME ZONE 'UTC', event_end_time AT TIME ZONE 'UTC'
             FROM stg_reporting_events
             ON CONFLICT (tenant_id, event_id) DO UPDATE SET
                 name = EXCLUDED.name, value = EXCLUDED.value, value_in_business_hours = EXCLUDED.value_in_business_hours,
                 account_id = EXCLUDED.account_id, inbox_id = EXCLUDED.inbox_id, user_id = EXCLUDED.user_id,
                 conversation_id = EXCLUDED.conversation_id, created_at = EXCLUDED.created_at,
                 event_start_time = EXCLUDED.event_start_time, event_end_time = EXCLUDED.event_end_time
             WHERE (t.name, t.value, t.value_in_business_hours, t.account_id, t.inbox_id, t.user_id, t.conversation_id,
                    t.created_at, t.event_start_time, t.event_end_time)
                IS DISTINCT FROM
                   (EXCLUDED.name, EXCLUDED.value, EXCLUDED.value_in_business_hours, EXCLUDED.account_id,
                    EXCLUDED.inbox_id, EXCLUDED.user_id, EXCLUDED.conversation_id, EXCLUDED.created_at,
                    EXCLUDED.event_start_time, EXCLUDED.event_end_time)"
        }
        Stream::Csat => {
            "INSERT INTO csat_responses AS t (tenant_id, response_id, conversation_id, message_id, rating,
                 assigned_agent_id, created_at, updated_at)
             SELECT $1, response_id, conversation_id, message_id, rating, assigned_agent_id,
                 created_at AT TIME ZONE 'UTC', updated_at AT TIME ZONE 'UTC'
             FROM stg_csat_responses
             ON CONFLICT (tenant_id, response_id) DO UPDATE SET
                 conversation_id = EXCLUDED.conversation_id, message_id = EXCLUDED.message_id, rating = EXCLUDED.rating,
                 assigned_agent_id = EXCLUDED.assigned_agent_id, created_at = EXCLUDED.created_at,
                 updated_at = EXCLUDED.updated_at
             WHERE (t.conversation_id, t.message_id, t.rating, t.assigned_agent_id, t.created_at, t.updated_at)
                IS DISTINCT FROM
                   (EXCLUDED.conversation_id, EXCLUDED.message_id, EXCLUDED.rating, EXCLUDED.assigned_agent_id,
                    EXCLUDED.created_at, EXCLUDED.updated_at)"
        }
    }
}

/// `sql` (a [`merge_sql`] or [`insert_sql`] reading `staging`) rewritten to take the rows out
/// of `staging` as it writes them: `WITH staged AS (DELETE FROM staging RETURNING *) …`, so the
/// staging table is empty again after the one statement.
pub fn draining(sql: &str, staging: &str) -> String {
    format!(
        "WITH staged AS (DELETE FROM {staging} RETURNING *) {}",
        sql.replace(&format!("FROM {staging}"), "FROM staged")
    )
}

/// A statement that tells whether the [`merge_sql`] of `stream` would write anything (a staged
/// row that is new, or differs from the stored one in the columns the merge compares), and when
/// it would not, empties the staging table. The fact tables carry statement-level triggers
/// (report rollups) that fire even for a statement that changes nothing, so a run over many
/// tenants that re-reads unchanged rows skips the merge instead. Derived from the merge's own
/// text, so the two cannot disagree about what "changed" means.
pub fn pending_sql(stream: Stream) -> String {
    let merge = merge_sql(stream);
    let between = |text: &'static str, open: &str, close: char| -> &'static str {
        let start = text.find(open).map(|i| i + open.len()).unwrap_or(0);
        let end = text[start..].find(close).map(|i| start + i).unwrap_or(text.len());
        &text[start..end]
    };
    let table = between(merge, "INSERT INTO ", ' ');
    let columns = between(merge, " AS t (", ')');
    let select = &merge[merge.find("SELECT").unwrap_or(0)..merge.find("ON CONFLICT").unwrap_or(merge.len())];
    let list = |items: &str, alias: &str| -> String {
        items
            .split(',')
            .map(|c| format!("{alias}.{}", c.trim().trim_start_matches("t.")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let keys = between(merge, "ON CONFLICT (", ')');
    let compared = between(merge, "WHERE (", ')');
    let staging = staging_table(stream);
    format!(
        "WITH s ({columns}) AS ({select}),
              pending AS (SELECT EXISTS (
                  SELECT 1 FROM s WHERE NOT EXISTS (
                      SELECT 1 FROM {table} t WHERE ({}) = ({})
                                             AND ({}) IS NOT DISTINCT FROM ({}))) AS writes),
              emptied AS (DELETE FROM {staging} WHERE NOT (SELECT writes FROM pending))
         SELECT writes FROM pending",
        list(keys, "t"),
        list(keys, "s"),
        list(compared, "t"),
        list(compared, "s"),
    )
}

/// The plain-insert form of [`merge_sql`], for a full load into a tenant whose rows were just
/// deleted in the same transaction: no conflict is possible, and skipping the speculative
/// insertion makes the bulk path faster.
pub fn insert_sql(stream: Stream) -> &'static str {
    match stream {
        Stream::Conversations => CONVERSATIONS_INSERT,
        Stream::Messages => MESSAGES_INSERT,
        Stream::ReportingEvents => EVENTS_INSERT,
        Stream::Csat => CSAT_INSERT,
    }
}

const CONVERSATIONS_INSERT: &str = "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id,
     display_id, status, priority, assignee_id, team_id, contact_id, campaign_id, channel_type, labels, created_at,
     first_reply_created_at, waiting_since, last_activity_at, source_updated_at, synced_at)
     SELECT $1, conversation_id, account_id, inbox_id, display_id, status, priority, assignee_id, team_id,
         contact_id, campaign_id, channel_type, labels, created_at AT TIME ZONE 'UTC',
         first_reply_created_at AT TIME ZONE 'UTC', waiting_since AT TIME ZONE 'UTC',
         last_activity_at AT TIME ZONE 'UTC', source_updated_at AT TIME ZONE 'UTC', now()
     FROM stg_conversations";
const MESSAGES_INSERT: &str =
    "INSERT INTO messages (tenant_id, message_id, conversation_id, inbox_id, message_type,
     private, content_type, sender_type, sender_id, created_at)
     SELECT $1, message_id, conversation_id, inbox_id, message_type, private, content_type, sender_type,
         sender_id, created_at AT TIME ZONE 'UTC'
     FROM stg_messages";
const EVENTS_INSERT: &str = "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours,
     account_id, inbox_id, user_id, conversation_id, created_at, event_start_time, event_end_time)
     SELECT $1, event_id, name, value, value_in_business_hours, account_id, inbox_id, user_id, conversation_id,
         created_at AT TIME ZONE 'UTC', event_start_time AT TIME ZONE 'UTC', event_end_time AT TIME ZONE 'UTC'
     FROM stg_reporting_events";
const CSAT_INSERT: &str =
    "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating,
     assigned_agent_id, created_at, updated_at)
     SELECT $1, response_id, conversation_id, message_id, rating, assigned_agent_id,
         created_at AT TIME ZONE 'UTC', updated_at AT TIME ZONE 'UTC'
     FROM stg_csat_responses";

/// Streams `COPY (select) TO STDOUT` from the source into `COPY staging FROM STDIN` on the
/// target ([`crate::db::copy::relay`]: memory holds a few chunks, whatever the row count).
/// Returns the number of rows copied.
pub async fn pipe(
    source: &mut PgConnection,
    target: &mut TenantTx,
    select: &str,
    staging: &str,
) -> Result<u64> {
    let sink = target
        .copy_in_raw(&format!("COPY {staging} FROM STDIN"))
        .await
        .with_context(|| format!("starting the load into {staging}"))?;
    let sides = RelaySides { reading: "reading the source", writing: "loading into the analytics database" };
    relay(source, &format!("COPY ({select}) TO STDOUT"), sink, sides).await
}

/// Runs `COPY (select) TO STDOUT` and counts its rows without writing anything (`--dry-run`).
/// Text COPY escapes newlines inside values, so each row ends with exactly one newline.
pub async fn count_rows(source: &mut PgConnection, select: &str) -> Result<u64> {
    let mut rows =
        source.copy_out_raw(&format!("COPY ({select}) TO STDOUT")).await.context("reading the source")?;
    let mut count = 0u64;
    while let Some(chunk) = rows.next().await {
        let chunk = chunk.context("reading the source")?;
        count += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pending_check_compares_what_the_merge_compares() {
        let sql = pending_sql(Stream::Messages);
        assert!(sql.contains("WITH s (tenant_id, message_id, conversation_id,"), "{sql}");
        assert!(
            sql.contains("FROM messages t WHERE (t.tenant_id, t.message_id) = (s.tenant_id, s.message_id)"),
            "{sql}"
        );
        assert!(sql.contains("t.sender_id, t.created_at) IS NOT DISTINCT FROM (s.conversation_id,"), "{sql}");
        assert!(sql.contains("DELETE FROM stg_messages WHERE"), "{sql}");
        for stream in Stream::ALL {
            let sql = pending_sql(stream);
            assert!(sql.contains(&format!("FROM {}\n", staging_table(stream))), "{sql}");
            assert!(!sql.contains("ON CONFLICT") && !sql.contains("EXCLUDED"), "{sql}");
        }
    }

    #[test]
    fn every_write_reads_its_staging_table_once_so_draining_can_rewrite_it() {
        for stream in Stream::ALL {
            let table = staging_table(stream);
            for sql in [merge_sql(stream), insert_sql(stream)] {
                assert_eq!(sql.matches(&format!("FROM {table}")).count(), 1, "{sql}");
                let drained = draining(sql, table);
                // Only the DELETE still names the staging table; the write reads what it returns.
                assert_eq!(drained.matches(&format!("FROM {table}")).count(), 1, "{drained}");
                assert!(drained.contains("FROM staged"), "{drained}");
            }
        }
    }
}
