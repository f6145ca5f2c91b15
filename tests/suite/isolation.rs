//! Attempts to break tenant isolation, for every tenant-scoped table, as the application role.

use geniai::db::{self, PLATFORM_TABLES_WITH_TENANT, TENANT_TABLES, TenantId};
use sqlx::{Connection, PgConnection, PgPool};

use super::support::{self, TestDb};
use super::tenant_rows::{count, insert_sql, tenant_ids_visible};

async fn two_tenants_with_data(pool: &PgPool) -> (TenantId, TenantId) {
    super::tenant_rows::two_tenants_with_data(pool, "tenant").await
}

#[tokio::test]
async fn every_table_with_a_tenant_column_has_forced_rls_and_is_covered_here() {
    let db = support::migrated_db().await;
    let tables: Vec<(String, bool, bool)> = sqlx::query_as(
        "SELECT c.relname::text, c.relrowsecurity, c.relforcerowsecurity
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'
            AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
          ORDER BY 1",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(tables.len() >= TENANT_TABLES.len());
    for (table, enabled, forced) in &tables {
        assert!(*enabled && *forced, "{table} must have RLS enabled and forced");
        assert!(
            TENANT_TABLES.contains(&table.as_str()) || PLATFORM_TABLES_WITH_TENANT.contains(&table.as_str()),
            "{table} carries tenant_id but is not listed in TENANT_TABLES: list it and cover it in these tests"
        );
    }
    for table in TENANT_TABLES {
        assert!(tables.iter().any(|(t, _, _)| t == table), "{table} is missing from the schema");
    }
}

#[tokio::test]
async fn without_a_tenant_context_the_tenant_role_sees_nothing() {
    let db = support::migrated_db().await;
    two_tenants_with_data(&db.pool).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    sqlx::raw_sql("SET LOCAL ROLE geniai_tenant").execute(&mut *tx).await.unwrap();
    for table in TENANT_TABLES.iter().chain(["tenants", "inbox_mappings", "audit_log"].iter()) {
        assert_eq!(count(&mut tx, table).await, 0, "{table} leaked rows with no tenant context");
    }
    // The tenant role has no grant on users/sessions at all.
    assert!(sqlx::query("SELECT 1 FROM users").execute(&mut *tx).await.is_err());
}

#[tokio::test]
async fn an_empty_tenant_context_left_by_an_earlier_transaction_sees_nothing() {
    let db = support::migrated_db().await;
    let (a, _) = two_tenants_with_data(&db.pool).await;
    let pool = db.single_connection_pool().await;
    let tx = db::tenant_tx(&pool, a).await.unwrap();
    tx.commit().await.unwrap();
    // The same connection now reads the setting as '' (not NULL): still no rows, no error.
    let mut conn = pool.acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    sqlx::raw_sql("SET LOCAL ROLE geniai_tenant").execute(&mut *tx).await.unwrap();
    for table in TENANT_TABLES {
        assert_eq!(count(&mut tx, table).await, 0, "{table} leaked rows with an empty context");
    }
}

#[tokio::test]
async fn a_tenant_context_sees_only_that_tenant() {
    let db = support::migrated_db().await;
    let (a, b) = two_tenants_with_data(&db.pool).await;
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
}

#[tokio::test]
async fn writing_a_row_for_another_tenant_is_refused() {
    let db = support::migrated_db().await;
    let (a, b) = two_tenants_with_data(&db.pool).await;
    for table in TENANT_TABLES {
        let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
        let err = sqlx::query(insert_sql(table)).bind(b.0).bind(99_i32).execute(&mut *tx).await;
        let err = err.expect_err(&format!("{table}: inserting a row for B under A's context must fail"));
        assert_eq!(geniai::error::sqlstate(&err).as_deref(), Some("42501"), "{table}: {err}");
    }
    // Moving one of A's rows to B (an UPDATE) is refused too, and B's rows cannot be touched.
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    let moved = sqlx::query("UPDATE conversations SET tenant_id = $1").bind(b.0).execute(&mut *tx).await;
    assert!(moved.is_err(), "re-tenanting a row must fail");
    drop(tx);
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    let deleted =
        sqlx::query("DELETE FROM conversations WHERE tenant_id = $1").bind(b.0).execute(&mut *tx).await;
    assert_eq!(deleted.unwrap().rows_affected(), 0);
    tx.commit().await.unwrap();
    let mut tx = db::tenant_tx(&db.pool, b).await.unwrap();
    assert_eq!(count(&mut tx, "conversations").await, 1);
}

#[tokio::test]
async fn a_pooled_connection_carries_no_context_after_a_tenant_transaction() {
    let db = support::migrated_db().await;
    let (a, _) = two_tenants_with_data(&db.pool).await;
    let pool = db.single_connection_pool().await;
    let session_user: String =
        sqlx::query_scalar("SELECT current_user::text").fetch_one(&pool).await.unwrap();

    let mut tx = db::tenant_tx(&pool, a).await.unwrap();
    let (role, tenant): (String, String) =
        sqlx::query_as("SELECT current_user::text, current_setting('app.tenant_id')")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!((role.as_str(), tenant), ("geniai_tenant", a.0.to_string()));
    tx.commit().await.unwrap();

    let (role, tenant): (String, Option<String>) =
        sqlx::query_as("SELECT current_user::text, NULLIF(current_setting('app.tenant_id', true), '')")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(role, session_user, "the role switch must end with the transaction");
    assert_eq!(tenant, None, "the tenant binding must end with the transaction");

    // Also after a rollback (the transaction dropped without commit).
    let tx = db::tenant_tx(&pool, a).await.unwrap();
    drop(tx);
    let tenant: Option<String> =
        sqlx::query_scalar("SELECT NULLIF(current_setting('app.tenant_id', true), '')")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(tenant, None);
}

/// A login role set up the way production should be: a member of the tenant role only.
async fn app_login(db: &TestDb) -> PgConnection {
    let mut admin = PgConnection::connect(&db.url).await.unwrap();
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'geniai_app_test')")
            .fetch_one(&mut admin)
            .await
            .unwrap();
    if !exists {
        // Several tests may race to create it; losing the race is fine.
        let _ = sqlx::raw_sql("CREATE ROLE geniai_app_test LOGIN; GRANT geniai_tenant TO geniai_app_test")
            .execute(&mut admin)
            .await;
    }
    let mut url = url::Url::parse(&db.url).unwrap();
    url.set_username("geniai_app_test").unwrap();
    PgConnection::connect(url.as_str()).await.unwrap()
}

#[tokio::test]
async fn the_owner_and_platform_paths_are_not_reachable_from_the_app_role() {
    let db = support::migrated_db().await;
    let (a, _) = two_tenants_with_data(&db.pool).await;
    let mut conn = app_login(&db).await;

    let owner: String =
        sqlx::query_scalar("SELECT tableowner::text FROM pg_tables WHERE tablename = 'conversations'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let attempts = [
        format!("SET ROLE \"{owner}\""),
        "SET ROLE geniai_platform".to_string(),
        "ALTER TABLE conversations DISABLE ROW LEVEL SECURITY".to_string(),
        "ALTER TABLE conversations NO FORCE ROW LEVEL SECURITY".to_string(),
        "DROP POLICY tenant_isolation ON conversations".to_string(),
        "SET row_security = off; SELECT count(*) FROM conversations".to_string(),
    ];
    for attempt in &attempts {
        let result = sqlx::raw_sql(sqlx::AssertSqlSafe(attempt.clone())).execute(&mut conn).await;
        assert!(result.is_err(), "the app role managed: {attempt}");
        sqlx::raw_sql("RESET ALL; RESET ROLE").execute(&mut conn).await.unwrap();
    }
    // Inside a tenant transaction, switching to the platform role is refused as well.
    let mut tx = conn.begin().await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "SET LOCAL ROLE geniai_tenant; SET LOCAL app.tenant_id = '{}'",
        a.0
    )))
    .execute(&mut *tx)
    .await
    .unwrap();
    assert!(sqlx::raw_sql("SET LOCAL ROLE geniai_platform").execute(&mut *tx).await.is_err());
    drop(tx);
    // With no context, the app login itself sees nothing either.
    for table in TENANT_TABLES {
        let visible =
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
                .fetch_one(&mut conn)
                .await;
        assert!(matches!(visible, Ok(0) | Err(_)), "{table} visible to the app login without context");
    }
}

#[tokio::test]
async fn the_platform_path_sees_every_tenant() {
    let db = support::migrated_db().await;
    let (a, b) = two_tenants_with_data(&db.pool).await;
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    for table in TENANT_TABLES {
        assert_eq!(tenant_ids_visible(&mut tx, table).await, vec![a.0, b.0], "{table}");
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    let db = support::migrated_db().await;
    let (a, _) = two_tenants_with_data(&db.pool).await;
    let mut tx = db::tenant_tx(&db.pool, a).await.unwrap();
    assert!(sqlx::query("UPDATE audit_log SET action = 'x'").execute(&mut *tx).await.is_err());
    drop(tx);
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    assert!(sqlx::query("DELETE FROM audit_log").execute(&mut *tx).await.is_err());
    drop(tx);
    // Not even the owner (here a superuser) can rewrite it: the trigger refuses.
    assert!(sqlx::query("DELETE FROM audit_log").execute(&db.pool).await.is_err());
}
