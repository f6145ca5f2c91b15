//! `geniai dev`: developer tools, hidden from the main help (the source generator, used by the
//! tests, the demo and the benchmark).

use std::time::Instant;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::context::AppContext;
use crate::source::seed::{self, SeedOptions};

/// Developer tools.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Fill an empty database with deterministic Chatwoot-compatible data.
    ///
    /// Creates the Chatwoot schema subset if the database has none, then generates accounts,
    /// inboxes of several channel types, agents, teams, contacts, conversations in every status,
    /// messages of every kind, reporting events consistent with them, CSAT surveys and responses,
    /// and labels, spread over the 120 days before the current hour. The same --seed gives the
    /// same data (for the same hour).
    SeedSource(SeedSourceArgs),
}

/// Flags of `geniai dev seed-source`.
#[derive(Debug, Args)]
pub struct SeedSourceArgs {
    /// The database to fill (PostgreSQL URL). It must hold no Chatwoot data yet.
    #[arg(long, env = "GENIAI_SEED_URL", hide_env_values = true, value_name = "URL")]
    pub url: String,

    /// How many conversations to generate (about ten messages each).
    #[arg(long, value_name = "N")]
    pub conversations: u64,

    /// Seed of the pseudo-random values.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

/// Runs a `geniai dev` subcommand.
pub async fn run(cmd: DevCommand, _ctx: &AppContext) -> Result<()> {
    match cmd {
        DevCommand::SeedSource(args) => {
            let started = Instant::now();
            let options = SeedOptions::new(args.conversations, args.seed);
            let summary = seed::seed(&args.url, &options).await?;
            tracing::info!(
                elapsed_s = started.elapsed().as_secs_f64(),
                "generated {} conversations, {} messages, {} reporting events, {} CSAT responses in {:.1}s",
                summary.conversations,
                summary.messages,
                summary.reporting_events,
                summary.csat_survey_responses,
                started.elapsed().as_secs_f64()
            );
            println!("{}", serde_json::to_string_pretty(&summary)?);
            Ok(())
        }
    }
}
