//! `geniai migrate --citus` on the coordinator: every table lands where `db::citus::TABLES` says,
//! with the ETL's staging beside the facts, and a second run changes nothing.

use geniai::db::citus::{COLOCATION_LEADER, Placement, TABLES};

use super::cluster;
use super::support;

#[tokio::test]
#[ignore = "needs Citus; run by .ci/run"]
async fn migrate_places_every_table_and_a_second_run_changes_nothing() {
    let db = cluster::coordinator().await;
    let first = cluster::first_migrate_output(&db).await;
    assert!(
        first.contains("applied") && first.contains("distributed"),
        "the run's first migrate must apply the migrations and distribute the tables (is the cluster fresh?):\n{first}"
    );

    let again = support::geniai(&db).args(["migrate", "--citus"]).assert().success();
    let again = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(again.contains("the schema is up to date"), "the second migrate must be a no-op:\n{again}");
    assert!(!again.contains("distributed"), "the second migrate placed tables again:\n{again}");
    support::geniai(&db).args(["migrate", "--status"]).assert().success();

    let placed: Vec<(String, String, i32)> = sqlx::query_as(
        "SELECT logicalrelid::regclass::text,
                CASE WHEN partmethod = 'h' THEN 'distributed'
                     WHEN partmethod = 'n' AND repmodel = 't' THEN 'reference' ELSE 'local' END,
                colocationid
           FROM pg_dist_partition",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let leader = placed.iter().find(|(t, _, _)| t == COLOCATION_LEADER).expect("the leader is distributed").2;
    for table in TABLES {
        let found = placed.iter().find(|(t, _, _)| t == table.name);
        match table.placement {
            Placement::Reference => {
                assert_eq!(found.map(|f| f.1.as_str()), Some("reference"), "{}", table.name)
            }
            Placement::Distributed => {
                let (_, how, colocation) =
                    found.unwrap_or_else(|| panic!("{} is not distributed", table.name));
                assert_eq!((how.as_str(), *colocation), ("distributed", leader), "{}", table.name);
            }
            Placement::Local => {
                assert!(found.is_none_or(|f| f.1 == "local"), "{} must stay on the coordinator", table.name)
            }
        }
    }
    for (staging, _) in geniai::etl::load::distributed_staging_ddl() {
        let found = placed.iter().find(|(t, _, _)| *t == staging);
        assert_eq!(
            found.map(|f| (f.1.as_str(), f.2)),
            Some(("distributed", leader)),
            "the staging table {staging} is distributed beside the facts"
        );
    }

    // On Citus a tenant's deletion cascades (0009's trigger is dropped on a coordinator): every
    // distributed table keeps its key to `tenants`, the summaries too, whose key 0038 drops on a
    // single server.
    for table in TABLES.iter().filter(|t| t.placement == Placement::Distributed) {
        let keyed: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'
                               AND confrelid = 'tenants'::regclass AND confdeltype = 'c')",
        )
        .bind(table.name)
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert!(keyed, "{} has no cascading key to tenants", table.name);
    }

    // The policies reached the shards: every placement of a tenant table forces row-level
    // security.
    for table in geniai::db::TENANT_TABLES {
        let forced: Vec<(bool, String)> = sqlx::query_as(
            "SELECT success, result FROM run_command_on_placements($1::regclass,
                    'SELECT relforcerowsecurity FROM pg_class WHERE oid = ''%s''::regclass')",
        )
        .bind(table)
        .fetch_all(&db.pool)
        .await
        .unwrap();
        assert!(!forced.is_empty(), "{table} has no placements");
        assert!(
            forced.iter().all(|(ok, r)| *ok && r == "t"),
            "{table}: a placement without forced RLS: {forced:?}"
        );
    }
}
