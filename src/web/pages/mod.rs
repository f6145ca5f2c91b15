//! Server-rendered pages (maud escapes every interpolated value): the shared layout, and the
//! client, settings and admin views, each a module with its own `router()`.

pub mod admin;
pub mod admin_actions;
pub mod client;
pub mod dashboard;
pub mod settings;
pub mod tables;
pub mod tenant_admin;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::auth::CurrentUser;
use super::csrf::CSRF_FIELD;
use super::i18n::Msg;
use super::sessions::{self, Role};
use super::{AppState, CONTENT_SECURITY_POLICY, WebError};
use crate::admin::Locale;
use crate::db;
use crate::enums::Word;

/// Every page route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/preferences/locale", post(set_locale))
        .merge(client::router())
        .merge(settings::router())
        .merge(admin::router())
}

/// `/` sends each user to their home: the admin overview or their tenant's dashboard.
async fn root(user: CurrentUser) -> Redirect {
    if user.is_platform_admin() { Redirect::to("/admin") } else { Redirect::to("/dashboard") }
}

/// The language form's fields: the chosen locale (empty: follow the tenant or the browser) and
/// the page to go back to.
#[derive(Debug, Deserialize)]
pub struct LocaleForm {
    locale: String,
    back: Option<String>,
}

/// Saves the user's own language and goes back to the page they were on (a local path only, so
/// the form cannot be turned into an open redirect).
async fn set_locale(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<LocaleForm>,
) -> Result<Redirect, WebError> {
    let choice = form.locale.trim();
    let locale = match choice {
        "" => None,
        tag => Some(
            tag.parse::<Locale>()
                .map_err(|_| WebError::Invalid(Msg::new("error-unknown-locale").arg("value", tag)))?,
        ),
    };
    let mut tx = db::platform_tx(&state.pool).await?;
    sessions::set_user_locale(&mut tx, user.user.user_id, locale).await?;
    tx.commit().await?;
    let back =
        form.back.as_deref().filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'));
    Ok(Redirect::to(back.unwrap_or("/")))
}

/// The language picker at the foot of every page.
fn locale_form(user: &CurrentUser, back: &str) -> Markup {
    let lang = user.lang;
    let chosen = user.user.locale;
    let default_label = if user.user.tenant.is_some() { "language-default" } else { "language-browser" };
    html! {
        form.locale method="post" action="/preferences/locale" {
            (csrf_field(user))
            input type="hidden" name="back" value=(back);
            label { (lang.t("language")) " "
                select name="locale" {
                    option value="" selected[chosen.is_none()] { (lang.t(default_label)) }
                    @for locale in <Locale as Word>::ALL {
                        option value=(locale.tag()) selected[chosen == Some(*locale)] { (lang.t(&format!("locale-{}", locale.tag()))) }
                    }
                }
            }
            " "
            button.secondary type="submit" { (lang.t("language-apply")) }
        }
    }
}

/// A tenant's branding, from `tenant_settings` (colours are validated by the schema).
#[derive(Debug, Clone, Default)]
pub struct Branding {
    pub display_name: Option<String>,
    pub primary_color: Option<String>,
    pub secondary_color: Option<String>,
    pub logo_url: Option<String>,
}

/// Whether a colour is `#RRGGBB` (checked again here: it goes into a style block).
pub(crate) fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// WCAG's relative luminance of a `#RRGGBB` colour.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64 / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// The text colour for a background of `hex`: white or black, whichever contrasts more (one of
/// them always reaches WCAG AA's 4.5:1), so that a tenant's light brand colour keeps its
/// header, buttons and chosen preset readable.
fn text_on(hex: &str) -> &'static str {
    let l = luminance(hex);
    if (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) { "#fff" } else { "#000" }
}

/// The branding style block, or nothing when the tenant sets no colours.
fn branding_css(branding: &Branding) -> Option<String> {
    let mut vars = String::new();
    if let Some(c) = branding.primary_color.as_deref().filter(|c| is_hex_colour(c)) {
        vars.push_str(&format!("--primary:{c};--on-primary:{};", text_on(c)));
    }
    if let Some(c) = branding.secondary_color.as_deref().filter(|c| is_hex_colour(c)) {
        vars.push_str(&format!("--secondary:{c};"));
    }
    (!vars.is_empty()).then(|| format!(":root{{{vars}}}"))
}

/// A logout button (a POST form with the session's CSRF token).
pub fn logout_button(user: &CurrentUser) -> Markup {
    html! {
        form.inline method="post" action="/logout" {
            input type="hidden" name=(CSRF_FIELD) value=(user.csrf);
            button type="submit" { (user.lang.t("log-out")) }
        }
    }
}

/// Why a submitted form was refused, to show on the form itself: the form comes back with what
/// was entered and this message beside it, with the status the error maps to.
#[derive(Debug, Clone)]
pub struct FormError {
    /// The status of the re-rendered page (400, 404, 409, 423).
    pub status: StatusCode,
    /// The sentence shown on the form.
    pub message: String,
    /// The field the message is about, when one is: the message goes beside that field (and
    /// the field is marked invalid) rather than at the top of the form.
    pub field: Option<&'static str>,
}

impl FormError {
    /// The form's error, for bad input and domain errors; anything else (forbidden, internal) is
    /// not about what was typed and stays an error page.
    pub fn from_web(err: WebError) -> Result<FormError, WebError> {
        match err {
            WebError::BadRequest(_) | WebError::Invalid(_) | WebError::Domain(_) => {
                let (status, message) = err.status_and_message_in(super::i18n::current());
                Ok(FormError { status, message, field: None })
            }
            other => Err(other),
        }
    }

    /// The re-rendered page, with this error's status.
    pub fn respond(&self, mut response: Response) -> Response {
        *response.status_mut() = self.status;
        response
    }

    /// The same error, about `field` (`None`: about the form as a whole).
    pub fn on(mut self, field: Option<&'static str>) -> FormError {
        self.field = field;
        self
    }

    /// The message at the top of the form, when it is about no one field.
    pub fn markup(&self) -> Markup {
        html! { @if self.field.is_none() { p.error role="alert" { (self.message) } } }
    }

    /// Whether the message is about `field` (its input then carries `aria-invalid`).
    pub fn is_about(&self, field: &str) -> bool {
        self.field == Some(field)
    }

    /// The message beside `field`, when it is about that field; `form` names the form, so that
    /// the message's id (which the input's `aria-describedby` points at) is unique in the page.
    pub fn beside(&self, form: &str, field: &str) -> Markup {
        html! {
            @if self.is_about(field) {
                span.field-error id=(field_error_id(form, field)) role="alert" { (self.message) }
            }
        }
    }
}

/// The id of the message beside `field` of `form`.
pub fn field_error_id(form: &str, field: &str) -> String {
    format!("{form}-{field}-error")
}

/// What a form's field shows of its error: the message beside it, and the input's
/// `aria-invalid` / `aria-describedby` values (both `None` when the error is elsewhere).
pub fn field_state(
    error: Option<&FormError>,
    form: &str,
    field: &str,
) -> (Markup, Option<&'static str>, Option<String>) {
    match error.filter(|e| e.is_about(field)) {
        Some(e) => (e.beside(form, field), Some("true"), Some(field_error_id(form, field))),
        None => (html! {}, None, None),
    }
}

/// The hidden CSRF field for a form of this user's session.
pub fn csrf_field(user: &CurrentUser) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(user.csrf); }
}

/// Renders a full page in the user's language. With branding, the colours go into one inline
/// style block whose hash is added to this response's CSP (inline script stays forbidden).
/// `back` is the page's own path, where the language form returns.
pub fn page(title: &str, user: &CurrentUser, branding: Option<&Branding>, content: Markup) -> Response {
    page_at(title, user, branding, content, "/")
}

/// [`page`], whose language form comes back to `back`.
pub fn page_at(
    title: &str,
    user: &CurrentUser,
    branding: Option<&Branding>,
    content: Markup,
    back: &str,
) -> Response {
    let lang = user.lang;
    let css = branding.and_then(branding_css);
    let brand_name = branding.and_then(|b| b.display_name.clone()).filter(|n| !n.trim().is_empty());
    let logo = branding.and_then(|b| b.logo_url.clone()).filter(|u| u.starts_with("https://"));
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · geniai" }
                link rel="stylesheet" href="/static/style.css";
                script src=(super::assets::PAGE_SCRIPT_PATH) defer {}
                @if let Some(css) = &css { style { (PreEscaped(css)) } }
            }
            body {
                header.top {
                    a.brand href="/" {
                        @if let Some(logo) = &logo { img src=(logo) alt=""; }
                        (brand_name.as_deref().unwrap_or("geniai"))
                    }
                    nav {
                        @if user.is_platform_admin() {
                            a href="/admin" { (lang.t("nav-overview")) }
                            a href="/admin/audit" { (lang.t("nav-audit")) }
                            a href="/admin/tenants/new" { (lang.t("nav-new-tenant")) }
                        } @else {
                            a href="/dashboard" { (lang.t("nav-dashboard")) }
                            @if user.user.role == Role::Admin { a href="/settings" { (lang.t("nav-integrations")) } }
                        }
                    }
                    span.who { (user.user.email) }
                    (logout_button(user))
                }
                main { (content) }
                footer.page { (locale_form(user, back)) }
            }
        }
    };
    let mut response =
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response();
    if let Some(css) = css {
        let hash = STANDARD.encode(Sha256::digest(css.as_bytes()));
        let policy =
            CONTENT_SECURITY_POLICY.replace("style-src 'self'", &format!("style-src 'self' 'sha256-{hash}'"));
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn text_on_a_brand_colour_reads_at_aa_contrast() {
        assert_eq!(text_on("#2f5d8a"), "#fff");
        assert_eq!(text_on("#f2c94c"), "#000");
        assert!((contrast("#ffffff", "#000000") - 21.0).abs() < 1e-9);
        // Every grey, the worst case for choosing between white and black.
        for v in 0..=255u8 {
            let grey = format!("#{v:02x}{v:02x}{v:02x}");
            let text = if text_on(&grey) == "#fff" { "#ffffff" } else { "#000000" };
            assert!(contrast(&grey, text) >= 4.5, "{grey} with {text}");
        }
    }
}
