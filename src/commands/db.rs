//! `geniai db`: manage the embedded PostgreSQL cluster.

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::context::AppContext;
use crate::embedded::{Cluster, ClusterState};

/// Manage the embedded cluster that geniai uses when no --database-url is given.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create (on first use) and start the embedded server.
    Start,
    /// Stop the embedded server.
    Stop,
    /// Say whether the embedded server exists and runs.
    Status,
    /// Print the connection URL, for psql and other tools (starts the server if needed).
    Url,
}

fn cluster(ctx: &AppContext) -> Result<Cluster> {
    match ctx.embedded_cluster()? {
        Some(cluster) => Ok(cluster),
        None => bail!(crate::error::DomainError::invalid(
            "`geniai db` manages the embedded cluster, but --database-url / DATABASE_URL points elsewhere"
        )),
    }
}

/// Runs `geniai db ...`.
pub async fn run(cmd: DbCommand, ctx: &AppContext) -> Result<()> {
    let cluster = cluster(ctx)?;
    match cmd {
        DbCommand::Start => {
            cluster.start().await?;
            println!("running: {}", cluster.url());
        }
        DbCommand::Stop => {
            if cluster.stop()? {
                println!("stopped");
            } else {
                println!("not running");
            }
        }
        DbCommand::Status => {
            let state = cluster.state()?;
            let text = match state {
                ClusterState::NotInitialized => "not initialized",
                ClusterState::Stopped => "stopped",
                ClusterState::Running => "running",
            };
            println!("{text} ({})", cluster.home().display());
        }
        DbCommand::Url => {
            cluster.start().await?;
            println!("{}", cluster.url());
        }
    }
    Ok(())
}
