//! One tenant's dashboard: KPI cards, the daily chart, tables by inbox, agent and label, the FRT
//! distribution, CSV downloads and the period picker. Rendered for a client (its own tenant, at
//! `/dashboard`) and for a platform admin's drill-down (`/admin/tenants/{slug}`) by the same code;
//! the caller decides which tenant, and everything here reads through that tenant's `TenantTx`.
//! The "Updated … ago" line is rendered here; `static/freshness.js` keeps it current and reloads
//! the page when newer figures were loaded (without script the server-rendered text stays).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde_json::{Map, Value};

use super::{Branding, page_at};
use crate::db::{self, TenantId, TenantTx};
use crate::freshness::{self, Freshness};
use crate::reports::{ReportKind, ReportOptions};
use crate::web::auth::CurrentUser;
use crate::web::chart::{DailyPoint, daily_chart};
use crate::web::i18n::Lang;
use crate::web::period::{PeriodQuery, local_date, query_string};
use crate::web::report_data::{self, ExportFormat, report_kind, report_options};
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

/// The KPI cards: (id, label, value).
fn kpi_cards(lang: Lang, kpis: &Map<String, Value>) -> Vec<(&'static str, String, String)> {
    let cards: [(&str, &str, String); 13] = [
        ("conversations", "kpi-conversations", int(lang, kpis, "conversations")),
        ("resolutions", "kpi-resolutions", int(lang, kpis, "resolutions")),
        ("avg_first_response", "kpi-avg-first-response", duration(lang, kpis, "avg_first_response_seconds")),
        (
            "median_first_response",
            "kpi-median-first-response",
            duration(lang, kpis, "median_first_response_seconds"),
        ),
        ("avg_resolution", "kpi-avg-resolution", duration(lang, kpis, "avg_resolution_seconds")),
        ("csat_average", "kpi-csat-average", decimal(lang, kpis, "csat_average")),
        ("csat_satisfaction", "kpi-csat-satisfaction", percent(lang, kpis, "csat_satisfaction")),
        ("leads", "kpi-leads", int(lang, kpis, "leads")),
        ("conversions", "kpi-conversions", int(lang, kpis, "conversions")),
        ("conversion_rate", "kpi-conversion-rate", percent(lang, kpis, "conversion_rate")),
        ("open", "kpi-open", int(lang, kpis, "open")),
        ("unattended", "kpi-unattended", int(lang, kpis, "unattended")),
        ("unassigned", "kpi-unassigned", int(lang, kpis, "unassigned")),
    ];
    cards.into_iter().map(|(id, key, value)| (id, lang.t(key), value)).collect()
}

fn csv_link(view: &TenantView, kind: ReportKind, query: &str) -> Markup {
    html! { a.csv href=(format!("{}/csv/{}?{query}", view.base, kind.slug())) { "CSV" } }
}

/// A metrics table by dimension (inbox, agent, label); `empty` is the key of its empty line.
fn dimension_table(lang: Lang, empty: &str, first: &str, rows: &[Map<String, Value>]) -> Markup {
    let [c_first, c_conv, c_res, c_frt, c_resol, c_csat] = [
        first,
        "col-conversations",
        "col-resolutions",
        "col-avg-first-response",
        "col-avg-resolution",
        "col-csat",
    ]
    .map(|k| lang.t(k));
    html! {
        table.stack {
            thead { tr {
                th { (lang.t(first)) } th.num { (lang.t("col-conversations")) } th.num { (lang.t("col-resolutions")) }
                th.num { (lang.t("col-avg-first-response")) } th.num { (lang.t("col-avg-resolution")) } th.num { (lang.t("col-csat")) }
            } }
            tbody {
                @for row in rows {
                    tr {
                        td data-label=(c_first) { (row_label(lang, row)) }
                        td.num data-label=(c_conv) { (int(lang, row, "conversations")) }
                        td.num data-label=(c_res) { (int(lang, row, "resolutions")) }
                        td.num data-label=(c_frt) { (duration(lang, row, "avg_first_response_seconds")) }
                        td.num data-label=(c_resol) { (duration(lang, row, "avg_resolution_seconds")) }
                        td.num data-label=(c_csat) { (decimal(lang, row, "csat_average")) }
                    }
                }
                @if rows.is_empty() { tr { td colspan="6" .muted { (lang.t(empty)) } } }
            }
        }
    }
}

/// A dimension row's display label: its name, else its key, else "(none)".
fn row_label(lang: Lang, row: &Map<String, Value>) -> String {
    let name = text(row, "name");
    if !name.is_empty() {
        return name;
    }
    for key in ["label", "inbox_id", "agent_id", "team_id", "channel_type"] {
        let value = text(row, key);
        if !value.is_empty() {
            return value;
        }
    }
    lang.t("none")
}

fn period_picker(lang: Lang, view: &TenantView, options: &ReportOptions) -> Markup {
    let period = &options.period;
    html! {
        form.period method="get" action=(view.base) {
            label { (lang.t("picker-from")) input type="date" name="from" value=(local_date(period.from, period.tz)); }
            label { (lang.t("picker-to")) input type="date" name="to" value=(local_date(period.to, period.tz)); }
            label { (lang.t("picker-timezone")) input type="text" name="tz" value=(period.tz.name()) size="22"; }
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
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    let (timezone, branding) = tenant_settings(&mut tx).await?;
    let options = report_options(query, &timezone)?;
    let fresh = freshness::of_tenant(&mut tx).await?;
    tx.commit().await?;
    // The six reports are independent: computed (when not cached) at the same time.
    let report = |kind| state.reports.rows(&state.pool, view.id, &view.slug, &options, kind);
    let (mut kpis, daily, inboxes, agents, labels, frt) = tokio::try_join!(
        report(ReportKind::Kpis),
        report(ReportKind::Daily),
        report(ReportKind::Inboxes),
        report(ReportKind::Agents),
        report(ReportKind::Labels),
        report(ReportKind::FrtDistribution),
    )?;
    let kpis = kpis.pop().unwrap_or_default();

    let lang = user.lang;
    let points: Vec<DailyPoint> = daily
        .iter()
        .map(|row| DailyPoint {
            label: text(row, "date").chars().take(10).collect(),
            conversations: row.get("conversations").and_then(Value::as_f64).unwrap_or(0.0),
            resolutions: row.get("resolutions").and_then(Value::as_f64).unwrap_or(0.0),
        })
        .collect();
    let q = query_string(&options);
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
        (period_picker(lang, view, &options))
        section.cards aria-label=(lang.t("key-figures")) {
            @for (id, label, value) in kpi_cards(lang, &kpis) {
                div.card data-kpi=(id) {
                    div.label { (label) }
                    div.value { (value) }
                }
            }
        }
        h2 { (lang.t("chart-daily")) (csv_link(view, ReportKind::Daily, &q)) }
        div.chart {
            div.legend {
                span { span.swatch.primary {} (lang.t("legend-conversations")) }
                span { span.swatch.secondary {} (lang.t("legend-resolutions")) }
            }
            (daily_chart(lang, &points))
        }
        div.grid2 {
            section {
                h2 { (lang.t("by-inbox")) (csv_link(view, ReportKind::Inboxes, &q)) }
                (dimension_table(lang, "empty-inboxes", "col-inbox", &inboxes))
            }
            section {
                h2 { (lang.t("by-agent")) (csv_link(view, ReportKind::Agents, &q)) }
                (dimension_table(lang, "empty-agents", "col-agent", &agents))
            }
            section {
                h2 { (lang.t("by-label")) (csv_link(view, ReportKind::Labels, &q)) }
                (dimension_table(lang, "empty-labels", "col-label", &labels))
            }
            section {
                h2 { (lang.t("frt-title")) (csv_link(view, ReportKind::FrtDistribution, &q)) }
                table {
                    thead { tr { th { (lang.t("frt-within")) } th.num { (lang.t("frt-first-responses")) } th.num { (lang.t("frt-share")) } } }
                    tbody {
                        @for row in &frt {
                            tr { td { (text(row, "bucket")) } td.num { (int(lang, row, "first_responses")) } td.num { (percent(lang, row, "share")) } }
                        }
                    }
                }
            }
        }
        h2 { (lang.t("downloads")) }
        p {
            "CSV: "
            @for kind in [ReportKind::Kpis, ReportKind::Teams, ReportKind::Channels] {
                a.csv href=(format!("{}/csv/{}?{q}", view.base, kind.slug())) { (kind.slug()) } " · "
            }
            a.csv href=(format!("{}/csv/{}?{q}", view.base, ReportKind::Conversations.slug())) { (lang.t("csv-every-conversation")) }
        }
        p.muted { (lang.t_args("period-line", &[
            ("from", lang.datetime(&period.from.with_timezone(&period.tz))),
            ("to", lang.datetime(&period.to.with_timezone(&period.tz))),
            ("tz", period.tz.name().to_string()),
        ])) }
        @if let Some(extra) = extra { (extra) }
        script src=(assets::FRESHNESS_SCRIPT_PATH) defer {}
    };
    Ok(page_at(&title, user, Some(&branding), content, &format!("{}?{q}", view.base)))
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
    let rows = state.reports.rows(&state.pool, view.id, &view.slug, &options, kind).await?;
    Ok((headers, report_data::to_csv_in(&rows, lang)?).into_response())
}
