//! Request counters and latency histograms, per route pattern, and the `/metrics` exposition,
//! encoded by `prometheus-client` (OpenMetrics text: each family's lines one group).
//!
//! Labels use the route pattern (`/admin/tenants/{slug}`), never the raw path, so that the number
//! of series stays bounded whatever URLs clients send.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::AppState;
use super::login::LoginGate;

/// The content type of [`encode`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 11] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: String,
}

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// The request statistics of this server process.
pub struct Metrics {
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            requests: Family::default(),
            durations: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
        }
    }
}

impl Metrics {
    /// Counts one request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let (method, route) = (method.to_string(), route.to_string());
        self.durations
            .get_or_create(&RouteLabels { method: method.clone(), route: route.clone() })
            .observe(seconds);
        self.requests.get_or_create(&RequestLabels { method, route, status }).inc();
    }

    /// A registry holding this process's request families (sharing their counts), to which a
    /// scrape adds the families it reads elsewhere before [`encode`].
    pub fn registry(&self) -> Registry {
        let mut registry = Registry::default();
        registry.register(
            "geniai_http_requests",
            "HTTP requests served, by route pattern and status",
            self.requests.clone(),
        );
        registry.register(
            "geniai_http_request_duration_seconds",
            "Time to produce the response",
            self.durations.clone(),
        );
        registry
    }
}

/// Adds the login gate's counters to `registry`: `geniai_login_attempts_total` by `outcome`,
/// `checked` (a password was verified), `refused_unchecked` (over a limit, refused before any
/// check) or `busy` (answered 503). Each attempt has one outcome, so their sum is every attempt.
pub fn register_logins(registry: &mut Registry, gate: &LoginGate) {
    let attempts = Family::<OutcomeLabels, Counter>::default();
    for (outcome, count) in
        [("checked", gate.checked()), ("refused_unchecked", gate.refused_unchecked()), ("busy", gate.busy())]
    {
        attempts.get_or_create(&OutcomeLabels { outcome: outcome.to_string() }).inc_by(count);
    }
    registry.register("geniai_login_attempts", "Login attempts this process answered, by outcome", attempts);
}

/// The registry as OpenMetrics text ([`CONTENT_TYPE`]).
pub fn encode(registry: &Registry) -> Result<String, std::fmt::Error> {
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, registry)?;
    Ok(text)
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

/// The bearer token `/metrics` requires, when `geniai serve` is given one. Only its SHA-256 is
/// kept, and a presented token is compared by digest in constant time.
#[derive(Clone)]
pub struct MetricsToken([u8; 32]);

/// The shortest token accepted: a guessable token would make the check pointless.
pub const MIN_TOKEN_LEN: usize = 16;

impl MetricsToken {
    /// The token `text` (surrounding whitespace, such as a file's final newline, dropped).
    pub fn new(text: &str) -> Result<Self, String> {
        let token = text.trim();
        if token.len() < MIN_TOKEN_LEN {
            return Err(format!("the metrics token must have at least {MIN_TOKEN_LEN} characters"));
        }
        if !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("the metrics token must be printable ASCII without spaces".into());
        }
        Ok(MetricsToken(digest(token.as_bytes())))
    }

    /// Whether `authorization` (an `Authorization` header value) is `Bearer <this token>`.
    pub fn allows(&self, authorization: Option<&[u8]>) -> bool {
        use subtle::ConstantTimeEq;
        let Some(presented) = authorization.and_then(|h| h.strip_prefix(b"Bearer ")) else {
            return false;
        };
        digest(presented).ct_eq(&self.0).into()
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(<redacted>)")
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_checked_and_never_shown() {
        let token = MetricsToken::new("s3cret-token-0123456789\n").unwrap();
        assert!(token.allows(Some(b"Bearer s3cret-token-0123456789")));
        for wrong in [
            &b"Bearer s3cret-token-012345678"[..],
            b"bearer s3cret-token-0123456789",
            b"s3cret-token-0123456789",
            b"",
        ] {
            assert!(!token.allows(Some(wrong)), "{:?}", String::from_utf8_lossy(wrong));
        }
        assert!(!token.allows(None));
        assert!(!format!("{token:?}").contains("s3cret"));
        assert!(MetricsToken::new("short").is_err());
        assert!(MetricsToken::new("has a space in the middle").is_err());
    }
}
