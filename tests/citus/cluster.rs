//! The Citus cluster the suite runs on: its coordinator's database, migrated once, and where a
//! tenant's rows live.

use geniai::db::TenantId;
use sqlx::PgPool;
use tokio::sync::OnceCell;

use super::support::{self, TestDb};

/// What the first `geniai migrate --citus` of the run printed (stderr), once it succeeded.
static FIRST_MIGRATE: OnceCell<String> = OnceCell::const_new();

/// The coordinator's URL, from `scripts/citus-cluster.sh run`.
pub fn coordinator_url() -> String {
    std::env::var("GENIAI_CITUS_URL").unwrap_or_else(|_| {
        panic!(
            "GENIAI_CITUS_URL is not set: these tests need a Citus coordinator; run them with \
             `scripts/citus-cluster.sh run cargo test --test citus -- --ignored`"
        )
    })
}

/// The coordinator's database (not migrated by this call).
pub async fn coordinator() -> TestDb {
    let url = coordinator_url();
    let pool = geniai::db::connect(&url, 4).await.expect("connect to the Citus coordinator");
    TestDb { name: "geniai".into(), url, pool }
}

/// The coordinator's database, migrated by `geniai migrate --citus` (the first call of the run
/// migrates; see [`first_migrate_output`]).
pub async fn migrated() -> TestDb {
    let db = coordinator().await;
    first_migrate_output(&db).await;
    db
}

/// The log of the run's first `geniai migrate --citus`.
pub async fn first_migrate_output(db: &TestDb) -> &'static str {
    FIRST_MIGRATE
        .get_or_init(|| async {
            let output =
                support::geniai(db).args(["migrate", "--citus"]).output().expect("run geniai migrate");
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            assert!(output.status.success(), "geniai migrate --citus failed:\n{stderr}");
            stderr
        })
        .await
}

/// The port of the worker that holds `tenant`'s shards (of every distributed table: they are
/// co-located).
pub async fn worker_of(pool: &PgPool, tenant: TenantId) -> i32 {
    sqlx::query_scalar(
        "SELECT nodeport FROM pg_dist_shard_placement
          WHERE shardid = get_shard_id_for_distribution_column('conversations', $1)",
    )
    .bind(tenant.0)
    .fetch_one(pool)
    .await
    .expect("the placement of the tenant's shard")
}

/// The tenant with this slug.
pub async fn tenant_id(pool: &PgPool, slug: &str) -> TenantId {
    let id: i32 = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = $1")
        .bind(slug)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("tenant {slug}: {e}"));
    TenantId(id)
}

/// The ports of the cluster's workers.
pub async fn workers(pool: &PgPool) -> Vec<i32> {
    sqlx::query_scalar("SELECT nodeport FROM pg_dist_node WHERE groupid <> 0 AND isactive ORDER BY 1")
        .fetch_all(pool)
        .await
        .expect("the cluster's workers")
}
