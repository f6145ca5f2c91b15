//! `geniai serve`: runs the web dashboard and JSON API until SIGTERM or Ctrl-C.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use crate::context::AppContext;
use crate::db;
use crate::error::UserError;
use crate::secrets::{self, MasterKey};
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
    let pool = ctx.pool().await?;
    if !db::migrate::is_current(pool).await? {
        anyhow::bail!(UserError::new(
            "the analytics database is not fully migrated: run `geniai migrate` first"
        ));
    }
    let config = WebConfig {
        secure_cookies: args.secure_cookies,
        session_ttl: args.session_ttl,
        idle_timeout: args.idle_timeout,
        behind_proxy: args.behind_proxy,
        report_cache_ttl: args.report_cache_ttl,
        ..WebConfig::default()
    };
    let mut state = AppState::new(pool.clone(), config);
    let key_configured = [secrets::MASTER_KEY_ENV, secrets::MASTER_KEY_FILE_ENV]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    if key_configured {
        state = state.with_master_key(MasterKey::from_env()?);
    } else {
        tracing::warn!(
            "no master key ({} / {}): the integrations page can list secrets but not change them",
            secrets::MASTER_KEY_ENV,
            secrets::MASTER_KEY_FILE_ENV
        );
    }
    let app = web::app(state);
    let listener = tokio::net::TcpListener::bind(args.bind).await.map_err(|err| {
        anyhow::Error::new(UserError::new(format!("cannot listen on {}: {err}", args.bind)))
    })?;
    let shutdown = shutdown_signal()?;
    let local = listener.local_addr().context("reading the listening address")?;
    tracing::info!("geniai dashboard listening on http://{local}");
    eprintln!("geniai: serving on http://{local} (Ctrl-C to stop)");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")?;
    tracing::info!("geniai dashboard stopped");
    Ok(())
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
