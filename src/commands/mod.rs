//! One module per subcommand. Each exposes its clap arguments and a `run` taking the context.

pub mod audit;
pub mod completions;
pub mod db;
pub mod demo;
pub mod dev;
pub mod doctor;
pub mod etl;
pub mod inbox;
pub mod interact;
pub mod keygen;
pub mod migrate;
pub mod report;
pub mod secret;
pub mod serve;
pub mod tenant;
pub mod token;
pub mod user;

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
        Command::Demo(args) => demo::run(args, ctx).await,
        Command::Completions(args) => completions::run(args),
        Command::Serve(args) => serve::run(args, ctx).await,
        Command::Token(cmd) => token::run(cmd, ctx).await,
        Command::Tenant(cmd) => tenant::run(cmd, ctx).await,
        Command::User(cmd) => user::run(cmd, ctx).await,
        Command::Inbox(cmd) => inbox::run(cmd, ctx).await,
        Command::Secret(cmd) => secret::run(cmd, ctx).await,
        Command::Keygen(args) => keygen::run(args, ctx).await,
        Command::Audit(args) => audit::run(args, ctx).await,
        Command::Dev(cmd) => dev::run(cmd, ctx).await,
        Command::Etl(args) => etl::run(args, ctx).await,
    }
}
