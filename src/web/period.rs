//! The period picker's query parameters (`from`, `to`, `tz`, `business_hours`), shared by the
//! pages, the CSV downloads and the API. They mean what the CLI's flags mean: `from` inclusive,
//! `to` exclusive, each a date or an RFC 3339 timestamp, in the tenant's timezone by default.
//! Validation lives in `report_data::report_options`, so odd input is a 400 before any query.

use serde::Deserialize;

use crate::reports::ReportOptions;

/// The longest period the dashboard accepts, in days.
pub const MAX_DAYS: i64 = 3 * 366;

/// The raw query parameters.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub tz: Option<String>,
    pub business_hours: Option<bool>,
}

/// The query string that selects the period of `options` (for links and downloads).
pub fn query_string(options: &ReportOptions) -> String {
    let period = &options.period;
    let mut query = form_pairs(&[
        ("from", local_date(period.from, period.tz)),
        ("to", local_date(period.to, period.tz)),
        ("tz", period.tz.name().to_string()),
    ]);
    if options.business_hours {
        query.push_str("&business_hours=true");
    }
    query
}

/// The date of an instant in `tz`, as `YYYY-MM-DD` (what the date pickers show).
pub fn local_date(instant: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    instant.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

fn form_pairs(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::Period;

    #[test]
    fn query_strings_round_trip_the_period() {
        let tz: chrono_tz::Tz = "America/Sao_Paulo".parse().unwrap();
        let period = Period::resolve(Some("2026-01-01"), Some("2026-02-01"), tz, chrono::Utc::now()).unwrap();
        let options = ReportOptions { period, business_hours: false };
        assert_eq!(query_string(&options), "from=2026-01-01&to=2026-02-01&tz=America%2FSao_Paulo");
    }
}
