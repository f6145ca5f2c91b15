//! The command line: global flags and the subcommand tree. Each subcommand's own flags live in
//! its module under `commands/`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::commands;

/// geniai: multi-tenant analytics for one Chatwoot installation.
///
/// Copies conversation data out of Chatwoot (read-only) into an analytics PostgreSQL where every
/// row belongs to a tenant and row-level security keeps each client's data apart.
///
/// With no --database-url, geniai runs its own embedded PostgreSQL under GENIAI_HOME.
#[derive(Debug, Parser)]
#[command(name = "geniai", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The analytics database (PostgreSQL URL). Default: the embedded cluster under GENIAI_HOME.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true, value_name = "URL")]
    pub database_url: Option<String>,

    /// The shared Chatwoot database, only ever read.
    #[arg(long, env = "GENIAI_SOURCE_URL", global = true, hide_env_values = true, value_name = "URL")]
    pub source_url: Option<String>,

    /// Where the embedded cluster lives [default: ~/.local/share/geniai, or /var/lib/geniai as root].
    #[arg(long, env = "GENIAI_HOME", hide_env_values = true, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// Who is acting, recorded in the audit log beside the OS user.
    #[arg(long, env = "GENIAI_ACTOR", hide_env_values = true, global = true, value_name = "NAME")]
    pub actor: Option<String>,

    /// Read settings from this geniai.toml [default: ./geniai.toml, ~/.config/geniai/geniai.toml,
    /// /etc/geniai/geniai.toml]. Flags and environment variables take precedence over it.
    #[arg(long, env = "GENIAI_CONFIG", hide_env_values = true, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// More log output (-v debug, -vv trace).
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Less log output (-q warnings only, -qq errors only).
    #[arg(short, long, action = ArgAction::Count, global = true, conflicts_with = "verbose")]
    pub quiet: u8,

    /// Log line format on stderr.
    #[arg(long, value_enum, env = "GENIAI_LOG_FORMAT", hide_env_values = true, global = true, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// How log events are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per event, for log collectors.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Try everything on generated data: a Chatwoot, three clients, ETL, reports, the dashboard.
    Demo(commands::demo::DemoArgs),
    /// Apply pending schema migrations and create the database roles geniai needs.
    Migrate(commands::migrate::MigrateArgs),
    /// Manage the embedded PostgreSQL cluster (start, stop, status, url).
    #[command(subcommand)]
    Db(commands::db::DbCommand),
    /// Manage tenants (clients): onboarding, plan, status, settings, deletion.
    #[command(subcommand)]
    Tenant(commands::tenant::TenantCommand),
    /// Manage users: a tenant's staff, or platform admins.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Manage which tenant owns which Chatwoot inbox.
    #[command(subcommand)]
    Inbox(commands::inbox::InboxCommand),
    /// Manage a tenant's encrypted secrets, and rotate the master key.
    #[command(subcommand)]
    Secret(commands::secret::SecretCommand),
    /// Print a new random master key for the tenant secrets (base64 of 32 bytes).
    Keygen(commands::keygen::KeygenArgs),
    /// Copy Chatwoot data into the analytics database, incrementally (what cron runs hourly).
    Etl(commands::etl::EtlArgs),
    /// Print a tenant's KPI report, or the cross-client overview.
    ///
    /// Tenant reports (--tenant SLUG) run inside a transaction bound to that tenant, so
    /// PostgreSQL's row-level security alone decides what they see. `overview` is the
    /// cross-client view for platform admins. Metrics follow Chatwoot's own definitions.
    ///
    /// The period is [--from, --to): dates are midnight in the report's timezone (the tenant's,
    /// or --tz), or give RFC 3339 timestamps. The default is the last 30 full days.
    #[command(after_help = "Examples:\n  \
        geniai report kpis --tenant acme\n  \
        geniai report daily --tenant acme --from 2026-10-01 --to 2026-11-01 --format csv\n  \
        geniai report conversations --tenant acme --format csv > acme.csv\n  \
        geniai report overview --format json")]
    Report(commands::report::ReportArgs),
    /// Serve the web dashboard and the JSON API.
    Serve(commands::serve::ServeArgs),
    /// Manage per-tenant API tokens for the JSON API (create, list, revoke).
    #[command(subcommand)]
    Token(commands::token::TokenCommand),
    /// Show the audit log: who changed what, when, newest first.
    Audit(commands::audit::AuditArgs),
    /// Check the installation and print each finding with its fix (exit 1 if any check fails).
    Doctor(commands::doctor::DoctorArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::completions::CompletionsArgs),
    /// Developer tools (source generator).
    #[command(subcommand, hide = true)]
    Dev(commands::dev::DevCommand),
}
