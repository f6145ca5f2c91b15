//! The ETL's public interface: what to run ([`Selection`], [`EtlOptions`]) and what came of it
//! ([`TenantReport`], [`Outcome`], the progress events).

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::runs::Trigger;

/// Which tenants a run covers.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every tenant.
    All,
    /// These slugs.
    Slugs(Vec<String>),
}

/// How to run.
#[derive(Clone)]
pub struct EtlOptions {
    pub selection: Selection,
    /// Ignore the watermarks and reload everything.
    pub full: bool,
    /// Tenants processed in parallel.
    pub jobs: usize,
    /// Extract and count; write nothing.
    pub dry_run: bool,
    /// Also remove conversations deleted in Chatwoot.
    pub reconcile: bool,
    pub trigger: Trigger,
    /// Rows per incremental batch.
    pub batch_size: i64,
    /// How far before the watermark each incremental run starts reading again.
    pub overlap: Duration,
    /// The shared Chatwoot database.
    pub shared_source_url: Option<String>,
    /// The master key, to read tenants' `source_url` secrets (None: no key configured).
    pub master_key: Option<Arc<crate::secrets::MasterKey>>,
    /// What earlier cycles of a watch loop confirmed the analytics copy holds, so that tenants
    /// with nothing new skip their write transaction (None: a one-off run).
    pub confirmed: Option<Arc<super::Confirmed>>,
}

/// What happened to one tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Succeeded,
    Failed,
    Skipped,
}

/// The result of one tenant's run.
#[derive(Debug, Clone, Serialize)]
pub struct TenantReport {
    pub tenant: String,
    pub outcome: Outcome,
    pub mode: String,
    pub rows_read: u64,
    pub rows_written: u64,
    pub seconds: f64,
    /// Why it failed or was skipped.
    pub message: Option<String>,
    /// A skip that deserves attention (a tenant with no inbox).
    pub warning: bool,
}

/// Progress, reported to the caller's callback.
#[derive(Debug, Clone)]
pub enum EtlEvent {
    /// A tenant's run started.
    Started { tenant: String, mode: String },
    /// Rows read so far for a tenant.
    Rows { tenant: String, stream: &'static str, rows_read: u64 },
    /// A tenant is done (or skipped, or failed).
    Finished(TenantReport),
}

/// The progress callback.
pub type Progress = Arc<dyn Fn(EtlEvent) + Send + Sync>;
