//! One module per subcommand. Each exposes its clap arguments and a `run` taking the context.

pub mod db;
pub mod doctor;
pub mod migrate;
pub mod report;
pub mod serve;
pub mod token;

use anyhow::Result;

use crate::cli::Command;
use crate::context::AppContext;

/// Runs the chosen subcommand.
pub async fn dispatch(command: Command, ctx: &AppContext) -> Result<()> {
    match command {
        Command::Migrate(args) => migrate::run(args, ctx).await,
        Command::Db(cmd) => db::run(cmd, ctx).await,
        Command::Report(args) => report::run(args, ctx).await,
        Command::Doctor(args) => doctor::run(args, ctx).await,
        Command::Serve(args) => serve::run(args, ctx).await,
        Command::Token(cmd) => token::run(cmd, ctx).await,
    }
}
