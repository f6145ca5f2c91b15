//! How fresh a tenant's analytics copy is, as the dashboard, `/metrics` and `geniai doctor` show
//! it. The definition lives in one SQL function, `etl_freshness` (migration 0018), which
//! `etl status` matches: the lag is now minus the oldest stream watermark, i.e. how far behind
//! the source's clock the copy is known to be complete as of the last successful check.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{PlatformTx, TenantTx};

/// One tenant's freshness.
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow)]
pub struct Freshness {
    /// The source time up to which every stream is loaded (the oldest watermark); none before the
    /// first successful run.
    pub as_of: Option<DateTime<Utc>>,
    /// Now minus `as_of`, in seconds.
    pub lag_seconds: Option<f64>,
    /// When the last successful run finished, whether or not it found anything new.
    pub last_check_at: Option<DateTime<Utc>>,
    /// When the last run that wrote something finished: the figures change only when this does.
    pub last_change_at: Option<DateTime<Utc>>,
    /// The source time of the newest message, event or CSAT answer loaded (stands still while
    /// Chatwoot is quiet, so it is shown, never used as the lag).
    pub last_change_source_at: Option<DateTime<Utc>>,
}

/// The freshness of the transaction's own tenant (row-level security applies).
pub async fn of_tenant(tx: &mut TenantTx) -> Result<Freshness> {
    let tenant = tx.tenant();
    sqlx::query_as("SELECT * FROM etl_freshness($1)")
        .bind(tenant)
        .fetch_one(&mut **tx)
        .await
        .context("reading the tenant's ETL freshness")
}

/// Every tenant's freshness, by slug, through the platform path.
pub async fn all(tx: &mut PlatformTx) -> Result<Vec<(String, Freshness)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        #[sqlx(flatten)]
        freshness: Freshness,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.slug, f.* FROM tenants t CROSS JOIN LATERAL etl_freshness(t.id) f ORDER BY t.slug",
    )
    .fetch_all(&mut **tx)
    .await
    .context("reading the tenants' ETL freshness")?;
    Ok(rows.into_iter().map(|r| (r.slug, r.freshness)).collect())
}

/// "12 s ago", "4 min ago", "3 h ago", "2 d ago": the dashboard's wording, which
/// `static/freshness.js` repeats when it updates the text.
pub fn ago(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    match s {
        0..60 => format!("{s} s ago"),
        60..3600 => format!("{} min ago", s / 60),
        3600..86_400 => format!("{} h ago", s / 3600),
        _ => format!("{} d ago", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn ages_are_worded_like_the_script_does() {
        assert_eq!(ago(-3.0), "0 s ago");
        assert_eq!(ago(12.4), "12 s ago");
        assert_eq!(ago(59.6), "1 min ago");
        assert_eq!(ago(7200.0), "2 h ago");
        assert_eq!(ago(200_000.0), "2 d ago");
    }
}
