//! A tenant's report is one task on one worker: the tenant filter the report code adds lets
//! Citus route the whole statement to the shards of that tenant, and nothing is broadcast.

use chrono::{Duration, Utc};
use geniai::db;
use geniai::reports::{Bucket, Grouping, TenantFilter, aggregate, rollups};

use super::cluster;
use super::tenant_rows::two_tenants_with_data;

/// The text plan of `sql` with the report parameters of the last 30 days, in `tenant`'s
/// transaction.
async fn plan(pool: &sqlx::PgPool, tenant: db::TenantId, sql: &str) -> String {
    let mut tx = db::tenant_tx(pool, tenant).await.unwrap();
    let to = Utc::now();
    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("EXPLAIN {sql}")))
        .bind(to - Duration::days(30))
        .bind(to)
        .bind(false)
        .bind(Vec::<String>::new())
        .bind(Vec::<String>::new())
        // The buckets' unit, timezone and key pattern (unused by the other statements).
        .bind("day")
        .bind("UTC")
        .bind("YYYY-MM-DD")
        .fetch_all(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("EXPLAIN {sql}: {e}"));
    rows.join("\n")
}

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn a_tenant_report_is_a_single_task_on_the_tenants_worker() {
    let db = cluster::migrated().await;
    let (a, b) = two_tenants_with_data(&db.pool, "plan").await;
    for tenant in [a, b] {
        let worker = cluster::worker_of(&db.pool, tenant).await;
        let filter = TenantFilter::Explicit(tenant);
        let mut reports = vec![
            (
                "kpis from the rollups".to_string(),
                rollups::aggregate_sql(Grouping::Total, filter, rollups::RollupSource::Buckets),
            ),
            (
                "daily from the rollups".to_string(),
                rollups::aggregate_sql(Grouping::Bucket(Bucket::Day), filter, rollups::RollupSource::Buckets),
            ),
            (
                "labels from the rollups".to_string(),
                rollups::aggregate_sql(Grouping::Label, filter, rollups::RollupSource::Buckets),
            ),
            (
                "daily from the facts".to_string(),
                aggregate::aggregate_sql(Grouping::Bucket(Bucket::Day), filter),
            ),
        ];
        for grouping in [Grouping::Inbox, Grouping::Agent, Grouping::Team, Grouping::Label, Grouping::Channel]
        {
            reports.push((
                format!("{} from the facts", grouping_name(grouping)),
                aggregate::aggregate_sql(grouping, filter),
            ));
        }
        for (what, sql) in reports {
            let plan = plan(&db.pool, tenant, &sql).await;
            assert!(plan.contains("Custom Scan (Citus Adaptive)"), "{what}: not a Citus plan:\n{plan}");
            assert!(plan.contains("Task Count: 1\n"), "{what}: more than one task:\n{plan}");
            let nodes: Vec<&str> = plan.lines().filter(|l| l.trim_start().starts_with("Node: ")).collect();
            assert_eq!(nodes.len(), 1, "{what}: one node expected:\n{plan}");
            assert!(
                nodes[0].contains(&format!("port={worker} ")),
                "{what}: not on the tenant's worker {worker}:\n{plan}"
            );
        }
    }
}

fn grouping_name(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::Inbox => "inboxes",
        Grouping::Agent => "agents",
        Grouping::Team => "teams",
        Grouping::Label => "labels",
        Grouping::Channel => "channels",
        _ => "other",
    }
}
