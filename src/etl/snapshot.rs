//! The source snapshot of a run: one read-only REPEATABLE READ transaction on the Chatwoot
//! database, and what the run's watermarks advance to, read in it.

use anyhow::{Context, Result};
use sqlx::{PgPool, Postgres, Transaction};

use super::extract::{self, Stream};

/// An open source snapshot. Everything a run reads from the source goes through `tx`, so the
/// streams agree with each other and with the watermarks in `bounds`.
pub(super) struct SourceSnapshot {
    pub tx: Transaction<'static, Postgres>,
    pub bounds: Bounds,
}

/// What the watermarks may advance to, as of the snapshot.
#[derive(Debug, Clone)]
pub(super) struct Bounds {
    /// How far the time watermarks may advance (see [`extract::safe_upper_bound`]).
    pub upper: extract::UpperBound,
    /// The highest CSAT response id.
    pub csat_max: i64,
    /// The highest conversation id.
    pub conversation_max: i64,
}

impl SourceSnapshot {
    /// Opens a snapshot on `source` and reads its bounds.
    pub async fn open(source: &PgPool) -> Result<SourceSnapshot> {
        let mut tx = source.begin().await.context("opening a source transaction")?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
        let upper = extract::safe_upper_bound(&mut tx).await.context("reading the source clock")?;
        let csat_max: i64 = sqlx::query_scalar(extract::CSAT_MAX_ID_SQL).fetch_one(&mut *tx).await?;
        let conversation_max: i64 =
            sqlx::query_scalar(extract::CONVERSATION_MAX_ID_SQL).fetch_one(&mut *tx).await?;
        Ok(SourceSnapshot { tx, bounds: Bounds { upper, csat_max, conversation_max } })
    }
}

impl Bounds {
    /// The id cursor a stream's watermark advances to (0 for the streams keyed by time only).
    pub fn stream_id(&self, stream: Stream) -> i64 {
        match stream {
            Stream::Csat => self.csat_max,
            Stream::Conversations => self.conversation_max,
            _ => 0,
        }
    }

    /// Every stream's id cursor, in [`Stream::ALL`]'s order.
    pub fn stream_ids(&self) -> Vec<i64> {
        Stream::ALL.iter().map(|s| self.stream_id(*s)).collect()
    }
}
