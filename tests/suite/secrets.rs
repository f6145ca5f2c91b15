//! Encrypted tenant secrets at the library level: round trip, wrong keys, rotation, and that no
//! plaintext reaches the database or the audit log.

use geniai::db::{self, TenantId};
use geniai::secrets::{self, MasterKey, SetOutcome};
use sqlx::PgPool;

use super::support;

/// Creates tenants directly (the admin layer has its own tests).
pub async fn make_tenants(pool: &PgPool, slugs: &[&str]) -> Vec<TenantId> {
    let mut tx = db::platform_tx(pool).await.unwrap();
    let mut ids = Vec::new();
    for slug in slugs {
        let id: i32 = sqlx::query_scalar("INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id")
            .bind(slug)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        ids.push(TenantId(id));
    }
    tx.commit().await.unwrap();
    ids
}

/// Every stored byte of the secrets table and every audit entry, as one lossy string.
async fn everything_stored(pool: &PgPool) -> String {
    let mut tx = db::platform_tx(pool).await.unwrap();
    let secrets: Vec<(String, Vec<u8>, Vec<u8>, String)> =
        sqlx::query_as("SELECT name, nonce, ciphertext, key_id FROM tenant_secrets")
            .fetch_all(&mut *tx)
            .await
            .unwrap();
    let audit: Vec<String> =
        sqlx::query_scalar("SELECT row_to_json(a)::text FROM audit_log a").fetch_all(&mut *tx).await.unwrap();
    let mut all = String::new();
    for (name, nonce, ciphertext, key_id) in secrets {
        all.push_str(&format!(
            "{name} {} {} {key_id}\n",
            String::from_utf8_lossy(&nonce),
            String::from_utf8_lossy(&ciphertext)
        ));
    }
    all.push_str(&audit.join("\n"));
    all
}

#[tokio::test]
async fn secrets_round_trip_without_plaintext_in_the_database() {
    let db = support::migrated_db().await;
    let [acme] = make_tenants(&db.pool, &["acme"]).await[..] else { unreachable!() };
    let key = MasterKey::generate();
    let value = "postgres://reader:Pl41nT3xt-pw@chatwoot.internal/cw";

    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    assert_eq!(
        secrets::set(&mut tx, &key, "cli:test", "source_url", value).await.unwrap(),
        SetOutcome::Created
    );
    assert_eq!(
        secrets::set(&mut tx, &key, "cli:test", "source_url", value).await.unwrap(),
        SetOutcome::Updated
    );
    secrets::set(&mut tx, &key, "cli:test", "n8n_webhook", "https://n8n.example/hook/abcd9876")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    assert_eq!(secrets::get(&mut tx, &key, "source_url").await.unwrap().unwrap().as_str(), value);
    assert!(secrets::get(&mut tx, &key, "missing").await.unwrap().is_none());
    let listed = secrets::list(&mut tx).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["n8n_webhook", "source_url"]);
    assert!(listed.iter().all(|s| s.hint.is_none() && s.key_id == key.id()));
    let hinted = secrets::list_with_hints(&mut tx, &key).await.unwrap();
    assert_eq!(hinted[0].hint.as_deref(), Some("••••9876"));
    assert!(secrets::delete(&mut tx, "cli:test", "n8n_webhook").await.unwrap());
    assert!(!secrets::delete(&mut tx, "cli:test", "n8n_webhook").await.unwrap());
    tx.commit().await.unwrap();

    let stored = everything_stored(&db.pool).await;
    assert!(!stored.contains("Pl41nT3xt-pw"), "plaintext found in the database:\n{stored}");
    assert!(!stored.contains("abcd9876"), "plaintext found in the database:\n{stored}");
    for action in ["secret.set", "secret.delete"] {
        assert!(stored.contains(action), "no {action} audit entry:\n{stored}");
    }
}

#[tokio::test]
async fn a_wrong_key_is_a_clear_error_and_changes_nothing() {
    let db = support::migrated_db().await;
    let [acme] = make_tenants(&db.pool, &["acme"]).await[..] else { unreachable!() };
    let (right, wrong) = (MasterKey::generate(), MasterKey::generate());
    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    secrets::set(&mut tx, &right, "cli:test", "api_key", "value-1234-5678").await.unwrap();
    tx.commit().await.unwrap();
    let before = everything_stored(&db.pool).await;

    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    let err = secrets::get(&mut tx, &wrong, "api_key").await.unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains(right.id()) && message.contains(wrong.id()), "{message}");
    assert_eq!(geniai::error::exit_code(&err), 2);
    // Setting another secret under a different key is refused too: one tenant, one key.
    let err = secrets::set(&mut tx, &wrong, "cli:test", "other", "x").await.unwrap_err();
    assert!(format!("{err:#}").contains("sealed with master key"), "{err:#}");
    drop(tx);
    assert_eq!(everything_stored(&db.pool).await, before);

    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    assert_eq!(secrets::get(&mut tx, &right, "api_key").await.unwrap().unwrap().as_str(), "value-1234-5678");
}

#[tokio::test]
async fn a_ciphertext_moved_to_another_tenant_does_not_decrypt() {
    let db = support::migrated_db().await;
    let [a, b] = make_tenants(&db.pool, &["tenant-a", "tenant-b"]).await[..] else { unreachable!() };
    let key = MasterKey::generate();
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    secrets::set(&mut tx, &key, "cli:test", "api_key", "only-for-a-1234").await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    sqlx::query(
        "INSERT INTO tenant_secrets (tenant_id, name, nonce, ciphertext, key_id)
         SELECT $2, name, nonce, ciphertext, key_id FROM tenant_secrets WHERE tenant_id = $1",
    )
    .bind(a)
    .bind(b)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    let err = secrets::get(&mut tx, &key, "api_key").await.unwrap_err();
    assert!(format!("{err:#}").contains("does not decrypt"), "{err:#}");
}

#[tokio::test]
async fn rotation_reencrypts_everything_or_nothing() {
    let db = support::migrated_db().await;
    let tenants = make_tenants(&db.pool, &["tenant-a", "tenant-b"]).await;
    let (old, new) = (MasterKey::generate(), MasterKey::generate());
    for (i, tenant) in tenants.iter().enumerate() {
        let mut tx = db::tenant_tx(&db.pool, *tenant).await.unwrap();
        secrets::set(&mut tx, &old, "cli:test", "source_url", &format!("postgres://u@h/value-of-{i}-xyz"))
            .await
            .unwrap();
        secrets::set(&mut tx, &old, "cli:test", "api_key", &format!("key-of-{i}-xyz")).await.unwrap();
        tx.commit().await.unwrap();
    }

    // A damaged secret aborts the rotation, and nothing changes.
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    sqlx::query("UPDATE tenant_secrets SET ciphertext = '\\x00' || ciphertext WHERE tenant_id = $1 AND name = 'api_key'")
        .bind(tenants[1])
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let before = everything_stored(&db.pool).await;
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let err = secrets::rotate(&mut tx, &old, &new, "cli:test", |_, _| {}).await.unwrap_err();
    assert!(format!("{err:#}").contains("rotation aborted"), "{err:#}");
    drop(tx);
    assert_eq!(everything_stored(&db.pool).await, before);

    // Repaired, the rotation goes through and reports progress.
    let mut tx = db::tenant_tx(&db.pool, tenants[1]).await.unwrap();
    secrets::set(&mut tx, &old, "cli:test", "api_key", "key-of-1-xyz").await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let mut seen = Vec::new();
    let summary = secrets::rotate(&mut tx, &old, &new, "cli:test", |done, total| seen.push((done, total)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(summary.reencrypted, 4);
    assert_eq!(seen.last(), Some(&(4, 4)));

    for (i, tenant) in tenants.iter().enumerate() {
        let mut tx = db::tenant_tx(&db.pool, *tenant).await.unwrap();
        let value = secrets::get(&mut tx, &new, "source_url").await.unwrap().unwrap();
        assert_eq!(value.as_str(), format!("postgres://u@h/value-of-{i}-xyz"));
        assert!(secrets::get(&mut tx, &old, "source_url").await.is_err());
        assert!(secrets::list(&mut tx).await.unwrap().iter().all(|s| s.key_id == new.id()));
    }
    let stored = everything_stored(&db.pool).await;
    assert!(stored.contains("secret.rotate_key") && !stored.contains("-xyz"), "{stored}");

    // Rotating to the same key is refused.
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    assert!(secrets::rotate(&mut tx, &new, &new, "cli:test", |_, _| {}).await.is_err());
}

#[tokio::test]
async fn a_second_key_cannot_seal_another_tenants_first_secret() {
    let db = support::migrated_db().await;
    let [a, b] = make_tenants(&db.pool, &["tenant-a", "tenant-b"]).await[..] else { unreachable!() };
    let (right, wrong) = (MasterKey::generate(), MasterKey::generate());
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    secrets::set(&mut tx, &right, "cli:test", "api_key", "value-for-a").await.unwrap();
    tx.commit().await.unwrap();

    // Tenant B has no secret yet, so only the platform-wide record can catch the wrong key.
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    let err = secrets::set(&mut tx, &wrong, "cli:test", "api_key", "value-for-b").await.unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains(right.id()) && message.contains(wrong.id()), "{message}");
    drop(tx);
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    assert!(secrets::list(&mut tx).await.unwrap().is_empty());
    assert_eq!(secrets::key_in_use(&mut tx).await.unwrap().as_deref(), Some(right.id()));
    secrets::set(&mut tx, &right, "cli:test", "api_key", "value-for-b").await.unwrap();
    tx.commit().await.unwrap();

    // After a rotation, the new key is the one in use, and the old one is refused.
    let new = MasterKey::generate();
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    secrets::rotate(&mut tx, &right, &new, "cli:test", |_, _| {}).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    assert_eq!(secrets::key_in_use(&mut tx).await.unwrap().as_deref(), Some(new.id()));
    assert!(secrets::set(&mut tx, &right, "cli:test", "other", "x").await.is_err());
}
