//! The first load of a tenant (no watermark, no facts yet), with its streams in two lanes that
//! run side by side on their own source and target connections.
//!
//! One target transaction per tenant keeps the whole load on one server process, so a large
//! first load used one core of the analytics database. Here the messages (the largest stream)
//! and the CSAT answers load in one lane, the conversations and then their events in the second,
//! which keeps two cores busy. The guarantees hold per stream instead of per tenant:
//! - Each stream is one target transaction that commits its rows together with its watermark.
//! - A failure (a poisoned row, a lost source) stops both lanes after their current stream and
//!   then deletes what they committed, so a failed first load leaves the tenant as empty as it
//!   was. A crash (kill -9) can leave some streams loaded: the next run finds watermarks missing
//!   and reloads the tenant in full, in one transaction.
//! - Every lane reads the source in the snapshot of the tenant's run (`pg_export_snapshot`), so
//!   the streams agree with each other and with the watermark the run records.
//! - The caller holds the tenant's advisory lock throughout, so no other run writes meanwhile.
//! - One fact statement per transaction: the statement triggers then upsert the summary rows in
//!   one ordered pass per transaction, so the two lanes can wait on each other's summary rows
//!   but never deadlock.
//! - The export's facts on the conversation rows (migration 0021) are computed once from the
//!   conversations, events and CSAT answers of both lanes, after they committed, beside the
//!   dimension rollups' sums (below); the per-statement triggers are deferred in every lane.
//! - A first response takes its conversation's team and labels when it is written (migration
//!   0040), so the conversations load before the events, in the same lane.
//! - The dimension rollups (migration 0030) depend on rows of both lanes (a message counts under
//!   its conversation's agent, team and labels), so they are summed once both lanes committed, in
//!   two parts side by side (the events' unbinned dimensions and then the other facts, and the
//!   events' first-response bins followed by the export's facts), each a transaction of its own.
//!   The tenant is marked stale before the lanes start and unmarked once both parts committed: if
//!   the load stops in between, the reports read the facts and the next run sums them again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDateTime;
use sqlx::PgPool;

use super::extract::{self, Stream};
use super::write::{
    DimensionSet, add_dimension_rollups, defer_bulk_summaries, delete_dimension_rollups, delete_facts,
    ensure_staging, insert, mark_dimension_rollups_stale, rebuild_conversation_facts,
    rebuild_dimension_rollups, unmark_dimension_rollups_stale,
};
use super::{load, runs};
use crate::db::TenantId;

/// The streams of each lane: the messages and the CSAT answers, and the conversations before
/// their events (about as much work each: on 100,000 conversations, 7.7 s of messages against
/// 1.9 s of conversations and 9.0 s of events).
const LANES: [&[Stream]; 2] =
    [&[Stream::Messages, Stream::Csat], &[Stream::Conversations, Stream::ReportingEvents]];

/// A step of the summing pass after both lanes committed.
#[derive(Clone, Copy)]
enum SummingStep {
    /// Adds the sums of these facts to the dimension rollups of these dimensions.
    Dimensions(&'static [&'static str], DimensionSet),
    /// Computes the export's facts on the conversation rows (2.2 s on 100,000 conversations,
    /// which made the lane of the conversations and events the longer one).
    ConversationFacts,
}

/// What each part of the summing pass adds to the dimension rollups, one statement after the
/// other: the events' unbinned dimensions (17 sums under six keys each) followed by the other
/// facts, and the events' binned dimensions, daily and monthly (two counts under up to ten keys
/// of a quarter of the events). The binned rows are none of the other part's, so the parts never
/// wait on each other's rows. On a tenant of 100,000 conversations the first part took 3.5 + 3.0
/// s and the second 5.0 s; before migration 0041 the events' unbinned sums took 5.1 s alone, and
/// the other facts went with the binned dimensions. The export's facts follow the binned ones.
const SUMMING_PARTS: [&[SummingStep]; 2] = [
    &[
        SummingStep::Dimensions(&["reporting_events"], DimensionSet::Unbinned),
        SummingStep::Dimensions(&["messages", "conversations", "csat_responses"], DimensionSet::Every),
    ],
    &[SummingStep::Dimensions(&["reporting_events"], DimensionSet::Binned), SummingStep::ConversationFacts],
];

/// What a first load needs from the tenant's run.
pub(super) struct FirstLoad<'a> {
    /// The analytics database.
    pub pool: &'a PgPool,
    /// The tenant's source.
    pub source_pool: &'a PgPool,
    /// The run's source snapshot, exported by its open source transaction.
    pub snapshot: &'a str,
    pub tenant: TenantId,
    pub inboxes: &'a [i32],
    /// The watermark every stream advances to.
    pub upper: NaiveDateTime,
    /// Each stream's id cursor.
    pub stream_ids: &'a (dyn Fn(Stream) -> i64 + Sync),
}

/// Rows read so far (for progress) and whether a lane failed (the other stops).
struct Shared<'a> {
    read: AtomicU64,
    failed: AtomicBool,
    on_rows: &'a (dyn Fn(Stream, u64) + Sync),
}

impl FirstLoad<'_> {
    /// Loads every stream; `on_rows(stream, rows read so far)` after each one. Returns the rows
    /// read and written.
    pub async fn run(&self, on_rows: &(dyn Fn(Stream, u64) + Sync)) -> Result<(u64, u64)> {
        if !self.snapshot.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            bail!("unexpected source snapshot id {:?}", self.snapshot);
        }
        let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
        mark_dimension_rollups_stale(&mut tx).await?;
        tx.commit().await?;
        let shared = Shared { read: AtomicU64::new(0), failed: AtomicBool::new(false), on_rows };
        // Both lanes run to the end of their current stream, even when the other fails: a
        // dropped commit could still land after the clean-up.
        match tokio::join!(self.lane(LANES[0], &shared), self.lane(LANES[1], &shared)) {
            (Ok(a), Ok(b)) => {
                self.sum_dimension_rollups().await?;
                Ok((a.0 + b.0, a.1 + b.1))
            }
            (Err(err), _) | (_, Err(err)) => match self.undo().await {
                Ok(()) => Err(err),
                Err(undo) => Err(anyhow!("{err:#}; removing the partial first load failed too: {undo:#}")),
            },
        }
    }

    async fn lane(&self, streams: &[Stream], shared: &Shared<'_>) -> Result<(u64, u64)> {
        let result = async {
            let mut src = self.source_pool.begin().await.context("opening a source transaction")?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET TRANSACTION SNAPSHOT '{}'",
                self.snapshot
            )))
            .execute(&mut *src)
            .await
            .context("joining the run's source snapshot")?;
            let (mut read, mut written) = (0, 0);
            for &stream in streams {
                if shared.failed.load(Ordering::Relaxed) {
                    break;
                }
                let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
                defer_bulk_summaries(&mut tx).await?;
                ensure_staging(&mut tx).await?;
                let select = extract::full_select(stream, self.inboxes);
                let copy = load::copy_sql(stream, load::Staging::of(&tx));
                let rows = load::pipe(&mut src, &mut tx, &select, &copy).await?;
                written += insert(&mut tx, stream, self.tenant, rows).await?;
                runs::advance_watermarks(&mut tx, &[stream.name()], &[(self.stream_ids)(stream)], self.upper)
                    .await?;
                tx.commit().await?;
                read += rows;
                (shared.on_rows)(stream, shared.read.fetch_add(rows, Ordering::Relaxed) + rows);
            }
            src.rollback().await.ok();
            Ok((read, written))
        }
        .await;
        if result.is_err() {
            shared.failed.store(true, Ordering::Relaxed);
        }
        result
    }

    /// Sums the loaded facts into the tenant's dimension rollups and computes the export's facts,
    /// in two parts side by side, and clears the stale mark once both committed. The parts write
    /// disjoint rows (the binned dimensions' and the conversations' facts, the other dimensions'),
    /// so neither waits on the other.
    async fn sum_dimension_rollups(&self) -> Result<()> {
        // From none: whatever a load stopped before its pass left.
        let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
        delete_dimension_rollups(&mut tx).await?;
        tx.commit().await?;
        let part = |steps: &'static [SummingStep]| async move {
            let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
            for &step in steps {
                match step {
                    SummingStep::Dimensions(facts, dimensions) => {
                        add_dimension_rollups(&mut tx, facts, dimensions).await?
                    }
                    SummingStep::ConversationFacts => {
                        // They rewrite every conversation: the triggers' sums would move nothing.
                        defer_bulk_summaries(&mut tx).await?;
                        rebuild_conversation_facts(&mut tx).await?
                    }
                }
            }
            tx.commit().await
        };
        tokio::try_join!(part(SUMMING_PARTS[0]), part(SUMMING_PARTS[1]))?;
        let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
        unmark_dimension_rollups_stale(&mut tx).await?;
        tx.commit().await
    }

    /// Deletes whatever the lanes committed, and their watermarks: the tenant had neither.
    async fn undo(&self) -> Result<()> {
        let mut tx = runs::bookkeeping_tx(self.pool, self.tenant).await?;
        // Deferred: the triggers would move each deleted conversation's sums before deleting them.
        // The export's facts go with their conversations; the dimension rollups are summed again
        // (from nothing), which also clears the stale mark.
        defer_bulk_summaries(&mut tx).await?;
        delete_facts(&mut tx).await?;
        rebuild_dimension_rollups(&mut tx).await?;
        sqlx::query("DELETE FROM etl_watermarks").execute(&mut *tx).await?;
        tx.commit().await
    }
}
