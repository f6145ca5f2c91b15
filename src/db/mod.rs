//! Database access: connecting to the analytics database and the only two doors into its data.
//!
//! Tenant data is reachable through exactly one function, [`tenant_tx`], which opens a
//! transaction, switches it to the `geniai_tenant` role and binds the tenant. Cross-tenant work
//! (administration, ETL routing, login) goes through [`platform_tx`], an explicit and separate
//! path. Both bind everything with `SET LOCAL`, so nothing outlives the transaction and a pooled
//! connection never carries one tenant's context into the next use.

pub mod citus;
pub mod copy;
pub mod locks;
pub mod migrate;
pub mod roles;
pub mod session;

use std::fmt;
use std::ops::{Deref, DerefMut};

use anyhow::{Context, Result, bail};
use sqlx::{PgConnection, PgPool, Postgres, Row, Transaction};

use roles::{PLATFORM_ROLE, TENANT_ROLE};

/// Every tenant-scoped table: `tenant_id` leads its keys, and RLS is enabled and forced on it.
pub const TENANT_TABLES: &[&str] = &[
    "tenant_settings",
    "tenant_secrets",
    "inboxes",
    "agents",
    "teams",
    "conversations",
    "messages",
    "reporting_events",
    "csat_responses",
    "etl_watermarks",
    "etl_runs",
    "report_rollups",
    "frt_histogram",
    "conversation_live_counts",
    "dimension_rollups",
    "dimension_rollups_stale",
];

/// Platform tables that carry a tenant id: RLS-protected too, but keyed globally.
pub const PLATFORM_TABLES_WITH_TENANT: &[&str] =
    &["tenants", "users", "inbox_mappings", "audit_log", "api_tokens"];

/// A tenant's id in the analytics database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, sqlx::Type)]
#[sqlx(transparent)]
pub struct TenantId(pub i32);

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Opens a pool on the analytics database for the commands' short statements, with a message
/// that says what failed.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool> {
    session::open_pool(url, session::Database::Analytics, max_connections, std::time::Duration::from_secs(15))
        .await
}

/// A one-line, secret-free description of a connection failure (the server's own words for a
/// refused login, which name the user and database but never the password).
pub fn describe_connect_error(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused (is the server running and listening there?)".to_string()
        }
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "no server listens there (the socket does not exist)".to_string()
        }
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => format!("TLS negotiation failed: {tls}"),
        sqlx::Error::Database(db) => {
            let message = db.message();
            // 28000 is also how a server whose pg_hba.conf admits this login only over TLS
            // refuses a plain connection; its message then ends with "no encryption".
            if db.code().as_deref() == Some("28000") && message.ends_with("no encryption") {
                format!("{message} (the server requires TLS: add sslmode=require to the URL)")
            } else {
                message.to_string()
            }
        }
        sqlx::Error::PoolTimedOut => "timed out waiting for a free connection".to_string(),
        other => other.to_string(),
    }
}

/// A transaction bound to one tenant, running as the `geniai_tenant` role.
///
/// Row-level security restricts every statement in it to that tenant's rows. It derefs to a
/// connection, so queries run with `.execute(&mut *tx)`. Dropping it without [`commit`] rolls
/// back.
///
/// [`commit`]: TenantTx::commit
pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    tenant: TenantId,
    on_citus: bool,
}

impl TenantTx {
    /// The tenant this transaction is bound to.
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// Whether the database is a Citus coordinator (has the citus extension): the few writes
    /// Citus cannot run as a single server does (the ETL's staging) take their Citus form.
    pub fn on_citus(&self) -> bool {
        self.on_citus
    }

    /// Commits the transaction; the role and tenant binding end with it.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await.context("committing a tenant transaction")
    }
}

impl Deref for TenantTx {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.tx
    }
}

impl DerefMut for TenantTx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.tx
    }
}

/// Opens a transaction bound to `tenant`. This is the only way geniai touches tenant data.
pub async fn tenant_tx(pool: &PgPool, tenant: TenantId) -> Result<TenantTx> {
    let mut tx = pool.begin().await.context("opening a tenant transaction")?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(tenant_binding(tenant))).execute(&mut *tx).await.map_err(role_error)?;
    // The role check and the Citus detection share the round trip the check costs anyway.
    let row = sqlx::query(
        "SELECT rolsuper OR rolbypassrls, EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
           FROM pg_roles WHERE rolname = current_user",
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(role_error)?;
    let can_bypass: bool = row.try_get(0).context("checking the tenant role")?;
    let on_citus: bool = row.try_get(1).context("checking for the citus extension")?;
    if can_bypass {
        bail!(
            "refusing tenant work: the role {TENANT_ROLE} can bypass row-level security (superuser or BYPASSRLS); run `geniai migrate` to repair it"
        );
    }
    Ok(TenantTx { tx, tenant, on_citus })
}

/// The statements that bind a transaction to `tenant`, the same on a single server and on Citus.
///
/// SET LOCAL takes no bind parameter. The value is formatted from an i32, so nothing can be
/// injected. On Citus, `citus.propagate_set_commands = 'local'` makes the coordinator send the
/// transaction's later SET LOCAL commands to the workers it uses, so the shards' policies see the
/// tenant too (`set_config()` is never sent: the shards would see no tenant and return nothing).
/// On a server without Citus the setting is a harmless placeholder. Citus sends the whole string
/// that held a SET LOCAL, so this string holds nothing else: the role check is a second statement.
pub fn tenant_binding(tenant: TenantId) -> String {
    format!(
        "SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL ROLE {TENANT_ROLE}; \
         SET LOCAL app.tenant_id = '{}'",
        tenant.0
    )
}

/// A transaction on the explicit cross-tenant path, running as the `geniai_platform` role.
pub struct PlatformTx {
    tx: Transaction<'static, Postgres>,
}

impl PlatformTx {
    /// Commits the transaction.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await.context("committing a platform transaction")
    }

    /// Rolls the transaction back now (dropping it only queues the rollback on the connection).
    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await.context("rolling back a platform transaction")
    }
}

impl Deref for PlatformTx {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.tx
    }
}

impl DerefMut for PlatformTx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.tx
    }
}

/// Opens a cross-tenant transaction for administration, ETL routing and login.
///
/// Callers are platform code paths only: tenant-facing code uses [`tenant_tx`].
pub async fn platform_tx(pool: &PgPool) -> Result<PlatformTx> {
    let mut tx = pool.begin().await.context("opening a platform transaction")?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET LOCAL ROLE {PLATFORM_ROLE}")))
        .execute(&mut *tx)
        .await
        .map_err(role_error)?;
    Ok(PlatformTx { tx })
}

fn role_error(err: sqlx::Error) -> anyhow::Error {
    let missing =
        err.as_database_error().and_then(|e| e.code()).is_some_and(|c| c == "22023" || c == "42704");
    if missing {
        anyhow::anyhow!(
            "the analytics database is not migrated yet (its roles are missing): run `geniai migrate`"
        )
    } else if err.as_database_error().and_then(|e| e.code()).is_some_and(|c| c == "42501") {
        anyhow::anyhow!(
            "the database account cannot switch to the geniai roles: run `geniai migrate` with it, \
             or `GRANT {TENANT_ROLE}, {PLATFORM_ROLE} TO <account>`"
        )
    } else {
        anyhow::Error::new(err).context("binding the transaction's role")
    }
}
