//! Checking a login: password verification with per-account lockout and per-IP throttling.
//!
//! Every failure looks the same to the caller (`None`), whatever the cause: unknown email, wrong
//! password, disabled user, suspended tenant, locked account or throttled IP. Unknown emails are
//! verified against a dummy hash so that they take as long as known ones. Failures are recorded
//! in the database (`users.failed_login_count` / `locked_until` for the account, `login_failures`
//! for the IP), so the limits hold across server instances and restarts.

use std::net::IpAddr;

use anyhow::{Context, Result};
use sqlx::PgPool;

use crate::db;
use crate::password;

/// Failed logins on one account, within [`FAILURE_WINDOW_MINUTES`], that lock it.
pub const MAX_ACCOUNT_FAILURES: i32 = 5;
/// Failed logins from one IP, within [`FAILURE_WINDOW_MINUTES`], after which that IP is refused.
pub const MAX_IP_FAILURES: i64 = 20;
/// The window over which failures count, and how long a lock lasts.
pub const FAILURE_WINDOW_MINUTES: i32 = 15;

/// Checks the credentials; on success, returns the user's id (the caller opens the session).
pub async fn check(pool: &PgPool, email: &str, password: &str, ip: Option<IpAddr>) -> Result<Option<i64>> {
    let email = email.trim().to_lowercase();
    let ip_text = ip.map(|ip| ip.to_string());
    let mut tx = db::platform_tx(pool).await?;
    let ip_failures: i64 = match &ip_text {
        Some(ip) => sqlx::query_scalar(
            "SELECT count(*) FROM login_failures
              WHERE ip = $1::inet AND at > now() - make_interval(mins => $2)",
        )
        .bind(ip)
        .bind(FAILURE_WINDOW_MINUTES)
        .fetch_one(&mut *tx)
        .await
        .context("counting recent login failures")?,
        None => 0,
    };
    #[allow(clippy::type_complexity)]
    let user: Option<(i64, String, bool, bool, bool)> = sqlx::query_as(
        "SELECT u.id, u.password_hash, u.is_active,
                u.tenant_id IS NULL OR t.status = 'active',
                u.locked_until IS NOT NULL AND u.locked_until > now()
           FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id
          WHERE u.email = $1",
    )
    .bind(&email)
    .fetch_optional(&mut *tx)
    .await
    .context("looking up the user")?;
    tx.commit().await?;

    // Verify in every case, so that timing says nothing about which check failed.
    let stored_hash =
        user.as_ref().map(|u| u.1.clone()).unwrap_or_else(|| password::dummy_hash().to_string());
    let password_ok = password::verify(password.to_string(), stored_hash).await;

    let allowed = match &user {
        Some((_, _, active, tenant_active, locked)) => {
            password_ok && *active && *tenant_active && !*locked && ip_failures < MAX_IP_FAILURES
        }
        None => false,
    };

    let mut tx = db::platform_tx(pool).await?;
    if allowed {
        let user_id = user.as_ref().map(|u| u.0).unwrap_or_default();
        sqlx::query(
            "UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await
        .context("recording the login")?;
        tx.commit().await?;
        return Ok(Some(user_id));
    }
    sqlx::query("INSERT INTO login_failures (ip, email) VALUES ($1::text::inet, $2)")
        .bind(&ip_text)
        .bind(email.chars().take(320).collect::<String>())
        .execute(&mut *tx)
        .await
        .context("recording the failed login")?;
    if let Some((user_id, ..)) = &user
        && !password_ok
    {
        // Failures older than the window start the count afresh; reaching the limit locks.
        sqlx::query(
            "UPDATE users
                SET failed_login_count = CASE
                        WHEN last_failed_login_at > now() - make_interval(mins => $2)
                        THEN failed_login_count + 1 ELSE 1 END,
                    last_failed_login_at = now()
              WHERE id = $1",
        )
        .bind(user_id)
        .bind(FAILURE_WINDOW_MINUTES)
        .execute(&mut *tx)
        .await
        .context("counting the failed login")?;
        sqlx::query(
            "UPDATE users SET locked_until = now() + make_interval(mins => $2)
              WHERE id = $1 AND failed_login_count >= $3
                AND (locked_until IS NULL OR locked_until < now())",
        )
        .bind(user_id)
        .bind(FAILURE_WINDOW_MINUTES)
        .bind(MAX_ACCOUNT_FAILURES)
        .execute(&mut *tx)
        .await
        .context("locking the account")?;
    }
    // Keep the table small: failures older than a day no longer count for anything.
    sqlx::query("DELETE FROM login_failures WHERE at < now() - interval '1 day'")
        .execute(&mut *tx)
        .await
        .context("pruning old login failures")?;
    tx.commit().await?;
    Ok(None)
}
