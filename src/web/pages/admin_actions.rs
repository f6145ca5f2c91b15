//! The admin view's changes: create, suspend and activate a tenant, add a user. Each is one
//! platform transaction with its audit entry (actor `web:<email>`), and maps foreseeable faults
//! (duplicate slug or email, bad timezone, weak password) to a 400 with a sentence.

use sqlx::PgPool;

use crate::audit::{self, AuditEntry};
use crate::db;
use crate::error::is_unique_violation;
use crate::password;
use crate::web::WebError;
use crate::web::sessions::TenantRef;

fn bad(message: impl Into<String>) -> WebError {
    WebError::BadRequest(message.into())
}

/// Creates a tenant; returns its slug.
pub async fn create_tenant(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    name: &str,
    plan: &str,
    timezone: &str,
) -> Result<String, WebError> {
    let slug_ok = (2..=63).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-');
    if !slug_ok {
        return Err(bad("the slug must be 2 to 63 of a-z, 0-9 and '-', not starting with '-'"));
    }
    if name.is_empty() || name.chars().count() > 200 {
        return Err(bad("the name must be 1 to 200 characters"));
    }
    if !["basic", "pro", "enterprise"].contains(&plan) {
        return Err(bad("the plan must be basic, pro or enterprise"));
    }
    crate::reports::period::parse_timezone(timezone).map_err(|e| bad(e.0))?;
    let mut tx = db::platform_tx(pool).await?;
    let inserted: Result<i32, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO tenants (slug, name, plan, timezone) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(plan)
    .bind(timezone)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(err) if is_unique_violation(&err, "tenants_slug_key") => {
            return Err(bad(format!("a tenant with slug `{slug}` already exists")));
        }
        Err(err) => return Err(err.into()),
    };
    let entry = AuditEntry::new(actor, "tenant.create", format!("tenant:{slug}"))
        .tenant(db::TenantId(id))
        .after(serde_json::json!({ "slug": slug, "name": name, "plan": plan, "timezone": timezone }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(slug.to_string())
}

/// Suspends (`active = false`) or activates a tenant. A suspended tenant's sessions and tokens
/// stop working at once: they are checked against the tenant's status on every request.
pub async fn set_tenant_status(pool: &PgPool, actor: &str, slug: &str, active: bool) -> Result<(), WebError> {
    let mut tx = db::platform_tx(pool).await?;
    let tenant = TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?;
    let before: String = sqlx::query_scalar("SELECT status FROM tenants WHERE id = $1")
        .bind(tenant.id)
        .fetch_one(&mut *tx)
        .await?;
    let after = if active { "active" } else { "suspended" };
    if before == after {
        return Ok(());
    }
    sqlx::query("UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1")
        .bind(tenant.id)
        .bind(after)
        .execute(&mut *tx)
        .await?;
    let action = if active { "tenant.activate" } else { "tenant.suspend" };
    let entry = AuditEntry::new(actor, action, format!("tenant:{slug}"))
        .tenant(tenant.id)
        .before(serde_json::json!({ "status": before }))
        .after(serde_json::json!({ "status": after }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a user to a tenant.
pub async fn add_user(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    email: &str,
    name: &str,
    role: &str,
    password: String,
) -> Result<(), WebError> {
    let email = email.to_lowercase();
    let email_ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(char::is_whitespace);
    if !email_ok {
        return Err(bad("the email address is not valid"));
    }
    if name.is_empty() || name.chars().count() > 200 {
        return Err(bad("the name must be 1 to 200 characters"));
    }
    if !["admin", "analyst", "viewer"].contains(&role) {
        return Err(bad("the role must be admin, analyst or viewer"));
    }
    password::validate(&password).map_err(|e| bad(e.0))?;
    let hash = password::hash(password).await?;
    let mut tx = db::platform_tx(pool).await?;
    let tenant = TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?;
    let inserted = sqlx::query(
        "INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant.id)
    .bind(&email)
    .bind(name)
    .bind(role)
    .bind(&hash)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err, "users_email_key") => {
            return Err(bad(format!("a user with email {email} already exists")));
        }
        Err(err) => return Err(err.into()),
    }
    let entry = AuditEntry::new(actor, "user.create", format!("user:{email}"))
        .tenant(tenant.id)
        .after(serde_json::json!({ "email": email, "name": name, "role": role, "tenant": slug }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
