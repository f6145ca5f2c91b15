//! One tenant's dashboard: KPI cards (each compared with the previous period of the same length),
//! the series chart (its bucket chosen from the period's length, or by the bucket links), tables
//! by inbox, agent, team, label and channel (see [`super::tables`]), the fine first-response
//! distribution, the traffic heatmap, CSV downloads and the period picker (presets, an inclusive
//! custom range, the timezone list). Rendered for a client (its own tenant, at
//! `/dashboard`) and for a platform admin's drill-down (`/admin/tenants/{slug}`) by the same code;
//! the caller decides which tenant, and everything here reads through that tenant's `TenantTx`.
//! The "Updated … ago" line is rendered here; `static/freshness.js` keeps it current and reloads
//! the page when newer figures were loaded (without script the server-rendered text stays).

use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use chrono_tz::Tz;
use maud::{Markup, html};
use serde_json::{Map, Value};

use super::tables::{DIMENSIONS, dimension_table};
use super::{Branding, page_at};
use crate::db::{self, TenantId, TenantTx};
use crate::freshness::{self, Freshness};
use crate::reports::{Bucket, FrtScale, Period, ReportKind, ReportOptions, period};
use crate::web::auth::CurrentUser;
use crate::web::chart::{self, DailyPoint, FrtBar, daily_chart, series_title};
use crate::web::i18n::Lang;
use crate::web::period::{
    PeriodQuery, Preset, days_period, form_date, form_target, last_day, local_date, preset_query, previous,
    query_string, timezone_choices,
};
use crate::web::report_data::{
    self, Cut, ExportFormat, bucket_allowed, report_kind, report_options, report_options_at,
};
use crate::web::{AppState, WebError, assets};

/// Which tenant a dashboard shows, and where its links point.
#[derive(Debug, Clone)]
pub struct TenantView {
    pub id: TenantId,
    pub slug: String,
    pub name: String,
    /// `/dashboard` for a client, `/admin/tenants/{slug}` for an admin's drill-down.
    pub base: String,
}

/// The tenant's timezone and branding, read inside its own transaction.
pub async fn tenant_settings(tx: &mut TenantTx) -> Result<(String, Branding), WebError> {
    #[allow(clippy::type_complexity)]
    let row: Option<(String, Option<String>, Option<String>, Option<String>, Option<String>)> =
        sqlx::query_as(
            "SELECT t.timezone, s.display_name, s.primary_color, s.secondary_color, s.logo_url
           FROM tenants t LEFT JOIN tenant_settings s ON s.tenant_id = t.id
          WHERE t.id = $1",
        )
        .bind(tx.tenant())
        .fetch_optional(&mut **tx)
        .await?;
    let (timezone, display_name, primary_color, secondary_color, logo_url) = row.ok_or(WebError::NotFound)?;
    Ok((timezone, Branding { display_name, primary_color, secondary_color, logo_url }))
}

fn int(lang: Lang, row: &Map<String, Value>, field: &str) -> String {
    row.get(field).and_then(Value::as_i64).map(|v| lang.int(v)).unwrap_or_else(|| "—".into())
}

fn duration(lang: Lang, row: &Map<String, Value>, field: &str) -> String {
    row.get(field).and_then(Value::as_f64).map(|v| lang.duration(v)).unwrap_or_else(|| "—".into())
}

fn percent(lang: Lang, row: &Map<String, Value>, field: &str) -> String {
    row.get(field).and_then(Value::as_f64).map(|v| lang.percent(v)).unwrap_or_else(|| "—".into())
}

fn decimal(lang: Lang, row: &Map<String, Value>, field: &str) -> String {
    row.get(field).and_then(Value::as_f64).map(|v| lang.decimal(v, 2)).unwrap_or_else(|| "—".into())
}

fn text(row: &Map<String, Value>, field: &str) -> String {
    match row.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Which way a KPI is better, for the comparison with the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Better {
    /// More is better (resolutions, CSAT, leads, conversions).
    Higher,
    /// Less is better (response and resolution times).
    Lower,
    /// Neither: more conversations is more demand, not a better or worse service.
    Neutral,
}

/// The JSON field a card compares on, and which way is better.
type Compare = Option<(&'static str, Better)>;

/// One KPI card: its id, label, value, and the JSON field it compares on (none for the live
/// counts, which are "now" whatever the period).
struct Card {
    id: &'static str,
    label: String,
    value: String,
    compare: Compare,
}

/// The KPI cards.
fn kpi_cards(lang: Lang, kpis: &Map<String, Value>) -> Vec<Card> {
    use Better::{Higher, Lower, Neutral};
    let cards: [(&str, &str, String, Compare); 13] = [
        (
            "conversations",
            "kpi-conversations",
            int(lang, kpis, "conversations"),
            Some(("conversations", Neutral)),
        ),
        ("resolutions", "kpi-resolutions", int(lang, kpis, "resolutions"), Some(("resolutions", Higher))),
        (
            "avg_first_response",
            "kpi-avg-first-response",
            duration(lang, kpis, "avg_first_response_seconds"),
            Some(("avg_first_response_seconds", Lower)),
        ),
        (
            "median_first_response",
            "kpi-median-first-response",
            duration(lang, kpis, "median_first_response_seconds"),
            Some(("median_first_response_seconds", Lower)),
        ),
        (
            "avg_resolution",
            "kpi-avg-resolution",
            duration(lang, kpis, "avg_resolution_seconds"),
            Some(("avg_resolution_seconds", Lower)),
        ),
        (
            "csat_average",
            "kpi-csat-average",
            decimal(lang, kpis, "csat_average"),
            Some(("csat_average", Higher)),
        ),
        (
            "csat_satisfaction",
            "kpi-csat-satisfaction",
            percent(lang, kpis, "csat_satisfaction"),
            Some(("csat_satisfaction", Higher)),
        ),
        ("leads", "kpi-leads", int(lang, kpis, "leads"), Some(("leads", Higher))),
        ("conversions", "kpi-conversions", int(lang, kpis, "conversions"), Some(("conversions", Higher))),
        (
            "conversion_rate",
            "kpi-conversion-rate",
            percent(lang, kpis, "conversion_rate"),
            Some(("conversion_rate", Higher)),
        ),
        ("open", "kpi-open", int(lang, kpis, "open"), None),
        ("unattended", "kpi-unattended", int(lang, kpis, "unattended"), None),
        ("unassigned", "kpi-unassigned", int(lang, kpis, "unassigned"), None),
    ];
    cards
        .into_iter()
        .map(|(id, key, value, compare)| Card { id, label: lang.t(key), value, compare })
        .collect()
}

/// The change of a KPI against the previous period: the relative change in whole percent
/// (`None` when the previous period has no value or zero, so no ratio exists).
fn change_percent(current: f64, previous: f64) -> Option<i64> {
    (previous != 0.0 && previous.is_finite() && current.is_finite())
        .then(|| ((current - previous) / previous.abs() * 100.0).round() as i64)
}

/// A card's comparison line: "▲ 12% better" (arrow and word, so that it never relies on colour
/// alone) and the previous period's value. Carries the raw values for scripts and tests.
fn comparison(
    lang: Lang,
    field: &str,
    better: Better,
    kpis: &Map<String, Value>,
    previous: &Map<String, Value>,
    shown_previous: String,
) -> Markup {
    let current = kpis.get(field).and_then(Value::as_f64);
    let before = previous.get(field).and_then(Value::as_f64);
    let change = match (current, before) {
        (Some(c), Some(p)) => change_percent(c, p).map(|pct| (pct, c, p)),
        _ => None,
    };
    let raw = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let previous_line = lang.t_args("change-previous", &[("value", shown_previous)]);
    let Some((pct, _, _)) = change else {
        // No ratio: nothing before (or zero), or nothing now.
        let same = current == before;
        let note = if same { lang.t("change-same") } else { lang.t("change-no-previous") };
        return html! {
            div.change.neutral data-current=(raw(current)) data-previous=(raw(before)) {
                span.delta { @if same { "= " (note) } @else { (note) } }
            }
            div.previous.muted { (previous_line) }
        };
    };
    let (arrow, direction) = match pct.signum() {
        1 => ("▲", "change-up"),
        -1 => ("▼", "change-down"),
        _ => ("=", "change-unchanged"),
    };
    let verdict = match (better, pct.signum()) {
        (_, 0) | (Better::Neutral, _) => None,
        (Better::Higher, 1) | (Better::Lower, -1) => Some(("good", lang.t("change-better"))),
        _ => Some(("bad", lang.t("change-worse"))),
    };
    let amount = format!("{}%", lang.int(pct.abs()));
    let sentence = lang
        .t_args(
            "change-sentence",
            &[
                ("direction", lang.t_args(direction, &[("percent", amount.clone())])),
                ("verdict", verdict.as_ref().map(|(_, word)| word.clone()).unwrap_or_else(|| "none".into())),
            ],
        )
        .trim_end()
        .to_string();
    let class = verdict.as_ref().map(|(class, _)| *class).unwrap_or("neutral");
    html! {
        div class=(format!("change {class}")) data-change=(pct) data-current=(raw(current)) data-previous=(raw(before)) title=(sentence) {
            span aria-hidden="true" {
                span.delta { (arrow) " " (amount) }
                @if let Some((_, word)) = &verdict { " " span.verdict { (word) } }
            }
            span.visually-hidden { (sentence) }
        }
        div.previous.muted { (previous_line) }
    }
}

/// The bucket links above the series: each bucket the period allows (hours up to a month), the
/// current one marked. Links, so that a chart is a shareable URL.
fn bucket_links(lang: Lang, view: &TenantView, query: &str, period: &Period, current: Bucket) -> Markup {
    let suggested = Bucket::for_period(period);
    html! {
        nav.buckets aria-label=(lang.t("bucket-label")) {
            span.muted { (lang.t("bucket-label")) }
            @for bucket in [Bucket::Hour, Bucket::Day, Bucket::Week, Bucket::Month] {
                @let name = lang.t(&format!("bucket-{bucket}"));
                @if !bucket_allowed(bucket, period) {
                    span.bucket.unavailable data-bucket=(bucket.to_string()) title=(lang.t("bucket-too-fine")) { (name) }
                } @else {
                    a.bucket.current[bucket == current] data-bucket=(bucket.to_string())
                        href=(format!("{}?{query}&bucket={bucket}", view.base))
                        aria-current=[(bucket == current).then_some("true")] {
                        (name) @if bucket == suggested { span.visually-hidden { " " (lang.t("bucket-suggested")) } }
                    }
                }
            }
        }
    }
}

fn csv_link(view: &TenantView, kind: ReportKind, query: &str) -> Markup {
    html! { a.csv href=(format!("{}/csv/{}?{query}", view.base, kind.slug())) { "CSV" } }
}

/// The timezone list: `first` (the tenant's zone) at the top, then every IANA zone; `chosen` is
/// selected. A zone is never typed: one submitted by hand anyway is refused with a 400.
pub fn timezone_select(lang: Lang, first: Tz, chosen: Tz) -> Markup {
    html! {
        select name="tz" {
            @for tz in timezone_choices(first) {
                option value=(tz.name()) selected[tz == chosen] {
                    @if tz == first { (lang.t_args("picker-timezone-default", &[("tz", tz.name().to_string())])) }
                    @else { (tz.name()) }
                }
            }
        }
    }
}

/// A period in the reader's words, its last day included: "2026-11-01 – 2026-11-30", one date
/// for one day, and times when a bound is not a midnight (a timestamp in a hand-made link).
fn range_text(lang: Lang, period: &Period) -> String {
    let tz = period.tz;
    let first = period.from.with_timezone(&tz).date_naive();
    let last = last_day(period);
    if days_period(first, last, tz) == *period {
        if first == last { lang.date(first) } else { format!("{} – {}", lang.date(first), lang.date(last)) }
    } else {
        format!(
            "{} – {}",
            lang.datetime(&period.from.with_timezone(&tz)),
            lang.datetime(&period.to.with_timezone(&tz))
        )
    }
}

/// A period form's two date fields (the first and the last day of `period`, both included) and
/// its record of them (`shown`, which also marks the request as the form's). Text fields in the
/// page's language, their pattern as placeholder and as a hint beside them: a native date input
/// writes the browser's format (mm/dd/yyyy in an English Chromium) whatever the page's language.
/// The server reads them back in the page's language and redirects to the ISO address.
pub fn date_fields(lang: Lang, period: &Period) -> Markup {
    let first = period.from.with_timezone(&period.tz).date_naive();
    let last = last_day(period);
    let pattern = lang.t("picker-date-pattern");
    let field = |id: &str, name: &str, label: String, date: NaiveDate| {
        let hint = format!("{id}-hint");
        html! {
            div.date-field {
                label for=(id) { (label) }
                input id=(id) type="text" name=(name) value=(form_date(lang, date)) placeholder=(pattern)
                    inputmode="numeric" autocomplete="off" size="10" aria-describedby=(hint);
                span.hint id=(hint) { (pattern) }
            }
        }
    };
    html! {
        (field("period-from", "from", lang.t("picker-from"), first))
        (field("period-until", "until", lang.t("picker-until"), last))
        input type="hidden" name="shown" value=(format!("{first}/{last}"));
    }
}

/// The presets (links, so that a period is a shareable URL), the custom range form (its end date
/// is the last day included, sent as `until`) and the timezone list.
fn period_picker(
    lang: Lang,
    view: &TenantView,
    options: &ReportOptions,
    active: Option<Preset>,
    tenant_tz: Tz,
) -> Markup {
    let period = &options.period;
    html! {
        nav.presets aria-label=(lang.t("presets-label")) {
            @for preset in Preset::ALL {
                @let href = format!("{}?{}", view.base, preset_query(preset, period.tz, options.business_hours));
                a.preset.current[active == Some(preset)] data-preset=(preset.slug()) href=(href)
                    aria-current=[(active == Some(preset)).then_some("true")] {
                    (lang.t(&format!("preset-{}", preset.slug())))
                }
            }
            a.preset.current[active.is_none()] data-preset="custom" href="#period-from"
                aria-current=[active.is_none().then_some("true")] { (lang.t("preset-custom")) }
        }
        form.period #custom method="get" action=(view.base) {
            (date_fields(lang, period))
            label.tz { (lang.t("picker-timezone")) (timezone_select(lang, tenant_tz, period.tz)) }
            // The preset shown travels with the dates shown for it: if only the zone changes,
            // the preset is kept (see `period::form_target`).
            @if let Some(preset) = active { input type="hidden" name="preset" value=(preset.slug()); }
            @if options.business_hours { input type="hidden" name="business_hours" value="true"; }
            button type="submit" { (lang.t("picker-show")) }
        }
    }
}

/// How often the dashboard's script asks whether newer figures were loaded, in seconds: about
/// an `etl --watch` interval, so new figures show within two.
pub const FRESHNESS_POLL_SECONDS: u32 = 20;

/// "Updated 12 s ago" (from the oldest watermark: the source time up to which everything is
/// loaded) and the newest change seen in Chatwoot, with what the script needs to keep it current.
fn freshness_line(lang: Lang, view: &TenantView, fresh: &Freshness) -> Markup {
    let url = if view.base == "/dashboard" {
        "/api/v1/freshness".to_string()
    } else {
        format!("/api/v1/freshness?tenant={}", view.slug)
    };
    let stamp = |t: &chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let now = chrono::Utc::now();
    // The script words the age as the server does, in the page's language.
    let [ago_s, ago_min, ago_h, ago_d] = lang.ago_templates();
    html! {
        p #freshness .muted data-url=(url) data-interval=(FRESHNESS_POLL_SECONDS)
            data-lag=[fresh.lag_seconds] data-change=[fresh.last_change_at.as_ref().map(stamp)]
            data-ago-s=(ago_s) data-ago-min=(ago_min) data-ago-h=(ago_h) data-ago-d=(ago_d) {
            @if let (Some(as_of), Some(lag)) = (fresh.as_of, fresh.lag_seconds) {
                (lang.t("updated")) " " time.as-of datetime=(stamp(&as_of)) title=(stamp(&as_of)) { (lang.ago(lag)) }
                @if let Some(source) = fresh.last_change_source_at {
                    span.newest { " · " (lang.t("newest-change")) " "
                        time.newest datetime=(stamp(&source)) title=(stamp(&source)) {
                            (lang.ago((now - source).num_milliseconds() as f64 / 1000.0))
                        }
                    }
                }
            } @else {
                span.as-of { (lang.t("not-synced")) }
            }
        }
    }
}

/// Renders the dashboard of `view` for the period in `query`.
pub async fn render(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    query: &PeriodQuery,
    extra: Option<Markup>,
) -> Result<Response, WebError> {
    // The period form's submission: to the address it stands for (ISO dates, or a preset kept).
    if let Some(target) = form_target(query, user.lang)? {
        return Ok(Redirect::to(&format!("{}?{target}", view.base)).into_response());
    }
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    let (timezone, branding) = tenant_settings(&mut tx).await?;
    let now = chrono::Utc::now();
    let options = report_options_at(query, &timezone, now)?;
    let cut = report_data::cut(query, &options.period, Bucket::for_period(&options.period))?;
    let tenant_tz = period::parse_timezone(&timezone).unwrap_or(options.period.tz);
    // The same report code for the previous period of the same length, to compare with.
    let before = ReportOptions { period: previous(&options.period), ..options };
    let active = match Preset::parse(query.preset.as_deref()) {
        Ok(Some(preset)) => Some(preset),
        _ => Preset::matching(&options.period, now),
    };
    let fresh = freshness::of_tenant(&mut tx).await?;
    tx.commit().await?;
    // The reports are independent: computed (when not cached) at the same time.
    let report = |kind| state.reports.rows(&state.pool, view.id, &view.slug, &options, kind, Cut::default());
    let fine = Cut { frt: FrtScale::Fine, ..Cut::default() };
    let (mut kpis, mut kpis_before, daily, frt, heat, by_dimension) = tokio::try_join!(
        report(ReportKind::Kpis),
        state.reports.rows(&state.pool, view.id, &view.slug, &before, ReportKind::Kpis, Cut::default()),
        state.reports.rows(&state.pool, view.id, &view.slug, &options, ReportKind::Daily, cut),
        state.reports.rows(&state.pool, view.id, &view.slug, &options, ReportKind::FrtDistribution, fine),
        report(ReportKind::Heatmap),
        futures::future::try_join_all(DIMENSIONS.map(|d| report(d.kind))),
    )?;
    let kpis = kpis.pop().unwrap_or_default();
    let kpis_before = kpis_before.pop().unwrap_or_default();
    let before_cards = kpi_cards(user.lang, &kpis_before);

    let lang = user.lang;
    let points: Vec<DailyPoint> = daily
        .iter()
        .map(|row| DailyPoint {
            label: text(row, "date"),
            conversations: row.get("conversations").and_then(Value::as_f64).unwrap_or(0.0),
            resolutions: row.get("resolutions").and_then(Value::as_f64).unwrap_or(0.0),
        })
        .collect();
    let q = query_string(&options);
    let frt_bars: Vec<FrtBar> = frt
        .iter()
        .map(|row| FrtBar {
            bucket: text(row, "bucket"),
            first_responses: row.get("first_responses").and_then(Value::as_i64).unwrap_or(0),
            share: row.get("share").and_then(Value::as_f64),
        })
        .collect();
    let heat_cells: Vec<(i64, i64, i64)> = heat
        .iter()
        .map(|row| {
            let field = |name| row.get(name).and_then(Value::as_i64).unwrap_or(0);
            (field("weekday"), field("hour"), field("conversations"))
        })
        .collect();
    let series_query = format!("{q}&bucket={}", cut.bucket);
    let title =
        branding.display_name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| view.name.clone());
    let period = &options.period;
    let content = html! {
        h1 { (title) }
        @if user.is_platform_admin() {
            p.muted { (lang.t("viewing-tenant")) " " code { (view.slug) } " " (lang.t("viewing-as-admin")) " "
                a href=(format!("{}/settings", view.base)) { (lang.t("nav-integrations")) } }
        }
        (freshness_line(lang, view, &fresh))
        (period_picker(lang, view, &options, active, tenant_tz))
        p.period-summary #period-summary {
            span.range { (range_text(lang, period)) } " (" (period.tz.name()) ") · "
            span.compared { (lang.t_args("period-compared", &[("range", range_text(lang, &before.period))])) }
        }
        section.cards aria-label=(lang.t("key-figures")) {
            @for (card, card_before) in kpi_cards(lang, &kpis).into_iter().zip(before_cards) {
                div.card data-kpi=(card.id) {
                    div.label { (card.label) }
                    div.value { (card.value) }
                    @if let Some((field, better)) = card.compare {
                        (comparison(lang, field, better, &kpis, &kpis_before, card_before.value))
                    }
                }
            }
        }
        h2 #series-title { (series_title(lang, cut.bucket)) (csv_link(view, ReportKind::Daily, &series_query)) }
        div.chart #series {
            (bucket_links(lang, view, &q, period, cut.bucket))
            div.legend {
                span { span.swatch.primary {} (lang.t("legend-conversations")) }
                span { span.swatch.secondary {} (lang.t("legend-resolutions")) }
            }
            (daily_chart(lang, cut.bucket, &points))
        }
        div.tables {
            @for (dimension, rows) in DIMENSIONS.into_iter().zip(by_dimension) {
                section.dimension {
                    h2 { (lang.t(dimension.title)) (csv_link(view, dimension.kind, &q)) }
                    div.table-wrap { (dimension_table(lang, dimension, rows, &kpis)) }
                }
            }
        }
        div.grid2 {
            section.frt {
                h2 { (lang.t("frt-title")) (csv_link(view, ReportKind::FrtDistribution, &format!("{q}&fine=true"))) }
                (chart::frt_chart(lang, &frt_bars))
            }
        }
        section.heat {
            h2 { (lang.t("heatmap-title")) (csv_link(view, ReportKind::Heatmap, &q)) }
            p.muted.heatmap-note { (lang.t_args("heatmap-note", &[("tz", period.tz.name().to_string())])) }
            div.heatmap-wrap { (chart::heatmap(lang, &heat_cells)) }
        }
        h2 { (lang.t("downloads")) }
        p {
            "CSV: "
            a.csv href=(format!("{}/csv/{}?{q}", view.base, ReportKind::Kpis.slug())) { (ReportKind::Kpis.slug()) } " · "
            a.csv href=(format!("{}/csv/{}?{q}", view.base, ReportKind::Conversations.slug())) { (lang.t("csv-every-conversation")) }
        }
        @if let Some(extra) = extra { (extra) }
        script src=(assets::FRESHNESS_SCRIPT_PATH) defer {}
    };
    // The language form comes back to this period: a preset stays a preset.
    let mut back = match active.filter(|_| query.preset.is_some()) {
        Some(preset) => preset_query(preset, period.tz, options.business_hours),
        None => q.clone(),
    };
    if query.bucket.as_deref().is_some_and(|b| !b.trim().is_empty()) {
        back.push_str(&format!("&bucket={}", cut.bucket));
    }
    Ok(page_at(&title, user, Some(&branding), content, &format!("{}?{back}", view.base)))
}

/// A CSV download of one report of `view`'s tenant.
pub async fn csv(
    state: &AppState,
    lang: Lang,
    view: &TenantView,
    kind: &str,
    query: &PeriodQuery,
) -> Result<Response, WebError> {
    let kind = report_kind(kind)?;
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    let (timezone, _) = tenant_settings(&mut tx).await?;
    let options = report_options(query, &timezone)?;
    let cut = match kind {
        ReportKind::Daily | ReportKind::FrtDistribution => {
            report_data::cut(query, &options.period, Bucket::for_period(&options.period))?
        }
        _ => Cut::default(),
    };
    let filename = format!(
        "attachment; filename=\"{}-{}-{}-{}.csv\"",
        view.slug,
        kind.slug(),
        local_date(options.period.from, options.period.tz),
        local_date(options.period.to, options.period.tz)
    );
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
        (header::CONTENT_DISPOSITION, filename),
    ];
    if kind == ReportKind::Conversations {
        tx.commit().await?;
        let body = report_data::export(state.pool.clone(), view.id, options, ExportFormat::Csv, Some(lang));
        return Ok((headers, body).into_response());
    }
    tx.commit().await?;
    let rows = state.reports.rows(&state.pool, view.id, &view.slug, &options, kind, cut).await?;
    Ok((headers, report_data::to_csv_in(&rows, lang)?).into_response())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn the_change_is_relative_and_rounded() {
        assert_eq!(change_percent(112.0, 100.0), Some(12));
        assert_eq!(change_percent(97.0, 100.0), Some(-3));
        assert_eq!(change_percent(5.0, 0.0), None);
        assert_eq!(change_percent(100.4, 100.0), Some(0));
    }

    #[test]
    fn a_lower_response_time_is_better_and_says_so_in_words() {
        let now = map(json!({"avg_first_response_seconds": 90.0, "resolutions": 90, "conversations": 90}));
        let before =
            map(json!({"avg_first_response_seconds": 100.0, "resolutions": 100, "conversations": 100}));
        let frt =
            comparison(Lang::EN, "avg_first_response_seconds", Better::Lower, &now, &before, "x".into())
                .into_string();
        assert!(
            frt.contains(r#"class="change good""#) && frt.contains("▼ 10%") && frt.contains("better"),
            "{frt}"
        );
        assert!(frt.contains("down 10% against the previous period (better)"), "{frt}");
        let resolved =
            comparison(Lang::EN, "resolutions", Better::Higher, &now, &before, "100".into()).into_string();
        assert!(resolved.contains(r#"class="change bad""#) && resolved.contains("worse"), "{resolved}");
        assert!(resolved.contains("before: 100"), "{resolved}");
        let neutral = comparison(
            Lang(crate::admin::Locale::PtBr),
            "conversations",
            Better::Neutral,
            &now,
            &before,
            "x".into(),
        )
        .into_string();
        assert!(neutral.contains(r#"class="change neutral""#) && !neutral.contains("pior"), "{neutral}");
        assert!(neutral.contains("caiu 10% em relação ao período anterior<"), "{neutral}");
        let nothing = comparison(
            Lang::EN,
            "resolutions",
            Better::Higher,
            &now,
            &map(json!({"resolutions": 0})),
            "0".into(),
        )
        .into_string();
        assert!(
            nothing.contains("nothing to compare with") && !nothing.contains("data-change="),
            "{nothing}"
        );
    }
}
