//! The period picker's query parameters (`from`, `to`, `tz`), validated before any report runs.
//!
//! Dates are `YYYY-MM-DD`; `from` is inclusive and `to` exclusive, like the CLI. Anything else
//! is a 400 with a one-line reason, so odd input never reaches a query.

use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::WebError;

/// The raw query parameters.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tz: Option<String>,
}

/// A validated period: whole days in a timezone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPeriod {
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Day after the last, exclusive.
    pub to: NaiveDate,
    pub tz: Tz,
}

/// The longest period the dashboard accepts, in days.
pub const MAX_DAYS: i64 = 3 * 366;

impl PeriodQuery {
    /// Validates the parameters; missing ones default to the last 30 full days in
    /// `default_tz` (the tenant's timezone).
    pub fn resolve(&self, default_tz: &str) -> Result<DayPeriod, WebError> {
        let tz_name = self.tz.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(default_tz);
        let tz: Tz = tz_name
            .trim()
            .parse()
            .map_err(|_| WebError::BadRequest(format!("unknown timezone `{}`", clip(tz_name))))?;
        let today = Utc::now().with_timezone(&tz).date_naive();
        let to = match non_empty(&self.to) {
            Some(text) => parse_date(text, "to")?,
            None => today,
        };
        let from = match non_empty(&self.from) {
            Some(text) => parse_date(text, "from")?,
            None => to - Duration::days(30),
        };
        if from >= to {
            return Err(WebError::BadRequest("`from` must be before `to`".into()));
        }
        if (to - from).num_days() > MAX_DAYS {
            return Err(WebError::BadRequest(format!("the period may span at most {MAX_DAYS} days")));
        }
        Ok(DayPeriod { from, to, tz })
    }
}

impl DayPeriod {
    /// The query string that selects this period (for links and CSV downloads).
    pub fn query_string(&self) -> String {
        format!("from={}&to={}&tz={}", self.from, self.to, self.tz.name().replace('/', "%2F"))
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_date(text: &str, field: &str) -> Result<NaiveDate, WebError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| WebError::BadRequest(format!("`{field}` must be a date like 2026-01-31")))
}

/// Input echoed in an error message, shortened.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(from: &str, to: &str, tz: &str) -> PeriodQuery {
        PeriodQuery { from: Some(from.into()), to: Some(to.into()), tz: Some(tz.into()) }
    }

    #[test]
    fn periods_validate() {
        let p = query("2026-01-01", "2026-02-01", "America/Sao_Paulo").resolve("UTC").unwrap();
        assert_eq!((p.from.to_string(), p.to.to_string()), ("2026-01-01".into(), "2026-02-01".into()));
        assert_eq!(p.query_string(), "from=2026-01-01&to=2026-02-01&tz=America%2FSao_Paulo");
        assert!(query("2026-02-01", "2026-01-01", "UTC").resolve("UTC").is_err());
        assert!(query("2026-01-01'; DROP TABLE x;--", "2026-02-01", "UTC").resolve("UTC").is_err());
        assert!(query("2026-01-01", "2026-02-01", "Mars/Base").resolve("UTC").is_err());
        let default = PeriodQuery::default().resolve("Europe/Lisbon").unwrap();
        assert_eq!((default.to - default.from).num_days(), 30);
    }
}
