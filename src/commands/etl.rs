//! `geniai etl`: copy Chatwoot data into the analytics database (what cron runs every hour, or
//! `--watch` keeps doing), `geniai etl status` and `geniai etl prune`. This module parses flags
//! and draws progress; the work is in `crate::etl`.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use clap::{ArgGroup, Args, Subcommand};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

use crate::cli::LogFormat;
use crate::commands::serve::parse_duration;
use crate::context::AppContext;
use crate::etl::{self, EtlEvent, EtlOptions, Outcome, Selection, Trigger};
use crate::output::{self, Format};
use crate::secrets::{self, MasterKey};

/// Flags of `geniai etl`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    group(ArgGroup::new("tenants").required(true).args(["all_tenants", "tenant"])),
    after_help = "Each incremental run re-reads the window from the watermark less --overlap, and every CSAT \
                  response created in the 16 days before it: Chatwoot lets a contact edit a rating until 14 \
                  calendar days after the survey message.\n\nThe source login needs SELECT on Chatwoot's tables; with \
                  pg_read_all_stats too, the watermark waits exactly for transactions still writing, without it \
                  a run that finds one holds the watermark back one hour and records a warning (geniai doctor \
                  reports the grant).\n\nExit codes: 0 every tenant succeeded (or was skipped), 1 at least one tenant failed \
                  (the summary names them), 2 bad usage.\n\nExamples:\n  geniai etl --all-tenants\n  \
                  geniai etl --tenant acme --tenant globex --full\n  geniai etl --all-tenants --reconcile \
                  --trigger cron\n  geniai etl --all-tenants --watch --interval 30s\n  geniai etl status --format json\n  \
                  geniai etl prune --older-than 30d\n\nWith --watch: runs until SIGTERM or Ctrl-C, which let the cycle in \
                  flight finish (exit 0); a second Ctrl-C stops at once (exit 130, the tenants in flight roll back)."
)]
pub struct EtlArgs {
    #[command(subcommand)]
    pub command: Option<EtlCommand>,

    /// Every active tenant (suspended and cancelled ones are skipped with a note).
    #[arg(long)]
    pub all_tenants: bool,

    /// This tenant (slug); repeat for several.
    #[arg(long, value_name = "SLUG")]
    pub tenant: Vec<String>,

    /// Ignore the watermarks and reload everything for these tenants (in one transaction each).
    #[arg(long)]
    pub full: bool,

    /// Tenants processed in parallel.
    #[arg(long, short = 'j', env = "GENIAI_ETL_JOBS", hide_env_values = true, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,

    /// Extract and count the rows a run would read; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Also remove conversations deleted in Chatwoot (reads every conversation id of the tenant).
    #[arg(long)]
    pub reconcile: bool,

    /// What started the run, recorded in the runs table [default: cron when neither stdin nor
    /// stderr is a terminal, else cli].
    #[arg(long, value_parser = crate::cli::choice(crate::cli::TRIGGER_HELP), env = "GENIAI_ETL_TRIGGER", hide_env_values = true)]
    pub trigger: Option<Trigger>,

    /// Seconds re-read before the watermark on each incremental run, so that transactions that
    /// commit out of timestamp order are not missed.
    #[arg(
        long,
        env = "GENIAI_ETL_OVERLAP",
        hide_env_values = true,
        value_name = "SECONDS",
        default_value_t = 900
    )]
    pub overlap: u64,

    /// Rows per incremental batch.
    #[arg(long, value_name = "ROWS", default_value_t = 50_000, hide = true)]
    pub batch_size: i64,

    /// Keep running: an incremental run every --interval until SIGTERM or Ctrl-C. Runs are
    /// recorded with trigger `watch`; failures back off (see --max-backoff).
    #[arg(long, conflicts_with_all = ["full", "dry_run"])]
    pub watch: bool,

    /// With --watch: from the start of one cycle to the start of the next (e.g. 30s, 2m).
    #[arg(long, requires = "watch", default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub interval: Duration,

    /// With --watch: the longest wait after failed cycles, which back off exponentially.
    #[arg(long, requires = "watch", default_value = "5m", value_parser = parse_duration, value_name = "DURATION")]
    pub max_backoff: Duration,
}

impl EtlArgs {
    /// An incremental run over these tenants with the default settings (used by `geniai demo`).
    pub fn for_tenants(slugs: Vec<String>) -> EtlArgs {
        EtlArgs {
            command: None,
            all_tenants: false,
            tenant: slugs,
            full: false,
            jobs: 3,
            dry_run: false,
            reconcile: false,
            trigger: Some(Trigger::Cli),
            overlap: 900,
            batch_size: 50_000,
            watch: false,
            interval: Duration::from_secs(30),
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// `geniai etl` subcommands.
#[derive(Debug, Subcommand)]
pub enum EtlCommand {
    /// Per tenant: the last run (start, duration, result, rows), the watermark and the lag.
    Status(StatusArgs),
    /// Delete run rows older than an age, keeping each tenant's latest run and latest run that
    /// changed something (what `etl status` shows). Audited.
    Prune(PruneArgs),
}

/// Flags of `geniai etl prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Delete runs that started longer ago than this (e.g. 30d, 12h).
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub older_than: Duration,
}

/// Flags of `geniai etl status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `geniai etl`.
pub async fn run(args: EtlArgs, ctx: &AppContext) -> Result<()> {
    if let Some(EtlCommand::Status(status)) = args.command {
        let pool = ctx.pool().await?;
        let rows = etl::runs::status(pool).await?;
        return output::print_list(&rows, status.format);
    }
    if let Some(EtlCommand::Prune(prune)) = args.command {
        return run_prune(prune, ctx).await;
    }
    if args.batch_size < 1 {
        crate::invalid!("--batch-size must be at least 1");
    }
    let selection = if args.all_tenants { Selection::All } else { Selection::Slugs(args.tenant.clone()) };
    let trigger = args.trigger.unwrap_or_else(|| {
        if std::io::stdin().is_terminal() || std::io::stderr().is_terminal() {
            Trigger::Cli
        } else {
            Trigger::Cron
        }
    });
    let options = EtlOptions {
        selection,
        full: args.full,
        jobs: args.jobs as usize,
        dry_run: args.dry_run,
        reconcile: args.reconcile,
        trigger: if args.watch { Trigger::Watch } else { trigger },
        batch_size: args.batch_size,
        overlap: Duration::from_secs(args.overlap),
        shared_source_url: ctx.source_url.clone(),
        master_key: master_key()?.map(Arc::new),
        confirmed: None,
    };
    let url = ctx.target_url().await?;
    let pool = etl::connect_target(&url, etl::pool_size(args.jobs as usize) + 1).await?;
    if args.watch {
        let pace = etl::watch::WatchOptions { interval: args.interval, max_backoff: args.max_backoff };
        let stop = stop_on_signal()?;
        let result = etl::watch::run(&pool, &options, pace, etl::watch::progress(), stop).await;
        pool.close().await;
        return result.map(|_| ());
    }
    let progress = progress_reporter(ctx.log_format);
    let reports = etl::run(&pool, &options, progress).await?;
    pool.close().await;

    let count = |o: Outcome| reports.iter().filter(|r| r.outcome == o).count();
    let failed: Vec<&str> =
        reports.iter().filter(|r| r.outcome == Outcome::Failed).map(|r| r.tenant.as_str()).collect();
    tracing::info!(
        event = "etl.summary",
        succeeded = count(Outcome::Succeeded),
        skipped = count(Outcome::Skipped),
        failed = count(Outcome::Failed),
        "etl{}: {} succeeded, {} skipped, {} failed",
        if options.dry_run { " (dry run)" } else { "" },
        count(Outcome::Succeeded),
        count(Outcome::Skipped),
        count(Outcome::Failed)
    );
    if reports.is_empty() {
        tracing::warn!(event = "etl.summary", "no tenant to process");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(anyhow!("etl failed for {} tenant(s): {}", failed.len(), failed.join(", ")))
    }
}

/// `geniai etl prune`: deletes old run rows and records it in the audit log, together.
async fn run_prune(args: PruneArgs, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    let mut tx = crate::db::platform_tx(pool).await?;
    let deleted = etl::runs::prune(&mut tx, args.older_than).await?;
    let age = crate::output::human_duration(args.older_than.as_secs_f64());
    if deleted > 0 {
        let entry = crate::audit::AuditEntry::new(&ctx.actor, "etl.prune", "etl_runs").after(
            serde_json::json!({ "older_than_seconds": args.older_than.as_secs(), "deleted": deleted }),
        );
        crate::audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    println!(
        "deleted {deleted} ETL run row(s) older than {age} (each tenant's latest run and latest change kept)"
    );
    Ok(())
}

/// Installs the SIGTERM and Ctrl-C handlers for `--watch`: the first signal asks the loop to
/// stop after the cycle in flight; a second one exits at once (each tenant in flight rolls back
/// with its transaction, so nothing partial stays).
fn stop_on_signal() -> Result<etl::watch::Stop> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).context("installing the SIGTERM handler")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("installing the Ctrl-C handler")?;
    let (sender, stop) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!(
            event = "etl.watch.signal",
            "stop requested: finishing the cycle in flight (signal again to stop at once)"
        );
        let _ = sender.send(true);
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::warn!(event = "etl.watch.signal", "stopping at once: the tenants in flight roll back");
        std::process::exit(130);
    });
    Ok(stop)
}

/// The master key when one is configured; tenants with a `source_url` secret need it.
fn master_key() -> Result<Option<MasterKey>> {
    let configured = [secrets::MASTER_KEY_ENV, secrets::MASTER_KEY_FILE_ENV]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    if configured { MasterKey::from_env().map(Some) } else { Ok(None) }
}

/// Draws progress: a bar per tenant on a terminal, log lines otherwise (JSON with
/// `--log-format json`).
fn progress_reporter(log_format: LogFormat) -> etl::Progress {
    if std::io::stderr().is_terminal() && log_format == LogFormat::Text {
        let multi = MultiProgress::new();
        let bars: Mutex<HashMap<String, ProgressBar>> = Mutex::new(HashMap::new());
        let style =
            ProgressStyle::with_template("{spinner} {prefix:<20} {pos:>12} rows  {per_sec:>12}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        Arc::new(move |event| {
            let Ok(mut bars) = bars.lock() else { return };
            match event {
                EtlEvent::Started { tenant, mode } => {
                    let bar = multi.add(ProgressBar::new_spinner().with_style(style.clone()));
                    bar.set_prefix(tenant.clone());
                    bar.set_message(mode);
                    bar.enable_steady_tick(Duration::from_millis(120));
                    bars.insert(tenant, bar);
                }
                EtlEvent::Rows { tenant, stream, rows_read } => {
                    if let Some(bar) = bars.get(&tenant) {
                        bar.set_position(rows_read);
                        bar.set_message(stream.to_string());
                    }
                }
                EtlEvent::Finished(report) => {
                    let bar = bars.remove(&report.tenant).unwrap_or_else(|| {
                        let bar = multi.add(ProgressBar::new_spinner().with_style(style.clone()));
                        bar.set_prefix(report.tenant.clone());
                        bar
                    });
                    bar.set_position(report.rows_read);
                    bar.finish_with_message(describe(&report));
                }
            }
        })
    } else {
        Arc::new(|event| match event {
            EtlEvent::Started { tenant, mode } => {
                tracing::info!(event = "etl.tenant.started", tenant = %tenant, mode = %mode, "{tenant}: {mode} run started");
            }
            EtlEvent::Rows { tenant, stream, rows_read } => {
                tracing::info!(event = "etl.tenant.progress", tenant = %tenant, stream, rows_read, "{tenant}: {rows_read} rows read ({stream})");
            }
            EtlEvent::Finished(r) => {
                let text = describe(&r);
                let outcome = match r.outcome {
                    Outcome::Succeeded => "succeeded",
                    Outcome::Failed => "failed",
                    Outcome::Skipped => "skipped",
                };
                let error = r.message.as_deref().unwrap_or("");
                if r.outcome == Outcome::Failed {
                    tracing::error!(event = "etl.tenant.finished", tenant = %r.tenant, outcome, error, "{}: {text}", r.tenant);
                } else if r.warning
                    || r.outcome == Outcome::Skipped
                        && r.message.as_deref().is_some_and(|m| m.starts_with("another"))
                {
                    tracing::warn!(event = "etl.tenant.finished", tenant = %r.tenant, outcome, note = error, "{}: {text}", r.tenant);
                } else {
                    tracing::info!(
                        event = "etl.tenant.finished", tenant = %r.tenant, outcome, mode = %r.mode,
                        rows_read = r.rows_read, rows_written = r.rows_written, seconds = r.seconds,
                        note = error, "{}: {text}", r.tenant
                    );
                }
            }
        })
    }
}

fn describe(r: &etl::TenantReport) -> String {
    match r.outcome {
        Outcome::Succeeded => format!(
            "{} done: {} rows read, {} written in {:.1}s",
            r.mode, r.rows_read, r.rows_written, r.seconds
        ),
        Outcome::Skipped => format!("skipped: {}", r.message.as_deref().unwrap_or("")),
        Outcome::Failed => format!("FAILED: {}", r.message.as_deref().unwrap_or("")),
    }
}
