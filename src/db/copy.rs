//! Moving rows from one PostgreSQL connection to another with `COPY`, holding a few chunks in
//! memory whatever the row count.

use std::ops::DerefMut;

use anyhow::{Context, Result};
use futures::{Stream, StreamExt};
use sqlx::PgConnection;
use sqlx::postgres::PgCopyIn;

/// Bytes gathered from the reading side before they are handed to the writing side. The reading
/// side receives one message per row; writing each alone would cost a system call per row.
const CHUNK: usize = 256 * 1024;

/// Chunks waiting between the two sides. Reading goes on while a chunk is being written, so
/// neither server waits for the other one's round trip through this process.
const CHUNKS_IN_FLIGHT: usize = 4;

/// What a failure on each side of a [`relay`] is reported as.
pub struct RelaySides {
    /// Context for a failure while reading the `COPY … TO STDOUT` stream.
    pub reading: &'static str,
    /// Context for a failure while writing into the `COPY … FROM STDIN`.
    pub writing: &'static str,
}

/// Runs `copy_out` (a `COPY … TO STDOUT`) on `source` and forwards its rows into `sink`, a
/// `COPY … FROM STDIN` in the same format, reading and writing at the same time. Finishes the
/// `COPY` into `sink` and returns its row count; on a failure on either side, aborts it (the rows
/// already sent are discarded) and returns the error with the context `sides` names for it.
pub async fn relay<C: DerefMut<Target = PgConnection>>(
    source: &mut PgConnection,
    copy_out: &str,
    sink: PgCopyIn<C>,
    sides: RelaySides,
) -> Result<u64> {
    match source.copy_out_raw(copy_out).await {
        Ok(rows) => forward(rows, sink, sides).await,
        Err(err) => {
            sink.abort("the copy could not start").await.ok();
            Err(anyhow::Error::new(err).context(sides.reading))
        }
    }
}

/// The two sides of [`relay`], joined by a bounded channel of chunks.
async fn forward<C: DerefMut<Target = PgConnection>, Row: AsRef<[u8]>>(
    rows: impl Stream<Item = sqlx::Result<Row>>,
    mut sink: PgCopyIn<C>,
    sides: RelaySides,
) -> Result<u64> {
    let (chunks, mut ready) = tokio::sync::mpsc::channel::<Vec<u8>>(CHUNKS_IN_FLIGHT);
    let read = async move {
        let mut rows = std::pin::pin!(rows);
        let mut buffer = Vec::with_capacity(CHUNK * 2);
        while let Some(row) = rows.next().await {
            buffer.extend_from_slice(row.context(sides.reading)?.as_ref());
            if buffer.len() >= CHUNK {
                let full = std::mem::replace(&mut buffer, Vec::with_capacity(CHUNK * 2));
                if chunks.send(full).await.is_err() {
                    // The writing side stopped; its error is the one to report.
                    return Ok(());
                }
            }
        }
        if !buffer.is_empty() {
            chunks.send(buffer).await.ok();
        }
        Ok::<(), anyhow::Error>(())
    };
    let write = async {
        while let Some(chunk) = ready.recv().await {
            if let Err(err) = sink.send(chunk).await {
                // Dropping the receiver stops the reading side at its next chunk.
                drop(ready);
                return Err(anyhow::Error::new(err).context(sides.writing));
            }
        }
        Ok(())
    };
    let (read, write) = tokio::join!(read, write);
    match read.and(write) {
        Ok(()) => sink.finish().await.context(sides.writing),
        Err(err) => {
            sink.abort("the copy was interrupted").await.ok();
            Err(err)
        }
    }
}
