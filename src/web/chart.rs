//! Server-rendered SVG charts: no script, no external library. Colours come from the page's
//! CSS classes, so tenant branding applies to charts too.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::i18n::Lang;

/// One day (or bucket) of the daily chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyPoint {
    /// The bucket's label, e.g. `2026-01-31`.
    pub label: String,
    pub conversations: f64,
    pub resolutions: f64,
}

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;

/// A rounded-up axis maximum with about four gridlines.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 4.0;
    }
    let raw_step = max / 4.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw_step).unwrap_or(raw_step);
    (max / step).ceil() * step
}

/// Conversations as bars and resolutions as a line, per day.
pub fn daily_chart(lang: Lang, points: &[DailyPoint]) -> Markup {
    let max = points.iter().map(|p| p.conversations.max(p.resolutions)).fold(0.0, f64::max);
    let top = nice_max(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = points.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.7).max(1.0);
    let y = |v: f64| TOP + plot_h - (v / top) * plot_h;
    let x_mid = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let line: Vec<String> =
        points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x_mid(i), y(p.resolutions))).collect();
    // Label about eight days along the axis, whatever the period length.
    let label_every = (points.len() / 8).max(1);
    html! {
        svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-label=(lang.t("chart-daily")) {
            @for k in 0..=4 {
                @let value = top * k as f64 / 4.0;
                line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(format!("{:.1}", y(value))) y2=(format!("{:.1}", y(value))) {}
                text.axis x=(LEFT - 6.0) y=(format!("{:.1}", y(value) + 4.0)) text-anchor="end" { (format_axis(lang, value)) }
            }
            @for (i, p) in points.iter().enumerate() {
                rect.bar-primary x=(format!("{:.1}", x_mid(i) - bar / 2.0)) y=(format!("{:.1}", y(p.conversations)))
                    width=(format!("{bar:.1}")) height=(format!("{:.1}", (TOP + plot_h - y(p.conversations)).max(0.0))) {
                    title { (lang.t_args("chart-point", &[
                        ("label", label_text(lang, &p.label)),
                        ("conversations", lang.decimal(p.conversations, 0)),
                        ("resolutions", lang.decimal(p.resolutions, 0)),
                    ])) }
                }
                @if i % label_every == 0 {
                    text.axis x=(format!("{:.1}", x_mid(i))) y=(HEIGHT - 12.0) text-anchor="middle" { (short_label(lang, &p.label)) }
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

fn format_axis(lang: Lang, value: f64) -> String {
    if value.fract() == 0.0 { lang.decimal(value, 0) } else { lang.decimal(value, 1) }
}

/// A date label (`2026-01-31`) in the reader's format; other labels stay as they are.
fn label_text(lang: Lang, label: &str) -> String {
    match NaiveDate::parse_from_str(label, "%Y-%m-%d") {
        Ok(date) => lang.date(date),
        Err(_) => label.to_string(),
    }
}

/// `2026-01-31` becomes `01-31` (`31/01` in Portuguese); other labels stay as they are.
fn short_label(lang: Lang, label: &str) -> String {
    match NaiveDate::parse_from_str(label, "%Y-%m-%d") {
        Ok(date) => lang.short_date(date),
        Err(_) => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maximum_is_round() {
        assert_eq!(nice_max(0.0), 4.0);
        assert_eq!(nice_max(7.0), 8.0);
        assert_eq!(nice_max(93.0), 100.0);
    }

    #[test]
    fn chart_has_a_bar_per_day_and_escapes_labels() {
        let points: Vec<DailyPoint> = (1..=3)
            .map(|d| DailyPoint { label: format!("2026-01-0{d}"), conversations: d as f64, resolutions: 1.0 })
            .chain([DailyPoint { label: "<b>".into(), conversations: 0.0, resolutions: 0.0 }])
            .collect();
        let svg = daily_chart(Lang::EN, &points).into_string();
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }
}
