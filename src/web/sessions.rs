//! Login sessions: creation, lookup with absolute and idle expiry, logout and revocation.
//!
//! A session token is 256 random bits, sent to the browser in an HttpOnly cookie. The database
//! keeps only its SHA-256, so a copy of the `sessions` table cannot be replayed. All of this runs
//! on the platform path (the tenant role has no grant on `sessions` or `users`), because a
//! session is resolved before any tenant is known.

use std::net::IpAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;

use crate::admin::Locale;
use crate::db::TenantId;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "geniai_session";

/// A fresh random token: 256 bits, URL-safe base64 (43 characters).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// The SHA-256 of a token: what the database stores and looks up.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// A user's role, as stored in `users.role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// GeniAI staff: every tenant, the admin view.
    PlatformAdmin,
    /// A client's administrator: its dashboard and its integration settings.
    Admin,
    /// A client's analyst: its dashboard.
    Analyst,
    /// A client's viewer: its dashboard.
    Viewer,
}

impl Role {
    /// Parses the stored role name.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "platform_admin" => Some(Role::PlatformAdmin),
            "admin" => Some(Role::Admin),
            "analyst" => Some(Role::Analyst),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// The tenant a user or token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TenantRef {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    /// The tenant's IANA timezone (its reports' default).
    pub timezone: String,
}

impl TenantRef {
    /// Finds a tenant by slug, on a platform transaction (any status).
    pub async fn by_slug(conn: &mut PgConnection, slug: &str) -> Result<Option<TenantRef>> {
        let row: Option<(i32, String, String, String)> =
            sqlx::query_as("SELECT id, slug, name, timezone FROM tenants WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&mut *conn)
                .await
                .context("looking up the tenant")?;
        Ok(row.map(|(id, slug, name, timezone)| TenantRef { id: TenantId(id), slug, name, timezone }))
    }
}

/// The user behind a valid session.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// `None` for platform admins.
    pub tenant: Option<TenantRef>,
    /// The user's own dashboard language, if they chose one.
    pub locale: Option<Locale>,
    /// Their tenant's default language (`None` for platform admins).
    pub tenant_locale: Option<Locale>,
}

/// Stores a new session for `user_id` and returns its token (shown once, to the browser).
pub async fn create(
    conn: &mut PgConnection,
    user_id: i64,
    ttl: Duration,
    ip: Option<IpAddr>,
    user_agent: Option<&str>,
) -> Result<String> {
    let token = new_token();
    let expires_at = Utc::now() + chrono::Duration::from_std(ttl).context("session lifetime too long")?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4::text::inet, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(expires_at)
    .bind(ip.map(|ip| ip.to_string()))
    .bind(user_agent.map(|ua| ua.chars().take(300).collect::<String>()))
    .execute(&mut *conn)
    .await
    .context("storing the session")?;
    Ok(token)
}

/// The user of a live session: not past its absolute expiry, used within `idle_timeout`, its user
/// active and, for a tenant's user, its tenant active. Marks the session as used (at most once a
/// minute, to spare the database a write per request).
pub async fn lookup(
    conn: &mut PgConnection,
    token: &str,
    idle_timeout: Duration,
) -> Result<Option<SessionUser>> {
    let hash = token_hash(token);
    let idle_seconds = idle_timeout.as_secs_f64();
    #[allow(clippy::type_complexity)]
    let row: Option<(
        i64,
        String,
        String,
        String,
        Option<i32>,
        Option<String>,
        Option<String>,
        Option<String>,
        DateTime<Utc>,
        Option<String>,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, t.id, t.slug, t.name, t.timezone, s.last_seen_at,
                u.locale, CASE WHEN t.id IS NOT NULL THEN COALESCE(ts.locale, 'en') END
               FROM sessions s
               JOIN users u ON u.id = s.user_id
               LEFT JOIN tenants t ON t.id = u.tenant_id
               LEFT JOIN tenant_settings ts ON ts.tenant_id = t.id
              WHERE s.token_hash = $1
                AND s.expires_at > now()
                AND s.last_seen_at > now() - make_interval(secs => $2)
                AND u.is_active
                AND (u.tenant_id IS NULL OR t.status = 'active')",
    )
    .bind(&hash)
    .bind(idle_seconds)
    .fetch_optional(&mut *conn)
    .await
    .context("looking up the session")?;
    let Some((
        user_id,
        email,
        name,
        role,
        tenant_id,
        slug,
        tenant_name,
        timezone,
        last_seen,
        locale,
        tenant_locale,
    )) = row
    else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    if Utc::now() - last_seen > chrono::Duration::seconds(60) {
        sqlx::query("UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1")
            .bind(&hash)
            .execute(&mut *conn)
            .await
            .context("marking the session as used")?;
    }
    let tenant = match (tenant_id, slug, tenant_name, timezone) {
        (Some(id), Some(slug), Some(name), Some(timezone)) => {
            Some(TenantRef { id: TenantId(id), slug, name, timezone })
        }
        _ => None,
    };
    // A tenant role without a tenant (or the reverse) is refused by a CHECK; be strict anyway.
    if (role == Role::PlatformAdmin) != tenant.is_none() {
        return Ok(None);
    }
    // A tag this build has no translation for (written by a newer one) reads as no choice.
    let locale = locale.and_then(|l| l.parse::<Locale>().ok());
    let tenant_locale = tenant_locale.and_then(|l| l.parse::<Locale>().ok());
    Ok(Some(SessionUser { user_id, email, name, role, tenant, locale, tenant_locale }))
}

/// Deletes one session (logout). Unknown tokens are ignored.
pub async fn delete(conn: &mut PgConnection, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&mut *conn)
        .await
        .context("deleting the session")?;
    Ok(())
}

/// Ends every session of a user: call it when the user's password changes or the user is
/// disabled. Takes a connection on the platform path (a `PlatformTx`), so it commits or rolls
/// back with the change that caused it. Returns how many sessions ended.
pub async fn revoke_all_for_user(conn: &mut PgConnection, user_id: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await
        .context("ending the user's sessions")?;
    Ok(done.rows_affected())
}

/// Removes sessions past their absolute expiry (housekeeping at each login).
pub async fn delete_expired(conn: &mut PgConnection) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at < now()")
        .execute(&mut *conn)
        .await
        .context("removing expired sessions")?;
    Ok(done.rows_affected())
}

/// Sets (or with `None` clears, to follow the tenant again) a user's own dashboard language.
pub async fn set_user_locale(conn: &mut PgConnection, user_id: i64, locale: Option<Locale>) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $2 WHERE id = $1")
        .bind(user_id)
        .bind(locale.map(Locale::tag))
        .execute(&mut *conn)
        .await
        .context("saving the user's language")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_eq!(token_hash(&a).len(), 32);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
