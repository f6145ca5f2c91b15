//! A tenant's settings: branding (display name, colours, logo), the default locale of its
//! dashboard, and the Chatwoot labels that count as a lead or a conversion. Tenant data, so read
//! and written through `db::tenant_tx`.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::validate;
use crate::audit::{self, AuditEntry};
use crate::db::TenantTx;
use crate::enums::Word;
use crate::output::Tabular;

/// A locale the dashboard speaks: a tenant's default (`tenant settings --locale`), which its users
/// may override. Stored and shown as its BCP 47 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (the default).
    #[default]
    En,
    /// Brazilian Portuguese.
    PtBr,
}

impl Locale {
    /// The BCP 47 tag, as stored.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::PtBr => "pt-BR",
        }
    }
}

impl Word for Locale {
    const WHAT: &'static str = "locale";
    const ALL: &'static [Locale] = &[Locale::En, Locale::PtBr];
    fn word(self) -> &'static str {
        self.tag()
    }
}
crate::word_enum!(Locale, text_column);

impl Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.tag())
    }
}

/// A tenant's settings. A tenant that never set any has the defaults (all empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow)]
pub struct TenantSettings {
    /// The name shown on the dashboard instead of the tenant's name.
    pub display_name: Option<String>,
    /// Main brand colour, `#RRGGBB`.
    pub primary_color: Option<String>,
    /// Second brand colour, `#RRGGBB`.
    pub secondary_color: Option<String>,
    /// Logo address (http or https).
    pub logo_url: Option<String>,
    /// Chatwoot labels that mark a conversation as a lead.
    pub lead_labels: Vec<String>,
    /// Chatwoot labels that mark a conversation as a conversion (a conversion is also a lead).
    pub conversion_labels: Vec<String>,
    /// When they last changed; `null` when never set.
    pub updated_at: Option<DateTime<Utc>>,
    /// The dashboard's default locale for the tenant's users (`en` when never set). Last, so that
    /// the CSV columns before it keep their places.
    pub locale: Locale,
}

impl Tabular for TenantSettings {}

/// Changes to the settings: `None` leaves a field as it is; `Some("")` clears a text field, and
/// `Some(vec![])` clears a label list.
#[derive(Debug, Clone, Default)]
pub struct SettingsUpdate {
    /// New display name.
    pub display_name: Option<String>,
    /// New primary colour.
    pub primary_color: Option<String>,
    /// New secondary colour.
    pub secondary_color: Option<String>,
    /// New logo URL.
    pub logo_url: Option<String>,
    /// New default locale.
    pub locale: Option<Locale>,
    /// New lead labels (replace the list).
    pub lead_labels: Option<Vec<String>>,
    /// New conversion labels (replace the list).
    pub conversion_labels: Option<Vec<String>>,
}

impl SettingsUpdate {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.display_name.is_none()
            && self.primary_color.is_none()
            && self.secondary_color.is_none()
            && self.logo_url.is_none()
            && self.locale.is_none()
            && self.lead_labels.is_none()
            && self.conversion_labels.is_none()
    }
}

/// The tenant's settings (the defaults when never set).
pub async fn get(tx: &mut TenantTx) -> Result<TenantSettings> {
    let row: Option<TenantSettings> = sqlx::query_as(
        "SELECT display_name, primary_color, secondary_color, logo_url, locale, lead_labels,
                conversion_labels, updated_at
           FROM tenant_settings",
    )
    .fetch_optional(&mut **tx)
    .await
    .context("reading the tenant's settings")?;
    Ok(row.unwrap_or_default())
}

/// An optional text: `""` means "clear" (NULL), anything else is validated.
fn optional(
    value: &str,
    check: impl Fn(&str) -> Result<String, crate::error::DomainError>,
) -> Result<Option<String>> {
    if value.trim().is_empty() { Ok(None) } else { Ok(Some(check(value)?)) }
}

fn labels(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for label in list {
        let label = validate::label(label)?;
        if !out.contains(&label) {
            out.push(label);
        }
    }
    Ok(out)
}

/// Applies `update` to the tenant's settings, audited as `tenant.settings` with before and after.
/// `slug` names the tenant in the audit entry.
pub async fn update(
    tx: &mut TenantTx,
    actor: &str,
    slug: &str,
    update: SettingsUpdate,
) -> Result<TenantSettings> {
    let before = get(tx).await?;
    let mut after = before.clone();
    if let Some(name) = &update.display_name {
        after.display_name = optional(name, validate::name)?;
    }
    if let Some(colour) = &update.primary_color {
        after.primary_color = optional(colour, validate::colour)?;
    }
    if let Some(colour) = &update.secondary_color {
        after.secondary_color = optional(colour, validate::colour)?;
    }
    if let Some(url) = &update.logo_url {
        after.logo_url = optional(url, validate::url)?;
    }
    if let Some(locale) = update.locale {
        after.locale = locale;
    }
    if let Some(list) = &update.lead_labels {
        after.lead_labels = labels(list)?;
    }
    if let Some(list) = &update.conversion_labels {
        after.conversion_labels = labels(list)?;
    }
    let tenant = tx.tenant();
    let updated_at: DateTime<Utc> = sqlx::query_scalar(
        "INSERT INTO tenant_settings (tenant_id, display_name, primary_color, secondary_color, logo_url,
                                      lead_labels, conversion_labels, locale, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (tenant_id) DO UPDATE SET
             display_name = EXCLUDED.display_name, primary_color = EXCLUDED.primary_color,
             secondary_color = EXCLUDED.secondary_color, logo_url = EXCLUDED.logo_url,
             locale = EXCLUDED.locale, lead_labels = EXCLUDED.lead_labels, conversion_labels = EXCLUDED.conversion_labels,
             updated_at = EXCLUDED.updated_at
         RETURNING updated_at",
    )
    .bind(tenant)
    .bind(&after.display_name)
    .bind(&after.primary_color)
    .bind(&after.secondary_color)
    .bind(&after.logo_url)
    .bind(&after.lead_labels)
    .bind(&after.conversion_labels)
    .bind(after.locale)
    .fetch_one(&mut **tx)
    .await
    .context("saving the tenant's settings")?;
    after.updated_at = Some(updated_at);
    let strip = |s: &TenantSettings| {
        let mut value = serde_json::to_value(s).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.remove("updated_at");
        }
        value
    };
    let entry = AuditEntry::new(actor, "tenant.settings", format!("tenant:{slug}"))
        .tenant(tenant)
        .before(strip(&before))
        .after(strip(&after));
    audit::record(tx, entry).await?;
    Ok(after)
}
