//! Users: a tenant's staff (who see only their tenant) and platform admins (no tenant; they
//! manage tenants and see all of them).
//!
//! Emails are stored lower-cased, so they are unique case-insensitively (`users_email_key`).
//! Passwords arrive as plaintext from the caller (a hidden prompt, stdin or a web form), are checked
//! against the policy, hashed with argon2id off the async threads, and never stored, logged or
//! audited. Changing a password or disabling a user ends that user's sessions.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use zeroize::Zeroizing;

use super::tenants;
use super::validate;
use crate::audit::{self, AuditEntry};
use crate::db::{self, TenantId};
use crate::error::{DomainError, MessageId, is_unique_violation};
use crate::output::Tabular;
use crate::password;

/// What a tenant user may do (platform admins have no tenant role).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// Manages the tenant's settings, integration secrets and users.
    Admin,
    /// Reads every report and exports data.
    Analyst,
    /// Reads the dashboard (the default: least privilege).
    #[default]
    Viewer,
}

impl UserRole {
    /// The role as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Admin => "admin",
            UserRole::Analyst => "analyst",
            UserRole::Viewer => "viewer",
        }
    }
}

impl crate::enums::Word for UserRole {
    const WHAT: &'static str = "role";
    const ALL: &'static [UserRole] = &[UserRole::Admin, UserRole::Analyst, UserRole::Viewer];
    fn word(self) -> &'static str {
        self.as_str()
    }
}
crate::word_enum!(UserRole);

/// Whose user a new user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Membership {
    /// A user of the tenant with this slug, with a role.
    Tenant {
        /// The tenant's slug.
        slug: String,
        /// The user's role in it.
        role: UserRole,
    },
    /// A platform admin: no tenant, sees every tenant.
    PlatformAdmin,
}

/// A new user, as given by the admin.
pub struct NewUser {
    /// The email address (any case; stored lower-cased).
    pub email: String,
    /// The display name.
    pub name: String,
    /// Which tenant, or platform admin.
    pub membership: Membership,
    /// The initial password (wiped from memory when dropped).
    pub password: Zeroizing<String>,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("membership", &self.membership)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// A user, as `user list` shows it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct User {
    /// Internal id.
    pub id: i64,
    /// Lower-cased email address (the login).
    pub email: String,
    /// Display name.
    pub name: String,
    /// `platform_admin`, `admin`, `analyst` or `viewer`.
    pub role: String,
    /// The tenant's slug; `null` for platform admins.
    pub tenant: Option<String>,
    /// Whether the user may log in.
    pub is_active: bool,
    /// The last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    tenant_id: Option<TenantId>,
}

impl Tabular for User {
    fn headers(&self) -> Vec<String> {
        ["email", "name", "role", "tenant", "active", "last login"].map(String::from).to_vec()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.email.clone(),
            self.name.clone(),
            self.role.clone(),
            self.tenant.clone().unwrap_or_else(|| "(platform)".into()),
            if self.is_active { "yes" } else { "no" }.into(),
            self.last_login_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "never".into()),
        ]
    }
}

/// The audit view of a user: no hash, no counters.
fn audit_view(user: &User) -> serde_json::Value {
    serde_json::json!({
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "tenant": user.tenant,
        "is_active": user.is_active,
    })
}

const SELECT_USER: &str = "
    SELECT u.id, u.email, u.name, u.role, t.slug AS tenant, u.is_active, u.last_login_at,
           u.created_at, u.tenant_id
      FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id";

/// "unknown user", as the CLI and the web say it.
pub fn unknown_user(email: &str) -> DomainError {
    DomainError::not_found(format!("unknown user {email:?}")).id(MessageId::UnknownUser).arg("value", email)
}

/// "a user with email ... already exists".
fn user_exists(email: &str) -> anyhow::Error {
    anyhow::Error::new(
        DomainError::conflict(format!("a user with email {email:?} already exists"))
            .id(MessageId::UserExists)
            .arg("value", email),
    )
}

/// The user with this email (any case), or "unknown user" (exit 2).
pub async fn find(conn: &mut PgConnection, email: &str) -> Result<User> {
    let email = email.trim().to_lowercase();
    let user: Option<User> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_USER} WHERE u.email = $1")))
        .bind(&email)
        .fetch_optional(conn)
        .await
        .context("looking up the user")?;
    user.ok_or_else(|| anyhow::Error::new(unknown_user(&email)))
}

/// Creates a user, audited as `user.create` (without any password material).
pub async fn create(pool: &PgPool, actor: &str, new: NewUser) -> Result<User> {
    let email = validate::email(&new.email)?;
    let name = validate::name(&new.name)?;
    password::validate(&new.password)?;
    let mut tx = db::platform_tx(pool).await?;
    let (tenant_id, role) = match &new.membership {
        Membership::Tenant { slug, role } => {
            let tenant = tenants::find(&mut tx, slug).await?;
            (Some(tenant.id), role.as_str())
        }
        Membership::PlatformAdmin => (None, "platform_admin"),
    };
    // Fail on a duplicate before the slow hash.
    let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)")
        .bind(&email)
        .fetch_one(&mut *tx)
        .await?;
    if taken {
        return Err(user_exists(&email));
    }
    let hash = password::hash(new.password.to_string()).await?;
    let inserted = sqlx::query(
        "INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tenant_id)
    .bind(&email)
    .bind(&name)
    .bind(role)
    .bind(&hash)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err, "users_email_key") => return Err(user_exists(&email)),
        Err(err) => return Err(anyhow::Error::new(err).context("creating the user")),
    }
    let user = find(&mut tx, &email).await?;
    let entry = AuditEntry::new(actor, "user.create", format!("user:{email}")).after(audit_view(&user));
    audit::record(&mut tx, with_tenant(entry, user.tenant_id)).await?;
    tx.commit().await?;
    Ok(user)
}

fn with_tenant(entry: AuditEntry, tenant: Option<TenantId>) -> AuditEntry {
    match tenant {
        Some(id) => entry.tenant(id),
        None => entry,
    }
}

/// The users of one tenant, or all users (platform admins first), by email.
pub async fn list(pool: &PgPool, tenant: Option<&str>) -> Result<Vec<User>> {
    let mut tx = db::platform_tx(pool).await?;
    let tenant_id = match tenant {
        Some(slug) => Some(tenants::find(&mut tx, slug).await?.id),
        None => None,
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT_USER} WHERE $1::integer IS NULL OR u.tenant_id = $1
          ORDER BY t.slug NULLS FIRST, u.email"
    )))
    .bind(tenant_id)
    .fetch_all(&mut *tx)
    .await
    .context("listing the users")
}

/// Sets a user's password, ends the user's sessions, clears any lockout; audited as
/// `user.passwd` (without the password or its hash).
pub async fn set_password(
    pool: &PgPool,
    actor: &str,
    email: &str,
    new_password: Zeroizing<String>,
) -> Result<User> {
    password::validate(&new_password)?;
    let mut tx = db::platform_tx(pool).await?;
    let user = find(&mut tx, email).await?;
    let hash = password::hash(new_password.to_string()).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $2, password_changed_at = now(), failed_login_count = 0,
                locked_until = NULL, updated_at = now()
          WHERE id = $1",
    )
    .bind(user.id)
    .bind(&hash)
    .execute(&mut *tx)
    .await
    .context("changing the password")?;
    let sessions = end_sessions(&mut tx, user.id).await?;
    let entry = AuditEntry::new(actor, "user.passwd", format!("user:{}", user.email))
        .after(serde_json::json!({ "password_changed": true, "sessions_ended": sessions }));
    audit::record(&mut tx, with_tenant(entry, user.tenant_id)).await?;
    tx.commit().await?;
    Ok(user)
}

/// Ends the user's web sessions: the dashboard's own function, so there is one way to do it.
async fn end_sessions(conn: &mut PgConnection, user_id: i64) -> Result<u64> {
    crate::web::sessions::revoke_all_for_user(conn, user_id).await
}

/// Enables or disables a user (disabling ends the user's sessions), audited as `user.enable` /
/// `user.disable`. Returns the user and whether anything changed.
pub async fn set_active(pool: &PgPool, actor: &str, email: &str, active: bool) -> Result<(User, bool)> {
    let mut tx = db::platform_tx(pool).await?;
    let before = find(&mut tx, email).await?;
    if before.is_active == active {
        return Ok((before, false));
    }
    sqlx::query("UPDATE users SET is_active = $2, updated_at = now() WHERE id = $1")
        .bind(before.id)
        .bind(active)
        .execute(&mut *tx)
        .await
        .context("changing the user's status")?;
    if !active {
        end_sessions(&mut tx, before.id).await?;
    }
    let after = find(&mut tx, email).await?;
    let action = if active { "user.enable" } else { "user.disable" };
    let entry = AuditEntry::new(actor, action, format!("user:{}", before.email))
        .before(serde_json::json!({ "is_active": before.is_active }))
        .after(serde_json::json!({ "is_active": after.is_active }));
    audit::record(&mut tx, with_tenant(entry, before.tenant_id)).await?;
    tx.commit().await?;
    Ok((after, true))
}

/// Deletes a user (and the user's sessions), audited as `user.delete`.
pub async fn delete(pool: &PgPool, actor: &str, email: &str) -> Result<User> {
    let mut tx = db::platform_tx(pool).await?;
    let user = find(&mut tx, email).await?;
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user.id)
        .execute(&mut *tx)
        .await
        .context("deleting the user")?;
    let entry =
        AuditEntry::new(actor, "user.delete", format!("user:{}", user.email)).before(audit_view(&user));
    audit::record(&mut tx, with_tenant(entry, user.tenant_id)).await?;
    tx.commit().await?;
    Ok(user)
}
