//! Rows for every tenant table, for the isolation tests of the main suite and of the Citus suite
//! (tests/citus): two tenants with one row each everywhere, and the reads that count them.

use geniai::db::{self, TENANT_TABLES, TenantId};
use sqlx::{PgConnection, PgPool};

/// Inserts one row for `tenant` into `table`; `n` keeps keys distinct across calls.
pub fn insert_sql(table: &str) -> &'static str {
    match table {
        "tenant_settings" => "INSERT INTO tenant_settings (tenant_id) VALUES ($1)",
        "tenant_secrets" => {
            "INSERT INTO tenant_secrets (tenant_id, name, nonce, ciphertext, key_id) VALUES ($1, 'k' || $2, '\\x00', '\\x00', 'test')"
        }
        "inboxes" => "INSERT INTO inboxes (tenant_id, inbox_id, account_id, name) VALUES ($1, $2, 1, 'inbox')",
        "agents" => "INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, $2, 'agent')",
        "teams" => "INSERT INTO teams (tenant_id, team_id, name) VALUES ($1, $2, 'team')",
        "conversations" => {
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, created_at, source_updated_at)
             VALUES ($1, $2, 1, 1, $2, 0, now(), now())"
        }
        "messages" => {
            "INSERT INTO messages (tenant_id, message_id, conversation_id, inbox_id, message_type, private, content_type, created_at)
             VALUES ($1, $2, 1, 1, 0, false, 0, now())"
        }
        "reporting_events" => {
            "INSERT INTO reporting_events (tenant_id, event_id, name, created_at) VALUES ($1, $2, 'first_response', now())"
        }
        "csat_responses" => {
            "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, created_at, updated_at)
             VALUES ($1, $2, 1, $2, 5, now(), now())"
        }
        "etl_watermarks" => {
            "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id) VALUES ($1, 's' || $2, now(), 0)"
        }
        // VALUES, not INSERT … SELECT: Citus runs an INSERT … SELECT without ON CONFLICT into a
        // distributed table as a COPY into its shards, which row-level security refuses. ($2 is
        // not needed: the run id is generated.)
        "etl_runs" => "INSERT INTO etl_runs (tenant_id, trigger) VALUES ($1, 'cli')",
        "report_rollups" => {
            "INSERT INTO report_rollups (tenant_id, bucket, labels) VALUES ($1, '1999-01-01'::timestamptz + $2::int * interval '15 minutes', '{}')"
        }
        "frt_histogram" => "INSERT INTO frt_histogram (tenant_id, day, bin) VALUES ($1, '1999-01-01'::date + $2::int, 1)",
        // The conversation inserted above already keeps a row here.
        "conversation_live_counts" => {
            "INSERT INTO conversation_live_counts (tenant_id) SELECT $1 WHERE $2 IS NOT NULL
             ON CONFLICT (tenant_id) DO UPDATE SET open = conversation_live_counts.open"
        }
        "dimension_rollups" => {
            "INSERT INTO dimension_rollups (tenant_id, dimension, day, key)
             VALUES ($1, 'i', '1999-01-01'::date + $2::int, '')"
        }
        // A stale mark makes the reports read the facts: harmless, and what this row tests is its isolation.
        "dimension_rollups_stale" => {
            "INSERT INTO dimension_rollups_stale (tenant_id) SELECT $1 WHERE $2 IS NOT NULL ON CONFLICT DO NOTHING"
        }
        other => panic!("no insert statement for {other}: add one when adding a tenant table"),
    }
}

/// Two tenants, A and B (`<prefix>-a`, `<prefix>-b`), each with one row in every tenant table
/// (B's keys equal A's, so a key collision across tenants would also show). Each owns the inbox
/// 1,000,000 + its id, which no generated source has.
pub async fn two_tenants_with_data(pool: &PgPool, prefix: &str) -> (TenantId, TenantId) {
    let mut tx = db::platform_tx(pool).await.unwrap();
    let mut ids = Vec::new();
    for slug in [format!("{prefix}-a"), format!("{prefix}-b")] {
        let id: i32 = sqlx::query_scalar("INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id")
            .bind(&slug)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        ids.push(TenantId(id));
        sqlx::query("INSERT INTO inbox_mappings (inbox_id, tenant_id) VALUES (1000000 + $1, $1)")
            .bind(id)
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO audit_log (tenant_id, actor, action, entity) VALUES ($1, 'test', 'seed', 'x')",
        )
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO users (tenant_id, email, name, role, password_hash) VALUES ($1, $2 || '@example.com', 'u', 'viewer', 'x')",
        )
        .bind(id)
        .bind(&slug)
        .execute(&mut *tx)
        .await
        .unwrap();
        for table in TENANT_TABLES {
            sqlx::query(insert_sql(table)).bind(id).bind(7_i32).execute(&mut *tx).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    (ids[0], ids[1])
}

pub async fn count(conn: &mut PgConnection, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(conn)
        .await
        .unwrap_or_else(|e| panic!("count {table}: {e}"))
}

pub async fn tenant_ids_visible(conn: &mut PgConnection, table: &str) -> Vec<i32> {
    let column = if table == "tenants" { "id" } else { "tenant_id" };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT DISTINCT {column} FROM {table} ORDER BY 1")))
        .fetch_all(conn)
        .await
        .unwrap_or_else(|e| panic!("read {table}: {e}"))
}
