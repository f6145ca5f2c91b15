//! The client view: a tenant's own dashboard and its CSV downloads. The tenant always comes from
//! the session, never from the URL or a parameter, so a client cannot name another tenant.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::dashboard::{self, TenantView};
use crate::web::auth::CurrentUser;
use crate::web::period::PeriodQuery;
use crate::web::{AppState, WebError};

/// The client routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard_page)).route("/dashboard/csv/{kind}", get(csv))
}

/// The session's own tenant; platform admins have none (they use the admin view).
fn own_tenant(user: &CurrentUser) -> Option<TenantView> {
    user.user.tenant.as_ref().map(|t| TenantView {
        id: t.id,
        slug: t.slug.clone(),
        name: t.name.clone(),
        base: "/dashboard".into(),
    })
}

async fn dashboard_page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let Some(view) = own_tenant(&user) else { return Ok(Redirect::to("/admin").into_response()) };
    dashboard::render(&state, &user, &view, &query, None).await
}

async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(kind): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, WebError> {
    let view = own_tenant(&user).ok_or(WebError::NotFound)?;
    dashboard::csv(&state, user.lang, &view, &kind, &query).await
}
