//! The Chatwoot database (the "source"): connecting to it read-only, and its schema for tests,
//! the demo and the benchmark.

pub mod mutate;
pub mod seed;

use anyhow::{Context, Result};
use sqlx::PgPool;

/// The subset of Chatwoot's schema that geniai reads (from Chatwoot's `db/schema.rb`). Used to
/// build Chatwoot-compatible databases for tests and the demo; never applied to a real Chatwoot.
pub const CHATWOOT_SCHEMA: &str = include_str!("chatwoot_schema.sql");

/// Opens a pool on a Chatwoot database. Every session is read-only
/// (`default_transaction_read_only`), so geniai cannot write to the source even by mistake.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool> {
    let source = crate::db::session::Database::Source;
    crate::db::session::open_pool(url, source, max_connections, std::time::Duration::from_secs(15)).await
}

/// Creates the Chatwoot schema subset in an empty database (tests, demo, benchmark).
pub async fn create_schema(pool: &PgPool) -> Result<()> {
    sqlx::raw_sql(CHATWOOT_SCHEMA).execute(pool).await.context("creating the Chatwoot schema")?;
    Ok(())
}
