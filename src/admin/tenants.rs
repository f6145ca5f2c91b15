//! Tenants: create, look up, list, update, suspend and activate, delete.
//!
//! Tenants are platform rows, so everything here runs through `db::platform_tx`, and every change
//! is audited in the transaction that makes it.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};

use super::settings::Locale;
use super::{inboxes, validate};
use crate::audit::{self, AuditEntry};
use crate::db::{self, TenantId};
use crate::enums::Word;
use crate::error::{DomainError, MessageId, is_unique_violation};
use crate::output::Tabular;

/// A tenant's commercial plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// The entry plan (the default).
    #[default]
    Basic,
    /// The professional plan.
    Pro,
    /// The enterprise plan.
    Enterprise,
}

impl Plan {
    /// The plan as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Basic => "basic",
            Plan::Pro => "pro",
            Plan::Enterprise => "enterprise",
        }
    }
}

impl Word for Plan {
    const WHAT: &'static str = "plan";
    const ALL: &'static [Plan] = &[Plan::Basic, Plan::Pro, Plan::Enterprise];
    fn word(self) -> &'static str {
        self.as_str()
    }
}
crate::word_enum!(Plan, text_column);

/// Whether a tenant's users may log in and its data is synced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TenantStatus {
    /// Normal operation.
    Active,
    /// Temporarily shut out: no logins, no ETL.
    Suspended,
    /// The contract ended.
    Cancelled,
}

impl TenantStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            TenantStatus::Active => "active",
            TenantStatus::Suspended => "suspended",
            TenantStatus::Cancelled => "cancelled",
        }
    }
}

impl Word for TenantStatus {
    const WHAT: &'static str = "tenant status";
    const ALL: &'static [TenantStatus] =
        &[TenantStatus::Active, TenantStatus::Suspended, TenantStatus::Cancelled];
    fn word(self) -> &'static str {
        self.as_str()
    }
}
crate::word_enum!(TenantStatus, text_column);

/// A tenant, with its inboxes and user count. This is the JSON shape of `tenant list|show`.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Tenant {
    /// Internal id (stable).
    pub id: TenantId,
    /// The unique short name used on the command line and in URLs.
    pub slug: String,
    /// The display name.
    pub name: String,
    /// `active`, `suspended` or `cancelled`.
    pub status: TenantStatus,
    /// `basic`, `pro` or `enterprise`.
    pub plan: Plan,
    /// IANA timezone for reports.
    pub timezone: String,
    /// The Chatwoot inbox ids it owns, ascending.
    pub inboxes: Vec<i32>,
    /// How many users it has.
    pub users: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The dashboard's default locale (kept with the settings; `en` when never set). Last, so
    /// that the CSV columns before it keep their places.
    pub locale: Locale,
}

impl Tabular for Tenant {
    fn headers(&self) -> Vec<String> {
        ["id", "slug", "name", "status", "plan", "timezone", "locale", "inboxes", "users", "created"]
            .map(String::from)
            .to_vec()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.slug.clone(),
            self.name.clone(),
            self.status.to_string(),
            self.plan.to_string(),
            self.timezone.clone(),
            self.locale.to_string(),
            self.inboxes.iter().map(i32::to_string).collect::<Vec<_>>().join(", "),
            self.users.to_string(),
            self.created_at.format("%Y-%m-%d").to_string(),
        ]
    }
}

impl Tenant {
    /// The fields an audit entry records: what an admin changes, not counters or timestamps.
    pub fn audit_view(&self) -> serde_json::Value {
        serde_json::json!({
            "slug": self.slug,
            "name": self.name,
            "status": self.status,
            "plan": self.plan,
            "timezone": self.timezone,
            "locale": self.locale,
            "inboxes": self.inboxes,
        })
    }
}

const SELECT_TENANT: &str = "
    SELECT t.id, t.slug, t.name, t.status, t.plan, t.timezone, t.created_at, t.updated_at,
           COALESCE((SELECT s.locale FROM tenant_settings s WHERE s.tenant_id = t.id), 'en') AS locale,
           COALESCE((SELECT array_agg(m.inbox_id ORDER BY m.inbox_id) FROM inbox_mappings m
                      WHERE m.tenant_id = t.id), '{}') AS inboxes,
           (SELECT count(*) FROM users u WHERE u.tenant_id = t.id) AS users
      FROM tenants t";

/// A new tenant, as given by the admin.
#[derive(Debug, Clone, Default)]
pub struct NewTenant {
    /// The unique short name.
    pub slug: String,
    /// The display name.
    pub name: String,
    /// The plan.
    pub plan: Plan,
    /// IANA timezone; `None` means UTC.
    pub timezone: Option<String>,
    /// The dashboard's default locale; `None` means English.
    pub locale: Option<Locale>,
    /// Chatwoot inboxes to map to it now (none may belong to another tenant).
    pub inboxes: Vec<i32>,
}

/// Changes to a tenant; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TenantUpdate {
    /// A new display name.
    pub name: Option<String>,
    /// A new plan.
    pub plan: Option<Plan>,
    /// A new IANA timezone.
    pub timezone: Option<String>,
}

/// The tenant with this slug, inside a platform transaction, or "unknown tenant" (exit 2).
pub async fn find(conn: &mut PgConnection, slug: &str) -> Result<Tenant> {
    let tenant: Option<Tenant> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_TENANT} WHERE t.slug = $1")))
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await
            .context("looking up the tenant")?;
    match tenant {
        Some(tenant) => Ok(tenant),
        None => Err(unknown_tenant(conn, slug).await),
    }
}

/// "unknown tenant", with the nearest existing slug as a hint when there is one.
async fn unknown_tenant(conn: &mut PgConnection, slug: &str) -> anyhow::Error {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM tenants ORDER BY slug")
        .fetch_all(conn)
        .await
        .unwrap_or_default();
    let hint = slugs
        .iter()
        .find(|s| s.starts_with(slug) || slug.starts_with(s.as_str()))
        .map(|s| format!(" (did you mean {s}?)"))
        .unwrap_or_default();
    anyhow::Error::new(
        DomainError::not_found(format!("unknown tenant {slug:?}{hint}: see `geniai tenant list`"))
            .id(MessageId::UnknownTenant)
            .arg("value", slug),
    )
}

/// The id of the tenant with this slug (opens its own platform transaction).
pub async fn id_of(pool: &PgPool, slug: &str) -> Result<TenantId> {
    let mut tx = db::platform_tx(pool).await?;
    Ok(find(&mut tx, slug).await?.id)
}

/// Creates a tenant and maps its first inboxes, in one transaction, audited as `tenant.create`
/// (and `inbox.map` per inbox).
pub async fn create(pool: &PgPool, actor: &str, new: NewTenant) -> Result<Tenant> {
    validate::slug(&new.slug)?;
    let name = validate::name(&new.name)?;
    let timezone = match &new.timezone {
        Some(tz) => validate::timezone(tz)?,
        None => "UTC".to_string(),
    };
    let inbox_ids =
        new.inboxes.iter().map(|id| validate::positive_inbox_id(*id)).collect::<Result<Vec<_>, _>>()?;

    let mut tx = db::platform_tx(pool).await?;
    let inserted = sqlx::query_scalar::<_, TenantId>(
        "INSERT INTO tenants (slug, name, plan, timezone) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&new.slug)
    .bind(&name)
    .bind(new.plan)
    .bind(&timezone)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(err) if is_unique_violation(&err, "tenants_slug_key") => {
            return Err(anyhow::Error::new(
                DomainError::conflict(format!("a tenant with slug {:?} already exists", new.slug))
                    .id(MessageId::TenantExists)
                    .arg("value", &new.slug),
            ));
        }
        Err(err) => return Err(anyhow::Error::new(err).context("creating the tenant")),
    };
    if let Some(locale) = new.locale {
        // The locale is a setting: recorded in the tenant.create entry rather than a second one.
        sqlx::query("INSERT INTO tenant_settings (tenant_id, locale) VALUES ($1, $2)")
            .bind(id)
            .bind(locale)
            .execute(&mut *tx)
            .await
            .context("saving the tenant's locale")?;
    }
    let created = find(&mut tx, &new.slug).await?;
    audit::record(
        &mut tx,
        AuditEntry::new(actor, "tenant.create", format!("tenant:{}", new.slug))
            .tenant(id)
            .after(created.audit_view()),
    )
    .await?;
    inboxes::map_in(&mut tx, actor, &created, &inbox_ids, false).await?;
    let created = find(&mut tx, &new.slug).await?;
    tx.commit().await?;
    Ok(created)
}

/// Every tenant, by slug.
pub async fn list(pool: &PgPool) -> Result<Vec<Tenant>> {
    let mut tx = db::platform_tx(pool).await?;
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_TENANT} ORDER BY t.slug")))
        .fetch_all(&mut *tx)
        .await
        .context("listing the tenants")
}

/// The tenant with this slug.
pub async fn show(pool: &PgPool, slug: &str) -> Result<Tenant> {
    let mut tx = db::platform_tx(pool).await?;
    find(&mut tx, slug).await
}

/// Changes a tenant's name, plan or timezone, audited as `tenant.update`.
pub async fn update(pool: &PgPool, actor: &str, slug: &str, update: TenantUpdate) -> Result<Tenant> {
    if update.name.is_none() && update.plan.is_none() && update.timezone.is_none() {
        return Err(anyhow::Error::new(
            DomainError::invalid("nothing to update: pass --name, --plan or --timezone")
                .id(MessageId::NothingToUpdate),
        ));
    }
    let name = update.name.as_deref().map(validate::name).transpose()?;
    let timezone = update.timezone.as_deref().map(validate::timezone).transpose()?;
    let mut tx = db::platform_tx(pool).await?;
    let before = find(&mut tx, slug).await?;
    sqlx::query(
        "UPDATE tenants SET name = COALESCE($2, name), plan = COALESCE($3, plan),
                timezone = COALESCE($4, timezone), updated_at = now()
          WHERE id = $1",
    )
    .bind(before.id)
    .bind(name)
    .bind(update.plan)
    .bind(timezone)
    .execute(&mut *tx)
    .await
    .context("updating the tenant")?;
    let after = find(&mut tx, slug).await?;
    audit::record(
        &mut tx,
        AuditEntry::new(actor, "tenant.update", format!("tenant:{slug}"))
            .tenant(before.id)
            .before(before.audit_view())
            .after(after.audit_view()),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Sets a tenant's status (suspend, activate), audited as `tenant.suspend` / `tenant.activate` /
/// `tenant.cancel`. Suspending or cancelling deletes the sessions of the tenant's users, in the same
/// transaction. Returns the tenant and whether anything changed (setting the current status is a
/// no-op and is not audited).
pub async fn set_status(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    status: TenantStatus,
) -> Result<(Tenant, bool)> {
    let mut tx = db::platform_tx(pool).await?;
    let before = find(&mut tx, slug).await?;
    if before.status == status {
        return Ok((before, false));
    }
    sqlx::query("UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1")
        .bind(before.id)
        .bind(status)
        .execute(&mut *tx)
        .await
        .context("changing the tenant's status")?;
    if status != TenantStatus::Active {
        // Sessions end for good: a cookie must not come back to life when the tenant is
        // re-activated. API tokens stay; their lookup refuses them while the tenant is not active.
        sqlx::query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE tenant_id = $1)")
            .bind(before.id)
            .execute(&mut *tx)
            .await
            .context("ending the tenant's sessions")?;
    }
    let after = find(&mut tx, slug).await?;
    let action = match status {
        TenantStatus::Active => "tenant.activate",
        TenantStatus::Suspended => "tenant.suspend",
        TenantStatus::Cancelled => "tenant.cancel",
    };
    audit::record(
        &mut tx,
        AuditEntry::new(actor, action, format!("tenant:{slug}"))
            .tenant(before.id)
            .before(serde_json::json!({ "status": before.status }))
            .after(serde_json::json!({ "status": after.status })),
    )
    .await?;
    tx.commit().await?;
    Ok((after, true))
}

/// How much a tenant's deletion removes, for the confirmation prompt.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeletionPreview {
    /// Inbox mappings.
    pub inboxes: i64,
    /// Users (and so their sessions).
    pub users: i64,
    /// Encrypted secrets.
    pub secrets: i64,
    /// Conversations in the analytics copy.
    pub conversations: i64,
    /// Messages in the analytics copy.
    pub messages: i64,
}

/// What deleting the tenant would remove.
pub async fn deletion_preview(pool: &PgPool, slug: &str) -> Result<(Tenant, DeletionPreview)> {
    let mut tx = db::platform_tx(pool).await?;
    let tenant = find(&mut tx, slug).await?;
    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM inbox_mappings WHERE tenant_id = $1),
                (SELECT count(*) FROM tenant_secrets WHERE tenant_id = $1),
                (SELECT count(*) FROM conversations WHERE tenant_id = $1),
                (SELECT count(*) FROM messages WHERE tenant_id = $1)",
    )
    .bind(tenant.id)
    .fetch_one(&mut *tx)
    .await
    .context("counting the tenant's data")?;
    let preview = DeletionPreview {
        inboxes: counts.0,
        users: tenant.users,
        secrets: counts.1,
        conversations: counts.2,
        messages: counts.3,
    };
    Ok((tenant, preview))
}

/// Deletes a tenant and everything it owns (analytics data, mappings, users and their sessions,
/// settings, secrets, ETL state; foreign keys and a trigger cascade), audited as `tenant.delete`.
/// The audit trail itself stays. Refused while an ETL run holds the tenant's lock: the run would
/// otherwise go on writing facts for a tenant that no longer exists.
pub async fn delete(pool: &PgPool, actor: &str, slug: &str) -> Result<Tenant> {
    let mut tx = db::platform_tx(pool).await?;
    let before = find(&mut tx, slug).await?;
    if !db::locks::try_lock_tenant(&mut tx, before.id).await? {
        bail!(
            DomainError::busy(format!(
                "an ETL run is loading tenant `{slug}` right now; delete it once the run has finished"
            ))
            .id(MessageId::TenantBusy)
            .arg("value", slug)
        );
    }
    // On a single server the foreign keys cascade to these; on Citus they have none (see
    // `db::citus::DROPPED_FOREIGN_KEYS`).
    for sql in [
        "DELETE FROM tenant_settings WHERE tenant_id = $1",
        "DELETE FROM tenant_secrets WHERE tenant_id = $1",
    ] {
        sqlx::query(sql).bind(before.id).execute(&mut *tx).await.context("deleting the tenant's settings")?;
    }
    sqlx::query("DELETE FROM tenants WHERE id = $1")
        .bind(before.id)
        .execute(&mut *tx)
        .await
        .context("deleting the tenant")?;
    audit::record(
        &mut tx,
        AuditEntry::new(actor, "tenant.delete", format!("tenant:{slug}"))
            .tenant(before.id)
            .before(before.audit_view()),
    )
    .await?;
    tx.commit().await?;
    Ok(before)
}

/// The id a slug had, for tenants that may have been deleted: the live tenant, or else the one
/// whose creation the audit log recorded. For reading the audit trail of a deleted tenant.
pub async fn id_in_audit_trail(pool: &PgPool, slug: &str) -> Result<Option<TenantId>> {
    let mut tx = db::platform_tx(pool).await?;
    let live: Option<TenantId> = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *tx)
        .await?;
    if live.is_some() {
        return Ok(live);
    }
    let recorded: Option<Option<TenantId>> = sqlx::query_scalar(
        "SELECT tenant_id FROM audit_log WHERE action = 'tenant.create' AND entity = $1
          ORDER BY at DESC LIMIT 1",
    )
    .bind(format!("tenant:{slug}"))
    .fetch_optional(&mut *tx)
    .await?;
    Ok(recorded.flatten())
}
