//! Routing: which tenants a run covers and which inboxes each owns (read from the platform
//! tables), and the connection pools a run opens on its sources and on the analytics database.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use anyhow::{Context, Result};
use sqlx::PgPool;
use tokio::sync::Mutex;

use super::options::Selection;
use crate::admin::TenantStatus;
use crate::db::{self, TenantId};
use crate::error::DomainError;

/// A tenant as routing sees it.
#[derive(Debug, Clone)]
pub(super) struct TenantRoute {
    pub id: TenantId,
    pub slug: String,
    pub status: TenantStatus,
    /// The inboxes mapped to the tenant, ascending.
    pub inboxes: Vec<i32>,
}

/// Connections a run of `jobs` tenants at a time may need on each source and (plus one for the
/// run rows) on the analytics database: per tenant, its run's transaction and the two lanes of a
/// first load.
pub fn pool_size(jobs: usize) -> u32 {
    jobs.max(1) as u32 * 3 + 1
}

/// Opens a pool on the analytics database for the ETL's long statements.
pub async fn connect_target(url: &str, max_connections: u32) -> Result<PgPool> {
    db::session::open_pool(
        url,
        db::session::Database::AnalyticsBulk,
        max_connections,
        Duration::from_secs(30),
    )
    .await
}

/// The selected tenants with their inboxes, by slug.
pub(super) async fn routes(pool: &PgPool, selection: &Selection) -> Result<Vec<TenantRoute>> {
    let mut tx = db::platform_tx(pool).await?;
    let rows: Vec<(TenantId, String, TenantStatus, Vec<i32>)> = sqlx::query_as(
        "SELECT t.id, t.slug, t.status,
                coalesce(array_agg(m.inbox_id ORDER BY m.inbox_id) FILTER (WHERE m.inbox_id IS NOT NULL), '{}')
         FROM tenants t LEFT JOIN inbox_mappings m ON m.tenant_id = t.id
         GROUP BY t.id ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await
    .context("reading the tenants and their inboxes")?;
    tx.commit().await?;
    let all: Vec<TenantRoute> = rows
        .into_iter()
        .map(|(id, slug, status, inboxes)| TenantRoute { id, slug, status, inboxes })
        .collect();
    match selection {
        Selection::All => Ok(all),
        Selection::Slugs(slugs) => {
            let wanted: BTreeSet<&str> = slugs.iter().map(String::as_str).collect();
            let unknown: Vec<&str> =
                wanted.iter().copied().filter(|s| !all.iter().any(|t| t.slug == *s)).collect();
            if !unknown.is_empty() {
                return Err(DomainError::not_found(format!("unknown tenant: {}", unknown.join(", "))).into());
            }
            Ok(all.into_iter().filter(|t| wanted.contains(t.slug.as_str())).collect())
        }
    }
}

/// Source pools by URL, opened on first use and shared by the tenants that read the same one.
#[derive(Default)]
pub(super) struct SourcePools {
    pools: Mutex<HashMap<String, PgPool>>,
}

impl SourcePools {
    pub(super) async fn get(&self, url: &str, size: u32) -> Result<PgPool> {
        let mut pools = self.pools.lock().await;
        if let Some(pool) = pools.get(url) {
            return Ok(pool.clone());
        }
        let pool = crate::source::connect(url, size).await?;
        pools.insert(url.to_string(), pool.clone());
        Ok(pool)
    }

    pub(super) async fn close(&self) {
        for pool in self.pools.lock().await.values() {
            pool.close().await;
        }
    }
}
