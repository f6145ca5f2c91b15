//! The audit log at the library level: recording from both transaction kinds, redaction, RLS on
//! the tenant path, append-only.

use geniai::audit::{self, AuditEntry, AuditQuery, REDACTED};
use geniai::db;
use serde_json::json;

use super::secrets::make_tenants;
use super::support;

#[tokio::test]
async fn entries_are_recorded_redacted_from_both_paths_and_read_back() {
    let db = support::migrated_db().await;
    let [a, b] = make_tenants(&db.pool, &["tenant-a", "tenant-b"]).await[..] else { unreachable!() };

    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let entry = AuditEntry::new("web:root@example.com", "user.create", "user:ana@example.com")
        .tenant(a)
        .after(json!({"email": "ana@example.com", "password_hash": "$argon2id$secret-hash"}));
    audit::record(&mut tx, entry).await.unwrap();
    audit::record(&mut tx, AuditEntry::new("cli:root", "keygen", "master_key")).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    let entry = AuditEntry::new("web:bob@example.com", "settings.update", "tenant:tenant-b")
        .tenant(b)
        .before(json!({"primary_color": null}))
        .after(json!({"primary_color": "#112233"}));
    audit::record(&mut tx, entry).await.unwrap();
    // The tenant path cannot write entries about another tenant.
    let foreign = AuditEntry::new("web:bob@example.com", "tenant.suspend", "tenant:tenant-a").tenant(a);
    assert!(audit::record(&mut tx, foreign).await.is_err());
    drop(tx);
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    let entry = AuditEntry::new("web:bob@example.com", "settings.update", "tenant:tenant-b")
        .tenant(b)
        .after(json!({"primary_color": "#112233"}));
    audit::record(&mut tx, entry).await.unwrap();
    // And reads only its own.
    let own = audit::list(&mut tx, &AuditQuery::default()).await.unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].tenant.as_deref(), Some("tenant-b"));
    tx.commit().await.unwrap();

    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let all = audit::list(&mut tx, &AuditQuery::default()).await.unwrap();
    assert_eq!(all.len(), 3);
    let user = all.iter().find(|r| r.action == "user.create").unwrap();
    assert_eq!(user.actor, "web:root@example.com");
    assert_eq!(user.after.as_ref().unwrap()["password_hash"], REDACTED);
    assert_eq!(user.after.as_ref().unwrap()["email"], "ana@example.com");
    let only_a =
        audit::list(&mut tx, &AuditQuery { tenant: Some(a), ..AuditQuery::default() }).await.unwrap();
    assert_eq!(only_a.len(), 1);
    let limited = audit::list(&mut tx, &AuditQuery { limit: 2, ..AuditQuery::default() }).await.unwrap();
    assert_eq!(limited.len(), 2);
    let future = chrono::Utc::now() + chrono::Duration::hours(1);
    let none =
        audit::list(&mut tx, &AuditQuery { since: Some(future), ..AuditQuery::default() }).await.unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn the_audit_log_cannot_be_rewritten_by_the_application_roles() {
    let db = support::migrated_db().await;
    let [a] = make_tenants(&db.pool, &["tenant-a"]).await[..] else { unreachable!() };
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    audit::record(&mut tx, AuditEntry::new("cli:root", "tenant.create", "tenant:tenant-a").tenant(a))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for statement in ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"] {
        let mut tx = db::platform_tx(&db.pool).await.unwrap();
        assert!(sqlx::query(statement).execute(&mut *tx).await.is_err(), "{statement} succeeded");
    }
}
