//! What the ETL reads from Chatwoot: the `FROM` clauses of each stream (its columns come from the
//! stream's one description in `load.rs`), the predicates that find changed rows with the
//! indexes Chatwoot has, and the safe upper bound of a run.
//!
//! Statements are `COPY (SELECT …) TO STDOUT` texts, which take no bind parameters, so every
//! value in them is formatted here from typed numbers and timestamps, never from user text.
//! Only the columns geniai needs are read: never message content, never `channel_*` tables
//! (their `provider_config` holds secrets).

use chrono::NaiveDateTime;
use sqlx::PgConnection;

use super::load;

/// A stream of source rows with its own watermark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Conversation facts (status, assignee, team, labels, …).
    Conversations,
    /// Message facts (type, private, content type, sender, time; no content).
    Messages,
    /// Reporting events.
    ReportingEvents,
    /// CSAT survey responses.
    Csat,
}

impl Stream {
    /// All streams, in load order.
    pub const ALL: [Stream; 4] =
        [Stream::Conversations, Stream::Messages, Stream::ReportingEvents, Stream::Csat];

    /// The stream's name, as stored in `etl_watermarks.stream`.
    pub fn name(self) -> &'static str {
        match self {
            Stream::Conversations => "conversations",
            Stream::Messages => "messages",
            Stream::ReportingEvents => "reporting_events",
            Stream::Csat => "csat_responses",
        }
    }
}

/// Formats a source timestamp as an SQL literal.
pub fn ts_literal(ts: NaiveDateTime) -> String {
    format!("'{}'::timestamp", ts.format("%Y-%m-%d %H:%M:%S%.6f"))
}

/// Formats inbox ids as an SQL integer array literal.
pub fn ids_literal(ids: &[i32]) -> String {
    let items: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    format!("'{{{}}}'::int[]", items.join(","))
}

// A stream's columns are those of its one description (`load::source_columns`, which also
// explains the labels), over these `FROM` clauses (conversations: `c`, joined to its inbox `i`,
// in each read's own way); the predicates are this module's.
const MESSAGES_FROM: &str = "messages m";
const EVENTS_FROM: &str = "reporting_events e";
const CSAT_FROM: &str = "csat_survey_responses r JOIN conversations c ON c.id = r.conversation_id";

/// Everything of a stream for these inboxes (a full load).
pub fn full_select(stream: Stream, inboxes: &[i32]) -> String {
    let cols = load::source_columns(stream);
    let inb = ids_literal(inboxes);
    match stream {
        Stream::Conversations => format!(
            "SELECT {cols} FROM conversations c LEFT JOIN inboxes i ON i.id = c.inbox_id \
             WHERE c.inbox_id = ANY({inb})"
        ),
        Stream::Messages => format!("SELECT {cols} FROM {MESSAGES_FROM} WHERE m.inbox_id = ANY({inb})"),
        Stream::ReportingEvents => format!("SELECT {cols} FROM {EVENTS_FROM} WHERE e.inbox_id = ANY({inb})"),
        Stream::Csat => format!("SELECT {cols} FROM {CSAT_FROM} WHERE c.inbox_id = ANY({inb})"),
    }
}

/// Where an incremental batch resumes: after this key, in the stream's order.
#[derive(Debug, Clone, Copy)]
pub enum After {
    /// Nothing read yet in this run.
    Start,
    /// Time-ordered streams: after `(ts, id)`.
    TimeKey(NaiveDateTime, i64),
    /// Conversations: after this id.
    Id(i64),
}

/// One batch of rows changed since `from`, for these inboxes, after `after`, at most `limit`.
///
/// Every predicate rides an index Chatwoot has, so the cost follows the changes, not the size
/// of the source. Messages and reporting events are found through their `created_at` index; CSAT
/// responses by `updated_at` among the ids above `csat_floor`, which covers Chatwoot's edit
/// window (see [`csat_window_floor`]). Conversations have
/// no index on `updated_at`; a conversation counts as changed when it is new (primary key above
/// `conversation_floor`), or got a message, an event or a CSAT response in the window. That
/// covers every column geniai copies: Chatwoot writes an activity message whenever it changes a
/// conversation's status, assignee, team, priority or labels, and the reply columns
/// (`first_reply_created_at`, `waiting_since`, `last_activity_at`) move with messages. A change
/// made behind Chatwoot's back (plain SQL, a contact merge) is picked up by `--full`.
pub fn incremental_select(
    stream: Stream,
    inboxes: &[i32],
    from: NaiveDateTime,
    after: After,
    limit: i64,
    csat_floor: i64,
    conversation_floor: i64,
) -> String {
    let cols = load::source_columns(stream);
    let inb = ids_literal(inboxes);
    let f = ts_literal(from);
    match stream {
        Stream::Conversations => {
            let after_id = match after {
                After::Id(id) => id,
                _ => 0,
            };
            format!(
                "SELECT {cols} FROM {} \
                 WHERE k.id > {after_id} AND c.inbox_id = ANY({inb}) \
                 ORDER BY c.id LIMIT {limit}",
                changed_conversations(&inb, &f, csat_floor, conversation_floor)
            )
        }
        Stream::Messages => {
            time_keyed(&format!("{cols} FROM {MESSAGES_FROM}"), "m", "created_at", &inb, from, after, limit)
        }
        Stream::ReportingEvents => {
            time_keyed(&format!("{cols} FROM {EVENTS_FROM}"), "e", "created_at", &inb, from, after, limit)
        }
        Stream::Csat => {
            let (lower, key) = keyset("r", "updated_at", from, after);
            format!(
                "SELECT {cols} FROM {CSAT_FROM} WHERE r.id > {csat_floor} AND r.updated_at >= {lower} AND {key} \
                 AND c.inbox_id = ANY({inb}) \
                 ORDER BY r.updated_at, r.id LIMIT {limit}"
            )
        }
    }
}

/// The `FROM` clause of the conversations changed since `f` in these inboxes: the candidate
/// ids drive the query, each looked up by primary key (OFFSET 0 keeps the planner from scanning
/// the inboxes' conversations to hash-join them), and so is its inbox (else the planner hashes
/// the inboxes table once per candidate). New ids are filtered by inbox while the primary key
/// range is scanned, so each tenant does not look up every new conversation.
fn changed_conversations(inb: &str, f: &str, csat_floor: i64, conversation_floor: i64) -> String {
    format!(
        "( SELECT id FROM conversations WHERE id > {conversation_floor} AND inbox_id = ANY({inb}) \
           UNION SELECT conversation_id FROM messages WHERE created_at >= {f} AND inbox_id = ANY({inb}) \
           UNION SELECT conversation_id FROM reporting_events WHERE created_at >= {f} AND inbox_id = ANY({inb}) \
           UNION SELECT conversation_id::int FROM csat_survey_responses WHERE id > {csat_floor} AND updated_at >= {f} \
         ) AS k(id) \
         CROSS JOIN LATERAL (SELECT * FROM conversations x WHERE x.id = k.id OFFSET 0) AS c \
         LEFT JOIN LATERAL (SELECT channel_type FROM inboxes y WHERE y.id = c.inbox_id OFFSET 0) AS i ON true"
    )
}

/// Every row of a stream changed since `from` in these inboxes (the inboxes of many tenants),
/// unordered and unbatched, each prefixed with its inbox id so that the caller can route it to
/// the tenant that owns the inbox. The predicates are those of [`incremental_select`].
pub fn routed_select(
    stream: Stream,
    inboxes: &[i32],
    from: NaiveDateTime,
    csat_floor: i64,
    conversation_floor: i64,
) -> String {
    let cols = load::source_columns(stream);
    let inb = ids_literal(inboxes);
    let f = ts_literal(from);
    match stream {
        Stream::Conversations => format!(
            "SELECT c.inbox_id, {cols} FROM {} WHERE c.inbox_id = ANY({inb})",
            changed_conversations(&inb, &f, csat_floor, conversation_floor)
        ),
        Stream::Messages => {
            format!(
                "SELECT m.inbox_id, {cols} FROM {MESSAGES_FROM} WHERE m.created_at >= {f} AND m.inbox_id = ANY({inb})"
            )
        }
        Stream::ReportingEvents => {
            format!(
                "SELECT e.inbox_id, {cols} FROM {EVENTS_FROM} WHERE e.created_at >= {f} AND e.inbox_id = ANY({inb})"
            )
        }
        Stream::Csat => format!(
            "SELECT c.inbox_id, {cols} FROM {CSAT_FROM} WHERE r.id > {csat_floor} AND r.updated_at >= {f} \
             AND c.inbox_id = ANY({inb})"
        ),
    }
}

fn keyset(alias: &str, column: &str, from: NaiveDateTime, after: After) -> (String, String) {
    match after {
        After::TimeKey(ts, id) => {
            let lower = if ts > from { ts } else { from };
            (ts_literal(lower), format!("({alias}.{column}, {alias}.id) > ({}, {id})", ts_literal(ts)))
        }
        _ => (ts_literal(from), "true".to_string()),
    }
}

fn time_keyed(
    columns: &str,
    alias: &str,
    column: &str,
    inb: &str,
    from: NaiveDateTime,
    after: After,
    limit: i64,
) -> String {
    // The plain lower bound lets the planner use the created_at index; the row comparison
    // handles rows that share the cursor's timestamp at a batch boundary.
    let (lower, key) = keyset(alias, column, from, after);
    format!(
        "SELECT {columns} WHERE {alias}.{column} >= {lower} AND {key} AND {alias}.inbox_id = ANY({inb}) \
         ORDER BY {alias}.{column}, {alias}.id LIMIT {limit}"
    )
}

/// How far below the newest CSAT response id an incremental run looks for changed responses,
/// at least: the margin covers responses created by transactions that commit late. Edits of
/// older responses are found through [`csat_window_floor`].
pub const CSAT_ID_MARGIN: i64 = 1_000;

/// How long before an incremental run's window the CSAT responses it re-reads were created.
/// Chatwoot accepts a contact's edit of a rating while fewer than 15 calendar days separate the
/// survey message's date from the edit's (`check_csat_locked`: more than 14 is refused), which
/// is under 15 days of elapsed time, and a response is created after its survey message. A day
/// more covers ids that do not follow `created_at` exactly (transactions that commit late).
pub const CSAT_EDIT_REREAD: chrono::TimeDelta = chrono::TimeDelta::days(16);

/// The smallest CSAT response id created at or after `$1`, less one, found by a binary search on
/// the primary key: `csat_survey_responses` has no index on its timestamps, and its ids follow
/// its `created_at`. Each step reads the first row at or after the midpoint of the range still
/// open, so about a hundred index probes settle it whatever the table's size.
const CSAT_WINDOW_FLOOR_SQL: &str = "
WITH RECURSIVE search(lo, hi, step) AS (
    SELECT 0::bigint, 4503599627370496::bigint, 0
  UNION ALL
    SELECT CASE WHEN p.id IS NULL OR p.created_at >= $1 THEN s.lo ELSE p.id END,
           CASE WHEN p.id IS NULL THEN (s.lo + s.hi) / 2 WHEN p.created_at >= $1 THEN p.id ELSE s.hi END,
           s.step + 1
      FROM search s
      LEFT JOIN LATERAL (SELECT r.id, r.created_at FROM csat_survey_responses r
                          WHERE r.id >= (s.lo + s.hi) / 2 AND r.id < s.hi ORDER BY r.id LIMIT 1) p ON true
     WHERE s.hi - s.lo > 1 AND s.step < 200)
SELECT min(hi) - 1 FROM search";

/// The CSAT floor of an incremental run reading from `from`: below `cursor_floor` (the newest id
/// the previous run saw, less [`CSAT_ID_MARGIN`]) down to the first response created
/// [`CSAT_EDIT_REREAD`] before `from`, so that every response a contact may still edit is
/// checked for changes (`updated_at >= from`) on every run.
pub async fn csat_window_floor(
    conn: &mut PgConnection,
    from: NaiveDateTime,
    cursor_floor: i64,
) -> sqlx::Result<i64> {
    let window: i64 =
        sqlx::query_scalar(CSAT_WINDOW_FLOOR_SQL).bind(from - CSAT_EDIT_REREAD).fetch_one(conn).await?;
    Ok(window.min(cursor_floor).max(0))
}

/// How far below the newest conversation id seen by the last run a run looks for new
/// conversations: ids are taken at insert time, so a conversation created by a transaction that
/// commits late has an id below ones already seen. Unlike CSAT responses, conversations edited
/// later need no id window (they are found through the messages and events Chatwoot writes with
/// each change); the margin would only miss a late-committed conversation with no message or
/// event in the window if more than this many conversations were created while it was open.
pub const CONVERSATION_ID_MARGIN: i64 = 1_000;

/// The newest conversation id (the primary key index answers it).
pub const CONVERSATION_MAX_ID_SQL: &str = "SELECT coalesce(max(id), 0)::bigint FROM conversations";

/// The newest CSAT response id (the primary key index answers it).
pub const CSAT_MAX_ID_SQL: &str = "SELECT coalesce(max(id), 0)::bigint FROM csat_survey_responses";

/// Ids of the conversations that exist in the source for these inboxes (for `--reconcile`).
pub fn conversation_ids_select(inboxes: &[i32]) -> String {
    format!("SELECT id FROM conversations WHERE inbox_id = ANY({})", ids_literal(inboxes))
}

/// How far behind the source's clock a run holds its watermark when a transaction is writing
/// to the source but the login cannot see when it started. Chatwoot's write transactions last
/// milliseconds to seconds (a web request, a background job); an hour covers them many times.
pub const UNSEEN_WRITER_MARGIN: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// The upper bound of a run, and whether it had to be guessed.
#[derive(Debug, Clone)]
pub struct UpperBound {
    /// The watermark the run advances to, in source time (UTC).
    pub at: NaiveDateTime,
    /// The source login, when a writer's start was hidden from it and the bound was held back
    /// by [`UNSEEN_WRITER_MARGIN`] instead.
    pub unseen_by: Option<String>,
}

impl UpperBound {
    /// What the run records and prints when the bound was held back by the margin.
    pub fn warning(&self) -> Option<String> {
        let login = self.unseen_by.as_deref()?;
        Some(format!(
            "the source login {login} cannot see when other sessions' transactions started, and one was \
             writing: the watermark was held back {} minutes behind the source's clock; to let the ETL see \
             it, run on the source: {}",
            UNSEEN_WRITER_MARGIN.num_minutes(),
            grant_read_all_stats(login)
        ))
    }
}

/// The statement that lets `login` see other sessions' `xact_start`.
pub fn grant_read_all_stats(login: &str) -> String {
    let plain = login.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let name = if plain { login.to_string() } else { format!("\"{}\"", login.replace('"', "\"\"")) };
    format!("GRANT pg_read_all_stats TO {name};")
}

/// The upper bound of a run, in source time (UTC): the snapshot's start, or earlier, the start
/// of the oldest transaction that is writing to the source database right now. A row committed
/// later by such a transaction carries a timestamp at or after that start, so a watermark that
/// stops there cannot pass over it.
///
/// Any login sees which sessions of its database hold a transaction id (`backend_xid`: they
/// have written), but only a superuser or a member of `pg_read_all_stats` sees their
/// `xact_start`; PostgreSQL offers no other way to learn when another session's transaction
/// began. When a writer's start is hidden, the bound is held back by [`UNSEEN_WRITER_MARGIN`]
/// and the caller says so. This must be the first statement of the run's snapshot, so that a
/// writer still open when the snapshot was taken is still listed.
pub async fn safe_upper_bound(conn: &mut PgConnection) -> sqlx::Result<UpperBound> {
    let (at, unseen, login): (NaiveDateTime, bool, String) = sqlx::query_as(
        "WITH writers AS (
             SELECT xact_start FROM pg_stat_activity
              WHERE backend_xid IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid()),
         hidden AS (SELECT EXISTS (SELECT 1 FROM writers WHERE xact_start IS NULL) AS unseen)
         SELECT (LEAST(now(), (SELECT min(xact_start) FROM writers),
                       CASE WHEN h.unseen THEN now() - make_interval(secs => $1) END)
                 AT TIME ZONE 'UTC')::timestamp(6),
                h.unseen, current_user::text
           FROM hidden h",
    )
    .bind(UNSEEN_WRITER_MARGIN.num_seconds() as f64)
    .fetch_one(conn)
    .await?;
    Ok(UpperBound { at, unseen_by: unseen.then_some(login) })
}

/// Inbox dimension rows for these inbox ids (never the channel tables).
pub const INBOXES_SQL: &str =
    "SELECT id, account_id, name::text, channel_type::text, timezone::text FROM inboxes WHERE id = ANY($1)";

/// Agents of the accounts, with the account (a user in several accounts comes once per account).
pub const AGENTS_SQL: &str = "SELECT au.account_id::bigint, u.id, \
     COALESCE(NULLIF(btrim(u.display_name), ''), u.name)::text \
     FROM account_users au JOIN users u ON u.id = au.user_id WHERE au.account_id = ANY($1::bigint[])";

/// Teams of the accounts, with the account.
pub const TEAMS_SQL: &str =
    "SELECT account_id::bigint, id, name::text FROM teams WHERE account_id = ANY($1::bigint[])";
