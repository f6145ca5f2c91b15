//! The incremental, multi-tenant ETL from Chatwoot into the analytics database.
//!
//! Per tenant, one run is one target transaction (`db::tenant_tx`): it takes the tenant's
//! advisory lock, loads every stream, refreshes the dimensions, removes rows of inboxes no longer
//! mapped, and advances the watermarks, then commits, so a crash at any moment leaves the
//! previous state and a re-run converges to what a clean full load gives. A tenant's first load
//! is the exception: its streams load side by side, each committing with its own watermark
//! (`first_load.rs`). The source is read in one REPEATABLE READ snapshot per tenant
//! (`snapshot.rs`), streamed with COPY (memory does not grow with the data), in keyset batches
//! for incremental runs.
//!
//! No gaps: each incremental run re-reads from `watermark − overlap`, and the watermark never
//! moves past the start of a source transaction still writing (see
//! [`extract::safe_upper_bound`]). Idempotence: upserts keyed by the source ids.
//!
//! A run over many tenants mostly finds a few rows per tenant: plain incremental runs on the
//! shared source are read together, one query per stream, and routed by inbox (see `shared.rs`);
//! each tenant still commits in its own locked transaction.
//!
//! Routing (which tenants, which inboxes) reads the platform tables through `db::platform_tx`.
//! Progress goes to a callback; the command layer draws it.
//!
//! The modules: `options.rs` (the public types), `run.rs` (a run over the selected tenants),
//! `routes.rs` (tenants, inboxes, pools), `plan.rs` (what a tenant's run reads), `tenant.rs` (one
//! tenant's run), `shared.rs` (the shared read), `confirmed.rs` and `quiet.rs` (a watch cycle's
//! tenants with nothing new), `first_load.rs`, `snapshot.rs` (the source
//! snapshot), `extract.rs` (source SQL), `write.rs` and `load.rs` (the target side),
//! `dimensions.rs`, `runs.rs` (run rows and watermarks), `statistics.rs`, `watch.rs` (the loop).

mod confirmed;
mod dimensions;
pub mod extract;
mod first_load;
pub mod load;
mod options;
mod plan;
mod quiet;
mod routes;
mod run;
pub mod runs;
mod shared;
mod snapshot;
mod statistics;
mod tenant;
pub mod watch;
mod write;

pub use crate::db::locks::LOCK_NAMESPACE;
pub use confirmed::Confirmed;
pub use options::{EtlEvent, EtlOptions, Outcome, Progress, Selection, TenantReport};
pub use plan::RunMode;
pub use routes::{connect_target, pool_size};
pub use run::run;
pub use runs::Trigger;
