//! geniai's advisory locks: their namespace, the per-tenant lock that the ETL and tenant
//! deletion both take, and who holds a lock (the session's backend, its application and since
//! when, for the messages that say why work was skipped).

use std::fmt;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::TenantId;

/// Namespace of geniai's advisory locks (the first key of the two-key form).
pub const LOCK_NAMESPACE: i32 = 0x6765_6e69; // "geni"

/// Takes a tenant's lock for the transaction on `conn`: `false` while another one holds it. The
/// lock is transaction-scoped: released at commit, at rollback, and when a killed process's
/// connection drops; it holds across machines sharing the analytics database. An ETL run holds
/// it while it writes the tenant's facts; deleting the tenant takes it too, so no run starts on
/// a tenant being deleted, and no tenant is deleted under a run.
pub async fn try_lock_tenant(conn: &mut PgConnection, tenant: TenantId) -> Result<bool> {
    let (locked, _) = try_lock_tenant_and(conn, tenant, "true").await?;
    Ok(locked)
}

/// [`try_lock_tenant`], and the value of the boolean SQL expression `also` evaluated in the same
/// statement (one round trip fewer for the caller): `(locked, also)`.
pub async fn try_lock_tenant_and(
    conn: &mut PgConnection,
    tenant: TenantId,
    also: &'static str,
) -> Result<(bool, bool)> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT pg_try_advisory_xact_lock($1, $2), {also}")))
        .bind(LOCK_NAMESPACE)
        .bind(tenant.0)
        .fetch_one(conn)
        .await
        .context("taking the tenant's ETL lock")
}

/// The session holding a tenant's lock (see [`holder`]).
pub async fn tenant_lock_holder(pool: &PgPool, tenant: TenantId) -> Option<LockHolder> {
    holder(pool, LOCK_NAMESPACE, tenant.0).await
}

/// The session holding an advisory lock, as far as this login may see it in `pg_stat_activity`
/// (another login's sessions show no application nor times without `pg_read_all_stats`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    /// The server process of the session.
    pub pid: i32,
    /// Its `application_name` (`geniai etl` for an ETL run), when visible and set.
    pub application: Option<String>,
    /// When its transaction began (a transaction-scoped lock is at most that old), or its session
    /// for a session-scoped lock taken outside a transaction.
    pub since: Option<DateTime<Utc>>,
}

impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "held by backend pid {}", self.pid)?;
        if let Some(application) = &self.application {
            write!(f, ", application \"{application}\"")?;
        }
        if let Some(since) = self.since {
            write!(f, ", since {} UTC", since.format("%Y-%m-%d %H:%M:%S"))?;
        }
        Ok(())
    }
}

/// A row of [`holder`]'s query: pid, application, since.
type HolderRow = (i32, Option<String>, Option<DateTime<Utc>>);

/// The session holding the two-key advisory lock `(namespace, key)` in this database, if another
/// one holds it now. A failed look-up is logged and answers `None`: it only adds detail to a
/// message.
pub async fn holder(pool: &PgPool, namespace: i32, key: i32) -> Option<LockHolder> {
    // A two-key advisory lock shows its keys as oids in classid and objid, with objsubid 2.
    let found: sqlx::Result<Option<HolderRow>> = sqlx::query_as(
        "SELECT l.pid, nullif(a.application_name, ''), coalesce(a.xact_start, a.backend_start)
         FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.classid = $1::int4::oid AND l.objid = $2::int4::oid
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.pid <> pg_backend_pid()
         LIMIT 1",
    )
    .bind(namespace)
    .bind(key)
    .fetch_optional(pool)
    .await;
    match found {
        Ok(row) => row.map(|(pid, application, since)| LockHolder { pid, application, since }),
        Err(err) => {
            tracing::debug!("cannot tell who holds the lock: {err}");
            None
        }
    }
}
