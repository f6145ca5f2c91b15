//! The ETL's one description of each stream's table (`etl::load`) against the migrated schema:
//! every column of a fact table is staged and written, with the type the write converts to.

use geniai::etl::extract::Stream;
use geniai::etl::load;
use sqlx::Connection;

use super::support;

/// `(column, type)` of a table's stored, non-generated columns, in column order.
async fn columns(conn: &mut sqlx::PgConnection, table: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
          WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
          ORDER BY attnum",
    )
    .bind(table)
    .fetch_all(conn)
    .await
    .unwrap()
}

#[tokio::test]
async fn every_fact_column_is_staged_or_stamped_and_timestamps_become_timestamptz() {
    let target = support::migrated_db().await;
    let mut conn = sqlx::PgConnection::connect(&target.url).await.unwrap();
    sqlx::raw_sql(load::staging_ddl()).execute(&mut conn).await.unwrap();
    for (stream, fact) in
        Stream::ALL.into_iter().zip(["conversations", "messages", "reporting_events", "csat_responses"])
    {
        let staged = columns(&mut conn, &format!("pg_temp.{}", load::staging_table(stream))).await;
        let stored = columns(&mut conn, fact).await;
        assert!(!staged.is_empty(), "{fact}: no staging table");
        let mut unstaged: Vec<&str> = Vec::new();
        for (name, fact_type) in &stored {
            match staged.iter().find(|(n, _)| n == name) {
                Some((_, staged_type)) => assert_eq!(
                    staged_type == "timestamp without time zone",
                    fact_type == "timestamp with time zone",
                    "{fact}.{name}: staged as {staged_type}, stored as {fact_type}"
                ),
                None => unstaged.push(name),
            }
        }
        // Besides the tenant: the time a conversation was written, the export's facts on it and
        // the link of a repeated event to its predecessor, which triggers keep (migrations 0021
        // and 0007), and a first response's conversation keys, which the write looks up and
        // triggers keep (0040).
        let expected: &[&str] = match fact {
            "conversations" => &[
                "tenant_id",
                "synced_at",
                "first_response_seconds",
                "first_response_bh_seconds",
                "resolution_seconds",
                "resolution_bh_seconds",
                "csat_rating",
            ],
            "reporting_events" => {
                &["tenant_id", "prev_same_at", "conversation_team_id", "conversation_labels"]
            }
            _ => &["tenant_id"],
        };
        assert_eq!(unstaged, expected, "{fact}: columns the ETL does not write");
        assert!(
            staged.iter().all(|(n, _)| stored.iter().any(|(m, _)| m == n)),
            "{fact}: a staged column has no place in the fact table: {staged:?}"
        );
    }
}
