//! The Citus suite: geniai on a coordinator and two workers (docs/scaling.md).
//!
//! Every test needs a Citus cluster, so every test is `#[ignore]`d: a plain `cargo test` on a
//! machine without Citus skips them and says so. `.ci/run` runs them after the main suite, on a
//! throwaway cluster that `scripts/citus-cluster.sh` starts (building Citus first when it is not
//! installed):
//!
//! ```text
//! scripts/citus-cluster.sh run cargo test --test citus -- --ignored
//! ```
//!
//! Run that way, a test fails, never passes, when `GENIAI_CITUS_URL` (the coordinator) is missing.
//! The tests share the cluster's one database, migrated once by whichever test comes first; each
//! works on tenants of its own. The plain PostgreSQL the reports are compared with is the main
//! suite's throwaway server (tests/suite/support.rs).

#[path = "../suite/support.rs"]
mod support;
#[path = "../suite/tenant_rows.rs"]
mod tenant_rows;

mod cluster;
mod etl_reports;
mod isolation;
mod migrate;
mod plans;
