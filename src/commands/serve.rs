//! `geniai serve`: runs the web dashboard and JSON API until SIGTERM or Ctrl-C, and with
//! `--sync` the ETL's watch loop (`crate::etl::watch`) beside it, stopped by the same signal.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use zeroize::Zeroizing;

use crate::context::AppContext;
use crate::db;
use crate::error::DomainError;
use crate::etl::{self, EtlOptions, Selection, Trigger};
use crate::secrets::{self, MasterKey};
use crate::web::metrics::MetricsToken;
use crate::web::{self, AppState, WebConfig};

/// Serve the dashboard (client and admin views) and the JSON API over HTTP.
///
/// Stateless apart from the database: sessions, login throttling and API tokens live there, so
/// several instances can run behind a load balancer. Put a TLS-terminating proxy in front and pass
/// --secure-cookies. Stops gracefully on SIGTERM or Ctrl-C, finishing requests in flight.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "GENIAI_BIND",
        hide_env_values = true,
        default_value = "127.0.0.1:8080",
        value_name = "ADDR:PORT"
    )]
    pub bind: SocketAddr,

    /// Mark cookies Secure (sent over HTTPS only). Use it whenever TLS fronts geniai.
    #[arg(long, env = "GENIAI_SECURE_COOKIES", hide_env_values = true)]
    pub secure_cookies: bool,

    /// A session ends this long after login, however active (e.g. 24h, 90m, 7d).
    #[arg(long, env = "GENIAI_SESSION_TTL", hide_env_values = true, default_value = "24h", value_parser = parse_duration, value_name = "DURATION")]
    pub session_ttl: Duration,

    /// Behind a reverse proxy: take the client's IP (for login throttling) from the last
    /// X-Forwarded-For entry, which the proxy appends. Only set it when a proxy always sets it.
    #[arg(long, env = "GENIAI_BEHIND_PROXY", hide_env_values = true)]
    pub behind_proxy: bool,

    /// Reuse report figures for identical requests for this long (0 turns it off). Live counts
    /// (open, unattended) may lag by as much; the ETL itself runs every few minutes.
    #[arg(long, env = "GENIAI_REPORT_CACHE_TTL", hide_env_values = true, default_value = "30s", value_parser = parse_duration_or_zero, value_name = "DURATION")]
    pub report_cache_ttl: Duration,

    /// A session ends after this long without a request.
    #[arg(long, env = "GENIAI_IDLE_TIMEOUT", hide_env_values = true, default_value = "2h", value_parser = parse_duration, value_name = "DURATION")]
    pub idle_timeout: Duration,

    /// Also keep the analytics database in sync, as `geniai etl --all-tenants --watch` would,
    /// inside this process (small installations). Safe beside other syncing processes: a
    /// tenant being processed elsewhere is skipped.
    #[arg(long)]
    pub sync: bool,

    /// With --sync: from the start of one ETL cycle to the start of the next.
    #[arg(long, requires = "sync", default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub interval: Duration,

    /// Require `Authorization: Bearer TOKEN` on /metrics (401 otherwise), for deployments that
    /// cannot keep it private at the proxy. At least 16 characters. Set it through the
    /// environment or --metrics-token-file: a value on the command line is visible to every local
    /// user.
    #[arg(long, env = METRICS_TOKEN_ENV, hide_env_values = true, value_name = "TOKEN", conflicts_with = "metrics_token_file")]
    pub metrics_token: Option<Secret>,

    /// Read the /metrics bearer token from this file (surrounding whitespace ignored).
    #[arg(long, env = "GENIAI_METRICS_TOKEN_FILE", hide_env_values = true, value_name = "PATH")]
    pub metrics_token_file: Option<PathBuf>,

    /// The master key file to use instead of GENIAI_MASTER_KEY / GENIAI_MASTER_KEY_FILE: set by
    /// `geniai demo` for the key it keeps under GENIAI_HOME; not a flag.
    #[arg(skip)]
    pub master_key_file: Option<PathBuf>,
}

/// The environment variable that carries the /metrics token.
pub const METRICS_TOKEN_ENV: &str = "GENIAI_METRICS_TOKEN";

/// A secret flag value: zeroized on drop, redacted in `Debug`, never echoed by clap (which
/// accepts any text here, so that its error messages cannot quote it).
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(Zeroizing::new(text))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The /metrics token from --metrics-token, its variable, or --metrics-token-file, if any.
fn metrics_token(args: &ServeArgs) -> Result<Option<MetricsToken>> {
    let (text, source) = match (&args.metrics_token, &args.metrics_token_file) {
        (Some(secret), _) => {
            let from_env = std::env::var(METRICS_TOKEN_ENV).is_ok_and(|v| v == *secret.0);
            if !from_env {
                tracing::warn!(
                    "--metrics-token was given on the command line, where local users can read it: prefer {METRICS_TOKEN_ENV} or --metrics-token-file"
                );
            }
            (secret.0.clone(), format!("--metrics-token / {METRICS_TOKEN_ENV}"))
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|err| {
                DomainError::invalid(format!("cannot read the metrics token file {}: {err}", path.display()))
            })?;
            (Zeroizing::new(text), format!("the metrics token file {}", path.display()))
        }
        (None, None) => return Ok(None),
    };
    // The message names where the token came from, never the token.
    let token = MetricsToken::new(&text).map_err(|why| DomainError::invalid(format!("{source}: {why}")))?;
    Ok(Some(token))
}

/// Like [`parse_duration`], but `0` (off) is allowed.
pub fn parse_duration_or_zero(text: &str) -> Result<Duration, String> {
    if text.trim().trim_end_matches(['s', 'm', 'h', 'd']) == "0" {
        return Ok(Duration::ZERO);
    }
    parse_duration(text)
}

/// Parses `90s`, `30m`, `24h`, `7d` (a number and a unit; a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 =
        number.parse().map_err(|_| format!("`{text}` is not a duration such as 90s, 30m, 24h or 7d"))?;
    let seconds = match unit.trim() {
        "" | "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("`{text}`: the unit must be s, m, h or d")),
    };
    if number == 0 {
        return Err("the duration must be more than zero".into());
    }
    number
        .checked_mul(seconds)
        .filter(|s| *s <= 366 * 86_400)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("`{text}` is too long (at most a year)"))
}

/// Runs `geniai serve`.
pub async fn run(args: ServeArgs, ctx: &AppContext) -> Result<()> {
    if args.idle_timeout > args.session_ttl {
        tracing::warn!("--idle-timeout is longer than --session-ttl: sessions end at the TTL anyway");
    }
    let metrics_token = metrics_token(&args)?;
    let pool = ctx.pool().await?;
    if !db::migrate::is_current(pool).await? {
        anyhow::bail!(DomainError::invalid(
            "the analytics database is not fully migrated: run `geniai migrate` first"
        ));
    }
    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        session_ttl: args.session_ttl,
        idle_timeout: args.idle_timeout,
        behind_proxy: args.behind_proxy,
        report_cache_ttl: args.report_cache_ttl,
        metrics_token,
        ..WebConfig::default()
    };
    let mut state = AppState::new(pool.clone(), config);
    let master_key = master_key(&args)?;
    if let Some(key) = &master_key {
        state.master_key = Some(key.clone());
    } else {
        tracing::warn!(
            "no master key ({} / {}): the integrations page can list secrets but not change them",
            secrets::MASTER_KEY_ENV,
            secrets::MASTER_KEY_FILE_ENV
        );
    }
    let app = web::app(state);
    let listener = tokio::net::TcpListener::bind(args.bind).await.map_err(|err| {
        anyhow::Error::new(DomainError::invalid(format!("cannot listen on {}: {err}", args.bind)))
    })?;
    let signal = shutdown_signal()?;
    let (stop_sync, stop) = tokio::sync::watch::channel(false);
    let shutdown = async move {
        signal.await;
        let _ = stop_sync.send(true);
    };
    let sync = if args.sync { Some(spawn_sync(ctx, args.interval, master_key, stop).await?) } else { None };
    let local = listener.local_addr().context("reading the listening address")?;
    tracing::info!("geniai dashboard listening on http://{local}");
    eprintln!("geniai: serving on http://{local} (Ctrl-C to stop)");
    let served = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP");
    // The sync loop got the same stop request: its cycle in flight finishes before the exit.
    if let Some(sync) = sync {
        match sync.await {
            Ok(Ok(_)) => {}
            Ok(Err(err)) => tracing::error!("the sync loop stopped: {err:#}"),
            Err(err) => tracing::error!("the sync loop panicked: {err}"),
        }
    }
    served?;
    tracing::info!("geniai dashboard stopped");
    Ok(())
}

/// The master key the dashboard (and the sync loop) seal and open secrets with: the demo's key
/// file, else the environment's key; none when nothing is configured.
fn master_key(args: &ServeArgs) -> Result<Option<Arc<MasterKey>>> {
    if let Some(path) = &args.master_key_file {
        return Ok(Some(Arc::new(MasterKey::from_file(path)?)));
    }
    let key_configured = [secrets::MASTER_KEY_ENV, secrets::MASTER_KEY_FILE_ENV]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    Ok(if key_configured { Some(Arc::new(MasterKey::from_env()?)) } else { None })
}

/// Starts the `--sync` loop: every tenant, the ETL's default settings, its own pool on the
/// analytics database (a cycle must not take the dashboard's connections).
async fn spawn_sync(
    ctx: &AppContext,
    interval: Duration,
    master_key: Option<Arc<MasterKey>>,
    stop: etl::watch::Stop,
) -> Result<tokio::task::JoinHandle<Result<etl::watch::WatchSummary>>> {
    let jobs = 4;
    if ctx.source_url.is_none() {
        tracing::warn!(
            "--sync without a shared source (--source-url or GENIAI_SOURCE_URL): only tenants with their own source_url secret can sync"
        );
    }
    let options = EtlOptions {
        selection: Selection::All,
        full: false,
        jobs,
        dry_run: false,
        reconcile: false,
        trigger: Trigger::Watch,
        batch_size: 50_000,
        overlap: Duration::from_secs(900),
        shared_source_url: ctx.source_url.clone(),
        master_key,
        confirmed: None,
    };
    let pool = etl::connect_target(&ctx.target_url().await?, etl::pool_size(jobs) + 1).await?;
    let pace = etl::watch::WatchOptions { interval, max_backoff: Duration::from_secs(300) };
    Ok(tokio::spawn(async move {
        let result = etl::watch::run(&pool, &options, pace, etl::watch::progress(), stop).await;
        pool.close().await;
        result
    }))
}

/// Installs the SIGTERM and Ctrl-C (SIGINT) handlers at once, and resolves when either signal
/// arrives. Installed before the server announces itself: a signal that came before the server's
/// first poll of a lazily installed handler would kill the process instead of stopping it.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).context("installing the SIGTERM handler")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("installing the Ctrl-C handler")?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("90m"), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(604_800)));
        assert!(parse_duration("0h").is_err());
        assert!(parse_duration("2w").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("99999999999d").is_err());
        assert_eq!(parse_duration_or_zero("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration_or_zero("30s"), Ok(Duration::from_secs(30)));
    }
}
