//! A run of the ETL over the selected tenants: the shared read first, then each remaining
//! tenant on its own, `jobs` at a time.

use std::sync::Arc;

use anyhow::Result;
use futures::StreamExt;
use sqlx::PgPool;

use super::options::{EtlOptions, Progress, TenantReport};
use super::routes::{SourcePools, routes};
use super::shared;
use super::statistics::Statistics;
use super::tenant::run_tenant;

/// Runs the ETL over the selected tenants. A failing tenant is reported, never fatal: the
/// returned reports say which failed. Errors are only for routing faults (unknown tenant,
/// unreachable analytics database).
pub async fn run(pool: &PgPool, options: &EtlOptions, progress: Progress) -> Result<Vec<TenantReport>> {
    let routes = routes(pool, &options.selection).await?;
    let sources = Arc::new(SourcePools::default());
    let statistics = Statistics::default();
    let jobs = options.jobs.max(1);
    // Plain incremental runs on the shared source first, read together; the rest (and any
    // tenant that changed meanwhile) one by one.
    let (shared_reports, routes) = shared::run(pool, options, &sources, &statistics, routes, &progress).await;
    let reports: Vec<TenantReport> = futures::stream::iter(routes)
        .map(|route| {
            let sources = Arc::clone(&sources);
            let progress = Arc::clone(&progress);
            let statistics = &statistics;
            async move { run_tenant(pool, options, &sources, statistics, route, progress).await }
        })
        .buffer_unordered(jobs)
        .collect()
        .await;
    sources.close().await;
    if !options.dry_run {
        statistics.finish(pool).await;
    }
    let mut reports = reports;
    reports.extend(shared_reports);
    reports.sort_by(|a, b| a.tenant.cmp(&b.tenant));
    Ok(reports)
}
