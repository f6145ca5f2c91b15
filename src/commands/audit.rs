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
    /// Only entries at or after this date (YYYY-MM-DD, UTC), RFC 3339 timestamp, or this long ago
    /// (`90m`, `24h`, `7d`, `2w`).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// At most this many entries, the newest.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=100_000))]
    pub limit: i64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Parses `--since`: a date (midnight UTC), an RFC 3339 timestamp, or an age such as `7d`.
pub fn parse_since(text: &str) -> Result<DateTime<Utc>, crate::error::DomainError> {
    if let Some(age) = parse_age(text.trim()) {
        return Ok(Utc::now() - age);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    DateTime::parse_from_rfc3339(text.trim()).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        crate::error::DomainError::invalid(format!(
            "invalid date {text:?}: use YYYY-MM-DD, an RFC 3339 timestamp such as 2026-05-01T12:00:00Z, or an age such as 7d"
        ))
    })
}

/// An age such as `90m`, `24h`, `7d` or `2w`.
fn parse_age(text: &str) -> Option<chrono::Duration> {
    let unit = text.chars().last()?;
    let amount: i64 = text[..text.len() - unit.len_utf8()].parse().ok().filter(|n| *n >= 0)?;
    match unit {
        'm' => chrono::Duration::try_minutes(amount),
        'h' => chrono::Duration::try_hours(amount),
        'd' => chrono::Duration::try_days(amount),
        'w' => chrono::Duration::try_weeks(amount),
        _ => None,
    }
}

/// Runs `geniai audit`: the newest entries first.
pub async fn run(args: AuditArgs, ctx: &AppContext) -> Result<()> {
    let since = args.since.as_deref().map(parse_since).transpose()?;
    let pool = ctx.pool().await?;
    let tenant = match &args.tenant {
        Some(slug) => match tenants::id_in_audit_trail(pool, slug).await? {
            Some(id) => Some(id),
            None => {
                crate::not_found!("unknown tenant {slug:?}: it neither exists nor appears in the audit log")
            }
        },
        None => None,
    };
    let mut tx = db::platform_tx(pool).await?;
    let entries = audit::list(&mut tx, &AuditQuery { tenant, since, limit: args.limit }).await?;
    output::print_list(&entries, args.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_dates_timestamps_and_ages() {
        assert_eq!(parse_since("2026-05-01").unwrap().to_rfc3339(), "2026-05-01T00:00:00+00:00");
        assert_eq!(
            parse_since("2026-05-01T12:30:00-03:00").unwrap().to_rfc3339(),
            "2026-05-01T15:30:00+00:00"
        );
        let week = Utc::now() - parse_since("7d").unwrap();
        assert!((week - chrono::Duration::days(7)).num_seconds().abs() < 60);
        assert!(parse_since("90m").is_ok() && parse_since("2w").is_ok() && parse_since("24h").is_ok());
        for bad in ["last tuesday", "7", "d", "-3d", "7y", "2026-13-01"] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }
}
