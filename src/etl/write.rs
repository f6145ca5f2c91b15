//! Writing a tenant's facts inside its locked target transaction: the lock itself, the staging
//! tables, moving staged rows into the fact tables (merge or insert), and deleting facts (all of
//! them, or those of inboxes no longer mapped).

use anyhow::{Context, Result, bail};

use super::extract::Stream;
use super::load::{self, Staged, Staging, Write};
use crate::db::{self, TenantId, TenantTx};

/// Takes the tenant's ETL lock for the transaction ([`db::locks::try_lock_tenant`]), and tells
/// whether the connection already has its staging tables, in one round trip: `(locked, staged)`.
/// Once it is taken, the tenant must still exist: deleting a tenant takes the same lock, and the
/// fact tables have no foreign key to `tenants`, so this check is what keeps a run from writing
/// facts for a tenant deleted just before.
pub(super) async fn lock_tenant(tx: &mut TenantTx) -> Result<(bool, bool)> {
    let tenant = tx.tenant();
    let (locked, staged) = db::locks::try_lock_tenant_and(tx, tenant, load::STAGING_EXISTS).await?;
    if locked {
        // A statement of its own, so that its snapshot follows the lock.
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)")
            .bind(tenant)
            .fetch_one(&mut **tx)
            .await
            .context("checking that the tenant still exists")?;
        if !exists {
            bail!("the tenant was deleted as the run started");
        }
    }
    Ok((locked, staged))
}

/// Deletes every fact of the transaction's tenant. The conversations go first: the triggers of
/// migration 0021 then find no conversation left to recompute the export facts of when the events
/// and CSAT answers follow, instead of rewriting every conversation just before deleting it.
pub(super) async fn delete_facts(tx: &mut TenantTx) -> Result<()> {
    for table in ["conversations", "csat_responses", "reporting_events", "messages"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Defers the triggers that keep the export's facts (migration 0021) and the dimension rollups
/// (0030) for the rest of the transaction. For a writer of a tenant's facts in bulk (a first load,
/// a full reload), which then rebuilds both after its last write ([`rebuild_conversation_facts`],
/// [`rebuild_dimension_rollups`]): recomputing per statement what one pass computes at the end
/// doubled a first load's time.
pub(super) async fn defer_bulk_summaries(tx: &mut TenantTx) -> Result<()> {
    sqlx::query("SET LOCAL geniai.conversation_facts = 'deferred'").execute(&mut **tx).await?;
    sqlx::query("SET LOCAL geniai.dimension_rollups = 'deferred'").execute(&mut **tx).await?;
    Ok(())
}

/// Recomputes the export facts of every conversation of the tenant in one pass over its facts,
/// and resumes the triggers that [`defer_bulk_summaries`] deferred.
/// On Citus the facts are not kept on the rows (migration 0029), so there is nothing to rebuild.
pub(super) async fn rebuild_conversation_facts(tx: &mut TenantTx) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query("SELECT geniai_rebuild_conversation_facts()")
        .execute(&mut **tx)
        .await
        .context("computing the export's facts of the loaded conversations")?;
    sqlx::query("SELECT set_config('geniai.conversation_facts', '', true)").execute(&mut **tx).await?;
    Ok(())
}

/// Rebuilds the tenant's dimension rollups from its facts, clears its stale mark, and resumes the
/// triggers that [`defer_bulk_summaries`] deferred. On Citus they are not kept (migration 0030).
pub(super) async fn rebuild_dimension_rollups(tx: &mut TenantTx) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query("SELECT geniai_rebuild_dimension_rollups()")
        .execute(&mut **tx)
        .await
        .context("summarising the loaded facts per inbox, agent, team, label and channel")?;
    sqlx::query("SELECT set_config('geniai.dimension_rollups', '', true)").execute(&mut **tx).await?;
    Ok(())
}

/// Which dimensions a part of a first load's summing pass adds (migrations 0036 and 0037).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DimensionSet {
    /// Every dimension.
    Every,
    /// Those whose rows keep every metric (inbox, agent, team, label, channel, the tenant total).
    Unbinned,
    /// Those whose keys begin with a first-response bin (the tenant's per day, each key's per
    /// month), whose rows keep only the first-response counts.
    Binned,
}

impl DimensionSet {
    fn add_sql(self) -> &'static str {
        match self {
            DimensionSet::Every => "SELECT geniai_add_dimension_rollups($1, geniai_all_dimensions())",
            DimensionSet::Unbinned => "SELECT geniai_add_dimension_rollups($1, geniai_unbinned_dimensions())",
            DimensionSet::Binned => "SELECT geniai_add_dimension_rollups($1, geniai_binned_dimensions())",
        }
    }
}

/// Adds the sums of the tenant's facts of the tables `facts` to its rollups of the dimensions
/// `dimensions`: a part of a first load's summing pass (the parts run side by side, see
/// `first_load`).
pub(super) async fn add_dimension_rollups(
    tx: &mut TenantTx,
    facts: &[&str],
    dimensions: DimensionSet,
) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query(dimensions.add_sql()).bind(facts).execute(&mut **tx).await.with_context(|| {
        format!("summarising the loaded {} per inbox, agent, team, label and channel", facts.join(", "))
    })?;
    Ok(())
}

/// Deletes the tenant's dimension rollups: a first load's summing pass starts from none (on Citus
/// they are not kept).
pub(super) async fn delete_dimension_rollups(tx: &mut TenantTx) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query("DELETE FROM dimension_rollups").execute(&mut **tx).await?;
    Ok(())
}

/// Clears the tenant's stale mark ([`mark_dimension_rollups_stale`]): the end of a first load's
/// summing pass.
pub(super) async fn unmark_dimension_rollups_stale(tx: &mut TenantTx) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query("DELETE FROM dimension_rollups_stale").execute(&mut **tx).await?;
    Ok(())
}

/// Marks the tenant's dimension rollups stale: the reports read the facts until
/// [`rebuild_dimension_rollups`] clears the mark. For a first load, whose lanes write in
/// transactions of their own with the rollups deferred. (On Citus they are not kept.)
pub(super) async fn mark_dimension_rollups_stale(tx: &mut TenantTx) -> Result<()> {
    if tx.on_citus() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO dimension_rollups_stale (tenant_id) VALUES (geniai_current_tenant()) ON CONFLICT DO NOTHING",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether the tenant's dimension rollups are marked stale (a first load stopped before its
/// rebuild).
pub(super) async fn dimension_rollups_stale(tx: &mut TenantTx) -> Result<bool> {
    if tx.on_citus() {
        return Ok(false);
    }
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM dimension_rollups_stale)")
        .fetch_one(&mut **tx)
        .await?)
}

/// Creates this connection's staging tables unless it has them (on Citus they are shared, and
/// `geniai migrate` created them).
pub(super) async fn ensure_staging(tx: &mut TenantTx) -> Result<()> {
    if Staging::of(tx) == Staging::Distributed {
        return Ok(());
    }
    let staged: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT {}", load::STAGING_EXISTS)))
        .fetch_one(&mut **tx)
        .await?;
    if !staged {
        sqlx::raw_sql(load::staging_ddl()).execute(&mut **tx).await.context("creating the staging tables")?;
    }
    Ok(())
}

pub(super) async fn merge(tx: &mut TenantTx, stream: Stream, tenant: TenantId, staged: u64) -> Result<u64> {
    // On Citus the comparison's one statement (a CTE that reads and empties the staging) is not
    // one Citus runs on a shard: the merge runs, and changes only what differs.
    if staged <= 10_000 && Staging::of(tx) == Staging::Temporary {
        // Re-read rows are usually unchanged: then the staging table is emptied and the merge
        // (and the fact table's statement triggers) skipped.
        let writes: bool = sqlx::query_scalar(load::pending_sql(stream))
            .bind(tenant)
            .fetch_one(&mut **tx)
            .await
            .with_context(|| format!("comparing {}", stream.name()))?;
        if !writes {
            return Ok(0);
        }
    }
    write_staged(tx, stream, tenant, Write::Merge, staged).await
}

pub(super) async fn insert(tx: &mut TenantTx, stream: Stream, tenant: TenantId, staged: u64) -> Result<u64> {
    write_staged(tx, stream, tenant, Write::Insert, staged).await
}

async fn write_staged(
    tx: &mut TenantTx,
    stream: Stream,
    tenant: TenantId,
    write: Write,
    staged: u64,
) -> Result<u64> {
    if Staging::of(tx) == Staging::Distributed {
        let written = sqlx::query(load::distributed_write_sql(stream, write))
            .bind(tenant)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("loading {}", stream.name()))?
            .rows_affected();
        sqlx::query(sqlx::AssertSqlSafe(load::distributed_empty_sql(stream)))
            .bind(tenant)
            .execute(&mut **tx)
            .await
            .with_context(|| format!("emptying the staged {}", stream.name()))?;
        return Ok(written);
    }
    let table = load::staging_table(stream);
    // A small batch is moved out of staging by the statement that writes it (one round trip
    // fewer per stream and tenant); a large one is written, then truncated, as TRUNCATE swaps
    // files, which costs more than deleting a handful of rows but less than deleting many.
    let small = staged <= 10_000;
    let sql = load::write_sql(stream, write, if small { Staged::Drained } else { Staged::Kept });
    let written = sqlx::query(sql)
        .bind(tenant)
        .execute(&mut **tx)
        .await
        .with_context(|| format!("loading {}", stream.name()))?
        .rows_affected();
    if !small {
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("TRUNCATE {table}"))).execute(&mut **tx).await?;
    }
    Ok(written)
}

/// Deletes the rows of inboxes that are no longer mapped to the tenant.
pub(super) async fn remove_inboxes(tx: &mut TenantTx, inboxes: &[i32]) -> Result<u64> {
    let mut removed = 0;
    for sql in [
        "DELETE FROM csat_responses r USING conversations c
          WHERE c.tenant_id = r.tenant_id AND c.conversation_id = r.conversation_id AND c.inbox_id = ANY($1)",
        "DELETE FROM reporting_events WHERE inbox_id = ANY($1)",
        "DELETE FROM messages WHERE inbox_id = ANY($1)",
        "DELETE FROM conversations WHERE inbox_id = ANY($1)",
        "DELETE FROM inboxes WHERE inbox_id = ANY($1)",
    ] {
        removed += sqlx::query(sql).bind(inboxes).execute(&mut **tx).await?.rows_affected();
    }
    Ok(removed)
}
