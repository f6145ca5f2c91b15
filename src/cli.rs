//! The command line: global flags and the subcommand tree. Each subcommand's own flags live in
//! its module under `commands/`.

use std::path::PathBuf;
use std::str::FromStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::admin::{Locale, Plan, UserRole};
use crate::commands;
use crate::enums::Word;
use crate::error::DomainError;
use crate::etl::Trigger;
use crate::reports::ReportKind;

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
    /// Try everything on generated data: a Chatwoot, four clients (one in Portuguese), ETL, reports, the dashboard.
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

/// A clap parser for a domain enum: offers the enum's words ([`Word::ALL`], in order), each with
/// its help line from `help`, and parses the chosen word with the enum's own `FromStr`. The domain
/// types stay free of clap; this is where their command-line spelling meets it.
pub fn choice<T>(help: &'static [(T, &'static str)]) -> impl TypedValueParser<Value = T>
where
    T: Word + FromStr<Err = DomainError>,
{
    let values = T::ALL.iter().map(move |value| {
        let possible = PossibleValue::new(value.word());
        match help.iter().find(|(v, _)| v.word() == value.word()) {
            Some((_, text)) => possible.help(*text),
            None => possible,
        }
    });
    PossibleValuesParser::new(values).try_map(|word: String| word.parse::<T>())
}

/// The help line of each plan in `--help`.
pub const PLAN_HELP: &[(Plan, &str)] = &[
    (Plan::Basic, "The entry plan (the default)"),
    (Plan::Pro, "The professional plan"),
    (Plan::Enterprise, "The enterprise plan"),
];

/// The help line of each locale in `--help`.
pub const LOCALE_HELP: &[(Locale, &str)] =
    &[(Locale::En, "English (the default)"), (Locale::PtBr, "Brazilian Portuguese")];

/// The help line of each tenant role in `--help`.
pub const ROLE_HELP: &[(UserRole, &str)] = &[
    (UserRole::Admin, "Manages the tenant's settings, integration secrets and users"),
    (UserRole::Analyst, "Reads every report and exports data"),
    (UserRole::Viewer, "Reads the dashboard (the default: least privilege)"),
];

/// The help line of each ETL trigger in `--help`.
pub const TRIGGER_HELP: &[(Trigger, &str)] =
    &[(Trigger::Cli, "A person at a terminal"), (Trigger::Cron, "A scheduler (cron, a systemd timer)")];

/// The help line of each report kind in `--help`.
pub const REPORT_HELP: &[(ReportKind, &str)] = &[
    (ReportKind::Kpis, "The period's KPIs in one record, plus the live counts"),
    (
        ReportKind::Daily,
        "The same counts and averages per day (or --bucket hour|week|month), empty buckets included",
    ),
    (ReportKind::Inboxes, "One row per inbox"),
    (ReportKind::Agents, "One row per agent"),
    (ReportKind::Teams, "One row per team"),
    (ReportKind::Labels, "One row per label"),
    (ReportKind::Channels, "One row per channel type"),
    (
        ReportKind::FrtDistribution,
        "First response times in buckets 0-1h, 1-4h, 4-8h, 8-24h, 24h+ (--fine: eight finer buckets)",
    ),
    (
        ReportKind::Heatmap,
        "Conversations created per ISO weekday (1 = Monday) and hour in the timezone: 168 cells",
    ),
    (
        ReportKind::Conversations,
        "Every conversation created in the period (streams; use --format csv for exports)",
    ),
    (ReportKind::Overview, "Platform admins: one row per tenant, with totals (no --tenant)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn covers_every_value<T: Word + PartialEq + std::fmt::Debug>(help: &[(T, &str)]) {
        let listed: Vec<T> = help.iter().map(|(value, _)| *value).collect();
        assert_eq!(listed, T::ALL, "one help line per {}, in order", T::WHAT);
    }

    #[test]
    fn every_choice_has_its_help_line() {
        covers_every_value(PLAN_HELP);
        covers_every_value(LOCALE_HELP);
        covers_every_value(ROLE_HELP);
        covers_every_value(TRIGGER_HELP);
        covers_every_value(REPORT_HELP);
    }
}
