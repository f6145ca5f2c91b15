//! The isolation checks of the main suite (tests/suite/isolation.rs) against the coordinator,
//! where the rows live on the workers' shards and the tenant context must reach them.

use geniai::db::{self, TENANT_TABLES};
use sqlx::Connection;

use super::cluster;
use super::support;
use super::tenant_rows::{count, insert_sql, tenant_ids_visible, two_tenants_with_data};

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn without_a_tenant_context_the_coordinator_returns_nothing() {
    let db = cluster::migrated().await;
    two_tenants_with_data(&db.pool, "none").await;
    let mut conn = db.pool.acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    sqlx::raw_sql("SET LOCAL citus.propagate_set_commands = 'local'; SET LOCAL ROLE geniai_tenant")
        .execute(&mut *tx)
        .await
        .unwrap();
    for table in TENANT_TABLES.iter().chain(["tenants", "inbox_mappings", "audit_log"].iter()) {
        assert_eq!(count(&mut tx, table).await, 0, "{table} leaked rows with no tenant context");
    }
    assert!(sqlx::query("SELECT 1 FROM users").execute(&mut *tx).await.is_err());
}

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn a_tenant_context_sees_only_that_tenant_on_every_worker() {
    let db = cluster::migrated().await;
    let (a, b) = two_tenants_with_data(&db.pool, "only").await;
    for tenant in [a, b] {
        let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
        for table in TENANT_TABLES.iter().chain(["tenants", "inbox_mappings", "audit_log"].iter()) {
            assert_eq!(
                tenant_ids_visible(&mut tx, table).await,
                vec![tenant.0],
                "{table} under tenant {tenant}"
            );
        }
    }
    // The platform path sees both (and the other tests' tenants).
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    for table in TENANT_TABLES {
        let seen = tenant_ids_visible(&mut tx, table).await;
        assert!(seen.contains(&a.0) && seen.contains(&b.0), "{table}: the platform path sees {seen:?}");
    }
}

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn writing_a_row_for_another_tenant_is_refused_by_the_shards() {
    let db = cluster::migrated().await;
    let (a, b) = two_tenants_with_data(&db.pool, "write").await;
    for table in TENANT_TABLES {
        let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
        let err = sqlx::query(insert_sql(table)).bind(b.0).bind(99_i32).execute(&mut *tx).await;
        let err = err.expect_err(&format!("{table}: inserting a row for B under A's context must fail"));
        assert_eq!(geniai::error::sqlstate(&err).as_deref(), Some("42501"), "{table}: {err}");
    }
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    let deleted =
        sqlx::query("DELETE FROM conversations WHERE tenant_id = $1").bind(b.0).execute(&mut *tx).await;
    assert_eq!(deleted.unwrap().rows_affected(), 0, "A deleted B's conversation");
    tx.commit().await.unwrap();
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    assert_eq!(count(&mut tx, "conversations").await, 1);
}

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn a_tenant_writes_its_own_settings_and_deleting_it_removes_them() {
    let db = cluster::migrated().await;
    let slug = "settings-a";
    support::geniai(&db).args(["tenant", "create", "--slug", slug, "--name", slug]).assert().success();
    // Saved in the tenant's own transaction (a reference table, written on every node).
    support::geniai(&db)
        .args(["tenant", "settings", slug, "--display-name", "Alpha Settings"])
        .assert()
        .success();
    let tenant = cluster::tenant_id(&db.pool, slug).await;
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    let name: Option<String> = sqlx::query_scalar("SELECT display_name FROM tenant_settings")
        .fetch_optional(&mut *tx)
        .await
        .unwrap()
        .flatten();
    assert_eq!(name.as_deref(), Some("Alpha Settings"));
    drop(tx);
    support::geniai(&db).args(["tenant", "delete", slug, "--yes"]).assert().success();
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let left: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM tenant_settings WHERE tenant_id = $1)
              + (SELECT count(*) FROM tenant_secrets WHERE tenant_id = $1)",
    )
    .bind(tenant)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    assert_eq!(left, 0, "the deleted tenant's settings stayed");
}
