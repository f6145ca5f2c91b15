//! The period picker's query parameters, shared by the pages, the CSV downloads and the API, and
//! the dashboard's presets and comparison period.
//!
//! The parameters:
//! * `from`: the first instant, inclusive: a date (midnight in the report's timezone) or an RFC 3339
//!   timestamp, as the CLI's `--from`.
//! * `to`: the end, **exclusive**, as the CLI's `--to` (`to=2026-12-01` ends with 30 Nov). Kept
//!   with this meaning for existing links, the CSV downloads and the JSON API (a contract).
//! * `until`: the last day included, a date (`until=2026-11-30` ends with 30 Nov): what the
//!   dashboard's form submits, since people read and enter ranges inclusively ("1–30 Nov"). It
//!   wins over `to` when both are given. Internally it becomes the exclusive end, the next midnight.
//! * `preset`: a named rolling period ([`Preset`]), computed in the report's timezone as of now;
//!   it wins over `from`/`to`/`until`, so a shared `?preset=last-7-days` link stays "the last 7
//!   days" whenever it is opened. `custom` (or no preset) means the dates given.
//! * `tz`: an IANA zone (the tenant's by default); `business_hours`: `true` or `false`.
//! * `shown`: sent only by the dashboard's period form (see [`form_target`]), which shows its
//!   dates in the page's language: such a request is answered with a redirect to the address it
//!   stands for, in the parameters above with ISO dates, so that every address stays canonical.
//!
//! Validation lives in `report_data::report_options`, so odd input is a 400 before any query.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::WebError;
use super::i18n::{Lang, Msg};
use crate::admin::Locale;
use crate::reports::period::start_of_day;
use crate::reports::{Period, ReportOptions};

/// The longest period the dashboard accepts, in days.
pub const MAX_DAYS: i64 = 3 * 366;

/// The raw query parameters.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub until: Option<String>,
    pub preset: Option<String>,
    pub tz: Option<String>,
    pub business_hours: Option<bool>,
    /// The series' bucket (`hour`, `day`, `week`, `month`); none or `auto`: chosen from the
    /// period's length (see [`crate::web::report_data::cut`]).
    pub bucket: Option<String>,
    /// The fine first-response buckets.
    pub fine: Option<bool>,
    /// The period form's record of the dates it showed, `FIRST/LAST` in ISO: marks a submission
    /// of that form, and tells whether the dates were edited (see [`form_target`]).
    pub shown: Option<String>,
}

/// A named period, relative to today in the report's timezone. "Last N days" are the N full days
/// before today (the dashboard's default is the last 30), "this month" and "this year" run to the
/// end of today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Yesterday,
    Last7Days,
    Last30Days,
    Last90Days,
    ThisMonth,
    LastMonth,
    ThisYear,
}

impl Preset {
    /// Every preset, in the order the picker shows them.
    pub const ALL: [Preset; 8] = [
        Preset::Today,
        Preset::Yesterday,
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::Last90Days,
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::ThisYear,
    ];

    /// The `preset` parameter's value (and, prefixed with `preset-`, its label's key).
    pub fn slug(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Yesterday => "yesterday",
            Preset::Last7Days => "last-7-days",
            Preset::Last30Days => "last-30-days",
            Preset::Last90Days => "last-90-days",
            Preset::ThisMonth => "this-month",
            Preset::LastMonth => "last-month",
            Preset::ThisYear => "this-year",
        }
    }

    /// The preset named `slug`; `Ok(None)` for `custom` or nothing, `Err` for anything else.
    pub fn parse(slug: Option<&str>) -> Result<Option<Preset>, UnknownPreset> {
        match slug.map(str::trim).filter(|s| !s.is_empty()) {
            None | Some("custom") => Ok(None),
            Some(slug) => Preset::ALL
                .into_iter()
                .find(|p| p.slug() == slug)
                .map(Some)
                .ok_or_else(|| UnknownPreset(slug.to_string())),
        }
    }

    /// The first and the last day included (both inclusive) when today is `today`.
    pub fn days(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let yesterday = today.pred_opt().unwrap_or(today);
        let back = |n: u64| today.checked_sub_days(Days::new(n)).unwrap_or(today);
        let first_of_month = today.with_day(1).unwrap_or(today);
        match self {
            Preset::Today => (today, today),
            Preset::Yesterday => (yesterday, yesterday),
            Preset::Last7Days => (back(7), yesterday),
            Preset::Last30Days => (back(30), yesterday),
            Preset::Last90Days => (back(90), yesterday),
            Preset::ThisMonth => (first_of_month, today),
            Preset::LastMonth => {
                let first = first_of_month.checked_sub_months(Months::new(1)).unwrap_or(first_of_month);
                (first, first_of_month.pred_opt().unwrap_or(first_of_month))
            }
            Preset::ThisYear => (today.with_ordinal(1).unwrap_or(today), today),
        }
    }

    /// The period of this preset in `tz`, as of `now`.
    pub fn period(self, tz: Tz, now: DateTime<Utc>) -> Period {
        let (first, last) = self.days(now.with_timezone(&tz).date_naive());
        days_period(first, last, tz)
    }

    /// Which preset, if any, `period` is as of `now` (so that a custom range equal to one is
    /// shown as that preset).
    pub fn matching(period: &Period, now: DateTime<Utc>) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.period(period.tz, now) == *period)
    }
}

/// A `preset` value that names no preset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPreset(pub String);

/// The period from the start of `first` to the end of `last` (both days included) in `tz`.
pub fn days_period(first: NaiveDate, last: NaiveDate, tz: Tz) -> Period {
    let after = last.succ_opt().unwrap_or(last);
    Period { from: start_of_day(first, tz), to: start_of_day(after, tz), tz }
}

/// The last day `period` includes, in its timezone: the day before `to` when `to` is a midnight
/// (the exclusive end the form never shows), else the day of `to`.
pub fn last_day(period: &Period) -> NaiveDate {
    (period.to - chrono::Duration::microseconds(1)).with_timezone(&period.tz).date_naive()
}

/// The period of the same length just before `period`, to compare with. A period of whole days
/// moves back by as many calendar days, so that each bound stays a local midnight across a DST
/// change; any other period moves back by its exact length.
pub fn previous(period: &Period) -> Period {
    let tz = period.tz;
    let first = period.from.with_timezone(&tz).date_naive();
    let end = period.to.with_timezone(&tz).date_naive();
    if start_of_day(first, tz) == period.from && start_of_day(end, tz) == period.to {
        let days = (end - first).num_days().max(1) as u64;
        let from = first.checked_sub_days(Days::new(days)).unwrap_or(first);
        return Period { from: start_of_day(from, tz), to: period.from, tz };
    }
    Period { from: period.from - (period.to - period.from), to: period.from, tz }
}

/// The query string that selects the period of `options` with the contract's parameters
/// (`from`, exclusive `to`, `tz`): for the CSV downloads and the API.
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

/// The query string of a preset's link, in the timezone `tz`.
pub fn preset_query(preset: Preset, tz: Tz, business_hours: bool) -> String {
    let mut query = form_pairs(&[("preset", preset.slug().to_string()), ("tz", tz.name().to_string())]);
    if business_hours {
        query.push_str("&business_hours=true");
    }
    query
}

/// The date of an instant in `tz`, as `YYYY-MM-DD` (what the date pickers show).
pub fn local_date(instant: DateTime<Utc>, tz: Tz) -> String {
    instant.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// The zones the timezone list offers: `first` (the tenant's), then every IANA zone chrono_tz
/// knows, alphabetically, without repeating `first`.
pub fn timezone_choices(first: Tz) -> impl Iterator<Item = Tz> {
    std::iter::once(first).chain(chrono_tz::TZ_VARIANTS.into_iter().filter(move |tz| *tz != first))
}

/// A date as the period form writes it in `lang`: `2026-11-30` in English, `30/11/2026` in
/// Portuguese (what [`Lang::date`] writes everywhere else on the page).
pub fn form_date(lang: Lang, date: NaiveDate) -> String {
    lang.date(date)
}

/// A date typed into the period form: the page's own pattern, or ISO in any language (the
/// contract's form, and what a pasted address carries). `None` for anything else, a day that
/// does not exist included.
pub fn parse_form_date(lang: Lang, text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let local = match lang.0 {
        Locale::En => None,
        Locale::PtBr => NaiveDate::parse_from_str(text, "%d/%m/%Y").ok(),
    };
    local.or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
}

/// The address (a query string) a submission of the period form stands for; `None` when
/// `query` is not one (it carries no `shown`). The form sends its dates in the page's language,
/// the zone chosen, and, when it showed a preset, that preset with the dates it showed for it:
/// * dates as shown and a preset: the preset's own link in the zone chosen, so that changing
///   the zone keeps "the last 7 days" (now counted in that zone);
/// * else the dates as typed, as the contract's ISO `from` and `until`, and the zone.
///
/// A date that cannot be read is a 400 naming what was typed.
pub fn form_target(query: &PeriodQuery, lang: Lang) -> Result<Option<String>, WebError> {
    let Some(shown) = query.shown.as_deref() else { return Ok(None) };
    let typed = |value: &Option<String>| -> Result<Option<NaiveDate>, WebError> {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(text) => parse_form_date(lang, text)
                .map(Some)
                .ok_or_else(|| WebError::Invalid(Msg::new("error-bad-date").arg("value", text))),
        }
    };
    let (from, until) = (typed(&query.from)?, typed(&query.until)?);
    let preset = Preset::parse(query.preset.as_deref())
        .map_err(|unknown| WebError::Invalid(Msg::new("error-unknown-preset").arg("value", unknown.0)))?;
    let shown = shown.split_once('/').map(|(first, last)| (first.parse().ok(), last.parse().ok()));
    let mut pairs: Vec<(&str, String)> = Vec::new();
    match preset.filter(|_| shown == Some((from, until))) {
        Some(preset) => pairs.push(("preset", preset.slug().to_string())),
        None => {
            pairs.extend(from.map(|d| ("from", d.format("%Y-%m-%d").to_string())));
            pairs.extend(until.map(|d| ("until", d.format("%Y-%m-%d").to_string())));
        }
    }
    pairs.extend(query.tz.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| ("tz", t.to_string())));
    if query.business_hours == Some(true) {
        pairs.push(("business_hours", "true".to_string()));
    }
    Ok(Some(form_pairs(&pairs)))
}

fn form_pairs(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn query_strings_round_trip_the_period() {
        let tz: Tz = "America/Sao_Paulo".parse().unwrap();
        let period = Period::resolve(Some("2026-01-01"), Some("2026-02-01"), tz, Utc::now()).unwrap();
        let options = ReportOptions { period, business_hours: false };
        assert_eq!(query_string(&options), "from=2026-01-01&to=2026-02-01&tz=America%2FSao_Paulo");
        assert_eq!(last_day(&period), date("2026-01-31"));
        assert_eq!(
            preset_query(Preset::Last7Days, tz, true),
            "preset=last-7-days&tz=America%2FSao_Paulo&business_hours=true"
        );
    }

    #[test]
    fn presets_name_the_days_they_cover() {
        let today = date("2026-03-15");
        let days = |p: Preset| p.days(today);
        assert_eq!(days(Preset::Today), (today, today));
        assert_eq!(days(Preset::Yesterday), (date("2026-03-14"), date("2026-03-14")));
        assert_eq!(days(Preset::Last7Days), (date("2026-03-08"), date("2026-03-14")));
        assert_eq!(days(Preset::Last30Days), (date("2026-02-13"), date("2026-03-14")));
        assert_eq!(days(Preset::Last90Days), (date("2025-12-15"), date("2026-03-14")));
        assert_eq!(days(Preset::ThisMonth), (date("2026-03-01"), today));
        assert_eq!(days(Preset::LastMonth), (date("2026-02-01"), date("2026-02-28")));
        assert_eq!(days(Preset::ThisYear), (date("2026-01-01"), today));
        for p in Preset::ALL {
            assert_eq!(Preset::parse(Some(p.slug())), Ok(Some(p)));
        }
        assert_eq!(Preset::parse(Some("custom")), Ok(None));
        assert_eq!(Preset::parse(None), Ok(None));
        assert!(Preset::parse(Some("last-week")).is_err());
    }

    #[test]
    fn presets_at_month_and_year_edges() {
        // The first of a month: "this month" is today only, "last month" the whole previous one.
        let first = date("2026-03-01");
        assert_eq!(Preset::ThisMonth.days(first), (first, first));
        assert_eq!(Preset::LastMonth.days(first), (date("2026-02-01"), date("2026-02-28")));
        assert_eq!(Preset::Yesterday.days(first), (date("2026-02-28"), date("2026-02-28")));
        // A leap year's February, and January's "last month" in the previous year.
        assert_eq!(Preset::LastMonth.days(date("2028-03-31")), (date("2028-02-01"), date("2028-02-29")));
        assert_eq!(Preset::LastMonth.days(date("2026-01-10")), (date("2025-12-01"), date("2025-12-31")));
        assert_eq!(Preset::ThisYear.days(date("2026-01-01")), (date("2026-01-01"), date("2026-01-01")));
        assert_eq!(Preset::Last7Days.days(date("2026-01-03")), (date("2025-12-27"), date("2026-01-02")));
    }

    #[test]
    fn presets_are_computed_in_the_reports_timezone() {
        // 02:00 UTC on 1 Dec is still 30 Nov in São Paulo (UTC-3).
        let now = utc("2026-12-01T02:00:00Z");
        let sp: Tz = "America/Sao_Paulo".parse().unwrap();
        let today = Preset::Today.period(sp, now);
        assert_eq!((today.from, today.to), (utc("2026-11-30T03:00:00Z"), utc("2026-12-01T03:00:00Z")));
        let this_month = Preset::ThisMonth.period(sp, now);
        assert_eq!(this_month.from, utc("2026-11-01T03:00:00Z"));
        assert_eq!(Preset::Today.period(Tz::UTC, now).from, utc("2026-12-01T00:00:00Z"));
        // The dashboard's default period is the "last 30 days" preset.
        let default = Period::resolve(None, None, sp, now).unwrap();
        assert_eq!(Preset::matching(&default, now), Some(Preset::Last30Days));
    }

    #[test]
    fn presets_across_dst_keep_local_midnights() {
        // New York springs forward on 8 Mar 2026 and falls back on 1 Nov 2026.
        let ny: Tz = "America/New_York".parse().unwrap();
        let week = Preset::Last7Days.period(ny, utc("2026-03-12T15:00:00Z"));
        assert_eq!(week.from, utc("2026-03-05T05:00:00Z")); // EST
        assert_eq!(week.to, utc("2026-03-12T04:00:00Z")); // EDT
        assert_eq!((week.to - week.from).num_hours(), 7 * 24 - 1);
        let day = Preset::Yesterday.period(ny, utc("2026-11-02T15:00:00Z"));
        assert_eq!((day.from, day.to), (utc("2026-11-01T04:00:00Z"), utc("2026-11-02T05:00:00Z")));
        assert_eq!(last_day(&day), date("2026-11-01"));
        // The previous period of a DST week is the 7 calendar days before, midnight to midnight.
        let before = previous(&week);
        assert_eq!((before.from, before.to), (utc("2026-02-26T05:00:00Z"), week.from));
    }

    #[test]
    fn the_previous_period_has_the_same_length() {
        let tz = Tz::UTC;
        let nov = days_period(date("2026-11-01"), date("2026-11-30"), tz);
        let before = previous(&nov);
        assert_eq!((before.from, before.to), (utc("2026-10-02T00:00:00Z"), nov.from));
        assert_eq!(last_day(&before), date("2026-10-31"));
        // Timestamps move back by the exact length.
        let odd = Period::resolve(Some("2026-01-01T10:00:00Z"), Some("2026-01-01T16:00:00Z"), tz, Utc::now())
            .unwrap();
        let before = previous(&odd);
        assert_eq!((before.from, before.to), (utc("2026-01-01T04:00:00Z"), odd.from));
    }

    fn form(pairs: &[(&str, &str)]) -> PeriodQuery {
        let query = serde_urlencoded::to_string(pairs).unwrap();
        serde_urlencoded::from_str(&query).unwrap()
    }

    #[test]
    fn the_period_form_keeps_its_preset_across_zones_and_sends_iso_dates() {
        let pt = Lang(Locale::PtBr);
        let shown = ("shown", "2026-11-24/2026-11-30");
        // Only the zone changed: the preset, in the new zone.
        let zone_only = form(&[
            ("preset", "last-7-days"),
            shown,
            ("from", "24/11/2026"),
            ("until", "30/11/2026"),
            ("tz", "Pacific/Kiritimati"),
        ]);
        assert_eq!(
            form_target(&zone_only, pt).unwrap().unwrap(),
            "preset=last-7-days&tz=Pacific%2FKiritimati"
        );
        // A date edited: those dates, in ISO (an English page types ISO; ISO reads in any language).
        let edited = form(&[
            ("preset", "last-7-days"),
            shown,
            ("from", "2026-11-20"),
            ("until", "30/11/2026"),
            ("tz", "UTC"),
        ]);
        assert_eq!(form_target(&edited, pt).unwrap().unwrap(), "from=2026-11-20&until=2026-11-30&tz=UTC");
        let english =
            form(&[shown, ("from", "2026-11-24"), ("until", "2026-11-30"), ("business_hours", "true")]);
        assert_eq!(
            form_target(&english, Lang::EN).unwrap().unwrap(),
            "from=2026-11-24&until=2026-11-30&business_hours=true"
        );
        // Not the form: no redirect. A date that is not one: refused.
        assert!(form_target(&form(&[("from", "24/11/2026")]), pt).unwrap().is_none());
        assert!(form_target(&form(&[shown, ("from", "31/02/2026")]), pt).is_err());
        assert!(
            form_target(&form(&[shown, ("from", "24/11/2026")]), Lang::EN).is_err(),
            "not an English date"
        );
        assert_eq!(parse_form_date(pt, " 1/2/2026 "), Some(date("2026-02-01")));
        assert_eq!(form_date(pt, date("2026-02-01")), "01/02/2026");
    }

    #[test]
    fn the_timezone_list_starts_with_the_tenants_zone_once() {
        let sp: Tz = "America/Sao_Paulo".parse().unwrap();
        let zones: Vec<Tz> = timezone_choices(sp).collect();
        assert_eq!(zones[0], sp);
        assert_eq!(zones.iter().filter(|z| **z == sp).count(), 1);
        assert_eq!(zones.len(), chrono_tz::TZ_VARIANTS.len());
        assert!(zones.contains(&Tz::UTC));
    }
}
