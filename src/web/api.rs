//! The JSON API, `/api/v1/...`: the report kinds for the caller's tenant (a session or an API
//! token); platform admins name a tenant with `?tenant=SLUG`.

use axum::Router;
use axum::routing::get;

use super::AppState;
use super::auth::ApiCaller;
use super::error::ApiResult;

/// The API routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/whoami", get(whoami))
}

async fn whoami(caller: ApiCaller) -> ApiResult<axum::Json<serde_json::Value>> {
    Ok(axum::Json(match caller {
        ApiCaller::User(user) => serde_json::json!({
            "email": user.email, "role": user.role, "tenant": user.tenant.map(|t| t.slug)
        }),
        ApiCaller::Token(tenant) => serde_json::json!({ "token_tenant": tenant.slug }),
    }))
}
