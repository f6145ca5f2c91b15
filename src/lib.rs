//! geniai: a multi-tenant analytics service for one Chatwoot installation.
//!
//! Layout: `cli` parses the command line, `commands` holds one module per subcommand, `db` owns
//! database access (the tenant-bound and platform transactions, migrations, roles), `embedded`
//! runs the private PostgreSQL cluster, `output` prints records (CSV through `csv_format`, shared
//! with the web), and `web` is the dashboard served by `geniai serve`.

pub mod admin;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod csv_format;
pub mod db;
pub mod doctor;
pub mod embedded;
pub mod enums;
pub mod error;
pub mod etl;
pub mod freshness;
pub mod logging;
pub mod output;
pub mod password;
pub mod reference;
pub mod reports;
pub mod secrets;
pub mod source;
pub mod web;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// Parses the command line, runs the command, and turns the outcome into an exit code.
pub fn main_entry() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The config file fills in environment variables, so it must be read before parsing.
    if let Err(err) = config::apply(&args) {
        eprintln!("geniai: {err:#}");
        return ExitCode::from(error::exit_code(&err));
    }
    let matches = cli::Cli::command().get_matches_from(args);
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    logging::init(&cli.global);
    // The server shows each session as `geniai <command>`: in pg_stat_activity, and as a lock's
    // holder.
    if let Some(command) = matches.subcommand_name() {
        db::session::name_sessions_after(command);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("geniai: cannot start the async runtime: {err}");
            return ExitCode::from(error::EXIT_FAILURE);
        }
    };
    let ctx = context::AppContext::from_args(&cli.global);
    let result = runtime.block_on(commands::dispatch(cli.command, &ctx));
    match result {
        Ok(()) => ExitCode::from(error::EXIT_OK),
        Err(err) if error::is_broken_pipe(&err) => ExitCode::from(error::EXIT_OK),
        Err(err) => {
            eprintln!("geniai: {err:#}");
            ExitCode::from(error::exit_code(&err))
        }
    }
}
