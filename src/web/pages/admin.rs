//! The admin view, for platform admins only (everyone else gets 403 on every route here): the
//! overview of all tenants with ETL status and lag, the drill-down into any tenant's dashboard,
//! the audit log, and creating, suspending and activating tenants and adding users. Every change
//! is audited with the web user as actor (`web:<email>`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::dashboard::{self, TenantView};
use super::{FormError, csrf_field, page};
use crate::admin::{Plan, TenantStatus, UserRole};
use crate::audit::{self, AuditQuery};
use crate::db;
use crate::enums::Word;
use crate::output::human_duration;
use crate::reports::{self, Period, period};
use crate::web::auth::{CurrentUser, PlatformAdmin};
use crate::web::period::{PeriodQuery, local_date};
use crate::web::sessions::TenantRef;
use crate::web::{AppState, WebError};

/// The admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(overview))
        .route("/admin/audit", get(audit_log))
        .route("/admin/tenants/new", get(new_tenant_form).post(create_tenant))
        .route("/admin/tenants/{slug}", get(drill_down))
        .route("/admin/tenants/{slug}/csv/{kind}", get(drill_down_csv))
        .route("/admin/tenants/{slug}/suspend", post(suspend_tenant))
        .route("/admin/tenants/{slug}/activate", post(activate_tenant))
        .route("/admin/tenants/{slug}/users", post(add_user))
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

fn opt_duration(seconds: Option<f64>) -> String {
    seconds.map(human_duration).unwrap_or_else(|| "—".into())
}

async fn overview(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let tz = period::parse_timezone(query.tz.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("UTC"))
        .map_err(WebError::from)?;
    let bound =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let period = Period::resolve(bound(&query.from).as_deref(), bound(&query.to).as_deref(), tz, Utc::now())
        .map_err(WebError::from)?;
    let mut tx = db::platform_tx(&state.pool).await?;
    let rows = reports::overview::overview(&mut tx, &period).await?;
    tx.commit().await?;
    let content = html! {
        h1 { "All tenants" }
        form.period method="get" action="/admin" {
            label { "From" input type="date" name="from" value=(local_date(period.from, period.tz)); }
            label { "To (exclusive)" input type="date" name="to" value=(local_date(period.to, period.tz)); }
            label { "Timezone" input type="text" name="tz" value=(period.tz.name()) size="22"; }
            button type="submit" { "Show" }
        }
        table #overview {
            thead { tr {
                th { "Tenant" } th { "Status" } th.num { "Conversations" } th.num { "Leads" }
                th.num { "Conversions" } th.num { "Conv. rate" } th.num { "Avg FRT" } th.num { "Resolutions" }
                th.num { "CSAT" } th { "Last ETL" } th.num { "ETL lag" } th {}
            } }
            tbody {
                @for row in &rows {
                    @let total = row.tenant == "TOTAL";
                    tr.total[total] data-tenant=(row.tenant) {
                        td { @if total { "All tenants" } @else { a href=(format!("/admin/tenants/{}", row.tenant)) { (row.name) } br; code.muted { (row.tenant) } } }
                        td { span class=(format!("status-{}", row.status)) { (row.status) } }
                        td.num { (row.conversations) }
                        td.num { (row.leads) }
                        td.num { (row.conversions) }
                        td.num { (row.conversion_rate.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())) }
                        td.num { (opt_duration(row.avg_first_response_seconds)) }
                        td.num { (row.resolutions) }
                        td.num { (row.csat_average.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())) }
                        td { @if let Some(status) = &row.last_etl_status {
                                span class=(format!("status-{status}")) { (status) }
                                @if let Some(at) = row.last_etl_finished_at { br; span.muted { (at.format("%Y-%m-%d %H:%M")) } }
                            } @else if !total { span.muted { "never" } } }
                        td.num { (opt_duration(row.etl_lag_seconds)) }
                        td { @if !total { (status_button(&user.csrf, &row.tenant, row.status.parse().ok())) } }
                    }
                }
            }
        }
        p.muted { "Period: " (period.from_local()) " to " (period.to_local()) ". ETL lag: how far behind the source each copy is (now minus its oldest watermark)." }
    };
    Ok(page("Overview", &user, None, content))
}

/// Suspend or activate, as a POST form.
fn status_button(csrf: &str, slug: &str, status: Option<TenantStatus>) -> Markup {
    let (verb, label, class) = if status == Some(TenantStatus::Active) {
        ("suspend", "Suspend", "danger")
    } else {
        ("activate", "Activate", "secondary")
    };
    html! {
        form.inline method="post" action=(format!("/admin/tenants/{slug}/{verb}")) {
            input type="hidden" name="_csrf" value=(csrf);
            button class=(class) type="submit" { (label) }
        }
    }
}

async fn drill_down(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let add_user = add_user_form(&user, &view, &NewUserForm::default(), None);
    dashboard::render(&state, &user, &view, &query, Some(add_user)).await
}

/// The add-user form of a tenant's page, with what was entered (never the password) and the
/// error it was refused with.
fn add_user_form(
    user: &CurrentUser,
    view: &TenantView,
    values: &NewUserForm,
    error: Option<&FormError>,
) -> Markup {
    let role = values.role.parse::<UserRole>().unwrap_or_default();
    html! {
        h2 #add-user { "Add a user to " (view.name) }
        form.stacked method="post" action=(format!("/admin/tenants/{}/users", view.slug)) autocomplete="off" {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            label { "Email" input type="email" name="email" value=(values.email) required; }
            label { "Name" input type="text" name="name" value=(values.name) required; }
            label { "Role" select name="role" {
                @for choice in UserRole::ALL { option selected[*choice == role] { (choice) } }
            } }
            label { "Initial password (12+ characters)" input type="password" name="password" required minlength="12" autocomplete="new-password"; }
            button type="submit" { "Add user" }
        }
    }
}

async fn drill_down_csv(
    State(state): State<AppState>,
    PlatformAdmin(_): PlatformAdmin,
    Path((slug, kind)): Path<(String, String)>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    dashboard::csv(&state, &view, &kind, &query).await
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
    let json = |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
    let content = html! {
        h1 { "Audit log" @if let Some(t) = &tenant { " · " (t.name) } }
        form.period method="get" action="/admin/audit" {
            label { "Tenant (slug)" input type="text" name="tenant" value=(filter.tenant.as_deref().unwrap_or("")); }
            button type="submit" { "Filter" }
        }
        table #audit {
            thead { tr { th { "When (UTC)" } th { "Who" } th { "Tenant" } th { "Action" } th { "Entity" } th { "Before" } th { "After" } } }
            tbody {
                @for e in &entries {
                    tr {
                        td { (e.at.format("%Y-%m-%d %H:%M:%S")) }
                        td { (e.actor) }
                        td { (e.tenant.as_deref().unwrap_or("")) }
                        td { code { (e.action) } }
                        td { (e.entity) }
                        td { code { (json(&e.before)) } }
                        td { code { (json(&e.after)) } }
                    }
                }
                @if entries.is_empty() { tr { td colspan="7" .muted { "Nothing recorded yet." } } }
            }
        }
    };
    Ok(page("Audit log", &user, None, content))
}

async fn new_tenant_form(PlatformAdmin(user): PlatformAdmin) -> Response {
    new_tenant_page(&user, &NewTenantForm::default(), None)
}

/// The new-tenant page, with what was entered and the error it was refused with.
fn new_tenant_page(user: &CurrentUser, values: &NewTenantForm, error: Option<&FormError>) -> Response {
    let plan = values.plan.as_deref().and_then(|p| p.parse::<Plan>().ok()).unwrap_or_default();
    let content = html! {
        h1 { "New tenant" }
        form.stacked method="post" action="/admin/tenants/new" {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            label { "Name" input type="text" name="name" value=(values.name) required; }
            label { "Slug (a-z, 0-9, -)" input type="text" name="slug" value=(values.slug) required pattern="[a-z0-9][a-z0-9\\-]{1,62}"; }
            label { "Plan" select name="plan" {
                @for choice in Plan::ALL { option selected[*choice == plan] { (choice) } }
            } }
            label { "Timezone" input type="text" name="timezone" value=(values.timezone.as_deref().unwrap_or("UTC")) required; }
            button type="submit" { "Create tenant" }
        }
    };
    page("New tenant", user, None, content)
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
            let error = FormError::from_web(err)?;
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

/// The add-user form.
#[derive(Default, Deserialize)]
pub struct NewUserForm {
    email: String,
    name: String,
    role: String,
    password: String,
}

/// A password must not show up in a log line by accident.
impl std::fmt::Debug for NewUserForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserForm")
            .field("email", &self.email)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("password", &"<redacted>")
            .finish()
    }
}

async fn add_user(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(mut form): Form<NewUserForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let password = std::mem::take(&mut form.password);
    let result = super::admin_actions::add_user(
        &state.pool,
        &user.actor(),
        &slug,
        form.email.trim(),
        form.name.trim(),
        &form.role,
        password,
    )
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/tenants/{slug}")).into_response()),
        Err(err) => {
            let error = FormError::from_web(err)?;
            let add_user = add_user_form(&user, &view, &form, Some(&error));
            let response =
                dashboard::render(&state, &user, &view, &PeriodQuery::default(), Some(add_user)).await?;
            Ok(error.respond(response))
        }
    }
}
