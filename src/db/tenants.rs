//! Looking tenants up by slug on the platform path, before a tenant transaction is opened.

use anyhow::Result;
use sqlx::PgPool;

use super::{TenantId, platform_tx};
use crate::error::UserError;

/// What commands need to know about a tenant before working inside it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TenantRef {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub timezone: String,
}

/// Finds a tenant by slug; an unknown slug is a [`UserError`] (exit code 2).
pub async fn find_by_slug(pool: &PgPool, slug: &str) -> Result<TenantRef> {
    let mut tx = platform_tx(pool).await?;
    let tenant: Option<TenantRef> =
        sqlx::query_as("SELECT id, slug, name, status, timezone FROM tenants WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;
    tenant.ok_or_else(|| UserError::new(format!("unknown tenant `{slug}` (see `geniai tenant list`)")).into())
}
