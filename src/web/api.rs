//! The JSON API, `/api/v1/...`: every report kind of `geniai report`, with the same field names.
//!
//! * `GET /api/v1/{kind}?from=&to=&tz=&business_hours=`: kind is `kpis` (an object), `daily`,
//!   `inboxes`, `agents`, `teams`, `labels`, `channels`, `frt-distribution`, `heatmap` or
//!   `conversations` (arrays; `conversations` streams). `until=` (last day included) and
//!   `preset=` are accepted too, as on the dashboard (`crate::web::period`).
//! * `GET /api/v1/overview`: platform admins only.
//! * `GET /api/v1/whoami`: who the credentials belong to.
//! * `GET /api/v1/freshness`: how fresh the tenant's copy is (`crate::freshness`); the
//!   dashboard's script polls it.
//!
//! The tenant is the caller's: the session's tenant, or the API token's. A `tenant=SLUG`
//! parameter naming any other tenant is refused with 403. Platform admins (session only) must name
//! the tenant.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::ApiCaller;
use super::error::{ApiError, ApiResult};
use super::period::PeriodQuery;
use super::report_data::{self, ExportFormat, report_kind, report_options};
use super::sessions::{Role, TenantRef};
use super::{AppState, WebError};
use crate::db;
use crate::reports::{self, Bucket, Period, ReportKind, period};

/// The API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/whoami", get(whoami))
        .route("/api/v1/overview", get(overview))
        .route("/api/v1/freshness", get(freshness))
        .route("/api/v1/{kind}", get(report))
}

/// The query parameters of a report call (no `serde(flatten)`: it breaks typed query values).
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    tenant: Option<String>,
    from: Option<String>,
    to: Option<String>,
    until: Option<String>,
    preset: Option<String>,
    tz: Option<String>,
    business_hours: Option<bool>,
    bucket: Option<String>,
    fine: Option<bool>,
}

impl ReportQuery {
    fn period(&self) -> PeriodQuery {
        PeriodQuery {
            from: self.from.clone(),
            to: self.to.clone(),
            until: self.until.clone(),
            preset: self.preset.clone(),
            tz: self.tz.clone(),
            business_hours: self.business_hours,
            bucket: self.bucket.clone(),
            fine: self.fine,
            // The API takes no form submissions.
            shown: None,
        }
    }
}

async fn whoami(caller: ApiCaller) -> ApiResult<Json<Value>> {
    Ok(Json(match caller {
        ApiCaller::User(user) => json!({
            "kind": "session", "email": user.email, "role": user.role, "tenant": user.tenant.map(|t| t.slug)
        }),
        ApiCaller::Token(tenant) => json!({ "kind": "token", "tenant": tenant.slug }),
    }))
}

/// The tenant a call may read: its own, whatever the parameter says; admins name one.
async fn resolve_tenant(
    state: &AppState,
    caller: &ApiCaller,
    requested: Option<&str>,
) -> Result<TenantRef, WebError> {
    let own = match caller {
        ApiCaller::Token(tenant) => Some(tenant.clone()),
        ApiCaller::User(user) => user.tenant.clone(),
    };
    let requested = requested.map(str::trim).filter(|s| !s.is_empty());
    match own {
        Some(own) => match requested {
            Some(slug) if slug != own.slug => Err(WebError::Forbidden),
            _ => Ok(own),
        },
        None => {
            let slug = requested.ok_or_else(|| {
                WebError::BadRequest("platform admins name the tenant: add ?tenant=SLUG".into())
            })?;
            let mut tx = db::platform_tx(&state.pool).await?;
            let tenant = TenantRef::by_slug(&mut tx, slug).await?.ok_or(WebError::NotFound)?;
            tx.commit().await?;
            Ok(tenant)
        }
    }
}

/// The caller's tenant's freshness, read inside its own tenant transaction.
async fn freshness(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<TenantQuery>,
) -> ApiResult<Json<Value>> {
    let tenant = resolve_tenant(&state, &caller, query.tenant.as_deref()).await?;
    let mut tx = db::tenant_tx(&state.pool, tenant.id).await.map_err(WebError::from)?;
    let fresh = crate::freshness::of_tenant(&mut tx).await.map_err(WebError::from)?;
    tx.commit().await.map_err(WebError::from)?;
    let mut body = serde_json::to_value(fresh).map_err(|e| WebError::from(anyhow::Error::from(e)))?;
    body["tenant"] = Value::String(tenant.slug);
    Ok(Json(body))
}

/// The only parameter of the calls that take no period.
#[derive(Debug, Default, Deserialize)]
pub struct TenantQuery {
    tenant: Option<String>,
}

async fn report(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(kind): Path<String>,
    Query(query): Query<ReportQuery>,
) -> ApiResult<Response> {
    let kind = report_kind(&kind)?;
    let tenant = resolve_tenant(&state, &caller, query.tenant.as_deref()).await?;
    // The tenant's timezone came with the caller's lookup: a report served from the cache
    // needs no further database work.
    let period_query = query.period();
    let options = report_options(&period_query, &tenant.timezone)?;
    // The API's series stays daily unless asked otherwise (its contract before buckets existed);
    // the kinds without a choice ignore `bucket` and `fine`.
    let cut = match kind {
        ReportKind::Daily | ReportKind::FrtDistribution => {
            report_data::cut(&period_query, &options.period, Bucket::Day)?
        }
        _ => report_data::Cut::default(),
    };
    if kind == ReportKind::Conversations {
        let body = report_data::export(state.pool.clone(), tenant.id, options, ExportFormat::Json, None);
        return Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response());
    }
    let mut rows = state.reports.rows(&state.pool, tenant.id, &tenant.slug, &options, kind, cut).await?;
    if kind == ReportKind::Kpis {
        let kpis = rows.pop().map(Value::Object).unwrap_or(Value::Null);
        return Ok(Json(kpis).into_response());
    }
    Ok(Json(Value::Array(rows.into_iter().map(Value::Object).collect())).into_response())
}

async fn overview(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<PeriodQuery>,
) -> ApiResult<Response> {
    match &caller {
        ApiCaller::User(user) if user.role == Role::PlatformAdmin => {}
        _ => return Err(ApiError(WebError::Forbidden)),
    }
    let tz = period::parse_timezone(query.tz.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("UTC"))
        .map_err(WebError::from)?;
    let bound =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let period = Period::resolve(bound(&query.from).as_deref(), bound(&query.to).as_deref(), tz, Utc::now())
        .map_err(WebError::from)?;
    let mut tx = db::platform_tx(&state.pool).await?;
    let rows = reports::overview::overview(&mut tx, &period).await?;
    tx.commit().await?;
    Ok(Json(rows).into_response())
}
