//! A tenant's page for platform admins (`/admin/tenants/{slug}`): the tenant's dashboard, then
//! its administration: its users (role, last login, disabled) with disable, enable and
//! set-password actions, the add-user form, its inboxes, and its settings form (branding, default
//! language, timezone). The actions are POST forms with the session's CSRF token that call the
//! same domain functions as `geniai user ...` and `geniai tenant settings|update` (through
//! [`super::admin_actions`]), so the rules and the audit entries are the CLI's.
//! Disabling asks for confirmation (`data-confirm`, see `static/page.js`). A refused form comes
//! back with what was typed (never a password) and the message beside the field it is about.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use maud::{Markup, html};
use serde::Deserialize;

use super::admin::admin_tenant_view;
use super::admin_actions;
use super::dashboard::{self, TenantView};
use super::{FormError, csrf_field, field_state};
use crate::admin::settings::SettingsUpdate;
use crate::admin::{Locale, UserRole, inboxes, settings, validate};
use crate::db;
use crate::enums::Word;
use crate::error::ErrorKind;
use crate::web::auth::{CurrentUser, PlatformAdmin};
use crate::web::i18n::{Lang, Msg};
use crate::web::period::PeriodQuery;
use crate::web::{AppState, WebError};

/// The tenant page's routes (the page itself is `GET /admin/tenants/{slug}`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tenants/{slug}", axum::routing::get(drill_down))
        .route("/admin/tenants/{slug}/users", post(add_user))
        .route("/admin/tenants/{slug}/users/disable", post(disable_user))
        .route("/admin/tenants/{slug}/users/enable", post(enable_user))
        .route("/admin/tenants/{slug}/users/password", post(set_password))
        .route("/admin/tenants/{slug}/branding", post(save_settings))
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

/// The disable and enable forms: which user (by email, a form field).
#[derive(Debug, Deserialize)]
pub struct UserForm {
    email: String,
}

/// The set-password form: which user, and the new password (a form field, never in the URL).
#[derive(Deserialize)]
pub struct PasswordForm {
    email: String,
    password: String,
}

impl std::fmt::Debug for PasswordForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordForm").field("email", &self.email).field("password", &"<redacted>").finish()
    }
}

/// A refused form of the page, to show again where it came from.
enum Refused<'a> {
    /// The add-user form, with what was typed.
    AddUser(&'a NewUserForm, FormError),
    /// The set-password form, with the user that was chosen.
    Password(&'a str, FormError),
    /// A disable or enable button of the users table.
    Status(FormError),
    /// The settings form, with what was typed.
    Settings(&'a SettingsForm, FormError),
}

impl Refused<'_> {
    fn error(&self) -> &FormError {
        match self {
            Refused::AddUser(_, e)
            | Refused::Password(_, e)
            | Refused::Status(e)
            | Refused::Settings(_, e) => e,
        }
    }
}

/// The settings form: `geniai tenant settings`' branding and locale, and the timezone of
/// `geniai tenant update`. A missing field leaves its setting as it is; an empty text field
/// clears it (as `""` does on the command line).
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    display_name: Option<String>,
    primary_color: Option<String>,
    secondary_color: Option<String>,
    logo_url: Option<String>,
    locale: Option<String>,
    timezone: Option<String>,
}

impl SettingsForm {
    /// The form filled in with the tenant's current values. A stored colour or address the
    /// rules refuse (written around them, in the database) is not repeated, as the page header
    /// does not use it: it could be a `javascript:` address.
    fn current(settings: &settings::TenantSettings, timezone: &str) -> SettingsForm {
        let text = |v: &Option<String>| Some(v.clone().unwrap_or_default());
        let valid = |v: &Option<String>, check: fn(&str) -> Result<String, crate::error::DomainError>| {
            Some(v.as_deref().filter(|v| check(v).is_ok()).unwrap_or_default().to_string())
        };
        SettingsForm {
            display_name: text(&settings.display_name),
            primary_color: valid(&settings.primary_color, validate::colour),
            secondary_color: valid(&settings.secondary_color, validate::colour),
            logo_url: valid(&settings.logo_url, validate::url),
            locale: Some(settings.locale.tag().to_string()),
            timezone: Some(timezone.to_string()),
        }
    }

    /// The chosen locale, refused in the reader's language when it is none of ours.
    fn locale(&self) -> Result<Option<Locale>, WebError> {
        match self.locale.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => Ok(None),
            Some(tag) => tag
                .parse::<Locale>()
                .map(Some)
                .map_err(|_| WebError::Invalid(Msg::new("error-unknown-locale").arg("value", tag))),
        }
    }
}

/// The field of the settings form a refusal is about, found by the checks the domain makes
/// (`crate::admin::validate`), in the order it makes them; the locale is checked first, here.
fn settings_field(form: &SettingsForm) -> Option<&'static str> {
    type Check = fn(&str) -> Result<String, crate::error::DomainError>;
    // An empty text clears its setting: only a non-empty one can be wrong.
    let wrong = |value: &Option<String>, check: Check| {
        value.as_deref().is_some_and(|v| !v.trim().is_empty() && check(v).is_err())
    };
    if form.locale().is_err() {
        Some("locale")
    } else if wrong(&form.display_name, validate::name) {
        Some("display_name")
    } else if wrong(&form.primary_color, validate::colour) {
        Some("primary_color")
    } else if wrong(&form.secondary_color, validate::colour) {
        Some("secondary_color")
    } else if wrong(&form.logo_url, validate::url) {
        Some("logo_url")
    } else if form.timezone.as_deref().is_some_and(|tz| validate::timezone(tz).is_err()) {
        Some("timezone")
    } else {
        None
    }
}

/// The field of the add-user form a refusal is about, found by the same checks the domain
/// makes (`crate::admin::validate`, the role's words, the password policy), in its order.
fn add_user_field(
    form: &NewUserForm,
    password_ok: bool,
    error: &FormError,
    kind: Option<ErrorKind>,
) -> Option<&'static str> {
    if kind == Some(ErrorKind::Conflict) {
        return Some("email");
    }
    if !error.status.is_client_error() {
        return None;
    }
    if validate::email(&form.email).is_err() {
        Some("email")
    } else if validate::name(&form.name).is_err() {
        Some("name")
    } else if form.role.parse::<UserRole>().is_err() {
        Some("role")
    } else if !password_ok {
        Some("password")
    } else {
        None
    }
}

/// The domain kind of a web error, when it is a domain error.
fn domain_kind(err: &WebError) -> Option<ErrorKind> {
    match err {
        WebError::Domain(d) => Some(d.kind),
        _ => None,
    }
}

async fn drill_down(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let section = administration(&state, &user, &view, None).await?;
    dashboard::render(&state, &user, &view, &query, Some(section)).await
}

/// The page again after a refused form, with the refusal's status.
async fn refused_page(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    refused: Refused<'_>,
) -> Result<Response, WebError> {
    let status = refused.error().status;
    let section = administration(state, user, view, Some(&refused)).await?;
    let mut response = dashboard::render(state, user, view, &PeriodQuery::default(), Some(section)).await?;
    *response.status_mut() = status;
    Ok(response)
}

/// Back to the users section of the tenant's page.
fn back_to_users(view: &TenantView) -> Response {
    Redirect::to(&format!("{}#users", view.base)).into_response()
}

async fn add_user(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(mut form): Form<NewUserForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    // The password leaves the form here: it is never rendered back.
    let password = std::mem::take(&mut form.password);
    let password_ok = crate::password::validate(&password).is_ok();
    let result = admin_actions::add_user(
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
        Ok(()) => Ok(back_to_users(&view)),
        Err(err) => {
            let kind = domain_kind(&err);
            let error = FormError::from_web(err)?;
            let field = add_user_field(&form, password_ok, &error, kind);
            refused_page(&state, &user, &view, Refused::AddUser(&form, error.on(field))).await
        }
    }
}

async fn set_status(
    state: &AppState,
    user: &CurrentUser,
    slug: &str,
    form: &UserForm,
    active: bool,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(state, slug).await?;
    match admin_actions::set_user_active(&state.pool, &user.actor(), slug, &form.email, active).await {
        Ok(()) => Ok(back_to_users(&view)),
        Err(err) => {
            let error = FormError::from_web(err)?;
            refused_page(state, user, &view, Refused::Status(error)).await
        }
    }
}

async fn disable_user(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    set_status(&state, &user, &slug, &form, false).await
}

async fn enable_user(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    set_status(&state, &user, &slug, &form, true).await
}

async fn set_password(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(mut form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let password = std::mem::take(&mut form.password);
    match admin_actions::set_user_password(&state.pool, &user.actor(), &slug, &form.email, password).await {
        Ok(()) => Ok(back_to_users(&view)),
        Err(err) => {
            // An unknown user is about the user chosen; anything else is about the password.
            let field = if domain_kind(&err) == Some(ErrorKind::NotFound) { "email" } else { "password" };
            let error = FormError::from_web(err)?.on(Some(field));
            refused_page(&state, &user, &view, Refused::Password(&form.email, error)).await
        }
    }
}

async fn save_settings(
    State(state): State<AppState>,
    PlatformAdmin(user): PlatformAdmin,
    Path(slug): Path<String>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let view = admin_tenant_view(&state, &slug).await?;
    let result = async {
        let update = SettingsUpdate {
            display_name: form.display_name.clone(),
            primary_color: form.primary_color.clone(),
            secondary_color: form.secondary_color.clone(),
            logo_url: form.logo_url.clone(),
            locale: form.locale()?,
            ..SettingsUpdate::default()
        };
        let timezone = form.timezone.as_deref().map(str::trim);
        admin_actions::save_tenant_settings(&state.pool, &user.actor(), &slug, view.id, update, timezone)
            .await
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{}#branding", view.base)).into_response()),
        Err(err) => {
            let error = FormError::from_web(err)?;
            let field = if error.status.is_client_error() { settings_field(&form) } else { None };
            refused_page(&state, &user, &view, Refused::Settings(&form, error.on(field))).await
        }
    }
}

/// The administration section under the tenant's dashboard.
async fn administration(
    state: &AppState,
    user: &CurrentUser,
    view: &TenantView,
    refused: Option<&Refused<'_>>,
) -> Result<Markup, WebError> {
    let users = admin_actions::tenant_users(&state.pool, &view.slug).await?;
    let inboxes = inboxes::list(&state.pool, Some(&view.slug)).await?;
    let mut tx = db::tenant_tx(&state.pool, view.id).await?;
    let settings = settings::get(&mut tx).await?;
    let (timezone, _) = dashboard::tenant_settings(&mut tx).await?;
    tx.commit().await?;
    let lang = user.lang;
    let h = ["user-email", "user-name", "user-role", "col-last-login", "col-user-status", "col-actions"]
        .map(|k| lang.t(k));
    let status_error = match refused {
        Some(Refused::Status(e)) => Some(e),
        _ => None,
    };
    let add_user = match refused {
        Some(Refused::AddUser(form, e)) => add_user_form(user, view, form, Some(e)),
        _ => add_user_form(user, view, &NewUserForm::default(), None),
    };
    let password = match refused {
        Some(Refused::Password(email, e)) => password_form(user, view, &users, email, Some(e)),
        _ => password_form(user, view, &users, "", None),
    };
    let settings_form = match refused {
        Some(Refused::Settings(form, e)) => tenant_settings_form(user, view, &timezone, form, Some(e)),
        _ => tenant_settings_form(user, view, &timezone, &SettingsForm::current(&settings, &timezone), None),
    };
    Ok(html! {
        section.tenant-admin #administration {
            h2 #users { (lang.t("users-title")) }
            @if let Some(error) = status_error { (error.markup()) }
            table #users-table .stack {
                thead { tr { @for (i, label) in h.iter().enumerate() {
                    @if i == 5 { th { span.visually-hidden { (label) } } } @else { th { (label) } }
                } } }
                tbody {
                    @for u in &users {
                        tr data-email=(u.email) .disabled[!u.is_active] {
                            td data-label=(h[0]) { span.email { (u.email) } }
                            td data-label=(h[1]) { (u.name) }
                            td data-label=(h[2]) { (role_word(lang, &u.role)) }
                            td data-label=(h[3]) { (u.last_login_at.map(|t| lang.datetime(&t) + " UTC").unwrap_or_else(|| lang.t("never"))) }
                            td data-label=(h[4]) {
                                @if u.is_active { span.status-active { (lang.t("user-active")) } }
                                @else { span.status-suspended { (lang.t("user-disabled")) } }
                            }
                            td data-label=(h[5]) { (status_form(user, view, &u.email, u.is_active)) }
                        }
                    }
                    @if users.is_empty() { tr { td colspan="6" .muted { (lang.t("users-empty")) } } }
                }
            }
            div.grid2 {
                section { (password) }
                section { (add_user) }
            }
            h2 #inboxes { (lang.t("inboxes-title")) }
            table #inboxes-table .stack {
                thead { tr { th { (lang.t("col-inbox-id")) } th { (lang.t("col-inbox")) } th { (lang.t("col-channel")) } th { (lang.t("col-mapped")) } } }
                tbody {
                    @for inbox in &inboxes {
                        tr data-inbox=(inbox.inbox_id) {
                            td data-label=(lang.t("col-inbox-id")) { (inbox.inbox_id) }
                            td data-label=(lang.t("col-inbox")) { (inbox.name.as_deref().unwrap_or("—")) }
                            td data-label=(lang.t("col-channel")) { (inbox.channel_type.as_deref().unwrap_or("—")) }
                            td data-label=(lang.t("col-mapped")) { (lang.datetime(&inbox.mapped_at)) " UTC" }
                        }
                    }
                    @if inboxes.is_empty() { tr { td colspan="4" .muted { (lang.t("inboxes-empty")) } } }
                }
            }
            h2 #branding { (lang.t("branding-title")) }
            dl.settings #branding-settings {
                dt { (lang.t("branding-display-name")) } dd { (settings.display_name.as_deref().unwrap_or("—")) }
                dt { (lang.t("branding-primary")) } dd { (colour(settings.primary_color.as_deref())) }
                dt { (lang.t("branding-secondary")) } dd { (colour(settings.secondary_color.as_deref())) }
                dt { (lang.t("branding-logo")) } dd { (logo(lang, settings.logo_url.as_deref())) }
                dt { (lang.t("branding-locale")) } dd { (lang.t(&format!("locale-{}", settings.locale.tag()))) }
                dt { (lang.t("branding-lead-labels")) } dd { (labels(&settings.lead_labels)) }
                dt { (lang.t("branding-conversion-labels")) } dd { (labels(&settings.conversion_labels)) }
            }
            p.muted { (lang.t("branding-labels-how")) " " code { "geniai tenant settings " (view.slug) } }
            (settings_form)
        }
    })
}

/// The settings form: the branding as text fields (empty clears), the default language from our
/// locales and the timezone from the list of zones (the tenant's first), never free text.
fn tenant_settings_form(
    user: &CurrentUser,
    view: &TenantView,
    current_timezone: &str,
    values: &SettingsForm,
    error: Option<&FormError>,
) -> Markup {
    let lang = user.lang;
    let field = |name| field_state(error, "tenant-settings", name);
    let (name_error, name_invalid, name_described) = field("display_name");
    let (primary_error, primary_invalid, primary_described) = field("primary_color");
    let (secondary_error, secondary_invalid, secondary_described) = field("secondary_color");
    let (logo_error, logo_invalid, logo_described) = field("logo_url");
    let (locale_error, locale_invalid, locale_described) = field("locale");
    let (tz_error, tz_invalid, tz_described) = field("timezone");
    let first =
        validate::timezone(current_timezone).ok().and_then(|t| t.parse().ok()).unwrap_or(chrono_tz::Tz::UTC);
    let chosen_tz = values.timezone.as_deref().and_then(|t| t.trim().parse().ok()).unwrap_or(first);
    let chosen_locale = values.locale.as_deref().and_then(|l| l.parse::<Locale>().ok());
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    html! {
        h3 #change-settings { (lang.t("branding-change-title")) }
        form.stacked #tenant-settings-form method="post" action=(format!("{}/branding", view.base)) {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            p.muted { (lang.t("branding-empty-clears")) }
            label { (lang.t("branding-display-name"))
                input type="text" name="display_name" value=(text(&values.display_name)) maxlength="200"
                    aria-invalid=[name_invalid] aria-describedby=[name_described];
                (name_error)
            }
            label { (lang.t("branding-primary"))
                input type="text" name="primary_color" value=(text(&values.primary_color)) placeholder="#1F6FEB"
                    aria-invalid=[primary_invalid] aria-describedby=[primary_described];
                (primary_error)
            }
            label { (lang.t("branding-secondary"))
                input type="text" name="secondary_color" value=(text(&values.secondary_color)) placeholder="#1F6FEB"
                    aria-invalid=[secondary_invalid] aria-describedby=[secondary_described];
                (secondary_error)
            }
            label { (lang.t("branding-logo"))
                input type="url" name="logo_url" value=(text(&values.logo_url)) placeholder="https://"
                    aria-invalid=[logo_invalid] aria-describedby=[logo_described];
                (logo_error)
            }
            label { (lang.t("branding-locale"))
                select name="locale" aria-invalid=[locale_invalid] aria-describedby=[locale_described] {
                    @for locale in <Locale as Word>::ALL {
                        option value=(locale.tag()) selected[chosen_locale == Some(*locale)] { (lang.t(&format!("locale-{}", locale.tag()))) }
                    }
                }
                (locale_error)
            }
            // A list, never free text: an unknown zone cannot be chosen.
            label { (lang.t("tenant-timezone"))
                select name="timezone" aria-invalid=[tz_invalid] aria-describedby=[tz_described] {
                    @for tz in crate::web::period::timezone_choices(first) {
                        option value=(tz.name()) selected[tz == chosen_tz] { (tz.name()) }
                    }
                }
                (tz_error)
            }
            button type="submit" { (lang.t("branding-save")) }
        }
    }
}

/// A role in the reader's language.
fn role_word(lang: Lang, role: &str) -> String {
    let key = format!("role-{role}");
    let word = lang.t(&key);
    if word == key { role.to_string() } else { word }
}

/// A brand colour: a swatch (an SVG fill, which the CSP allows, unlike an inline style) and
/// its code.
fn colour(value: Option<&str>) -> Markup {
    match value.filter(|c| super::is_hex_colour(c)) {
        Some(c) => html! {
            svg.colour width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" { rect width="14" height="14" rx="2" fill=(c) {} }
            " " code { (c) }
        },
        None => html! { "—" },
    }
}

/// The logo's address, when it is one the page header uses (https only); another stored value
/// is not repeated (it could be a `javascript:` address), only said to be unused.
fn logo(lang: Lang, url: Option<&str>) -> Markup {
    match url {
        Some(url) if url.starts_with("https://") => html! { code { (url) } },
        Some(_) => html! { span.muted { (lang.t("branding-logo-unused")) } },
        None => html! { "—" },
    }
}

fn labels(labels: &[String]) -> Markup {
    html! {
        @if labels.is_empty() { "—" }
        @for (i, label) in labels.iter().enumerate() { @if i > 0 { ", " } code { (label) } }
    }
}

/// Disable (which asks for confirmation first) or enable one user.
fn status_form(user: &CurrentUser, view: &TenantView, email: &str, active: bool) -> Markup {
    let lang = user.lang;
    let (verb, label, class) =
        if active { ("disable", "user-disable", "danger") } else { ("enable", "user-enable", "secondary") };
    let confirm = active.then(|| lang.t_args("user-disable-confirm", &[("email", email.to_string())]));
    html! {
        form.inline method="post" action=(format!("{}/users/{verb}", view.base)) data-confirm=[confirm] {
            (csrf_field(user))
            input type="hidden" name="email" value=(email);
            button class=(class) type="submit" { (lang.t(label)) }
        }
    }
}

/// The set-password form: the user from a list of the tenant's users, and the new password.
fn password_form(
    user: &CurrentUser,
    view: &TenantView,
    users: &[crate::admin::User],
    chosen: &str,
    error: Option<&FormError>,
) -> Markup {
    let lang = user.lang;
    let (email_error, email_invalid, email_described) = field_state(error, "set-password", "email");
    let (pw_error, pw_invalid, pw_described) = field_state(error, "set-password", "password");
    let chosen = chosen.trim().to_lowercase();
    html! {
        h2 #set-password { (lang.t("set-password-title")) }
        form.stacked #set-password-form method="post" action=(format!("{}/users/password", view.base)) autocomplete="off" {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            label { (lang.t("user-email"))
                select name="email" required aria-invalid=[email_invalid] aria-describedby=[email_described] {
                    @for u in users { option value=(u.email) selected[u.email == chosen] { (u.email) } }
                }
                (email_error)
            }
            label { (lang.t("new-password"))
                input type="password" name="password" required minlength="12" autocomplete="new-password"
                    aria-invalid=[pw_invalid] aria-describedby=[pw_described];
                (pw_error)
            }
            button type="submit" disabled[users.is_empty()] { (lang.t("set-password")) }
        }
    }
}

/// The add-user form, with what was entered (never the password) and the error it was refused
/// with, beside the field it is about.
fn add_user_form(
    user: &CurrentUser,
    view: &TenantView,
    values: &NewUserForm,
    error: Option<&FormError>,
) -> Markup {
    let role = values.role.parse::<UserRole>().unwrap_or_default();
    let lang = user.lang;
    let field = |name| field_state(error, "add-user", name);
    let (email_error, email_invalid, email_described) = field("email");
    let (name_error, name_invalid, name_described) = field("name");
    let (role_error, role_invalid, role_described) = field("role");
    let (pw_error, pw_invalid, pw_described) = field("password");
    html! {
        h2 #add-user { (lang.t_args("add-user-title", &[("tenant", view.name.clone())])) }
        form.stacked #add-user-form method="post" action=(format!("/admin/tenants/{}/users", view.slug)) autocomplete="off" {
            @if let Some(error) = error { (error.markup()) }
            (csrf_field(user))
            label { (lang.t("user-email"))
                input type="email" name="email" value=(values.email) required aria-invalid=[email_invalid] aria-describedby=[email_described];
                (email_error)
            }
            label { (lang.t("user-name"))
                input type="text" name="name" value=(values.name) required aria-invalid=[name_invalid] aria-describedby=[name_described];
                (name_error)
            }
            label { (lang.t("user-role"))
                select name="role" aria-invalid=[role_invalid] aria-describedby=[role_described] {
                    @for choice in UserRole::ALL { option selected[*choice == role] { (choice) } }
                }
                (role_error)
            }
            label { (lang.t("user-password"))
                input type="password" name="password" required minlength="12" autocomplete="new-password" aria-invalid=[pw_invalid] aria-describedby=[pw_described];
                (pw_error)
            }
            button type="submit" { (lang.t("add-user")) }
        }
    }
}
