//! The admin view's changes, as thin calls into `crate::admin` (the same functions as
//! `geniai tenant ...` and `geniai user ...`): each validates, writes and audits in one platform
//! transaction, with the web user as actor (`web:<email>`). The domain's errors reach the client
//! through [`WebError`]'s one mapping (invalid 400, not found 404, conflict 409, busy 423).

use sqlx::PgPool;
use zeroize::Zeroizing;

use crate::admin::settings::{self, SettingsUpdate};
use crate::admin::tenants::{self, NewTenant, Plan, TenantStatus, TenantUpdate};
use crate::admin::users::{self, Membership, NewUser, UserRole};
use crate::admin::validate;
use crate::db::{self, TenantId};
use crate::web::WebError;
use crate::web::sessions::TenantRef;

async fn require_tenant(pool: &PgPool, slug: &str) -> Result<TenantRef, WebError> {
    let mut tx = db::platform_tx(pool).await?;
    let tenant = TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?;
    tx.commit().await?;
    Ok(tenant)
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
    let plan: Plan = plan.parse()?;
    let new = NewTenant {
        slug: slug.to_string(),
        name: name.to_string(),
        plan,
        timezone: Some(timezone.to_string()).filter(|t| !t.is_empty()),
        locale: None,
        inboxes: Vec::new(),
    };
    let tenant = tenants::create(pool, actor, new).await?;
    Ok(tenant.slug)
}

/// Suspends (`active = false`) or activates a tenant. A suspended tenant's sessions and tokens
/// stop working at once: they are checked against the tenant's status on every request.
pub async fn set_tenant_status(pool: &PgPool, actor: &str, slug: &str, active: bool) -> Result<(), WebError> {
    require_tenant(pool, slug).await?;
    let status = if active { TenantStatus::Active } else { TenantStatus::Suspended };
    tenants::set_status(pool, actor, slug, status).await?;
    Ok(())
}

/// Changes a tenant's settings (`geniai tenant settings`) and its timezone (`geniai tenant
/// update --timezone`), audited as `tenant.settings` and `tenant.update`. A refused value
/// changes nothing: the settings' transaction commits only once the timezone is saved, so a
/// refused timezone leaves the settings as they were. An unchanged timezone is not saved (nor
/// audited) again.
pub async fn save_tenant_settings(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    tenant: TenantId,
    update: SettingsUpdate,
    timezone: Option<&str>,
) -> Result<(), WebError> {
    let mut tx = db::tenant_tx(pool, tenant).await?;
    if !update.is_empty() {
        settings::update(&mut tx, actor, slug, update).await?;
    }
    if let Some(timezone) = timezone {
        let timezone = validate::timezone(timezone)?;
        if tenants::show(pool, slug).await?.timezone != timezone {
            let change = TenantUpdate { timezone: Some(timezone), ..TenantUpdate::default() };
            tenants::update(pool, actor, slug, change).await?;
        }
    }
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
    require_tenant(pool, slug).await?;
    let role: UserRole = role.parse()?;
    let new = NewUser {
        email: email.to_string(),
        name: name.to_string(),
        membership: Membership::Tenant { slug: slug.to_string(), role },
        password: Zeroizing::new(password),
    };
    users::create(pool, actor, new).await?;
    Ok(())
}

/// The users of a tenant, by email (`geniai user list --tenant`).
pub async fn tenant_users(pool: &PgPool, slug: &str) -> Result<Vec<users::User>, WebError> {
    require_tenant(pool, slug).await?;
    Ok(users::list(pool, Some(slug)).await?)
}

/// The user with `email` if it is a user of tenant `slug`; a user of another tenant (or a
/// platform admin) is "unknown" here, so a tenant's page changes only its own users.
async fn tenant_user(pool: &PgPool, slug: &str, email: &str) -> Result<users::User, WebError> {
    let wanted = email.trim().to_lowercase();
    tenant_users(pool, slug)
        .await?
        .into_iter()
        .find(|u| u.email == wanted)
        .ok_or_else(|| WebError::Domain(users::unknown_user(&wanted)))
}

/// Enables or disables a user of a tenant (`geniai user enable|disable`): disabling ends the
/// user's sessions; both are audited as `user.enable` / `user.disable`.
pub async fn set_user_active(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    email: &str,
    active: bool,
) -> Result<(), WebError> {
    let user = tenant_user(pool, slug, email).await?;
    users::set_active(pool, actor, &user.email, active).await?;
    Ok(())
}

/// Sets a tenant user's password (`geniai user passwd`): the same policy, the user's sessions
/// end, audited as `user.passwd` without the password.
pub async fn set_user_password(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    email: &str,
    password: String,
) -> Result<(), WebError> {
    let password = Zeroizing::new(password);
    let user = tenant_user(pool, slug, email).await?;
    users::set_password(pool, actor, &user.email, password).await?;
    Ok(())
}
