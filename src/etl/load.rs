//! Writing into the analytics database: COPY from the source straight into per-transaction
//! staging tables, then one set-based upsert per batch keyed by the source ids.
//!
//! COPY cannot write into a table with row-level security, so rows land in temporary staging
//! tables (no RLS, no WAL) and `INSERT … SELECT … ON CONFLICT` merges them under the tenant's
//! RLS context. An upsert only rewrites a row whose values changed, so replays of the overlap
//! window cost little and `rows_written` counts real changes.
//!
//! On a Citus coordinator the same `INSERT … SELECT` from a temporary table into a distributed
//! table is run by pulling the rows to the coordinator and COPYing them into the shards, which
//! row-level security refuses again. There the rows are staged in distributed tables instead
//! ([`Staging::Distributed`]: unlogged, co-located with the facts by `tenant_id`, which COPY fills
//! from the transaction's tenant), so that each write is one statement on the tenant's worker.
//! The temporary tables stay the single server's path: they cost no WAL, no shared buffers and
//! no vacuum, which a shared table emptied by `DELETE` would (docs/scaling.md).
//!
//! Each stream's table is described once ([`StreamTable`]: target, staging table, key, columns
//! with their staging types and source expressions); the source projection `extract.rs` reads,
//! the staging DDL and every statement that merges, inserts, drains, compares or reads the last
//! key of a batch are generated from that description, once per process.

use std::fmt::Write as _;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use futures::StreamExt;
use sqlx::PgConnection;

use super::extract::Stream;
use crate::db::TenantTx;
use crate::db::copy::{RelaySides, relay};

/// One column of a stream, named as in both the staging table and the fact table.
struct Column {
    name: &'static str,
    /// What the source projection reads for it, over the aliases of `extract.rs`'s `FROM`
    /// clauses (`c` conversations, `i` inboxes, `m` messages, `e` reporting events, `r` CSAT
    /// responses).
    source: &'static str,
    /// The staging type. `timestamp` columns hold Chatwoot's UTC wall-clock times and are
    /// converted to `timestamptz` by the write, so the session's TimeZone cannot shift them.
    staging_type: &'static str,
}

const fn col(name: &'static str, staging_type: &'static str, source: &'static str) -> Column {
    Column { name, staging_type, source }
}

/// How a staged batch's last key is read: the resume point of the next keyset batch.
enum BatchOrder {
    /// By source id only (conversations).
    Id,
    /// By `(this timestamp column, id)`.
    Time(&'static str),
}

/// A stream's table on the analytics side, the one description every write statement is
/// generated from, and the source projection too ([`source_columns`]). Columns are in COPY
/// order, the source id first.
struct StreamTable {
    /// The fact table (its rows carry `tenant_id`, bound as `$1` by every write).
    target: &'static str,
    /// The session's temporary staging table.
    staging: &'static str,
    /// The source id (first column); with `tenant_id`, the fact table's primary key.
    key: &'static str,
    /// Every staged column, key first. A row changed when any non-key column differs.
    columns: &'static [Column],
    /// A column the write sets to `now()` (when the row was last written), not staged and not
    /// compared.
    written_at: Option<&'static str>,
    /// Columns the write looks up on the analytics side for each staged row, not staged and not
    /// compared (on a single server; on Citus they are not kept).
    looked_up: &'static [LookedUp],
    order: BatchOrder,
}

/// A column a write looks up for each staged row: a column of a first response's conversation
/// (migration 0040), which the row trigger would otherwise look up row by row (a second of a
/// first load of 100,000 conversations). NULL for other events and a conversation not loaded.
struct LookedUp {
    name: &'static str,
    /// The conversation's column.
    conversation_column: &'static str,
}

impl LookedUp {
    /// Its value for a row of the staged relation `staged` (the tenant is `$1`).
    fn value(&self, staged: &str) -> String {
        format!(
            "CASE WHEN {staged}.name = 'first_response' THEN (SELECT c.{} FROM conversations c \
             WHERE c.tenant_id = $1 AND c.conversation_id = {staged}.conversation_id) END",
            self.conversation_column
        )
    }
}

const CONVERSATIONS: StreamTable = StreamTable {
    target: "conversations",
    staging: "stg_conversations",
    key: "conversation_id",
    columns: &[
        col("conversation_id", "int", "c.id"),
        col("account_id", "int", "c.account_id"),
        col("inbox_id", "int", "c.inbox_id"),
        col("display_id", "int", "c.display_id"),
        col("status", "int", "c.status"),
        col("priority", "int", "c.priority"),
        col("assignee_id", "int", "c.assignee_id"),
        col("team_id", "bigint", "c.team_id"),
        col("contact_id", "bigint", "c.contact_id"),
        col("campaign_id", "bigint", "c.campaign_id"),
        col("channel_type", "text", "i.channel_type"),
        // Labels come from `cached_label_list`, which acts_as_taggable_on rewrites in the same
        // save as the taggings: split on ',', trimmed, de-duplicated, sorted. Older installations
        // left it NULL on conversations labelled before the cache existed: their labels are read
        // from `taggings` (context `labels`, through its `taggable_id` index) and `tags`, the
        // cache's own source.
        col(
            "labels",
            "text[]",
            "CASE WHEN c.cached_label_list IS NULL THEN \
                 ARRAY(SELECT DISTINCT btrim(t.name) FROM taggings g JOIN tags t ON t.id = g.tag_id \
                       WHERE g.taggable_id = c.id AND g.taggable_type = 'Conversation' AND g.context = 'labels' \
                         AND btrim(t.name) <> '' ORDER BY 1) \
             ELSE ARRAY(SELECT DISTINCT btrim(l) FROM unnest(string_to_array(c.cached_label_list, ',')) AS l \
                   WHERE btrim(l) <> '' ORDER BY 1) END",
        ),
        col("created_at", "timestamp", "c.created_at"),
        col("first_reply_created_at", "timestamp", "c.first_reply_created_at"),
        col("waiting_since", "timestamp", "c.waiting_since"),
        col("last_activity_at", "timestamp", "c.last_activity_at"),
        col("source_updated_at", "timestamp", "c.updated_at"),
    ],
    written_at: Some("synced_at"),
    looked_up: &[],
    order: BatchOrder::Id,
};

const MESSAGES: StreamTable = StreamTable {
    target: "messages",
    staging: "stg_messages",
    key: "message_id",
    columns: &[
        col("message_id", "int", "m.id"),
        col("conversation_id", "int", "m.conversation_id"),
        col("inbox_id", "int", "m.inbox_id"),
        col("message_type", "int", "m.message_type"),
        col("private", "boolean", "m.private"),
        col("content_type", "int", "m.content_type"),
        col("sender_type", "text", "m.sender_type"),
        col("sender_id", "bigint", "m.sender_id"),
        col("created_at", "timestamp", "m.created_at"),
    ],
    written_at: None,
    looked_up: &[],
    order: BatchOrder::Time("created_at"),
};

const REPORTING_EVENTS: StreamTable = StreamTable {
    target: "reporting_events",
    staging: "stg_reporting_events",
    key: "event_id",
    columns: &[
        col("event_id", "bigint", "e.id"),
        col("name", "text", "e.name"),
        col("value", "float8", "e.value"),
        col("value_in_business_hours", "float8", "e.value_in_business_hours"),
        col("account_id", "int", "e.account_id"),
        col("inbox_id", "int", "e.inbox_id"),
        col("user_id", "int", "e.user_id"),
        col("conversation_id", "int", "e.conversation_id"),
        col("created_at", "timestamp", "e.created_at"),
        col("event_start_time", "timestamp", "e.event_start_time"),
        col("event_end_time", "timestamp", "e.event_end_time"),
    ],
    written_at: None,
    looked_up: &[
        LookedUp { name: "conversation_team_id", conversation_column: "team_id" },
        LookedUp { name: "conversation_labels", conversation_column: "labels" },
    ],
    order: BatchOrder::Time("created_at"),
};

const CSAT_RESPONSES: StreamTable = StreamTable {
    target: "csat_responses",
    staging: "stg_csat_responses",
    key: "response_id",
    columns: &[
        col("response_id", "bigint", "r.id"),
        col("conversation_id", "int", "r.conversation_id"),
        col("message_id", "bigint", "r.message_id"),
        col("rating", "int", "r.rating"),
        col("assigned_agent_id", "bigint", "r.assigned_agent_id"),
        col("created_at", "timestamp", "r.created_at"),
        col("updated_at", "timestamp", "r.updated_at"),
    ],
    written_at: None,
    looked_up: &[],
    order: BatchOrder::Time("updated_at"),
};

fn table(stream: Stream) -> &'static StreamTable {
    match stream {
        Stream::Conversations => &CONVERSATIONS,
        Stream::Messages => &MESSAGES,
        Stream::ReportingEvents => &REPORTING_EVENTS,
        Stream::Csat => &CSAT_RESPONSES,
    }
}

/// How a write treats existing rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Upsert: insert new rows, rewrite changed ones, leave unchanged ones alone.
    Merge,
    /// Plain insert, for a full load into a tenant whose rows were just deleted in the same
    /// transaction: no conflict is possible, and skipping the speculative insertion makes the
    /// bulk path faster.
    Insert,
}

/// Where a write leaves the staging table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staged {
    /// The rows stay; the caller empties the table (TRUNCATE, cheaper for large batches).
    Kept,
    /// The statement takes the rows out as it writes them (`WITH staged AS (DELETE … RETURNING
    /// *)`), so the table is empty after the one statement: a round trip fewer for small batches.
    Drained,
}

/// Where a transaction stages the rows it copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staging {
    /// The connection's temporary tables (`stg_messages`), created once per connection: a single
    /// server.
    Temporary,
    /// Shared unlogged tables distributed by `tenant_id` (`etl_stg_messages`), created by `geniai
    /// migrate` on a Citus coordinator. A row's `tenant_id` is the transaction's tenant (the
    /// column's default, so COPY fills it); every statement reads and empties only that tenant's
    /// rows, and no row is committed, so no other transaction ever sees one.
    Distributed,
}

impl Staging {
    /// The staging of `tx`: distributed on a Citus coordinator.
    pub fn of(tx: &TenantTx) -> Staging {
        if tx.on_citus() { Staging::Distributed } else { Staging::Temporary }
    }
}

/// The distributed staging table of the conversation ids the reconciliation copies.
pub const DISTRIBUTED_CONVERSATION_IDS: &str = "etl_stg_conversation_ids";

/// Every statement of one stream, generated once.
struct Statements {
    writes: [[String; 2]; 2],
    pending: String,
    last_key: String,
    /// The [`Staging::Distributed`] forms.
    distributed_write: [String; 2],
    distributed_last_key: String,
    distributed_copy: String,
}

static STATEMENTS: LazyLock<[Statements; 4]> =
    LazyLock::new(|| Stream::ALL.map(|s| Statements::of(table(s))));

static STAGING_DDL: LazyLock<String> = LazyLock::new(|| {
    let mut ddl = String::new();
    for stream in Stream::ALL {
        let t = table(stream);
        let columns: Vec<String> =
            t.columns.iter().map(|c| format!("{} {}", c.name, c.staging_type)).collect();
        writeln!(ddl, "CREATE TEMP TABLE {} ({});", t.staging, columns.join(", ")).unwrap();
    }
    ddl.push_str("CREATE TEMP TABLE stg_conversation_ids (id int PRIMARY KEY);\n");
    ddl
});

impl StreamTable {
    /// The stream's distributed staging table ([`Staging::Distributed`]).
    fn distributed_staging(&self) -> String {
        format!("etl_{}", self.staging)
    }

    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|c| c.name)
    }

    fn compared(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names().filter(move |n| *n != self.key)
    }

    /// `tenant_id, <columns>[, <written_at>]`: the fact table's columns a write fills.
    fn target_columns(&self) -> String {
        let mut list = vec!["tenant_id"];
        list.extend(self.names());
        list.extend(self.written_at);
        list.join(", ")
    }

    /// `SELECT $1, <columns, timestamps converted>[, now()] FROM <from>`.
    fn select_from(&self, from: &str) -> String {
        self.select_from_with(from, &[])
    }

    /// [`Self::select_from`] with `extra` values after the others.
    fn select_from_with(&self, from: &str, extra: &[String]) -> String {
        let mut list = vec!["$1".to_string()];
        list.extend(self.columns.iter().map(|c| match c.staging_type {
            "timestamp" => format!("{} AT TIME ZONE 'UTC'", c.name),
            _ => c.name.to_string(),
        }));
        list.extend(self.written_at.map(|_| "now()".to_string()));
        list.extend(extra.iter().cloned());
        format!("SELECT {} FROM {from}", list.join(", "))
    }

    /// The write of [`Staging::Distributed`]: the tenant's staged rows, with their own
    /// `tenant_id` (so that Citus sees the target's distribution column come from the source's,
    /// co-located, and runs the statement on the tenant's shards). The caller empties them after.
    fn distributed_write(&self, write: Write) -> String {
        let mut list = vec!["tenant_id".to_string()];
        list.extend(self.columns.iter().map(|c| match c.staging_type {
            "timestamp" => format!("{} AT TIME ZONE 'UTC'", c.name),
            _ => c.name.to_string(),
        }));
        list.extend(self.written_at.map(|_| "now()".to_string()));
        let mut sql = format!(
            "INSERT INTO {} AS t ({}) SELECT {} FROM {} WHERE tenant_id = $1",
            self.target,
            self.target_columns(),
            list.join(", "),
            self.distributed_staging()
        );
        if write == Write::Merge {
            sql.push_str(&self.on_conflict(false));
        }
        sql
    }

    /// ` ON CONFLICT … DO UPDATE …` of a merge: rewrites a row only when a compared column
    /// differs (with the looked-up columns when `looked_up`).
    fn on_conflict(&self, looked_up: bool) -> String {
        let looked: &[LookedUp] = if looked_up { self.looked_up } else { &[] };
        let updated: Vec<&str> =
            self.compared().chain(self.written_at).chain(looked.iter().map(|l| l.name)).collect();
        let set: Vec<String> = updated.iter().map(|n| format!("{n} = EXCLUDED.{n}")).collect();
        let old: Vec<String> = self.compared().map(|n| format!("t.{n}")).collect();
        let new: Vec<String> = self.compared().map(|n| format!("EXCLUDED.{n}")).collect();
        format!(
            " ON CONFLICT (tenant_id, {}) DO UPDATE SET {} WHERE ({}) IS DISTINCT FROM ({})",
            self.key,
            set.join(", "),
            old.join(", "),
            new.join(", ")
        )
    }

    fn write(&self, write: Write, staged: Staged) -> String {
        let (prefix, from) = match staged {
            Staged::Kept => (String::new(), self.staging),
            Staged::Drained => {
                (format!("WITH staged AS (DELETE FROM {} RETURNING *) ", self.staging), "staged")
            }
        };
        // The looked-up columns after the others.
        let names: Vec<&str> = self.looked_up.iter().map(|l| l.name).collect();
        let values: Vec<String> = self.looked_up.iter().map(|l| l.value(from)).collect();
        let columns = [self.target_columns()].into_iter().chain(names.iter().map(|n| n.to_string()));
        let mut sql = format!(
            "{prefix}INSERT INTO {} AS t ({}) {}",
            self.target,
            columns.collect::<Vec<_>>().join(", "),
            self.select_from_with(from, &values)
        );
        if write == Write::Merge {
            sql.push_str(&self.on_conflict(true));
        }
        sql
    }

    /// Whether the merge would write anything (a staged row that is new, or differs in a
    /// compared column), emptying the staging table when it would not.
    fn pending(&self) -> String {
        let old: Vec<String> = self.compared().map(|n| format!("t.{n}")).collect();
        let new: Vec<String> = self.compared().map(|n| format!("s.{n}")).collect();
        format!(
            "WITH s ({columns}) AS ({select}), \
                  pending AS (SELECT EXISTS (\
                      SELECT 1 FROM s WHERE NOT EXISTS (\
                          SELECT 1 FROM {target} t WHERE (t.tenant_id, t.{key}) = (s.tenant_id, s.{key}) \
                                                 AND ({old}) IS NOT DISTINCT FROM ({new}))) AS writes), \
                  emptied AS (DELETE FROM {staging} WHERE NOT (SELECT writes FROM pending)) \
             SELECT writes FROM pending",
            columns = self.target_columns(),
            select = self.select_from(self.staging),
            target = self.target,
            key = self.key,
            old = old.join(", "),
            new = new.join(", "),
            staging = self.staging,
        )
    }

    /// The last key of the batch in `from` (a staging table, filtered to the tenant when shared).
    fn last_key(&self, from: &str) -> String {
        match self.order {
            BatchOrder::Id => format!("SELECT NULL::timestamp, max({})::bigint FROM {from}", self.key),
            BatchOrder::Time(ts) => format!(
                "SELECT {ts}, {key}::bigint FROM {from} ORDER BY {ts} DESC, {key} DESC LIMIT 1",
                key = self.key,
            ),
        }
    }

    /// The distributed staging table's DDL (see [`Staging::Distributed`]).
    fn distributed_ddl(&self) -> String {
        let columns: Vec<String> =
            self.columns.iter().map(|c| format!("{} {}", c.name, c.staging_type)).collect();
        format!(
            "CREATE UNLOGGED TABLE IF NOT EXISTS {} (tenant_id integer NOT NULL DEFAULT geniai_current_tenant(), {})",
            self.distributed_staging(),
            columns.join(", ")
        )
    }
}

impl Statements {
    fn of(t: &StreamTable) -> Self {
        let writes =
            [Write::Merge, Write::Insert].map(|w| [Staged::Kept, Staged::Drained].map(|s| t.write(w, s)));
        let names: Vec<&str> = t.names().collect();
        Statements {
            writes,
            pending: t.pending(),
            last_key: t.last_key(t.staging),
            distributed_write: [Write::Merge, Write::Insert].map(|w| t.distributed_write(w)),
            distributed_last_key: t.last_key(&format!("{} WHERE tenant_id = $1", t.distributed_staging())),
            distributed_copy: format!("COPY {} ({}) FROM STDIN", t.distributed_staging(), names.join(", ")),
        }
    }
}

static SOURCE_COLUMNS: LazyLock<[String; 4]> = LazyLock::new(|| {
    Stream::ALL.map(|s| table(s).columns.iter().map(|c| c.source).collect::<Vec<_>>().join(", "))
});

/// The source projection of a stream: each column's source expression, in COPY order (the
/// staging table's), for `extract.rs` to select from its `FROM` clauses.
pub fn source_columns(stream: Stream) -> &'static str {
    &SOURCE_COLUMNS[Stream::ALL.iter().position(|s| *s == stream).expect("every stream is in ALL")]
}

fn statements(stream: Stream) -> &'static Statements {
    &STATEMENTS[Stream::ALL.iter().position(|s| *s == stream).expect("every stream is in ALL")]
}

/// Creates the staging tables, once per connection: they are temporary (visible to this session
/// only), and a run over many tenants does not pay for catalog writes on each. Every statement
/// that stages rows empties the table again in the same transaction (or the transaction rolls
/// back), so no row outlives the tenant transaction that staged it. They are not `ON COMMIT
/// DELETE ROWS`: that truncates every staging table at each commit, about 8 ms per tenant, which
/// dominated a run over many tenants with nothing new.
pub fn staging_ddl() -> &'static str {
    &STAGING_DDL
}

/// Whether this connection already has the staging tables (an SQL expression).
pub const STAGING_EXISTS: &str = "to_regclass('pg_temp.stg_conversation_ids') IS NOT NULL";

/// The temporary staging table of a stream ([`Staging::Temporary`]).
pub fn staging_table(stream: Stream) -> &'static str {
    table(stream).staging
}

/// The statement that starts copying a stream's rows into its staging.
pub fn copy_sql(stream: Stream, staging: Staging) -> String {
    match staging {
        Staging::Temporary => format!("COPY {} FROM STDIN", table(stream).staging),
        Staging::Distributed => statements(stream).distributed_copy.clone(),
    }
}

/// The statements creating the distributed staging tables ([`Staging::Distributed`]), for
/// `geniai migrate` on a Citus coordinator: `(table, CREATE …)`.
pub fn distributed_staging_ddl() -> Vec<(String, String)> {
    let mut ddl: Vec<(String, String)> =
        Stream::ALL.iter().map(|s| (table(*s).distributed_staging(), table(*s).distributed_ddl())).collect();
    ddl.push((
        DISTRIBUTED_CONVERSATION_IDS.to_string(),
        format!(
            "CREATE UNLOGGED TABLE IF NOT EXISTS {DISTRIBUTED_CONVERSATION_IDS} \
             (tenant_id integer NOT NULL DEFAULT geniai_current_tenant(), id int NOT NULL, PRIMARY KEY (tenant_id, id))"
        ),
    ));
    ddl
}

/// The statement emptying the tenant's rows of a stream's distributed staging; `$1` is the
/// tenant id.
pub fn distributed_empty_sql(stream: Stream) -> String {
    format!("DELETE FROM {} WHERE tenant_id = $1", table(stream).distributed_staging())
}

/// The statement reading the last key of a staged batch (its largest `(ts, id)` or id); `$1` is
/// the tenant id (the temporary form does not need it).
pub fn last_key_sql(stream: Stream, staging: Staging) -> &'static str {
    match staging {
        Staging::Temporary => &statements(stream).last_key,
        Staging::Distributed => &statements(stream).distributed_last_key,
    }
}

/// The statement writing a stream's distributed staged rows into the tenant's table; `$1` is the
/// tenant id. The caller empties the staged rows after ([`distributed_empty_sql`]).
pub fn distributed_write_sql(stream: Stream, write: Write) -> &'static str {
    match write {
        Write::Merge => &statements(stream).distributed_write[0],
        Write::Insert => &statements(stream).distributed_write[1],
    }
}

/// The statement writing a staged batch into the tenant's table; `$1` is the tenant id.
pub fn write_sql(stream: Stream, write: Write, staged: Staged) -> &'static str {
    let w = match write {
        Write::Merge => 0,
        Write::Insert => 1,
    };
    let s = match staged {
        Staged::Kept => 0,
        Staged::Drained => 1,
    };
    &statements(stream).writes[w][s]
}

/// A statement that tells whether the merge of `stream` would write anything (a staged row that
/// is new, or differs from the stored one in the columns the merge compares), and when it would
/// not, empties the staging table. The fact tables carry statement-level triggers (report
/// rollups) that fire even for a statement that changes nothing, so a run over many tenants that
/// re-reads unchanged rows skips the merge instead. Generated from the same description as the
/// merge, so the two cannot disagree about what "changed" means. `$1` is the tenant id.
pub fn pending_sql(stream: Stream) -> &'static str {
    &statements(stream).pending
}

/// Streams `COPY (select) TO STDOUT` from the source into `copy` (a `COPY … FROM STDIN` into a
/// staging table, [`copy_sql`]) on the target ([`crate::db::copy::relay`]: memory holds a few chunks, whatever the row count).
/// Returns the number of rows copied.
pub async fn pipe(source: &mut PgConnection, target: &mut TenantTx, select: &str, copy: &str) -> Result<u64> {
    let sink = target.copy_in_raw(copy).await.with_context(|| format!("starting the load ({copy})"))?;
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
    fn distributed_staging_reads_and_empties_only_the_tenants_rows() {
        for stream in Stream::ALL {
            let staging = format!("etl_{}", staging_table(stream));
            for write in [Write::Merge, Write::Insert] {
                let sql = distributed_write_sql(stream, write);
                assert!(sql.contains(&format!("FROM {staging} WHERE tenant_id = $1")), "{sql}");
                // The target's distribution column comes from the staging's: Citus pushes it down.
                assert!(sql.contains(" SELECT tenant_id, "), "{sql}");
            }
            assert!(
                last_key_sql(stream, Staging::Distributed)
                    .contains(&format!("FROM {staging} WHERE tenant_id = $1"))
            );
            assert_eq!(distributed_empty_sql(stream), format!("DELETE FROM {staging} WHERE tenant_id = $1"));
            // COPY leaves tenant_id to its default, the transaction's tenant.
            let copy = copy_sql(stream, Staging::Distributed);
            assert!(copy.starts_with(&format!("COPY {staging} (")) && !copy.contains("tenant_id"), "{copy}");
            assert_eq!(
                copy_sql(stream, Staging::Temporary),
                format!("COPY {} FROM STDIN", staging_table(stream))
            );
        }
        let ddl = distributed_staging_ddl();
        assert_eq!(ddl.len(), Stream::ALL.len() + 1);
        for (table, sql) in &ddl {
            assert!(sql.starts_with(&format!("CREATE UNLOGGED TABLE IF NOT EXISTS {table} ")), "{sql}");
            assert!(sql.contains("tenant_id integer NOT NULL DEFAULT geniai_current_tenant()"), "{sql}");
        }
    }
}
