//! `/healthz` (is the database reachable) and `/metrics` (Prometheus text: request statistics,
//! plus ETL lag and last-run status per tenant, read through the platform path).
//!
//! Neither carries client data beyond tenant slugs and ETL timings, which is what monitoring
//! needs; deployments that expose geniai publicly should keep `/metrics` behind the proxy, or
//! give `geniai serve` a `--metrics-token` that scrapers send as a bearer token.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;

use super::{AppState, WebError, metrics};
use crate::{db, freshness};

/// The monitoring routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics))
}

async fn healthz(State(state): State<AppState>) -> Response {
    let probe = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.pool),
    )
    .await;
    match probe {
        Ok(Ok(_)) => (StatusCode::OK, axum::Json(serde_json::json!({"status": "ok", "database": "ok"})))
            .into_response(),
        Ok(Err(err)) => {
            tracing::warn!("health check: database unreachable: {}", db::describe_connect_error(&err));
            unavailable()
        }
        Err(_) => {
            tracing::warn!("health check: database did not answer within 5 s");
            unavailable()
        }
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        axum::Json(serde_json::json!({"status": "unavailable", "database": "unreachable"})),
    )
        .into_response()
}

/// ETL state of one tenant, for monitoring.
#[derive(Debug, sqlx::FromRow)]
struct EtlState {
    slug: String,
    status: String,
    last_status: Option<String>,
    last_finished_at: Option<DateTime<Utc>>,
}

/// Per-tenant labels of the ETL families.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TenantLabels {
    tenant: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RunLabels {
    tenant: String,
    status: String,
}

async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    if let Some(token) = &state.config.metrics_token {
        let authorization = headers.get(header::AUTHORIZATION).map(|v| v.as_bytes());
        if !token.allows(authorization) {
            return Ok((StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")])
                .into_response());
        }
    }
    let mut tx = db::platform_tx(&state.pool).await?;
    let tenants: Vec<EtlState> = sqlx::query_as(
        "SELECT t.slug, t.status, r.status AS last_status, r.finished_at AS last_finished_at
           FROM tenants t
           LEFT JOIN LATERAL (
                SELECT status, finished_at FROM etl_runs
                 WHERE tenant_id = t.id ORDER BY started_at DESC LIMIT 1) r ON true
          ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await?;
    // The lag as the dashboard, `etl status` and `doctor` define it (`crate::freshness`).
    let lags: HashMap<String, f64> = freshness::all(&mut tx)
        .await?
        .into_iter()
        .filter_map(|(slug, f)| f.lag_seconds.map(|lag| (slug, lag)))
        .collect();
    tx.commit().await?;

    let active = Family::<TenantLabels, Gauge>::default();
    let lag = Family::<TenantLabels, Gauge<f64, AtomicU64>>::default();
    let success = Family::<TenantLabels, Gauge>::default();
    let info = Family::<RunLabels, Gauge>::default();
    let finished = Family::<TenantLabels, Gauge>::default();
    for t in &tenants {
        let tenant = TenantLabels { tenant: t.slug.clone() };
        active.get_or_create(&tenant).set(i64::from(t.status == "active"));
        if let Some(seconds) = lags.get(&t.slug) {
            lag.get_or_create(&tenant).set(*seconds);
        }
        let Some(status) = &t.last_status else { continue };
        success.get_or_create(&tenant).set(i64::from(status == "succeeded"));
        info.get_or_create(&RunLabels { tenant: t.slug.clone(), status: status.clone() }).set(1);
        if let Some(done) = t.last_finished_at {
            finished.get_or_create(&tenant).set(done.timestamp());
        }
    }
    let mut registry = state.metrics.registry();
    metrics::register_logins(&mut registry, &state.logins);
    registry.register(
        "geniai_report_computations",
        "Reports computed rather than served from the report cache",
        ConstCounter::new(state.reports.computations()),
    );
    registry.register(
        "geniai_tenant_active",
        "Whether the tenant is active (1) or suspended/cancelled (0)",
        active,
    );
    registry.register(
        "geniai_etl_lag_seconds",
        "How far behind the source the tenant's copy is: now minus its oldest stream watermark",
        lag,
    );
    registry.register(
        "geniai_etl_last_run_success",
        "Whether the tenant's last ETL run succeeded (1) or not (0)",
        success,
    );
    registry.register(
        "geniai_etl_last_run_info",
        "The status of the tenant's last ETL run, as a label",
        info,
    );
    registry.register(
        "geniai_etl_last_run_finished_timestamp_seconds",
        "When the last ETL run finished",
        finished,
    );
    let text = metrics::encode(&registry).map_err(|_| anyhow::anyhow!("encoding the metrics"))?;
    Ok(([(header::CONTENT_TYPE, metrics::CONTENT_TYPE)], text).into_response())
}
