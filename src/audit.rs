//! The audit log: recording who changed what, and reading the trail back.
//!
//! Every mutation made through geniai, from the CLI or the web, calls [`record`] inside the same
//! transaction as the change itself, so that a change and its audit entry commit or roll back
//! together. The table is append-only (grants plus a trigger), and before/after values pass through
//! [`redact`] on the way in, so that passwords, hashes and secret values never reach it.
//!
//! [`record`] takes a plain `&mut PgConnection`, so it works inside a `TenantTx` (the entry must
//! then carry that transaction's tenant, which row-level security checks) and inside a
//! `PlatformTx` (any tenant, or none for platform-wide actions):
//!
//! ```ignore
//! let mut tx = db::platform_tx(pool).await?;
//! // ... the change ...
//! audit::record(&mut tx, AuditEntry::new(actor, "tenant.suspend", format!("tenant:{slug}"))
//!     .tenant(id).before(&old).after(&new)).await?;
//! tx.commit().await?;
//! ```

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgConnection;

use crate::db::TenantId;
use crate::output::Tabular;

/// What replaces a redacted value.
pub const REDACTED: &str = "[redacted]";

/// One change to record. Build it with [`AuditEntry::new`] and the builder methods.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Who acted: `cli:<os user>[/<actor>]` (see `AppContext::actor`) or `web:<email>`.
    pub actor: String,
    /// The tenant the change concerns; `None` for platform-wide changes (platform admins, keys).
    pub tenant_id: Option<TenantId>,
    /// What was done, as `<entity kind>.<verb>`: `tenant.create`, `user.passwd`, `secret.set`.
    pub action: String,
    /// What it was done to, as `<kind>:<natural key>`: `tenant:acme`, `user:ana@example.com`.
    pub entity: String,
    /// The state before the change (redacted on recording); `None` for creations.
    pub before: Option<Value>,
    /// The state after the change (redacted on recording); `None` for deletions.
    pub after: Option<Value>,
}

impl AuditEntry {
    /// An entry with no tenant and no before/after values.
    pub fn new(actor: impl Into<String>, action: impl Into<String>, entity: impl Into<String>) -> Self {
        AuditEntry {
            actor: actor.into(),
            tenant_id: None,
            action: action.into(),
            entity: entity.into(),
            before: None,
            after: None,
        }
    }

    /// Sets the tenant the change concerns.
    pub fn tenant(mut self, tenant: TenantId) -> Self {
        self.tenant_id = Some(tenant);
        self
    }

    /// Sets the state before the change. Anything serialisable; redacted when recorded.
    pub fn before(mut self, value: impl Serialize) -> Self {
        self.before = serde_json::to_value(value).ok();
        self
    }

    /// Sets the state after the change. Anything serialisable; redacted when recorded.
    pub fn after(mut self, value: impl Serialize) -> Self {
        self.after = serde_json::to_value(value).ok();
        self
    }
}

/// Appends `entry` to the audit log, redacting its before/after values.
///
/// Call it inside the transaction that makes the change. In a `TenantTx` the entry's tenant must be
/// the transaction's tenant (row-level security refuses anything else).
pub async fn record(conn: &mut PgConnection, entry: AuditEntry) -> Result<()> {
    let before = entry.before.map(redact);
    let after = entry.after.map(redact);
    sqlx::query(
        "INSERT INTO audit_log (tenant_id, actor, action, entity, before, after)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.tenant_id)
    .bind(&entry.actor)
    .bind(&entry.action)
    .bind(&entry.entity)
    .bind(before)
    .bind(after)
    .execute(conn)
    .await
    .with_context(|| format!("recording `{}` in the audit log", entry.action))?;
    tracing::debug!(action = %entry.action, entity = %entry.entity, actor = %entry.actor, "audited");
    Ok(())
}

/// Whether a JSON field of this name holds something that must never be logged.
fn is_sensitive_field(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    const EXACT: &[&str] =
        &["value", "plaintext", "ciphertext", "nonce", "secret", "token", "api_key", "master_key", "key"];
    EXACT.contains(&name.as_str())
        || name.contains("password")
        || name.ends_with("_hash")
        || name.ends_with("_token")
        || name.ends_with("_secret")
        || name.ends_with("_value")
}

/// Replaces the values of sensitive fields (passwords, hashes, tokens, secret values, ciphertexts)
/// with `"[redacted]"`, at any depth. Field names are kept, so the trail still shows *that* they
/// changed. [`record`] applies it to every entry; it is public for callers that log values too.
pub fn redact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(field, inner)| {
                    if is_sensitive_field(&field) && !inner.is_null() {
                        (field, Value::String(REDACTED.into()))
                    } else {
                        (field, redact(inner))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redact).collect()),
        other => other,
    }
}

/// One entry of the audit log, as read back.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditRecord {
    /// Sequence number.
    pub id: i64,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// The tenant's id, if the change concerned one.
    pub tenant_id: Option<i32>,
    /// The tenant's slug, if the tenant still exists.
    pub tenant: Option<String>,
    /// Who acted.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// What it was done to.
    pub entity: String,
    /// The state before (redacted).
    pub before: Option<Value>,
    /// The state after (redacted).
    pub after: Option<Value>,
}

impl Tabular for AuditRecord {
    fn headers(&self) -> Vec<String> {
        ["at", "actor", "action", "entity", "change"].map(String::from).to_vec()
    }

    fn cells(&self) -> Vec<String> {
        // The tenant joins the entity unless the entity names it already (`tenant:acme`).
        let tenant = match (&self.tenant, self.tenant_id) {
            (Some(slug), _) => Some(slug.clone()),
            (None, Some(id)) => Some(format!("#{id}, deleted")),
            (None, None) => None,
        };
        let entity = match tenant {
            Some(tenant) if !self.entity.contains(&format!(":{tenant}")) => {
                format!("{} ({tenant})", self.entity)
            }
            _ => self.entity.clone(),
        };
        vec![
            self.at.format("%Y-%m-%d %H:%M").to_string(),
            self.actor.clone(),
            self.action.clone(),
            entity,
            truncate(&describe_change(self.before.as_ref(), self.after.as_ref()), 120),
        ]
    }
}

/// A compact `field: old → new` summary of what changed, for the table view.
pub fn describe_change(before: Option<&Value>, after: Option<&Value>) -> String {
    let show = |v: Option<&Value>| match v.map(crate::output::display_value) {
        Some(text) if !text.is_empty() => text,
        _ => "∅".into(),
    };
    match (before, after) {
        (Some(Value::Object(old)), Some(Value::Object(new))) => {
            let mut parts = Vec::new();
            for (field, new_value) in new {
                let old_value = old.get(field);
                if old_value != Some(new_value) {
                    parts.push(format!("{field}: {} → {}", show(old_value), show(Some(new_value))));
                }
            }
            for (field, old_value) in old {
                if !new.contains_key(field) {
                    parts.push(format!("{field}: {} → ∅", show(Some(old_value))));
                }
            }
            parts.join("; ")
        }
        // Creations and deletions show their key fields only: the full record is in the JSON.
        (None, Some(value)) => key_fields(value),
        (Some(value), None) => format!("was {}", key_fields(value)),
        (Some(old), Some(new)) => format!("{} → {}", compact(old), compact(new)),
        (None, None) => String::new(),
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// The identifying fields of a created or deleted record, for the table view.
fn key_fields(value: &Value) -> String {
    const KEYS: &[&str] = &["role", "plan", "status", "name", "key_id", "rows_deleted"];
    match value {
        Value::Object(map) => {
            let parts: Vec<String> = KEYS
                .iter()
                .filter_map(|key| map.get(*key).filter(|v| !v.is_null()).map(|v| (key, v)))
                .map(|(key, v)| format!("{key}: {}", crate::output::display_value(v)))
                .collect();
            if parts.is_empty() { compact(value) } else { parts.join(", ") }
        }
        other => compact(other),
    }
}

fn compact(value: &Value) -> String {
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", crate::output::display_value(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => crate::output::display_value(other),
    }
}

/// Which entries to read back.
#[derive(Debug, Clone)]
pub struct AuditQuery {
    /// Only this tenant's entries.
    pub tenant: Option<TenantId>,
    /// Only entries at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// At most this many entries (the newest).
    pub limit: i64,
}

impl Default for AuditQuery {
    fn default() -> Self {
        AuditQuery { tenant: None, since: None, limit: 50 }
    }
}

/// The newest entries matching `query`, newest first. In a `TenantTx`, row-level security
/// restricts them to that tenant.
pub async fn list(conn: &mut PgConnection, query: &AuditQuery) -> Result<Vec<AuditRecord>> {
    sqlx::query_as(
        "SELECT a.id, a.at, a.tenant_id, t.slug AS tenant, a.actor, a.action, a.entity, a.before, a.after
           FROM audit_log a
           LEFT JOIN tenants t ON t.id = a.tenant_id
          WHERE ($1::integer IS NULL OR a.tenant_id = $1)
            AND ($2::timestamptz IS NULL OR a.at >= $2)
          ORDER BY a.at DESC, a.id DESC
          LIMIT $3",
    )
    .bind(query.tenant)
    .bind(query.since)
    .bind(query.limit)
    .fetch_all(conn)
    .await
    .context("reading the audit log")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sensitive_fields_are_redacted_at_any_depth() {
        let value = json!({
            "email": "ana@example.com",
            "password_hash": "$argon2id$v=19$...",
            "nested": {"value": "hunter2", "name": "source_url", "api_token": "t0k"},
            "list": [{"password": "pw"}],
            "key_id": "abc",
            "absent_value": null,
        });
        let redacted = redact(value);
        assert_eq!(redacted["email"], "ana@example.com");
        assert_eq!(redacted["password_hash"], REDACTED);
        assert_eq!(redacted["nested"]["value"], REDACTED);
        assert_eq!(redacted["nested"]["name"], "source_url");
        assert_eq!(redacted["nested"]["api_token"], REDACTED);
        assert_eq!(redacted["list"][0]["password"], REDACTED);
        assert_eq!(redacted["key_id"], "abc");
        assert_eq!(redacted["absent_value"], Value::Null);
    }

    #[test]
    fn changes_are_summarised_field_by_field() {
        let before = json!({"status": "active", "name": "Acme"});
        let after = json!({"status": "suspended", "name": "Acme"});
        assert_eq!(describe_change(Some(&before), Some(&after)), "status: active → suspended");
        assert_eq!(describe_change(None, Some(&json!({"slug": "acme"}))), "slug: acme");
        let user =
            json!({"email": "a@b.c", "name": "A", "role": "viewer", "tenant": "acme", "is_active": true});
        assert_eq!(describe_change(None, Some(&user)), "role: viewer, name: A");
    }
}
