//! Schema migrations: the SQL files in `sql/`, embedded in the binary and applied in order.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::{PgConnection, PgPool};

use super::{citus, roles};

/// Every migration in `sql/`, compiled into the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./sql");

/// One migration and whether it has been applied.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MigrationStatus {
    pub version: i64,
    pub description: String,
    pub applied_at: Option<DateTime<Utc>>,
}

/// Creates the roles and applies pending migrations; returns the versions applied by this call.
///
/// On a Citus coordinator (a database with the citus extension) it then distributes the tables
/// as [`citus::TABLES`] describes, and the roles may log in (see [`roles::ensure`]).
///
/// Safe to run concurrently: sqlx holds an advisory lock while migrating, and role creation
/// tolerates a concurrent creator.
pub async fn run(pool: &PgPool) -> Result<Vec<i64>> {
    let mut conn = pool.acquire().await.context("connecting to migrate")?;
    let on_citus = citus::is_citus(&mut conn).await?;
    roles::ensure(&mut conn, on_citus).await?;
    // Held for the whole run, so that "what this call applied" is exact even when another
    // `geniai migrate` runs at the same moment (sqlx takes its own lock inside as well).
    sqlx::query("SELECT pg_advisory_lock(hashtext('geniai:migrate'))").execute(&mut *conn).await?;
    let result = async {
        let before = applied_versions(&mut conn).await?;
        MIGRATOR.run(&mut *conn).await.map_err(migrate_error)?;
        if on_citus {
            let placed = citus::distribute(&mut conn).await?;
            if !placed.is_empty() {
                tracing::info!(tables = ?placed, "distributed {} table(s) on the Citus cluster", placed.len());
            }
        }
        let after = applied_versions(&mut conn).await?;
        Ok(after.into_iter().filter(|v| !before.contains(v)).collect())
    }
    .await;
    sqlx::query("SELECT pg_advisory_unlock(hashtext('geniai:migrate'))").execute(&mut *conn).await?;
    result
}

/// Lists every known migration with the time it was applied, if it was.
pub async fn status(pool: &PgPool) -> Result<Vec<MigrationStatus>> {
    let mut conn = pool.acquire().await?;
    let applied = applied(&mut conn).await?;
    Ok(MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| MigrationStatus {
            version: m.version,
            description: m.description.to_string(),
            applied_at: applied.iter().find(|(v, _)| *v == m.version).map(|(_, at)| *at),
        })
        .collect())
}

/// Whether every migration compiled into this binary has been applied.
pub async fn is_current(pool: &PgPool) -> Result<bool> {
    Ok(status(pool).await?.iter().all(|m| m.applied_at.is_some()))
}

async fn applied_versions(conn: &mut PgConnection) -> Result<Vec<i64>> {
    Ok(applied(conn).await?.into_iter().map(|(v, _)| v).collect())
}

async fn applied(conn: &mut PgConnection) -> Result<Vec<(i64, DateTime<Utc>)>> {
    let table_exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *conn)
        .await
        .context("reading the migration table")?;
    if !table_exists {
        return Ok(Vec::new());
    }
    sqlx::query_as("SELECT version, installed_on FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(&mut *conn)
        .await
        .context("reading the migration table")
}

fn migrate_error(err: sqlx::migrate::MigrateError) -> anyhow::Error {
    use sqlx::migrate::MigrateError::*;
    match err {
        VersionMissing(v) => anyhow::anyhow!(
            "the database has migration {v} applied, which this geniai does not know: it was migrated by a newer geniai"
        ),
        VersionMismatch(v) => anyhow::anyhow!("migration {v} was changed after it was applied"),
        Dirty(v) => anyhow::anyhow!("migration {v} failed part-way earlier; repair the database and re-run"),
        other => anyhow::Error::new(other).context("applying migrations"),
    }
}
