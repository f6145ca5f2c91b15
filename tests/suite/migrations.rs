//! Migrations: a fresh database migrates, a re-run is a no-op, and status tells the truth.

use geniai::db;

use super::support;

#[tokio::test]
async fn a_fresh_database_migrates_and_a_rerun_is_a_noop() {
    let db = support::fresh_db().await;
    assert!(!db::migrate::is_current(&db.pool).await.unwrap());
    let status = db::migrate::status(&db.pool).await.unwrap();
    assert!(!status.is_empty() && status.iter().all(|m| m.applied_at.is_none()));

    let applied = db::migrate::run(&db.pool).await.unwrap();
    assert_eq!(applied.len(), status.len());
    assert!(db::migrate::is_current(&db.pool).await.unwrap());

    let again = db::migrate::run(&db.pool).await.unwrap();
    assert!(again.is_empty(), "a second run applied {again:?}");
}

#[tokio::test]
async fn concurrent_migrations_do_not_collide() {
    let db = support::fresh_db().await;
    let (first, second) = tokio::join!(db::migrate::run(&db.pool), db::migrate::run(&db.pool));
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.len() + second.len(), db::migrate::status(&db.pool).await.unwrap().len());
}

#[tokio::test]
async fn the_cli_migrates_and_reports_status() {
    let db = support::fresh_db().await;
    support::geniai(&db).args(["migrate", "--status"]).assert().code(1);
    support::geniai(&db).arg("migrate").assert().success();
    support::geniai(&db).arg("migrate").assert().success();
    let out = support::geniai(&db).args(["migrate", "--status", "--format", "json"]).assert().success();
    let status: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let rows = status.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|m| m["applied_at"].is_string()));
}

/// Regression: roles are cluster-wide, so migrations of different databases on one server ran
/// `ALTER ROLE` at the same moment and one failed with "tuple concurrently updated".
#[tokio::test]
async fn concurrent_migrations_of_several_databases_share_the_roles() {
    let dbs = futures::future::join_all((0..4).map(|_| support::fresh_db())).await;
    let results = futures::future::join_all(dbs.iter().map(|db| db::migrate::run(&db.pool))).await;
    for result in results {
        result.unwrap();
    }
    for db in &dbs {
        assert!(db::migrate::is_current(&db.pool).await.unwrap());
    }
}
