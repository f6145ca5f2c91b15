//! `geniai doctor`: findings and exit codes on healthy and broken installations.

use geniai::db;
use geniai::secrets::{self, MasterKey};
use serde_json::Value;

use super::support::{self, TestDb};

fn doctor(db: &TestDb, source: Option<&TestDb>, key: Option<&MasterKey>) -> (i32, Vec<Value>) {
    let mut cmd = support::geniai(db);
    cmd.args(["doctor", "--format", "json"]);
    if let Some(source) = source {
        cmd.env("GENIAI_SOURCE_URL", &source.url);
    }
    if let Some(key) = key {
        cmd.env("GENIAI_MASTER_KEY", key.to_base64().as_str());
    }
    let out = cmd.output().unwrap();
    let findings: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), findings.as_array().unwrap().clone())
}

fn finding<'a>(findings: &'a [Value], check: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("no finding {check} in {findings:?}"))
}

async fn source_with_inbox(id: i32) -> TestDb {
    let source = support::fresh_db().await;
    geniai::source::create_schema(&source.pool).await.unwrap();
    sqlx::query("INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, created_at, updated_at) VALUES ($1, 1, 1, 'Chat', 'Channel::Api', now(), now())")
        .bind(id)
        .execute(&source.pool)
        .await
        .unwrap();
    source
}

async fn tenant_with_inboxes(db: &TestDb, slug: &str, inboxes: &[i32]) -> db::TenantId {
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let id: i32 = sqlx::query_scalar("INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id")
        .bind(slug)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    for inbox in inboxes {
        sqlx::query("INSERT INTO inbox_mappings (inbox_id, tenant_id) VALUES ($1, $2)")
            .bind(inbox)
            .bind(id)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    db::TenantId(id)
}

#[tokio::test]
async fn an_unmigrated_database_fails_with_the_fix() {
    let db = support::fresh_db().await;
    let (code, findings) = doctor(&db, None, None);
    assert_eq!(code, 1);
    let migrations = finding(&findings, "target.migrations");
    assert_eq!(migrations["status"], "fail");
    assert!(migrations["fix"].as_str().unwrap().contains("geniai migrate"));
}

#[tokio::test]
async fn a_healthy_installation_passes_and_names_what_could_be_better() {
    let db = support::migrated_db().await;
    let source = source_with_inbox(7).await;
    let key = MasterKey::generate();
    let tenant = tenant_with_inboxes(&db, "acme", &[7, 8]).await;
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    secrets::set(&mut tx, &key, "test", "n8n_webhook", "https://hooks.example/abc").await.unwrap();
    tx.commit().await.unwrap();

    let (code, findings) = doctor(&db, Some(&source), Some(&key));
    assert_eq!(code, 0, "{findings:#?}");
    for check in [
        "target.migrations",
        "target.rls",
        "target.roles",
        "secrets.master_key",
        "source.reachable",
        "source.columns",
    ] {
        assert_eq!(finding(&findings, check)["status"], "ok", "{check}");
    }
    // Inbox 8 is mapped but does not exist in the source; the tenant has never been synced.
    let inboxes = finding(&findings, "source.inboxes");
    assert_eq!(inboxes["status"], "warn");
    assert!(inboxes["detail"].as_str().unwrap().contains("acme: inbox 8"), "{inboxes}");
    assert_eq!(finding(&findings, "etl.acme")["status"], "warn");
    assert!(
        finding(&findings, "source.indexes")["fix"].as_str().unwrap().contains("CREATE INDEX CONCURRENTLY")
    );
}

#[tokio::test]
async fn a_wrong_master_key_and_weakened_rls_fail() {
    let db = support::migrated_db().await;
    let tenant = tenant_with_inboxes(&db, "acme", &[]).await;
    let mut tx = db::tenant_tx(&db.pool, tenant).await.unwrap();
    secrets::set(&mut tx, &MasterKey::generate(), "test", "api_key", "sk-live-123456").await.unwrap();
    tx.commit().await.unwrap();

    let (code, findings) = doctor(&db, None, Some(&MasterKey::generate()));
    assert_eq!(code, 1);
    assert_eq!(finding(&findings, "secrets.master_key")["status"], "fail");
    let (code, findings) = doctor(&db, None, None);
    assert_eq!(code, 1);
    assert_eq!(finding(&findings, "secrets.master_key")["status"], "fail");

    sqlx::query("ALTER TABLE messages NO FORCE ROW LEVEL SECURITY").execute(&db.pool).await.unwrap();
    let (_, findings) = doctor(&db, None, None);
    let rls = finding(&findings, "target.rls");
    assert_eq!(rls["status"], "fail");
    assert!(rls["detail"].as_str().unwrap().contains("messages"));
}

/// Gives `tenant` one stream watermark `behind` the clock and a successful run that finished
/// `checked` ago (all through the platform path, as the ETL's bookkeeping would leave them).
async fn synced(db: &TestDb, tenant: db::TenantId, behind: &str, checked: &str) {
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    sqlx::query(
        "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id)
         VALUES ($1, 'messages', now() - $2::interval, 1)",
    )
    .bind(tenant)
    .bind(behind)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO etl_runs (tenant_id, trigger, status, started_at, finished_at, rows_read, rows_written)
         VALUES ($1, 'watch', 'succeeded', now() - $2::interval, now() - $2::interval, 0, 0)",
    )
    .bind(tenant)
    .bind(checked)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A tenant whose runs keep succeeding while its watermark stays five hours behind (a source
/// transaction holding the bound back) is stale by the lag that `etl status` and `/metrics`
/// show, not fresh by the time of its last run; the finding names it and points at the sync.
#[tokio::test]
async fn a_tenant_behind_the_source_is_stale_even_when_its_runs_succeed() {
    let db = support::migrated_db().await;
    let stale = tenant_with_inboxes(&db, "stale", &[]).await;
    let fresh = tenant_with_inboxes(&db, "fresh", &[]).await;
    synced(&db, stale, "5 hours", "1 minute").await;
    synced(&db, fresh, "40 seconds", "30 seconds").await;

    let (_, findings) = doctor(&db, None, None);
    let stale = finding(&findings, "etl.stale");
    assert_eq!(stale["status"], "warn", "{stale}");
    let detail = stale["detail"].as_str().unwrap();
    assert!(detail.contains("stale") && detail.contains("5h 00m"), "{stale}");
    assert!(stale["fix"].as_str().unwrap().contains("etl --all-tenants --watch"), "{stale}");
    let fresh = finding(&findings, "etl.fresh");
    assert_eq!(fresh["status"], "ok", "{fresh}");
    assert!(fresh["detail"].as_str().unwrap().contains("40s behind"), "{fresh}");
}
