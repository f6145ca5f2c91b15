//! How geniai opens its sessions on PostgreSQL, on the analytics database and on the Chatwoot
//! sources alike: the name the server shows for them, the settings every session carries, and at
//! which log level their statements are logged, and what a failed connection is reported as.

use std::sync::OnceLock;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::error::DomainError;

/// How often the server checks, while a statement runs, that geniai is still connected. Without
/// it a killed geniai's statement runs to its end, holding its locks (a tenant's ETL lock among
/// them) for as long as the statement takes.
const DEAD_CLIENT_CHECK: &str = "SET client_connection_check_interval = '2s'";

/// The first server version with `client_connection_check_interval` (PostgreSQL 14). Sources
/// may run older servers, which reject the setting.
const DEAD_CLIENT_CHECK_SINCE: u32 = 140_000;

/// Turns JIT compilation off for the session (see [`Database::without_jit`]).
const JIT_OFF: &str = "SET jit = off";

/// The first server version with the `jit` setting (PostgreSQL 11): an older Chatwoot server
/// would refuse the session that sets it.
const JIT_SINCE: u32 = 110_000;

/// A statement slower than this is logged under -v.
const SLOW_STATEMENT: Duration = Duration::from_secs(1);

/// The `application_name` of this process's sessions: `geniai <command>`.
///
/// A property of the process rather than of a call, like the log subscriber: set once at
/// startup, read by every pool, wherever in the command it is opened.
static APPLICATION_NAME: OnceLock<String> = OnceLock::new();

/// Names every session this process opens after `command` (`geniai etl`, `geniai serve`), so
/// that `pg_stat_activity`, `pg_locks` and the server's logs say what is running. Call it
/// before opening any pool; later calls change nothing.
pub fn name_sessions_after(command: &str) {
    APPLICATION_NAME.set(format!("geniai {command}")).ok();
}

/// The name the server shows for this process's sessions.
pub fn application_name() -> &'static str {
    APPLICATION_NAME.get().map_or("geniai", String::as_str)
}

/// Which database a pool is for: decides its sessions' settings and its name in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Database {
    /// The analytics database, for the commands' short statements (reports, administration).
    Analytics,
    /// The analytics database, for the ETL's long bulk statements.
    AnalyticsBulk,
    /// A Chatwoot database, only ever read.
    Source,
}

impl Database {
    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Database::Analytics | Database::AnalyticsBulk => "the analytics database",
            Database::Source => "the Chatwoot source database",
        }
    }

    /// The settings its sessions start with, besides JIT and the dead-client check.
    fn settings(self) -> Option<&'static str> {
        match self {
            Database::Analytics | Database::AnalyticsBulk => None,
            // geniai cannot write to the source even by mistake.
            Database::Source => Some("SET default_transaction_read_only = on"),
        }
    }

    /// Whether its sessions run without JIT compilation. Report queries are short: JIT cost them
    /// ~1 s each in the benchmark. The source's reads are scans it does not speed up: a first
    /// load's conversations (their labels from a subquery per row) took 0.64-0.72 s with it
    /// against 0.27-0.30 s without, on 100,000 conversations, compiled on the Chatwoot server.
    fn without_jit(self) -> bool {
        matches!(self, Database::Analytics | Database::Source)
    }

    fn invalid_url(self) -> &'static str {
        match self {
            Database::Analytics | Database::AnalyticsBulk => {
                "the database URL is not a valid PostgreSQL connection URL"
            }
            Database::Source => "the source URL is not a valid PostgreSQL connection URL",
        }
    }
}

/// The statements that start a session of `database` on a server of `version`.
fn session_start(database: Database, version: Option<u32>) -> Vec<&'static str> {
    let jit_off = (database.without_jit() && version.is_none_or(|v| v >= JIT_SINCE)).then_some(JIT_OFF);
    let check = version.is_some_and(|v| v >= DEAD_CLIENT_CHECK_SINCE).then_some(DEAD_CLIENT_CHECK);
    database.settings().into_iter().chain(jit_off).chain(check).collect()
}

/// The connect options of `url` for `database`: named after the command.
pub fn connect_options(url: &str, database: Database) -> Result<PgConnectOptions> {
    let options: PgConnectOptions = url.parse().map_err(|_| DomainError::invalid(database.invalid_url()))?;
    // Statement text is for whoever debugs geniai, not for its user: sqlx would print every slow
    // statement whole as a warning. Here slow ones show under -v and all of them under -vv
    // (`crate::logging` enables the `sqlx::query` target at those levels).
    Ok(options
        .application_name(application_name())
        .log_statements(log::LevelFilter::Trace)
        .log_slow_statements(log::LevelFilter::Debug, SLOW_STATEMENT))
}

/// Opens a pool of `max_connections` sessions on `url`, each set up for `database`; waits
/// `acquire_timeout` at most for a free session.
pub async fn open_pool(
    url: &str,
    database: Database,
    max_connections: u32,
    acquire_timeout: Duration,
) -> Result<PgPool> {
    let options = connect_options(url, database)?;
    probe(&options, database).await?;
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(acquire_timeout)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                let start = session_start(database, conn.server_version_num());
                if !start.is_empty() {
                    // Joined from the constants above: one round trip, nothing from outside.
                    sqlx::raw_sql(sqlx::AssertSqlSafe(start.join("; "))).execute(conn).await?;
                }
                Ok(())
            })
        })
        .connect_with(options.clone())
        .await
        .map_err(|err| connect_error(database, &options, &err))
}

/// How long a server may take to answer a new connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where `options` lead, for messages: `host:port`, or the socket. Never the password.
pub fn endpoint(options: &PgConnectOptions) -> String {
    match options.get_socket() {
        Some(dir) => format!("the socket {}/.s.PGSQL.{}", dir.display(), options.get_port()),
        None => format!("{}:{}", options.get_host(), options.get_port()),
    }
}

/// Opens one session and closes it again, so that a failure is reported at once and as what it
/// is. The pool would retry a refused connection until its acquire timeout and then report only
/// that it timed out.
async fn probe(options: &PgConnectOptions, database: Database) -> Result<()> {
    let at = endpoint(options);
    if options.get_socket().is_none() {
        let lookup = tokio::net::lookup_host((options.get_host(), options.get_port()));
        match tokio::time::timeout(CONNECT_TIMEOUT, lookup).await {
            Ok(Ok(_)) => {}
            Ok(Err(err)) => bail!("cannot reach {} at {at}: unknown host ({err})", database.name()),
            Err(_) => {
                bail!("cannot reach {} at {at}: the host name did not resolve within 10 s", database.name())
            }
        }
    }
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(conn)) => {
            conn.close().await.ok();
            Ok(())
        }
        Ok(Err(err)) => Err(connect_error(database, options, &err)),
        Err(_) => bail!("cannot reach {} at {at}: no answer within 10 s", database.name()),
    }
}

/// A failed connection to `database` as one secret-free sentence naming where it went.
fn connect_error(database: Database, options: &PgConnectOptions, err: &sqlx::Error) -> anyhow::Error {
    let at = endpoint(options);
    let cause = super::describe_connect_error(err);
    match err {
        // The server answered: the login or the database is the problem, not the network.
        sqlx::Error::Database(_) => anyhow!("cannot connect to {} at {at}: {cause}", database.name()),
        _ => anyhow!("cannot reach {} at {at}: {cause}", database.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dead_client_check_is_set_only_where_the_server_knows_it() {
        assert_eq!(
            session_start(Database::Source, Some(130_012)),
            ["SET default_transaction_read_only = on", "SET jit = off"]
        );
        // A source older than the `jit` setting would refuse the session.
        assert_eq!(
            session_start(Database::Source, Some(100_023)),
            ["SET default_transaction_read_only = on"]
        );
        assert_eq!(
            session_start(Database::Source, Some(150_004)),
            ["SET default_transaction_read_only = on", "SET jit = off", DEAD_CLIENT_CHECK]
        );
        assert_eq!(session_start(Database::AnalyticsBulk, Some(140_000)), [DEAD_CLIENT_CHECK]);
        assert!(session_start(Database::AnalyticsBulk, None).is_empty());
    }
}
