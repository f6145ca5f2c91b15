//! What an incremental run's writes cost, checked by their mechanism rather than by time: the
//! summary rows an update writes (migration 0010), the index that linking repeated resolutions
//! reads (0010), and room on the conversations' pages for updates in place (0011).

use geniai::db;
use geniai::source::seed;

use super::support;

/// A loaded target with one tenant owning every inbox of a 300-conversation source.
async fn loaded_target() -> support::TestDb {
    let source = support::seeded_source(300).await;
    let target = support::migrated_db().await;
    let inboxes = (seed::ACCOUNTS * seed::INBOXES_PER_ACCOUNT) as i32;
    support::create_tenant(&target, &source, "acme", 1..=inboxes);
    support::etl(&target, &source).arg("--all-tenants").assert().success();
    target
}

/// Summary rows written by the current transaction.
async fn summary_rows_written(tx: &mut sqlx::PgConnection) -> i64 {
    sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM report_rollups WHERE xmin = pg_current_xact_id()::xid)
              + (SELECT count(*) FROM conversation_live_counts WHERE xmin = pg_current_xact_id()::xid)",
    )
    .fetch_one(tx)
    .await
    .unwrap()
}

#[tokio::test]
async fn summary_triggers_write_only_the_summary_rows_whose_sums_change() {
    let target = loaded_target().await;
    let mut tx = db::platform_tx(&target.pool).await.unwrap();
    // What a new message does to a conversation: no bucket, label set or live count moves.
    let touched =
        sqlx::query("UPDATE conversations SET last_activity_at = last_activity_at + interval '1 minute'")
            .execute(&mut *tx)
            .await
            .unwrap()
            .rows_affected();
    assert_eq!(touched, 300);
    assert_eq!(summary_rows_written(&mut tx).await, 0, "an update that moves nothing rewrote summary rows");

    // A relabel moves one conversation from one label set's row to another's: two rows.
    sqlx::query(
        "UPDATE conversations SET labels = array_append(labels, 'brand-new')
          WHERE conversation_id = (SELECT min(conversation_id) FROM conversations WHERE status <> 0)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    assert_eq!(summary_rows_written(&mut tx).await, 2);
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn linking_repeated_resolutions_reads_its_partial_index() {
    let target = loaded_target().await;
    let mut tx = db::platform_tx(&target.pool).await.unwrap();
    sqlx::query("SET LOCAL enable_seqscan = off").execute(&mut *tx).await.unwrap();
    let link: String = sqlx::query_scalar(
        "SELECT geniai_link_repeats_sql('(SELECT tenant_id, conversation_id, name FROM reporting_events
                                           WHERE name = ''conversation_resolved'' LIMIT 10)')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let plan: Vec<String> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("EXPLAIN {link}"))).fetch_all(&mut *tx).await.unwrap();
    let plan = plan.join("\n");
    assert!(plan.contains("reporting_events_repeat_link_idx"), "the link does not use its index:\n{plan}");
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn an_update_of_unindexed_columns_stays_on_its_page() {
    let target = loaded_target().await;
    let mut tx = db::platform_tx(&target.pool).await.unwrap();
    // One conversation per page: the first of each, by position.
    let page = "(ctid::text::point)[0]::int";
    let first_of_each_page = format!(
        "SELECT DISTINCT ON ({page}) conversation_id, {page} FROM conversations ORDER BY {page}, ctid"
    );
    let before: Vec<(i32, i32)> =
        sqlx::query_as(sqlx::AssertSqlSafe(first_of_each_page)).fetch_all(&mut *tx).await.unwrap();
    assert!(before.len() > 1, "the table should span several pages");
    let ids: Vec<i32> = before.iter().map(|(id, _)| *id).collect();
    // What a run writes for a conversation that only got a message: no indexed column changes.
    let after: Vec<(i32, i32)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE conversations SET last_activity_at = last_activity_at + interval '1 minute'
          WHERE conversation_id = ANY($1) RETURNING conversation_id, {page}"
    )))
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let moved: Vec<_> = after.iter().filter(|row| !before.contains(row)).collect();
    assert!(
        moved.is_empty(),
        "{} of {} updated conversations left their page: {moved:?}",
        moved.len(),
        ids.len()
    );
    tx.rollback().await.unwrap();
}
