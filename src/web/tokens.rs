//! Per-tenant API tokens for `/api/v1`: creation, listing, revocation and lookup.
//!
//! A token is `gna_` followed by 256 random bits (URL-safe base64). It is shown once, when it is
//! created; the database keeps its SHA-256 and a short prefix to recognise it in listings. Each
//! token is bound to one tenant. Lookups happen before a tenant is known, so everything here runs
//! on the platform path, like sessions.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;

use super::sessions::{TenantRef, new_token, token_hash};
use crate::audit::{self, AuditEntry};
use crate::db::TenantId;

/// What every API token starts with, so that leaked tokens are easy to recognise and scan for.
pub const TOKEN_PREFIX: &str = "gna_";

/// An API token as listed (never the token itself).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    pub id: i64,
    pub tenant: String,
    pub name: String,
    /// The token's first characters, e.g. `gna_AbCd`.
    pub prefix: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl crate::output::Tabular for ApiToken {}

/// A newly created token: the record and the secret, which is shown exactly once.
pub struct CreatedToken {
    pub record: ApiToken,
    pub token: String,
}

impl std::fmt::Debug for CreatedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedToken").field("record", &self.record).field("token", &"<redacted>").finish()
    }
}

const SELECT_TOKENS: &str = "SELECT k.id, t.slug AS tenant, k.name, k.prefix, k.created_by, k.created_at,
            k.last_used_at, k.revoked_at
       FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id";

/// Creates a token for `tenant` (on a platform transaction) and audits it.
pub async fn create(
    conn: &mut PgConnection,
    tenant: &TenantRef,
    name: &str,
    actor: &str,
) -> Result<CreatedToken> {
    let token = format!("{TOKEN_PREFIX}{}", new_token());
    let prefix: String = token.chars().take(TOKEN_PREFIX.len() + 6).collect();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (tenant_id, name, token_hash, prefix, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(tenant.id)
    .bind(name)
    .bind(token_hash(&token))
    .bind(&prefix)
    .bind(actor)
    .fetch_one(&mut *conn)
    .await
    .context("storing the API token")?;
    let record = get(conn, id).await?.context("the new token vanished")?;
    let entry = AuditEntry::new(actor, "token.create", format!("token:{}/{id}", tenant.slug))
        .tenant(tenant.id)
        .after(serde_json::json!({ "name": name, "prefix": prefix }));
    audit::record(conn, entry).await?;
    Ok(CreatedToken { record, token })
}

/// One token by id.
pub async fn get(conn: &mut PgConnection, id: i64) -> Result<Option<ApiToken>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_TOKENS} WHERE k.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .context("reading the API token")
}

/// Every token, or those of one tenant, newest first.
pub async fn list(conn: &mut PgConnection, tenant: Option<TenantId>) -> Result<Vec<ApiToken>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_TOKENS} WHERE $1::integer IS NULL OR k.tenant_id = $1 ORDER BY k.created_at DESC, k.id DESC"
    )))
    .bind(tenant)
    .fetch_all(&mut *conn)
    .await
    .context("listing API tokens")
}

/// Revokes a token (kept for the record, never usable again) and audits it. Returns the token
/// as it was, or `None` when there is no such token; revoking twice is not an error.
pub async fn revoke(conn: &mut PgConnection, id: i64, actor: &str) -> Result<Option<ApiToken>> {
    let Some(before) = get(conn, id).await? else { return Ok(None) };
    let tenant: i32 = sqlx::query_scalar(
        "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING tenant_id",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await
    .context("revoking the API token")?;
    if before.revoked_at.is_none() {
        let entry = AuditEntry::new(actor, "token.revoke", format!("token:{}/{id}", before.tenant))
            .tenant(TenantId(tenant))
            .before(serde_json::json!({ "name": before.name, "prefix": before.prefix }));
        audit::record(conn, entry).await?;
    }
    Ok(Some(before))
}

/// The tenant of a live token (not revoked, tenant active), marking it used at most once a minute.
pub async fn lookup(conn: &mut PgConnection, token: &str) -> Result<Option<TenantRef>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<(i64, i32, String, String, String, bool)> = sqlx::query_as(
        "SELECT k.id, t.id, t.slug, t.name, t.timezone,
                k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'
           FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id
          WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND t.status = 'active'",
    )
    .bind(&hash)
    .fetch_optional(&mut *conn)
    .await
    .context("looking up the API token")?;
    let Some((id, tenant_id, slug, name, timezone, stale)) = row else { return Ok(None) };
    if stale {
        sqlx::query("UPDATE api_tokens SET last_used_at = now() WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("marking the API token as used")?;
    }
    Ok(Some(TenantRef { id: TenantId(tenant_id), slug, name, timezone }))
}
