//! geniai on a Citus cluster: where each table of the schema lives, and the step of `geniai
//! migrate` that distributes them on a coordinator (docs/scaling.md).
//!
//! [`TABLES`] is the one description: every table of the migrated schema is classified there as a
//! reference table (copied to every node), a distributed table (sharded by `tenant_id`, co-located
//! with `conversations`) or a local one (kept on the coordinator). The distribution step and the
//! test that no table is left unclassified both read it.

use anyhow::{Context, Result, bail};
use sqlx::PgConnection;

/// Where a table lives on a Citus cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Small and shared by every tenant: copied whole to every node.
    Reference,
    /// Tenant data: sharded by `tenant_id`, co-located with [`COLOCATION_LEADER`], so that a
    /// tenant's rows of every table sit on one worker and joins on `(tenant_id, …)` stay there.
    Distributed,
    /// Platform data read before a tenant is known (logins) or unique across tenants: stays on the
    /// coordinator. One with a foreign key to a reference table becomes a Citus-managed local table.
    Local,
}

/// The tenant's own policy on a table, `tenant_isolation` for `geniai_tenant`. Citus refuses
/// subqueries in the policies of its tables, so the migrations' `col = (SELECT
/// geniai_current_tenant())` is replaced on them by `col = geniai_current_tenant()` (the same
/// test; the subquery only made PostgreSQL evaluate it once per statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// No tenant policy to replace (none, or the table keeps its own on the coordinator).
    Kept,
    /// `FOR ALL … USING (tenant_id = …) WITH CHECK (tenant_id = …)`.
    ReadWrite(&'static str),
    /// `FOR SELECT … USING (<column> = …)`.
    ReadOnly(&'static str),
}

/// One table of the schema on Citus.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub name: &'static str,
    pub placement: Placement,
    pub isolation: Isolation,
}

const fn reference(name: &'static str, isolation: Isolation) -> Table {
    Table { name, placement: Placement::Reference, isolation }
}
const fn distributed(name: &'static str) -> Table {
    Table { name, placement: Placement::Distributed, isolation: Isolation::ReadWrite("tenant_id") }
}
const fn local(name: &'static str, isolation: Isolation) -> Table {
    Table { name, placement: Placement::Local, isolation }
}

/// The distributed table the others are co-located with; created first, with [`SHARD_COUNT`].
pub const COLOCATION_LEADER: &str = "conversations";

/// Shards per distributed table: enough to spread tenants over many workers later.
pub const SHARD_COUNT: i32 = 32;

/// Every table of the schema, in the order the distribution step handles them: reference tables
/// before the distributed ones that reference them, and [`COLOCATION_LEADER`] first among those.
/// A table added by a migration must be added here too (`citus_description` tests fail until it
/// is).
pub const TABLES: &[Table] = &[
    reference("tenants", Isolation::ReadOnly("id")),
    reference("secret_master_key", Isolation::Kept),
    // One small row per tenant, written by administrators only, read with the tenant in the
    // platform's lookups: Citus refuses a correlated subquery over a distributed table from a
    // reference table (`tenants`), so they are copied to every node like `tenants`.
    reference("tenant_settings", Isolation::ReadWrite("tenant_id")),
    reference("tenant_secrets", Isolation::ReadWrite("tenant_id")),
    // The platform tables the platform's queries join with tenant data (the tenant lookup, the
    // admin overview, logins): Citus refuses joins of distributed and coordinator-local tables,
    // and allows joins of distributed and reference tables. Small, and written rarely enough
    // (logins, token use) that a write to every node costs little.
    reference("inbox_mappings", Isolation::ReadOnly("tenant_id")),
    reference("users", Isolation::Kept),
    reference("sessions", Isolation::Kept),
    reference("api_tokens", Isolation::Kept),
    distributed("conversations"),
    distributed("messages"),
    distributed("reporting_events"),
    distributed("csat_responses"),
    distributed("inboxes"),
    distributed("agents"),
    distributed("teams"),
    distributed("etl_watermarks"),
    distributed("etl_runs"),
    distributed("report_rollups"),
    distributed("frt_histogram"),
    distributed("conversation_live_counts"),
    distributed("dimension_rollups"),
    distributed("dimension_rollups_stale"),
    // Append-only and never joined with tenant data; login failures are read before a tenant is
    // known. Both have a foreign key to a reference table, so Citus makes them managed local
    // tables.
    local("audit_log", Isolation::Kept),
    local("login_failures", Isolation::Kept),
    local("_sqlx_migrations", Isolation::Kept),
];

/// Triggers the migrations create that Citus cannot run, dropped on a coordinator.
/// `delete_tenant_facts` (0009) deletes a tenant's facts from a trigger on `tenants`; on a reference
/// table it would fire on every node's copy. On Citus every distributed table keeps a foreign key
/// to `tenants` with `ON DELETE CASCADE` instead, which each worker applies to its own shards.
/// The `dimension_rollups_*` triggers on the reference tables `tenant_settings` (0031: leads
/// counted again) and `tenants` (0031: a timezone changed) keep the dimension rollups, which Citus
/// does not keep (0030). The `first_response_keys*` triggers (0040) copy a conversation's team and
/// labels onto its first responses for those rollups' reports, and would read a distributed table
/// from a shard.
pub const DROPPED_TRIGGERS: &[(&str, &str)] = &[
    ("tenants", "delete_tenant_facts"),
    ("tenants", "dimension_rollups_timezone"),
    ("tenant_settings", "dimension_rollups_recount_insert"),
    ("tenant_settings", "dimension_rollups_recount_update"),
    ("tenant_settings", "dimension_rollups_recount_delete"),
    ("reporting_events", "first_response_keys"),
    ("reporting_events", "first_response_keys_moved"),
    ("conversations", "first_response_keys_insert"),
    ("conversations", "first_response_keys_update"),
    ("conversations", "first_response_keys_delete"),
];

/// Foreign keys the migrations create that Citus cannot check for the tenant role, dropped on a
/// coordinator: `(table, constraint)`. A write to a reference table with a foreign key to another
/// reference table makes Citus lock the referenced table's shard on every node, which it allows
/// only to a role that may modify that table; the tenant role may only read `tenants`, and writes
/// its own settings and secrets. The tenant's deletion deletes them explicitly instead (the
/// cascade does it first on a single server), and the tenant role can only write rows of its own
/// tenant, which exists.
pub const DROPPED_FOREIGN_KEYS: &[(&str, &str)] = &[
    ("tenant_settings", "tenant_settings_tenant_id_fkey"),
    ("tenant_secrets", "tenant_secrets_tenant_id_fkey"),
];

/// Whether the database has the citus extension (is a Citus coordinator or worker).
pub async fn is_citus(conn: &mut PgConnection) -> Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')")
        .fetch_one(conn)
        .await
        .context("checking for the citus extension")
}

/// Placements of the tables Citus already knows: `(table, 'reference' | 'distributed' | …)`.
async fn known(conn: &mut PgConnection) -> Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT logicalrelid::regclass::text, CASE WHEN partmethod = 'h' THEN 'distributed'
                    WHEN partmethod = 'n' AND repmodel = 't' THEN 'reference' ELSE 'local' END
           FROM pg_dist_partition",
    )
    .fetch_all(conn)
    .await
    .context("reading the Citus metadata")
}

/// Distributes the migrated schema on a Citus coordinator as [`TABLES`] describes; what is already
/// distributed is left alone, so re-running it changes nothing. Returns the tables it placed.
pub async fn distribute(conn: &mut PgConnection) -> Result<Vec<&'static str>> {
    let role: bool = sqlx::query_scalar("SELECT citus_is_coordinator()")
        .fetch_one(&mut *conn)
        .await
        .context("asking whether this is the Citus coordinator")?;
    if !role {
        bail!(
            "this database has citus but is not the cluster's coordinator: run `geniai migrate` against the coordinator"
        );
    }
    let exists: Vec<String> = sqlx::query_scalar(
        "SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')",
    )
    .fetch_all(&mut *conn)
    .await?;
    let staging = crate::etl::load::distributed_staging_ddl();
    let unclassified: Vec<&String> = exists
        .iter()
        .filter(|t| !TABLES.iter().any(|d| d.name == t.as_str()) && !staging.iter().any(|(s, _)| s == *t))
        .collect();
    if !unclassified.is_empty() {
        bail!("cannot distribute the schema: {unclassified:?} not classified in geniai::db::citus::TABLES");
    }
    let known = known(conn).await?;
    let is_placed = |name: &str| known.iter().any(|(t, _)| t == name);
    let mut placed = Vec::new();
    // Triggers on distributed tables run on their shards only with this setting; the summary
    // triggers are written to work there (migration 0028).
    sqlx::raw_sql("SET citus.enable_unsafe_triggers = on; SET client_min_messages = warning")
        .execute(&mut *conn)
        .await?;
    for (table, trigger) in DROPPED_TRIGGERS {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP TRIGGER IF EXISTS {trigger} ON {table}")))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("dropping the trigger {trigger} on {table}"))?;
    }
    // Before any table is placed: making `tenants` a reference table turns the local tables
    // that reference it into Citus tables at once.
    for table in TABLES.iter().filter(|t| !is_placed(t.name)) {
        if let Some(sql) = policy_sql(table) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await
                .with_context(|| format!("replacing the tenant policy of {}", table.name))?;
        }
    }
    // Citus refuses to distribute tables joined by foreign keys, and would turn the tables that
    // reference `tenants` into local Citus tables when it becomes a reference table: the keys to
    // `tenants` are dropped first and added back once both sides are placed.
    for table in TABLES.iter().filter(|t| t.placement == Placement::Distributed && !is_placed(t.name)) {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {t}_tenant_id_fkey",
            t = table.name
        )))
        .execute(&mut *conn)
        .await
        .with_context(|| format!("dropping the foreign key of {} to tenants", table.name))?;
    }
    for table in TABLES.iter().filter(|t| !is_placed(t.name)) {
        let call = match table.placement {
            Placement::Reference => format!("SELECT create_reference_table('{}')", table.name),
            Placement::Distributed if table.name == COLOCATION_LEADER => format!(
                "SELECT create_distributed_table('{}', 'tenant_id', shard_count => {SHARD_COUNT})",
                table.name
            ),
            Placement::Distributed => format!(
                "SELECT create_distributed_table('{}', 'tenant_id', colocate_with => '{COLOCATION_LEADER}')",
                table.name
            ),
            Placement::Local => continue,
        };
        sqlx::raw_sql(sqlx::AssertSqlSafe(call))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("distributing {}", table.name))?;
        placed.push(table.name);
    }
    for table in TABLES.iter().filter(|t| t.placement == Placement::Distributed) {
        let has_key: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND conname = $1 || '_tenant_id_fkey')",
        )
        .bind(table.name)
        .fetch_one(&mut *conn)
        .await?;
        if !has_key {
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {t} ADD CONSTRAINT {t}_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE",
                t = table.name
            )))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("adding the foreign key of {} to tenants", table.name))?;
        }
    }
    for (table, constraint) in DROPPED_FOREIGN_KEYS {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint}"
        )))
        .execute(&mut *conn)
        .await
        .with_context(|| format!("dropping the foreign key {constraint} of {table}"))?;
    }
    // The ETL's staging on Citus (`etl::load::Staging::Distributed`): no row-level security, since
    // COPY refuses it, and no row is ever committed there (see `Staging`).
    for (table, ddl) in &staging {
        sqlx::raw_sql(sqlx::AssertSqlSafe(ddl.clone()))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("creating the staging table {table}"))?;
        if !is_placed(table) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "SELECT create_distributed_table('{table}', 'tenant_id', colocate_with => '{COLOCATION_LEADER}');
                 GRANT SELECT, INSERT, DELETE ON {table} TO {}, {}",
                super::roles::TENANT_ROLE,
                super::roles::PLATFORM_ROLE
            )))
            .execute(&mut *conn)
            .await
            .with_context(|| format!("distributing the staging table {table}"))?;
        }
    }
    sqlx::raw_sql("RESET citus.enable_unsafe_triggers; RESET client_min_messages")
        .execute(&mut *conn)
        .await?;
    Ok(placed)
}

/// The statements that replace `table`'s tenant policy by one Citus accepts, if it has one.
fn policy_sql(table: &Table) -> Option<String> {
    let (command, using) = match table.isolation {
        Isolation::Kept => return None,
        Isolation::ReadWrite(column) => (
            "",
            format!(
                "USING ({column} = geniai_current_tenant()) WITH CHECK ({column} = geniai_current_tenant())"
            ),
        ),
        Isolation::ReadOnly(column) => (" FOR SELECT", format!("USING ({column} = geniai_current_tenant())")),
    };
    Some(format!(
        "BEGIN; DROP POLICY IF EXISTS tenant_isolation ON {t};
         CREATE POLICY tenant_isolation ON {t}{command} TO {role} {using}; COMMIT",
        t = table.name,
        role = super::roles::TENANT_ROLE,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tenant_table_is_on_every_node_or_distributed_and_the_leader_comes_first() {
        for name in super::super::TENANT_TABLES {
            let table = TABLES.iter().find(|t| t.name == *name).expect("tenant table classified");
            assert_ne!(table.placement, Placement::Local, "{name}");
            assert_ne!(table.isolation, Isolation::Kept, "{name} keeps a policy Citus refuses");
        }
        let first = TABLES.iter().position(|t| t.placement == Placement::Distributed).unwrap();
        assert_eq!(TABLES[first].name, COLOCATION_LEADER);
        let last_reference = TABLES.iter().rposition(|t| t.placement == Placement::Reference).unwrap();
        assert!(last_reference < first, "reference tables come before the distributed ones");
    }
}
