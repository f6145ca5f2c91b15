//! What every command receives: the resolved settings and lazily opened database pools.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use sqlx::PgPool;
use tokio::sync::OnceCell;

use crate::cli::GlobalArgs;
use crate::db;
use crate::embedded::{self, Cluster};

/// Where the analytics database is.
#[derive(Clone)]
pub enum Target {
    /// An explicit server, from `--database-url` / `DATABASE_URL`.
    Url(String),
    /// The embedded cluster under this home.
    Embedded(PathBuf),
}

impl std::fmt::Debug for Target {
    // The URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Url(_) => f.write_str("Target::Url(<redacted>)"),
            Target::Embedded(home) => f.debug_tuple("Target::Embedded").field(home).finish(),
        }
    }
}

/// Settings and connections shared by all commands. Passed explicitly, never global.
pub struct AppContext {
    /// The analytics database.
    pub target: Target,
    /// The shared Chatwoot database, if configured.
    pub source_url: Option<String>,
    /// Who runs the command, as recorded in the audit log (`cli:<os user>[/<actor>]`).
    pub actor: String,
    /// How log events are written (progress output adapts to it).
    pub log_format: crate::cli::LogFormat,
    target_pool: OnceCell<PgPool>,
}

impl AppContext {
    /// Resolves the global flags into settings; opens nothing yet.
    pub fn from_args(args: &GlobalArgs) -> Self {
        let target = match &args.database_url {
            Some(url) if !url.is_empty() => Target::Url(url.clone()),
            _ => Target::Embedded(args.home.clone().unwrap_or_else(embedded::default_home)),
        };
        let os_user = nix::unistd::User::from_uid(nix::unistd::Uid::current())
            .ok()
            .flatten()
            .map(|u| u.name)
            .unwrap_or_else(|| "unknown".into());
        let actor = match &args.actor {
            Some(actor) => format!("cli:{os_user}/{actor}"),
            None => format!("cli:{os_user}"),
        };
        AppContext {
            target,
            source_url: args.source_url.clone().filter(|u| !u.is_empty()),
            actor,
            log_format: args.log_format,
            target_pool: OnceCell::new(),
        }
    }

    /// The same settings reading another Chatwoot source (the demo's generated one).
    pub fn with_source_url(&self, source_url: String) -> AppContext {
        AppContext {
            target: self.target.clone(),
            source_url: Some(source_url),
            actor: self.actor.clone(),
            log_format: self.log_format,
            target_pool: self.target_pool.clone(),
        }
    }

    /// The embedded cluster, when the target is the embedded default.
    pub fn embedded_cluster(&self) -> Result<Option<Cluster>> {
        match &self.target {
            Target::Embedded(home) => Ok(Some(Cluster::new(home)?)),
            Target::Url(_) => Ok(None),
        }
    }

    /// The connection URL of the analytics database, starting the embedded server if needed.
    pub async fn target_url(&self) -> Result<String> {
        match &self.target {
            Target::Url(url) => Ok(url.clone()),
            Target::Embedded(home) => {
                let cluster = Cluster::new(home)?;
                cluster.start().await?;
                Ok(cluster.url())
            }
        }
    }

    /// A pool on the analytics database, opened on first use.
    pub async fn pool(&self) -> Result<&PgPool> {
        self.target_pool
            .get_or_try_init(|| async {
                let url = self.target_url().await?;
                db::connect(&url, 10).await
            })
            .await
    }

    /// The shared Chatwoot source URL, or a clear error when none is configured.
    pub fn require_source_url(&self) -> Result<&str> {
        self.source_url
            .as_deref()
            .context("no Chatwoot source database is configured: pass --source-url or set GENIAI_SOURCE_URL")
    }
}
