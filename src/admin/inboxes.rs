//! Inbox mapping: which tenant owns which Chatwoot inbox, and moving or removing an inbox's
//! analytics rows when that changes.
//!
//! An inbox belongs to at most one tenant (the primary key of `inbox_mappings`). Mapping an inbox
//! that another tenant owns is refused unless the caller asks to move it; a move re-assigns the
//! inbox's analytics rows (conversations, messages, reporting events, CSAT responses through their
//! conversations) to the new tenant in the same transaction, so no report ever shows the inbox
//! under both tenants or neither; its dimension row is dropped so that the next ETL run reloads the
//! inbox in full for its new owner. Unmapping deletes those rows.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};

use super::tenants::{self, Tenant};
use super::validate;
use crate::audit::{self, AuditEntry};
use crate::db::{self, TenantId};
use crate::error::is_unique_violation;
use crate::output::Tabular;

/// One inbox mapping, as `inbox list` shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct InboxMapping {
    /// The Chatwoot inbox id.
    pub inbox_id: i32,
    /// The owning tenant's slug.
    pub tenant: String,
    /// The inbox's name, once the ETL has copied it.
    pub name: Option<String>,
    /// The inbox's Chatwoot channel type, once the ETL has copied it.
    pub channel_type: Option<String>,
    /// When the inbox was mapped to this tenant.
    pub mapped_at: DateTime<Utc>,
}

impl Tabular for InboxMapping {
    fn headers(&self) -> Vec<String> {
        ["inbox", "tenant", "name", "channel", "mapped"].map(String::from).to_vec()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.inbox_id.to_string(),
            self.tenant.clone(),
            self.name.clone().unwrap_or_default(),
            self.channel_type.clone().unwrap_or_default(),
            self.mapped_at.format("%Y-%m-%d %H:%M").to_string(),
        ]
    }
}

/// An inbox in the Chatwoot source, as `inbox list --unmapped` shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SourceInbox {
    /// The Chatwoot inbox id.
    pub inbox_id: i32,
    /// Its name.
    pub name: String,
    /// Its channel type (`Channel::Whatsapp`, ...).
    pub channel_type: Option<String>,
    /// The Chatwoot account it belongs to.
    pub account_id: i32,
    /// That account's name.
    pub account_name: Option<String>,
}

impl Tabular for SourceInbox {
    fn headers(&self) -> Vec<String> {
        ["inbox", "name", "channel", "account"].map(String::from).to_vec()
    }

    fn cells(&self) -> Vec<String> {
        let account = match &self.account_name {
            Some(name) => format!("{} ({name})", self.account_id),
            None => self.account_id.to_string(),
        };
        vec![
            self.inbox_id.to_string(),
            self.name.clone(),
            self.channel_type.clone().unwrap_or_default().trim_start_matches("Channel::").to_string(),
            account,
        ]
    }
}

/// What a mapping request did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MapOutcome {
    /// Inboxes newly mapped to the tenant.
    pub mapped: Vec<i32>,
    /// Inboxes that were already the tenant's.
    pub unchanged: Vec<i32>,
    /// Inboxes moved from another tenant, with that tenant's slug and the rows moved.
    pub moved: Vec<MovedInbox>,
}

/// One inbox moved from another tenant.
#[derive(Debug, Clone, Serialize)]
pub struct MovedInbox {
    /// The inbox.
    pub inbox_id: i32,
    /// The slug of the tenant that owned it.
    pub from: String,
    /// Analytics rows re-assigned (all tables together).
    pub rows: u64,
}

/// What unmapping did.
#[derive(Debug, Clone, Serialize)]
pub struct UnmapOutcome {
    /// The inbox.
    pub inbox_id: i32,
    /// The slug of the tenant that owned it.
    pub tenant: String,
    /// Analytics rows deleted (all tables together).
    pub rows: u64,
}

/// Maps inboxes to a tenant, audited as `inbox.map` (or `inbox.move`) per inbox. An inbox that
/// another tenant owns is refused unless `move_owned`, which moves it with its analytics rows.
/// All or nothing: one refused inbox leaves every mapping as it was.
pub async fn map(
    pool: &PgPool,
    actor: &str,
    slug: &str,
    inbox_ids: &[i32],
    move_owned: bool,
) -> Result<MapOutcome> {
    if inbox_ids.is_empty() {
        crate::invalid!("no inbox given: pass --inbox ID (repeatable)");
    }
    let ids = inbox_ids.iter().map(|id| validate::positive_inbox_id(*id)).collect::<Result<Vec<_>, _>>()?;
    let mut tx = db::platform_tx(pool).await?;
    let tenant = tenants::find(&mut tx, slug).await?;
    let outcome = map_in(&mut tx, actor, &tenant, &ids, move_owned).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// [`map`] inside the caller's platform transaction (tenant creation maps its first inboxes so).
pub(crate) async fn map_in(
    conn: &mut PgConnection,
    actor: &str,
    tenant: &Tenant,
    inbox_ids: &[i32],
    move_owned: bool,
) -> Result<MapOutcome> {
    let mut ids = inbox_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut outcome = MapOutcome::default();
    if ids.is_empty() {
        return Ok(outcome);
    }
    // Lock the existing mappings of these inboxes, so a concurrent map cannot interleave.
    let owners: Vec<(i32, TenantId, String)> = sqlx::query_as(
        "SELECT m.inbox_id, m.tenant_id, t.slug FROM inbox_mappings m JOIN tenants t ON t.id = m.tenant_id
          WHERE m.inbox_id = ANY($1) ORDER BY m.inbox_id FOR UPDATE OF m",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await
    .context("reading the inbox mappings")?;
    let owners: BTreeMap<i32, (TenantId, String)> =
        owners.into_iter().map(|(inbox, tenant, slug)| (inbox, (tenant, slug))).collect();
    if !move_owned {
        let taken: Vec<String> = owners
            .iter()
            .filter(|(_, (owner, _))| *owner != tenant.id)
            .map(|(inbox, (_, slug))| format!("inbox {inbox} belongs to tenant {slug}"))
            .collect();
        if !taken.is_empty() {
            crate::conflict!(
                "{}: pass --move to move it, with its analytics data, to {}",
                taken.join(", "),
                tenant.slug
            );
        }
    }
    for id in ids {
        match owners.get(&id) {
            Some((owner, _)) if *owner == tenant.id => outcome.unchanged.push(id),
            Some((owner, from_slug)) => {
                let rows = move_rows(conn, id, *owner, tenant.id).await?;
                // A fresh mapped_at tells the ETL that this tenant owns the inbox from now on.
                sqlx::query(
                    "UPDATE inbox_mappings SET tenant_id = $2, created_at = now() WHERE inbox_id = $1",
                )
                .bind(id)
                .bind(tenant.id)
                .execute(&mut *conn)
                .await
                .context("moving the inbox mapping")?;
                let entry = AuditEntry::new(actor, "inbox.move", format!("inbox:{id}"))
                    .tenant(tenant.id)
                    .before(serde_json::json!({ "tenant": from_slug }))
                    .after(serde_json::json!({ "tenant": tenant.slug, "rows_moved": rows }));
                audit::record(conn, entry).await?;
                // The old tenant's trail records the loss too.
                let entry = AuditEntry::new(actor, "inbox.move", format!("inbox:{id}"))
                    .tenant(*owner)
                    .before(serde_json::json!({ "tenant": from_slug }))
                    .after(serde_json::json!({ "tenant": tenant.slug, "rows_moved": rows }));
                audit::record(conn, entry).await?;
                outcome.moved.push(MovedInbox { inbox_id: id, from: from_slug.clone(), rows });
            }
            None => {
                let inserted =
                    sqlx::query("INSERT INTO inbox_mappings (inbox_id, tenant_id) VALUES ($1, $2)")
                        .bind(id)
                        .bind(tenant.id)
                        .execute(&mut *conn)
                        .await;
                match inserted {
                    Ok(_) => {}
                    // Another admin mapped it between our read and our insert.
                    Err(err) if is_unique_violation(&err, "inbox_mappings_pkey") => {
                        crate::conflict!("inbox {id} was just mapped by someone else: run the command again")
                    }
                    Err(err) => return Err(anyhow::Error::new(err).context("mapping the inbox")),
                }
                let entry = AuditEntry::new(actor, "inbox.map", format!("inbox:{id}"))
                    .tenant(tenant.id)
                    .after(serde_json::json!({ "tenant": tenant.slug }));
                audit::record(conn, entry).await?;
                outcome.mapped.push(id);
            }
        }
    }
    Ok(outcome)
}

/// Re-assigns one inbox's analytics rows from tenant `from` to tenant `to`, so reports show them
/// under the new owner at once. Rows the destination might hold for the inbox already (left from
/// an earlier mapping) are replaced, not duplicated.
async fn move_rows(conn: &mut PgConnection, inbox: i32, from: TenantId, to: TenantId) -> Result<u64> {
    delete_rows(conn, inbox, to).await?;
    let statements = [
        // CSAT and events follow their conversations, so they are moved while the conversations
        // still identify them under the old tenant.
        "UPDATE csat_responses r SET tenant_id = $3
          WHERE r.tenant_id = $2 AND r.conversation_id IN
                (SELECT c.conversation_id FROM conversations c WHERE c.tenant_id = $2 AND c.inbox_id = $1)",
        "UPDATE reporting_events e SET tenant_id = $3
          WHERE e.tenant_id = $2 AND (e.inbox_id = $1 OR (e.inbox_id IS NULL AND e.conversation_id IN
                (SELECT c.conversation_id FROM conversations c WHERE c.tenant_id = $2 AND c.inbox_id = $1)))",
        "UPDATE messages SET tenant_id = $3 WHERE tenant_id = $2 AND inbox_id = $1",
        "UPDATE conversations SET tenant_id = $3 WHERE tenant_id = $2 AND inbox_id = $1",
    ];
    let mut rows = 0;
    for statement in statements {
        rows += sqlx::query(statement)
            .bind(inbox)
            .bind(from)
            .bind(to)
            .execute(&mut *conn)
            .await
            .context("moving the inbox's analytics rows")?
            .rows_affected();
    }
    // The inbox's dimension row is dropped, not moved: the ETL loads an inbox it has no dimension
    // row for in full, which closes any gap between the old tenant's watermark and the new
    // tenant's (the moved rows are then upserted, not duplicated).
    sqlx::query("DELETE FROM inboxes WHERE tenant_id = $2 AND inbox_id = $1")
        .bind(inbox)
        .bind(from)
        .execute(&mut *conn)
        .await
        .context("dropping the moved inbox's dimension row")?;
    Ok(rows)
}

/// Deletes one inbox's analytics rows under `tenant`.
async fn delete_rows(conn: &mut PgConnection, inbox: i32, tenant: TenantId) -> Result<u64> {
    let statements = [
        "DELETE FROM csat_responses r
          WHERE r.tenant_id = $2 AND r.conversation_id IN
                (SELECT c.conversation_id FROM conversations c WHERE c.tenant_id = $2 AND c.inbox_id = $1)",
        "DELETE FROM reporting_events e
          WHERE e.tenant_id = $2 AND (e.inbox_id = $1 OR (e.inbox_id IS NULL AND e.conversation_id IN
                (SELECT c.conversation_id FROM conversations c WHERE c.tenant_id = $2 AND c.inbox_id = $1)))",
        "DELETE FROM messages WHERE tenant_id = $2 AND inbox_id = $1",
        "DELETE FROM conversations WHERE tenant_id = $2 AND inbox_id = $1",
        "DELETE FROM inboxes WHERE tenant_id = $2 AND inbox_id = $1",
    ];
    let mut rows = 0;
    for statement in statements {
        rows += sqlx::query(statement)
            .bind(inbox)
            .bind(tenant)
            .execute(&mut *conn)
            .await
            .context("deleting the inbox's analytics rows")?
            .rows_affected();
    }
    Ok(rows)
}

/// How many analytics rows of this inbox exist, and which tenant owns it (for confirmations).
pub async fn owner_and_rows(pool: &PgPool, inbox_id: i32) -> Result<Option<(String, i64)>> {
    validate::positive_inbox_id(inbox_id)?;
    let mut tx = db::platform_tx(pool).await?;
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT t.slug, (SELECT count(*) FROM conversations c WHERE c.tenant_id = m.tenant_id AND c.inbox_id = m.inbox_id)
           FROM inbox_mappings m JOIN tenants t ON t.id = m.tenant_id WHERE m.inbox_id = $1",
    )
    .bind(inbox_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row)
}

/// Removes an inbox from its tenant and deletes its analytics rows, audited as `inbox.unmap`.
pub async fn unmap(pool: &PgPool, actor: &str, inbox_id: i32) -> Result<UnmapOutcome> {
    validate::positive_inbox_id(inbox_id)?;
    let mut tx = db::platform_tx(pool).await?;
    let owner: Option<(TenantId, String)> = sqlx::query_as(
        "SELECT m.tenant_id, t.slug FROM inbox_mappings m JOIN tenants t ON t.id = m.tenant_id
          WHERE m.inbox_id = $1 FOR UPDATE OF m",
    )
    .bind(inbox_id)
    .fetch_optional(&mut *tx)
    .await
    .context("reading the inbox mapping")?;
    let Some((tenant, slug)) = owner else {
        crate::not_found!("inbox {inbox_id} is not mapped to any tenant");
    };
    let rows = delete_rows(&mut tx, inbox_id, tenant).await?;
    sqlx::query("DELETE FROM inbox_mappings WHERE inbox_id = $1")
        .bind(inbox_id)
        .execute(&mut *tx)
        .await
        .context("unmapping the inbox")?;
    let entry = AuditEntry::new(actor, "inbox.unmap", format!("inbox:{inbox_id}"))
        .tenant(tenant)
        .before(serde_json::json!({ "tenant": slug }))
        .after(serde_json::json!({ "rows_deleted": rows }));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(UnmapOutcome { inbox_id, tenant: slug, rows })
}

/// The mapped inboxes, of one tenant or of all, by inbox id.
pub async fn list(pool: &PgPool, tenant: Option<&str>) -> Result<Vec<InboxMapping>> {
    let mut tx = db::platform_tx(pool).await?;
    let tenant_id = match tenant {
        Some(slug) => Some(tenants::find(&mut tx, slug).await?.id),
        None => None,
    };
    sqlx::query_as(
        "SELECT m.inbox_id, t.slug AS tenant, i.name, i.channel_type, m.created_at AS mapped_at
           FROM inbox_mappings m
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN inboxes i ON i.tenant_id = m.tenant_id AND i.inbox_id = m.inbox_id
          WHERE $1::integer IS NULL OR m.tenant_id = $1
          ORDER BY m.inbox_id",
    )
    .bind(tenant_id)
    .fetch_all(&mut *tx)
    .await
    .context("listing the inbox mappings")
}

/// Every inbox id mapped to some tenant.
pub async fn mapped_ids(pool: &PgPool) -> Result<Vec<i32>> {
    let mut tx = db::platform_tx(pool).await?;
    sqlx::query_scalar("SELECT inbox_id FROM inbox_mappings ORDER BY inbox_id")
        .fetch_all(&mut *tx)
        .await
        .context("reading the inbox mappings")
}

/// The source's inboxes that no tenant owns, with their account, by id.
pub async fn unmapped(analytics: &PgPool, source: &PgPool) -> Result<Vec<SourceInbox>> {
    let mapped = mapped_ids(analytics).await?;
    sqlx::query_as(
        "SELECT i.id AS inbox_id, i.name::text AS name, i.channel_type::text AS channel_type,
                i.account_id, a.name::text AS account_name
           FROM inboxes i LEFT JOIN accounts a ON a.id = i.account_id
          WHERE NOT (i.id = ANY($1))
          ORDER BY i.id",
    )
    .bind(&mapped)
    .fetch_all(source)
    .await
    .context("reading the inboxes of the Chatwoot source")
}

/// The ids among `ids` that the source has no inbox for.
pub async fn missing_from_source(source: &PgPool, ids: &[i32]) -> Result<Vec<i32>> {
    let present: Vec<i32> = sqlx::query_scalar("SELECT id FROM inboxes WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(source)
        .await
        .context("checking the inboxes against the Chatwoot source")?;
    let mut missing: Vec<i32> = ids.iter().copied().filter(|id| !present.contains(id)).collect();
    missing.sort_unstable();
    missing.dedup();
    Ok(missing)
}
