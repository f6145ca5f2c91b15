//! The period a report covers: `[from, to)` in UTC, plus the timezone that draws day boundaries.
//!
//! `--from` is inclusive and `--to` exclusive. Each is a date (midnight in the report's timezone)
//! or an RFC 3339 timestamp. The default is the last 30 full days in that timezone.

use anyhow::Result;
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{DomainError, MessageId};

/// A half-open period `[from, to)` and the timezone used for day boundaries and buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub tz: Tz,
}

/// Parses an IANA timezone name, with a one-line error.
pub fn parse_timezone(name: &str) -> Result<Tz, DomainError> {
    name.parse::<Tz>().map_err(|_| {
        DomainError::invalid(format!(
            "unknown timezone `{name}` (use an IANA name such as America/Sao_Paulo)"
        ))
        .id(MessageId::UnknownTimezone)
        .arg("value", name)
    })
}

/// The first instant of `date` in `tz`. When midnight does not exist (a DST jump at midnight),
/// the day starts at the first local time that does.
pub fn start_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight is a valid time");
    let mut local: NaiveDateTime = midnight;
    for _ in 0..(24 * 4) {
        if let Some(instant) = tz.from_local_datetime(&local).earliest() {
            return instant.with_timezone(&Utc);
        }
        local += chrono::Duration::minutes(15);
    }
    // Unreachable for real zones; fall back to the UTC reading.
    Utc.from_utc_datetime(&midnight)
}

/// Parses a `--from`/`--to` value: a date (midnight in `tz`) or an RFC 3339 timestamp.
pub fn parse_bound(value: &str, tz: Tz, flag: &str) -> Result<DateTime<Utc>, DomainError> {
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Ok(start_of_day(date, tz));
    }
    DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&Utc)).map_err(|_| {
        DomainError::invalid(format!(
            "{flag} `{value}` is neither a date (2026-01-31) nor an RFC 3339 timestamp (2026-01-31T12:00:00Z)"
        ))
        .id(MessageId::BadDate)
        .arg("value", value)
    })
}

impl Period {
    /// Builds the period from optional `--from`/`--to` values. Missing bounds default to the last
    /// 30 full days in `tz`, as of `now`.
    pub fn resolve(
        from: Option<&str>,
        to: Option<&str>,
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Period, DomainError> {
        let today = now.with_timezone(&tz).date_naive();
        let to = match to {
            Some(value) => parse_bound(value, tz, "--to")?,
            None => start_of_day(today, tz),
        };
        let from = match from {
            Some(value) => parse_bound(value, tz, "--from")?,
            None => {
                let end_date = to.with_timezone(&tz).date_naive();
                start_of_day(end_date.checked_sub_days(Days::new(30)).unwrap_or(end_date), tz)
            }
        };
        if from >= to {
            let (from, to) = (from.with_timezone(&tz).to_rfc3339(), to.with_timezone(&tz).to_rfc3339());
            return Err(DomainError::invalid(format!("--from ({from}) must be before --to ({to})"))
                .id(MessageId::PeriodOrder)
                .arg("from", from)
                .arg("to", to));
        }
        Ok(Period { from, to, tz })
    }

    /// `from` as RFC 3339 in the report's timezone.
    pub fn from_local(&self) -> String {
        self.from.with_timezone(&self.tz).to_rfc3339()
    }

    /// `to` as RFC 3339 in the report's timezone.
    pub fn to_local(&self) -> String {
        self.to.with_timezone(&self.tz).to_rfc3339()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn dates_are_midnight_in_the_timezone_across_dst() {
        let tz: Tz = "America/New_York".parse().unwrap();
        // 2026-03-08 is the spring-forward day in New York: midnight is still EST (-05:00).
        assert_eq!(parse_bound("2026-03-08", tz, "--from").unwrap(), utc("2026-03-08T05:00:00Z"));
        assert_eq!(parse_bound("2026-03-09", tz, "--to").unwrap(), utc("2026-03-09T04:00:00Z"));
    }

    #[test]
    fn a_midnight_that_does_not_exist_starts_the_day_at_the_first_valid_time() {
        // Havana springs forward at midnight: 2026-03-08 00:00 does not exist there.
        let tz: Tz = "America/Havana".parse().unwrap();
        let start = start_of_day(NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(), tz);
        assert_eq!(start.with_timezone(&tz).date_naive(), NaiveDate::from_ymd_opt(2026, 3, 8).unwrap());
    }

    #[test]
    fn the_default_is_the_last_thirty_full_days() {
        let tz: Tz = "America/Sao_Paulo".parse().unwrap();
        let period = Period::resolve(None, None, tz, utc("2026-11-23T12:00:00Z")).unwrap();
        assert_eq!(period.to, utc("2026-11-23T03:00:00Z"));
        assert_eq!(period.from, utc("2026-10-24T03:00:00Z"));
    }

    #[test]
    fn bad_bounds_are_user_errors() {
        let tz = Tz::UTC;
        assert!(Period::resolve(Some("2026-02-01"), Some("2026-01-01"), tz, Utc::now()).is_err());
        assert!(Period::resolve(Some("2026-01-01"), Some("2026-01-01"), tz, Utc::now()).is_err());
        assert!(Period::resolve(Some("yesterday"), None, tz, Utc::now()).is_err());
        assert!(parse_timezone("Mars/Olympus").is_err());
        assert_eq!(
            Period::resolve(Some("2026-01-01T10:00:00+02:00"), Some("2026-01-02"), tz, Utc::now())
                .unwrap()
                .from,
            utc("2026-01-01T08:00:00Z")
        );
    }
}
