//! The client view: a tenant's own dashboard. The tenant always comes from the session, never
//! from the URL, so a client cannot name another tenant.

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::html;

use super::page;
use crate::web::auth::CurrentUser;
use crate::web::{AppState, WebError};

/// The client routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard))
}

async fn dashboard(user: CurrentUser) -> Result<Response, WebError> {
    let Some(tenant) = user.user.tenant.clone() else {
        return Ok(Redirect::to("/admin").into_response());
    };
    Ok(page(&tenant.name, &user, None, html! { h1 { (tenant.name) } }))
}
