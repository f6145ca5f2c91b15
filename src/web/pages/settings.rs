//! The integrations page: a tenant's own encrypted secrets (WhatsApp / Evolution API keys, Google
//! OAuth client, n8n webhook, ...). Values are write-only: the browser gets names, dates and a
//! masked hint of the last four characters, never a stored value. Every change is audited (by
//! `crate::secrets`). The `source_url` secret points the ETL at a database, so only platform
//! admins may set or delete it.
//!
//! Clients reach their own tenant at `/settings` (tenant `admin` role only); platform admins reach
//! any tenant at `/admin/tenants/{slug}/settings`.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::html;
use serde::Deserialize;

use super::admin::admin_tenant_view;
use super::dashboard::{TenantView, tenant_settings};
use super::{FormError, csrf_field, field_state, page};
use crate::db;
use crate::secrets::{self, SOURCE_URL_SECRET};
use crate::web::auth::{CurrentUser, PlatformAdmin};
use crate::web::i18n::Msg;
use crate::web::sessions::Role;
use crate::web::{AppState, WebError};

/// Names offered in the form (any valid name may be typed).
const SUGGESTED: [&str; 7] = [
    "evolution_api_key",
    "whatsapp_api_key",
    "google_client_id",
    "google_client_secret",
    "google_meet_client_secret",
    "n8n_webhook_url",
    "n8n_api_key",
];

/// The longest secret value accepted.
const MAX_VALUE_LEN: usize = 8192;

/// The integrations routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(client_page))
        .route("/settings/secrets", post(client_set))
        .route("/settings/secrets/delete", post(client_delete))
        .route("/admin/tenants/{slug}/settings", get(admin_page))
        .route("/admin/tenants/{slug}/settings/secrets", post(admin_set))
        .route("/admin/tenants/{slug}/settings/secrets/delete", post(admin_delete))
}

/// The client's own tenant, for a tenant administrator; anyone else gets 403.
fn client_view(user: &CurrentUser) -> Result<TenantView, WebError> {
    match (&user.user.tenant, user.user.role) {
        (Some(tenant), Role::Admin) => Ok(TenantView {
            id: tenant.id,
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
            base: String::new(),
        }),
        _ => Err(WebError::Forbidden),
    }
}

/// The set-secret form.
#[derive(Deserialize)]
pub struct SetForm {
    name: String,
    value: String,
}

/// The delete-secret form.
#[derive(Deserialize)]
pub struct DeleteForm {
    name: String,
}

/// A secret's name checked by the one rule (`secrets::validate_name`), refused in the reader's
/// language.
fn valid_name(name: &str) -> Result<(), WebError> {
    secrets::validate_name(name)
        .map_err(|_| WebError::Invalid(Msg::new("error-secret-name").arg("value", name)))
}

/// A refused change, shown on the page again: the error, and the name that was typed.
struct Refused<'a> {
    error: FormError,
    name: &'a str,
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    refused: Option<Refused<'_>>,
) -> Result<Response, WebError> {
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    let (_, branding) = tenant_settings(&mut tx).await?;
    let list = match &state.master_key {
        Some(key) => secrets::list_with_hints(&mut tx, key).await,
        None => secrets::list(&mut tx).await,
    };
    // A secret sealed under another key cannot give a hint; list names and dates instead.
    let list = match list {
        Ok(list) => list,
        Err(_) => secrets::list(&mut tx).await?,
    };
    tx.commit().await?;
    let status = refused.as_ref().map(|r| r.error.status);
    let action = format!("{}/settings/secrets", view.base);
    let admin = user.is_platform_admin();
    let lang = user.lang;
    let error = refused.as_ref().map(|r| &r.error);
    let (name_error, name_invalid, name_described) = field_state(error, "set-secret", "name");
    let (value_error, value_invalid, value_described) = field_state(error, "set-secret", "value");
    let content = html! {
        h1 { (lang.t("integrations-title")) }
        p.muted { (lang.t_args("integrations-intro", &[("tenant", view.name.clone())])) }
        @if state.master_key.is_none() {
            p.error { (lang.t("integrations-no-key")) }
        }
        table.stack {
            thead { tr { th { (lang.t("secret-name")) } th { (lang.t("secret-value")) } th { (lang.t("secret-changed")) } th { span.visually-hidden { (lang.t("col-actions")) } } } }
            tbody {
                @for secret in &list {
                    tr {
                        td data-label=(lang.t("secret-name")) { code { (secret.name) } }
                        td data-label=(lang.t("secret-value")) { (secret.hint.as_deref().unwrap_or("••••")) }
                        td data-label=(lang.t("secret-changed")) { (lang.datetime(&secret.updated_at)) " UTC" }
                        td data-label=(lang.t("col-actions")) {
                            @if admin || secret.name != SOURCE_URL_SECRET {
                                form.inline method="post" action=(format!("{action}/delete")) data-confirm=(lang.t("secret-delete-confirm")) {
                                    (csrf_field(user))
                                    input type="hidden" name="name" value=(secret.name);
                                    button.danger type="submit" { (lang.t("secret-delete")) }
                                }
                            } @else {
                                span.muted { (lang.t("secret-managed")) }
                            }
                        }
                    }
                }
                @if list.is_empty() { tr { td colspan="4" .muted { (lang.t("secrets-empty")) } } }
            }
        }
        h2 { (lang.t("secret-set-title")) }
        form.stacked method="post" action=(action) autocomplete="off" {
            @if let Some(refused) = &refused { (refused.error.markup()) }
            (csrf_field(user))
            label { (lang.t("secret-name"))
                input type="text" name="name" value=(refused.as_ref().map_or("", |r| r.name)) list="secret-names" required pattern="[A-Za-z0-9_.\\-]{1,64}"
                    aria-invalid=[name_invalid] aria-describedby=[name_described];
                (name_error)
            }
            datalist #secret-names {
                @for name in SUGGESTED { option value=(name) {} }
                @if admin { option value=(SOURCE_URL_SECRET) {} }
            }
            label { (lang.t("secret-value"))
                input type="password" name="value" required autocomplete="new-password" aria-invalid=[value_invalid] aria-describedby=[value_described];
                (value_error)
            }
            button type="submit" disabled[state.master_key.is_none()] { (lang.t("secret-save")) }
        }
    };
    let mut response = page(&lang.t("integrations-title"), user, Some(&branding), content);
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    Ok(response)
}

/// The field of the set form a refusal is about, by the checks [`set`] makes: the name's rule,
/// then the value's length (anything else, such as a missing master key, is the form's).
fn set_field(form: &SetForm) -> Option<&'static str> {
    if valid_name(form.name.trim()).is_err() {
        Some("name")
    } else if form.value.is_empty() || form.value.len() > MAX_VALUE_LEN {
        Some("value")
    } else {
        None
    }
}

/// Runs a change from one of the page's forms; a refusal about the input renders the page again
/// with the message on the set form and the typed name kept (never the value).
async fn change(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    name: &str,
    field: Option<&'static str>,
    result: Result<Response, WebError>,
) -> Result<Response, WebError> {
    match result {
        Ok(response) => Ok(response),
        Err(err) => {
            let error = FormError::from_web(err)?.on(field);
            render(state, user, view, Some(Refused { error, name })).await
        }
    }
}

async fn set(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    form: SetForm,
) -> Result<Response, WebError> {
    let name = form.name.trim();
    valid_name(name)?;
    if name == SOURCE_URL_SECRET && !user.is_platform_admin() {
        return Err(WebError::Forbidden);
    }
    if form.value.is_empty() || form.value.len() > MAX_VALUE_LEN {
        return Err(WebError::Invalid(Msg::new("error-secret-value").arg("max", MAX_VALUE_LEN.to_string())));
    }
    let Some(key) = &state.master_key else {
        return Err(WebError::Invalid(Msg::new("error-no-master-key")));
    };
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    secrets::set(&mut tx, key, &user.actor(), name, &form.value).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/settings", view.base)).into_response())
}

async fn delete(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    form: DeleteForm,
) -> Result<Response, WebError> {
    let name = form.name.trim();
    valid_name(name)?;
    if name == SOURCE_URL_SECRET && !user.is_platform_admin() {
        return Err(WebError::Forbidden);
    }
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    secrets::delete(&mut tx, &user.actor(), name).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{}/settings", view.base)).into_response())
}

async fn client_page(State(state): State<AppState>, user: CurrentUser) -> Result<Response, WebError> {
    let view = client_view(&user)?;
    render(&state, &user, &view, None).await
}

async fn client_set(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<SetForm>,
) -> Result<Response, WebError> {
    let view = client_view(&user)?;
    let name = form.name.clone();
    let field = set_field(&form);
    let result = set(&state, &user, &view, form).await;
    change(&state, &user, &view, &name, field, result).await
}

async fn client_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    let view = client_view(&user)?;
    let name = form.name.clone();
    let result = delete(&state, &user, &view, form).await;
    change(&state, &user, &view, &name, None, result).await
}

async fn admin_page(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    render(&state, &user, &view, None).await
}

async fn admin_set(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(form): Form<SetForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let name = form.name.clone();
    let field = set_field(&form);
    let result = set(&state, &user, &view, form).await;
    change(&state, &user, &view, &name, field, result).await
}

async fn admin_delete(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let name = form.name.clone();
    let result = delete(&state, &user, &view, form).await;
    change(&state, &user, &view, &name, None, result).await
}
