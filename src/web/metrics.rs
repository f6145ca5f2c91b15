//! Request counters and latency histograms, per route pattern, for `/metrics`.
//!
//! Labels use the route pattern (`/admin/tenants/{slug}`), never the raw path, so that the number
//! of series stays bounded whatever URLs clients send.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Default, Clone)]
struct Series {
    count: u64,
    sum_seconds: f64,
    /// Non-cumulative counts per bucket; the last slot is +Inf.
    buckets: [u64; BUCKETS.len() + 1],
}

/// The request statistics of this server process.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Counts one request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let entry = series.entry((method.to_string(), route.to_string(), status)).or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        let slot = BUCKETS.iter().position(|b| seconds <= *b).unwrap_or(BUCKETS.len());
        entry.buckets[slot] += 1;
    }

    /// The statistics in the Prometheus text format.
    pub fn render(&self) -> String {
        let series = self.series.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let mut out = String::new();
        out.push_str(
            "# HELP geniai_http_requests_total HTTP requests served, by route pattern and status.\n",
        );
        out.push_str("# TYPE geniai_http_requests_total counter\n");
        for ((method, route, status), s) in &series {
            let _ = writeln!(
                out,
                "geniai_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape_label(route),
                s.count
            );
        }
        out.push_str("# HELP geniai_http_request_duration_seconds Time to produce the response.\n");
        out.push_str("# TYPE geniai_http_request_duration_seconds histogram\n");
        let mut merged: BTreeMap<(String, String), Series> = BTreeMap::new();
        for ((method, route, _), s) in &series {
            let m = merged.entry((method.clone(), route.clone())).or_default();
            m.count += s.count;
            m.sum_seconds += s.sum_seconds;
            for (slot, n) in s.buckets.iter().enumerate() {
                m.buckets[slot] += n;
            }
        }
        for ((method, route), s) in &merged {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape_label(route));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(s.buckets.iter()) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "geniai_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "geniai_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(out, "geniai_http_request_duration_seconds_sum{{{labels}}} {}", s.sum_seconds);
            let _ = writeln!(out, "geniai_http_request_duration_seconds_count{{{labels}}} {}", s.count);
        }
        out
    }
}

/// Escapes a Prometheus label value.
pub fn escape_label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Middleware: times each request and counts it under its route pattern.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let response = next.run(request).await;
    state.metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}
