//! Logs go to stderr through tracing, as text or JSON; stdout is kept for data.

use tracing_subscriber::EnvFilter;

use crate::cli::{GlobalArgs, LogFormat};

/// Installs the global subscriber. `RUST_LOG` overrides the level chosen by -v/-q.
///
/// sqlx logs statements under the `sqlx::query` target at debug (slow ones) and trace (every one)
/// level: they reach the terminal only under -v and -vv.
pub fn init(args: &GlobalArgs) {
    let level = match (args.verbose, args.quiet) {
        (0, 0) => "info",
        (_, 1) => "warn",
        (_, q) if q >= 2 => "error",
        (1, _) => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("warn,geniai={level},sqlx::query={level}")));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match args.log_format {
        LogFormat::Text => builder.with_target(false).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
