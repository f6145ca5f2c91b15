//! Server-rendered charts: no script, no external library. Colours come from the page's CSS
//! classes, so tenant branding applies to charts too. The series is an SVG whose axis labels the
//! stylesheet enlarges as the chart narrows (they stay at least 10 CSS px on a phone); the
//! first-response chart and the heatmap are HTML tables, so their text is page text at any width.

use chrono::{NaiveDate, NaiveDateTime};
use maud::{Markup, html};

use super::i18n::Lang;
use crate::reports::Bucket;

/// One bucket of the series chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyPoint {
    /// The bucket's key as the report gives it: `2026-01-31`, or `2026-01-31T14:00` for hours.
    pub label: String,
    pub conversations: f64,
    pub resolutions: f64,
}

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 280.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 46.0;
/// The widest a label's character gets, in user units, at the largest font the stylesheet gives
/// axis labels (`28px` on the narrowest screens; about 0.62 em a digit).
const CHAR_UNITS: f64 = 18.0;
/// At most this many labels along the x axis, so that they never overlap at the largest font.
const MAX_X_LABELS: usize = 7;

/// The count axis: a whole step (1, 2 or 5 × 10ⁿ) giving at most four intervals, and the top
/// (a whole multiple of the step, at least `max`). Counts never get fractional ticks.
fn count_axis(max: f64) -> (f64, f64) {
    let max = max.max(0.0).ceil();
    let raw_step = (max / 4.0).max(1.0);
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step =
        [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw_step).unwrap_or(raw_step);
    let top = ((max / step).ceil() * step).max(step);
    (step, top)
}

/// Conversations as bars and resolutions as a line, per bucket.
pub fn daily_chart(lang: Lang, bucket: Bucket, points: &[DailyPoint]) -> Markup {
    let max = points.iter().map(|p| p.conversations.max(p.resolutions)).fold(0.0, f64::max);
    let (step, top) = count_axis(max);
    let ticks: Vec<f64> = (0..=((top / step).round() as i64)).map(|k| k as f64 * step).collect();
    let tick_labels: Vec<String> = ticks.iter().map(|v| lang.decimal(*v, 0)).collect();
    let widest = tick_labels.iter().map(|t| t.chars().count()).max().unwrap_or(1) as f64;
    let left = 8.0 + widest * CHAR_UNITS;
    let plot_w = WIDTH - left - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = points.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.7).max(1.0);
    let y = |v: f64| TOP + plot_h - (v / top) * plot_h;
    let x_mid = |i: usize| left + slot * (i as f64 + 0.5);
    let line: Vec<String> =
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x_mid(i), y(p.resolutions))).collect();
    let label_every = points.len().div_ceil(MAX_X_LABELS).max(1);
    let title = series_title(lang, bucket);
    html! {
        svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-label=(title) data-bucket=(bucket.to_string()) {
            @for (value, label) in ticks.iter().zip(&tick_labels) {
                line.grid x1=(left) x2=(WIDTH - RIGHT) y1=(format!("{:.1}", y(*value))) y2=(format!("{:.1}", y(*value))) {}
                text.axis.y-tick x=(left - 6.0) y=(format!("{:.1}", y(*value))) dominant-baseline="middle" text-anchor="end" { (label) }
            }
            @for (i, p) in points.iter().enumerate() {
                rect.bar-primary data-key=(p.label) data-conversations=(p.conversations) data-resolutions=(p.resolutions)
                    x=(format!("{:.1}", x_mid(i) - bar / 2.0)) y=(format!("{:.1}", y(p.conversations)))
                    width=(format!("{bar:.1}")) height=(format!("{:.1}", (TOP + plot_h - y(p.conversations)).max(0.0))) {
                    title { (lang.t_args("chart-point", &[
                        ("label", label_text(lang, &p.label)),
                        ("conversations", lang.decimal(p.conversations, 0)),
                        ("resolutions", lang.decimal(p.resolutions, 0)),
                    ])) }
                }
                @if i % label_every == 0 {
                    text.axis.x-tick x=(format!("{:.1}", x_mid(i))) y=(HEIGHT - 6.0) text-anchor="middle" { (short_label(lang, bucket, &p.label)) }
                }
            }
            @if !points.is_empty() {
                polyline.line-secondary points=(line.join(" ")) {}
                @for (i, p) in points.iter().enumerate() {
                    circle.dot-secondary cx=(format!("{:.1}", x_mid(i))) cy=(format!("{:.1}", y(p.resolutions))) r="2.5" {}
                }
            }
        }
    }
}

/// The series' title for its bucket: "Conversations and resolutions per day".
pub fn series_title(lang: Lang, bucket: Bucket) -> String {
    lang.t(&format!("chart-per-{bucket}"))
}

/// An hour bucket's key (`2026-01-31T14:00`).
fn hour_key(label: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(label, "%Y-%m-%dT%H:%M").ok()
}

/// A bucket key in the reader's format (a date, or a date and hour); other labels stay as
/// they are.
fn label_text(lang: Lang, label: &str) -> String {
    if let Some(at) = hour_key(label) {
        return format!("{} {}", lang.date(at.date()), at.format("%H:%M"));
    }
    match NaiveDate::parse_from_str(label, "%Y-%m-%d") {
        Ok(date) => lang.date(date),
        Err(_) => label.to_string(),
    }
}

/// An axis label: `14:00` for an hour, `2026-11` (`11/2026`) for a month, `01-31` (`31/01`)
/// for a day or week; other labels stay as they are.
fn short_label(lang: Lang, bucket: Bucket, label: &str) -> String {
    if let Some(at) = hour_key(label) {
        return at.format("%H:%M").to_string();
    }
    match NaiveDate::parse_from_str(label, "%Y-%m-%d") {
        Ok(date) if bucket == Bucket::Month => lang.t_args(
            "chart-month-label",
            &[("year", date.format("%Y").to_string()), ("month", date.format("%m").to_string())],
        ),
        Ok(date) => lang.short_date(date),
        Err(_) => label.to_string(),
    }
}

/// One bucket of the first-response chart: its label and count (the share is of all of them).
#[derive(Debug, Clone, PartialEq)]
pub struct FrtBar {
    /// The report's bucket label, e.g. `5-15m`.
    pub bucket: String,
    pub first_responses: i64,
    /// 0..1; `None` when the period has no first response.
    pub share: Option<f64>,
}

/// The first-response distribution as a table of bars: each bucket's label, a bar as long as its
/// share of the largest bucket, its count and its share, all as text.
pub fn frt_chart(lang: Lang, bars: &[FrtBar]) -> Markup {
    let most = bars.iter().map(|b| b.first_responses).max().unwrap_or(0).max(1) as f64;
    html! {
        table.frt-chart #frt-chart {
            caption.visually-hidden { (lang.t("frt-title")) }
            thead { tr {
                th scope="col" { (lang.t("frt-within")) }
                th scope="col" { span.visually-hidden { (lang.t("frt-bar")) } }
                th.num scope="col" { (lang.t("frt-first-responses")) }
                th.num scope="col" { (lang.t("frt-share")) }
            } }
            tbody {
                @for bar in bars {
                    tr data-bucket=(bar.bucket) data-count=(bar.first_responses) {
                        th.bucket scope="row" { (bar.bucket) }
                        td.bar {
                            svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
                                rect.frt-bar x="0" y="0" height="10" width=(format!("{:.2}", bar.first_responses as f64 / most * 100.0)) {}
                            }
                        }
                        td.num.count { (lang.int(bar.first_responses)) }
                        td.num { (bar.share.map(|s| lang.percent(s)).unwrap_or_else(|| "—".into())) }
                    }
                }
            }
        }
    }
}

/// The weekday names' keys, by ISO weekday (index 0 is Monday).
const WEEKDAY_KEYS: [&str; 7] =
    ["weekday-mon", "weekday-tue", "weekday-wed", "weekday-thu", "weekday-fri", "weekday-sat", "weekday-sun"];

/// The traffic heatmap: a row per ISO weekday, a column per local hour, each cell shaded by its
/// share of the busiest cell (five levels, never colour alone: the count is the cell's text, and
/// its title names the weekday and hour). `cells` are `(weekday, hour, conversations)`, as
/// [`crate::reports::heatmap`] returns them.
pub fn heatmap(lang: Lang, cells: &[(i64, i64, i64)]) -> Markup {
    let mut grid = [[0_i64; 24]; 7];
    for &(weekday, hour, count) in cells {
        if (1..=7).contains(&weekday) && (0..24).contains(&hour) {
            grid[(weekday - 1) as usize][hour as usize] = count;
        }
    }
    let busiest = grid.iter().flatten().copied().max().unwrap_or(0);
    let level = |count: i64| {
        if count == 0 || busiest == 0 { 0 } else { 1 + (count * 4 - 1) / busiest }
    };
    html! {
        table.heatmap #heatmap {
            caption.visually-hidden { (lang.t("heatmap-title")) }
            thead { tr {
                th scope="col" { span.visually-hidden { (lang.t("heatmap-weekday")) } }
                @for hour in 0..24 {
                    th.hour.shown[hour % 3 == 0] scope="col" abbr=(format!("{hour:02}:00")) { span { (hour) } }
                }
            } }
            tbody {
                @for (d, row) in grid.iter().enumerate() {
                    @let day = lang.t(WEEKDAY_KEYS[d]);
                    tr {
                        th scope="row" { (day) }
                        @for (hour, count) in row.iter().enumerate() {
                            td class=(format!("heat-{}", level(*count))) data-weekday=(d + 1) data-hour=(hour) data-count=(count)
                                title=(lang.t_args("heatmap-cell", &[
                                    ("weekday", day.clone()),
                                    ("hour", format!("{hour:02}:00")),
                                    ("conversations", lang.int(*count)),
                                ])) {
                                span.n { (lang.int(*count)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_ticks_are_whole_numbers_and_cover_the_maximum() {
        assert_eq!(count_axis(0.0), (1.0, 1.0));
        assert_eq!(count_axis(3.0), (1.0, 3.0));
        assert_eq!(count_axis(7.0), (2.0, 8.0));
        assert_eq!(count_axis(10.0), (5.0, 10.0));
        assert_eq!(count_axis(93.0), (50.0, 100.0));
        for max in 0..500 {
            let (step, top) = count_axis(f64::from(max));
            assert!(step >= 1.0 && step.fract() == 0.0 && top.fract() == 0.0, "{max}: {step} {top}");
            assert!(top >= f64::from(max) && top / step <= 5.0, "{max}: {step} {top}");
        }
    }

    #[test]
    fn chart_has_a_bar_per_bucket_and_escapes_labels() {
        let points: Vec<DailyPoint> = (1..=3)
            .map(|d| DailyPoint { label: format!("2026-01-0{d}"), conversations: d as f64, resolutions: 1.0 })
            .chain([DailyPoint { label: "<b>".into(), conversations: 0.0, resolutions: 0.0 }])
            .collect();
        let svg = daily_chart(Lang::EN, Bucket::Day, &points).into_string();
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        // Ticks 0, 1, 2, 3: no 0.75.
        assert!(svg.contains(">3</text>") && !svg.contains(".5<") && !svg.contains(".75<"), "{svg}");
    }

    #[test]
    fn the_heatmap_has_every_cell_with_its_count_and_five_levels() {
        let cells: Vec<(i64, i64, i64)> = (1..=7)
            .flat_map(|d| (0..24).map(move |h| (d, h, if d == 2 && h == 9 { 8 } else { h % 3 })))
            .collect();
        let html = heatmap(Lang::EN, &cells).into_string();
        assert_eq!(html.matches("<td ").count(), 168);
        assert!(html.contains(r#"class="heat-4" data-weekday="2" data-hour="9" data-count="8""#), "{html}");
        assert!(html.contains(r#"class="heat-0" data-weekday="1" data-hour="0" data-count="0""#), "{html}");
        assert!(html.contains(r#"class="heat-1" data-weekday="1" data-hour="1" data-count="1""#), "{html}");
    }

    #[test]
    fn hour_and_month_labels_read_as_such() {
        assert_eq!(short_label(Lang::EN, Bucket::Hour, "2026-01-31T14:00"), "14:00");
        assert_eq!(label_text(Lang::EN, "2026-01-31T14:00"), "2026-01-31 14:00");
        assert_eq!(short_label(Lang::EN, Bucket::Month, "2026-11-01"), "2026-11");
        let pt = Lang(crate::admin::Locale::PtBr);
        assert_eq!(short_label(pt, Bucket::Month, "2026-11-01"), "11/2026");
        assert_eq!(short_label(pt, Bucket::Week, "2026-11-02"), "02/11");
    }
}
