//! `geniai doctor`: checks the installation and prints each finding with its fix.

use anyhow::Result;
use clap::Args;

use crate::context::AppContext;
use crate::doctor::{self, Finding, Status};
use crate::output::{self, Format, Tabular};
use crate::secrets::MasterKey;

/// Check the installation: the analytics database (reachable, migrated, RLS forced, roles safe), the
/// master key (opens every secret), the Chatwoot source (reachable, read-only, columns, indexes,
/// mapped inboxes) and each tenant's ETL lag. Exits 0 when all is well, 1 when any check fails.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Warn when a tenant's ETL lag (now minus its oldest watermark) exceeds this many hours.
    #[arg(
        long,
        env = "GENIAI_MAX_LAG_HOURS",
        hide_env_values = true,
        default_value_t = 2.0,
        value_name = "HOURS"
    )]
    pub max_lag_hours: f64,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl Tabular for Finding {
    fn headers(&self) -> Vec<String> {
        ["", "check", "finding", "fix"].map(String::from).to_vec()
    }
    fn cells(&self) -> Vec<String> {
        let mark = match self.status {
            Status::Ok => "ok",
            Status::Warn => "WARN",
            Status::Fail => "FAIL",
        };
        vec![mark.into(), self.check.clone(), self.detail.clone(), self.fix.clone()]
    }
}

/// Runs `geniai doctor`.
pub async fn run(args: DoctorArgs, ctx: &AppContext) -> Result<()> {
    let mut findings = Vec::new();
    match ctx.pool().await {
        Err(err) => findings.push(Finding {
            check: "target.reachable".into(),
            status: Status::Fail,
            detail: format!("{err:#}"),
            fix: "check --database-url / DATABASE_URL, or unset it to use the embedded default".into(),
        }),
        Ok(pool) => {
            let target = doctor::check_target(pool).await?;
            let migrated = !target.iter().any(|f| f.check == "target.migrations" && f.status == Status::Fail);
            findings.extend(target);
            if migrated {
                findings.extend(doctor::check_secrets(pool, MasterKey::from_env()).await?);
                findings.extend(doctor::check_source(pool, ctx.source_url.as_deref()).await?);
                findings.extend(doctor::check_etl(pool, args.max_lag_hours).await?);
            }
        }
    }
    output::print_list(&findings, args.format)?;
    let failed = findings.iter().filter(|f| f.status == Status::Fail).count();
    if failed > 0 {
        anyhow::bail!("{failed} check(s) failed");
    }
    Ok(())
}
