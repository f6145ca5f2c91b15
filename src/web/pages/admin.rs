//! The admin view, for platform admins only (everyone else gets 403 on every route here): the
//! overview of all tenants (charts per client, ETL status and lag), the audit log, and creating,
//! suspending and activating tenants. A tenant's own page and its users are
//! [`super::tenant_admin`]'s. Every change is audited with the web user as actor (`web:<email>`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{Markup, html};
use serde::Deserialize;

use super::dashboard::{self, TenantView};
use super::{FormError, csrf_field, field_state, page};
use crate::admin::{Plan, TenantStatus};
use crate::audit::{self, AuditQuery};
use crate::db;
use crate::enums::Word;
use crate::reports;
use crate::web::auth::{CurrentUser, PlatformAdmin};
use crate::web::i18n::Lang;
use crate::web::period::{PeriodQuery, form_target, timezone_choices};
use crate::web::report_data::report_options;
use crate::web::sessions::TenantRef;
use crate::web::{AppState, WebError};

/// The admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(overview))
        .route("/admin/audit", get(audit_log))
        .route("/admin/tenants/new", get(new_tenant_form).post(create_tenant))
        .route("/admin/tenants/{slug}/csv/{kind}", get(drill_down_csv))
        .route("/admin/tenants/{slug}/suspend", post(suspend_tenant))
        .route("/admin/tenants/{slug}/activate", post(activate_tenant))
        .merge(super::tenant_admin::router())
}

/// The tenant an admin URL names; an unknown slug is a 404.
pub async fn admin_tenant_view(state: &AppState, slug: &str) -> Result<TenantView, WebError> {
    let mut tx = db::platform_tx(&state.pool).await?;
    let tenant = TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?;
    tx.commit().await?;
    Ok(TenantView {
        id: tenant.id,
        base: format!("/admin/tenants/{}", tenant.slug),
        slug: tenant.slug,
        name: tenant.name,
    })
}

fn opt_duration(lang: Lang, seconds: Option<f64>) -> String {
    seconds.map(|s| lang.duration(s)).unwrap_or_else(|| "—".into())
}

/// A status word (tenant or ETL run) in the reader's language; unknown words stay as they are.
fn status_word(lang: Lang, status: &str) -> String {
    let key = format!("status-{status}");
    let word = lang.t(&key);
    if word == key { status.to_string() } else { word }
}

async fn overview(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let lang = user.lang;
    // The period form's submission: to the address it stands for, with ISO dates.
    if let Some(target) = form_target(&query, lang)? {
        return Ok(Redirect::to(&format!("/admin?{target}")).into_response());
    }
    let period = report_options(&query, "UTC")?.period;
    let h = [
        "col-tenant",
        "col-status",
        "col-conversations",
        "col-leads",
        "col-conversions",
        "col-conv-rate",
        "col-avg-frt",
        "col-resolutions",
        "col-csat",
        "col-last-etl",
        "col-etl-lag",
        "col-actions",
    ]
    .map(|k| lang.t(k));
    let mut tx = db::platform_tx(&state.pool).await?;
    let rows = reports::overview::overview(&mut tx, &period).await?;
    tx.commit().await?;
    let content = html! {
        h1 { (lang.t("overview-title")) }
        form.period method="get" action="/admin" {
            (dashboard::date_fields(lang, &period))
            label.tz { (lang.t("picker-timezone")) (dashboard::timezone_select(lang, chrono_tz::Tz::UTC, period.tz)) }
            button type="submit" { (lang.t("picker-show")) }
        }
        div.bars {
            (bar_chart(lang, "conversations", &lang.t("chart-conversations-per-client"), &rows,
                |r| Some(r.conversations as f64), |v| lang.int(v as i64)))
            (bar_chart(lang, "conversion_rate", &lang.t("chart-conversion-rate-per-client"), &rows,
                |r| r.conversion_rate, |v| lang.percent(v)))
        }
        table #overview .stack {
            thead { tr {
                th { (lang.t("col-tenant")) } th { (lang.t("col-status")) } th.num { (lang.t("col-conversations")) } th.num { (lang.t("col-leads")) }
                th.num { (lang.t("col-conversions")) } th.num { (lang.t("col-conv-rate")) } th.num { (lang.t("col-avg-frt")) } th.num { (lang.t("col-resolutions")) }
                th.num { (lang.t("col-csat")) } th { (lang.t("col-last-etl")) } th.num { (lang.t("col-etl-lag")) } th { span.visually-hidden { (lang.t("col-actions")) } }
            } }
            tbody {
                @for row in &rows {
                    @let total = row.tenant == "TOTAL";
                    tr.total[total] data-tenant=(row.tenant) {
                        td data-label=(h[0]) { @if total { (lang.t("all-tenants")) } @else { a href=(format!("/admin/tenants/{}", row.tenant)) { (row.name) } br; code.muted { (row.tenant) } } }
                        td data-label=(h[1]) { span class=(format!("status-{}", row.status)) { (status_word(lang, &row.status)) } }
                        td.num data-label=(h[2]) { (lang.int(row.conversations)) }
                        td.num data-label=(h[3]) { (lang.int(row.leads)) }
                        td.num data-label=(h[4]) { (lang.int(row.conversions)) }
                        td.num data-label=(h[5]) { (row.conversion_rate.map(|v| lang.percent(v)).unwrap_or_else(|| "—".into())) }
                        td.num data-label=(h[6]) { (opt_duration(lang, row.avg_first_response_seconds)) }
                        td.num data-label=(h[7]) { (lang.int(row.resolutions)) }
                        td.num data-label=(h[8]) { (row.csat_average.map(|v| lang.decimal(v, 2)).unwrap_or_else(|| "—".into())) }
                        td data-label=(h[9]) { @if let Some(status) = &row.last_etl_status {
                                span class=(format!("status-{status}")) { (status_word(lang, status)) }
                                @if let Some(at) = row.last_etl_finished_at { br; span.muted { (lang.datetime(&at)) } }
                            } @else if !total { span.muted { (lang.t("never")) } } }
                        td.num data-label=(h[10]) { (opt_duration(lang, row.etl_lag_seconds)) }
                        td data-label=(h[11]) { @if !total { (status_button(&user, &row.tenant, row.status.parse().ok())) } }
                    }
                }
            }
        }
        p.muted { (lang.t_args("overview-footnote", &[
            ("from", lang.datetime(&period.from.with_timezone(&period.tz))),
            ("to", lang.datetime(&period.to.with_timezone(&period.tz))),
        ])) }
    };
    Ok(page(&lang.t("nav-overview"), &user, None, content))
}

/// A bar chart of one figure per client (not the totals row), largest first: each client's name
/// and value are text, its slug in `data-client` and the raw value in `data-value` (the CLI's
/// JSON value; empty when the figure has none); the bar is an SVG rectangle scaled to the
/// largest value.
fn bar_chart(
    lang: Lang,
    field: &str,
    title: &str,
    rows: &[reports::overview::OverviewRow],
    value: impl Fn(&reports::overview::OverviewRow) -> Option<f64>,
    shown: impl Fn(f64) -> String,
) -> Markup {
    let mut bars: Vec<(&reports::overview::OverviewRow, Option<f64>)> =
        rows.iter().filter(|r| r.tenant != "TOTAL").map(|r| (r, value(r))).collect();
    bars.sort_by(|a, b| b.1.unwrap_or(-1.0).total_cmp(&a.1.unwrap_or(-1.0)).then(a.0.name.cmp(&b.0.name)));
    let max = bars.iter().filter_map(|b| b.1).fold(0.0, f64::max);
    html! {
        figure.bar-chart data-field=(field) {
            figcaption { (title) }
            ol {
                @for (row, v) in &bars {
                    li data-client=(row.tenant) data-value=(v.map(|v| v.to_string()).unwrap_or_default()) {
                        span.name title=(row.name) { (row.name) }
                        svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                            rect.bar x="0" y="0" height="10" width=(format!("{:.2}", if max > 0.0 { v.unwrap_or(0.0) / max * 100.0 } else { 0.0 })) {}
                        }
                        span.value { (v.map(&shown).unwrap_or_else(|| "—".into())) }
                    }
                }
                @if bars.is_empty() { li.muted { (lang.t("chart-no-clients")) } }
            }
        }
    }
}

/// Suspend (which asks for confirmation) or activate, as a POST form.
fn status_button(user: &CurrentUser, slug: &str, status: Option<TenantStatus>) -> Markup {
    let lang = user.lang;
    let suspend = status == Some(TenantStatus::Active);
    let (verb, label, class) =
        if suspend { ("suspend", "suspend", "danger") } else { ("activate", "activate", "secondary") };
    html! {
        form.inline method="post" action=(format!("/admin/tenants/{slug}/{verb}"))
            data-confirm=[suspend.then(|| lang.t("suspend-confirm"))] {
            (csrf_field(user))
            button class=(class) type="submit" { (lang.t(label)) }
        }
    }
}

async fn drill_down_csv(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path((slug, kind)): Path<(String, String)>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    dashboard::csv(&state, user.lang, &view, &kind, &query).await
}

/// The audit log filter.
#[derive(Debug, Deserialize)]
pub struct AuditFilter {
    tenant: Option<String>,
    limit: Option<i64>,
}

async fn audit_log(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, WebError> {
    let mut tx = db::platform_tx(&state.pool).await?;
    let tenant = match filter.tenant.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) => Some(TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?),
        None => None,
    };
    let query = AuditQuery {
        tenant: tenant.as_ref().map(|t| t.id),
        since: None,
        limit: filter.limit.unwrap_or(200).clamp(1, 1000),
    };
    let entries = audit::list(&mut tx, &query).await?;
    tx.commit().await?;
    let lang = user.lang;
    let h = ["col-when", "col-who", "col-tenant", "col-action", "col-entity", "col-before", "col-after"]
        .map(|k| lang.t(k));
    let content = html! {
        h1 { (lang.t("audit-title")) @if let Some(t) = &tenant { " · " (t.name) } }
        form.period method="get" action="/admin/audit" {
            label { (lang.t("audit-tenant-filter")) input type="text" name="tenant" value=(filter.tenant.as_deref().unwrap_or("")); }
            button type="submit" { (lang.t("audit-filter")) }
        }
        table #audit .stack {
            thead { tr { th { (lang.t("col-when")) } th { (lang.t("col-who")) } th { (lang.t("col-tenant")) } th { (lang.t("col-action")) } th { (lang.t("col-entity")) } th { (lang.t("col-before")) } th { (lang.t("col-after")) } } }
            tbody {
                @for e in &entries {
                    tr {
                        td data-label=(h[0]) { (lang.datetime(&e.at)) }
                        td data-label=(h[1]) { span.who { (e.actor) } }
                        td data-label=(h[2]) { (e.tenant.as_deref().unwrap_or("")) }
                        td data-label=(h[3]) { code { (e.action) } }
                        td data-label=(h[4]) { span { (e.entity) } }
                        td.json data-label=(h[5]) { (json_cell(lang, e.before.as_ref(), e.after.as_ref())) }
                        td.json data-label=(h[6]) { (json_cell(lang, e.after.as_ref(), e.before.as_ref())) }
                    }
                }
                @if entries.is_empty() { tr { td colspan="7" .muted { (lang.t("audit-empty")) } } }
            }
        }
    };
    Ok(page(&lang.t("audit-title"), &user, None, content))
}

/// The longest value an audit cell shows whole; a longer one is cut, whole in its title and in
/// the cell's "full value" disclosure.
const AUDIT_VALUE_CHARS: usize = 60;

/// One value of an audit entry as text: a string without its quotes, anything else as JSON.
fn audit_value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One field of an audit cell: its key (none for a value that is not an object), its whole
/// text, what is shown of it, whether that was cut, and whether the other side differs.
struct AuditField<'a> {
    key: Option<&'a str>,
    full: String,
    shown: String,
    cut: bool,
    changed: bool,
}

/// `text`, cut to [`AUDIT_VALUE_CHARS`] characters with an ellipsis; whether it was cut.
fn clipped(text: &str) -> (String, bool) {
    if text.chars().count() <= AUDIT_VALUE_CHARS {
        (text.to_string(), false)
    } else {
        (text.chars().take(AUDIT_VALUE_CHARS).collect::<String>() + "…", true)
    }
}

/// A before/after cell of the audit log, readable: an object as one `key: value` line per field,
/// anything else as its JSON; long values cut, whole in their title and, pretty-printed, in a
/// disclosure under the cell. A field whose value differs on the `other` side (before against
/// after) is marked as changed.
fn json_cell(lang: Lang, value: Option<&serde_json::Value>, other: Option<&serde_json::Value>) -> Markup {
    let Some(value) = value else { return html! {} };
    let (fields, cut) = match value {
        serde_json::Value::Object(map) => {
            let fields: Vec<AuditField> = map
                .iter()
                .map(|(k, v)| {
                    let full = audit_value_text(v);
                    let (shown, cut) = clipped(&full);
                    let changed = other.and_then(|o| o.as_object()).is_some_and(|o| o.get(k) != Some(v));
                    AuditField { key: Some(k), full, shown, cut, changed }
                })
                .collect();
            let cut = fields.iter().any(|f| f.cut);
            (fields, cut)
        }
        other => {
            let full = audit_value_text(other);
            let (shown, cut) = clipped(&full);
            (vec![AuditField { key: None, full, shown, cut, changed: false }], cut)
        }
    };
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    html! {
        dl.kv {
            @for field in &fields {
                div.changed[field.changed] {
                    @if let Some(key) = field.key { dt { (key) } }
                    dd { @if field.cut { span.clip title=(field.full) { (field.shown) } } @else { (field.shown) } }
                }
            }
        }
        @if cut {
            details.full { summary { (lang.t("audit-full-value")) } pre { (pretty) } }
        }
    }
}

async fn new_tenant_form(PlatformAdmin(user): PlatformAdmin) -> Response {
    new_tenant_page(&user, &NewTenantForm::default(), None)
}

/// The new-tenant page, with what was entered and the error it was refused with.
fn new_tenant_page(user: &CurrentUser, values: &NewTenantForm, error: Option<&FormError>) -> Response {
    let plan = values.plan.as_deref().and_then(|p| p.parse::<Plan>().ok()).unwrap_or_default();
    let tz = values
        .timezone
        .as_deref()
        .and_then(|t| crate::reports::period::parse_timezone(t.trim()).ok())
        .unwrap_or(chrono_tz::Tz::UTC);
    let lang = user.lang;
    let field = |name| field_state(error, "new-tenant", name);
    let (name_error, name_invalid, name_described) = field("name");
    let (slug_error, slug_invalid, slug_described) = field("slug");
    let (plan_error, plan_invalid, plan_described) = field("plan");
    let (tz_error, tz_invalid, tz_described) = field("timezone");
    let content = html! {
        h1 { (lang.t("new-tenant-title")) }
        form.stacked method="post" action="/admin/tenants/new" {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            label { (lang.t("tenant-name"))
                input type="text" name="name" value=(values.name) required aria-invalid=[name_invalid] aria-describedby=[name_described];
                (name_error)
            }
            label { (lang.t("tenant-slug"))
                input type="text" name="slug" value=(values.slug) required pattern="[a-z0-9][a-z0-9\\-]{1,62}" aria-invalid=[slug_invalid] aria-describedby=[slug_described];
                (slug_error)
            }
            label { (lang.t("tenant-plan"))
                select name="plan" aria-invalid=[plan_invalid] aria-describedby=[plan_described] {
                    @for choice in Plan::ALL { option selected[*choice == plan] { (choice) } }
                }
                (plan_error)
            }
            // A list, never free text: an unknown zone cannot be chosen.
            label { (lang.t("tenant-timezone"))
                select name="timezone" aria-invalid=[tz_invalid] aria-describedby=[tz_described] {
                    @for choice in timezone_choices(chrono_tz::Tz::UTC) {
                        option value=(choice.name()) selected[choice == tz] { (choice.name()) }
                    }
                }
                (tz_error)
            }
            button type="submit" { (lang.t("create-tenant")) }
        }
    };
    page(&lang.t("new-tenant-title"), user, None, content)
}

/// The field of the new-tenant form a refusal is about, found by the same checks the domain
/// makes (`crate::admin::validate`, the plan's words), in its order; a conflict is the slug's.
fn new_tenant_field(form: &NewTenantForm, err: &WebError) -> Option<&'static str> {
    use crate::admin::validate;
    match err {
        WebError::Domain(d) if d.kind == crate::error::ErrorKind::Conflict => Some("slug"),
        WebError::Domain(d) if d.kind == crate::error::ErrorKind::Invalid => {
            if validate::slug(form.slug.trim()).is_err() {
                Some("slug")
            } else if validate::name(form.name.trim()).is_err() {
                Some("name")
            } else if form.plan.as_deref().unwrap_or("basic").parse::<Plan>().is_err() {
                Some("plan")
            } else if validate::timezone(form.timezone.as_deref().unwrap_or("UTC").trim()).is_err() {
                Some("timezone")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The new-tenant form.
#[derive(Debug, Default, Deserialize)]
pub struct NewTenantForm {
    name: String,
    slug: String,
    plan: Option<String>,
    timezone: Option<String>,
}

async fn create_tenant(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Form(form): Form<NewTenantForm>,
) -> Result<Response, WebError> {
    let result = super::admin_actions::create_tenant(
        &state.pool,
        &user.actor(),
        form.slug.trim(),
        form.name.trim(),
        form.plan.as_deref().unwrap_or("basic"),
        form.timezone.as_deref().unwrap_or("UTC").trim(),
    )
    .await;
    match result {
        Ok(slug) => Ok(Redirect::to(&format!("/admin/tenants/{slug}")).into_response()),
        Err(err) => {
            let field = new_tenant_field(&form, &err);
            let error = FormError::from_web(err)?.on(field);
            Ok(error.respond(new_tenant_page(&user, &form, Some(&error))))
        }
    }
}

async fn suspend_tenant(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    super::admin_actions::set_tenant_status(&state.pool, &user.actor(), &slug, false).await?;
    Ok(Redirect::to("/admin").into_response())
}

async fn activate_tenant(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    super::admin_actions::set_tenant_status(&state.pool, &user.actor(), &slug, true).await?;
    Ok(Redirect::to("/admin").into_response())
}
