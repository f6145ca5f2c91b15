//! The Chatwoot database (the "source"): connecting to it read-only, and its schema for tests,
//! the demo and the benchmark.

pub mod mutate;
pub mod seed;

use anyhow::{Context, Result};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Executor, PgPool};

use crate::error::DomainError;

/// The subset of Chatwoot's schema that geniai reads (from Chatwoot's `db/schema.rb`). Used to
/// build Chatwoot-compatible databases for tests and the demo; never applied to a real Chatwoot.
pub const CHATWOOT_SCHEMA: &str = include_str!("chatwoot_schema.sql");

/// Opens a pool on a Chatwoot database. Every session is read-only
/// (`default_transaction_read_only`), so geniai cannot write to the source even by mistake.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool> {
    let options: PgConnectOptions = url
        .parse()
        .map_err(|_| DomainError::invalid("the source URL is not a valid PostgreSQL connection URL"))?;
    // Bulk extraction statements run for seconds by design: no slow-statement warnings.
    let options = options.disable_statement_logging();
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(std::time::Duration::from_secs(15))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute("SET default_transaction_read_only = on; SET application_name = 'geniai'")
                    .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|err| {
            anyhow::anyhow!(
                "cannot reach the Chatwoot source database: {}",
                crate::db::describe_connect_error(&err)
            )
        })
}

/// Creates the Chatwoot schema subset in an empty database (tests, demo, benchmark).
pub async fn create_schema(pool: &PgPool) -> Result<()> {
    sqlx::raw_sql(CHATWOOT_SCHEMA).execute(pool).await.context("creating the Chatwoot schema")?;
    Ok(())
}
