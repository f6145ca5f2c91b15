//! The continuous sync (`geniai etl --watch`, `geniai serve --sync`): the incremental run of
//! [`super::run::run()`] once per interval until told to stop.
//!
//! The loop owns pacing only; correctness stays with the run it repeats (watermarks, late
//! commits, per-tenant advisory locks, one transaction per tenant). Cycles never overlap: the
//! next starts an interval after the previous one started, or at once when it overran. A stop
//! request lets the cycle in flight finish, so no tenant is left half-done by this process.
//!
//! Failures back off exponentially, capped. A cycle in which every tenant failed (or the
//! analytics database could not be read) looks like an outage: the loop waits 1, 2, 4, …
//! intervals before the next one. A tenant that fails while others succeed leaves the cycle:
//! it is retried on its own, beside the cycles, after 1, 2, 4, … intervals, and rejoins them
//! once it succeeds, so a slow failure (an unreachable host's connect timeout) never holds back
//! the others' cycles. The two never hold one tenant at once. Watermarks only move on success,
//! so a recovery re-reads everything missed: no gap.
//!
//! Progress goes to tracing (cycle summaries) and to the run's callback (tenants).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use sqlx::PgPool;
use tokio::sync::watch;

use super::options::{EtlEvent, EtlOptions, Outcome, Progress, Selection, TenantReport};
use crate::db;
use crate::error::DomainError;

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

/// A tenant that failed in a cycle where others succeeded: out of the cycles until a retry of
/// its own succeeds.
#[derive(Debug)]
struct Failing {
    failures: u32,
    retry_at: Instant,
}

/// The retry of failing tenants in flight, beside the cycles.
type Retry = tokio::task::JoinHandle<(Vec<String>, Result<Vec<TenantReport>>)>;

/// Runs cycles until `stop` turns `true`, then waits for the cycle and the retry in flight.
/// An error only when the first cycle cannot start for a reason that retrying does not fix
/// (an unknown tenant slug); every later fault is logged and backed off from.
pub async fn run(
    pool: &PgPool,
    options: &EtlOptions,
    pace: WatchOptions,
    progress: Progress,
    mut stop: Stop,
) -> Result<WatchSummary> {
    let mut summary = WatchSummary::default();
    let mut failing: HashMap<String, Failing> = HashMap::new();
    let mut retry: Option<Retry> = None;
    let mut outages: u32 = 0;
    // What the cycles confirmed, so that the next one skips the tenants with nothing new.
    let confirmed = options.confirmed.clone().unwrap_or_default();
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
        if retry.as_ref().is_some_and(|r| r.is_finished())
            && let Some(done) = retry.take()
        {
            retried(done.await, &mut failing, pace);
        }
        if retry.is_none() {
            retry = spawn_retry(pool, options, &progress, &failing);
        }
        let started = Instant::now();
        summary.cycles += 1;
        let mut cycle = options.clone();
        cycle.selection = selection(pool, &options.selection, &failing).await;
        cycle.confirmed = Some(Arc::clone(&confirmed));
        let result = {
            let run = super::run::run(pool, &cycle, progress.clone());
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
            Err(err) if summary.cycles == 1 && DomainError::find(&err).is_some() => return Err(err),
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
                    for r in reports.iter().filter(|r| r.outcome == Outcome::Failed) {
                        let wait = backoff(pace, 1);
                        tracing::warn!(
                            event = "etl.watch.tenant_backoff", tenant = %r.tenant, failures = 1,
                            retry_seconds = wait.as_secs_f64(),
                            "{}: failed while others succeeded; retried on its own, beside the cycles", r.tenant
                        );
                        failing.insert(
                            r.tenant.clone(),
                            Failing { failures: 1, retry_at: Instant::now() + wait },
                        );
                    }
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
    if let Some(done) = retry.take() {
        retried(done.await, &mut failing, pace);
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

/// Starts a run of the failing tenants whose retry is due, unless none is.
fn spawn_retry(
    pool: &PgPool,
    options: &EtlOptions,
    progress: &Progress,
    failing: &HashMap<String, Failing>,
) -> Option<Retry> {
    let now = Instant::now();
    let due: Vec<String> =
        failing.iter().filter(|(_, f)| f.retry_at <= now).map(|(s, _)| s.clone()).collect();
    if due.is_empty() {
        return None;
    }
    let (pool, progress) = (pool.clone(), progress.clone());
    let mut options = options.clone();
    options.selection = Selection::Slugs(due.clone());
    Some(tokio::spawn(async move {
        let result = super::run::run(&pool, &options, progress).await;
        (due, result)
    }))
}

/// Takes in the outcome of a retry: a tenant that succeeded (or was skipped: suspended, or
/// processed by another worker) rejoins the cycles; one that failed again waits twice as long.
fn retried(
    done: Result<(Vec<String>, Result<Vec<TenantReport>>), tokio::task::JoinError>,
    failing: &mut HashMap<String, Failing>,
    pace: WatchOptions,
) {
    let (tenants, result) = match done {
        Ok(done) => done,
        Err(err) => {
            tracing::error!("the retry of failing tenants panicked: {err}");
            return;
        }
    };
    let reports = match result {
        Ok(reports) => reports,
        // A routing fault (a tenant deleted meanwhile): the cycles decide about them again.
        Err(err) => {
            tracing::warn!("retrying failing tenants: {err:#}");
            for tenant in tenants {
                failing.remove(&tenant);
            }
            return;
        }
    };
    for r in &reports {
        if r.outcome != Outcome::Failed {
            if failing.remove(&r.tenant).is_some() {
                tracing::info!(event = "etl.watch.tenant_recovered", tenant = %r.tenant, "{}: back in the cycles", r.tenant);
            }
            continue;
        }
        let Some(entry) = failing.get_mut(&r.tenant) else { continue };
        entry.failures += 1;
        let wait = backoff(pace, entry.failures);
        entry.retry_at = Instant::now() + wait;
        tracing::warn!(
            event = "etl.watch.tenant_backoff", tenant = %r.tenant, failures = entry.failures,
            retry_seconds = wait.as_secs_f64(),
            "{}: failed {} times in a row; next retry in {}", r.tenant, entry.failures,
            crate::output::human_duration(wait.as_secs_f64())
        );
    }
    // A tenant the run no longer knows (deleted): forgotten.
    for tenant in tenants {
        if !reports.iter().any(|r| r.tenant == tenant) {
            failing.remove(&tenant);
        }
    }
}

/// The tenants of the next cycle: `base` without the failing ones. Reads the tenant slugs only
/// when some tenant is failing; if that read fails, the cycle takes every tenant but those.
async fn selection(pool: &PgPool, base: &Selection, failing: &HashMap<String, Failing>) -> Selection {
    if failing.is_empty() {
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
    Selection::Slugs(slugs.into_iter().filter(|s| !failing.contains_key(s)).collect())
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
    fn a_tenant_failing_on_its_own_waits_longer_each_time_and_rejoins_on_success() {
        let pace = WatchOptions { interval: Duration::from_secs(1), max_backoff: Duration::from_secs(4) };
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
        let mut failing =
            HashMap::from([("acme".to_string(), Failing { failures: 1, retry_at: Instant::now() })]);
        let mut waits = Vec::new();
        for _ in 0..4 {
            let before = Instant::now();
            retried(Ok((vec!["acme".into()], Ok(vec![failed.clone()]))), &mut failing, pace);
            waits.push((failing["acme"].retry_at - before).as_secs());
        }
        assert_eq!(waits, [2, 4, 4, 4]);
        let ok = TenantReport { outcome: Outcome::Succeeded, ..failed };
        retried(Ok((vec!["acme".into()], Ok(vec![ok]))), &mut failing, pace);
        assert!(failing.is_empty());
    }
}
