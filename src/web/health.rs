//! `/healthz` (is the database reachable) and `/metrics` (Prometheus text: request statistics,
//! plus ETL lag and last-run status per tenant, read through the platform path).
//!
//! Neither carries client data beyond tenant slugs and ETL timings, which is what monitoring
//! needs; deployments that expose geniai publicly should keep `/metrics` behind the proxy.

use std::fmt::Write as _;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};

use super::metrics::escape_label;
use super::{AppState, WebError};
use crate::db;

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
    newest_watermark: Option<DateTime<Utc>>,
}

async fn metrics(State(state): State<AppState>) -> Result<Response, WebError> {
    let mut out = state.metrics.render();
    out.push_str("# HELP geniai_report_computations_total Reports computed rather than served from the report cache.\n");
    out.push_str("# TYPE geniai_report_computations_total counter\n");
    out.push_str(&format!("geniai_report_computations_total {}\n", state.reports.computations()));
    let mut tx = db::platform_tx(&state.pool).await?;
    let tenants: Vec<EtlState> = sqlx::query_as(
        "SELECT t.slug, t.status, r.status AS last_status, r.finished_at AS last_finished_at,
                w.newest AS newest_watermark
           FROM tenants t
           LEFT JOIN LATERAL (
                SELECT status, finished_at FROM etl_runs
                 WHERE tenant_id = t.id ORDER BY started_at DESC LIMIT 1) r ON true
           LEFT JOIN LATERAL (
                SELECT max(cursor_ts) AS newest FROM etl_watermarks WHERE tenant_id = t.id) w ON true
          ORDER BY t.slug",
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let now = Utc::now();
    out.push_str(
        "# HELP geniai_tenant_active Whether the tenant is active (1) or suspended/cancelled (0).\n",
    );
    out.push_str("# TYPE geniai_tenant_active gauge\n");
    for t in &tenants {
        let _ = writeln!(
            out,
            "geniai_tenant_active{{tenant=\"{}\"}} {}",
            escape_label(&t.slug),
            u8::from(t.status == "active")
        );
    }
    out.push_str(
        "# HELP geniai_etl_lag_seconds Age of the newest source change the tenant's ETL has loaded.\n",
    );
    out.push_str("# TYPE geniai_etl_lag_seconds gauge\n");
    for t in &tenants {
        if let Some(mark) = t.newest_watermark {
            let lag = (now - mark).num_milliseconds() as f64 / 1000.0;
            let _ = writeln!(out, "geniai_etl_lag_seconds{{tenant=\"{}\"}} {lag}", escape_label(&t.slug));
        }
    }
    out.push_str(
        "# HELP geniai_etl_last_run_success Whether the tenant's last ETL run succeeded (1) or not (0).\n",
    );
    out.push_str("# TYPE geniai_etl_last_run_success gauge\n");
    out.push_str("# HELP geniai_etl_last_run_info The status of the tenant's last ETL run, as a label.\n");
    out.push_str("# TYPE geniai_etl_last_run_info gauge\n");
    out.push_str("# HELP geniai_etl_last_run_finished_timestamp_seconds When the last ETL run finished.\n");
    out.push_str("# TYPE geniai_etl_last_run_finished_timestamp_seconds gauge\n");
    for t in &tenants {
        let Some(status) = &t.last_status else { continue };
        let slug = escape_label(&t.slug);
        let _ = writeln!(
            out,
            "geniai_etl_last_run_success{{tenant=\"{slug}\"}} {}",
            u8::from(status == "succeeded")
        );
        let _ = writeln!(
            out,
            "geniai_etl_last_run_info{{tenant=\"{slug}\",status=\"{}\"}} 1",
            escape_label(status)
        );
        if let Some(done) = t.last_finished_at {
            let _ = writeln!(
                out,
                "geniai_etl_last_run_finished_timestamp_seconds{{tenant=\"{slug}\"}} {}",
                done.timestamp()
            );
        }
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], out).into_response())
}
