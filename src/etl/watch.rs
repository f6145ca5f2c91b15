//! The continuous sync (`geniai etl --watch`, `geniai serve --sync`): the incremental run of
//! [`super::run`] once per interval until told to stop.
//!
//! The loop owns pacing only; correctness stays with the run it repeats (watermarks, late
//! commits, per-tenant advisory locks, one transaction per tenant). Cycles never overlap: the
//! next starts an interval after the previous one started, or at once when it overran. A stop
//! request lets the cycle in flight finish, so no tenant is left half-done by this process.
//!
//! Failures back off exponentially, capped: a cycle in which every tenant failed (or the
//! analytics database could not be read) looks like an outage, and the loop waits 1, 2, 4, …
//! intervals before the next one; a tenant that keeps failing while others succeed sits out
//! 0, 1, 3, 7, … cycles, so that a slow failure (an unreachable host's connect timeout) does
//! not hold back the others' cycles. Watermarks only move on success, so a recovery re-reads
//! everything missed: no gap.
//!
//! Progress goes to tracing (cycle summaries) and to the run's callback (tenants).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use sqlx::PgPool;
use tokio::sync::watch;

use super::{EtlEvent, EtlOptions, Outcome, Progress, Selection, TenantReport};
use crate::db;
use crate::error::UserError;

/// How the loop paces itself.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    /// From the start of one cycle to the start of the next.
    pub interval: Duration,
    /// The longest wait that backing off may reach.
    pub max_backoff: Duration,
}

/// The stop request: `true` once the loop should stop (a dropped sender stops it too).
pub type Stop = watch::Receiver<bool>;

/// What the loop did, once stopped.
#[derive(Debug, Default, Clone, Copy)]
pub struct WatchSummary {
    pub cycles: u64,
    /// Cycles in which every tenant failed, or the run could not start.
    pub failed_cycles: u64,
}

/// A tenant that failed in cycles where others succeeded.
#[derive(Debug, Default)]
struct Failing {
    failures: u32,
    /// Cycles still to sit out.
    skip: u64,
}

/// Runs cycles until `stop` turns `true`. An error only when the first cycle cannot start
/// for a reason that retrying does not fix (an unknown tenant slug); every later fault is
/// logged and backed off from.
pub async fn run(
    pool: &PgPool,
    options: &EtlOptions,
    pace: WatchOptions,
    progress: Progress,
    mut stop: Stop,
) -> Result<WatchSummary> {
    let mut summary = WatchSummary::default();
    let mut failing: HashMap<String, Failing> = HashMap::new();
    let mut outages: u32 = 0;
    let max_skip = (pace.max_backoff.as_secs_f64() / pace.interval.as_secs_f64().max(0.001)) as u64;
    tracing::info!(
        event = "etl.watch.started",
        interval_seconds = pace.interval.as_secs_f64(),
        "continuous sync: a cycle every {}",
        crate::output::human_duration(pace.interval.as_secs_f64())
    );
    loop {
        if stop_requested(&stop) {
            break;
        }
        let started = Instant::now();
        summary.cycles += 1;
        let mut cycle = options.clone();
        cycle.selection = selection(pool, &options.selection, &mut failing).await;
        let result = {
            let run = super::run(pool, &cycle, progress.clone());
            tokio::pin!(run);
            tokio::select! {
                result = &mut run => result,
                () = stopped(&mut stop) => {
                    tracing::info!(event = "etl.watch.stopping", "stopping once the cycle in flight is done");
                    run.await
                }
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        let wait = match result {
            Err(err) if summary.cycles == 1 && err.downcast_ref::<UserError>().is_some() => return Err(err),
            Err(err) => {
                outages += 1;
                summary.failed_cycles += 1;
                let wait = backoff(pace, outages);
                tracing::error!(
                    event = "etl.watch.cycle", outcome = "failed", error = %format!("{err:#}"),
                    retry_seconds = wait.as_secs_f64(),
                    "etl cycle failed: {err:#}; backing off, next cycle in {}",
                    crate::output::human_duration(wait.as_secs_f64())
                );
                wait
            }
            Ok(reports) => {
                let count = |o: Outcome| reports.iter().filter(|r| r.outcome == o).count();
                let (succeeded, failed, skipped) =
                    (count(Outcome::Succeeded), count(Outcome::Failed), count(Outcome::Skipped));
                let written: u64 = reports.iter().map(|r| r.rows_written).sum();
                if failed > 0 && succeeded == 0 {
                    // Everything failed: the source (or the target) is most likely down. The
                    // tenants are not blamed one by one, the whole loop slows down instead.
                    outages += 1;
                    summary.failed_cycles += 1;
                    let wait = backoff(pace, outages);
                    let first = reports.iter().find(|r| r.outcome == Outcome::Failed);
                    let error = first.and_then(|r| r.message.clone()).unwrap_or_default();
                    tracing::error!(
                        event = "etl.watch.cycle", outcome = "failed", failed, error = %error,
                        retry_seconds = wait.as_secs_f64(),
                        "etl cycle: every tenant failed ({error}); backing off, next cycle in {}",
                        crate::output::human_duration(wait.as_secs_f64())
                    );
                    wait
                } else {
                    if outages > 0 {
                        tracing::info!(
                            event = "etl.watch.recovered",
                            failed_cycles = outages,
                            "etl cycles succeed again after {outages} failed cycle(s)"
                        );
                        outages = 0;
                    }
                    blame(&reports, &mut failing, max_skip);
                    if written > 0 || failed > 0 {
                        tracing::info!(
                            event = "etl.watch.cycle",
                            outcome = if failed > 0 { "partial" } else { "succeeded" },
                            succeeded,
                            failed,
                            skipped,
                            rows_written = written,
                            seconds,
                            "etl cycle: {succeeded} succeeded, {failed} failed, {skipped} skipped, {written} rows written in {seconds:.2}s"
                        );
                    } else {
                        tracing::debug!(
                            event = "etl.watch.cycle",
                            outcome = "unchanged",
                            succeeded,
                            skipped,
                            seconds,
                            "etl cycle: nothing new ({seconds:.2}s)"
                        );
                    }
                    pace.interval.saturating_sub(started.elapsed())
                }
            }
        };
        if wait.is_zero() && !stop_requested(&stop) {
            tracing::debug!(event = "etl.watch.overrun", seconds, "the cycle overran the interval");
        }
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = stopped(&mut stop) => {}
        }
    }
    tracing::info!(
        event = "etl.watch.stopped",
        cycles = summary.cycles,
        failed_cycles = summary.failed_cycles,
        "continuous sync stopped after {} cycle(s)",
        summary.cycles
    );
    Ok(summary)
}

/// The wait after the `n`th failed cycle in a row: 1, 2, 4, … intervals, at most `max_backoff`.
fn backoff(pace: WatchOptions, n: u32) -> Duration {
    let factor = 2u32.saturating_pow(n.saturating_sub(1).min(20));
    pace.interval.saturating_mul(factor).min(pace.max_backoff.max(pace.interval))
}

/// Counts each tenant's failures in a cycle where others succeeded: the `n`th in a row makes it
/// sit out `2^(n-1) - 1` cycles (at most `max_skip`); a success forgets them.
fn blame(reports: &[TenantReport], failing: &mut HashMap<String, Failing>, max_skip: u64) {
    for r in reports {
        match r.outcome {
            Outcome::Failed => {
                let entry = failing.entry(r.tenant.clone()).or_default();
                entry.failures += 1;
                entry.skip =
                    (2u64.saturating_pow(entry.failures.saturating_sub(1).min(32)) - 1).min(max_skip);
                if entry.skip > 0 {
                    tracing::warn!(
                        event = "etl.watch.tenant_backoff", tenant = %r.tenant, failures = entry.failures,
                        cycles = entry.skip,
                        "{}: failed {} times in a row; sitting out {} cycle(s)", r.tenant, entry.failures, entry.skip
                    );
                }
            }
            Outcome::Succeeded => {
                failing.remove(&r.tenant);
            }
            Outcome::Skipped => {}
        }
    }
}

/// The tenants of the next cycle: `base` without those sitting out a cycle. Reads the tenant
/// slugs only when some tenant sits out; if that read fails, the cycle takes every tenant.
async fn selection(pool: &PgPool, base: &Selection, failing: &mut HashMap<String, Failing>) -> Selection {
    let resting: Vec<String> = failing
        .iter_mut()
        .filter(|(_, f)| f.skip > 0)
        .map(|(slug, f)| {
            f.skip -= 1;
            slug.clone()
        })
        .collect();
    if resting.is_empty() {
        return base.clone();
    }
    let slugs = match base {
        Selection::Slugs(slugs) => slugs.clone(),
        Selection::All => match slugs(pool).await {
            Ok(slugs) => slugs,
            Err(err) => {
                tracing::debug!("reading the tenants: {err:#}");
                return base.clone();
            }
        },
    };
    Selection::Slugs(slugs.into_iter().filter(|s| !resting.contains(s)).collect())
}

async fn slugs(pool: &PgPool) -> Result<Vec<String>> {
    let mut tx = db::platform_tx(pool).await?;
    let slugs = sqlx::query_scalar("SELECT slug FROM tenants ORDER BY slug")
        .fetch_all(&mut *tx)
        .await
        .context("reading the tenants")?;
    tx.commit().await?;
    Ok(slugs)
}

fn stop_requested(stop: &Stop) -> bool {
    *stop.borrow() || stop.has_changed().is_err()
}

/// Resolves once a stop is requested (or the sender is gone).
async fn stopped(stop: &mut Stop) {
    let _ = stop.wait_for(|requested| *requested).await;
}

/// A progress callback for the loop: tenant lines only when something happened (rows written,
/// a failure), as a cycle with nothing new repeats every few seconds.
pub fn progress() -> Progress {
    std::sync::Arc::new(|event| {
        if let EtlEvent::Finished(r) = event {
            match r.outcome {
                Outcome::Failed => tracing::warn!(
                    event = "etl.tenant.finished", tenant = %r.tenant, outcome = "failed",
                    error = r.message.as_deref().unwrap_or(""),
                    "{}: FAILED: {}", r.tenant, r.message.as_deref().unwrap_or("")
                ),
                Outcome::Succeeded if r.rows_written > 0 => tracing::info!(
                    event = "etl.tenant.finished", tenant = %r.tenant, outcome = "succeeded", mode = %r.mode,
                    rows_read = r.rows_read, rows_written = r.rows_written, seconds = r.seconds,
                    "{}: {} rows read, {} written in {:.2}s", r.tenant, r.rows_read, r.rows_written, r.seconds
                ),
                _ => tracing::debug!(
                    event = "etl.tenant.finished", tenant = %r.tenant, mode = %r.mode,
                    note = r.message.as_deref().unwrap_or(""), "{}: {}", r.tenant, r.mode
                ),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let pace = WatchOptions { interval: Duration::from_secs(30), max_backoff: Duration::from_secs(300) };
        let waits: Vec<u64> = (1..=7).map(|n| backoff(pace, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 300, 300, 300]);
        assert_eq!(backoff(pace, u32::MAX).as_secs(), 300);
    }

    #[test]
    fn a_tenant_failing_alone_sits_out_more_cycles_each_time() {
        let failed = TenantReport {
            tenant: "acme".into(),
            outcome: Outcome::Failed,
            mode: String::new(),
            rows_read: 0,
            rows_written: 0,
            seconds: 0.0,
            message: None,
            warning: false,
        };
        let mut failing = HashMap::new();
        let mut skips = Vec::new();
        for _ in 0..5 {
            blame(std::slice::from_ref(&failed), &mut failing, 10);
            skips.push(failing["acme"].skip);
        }
        assert_eq!(skips, [0, 1, 3, 7, 10]);
        let ok = TenantReport { outcome: Outcome::Succeeded, ..failed };
        blame(&[ok], &mut failing, 10);
        assert!(failing.is_empty());
    }
}
