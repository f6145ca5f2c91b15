//! The ETL against Chatwoot as it is installed and used in production: edits Chatwoot allows
//! long after a row was written, a least-privilege source login, older installations' label
//! storage, and the analytics database's statistics right after a load.

use geniai::source::mutate;

use super::support::{self, TestDb, create_tenant, etl, seeded_source};

async fn target_scalar<T>(db: &TestDb, sql: &'static str, bind: i64) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    let mut tx = geniai::db::platform_tx(&db.pool).await.unwrap();
    sqlx::query_scalar(sql).bind(bind).fetch_one(&mut *tx).await.unwrap()
}

async fn conversations_in(source: &TestDb, inboxes: &[i32], n: i64) -> Vec<i32> {
    sqlx::query_scalar("SELECT id FROM conversations WHERE inbox_id = ANY($1) ORDER BY id LIMIT $2")
        .bind(inboxes)
        .bind(n)
        .fetch_all(&source.pool)
        .await
        .unwrap()
}

/// Chatwoot lets a contact change a rating until 14 days after the survey: an edit of an answer
/// with more than a thousand newer answers behind it must still reach the copy.
#[tokio::test]
async fn a_csat_rating_edited_after_a_thousand_newer_answers_reaches_the_copy() {
    let source = seeded_source(100).await;
    let target = support::migrated_db().await;
    let inboxes: Vec<i32> = (1..=200).collect();
    create_tenant(&target, &source, "acme", 1..=200);
    let ids = conversations_in(&source, &inboxes, 20).await;
    let at = mutate::source_now(&source.pool).await.unwrap();
    let first = mutate::add_csat(&source.pool, ids[0], 5, at).await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();

    for n in 0..1_001 {
        let at = mutate::source_now(&source.pool).await.unwrap();
        mutate::add_csat(&source.pool, ids[1 + n % 19], 4, at).await.unwrap();
    }
    etl(&target, &source).arg("--all-tenants").assert().success();
    let loaded: i64 =
        target_scalar(&target, "SELECT count(*) FROM csat_responses WHERE response_id > $1", first).await;
    assert_eq!(loaded, 1_001, "the newer answers were not loaded by the run");

    let at = mutate::source_now(&source.pool).await.unwrap();
    mutate::edit_csat(&source.pool, first, 1, at).await.unwrap();
    etl(&target, &source).arg("--all-tenants").assert().success();
    let rating: i16 =
        target_scalar(&target, "SELECT rating FROM csat_responses WHERE response_id = $1", first).await;
    assert_eq!(rating, 1, "the edited rating did not reach the copy");
}
