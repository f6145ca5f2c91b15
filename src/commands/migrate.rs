//! `geniai migrate`: apply the schema and roles; `--status` lists applied and pending migrations.

use anyhow::Result;
use clap::Args;

use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format, Tabular};

/// Apply pending migrations. Idempotent and safe to run concurrently (it takes a lock), so CI can
/// run it on every deploy. Exits 0 when the schema is up to date.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// List applied and pending migrations instead of applying them (exit 1 if any is pending).
    #[arg(long)]
    pub status: bool,

    /// Require a Citus coordinator: fail unless the database has the citus extension. Without
    /// it the extension is detected, and the tables are distributed when it is there.
    #[arg(long)]
    pub citus: bool,

    /// Output format for --status.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl Tabular for db::migrate::MigrationStatus {
    fn headers(&self) -> Vec<String> {
        vec!["version".into(), "description".into(), "applied".into()]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.version.to_string(),
            self.description.clone(),
            self.applied_at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_else(|| "pending".into()),
        ]
    }
}

/// Runs `geniai migrate`.
pub async fn run(args: MigrateArgs, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    if args.status {
        let status = db::migrate::status(pool).await?;
        output::print_list(&status, args.format)?;
        let pending = status.iter().filter(|m| m.applied_at.is_none()).count();
        if pending > 0 {
            anyhow::bail!("{pending} migration(s) pending: run `geniai migrate`");
        }
        return Ok(());
    }
    if args.citus {
        let mut conn = pool.acquire().await?;
        if !db::citus::is_citus(&mut conn).await? {
            crate::invalid!(
                "--citus: the database has no citus extension (run `CREATE EXTENSION citus` on the coordinator and add the workers first)"
            );
        }
    }
    let applied = db::migrate::run(pool).await?;
    if applied.is_empty() {
        tracing::info!("the schema is up to date");
    } else {
        tracing::info!(versions = ?applied, "applied {} migration(s)", applied.len());
    }
    Ok(())
}
