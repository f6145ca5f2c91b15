//! `geniai audit`: read the audit log.

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use crate::admin::tenants;
use crate::audit::{self, AuditQuery};
use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format};

/// Flags of `geniai audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries about this tenant (also works for a deleted tenant).
    #[arg(long, value_name = "SLUG")]
    pub tenant: Option<String>,
    /// Only entries at or after this date (YYYY-MM-DD, UTC) or RFC 3339 timestamp.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// At most this many entries, the newest.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=100_000))]
    pub limit: i64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Parses `--since`: a date (midnight UTC) or an RFC 3339 timestamp.
pub fn parse_since(text: &str) -> Result<DateTime<Utc>, crate::error::UserError> {
    if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        crate::error::UserError::new(format!(
            "invalid date {text:?}: use YYYY-MM-DD or an RFC 3339 timestamp such as 2026-05-01T12:00:00Z"
        ))
    })
}

/// Runs `geniai audit`: the newest entries first.
pub async fn run(args: AuditArgs, ctx: &AppContext) -> Result<()> {
    let since = args.since.as_deref().map(parse_since).transpose()?;
    let pool = ctx.pool().await?;
    let tenant = match &args.tenant {
        Some(slug) => match tenants::id_in_audit_trail(pool, slug).await? {
            Some(id) => Some(id),
            None => {
                crate::invalid!("unknown tenant {slug:?}: it neither exists nor appears in the audit log")
            }
        },
        None => None,
    };
    let mut tx = db::platform_tx(pool).await?;
    let entries = audit::list(&mut tx, &AuditQuery { tenant, since, limit: args.limit }).await?;
    output::print_list(&entries, args.format)
}
