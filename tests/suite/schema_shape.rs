//! The claim docs/scaling.md rests on: the schema can be distributed by tenant (Citus) as is.
//! Every tenant-scoped table has `tenant_id` in its primary key and in every unique constraint,
//! and every foreign key between tenant tables includes `tenant_id`.

use geniai::db::TENANT_TABLES;

use super::support;

/// A foreign key: its name, the referencing and referenced tables, and their columns.
type ForeignKey = (String, String, String, Vec<String>, Vec<String>);

#[tokio::test]
async fn every_tenant_table_keys_on_tenant_id_and_its_foreign_keys_carry_it() {
    let db = support::migrated_db().await;
    // Primary keys and unique constraints/indexes: tenant_id must be among the key columns.
    let keys: Vec<(String, String, bool, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, ix.indisprimary,
                array_agg(a.attname::text ORDER BY k.ord)
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE n.nspname = 'public' AND (ix.indisunique OR ix.indisprimary) AND t.relname = ANY($1)
          GROUP BY t.relname, i.relname, ix.indisprimary",
    )
    .bind(TENANT_TABLES)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    for table in TENANT_TABLES {
        let has_pk = keys.iter().any(|(t, _, primary, _)| t == table && *primary);
        assert!(has_pk, "{table} has no primary key");
    }
    for (table, index, primary, columns) in &keys {
        assert!(
            columns.first().map(String::as_str) == Some("tenant_id"),
            "{table}.{index} (primary: {primary}) must lead with tenant_id, has {columns:?}"
        );
    }

    // Foreign keys from a tenant table to another tenant table must include tenant_id on both
    // sides; foreign keys to `tenants` reference its id with tenant_id.
    let fks: Vec<ForeignKey> = sqlx::query_as(
        "SELECT c.conname::text, src.relname::text, dst.relname::text,
                (SELECT array_agg(a.attname::text) FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k),
                (SELECT array_agg(a.attname::text) FROM unnest(c.confkey) k JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k)
           FROM pg_constraint c
           JOIN pg_class src ON src.oid = c.conrelid
           JOIN pg_class dst ON dst.oid = c.confrelid
          WHERE c.contype = 'f' AND src.relname = ANY($1)",
    )
    .bind(TENANT_TABLES)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(!fks.is_empty());
    for (name, src, dst, from_cols, to_cols) in &fks {
        if TENANT_TABLES.contains(&dst.as_str()) {
            assert!(
                from_cols.contains(&"tenant_id".to_string()) && to_cols.contains(&"tenant_id".to_string()),
                "{name} on {src} -> {dst} must include tenant_id"
            );
        } else {
            assert_eq!(dst, "tenants", "{name}: tenant tables may only reference tenants or each other");
            assert_eq!(
                (from_cols.as_slice(), to_cols.as_slice()),
                (&["tenant_id".to_string()][..], &["id".to_string()][..]),
                "{name}"
            );
        }
    }
}

/// `geniai migrate` on Citus places each table as `db::citus::TABLES` says; a table a migration
/// adds without a place there would abort that migrate on Citus only. This catches it on plain
/// PostgreSQL, and every tenant table must be distributed or reference.
#[tokio::test]
async fn every_table_of_the_schema_has_its_place_on_citus() {
    use geniai::db::citus::{Placement, TABLES};
    let db = support::migrated_db().await;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          ORDER BY 1",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(tables.len() >= TENANT_TABLES.len(), "{tables:?}");
    let unplaced: Vec<&String> =
        tables.iter().filter(|t| !TABLES.iter().any(|p| p.name == t.as_str())).collect();
    assert!(unplaced.is_empty(), "tables without a place in db::citus::TABLES: {unplaced:?}");
    let stale: Vec<&str> = TABLES.iter().map(|p| p.name).filter(|p| !tables.iter().any(|t| t == p)).collect();
    assert!(stale.is_empty(), "db::citus::TABLES names tables the schema does not have: {stale:?}");
    for table in TENANT_TABLES {
        let place = TABLES.iter().find(|p| p.name == *table).map(|p| &p.placement);
        assert!(
            !matches!(place, Some(Placement::Local)),
            "the tenant table {table} would stay on the coordinator"
        );
    }
}
